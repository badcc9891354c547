/*
 * timeline.c - an animation's timeline in whole milliseconds without drift
 * (stk__timeline in internal.h): each frame lasts round(end) - round(start),
 * so the rounding never adds up.  Decoders of formats with fractional
 * frame times use it.
 */
#include <math.h>
#include "internal.h"

uint32_t stk__timeline_next(stk__timeline *t, double duration_ms)
{
	t->end_ms += duration_ms;
	uint64_t end = (uint64_t)llround(t->end_ms);
	uint32_t ms = (uint32_t)(end - t->emitted_ms);
	t->emitted_ms = end;
	return ms;
}
