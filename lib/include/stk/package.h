/*
 * stk/package.h - store submission archives from a built pack, and
 * importing an existing pack as a pack project.
 *
 * Packaging reads each built target folder (OUTDIR/<target>/, see
 * stickerkit-build(1)) and writes that store's archives beside them:
 * <pack>-<target>.zip, WhatsApp's <pack>-whatsapp.wastickers, plus
 * upload folders for the stores with a web form (stickerkit-package(1)).
 * Archives are byte-reproducible: entries sorted, every entry dated
 * source_date_epoch (or 1980-01-01), owner 0, mode 0644, deflate level 9.
 * Each archive is read back through the same reader validate uses and
 * checked against the store's profile before it is renamed into place;
 * one that would not pass is not written, and its findings are in the
 * result.
 *
 * Importing turns a .wastickers, a WhatsApp sample-app folder (with
 * contents.json), a Signal or Telegram ZIP, or a folder of stickers into
 * a pack project (stickerpack.json and art/), keeping the pack's names,
 * order and emojis (from contents.json, manifest.json, metadata.json or
 * the stickers' WhatsApp EXIF).  Hostile input (absolute or ".." names,
 * links, special files, too many entries, too many bytes, bomb-like
 * compression ratios) is refused with nothing written anywhere.
 */
#ifndef STK_PACKAGE_H
#define STK_PACKAGE_H

#include "stk/codec.h"
#include "stk/project.h"
#include "stk/validate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- packaging ---- */

typedef struct stk_package_options {
	const char *outdir;         /* where archives go; NULL: the build folder */
	const char *const *targets; /* store ids, NULL: every built target asked for */
	size_t n_targets;
	int64_t source_date_epoch;  /* entry dates (Unix seconds); < 0: 1980-01-01 */
	const char *const *profile_dirs; /* as stk_profile_open() */
	stk_decode_options decode;  /* limits for re-reading what was written */
	uint32_t padding[8];
} stk_package_options;

STK_API void stk_package_options_init(stk_package_options *opt);

typedef struct stk_package_result stk_package_result;

/* One archive or folder of the package. */
typedef struct stk_package_item {
	const char *target;         /* "line" */
	const char *pack;           /* the built pack it holds */
	const char *file;           /* path written (or that would have been) */
	bool folder;                /* an upload folder rather than an archive */
	bool written;               /* false: it did not pass its profile */
	uint64_t bytes;             /* the archive's size; a folder's contents */
	size_t entries;
	const stk_report *report;   /* the profile's findings on it, or NULL */
} stk_package_item;

/*
 * Packages the built targets in builddir (a build's OUTDIR) of the pack
 * `identifier`.  Returns STK_OK when it ran: archives that would not pass
 * their profile are left unwritten, flagged in the result and counted by
 * stk_package_failed().  A target not built is STK_ERR_IO naming it.
 */
STK_API STK_NODISCARD stk_status stk_package_built(const char *builddir,
	const char *identifier, const char *const *targets, size_t n_targets,
	const stk_package_options *opt, stk_package_result **out, stk_error *err);
/*
 * Builds m (stk_build(): incremental, so an up-to-date build encodes
 * nothing) with bopt, then packages every target built as
 * stk_package_built() does, into popt->outdir or the build's folder.  A
 * build whose own validation found errors is not packaged: the result
 * then has no items and stk_package_build_errors() counts them.
 */
STK_API STK_NODISCARD stk_status stk_package(const stk_manifest *m,
	const stk_build_options *bopt, const stk_package_options *popt,
	stk_package_result **out, stk_error *err);
STK_API size_t stk_package_build_errors(const stk_package_result *r);

/* Accepts NULL. */
STK_API void stk_package_result_free(stk_package_result *r);
STK_API size_t stk_package_count(const stk_package_result *r);
STK_API const stk_package_item *stk_package_get(const stk_package_result *r, size_t i);
/* Items not written because they would not pass. */
STK_API size_t stk_package_failed(const stk_package_result *r);

/* ---- importing ---- */

typedef struct stk_import_options {
	uint32_t max_entries;       /* files in the input; 0: 1000 */
	uint64_t max_entry_bytes;   /* one file, inflated; 0: 16 MiB */
	uint64_t max_total_bytes;   /* all files, inflated; 0: 256 MiB */
	uint32_t max_ratio;         /* inflated / compressed; 0: 200 */
	stk_decode_options decode;
	uint32_t padding[8];
} stk_import_options;

STK_API void stk_import_options_init(stk_import_options *opt);

typedef struct stk_import_summary {
	char kind[32];              /* "wastickers", "whatsapp-folder", "signal", ... */
	char name[256];             /* the pack's name, "" when unknown */
	size_t stickers;
	size_t with_emojis;         /* stickers that came with emojis */
} stk_import_summary;

/* Imports input (a file or a folder) as a new pack project in packdir,
 * which must not exist or be empty.  Nothing is written unless all of it
 * is.  summary may be NULL. */
STK_API STK_NODISCARD stk_status stk_import(const char *input, const char *packdir,
	const stk_import_options *opt, stk_import_summary *summary, stk_error *err);

#ifdef __cplusplus
}
#endif
#endif
