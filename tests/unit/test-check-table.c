/*
 * test-check-table.c - every check kind a profile may name is checked: the
 * file, field and pack checkers are tables indexed by check kind, and each
 * kind in the vocabulary (profile_checks.c) has an entry in its scope's
 * table, so a kind added to the vocabulary without a checker fails here
 * instead of silently passing every file.
 */
#include "tap.h"
#include "validate_internal.h"

static const char *scope_name(stk__scope s)
{
	return s == STK_SCOPE_FILE ? "file" : s == STK_SCOPE_FIELD ? "field" : "pack";
}

int main(void)
{
	for (int i = 0; i < STK_CK_COUNT; i++) {
		const stk__check_info *ck = &stk__checks[i];
		if (!ok(ck->name != NULL && (int)ck->check == i, "vocabulary entry %d is kind %d", i, i))
			continue;
		ok(stk__check_exists(ck), "\"%s\" (%s) has a checker", ck->name, scope_name(ck->scope));
		ok(stk__check_by_name(ck->name) == ck, "\"%s\" is found by its name", ck->name);
	}
	/* The tables answer only for their own scope. */
	ok(!stk__file_check_exists(STK_CK_MAX_LENGTH), "max-length is not a file check");
	ok(!stk__pack_check_exists(STK_CK_WIDTH), "width is not a pack check");
	ok(!stk__field_check_exists(STK_CK_NO_MIXING), "no-mixing is not a field check");
	ok(!stk__file_check_exists(STK_CK_COUNT), "past the vocabulary: no entry");
	return done_testing();
}
