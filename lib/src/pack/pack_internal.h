/*
 * pack_internal.h - packs as files (pack/), shared with the layers above;
 * never installed.
 *
 *   zip_read.c  ZIP-based packs (.wastickers, LINE submission ZIPs) read from
 *               memory with hard caps, so a hostile archive is refused,
 *               never unpacked
 *   zip_write.c byte-reproducible ZIPs: a list of entries written sorted,
 *               with fixed times, owner, modes and compression level
 *   folder_write.c the same list of entries as a folder tree, staged and
 *               renamed into place (all or nothing)
 *   store_archives.c  each store's submission archives from a built target
 *               folder (which files, under which names)
 *   store_whatsapp.c  .wastickers per pack and the sample apps' assets ZIP
 *   store_checklist.c checklist.txt for the stores with a web form
 *   vfs.c           a folder or an archive as one list of files (stk__vfs)
 *   pack_read.c     a path as packs of files: a sticker file, a frames
 *                   folder, a folder or archive of stickers (title.txt,
 *                   author.txt), or a store layout below; which store a
 *                   path looks made for
 *   pack_whatsapp.c the built WhatsApp layout: contents.json beside one
 *                   folder per pack
 *
 * validate reads its inputs through pack_read.c, and so will import: what
 * a pack holds is read in one place.  Nothing here decodes a sticker.
 */
#ifndef STK_PACK_INTERNAL_H
#define STK_PACK_INTERNAL_H

#include <jansson.h>
#include "internal.h"

/* ---- ZIP packs (zip_read.c, libarchive) ---- */

/* Called for each regular file entry, in archive order, with its whole
 * content.  `name` is the normalised relative path.  Return non-OK to stop. */
typedef stk_status (*stk__zip_entry_fn)(void *user, const char *name, const uint8_t *data,
                                        size_t len, stk_error *err);

/* Reads a ZIP from memory.  Refuses (STK_ERR_CORRUPT / STK_ERR_LIMIT) entry
 * names that are absolute, contain "..", backslashes or NUL, duplicate
 * names, more than max_entries entries, any entry over max_entry_bytes or a
 * total over max_total_bytes, and links/devices. */
stk_status stk__zip_read(const uint8_t *data, size_t len, uint32_t max_entries,
                         uint64_t max_entry_bytes, uint64_t max_total_bytes,
                         stk__zip_entry_fn fn, void *user, stk_error *err);

/* Caps for stk__zip_read_limited(); max_ratio 0 means none.  The ratio cap
 * is checked on each entry's declared sizes and on the bytes really
 * inflated against the archive's size, once past STK__ZIP_RATIO_FLOOR. */
typedef struct stk__zip_limits {
	uint32_t max_entries;
	uint64_t max_entry_bytes, max_total_bytes;
	uint32_t max_ratio;
} stk__zip_limits;
#define STK__ZIP_RATIO_FLOOR (1u << 20)

stk_status stk__zip_read_limited(const uint8_t *data, size_t len,
                                 const stk__zip_limits *lim, stk__zip_entry_fn fn,
                                 void *user, stk_error *err);

/* One record of the central directory, as stored (names not checked). */
typedef struct stk__zip_central {
	size_t offset;              /* of the record in the archive */
	const uint8_t *name;
	size_t name_len;
	uint32_t compressed_size, size;
	uint32_t local_offset;      /* of the entry's local header */
} stk__zip_central;
typedef stk_status (*stk__zip_central_fn)(void *user, const stk__zip_central *c,
                                          stk_error *err);
/* Calls fn for each central-directory record; an archive without a
 * readable central directory gives no calls. */
stk_status stk__zip_central_each(const uint8_t *data, size_t len, stk__zip_central_fn fn,
                                 void *user, stk_error *err);

/* ---- writing (zip_write.c, libarchive) ---- */

/* The entries of an archive to write: names and contents (copied). */
typedef struct stk__zip_out stk__zip_out;

stk_status stk__zip_out_new(stk__zip_out **out, stk_error *err);
void stk__zip_out_free(stk__zip_out *z);
/* Adds a copy of data as name ('/'-separated, relative); a name that is
 * unsafe or already there is STK_ERR_INVALID_ARG. */
stk_status stk__zip_out_add(stk__zip_out *z, const char *name, const void *data, size_t len,
                            stk_error *err);
/* Adds a file's contents as name. */
stk_status stk__zip_out_add_file(stk__zip_out *z, const char *name, const char *path,
                                 stk_error *err);
size_t stk__zip_out_count(const stk__zip_out *z);
/* Entry i in name order: its name, and its contents in *data / *len. */
const char *stk__zip_out_entry(const stk__zip_out *z, size_t i, const uint8_t **data,
                               size_t *len);
/* Sum of the entries' sizes. */
uint64_t stk__zip_out_bytes(const stk__zip_out *z);

/* The archive's bytes: entries sorted by name (bytewise), every entry
 * dated `epoch` (Unix seconds, UTC wall clock in the DOS fields; < 0: the
 * fixed 1980-01-01 00:00), owner 0:0, mode 0644, deflate level 9, UTF-8
 * names.  Nothing depends on the time zone, locale or umask. */
stk_status stk__zip_out_build(const stk__zip_out *z, int64_t epoch, stk_buf *out,
                              stk_error *err);
/* Reads zip back through the pack reader and checks that it holds exactly
 * z's entries, byte for byte. */
stk_status stk__zip_out_verify(const stk__zip_out *z, const uint8_t *zip, size_t len,
                               stk_error *err);
/* Writes the entries as files under the folder dir (folder_write.c):
 * staged beside it, then renamed into place; on failure nothing is left.
 * An empty dir is taken over; a full one is replaced only with replace
 * (and only once the new tree is complete), else refused. */
stk_status stk__zip_out_write_folder_ex(const stk__zip_out *z, const char *dir, bool replace,
                                        stk_error *err);
/* As _ex with replace. */
stk_status stk__zip_out_write_folder(const stk__zip_out *z, const char *dir,
                                     stk_error *err);

/* ---- store submission archives (store_*.c) ---- */

/* One archive to write, relative to the package folder: its file name
 * (<pack>-<profile>.zip, WhatsApp's <pack>-whatsapp.wastickers) and
 * entries; some stores also get an unpacked folder of folder_entries. */
typedef struct stk__store_archive {
	char *file;
	char *pack;                 /* the pack it holds (a built pack folder's id) */
	stk__zip_out *entries;
	char *folder;               /* or NULL */
	stk__zip_out *folder_entries;
} stk__store_archive;

typedef struct stk__store_archives {
	stk__store_archive *a;
	size_t n, cap;
} stk__store_archives;

/* The archives for a built target folder (OUTDIR/<profile>/) of the pack
 * `identifier`, with their contents read. */
stk_status stk__store_archives_plan(const char *target_dir, const char *profile,
                                    const char *identifier, stk__store_archives *list,
                                    stk_error *err);
void stk__store_archives_release(stk__store_archives *list);

/* Shared by the store files. */
stk_status stk__store_new_archive(stk__store_archives *list, const char *pack,
                                  const char *profile, const char *ext,
                                  stk__store_archive **out, stk_error *err);
/* Adds dir's files (recursively, no dot files; links refused) under prefix. */
stk_status stk__store_add_tree(stk__zip_out *z, const char *dir, const char *prefix,
                               stk_error *err);
/* Sets a->folder to a->file with its extension replaced by ext. */
stk_status stk__store_folder_copy(stk__store_archive *a, const char *ext, stk_error *err);
stk_status stk__store_whatsapp(const char *dir, const char *identifier,
                               stk__store_archives *list, stk_error *err);
/* checklist.txt from dir/metadata.json for profile ("wechat", "kakaotalk"). */
stk_status stk__store_checklist(const char *dir, const char *profile, stk_buf *out,
                                stk_error *err);

/* ---- a folder or an archive as files (vfs.c) ---- */

typedef struct stk__vfs_entry {
	char *name;                 /* relative, '/'-separated */
	uint8_t *data;              /* archive entries only */
	size_t len;
} stk__vfs_entry;

typedef struct stk__vfs {
	char *root;                 /* the folder or archive as given (owned) */
	bool archive;
	stk__vfs_entry *e;
	size_t n, cap;
	const stk_decode_options *opt;  /* max_input_bytes caps each file read */
} stk__vfs;

void stk__vfs_release(stk__vfs *v);
/* Lists the folder v->root's own files (not its subfolders), at most the
 * entry cap of them. */
stk_status stk__vfs_list_dir(stk__vfs *v, stk_error *err);
/* Reads the ZIP archive v->root whole into v, with caps, sorted by name. */
stk_status stk__vfs_load_archive(stk__vfs *v, stk_error *err);
/* Sorts the entries by name. */
void stk__vfs_sort(stk__vfs *v);
/* Reads name into out (a copy); missing is STK_ERR_IO with ENOENT. */
stk_status stk__vfs_read(const stk__vfs *v, const char *name, stk_buf *out, stk_error *err);
/* The same for a side file (contents.json, title.txt), capped at
 * STK_LIMIT_SIDE_FILE_BYTES. */
stk_status stk__vfs_read_side(const stk__vfs *v, const char *name, stk_buf *out,
                              stk_error *err);
/* There and not a folder (a link or special file exists: reading it says
 * what it is). */
bool stk__vfs_exists(const stk__vfs *v, const char *name);
/* "root/name" or "root:name" for an archive, into buf. */
const char *stk__vfs_label(const stk__vfs *v, const char *name, char *buf, size_t size);

/* ---- a path as packs of files (pack_read.c, pack_whatsapp.c) ---- */

/* One file a pack names; read it from the source's vfs by `source`. */
typedef struct stk__pack_file {
	char *label;                /* shown to people: "root/name", "root:name" (owned) */
	char *name;                 /* base name, for role matching (owned) */
	char *source;               /* its name in the vfs (owned); NULL when skipped */
	const char *role;           /* the role the layout gives it ("tray"), or NULL */
	json_t *meta;               /* its manifest entry (a reference), or NULL */
	bool meta_complete;         /* meta lists every field: absent = empty */
	bool skipped;               /* not opened: its name could climb out of the pack */
} stk__pack_file;

typedef struct stk__pack_listing {
	char *label;                /* shown for the pack as a whole (owned) */
	json_t *meta;               /* the pack's fields (a reference), or NULL */
	bool meta_complete;
	stk__pack_file *files;
	size_t n, cap;
} stk__pack_listing;

/* What is not in a pack: a lone sticker, a manifest, or what cannot be read. */
typedef enum stk__loose_kind {
	STK_LOOSE_FILE,             /* a sticker file at label: read and decode it */
	STK_LOOSE_FRAMES,           /* a frames folder (numbered frames) at label */
	STK_LOOSE_DOCUMENT,         /* a manifest: doc, role "manifest" */
	STK_LOOSE_UNREADABLE,       /* error (when has_error) or why says why */
} stk__loose_kind;

typedef struct stk__pack_loose {
	stk__loose_kind kind;
	char *label;                /* owned */
	const char *name;           /* base name (into label, or static) */
	json_t *doc;                /* DOCUMENT: the parsed manifest (a reference) */
	bool has_error;
	stk_error error;            /* UNREADABLE, when has_error */
	char why[400];              /* UNREADABLE otherwise; a DOCUMENT left unread
	                               (over the entry cap) when set */
} stk__pack_loose;

typedef struct stk__pack_source {
	stk__vfs vfs;               /* where the packs' files are read from */
	stk__pack_loose *loose;     /* in the order found */
	size_t n_loose, cap_loose;
	stk__pack_listing *packs;
	size_t n_packs, cap_packs;
} stk__pack_source;

/* Reads what path holds into ps (zeroed by the caller).  A path that
 * cannot be read is an UNREADABLE loose entry, not a failure: only running
 * out of memory fails. */
stk_status stk__pack_source_read(stk__pack_source *ps, const char *path,
                                 const stk_decode_options *opt, stk_error *err);
void stk__pack_source_release(stk__pack_source *ps);

stk__pack_loose *stk__pack_add_loose(stk__pack_source *ps, stk__loose_kind kind,
                                     const char *label, const char *name, stk_error *err);
stk__pack_listing *stk__pack_add_listing(stk__pack_source *ps, const char *label,
                                         stk_error *err);
stk__pack_file *stk__pack_add_file(stk__pack_listing *pl, const char *label, const char *name,
                                   stk_error *err);
/* The base name of a path ("a/b.png" -> "b.png"). */
const char *stk__base_name(const char *path);

/* The built WhatsApp layout (pack_whatsapp.c), from v's contents.json. */
stk_status stk__pack_read_whatsapp(stk__pack_source *ps, const stk__vfs *v, stk_error *err);

/* The store a path looks made for, from its file names only ("whatsapp",
 * "telegram", "line", "signal"), or NULL. */
const char *stk__pack_guess_store(const char *path);

#endif
