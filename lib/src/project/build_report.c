/*
 * build_report.c - the build report as JSON (stickerkit-build(1)):
 *
 *   { "outdir": ..., "targets": [{"target", "packs": [...], "errors",
 *     "warnings", "validation_cached", "findings": [...]}], "notes": [...], "encoded": N, "fits_shared": N,
 *     "stickers": [{"target", "pack", "role", "file", "output", "format",
 *     "animated", "bytes", "budget", "quality", "lossless", "fps",
 *     "encodes", "ssim", "cached", "ms"}] }
 *
 * The keys of "stickers" are an interface: checks outside the project
 * read them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "project_internal.h"

static json_t *row_json(const stk_build_row *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "target", json_string(r->target));
	json_object_set_new(o, "pack", json_string(r->pack));
	json_object_set_new(o, "role", json_string(r->role));
	json_object_set_new(o, "file", json_string(r->file));
	json_object_set_new(o, "output", json_string(r->output));
	json_object_set_new(o, "format", json_string(r->format));
	json_object_set_new(o, "animated", json_boolean(r->animated));
	json_object_set_new(o, "bytes", json_integer((json_int_t)r->bytes));
	json_object_set_new(o, "budget", r->budget ? json_integer((json_int_t)r->budget)
	                                           : json_null());
	json_object_set_new(o, "quality", json_real(r->quality));
	json_object_set_new(o, "lossless", json_boolean(r->lossless));
	json_object_set_new(o, "fps", json_real(r->fps));
	json_object_set_new(o, "encodes", json_integer(r->encodes));
	json_object_set_new(o, "ssim", r->ssim >= 0 ? json_real(r->ssim) : json_null());
	json_object_set_new(o, "cached", json_boolean(r->cached));
	json_object_set_new(o, "ms", json_real((double)(long long)(r->ms * 10) / 10));
	return o;
}

static json_t *target_json(const stk__target *t, stk_error *err)
{
	json_t *o = json_object();
	json_object_set_new(o, "target", json_string(t->id));
	json_t *packs = json_array();
	for (size_t i = 0; i < t->n_packs; i++)
		json_array_append_new(packs, json_pack("{s:s,s:s,s:s,s:b,s:I}", "id",
		                      t->packs[i].id, "name", t->packs[i].name, "folder",
		                      t->packs[i].folder, "animated", t->packs[i].animated,
		                      "stickers", (json_int_t)t->packs[i].n));
	json_object_set_new(o, "packs", packs);
	stk_buf buf = { 0 };
	json_t *v = NULL;
	if (stk_report_write(t->report, STK_REPORT_JSON, 0, &buf, err) == STK_OK)
		v = json_loadb((const char *)buf.data, buf.len, 0, NULL);
	stk_buf_release(&buf);
	json_object_set_new(o, "errors", json_integer((json_int_t)stk_report_errors(t->report)));
	json_object_set_new(o, "warnings",
	                    json_integer((json_int_t)stk_report_warnings(t->report)));
	json_object_set_new(o, "validation_cached", json_boolean(t->verdict_cached));
	json_object_set_new(o, "findings", v && json_object_get(v, "findings")
	                    ? json_incref(json_object_get(v, "findings")) : json_array());
	json_decref(v);
	return o;
}

stk_status stk_build_report_json(const stk_build_result *r, stk_buf *out, stk_error *err)
{
	json_t *o = json_object();
	json_object_set_new(o, "outdir", json_string(r->outdir));
	json_t *targets = json_array();
	for (size_t i = 0; i < r->n_targets; i++)
		json_array_append_new(targets, target_json(&r->targets[i], err));
	json_object_set_new(o, "targets", targets);
	json_t *notes = json_array();
	for (size_t i = 0; i < r->n_notes; i++)
		json_array_append_new(notes, json_string(r->notes[i]));
	json_object_set_new(o, "notes", notes);
	json_object_set_new(o, "encoded", json_integer((json_int_t)r->encoded));
	json_object_set_new(o, "fits_shared", json_integer((json_int_t)r->fits_shared));
	json_t *rows = json_array();
	for (size_t i = 0; i < r->n_jobs; i++)
		json_array_append_new(rows, row_json(&r->jobs[i].row));
	json_object_set_new(o, "stickers", rows);
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!text)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	out->data = (uint8_t *)text;
	out->len = strlen(text);
	return STK_OK;
}
