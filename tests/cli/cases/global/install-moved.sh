# A relocatable install: installed into a temporary prefix and moved, the
# binary finds its library (RPATH $ORIGIN) and its profiles (beside the
# executable), never the source tree's; no profiles at all is an error; the
# pkg-config file and the completion scripts are where they belong.
[ -n "${STK_BUILD_ROOT:-}" ] || fail "STK_BUILD_ROOT not set (tests/cli/meson.build)"
meson install -C "$STK_BUILD_ROOT" --no-rebuild --quiet --destdir "$PWD/stage" >install.log 2>&1 ||
	{ cat install.log; fail "meson install"; }
bin=$(find stage -path '*/bin/stickerkit' -type f)
[ -n "$bin" ] || fail "no installed binary"
prefix=${bin%/bin/stickerkit}
mv "$prefix" moved
rm -rf stage
unset STK_PROFILE_DIR LD_LIBRARY_PATH
stk=$PWD/moved/bin/stickerkit
ldd "$stk" | grep -q "libstickerkit.*=> $PWD/moved/" || { ldd "$stk"; fail "library not found beside the moved binary"; }
[ ! -e moved/bin/stickerkit-build-tree ] || fail "the build-tree marker was installed"

expect_status 0 "$stk" validate --list-profiles
expect_grep '^whatsapp ' stdout
expect_grep '^kakaotalk ' stdout
# The profiles come from the moved tree: one taken away there is gone.
rm moved/share/stickerkit/profiles/viber.json
expect_status 0 "$stk" validate --list-profiles
grep -q '^viber ' stdout && fail "viber listed: profiles read from elsewhere than the moved tree"

cp "$CORPUS/static/rgba_64x64_tiny_penguin.png" art.png
expect_status 0 "$stk" convert --profile whatsapp art.png -o sticker.webp
expect_status 0 "$stk" validate --profile whatsapp sticker.webp
expect_status 0 "$stk" info --json sticker.webp
expect_eq "$(json stdout 'j["width"]')x$(json stdout 'j["height"]')" 512x512 "converted size"

# STK_PROFILE_DIR comes after the installed folders, and adds to them.
mkdir extra
sed 's/"whatsapp/"mystore/g' moved/share/stickerkit/profiles/whatsapp.json >extra/mystore.json
export STK_PROFILE_DIR="$PWD/extra"
expect_status 0 "$stk" validate --list-profiles
expect_grep '^mystore ' stdout
expect_grep '^whatsapp ' stdout
unset STK_PROFILE_DIR

# No profiles anywhere is an error, not an empty list.
rm -r moved/share/stickerkit/profiles
expect_status 3 "$stk" validate --list-profiles
expect_grep "no profiles found" stderr
[ ! -s stdout ] || fail "something listed"

# The pkg-config file builds a program against the moved library.
pc=$(find moved -name libstickerkit.pc)
[ -n "$pc" ] || fail "no libstickerkit.pc"
# (not in a sanitizer build: the library needs the sanitizer's runtime)
if command -v cc >/dev/null && ! ldd "$stk" | grep -q libasan; then
	printf '#include <stk/stk.h>\n#include <stdio.h>\nint main(void){puts(stk_version());return 0;}\n' >v.c
	flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$PWD/moved" --cflags --libs libstickerkit)
	cc v.c $flags -o v || fail "cc against the pkg-config file: $flags"
	libdir=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$PWD/moved" --variable=libdir libstickerkit)
	expect_eq "$(LD_LIBRARY_PATH=$libdir ./v)" "$("$stk" --version | cut -d' ' -f2)" "version"
fi

# Completion scripts where each shell looks.
[ -s moved/share/bash-completion/completions/stickerkit ] || fail "no bash completion"
[ -s moved/share/zsh/site-functions/_stickerkit ] || fail "no zsh completion"
[ -s moved/share/fish/vendor_completions.d/stickerkit.fish ] || fail "no fish completion"
