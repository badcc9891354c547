/* version.c - the library version, from meson's project() version. */
#include "internal.h"
#include "stk-version.h"

const char *stk_version(void)
{
	return STK_VERSION_STRING;
}
