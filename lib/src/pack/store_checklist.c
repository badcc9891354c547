/*
 * store_checklist.c - checklist.txt for the stores submitted through a web
 * form (WeChat, KakaoTalk): which file goes into which input, in order,
 * and the text to paste, from the built folder's metadata.json.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "pack_internal.h"

struct text {
	stk_buf *b;
	size_t cap;
	stk_status s;
	stk_error *err;
};

static void put(struct text *t, const char *fmt, ...) STK_PRINTF(2, 3);
static void put(struct text *t, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (t->s == STK_OK && n > 0)
		t->s = stk__buf_append(t->b, &t->cap, line,
		                       (size_t)n < sizeof line ? (size_t)n : sizeof line - 1, t->err);
}

static const char *field(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : "";
}

static void joined(struct text *t, json_t *arr)
{
	json_t *v;
	size_t i;
	json_array_foreach(arr, i, v)
		put(t, "%s%s", i ? " " : "", json_is_string(v) ? json_string_value(v) : "");
}

/* The form's image inputs, per store, with the files metadata.json lists. */
static void images(struct text *t, const char *profile, json_t *imgs)
{
	static const struct { const char *store, *role, *input; } inputs[] = {
		{ "wechat", "banner", "详情页横幅 detail-page banner (750 x 400)" },
		{ "wechat", "cover", "表情封面图 cover (240 x 240, transparent)" },
		{ "wechat", "icon", "聊天面板图标 chat-panel icon (50 x 50, transparent)" },
		{ "kakaotalk", "icon", "아이콘 이미지 icon (78 x 78)" },
	};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		if (strcmp(inputs[i].store, profile) != 0)
			continue;
		const char *file = field(imgs, inputs[i].role);
		put(t, "[ ] %s: %s\n", inputs[i].input, file[0] ? file : "(not built)");
	}
}

stk_status stk__store_checklist(const char *dir, const char *profile, stk_buf *out,
                                stk_error *err)
{
	out->data = NULL;
	out->len = 0;
	size_t n = strlen(dir) + 16;
	char *path = malloc(n);
	if (!path)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(path, n, "%s/metadata.json", dir);
	json_error_t je;
	json_t *m = json_load_file(path, 0, &je);
	if (!json_is_object(m)) {
		json_decref(m);
		stk_status s = stk__fail(err, STK_ERR_CORRUPT, "%s: %s", path,
		                         m ? "not a JSON object" : je.text);
		free(path);
		return s;
	}
	free(path);
	struct text t = { out, 0, STK_OK, err };
	bool wechat = !strcmp(profile, "wechat");
	json_t *stickers = json_object_get(m, "stickers"), *st;
	size_t count = json_array_size(stickers), i;
	put(&t, "%s submission checklist for \"%s\"\n\n",
	    wechat ? "WeChat Sticker Open Platform (sticker.weixin.qq.com)"
	           : "KakaoTalk Emoticon Studio (emoticonstudio.kakao.com)", field(m, "name"));
	put(&t, "Form fields\n");
	put(&t, "[ ] %s: %s\n", wechat ? "名称 name" : "제목 title",
	    field(m, "pack_name")[0] ? field(m, "pack_name") : field(m, "name"));
	put(&t, "[ ] %s: %s\n", wechat ? "作者 artist" : "작가 artist", field(m, "publisher"));
	put(&t, "[ ] type: %s\n", json_is_true(json_object_get(m, "animated"))
	    ? (wechat ? "动态表情 animated" : "움직이는 이모티콘 animated")
	    : (wechat ? "静态表情 static" : "멈춰있는 이모티콘 static"));
	put(&t, "\nImages, one input each\n");
	images(&t, profile, json_object_get(m, "images"));
	put(&t, "\n%s: %zu files, upload in this order (the order is the display order)\n",
	    wechat ? "表情图 main images" : "이모티콘 emoticons", count);
	json_array_foreach(stickers, i, st) {
		put(&t, "[ ] %s", field(st, "file"));
		json_t *kw = json_object_get(st, "keywords");
		if (wechat) {
			/* 含义词: one meaning word per image, at most 4 characters. */
			const char *word = json_string_value(json_array_get(kw, 0));
			put(&t, "  含义词 meaning word: %s", word ? word : field(st, "name"));
		} else if (json_array_size(kw)) {
			put(&t, "  tags: ");
			joined(&t, kw);
		}
		put(&t, "  emojis: ");
		joined(&t, json_object_get(st, "emojis"));
		put(&t, "\n");
	}
	json_decref(m);
	if (t.s != STK_OK)
		stk_buf_release(out);
	return t.s;
}
