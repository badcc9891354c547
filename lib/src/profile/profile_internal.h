/*
 * profile_internal.h - the loaded form of a store profile (never installed).
 *
 * A profile keeps the parsed JSON document alive and borrows its strings,
 * so nothing is copied.  Each rule is resolved at load time to a check
 * from the fixed table in profile_checks.c, with its value already
 * converted (number, list of strings or numbers, compiled pattern).
 *
 * profile.c        the public API, role lookup and role inheritance
 * profile_checks.c the check vocabulary (one table)
 * profile_load.c   the profile schema on core/'s strict JSON walker
 * profile_list.c   the profile names a set of folders holds
 */
#ifndef STK_PROFILE_INTERNAL_H
#define STK_PROFILE_INTERNAL_H

#include <regex.h>
#include "json_strict.h"
#include "stk/profile.h"

/* What a check looks at. */
typedef enum stk__scope {
	STK_SCOPE_FILE,   /* facts of one file: size, frames, pixels */
	STK_SCOPE_FIELD,  /* a metadata field (needs "field") */
	STK_SCOPE_PACK,   /* the pack as a whole (role "pack" only) */
} stk__scope;

/* The JSON type a check's value must have. */
typedef enum stk__vtype {
	STK_V_INT,      /* whole number >= 0 */
	STK_V_NUMBER,   /* number >= 0 */
	STK_V_BOOL,
	STK_V_STRING,
	STK_V_STRINGS,  /* non-empty array of strings */
	STK_V_NUMBERS,  /* non-empty array of numbers */
} stk__vtype;

typedef enum stk__check {
	/* file */
	STK_CK_FORMATS, STK_CK_EXTENSIONS, STK_CK_FILE_NAMES, STK_CK_EXISTS,
	STK_CK_WIDTH, STK_CK_HEIGHT, STK_CK_MIN_WIDTH, STK_CK_MAX_WIDTH,
	STK_CK_MIN_HEIGHT, STK_CK_MAX_HEIGHT, STK_CK_SIZES, STK_CK_ONE_SIDE,
	STK_CK_MIN_LONG_SIDE, STK_CK_SQUARE, STK_CK_EVEN_SIDES,
	STK_CK_MIN_BYTES, STK_CK_MAX_BYTES,
	STK_CK_MIN_FRAME_DURATION, STK_CK_MAX_FRAME_DURATION,
	STK_CK_MIN_DURATION, STK_CK_MAX_DURATION, STK_CK_DURATIONS,
	STK_CK_MIN_FRAMES, STK_CK_MAX_FRAMES, STK_CK_MAX_FPS, STK_CK_FPS,
	STK_CK_ANIMATED, STK_CK_ALPHA, STK_CK_LOOP_FOREVER,
	STK_CK_MIN_PLAYS, STK_CK_MAX_PLAYS, STK_CK_MAX_PLAY_TIME,
	STK_CK_CODECS, STK_CK_AUDIO, STK_CK_TGS_FEATURES,
	STK_CK_FIRST_FRAME_VISIBLE, STK_CK_MIN_MARGIN, STK_CK_TRANSPARENT_BACKGROUND,
	STK_CK_CONSTANT_FRAME_DURATION, STK_CK_FRAME_STEP, STK_CK_KEYFRAMES, STK_CK_EXIF, STK_CK_EXIF_VALID,
	/* field */
	STK_CK_REQUIRED, STK_CK_MIN_LENGTH, STK_CK_MAX_LENGTH, STK_CK_PATTERN,
	STK_CK_NOT_CONTAINS, STK_CK_ENDS_WITH, STK_CK_URL, STK_CK_URL_HOSTS, STK_CK_EMAIL,
	STK_CK_MIN_COUNT, STK_CK_MAX_COUNT, STK_CK_UNIQUE, STK_CK_KNOWN_FIELDS,
	/* pack */
	STK_CK_MIN_STICKERS, STK_CK_MAX_STICKERS, STK_CK_STICKER_COUNTS,
	STK_CK_NO_MIXING, STK_CK_HAS_ROLE, STK_CK_NO_DUPLICATES,
	STK_CK_COUNT
} stk__check;

typedef struct stk__check_info {
	const char *name;
	stk__check check;
	stk__scope scope;
	stk__vtype vtype;
} stk__check_info;

/* The table, indexed by stk__check. */
extern const stk__check_info stk__checks[STK_CK_COUNT];
const stk__check_info *stk__check_by_name(const char *name);

typedef struct stk__rule {
	stk_rule pub;              /* strings borrowed from the document */
	const stk__check_info *ck;
	double num;                /* INT, NUMBER, BOOL (0/1) */
	const char *str;           /* STRING */
	const char **strs;         /* STRINGS */
	double *nums;              /* NUMBERS */
	size_t n;                  /* entries in strs or nums */
	regex_t re;                /* "pattern" */
	bool has_re;
	json_t *pass, *fail;       /* "examples": values that must pass / fail */
	const struct stk__role *owner;
} stk__rule;

typedef struct stk__role {
	const char *id;
	const char *name;
	bool has_match;
	int match_animated;        /* -1 any, 0 still, 1 animated */
	const char **match_formats;
	size_t n_formats;
	const char **match_names;  /* fnmatch() patterns on the base name */
	size_t n_names;
	size_t first_rule, n_rules;  /* a slice of the profile's rules */
} stk__role;

struct stk_profile {
	uint32_t magic;
	json_t *doc;
	const char *id, *name, *confidence, *description;
	stk__role *roles;
	size_t n_roles;
	stk__rule *rules;
	size_t n_rules;
};

#define STK_PROFILE_MAGIC 0x53544b50u /* "STKP" */

void stk__profile_check(const stk_profile *p);
const stk__role *stk__profile_role(const stk_profile *p, const char *id);

/*
 * Role inheritance, decided here only: a role's rules are its own and its
 * parents' ("sticker" for "sticker.static", "emoji" for "emoji.animated"),
 * so what validate checks and what convert writes to agree on.
 *
 * stk__role_chain() puts the roles the profile defines along id's chain
 * into out, most specific first (id itself need not be defined: the chain
 * of "sticker.static" in a profile with only "sticker" is that one), and
 * returns how many.  stk__each_rule() calls fn on every rule of role and
 * of its parents, parents first, and stops at the first failure.
 */
#define STK_ROLE_DEPTH 8
/* Whether a role id is a sticker role ("sticker", "sticker.static", "emoji"). */
bool stk__is_sticker_role(const char *id);
/* The role a still or an animated sticker plays in a pack. */
const char *stk__sticker_role(bool animated);
size_t stk__role_chain(const stk_profile *p, const char *id, const stk__role **out,
                       size_t max);
stk_status stk__each_rule(const stk_profile *p, const stk__role *role,
                          stk_status (*fn)(void *, const stk__rule *, stk_error *),
                          void *user, stk_error *err);
/* The limit of a rule as text ("100000", "png, webp") into buf. */
const char *stk__rule_limit(const stk__rule *r, char *buf, size_t size);

#endif
