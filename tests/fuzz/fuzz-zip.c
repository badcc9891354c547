/*
 * fuzz-zip.c - the ZIP reader: names, types and caps through libarchive.
 * The callback reads every byte it is given, so ASan sees a short buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pack_internal.h"

/* A ".." component anywhere in a '/'-separated name. */
static bool climbs(const char *name)
{
	size_t n = strlen(name);
	return !strcmp(name, "..") || !strncmp(name, "../", 3) || strstr(name, "/../") ||
	       (n >= 3 && !strcmp(name + n - 3, "/.."));
}

static stk_status touch(void *user, const char *name, const uint8_t *data, size_t len,
                        stk_error *err)
{
	(void)err;
	unsigned sum = 0;
	for (size_t i = 0; i < len; i++)
		sum += data[i];
	/* Names reaching the caller never climb out of the pack. */
	if (name[0] == '/' || climbs(name))
		abort();
	*(unsigned *)user += sum;
	return STK_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sum = 0;
	stk_error err;
	stk_error_init(&err);
	stk__zip_read(data, size, 64, 1u << 20, 4u << 20, touch, &sum, &err);
	return 0;
}
