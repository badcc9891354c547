/*
 * package_project.c - stk_package(): a pack project's store archives.  The
 * build runs first, every time: it is incremental, so an up-to-date build
 * encodes nothing and a missing or stale one is made or brought up to
 * date; then each target's archives are written (package.c).  A build
 * whose own validation found errors is not packaged.
 */
#include <stdlib.h>
#include "package_internal.h"
#include "project_internal.h"

stk_status stk_package(const stk_manifest *m, const stk_build_options *bopt,
                       const stk_package_options *popt, stk_package_result **out,
                       stk_error *err)
{
	*out = NULL;
	stk_build_result *b = NULL;
	STK_TRY(stk_build(m, bopt, &b, err));
	stk_status s = STK_OK;
	size_t errors = stk_build_errors(b);
	if (errors) {
		s = stk__package_result_empty(out, errors, err);
	} else {
		const char **targets = calloc(stk_build_target_count(b) + 1, sizeof *targets);
		if (!targets) {
			stk_build_result_free(b);
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		}
		for (size_t i = 0; i < stk_build_target_count(b); i++)
			targets[i] = stk_build_target(b, i);
		s = stk_package_built(stk_build_outdir(b), stk_manifest_identifier(m), targets,
		                      stk_build_target_count(b), popt, out, err);
		free(targets);
	}
	stk_build_result_free(b);
	return s;
}
