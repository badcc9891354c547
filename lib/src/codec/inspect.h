/*
 * inspect.h - container inspectors: Telegram's TGS (gzipped Lottie JSON)
 * and WEBM video stickers (Matroska container facts only), read without
 * rendering or decoding frames; the Lottie decoder (lottie_dec.c) checks a
 * document with the TGS one before rlottie sees it.  Each works from
 * memory with hard caps, so a bomb is refused, never unpacked.
 */
#ifndef STK_INSPECT_H
#define STK_INSPECT_H

#include "internal.h"

/* ---- TGS (tgs.c) ---- */

/* The most a TGS inflates to, or a Lottie file holds: real ones are well
 * under a megabyte; a bomb stops here, fast.  validate and the decoder
 * (lottie_dec.c) both use it. */
#define STK__LOTTIE_MAX_JSON (16u << 20)

/* Lottie features Telegram forbids in animated stickers. */
enum {
	STK_TGS_EXPRESSIONS   = 1u << 0,  /* "x" expression strings on properties */
	STK_TGS_IMAGES        = 1u << 1,  /* image assets or image layers (ty 2) */
	STK_TGS_3D_LAYERS     = 1u << 2,  /* "ddd": 1 */
	STK_TGS_MASKS         = 1u << 3,  /* "masksProperties" / "hasMask" */
	STK_TGS_EFFECTS       = 1u << 4,  /* "ef" on layers */
	STK_TGS_TEXT_LAYERS   = 1u << 5,  /* ty 5 */
	STK_TGS_SOLIDS        = 1u << 6,  /* ty 1 */
	STK_TGS_MERGE_PATHS   = 1u << 7,  /* shape "mm" */
	STK_TGS_STAR_SHAPES   = 1u << 8,  /* shape "sr" */
	STK_TGS_GRADIENT_STROKES = 1u << 9, /* shape "gs" */
	STK_TGS_REPEATERS     = 1u << 10, /* shape "rp" */
	STK_TGS_TIME_REMAP    = 1u << 11, /* "tm" on layers */
	STK_TGS_AUTO_ORIENT   = 1u << 12, /* "ao": 1 */
	STK_TGS_FEATURE_COUNT = 13
};

typedef struct stk__tgs_info {
	uint64_t file_bytes;      /* gzip size */
	uint64_t json_bytes;      /* inflated size */
	uint32_t width, height;   /* "w", "h" */
	double fps;               /* "fr" */
	double in_point, out_point; /* "ip", "op" in frames */
	double duration_ms;       /* (op - ip) / fr * 1000 */
	uint32_t features;        /* STK_TGS_* bits found */
	char feature_where[STK_TGS_FEATURE_COUNT][96]; /* JSON path of the first hit of each */
	bool external_images;     /* an image asset names a file rather than a data: URI */
} stk__tgs_info;

/* Inflates at most max_json_bytes (refusing more with STK_ERR_LIMIT, so a
 * gzip bomb stops early), parses the Lottie JSON with jansson and fills
 * info.  Not gzip, not JSON, or not Lottie-shaped is STK_ERR_CORRUPT. */
stk_status stk__tgs_inspect(const uint8_t *data, size_t len, uint64_t max_json_bytes,
                            stk__tgs_info *info, stk_error *err);
const char *stk__tgs_feature_name(unsigned bit_index); /* "expressions", ... */
/* The gzip inflate under that cap on its own: *out is malloc'd. */
stk_status stk__tgs_inflate(const uint8_t *data, size_t len, uint64_t cap, uint8_t **out,
                            size_t *out_len, stk_error *err);
/* The JSON half of stk__tgs_inspect(), for plain Lottie files (info's
 * file_bytes and json_bytes are left to the caller). */
stk_status stk__lottie_inspect(const uint8_t *json, size_t len, stk__tgs_info *info,
                               stk_error *err);

/* ---- WEBM (webm.c) ---- */

typedef struct stk__webm_info {
	uint64_t file_bytes;
	uint32_t width, height;      /* of the first video track */
	double duration_ms;          /* Segment Info Duration * TimecodeScale */
	double fps;                  /* from DefaultDuration, 0 when absent */
	char video_codec[32];        /* CodecID, e.g. "V_VP9" */
	char doc_type[16];           /* EBML DocType: "webm", or "matroska" (also read) */
	bool has_video;
	bool has_audio;
	bool has_alpha;              /* AlphaMode 1 on the video track */
} stk__webm_info;

/* Reads EBML/Matroska headers (EBML DocType "webm", Segment Info, Tracks)
 * without decoding frames.  Anything malformed is STK_ERR_CORRUPT. */
stk_status stk__webm_inspect(const uint8_t *data, size_t len, stk__webm_info *info,
                             stk_error *err);

#endif
