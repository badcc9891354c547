/*
 * report_junit.c - the report as JUnit XML for CI systems, valid against
 * the common JUnit schema (tests/data/junit.xsd): at most one <failure> or
 * <error> per <testcase>, so a CI's count of failed cases is the count of
 * problems.  A file with failing findings gives one test case per rule it
 * breaks ("name [rule]", the rule's findings in one failure; an unreadable
 * file is an <error>); a file without gives one passing case.  Warnings
 * that do not fail go to the file's first case's <system-out>; with the
 * strict flag they fail too.
 */
#include <stdio.h>
#include <string.h>
#include "report_internal.h"

/* XML text and attribute escaping; control characters XML forbids become
 * spaces. */
static stk_status xml_escaped(stk__sb *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *e = NULL;
		switch (c) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\n': e = "&#10;"; break;
		default:
			if (c < 0x20 && c != '\t')
				e = " ";
			break;
		}
		STK_TRY(e ? stk__sb_put(sb, e, strlen(e)) : stk__sb_put(sb, s, 1));
	}
	return STK_OK;
}

static bool fails(const stk_finding *f, unsigned flags)
{
	return f->severity == STK_SEVERITY_ERROR || (flags & STK_REPORT_STRICT);
}

static stk_status finding_line(stk__sb *sb, const stk_finding *f)
{
	char frame[32] = "";
	if (f->frame >= 0)
		snprintf(frame, sizeof frame, "frame %d: ", f->frame + 1);
	STK_TRY(stk__sb_printf(sb, "%s %s: %s", stk_severity_name(f->severity), f->rule, frame));
	STK_TRY(xml_escaped(sb, f->message));
	if (f->fix) {
		STK_TRY(stk__sb_put(sb, " Fix: ", 6));
		STK_TRY(xml_escaped(sb, f->fix));
	}
	return stk__sb_put(sb, "\n", 1);
}

/* The findings of one file, in report order (from the report's grouping by
 * file, so no writer scans every finding once per file). */
struct file_findings {
	const stk_report *r;
	const size_t *order;
	size_t n;
};

static const stk_finding *nth(const struct file_findings *ff, size_t k)
{
	return &ff->r->findings[ff->order[k]];
}

/* Whether the file's k-th finding is the first of its rule in that file.
 * Quadratic in one file's findings only. */
static bool first_of_rule(const struct file_findings *ff, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (!strcmp(nth(ff, j)->rule, nth(ff, k)->rule))
			return false;
	return true;
}

static stk_status case_open(stk__sb *sb, const stk_report *r, const char *file,
                            const char *rule)
{
	STK_TRY(stk__sb_printf(sb, "    <testcase classname=\"stickerkit.validate."));
	STK_TRY(xml_escaped(sb, r->profile));
	STK_TRY(stk__sb_printf(sb, "\" name=\""));
	STK_TRY(xml_escaped(sb, file));
	if (rule) {
		STK_TRY(stk__sb_put(sb, " [", 2));
		STK_TRY(xml_escaped(sb, rule));
		STK_TRY(stk__sb_put(sb, "]", 1));
	}
	return stk__sb_printf(sb, "\" time=\"0\">\n");
}

/* The one <failure> (or <error>) of the case for the file's k-th finding's
 * rule: that finding's message, every finding of the rule in the text. */
static stk_status failure(stk__sb *sb, const struct file_findings *ff, size_t k)
{
	const stk_finding *f = nth(ff, k);
	bool unreadable = strcmp(f->rule, STK_RULE_UNREADABLE) == 0;
	STK_TRY(stk__sb_printf(sb, "      <%s type=\"", unreadable ? "error" : "failure"));
	STK_TRY(xml_escaped(sb, f->rule));
	STK_TRY(stk__sb_put(sb, "\" message=\"", 11));
	STK_TRY(xml_escaped(sb, f->message));
	STK_TRY(stk__sb_put(sb, "\">", 2));
	for (size_t j = k; j < ff->n; j++)
		if (!strcmp(nth(ff, j)->rule, f->rule))
			STK_TRY(finding_line(sb, nth(ff, j)));
	return stk__sb_printf(sb, "</%s>\n", unreadable ? "error" : "failure");
}

/* Warnings that do not fail, for <system-out>. */
static stk_status notes(stk__sb *sb, const struct file_findings *ff, unsigned flags)
{
	bool any = false;
	for (size_t k = 0; k < ff->n; k++) {
		const stk_finding *f = nth(ff, k);
		if (fails(f, flags))
			continue;
		if (!any)
			STK_TRY(stk__sb_printf(sb, "      <system-out>"));
		any = true;
		STK_TRY(finding_line(sb, f));
	}
	return any ? stk__sb_printf(sb, "</system-out>\n") : STK_OK;
}

static stk_status testcases(stk__sb *sb, const stk_report *r, const char *file,
                            const struct file_findings *ff, unsigned flags)
{
	bool first = true;
	for (size_t k = 0; k < ff->n; k++) {
		const stk_finding *f = nth(ff, k);
		if (!fails(f, flags) || !first_of_rule(ff, k))
			continue;
		STK_TRY(case_open(sb, r, file, f->rule));
		STK_TRY(failure(sb, ff, k));
		if (first)
			STK_TRY(notes(sb, ff, flags));
		first = false;
		STK_TRY(stk__sb_printf(sb, "    </testcase>\n"));
	}
	if (!first)
		return STK_OK;
	STK_TRY(case_open(sb, r, file, NULL));
	STK_TRY(notes(sb, ff, flags));
	return stk__sb_printf(sb, "    </testcase>\n");
}

static struct file_findings of_file(const stk_report *r, const stk__by_file *g, size_t i)
{
	struct file_findings ff = { r, g->order + g->first[i], g->first[i + 1] - g->first[i] };
	return ff;
}

/* Test cases: one per failing (file, rule), one per file without; of
 * them, failures and errors. */
static void count_cases(const stk_report *r, const stk__by_file *g, unsigned flags,
                        size_t *tests, size_t *failed, size_t *errored)
{
	*tests = *failed = *errored = 0;
	for (size_t i = 0; i < r->n_files; i++) {
		struct file_findings ff = of_file(r, g, i);
		size_t cases = 0;
		for (size_t k = 0; k < ff.n; k++) {
			const stk_finding *f = nth(&ff, k);
			if (!fails(f, flags) || !first_of_rule(&ff, k))
				continue;
			cases++;
			if (strcmp(f->rule, STK_RULE_UNREADABLE) == 0)
				++*errored;
			else
				++*failed;
		}
		*tests += cases ? cases : 1;
	}
}

stk_status stk__report_junit(const stk_report *r, unsigned flags, stk_buf *out,
                             stk_error *err)
{
	stk__sb sb = { out, 0, err, STK_OK };
	size_t tests, failed, errored;
	stk__by_file g;
	STK_TRY(stk__report_by_file(r, &g, err));
	count_cases(r, &g, flags, &tests, &failed, &errored);
	stk_status s = stk__sb_printf(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"stickerkit validate\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\">\n  <testsuite name=\"stickerkit validate ", tests, failed,
		errored);
	if (s == STK_OK)
		s = xml_escaped(&sb, r->profile);
	if (s == STK_OK)
		s = stk__sb_printf(&sb, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		                   "skipped=\"0\">\n", tests, failed, errored);
	for (size_t i = 0; s == STK_OK && i < r->n_files; i++) {
		struct file_findings ff = of_file(r, &g, i);
		s = testcases(&sb, r, r->files[i], &ff, flags);
	}
	stk__by_file_release(&g);
	if (s == STK_OK)
		s = stk__sb_printf(&sb, "  </testsuite>\n</testsuites>\n");
	if (s != STK_OK)
		stk_buf_release(out);
	return s;
}
