/*
 * resize_opts.c - resize options: defaults, range checks, and setting
 * them from their command-line spelling (one table of words for every
 * command that resizes), colours included.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "art_internal.h"

#define MAX_SIDE 16384u
#define MAX_OUTLINE 1000.0

void stk_resize_options_init(stk_resize_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->mode = STK_SIZE_CANVAS;
	opt->width = opt->height = 512;
	opt->fit = STK_FIT_CONTAIN;
	opt->gravity = STK_GRAVITY_CENTER;
	/* what no one can see (a shadow fading to alpha 1) is not art */
	opt->trim_threshold = STK_TRIM_THRESHOLD_DEFAULT;
	opt->filter = STK_FILTER_LANCZOS3;
	memset(opt->outline_color, 255, 4);
	memset(opt->key_color, 255, 4);
	opt->key_tolerance = 24;
	memset(opt->background, 255, 4);
}

stk_status stk_resize_options_check(const stk_resize_options *o, stk_error *err)
{
	if ((unsigned)o->mode > STK_SIZE_SIDE || (unsigned)o->fit > STK_FIT_FILL ||
	    (unsigned)o->gravity > STK_GRAVITY_BOTTOM_RIGHT ||
	    (unsigned)o->filter > STK_FILTER_PIXEL)
		return stk__fail(err, STK_ERR_INVALID_ARG, "unknown size mode, fit, gravity or filter");
	uint32_t h = o->mode == STK_SIZE_SIDE ? o->width : o->height;
	if (o->width < 1 || o->width > MAX_SIDE || h < 1 || h > MAX_SIDE)
		return stk__fail(err, STK_ERR_INVALID_ARG, "size %ux%u is not within 1..%u a side",
		                 o->width, h, MAX_SIDE);
	if (o->even && (o->mode != STK_SIZE_AT_MOST) && ((o->width | h) & 1))
		return stk__fail(err, STK_ERR_INVALID_ARG, "even sides asked for, but the size "
		                 "%ux%u is odd", o->width, h);
	if (!(o->margin >= 0) || !isfinite(o->margin) || (o->margin_percent && o->margin >= 50))
		return stk__fail(err, STK_ERR_INVALID_ARG, "margin %g%s is out of range",
		                 o->margin, o->margin_percent ? "%" : "");
	if (!(o->outline >= 0 && o->outline <= MAX_OUTLINE))
		return stk__fail(err, STK_ERR_INVALID_ARG, "outline width %g is not in 0..%g",
		                 o->outline, MAX_OUTLINE);
	if (o->trim_threshold == 255)
		return stk__fail(err, STK_ERR_INVALID_ARG, "trim threshold 255 leaves no art");
	return STK_OK;
}

const char *stk_filter_name(stk_filter f)
{
	switch (f) {
	case STK_FILTER_LANCZOS3: return "lanczos3";
	case STK_FILTER_MITCHELL: return "mitchell";
	case STK_FILTER_BOX: return "box";
	case STK_FILTER_NEAREST: return "nearest";
	case STK_FILTER_PIXEL: return "pixel";
	}
	return "lanczos3";
}

/* ---- words ---- */

struct word {
	const char *name;
	int value;
};

static const struct word fits[] = {
	{ "contain", STK_FIT_CONTAIN }, { "cover", STK_FIT_COVER }, { "fill", STK_FIT_FILL },
	{ NULL, 0 },
};

static const struct word filters[] = {
	{ "lanczos3", STK_FILTER_LANCZOS3 }, { "lanczos", STK_FILTER_LANCZOS3 },
	{ "mitchell", STK_FILTER_MITCHELL }, { "box", STK_FILTER_BOX },
	{ "nearest", STK_FILTER_NEAREST }, { "pixel", STK_FILTER_PIXEL }, { NULL, 0 },
};

static const struct word gravities[] = {
	{ "center", STK_GRAVITY_CENTER }, { "centre", STK_GRAVITY_CENTER },
	{ "top", STK_GRAVITY_TOP }, { "bottom", STK_GRAVITY_BOTTOM },
	{ "left", STK_GRAVITY_LEFT }, { "right", STK_GRAVITY_RIGHT },
	{ "top-left", STK_GRAVITY_TOP_LEFT }, { "top-right", STK_GRAVITY_TOP_RIGHT },
	{ "bottom-left", STK_GRAVITY_BOTTOM_LEFT }, { "bottom-right", STK_GRAVITY_BOTTOM_RIGHT },
	{ NULL, 0 },
};

static bool lookup(const struct word *words, const char *s, int *out)
{
	for (; words->name; words++)
		if (strcasecmp(words->name, s) == 0) {
			*out = words->value;
			return true;
		}
	return false;
}

static const struct word colors[] = {
	{ "white", 0xffffffff }, { "black", 0x000000ff }, { "red", 0xff0000ff },
	{ "green", 0x00ff00ff }, { "blue", 0x0000ffff }, { "yellow", 0xffff00ff },
	{ "cyan", 0x00ffffff }, { "magenta", 0xff00ffff }, { "gray", 0x808080ff },
	{ "grey", 0x808080ff }, { "transparent", 0x00000000 }, { "none", 0x00000000 },
	{ NULL, 0 },
};

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* #rgb, #rgba, #rrggbb, #rrggbbaa (the leading # already skipped). */
static bool parse_hex(const char *s, uint8_t rgba[4])
{
	size_t n = strlen(s);
	if (n != 3 && n != 4 && n != 6 && n != 8)
		return false;
	size_t digits = n <= 4 ? 1 : 2;
	rgba[3] = 255;
	for (size_t i = 0; i < n / digits; i++) {
		int v = 0;
		for (size_t d = 0; d < digits; d++) {
			int h = hex_digit(s[i * digits + d]);
			if (h < 0)
				return false;
			v = v * 16 + h;
		}
		rgba[i] = (uint8_t)(digits == 1 ? v * 17 : v);
	}
	return true;
}

stk_status stk_color_parse(const char *s, uint8_t rgba[4], stk_error *err)
{
	int v;
	uint8_t c[4];
	if (s[0] == '#' && parse_hex(s + 1, c)) {
		memcpy(rgba, c, 4);
		return STK_OK;
	}
	if (lookup(colors, s, &v)) {
		uint32_t u = (uint32_t)v;
		rgba[0] = (uint8_t)(u >> 24);
		rgba[1] = (uint8_t)(u >> 16);
		rgba[2] = (uint8_t)(u >> 8);
		rgba[3] = (uint8_t)u;
		return STK_OK;
	}
	return stk__fail(err, STK_ERR_INVALID_ARG, "'%s' is not a colour (a name such as "
	                 "white, or #rgb, #rrggbb, #rrggbbaa)", s);
}

/* ---- numbers ---- */

static bool parse_uint(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || errno || v < min || v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool parse_number(const char *s, double min, double max, double *out)
{
	char *end;
	if (!((*s >= '0' && *s <= '9') || *s == '.'))
		return false;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* WxH (also 512X512), each side 1..MAX_SIDE. */
static bool parse_size(const char *s, uint32_t *w, uint32_t *h)
{
	char buf[32];
	const char *x = strpbrk(s, "xX");
	if (!x || (size_t)(x - s) >= sizeof buf)
		return false;
	memcpy(buf, s, (size_t)(x - s));
	buf[x - s] = '\0';
	return parse_uint(buf, 1, MAX_SIDE, w) && parse_uint(x + 1, 1, MAX_SIDE, h);
}

/* "VALUE" or "VALUE:EXTRA", split at the last colon (colours have none). */
static void split(const char *s, char *head, size_t size, const char **tail)
{
	const char *colon = strrchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	if (n >= size)
		n = size - 1;
	memcpy(head, s, n);
	head[n] = '\0';
	*tail = colon ? colon + 1 : NULL;
}

static bool parse_margin(const char *s, stk_resize_options *o)
{
	char buf[64];
	size_t n = strlen(s);
	bool pct = n > 0 && s[n - 1] == '%';
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n + 1);
	if (pct)
		buf[n - 1] = '\0';
	double v;
	if (!parse_number(buf, 0, pct ? 49.9 : MAX_SIDE, &v))
		return false;
	o->margin = v;
	o->margin_percent = pct;
	return true;
}

static bool parse_outline(const char *s, stk_resize_options *o)
{
	char head[64];
	const char *color;
	double w;
	split(s, head, sizeof head, &color);
	if (!parse_number(head, 0, MAX_OUTLINE, &w))
		return false;
	if (color && stk_color_parse(color, o->outline_color, NULL) != STK_OK)
		return false;
	o->outline = w;
	return true;
}

static bool parse_key(const char *s, stk_resize_options *o)
{
	char head[64], tol[32];
	const char *t;
	uint8_t c[4];
	double v = o->key_tolerance;
	split(s, head, sizeof head, &t);
	if (stk_color_parse(head, c, NULL) != STK_OK)
		return false;
	if (t) {
		size_t n = strlen(t);
		bool pct = n > 0 && t[n - 1] == '%';
		if (n == 0 || n >= sizeof tol)
			return false;
		memcpy(tol, t, n + 1);
		if (pct)
			tol[n - 1] = '\0';
		if (!parse_number(tol, 0, pct ? 100 : 255, &v))
			return false;
		if (pct)
			v = v * 255 / 100;
	}
	memcpy(o->key_color, c, 4);
	o->key_tolerance = (uint8_t)floor(v + 0.5);
	o->key = true;
	return true;
}

/* Applies one option to o; false when the value is not understood. */
static bool set_value(stk_resize_options *o, const char *name, const char *v)
{
	int e;
	uint32_t n;
	if (strcmp(name, "size") == 0 || strcmp(name, "max-size") == 0) {
		if (!parse_size(v, &o->width, &o->height))
			return false;
		o->mode = name[0] == 's' ? STK_SIZE_CANVAS : STK_SIZE_AT_MOST;
	} else if (strcmp(name, "side") == 0) {
		if (!parse_uint(v, 1, MAX_SIDE, &n))
			return false;
		o->mode = STK_SIZE_SIDE;
		o->width = o->height = n;
	} else if (strcmp(name, "fit") == 0 && lookup(fits, v, &e)) {
		o->fit = (stk_fit)e;
	} else if (strcmp(name, "gravity") == 0 && lookup(gravities, v, &e)) {
		o->gravity = (stk_gravity)e;
	} else if (strcmp(name, "filter") == 0 && lookup(filters, v, &e)) {
		o->filter = (stk_filter)e;
	} else if (strcmp(name, "margin") == 0) {
		return parse_margin(v, o);
	} else if (strcmp(name, "trim-threshold") == 0) {
		if (!parse_uint(v, 0, 254, &n))
			return false;
		o->trim = true;
		o->trim_threshold = (uint8_t)n;
	} else if (strcmp(name, "outline") == 0) {
		return parse_outline(v, o);
	} else if (strcmp(name, "key") == 0) {
		return parse_key(v, o);
	} else if (strcmp(name, "background") == 0) {
		if (stk_color_parse(v, o->background, NULL) != STK_OK)
			return false;
		o->flatten = true;
	} else {
		return false;
	}
	return true;
}

static const char *const expected[][2] = {
	{ "size", "WxH, as 512x512" },
	{ "max-size", "WxH, as 370x320" },
	{ "side", "a whole number of pixels from 1 to 16384" },
	{ "fit", "contain, cover or fill" },
	{ "gravity", "center, top, bottom, left, right, top-left, top-right, "
	             "bottom-left or bottom-right" },
	{ "filter", "lanczos3, mitchell, box or nearest" },
	{ "margin", "pixels, or a percentage under 50 as 5%" },
	{ "trim-threshold", "an alpha level from 0 to 254" },
	{ "outline", "W[:COLOR], as 8 or 8:white" },
	{ "key", "COLOR[:TOLERANCE], as white or #ffffff:10%" },
	{ "background", "a colour: a name such as white, or #rgb, #rrggbb, #rrggbbaa" },
};

static const char *expectation(const char *name)
{
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		if (strcmp(expected[i][0], name) == 0)
			return expected[i][1];
	return NULL;
}

stk_status stk_resize_option_set(stk_resize_options *opt, const char *name,
                                 const char *value, stk_error *err)
{
	if (strcmp(name, "trim") == 0 || strcmp(name, "even") == 0 ||
	    strcmp(name, "no-upscale") == 0) {
		if (name[0] == 't')
			opt->trim = true;
		else if (name[0] == 'e')
			opt->even = true;
		else
			opt->no_upscale = true;
		return STK_OK;
	}
	const char *want = expectation(name);
	if (!want)
		return stk__fail(err, STK_ERR_INVALID_ARG, "unknown resize option '%s'", name);
	stk_resize_options copy = *opt;
	if (!value || !set_value(&copy, name, value))
		return stk__fail(err, STK_ERR_INVALID_ARG, "--%s wants %s, not '%s'", name, want,
		                 value ? value : "");
	*opt = copy;
	return STK_OK;
}
