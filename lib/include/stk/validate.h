/*
 * stk/validate.h - checking stickers and whole packs against a profile.
 *
 * Validation findings are data, not errors: stk_validate_path() returns
 * STK_OK when it ran, and the verdict is in an stk_report that holds one
 * stk_finding per broken rule (rule id, severity, file, frame, message,
 * measured value, limit).  A file that cannot be read at all is a finding
 * too, with the rule id STK_RULE_UNREADABLE, so one bad file does not hide
 * the others; callers treat those as input errors.
 *
 * What a path may be: a sticker file (PNG, APNG, GIF, WebP, JPEG, Telegram
 * TGS or WEBM); a folder of numbered PNG frames only, or with a timing.json (one
 * animated sticker); a folder of stickers (a pack; title.txt and
 * author.txt give its name and publisher); a built WhatsApp folder
 * (contents.json beside one folder per pack identifier), or its
 * contents.json; a .wastickers or .zip archive of a pack.
 *
 * Ownership: stk_report_new() hands the caller a report to release with
 * stk_report_free().  Findings and their strings are owned by the report.
 */
#ifndef STK_VALIDATE_H
#define STK_VALIDATE_H

#include "stk/codec.h"
#include "stk/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Rule id of the finding for a file that could not be read or decoded. */
#define STK_RULE_UNREADABLE "input.unreadable"
/* Rule id of the finding for a file no role of the profile fits. */
#define STK_RULE_NO_ROLE "input.no-role"

typedef struct stk_report stk_report;

typedef struct stk_finding {
	const char *rule;      /* "whatsapp.sticker.max-bytes" */
	stk_severity severity;
	const char *file;      /* the file, or the pack for pack rules */
	int frame;             /* 0-based frame index, or -1 */
	const char *message;   /* one line */
	const char *value;     /* what was measured ("120345"), or NULL */
	const char *limit;     /* what the rule allows ("100000"), or NULL */
	const char *fix;       /* how to fix it, or NULL */
	const char *source;    /* where the rule comes from, or NULL */
} stk_finding;

/* ---- reports ---- */

/* `profile` is the id reported with the findings (may be NULL). */
STK_API STK_NODISCARD stk_status stk_report_new(const char *profile, stk_report **out,
	stk_error *err);
/* Accepts NULL. */
STK_API void stk_report_free(stk_report *r);

/* Adds a copy of f. */
STK_API STK_NODISCARD stk_status stk_report_add(stk_report *r, const stk_finding *f,
	stk_error *err);
/* Records that a file was checked (with or without findings). */
STK_API STK_NODISCARD stk_status stk_report_add_file(stk_report *r, const char *file,
	stk_error *err);

STK_API const char *stk_report_profile(const stk_report *r);
STK_API size_t stk_report_count(const stk_report *r);
/* Finding i, or NULL when out of range. */
STK_API const stk_finding *stk_report_get(const stk_report *r, size_t i);
STK_API size_t stk_report_errors(const stk_report *r);
STK_API size_t stk_report_warnings(const stk_report *r);
/* Findings with the rule STK_RULE_UNREADABLE. */
STK_API size_t stk_report_unreadable(const stk_report *r);
/* Whether a finding with this rule id is in the report. */
STK_API bool stk_report_has(const stk_report *r, const char *rule);
STK_API size_t stk_report_file_count(const stk_report *r);
STK_API const char *stk_report_file(const stk_report *r, size_t i);

typedef enum stk_report_format {
	STK_REPORT_TEXT = 0,   /* for people: grouped by file, with fix hints */
	STK_REPORT_JSON,       /* {"findings": [...], "errors": N, "warnings": N, ...} */
	STK_REPORT_GITHUB,     /* GitHub Actions workflow commands (::error file=...::) */
	STK_REPORT_JUNIT,      /* JUnit XML: a test case per file and failing rule */
} stk_report_format;

/* Flags for stk_report_write(). */
enum {
	STK_REPORT_STRICT = 1u << 0,  /* warnings count as failures (JUnit, summary) */
	STK_REPORT_COLOUR = 1u << 1,  /* text: severities in ANSI colour (for a
	                                 terminal; the caller decides) */
};

/* Writes the report in a format (UTF-8) into out.  Formats are documented
 * in stickerkit-validate(1). */
STK_API STK_NODISCARD stk_status stk_report_write(const stk_report *r,
	stk_report_format format, unsigned flags, stk_buf *out, stk_error *err);

/* "text", "json", "github", "junit" <-> the enum; false when unknown. */
STK_API bool stk_report_format_from_name(const char *name, stk_report_format *out);

/* ---- validating ---- */

typedef struct stk_validate_options {
	stk_decode_options decode;  /* limits for reading images */
	const char *role;           /* force this role for loose files; NULL: guess */
	/* Progress: told after each file checked (NULL = none). */
	stk_progress_fn *progress;
	void *progress_user;
	uint32_t padding[4];
} stk_validate_options;

STK_API void stk_validate_options_init(stk_validate_options *opt);

/* Checks what is at path (see the top of this file) and adds findings to
 * r.  Returns STK_OK when it ran, whatever it found; an unknown forced
 * role is STK_ERR_INVALID_ARG.  opt may be NULL. */
STK_API STK_NODISCARD stk_status stk_validate_path(const stk_profile *p, const char *path,
	const stk_validate_options *opt, stk_report *r, stk_error *err);

/* Checks one decoded image as `file`, in `role` (NULL: picked from the
 * image, as for a loose file). */
STK_API STK_NODISCARD stk_status stk_validate_image(const stk_profile *p,
	const stk_image *img, const char *file, const char *role, stk_report *r,
	stk_error *err);

/* Checks a file's bytes (an encoder's output before it is written) as
 * `file`, in `role` (NULL: picked from the file).  Bytes that do not
 * decode are an input.unreadable finding. */
STK_API STK_NODISCARD stk_status stk_validate_bytes(const stk_profile *p,
	const uint8_t *data, size_t len, const char *file, const char *role, stk_report *r,
	stk_error *err);

/* Which store a pack is for, from its own files: "whatsapp" for a
 * contents.json or a .wastickers, "telegram" for TGS or WEBM stickers,
 * "line" for main.png and tab.png, "signal" for a signal-cli
 * manifest.json.  NULL when nothing says. */
STK_API const char *stk_validate_guess_profile(const char *path);

#ifdef __cplusplus
}
#endif
#endif
