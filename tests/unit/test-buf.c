/*
 * test-buf.c - core/buf.c: arrays grow by doubling and keep what they held,
 * an overflowing size is refused without losing the array, capped buffers
 * never pass their cap, and the string builder keeps a NUL after its text
 * and keeps its first failure.
 */
#include <stdint.h>
#include "tap.h"
#include "internal.h"

static stk_status push_all(uint32_t **v, size_t *cap, size_t n, stk_error *err)
{
	for (size_t i = 0; i < n; i++) {
		STK_GROW(*v, *cap, i + 1, 4, err);
		(*v)[i] = (uint32_t)i * 7;
	}
	return STK_OK;
}

static void test_arrays(void)
{
	uint32_t *v = NULL;
	size_t cap = 0;
	stk_error err;
	stk_error_init(&err);
	is_int(push_all(&v, &cap, 1000, &err), STK_OK, "1000 pushes");
	bool same = true;
	for (size_t i = 0; i < 1000; i++)
		same = same && v[i] == i * 7;
	ok(same, "every element kept through the moves");
	is_int(cap, 1024, "capacity doubled from 4");
	size_t was = cap;
	void *big = stk__grow_array(v, sizeof *v, SIZE_MAX / 2, &cap, 4);
	ok(big == NULL, "a size that overflows is refused");
	is_int(cap, was, "and the capacity is left alone");
	ok(v[999] == 999 * 7, "and the array is still the caller's");
	ok(stk__grow_array(v, sizeof *v, 10, &cap, 4) == v, "room already there: same array");
	free(v);
}

static void test_capped(void)
{
	uint8_t *b = NULL;
	size_t cap = 0;
	stk_error err;
	stk_error_init(&err);
	is_int(stk__grow_capped(&b, &cap, 4096, 10000, &err), STK_OK, "first growth");
	is_int(cap, 4096, "to the first size");
	is_int(stk__grow_capped(&b, &cap, 4096, 10000, &err), STK_OK, "second growth");
	is_int(cap, 8192, "doubled");
	is_int(stk__grow_capped(&b, &cap, 4096, 10000, &err), STK_OK, "third growth");
	is_int(cap, 10000, "never past the cap");
	free(b);
	b = NULL;
	cap = 0;
	is_int(stk__grow_capped(&b, &cap, 65536, 100, &err), STK_OK, "a cap under the first size");
	is_int(cap, 100, "is the size");
	free(b);
}

static void test_builder(void)
{
	stk_buf out = { 0 };
	stk_error err;
	stk_error_init(&err);
	stk__sb sb = { &out, 0, &err, STK_OK };
	ok(stk__sb_put(&sb, "", 0) == STK_OK && out.data == NULL,
	   "nothing appended, nothing allocated");
	stk__sb_printf(&sb, "%s=%d", "frames", 12);
	stk__sb_put(&sb, "; ", 2);
	is_int(out.len, 11, "the length counts the text only");
	is_str((const char *)out.data, "frames=12; ", "a NUL follows the text");
	char long_word[2000];
	memset(long_word, 'x', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = 0;
	stk__sb_printf(&sb, "[%s]", long_word);
	is_int(out.len, 11 + 2 + 1999, "text longer than the small buffer");
	ok(out.data[out.len - 1] == ']' && out.data[out.len] == 0, "ends where it should");
	sb.status = STK_ERR_NOMEM;
	is_int(stk__sb_printf(&sb, "more"), STK_ERR_NOMEM, "a failure sticks");
	is_int(out.len, 11 + 2 + 1999, "and nothing more is appended");
	stk_buf_release(&out);
	ok(out.data == NULL && out.len == 0, "released");
}

int main(void)
{
	test_arrays();
	test_capped();
	test_builder();
	return done_testing();
}
