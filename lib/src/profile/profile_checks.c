/* profile_checks.c - the check vocabulary profiles may use (one table). */
#include <string.h>
#include "profile_internal.h"

#define F STK_SCOPE_FILE
#define D STK_SCOPE_FIELD
#define P STK_SCOPE_PACK

/* Indexed by stk__check; names are the profile format's interface. */
const stk__check_info stk__checks[STK_CK_COUNT] = {
	{ "formats", STK_CK_FORMATS, F, STK_V_STRINGS },
	{ "extensions", STK_CK_EXTENSIONS, F, STK_V_STRINGS },
	{ "file-names", STK_CK_FILE_NAMES, F, STK_V_STRINGS },
	{ "exists", STK_CK_EXISTS, F, STK_V_BOOL },
	{ "width", STK_CK_WIDTH, F, STK_V_INT },
	{ "height", STK_CK_HEIGHT, F, STK_V_INT },
	{ "min-width", STK_CK_MIN_WIDTH, F, STK_V_INT },
	{ "max-width", STK_CK_MAX_WIDTH, F, STK_V_INT },
	{ "min-height", STK_CK_MIN_HEIGHT, F, STK_V_INT },
	{ "max-height", STK_CK_MAX_HEIGHT, F, STK_V_INT },
	{ "sizes", STK_CK_SIZES, F, STK_V_STRINGS },
	{ "one-side", STK_CK_ONE_SIDE, F, STK_V_INT },
	{ "min-long-side", STK_CK_MIN_LONG_SIDE, F, STK_V_INT },
	{ "square", STK_CK_SQUARE, F, STK_V_BOOL },
	{ "even-sides", STK_CK_EVEN_SIDES, F, STK_V_BOOL },
	{ "min-bytes", STK_CK_MIN_BYTES, F, STK_V_INT },
	{ "max-bytes", STK_CK_MAX_BYTES, F, STK_V_INT },
	{ "min-frame-duration", STK_CK_MIN_FRAME_DURATION, F, STK_V_INT },
	{ "max-frame-duration", STK_CK_MAX_FRAME_DURATION, F, STK_V_INT },
	{ "min-duration", STK_CK_MIN_DURATION, F, STK_V_INT },
	{ "max-duration", STK_CK_MAX_DURATION, F, STK_V_INT },
	{ "durations", STK_CK_DURATIONS, F, STK_V_NUMBERS },
	{ "min-frames", STK_CK_MIN_FRAMES, F, STK_V_INT },
	{ "max-frames", STK_CK_MAX_FRAMES, F, STK_V_INT },
	{ "max-fps", STK_CK_MAX_FPS, F, STK_V_NUMBER },
	{ "fps", STK_CK_FPS, F, STK_V_NUMBERS },
	{ "animated", STK_CK_ANIMATED, F, STK_V_BOOL },
	{ "alpha", STK_CK_ALPHA, F, STK_V_BOOL },
	{ "loop-forever", STK_CK_LOOP_FOREVER, F, STK_V_BOOL },
	{ "min-plays", STK_CK_MIN_PLAYS, F, STK_V_INT },
	{ "max-plays", STK_CK_MAX_PLAYS, F, STK_V_INT },
	{ "max-play-time", STK_CK_MAX_PLAY_TIME, F, STK_V_INT },
	{ "codecs", STK_CK_CODECS, F, STK_V_STRINGS },
	{ "audio", STK_CK_AUDIO, F, STK_V_BOOL },
	{ "tgs-features", STK_CK_TGS_FEATURES, F, STK_V_STRINGS },
	{ "first-frame-visible", STK_CK_FIRST_FRAME_VISIBLE, F, STK_V_NUMBER },
	{ "min-margin", STK_CK_MIN_MARGIN, F, STK_V_INT },
	{ "transparent-background", STK_CK_TRANSPARENT_BACKGROUND, F, STK_V_BOOL },
	{ "constant-frame-duration", STK_CK_CONSTANT_FRAME_DURATION, F, STK_V_BOOL },
	{ "frame-step", STK_CK_FRAME_STEP, F, STK_V_INT },
	{ "keyframes", STK_CK_KEYFRAMES, F, STK_V_BOOL },
	{ "exif", STK_CK_EXIF, F, STK_V_BOOL },
	{ "exif-valid", STK_CK_EXIF_VALID, F, STK_V_BOOL },
	{ "required", STK_CK_REQUIRED, D, STK_V_BOOL },
	{ "min-length", STK_CK_MIN_LENGTH, D, STK_V_INT },
	{ "max-length", STK_CK_MAX_LENGTH, D, STK_V_INT },
	{ "pattern", STK_CK_PATTERN, D, STK_V_STRING },
	{ "not-contains", STK_CK_NOT_CONTAINS, D, STK_V_STRINGS },
	{ "ends-with", STK_CK_ENDS_WITH, D, STK_V_STRINGS },
	{ "url", STK_CK_URL, D, STK_V_BOOL },
	{ "url-hosts", STK_CK_URL_HOSTS, D, STK_V_STRINGS },
	{ "email", STK_CK_EMAIL, D, STK_V_BOOL },
	{ "min-count", STK_CK_MIN_COUNT, D, STK_V_INT },
	{ "max-count", STK_CK_MAX_COUNT, D, STK_V_INT },
	{ "unique", STK_CK_UNIQUE, D, STK_V_BOOL },
	{ "known-fields", STK_CK_KNOWN_FIELDS, D, STK_V_STRINGS },
	{ "min-stickers", STK_CK_MIN_STICKERS, P, STK_V_INT },
	{ "max-stickers", STK_CK_MAX_STICKERS, P, STK_V_INT },
	{ "sticker-counts", STK_CK_STICKER_COUNTS, P, STK_V_NUMBERS },
	{ "no-mixing", STK_CK_NO_MIXING, P, STK_V_BOOL },
	{ "has-role", STK_CK_HAS_ROLE, P, STK_V_STRING },
	{ "no-duplicates", STK_CK_NO_DUPLICATES, P, STK_V_BOOL },
};

const stk__check_info *stk__check_by_name(const char *name)
{
	for (size_t i = 0; i < STK_CK_COUNT; i++)
		if (strcmp(stk__checks[i].name, name) == 0)
			return &stk__checks[i];
	return NULL;
}

const char *stk_check_name(size_t i)
{
	return i < STK_CK_COUNT ? stk__checks[i].name : NULL;
}
