/*
 * json_locate.c - finding where a value sits in JSON text, so an error found
 * after parsing (an unknown key, a wrong type) can still name its line and
 * column.  jansson keeps no positions; this walks the text, which jansson
 * has already accepted as valid JSON, along a path.
 */
#include <stdlib.h>
#include <string.h>
#include "json_strict.h"

struct cur {
	const char *p, *end;
};

static void skip_ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' ||
	                         *c->p == '\r'))
		c->p++;
}

/* Skips a string starting at '"'; returns false on bad input. */
static bool skip_string(struct cur *c)
{
	if (c->p >= c->end || *c->p != '"')
		return false;
	for (c->p++; c->p < c->end; c->p++) {
		if (*c->p == '\\')
			c->p++;
		else if (*c->p == '"') {
			c->p++;
			return true;
		}
	}
	return false;
}

/* Skips any value, nesting included. */
static bool skip_value(struct cur *c)
{
	skip_ws(c);
	if (c->p >= c->end)
		return false;
	if (*c->p == '"')
		return skip_string(c);
	if (*c->p != '{' && *c->p != '[') {
		/* a number, true, false or null */
		while (c->p < c->end && !strchr(",}] \t\r\n", *c->p))
			c->p++;
		return true;
	}
	int depth = 0;
	while (c->p < c->end) {
		char ch = *c->p;
		if (ch == '"') {
			if (!skip_string(c))
				return false;
			continue;
		}
		if (ch == '{' || ch == '[')
			depth++;
		else if ((ch == '}' || ch == ']') && --depth == 0) {
			c->p++;
			return true;
		}
		c->p++;
	}
	return false;
}

/* Whether the JSON string at c->p (a key without escapes) equals key. */
static bool key_is(const struct cur *c, const char *key)
{
	size_t n = strlen(key);
	return c->p + n + 2 <= c->end && c->p[0] == '"' && memcmp(c->p + 1, key, n) == 0 &&
	       c->p[n + 1] == '"';
}

/* Moves to the member `key` of the object at c->p; leaves c at its key. */
static bool enter_object(struct cur *c, const char *key, const char **key_at)
{
	skip_ws(c);
	if (c->p >= c->end || *c->p != '{')
		return false;
	c->p++;
	for (;;) {
		skip_ws(c);
		if (c->p >= c->end || *c->p == '}')
			return false;
		*key_at = c->p;
		bool match = key_is(c, key);
		if (!skip_string(c))
			return false;
		skip_ws(c);
		if (c->p >= c->end || *c->p != ':')
			return false;
		c->p++;
		if (match)
			return true;
		if (!skip_value(c))
			return false;
		skip_ws(c);
		if (c->p < c->end && *c->p == ',')
			c->p++;
	}
}

/* Moves to element `index` of the array at c->p. */
static bool enter_array(struct cur *c, long index)
{
	skip_ws(c);
	if (c->p >= c->end || *c->p != '[')
		return false;
	c->p++;
	for (long i = 0;; i++) {
		skip_ws(c);
		if (c->p >= c->end || *c->p == ']')
			return false;
		if (i == index)
			return true;
		if (!skip_value(c))
			return false;
		skip_ws(c);
		if (c->p < c->end && *c->p == ',')
			c->p++;
	}
}

bool stk__json_locate(const char *text, size_t len, const char *const *path, size_t depth,
                      int *line, int *column)
{
	struct cur c = { text, text + len };
	const char *at = text;
	skip_ws(&c);
	for (size_t i = 0; i < depth; i++) {
		if (path[i][0] == '#') {
			if (!enter_array(&c, strtol(path[i] + 1, NULL, 10)))
				return false;
			skip_ws(&c);
			at = c.p;
		} else if (!enter_object(&c, path[i], &at)) {
			return false;
		}
	}
	/* The key of a member is where people look; an element is its value. */
	*line = 1;
	*column = 1;
	for (const char *q = text; q < at; q++) {
		if (*q == '\n') {
			(*line)++;
			*column = 1;
		} else {
			(*column)++;
		}
	}
	return true;
}
