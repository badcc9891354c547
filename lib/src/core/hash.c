/*
 * hash.c - a 128-bit content hash (two FNV-1a 64-bit lanes with different
 * offsets, mixed at the end), for cache keys.  Not cryptographic: it tells
 * our own files apart, and a cache entry is also checked for its key and
 * length before it is trusted.
 */
#include <stdio.h>
#include <string.h>
#include "internal.h"

void stk__hash_init(stk__hash *h)
{
	h->a = 0xcbf29ce484222325ull;
	h->b = 0x6c62272e07bb0142ull;
	h->len = 0;
}

void stk__hash_update(stk__hash *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t a = h->a, b = h->b;
	for (size_t i = 0; i < len; i++) {
		a = (a ^ p[i]) * 0x100000001b3ull;
		b = (b ^ p[i]) * 0x00000100000001b3ull + 0x9e3779b97f4a7c15ull;
	}
	h->a = a;
	h->b = b;
	h->len += len;
}

void stk__hash_str(stk__hash *h, const char *s)
{
	/* Length first, so "ab"+"c" and "a"+"bc" differ. */
	uint64_t n = s ? strlen(s) : UINT64_MAX;
	stk__hash_update(h, &n, sizeof n);
	if (s)
		stk__hash_update(h, s, strlen(s));
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

void stk__hash_hex(const stk__hash *h, char out[33])
{
	uint64_t a = mix(h->a ^ h->len), b = mix(h->b + a);
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}
