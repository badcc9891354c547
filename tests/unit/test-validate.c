/*
 * test-validate.c - validating real inputs end to end: a built WhatsApp
 * folder (contents.json + <identifier>/), a folder of stickers, a
 * .wastickers archive, a frames folder, TGS, unreadable files, forced
 * roles and guessing the profile.  Fixtures are written to a temporary
 * folder with the library's own encoders.
 */
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "tap.h"
#include "internal.h"

static char tmp[256];
static char profiles[2200];

static const char *at(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", tmp, rel);
	return buf;
}

static void put(const char *rel, const void *data, size_t len)
{
	char path[512];
	stk_error err;
	if (stk_write_file_atomic(at(path, sizeof path, rel), data, len, &err) != STK_OK)
		tap_diag("cannot write %s: %s", rel, err.msg);
}

static void put_text(const char *rel, const char *text)
{
	put(rel, text, strlen(text));
}

static void make_dir(const char *rel)
{
	char path[512];
	mkdir(at(path, sizeof path, rel), 0755);
}

/* Art: a disc-ish square in a colour from seed, margin px from the edges. */
static stk_image *art(uint32_t size, uint32_t frames, uint32_t margin, unsigned seed)
{
	stk_image *img = NULL;
	stk_error err;
	if (stk_image_new(size, size, &img, &err) != STK_OK)
		return NULL;
	for (uint32_t f = 0; f < frames; f++) {
		uint8_t *px = calloc((size_t)size * size, 4);
		for (uint32_t y = margin + f; y + margin < size; y++)
			for (uint32_t x = margin; x + margin < size; x++) {
				uint8_t *p = px + ((size_t)y * size + x) * 4;
				p[0] = (uint8_t)(seed * 60);
				p[1] = (uint8_t)(x ^ y);
				p[2] = (uint8_t)(seed * 20 + f * 30);
				p[3] = 255;
			}
		if (stk_image_add_frame_take(img, px, 100, &err) != STK_OK)
			return NULL;
	}
	return img;
}

/* Encodes art to rel; WebP stickers carry WhatsApp EXIF when `exif`. */
static void write_art(const char *rel, stk_format fmt, uint32_t size, uint32_t frames,
                      unsigned seed, bool exif)
{
	stk_image *img = art(size, frames, size / 8, seed);
	stk_encode_options opt;
	stk_buf out = { 0 }, x = { 0 };
	stk_error err;
	stk_encode_options_init(&opt);
	opt.format = fmt;
	opt.quality = 60;
	if (exif) {
		const char *e[] = { "\xf0\x9f\x98\x80" };
		stk_wa_metadata m = { NULL, "Test", "Tester", e, 1, NULL };
		if (stk_wa_exif_build(&m, &x, &err) == STK_OK &&
		    stk_image_set_metadata(img, STK_META_EXIF, x.data, x.len, &err) == STK_OK)
			opt.keep_metadata = true;
	}
	if (!img || stk_image_encode(img, &opt, &out, &err) != STK_OK)
		tap_diag("cannot encode %s: %s", rel, err.msg);
	else
		put(rel, out.data, out.len);
	stk_buf_release(&out);
	stk_buf_release(&x);
	stk_image_free(img);
}

static stk_profile *open_profile(const char *name)
{
	const char *dirs[] = { profiles, NULL };
	stk_profile *p = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_profile_open(name, dirs, &p, &err) != STK_OK)
		tap_diag("%s: %s", err.file, err.msg);
	return p;
}

/* Validates path and returns the report (the caller frees it). */
static stk_report *check(const char *store, const char *path, const char *role)
{
	stk_profile *p = open_profile(store);
	stk_report *r = NULL;
	stk_error err;
	stk_validate_options opt;
	stk_validate_options_init(&opt);
	opt.role = role;
	stk_error_init(&err);
	if (!p || stk_report_new(store, &r, &err) != STK_OK) {
		stk_profile_free(p);
		return NULL;
	}
	stk_status s = stk_validate_path(p, path, &opt, r, &err);
	if (s != STK_OK)
		tap_diag("validate %s: %s", path, err.msg);
	stk_profile_free(p);
	return r;
}

static void dump(const stk_report *r)
{
	for (size_t i = 0; r && i < stk_report_count(r); i++) {
		const stk_finding *f = stk_report_get(r, i);
		tap_diag("  %s %s: %s", f->rule, f->file, f->message);
	}
}

static void has(const stk_report *r, const char *rule, bool want, const char *what)
{
	if (!ok(r && stk_report_has(r, rule) == want, "%s: %s %s", what, rule,
	        want ? "reported" : "not reported"))
		dump(r);
}

static const char good_contents[] =
	"{\n"
	"  \"android_play_store_link\": \"https://play.google.com/store/apps/details?id=a.b\",\n"
	"  \"ios_app_store_link\": \"https://itunes.apple.com/app/id123\",\n"
	"  \"sticker_packs\": [{\n"
	"    \"identifier\": \"cats\", \"name\": \"Cats\", \"publisher\": \"Me\",\n"
	"    \"tray_image_file\": \"tray.png\", \"image_data_version\": \"1\",\n"
	"    \"publisher_email\": \"me@example.com\",\n"
	"    \"publisher_website\": \"https://example.com\",\n"
	"    \"stickers\": [\n"
	"      {\"image_file\": \"1.webp\", \"emojis\": [\"\\ud83d\\ude00\"]},\n"
	"      {\"image_file\": \"2.webp\", \"emojis\": [\"\\ud83d\\ude00\"],\n"
	"       \"accessibility_text\": \"a cat\"},\n"
	"      {\"image_file\": \"3.webp\", \"emojis\": [\"\\ud83d\\ude00\", \"\\ud83d\\ude3a\"]}\n"
	"    ]\n"
	"  }]\n"
	"}\n";

static void test_built_folder(void)
{
	char path[512];
	make_dir("wa");
	make_dir("wa/cats");
	put_text("wa/contents.json", good_contents);
	write_art("wa/cats/tray.png", STK_FORMAT_PNG, 96, 1, 9, false);
	for (unsigned i = 1; i <= 3; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "wa/cats/%u.webp", i);
		write_art(rel, STK_FORMAT_WEBP, 512, 1, i, true);
	}
	stk_report *r = check("whatsapp", at(path, sizeof path, "wa"), NULL);
	if (!ok(r && stk_report_errors(r) == 0, "a good built WhatsApp folder has no errors"))
		dump(r);
	is_int(r ? stk_report_unreadable(r) : 99, 0, "and nothing unreadable");
	has(r, "whatsapp.sticker.exif", false, "good pack");
	stk_report_free(r);

	/* The same through contents.json itself. */
	r = check("whatsapp", at(path, sizeof path, "wa/contents.json"), NULL);
	ok(r && stk_report_errors(r) == 0, "contents.json as the path works the same");
	stk_report_free(r);
}

static void test_bad_built_folder(void)
{
	char path[512];
	make_dir("wb");
	make_dir("wb/dogs");
	put_text("wb/contents.json",
		"{\"sticker_packs\": [{\n"
		"  \"identifier\": \"dogs\", \"name\": \"\", \"publisher\": \"Me\",\n"
		"  \"tray_image_file\": \"tray.png\",\n"
		"  \"ios_app_store_link\": \"https://apps.apple.com/app/id1\",\n"
		"  \"publisher_email\": \"not-an-email\",\n"
		"  \"animated_sticker_pack\": true,\n"
		"  \"stickers\": [\n"
		"    {\"image_file\": \"1.webp\", \"emojis\": [\"a\", \"b\", \"c\", \"d\"]},\n"
		"    {\"image_file\": \"missing.webp\", \"emojis\": [\"a\"], \"size\": 3},\n"
		"    {\"image_file\": \"../x.webp\", \"emojis\": []}\n"
		"  ]}], \"extra\": 1}\n");
	write_art("wb/dogs/1.webp", STK_FORMAT_WEBP, 256, 1, 1, false);
	stk_report *r = check("whatsapp", at(path, sizeof path, "wb"), NULL);
	has(r, "whatsapp.contents.known-fields", true, "top-level \"extra\"");
	has(r, "whatsapp.pack.name-required", true, "empty name");
	has(r, "whatsapp.pack.image-data-version", true, "no image_data_version");
	has(r, "whatsapp.pack.app-store-host", true, "apps.apple.com link");
	has(r, "whatsapp.pack.email", true, "bad e-mail");
	has(r, "whatsapp.tray.exists", true, "tray file missing");
	has(r, "whatsapp.sticker.exists", true, "sticker file missing");
	has(r, "whatsapp.sticker.emojis-max", true, "four emojis");
	has(r, "whatsapp.sticker.emojis-min", true, "no emojis");
	has(r, "whatsapp.sticker.known-fields", true, "sticker field \"size\"");
	has(r, "whatsapp.sticker.image-file-traversal", true, "../x.webp");
	has(r, "whatsapp.sticker.width", true, "256 px sticker");
	has(r, "whatsapp.sticker.animated", true, "still sticker in an animated pack");
	has(r, "whatsapp.sticker.exif", true, "sticker without EXIF");
	has(r, "whatsapp.pack.identifier-required", false, "identifier given");
	is_int(r ? stk_report_unreadable(r) : 99, 0, "missing files are rule findings, not "
	       "unreadable input");
	stk_report_free(r);

	put_text("wb/contents.json", "{\"sticker_packs\": [,]}");
	r = check("whatsapp", at(path, sizeof path, "wb"), NULL);
	ok(r && stk_report_unreadable(r) == 1, "a contents.json syntax error is unreadable input");
	const stk_finding *f = r ? stk_report_get(r, 0) : NULL;
	ok(f && strstr(f->message, "line 1"), "and says where (%s)", f ? f->message : "");
	stk_report_free(r);
}

static void test_flat_folder(void)
{
	char path[512];
	make_dir("flat");
	write_art("flat/a.webp", STK_FORMAT_WEBP, 512, 1, 1, true);
	write_art("flat/b.webp", STK_FORMAT_WEBP, 512, 1, 1, true);
	write_art("flat/c.webp", STK_FORMAT_WEBP, 512, 3, 2, true);
	put_text("flat/title.txt", "Cats\n");
	put_text("flat/notes.md", "not a sticker");
	stk_report *r = check("whatsapp", at(path, sizeof path, "flat"), NULL);
	has(r, "whatsapp.pack.no-mixing", true, "two still and one animated");
	has(r, "whatsapp.pack.duplicates", true, "a.webp and b.webp alike");
	has(r, "whatsapp.pack.tray", true, "no tray.png");
	has(r, "whatsapp.pack.publisher-required", true, "title.txt without author.txt");
	has(r, "whatsapp.pack.name-required", false, "title.txt gives the name");
	has(r, "whatsapp.pack.image-data-version", false, "a folder has no contents.json fields");
	has(r, "whatsapp.sticker.emojis-min", false, "no manifest, no emoji rules");
	has(r, "whatsapp.pack.min-stickers", false, "three stickers");
	is_int(r ? stk_report_file_count(r) : 0, 4, "three stickers and the pack checked");
	stk_report_free(r);
}

static size_t make_zip(uint8_t *buf, size_t cap, const char *const *names,
                       const char *const *rels, size_t n)
{
	struct archive *a = archive_write_new();
	size_t used = 0;
	archive_write_set_format_zip(a);
	archive_write_open_memory(a, buf, cap, &used);
	for (size_t i = 0; i < n; i++) {
		char path[512];
		stk_buf b = { 0 };
		stk_error err;
		if (stk_read_file(at(path, sizeof path, rels[i]), 1u << 24, &b, &err) != STK_OK)
			continue;
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, names[i]);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)b.len);
		archive_write_header(a, e);
		archive_write_data(a, b.data, b.len);
		archive_entry_free(e);
		stk_buf_release(&b);
	}
	archive_write_close(a);
	archive_write_free(a);
	return used;
}

static void test_wastickers(void)
{
	static uint8_t zbuf[4 << 20];
	char path[512];
	put_text("author.txt", "Tester");
	const char *names[] = { "title.txt", "author.txt", "tray.png", "1.webp", "2.webp", "3.webp" };
	const char *rels[] = { "flat/title.txt", "author.txt", "wa/cats/tray.png",
	                       "wa/cats/1.webp", "wa/cats/2.webp", "wa/cats/3.webp" };
	size_t len = make_zip(zbuf, sizeof zbuf, names, rels, 6);
	put("pack.wastickers", zbuf, len);
	stk_report *r = check("whatsapp", at(path, sizeof path, "pack.wastickers"), NULL);
	if (!ok(r && stk_report_errors(r) == 0, "a good .wastickers has no errors"))
		dump(r);
	ok(r && stk_report_file_count(r) >= 4 &&
	   strstr(stk_report_file(r, 0), "pack.wastickers:"), "entries are named archive:entry");
	stk_report_free(r);

	len = make_zip(zbuf, sizeof zbuf, names + 3, rels + 3, 2);
	put("short.wastickers", zbuf, len);
	r = check("whatsapp", at(path, sizeof path, "short.wastickers"), NULL);
	has(r, "whatsapp.pack.min-stickers", true, ".wastickers with two stickers");
	has(r, "whatsapp.pack.tray", true, ".wastickers without tray.png");
	stk_report_free(r);

	char corpus[512];
	r = check("whatsapp", corpus_path(corpus, sizeof corpus, "broken/zip_path_traversal.zip"),
	          NULL);
	ok(r && stk_report_unreadable(r) == 1, "a zip with ../ entries is refused as unreadable");
	stk_report_free(r);
}

/* gzip of text, as a TGS file is. */
static size_t gzip(const char *text, uint8_t *out, size_t cap)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	deflateInit2(&zs, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *)text;
	zs.avail_in = (uInt)strlen(text);
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	deflate(&zs, Z_FINISH);
	size_t n = zs.total_out;
	deflateEnd(&zs);
	return n;
}

static void test_tgs(void)
{
	uint8_t buf[4096];
	char path[512];
	const char *lottie =
		"{\"v\":\"5.5.2\",\"fr\":30,\"ip\":0,\"op\":240,\"w\":512,\"h\":512,"
		"\"layers\":[{\"ty\":5,\"ks\":{}},{\"ty\":4,\"ks\":{\"p\":{\"x\":\"time*2\"}}}]}";
	put("anim.tgs", buf, gzip(lottie, buf, sizeof buf));
	stk_report *r = check("telegram", at(path, sizeof path, "anim.tgs"), NULL);
	has(r, "telegram.tgs.fps-60", true, "30 fps TGS (a warning)");
	has(r, "telegram.tgs.fps", false, "30 fps is accepted");
	has(r, "telegram.tgs.duration", true, "8 s TGS");
	has(r, "telegram.tgs.features", true, "text layer");
	has(r, "telegram.tgs.width", false, "512 px canvas");
	stk_report_free(r);

	char corpus[512];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = check("telegram", corpus_path(corpus, sizeof corpus, "broken/tgs_gzip_bomb_96MiB.tgs"),
	          NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(r && stk_report_unreadable(r) == 1, "the TGS gzip bomb is refused");
	ok(secs < (getenv("STK_SLOW_BUILD") ? 5.0 : 1.0), "within a second (%.3f s)", secs);
	stk_report_free(r);
}

static void test_roles_and_guess(void)
{
	char path[512], other[512];
	write_art("emoji.png", STK_FORMAT_PNG, 180, 1, 3, false);
	stk_report *r = check("line", at(path, sizeof path, "emoji.png"), "emoji");
	has(r, "line.emoji.width", false, "180 px LINE emoji in role emoji");
	has(r, "line.static.max-width", false, "forced role: sticker rules do not apply");
	stk_report_free(r);
	write_art("emoji100.png", STK_FORMAT_PNG, 100, 1, 3, false);
	r = check("line", at(path, sizeof path, "emoji100.png"), "emoji");
	has(r, "line.emoji.width", true, "100 px LINE emoji");
	stk_report_free(r);

	stk_profile *p = open_profile("line");
	stk_report *rep = NULL;
	stk_error err;
	stk_validate_options opt;
	stk_validate_options_init(&opt);
	opt.role = "no-such-role";
	is_int(stk_report_new("line", &rep, &err), STK_OK, "report");
	is_int(stk_validate_path(p, path, &opt, rep, &err), STK_ERR_INVALID_ARG,
	       "an unknown role is a usage error");
	stk_report_free(rep);
	stk_profile_free(p);

	is_str(stk_validate_guess_profile(at(path, sizeof path, "wa")), "whatsapp",
	       "contents.json says whatsapp");
	is_str(stk_validate_guess_profile(at(path, sizeof path, "pack.wastickers")), "whatsapp",
	       ".wastickers says whatsapp");
	is_str(stk_validate_guess_profile(at(path, sizeof path, "anim.tgs")), "telegram",
	       ".tgs says telegram");
	make_dir("line");
	write_art("line/main.png", STK_FORMAT_PNG, 240, 1, 1, false);
	write_art("line/tab.png", STK_FORMAT_PNG, 96, 1, 1, false);
	is_str(stk_validate_guess_profile(at(path, sizeof path, "line")), "line",
	       "main.png and tab.png say line");
	ok(stk_validate_guess_profile(at(other, sizeof other, "emoji.png")) == NULL,
	   "a lone PNG says nothing");
}

static void test_singles(void)
{
	char path[512];
	stk_report *r = check("whatsapp", at(path, sizeof path, "no-such-file.webp"), NULL);
	ok(r && stk_report_unreadable(r) == 1, "a missing path is unreadable input");
	stk_report_free(r);

	put_text("text.webp", "hello, not an image");
	r = check("whatsapp", at(path, sizeof path, "text.webp"), NULL);
	ok(r && stk_report_unreadable(r) == 1 && stk_report_count(r) == 1,
	   "a text file named .webp is one unreadable finding");
	stk_report_free(r);

	make_dir("frames");
	write_art("frames/0001.png", STK_FORMAT_PNG, 64, 1, 1, false);
	write_art("frames/0002.png", STK_FORMAT_PNG, 64, 1, 2, false);
	put_text("frames/timing.json", "{\"durations_ms\": [5, 100]}");
	r = check("whatsapp", at(path, sizeof path, "frames"), NULL);
	has(r, "whatsapp.sticker.frame-duration", true, "a frames folder is one animated sticker");
	has(r, "whatsapp.pack.min-stickers", false, "not a pack");
	stk_report_free(r);

	/* stk_validate_image on an image made in memory. */
	stk_profile *p = open_profile("whatsapp");
	stk_image *img = art(512, 2, 0, 1);
	stk_report *rep = NULL;
	stk_error err;
	is_int(stk_report_new("whatsapp", &rep, &err), STK_OK, "report");
	stk_image_set_frame_duration(img, 1, 4);
	is_int(stk_validate_image(p, img, "mem.webp", NULL, rep, &err), STK_OK, "validate_image");
	has(rep, "whatsapp.sticker.frame-duration", true, "in-memory 4 ms frame");
	has(rep, "whatsapp.art.margin", true, "art touching the edge");
	has(rep, "whatsapp.art.frame-timing", true, "4 ms frames among 100 ms: steps finer than 33 ms");
	stk_report_free(rep);
	is_int(stk_report_new("whatsapp", &rep, &err), STK_OK, "report");
	stk_image_set_frame_duration(img, 1, 130);
	is_int(stk_validate_image(p, img, "mem.webp", NULL, rep, &err), STK_OK, "validate_image");
	has(rep, "whatsapp.art.frame-timing", true, "100 and 130 ms frames: no step of 33 ms or more");
	stk_report_free(rep);
	is_int(stk_report_new("whatsapp", &rep, &err), STK_OK, "report");
	stk_image_set_frame_duration(img, 1, 150);
	is_int(stk_validate_image(p, img, "mem.webp", NULL, rep, &err), STK_OK, "validate_image");
	has(rep, "whatsapp.art.frame-timing", false, "100 and 150 ms frames: 2 and 3 steps of 50");
	stk_report_free(rep);
	stk_image_free(img);

	/* stk_validate_bytes: an encoder's output before it is written. */
	static const uint8_t junk[] = "RIFF....WEBPnot really";
	is_int(stk_report_new("whatsapp", &rep, &err), STK_OK, "report");
	is_int(stk_validate_bytes(p, junk, sizeof junk - 1, "out/x.webp", NULL, rep, &err),
	       STK_OK, "validate_bytes");
	ok(stk_report_unreadable(rep) == 1, "bytes that do not decode: one unreadable finding");
	stk_report_free(rep);
	stk_buf png = { 0 };
	img = art(512, 1, 0, 1);
	stk_encode_options eo;
	stk_encode_options_init(&eo);
	eo.format = STK_FORMAT_PNG;
	is_int(stk_image_encode(img, &eo, &png, &err), STK_OK, "encode");
	is_int(stk_report_new("whatsapp", &rep, &err), STK_OK, "report");
	is_int(stk_validate_bytes(p, png.data, png.len, "out/x.png", NULL, rep, &err), STK_OK,
	       "validate_bytes");
	has(rep, "whatsapp.sticker.format", true, "PNG bytes for WhatsApp");
	has(rep, "whatsapp.sticker.extension", true, "named .png");
	stk_report_free(rep);
	stk_buf_release(&png);
	stk_image_free(img);
	stk_profile_free(p);
}

int main(void)
{
	const char *src = getenv("STK_SOURCE_DIR");
	snprintf(profiles, sizeof profiles, "%s/assets/profiles", src ? src : ".");
	snprintf(tmp, sizeof tmp, "%s/stk-validate.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR")
	                                                                       : "/tmp");
	if (!mkdtemp(tmp)) {
		ok(0, "cannot make a temporary folder");
		return done_testing();
	}
	test_built_folder();
	test_bad_built_folder();
	test_flat_folder();
	test_wastickers();
	test_tgs();
	test_roles_and_guess();
	test_singles();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmp);
	return done_testing();
}
