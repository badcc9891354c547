/*
 * validate_internal.h - the validation engine's model (never installed).
 *
 * Inputs are read into packs of subjects.  A subject is one file (or one
 * manifest document) with the facts the checks look at: its format,
 * bytes, canvas, frames, timing, pixels (an stk_image) or container facts
 * (TGS, WEBM), and its metadata from a manifest.  Checks never read files:
 * they look at subjects, so unit tests can build subjects in memory.
 *
 * validate.c            the entry points, role resolution, the run over an input
 * validate_input.c      a path's packs (read by pack/pack_read.c) as subjects
 * validate_subject.c    one file's facts, from pixels or a container
 * validate_containers.c TGS and WEBM facts (codec/ inspectors)
 * validate_file.c       file checks
 * validate_field.c      metadata field checks
 * validate_pack.c       whole-pack checks
 * validate_pixels.c     pixel facts (visible share, flat frames, hashes)
 */
#ifndef STK_VALIDATE_INTERNAL_H
#define STK_VALIDATE_INTERNAL_H

#include "art_internal.h"
#include "inspect.h"
#include "pack_internal.h"
#include "profile_internal.h"
#include "stk/validate.h"

/* What the art-director checks need of the pixels, gathered one frame at
 * a time (validate_pixels.c). */
typedef struct stk__pixel_facts {
	bool have;                  /* gathered from at least one frame */
	uint32_t w, h, frames;
	stk_alpha alpha;            /* over all frames */
	double first_visible;       /* share of frame 0 that shows */
	bool first_flat;            /* frame 0 is one flat colour */
	bool box;                   /* some art shows: x0..y1 its box over all frames */
	uint32_t x0, y0, x1, y1;
	stk__trim trim;             /* the box, widened frame by frame (art/trim.c) */
	bool corners_opaque;        /* frame 0 opaque at the box's four corners */
	uint64_t hash;              /* of size, frames and pixels (never 0) */
	uint8_t *first_alpha;       /* frame 0's alpha plane, until the end */
} stk__pixel_facts;

typedef struct stk__subject {
	char *file;                 /* shown in findings (owned) */
	char *name;                 /* base name, for role matching (owned) */
	char *source;               /* not read yet: its name in the input's vfs (owned) */
	const char *role;           /* role the input gives it ("tray"), or NULL */
	json_t *meta;               /* manifest entry (a reference), or NULL */
	bool meta_complete;         /* meta lists every field: absent = empty */
	bool document;              /* a manifest: metadata only, no file facts */
	bool missing;               /* the file is not there */
	bool skipped;               /* not read (its name is unsafe) */
	bool unreadable;            /* read but not understood; why says why */
	bool in_pack;               /* one of a pack's files: unreadable is a finding */
	bool absent;                /* ... because there is no such file */
	char why[400];

	/* facts */
	const char *format;         /* "png", "apng", "gif", "webp", "jpeg", "tgs", "webm", ... */
	uint64_t bytes;
	uint32_t width, height;
	uint32_t frames;
	bool animated;
	uint64_t duration_ms;
	double fps;                 /* 0 when unknown */
	uint32_t plays;             /* 0 = forever */
	stk_image *img;             /* the decoded image, or the header of a streamed
	                               decode (each frame's timing, no pixels), or NULL */
	bool img_borrowed;          /* img belongs to the caller */
	stk__pixel_facts px;        /* what the pixels showed (px.have) */
	stk__tgs_info *tgs;         /* owned, or NULL */
	stk__webm_info *webm;       /* owned, or NULL */
	uint64_t hash;              /* of the pixels, 0 when unknown */

	const stk__role *resolved;  /* the role its rules come from, or NULL */
} stk__subject;

typedef struct stk__pack {
	char *file;                 /* shown for pack findings (owned) */
	json_t *meta;               /* pack fields (a reference), or NULL */
	bool meta_complete;
	stk__subject *items;
	size_t n, cap;
} stk__pack;

/* What one path turned into. */
typedef struct stk__input {
	stk__subject *loose;        /* single files and manifests */
	size_t n_loose, cap_loose;
	stk__pack *packs;
	size_t n_packs, cap_packs;
	stk__vfs vfs;               /* where pack files are read from, one at a time (pack/) */
} stk__input;

typedef struct stk__ctx {
	const stk_profile *p;
	stk_report *r;
	const stk_validate_options *opt;
} stk__ctx;

/* ---- subjects (validate_subject.c) ---- */

stk_status stk__subject_init(stk__subject *s, const char *file, const char *name,
                             stk_error *err);
void stk__subject_release(stk__subject *s);
/* Takes img and fills the facts from it: from its frames, or, for the
 * header of a streamed decode, from its timing and the pixel facts
 * gathered already in s->px. */
stk_status stk__subject_set_image(stk__subject *s, stk_image *img);
/* Reads facts from a file's bytes: TGS, WEBM or an image, decoded one
 * frame at a time (no frame is kept). */
stk_status stk__subject_decode(stk__subject *s, const uint8_t *data, size_t len,
                               const stk_decode_options *opt, stk_error *err);
/* The same for a folder of frames. */
stk_status stk__subject_load_folder(stk__subject *s, const char *path,
                                    const stk_decode_options *opt, stk_error *err);
/* Frees the image once the file's checks ran; the facts stay. */
void stk__subject_drop_pixels(stk__subject *s);
/* Marks s unreadable with err's message. */
void stk__subject_fail(stk__subject *s, const stk_error *err);

/* ---- containers (validate_containers.c) ---- */

stk_status stk__subject_tgs(stk__subject *s, const uint8_t *data, size_t len,
                            stk_error *err);
stk_status stk__subject_webm(stk__subject *s, const uint8_t *data, size_t len,
                             stk_error *err);

/* ---- inputs (validate_input.c, over pack/pack_read.c) ---- */

void stk__input_release(stk__input *in);
stk_status stk__input_read(stk__input *in, const char *path, const stk_decode_options *opt,
                           stk_error *err);
stk__subject *stk__input_add_loose(stk__input *in, stk_error *err);
stk__pack *stk__input_add_pack(stk__input *in, const char *file, stk_error *err);
stk__subject *stk__pack_add(stk__pack *pk, stk_error *err);
/* Reads and decodes a subject whose file has not been read yet. */
stk_status stk__input_load(const stk__input *in, stk__subject *s, stk_error *err);

/* Reads and decodes name into s (missing and unreadable are noted in s). */
stk_status stk__vfs_subject(const stk__vfs *v, const char *name, stk__subject *s,
                            stk_error *err);

/* ---- checking (validate.c, validate_file.c, validate_field.c, validate_pack.c) ---- */

/* Picks the role for s (forced, given by the input, or by match). */
const stk__role *stk__resolve_role(const stk__ctx *c, const stk__subject *s);
/* A role's rules, its parents' first: stk__each_rule() (profile/). */

/* Adds a finding for rule r.  value is what was measured; limit NULL means
 * the rule's own value. */
stk_status stk__emit(const stk__ctx *c, const stk__rule *r, const char *file, int frame,
                     const char *value, const char *limit, stk_error *err);
stk_status stk__emit_unreadable(const stk__ctx *c, const char *file, const char *why, bool absent,
                                stk_error *err);

stk_status stk__check_file(const stk__ctx *c, const stk__rule *r, const stk__subject *s,
                           stk_error *err);
stk_status stk__check_field(const stk__ctx *c, const stk__rule *r, const char *file,
                            json_t *meta, bool complete, stk_error *err);
stk_status stk__check_subject(const stk__ctx *c, stk__subject *s, stk_error *err);
/* Whether the file, field or pack checks have an entry for ck (each
 * checker is a table indexed by check kind). */
bool stk__file_check_exists(stk__check ck);
bool stk__field_check_exists(stk__check ck);
bool stk__pack_check_exists(stk__check ck);
/* Whether a rule with check ck is checked at all: by its scope's table. */
bool stk__check_exists(const stk__check_info *ck);
stk_status stk__check_pack(const stk__ctx *c, const stk__pack *pk, const stk__input *in,
                           stk_error *err);

/* Pixel facts (validate_pixels.c): begin with the canvas, one call per
 * frame in order, end (the box's corners, the hash); or all at once from
 * an image's frames. */
void stk__pixels_begin(stk__pixel_facts *pf, uint32_t w, uint32_t h);
stk_status stk__pixels_frame(stk__pixel_facts *pf, const uint8_t *rgba, stk_error *err);
void stk__pixels_end(stk__pixel_facts *pf);
void stk__pixels_release(stk__pixel_facts *pf);
stk_status stk__pixels_of_image(stk__pixel_facts *pf, const stk_image *img, stk_error *err);

/* fnmatch() without regard to case. */
bool stk__name_matches(const char *pattern, const char *name);

#endif
