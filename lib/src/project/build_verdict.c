/*
 * build_verdict.c - a built target's validation, cached.  Validating what
 * was built decodes every output again, which is most of a rebuild that
 * changed nothing; so the findings are kept in the build cache under a key
 * made of the tool's version, the store's rules, the decode limits and
 * every name and byte of the folders validated.  The same bytes replay the
 * same findings; anything else (a changed output, a new rule, a foreign or
 * corrupt entry) validates again.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "project_internal.h"

#define TREE_DEPTH 4   /* <target>/<pack>/<file>, and a little room */

/* Names and bytes of a file or of a folder's files, depth first in name
 * order; what cannot be read is hashed as such (and validation will say). */
static void hash_tree(stk__hash *h, const char *path, int depth, uint64_t max_bytes)
{
	struct stat st;
	if (lstat(path, &st) != 0 || depth > TREE_DEPTH) {
		stk__hash_str(h, "?");
		return;
	}
	if (S_ISREG(st.st_mode)) {
		stk_buf b = { 0 };
		if (stk_read_file(path, max_bytes, &b, NULL) == STK_OK) {
			stk__hash_update(h, &b.len, sizeof b.len);
			stk__hash_update(h, b.data, b.len);
		} else {
			stk__hash_str(h, "?");
		}
		stk_buf_release(&b);
		return;
	}
	char **names = NULL;
	size_t n = 0;
	if (!S_ISDIR(st.st_mode) || stk__dir_names(path, NULL, NULL, &names, &n, NULL) != STK_OK) {
		stk__hash_str(h, "?");
		return;
	}
	stk__hash_update(h, &n, sizeof n);
	for (size_t i = 0; i < n; i++) {
		char *p = stk__path_join(path, names[i]);
		stk__hash_str(h, names[i]);
		if (p)
			hash_tree(h, p, depth + 1, max_bytes);
		free(p);
	}
	stk__dir_names_free(names, n);
}

static void verdict_key(const stk_build_result *b, const stk__target *t, char out[33])
{
	stk__hash h;
	char path[4096];
	stk__hash_init(&h);
	stk__hash_str(&h, "verdict");
	stk__hash_str(&h, stk_version());
	stk__hash_str(&h, t->id);
	stk__hash_str(&h, t->rules_hash);
	const stk_decode_options *d = &b->opt.decode;
	stk__hash_update(&h, &d->max_pixels, sizeof d->max_pixels);
	stk__hash_update(&h, &d->max_frames, sizeof d->max_frames);
	stk__hash_update(&h, &d->max_total_bytes, sizeof d->max_total_bytes);
	stk__hash_update(&h, &d->max_held_bytes, sizeof d->max_held_bytes);
	for (size_t i = 0; stk__verdict_path(b, t, i, path, sizeof path); i++) {
		stk__hash_str(&h, path);   /* findings name it */
		hash_tree(&h, path, 0, d->max_input_bytes);
	}
	stk__hash_hex(&h, out);
}

static const char *opt_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The cached findings replayed into t->report; false when the entry is
 * missing or not exactly what store() writes (then nothing was added). */
static bool replay(stk_build_result *b, stk__target *t, const char *key)
{
	stk_buf data = { 0 };
	stk__cache_meta meta;
	if (!stk__cache_get(b->cache_dir, key, &data, &meta))
		return false;
	json_t *root = json_loadb((const char *)data.data, data.len, 0, NULL);
	stk_buf_release(&data);
	json_t *files = json_object_get(root, "files"), *findings = json_object_get(root, "findings");
	bool ok = json_is_array(files) && json_is_array(findings);
	for (size_t i = 0; ok && i < json_array_size(files); i++)
		ok = json_is_string(json_array_get(files, i));
	for (size_t i = 0; ok && i < json_array_size(findings); i++) {
		json_t *f = json_array_get(findings, i);
		json_t *sev = json_object_get(f, "severity"), *frame = json_object_get(f, "frame");
		ok = opt_str(f, "rule") && opt_str(f, "file") && opt_str(f, "message") &&
		     json_is_integer(sev) && json_integer_value(sev) >= STK_SEVERITY_ERROR &&
		     json_integer_value(sev) <= STK_SEVERITY_WARNING && json_is_integer(frame);
	}
	for (size_t i = 0; ok && i < json_array_size(files); i++)
		ok = stk_report_add_file(t->report, json_string_value(json_array_get(files, i)),
		                         NULL) == STK_OK;
	for (size_t i = 0; ok && i < json_array_size(findings); i++) {
		json_t *o = json_array_get(findings, i);
		stk_finding f = {
			.rule = opt_str(o, "rule"),
			.severity = (stk_severity)json_integer_value(json_object_get(o, "severity")),
			.file = opt_str(o, "file"),
			.frame = (int)json_integer_value(json_object_get(o, "frame")),
			.message = opt_str(o, "message"),
			.value = opt_str(o, "value"), .limit = opt_str(o, "limit"),
			.fix = opt_str(o, "fix"), .source = opt_str(o, "source"),
		};
		ok = stk_report_add(t->report, &f, NULL) == STK_OK;
	}
	json_decref(root);
	return ok;
}

static void set_opt(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

/* What validation added to t->report after `files` files and `count`
 * findings, into the cache; a cache that cannot be written only costs
 * the next build its time. */
static void store(stk_build_result *b, const stk__target *t, const char *key, size_t files,
                  size_t count)
{
	json_t *root = json_object(), *fl = json_array(), *fd = json_array();
	for (size_t i = files; i < stk_report_file_count(t->report); i++)
		json_array_append_new(fl, json_string(stk_report_file(t->report, i)));
	for (size_t i = count; i < stk_report_count(t->report); i++) {
		const stk_finding *f = stk_report_get(t->report, i);
		json_t *o = json_object();
		set_opt(o, "rule", f->rule);
		json_object_set_new(o, "severity", json_integer(f->severity));
		set_opt(o, "file", f->file);
		json_object_set_new(o, "frame", json_integer(f->frame));
		set_opt(o, "message", f->message);
		set_opt(o, "value", f->value);
		set_opt(o, "limit", f->limit);
		set_opt(o, "fix", f->fix);
		set_opt(o, "source", f->source);
		json_array_append_new(fd, o);
	}
	json_object_set_new(root, "files", fl);
	json_object_set_new(root, "findings", fd);
	char *text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (!text)
		return;
	stk__cache_meta meta;
	memset(&meta, 0, sizeof meta);
	stk_error err;
	stk_error_init(&err);
	(void)stk__cache_put(b->cache_dir, key, (const uint8_t *)text, strlen(text), &meta, &err);
	free(text);
}

stk_status stk__validate_target(stk_build_result *b, stk__target *t, stk_error *err)
{
	char key[33], path[4096];
	t->verdict_cached = false;
	if (!b->opt.no_cache) {
		verdict_key(b, t, key);
		size_t files = stk_report_file_count(t->report), count = stk_report_count(t->report);
		if (files == 0 && count == 0 && replay(b, t, key)) {
			t->verdict_cached = true;
			return STK_OK;
		}
	}
	size_t files = stk_report_file_count(t->report), count = stk_report_count(t->report);
	stk_validate_options vo;
	stk_validate_options_init(&vo);
	vo.decode = b->opt.decode;
	for (size_t i = 0; stk__verdict_path(b, t, i, path, sizeof path); i++)
		STK_TRY(stk_validate_path(t->p, path, &vo, t->report, err));
	if (!b->opt.no_cache)
		store(b, t, key, files, count);
	return STK_OK;
}
