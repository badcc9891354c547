/*
 * convert_internal.h - the pieces behind stk_convert_*(), one file each:
 *
 *   timing.c          timing rules on frame durations -> a plan of frames
 *   budget.c          the quality search under a byte budget (encoder-agnostic)
 *   convert_frames.c  the resized frames of an animation, bounded in memory
 *   convert_canvas.c  fitting a source frame onto the output canvas
 *   convert_webp.c    WebP encodes for probes: stills, streamed animations
 *   convert_still.c   a still under a budget
 *   convert_anim.c    an animation under a budget: the search driver
 *   convert_anim_model.c  its size model (calibration stills, clips, E, c)
 *   convert_palette.c PNG/APNG/GIF under a budget
 *   convert_video.c   a VP9 WEBM under a budget (crf search, then frame rate)
 *   convert_tgs.c     a TGS that meets the store's TGS rules, kept as it is
 *   convert_quality.c SSIM of an encoded output against its frames
 *   convert_options.c options, policy names
 *   convert_profile.c options from a store profile
 *   convert_settle.c  a caller's request over a profile; the output's name
 *   convert_report.c  the report as JSON and text
 *   convert_intake.c  the frames in: source, trim's box, fitted, stabilised, stored
 *   convert.c         stk_convert_file/_image: format, budget, metadata, timing
 *                     plan, dispatch to a search, SSIM, the report; one fit
 *                     finished for several stores (stk__convert_fit)
 */
#ifndef STK_CONVERT_INTERNAL_H
#define STK_CONVERT_INTERNAL_H

#include "art_internal.h"
#include "stk/convert.h"

/* ---- timing.c ---- */

typedef struct stk__timing_rules {
	uint32_t min_frame_ms;      /* shorter frames are merged; 0 = none */
	uint32_t max_total_ms;      /* 0 = none */
	stk_duration_policy policy;
	double max_fps;             /* 0 = none */
	uint32_t min_frames, max_frames; /* 0 = none */
	bool playback_clamp;        /* frames <= 10 ms last 100 ms, as browsers play them */
	const uint32_t *durations;  /* one play lasts one of these: the timeline is */
	uint32_t ndurations;        /* scaled to the nearest; 0 = any */
} stk__timing_rules;

/* Output frame: which source frame it shows, for how long. */
typedef struct stk__tframe {
	uint32_t src;
	uint32_t ms;
} stk__tframe;

typedef struct stk__timing {
	stk__tframe *f;
	uint32_t n;
	uint64_t source_ms, total_ms;
	uint32_t step_ms;           /* every frame a whole number of this, 0 = free */
	char note[256];             /* what was changed, "" if nothing */
} stk__timing;

/* Plans the output frames for source durations ms[0..n-1].  STK_ERR_LIMIT
 * when the animation is too long under STK_DURATION_FAIL. */
stk_status stk__timing_plan(const uint32_t *ms, uint32_t n, const stk__timing_rules *r,
                            stk__timing *out, stk_error *err);
/* A copy of `in` with frames merged so none starts less than `interval` ms
 * after the previous kept one (the frame-rate lever); the total is kept. */
stk_status stk__timing_merge(const stk__timing *in, double interval, uint32_t min_last,
                             stk__timing *out, stk_error *err);
/* `in` resampled onto one frame duration (frame_ms; 0 = chosen so the
 * source's frame boundaries stay where they were, or nearly; at least
 * min_ms): each output frame shows the source frame shown when it starts;
 * holds become repeated frames, or with merge_holds one frame lasting
 * whole steps. */
stk_status stk__timing_uniform(const stk__timing *in, double frame_ms, uint32_t min_ms,
                               bool merge_holds, stk__timing *out, stk_error *err);
/* Frames per second: of the step when there is one, else on average. */
double stk__timing_fps(const stk__timing *t);
/* stk__timing_uniform() as the options ask (o->frame_timing not SOURCE). */
stk_status stk__timing_for(const stk_convert_options *o, const stk__timing *in,
                           double frame_ms, stk__timing *out, stk_error *err);
/* A duration as browsers play it (clamp: <= 10 ms plays as 100 ms). */
uint32_t stk__timing_played_ms(uint32_t ms, bool clamp);
void stk__timing_release(stk__timing *t);

/* ---- budget.c ---- */

/* Encodes at quality q into out; *fixed gets the part of the size that
 * does not depend on q (alpha plane, metadata, headers), 0 if unknown. */
typedef stk_status (*stk__probe_fn)(void *user, double q, stk_buf *out, uint64_t *fixed,
                                    stk_error *err);
/* A size model: a value that grows with q roughly as the size does. */
typedef double (*stk__shape_fn)(void *user, double q);

#define STK__MAX_PROBES 12

typedef struct stk__probe {
	double q;
	uint64_t bytes, fixed;
} stk__probe;

typedef struct stk__search {
	/* in */
	uint64_t budget;
	double window;            /* a fit >= window*budget ends the search (0.93) */
	double q_min, q_max;      /* the range searched */
	double q_first;           /* first probe */
	double q_step;            /* stop when the bracket is this narrow (1) */
	int max_probes;
	stk__probe_fn probe;
	stk__shape_fn interp;     /* bracket interpolation: y = bytes - fixed ~ linear in it */
	stk__shape_fn extrap;     /* one-sided extrapolation: y ~ proportional to it */
	void *user;
	/* out */
	stk__probe probes[STK__MAX_PROBES];
	int n;
	int best;                 /* index of the fitting probe with the highest q, or -1 */
	int smallest;             /* index of the probe with the fewest bytes */
	bool floor;               /* over budget at q_min, or the fixed part alone is */
	stk_buf out;              /* the bytes of probes[best] */
	/* private */
	double predicted;         /* y the model expected of the next probe, 0 = none */
	bool cliff;               /* the last probe was far from its prediction */
	double widths[2];         /* bracket widths of the last two interpolations */
	int seeded;
} stk__search;

/* Defaults: window 0.93, step 1, 7 probes, linear_c and the measured
 * libwebp log-size slopes as models. */
void stk__search_init(stk__search *s, uint64_t budget, double q_min, double q_max);
/* Records an over-budget result known from earlier (not counted against
 * max_probes, no bytes kept); fits are ignored. */
void stk__search_seed(stk__search *s, double q, uint64_t bytes, uint64_t fixed);
/* Runs the search.  STK_OK whether or not something fit (see best);
 * encoder failures are returned as they are. */
stk_status stk__search_run(stk__search *s, stk_error *err);
void stk__search_release(stk__search *s);
/* libwebp's quality -> compression mapping (quant_enc.c). */
double stk__linear_c(double q);
/* exp of the measured log-size slope: 0.010/q below q75, 0.035 above. */
double stk__webp_size_shape(double q);

/* ---- convert_frames.c ---- */

typedef struct stk__frames stk__frames;
/* Frames beyond raw_limit bytes are stored compressed (XOR with the
 * previous frame, deflated); 0 = default (64 MiB). */
stk_status stk__frames_new(uint32_t w, uint32_t h, size_t raw_limit, stk__frames **out,
                           stk_error *err);
stk_status stk__frames_push(stk__frames *fs, const uint8_t *rgba, uint32_t ms,
                            const stk__change *changed, stk_error *err);
uint32_t stk__frames_count(const stk__frames *fs);
uint32_t stk__frames_ms(const stk__frames *fs, uint32_t i);
/* What changed in frame i since frame i-1 (frame 0: everything). */
stk__change stk__frames_changed(const stk__frames *fs, uint32_t i);
/* The last frame pushed, or NULL. */
const uint8_t *stk__frames_last(const stk__frames *fs);
/* Frame i's pixels, valid until the next get; reading in order is cheapest. */
stk_status stk__frames_get(stk__frames *fs, uint32_t i, const uint8_t **rgba,
                           stk_error *err);
/* Keeps frames idx[0..n) unpacked too, replacing those kept before: a
 * sample read out of order probe after probe then costs no inflating
 * (each packed frame read alone replays up to KEY_EVERY frames). */
stk_status stk__frames_pin(stk__frames *fs, const uint32_t *idx, uint32_t n, stk_error *err);
size_t stk__frames_memory(const stk__frames *fs);
void stk__frames_free(stk__frames *fs);

/* ---- convert_canvas.c ---- */

typedef struct stk__canvas {
	uint32_t w, h;              /* output canvas */
	double scale;               /* art scale, source to output */
	stk_filter filter;          /* the fitter's filter, when there is one */
	stk_frame_fitter *fit;      /* NULL: the source size is kept */
} stk__canvas;

/* Plans the layout for a src_w x src_h source whose art is `art` (NULL:
 * the whole frame) with the resize engine's options (NULL: keep size). */
stk_status stk__canvas_init(stk__canvas *c, const stk_resize_options *ropt, uint32_t src_w,
                            uint32_t src_h, const stk_rect *art, stk_error *err);
/* Fits one source frame (src_w*4 bytes a row) into dst (w*h*4 bytes);
 * fully transparent pixels come out as 0,0,0,0 so their colour costs no
 * bytes in any encoder. */
stk_status stk__canvas_fit(stk__canvas *c, const uint8_t *src, uint8_t *dst, stk_error *err);
void stk__canvas_release(stk__canvas *c);

/* ---- convert_webp.c ---- */

typedef struct stk__webp_params {
	float quality;
	bool lossless;
	float alpha_quality;
	int method;
	bool all_keyframes;
} stk__webp_params;

/* An animation to encode: frames of fs in the order and timing of plan. */
typedef struct stk__anim_src {
	stk__frames *fs;
	const stk__timing *plan;
	uint32_t w, h, plays;
	const stk_buf *exif;        /* EXIF chunk payload, or NULL */
	uint32_t frame_ms;          /* every frame this long (merged ones split), 0 = as planned */
	/* every frame a keyframe: frames already encoded with the same
	 * settings, frame j of `reuse` being planned frame reuse_at[j] */
	const stk_buf *reuse;
	const uint32_t *reuse_at;
	uint32_t nreuse;
} stk__anim_src;

stk_status stk__webp_anim_encode(const stk__anim_src *src, const stk__webp_params *p,
                                 stk_buf *out, stk_error *err);
/* Size of one frame as a still WebP (calibration), and of its alpha
 * plane (ALPH chunk; alpha_bytes may be NULL). */
stk_status stk__webp_still_size(const uint8_t *rgba, uint32_t w, uint32_t h,
                                const stk__webp_params *p, uint64_t *bytes,
                                uint64_t *alpha_bytes, stk_error *err);
/* Payload bytes (with chunk headers) of every chunk with this FourCC in a
 * WebP file, at the top level and inside ANMF frames. */
uint64_t stk__webp_chunk_bytes(const uint8_t *data, size_t len, const char fourcc[4]);

/* ---- the conversion context shared by convert*.c ---- */

typedef struct stk__conv {
	const stk_convert_options *opt;
	stk_convert_report *rep;
	stk__canvas canvas;
	stk__frames *fs;            /* resized (and stabilised) source frames */
	uint32_t plays;
	stk_source_info src;
	stk_format format;          /* output format */
	uint64_t budget;
	stk_buf exif;               /* EXIF to write, may be empty */
	uint32_t nsrc;              /* source frames seen */
	uint32_t *src_ms;           /* their durations */
	size_t src_ms_cap;
	int stabilise;              /* threshold used, 0 = off */
	uint8_t *scratch;           /* one canvas frame */
} stk__conv;

/* ---- convert_anim.c, convert_anim_model.c ---- */

/* The animated search's state: the plan, the size model's calibration
 * (S(q) at STK__ANIM_NCAL qualities, E, c) and the sample. */
#define STK__ANIM_NCAL 6
typedef struct stk__anim {
	stk__conv *cv;
	stk__timing plan;           /* the plan being encoded (owned) */
	const uint8_t *rep_frame;   /* representative frame (copy) */
	uint8_t *rep_copy;
	double cal_q[STK__ANIM_NCAL];
	double cal_bytes[STK__ANIM_NCAL];
	int ncal;
	float cal_alpha;            /* the alpha quality S(q) was measured at */
	double cal_alpha_bytes;     /* its alpha plane's bytes */
	double effective;           /* E: full frames' worth of change */
	double c;                   /* the model's scale, corrected by whole probes */
	bool has_alpha;             /* the representative frame has transparency */
	const stk__timing *source;  /* the plan before any frame-rate change (for SSIM) */
	stk__webp_params wp;
	stk__timing sample;         /* frames probed for the whole; n == 0: probes are whole */
	uint32_t *sample_at;        /* the plan index of each sample frame */
	double ratio;               /* whole bytes per sample byte (less the EXIF) */
	bool ratio_measured;        /* by a whole encode, not from the frame counts */
	double sample_q;            /* the sample search's answer, */
	uint64_t sample_bytes;      /* and its bytes */
} stk__anim;

/* The model (convert_anim_model.c).  A probe in the report; one still's
 * size (and its alpha plane's) at p; S(q) measured from q_max down, or
 * moved to another alpha quality; S(q) interpolated (user: the anim); E
 * of a plan; the model's size at q; c corrected by a whole probe, or
 * measured on a clip from the middle of a long plan. */
void stk__anim_note_probe(stk__anim *a, const stk__webp_params *p, uint64_t bytes,
                          bool whole);
stk_status stk__anim_still_size(stk__anim *a, const stk__webp_params *p, uint64_t *bytes,
                                uint64_t *alpha_bytes, stk_error *err);
stk_status stk__anim_calibrate(stk__anim *a, stk_error *err);
stk_status stk__anim_recalibrate_alpha(stk__anim *a, float alpha_q, stk_error *err);
double stk__anim_shape(void *user, double q);
double stk__anim_effective_frames(const stk__anim *a, const stk__timing *plan);
double stk__anim_model(const stk__anim *a, double q);
void stk__anim_correct(stk__anim *a, double q, uint64_t bytes);
stk_status stk__anim_calibrate_clip(stk__anim *a, double q, stk_error *err);

/* ---- convert_intake.c ---- */

/* The frames of path (standard input for "-") into cv's frame store, with
 * their durations: trim's box measured first, each frame fitted to the
 * canvas and stabilised.  A TGS the options keep as it is goes to out
 * instead (*kept; no frames are read).  *hdr is the source's header
 * (owned by the caller). */
stk_status stk__intake_file(stk__conv *cv, const char *path, const stk_decode_options *dopt,
                            stk_buf *out, bool *kept, stk_image **hdr, stk_error *err);
/* The same for the frames of img. */
stk_status stk__intake_image(stk__conv *cv, const stk_image *img, stk_error *err);

/* Records a probe in the report and tells the progress callback. */
void stk__report_probe(const stk__conv *cv, const stk_convert_probe *p);
/* Appends "; text" to the report's notes. */
void stk__report_note(stk_convert_report *rep, const char *fmt, ...) STK_PRINTF(2, 3);

stk_status stk__convert_still(stk__conv *cv, stk_buf *out, stk_error *err);
stk_status stk__convert_anim(stk__conv *cv, const stk__timing *plan, stk_buf *out,
                             stk_error *err);
stk_status stk__convert_palette(stk__conv *cv, const stk__timing *plan, stk_buf *out,
                                stk_error *err);
stk_status stk__convert_video(stk__conv *cv, const stk__timing *plan, stk_buf *out,
                              stk_error *err);
/* *kept when data is a TGS the options keep as it is (out then holds a
 * copy and rep is filled in); otherwise the report's notes say why not. */
stk_status stk__convert_keep_tgs(const stk_convert_options *o, const uint8_t *data,
                                 size_t len, stk_buf *out, stk_convert_report *rep,
                                 bool *kept, stk_error *err);
/* SSIM of an encoded output against the planned frames (a sample of up to
 * 16 for animations), the worse of dark and light. */
stk_status stk__measure_ssim(stk__conv *cv, const stk__timing *plan, const stk_buf *enc,
                             double *ssim, stk_error *err);
/* The same at `samples` instants. */
stk_status stk__measure_ssim_at(stk__conv *cv, const stk__timing *plan, const stk_buf *enc,
                                uint32_t samples, double *ssim, stk_error *err);
/* ---- convert.c: one fit, several finishes ---- */

/* An image's frames fitted to a canvas (trimmed, keyed, outlined,
 * stabilised) once, then encoded under several stores' budgets: a build
 * shares it between targets whose options fit alike. */
typedef struct stk__fit stk__fit;
/* Whether two option sets fit an image into the same frames. */
bool stk__convert_same_fit(const stk_convert_options *a, const stk_convert_options *b);
stk_status stk__convert_fit(const stk_image *img, const stk_convert_options *opt,
                            stk__fit **out, stk_error *err);
/* stk_convert_image(img, opt) from the fit, byte for byte; opt must fit
 * alike (stk__convert_same_fit).  One caller at a time. */
stk_status stk__convert_fitted(stk__fit *f, const stk_image *img,
                               const stk_convert_options *opt, stk_buf *out,
                               stk_convert_report *rep, stk_error *err);
void stk__fit_free(stk__fit *f);

/* The "cannot fit" failure with the smallest size reached and what would fit. */
stk_status stk__budget_fail(stk__conv *cv, uint64_t smallest, const char *what,
                            stk_error *err);

#endif
