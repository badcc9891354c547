# Animations from the corpus against WhatsApp: timing, length, bytes and the
# art-director warnings.
export STK_PROFILE_DIR="$SRC/assets/profiles"
A="$CORPUS/animated"
has() { # FILE RULE...
	run stickerkit validate --profile whatsapp --format json "$A/$1"
	[ "$status" -eq 1 ] || { cat stdout stderr; fail "$1: exit $status, expected 1"; }
	cp stdout r.json
	got=" $(json r.json '" ".join(sorted(set(x["rule"] for x in j["findings"])))') "
	f=$1
	shift
	for want in "$@"; do
		case "$got" in *" $want "*) ;; *) fail "$f: $want missing from:$got" ;; esac
	done
}
has long_12s_30fps_hedgehog_512.webp whatsapp.sticker.duration whatsapp.sticker.max-bytes-animated
expect_eq "$(json r.json '[x["value"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.duration"][0]')" 12000 "duration value"
expect_eq "$(json r.json '[x["limit"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.duration"][0]')" 10000 "duration limit"
has short_delay_5ms_lady-beetle_512.png whatsapp.sticker.frame-duration whatsapp.sticker.format
expect_eq "$(json r.json '[x["frame"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.frame-duration"][0]')" 0 "first short frame"
has varying_delays_nerd-face_512.gif whatsapp.art.frame-timing
has high_detail_raccoon_512.webp whatsapp.sticker.max-bytes-animated
has emote_QIP-pidgin_bj.gif whatsapp.sticker.duration whatsapp.sticker.width
