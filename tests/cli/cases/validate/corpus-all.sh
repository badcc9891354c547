# Every corpus file against WhatsApp: each gets the findings its defect
# deserves (at least the rules listed here), and the exit status says
# whether it was readable (1: findings, 3: unreadable).
export STK_PROFILE_DIR="$SRC/assets/profiles"
n=0
while read -r file want rules; do
	[ -n "$file" ] || continue
	run stickerkit validate --profile whatsapp --format json "$CORPUS/$file"
	[ "$status" -eq "$want" ] || { cat stdout stderr; fail "$file: exit $status, expected $want"; }
	cp stdout r.json
	got=" $(json r.json '" ".join(sorted(set(x["rule"].replace("whatsapp.", "") for x in j["findings"])))') "
	for r in $rules; do
		case "$got" in *" $r "*) ;; *) fail "$file: $r missing from:$got" ;; esac
	done
	n=$((n + 1))
done <<'TABLE'
static/dirty_transparent_rgb_1024x1024_merperson.png 1 sticker.format sticker.width sticker.height
static/gray_alpha_1024x1024_ghost.png 1 sticker.format sticker.width
static/gray_opaque_512x512_face-screaming-in-fear.png 1 sticker.format art.background
static/huge_margin_2000x2000_monkey-face.png 1 sticker.width art.first-frame
static/icc_adobergb_1024x1024_exploding-head.png 1 sticker.format sticker.width
static/icc_srgb_300dpi_text_1024x1024_smiling-face-with-sunglasses.png 1 sticker.format sticker.width
static/interlaced_1024x1024_robot.png 1 sticker.format sticker.width
static/jpeg_white_bg_1200x1200_smiling-face-with-heart-eyes.jpg 1 sticker.format sticker.extension art.background
static/odd_513x512_thinking-face.png 1 sticker.width
static/palette_opaque_600x600_smiling-face-with-smiling-eyes.png 1 sticker.width art.background
static/palette_trns_800x800_mage.png 1 sticker.format sticker.width
static/photo_noisy_1024x1024_tiger-face.png 1 sticker.max-bytes art.background
static/rgb_trns_colorkey_700x700_turtle.png 1 sticker.format sticker.width
static/rgba16_1024x1024_vampire.png 1 sticker.max-bytes sticker.width
static/rgba_1024x1024_grinning-face.png 1 sticker.format sticker.width
static/rgba_1200x800_offcentre_panda.png 1 sticker.width sticker.height
static/rgba_2000x1600_centred_fox.png 1 sticker.max-bytes sticker.width sticker.height
static/rgba_2000x400_banner_octopus.png 1 sticker.width sticker.height
static/rgba_2048x2048_large_unicorn.png 1 sticker.max-bytes sticker.width
static/rgba_300x300_cat-face.png 1 sticker.width sticker.height
static/rgba_512x512_exact_frog.png 1 sticker.format sticker.extension
static/rgba_618x618_dog-face.png 1 sticker.width sticker.height
static/rgba_64x64_tiny_penguin.png 1 sticker.width art.margin
static/rgba_800x1400_portrait_dragon.png 1 sticker.width sticker.height
static/soft_shadow_alpha_1024x1024_t-rex.png 1 sticker.width
static/touches_border_trimmed_clown-face.png 1 sticker.width art.margin
static/webp_lossless_800x800_koala.webp 1 sticker.width sticker.exif
static/webp_lossy_alpha_1024x1024_lion.webp 1 sticker.width sticker.exif
static/webp_lossy_opaque_768x768_face-with-tears-of-joy.webp 1 sticker.width art.background
static/white_bg_rgb_1024x1024_alien.png 1 sticker.format art.background
animated/bounce_hamster_1024.apng 1 sticker.format sticker.max-bytes-animated sticker.width
animated/bounce_hamster_1024.gif 1 sticker.format sticker.width
animated/bounce_hamster_1024.webp 1 sticker.width sticker.exif
animated/emote_QIP-pidgin_af.gif 1 sticker.frame-duration art.frame-timing
animated/emote_QIP-pidgin_az.gif 1 sticker.width
animated/emote_QIP-pidgin_bj.gif 1 sticker.duration sticker.width
animated/emote_QIP-pidgin_cx_gif2webp.webp 1 sticker.width art.keyframes
animated/emote_dmogdotorg_msn_cry.gif 1 sticker.width
animated/emote_dmogdotorg_yahoo_dance.gif 1 sticker.width
animated/emote_dmogdotorg_yahoo_pray.gif 1 sticker.duration
animated/high_detail_raccoon_512.webp 1 sticker.max-bytes-animated
animated/long_12s_30fps_hedgehog_512.webp 1 sticker.duration sticker.max-bytes-animated
animated/short_delay_10ms_bat_512.gif 1 sticker.format
animated/short_delay_5ms_lady-beetle_512.png 1 sticker.frame-duration
animated/varying_delays_nerd-face_512.gif 1 art.frame-timing
animated/frames_bounce_hamster 1 sticker.format sticker.width
broken/apng_actl_says_10_has_3.png 3 input.unreadable
broken/apng_actl_says_2_has_4.png 3 input.unreadable
broken/frames_mismatched_sizes 3 input.unreadable
broken/gif_lzw_garbage.gif 3 input.unreadable
broken/gif_truncated.gif 3 input.unreadable
broken/gif_zero_frames.gif 3 input.unreadable
broken/manifest_syntax_error.json 3 input.unreadable
broken/manifest_wrong_types.json 3 input.unreadable
broken/png_bad_crc_idat.png 3 input.unreadable
broken/png_content_named.gif 1 sticker.format sticker.extension
broken/png_ihdr_100000x100000_bomb.png 3 input.unreadable
broken/png_ihdr_width_zero.png 3 input.unreadable
broken/png_missing_iend.png 3 input.unreadable
broken/png_truncated_half.png 3 input.unreadable
broken/png_truncated_in_ihdr.png 3 input.unreadable
broken/png_valid_bomb_20000x20000_1bit.png 3 input.unreadable
broken/text_file_renamed.png 3 input.unreadable
broken/tgs_gzip_bomb_96MiB.tgs 3 input.unreadable
broken/webp_riff_size_corrupt.webp 3 input.unreadable
broken/webp_truncated.webp 3 input.unreadable
broken/webp_vp8_payload_garbage.webp 3 input.unreadable
broken/zero_bytes.png 3 input.unreadable
broken/zip_absolute_path.zip 3 input.unreadable
broken/zip_path_traversal.zip 3 input.unreadable
TABLE
# The table covers the whole corpus.
total=$(cd "$CORPUS" && ls -d static/* animated/* broken/* | wc -l)
expect_eq "$n" "$total" "corpus files checked"
