/*
 * report_text.c - the report for people (grouped by file, each finding
 * with its rule id and fix hint) and as GitHub Actions workflow commands.
 */
#include <stdio.h>
#include <string.h>
#include "report_internal.h"

static stk_status text_finding(stk__sb *sb, const stk_finding *f, bool colour)
{
	const char *sev = stk_severity_name(f->severity);
	/* Bold red errors, yellow warnings; the padding stays outside the
	 * escapes so the columns line up either way. */
	const char *on = !colour ? "" : f->severity == STK_SEVERITY_ERROR ? "\033[1;31m"
	                                                                   : "\033[33m";
	STK_TRY(stk__sb_printf(sb, "  %s%s%s%*s %s: ", on, sev, colour ? "\033[0m" : "",
	                       (int)(8 - strlen(sev)), "", f->rule));
	if (f->frame >= 0)
		STK_TRY(stk__sb_printf(sb, "frame %d: ", f->frame + 1));
	STK_TRY(stk__sb_printf(sb, "%s\n", f->message));
	if (f->fix)
		STK_TRY(stk__sb_printf(sb, "  %-8s fix: %s\n", "", f->fix));
	return STK_OK;
}

static stk_status text_summary(stk__sb *sb, const stk_report *r, unsigned flags)
{
	size_t files = r->n_files;
	STK_TRY(stk__sb_printf(sb, "%zu file%s checked against %s: ", files,
	                       files == 1 ? "" : "s", r->profile[0] ? r->profile : "a profile"));
	if (r->n == 0)
		return stk__sb_printf(sb, "no problems found\n");
	STK_TRY(stk__sb_printf(sb, "%zu error%s, %zu warning%s", r->errors,
	                       r->errors == 1 ? "" : "s", r->warnings,
	                       r->warnings == 1 ? "" : "s"));
	if (r->unreadable)
		STK_TRY(stk__sb_printf(sb, " (%zu unreadable)", r->unreadable));
	if ((flags & STK_REPORT_STRICT) && r->warnings)
		STK_TRY(stk__sb_printf(sb, "; --strict counts warnings as errors"));
	return stk__sb_printf(sb, "\n");
}

stk_status stk__report_text(const stk_report *r, unsigned flags, stk_buf *out, stk_error *err)
{
	stk__sb sb = { out, 0, err, STK_OK };
	stk__by_file g;
	STK_TRY(stk__report_by_file(r, &g, err));
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i < r->n_files; i++) {
		if (g.first[i] == g.first[i + 1])
			continue;
		const char *file = r->files[i];
		s = stk__sb_printf(&sb, "%s\n", file[0] ? file : "(input)");
		for (size_t k = g.first[i]; s == STK_OK && k < g.first[i + 1]; k++)
			s = text_finding(&sb, &r->findings[g.order[k]], flags & STK_REPORT_COLOUR);
		if (s == STK_OK)
			s = stk__sb_printf(&sb, "\n");
	}
	stk__by_file_release(&g);
	if (s == STK_OK)
		s = text_summary(&sb, r, flags);
	if (s != STK_OK)
		stk_buf_release(out);
	return s;
}

/* Workflow command escaping: data escapes % CR LF; properties also : and ,. */
static stk_status gh_escaped(stk__sb *sb, const char *s, bool property)
{
	for (; *s; s++) {
		const char *e = NULL;
		switch (*s) {
		case '%': e = "%25"; break;
		case '\r': e = "%0D"; break;
		case '\n': e = "%0A"; break;
		case ':': e = property ? "%3A" : NULL; break;
		case ',': e = property ? "%2C" : NULL; break;
		default: break;
		}
		STK_TRY(e ? stk__sb_put(sb, e, 3) : stk__sb_put(sb, s, 1));
	}
	return STK_OK;
}

static stk_status github_finding(stk__sb *sb, const stk_finding *f)
{
	char head[64];
	STK_TRY(stk__sb_printf(sb, "::%s file=", stk_severity_name(f->severity)));
	STK_TRY(gh_escaped(sb, f->file, true));
	STK_TRY(stk__sb_put(sb, "::", 2));
	STK_TRY(gh_escaped(sb, f->rule, false));
	STK_TRY(stk__sb_put(sb, ": ", 2));
	if (f->frame >= 0) {
		snprintf(head, sizeof head, "frame %d: ", f->frame + 1);
		STK_TRY(gh_escaped(sb, head, false));
	}
	STK_TRY(gh_escaped(sb, f->message, false));
	if (f->fix) {
		STK_TRY(stk__sb_put(sb, " Fix: ", 6));
		STK_TRY(gh_escaped(sb, f->fix, false));
	}
	return stk__sb_put(sb, "\n", 1);
}

stk_status stk__report_github(const stk_report *r, unsigned flags, stk_buf *out,
                              stk_error *err)
{
	stk__sb sb = { out, 0, err, STK_OK };
	stk_status s = STK_OK;
	(void)flags;
	for (size_t i = 0; s == STK_OK && i < r->n; i++)
		s = github_finding(&sb, &r->findings[i]);
	if (s == STK_OK && r->n == 0)
		s = stk__sb_put(&sb, "", 0);
	if (s != STK_OK)
		stk_buf_release(out);
	return s;
}
