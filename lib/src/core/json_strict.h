/*
 * json_strict.h - a strict walker for JSON documents people write by hand
 * (profiles, stickerpack.json; never installed).
 *
 * jansson parses; the walker checks each object against a table of the keys
 * a schema knows, with their types and whether they are required, and turns
 * every mistake (a syntax error, an unknown key, a wrong type, a missing
 * key, any schema-specific complaint) into one error naming the file and
 * the line and column of the value, found again in the text by
 * stk__json_locate() (json_locate.c), as jansson keeps no positions.
 *
 * A schema walks the document itself and keeps the walker's path in step:
 * push a key or an index on the way down, pop on the way up, and
 * stk__jwalk_fail() reports at the path (plus one key).  For example:
 *
 *     static const stk__jkey top[] = {
 *         { "name", STK_J_STRING, true }, { "stickers", STK_J_ARRAY, true }, { NULL },
 *     };
 *     json_t *doc;
 *     stk__jwalk w;
 *     STK_TRY(stk__jwalk_open(&w, text, len, "stickerpack.json", STK_ERR_MANIFEST, &doc, err));
 *     s = stk__jwalk_keys(&w, doc, top, "the manifest");
 *     if (s == STK_OK)
 *         s = stk__jwalk_objects(&w, doc, "stickers", "a sticker", load_sticker, pack);
 */
#ifndef STK_JSON_STRICT_H
#define STK_JSON_STRICT_H

#include <jansson.h>
#include "internal.h"

typedef enum stk__jtype {
	STK_J_ANY,     /* any value; the schema checks it */
	STK_J_STRING,
	STK_J_INT,     /* a whole number */
	STK_J_NUMBER,  /* whole or not */
	STK_J_BOOL,
	STK_J_ARRAY,
	STK_J_OBJECT,
} stk__jtype;

/* One key a schema knows; a table ends with { NULL }. */
typedef struct stk__jkey {
	const char *name;
	stk__jtype type;
	bool required;
} stk__jkey;

#define STK_JWALK_MAX_DEPTH 8  /* deeper paths still walk; errors name the first 8 steps */

typedef struct stk__jwalk {
	const char *name;        /* the file errors name */
	const char *text;        /* the document's text, for positions */
	size_t len;
	stk_status code;         /* the code of every failure but out of memory */
	stk_error *err;
	const char *path[STK_JWALK_MAX_DEPTH + 1];
	char index[STK_JWALK_MAX_DEPTH + 1][24];
	size_t depth;
} stk__jwalk;

/* Parses text (duplicate keys refused) into *doc, which the caller
 * json_decref()s, and sets w up to walk it.  A syntax error is `code` at
 * jansson's line and column, naming `name`. */
stk_status stk__jwalk_open(stk__jwalk *w, const char *text, size_t len, const char *name,
                           stk_status code, json_t **doc, stk_error *err);

void stk__jwalk_push_key(stk__jwalk *w, const char *key);
void stk__jwalk_push_index(stk__jwalk *w, size_t i);
void stk__jwalk_pop(stk__jwalk *w);

/* Fails with w->code at the current path (plus `key`, if given):
 * "line L, column C: message", the file set to w->name. */
stk_status stk__jwalk_fail(stk__jwalk *w, const char *key, const char *fmt, ...)
	STK_PRINTF(3, 4);
stk_status stk__jwalk_vfail(stk__jwalk *w, const char *key, const char *fmt, va_list ap);

/* Unknown keys, wrong types, then missing required keys of obj, which the
 * messages call `what` ("a rule", "the profile"). */
stk_status stk__jwalk_keys(stk__jwalk *w, const json_t *obj, const stk__jkey *keys,
                           const char *what);

/* The array obj[key] (checked an array by the key table) holds strings
 * only; with nonempty, at least one.  With out, they are borrowed into a
 * malloc'd *out of *n entries (the caller frees *out). */
stk_status stk__jwalk_strings(stk__jwalk *w, json_t *arr, const char *key, bool nonempty,
                              const char ***out, size_t *n);

/* Calls fn on each element of arr (the value of key), in order, with the
 * path at the element; an element that is not an object fails "`what` must
 * be an object".  Stops at the first failure and returns it. */
typedef stk_status (*stk__jwalk_item_fn)(stk__jwalk *w, json_t *item, size_t i, void *user);
stk_status stk__jwalk_objects(stk__jwalk *w, json_t *arr, const char *key, const char *what,
                              stk__jwalk_item_fn fn, void *user);

/* obj[key] as a borrowed string; NULL when absent or not a string. */
const char *stk__json_str(const json_t *obj, const char *key);

/*
 * Where a JSON value sits in the text: path is a list of object keys and
 * array indices ("roles", "#3", "rules", "#0", "valeu"; "#N" is index N).
 * Returns false when it is not found.  line and column count from 1.
 */
bool stk__json_locate(const char *text, size_t len, const char *const *path,
                      size_t depth, int *line, int *column);

#endif
