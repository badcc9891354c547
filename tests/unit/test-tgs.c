/* test-tgs.c - the TGS inspector: gzip caps, Lottie header, forbidden features. */
#include <time.h>
#include <zlib.h>
#include "tap.h"
#include "corpus.h"
#include "inspect.h"

#define HEAD "{\"tgs\":1,\"v\":\"5.5.2\",\"fr\":60,\"ip\":0,\"op\":180,\"w\":512,\"h\":512," \
             "\"nm\":\"t\",\"ddd\":0,"
#define SHAPE_LAYER(shapes) "{\"ty\":4,\"ks\":{\"o\":{\"a\":0,\"k\":100}},\"shapes\":[" \
                            shapes "]}"

static const char minimal[] = HEAD "\"assets\":[],\"layers\":[" SHAPE_LAYER(
	"{\"ty\":\"gr\",\"it\":[{\"ty\":\"el\",\"p\":{\"a\":0,\"k\":[0,0]}},{\"ty\":\"fl\"}]}"
) "]}";

/* gzip with zlib's own deflate, as Telegram's exporters do. */
static uint8_t *gzip(const void *data, size_t len, size_t *out_len)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	size_t cap = deflateBound(&zs, (uLong)len) + 32;
	uint8_t *out = malloc(cap);
	zs.next_in = (Bytef *)data;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	if (!out || deflate(&zs, Z_FINISH) != Z_STREAM_END)
		abort();
	*out_len = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static stk_status inspect_json(const char *json, uint64_t cap, stk__tgs_info *info,
                               stk_error *err)
{
	size_t len;
	uint8_t *gz = gzip(json, strlen(json), &len);
	stk_error_init(err);
	stk_status s = stk__tgs_inspect(gz, len, cap, info, err);
	free(gz);
	return s;
}

static void test_minimal(void)
{
	stk__tgs_info info;
	stk_error err;
	is_int(inspect_json(minimal, 1 << 20, &info, &err), STK_OK, "minimal Lottie accepted");
	is_int(info.width, 512, "w");
	is_int(info.height, 512, "h");
	ok(info.fps == 60, "fr is 60 (got %g)", info.fps);
	ok(info.in_point == 0 && info.out_point == 180, "ip 0, op 180");
	ok(info.duration_ms > 2999.999 && info.duration_ms < 3000.001, "180 frames at 60 fps "
	   "last 3000 ms (got %g)", info.duration_ms);
	is_int(info.features, 0, "no forbidden features");
	is_int(info.json_bytes, strlen(minimal), "json_bytes is the inflated size");
	ok(info.file_bytes > 0 && info.file_bytes < info.json_bytes, "file_bytes is the gzip size");

	is_int(inspect_json(minimal, strlen(minimal), &info, &err), STK_OK,
	       "a cap of exactly the JSON size is enough");
	is_int(inspect_json(minimal, strlen(minimal) - 1, &info, &err), STK_ERR_LIMIT,
	       "one byte less is over the cap");

	static const char mask_expansion[] = HEAD "\"layers\":[{\"ty\":4,\"masksProperties\":[],"
		"\"ks\":{\"x\":{\"a\":0,\"k\":0}},\"ef\":[]}]}";
	is_int(inspect_json(mask_expansion, 1 << 20, &info, &err), STK_OK, "empty lists accepted");
	is_int(info.features, 0, "empty masks/effects and an object \"x\" are not features");
}

struct feature_case {
	const char *name;
	const char *json;
	uint32_t bit;
	const char *where;
};

static const struct feature_case feature_cases[] = {
	{ "expression", HEAD "\"layers\":[{\"ty\":4,\"ks\":{\"o\":{\"a\":0,\"k\":100,"
	  "\"x\":\"var $bm_rt = time;\"}}}]}", STK_TGS_EXPRESSIONS, "layers[0].ks.o" },
	{ "expression in a shape", HEAD "\"layers\":[" SHAPE_LAYER("{\"ty\":\"gr\",\"it\":["
	  "{\"ty\":\"el\"},{\"ty\":\"fl\",\"c\":{\"a\":0,\"k\":[1,0,0],\"x\":\"wiggle(1,2)\"}}]}")
	  "]}", STK_TGS_EXPRESSIONS, "layers[0].shapes[0].it[1].c" },
	{ "image layer", HEAD "\"layers\":[{\"ty\":4},{\"ty\":2,\"refId\":\"img\"}]}",
	  STK_TGS_IMAGES, "layers[1]" },
	{ "image asset", HEAD "\"assets\":[{\"id\":\"img\",\"w\":8,\"h\":8,\"u\":\"\","
	  "\"p\":\"data:image/png;base64,AAAA\"}],\"layers\":[]}", STK_TGS_IMAGES, "assets[0]" },
	{ "3D layer", HEAD "\"layers\":[{\"ty\":4,\"ddd\":1}]}", STK_TGS_3D_LAYERS, "layers[0]" },
	{ "mask", HEAD "\"layers\":[{\"ty\":4,\"hasMask\":true,\"masksProperties\":[{}]}]}",
	  STK_TGS_MASKS, "layers[0]" },
	{ "effect", HEAD "\"layers\":[{\"ty\":4},{\"ty\":4},{\"ty\":4,\"ef\":[{\"ty\":5}]}]}",
	  STK_TGS_EFFECTS, "layers[2]" },
	{ "text layer", HEAD "\"layers\":[{\"ty\":5,\"t\":{}}]}", STK_TGS_TEXT_LAYERS,
	  "layers[0]" },
	{ "solid", HEAD "\"layers\":[{\"ty\":1,\"sc\":\"#ff0000\"}]}", STK_TGS_SOLIDS,
	  "layers[0]" },
	{ "merge paths", HEAD "\"layers\":[{\"ty\":4},{\"ty\":4},{\"ty\":4},"
	  SHAPE_LAYER("{\"ty\":\"el\"},{\"ty\":\"gr\",\"it\":[{\"ty\":\"el\"},{\"ty\":\"el\"},"
	  "{\"ty\":\"fl\"},{\"ty\":\"mm\",\"mm\":1}]}") "]}", STK_TGS_MERGE_PATHS,
	  "layers[3].shapes[1].it[3]" },
	{ "star", HEAD "\"layers\":[" SHAPE_LAYER("{\"ty\":\"sr\",\"sy\":1}") "]}",
	  STK_TGS_STAR_SHAPES, "layers[0].shapes[0]" },
	{ "gradient stroke", HEAD "\"layers\":[" SHAPE_LAYER("{\"ty\":\"gr\",\"it\":[{\"ty\":\"gr\","
	  "\"it\":[{\"ty\":\"gs\"}]}]}") "]}", STK_TGS_GRADIENT_STROKES,
	  "layers[0].shapes[0].it[0].it[0]" },
	{ "repeater", HEAD "\"layers\":[" SHAPE_LAYER("{\"ty\":\"rp\"}") "]}", STK_TGS_REPEATERS,
	  "layers[0].shapes[0]" },
	{ "time remap", HEAD "\"layers\":[{\"ty\":0,\"refId\":\"c\",\"tm\":{\"a\":0,\"k\":0}}]}",
	  STK_TGS_TIME_REMAP, "layers[0]" },
	{ "auto-orient", HEAD "\"layers\":[{\"ty\":4,\"ao\":1}]}", STK_TGS_AUTO_ORIENT,
	  "layers[0]" },
	{ "precomp layer", HEAD "\"assets\":[{\"id\":\"c\",\"layers\":[{\"ty\":4},{\"ty\":1}]}],"
	  "\"layers\":[{\"ty\":0,\"refId\":\"c\"}]}", STK_TGS_SOLIDS, "assets[0].layers[1]" },
	{ "2D composition", HEAD "\"layers\":[]}", 0, NULL },
	{ "3D composition", "{\"fr\":30,\"ip\":0,\"op\":60,\"w\":512,\"h\":512,\"ddd\":1,"
	  "\"layers\":[]}", STK_TGS_3D_LAYERS, "(root)" },
};

static void test_features(void)
{
	for (size_t i = 0; i < sizeof feature_cases / sizeof feature_cases[0]; i++) {
		const struct feature_case *c = &feature_cases[i];
		stk__tgs_info info;
		stk_error err;
		stk_status s = inspect_json(c->json, 1 << 20, &info, &err);
		if (!c->bit) {
			ok(s == STK_OK && info.features == 0, "%s: no feature", c->name);
			continue;
		}
		ok(s == STK_OK && info.features == c->bit, "%s detected (status %d, features 0x%x)",
		   c->name, s, info.features);
		unsigned bit = 0;
		while ((1u << bit) != c->bit)
			bit++;
		is_str(info.feature_where[bit], c->where, "%s found at %s", c->name, c->where);
	}

	stk__tgs_info info;
	stk_error err;
	static const char two[] = HEAD "\"layers\":[{\"ty\":5},{\"ty\":5},{\"ty\":1,\"ddd\":1}]}";
	is_int(inspect_json(two, 1 << 20, &info, &err), STK_OK, "several features");
	is_int(info.features, STK_TGS_TEXT_LAYERS | STK_TGS_SOLIDS | STK_TGS_3D_LAYERS,
	       "each feature found");
	is_str(info.feature_where[5], "layers[0]", "the first hit is kept");

	is_str(stk__tgs_feature_name(0), "expressions", "feature name 0");
	is_str(stk__tgs_feature_name(8), "star shapes", "feature name 8");
	int unnamed = 0;
	for (unsigned i = 0; i < STK_TGS_FEATURE_COUNT; i++)
		unnamed += !strcmp(stk__tgs_feature_name(i), "unknown feature");
	is_int(unnamed, 0, "every feature has a name");
	is_str(stk__tgs_feature_name(STK_TGS_FEATURE_COUNT), "unknown feature",
	       "out-of-range feature name");
}

static void test_bomb(void)
{
	static const char rel[] = "broken/tgs_gzip_bomb_96MiB.tgs";
	char path[1024];
	size_t len = 0;
	uint8_t *bomb = corpus_read(rel, &len);
	if (!ok(bomb != NULL, "read %s", corpus_path(path, sizeof path, rel)))
		return;
	stk__tgs_info info;
	stk_error err;
	stk_error_init(&err);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	stk_status s = stk__tgs_inspect(bomb, len, 1 << 20, &info, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	is_int(s, STK_ERR_LIMIT, "96 MiB gzip bomb refused at a 1 MiB cap");
	ok(secs < 1.0, "refused in under a second (%.3f s)", secs);
	ok(strstr(err.msg, "1048576") && strstr(err.msg, "gzip bomb"), "message names the cap: %s",
	   err.msg);
	free(bomb);
}

static void test_broken(void)
{
	stk__tgs_info info;
	stk_error err;
	stk_error_init(&err);
	is_int(stk__tgs_inspect((const uint8_t *)minimal, strlen(minimal), 1 << 20, &info, &err),
	       STK_ERR_CORRUPT, "plain JSON (not gzip) refused");
	ok(strstr(err.msg, "gzip") != NULL, "message says not gzip: %s", err.msg);
	is_int(stk__tgs_inspect((const uint8_t *)"", 0, 1 << 20, &info, &err), STK_ERR_CORRUPT,
	       "empty input refused");

	size_t len;
	uint8_t *gz = gzip(minimal, strlen(minimal), &len);
	int bad = 0;
	for (size_t cut = 0; cut < len; cut++) {
		stk_error_init(&err);
		if (stk__tgs_inspect(gz, cut, 1 << 20, &info, &err) != STK_ERR_CORRUPT || !err.msg[0])
			bad++;
	}
	is_int(bad, 0, "every truncation of a valid TGS is refused as corrupt");
	stk__tgs_inspect(gz, len / 2, 1 << 20, &info, &err);
	ok(strstr(err.msg, "truncated") != NULL, "message says truncated: %s", err.msg);

	gz[len - 6] ^= 0x55; /* in the CRC-32 */
	is_int(stk__tgs_inspect(gz, len, 1 << 20, &info, &err), STK_ERR_CORRUPT, "bad CRC refused");
	gz[len - 6] ^= 0x55;
	uint8_t *longer = malloc(len + 3);
	memcpy(longer, gz, len);
	memcpy(longer + len, "abc", 3);
	is_int(stk__tgs_inspect(longer, len + 3, 1 << 20, &info, &err), STK_ERR_CORRUPT,
	       "trailing bytes after the gzip stream refused");
	free(longer);
	free(gz);

	is_int(inspect_json("this is not JSON", 1 << 20, &info, &err), STK_ERR_CORRUPT,
	       "gzipped text refused");
	ok(strstr(err.msg, "JSON") != NULL, "message says not JSON: %s", err.msg);
	is_int(inspect_json("[1,2,3]", 1 << 20, &info, &err), STK_ERR_CORRUPT, "JSON array refused");
	is_int(inspect_json("{\"w\":512,\"h\":512,\"ip\":0,\"op\":60}", 1 << 20, &info, &err),
	       STK_ERR_CORRUPT, "missing fr refused");
	ok(strstr(err.msg, "\"fr\"") != NULL, "message names fr: %s", err.msg);
	is_int(inspect_json("{\"w\":512,\"h\":\"512\",\"fr\":60,\"ip\":0,\"op\":60}", 1 << 20, &info,
	                    &err), STK_ERR_CORRUPT, "string h refused");
	is_int(inspect_json("{\"w\":0,\"h\":512,\"fr\":60,\"ip\":0,\"op\":60}", 1 << 20, &info, &err),
	       STK_ERR_CORRUPT, "zero width refused");
	is_int(inspect_json("{\"w\":512,\"h\":512,\"fr\":0,\"ip\":0,\"op\":60}", 1 << 20, &info,
	                    &err), STK_ERR_CORRUPT, "zero frame rate refused");
	is_int(inspect_json("{\"w\":512,\"h\":512,\"fr\":60,\"ip\":60,\"op\":60}", 1 << 20, &info,
	                    &err), STK_ERR_CORRUPT, "op not after ip refused");
	is_int(inspect_json("{\"w\":512,\"w\":100,\"h\":512,\"fr\":60,\"ip\":0,\"op\":60}", 1 << 20,
	                    &info, &err), STK_ERR_CORRUPT, "duplicate keys refused");
}

/* HEAD "layers":[{"a":[[...[]...]]}]} with depth levels of arrays. */
static char *deep_json(int depth)
{
	size_t cap = strlen(HEAD) + 2 * (size_t)depth + 64;
	char *s = malloc(cap), *p = s;
	if (!s)
		abort();
	p += sprintf(p, "%s\"layers\":[{\"a\":", HEAD);
	for (int i = 0; i < depth; i++)
		*p++ = '[';
	for (int i = 0; i < depth; i++)
		*p++ = ']';
	strcpy(p, "}]}");
	return s;
}

static void test_depth(void)
{
	stk__tgs_info info;
	stk_error err;
	char *json = deep_json(40);
	is_int(inspect_json(json, 1 << 20, &info, &err), STK_OK, "40 levels of nesting accepted");
	free(json);
	json = deep_json(100);
	is_int(inspect_json(json, 1 << 20, &info, &err), STK_ERR_CORRUPT, "100 levels refused");
	ok(strstr(err.msg, "deeper") != NULL, "message says too deep: %s", err.msg);
	free(json);
	json = deep_json(100000);
	is_int(inspect_json(json, 1 << 20, &info, &err), STK_ERR_CORRUPT,
	       "100000 levels refused by the parser");
	free(json);
}

int main(void)
{
	test_minimal();
	test_features();
	test_bomb();
	test_broken();
	test_depth();
	return done_testing();
}
