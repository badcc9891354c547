/*
 * stk_limits.h - what reading one input may cost, stated in one place.
 *
 * "Bad input costs little" holds on every path because every reader takes
 * its caps from this table, never from a number of its own.  The first
 * group a user can raise (stk_decode_options, CLI options in parentheses,
 * defaults in stk/codec.h); the second is fixed.  stickerkit(1) LIMITS
 * documents both; keep the three in step.
 *
 *   what                   where                          default
 *   pixels of one frame    opt->max_pixels (--max-pixels) 8192 x 8192
 *   frames                 opt->max_frames (--max-frames) 10000
 *   pixels held at once    opt->max_held_bytes            512 MiB of RGBA
 *                          (--max-memory): frames kept by the decoder plus
 *                          two (its canvas, the frame handed on); streamed
 *                          frames are not held, so info, validate, resize
 *                          and convert hold the same whatever the length
 *   pixels decoded         opt->max_total_bytes           1 GiB of RGBA, or
 *                          (--max-decoded): every frame   STK_LIMIT_DECODED_
 *                          made, kept or streamed; this   PER_BYTE (4096)
 *                          bounds a decode's work, not    times the input's
 *                          its memory                     bytes when larger
 *   bytes read             opt->max_input_bytes           512 MiB per file
 *   entries                opt->max_entries               100000
 *                          (--max-entries): files listed in a folder,
 *                          elements of a JSON array that each become work
 *                          (packs, stickers, durations)
 *   side files             STK_LIMIT_SIDE_FILE_BYTES      16 MiB
 *                          (timing.json, contents.json, title.txt, ...)
 *   JSON nesting           jansson's parser (2048 levels, fixed when
 *                          jansson is built)
 *   bytes inflated         STK_LIMIT_META_INFLATE_BYTES   8 MiB per metadata
 *                          chunk (ICC, the one XMP packet used)
 *   metadata written       STK_LIMIT_META_OUT_BYTES       64 KiB (XMP carried
 *                          into an output: compressed, or dropped when over)
 *   archive                STK_LIMIT_ZIP_*                2000 entries, 64 MiB
 *                          each, 512 MiB in all
 *   Lottie (TGS) JSON      STK__LOTTIE_MAX_JSON           16 MiB inflated
 *                          (codec/inspect.h, beside its readers)
 *   JPEG scans             STK_LIMIT_JPEG_SCANS           1000 (each is a pass
 *                          over the whole image)
 *   wall time              no clock: each reader's work is linear in the
 *                          bytes read plus the pixels decoded, both capped
 *
 * How a reader uses it: take a cap from here (or opt), check it *before*
 * the allocation or loop it guards, and refuse with STK_ERR_LIMIT and a
 * message naming the limit and the option that raises it, e.g.
 *     if (n > stk__limit_entries(opt))
 *             return stk__fail_entries(err, "sticker_packs", n, opt);
 * Never read a side file with a bare fopen(): use stk__read_side_file().
 * Open files only through stk_read_file() (or stk__open_regular()), which
 * refuse FIFOs, devices and sockets without blocking.
 */
#ifndef STK_LIMITS_H
#define STK_LIMITS_H

#include "internal.h"

/* Frames decoded in all may reach this many bytes per input byte (when
 * more than --max-decoded): a 10 s 1080p folder of PNGs (50 MB, 2.4 GB
 * decoded) or a 12 s 1024x1024 WebP (8 MB, 1.5 GB) is one long clip, not
 * a bomb; a 29 KB GIF of 1000 8192x8192 frames (256 GB) is. */
#define STK_LIMIT_DECODED_PER_BYTE   4096u
#define STK_LIMIT_SIDE_FILE_BYTES    (16ull << 20)
#define STK_LIMIT_META_INFLATE_BYTES (8u << 20)
#define STK_LIMIT_META_OUT_BYTES     (64u << 10)
#define STK_LIMIT_ZIP_ENTRIES        2000u
#define STK_LIMIT_ZIP_ENTRY_BYTES    (64ull << 20)
#define STK_LIMIT_ZIP_TOTAL_BYTES    (512ull << 20)
#define STK_LIMIT_JPEG_SCANS         1000

/* The entry cap in force (opt may be NULL: the default). */
uint32_t stk__limit_entries(const stk_decode_options *opt);

/* STK_ERR_LIMIT "WHAT holds more than N entries (see --max-entries)". */
stk_status stk__fail_entries(stk_error *err, const char *what, const stk_decode_options *opt);

/* Refuses JSON text holding more than max_values values before it is
 * parsed: jansson spends 40-250 bytes on each, so a 3 MB list of a million
 * "{}" would cost a gigabyte parsed.  A scan, no parse, counting objects,
 * arrays and commas outside strings (at least one less than the values);
 * `what` names the document in the message. */
stk_status stk__json_precheck(const uint8_t *text, size_t len, uint64_t max_values,
                              const char *what, stk_error *err);

/* How a path is opened: a path the user named follows symlinks; an entry
 * found by listing a folder (frames, pack files, timing.json) does not, so
 * a link in a folder can neither reach /dev/zero nor take art from outside
 * the folder silently: it is refused as "a symbolic link". */
typedef enum stk__open_mode { STK__OPEN_NAMED, STK__OPEN_ENTRY } stk__open_mode;

/* Opens a path for reading only if it is a regular file: O_NONBLOCK so a
 * FIFO never blocks the open, then fstat() on the descriptor (no race with
 * a swapped name); FIFOs, devices, sockets and folders are refused.
 * Returns the descriptor, or -1 with err filled (no file name). */
int stk__open_regular(const char *path, stk__open_mode mode, stk_error *err);

/* stk_read_file() for a given open mode. */
stk_status stk__read_file_mode(const char *path, uint64_t max_bytes, stk__open_mode mode,
                               stk_buf *out, stk_error *err);

/* Reads a small side file (timing.json, contents.json, ...) whole: an
 * entry, capped at STK_LIMIT_SIDE_FILE_BYTES. */
stk_status stk__read_side_file(const char *path, stk_buf *out, stk_error *err);

#endif
