/*
 * internal.h - helpers shared by the library's .c files (never installed).
 *
 * Error idiom: `return stk__fail(err, STK_ERR_CORRUPT, "bad %s", what);`
 * sets the record and returns the code; STK_TRY(expr) forwards a failure.
 * Internal cross-file names carry the `stk__` prefix.
 *
 * core/ depends on nothing; every layer may use it:
 * error.c        the error record, stk__fail() and friends; checked size
 *                arithmetic and gcd
 * buf.c          growing arrays and byte buffers, the string builder
 * file.c         reading whole files, writing through a temp file + rename,
 *                sorted folder listings
 *                (or link, never replacing), whether two paths are one file
 * image.c        the image model (stk_image: full-canvas RGBA frames)
 * version.c      stk_version()
 * json_strict.c  the strict JSON walker (json_strict.h): key tables, errors
 *                at line:column
 * json_locate.c  finding a value's line and column in JSON text
 * limits.c       the limits table (stk_limits.h): what reading an input may
 *                cost, regular files only, side files, JSON counted first
 * str_index.c    a string -> position hash index (str_index.h)
 * timeline.c     frame times rounded to whole ms without drift
 */
#ifndef STK_INTERNAL_H
#define STK_INTERNAL_H

#include <stdarg.h>
#include "stk/stk.h"

#if defined(__GNUC__)
#define STK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define STK_PRINTF(a, b)
#endif

#define STK_TRY(expr) do { \
	stk_status stk__try_s = (expr); \
	if (stk__try_s != STK_OK) return stk__try_s; \
} while (0)

stk_status stk__fail(stk_error *err, stk_status code, const char *fmt, ...) STK_PRINTF(3, 4);
stk_status stk__fail_frame(stk_error *err, stk_status code, int frame,
                           const char *fmt, ...) STK_PRINTF(4, 5);
stk_status stk__fail_errno(stk_error *err, stk_status code, int errnum,
                           const char *fmt, ...) STK_PRINTF(4, 5);
/* Appends printf-formatted text to a fixed-size note, "; "-separated from
 * what is there; cut short rather than overflow. */
void stk__note_append(char *note, size_t size, const char *fmt, va_list ap);

/* Fills err->file when the failure has no file yet. */
void stk__error_set_file(stk_error *err, const char *file);

/* Overflow-checked size arithmetic: false when the product does not fit. */
bool stk__mul_size(size_t a, size_t b, size_t *out);
/* width*height*4 as size_t, false on overflow. */
bool stk__rgba_size(uint32_t w, uint32_t h, size_t *out);
/* Greatest common divisor (timing steps, animation periods); gcd(a, 0) = a. */
uint64_t stk__gcd(uint64_t a, uint64_t b);

/* Alpha kind of a run of RGBA pixels. */
stk_alpha stk__alpha_of(const uint8_t *rgba, size_t npix);

/* Marks frame i of img as a keyframe (or not); used by the WebP decoder. */
void stk__image_set_keyframe(stk_image *img, uint32_t i, bool keyframe);
/*
 * The frames an image knows of: its kept frames, or for the header of a
 * streamed decode (stk_image_decode_frames()), the timing and keyframe
 * flag of each frame it handed on, noted by the decoder framework (8 bytes
 * a frame, no pixels).  info and validate read facts through these, so a
 * header describes an animation as fully as the decoded image would.
 */
stk_status stk__image_note_frame(stk_image *img, uint32_t duration_ms, bool keyframe,
                                 stk_error *err);
uint32_t stk__image_frames_known(const stk_image *img);
uint32_t stk__image_known_ms(const stk_image *img, uint32_t i);
bool stk__image_known_keyframe(const stk_image *img, uint32_t i);
uint64_t stk__image_known_duration(const stk_image *img);
/* Alpha over the kept frames, else what the decoder saw (source facts). */
stk_alpha stk__image_known_alpha(const stk_image *img);

/* Mutable source facts for decoders. */
stk_source_info *stk__image_source_mut(stk_image *img);

/*
 * Decoder framework.  A format decoder calls stk__dec_canvas() once it
 * knows the canvas (limits are checked there, before any big allocation),
 * fills stk__dec_source() and metadata on d->img, and hands every
 * composited frame to stk__dec_emit().  Frames go to the caller's callback
 * or are kept in d->img.
 */
typedef struct stk__decoder {
	const stk_decode_options *opt;
	stk_image *img;          /* created by stk__dec_canvas() */
	stk_frame_fn fn;         /* NULL: keep frames in img */
	void *user;
	uint32_t frames_emitted;
	uint64_t bytes_kept;     /* RGBA of the frames kept in img */
	uint64_t bytes_decoded;  /* RGBA of every frame emitted, kept or streamed */
	bool not_keyframe;       /* the next frame emitted is not a keyframe (WebP) */
	stk_source_info src;     /* copied into img when decoding ends */
} stk__decoder;

stk_status stk__dec_canvas(stk__decoder *d, uint32_t width, uint32_t height,
                           stk_error *err);
/* Refuses a declared frame count over the limit before decoding frames. */
stk_status stk__dec_check_frame_count(stk__decoder *d, uint64_t declared,
                                      stk_error *err);
/* What the frames decoded in all may come to (stk_limits.h): the larger of
 * opt->max_total_bytes and STK_LIMIT_DECODED_PER_BYTE times the input's
 * bytes read so far. */
uint64_t stk__decoded_limit(const stk__decoder *d);
/* Hands a full-canvas RGBA frame on (copied or given to the callback; a
 * streamed frame's timing is noted on d->img). */
stk_status stk__dec_emit(stk__decoder *d, const uint8_t *rgba,
                         uint32_t duration_ms, stk_error *err);
/* As stk__dec_emit(), but takes ownership of a malloc'd buffer. */
stk_status stk__dec_emit_take(stk__decoder *d, uint8_t *rgba,
                              uint32_t duration_ms, stk_error *err);

/*
 * timeline.c: rounds an animation's timeline to whole milliseconds without
 * drift: each frame lasts round(end) - round(start), so 24 frames of 1/24 s
 * add up to exactly 1000 ms (41, 42, 42, 41, ...).
 */
typedef struct stk__timeline {
	double end_ms;
	uint64_t emitted_ms;
} stk__timeline;
uint32_t stk__timeline_next(stk__timeline *t, double duration_ms);

/* Format decoders (one file each).  They work on d and report errors
 * without a file name; the caller adds it. */
stk_status stk__png_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err);
stk_status stk__gif_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err);
stk_status stk__webp_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err);
stk_status stk__jpeg_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err);
/* Lottie JSON and TGS through rlottie (lottie_dec.c). */
stk_status stk__lottie_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err);
stk_status stk__tgs_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err);
/* WEBM/Matroska, MP4 and MOV through libavformat and libavcodec (video_dec.c). */
stk_status stk__video_decode(stk__decoder *d, stk_format container, const uint8_t *data,
                             size_t len, stk_error *err);
/* Folder of numbered PNG frames (frames_folder.c). */
stk_status stk__folder_decode(stk__decoder *d, const char *dir, stk_error *err);
/* Whether a folder reads as one animation: it has a timing.json, or its
 * files are only numbered .png frames (at least two). */
bool stk__folder_is_frames(const char *dir);

/*
 * Where frames come from (source.c), the one way every streaming reader
 * (convert, resize, info, validate) gets them: a path (a file, a frames
 * folder, or "-": standard input, read once into memory) or bytes in
 * memory (borrowed), decoded frame by frame into a callback as often as
 * the caller asks.
 */
typedef struct stk__decode_source {
	const char *path;           /* NULL for bytes in memory */
	const stk_decode_options *dopt;
	const uint8_t *data;        /* when buffered */
	size_t len;
	bool buffered;              /* decoded from data, not read from path */
	bool folder;                /* path is a folder of frames */
	stk_buf owned;              /* standard input, read once */
} stk__decode_source;
stk_status stk__decode_source_open(stk__decode_source *src, const char *path,
                                   const stk_decode_options *dopt, stk_error *err);
void stk__decode_source_memory(stk__decode_source *src, const uint8_t *data, size_t len,
                               const stk_decode_options *dopt);
/* One decode, each frame handed to fn (stk_image_decode_frames()). */
stk_status stk__decode_source_frames(const stk__decode_source *src, stk_frame_fn fn,
                                     void *user, stk_image **hdr, stk_error *err);
/* One decode keeping no frame: the header with each frame's timing noted. */
stk_status stk__decode_source_scan(const stk__decode_source *src, stk_image **hdr,
                                   stk_error *err);
void stk__decode_source_release(stk__decode_source *src);

/* Format encoders (one file each). */
stk_status stk__png_encode(const stk_image *img, const stk_encode_options *opt,
                           stk_buf *out, stk_error *err);
stk_status stk__gif_encode(const stk_image *img, const stk_encode_options *opt,
                           stk_buf *out, stk_error *err);
stk_status stk__webp_encode(const stk_image *img, const stk_encode_options *opt,
                            stk_buf *out, stk_error *err);
stk_status stk__webm_encode(const stk_image *img, const stk_encode_options *opt,
                            stk_buf *out, stk_error *err);

/*
 * Colour management (icc.c).  stk__icc_open() returns NULL in *out when
 * the profile already is sRGB (nothing to do) and a transform otherwise;
 * a profile Little CMS cannot read is STK_ERR_CORRUPT.
 */
typedef struct stk__icc stk__icc;
stk_status stk__icc_open(const uint8_t *icc, size_t len, stk__icc **out, stk_error *err);
/* Converts straight-alpha RGBA pixels in place to sRGB, alpha untouched. */
void stk__icc_apply(stk__icc *t, uint8_t *rgba, size_t npix);
void stk__icc_close(stk__icc *t);

/* stk_write_file_atomic() with a check of the written temporary file
 * (named like path, same extension) before it is renamed into place; a
 * check that fails leaves nothing behind and its error is returned. */
typedef stk_status (*stk__file_check_fn)(void *user, const char *tmp_path, stk_error *err);
stk_status stk__write_file_checked(const char *path, const void *data, size_t len,
                                   stk__file_check_fn check, void *user, stk_error *err);

/* The names in a folder, dot files left out, sorted by strcmp: malloc'd,
 * released with stk__dir_names_free().  `keep` (may be NULL) filters: it
 * gets the folder and a name. */
typedef bool (*stk__dir_keep_fn)(void *user, const char *dir, const char *name);
stk_status stk__dir_names(const char *dir, stk__dir_keep_fn keep, void *user, char ***names,
                          size_t *n, stk_error *err);
void stk__dir_names_free(char **names, size_t n);

/* A 128-bit content hash for cache keys (hash.c); not cryptographic. */
typedef struct stk__hash {
	uint64_t a, b, len;
} stk__hash;
void stk__hash_init(stk__hash *h);
void stk__hash_update(stk__hash *h, const void *data, size_t len);
/* A string with its length (NULL hashes apart from ""). */
void stk__hash_str(stk__hash *h, const char *s);
/* 32 lower-case hex digits and a NUL. */
void stk__hash_hex(const stk__hash *h, char out[33]);

/*
 * A small thread pool (pool.c): tasks 0..ntasks-1 on `threads` threads,
 * the caller's among them, taken in order.  The first failure (its error
 * is copied to err) or `cancelled` returning true (STK_ERR_CANCELLED)
 * stops new tasks; running ones finish first.  cancelled may be NULL.
 */
typedef stk_status stk__task_fn(void *user, size_t index, stk_error *err);
stk_status stk__pool_run(size_t ntasks, unsigned threads, stk__task_fn *fn, void *user,
                         bool (*cancelled)(void *), void *cancel_user, stk_error *err);
/* Online processors, 1..64. */
unsigned stk__cpu_count(void);


/*
 * Growing memory (buf.c), the one way: nothing else calls realloc to grow.
 *
 * stk__grow_array() makes room for `need` elements of `elem` bytes in v,
 * which holds *cap, doubling from `first`; it returns the (maybe moved)
 * array, or NULL when memory runs out or the size overflows (v is then
 * untouched and still the caller's).  STK_GROW() does that and fails the
 * calling function with STK_ERR_NOMEM.
 */
void *stk__grow_array(void *v, size_t elem, size_t need, size_t *cap, size_t first);
#define STK_GROW(arr, cap, need, first, err) do { \
	void *stk__grown = stk__grow_array((arr), sizeof *(arr), (need), &(cap), (first)); \
	if (!stk__grown) return stk__fail((err), STK_ERR_NOMEM, "out of memory"); \
	(arr) = stk__grown; \
} while (0)
/* Doubles a byte buffer (at least to `first`), never past `limit` bytes:
 * for readers that stop at a limit (inflating, unpacking). */
stk_status stk__grow_capped(uint8_t **buf, size_t *cap, size_t first, size_t limit,
                            stk_error *err);
/* Appends to a byte buffer whose capacity is *cap (encoders writing to
 * memory, readers collecting chunks). */
stk_status stk__buf_append(stk_buf *b, size_t *cap, const void *data, size_t len,
                           stk_error *err);

/* A string builder over an stk_buf: text is appended with a NUL kept after
 * it (not counted in len), and the first failure sticks, so a writer may
 * check each call or only the last. */
typedef struct stk__sb {
	stk_buf *out;
	size_t cap;
	stk_error *err;
	stk_status status;
} stk__sb;
stk_status stk__sb_printf(stk__sb *sb, const char *fmt, ...) STK_PRINTF(2, 3);
stk_status stk__sb_vprintf(stk__sb *sb, const char *fmt, va_list ap);
stk_status stk__sb_put(stk__sb *sb, const char *s, size_t len);

#endif
