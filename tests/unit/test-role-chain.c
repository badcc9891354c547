/*
 * test-role-chain.c - role inheritance has one owner (profile/): the chain
 * of a role is the roles the profile defines along its id, most specific
 * first; stk__each_rule() walks their rules parents first; and convert's
 * settings come from the same chain (a rule only in "sticker" reaches a
 * still and an animation alike).
 */
#include "tap.h"
#include "profile_internal.h"
#include "stk/convert.h"

#define RULE(id, check, value) \
	"{\"id\": \"t." id "\", \"severity\": \"error\", \"check\": \"" check "\", " \
	"\"value\": " value ", \"message\": \"m\", \"fix\": \"f\", \"source\": \"s\"}"

static const char *text =
	"{\"profile\": 1, \"id\": \"t\", \"name\": \"T\", \"confidence\": \"low\", \"roles\": [\n"
	" {\"id\": \"sticker\", \"name\": \"S\", \"rules\": [" RULE("fmt", "formats", "[\"webp\"]")
	", " RULE("w", "width", "512") ", " RULE("h", "height", "512") ", "
	RULE("bytes", "max-bytes", "100000") "]},\n"
	" {\"id\": \"sticker.animated\", \"name\": \"A\", \"match\": {\"animated\": true},"
	" \"rules\": [" RULE("abytes", "max-bytes", "500000") "]},\n"
	" {\"id\": \"tray\", \"name\": \"Tray\", \"rules\": [" RULE("tw", "width", "96") "]}]}";

static stk_status count_rule(void *user, const stk__rule *r, stk_error *err)
{
	char *order = user;
	(void)err;
	strcat(order, r->pub.id + 2);
	strcat(order, " ");
	return STK_OK;
}

int main(void)
{
	stk_profile *p = NULL;
	stk_error err;
	stk_error_init(&err);
	if (!ok(stk_profile_load_data(text, strlen(text), "t.json", &p, &err) == STK_OK,
	        "the profile loads")) {
		tap_diag("%s", err.msg);
		return done_testing();
	}
	const stk__role *chain[STK_ROLE_DEPTH];
	size_t n = stk__role_chain(p, "sticker.animated", chain, STK_ROLE_DEPTH);
	is_int(n, 2, "sticker.animated: itself and sticker");
	if (n == 2) {
		is_str(chain[0]->id, "sticker.animated", "most specific first");
		is_str(chain[1]->id, "sticker", "then the parent");
	}
	n = stk__role_chain(p, "sticker.static", chain, STK_ROLE_DEPTH);
	is_int(n, 1, "sticker.static, not defined: only sticker");
	n = stk__role_chain(p, "tray", chain, STK_ROLE_DEPTH);
	is_int(n, 1, "tray inherits nothing");
	is_int(stk__role_chain(p, "stickers", chain, STK_ROLE_DEPTH), 0,
	       "a word is not a prefix of a longer word");
	is_int(stk__role_chain(p, "sticker.animated.loop", chain, 1), 1, "max is kept");

	char order[256] = "";
	stk__each_rule(p, stk__profile_role(p, "sticker.animated"), count_rule, order, &err);
	is_str(order, "fmt w h bytes abytes ", "each_rule: the parent's rules first");

	stk_convert_options o;
	stk_convert_options_init(&o);
	is_int(stk_convert_options_profile(&o, p, &err), STK_OK, "convert reads the profile");
	is_int(o.max_bytes, 100000, "a still gets sticker's budget (inherited)");
	is_int(o.max_bytes_anim, 100000, "an animation the stricter of its chain's budgets");
	is_int(o.resize.width, 512, "the canvas is inherited");
	stk_profile_free(p);
	return done_testing();
}
