/*
 * resize_opts.h - resize options for the resize tests, from the CLI's
 * name/value pairs (a NULL-terminated list), as a user would give them.
 */
#ifndef STK_TEST_RESIZE_OPTS_H
#define STK_TEST_RESIZE_OPTS_H

#include "tap.h"
#include "art_internal.h"

static inline stk_resize_options opts(const char *const *kv)
{
	stk_resize_options o;
	stk_error err;
	stk_resize_options_init(&o);
	for (; kv && kv[0]; kv += 2)
		if (stk_resize_option_set(&o, kv[0], kv[1], &err) != STK_OK)
			tap_diag("option %s %s: %s", kv[0], kv[1] ? kv[1] : "", err.msg);
	return o;
}

#endif
