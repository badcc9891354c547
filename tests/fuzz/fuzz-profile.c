/*
 * fuzz-profile.c - the strict profile loader on arbitrary bytes: a user's
 * own profile file is input like any image.  A profile that loads is
 * walked through its public accessors, as validate would, and read as
 * conversion settings, as convert would.
 */
#include <stdint.h>
#include <stk/stk.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	stk_profile *p = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_profile_load_data((const char *)data, size, "fuzz.json", &p, &err) != STK_OK)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < stk_profile_role_count(p); i++)
		n += stk_profile_has_role(p, stk_profile_role_id(p, i));
	for (size_t i = 0; i < stk_profile_rule_count(p); i++)
		n += stk_profile_find_rule(p, stk_profile_rule(p, i)->id) != NULL;
	(void)n;
	stk_convert_options opt;
	stk_convert_options_init(&opt);
	if (stk_convert_options_profile(&opt, p, &err) == STK_OK &&
	    stk_resize_options_check(&opt.resize, NULL) != STK_OK && !opt.no_still)
		__builtin_trap(); /* a profile's canvas must be one the resizer takes */
	stk_profile_free(p);
	return 0;
}
