# --min-ssim fails a conversion whose best fitting result is worse.
S=$CORPUS/static/photo_noisy_1024x1024_tiger-face.png
expect_status 4 stickerkit convert --profile whatsapp --max-bytes 20000 --min-ssim 0.99 "$S" -o out.webp
expect_grep "SSIM 0\.[0-9]* is below the 0.99 asked for" stderr
[ ! -e out.webp ] || fail "output written below --min-ssim"
expect_status 0 stickerkit convert --profile whatsapp --max-bytes 20000 --min-ssim 0.5 "$S" -o out.webp
