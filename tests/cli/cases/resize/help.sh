# --help prints the synopsis and every option on standard output, exit 0;
# an unknown option is a usage error (exit 2) with a hint.
expect_status 0 stickerkit resize --help
expect_grep "usage: stickerkit resize" stdout
for o in --size --max-size --side --fit --margin --gravity --trim --trim-threshold --even \
	--no-upscale --outline --key --background --filter --output; do
	expect_grep "$o" stdout
done
expect_status 0 stickerkit help resize
expect_grep "usage: stickerkit resize" stdout
expect_status 0 stickerkit --help
expect_grep "resize" stdout
expect_status 2 stickerkit resize --no-such-option in.png -o out.png
expect_grep "unknown" stderr
expect_grep "stickerkit resize --help" stderr
