/*
 * stk/profile.h - store profiles: a store's rules, as data.
 *
 * A profile is a JSON file (format in stickerkit-profile(5)): the store's
 * id and name, and roles (a static sticker, an animated sticker, a tray
 * icon, the pack itself, ...), each with rules.  Every rule has a stable
 * id ("whatsapp.sticker.max-bytes"), a severity, a check from a fixed
 * vocabulary, the check's value, a message with a fix hint and the source
 * the rule comes from.
 *
 * Profiles are loaded strictly: a key the format does not know, a value
 * of the wrong type or an unknown check is STK_ERR_PROFILE, and the error
 * names the file and the line and column ("whatsapp.json:12:7: ...").
 *
 * Ownership: stk_profile_load_*() and stk_profile_open() hand the caller
 * a profile to release with stk_profile_free().  Rules and strings
 * returned by the accessors are borrowed and live as long as the profile.
 */
#ifndef STK_PROFILE_H
#define STK_PROFILE_H

#include "stk/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stk_profile stk_profile;

typedef enum stk_severity {
	STK_SEVERITY_ERROR = 0,    /* the store rejects it */
	STK_SEVERITY_WARNING = 1,  /* accepted, but looks wrong or risks rejection */
} stk_severity;

/* One rule, as the profile states it. */
typedef struct stk_rule {
	const char *id;          /* "whatsapp.sticker.max-bytes" */
	const char *role;        /* "sticker.static", "tray", "pack", ... */
	stk_severity severity;
	const char *check;       /* "max-bytes", one of stk_check_name() */
	const char *field;       /* metadata field for text checks, else NULL */
	const char *value_json;  /* the check's value as compact JSON: "100000" */
	const char *message;     /* may hold {value}, {limit} and {field} */
	const char *fix;         /* how to fix it */
	const char *source;      /* where the rule comes from */
} stk_rule;

/* Loads a profile file.  Errors name the file and line:column. */
STK_API STK_NODISCARD stk_status stk_profile_load_file(const char *path,
	stk_profile **out, stk_error *err);

/* Loads a profile from memory; `name` is used in error messages. */
STK_API STK_NODISCARD stk_status stk_profile_load_data(const char *json, size_t len,
	const char *name, stk_profile **out, stk_error *err);

/* Opens a profile by name or path.  A value with a '/' or ending in
 * ".json" is a file; otherwise "<dir>/<name>.json" is tried in each of the
 * NULL-terminated dirs, in order.  Not found is STK_ERR_PROFILE. */
STK_API STK_NODISCARD stk_status stk_profile_open(const char *name_or_path,
	const char *const *dirs, stk_profile **out, stk_error *err);

/* Accepts NULL. */
STK_API void stk_profile_free(stk_profile *p);

/* The names of the profiles ("<name>.json") in the NULL-terminated dirs,
 * sorted, each once (the first folder holding it wins): up to max
 * allocated strings into names, released with stk_profile_names_free().
 * Returns how many; 0 when no folder has one. */
STK_API size_t stk_profile_list(const char *const *dirs, char **names, size_t max);
STK_API void stk_profile_names_free(char **names, size_t n);

STK_API const char *stk_profile_id(const stk_profile *p);          /* "whatsapp" */
STK_API const char *stk_profile_name(const stk_profile *p);        /* "WhatsApp" */
/* "official", "secondary" or "low". */
STK_API const char *stk_profile_confidence(const stk_profile *p);
STK_API const char *stk_profile_description(const stk_profile *p);

STK_API size_t stk_profile_role_count(const stk_profile *p);
/* Role i's id ("sticker.static") and name ("static sticker"); NULL when i
 * is out of range. */
STK_API const char *stk_profile_role_id(const stk_profile *p, size_t i);
STK_API const char *stk_profile_role_name(const stk_profile *p, size_t i);
/* Whether the profile has a role with this id. */
STK_API bool stk_profile_has_role(const stk_profile *p, const char *role);

/* All rules, in file order. */
STK_API size_t stk_profile_rule_count(const stk_profile *p);
STK_API const stk_rule *stk_profile_rule(const stk_profile *p, size_t i);
/* The rule with this id, or NULL. */
STK_API const stk_rule *stk_profile_find_rule(const stk_profile *p, const char *id);

/* The check vocabulary: names for i = 0, 1, ... until NULL. */
STK_API const char *stk_check_name(size_t i);

/* "error" or "warning". */
STK_API const char *stk_severity_name(stk_severity s);

#ifdef __cplusplus
}
#endif
#endif
