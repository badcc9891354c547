/*
 * test-preview.c - the contact sheets, read back: sheet-<id>.png decoded
 * and every cell found where stickerkit-preview(1) says (gap 16, at most
 * 5 cells a row, light panel left of the dark one, icon above the grid),
 * each cell's pixels equal to the sticker fitted by stk_image_resize()
 * and laid over the background by this file's own compositing, markers
 * only on the stickers with findings, nothing else on the backgrounds;
 * and sheet-<id>.webp decoded, each cell showing the frame its animation
 * shows at that time (timing, play count).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"
#include "stk/stk.h"

#define GAP 16
#define COLS 5

static char tmp[256];

static const char *at(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", tmp, rel);
	return buf;
}

/* A profile that flags stickers wider than 400 px, and nothing else. */
static const char PROFILE[] =
	"{\"profile\":1,\"id\":\"brand\",\"name\":\"Brand\",\"confidence\":\"official\","
	"\"roles\":[{\"id\":\"sticker\",\"name\":\"sticker\",\"match\":{\"formats\":[\"png\",\"apng\"]},\"rules\":[{\"id\":\"brand.sticker.w\","
	"\"severity\":\"warning\",\"check\":\"max-width\",\"value\":400,\"message\":\"{value} wide\","
	"\"fix\":\"narrower\",\"source\":\"test\"}]}]}";

/* Still art: a gradient blob with soft edges on transparency. */
static stk_image *still(uint32_t w, uint32_t h, unsigned seed)
{
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_new(w, h, &img, &err) != STK_OK)
		return NULL;
	uint8_t *px = calloc((size_t)w * h, 4);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			double dx = (x - w / 2.0) / (w / 2.0), dy = (y - h / 2.0) / (h / 2.0);
			double r = sqrt(dx * dx + dy * dy);
			uint8_t *p = px + ((size_t)y * w + x) * 4;
			p[0] = (uint8_t)(x * 255 / w);
			p[1] = (uint8_t)(y * 255 / h);
			p[2] = (uint8_t)(seed * 70);
			p[3] = r < 0.8 ? 255 : r < 0.95 ? (uint8_t)((0.95 - r) / 0.15 * 255) : 0;
		}
	if (stk_image_add_frame_take(img, px, 0, &err) != STK_OK) {
		stk_image_free(img);
		return NULL;
	}
	return img;
}

/* An animation of solid colours, one a frame, with these durations. */
static const uint8_t SOLID[4][3] = { { 230, 20, 20 }, { 20, 200, 20 }, { 20, 20, 230 },
                                     { 230, 230, 20 } };

static stk_image *solid_anim(const uint32_t *ms, uint32_t n, uint32_t plays)
{
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_new(64, 64, &img, &err) != STK_OK)
		return NULL;
	for (uint32_t f = 0; f < n; f++) {
		uint8_t *px = malloc(64 * 64 * 4);
		for (size_t i = 0; i < 64 * 64; i++) {
			memcpy(px + i * 4, SOLID[f], 3);
			px[i * 4 + 3] = 255;
		}
		if (stk_image_add_frame_take(img, px, ms[f], &err) != STK_OK)
			tap_diag("frame: %s", err.msg);
	}
	stk_image_set_plays(img, plays);
	return img;
}

static bool save(const stk_image *img, const char *rel)
{
	char path[512];
	stk_encode_options eo;
	stk_buf buf = { 0 };
	stk_error err;
	stk_error_init(&err);
	stk_encode_options_init(&eo);
	eo.format = stk_image_frame_count(img) > 1 ? STK_FORMAT_APNG : STK_FORMAT_PNG;
	bool good = stk_image_encode(img, &eo, &buf, &err) == STK_OK &&
	            stk_write_file_atomic(at(path, sizeof path, rel), buf.data, buf.len,
	                                  &err) == STK_OK;
	if (!good)
		tap_diag("cannot save %s: %s", rel, err.msg);
	stk_buf_release(&buf);
	return good;
}

/* a over the opaque background, rounded: this file's own compositing. */
static void over(const uint8_t *a, const uint8_t bg[4], uint8_t out[3])
{
	for (int c = 0; c < 3; c++)
		out[c] = (uint8_t)((a[c] * a[3] + bg[c] * (255 - a[3])) / 255.0 + 0.5);
}

struct rect { uint32_t x, y, w, h; };

static bool inside(struct rect r, uint32_t x, uint32_t y)
{
	return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

static stk_image *fitted(const stk_image *img, uint32_t side)
{
	stk_resize_options o;
	stk_image *out = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_resize_options_init(&o);
	o.width = o.height = side;
	if (stk_image_resize(img, &o, &out, &err) != STK_OK)
		tap_diag("resize: %s", err.msg);
	return out;
}

static void test_still_sheet(void)
{
	char path[512], out[512];
	stk_error err;
	stk_error_init(&err);
	stk_profile *p = NULL;
	stk_preview *pv = NULL;
	stk_image *art[3] = { still(512, 512, 1), still(300, 200, 2), still(120, 360, 3) };
	stk_image *icon = still(96, 96, 4);
	const char *names[3] = { "a.png", "b.png", "c.png" };
	for (int i = 0; i < 3; i++)
		save(art[i], names[i]);
	save(icon, "tray.png");

	ok(stk_profile_load_data(PROFILE, strlen(PROFILE), "brand.json", &p, &err) == STK_OK,
	   "test profile loads");
	ok(stk_preview_new("Blobs", "Tests", &pv, &err) == STK_OK &&
	   stk_preview_add_target(pv, p, at(path, sizeof path, "tray.png"), &err) == STK_OK,
	   "a preview with one target");
	for (int i = 0; i < 3; i++) {
		stk_preview_sticker s;
		stk_preview_sticker_init(&s);
		s.file = at(path, sizeof path, names[i]);
		ok(stk_preview_add_sticker(pv, &s, &err) == STK_OK, "sticker %s added", names[i]);
	}
	at(out, sizeof out, "out/sub");
	ok(stk_preview_write(pv, out, NULL, NULL, &err) == STK_OK, "preview written: %s",
	   err.msg);

	uint8_t bg[2][4];
	uint32_t px;
	stk_preview_store_look("brand", bg[0], bg[1], &px, NULL);
	stk_image *sheet = NULL;
	ok(stk_image_load(at(path, sizeof path, "out/sub/sheet-brand.png"), NULL, &sheet,
	                  &err) == STK_OK, "sheet-brand.png decodes");
	if (!sheet)
		goto done;
	uint32_t cols = 3, grid_y = GAP + 96 + GAP;
	uint32_t panel_w = GAP + cols * (px + GAP), panel_h = grid_y + px + GAP;
	is_int(stk_image_width(sheet), 2 * panel_w, "sheet width: two panels of %u cells", cols);
	is_int(stk_image_height(sheet), panel_h, "sheet height: icon row and one row of cells");
	if (stk_image_width(sheet) != 2 * panel_w || stk_image_height(sheet) != panel_h)
		goto done;
	const uint8_t *sp = stk_image_frame_rgba_const(sheet, 0);
	uint32_t sw = stk_image_width(sheet);

	/* where everything is, from the documented geometry */
	struct rect cell[2][3], mark[2][3], ic[2];
	for (int panel = 0; panel < 2; panel++) {
		ic[panel] = (struct rect){ panel * panel_w + GAP, GAP, 96, 96 };
		for (uint32_t i = 0; i < 3; i++) {
			cell[panel][i] = (struct rect){ panel * panel_w + GAP + i * (px + GAP), grid_y,
			                                px, px };
			mark[panel][i] = (struct rect){ cell[panel][i].x + px - (GAP - 4),
			                                grid_y - (GAP - 4) - 2, GAP - 4, GAP - 4 };
		}
	}
	for (int panel = 0; panel < 2; panel++) {
		const char *side = panel ? "dark" : "light";
		for (uint32_t i = 0; i < 3; i++) {
			stk_image *f = fitted(art[i], px);
			const uint8_t *fp = stk_image_frame_rgba_const(f, 0);
			int worst = 0;
			for (uint32_t y = 0; y < px; y++)
				for (uint32_t x = 0; x < px; x++) {
					uint8_t want[3];
					over(fp + ((size_t)y * px + x) * 4, bg[panel], want);
					const uint8_t *got = sp + ((size_t)(cell[panel][i].y + y) * sw +
					                           cell[panel][i].x + x) * 4;
					for (int c = 0; c < 3; c++) {
						int d = abs(got[c] - want[c]);
						worst = d > worst ? d : worst;
					}
				}
			ok(worst <= 1, "%s cell %u: the sticker fitted to %u px over the background "
			   "(largest difference %d)", side, i, px, worst);
			stk_image_free(f);
		}
		const uint8_t *ip = stk_image_frame_rgba_const(icon, 0);
		int worst = 0;
		for (uint32_t y = 0; y < 96; y++)
			for (uint32_t x = 0; x < 96; x++) {
				uint8_t want[3];
				over(ip + ((size_t)y * 96 + x) * 4, bg[panel], want);
				const uint8_t *got = sp + ((size_t)(ic[panel].y + y) * sw + ic[panel].x + x) * 4;
				for (int c = 0; c < 3; c++)
					worst = abs(got[c] - want[c]) > worst ? abs(got[c] - want[c]) : worst;
			}
		ok(worst <= 1, "%s: the icon at its real size, 96x96 (largest difference %d)", side,
		   worst);

		/* markers: only sticker a (512 wide) breaks the rule */
		for (uint32_t i = 0; i < 3; i++) {
			size_t red = 0;
			for (uint32_t y = mark[panel][i].y; y < mark[panel][i].y + mark[panel][i].h; y++)
				for (uint32_t x = mark[panel][i].x; x < mark[panel][i].x + mark[panel][i].w; x++) {
					const uint8_t *q = sp + ((size_t)y * sw + x) * 4;
					red += q[0] > 180 && q[1] < 80 && q[2] < 80;
				}
			if (i == 0)
				ok(red > 40, "%s: a marker above sticker a, which has a finding (%zu red px)",
				   side, red);
			else
				ok(red == 0, "%s: no marker above sticker %c", side, (char)('a' + i));
		}
	}
	/* nothing but background outside cells, icons and markers */
	size_t stray = 0;
	for (uint32_t y = 0; y < panel_h; y++)
		for (uint32_t x = 0; x < sw; x++) {
			int panel = x >= panel_w;
			bool taken = inside(ic[panel], x, y);
			for (int i = 0; i < 3; i++)
				taken |= inside(cell[panel][i], x, y) || inside(mark[panel][i], x, y);
			if (!taken && memcmp(sp + ((size_t)y * sw + x) * 4, bg[panel], 3) != 0)
				stray++;
		}
	is_int((int)stray, 0, "the rest of each panel is its background");

	struct stat sb;
	ok(stat(at(path, sizeof path, "out/sub/index.html"), &sb) == 0 && sb.st_size > 0,
	   "index.html written");
	ok(stat(at(path, sizeof path, "out/sub/sheet-brand.webp"), &sb) != 0,
	   "no animated sheet for a pack without animations");
done:
	stk_image_free(sheet);
	for (int i = 0; i < 3; i++)
		stk_image_free(art[i]);
	stk_image_free(icon);
	stk_preview_free(pv);
	stk_profile_free(p);
}

/* Frame shown at time t (ms) by an animation of these durations. */
static uint32_t expect_frame(const uint32_t *ms, uint32_t n, uint32_t plays, uint64_t t)
{
	uint64_t len = 0;
	for (uint32_t i = 0; i < n; i++)
		len += ms[i];
	if (plays && t >= len * plays)
		return n - 1;
	uint64_t local = t % len, t0 = 0;
	for (uint32_t i = 0; i < n; i++) {
		t0 += ms[i];
		if (local < t0)
			return i;
	}
	return n - 1;
}

static void test_animated_sheet(void)
{
	char path[512];
	stk_error err;
	stk_error_init(&err);
	stk_profile *p = NULL;
	stk_preview *pv = NULL;
	const uint32_t ma[3] = { 100, 200, 300 }, mb[2] = { 250, 250 };
	stk_image *a = solid_anim(ma, 3, 0), *b = solid_anim(mb, 2, 2), *c = still(200, 200, 5);
	save(a, "loop.png");
	save(b, "twice.png");
	save(c, "still.png");
	if (stk_profile_load_data(PROFILE, strlen(PROFILE), "brand.json", &p, &err) != STK_OK ||
	    stk_preview_new(NULL, NULL, &pv, &err) != STK_OK ||
	    stk_preview_add_target(pv, p, NULL, &err) != STK_OK) {
		ok(0, "animated preview set up: %s", err.msg);
		return;
	}
	const char *names[3] = { "loop.png", "twice.png", "still.png" };
	for (int i = 0; i < 3; i++) {
		stk_preview_sticker s;
		stk_preview_sticker_init(&s);
		s.file = at(path, sizeof path, names[i]);
		if (stk_preview_add_sticker(pv, &s, &err) != STK_OK)
			tap_diag("%s", err.msg);
	}
	ok(stk_preview_write(pv, at(path, sizeof path, "anim"), NULL, NULL, &err) == STK_OK,
	   "animated preview written: %s", err.msg);
	stk_image *sheet = NULL;
	ok(stk_image_load(at(path, sizeof path, "anim/sheet-brand.webp"), NULL, &sheet,
	                  &err) == STK_OK, "sheet-brand.webp decodes");
	if (!sheet)
		goto done;
	uint8_t bg[2][4];
	uint32_t px;
	stk_preview_store_look("brand", bg[0], bg[1], &px, NULL);
	/* the longest finite one (2 x 500 ms) against the loop's 600 ms */
	is_int((int)stk_image_duration(sheet), 1000, "the sheet lasts as long as the finite "
	       "animation's two plays");
	is_int((int)stk_image_plays(sheet), 1, "with a finite animation the sheet plays once");
	uint32_t sw = stk_image_width(sheet);
	uint64_t t = 0;
	int wrong = 0, checked = 0;
	for (uint32_t f = 0; f < stk_image_frame_count(sheet); f++) {
		const uint8_t *sp = stk_image_frame_rgba_const(sheet, f);
		for (int panel = 0; panel < 2; panel++)
			for (int k = 0; k < 2; k++) {
				uint32_t cx = panel * (sw / 2) + GAP + k * (px + GAP) + px / 2;
				uint32_t cy = GAP + px / 2;
				const uint8_t *q = sp + ((size_t)cy * sw + cx) * 4;
				uint32_t want = k == 0 ? expect_frame(ma, 3, 0, t) : expect_frame(mb, 2, 2, t);
				int d = 0;
				for (int ch = 0; ch < 3; ch++)
					d = abs(q[ch] - SOLID[want][ch]) > d ? abs(q[ch] - SOLID[want][ch]) : d;
				checked++;
				if (d > 24) {
					if (wrong++ < 5)
						tap_diag("frame %u at %llu ms, cell %d: got %u,%u,%u want frame %u",
						         f, (unsigned long long)t, k, q[0], q[1], q[2], want);
				}
			}
		t += stk_image_frame_duration(sheet, f);
	}
	ok(checked > 0 && wrong == 0, "every animated cell shows its own frame at each moment "
	   "(%d checks, %d wrong)", checked, wrong);
	ok(stk_image_frame_count(sheet) >= 6, "the sheet changes where either animation does "
	   "(%u frames)", stk_image_frame_count(sheet));
done:
	stk_image_free(sheet);
	stk_image_free(a);
	stk_image_free(b);
	stk_image_free(c);
	stk_preview_free(pv);
	stk_profile_free(p);
}

static void test_unreadable(void)
{
	char path[512], html[512];
	stk_error err;
	stk_error_init(&err);
	stk_profile *p = NULL;
	stk_preview *pv = NULL;
	FILE *f = fopen(at(path, sizeof path, "junk.png"), "wb");
	if (f) {
		fputs("\x89PNG\r\n\x1a\nnot really", f);
		fclose(f);
	}
	if (stk_profile_load_data(PROFILE, strlen(PROFILE), "brand.json", &p, &err) != STK_OK ||
	    stk_preview_new("J<&>", NULL, &pv, &err) != STK_OK ||
	    stk_preview_add_target(pv, p, NULL, &err) != STK_OK) {
		ok(0, "preview set up: %s", err.msg);
		return;
	}
	stk_preview_sticker s;
	stk_preview_sticker_init(&s);
	s.file = path;
	s.emojis = "\xf0\x9f\x98\x80";
	ok(stk_preview_add_sticker(pv, &s, &err) == STK_OK, "a sticker with an emoji added");
	ok(stk_preview_write(pv, at(html, sizeof html, "junk"), NULL, NULL, &err) == STK_OK,
	   "a sticker that does not decode is a finding, not a failure");
	stk_buf page = { 0 };
	ok(stk_read_file(at(html, sizeof html, "junk/index.html"), 1 << 20, &page, &err) ==
	   STK_OK, "its page is written");
	/* stk_read_file() does not end the bytes with a NUL */
	char *text = page.data ? calloc(1, page.len + 1) : NULL;
	if (text)
		memcpy(text, page.data, page.len);
	ok(text && strstr(text, STK_RULE_UNREADABLE), "the page names the finding");
	ok(text && strstr(text, "J&lt;&amp;&gt;") && !strstr(text, "J<&>"),
	   "the pack name is escaped");
	ok(text && strstr(text, "\xf0\x9f\x98\x80"), "the emoji is on the page");
	free(text);
	stk_buf_release(&page);
	ok(stk_preview_add_target(pv, p, NULL, &err) == STK_ERR_INVALID_ARG,
	   "a target given twice is refused");
	stk_preview_free(pv);
	stk_profile_free(p);
}

int main(void)
{
	snprintf(tmp, sizeof tmp, "%s/stk-preview.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		ok(0, "cannot make a temporary folder");
		return done_testing();
	}
	test_still_sheet();
	test_animated_sheet();
	test_unreadable();
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmp);
	return done_testing();
}
