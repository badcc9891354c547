# Two packages of the same project from clean folders, with different
# umask, time zone, locale and thread count, are byte-identical; entries
# are dated SOURCE_DATE_EPOCH (as UTC) when it is set, 1980-01-01 if not.
. "$SRC/tests/cli/project.sh"
export STK_PROFILE_DIR="$SRC/assets/profiles"
make_project p '["whatsapp", "line", "wechat", "imessage"]' 8 0
cp -r p q
cp -r p r
(umask 022; TZ=UTC LC_ALL=C SOURCE_DATE_EPOCH=1700000000 stickerkit package -C p -j1 --quiet)
(umask 077; TZ=Asia/Tokyo LC_ALL=C.UTF-8 LANG=C.UTF-8 SOURCE_DATE_EPOCH=1700000000 \
	stickerkit package -C q -j2 --quiet)
n=0
for a in p/dist/*.zip p/dist/*.wastickers; do
	b=q/dist/${a#p/dist/}
	cmp "$a" "$b" || fail "$a and $b differ"
	n=$((n + 1))
done
expect_eq $n 5 "archives compared"
diff -r p/dist/test_pack-wechat q/dist/test_pack-wechat || fail "upload folders differ"
python3 - p/dist/test_pack-line.zip <<'PY' || fail "dates"
import sys, zipfile
for i in zipfile.ZipFile(sys.argv[1]).infolist():
    assert i.date_time == (2023, 11, 14, 22, 13, 20), (i.filename, i.date_time)
PY
# No SOURCE_DATE_EPOCH: the fixed epoch, whatever the zone.
(unset SOURCE_DATE_EPOCH; TZ=America/New_York stickerkit package -C r --quiet)
python3 - r/dist/test_pack-line.zip <<'PY' || fail "fixed epoch"
import sys, zipfile
for i in zipfile.ZipFile(sys.argv[1]).infolist():
    assert i.date_time == (1980, 1, 1, 0, 0, 0), (i.filename, i.date_time)
PY
(unset SOURCE_DATE_EPOCH; TZ=Asia/Kolkata stickerkit package -C p --quiet)
cmp p/dist/test_pack-line.zip r/dist/test_pack-line.zip || fail "fixed epoch differs by zone"
expect_status 2 env SOURCE_DATE_EPOCH=yesterday stickerkit package -C p
expect_grep "SOURCE_DATE_EPOCH" stderr
