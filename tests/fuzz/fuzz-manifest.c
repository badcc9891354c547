/*
 * fuzz-manifest.c - the WhatsApp contents.json reader: the input is the
 * contents.json of a built WhatsApp folder (written to a temporary folder,
 * removed at exit), validated against the shipped WhatsApp profile, and
 * the report written in every format, as validate would.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <stk/stk.h>

static char dir[64], file[96];
static stk_profile *profile;

static void remove_dir(void)
{
	unlink(file);
	rmdir(dir);
	stk_profile_free(profile);
}

static void setup(void)
{
	stk_error err;
	stk_error_init(&err);
	snprintf(dir, sizeof dir, "%s/stk-fuzz-manifest.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		abort();
	snprintf(file, sizeof file, "%s/contents.json", dir);
	if (stk_profile_load_file(FUZZ_PROFILE_DIR "/whatsapp.json", &profile, &err) != STK_OK)
		abort();
	atexit(remove_dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0])
		setup();
	FILE *f = fopen(file, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size))
		abort();
	fclose(f);
	stk_validate_options opt;
	stk_validate_options_init(&opt);
	opt.decode.max_entries = 256;
	stk_report *r = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_report_new("whatsapp", &r, &err) != STK_OK)
		abort();
	if (stk_validate_path(profile, dir, &opt, r, &err) == STK_OK) {
		for (int fmt = STK_REPORT_TEXT; fmt <= STK_REPORT_JUNIT; fmt++) {
			stk_buf out = { 0 };
			if (stk_report_write(r, (stk_report_format)fmt, 0, &out, &err) == STK_OK)
				stk_buf_release(&out);
		}
	}
	stk_report_free(r);
	return 0;
}
