# SIGINT half-way: the build stops once the running job is done, dies of
# the signal, leaves no half-written or temporary file, and the next build
# finishes from the cache what was done.
. "$SRC/tests/cli/project.sh"
export STK_PROFILE_DIR="$SRC/assets/profiles"
make_project p '["whatsapp"]' 6 0
set +e
stickerkit build -C p -j1 >out 2>err &
pid=$!
n=0
while ! grep -q '^\[1/' err 2>/dev/null && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
kill -INT $pid
wait $pid
status=$?
set -e
[ $status -eq 130 ] || { cat err; fail "interrupted build exited $status, expected death by SIGINT (130)"; }
done_before=$(grep -c '^\[' err)
[ "$done_before" -lt 8 ] || fail "the build was not interrupted half-way ($done_before of 8 done)"
# no temporary files, and every output there decodes whole
leftover=$(find p/dist -name '.*' ! -name .stickerkit-cache | wc -l)
expect_eq "$leftover" 0 "temporary files left"
for f in $(find p/dist -name '*.webp' -o -name '*.png' | grep -v stickerkit-cache); do
	stickerkit info "$f" >/dev/null || fail "$f is not whole"
done
[ ! -e p/dist/whatsapp/contents.json ] || fail "contents.json written by an interrupted build"
expect_status 0 stickerkit build -C p -j1 --report r.json
expect_status 0 stickerkit validate --profile whatsapp p/dist/whatsapp
cached=$(json r.json 'sum(1 for s in j["stickers"] if s["cached"])')
[ "$cached" -ge 1 ] || fail "nothing done before the interrupt was kept ($cached cached)"
