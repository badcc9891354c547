/* test-emoji.c - emoji validation against Unicode's data and file-name
 * guessing (core/emoji.c). */
#include "tap.h"
#include <stk/stk.h>

int main(void)
{
	const char *q = NULL;
	is_int(stk_emoji_check("😀", NULL), STK_EMOJI_OK, "a plain emoji");
	is_int(stk_emoji_check("👩🏽‍🚀", NULL), STK_EMOJI_OK, "ZWJ with a skin tone");
	is_int(stk_emoji_check("🏳️‍🌈", NULL), STK_EMOJI_OK, "rainbow flag (ZWJ + FE0F)");
	is_int(stk_emoji_check("🇯🇵", NULL), STK_EMOJI_OK, "a regional-indicator flag");
	is_int(stk_emoji_check("#️⃣", NULL), STK_EMOJI_OK, "a keycap");
	is_int(stk_emoji_check("👍🏿", NULL), STK_EMOJI_OK, "thumbs up, dark skin tone");
	is_int(stk_emoji_check("☺", &q), STK_EMOJI_UNQUALIFIED, "without FE0F");
	is_str(q, "☺️", "the qualified form is offered");
	is_int(stk_emoji_check("🏽", NULL), STK_EMOJI_COMPONENT, "a skin tone alone");
	is_int(stk_emoji_check("😀😀", NULL), STK_EMOJI_UNKNOWN, "two emojis");
	is_int(stk_emoji_check("a", NULL), STK_EMOJI_UNKNOWN, "a letter");
	is_int(stk_emoji_check("", NULL), STK_EMOJI_UNKNOWN, "empty");
	is_int(stk_emoji_check("\xf0\x9f\x98", NULL), STK_EMOJI_UNKNOWN, "a cut UTF-8 sequence");
	is_str(stk_emoji_name("😺"), "grinning cat", "names from the data");
	is_str(stk_emoji_guess("grinning-cat.png"), "😺", "a file name as an emoji's name");
	is_str(stk_emoji_guess("art/03_Bounce_Hamster.gif"), "🐹", "the longest run that names one");
	is_str(stk_emoji_guess("fox"), "🦊", "one word");
	ok(stk_emoji_guess("qwzx-plorf.png") == NULL, "no guess for nonsense");
	ok(strcmp(stk_emoji_data_version(), "15.0") >= 0, "emoji data version %s",
	   stk_emoji_data_version());
	return done_testing();
}
