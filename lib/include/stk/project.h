/*
 * stk/project.h - pack projects: a stickerpack.json manifest, building it
 * for every store at once, and scaffolding a new project.
 *
 * The manifest (stickerkit-manifest(5)) names the pack, its stickers (a
 * file or a folder of frames each, with emojis and optional keywords,
 * accessibility text, fps and art options) and the stores to build for.
 * stk_manifest_load() reads it strictly: an unknown key, a wrong type or
 * an emoji that is not one fully-qualified emoji is STK_ERR_PROFILE with
 * "line L, column C: ..." and the file named.
 *
 * stk_build() turns a manifest into one folder per store under the output
 * folder (layout in stickerkit-build(1)): the stickers through each
 * store's profile, the store's extra images (tray, icons, covers) under
 * their own budgets, the store's own files (contents.json, manifest.json,
 * metadata.json, Contents.json), then validates what it wrote with the same
 * profile.  Jobs run on a small thread pool; outputs are the same bytes
 * whatever the number of threads.  A content-hashed cache in the output
 * folder (.stickerkit-cache/) makes a rebuild with nothing changed encode
 * nothing.
 *
 * Ownership: the loaders hand the caller objects to release with their
 * _free(); strings returned by accessors are borrowed from the object.
 */
#ifndef STK_PROJECT_H
#define STK_PROJECT_H

#include "stk/codec.h"
#include "stk/validate.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STK_MANIFEST_NAME "stickerpack.json"

typedef struct stk_manifest stk_manifest;

/* Reads a manifest: path is the file or the project folder holding
 * stickerpack.json.  Art paths are relative to the manifest's folder. */
STK_API STK_NODISCARD stk_status stk_manifest_load(const char *path, stk_manifest **out,
	stk_error *err);
/* Accepts NULL. */
STK_API void stk_manifest_free(stk_manifest *m);

STK_API const char *stk_manifest_path(const stk_manifest *m);   /* the file */
STK_API const char *stk_manifest_dir(const stk_manifest *m);    /* its folder */
STK_API const char *stk_manifest_identifier(const stk_manifest *m);
STK_API const char *stk_manifest_name(const stk_manifest *m);
STK_API size_t stk_manifest_sticker_count(const stk_manifest *m);
/* Sticker i's file as written in the manifest, or NULL. */
STK_API const char *stk_manifest_sticker_file(const stk_manifest *m, size_t i);
STK_API size_t stk_manifest_target_count(const stk_manifest *m);
STK_API const char *stk_manifest_target(const stk_manifest *m, size_t i);
/* Whether `path` is a file the manifest builds from: the manifest itself,
 * a sticker, a tray/cover/icon source, or a file in a frame folder. */
STK_API bool stk_manifest_uses_file(const stk_manifest *m, const char *path);

/* ---- building ---- */

typedef struct stk_build_options {
	const char *outdir;        /* default: "dist" in the project folder */
	const char *const *targets; /* store ids to build, NULL: the manifest's */
	size_t n_targets;
	unsigned jobs;             /* threads, 0 = the number of processors */
	const char *const *profile_dirs; /* where profiles are found by name
	                                    (NULL-terminated, as stk_profile_open) */
	stk_decode_options decode;
	bool no_cache;             /* neither read nor write the cache */
	stk_progress_fn *progress; /* may be NULL; stage "building", one call
	                              per finished output (target, file, output,
	                              cached, done of total), from worker
	                              threads but one call at a time */
	void *progress_user;
	/* Polled between jobs; true stops the build (STK_ERR_CANCELLED) once
	 * the running jobs finished. */
	bool (*cancelled)(void *user);
	void *cancel_user;
	uint32_t padding[8];
} stk_build_options;

STK_API void stk_build_options_init(stk_build_options *opt);

/* One output of the build: a sticker or a store image in one target. */
typedef struct stk_build_row {
	const char *target;        /* "whatsapp" */
	const char *pack;          /* the pack it went into ("cats", "cats_animated") */
	const char *role;          /* "sticker", "tray", "icon", "main", "tab", ... */
	const char *file;          /* the source, as in the manifest */
	const char *output;        /* relative to the output folder */
	const char *format;        /* "webp", "png", ... */
	bool animated;
	uint64_t bytes, budget;    /* budget 0 = none */
	float quality;
	bool lossless;
	double fps;                /* 0 for a still */
	uint32_t encodes;          /* 0 when cached */
	double ssim;               /* -1 = not measured */
	bool cached;
	double ms;
} stk_build_row;

typedef struct stk_build_result stk_build_result;

/*
 * Builds m.  On STK_OK every output is written and *out says what was
 * done (rows, notes, and each target's validation report); the build's
 * own validation findings do not make it fail: the caller looks at
 * stk_build_errors().  A failure of one sticker (unreadable art, nothing
 * fits the budget) fails the build with that error, the sticker named in
 * err->file; outputs finished before stay valid and cached.
 */
STK_API STK_NODISCARD stk_status stk_build(const stk_manifest *m,
	const stk_build_options *opt, stk_build_result **out, stk_error *err);
/* Accepts NULL. */
STK_API void stk_build_result_free(stk_build_result *r);

STK_API const char *stk_build_outdir(const stk_build_result *r);
STK_API size_t stk_build_row_count(const stk_build_result *r);
STK_API const stk_build_row *stk_build_get_row(const stk_build_result *r, size_t i);
/* Things the build did that the user must hear about: splits, stickers a
 * store cannot take, emojis cut to a store's limit.  One line each. */
STK_API size_t stk_build_note_count(const stk_build_result *r);
STK_API const char *stk_build_note(const stk_build_result *r, size_t i);
/* Each target's validation report, in build order. */
STK_API size_t stk_build_target_count(const stk_build_result *r);
STK_API const char *stk_build_target(const stk_build_result *r, size_t i);
STK_API const stk_report *stk_build_target_report(const stk_build_result *r, size_t i);
/* Errors over all targets' reports. */
STK_API size_t stk_build_errors(const stk_build_result *r);
/* Outputs encoded (not cached) in this build. */
STK_API size_t stk_build_encoded(const stk_build_result *r);
/* Of those, the ones that took their fitted frames from another target's
 * encode of the same art (stores with the same canvas and margin). */
STK_API size_t stk_build_fits_shared(const stk_build_result *r);

/* The build report as JSON (keys in stickerkit-build(1)): a `stickers`
 * array with target, file, output, bytes, budget, encodes, ssim, cached
 * and more per output, the notes, and each target's findings. */
STK_API STK_NODISCARD stk_status stk_build_report_json(const stk_build_result *r,
	stk_buf *out, stk_error *err);

/* ---- scaffolding ---- */

/*
 * Creates a pack project in dir (made if missing; refused when it holds a
 * stickerpack.json already): the manifest, art/ and a README for the
 * illustrator.  name may be NULL (the folder's name).  from (may be NULL)
 * is a folder of art adopted as the stickers: each image file or folder
 * of frames, in name order, copied into art/; emojis are guessed from the
 * file names (stk_emoji_guess()) or left empty.  *count (may be NULL) is
 * set to the number of stickers adopted.
 */
STK_API STK_NODISCARD stk_status stk_project_init(const char *dir, const char *name,
	const char *from, size_t *count, stk_error *err);

#ifdef __cplusplus
}
#endif
#endif
