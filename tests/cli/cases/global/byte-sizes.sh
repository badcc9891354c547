# Byte sizes take units wherever a size is taken: k = 1000, Ki = 1024.
P=$CORPUS/static/rgba_64x64_tiny_penguin.png
report_budget() { json r.json 'j["budget"]'; }
for spec in "50k 50000" "50K 50000" "50kB 50000" "64Ki 65536" "64KiB 65536" "1M 1000000" \
	"1MiB 1048576" "30000 30000"; do
	set -- $spec
	expect_status 0 stickerkit convert --max-bytes "$1" "$P" -o o.webp --report r.json
	expect_eq "$(report_budget)" "$2" "--max-bytes $1"
done
for bad in 12x 1.5 -5 k 1e3q "" 5GiB; do
	expect_status 2 stickerkit convert --max-bytes "$bad" "$P" -o o.webp
	expect_grep "max-bytes" stderr
done
# --max-memory: a bare number is MiB, as before; units too
expect_status 3 stickerkit info --max-memory 1 --max-pixels 100000000 "$CORPUS/animated/bounce_hamster_1024.gif"
expect_status 3 stickerkit info --max-memory 1MiB "$CORPUS/animated/bounce_hamster_1024.gif"
expect_status 0 stickerkit info --max-memory 2GiB "$P"
expect_status 2 stickerkit info --max-memory 10k "$P"
