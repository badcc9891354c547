# Still images from the corpus against WhatsApp: each gets the findings its
# defect deserves, and only those.
export STK_PROFILE_DIR="$SRC/assets/profiles"
S="$CORPUS/static"
rules() { json r.json '" ".join(sorted(set(x["rule"] for x in j["findings"])))'; }
check() { # FILE WANT-RULE... : each rule must be there
	run stickerkit validate --profile whatsapp --format json "$S/$1"
	[ "$status" -eq 1 ] || { cat stdout stderr; fail "$1: exit $status, expected 1"; }
	cp stdout r.json
	got=" $(rules) "
	f=$1
	shift
	for want in "$@"; do
		case "$got" in *" $want "*) ;; *) fail "$f: $want missing from:$got" ;; esac
	done
}
absent() { # RULE: must not be in the last report
	case " $(rules) " in *" $1 "*) fail "$1 reported but should not be" ;; esac
}
check rgba_512x512_exact_frog.png whatsapp.sticker.format whatsapp.sticker.extension
absent whatsapp.sticker.width
absent whatsapp.art.margin
check webp_lossy_alpha_1024x1024_lion.webp whatsapp.sticker.width whatsapp.sticker.height whatsapp.sticker.exif
absent whatsapp.sticker.format
absent whatsapp.sticker.extension
check webp_lossy_opaque_768x768_face-with-tears-of-joy.webp whatsapp.art.background
check odd_513x512_thinking-face.png whatsapp.sticker.width
absent whatsapp.sticker.height
check photo_noisy_1024x1024_tiger-face.png whatsapp.sticker.max-bytes whatsapp.art.background
check white_bg_rgb_1024x1024_alien.png whatsapp.art.background
check jpeg_white_bg_1200x1200_smiling-face-with-heart-eyes.jpg whatsapp.art.background whatsapp.sticker.format
check touches_border_trimmed_clown-face.png whatsapp.art.margin
check huge_margin_2000x2000_monkey-face.png whatsapp.art.first-frame
check rgba_64x64_tiny_penguin.png whatsapp.sticker.width
# A PNG named .gif is judged by its bytes.
run stickerkit validate --profile whatsapp --format json "$CORPUS/broken/png_content_named.gif"
cp stdout r.json
expect_grep '"value": "png"' r.json
