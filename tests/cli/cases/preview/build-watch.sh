# build --watch: builds a three-sticker project for WhatsApp, writes the
# live preview in dist/preview/, then rebuilds when a source changes:
# after art/b.png is replaced (written beside it and renamed over it, as
# editors save), exactly that sticker is encoded again (every other output
# comes from the cache, byte for byte the same), and the page's build
# stamp changes, in index.html and stamp.js alike.  Ctrl-C (SIGINT) ends
# the watch with status 0.
mkdir -p proj/art
cp "$CORPUS/static/rgba_300x300_cat-face.png" proj/art/a.png
cp "$CORPUS/static/rgba_512x512_exact_frog.png" proj/art/b.png
cp "$CORPUS/static/rgba_64x64_tiny_penguin.png" proj/art/c.png
cat >proj/stickerpack.json <<'JSON'
{ "identifier": "watch_test", "name": "Watch", "publisher": "Tests", "tray": "art/a.png",
  "targets": ["whatsapp"],
  "stickers": [ { "file": "art/a.png", "emojis": ["😺"] },
                { "file": "art/b.png", "emojis": ["🐸"] },
                { "file": "art/c.png", "emojis": ["🐧"] } ] }
JSON
# The log exists before the watch starts: the background job opens its
# redirections only once it runs, and grep on a missing file prints no
# count, which ended the wait at once.
: >watch.err
timeout 280 stickerkit build -C proj -j2 --watch >watch.out 2>watch.err &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
rounds() { grep -c 'watching for changes' watch.err || true; }
wait_rounds() {
	i=0
	while [ "$(rounds)" -lt "$1" ]; do
		kill -0 $pid 2>/dev/null || { cat watch.err; fail "build --watch ended early"; }
		i=$((i + 1)); [ $i -lt 2400 ] || { cat watch.err; fail "no round $1"; }
		sleep 0.1
	done
}
stamp() { sed -n 's/.*name="stickerkit-stamp" content="\([0-9a-f]*\)".*/\1/p' proj/dist/preview/index.html; }
wait_rounds 1
grep -q 'stickerkitStamp' proj/dist/preview/index.html || fail "the watch's page is not live"
[ -s proj/dist/preview/sheet-whatsapp.png ] || fail "no sheet"
first=$(stamp)
( cd proj/dist/whatsapp && find . -type f | sort | xargs sha256sum ) >before.sum
before_lines=$(lines watch.err)
cp "$CORPUS/static/rgba_618x618_dog-face.png" proj/art/b.tmp
mv proj/art/b.tmp proj/art/b.png
wait_rounds 2
tail -n +"$((before_lines + 1))" watch.err >round2.err
expect_grep 'changed: proj/art/b.png' round2.err
grep '^\[[0-9]*/[0-9]*\] ' round2.err | grep -v '(cached)$' >encoded.txt || true
expect_eq "$(cat encoded.txt | sed 's/^\[[0-9]*\/[0-9]*\] //')" "whatsapp/watch_test/02.webp" \
	"outputs encoded after b.png changed"
( cd proj/dist/whatsapp && find . -type f | sort | xargs sha256sum ) >after.sum
changed=$(diff before.sum after.sum | grep '^>' | sed 's/.*  //' | tr '\n' ' ')
expect_eq "$changed" "./watch_test/02.webp " "files that changed"
second=$(stamp)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" != "$second" ] || fail "build stamp did not change ($first, $second)"
expect_grep "\"$second\"" proj/dist/preview/stamp.js
kill -INT $pid
set +e
wait $pid
status=$?
set -e
trap - EXIT
expect_eq "$status" 0 "exit status after Ctrl-C"
