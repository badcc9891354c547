/*
 * validate_pack.c - rules about a pack as a whole: how many stickers, no
 * mix of still and animated, a tray present, no duplicates, and fields
 * that must be unique across stickers or packs.
 */
#include <stdio.h>
#include <string.h>
#include "validate_internal.h"

static bool in_role(const char *id, const char *role)
{
	size_t n = strlen(role);
	return strncmp(id, role, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

static bool is_sticker(const stk__subject *s)
{
	if (s->document)
		return false;
	if (s->role)
		return stk__is_sticker_role(s->role);
	return !s->resolved || stk__is_sticker_role(s->resolved->id);
}

static bool has_facts(const stk__subject *s)
{
	return !s->document && !s->missing && !s->unreadable && !s->skipped;
}

struct pc {
	const stk__ctx *c;
	const stk__pack *pk;
	const stk__input *in;
};

static size_t count_stickers(const stk__pack *pk)
{
	size_t n = 0;
	for (size_t i = 0; i < pk->n; i++)
		n += is_sticker(&pk->items[i]);
	return n;
}

static stk_status ck_mixing(const struct pc *p, const stk__rule *r, stk_error *err)
{
	size_t still = 0, moving = 0;
	for (size_t i = 0; i < p->pk->n; i++) {
		const stk__subject *s = &p->pk->items[i];
		if (is_sticker(s) && has_facts(s))
			s->animated ? moving++ : still++;
	}
	if (!r->num || !still || !moving)
		return STK_OK;
	char v[64];
	snprintf(v, sizeof v, "%zu animated, %zu still", moving, still);
	return stk__emit(p->c, r, p->pk->file, -1, v, "all animated or all still", err);
}

static stk_status ck_has_role(const struct pc *p, const stk__rule *r, stk_error *err)
{
	for (size_t i = 0; i < p->pk->n; i++) {
		const stk__subject *s = &p->pk->items[i];
		if ((s->resolved && in_role(s->resolved->id, r->str)) ||
		    (s->role && in_role(s->role, r->str)))
			return STK_OK;
	}
	return stk__emit(p->c, r, p->pk->file, -1, "none", NULL, err);
}

static stk_status ck_duplicates(const struct pc *p, const stk__rule *r, stk_error *err)
{
	const stk__pack *pk = p->pk;
	if (!r->num)
		return STK_OK;
	for (size_t i = 0; i < pk->n; i++) {
		const stk__subject *a = &pk->items[i];
		if (!is_sticker(a) || !has_facts(a) || !a->hash)
			continue;
		for (size_t j = 0; j < i; j++) {
			const stk__subject *b = &pk->items[j];
			if (is_sticker(b) && b->hash == a->hash) {
				STK_TRY(stk__emit(p->c, r, a->file, -1, b->name, "no two stickers alike",
				                  err));
				break;
			}
		}
	}
	return STK_OK;
}

static stk_status ck_count(const struct pc *p, const stk__rule *r, stk_error *err)
{
	size_t n = count_stickers(p->pk);
	bool bad;
	switch (r->ck->check) {
	case STK_CK_MIN_STICKERS: bad = n < r->num; break;
	case STK_CK_MAX_STICKERS: bad = n > r->num; break;
	default:
		bad = true;
		for (size_t i = 0; i < r->n; i++)
			bad = bad && r->nums[i] != (double)n;
		break;
	}
	char v[32];
	snprintf(v, sizeof v, "%zu", n);
	return bad ? stk__emit(p->c, r, p->pk->file, -1, v, NULL, err) : STK_OK;
}

/* The string a field holds, or NULL. */
static const char *field_text(const json_t *meta, const char *field)
{
	const json_t *v = meta ? json_object_get(meta, field) : NULL;
	return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

/* "unique" in the pack role: across the packs of one input. */
static stk_status unique_packs(const struct pc *p, const stk__rule *r, stk_error *err)
{
	const char *mine = field_text(p->pk->meta, r->pub.field);
	if (!mine || !r->num)
		return STK_OK;
	for (const stk__pack *o = p->in->packs; o < p->pk; o++) {
		const char *theirs = field_text(o->meta, r->pub.field);
		if (theirs && strcmp(theirs, mine) == 0)
			return stk__emit(p->c, r, p->pk->file, -1, mine, "unique", err);
	}
	return STK_OK;
}

/* "unique" in another role: across the pack's files in that role. */
static stk_status unique_items(const struct pc *p, const stk__rule *r, stk_error *err)
{
	const stk__pack *pk = p->pk;
	if (!r->num)
		return STK_OK;
	for (size_t i = 0; i < pk->n; i++) {
		const stk__subject *a = &pk->items[i];
		const char *mine = field_text(a->meta, r->pub.field);
		if (!mine || !a->resolved || !in_role(a->resolved->id, r->pub.role))
			continue;
		for (size_t j = 0; j < i; j++) {
			const stk__subject *b = &pk->items[j];
			const char *theirs = field_text(b->meta, r->pub.field);
			if (theirs && b->resolved && in_role(b->resolved->id, r->pub.role) &&
			    strcmp(theirs, mine) == 0) {
				STK_TRY(stk__emit(p->c, r, a->file, -1, mine, "unique", err));
				break;
			}
		}
	}
	return STK_OK;
}

/* Every pack check, indexed by its kind ("unique" in role pack: across
 * the input's packs). */
typedef stk_status (*pack_check)(const struct pc *p, const stk__rule *r, stk_error *err);
static const pack_check pack_checks[STK_CK_COUNT] = {
	[STK_CK_MIN_STICKERS] = ck_count, [STK_CK_MAX_STICKERS] = ck_count,
	[STK_CK_STICKER_COUNTS] = ck_count,
	[STK_CK_NO_MIXING] = ck_mixing,
	[STK_CK_HAS_ROLE] = ck_has_role,
	[STK_CK_NO_DUPLICATES] = ck_duplicates,
	[STK_CK_UNIQUE] = unique_packs,
};

bool stk__pack_check_exists(stk__check ck)
{
	return ck < STK_CK_COUNT && pack_checks[ck] != NULL;
}

static stk_status pack_rule(const struct pc *p, const stk__rule *r, stk_error *err)
{
	if (stk__pack_check_exists(r->ck->check))
		return pack_checks[r->ck->check](p, r, err);
	if (r->ck->scope == STK_SCOPE_FIELD)
		return stk__check_field(p->c, r, p->pk->file, p->pk->meta, p->pk->meta_complete, err);
	return stk__fail(err, STK_ERR_INTERNAL, "check \"%s\" is not about a pack", r->ck->name);
}

stk_status stk__check_pack(const stk__ctx *c, const stk__pack *pk, const stk__input *in,
                           stk_error *err)
{
	struct pc p = { c, pk, in };
	const stk_profile *prof = c->p;
	STK_TRY(stk_report_add_file(c->r, pk->file, err));
	for (size_t i = 0; i < prof->n_rules; i++) {
		const stk__rule *r = &prof->rules[i];
		if (strcmp(r->pub.role, "pack") == 0)
			STK_TRY(pack_rule(&p, r, err));
		else if (r->ck->check == STK_CK_UNIQUE)
			STK_TRY(unique_items(&p, r, err));
	}
	return STK_OK;
}
