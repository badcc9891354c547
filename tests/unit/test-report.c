/*
 * test-report.c - the report and its four formats: JSON (the schema
 * outside checks rely on), text, GitHub workflow commands, JUnit XML.
 */
#include <jansson.h>
#include "tap.h"
#include "internal.h"

static stk_report *sample(void)
{
	stk_report *r = NULL;
	stk_error err;
	if (stk_report_new("whatsapp", &r, &err) != STK_OK)
		return NULL;
	stk_finding f1 = { "whatsapp.sticker.max-bytes", STK_SEVERITY_ERROR, "a,b:c.webp", -1,
	                   "120345 bytes, over 100000\n100% sure", "120345", "100000",
	                   "re-encode", "StickerPackValidator.java" };
	stk_finding f2 = { "whatsapp.art.margin", STK_SEVERITY_WARNING, "a,b:c.webp", 3,
	                   "art <close> & \"tight\"", "0", "16", NULL, NULL };
	stk_finding f3 = { STK_RULE_UNREADABLE, STK_SEVERITY_ERROR, "bad.png", -1,
	                   "corrupt input", NULL, NULL, "check the file", NULL };
	if (stk_report_add(r, &f1, &err) || stk_report_add(r, &f2, &err) ||
	    stk_report_add(r, &f3, &err) || stk_report_add_file(r, "fine.webp", &err))
		tap_diag("cannot add: %s", err.msg);
	return r;
}

static char *render(const stk_report *r, stk_report_format fmt, unsigned flags)
{
	stk_buf b = { 0 };
	stk_error err;
	if (stk_report_write(r, fmt, flags, &b, &err) != STK_OK)
		return strdup("");
	char *s = calloc(b.len + 1, 1);
	if (b.len)
		memcpy(s, b.data, b.len);
	stk_buf_release(&b);
	return s;
}

static void test_model(const stk_report *r)
{
	is_int(stk_report_count(r), 3, "three findings");
	is_int(stk_report_errors(r), 2, "two errors");
	is_int(stk_report_warnings(r), 1, "one warning");
	is_int(stk_report_unreadable(r), 1, "one unreadable");
	is_int(stk_report_file_count(r), 3, "files: two with findings and one without");
	is_str(stk_report_file(r, 2), "fine.webp", "files keep their order");
	ok(stk_report_has(r, "whatsapp.art.margin") && !stk_report_has(r, "x"), "has()");
	is_int(stk_report_get(r, 1)->frame, 3, "frame kept");
	ok(stk_report_get(r, 3) == NULL, "out of range");
	stk_report_format f;
	ok(stk_report_format_from_name("junit", &f) && f == STK_REPORT_JUNIT, "format names");
	ok(!stk_report_format_from_name("xml", &f), "unknown format name");
}

static void test_json(const stk_report *r)
{
	char *text = render(r, STK_REPORT_JSON, 0);
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	ok(j != NULL, "JSON parses");
	json_t *findings = json_object_get(j, "findings");
	is_int(json_array_size(findings), 3, "findings array");
	is_int(json_integer_value(json_object_get(j, "errors")), 2, "errors count");
	is_int(json_integer_value(json_object_get(j, "warnings")), 1, "warnings count");
	json_t *f = json_array_get(findings, 0);
	static const char *const keys[] = { "rule", "severity", "file", "message", "value", "limit" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ok(json_object_get(f, keys[i]) != NULL, "finding has \"%s\"", keys[i]);
	is_str(json_string_value(json_object_get(f, "severity")), "error", "severity word");
	ok(json_is_integer(json_object_get(f, "value")), "numeric value is a JSON number");
	ok(!json_object_get(f, "frame"), "no frame when it does not apply");
	json_t *f2 = json_array_get(findings, 1);
	is_int(json_integer_value(json_object_get(f2, "frame")), 3, "frame when it applies");
	is_str(json_string_value(json_object_get(f2, "severity")), "warning", "warning word");
	ok(json_is_null(json_object_get(json_array_get(findings, 2), "value")), "no value: null");
	json_decref(j);
	free(text);
}

static void test_text(const stk_report *r)
{
	char *text = render(r, STK_REPORT_TEXT, 0);
	ok(strncmp(text, "a,b:c.webp\n", 11) == 0, "text starts with the first file");
	ok(strstr(text, "error    whatsapp.sticker.max-bytes: 120345 bytes") != NULL, "rule id shown");
	ok(strstr(text, "fix: re-encode") != NULL, "fix hint shown");
	ok(strstr(text, "whatsapp.art.margin: frame 4: ") != NULL, "frames counted from 1");
	ok(strstr(text, "3 files checked against whatsapp: 2 errors, 1 warning (1 unreadable)"),
	   "summary line");
	ok(!strstr(text, "fine.webp"), "files without findings are not listed");
	free(text);
}

static void test_github(const stk_report *r)
{
	char *text = render(r, STK_REPORT_GITHUB, 0);
	ok(strncmp(text, "::error file=a%2Cb%3Ac.webp::whatsapp.sticker.max-bytes: ", 57) == 0,
	   "error annotation with escaped file property");
	ok(strstr(text, "100000%0A100%25 sure") != NULL, "message newline and percent escaped");
	ok(strstr(text, "\n::warning file=a%2Cb%3Ac.webp::whatsapp.art.margin: frame 4: ") != NULL,
	   "warning annotation");
	ok(strstr(text, "\n::error file=bad.png::input.unreadable: ") != NULL, "unreadable");
	int lines = 0;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	is_int(lines, 3, "one line per finding");
	free(text);
}

static void test_junit(const stk_report *r)
{
	char *text = render(r, STK_REPORT_JUNIT, 0);
	ok(strncmp(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 50) == 0,
	   "XML declaration and testsuites");
	ok(strstr(text, "tests=\"3\" failures=\"1\" errors=\"1\"") != NULL, "counts");
	ok(strstr(text, "<testcase classname=\"stickerkit.validate.whatsapp\" name=\"fine.webp\" "
	              "time=\"0\">"), "a passing file is a test case");
	ok(strstr(text, "name=\"a,b:c.webp [whatsapp.sticker.max-bytes]\"") != NULL,
	   "a failing file: a test case per rule it breaks");
	ok(strstr(text, "<failure type=\"whatsapp.sticker.max-bytes\"") != NULL, "failure");
	ok(strstr(text, "<error type=\"input.unreadable\"") != NULL, "unreadable is an error");
	ok(strstr(text, "art &lt;close&gt; &amp; &quot;tight&quot;") != NULL, "XML escaped");
	ok(strstr(text, "<system-out>warning whatsapp.art.margin") != NULL,
	   "warnings go to system-out");
	free(text);
	text = render(r, STK_REPORT_JUNIT, STK_REPORT_STRICT);
	ok(strstr(text, "<failure type=\"whatsapp.art.margin\"") != NULL,
	   "--strict makes warnings failures");
	ok(strstr(text, "tests=\"4\" failures=\"2\" errors=\"1\"") != NULL,
	   "--strict: the warning's rule is a failing case of its own");
	/* at most one <failure> or <error> between a <testcase> and its end */
	bool one_each = true;
	for (const char *c = strstr(text, "<testcase "); c; c = strstr(c + 1, "<testcase ")) {
		const char *end = strstr(c, "</testcase>");
		int n = 0;
		for (const char *f = c; end && (f = strstr(f + 1, "<failure")) && f < end;)
			n++;
		for (const char *f = c; end && (f = strstr(f + 1, "<error")) && f < end;)
			n++;
		one_each = one_each && end && n <= 1;
	}
	ok(one_each, "at most one failure or error per test case");
	free(text);
}

static void test_empty(void)
{
	stk_report *r = NULL;
	stk_error err;
	if (stk_report_new("telegram", &r, &err) != STK_OK)
		return;
	if (stk_report_add_file(r, "ok.png", &err) != STK_OK)
		tap_diag("%s", err.msg);
	char *text = render(r, STK_REPORT_TEXT, 0);
	is_str(text, "1 file checked against telegram: no problems found\n", "clean text report");
	free(text);
	text = render(r, STK_REPORT_GITHUB, 0);
	is_str(text, "", "no annotations");
	free(text);
	stk_finding bad = { NULL, STK_SEVERITY_ERROR, "x", -1, "m", NULL, NULL, NULL, NULL };
	is_int(stk_report_add(r, &bad, &err), STK_ERR_INVALID_ARG, "a finding needs a rule");
	stk_report_free(r);
	stk_report_free(NULL);
}

int main(void)
{
	stk_report *r = sample();
	if (!ok(r != NULL, "sample report"))
		return done_testing();
	test_model(r);
	test_json(r);
	test_text(r);
	test_github(r);
	test_junit(r);
	stk_report_free(r);
	test_empty();
	return done_testing();
}
