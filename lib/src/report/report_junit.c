/*
 * report_junit.c - the report as JUnit XML for CI systems: one test case
 * per file checked; its errors are <failure>s (an unreadable file is an
 * <error>), its warnings go to <system-out>, or are failures too when the
 * report is strict.
 */
#include <stdio.h>
#include <string.h>
#include "report_internal.h"

/* XML text and attribute escaping; control characters XML forbids become
 * spaces. */
static stk_status xml_escaped(struct stk__sb *sb, const char *s)
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

static stk_status finding_line(struct stk__sb *sb, const stk_finding *f)
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

static stk_status failure(struct stk__sb *sb, const stk_finding *f)
{
	bool unreadable = strcmp(f->rule, STK_RULE_UNREADABLE) == 0;
	STK_TRY(stk__sb_printf(sb, "      <%s type=\"", unreadable ? "error" : "failure"));
	STK_TRY(xml_escaped(sb, f->rule));
	STK_TRY(stk__sb_put(sb, "\" message=\"", 11));
	STK_TRY(xml_escaped(sb, f->message));
	STK_TRY(stk__sb_put(sb, "\">", 2));
	STK_TRY(finding_line(sb, f));
	return stk__sb_printf(sb, "</%s>\n", unreadable ? "error" : "failure");
}

static stk_status testcase(struct stk__sb *sb, const stk_report *r, const stk__by_file *g,
                           size_t file, unsigned flags)
{
	STK_TRY(stk__sb_printf(sb, "    <testcase classname=\"stickerkit.validate."));
	STK_TRY(xml_escaped(sb, r->profile));
	STK_TRY(stk__sb_printf(sb, "\" name=\""));
	STK_TRY(xml_escaped(sb, r->files[file]));
	STK_TRY(stk__sb_put(sb, "\">\n", 3));
	bool notes = false;
	for (size_t k = g->first[file]; k < g->first[file + 1]; k++) {
		const stk_finding *f = &r->findings[g->order[k]];
		if (fails(f, flags))
			STK_TRY(failure(sb, f));
		else
			notes = true;
	}
	if (notes) {
		STK_TRY(stk__sb_printf(sb, "      <system-out>"));
		for (size_t k = g->first[file]; k < g->first[file + 1]; k++) {
			const stk_finding *f = &r->findings[g->order[k]];
			if (!fails(f, flags))
				STK_TRY(finding_line(sb, f));
		}
		STK_TRY(stk__sb_printf(sb, "</system-out>\n"));
	}
	return stk__sb_printf(sb, "    </testcase>\n");
}

/* Files with at least one failure, and with an unreadable finding. */
static void count_cases(const stk_report *r, const stk__by_file *g, unsigned flags,
                        size_t *failed, size_t *errored)
{
	*failed = *errored = 0;
	for (size_t i = 0; i < r->n_files; i++) {
		bool f = false, e = false;
		for (size_t k = g->first[i]; k < g->first[i + 1]; k++) {
			const stk_finding *x = &r->findings[g->order[k]];
			if (strcmp(x->rule, STK_RULE_UNREADABLE) == 0)
				e = true;
			else if (fails(x, flags))
				f = true;
		}
		*failed += f;
		*errored += e;
	}
}

stk_status stk__report_junit(const stk_report *r, unsigned flags, stk_buf *out,
                             stk_error *err)
{
	struct stk__sb sb = { out, 0, err };
	size_t failed, errored;
	stk__by_file g;
	STK_TRY(stk__report_by_file(r, &g, err));
	count_cases(r, &g, flags, &failed, &errored);
	stk_status s = stk__sb_printf(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"stickerkit validate\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\">\n  <testsuite name=\"stickerkit validate ", r->n_files, failed,
		errored);
	if (s == STK_OK)
		s = xml_escaped(&sb, r->profile);
	if (s == STK_OK)
		s = stk__sb_printf(&sb, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		                   "skipped=\"0\">\n", r->n_files, failed, errored);
	for (size_t i = 0; s == STK_OK && i < r->n_files; i++)
		s = testcase(&sb, r, &g, i, flags);
	stk__by_file_release(&g);
	if (s == STK_OK)
		s = stk__sb_printf(&sb, "  </testsuite>\n</testsuites>\n");
	if (s != STK_OK)
		stk_buf_release(out);
	return s;
}
