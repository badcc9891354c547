/* report.c - the validation report: findings and the files checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"

#define REPORT_MAGIC 0x53544b52u /* "STKR" */

static void check(const stk_report *r)
{
	if (!r || r->magic != REPORT_MAGIC)
		abort(); /* a programming error, not bad input */
}

stk_status stk_report_new(const char *profile, stk_report **out, stk_error *err)
{
	*out = NULL;
	stk_report *r = calloc(1, sizeof *r);
	if (!r || !(r->profile = strdup(profile ? profile : ""))) {
		free(r);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	r->magic = REPORT_MAGIC;
	*out = r;
	return STK_OK;
}

static void free_finding(stk_finding *f)
{
	free((char *)f->rule);
	free((char *)f->file);
	free((char *)f->message);
	free((char *)f->value);
	free((char *)f->limit);
	free((char *)f->fix);
	free((char *)f->source);
}

void stk_report_free(stk_report *r)
{
	if (!r)
		return;
	check(r);
	for (size_t i = 0; i < r->n; i++)
		free_finding(&r->findings[i]);
	for (size_t i = 0; i < r->n_files; i++)
		free(r->files[i]);
	free(r->findings);
	free(r->finding_file);
	free(r->files);
	stk__str_index_release(&r->file_index);
	free(r->profile);
	r->magic = 0;
	free(r);
}

/* strdup that keeps NULL as NULL; *ok turns false when memory runs out. */
static const char *dup_or_null(const char *s, bool *ok)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*ok = false;
	return d;
}

/* The file's position in r->files, adding it when new (hashed: O(1)). */
static stk_status add_file(stk_report *r, const char *file, size_t *pos, stk_error *err)
{
	if (stk__str_index_find(&r->file_index, file, pos))
		return STK_OK;
	STK_GROW(r->files, r->cap_files, r->n_files + 1, 16, err);
	char *copy = strdup(file);
	if (!copy)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = stk__str_index_add(&r->file_index, copy, r->n_files, err);
	if (s != STK_OK) {
		free(copy);
		return s;
	}
	r->files[r->n_files] = copy;
	*pos = r->n_files++;
	return STK_OK;
}

stk_status stk_report_add(stk_report *r, const stk_finding *f, stk_error *err)
{
	check(r);
	if (!f->rule || !f->message)
		return stk__fail(err, STK_ERR_INVALID_ARG, "a finding needs a rule and a message");
	STK_GROW(r->findings, r->cap, r->n + 1, 16, err);
	STK_GROW(r->finding_file, r->cap_finding_file, r->n + 1, 16, err);
	bool ok = true;
	stk_finding c = {
		dup_or_null(f->rule, &ok), f->severity, dup_or_null(f->file ? f->file : "", &ok),
		f->frame < 0 ? -1 : f->frame, dup_or_null(f->message, &ok),
		dup_or_null(f->value, &ok), dup_or_null(f->limit, &ok), dup_or_null(f->fix, &ok),
		dup_or_null(f->source, &ok),
	};
	if (!ok) {
		free_finding(&c);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	size_t file;
	stk_status s = add_file(r, c.file, &file, err);
	if (s != STK_OK) {
		free_finding(&c);
		return s;
	}
	r->finding_file[r->n] = file;
	r->findings[r->n++] = c;
	if (c.severity == STK_SEVERITY_WARNING)
		r->warnings++;
	else
		r->errors++;
	if (strcmp(c.rule, STK_RULE_UNREADABLE) == 0)
		r->unreadable++;
	return STK_OK;
}

stk_status stk_report_add_file(stk_report *r, const char *file, stk_error *err)
{
	size_t pos;
	check(r);
	return add_file(r, file, &pos, err);
}

const char *stk_report_profile(const stk_report *r) { check(r); return r->profile; }
size_t stk_report_count(const stk_report *r) { check(r); return r->n; }
size_t stk_report_errors(const stk_report *r) { check(r); return r->errors; }
size_t stk_report_warnings(const stk_report *r) { check(r); return r->warnings; }
size_t stk_report_unreadable(const stk_report *r) { check(r); return r->unreadable; }
size_t stk_report_file_count(const stk_report *r) { check(r); return r->n_files; }

const stk_finding *stk_report_get(const stk_report *r, size_t i)
{
	check(r);
	return i < r->n ? &r->findings[i] : NULL;
}

const char *stk_report_file(const stk_report *r, size_t i)
{
	check(r);
	return i < r->n_files ? r->files[i] : NULL;
}

bool stk_report_has(const stk_report *r, const char *rule)
{
	check(r);
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->findings[i].rule, rule) == 0)
			return true;
	return false;
}

static const char *const format_names[] = { "text", "json", "github", "junit" };

bool stk_report_format_from_name(const char *name, stk_report_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (stk_report_format)i;
			return true;
		}
	return false;
}

stk_status stk_report_write(const stk_report *r, stk_report_format format, unsigned flags,
                            stk_buf *out, stk_error *err)
{
	check(r);
	out->data = NULL;
	out->len = 0;
	switch (format) {
	case STK_REPORT_TEXT: return stk__report_text(r, flags, out, err);
	case STK_REPORT_JSON: return stk__report_json(r, flags, out, err);
	case STK_REPORT_GITHUB: return stk__report_github(r, flags, out, err);
	case STK_REPORT_JUNIT: return stk__report_junit(r, flags, out, err);
	}
	return stk__fail(err, STK_ERR_INVALID_ARG, "unknown report format %d", (int)format);
}

stk_status stk__report_by_file(const stk_report *r, stk__by_file *g, stk_error *err)
{
	g->first = calloc(r->n_files + 1, sizeof *g->first);
	g->order = malloc((r->n ? r->n : 1) * sizeof *g->order);
	if (!g->first || !g->order) {
		stk__by_file_release(g);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	for (size_t j = 0; j < r->n; j++)
		g->first[r->finding_file[j] + 1]++;
	for (size_t i = 0; i < r->n_files; i++)
		g->first[i + 1] += g->first[i];
	/* first[f] serves as file f's cursor, so it ends at first[f + 1]:
	 * shift back by one afterwards. */
	for (size_t j = 0; j < r->n; j++)
		g->order[g->first[r->finding_file[j]]++] = j;
	memmove(g->first + 1, g->first, r->n_files * sizeof *g->first);
	g->first[0] = 0;
	return STK_OK;
}

void stk__by_file_release(stk__by_file *g)
{
	free(g->first);
	free(g->order);
	g->first = g->order = NULL;
}

size_t stk__report_failures(const stk_report *r, unsigned flags)
{
	return r->errors + ((flags & STK_REPORT_STRICT) ? r->warnings : 0);
}
