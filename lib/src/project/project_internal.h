/*
 * project_internal.h - pack projects (never installed).  Files:
 *   manifest.c        stickerpack.json, read strictly (json_strict.h)
 *   manifest_art.c    art options: the manifest's words -> resize options
 *   build.c           stk_build(): plan, run the jobs, write, validate
 *   build_plan.c      which stickers go into which pack of which store
 *   build_jobs.c      one job: a sticker or store image, cached or encoded
 *   build_stores.c    the stores' own files (contents.json, manifest.json, ...)
 *   build_verdict.c   the validation of what was built, cached by its bytes
 *   build_report.c    the result, its rows and notes, and its JSON
 *   build_clean.c     stale files out of a target's folder
 *   cache.c           the content-hashed cache in the output folder
 *   init.c            stk_project_init()
 */
#ifndef STK_PROJECT_INTERNAL_H
#define STK_PROJECT_INTERNAL_H

#include <pthread.h>
#include "json_strict.h"
#include "stk/project.h"

#define STK__ART_MAX 16

/* Art options in the order given; applied over the store's defaults. */
typedef struct stk__art {
	const char *name[STK__ART_MAX];   /* stk_resize_option_set() words */
	const char *value[STK__ART_MAX];
	size_t n;
	int trim;                         /* -1 unset, else 0/1 */
	double quality;                   /* < 0 unset */
	const char *duration_policy;      /* NULL unset */
} stk__art;

typedef struct stk__sticker {
	const char *file;                 /* as written */
	char *path;                       /* resolved against the manifest's folder */
	const char **emojis;
	size_t n_emojis;
	const char **keywords;
	size_t n_keywords;
	const char *name;                 /* default: the file's base name */
	char *default_name;
	const char *accessibility_text;
	double fps;                       /* 0 unset */
	int animated;                     /* -1 unset, else forced */
	stk__art art;
	const char **targets;             /* NULL: every target */
	size_t n_targets;
} stk__sticker;

typedef struct stk__override {
	const char *target;
	stk__art art;
} stk__override;

struct stk_manifest {
	char *path, *dir;
	json_t *doc;                      /* strings below are borrowed from it */
	const char *identifier, *name, *publisher, *version, *email;
	const char *website, *privacy_policy, *license_agreement, *play_store, *app_store;
	const char *tray, *cover, *icon;  /* sources, relative; NULL: a sticker's */
	char *tray_path, *cover_path, *icon_path;
	stk__art art;
	stk__override *overrides;
	size_t n_overrides;
	const char **targets;
	size_t n_targets;
	stk__sticker *stickers;
	size_t n_stickers;
};

/* A manifest from memory: `name` for errors, art relative to `dir`. */
stk_status stk__manifest_load_data(const char *text, size_t len, const char *name,
                                   const char *dir, stk_manifest **out, stk_error *err);

/* Checks an art option object and fills art (manifest_art.c); the walker
 * is at the object. */
stk_status stk__art_read(stk__jwalk *w, json_t *obj, stk__art *art);
/* Applies art to resize/convert options. */
stk_status stk__art_apply(const stk__art *art, stk_resize_options *ropt,
                          stk_convert_options *copt, stk_error *err);
/* The art options of m for target and sticker s (NULL: pack level): pack,
 * then the target's override, then the sticker's. */
const stk__art *stk__manifest_override(const stk_manifest *m, const char *target);
/* Whether sticker s goes to target. */
bool stk__sticker_in_target(const stk__sticker *s, const char *target);

/* "dir/rel" (rel when absolute), malloc'd; NULL when out of memory. */
char *stk__path_join(const char *dir, const char *rel);
/* Makes dir and its parents (mkdir -p). */
stk_status stk__mkdirs(const char *dir, stk_error *err);

/* ---- cache.c ---- */

/* What a cached output carries besides its bytes. */
typedef struct stk__cache_meta {
	char format[16];
	float quality;
	bool lossless;
	double fps;
	double ssim;
	uint32_t frames;
	uint32_t encodes;          /* when it was made */
	uint64_t budget;
} stk__cache_meta;

/* Content hash of a source: a file's bytes, or a frames folder's files. */
stk_status stk__source_hash(const char *path, uint64_t max_bytes, stk__hash *h,
                            stk_error *err);
/* Looks key up in the cache folder: true and the bytes when a sound entry
 * is there (a corrupt or foreign one is removed and reads as a miss). */
bool stk__cache_get(const char *cache_dir, const char *key, stk_buf *out,
                    stk__cache_meta *meta);
stk_status stk__cache_put(const char *cache_dir, const char *key, const uint8_t *data,
                          size_t len, const stk__cache_meta *meta, stk_error *err);

#endif

/* ---- the build's model (build_*.c) ---- */

/* A source of art: a manifest sticker or a tray/cover/icon file.  Read
 * and hashed once; decoded once, when the first job needs its pixels,
 * and freed when the last job using it is done. */
typedef struct stk__source {
	const char *file;              /* as in the manifest */
	const char *path;              /* resolved */
	char hash[33];
	uint32_t frames;               /* from the cache of probes or a decode */
	bool probed;
	pthread_mutex_t lock;
	stk_image *img;
	size_t users;                  /* jobs still to come that may decode it */
} stk__source;

/* One pack of one store. */
typedef struct stk__pack_plan {
	char *id;                      /* "cats", "cats_animated", "cats_2" */
	char *name;                    /* "Cats", "Cats (animated)", "Cats (2)" */
	char *folder;                  /* relative to the output folder */
	bool animated;
	size_t *stickers;              /* manifest indices, in order */
	size_t n;
	size_t first_job, n_jobs;
} stk__pack_plan;

/* What a store asks that its profile says (read once per target). */
typedef struct stk__store_rules {
	size_t max_emojis;             /* 0 = no limit */
	size_t max_stickers;           /* 0 = no limit */
	bool no_mixing;
	double margin;                 /* recommended (min-margin), 0 = none */
} stk__store_rules;

typedef struct stk__target {
	const char *id;
	stk_profile *p;
	char rules_hash[33];           /* of every rule: part of each cache key */
	stk__store_rules rules;
	stk__pack_plan *packs;
	size_t n_packs;
	stk_report *report;            /* its validation */
	bool verdict_cached;           /* ... replayed from the cache */
} stk__target;

typedef struct stk__job {
	size_t target, pack;
	size_t source;
	size_t sticker;                /* manifest index, or SIZE_MAX for a store image */
	size_t position;               /* 1-based place in the pack */
	const char *role;              /* "sticker", "tray", "icon", ... */
	char *output;                  /* relative to the output folder */
	bool first_frame;              /* a still from an animated source */
	size_t leader;                 /* the first job of its fit group: jobs of
	                                  one source whose options fit alike
	                                  share one fit (stk__convert_fit) */
	uint32_t width, height;        /* store images: the canvas */
	uint64_t max_bytes;            /* store images: the budget */
	const char *emojis[24];        /* cut to the store's limit */
	size_t n_emojis;
	stk_build_row row;
} stk__job;

struct stk_build_result {
	char *outdir;
	char *cache_dir;
	const stk_manifest *m;
	stk_build_options opt;
	stk__source *sources;
	size_t n_sources;
	stk__target *targets;
	size_t n_targets;
	stk__job *jobs;
	size_t n_jobs;
	size_t *units;                 /* the leaders: one pool task each */
	size_t n_units;
	char **notes;
	size_t n_notes;
	pthread_mutex_t lock;          /* progress and counters */
	size_t done;
	size_t encoded;
	size_t fits_shared;            /* encodes that reused another's fit */
};

/* build_plan.c */
stk_status stk__plan_targets(stk_build_result *b, stk_error *err);
stk_status stk__plan_jobs(stk_build_result *b, stk_error *err);
stk_status stk__note(stk_build_result *b, stk_error *err, const char *fmt, ...)
	STK_PRINTF(3, 4);
/* build_jobs.c: jobs of one source that fit alike (the same canvas,
 * margin and art options in two stores) become one unit, run in turn on
 * one thread over one fit. */
stk_status stk__group_jobs(stk_build_result *b, stk_error *err);
stk_status stk__run_unit(void *user, size_t unit, stk_error *err);
stk_status stk__source_probe(stk_build_result *b, stk__source *src, stk_error *err);
/* build_stores.c */
stk_status stk__write_store_files(stk_build_result *b, stk__target *t, stk_error *err);
/* build_verdict.c: validates what was built for t into t->report, or
 * replays the findings cached for exactly these bytes. */
stk_status stk__validate_target(stk_build_result *b, stk__target *t, stk_error *err);
/* build_stores.c: the folders (or, for iMessage, files) a target's
 * validation reads, one at a time: i = 0, 1, ... until false. */
bool stk__verdict_path(const stk_build_result *b, const stk__target *t, size_t i,
                       char *path, size_t size);
/* build_clean.c: removes files this build did not write from the
 * target's folder. */
void stk__clean_target(const stk_build_result *b, const stk__target *t);
/* The file extension a format is written with ("png" for APNG). */
const char *stk__format_ext(stk_format f);
