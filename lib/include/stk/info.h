/*
 * stk/info.h - describing an image: what `stickerkit info` prints.
 *
 * Durations are reported as the file stores them (a GIF delay of 0 is
 * 0 ms, 1 cs is 10 ms); "playback_duration_ms" adds what browsers and
 * messaging apps actually play, where frames of 10 ms or less last 100 ms.
 */
#ifndef STK_INFO_H
#define STK_INFO_H

#include "stk/image.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Frame durations as browsers play them (<= 10 ms becomes 100 ms). */
STK_API uint32_t stk_playback_duration(uint32_t duration_ms);

/* One JSON object (UTF-8, no trailing newline) describing img; `file` is
 * the name to report.  Keys are documented in stickerkit-info(1). */
STK_API STK_NODISCARD stk_status stk_info_json(const stk_image *img, const char *file,
                                               stk_buf *out, stk_error *err);

/* The same facts as aligned "key: value" lines for people. */
STK_API STK_NODISCARD stk_status stk_info_text(const stk_image *img, const char *file,
                                               stk_buf *out, stk_error *err);

#ifdef __cplusplus
}
#endif
#endif
