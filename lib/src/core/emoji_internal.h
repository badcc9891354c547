/*
 * emoji_internal.h - the emoji table generated from Unicode's
 * emoji-test.txt at build time (gen_emoji.py -> emoji_table.c), read by
 * emoji.c.
 */
#ifndef STK_EMOJI_INTERNAL_H
#define STK_EMOJI_INTERNAL_H

#include <stddef.h>

enum {
	STK__EMOJI_FULLY_QUALIFIED = 0,
	STK__EMOJI_COMPONENT = 1,      /* skin tones and hair alone */
	STK__EMOJI_MINIMALLY_QUALIFIED = 2,
	STK__EMOJI_UNQUALIFIED = 3,
};

typedef struct stk__emoji_row {
	const char *utf8;
	const char *name;              /* CLDR short name, "grinning cat" */
	int status;
	int qualified;                 /* row of the fully-qualified form, or -1 */
} stk__emoji_row;

extern const char stk__emoji_version[];
extern const stk__emoji_row stk__emoji_rows[];  /* sorted by utf8 (strcmp) */
extern const size_t stk__emoji_count;

#endif
