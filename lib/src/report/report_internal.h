/* report_internal.h - the report's layout and its writers (never installed). */
#ifndef STK_REPORT_INTERNAL_H
#define STK_REPORT_INTERNAL_H

#include "internal.h"
#include "str_index.h"
#include "stk/validate.h"

struct stk_report {
	uint32_t magic;
	char *profile;
	stk_finding *findings;   /* strings owned */
	size_t n, cap;
	size_t *finding_file;    /* per finding: its file's position in files */
	size_t cap_finding_file;
	char **files;            /* files checked, in order */
	size_t n_files, cap_files;
	stk__str_index file_index; /* file name -> position: adding stays O(1) */
	size_t errors, warnings, unreadable;
};

/* Findings grouped by file, in report order within a file: those of file i
 * are order[first[i]] .. order[first[i + 1] - 1].  A counting sort, O(files
 * + findings), so no writer searches the findings once per file. */
typedef struct stk__by_file {
	size_t *first; /* n_files + 1 */
	size_t *order; /* n findings */
} stk__by_file;
stk_status stk__report_by_file(const stk_report *r, stk__by_file *out, stk_error *err);
void stk__by_file_release(stk__by_file *g);

/* Errors, plus warnings when flags has STK_REPORT_STRICT. */
size_t stk__report_failures(const stk_report *r, unsigned flags);

stk_status stk__report_text(const stk_report *r, unsigned flags, stk_buf *out, stk_error *err);
stk_status stk__report_json(const stk_report *r, unsigned flags, stk_buf *out, stk_error *err);
stk_status stk__report_github(const stk_report *r, unsigned flags, stk_buf *out,
                              stk_error *err);
stk_status stk__report_junit(const stk_report *r, unsigned flags, stk_buf *out,
                             stk_error *err);

#endif
