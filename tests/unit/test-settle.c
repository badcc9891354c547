/* test-settle.c - the option policy callers share (stk_convert_settle,
 * stk_convert_check_written), the file helpers under it (stk_same_file,
 * stk_write_file_new) and stk_profile_list: requests over a profile,
 * contradictions refused, an input never chosen as the output. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"
#include "convert_internal.h"
#include "profiles.h"

static stk_status settle(const stk_profile *p, const stk_convert_request *r,
                         stk_convert_options *o, stk_error *err)
{
	stk_convert_options_init(o);
	stk_error_init(err);
	return stk_convert_settle(o, p, r, err);
}

static void test_over_profile(void)
{
	stk_profile *wa = shipped("whatsapp");
	if (!ok(wa != NULL, "whatsapp profile"))
		return;
	stk_convert_request r;
	stk_convert_options o;
	stk_error err;
	stk_convert_request_init(&r);
	r.profile = "whatsapp";
	r.output = "out.webp";
	is_int(settle(wa, &r, &o, &err), STK_OK, "the profile alone");
	is_int((int)o.max_bytes, 100000, "the profile's still budget");
	ok(o.all_keyframes, "whatsapp: every frame a keyframe");
	r.max_bytes = 50000;
	r.quality = 80;
	r.all_keyframes = 0;
	const char *names[] = { "size" }, *values[] = { "256x256" };
	r.nresize = 1;
	r.resize_name = names;
	r.resize_value = values;
	is_int(settle(wa, &r, &o, &err), STK_OK, "requests over the profile");
	is_int((int)o.max_bytes, 50000, "budget given");
	is_int((int)o.max_bytes_anim, 50000, "one budget for both kinds");
	ok(o.quality == 80.0f, "quality ceiling given");
	ok(!o.all_keyframes, "keyframes off over the profile");
	is_int((int)o.resize.width, 256, "canvas given");
	is_int((int)o.anim_width, 0, "one canvas for stills and animations");
	r.min_quality = 90;
	is_int(settle(wa, &r, &o, &err), STK_ERR_INVALID_ARG, "floor above the ceiling");
	ok(strstr(err.msg, "min-quality") != NULL, "message names it: %s", err.msg);
	r.min_quality = -1;
	r.output = "out.png";
	is_int(settle(wa, &r, &o, &err), STK_ERR_INVALID_ARG, "whatsapp does not write .png");
	ok(strstr(err.msg, "writes webp") != NULL, "message: %s", err.msg);
	r.output = "out.webp";
	stk_wa_metadata wa_meta = { 0 };
	r.whatsapp = &wa_meta;
	r.strip = true;
	is_int(settle(wa, &r, &o, &err), STK_ERR_INVALID_ARG, "strip and metadata together");
	stk_profile_free(wa);

	stk_profile *line = shipped("line");
	stk_convert_request_init(&r);
	r.profile = "line";
	r.output = "x.png";
	is_int(settle(line, &r, &o, &err), STK_OK, "line: .png");
	is_int(stk_convert_check_written(&r, STK_FORMAT_APNG, &err), STK_OK, ".png holds APNG");
	is_int(stk_convert_check_written(&r, STK_FORMAT_WEBP, &err), STK_ERR_INVALID_ARG,
	       "a WebP is not named .png");
	stk_profile_free(line);
}

static void test_plain(void)
{
	stk_convert_request r;
	stk_convert_options o;
	stk_error err;
	stk_convert_request_init(&r);
	r.output = "a.gif";
	is_int(settle(NULL, &r, &o, &err), STK_OK, "no profile");
	is_int(o.format, STK_FORMAT_GIF, "format from the extension");
	r.output = "a.bmp";
	is_int(settle(NULL, &r, &o, &err), STK_ERR_INVALID_ARG, "unknown extension");
	r.output = "-";
	is_int(settle(NULL, &r, &o, &err), STK_OK, "standard output");
	is_int(o.format, STK_FORMAT_WEBP, "standard output: WebP");
}

static void test_files(void)
{
	char dir[] = "/tmp/stk-settle.XXXXXX";
	if (!ok(mkdtemp(dir) != NULL, "temporary folder"))
		return;
	char a[64], b[64], c[64];
	snprintf(a, sizeof a, "%s/a.png", dir);
	snprintf(b, sizeof b, "%s/b.png", dir);
	snprintf(c, sizeof c, "%s/./a.png", dir);
	stk_error err;
	stk_error_init(&err);
	is_int(stk_write_file_new(a, "one", 3, &err), STK_OK, "a new file");
	is_int(stk_write_file_new(a, "two", 3, &err), STK_ERR_WRITE, "not over an existing one");
	is_int(err.sys_errno, EEXIST, "EEXIST");
	stk_buf got = { 0 };
	if (stk_read_file(a, 100, &got, &err) == STK_OK)
		ok(got.len == 3 && memcmp(got.data, "one", 3) == 0, "the first bytes kept");
	stk_buf_release(&got);
	ok(link(a, b) == 0, "hard link");
	ok(stk_same_file(a, a), "same path");
	ok(stk_same_file(a, c), "another spelling");
	ok(stk_same_file(a, b), "a hard link");
	ok(!stk_same_file(a, "-") && !stk_same_file("-", "-"), "'-' is never a file");
	snprintf(c, sizeof c, "%s/none.png", dir);
	ok(!stk_same_file(a, c), "another file");

	stk_convert_request r;
	stk_convert_options o;
	stk_convert_request_init(&r);
	r.input = a;
	r.output = b;
	is_int(settle(NULL, &r, &o, &err), STK_ERR_INVALID_ARG, "the output is the input");
	ok(strstr(err.msg, "is the input") != NULL, "message: %s", err.msg);

	/* two profile folders, a name in both listed once */
	char d1[80], d2[80], path[128];
	snprintf(d1, sizeof d1, "%s/p1", dir);
	snprintf(d2, sizeof d2, "%s/p2", dir);
	mkdir(d1, 0700);
	mkdir(d2, 0700);
	const char *files[] = { "p1/zeta.json", "p1/alpha.json", "p2/alpha.json", "p2/mid.json",
	                        "p2/notes.txt" };
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (stk_write_file_atomic(path, "{}", 2, &err) != STK_OK)
			tap_diag("%s", err.msg);
	}
	const char *dirs[] = { d1, "", d2, c, NULL };
	char *names[8];
	size_t n = stk_profile_list(dirs, names, 8);
	is_int((int)n, 3, "three names");
	if (n == 3) {
		is_str(names[0], "alpha", "sorted");
		is_str(names[1], "mid", "second folder");
		is_str(names[2], "zeta", "first folder");
	}
	stk_profile_names_free(names, n);
	const char *none[] = { c, NULL };
	is_int((int)stk_profile_list(none, names, 8), 0, "no folder: nothing");
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("cannot remove %s", dir);
}

int main(void)
{
	test_over_profile();
	test_plain();
	test_files();
	return done_testing();
}
