# Stores with the same canvas and margin (WhatsApp and Signal: 512x512,
# 16 px) share the fitted frames of each sticker: the art is trimmed,
# fitted and stabilised once and encoded for each store.  The outputs are
# byte for byte those of building each store alone.
export STK_PROFILE_DIR="$SRC/assets/profiles"
. "$SRC/tests/cli/project.sh"
make_project p '["whatsapp", "signal"]' 4 0
expect_status 0 stickerkit build -C p -q --no-cache --report both.json
shared=$(json both.json 'j["fits_shared"]')
[ "$shared" -ge 4 ] || fail "only $shared encodes shared a fit (4 stickers in two 512x512 stores)"
expect_status 0 stickerkit build -C p -q --no-cache --target whatsapp -o wa --report wa.json
expect_status 0 stickerkit build -C p -q --no-cache --target signal -o sig --report sig.json
expect_eq "$(json wa.json 'j["fits_shared"]') $(json sig.json 'j["fits_shared"]')" "0 0" "one store: nothing to share"
diff -r p/dist/whatsapp wa/whatsapp || fail "WhatsApp's outputs differ when the fit is shared"
diff -r p/dist/signal sig/signal || fail "Signal's outputs differ when the fit is shared"
expect_status 0 stickerkit validate --profile whatsapp p/dist/whatsapp
python3 "$SRC/tests/cli/check_schema.py" "$SRC/assets/schema/build.schema.json" both.json ||
	fail "the report is not valid against build.schema.json"
