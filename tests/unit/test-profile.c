/*
 * test-profile.c - the strict profile loader: every shipped profile loads,
 * a user's profile file loads the same way, and every kind of mistake is
 * STK_ERR_PROFILE naming the file and the line where it is.
 */
#include "tap.h"
#include "profile_internal.h"

static char src_dir[2048];

static const char *data(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/tests/data/profiles/%s", src_dir, name);
	return buf;
}

/* Loading `name` fails with the mistake reported at line:column (column 0:
 * any column) and a message holding `words`. */
static void expect_error(const char *name, int line, int column, const char *words)
{
	char path[2200], where[64];
	stk_profile *p = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_profile_load_file(data(path, sizeof path, name), &p, &err);
	is_int(s, STK_ERR_PROFILE, "%s: refused as an invalid profile", name);
	ok(p == NULL, "%s: no profile on failure", name);
	is_str(err.file, path, "%s: the error names the file", name);
	if (column)
		snprintf(where, sizeof where, "line %d, column %d: ", line, column);
	else
		snprintf(where, sizeof where, "line %d, column ", line);
	if (!ok(strncmp(err.msg, where, strlen(where)) == 0, "%s: at %s", name, where))
		tap_diag("message: %s", err.msg);
	if (!ok(strstr(err.msg, words) != NULL, "%s: says \"%s\"", name, words))
		tap_diag("message: %s", err.msg);
	stk_profile_free(p);
}

static void test_errors(void)
{
	expect_error("unknown-key.json", 16, 11, "unknown key \"valeu\"");
	expect_error("wrong-type.json", 14, 11, "\"severity\" in a rule must be a string");
	expect_error("syntax-error.json", 20, 0, "");
	expect_error("unknown-check.json", 15, 11, "unknown check \"widht\"");
	expect_error("pack-check-in-file-role.json", 15, 11, "role \"pack\"");
	expect_error("wrong-value-type.json", 16, 11, "wants a whole number");
	expect_error("bad-placeholder.json", 17, 11, "{limt}");
	expect_error("foreign-rule-id.json", 13, 11, "must be lower case and start with \"mystore.\"");
	expect_error("unknown-top-key.json", 6, 3, "unknown key \"colour\" in the profile");
	expect_error("unknown-match-key.json", 10, 38, "unknown key \"size\"");
	expect_error("duplicate-rule-id.json", 26, 11, "used twice");
	expect_error("unknown-role-ref.json", 35, 11, "names role \"tray\"");
	expect_error("bad-pattern.json", 20, 11, "POSIX extended regular expression");
	expect_error("field-missing.json", 16, 9, "needs a \"field\"");
}

static void test_user_profile(void)
{
	char path[2200];
	stk_profile *p = NULL;
	stk_error err;
	stk_error_init(&err);
	is_int(stk_profile_load_file(data(path, sizeof path, "minimal.json"), &p, &err), STK_OK,
	       "a user's profile file loads");
	if (!p)
		return;
	is_str(stk_profile_id(p), "mystore", "id");
	is_str(stk_profile_name(p), "My Store", "name");
	is_str(stk_profile_confidence(p), "low", "confidence");
	is_int(stk_profile_role_count(p), 1, "one role");
	is_str(stk_profile_role_id(p, 0), "sticker", "role id");
	ok(stk_profile_role_id(p, 1) == NULL, "role index out of range is NULL");
	is_int(stk_profile_rule_count(p), 1, "one rule");
	const stk_rule *r = stk_profile_rule(p, 0);
	is_str(r->id, "mystore.sticker.width", "rule id");
	is_str(r->role, "sticker", "rule role");
	is_str(r->check, "width", "rule check");
	is_str(r->value_json, "256", "rule value as JSON");
	is_int(r->severity, STK_SEVERITY_ERROR, "rule severity");
	ok(r->field == NULL, "no field for a file check");
	ok(stk_profile_find_rule(p, "mystore.sticker.width") == r, "find a rule by id");
	ok(stk_profile_find_rule(p, "mystore.nope") == NULL, "unknown rule id");
	ok(stk_profile_has_role(p, "sticker") && !stk_profile_has_role(p, "tray"), "has_role");
	stk_profile_free(p);

	/* By path through stk_profile_open, the way --profile FILE works. */
	const char *dirs[] = { "/nonexistent", NULL };
	is_int(stk_profile_open(path, dirs, &p, &err), STK_OK, "open by path");
	stk_profile_free(p);
	is_int(stk_profile_open("nope", dirs, &p, &err), STK_ERR_PROFILE, "unknown name");
	ok(strstr(err.msg, "/nonexistent") != NULL, "the error says where it looked");
	is_int(stk_profile_open("..etc", dirs, &p, &err), STK_ERR_PROFILE,
	       "a name cannot climb out of the profile folders");
}

static void test_shipped(void)
{
	static const char *const stores[] = {
		"whatsapp", "telegram", "signal", "line", "discord", "imessage", "wechat",
		"kakaotalk", "messenger", "viber",
	};
	char dir[2200];
	snprintf(dir, sizeof dir, "%s/assets/profiles", src_dir);
	const char *dirs[] = { dir, NULL };
	for (size_t i = 0; i < sizeof stores / sizeof stores[0]; i++) {
		stk_profile *p = NULL;
		stk_error err;
		stk_error_init(&err);
		stk_status s = stk_profile_open(stores[i], dirs, &p, &err);
		if (!ok(s == STK_OK, "shipped profile %s loads strictly", stores[i])) {
			tap_diag("%s: %s", err.file, err.msg);
			continue;
		}
		is_str(stk_profile_id(p), stores[i], "%s: id matches the file name", stores[i]);
		ok(stk_profile_rule_count(p) > 0, "%s: has rules", stores[i]);
		for (size_t j = 0; j < stk_profile_rule_count(p); j++) {
			const stk_rule *r = stk_profile_rule(p, j);
			if (!r->source[0] || !r->fix[0])
				ok(0, "%s has a source and a fix", r->id);
		}
		stk_profile_free(p);
	}
}

/* The WhatsApp profile mirrors the sample app's validator (platforms.md §1.3). */
static void test_whatsapp_rules(void)
{
	static const char *const ids[] = {
		"whatsapp.contents.known-fields", "whatsapp.contents.packs",
		"whatsapp.pack.identifier-required", "whatsapp.pack.identifier-length",
		"whatsapp.pack.identifier-characters", "whatsapp.pack.identifier-traversal",
		"whatsapp.pack.identifier-unique", "whatsapp.pack.name-required",
		"whatsapp.pack.name-length", "whatsapp.pack.publisher-required",
		"whatsapp.pack.publisher-length", "whatsapp.pack.tray-required",
		"whatsapp.pack.image-data-version", "whatsapp.pack.play-store-link",
		"whatsapp.pack.play-store-host", "whatsapp.pack.app-store-link",
		"whatsapp.pack.app-store-host", "whatsapp.pack.license-link",
		"whatsapp.pack.privacy-link", "whatsapp.pack.website-link", "whatsapp.pack.email",
		"whatsapp.pack.min-stickers", "whatsapp.pack.max-stickers", "whatsapp.pack.no-mixing",
		"whatsapp.tray.exists", "whatsapp.tray.width", "whatsapp.tray.height",
		"whatsapp.tray.max-bytes", "whatsapp.sticker.exists", "whatsapp.sticker.min-bytes",
		"whatsapp.sticker.image-file", "whatsapp.sticker.image-file-traversal",
		"whatsapp.sticker.known-fields", "whatsapp.sticker.extension",
		"whatsapp.sticker.format", "whatsapp.sticker.width", "whatsapp.sticker.height",
		"whatsapp.sticker.emojis-min", "whatsapp.sticker.emojis-max",
		"whatsapp.sticker.max-bytes", "whatsapp.sticker.max-bytes-animated",
		"whatsapp.sticker.animated", "whatsapp.sticker.static",
		"whatsapp.sticker.frame-duration", "whatsapp.sticker.duration",
		"whatsapp.sticker.accessibility-text", "whatsapp.sticker.accessibility-text-animated",
	};
	char dir[2200];
	snprintf(dir, sizeof dir, "%s/assets/profiles", src_dir);
	const char *dirs[] = { dir, NULL };
	stk_profile *p = NULL;
	stk_error err;
	if (stk_profile_open("whatsapp", dirs, &p, &err) != STK_OK) {
		ok(0, "whatsapp loads");
		return;
	}
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		ok(stk_profile_find_rule(p, ids[i]) != NULL, "whatsapp has %s", ids[i]);
	const stk_rule *r = stk_profile_find_rule(p, "whatsapp.sticker.max-bytes");
	is_str(r ? r->value_json : NULL, "100000", "static limit is the stricter 100,000");
	ok(r && strstr(r->message, "102,400"), "and the message names the looser 102,400");
	stk_profile_free(p);
}

static void test_locate(void)
{
	const char *text = "{\n  \"a\": [1, {\"b\": \"x\\\"y\", \"c\": {\"d\": 2}}],\n  \"e\": 3\n}";
	const char *p1[] = { "a", "#1", "c", "d" };
	const char *p2[] = { "e" };
	const char *p3[] = { "a", "#5" };
	int line = 0, col = 0;
	bool found = stk__json_locate(text, strlen(text), p1, 4, &line, &col);
	ok(found && line == 2 && col == 32, "locate a nested key past an escaped quote "
	   "(got %d:%d)", line, col);
	found = stk__json_locate(text, strlen(text), p2, 1, &line, &col);
	ok(found && line == 3 && col == 3, "locate a top-level key (got %d:%d)", line, col);
	ok(!stk__json_locate(text, strlen(text), p3, 2, &line, &col), "a missing index");
}

static void test_names(void)
{
	size_t n = 0;
	while (stk_check_name(n))
		n++;
	is_int(n, STK_CK_COUNT, "every check has a name");
	for (size_t i = 0; i < STK_CK_COUNT; i++)
		is_int(stk__checks[i].check, i, "check table row %zu is in enum order", i);
	is_str(stk_severity_name(STK_SEVERITY_WARNING), "warning", "severity names");
}

int main(void)
{
	const char *s = getenv("STK_SOURCE_DIR");
	snprintf(src_dir, sizeof src_dir, "%s", s ? s : ".");
	test_errors();
	test_user_profile();
	test_shipped();
	test_whatsapp_rules();
	test_locate();
	test_names();
	return done_testing();
}
