/* test-store-archives.c - which archives each store gets from a built
 * target folder, under which names, holding which entries. */
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"
#include "pack_internal.h"

static char root[64];

static void put(const char *rel, const char *text)
{
	char path[512], dir[600];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	snprintf(dir, sizeof dir, "mkdir -p \"$(dirname '%s')\"", path);
	if (system(dir) != 0)
		abort();
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

/* The entries of archive i as "a b c". */
static const char *entries(const stk__zip_out *z)
{
	static char buf[2048];
	buf[0] = '\0';
	for (size_t i = 0; i < stk__zip_out_count(z); i++) {
		if (i)
			strcat(buf, " ");
		strncat(buf, stk__zip_out_entry(z, i, NULL, NULL), sizeof buf - strlen(buf) - 2);
	}
	return buf;
}

static bool entry_is(const stk__zip_out *z, const char *name, const char *want)
{
	for (size_t i = 0; i < stk__zip_out_count(z); i++) {
		const uint8_t *d;
		size_t len;
		if (!strcmp(stk__zip_out_entry(z, i, &d, &len), name))
			return len == strlen(want) && !memcmp(d, want, len);
	}
	return false;
}

static stk__store_archives plan(const char *target, stk_status want)
{
	char dir[256];
	stk__store_archives list;
	stk_error err;
	snprintf(dir, sizeof dir, "%s/dist/%s", root, target);
	stk_status s = stk__store_archives_plan(dir, target, "cats", &list, &err);
	is_int(s, want, "%s planned (%s)", target, s ? err.msg : "ok");
	return list;
}

static void test_whatsapp(void)
{
	put("dist/whatsapp/contents.json",
	    "{\"sticker_packs\": ["
	    "{\"identifier\": \"cats\", \"name\": \"Cats\", \"publisher\": \"Me\", "
	    "\"tray_image_file\": \"t.png\", \"stickers\": [{\"image_file\": \"01.webp\"}, "
	    "{\"image_file\": \"02.webp\"}]},"
	    "{\"identifier\": \"cats_animated\", \"name\": \"Cats (animated)\", \"publisher\": "
	    "\"Me\", \"tray_image_file\": \"tray.png\", \"stickers\": [{\"image_file\": "
	    "\"01.webp\"}]}]}");
	put("dist/whatsapp/cats/01.webp", "s1");
	put("dist/whatsapp/cats/02.webp", "s2");
	put("dist/whatsapp/cats/t.png", "tray");
	put("dist/whatsapp/cats_animated/01.webp", "a1");
	put("dist/whatsapp/cats_animated/tray.png", "tray2");
	stk__store_archives l = plan("whatsapp", STK_OK);
	is_int(l.n, 3, "a .wastickers per pack and the sample-app ZIP");
	if (l.n != 3)
		return;
	is_str(l.a[0].file, "cats-whatsapp.wastickers", "first pack's name");
	is_str(entries(l.a[0].entries), "01.webp 02.webp author.txt title.txt tray.png",
	       "its entries (the tray renamed tray.png)");
	ok(entry_is(l.a[0].entries, "title.txt", "Cats\n") &&
	   entry_is(l.a[0].entries, "author.txt", "Me\n") &&
	   entry_is(l.a[0].entries, "tray.png", "tray"), "title, author and tray contents");
	is_str(l.a[1].file, "cats_animated-whatsapp.wastickers", "the split's own .wastickers");
	is_str(l.a[2].file, "cats-whatsapp.zip", "sample-app assets named by the identifier");
	is_str(entries(l.a[2].entries), "cats/01.webp cats/02.webp cats/t.png "
	       "cats_animated/01.webp cats_animated/tray.png contents.json", "assets layout");
	stk__store_archives_release(&l);

	/* contents.json naming a file outside the pack folder is refused. */
	put("dist/whatsapp/contents.json", "{\"sticker_packs\": [{\"identifier\": \"cats\", "
	    "\"tray_image_file\": \"../../../etc/passwd\", \"stickers\": []}]}");
	l = plan("whatsapp", STK_ERR_CORRUPT);
}

static void test_flat_stores(void)
{
	put("dist/line/01.png", "1");
	put("dist/line/main.png", "m");
	put("dist/line/tab.png", "t");
	put("dist/line/metadata.json", "{}");
	stk__store_archives l = plan("line", STK_OK);
	if (l.n == 1) {
		is_str(l.a[0].file, "cats-line.zip", "LINE's name");
		is_str(entries(l.a[0].entries), "01.png main.png tab.png", "images only");
	}
	stk__store_archives_release(&l);

	put("dist/wechat/01.png", "1");
	put("dist/wechat/icon.png", "i");
	put("dist/wechat/metadata.json", "{\"name\": \"Cats\", \"images\": {\"icon\": \"icon.png\"}, "
	    "\"stickers\": [{\"file\": \"01.png\", \"emojis\": [\"x\"], \"keywords\": [\"cat\"]}]}");
	l = plan("wechat", STK_OK);
	if (l.n == 1) {
		is_str(l.a[0].file, "cats-wechat.zip", "WeChat's ZIP");
		is_str(l.a[0].folder, "cats-wechat", "and its upload folder");
		is_str(entries(l.a[0].entries), "01.png checklist.txt icon.png metadata.json",
		       "images, metadata and the checklist");
		is_str(entries(l.a[0].folder_entries), entries(l.a[0].entries), "folder = ZIP");
		const uint8_t *d;
		size_t len;
		stk__zip_out_entry(l.a[0].entries, 1, &d, &len);
		char text[2048];
		snprintf(text, sizeof text, "%.*s", (int)len, (const char *)d);
		ok(strstr(text, "01.png  含义词 meaning word: cat") != NULL, "checklist lists the "
		   "image with its meaning word");
		ok(strstr(text, "chat-panel icon (50 x 50, transparent): icon.png") != NULL,
		   "checklist names the icon input");
	}
	stk__store_archives_release(&l);
}

static void test_split_and_imessage(void)
{
	put("dist/telegram/metadata.json", "{}");
	put("dist/telegram/cats/01.png", "1");
	put("dist/telegram/cats_2/01.png", "2");
	stk__store_archives l = plan("telegram", STK_OK);
	is_int(l.n, 2, "a split Telegram target: an archive per pack");
	if (l.n == 2) {
		is_str(l.a[0].file, "cats-telegram.zip", "first");
		is_str(l.a[1].file, "cats_2-telegram.zip", "second");
	}
	stk__store_archives_release(&l);

	put("dist/imessage/cats.stickerpack/Contents.json", "{}");
	put("dist/imessage/cats.stickerpack/01.sticker/01.png", "1");
	put("dist/imessage/cats.stickerpack/01.sticker/Contents.json", "{}");
	l = plan("imessage", STK_OK);
	if (l.n == 1) {
		is_str(l.a[0].file, "cats-imessage.zip", "iMessage's ZIP");
		is_str(l.a[0].folder, "cats-imessage.xcstickers", "and the catalog folder");
		is_str(entries(l.a[0].entries), "Stickers.xcstickers/Contents.json "
		       "Stickers.xcstickers/Sticker Pack.stickerpack/01.sticker/01.png "
		       "Stickers.xcstickers/Sticker Pack.stickerpack/01.sticker/Contents.json "
		       "Stickers.xcstickers/Sticker Pack.stickerpack/Contents.json",
		       "a Contents.json at every level");
	}
	stk__store_archives_release(&l);

	/* A link in a built folder is refused, not followed. */
	char link[256];
	snprintf(link, sizeof link, "%s/dist/discord/01.png", root);
	put("dist/discord/02.png", "2");
	if (symlink("/etc/passwd", link) != 0)
		abort();
	l = plan("discord", STK_ERR_IO);
	plan("viber", STK_ERR_IO); /* not built */
}

int main(void)
{
	snprintf(root, sizeof root, "/tmp/stk-store-XXXXXX");
	if (!mkdtemp(root))
		abort();
	test_whatsapp();
	test_flat_stores();
	test_split_and_imessage();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	if (system(cmd) != 0)
		tap_diag("cannot remove %s", root);
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
