/*
 * profiles.h - the unit tests' way to a store profile as shipped in
 * assets/profiles/ (under STK_SOURCE_DIR, else the current folder).
 */
#ifndef STK_TEST_PROFILES_H
#define STK_TEST_PROFILES_H

#include <stdio.h>
#include <stdlib.h>
#include "tap.h"
#include "stk/profile.h"

/* The shipped profile named id, or NULL (with a diagnostic) when it
 * cannot be loaded; stk_profile_free() it. */
static inline stk_profile *shipped(const char *id)
{
	const char *src = getenv("STK_SOURCE_DIR");
	char path[1024];
	stk_profile *p = NULL;
	stk_error err;
	snprintf(path, sizeof path, "%s/assets/profiles/%s.json", src ? src : ".", id);
	if (stk_profile_load_file(path, &p, &err) != STK_OK) {
		tap_diag("%s: %s", path, err.msg);
		return NULL;
	}
	return p;
}

#endif
