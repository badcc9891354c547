/*
 * corpus.h - the unit tests' two ways into the shared corpus: a file read
 * into memory, and MANIFEST.tsv walked row by row.  Plain stdio, so a test
 * needs nothing from the library to find its inputs.
 */
#ifndef STK_CORPUS_H
#define STK_CORPUS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include "tap.h"

/* Corpus file rel, whole, malloc'd (free() it); NULL when it cannot be
 * read.  An empty file still gives an allocation (of 1 byte, *len 0), so
 * NULL always means missing. */
static inline uint8_t *corpus_read(const char *rel, size_t *len)
{
	char path[1024];
	FILE *f = fopen(corpus_path(path, sizeof path, rel), "rb");
	uint8_t *buf = NULL;
	long n = -1;
	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0)
		buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf); /* a short read (or a directory) is not the file */
		buf = NULL;
	}
	fclose(f);
	if (buf)
		*len = (size_t)n;
	return buf;
}

/* One line of MANIFEST.tsv.  The strings point into the manifest as read,
 * so they live only as long as the corpus_each() callback. */
struct corpus_row {
	const char *path;     /* relative to the corpus; frames folders end in '/' */
	const char *kind;     /* static, animated, broken, ... */
	const char *format;   /* png, apng, gif, webp, png-sequence, "png (unparseable)", ... */
	const char *size;     /* width_x_height as written: "512x512", or "-" */
	uint32_t width, height; /* 0 when "-" */
	long frames;          /* -1 when "-" */
	long duration_ms;     /* -1 when "-" */
	long long bytes;      /* -1 when "-" */
	const char *source, *license, *defect, *notes;
};

/* A numeric manifest column: "-" (not applicable) is -1, not 0. */
static inline long long corpus_number(const char *s)
{
	return strcmp(s, "-") == 0 ? -1 : strtoll(s, NULL, 10);
}

/* Calls fn on each row of MANIFEST.tsv after the header, in file order,
 * until fn returns false.  Returns how many rows fn saw, or -1 when the
 * manifest cannot be read.  A line without all 11 columns is skipped with
 * a TAP comment: it is a broken manifest, not a test case. */
static inline int corpus_each(bool (*fn)(const struct corpus_row *row, void *user), void *user)
{
	size_t len;
	char *text = (char *)corpus_read("MANIFEST.tsv", &len);
	if (!text)
		return -1;
	char *end = realloc(text, len + 1);
	if (!end) {
		free(text);
		return -1;
	}
	text = end;
	text[len] = '\0';

	int rows = 0, lineno = 0;
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (++lineno == 1 || !*line)
			continue; /* the header, or a blank line */
		char *col[11];
		int n = 0;
		for (char *p = line; p && n < 11; n++) {
			col[n] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (n < 11) {
			tap_diag("MANIFEST.tsv line %d: %d columns, want 11", lineno, n);
			continue;
		}
		struct corpus_row r = {
			.path = col[0], .kind = col[1], .format = col[2], .size = col[3],
			.frames = (long)corpus_number(col[4]),
			.duration_ms = (long)corpus_number(col[5]),
			.bytes = corpus_number(col[6]),
			.source = col[7], .license = col[8], .defect = col[9], .notes = col[10],
		};
		if (sscanf(r.size, "%" SCNu32 "x%" SCNu32, &r.width, &r.height) != 2)
			r.width = r.height = 0;
		rows++;
		if (!fn(&r, user))
			break;
	}
	free(text);
	return rows;
}

#endif
