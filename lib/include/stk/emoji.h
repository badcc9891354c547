/*
 * stk/emoji.h - emoji as the stores want them: one fully-qualified emoji
 * per value (a ZWJ sequence, a flag, a keycap or a skin-tone variant
 * counts as one), checked against Unicode's emoji data (emoji-test.txt,
 * compiled into the library).
 */
#ifndef STK_EMOJI_H
#define STK_EMOJI_H

#include "stk/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum stk_emoji_status {
	STK_EMOJI_OK = 0,          /* one fully-qualified emoji */
	STK_EMOJI_UNQUALIFIED,     /* an emoji without its FE0F (qualified form given) */
	STK_EMOJI_COMPONENT,       /* a skin tone or hair component alone */
	STK_EMOJI_UNKNOWN,         /* not an emoji, or more than one */
} stk_emoji_status;

/* Whether text (UTF-8) is exactly one emoji.  For STK_EMOJI_UNQUALIFIED,
 * *qualified (may be NULL) is set to the fully-qualified form. */
STK_API stk_emoji_status stk_emoji_check(const char *text, const char **qualified);

/* Unicode's short name ("grinning cat"), or NULL when not an emoji. */
STK_API const char *stk_emoji_name(const char *emoji);

/* The emoji a file name names by its words ("grinning-cat.png" gives the
 * grinning cat; "03-bounce-hamster.gif" the hamster), or NULL. */
STK_API const char *stk_emoji_guess(const char *file_name);

/* The Unicode emoji version of the data ("15.0"). */
STK_API const char *stk_emoji_data_version(void);

#ifdef __cplusplus
}
#endif
#endif
