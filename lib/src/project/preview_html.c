/*
 * preview_html.c - index.html: the pack on one page, every target with its
 * stickers on the store's chat background (a toggle, or #dark in the
 * address, switches light and dark), the figures of the build beside each
 * sticker, and the findings.  Style and script are inline; the stickers
 * are the real files, linked, so the browser plays animations itself.
 *
 * stamp.js holds the build stamp.  A live page (build --watch) loads it
 * again every second through a script element, which works from file://
 * where fetch() does not, and reloads when the stamp differs from its own.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "preview_internal.h"

struct out {
	stk_buf b;
	size_t cap;
	stk_status st;
	stk_error *err;
};

static void put(struct out *o, const char *s, size_t len)
{
	if (o->st == STK_OK)
		o->st = stk__buf_append(&o->b, &o->cap, s, len, o->err);
}

/* A string literal. */
#define lit(o, s) put(o, s, sizeof(s) - 1)

static void putf(struct out *o, const char *fmt, ...) STK_PRINTF(2, 3);

static void putf(struct out *o, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		put(o, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		if (o->st == STK_OK)
			o->st = stk__fail(o->err, STK_ERR_NOMEM, "out of memory");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	put(o, big, (size_t)n);
	free(big);
}

/* Text (or an attribute value) with &, <, >, " and ' escaped. */
static void esc(struct out *o, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': lit(o, "&amp;"); break;
		case '<': lit(o, "&lt;"); break;
		case '>': lit(o, "&gt;"); break;
		case '"': lit(o, "&quot;"); break;
		case '\'': lit(o, "&#39;"); break;
		default: put(o, s, 1); break;
		}
	}
}

/* A link: escaped, and characters a URL must not hold raw percent-encoded. */
static void url(struct out *o, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= ' ' || c == '%' || c == '#' || c == '?' || c == '"' || c == '\'' ||
		    c == '<' || c == '>' || c == '\\' || c >= 0x7f)
			putf(o, "%%%02X", c);
		else if (c == '&')
			lit(o, "&amp;");
		else
			put(o, s, 1);
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

static const char STYLE[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:0;padding:16px 24px;"
	"background:#fafafa;color:#222}"
	"body.dark{background:#111;color:#ddd}"
	"header{display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}"
	"h1{margin:0;font-size:22px}h2{margin:24px 0 8px;font-size:18px}"
	"#mode{font:inherit;padding:4px 12px;cursor:pointer}"
	".stamp{color:#888;font-family:monospace}"
	".target{background:var(--light);padding:16px;border-radius:8px}"
	"body.dark .target{background:var(--dark)}"
	".icon{margin-bottom:12px}"
	".icon img{display:block}"
	".grid{display:flex;flex-wrap:wrap;gap:16px}"
	".sticker{margin:0;width:var(--px);padding:8px;border-radius:8px;"
	"background:rgba(127,127,127,.08)}"
	".cell{width:var(--px);height:var(--px);position:relative;background:var(--light)}"
	"body.dark .cell{background:var(--dark)}"
	".cell img{width:100%;height:100%;object-fit:contain;display:block}"
	".sticker.findings .cell::after{content:'';position:absolute;top:-6px;right:-6px;"
	"width:12px;height:12px;border-radius:6px;background:#e01b24}"
	"figcaption{font-size:12px;margin-top:6px;color:#333;overflow-wrap:anywhere}"
	"body.dark figcaption{color:#ccc}"
	".emojis{font-size:20px}.over{color:#e01b24;font-weight:bold}"
	".findings ul{margin:4px 0 0;padding-left:16px;color:#b00}"
	"body.dark .findings ul{color:#f77}"
	"#probe{display:none}";

static const char SCRIPT[] =
	"(function(){var b=document.body,m=document.getElementById('mode');"
	"function set(d){b.classList.toggle('dark',d);"
	"m.textContent=d?'Light chat':'Dark chat';}"
	"set(location.hash==='#dark');"
	"m.onclick=function(){set(!b.classList.contains('dark'));};"
	"if(/probe/.test(location.search)){var r=[];"
	"document.querySelectorAll('.cell').forEach(function(c){"
	"var q=c.getBoundingClientRect();r.push({target:c.dataset.target,file:c.dataset.file,"
	"x:Math.round(q.left),y:Math.round(q.top),w:Math.round(q.width),h:Math.round(q.height),"
	"bg:getComputedStyle(c).backgroundColor});});"
	"var n=1;try{n=+(sessionStorage.stickerkitLoads||0)+1;sessionStorage.stickerkitLoads=n;}"
	"catch(e){}"
	"document.getElementById('probe').textContent=JSON.stringify({cells:r,loads:n,"
	"stamp:document.getElementById('build-stamp').textContent,"
	"width:document.documentElement.scrollWidth,"
	"height:document.documentElement.scrollHeight});}})();";

static const char LIVE[] =
	"(function(){var own=document.querySelector('meta[name=stickerkit-stamp]').content;"
	/* once per new stamp: a page whose index.html was not rewritten must
	 * not reload for ever */
	"window.stickerkitStamp=function(s){if(s===own)return;"
	"try{if(sessionStorage.stickerkitSeen===s)return;sessionStorage.stickerkitSeen=s;}"
	"catch(e){}location.reload();};"
	"setInterval(function(){var e=document.createElement('script');"
	"e.src='stamp.js?'+Date.now();e.onload=e.onerror=function(){e.remove();};"
	"document.head.appendChild(e);},1000);})();";

static void figures(struct out *o, const stk__pv_sticker *s)
{
	lit(o, "<br>");
	if (s->budget) {
		bool over = s->bytes > s->budget;
		putf(o, "<span class=\"bytes%s\">%llu / %llu bytes (%.0f%%)</span>",
		     over ? " over" : "", (unsigned long long)s->bytes,
		     (unsigned long long)s->budget, 100.0 * (double)s->bytes / (double)s->budget);
	} else {
		putf(o, "<span class=\"bytes\">%llu bytes</span>", (unsigned long long)s->bytes);
	}
	if (s->readable) {
		putf(o, "<br>%s %ux%u", s->format, s->width, s->height);
		if (s->nframes > 1) {
			uint64_t ms = 0;
			for (uint32_t i = 0; i < s->nframes; i++)
				ms += s->ms[i];
			putf(o, ", %u frames, %.2f s, ", s->nframes, (double)ms / 1000);
			if (s->plays)
				putf(o, "%u plays", s->plays);
			else
				lit(o, "loops");
		}
	}
	if (s->lossless)
		lit(o, "<br><span class=\"quality\">lossless</span>");
	else if (s->quality >= 0)
		putf(o, "<br>quality <span class=\"quality\">%.0f</span>", s->quality);
	if (s->ssim >= 0)
		putf(o, "%sSSIM <span class=\"ssim\">%.4f</span>",
		     s->quality >= 0 || s->lossless ? ", " : "<br>",
		     s->ssim);
	if (s->encodes >= 0)
		putf(o, "<br>%d encodes%s", s->encodes, s->cached ? ", cached" : "");
	else if (s->cached)
		lit(o, "<br>cached");
}

static void sticker(struct out *o, const stk__pv_target *t, const stk__pv_sticker *s)
{
	putf(o, "<figure class=\"sticker%s\">", s->nfindings ? " findings" : "");
	lit(o, "<div class=\"cell\" data-target=\"");
	esc(o, stk_profile_id(t->p));
	lit(o, "\" data-file=\"");
	esc(o, base_name(s->file));
	lit(o, "\"><img src=\"");
	url(o, s->href ? s->href : s->file);
	lit(o, "\" alt=\"");
	esc(o, s->emojis ? s->emojis : base_name(s->file));
	lit(o, "\"></div><figcaption><span class=\"name\">");
	esc(o, base_name(s->file));
	lit(o, "</span>");
	if (s->emojis && *s->emojis) {
		lit(o, " <span class=\"emojis\">");
		esc(o, s->emojis);
		lit(o, "</span>");
	}
	figures(o, s);
	if (s->nfindings) {
		lit(o, "<ul>");
		for (size_t i = 0; i < s->nfindings; i++) {
			lit(o, "<li>");
			esc(o, s->findings[i]);
			lit(o, "</li>");
		}
		lit(o, "</ul>");
	}
	lit(o, "</figcaption></figure>\n");
}

static void target(struct out *o, const stk__pv_target *t)
{
	const char *id = stk_profile_id(t->p);
	lit(o, "<h2>");
	esc(o, stk_profile_name(t->p));
	putf(o, " <small>(%zu stickers; sheets: <a href=\"sheet-", t->n);
	url(o, id);
	lit(o, ".png\">PNG</a>");
	if (t->animated_sheet) {
		lit(o, ", <a href=\"sheet-");
		url(o, id);
		lit(o, ".webp\">animated</a>");
	}
	lit(o, ")</small></h2>\n");
	putf(o, "<section class=\"target\" data-target=\"%s\" style=\"--light:#%02x%02x%02x;"
	     "--dark:#%02x%02x%02x;--px:%upx\">\n", id, t->light[0], t->light[1], t->light[2],
	     t->dark[0], t->dark[1], t->dark[2], t->px);
	if (t->icon) {
		lit(o, "<div class=\"icon\"><img src=\"");
		url(o, t->icon_href ? t->icon_href : t->icon);
		lit(o, "\" alt=\"icon\"");
		if (t->icon_w)
			putf(o, " width=\"%u\" height=\"%u\"", t->icon_w, t->icon_h);
		lit(o, "></div>\n");
	}
	lit(o, "<div class=\"grid\">\n");
	for (size_t i = 0; i < t->n; i++)
		sticker(o, t, &t->st[i]);
	lit(o, "</div></section>\n");
}

static stk_status write_named(const char *outdir, const char *name, struct out *o,
                              stk_error *err)
{
	if (o->st != STK_OK)
		return o->st;
	char *path = stk__pv_join(outdir, name);
	if (!path)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status st = stk_write_file_atomic(path, o->b.data, o->b.len, err);
	free(path);
	return st;
}

stk_status stk__pv_write_html(const stk_preview *pv, const char *outdir, const char *stamp,
                              bool live, stk_error *err)
{
	struct out o = { { 0 }, 0, STK_OK, err };
	const char *name = pv->name && *pv->name ? pv->name : "Sticker preview";
	lit(&o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
	lit(&o, "<meta name=\"stickerkit-stamp\" content=\"");
	esc(&o, stamp);
	lit(&o, "\">\n<title>");
	esc(&o, name);
	putf(&o, " - stickerkit preview</title>\n<style>%s</style></head>\n<body>\n<header><h1>",
	     STYLE);
	esc(&o, name);
	lit(&o, "</h1>");
	if (pv->publisher && *pv->publisher) {
		lit(&o, "<span class=\"publisher\">by ");
		esc(&o, pv->publisher);
		lit(&o, "</span>");
	}
	lit(&o, "<button id=\"mode\" type=\"button\">Dark chat</button>"
	        "<span class=\"stamp\">build <span id=\"build-stamp\">");
	esc(&o, stamp);
	lit(&o, "</span></span></header>\n");
	for (size_t i = 0; i < pv->n; i++)
		target(&o, &pv->t[i]);
	putf(&o, "<pre id=\"probe\"></pre>\n<script>%s</script>\n", SCRIPT);
	if (live)
		putf(&o, "<script>%s</script>\n", LIVE);
	lit(&o, "</body></html>\n");
	stk_status st = write_named(outdir, "index.html", &o, err);
	stk_buf_release(&o.b);
	if (st != STK_OK)
		return st;

	struct out js = { { 0 }, 0, STK_OK, err };
	lit(&js, "window.stickerkitStamp && window.stickerkitStamp(\"");
	esc(&js, stamp);
	lit(&js, "\");\n");
	st = write_named(outdir, "stamp.js", &js, err);
	stk_buf_release(&js.b);
	return st;
}
