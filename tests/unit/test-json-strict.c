/*
 * test-json-strict.c - the strict JSON walker on a small schema of its own
 * (not the profile's): every mistake fails with the walker's code, names the
 * file and says the line and column of the value at fault.
 */
#include "tap.h"
#include "json_strict.h"

static const stk__jkey sticker_keys[] = {
	{ "file", STK_J_STRING, true }, { "emoji", STK_J_ARRAY, false },
	{ "weight", STK_J_NUMBER, false }, { "still", STK_J_BOOL, false }, { NULL },
};
static const stk__jkey top_keys[] = {
	{ "version", STK_J_INT, true }, { "name", STK_J_STRING, true },
	{ "meta", STK_J_OBJECT, false }, { "extra", STK_J_ANY, false },
	{ "stickers", STK_J_ARRAY, true }, { NULL },
};

struct seen {
	size_t stickers;
	char files[8][16];
	size_t emoji;
};

static stk_status sticker(stk__jwalk *w, json_t *o, size_t i, void *user)
{
	struct seen *seen = user;
	STK_TRY(stk__jwalk_keys(w, o, sticker_keys, "a sticker"));
	const char *file = stk__json_str(o, "file");
	if (!*file)
		return stk__jwalk_fail(w, "file", "a sticker's file must not be empty");
	if (i < 8)
		snprintf(seen->files[i], sizeof seen->files[i], "%s", file);
	json_t *emoji = json_object_get(o, "emoji");
	if (emoji) {
		const char **list = NULL;
		size_t n = 0;
		stk_status s = stk__jwalk_strings(w, emoji, "emoji", true, &list, &n);
		free(list);
		STK_TRY(s);
		seen->emoji += n;
	}
	seen->stickers++;
	return STK_OK;
}

/* Walks `text` with the small schema; the status, the error in *err. */
static stk_status walk(const char *text, struct seen *seen, stk_error *err)
{
	stk__jwalk w;
	json_t *doc;
	stk_error_init(err);
	*seen = (struct seen){ 0 };
	STK_TRY(stk__jwalk_open(&w, text, strlen(text), "pack.json", STK_ERR_CORRUPT, &doc, err));
	stk_status s = stk__jwalk_keys(&w, doc, top_keys, "the pack");
	if (s == STK_OK)
		s = stk__jwalk_objects(&w, json_object_get(doc, "stickers"), "stickers", "a sticker",
		                       sticker, seen);
	if (s == STK_OK && w.depth != 0)
		s = stk__fail(err, STK_ERR_INTERNAL, "path left at depth %zu", w.depth);
	json_decref(doc);
	return s;
}

static void expect(const char *name, const char *text, const char *where, const char *words)
{
	struct seen seen;
	stk_error err;
	stk_status s = walk(text, &seen, &err);
	is_int(s, STK_ERR_CORRUPT, "%s: fails with the walker's code", name);
	is_str(err.file, "pack.json", "%s: names the file", name);
	if (!ok(strncmp(err.msg, where, strlen(where)) == 0, "%s: at %s", name, where))
		tap_diag("message: %s", err.msg);
	if (!ok(strstr(err.msg, words) != NULL, "%s: says \"%s\"", name, words))
		tap_diag("message: %s", err.msg);
}

static void test_good(void)
{
	struct seen seen;
	stk_error err;
	const char *text = "{\"version\": 1, \"name\": \"Cats\", \"extra\": [1, {}],\n"
	                   " \"stickers\": [{\"file\": \"a.png\", \"emoji\": [\"x\", \"y\"]},\n"
	                   "              {\"file\": \"b.png\", \"weight\": 0.5, \"still\": true}]}";
	stk_status s = walk(text, &seen, &err);
	if (!ok(s == STK_OK, "a good document walks"))
		tap_diag("%s", err.msg);
	is_int(seen.stickers, 2, "each sticker visited once");
	is_str(seen.files[0], "a.png", "in order: first");
	is_str(seen.files[1], "b.png", "in order: second");
	is_int(seen.emoji, 2, "the strings are borrowed");
}

static void test_mistakes(void)
{
	expect("syntax", "{\"version\": 1,\n \"name\": }", "line 2, column ", "");
	expect("duplicate key", "{\"version\": 1, \"version\": 2}", "line 1, column ", "");
	expect("unknown top key",
	       "{\"version\": 1, \"name\": \"n\", \"stickers\": [],\n  \"colour\": 3}",
	       "line 2, column 3: ", "unknown key \"colour\" in the pack (known: version, name, ");
	expect("wrong type int", "{\"version\": \"1\", \"name\": \"n\", \"stickers\": []}",
	       "line 1, column 2: ", "\"version\" in the pack must be a whole number");
	expect("a fraction is not a whole number", "{\"version\": 1.5, \"name\": \"n\", "
	       "\"stickers\": []}", "line 1, column 2: ", "must be a whole number");
	expect("wrong type object", "{\"version\": 1, \"name\": \"n\", \"meta\": [], "
	       "\"stickers\": []}", "line 1, column 29: ", "\"meta\" in the pack must be an object");
	expect("missing", "{\"version\": 1,\n \"stickers\": []}", "line 1, column 1: ",
	       "the pack has no \"name\"");
	expect("not an object", "{\"version\": 1, \"name\": \"n\", \"stickers\": [\n  {\"file\": "
	       "\"a\"},\n  7]}", "line 3, column 3: ", "a sticker must be an object");
	expect("unknown nested key", "{\"version\": 1, \"name\": \"n\", \"stickers\": [\n"
	       "  {\"file\": \"a\"},\n  {\"file\": \"b\", \"emoij\": []}]}", "line 3, column 17: ",
	       "unknown key \"emoij\" in a sticker");
	expect("wrong nested type", "{\"version\": 1, \"name\": \"n\", \"stickers\": [\n"
	       "  {\"file\": \"a\", \"weight\": \"heavy\"}]}", "line 2, column 17: ",
	       "\"weight\" in a sticker must be a number");
	expect("schema's own complaint", "{\"version\": 1, \"name\": \"n\", \"stickers\": [\n"
	       "  {\"file\": \"\"}]}", "line 2, column 4: ", "must not be empty");
	expect("not a string in a list", "{\"version\": 1, \"name\": \"n\", \"stickers\": [\n"
	       "  {\"file\": \"a\", \"emoji\": [\"x\",\n     3]}]}", "line 3, column 6: ",
	       "\"emoji\" must hold strings only");
	expect("an empty list", "{\"version\": 1, \"name\": \"n\", \"stickers\": [\n"
	       "  {\"file\": \"a\", \"emoji\": []}]}", "line 2, column 17: ",
	       "\"emoji\" must not be empty");
}

/* The first failure stops the walk: later elements are not visited. */
static void test_stops(void)
{
	struct seen seen;
	stk_error err;
	walk("{\"version\": 1, \"name\": \"n\", \"stickers\": [{\"file\": \"a\"}, 1, "
	     "{\"file\": \"c\"}]}", &seen, &err);
	is_int(seen.stickers, 1, "the walk stops at the first bad element");
}

/* A path deeper than the walker keeps still walks and still fails. */
static void test_deep(void)
{
	stk__jwalk w;
	json_t *doc;
	stk_error err;
	stk_error_init(&err);
	const char *text = "[[[[[[[[[[1]]]]]]]]]]";
	stk_status s = stk__jwalk_open(&w, text, strlen(text), "deep.json", STK_ERR_PROFILE, &doc,
	                               &err);
	is_int(s, STK_OK, "deep document parses");
	for (int i = 0; i < 10; i++)
		stk__jwalk_push_index(&w, 0);
	s = stk__jwalk_fail(&w, NULL, "too deep");
	is_int(s, STK_ERR_PROFILE, "a failure past the kept depth has the code");
	ok(strstr(err.msg, "too deep") != NULL, "and the message");
	for (int i = 0; i < 10; i++)
		stk__jwalk_pop(&w);
	is_int(w.depth, 0, "pops return to the top");
	json_decref(doc);
}

int main(void)
{
	test_good();
	test_mistakes();
	test_stops();
	test_deep();
	return done_testing();
}
