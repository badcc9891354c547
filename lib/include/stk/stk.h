/*
 * stk/stk.h - libstickerkit, the library behind the stickerkit program.
 *
 * Include this one header.  Areas, each implemented in one folder of
 * lib/src/ (lib/README.md draws the layers): error.h and image.h (core/:
 * status and error record, the image model), codec.h and info.h (codec/:
 * decoders, encoders, files, describing an image), whatsapp.h (codec/:
 * WhatsApp EXIF), resize.h (art/), profile.h (profile/), validate.h
 * (report/ and validate/), convert.h (convert/), preview.h and watch.h (project/).
 */
#ifndef STK_STK_H
#define STK_STK_H

#include "stk/common.h"
#include "stk/error.h"
#include "stk/image.h"
#include "stk/codec.h"
#include "stk/info.h"
#include "stk/profile.h"
#include "stk/validate.h"
#include "stk/resize.h"
#include "stk/whatsapp.h"
#include "stk/convert.h"
#include "stk/preview.h"
#include "stk/watch.h"
#include "stk/package.h"
#include "stk/emoji.h"
#include "stk/project.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "0.1.0" */
STK_API const char *stk_version(void);

#ifdef __cplusplus
}
#endif
#endif
