/*
 * convert_report.c - the per-file report: probes and notes as the search
 * goes, the "cannot fit" failure, and the report as JSON and as text.
 * The JSON keys are an interface (stickerkit-convert(1)).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "convert_internal.h"

void stk__report_probe(const stk__conv *cv, const stk_convert_probe *p)
{
	stk_convert_report *rep = cv->rep;
	if (!p->whole)
		rep->calibration_encodes++;
	if (rep->nprobes < STK_CONVERT_MAX_PROBES)
		rep->probes[rep->nprobes++] = *p;
	if (!cv->opt->progress)
		return;
	char step[128];
	int n = snprintf(step, sizeof step, "%s%s", p->whole ? "" : "calibration: ",
	                 p->lossless ? "lossless" : "lossy");
	if (!p->lossless)
		n += snprintf(step + n, sizeof step - (size_t)n, " q %.0f", (double)p->quality);
	if (p->alpha_quality < 100 && !p->lossless)
		n += snprintf(step + n, sizeof step - (size_t)n, " alpha %.0f",
		              (double)p->alpha_quality);
	if (p->colors)
		n += snprintf(step + n, sizeof step - (size_t)n, " %d colours", p->colors);
	if (p->fps > 0)
		n += snprintf(step + n, sizeof step - (size_t)n, " %.2f fps", p->fps);
	snprintf(step + n, sizeof step - (size_t)n, ": %llu bytes", (unsigned long long)p->bytes);
	stk_progress pr = { .stage = "searching",
	                    .done = (uint64_t)rep->encodes + rep->calibration_encodes,
	                    .unit = "encodes", .step = step };
	cv->opt->progress(&pr, cv->opt->progress_user);
}

void stk__report_note(stk_convert_report *rep, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	stk__note_append(rep->notes, sizeof rep->notes, fmt, ap);
	va_end(ap);
}

/* The whole probe with the fewest bytes, or NULL. */
static const stk_convert_probe *smallest_probe(const stk_convert_report *rep)
{
	const stk_convert_probe *best = NULL;
	for (uint32_t i = 0; i < rep->nprobes; i++)
		if (rep->probes[i].whole && (!best || rep->probes[i].bytes < best->bytes))
			best = &rep->probes[i];
	return best;
}

static void describe(const stk_convert_probe *p, char *buf, size_t size)
{
	int n;
	if (p->colors)
		n = snprintf(buf, size, "%d colours", p->colors);
	else if (p->lossless)
		n = snprintf(buf, size, "lossless");
	else
		n = snprintf(buf, size, "quality %g, alpha quality %g", (double)p->quality,
		             (double)p->alpha_quality);
	if (n > 0 && (size_t)n < size && p->fps > 0)
		snprintf(buf + n, size - n, ", %.3g fps", p->fps);
}

stk_status stk__budget_fail(stk__conv *cv, uint64_t smallest, const char *what,
                            stk_error *err)
{
	stk_convert_report *rep = cv->rep;
	const stk_convert_probe *p = smallest_probe(rep);
	char how[96] = "";
	if (p) {
		smallest = p->bytes;
		describe(p, how, sizeof how);
	}
	rep->fits = false;
	rep->bytes = smallest;
	if (p)
		rep->quality = p->quality, rep->lossless = p->lossless,
		rep->alpha_quality = p->alpha_quality, rep->colors = p->colors;
	/* bytes go roughly with the art's area: the margin that shrinks the
	 * art's side by the square root of budget / smallest */
	double shrink = smallest ? sqrt((double)cv->budget / (double)smallest) : 1;
	const stk_resize_options *ro = &cv->opt->resize;
	uint32_t side = cv->canvas.w < cv->canvas.h ? cv->canvas.w : cv->canvas.h;
	double m0 = ro->margin_percent ? ro->margin * side / 100 : ro->margin;
	double art = side > 2 * m0 ? side - 2 * m0 : side;
	double margin = ceil((side - art * shrink * 0.95) / 2);
	char frames[96] = "";
	/* and with the frame count: a lower frame-rate floor (the search
	 * stopped at --min-fps), while two frames at least are left */
	if (p && p->fps > 0) {
		double fps = p->fps * (double)cv->budget / (double)smallest * 0.9;
		double two = rep->source_duration_ms ? 2000.0 / (double)rep->source_duration_ms : 0;
		if (fps >= two && fps < p->fps)
			snprintf(frames, sizeof frames, ", fewer frames (--min-fps %.2g, or "
			         "--duration-policy trim with --max-duration)", floor(fps * 100) / 100);
	}
	return stk__fail(err, STK_ERR_BUDGET, "cannot fit %s in %llu bytes: the smallest encoding "
	                 "reached is %llu bytes (%s); it would fit a budget of %llu bytes%s, or "
	                 "art scaled to about %.0f%% of its size (--margin %.0f)", what,
	                 (unsigned long long)cv->budget, (unsigned long long)smallest,
	                 how[0] ? how : "no encode", (unsigned long long)smallest, frames,
	                 floor(shrink * 100), margin);
}

/* ---- JSON ---- */

static double round_to(double v, double unit)
{
	return floor(v / unit + 0.5) * unit;
}

static json_t *probe_json(const stk_convert_probe *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "quality", json_real(p->quality));
	json_object_set_new(o, "lossless", json_boolean(p->lossless));
	json_object_set_new(o, "alpha_quality", json_real(p->alpha_quality));
	if (p->colors)
		json_object_set_new(o, "colors", json_integer(p->colors));
	if (p->fps > 0)
		json_object_set_new(o, "fps", json_real(round_to(p->fps, 0.001)));
	json_object_set_new(o, "bytes", json_integer((json_int_t)p->bytes));
	json_object_set_new(o, "whole", json_boolean(p->whole));
	return o;
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *report_object(const stk_convert_report *r, const char *file, const char *output)
{
	json_t *o = json_object();
	json_object_set_new(o, "file", str_or_null(file));
	json_object_set_new(o, "output", str_or_null(output));
	json_object_set_new(o, "format", json_string(stk_format_name(r->format)));
	json_object_set_new(o, "width", json_integer(r->width));
	json_object_set_new(o, "height", json_integer(r->height));
	json_object_set_new(o, "quality", json_real(r->quality));
	json_object_set_new(o, "lossless", json_boolean(r->lossless));
	json_object_set_new(o, "alpha_quality", json_real(r->alpha_quality));
	json_object_set_new(o, "colors", r->colors ? json_integer(r->colors) : json_null());
	json_object_set_new(o, "fps", json_real(round_to(r->fps, 0.001)));
	json_object_set_new(o, "scale", json_real(round_to(r->scale, 0.0001)));
	json_object_set_new(o, "filter", r->fitted ? json_string(stk_filter_name(r->filter))
	                                           : json_null());
	json_object_set_new(o, "frames", json_integer(r->frames));
	json_object_set_new(o, "duration_ms", json_integer((json_int_t)r->duration_ms));
	json_object_set_new(o, "source_frames", json_integer(r->source_frames));
	json_object_set_new(o, "source_duration_ms", json_integer((json_int_t)r->source_duration_ms));
	json_object_set_new(o, "bytes", json_integer((json_int_t)r->bytes));
	json_object_set_new(o, "budget", json_integer((json_int_t)r->budget));
	json_object_set_new(o, "fits", json_boolean(r->fits));
	json_object_set_new(o, "encodes", json_integer(r->encodes));
	json_object_set_new(o, "calibration_encodes", json_integer(r->calibration_encodes));
	json_object_set_new(o, "ms", json_real(round_to(r->ms, 0.1)));
	json_object_set_new(o, "ssim", r->ssim >= 0 ? json_real(round_to(r->ssim, 1e-6))
	                                             : json_null());
	json_object_set_new(o, "timing", json_string(r->timing));
	json_object_set_new(o, "notes", json_string(r->notes));
	json_t *probes = json_array();
	for (uint32_t i = 0; i < r->nprobes; i++)
		json_array_append_new(probes, probe_json(&r->probes[i]));
	json_object_set_new(o, "probes", probes);
	return o;
}

static stk_status take_text(char *text, stk_buf *out, stk_error *err)
{
	if (!text)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	out->data = (uint8_t *)text;
	out->len = strlen(text);
	return STK_OK;
}

stk_status stk_convert_report_json(const stk_convert_report *rep, const char *file,
                                   const char *output, stk_buf *out, stk_error *err)
{
	json_t *o = report_object(rep, file, output);
	if (!o)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(o);
	return take_text(text, out, err);
}

/* ---- text ---- */

/* snprintf at *n, never past the end. */
static void add(char *buf, size_t size, size_t *n, const char *fmt, ...) STK_PRINTF(4, 5);
static void add(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	if (*n >= size)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < size ? *n + (size_t)k : size;
}

stk_status stk_convert_report_text(const stk_convert_report *r, const char *file,
                                   stk_buf *out, stk_error *err)
{
	char line[1024], how[96];
	size_t n = 0, size = sizeof line;
	stk_convert_probe used = { r->quality, r->lossless, r->alpha_quality, r->colors, 0, 0,
	                           true };
	describe(&used, how, sizeof how);
	line[0] = '\0';
	add(line, size, &n, "%s: %s %ux%u", file ? file : "-", stk_format_name(r->format),
	    r->width, r->height);
	if (r->frames > 1)
		add(line, size, &n, ", %u frames at %.3g fps, %llu ms", r->frames, r->fps,
		    (unsigned long long)r->duration_ms);
	add(line, size, &n, ", %llu bytes", (unsigned long long)r->bytes);
	if (r->budget)
		add(line, size, &n, " of %llu (%.0f%%)", (unsigned long long)r->budget,
		    100.0 * (double)r->bytes / (double)r->budget);
	add(line, size, &n, ", %s, scale %.3g, %u encode%s", how, r->scale, r->encodes,
	    r->encodes == 1 ? "" : "s");
	if (r->calibration_encodes)
		add(line, size, &n, " (+%u partial)", r->calibration_encodes);
	add(line, size, &n, ", %.0f ms", r->ms);
	if (r->ssim >= 0)
		add(line, size, &n, ", SSIM %.4f", r->ssim);
	if (r->timing[0])
		add(line, size, &n, "\n  timing: %s", r->timing);
	if (r->notes[0])
		add(line, size, &n, "\n  notes: %s", r->notes);
	return take_text(strdup(line), out, err);
}
