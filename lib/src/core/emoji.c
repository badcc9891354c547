/*
 * emoji.c - is this text one real emoji, and which emoji does a file name
 * mean.  The data is Unicode's emoji-test.txt compiled in (emoji_table.c,
 * generated at build time from Debian's unicode-data), so the answer does
 * not depend on files present where the program runs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emoji_internal.h"
#include "internal.h"

static int by_utf8(const void *key, const void *row)
{
	return strcmp(key, ((const stk__emoji_row *)row)->utf8);
}

static const stk__emoji_row *find(const char *s)
{
	return bsearch(s, stk__emoji_rows, stk__emoji_count, sizeof stk__emoji_rows[0], by_utf8);
}

stk_emoji_status stk_emoji_check(const char *text, const char **qualified)
{
	if (qualified)
		*qualified = NULL;
	const stk__emoji_row *r = text && *text ? find(text) : NULL;
	if (!r)
		return STK_EMOJI_UNKNOWN;
	if (r->status == STK__EMOJI_FULLY_QUALIFIED)
		return STK_EMOJI_OK;
	if (r->status == STK__EMOJI_COMPONENT)
		return STK_EMOJI_COMPONENT;
	if (qualified && r->qualified >= 0)
		*qualified = stk__emoji_rows[r->qualified].utf8;
	return STK_EMOJI_UNQUALIFIED;
}

const char *stk_emoji_name(const char *emoji)
{
	const stk__emoji_row *r = emoji ? find(emoji) : NULL;
	return r ? r->name : NULL;
}

const char *stk_emoji_data_version(void)
{
	return stk__emoji_version;
}

/* Lower-case words of a name: letters and digits, anything else a space. */
static void words_of(const char *in, char *out, size_t size)
{
	size_t n = 0;
	bool space = true;
	for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < size; p++) {
		if (isalnum(*p)) {
			out[n++] = (char)tolower(*p);
			space = false;
		} else if (!space) {
			out[n++] = ' ';
			space = true;
		}
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static const char *by_name(const char *words)
{
	char name[128];
	for (size_t i = 0; i < stk__emoji_count; i++) {
		const stk__emoji_row *r = &stk__emoji_rows[i];
		if (r->status != STK__EMOJI_FULLY_QUALIFIED)
			continue;
		words_of(r->name, name, sizeof name);
		if (strcmp(name, words) == 0)
			return r->utf8;
	}
	return NULL;
}

/* The file name's words (its extension and leading numbers dropped) as an
 * emoji's name; failing that, its longest run of words that is one
 * ("bounce-hamster" -> "hamster"), earlier runs first. */
const char *stk_emoji_guess(const char *file_name)
{
	char base[256], words[256];
	if (!file_name)
		return NULL;
	const char *slash = strrchr(file_name, '/');
	snprintf(base, sizeof base, "%s", slash ? slash + 1 : file_name);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	words_of(base, words, sizeof words);
	char *w = words;
	while (isdigit((unsigned char)*w) || *w == ' ')
		w++;
	size_t nw = 0, start[32], len[32];
	for (char *p = w; *p && nw < 32;) {
		start[nw] = (size_t)(p - w);
		size_t l = strcspn(p, " ");
		len[nw++] = l;
		p += l;
		while (*p == ' ')
			p++;
	}
	for (size_t span = nw; span >= 1; span--)
		for (size_t i = 0; i + span <= nw; i++) {
			char run[256];
			size_t end = start[i + span - 1] + len[i + span - 1];
			snprintf(run, sizeof run, "%.*s", (int)(end - start[i]), w + start[i]);
			const char *e = by_name(run);
			if (e)
				return e;
		}
	return NULL;
}
