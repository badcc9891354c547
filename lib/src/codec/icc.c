/*
 * icc.c - converting pixels tagged with a non-sRGB ICC profile (AdobeRGB,
 * Display P3 from Macs) to sRGB with Little CMS, because every messaging
 * app shows sticker pixels as sRGB whatever the file says.
 */
#include <stdlib.h>
#include <string.h>
#include <lcms2.h>
#include "internal.h"

struct stk__icc {
	cmsContext ctx;
	cmsHTRANSFORM xform;
};

/* An sRGB profile needs no work; recognised by its description, as the
 * profiles Photoshop, Krita and macOS embed all name themselves so. */
static bool is_srgb(cmsContext ctx, cmsHPROFILE p)
{
	char desc[256] = "";
	cmsGetProfileInfoASCII(p, cmsInfoDescription, "en", "US", desc, sizeof desc);
	(void)ctx;
	return strstr(desc, "sRGB") != NULL || strstr(desc, "srgb") != NULL;
}

stk_status stk__icc_open(const uint8_t *icc, size_t len, stk__icc **out, stk_error *err)
{
	*out = NULL;
	if (len > UINT32_MAX)
		return stk__fail(err, STK_ERR_CORRUPT, "ICC profile too large");
	cmsContext ctx = cmsCreateContext(NULL, NULL);
	if (!ctx)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	cmsHPROFILE src = cmsOpenProfileFromMemTHR(ctx, icc, (cmsUInt32Number)len);
	if (!src) {
		cmsDeleteContext(ctx);
		return stk__fail(err, STK_ERR_CORRUPT, "embedded ICC profile is unreadable");
	}
	/* Only RGB profiles apply to our RGBA pixels; a gray or CMYK profile
	 * on decoded RGBA data is left alone. */
	if (cmsGetColorSpace(src) != cmsSigRgbData || is_srgb(ctx, src)) {
		cmsCloseProfile(src);
		cmsDeleteContext(ctx);
		return STK_OK;
	}
	cmsHPROFILE srgb = cmsCreate_sRGBProfileTHR(ctx);
	cmsHTRANSFORM xf = srgb ? cmsCreateTransformTHR(ctx, src, TYPE_RGBA_8, srgb, TYPE_RGBA_8,
	                                                INTENT_PERCEPTUAL, cmsFLAGS_COPY_ALPHA)
	                        : NULL;
	cmsCloseProfile(src);
	if (srgb)
		cmsCloseProfile(srgb);
	if (!xf) {
		cmsDeleteContext(ctx);
		return stk__fail(err, STK_ERR_CORRUPT, "embedded ICC profile cannot be converted "
		                 "to sRGB");
	}
	stk__icc *t = malloc(sizeof *t);
	if (!t) {
		cmsDeleteTransform(xf);
		cmsDeleteContext(ctx);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	t->ctx = ctx;
	t->xform = xf;
	*out = t;
	return STK_OK;
}

void stk__icc_apply(stk__icc *t, uint8_t *rgba, size_t npix)
{
	/* cmsDoTransform takes a 32-bit count: go in slices. */
	while (npix) {
		cmsUInt32Number n = npix > (1u << 24) ? (1u << 24) : (cmsUInt32Number)npix;
		cmsDoTransform(t->xform, rgba, rgba, n);
		rgba += (size_t)n * 4;
		npix -= n;
	}
}

void stk__icc_close(stk__icc *t)
{
	if (!t)
		return;
	cmsDeleteTransform(t->xform);
	cmsDeleteContext(t->ctx);
	free(t);
}
