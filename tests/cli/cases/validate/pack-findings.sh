# What is wrong inside a pack is a finding, never a reason to stop: an
# undecodable sticker is <store>.sticker.decodable (exit 1, the others
# still checked); a .wastickers without title.txt or author.txt lacks a
# name and a publisher; LINE stickers carry the names the upload wants.
export STK_PROFILE_DIR="$SRC/assets/profiles"
W="$CORPUS/static/webp_lossless_800x800_koala.webp"
mkdir p
cp "$W" p/a.webp
head -c 3000 "$W" >p/b.webp
cp "$CORPUS/static/webp_lossy_alpha_1024x1024_lion.webp" p/c.webp
expect_status 1 stickerkit validate -p whatsapp --format json p
cp stdout r.json
expect_eq "$(json r.json '[x["file"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.decodable"]')" '["p/b.webp"]' "truncated sticker named"
expect_eq "$(json r.json 'j["unreadable"]')" 0 "nothing unreadable: the pack was read"
expect_eq "$(json r.json 'sorted(set(x["file"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.width"))')" '["p/a.webp", "p/c.webp"]' "the other stickers still checked"
# The same inside an archive; a path that cannot be read at all stays exit 3.
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("bad.wastickers", "w") as z:
    z.writestr("title.txt", "Cats\n")
    z.writestr("author.txt", "Me\n")
    z.write("p/a.webp", "1.webp")
    z.write("p/b.webp", "2.webp")
with zipfile.ZipFile("bare.wastickers", "w") as z:
    for i in range(3):
        z.write("p/a.webp", "%d.webp" % i)
PY
expect_status 1 stickerkit validate --format json bad.wastickers
cp stdout z.json
expect_eq "$(json z.json '[x["file"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.decodable"]')" '["bad.wastickers:2.webp"]' "archive entry named"
expect_status 3 stickerkit validate -p whatsapp p/missing.webp
expect_status 3 stickerkit validate -p whatsapp p/b.webp

# No title.txt and no author.txt: the pack has neither name nor publisher.
expect_status 1 stickerkit validate --format json bare.wastickers
cp stdout bare.json
rules=" $(json bare.json '" ".join(sorted(set(x["rule"] for x in j["findings"])))') "
for want in whatsapp.pack.name-required whatsapp.pack.publisher-required; do
	case "$rules" in *" $want "*) ;; *) fail "bare.wastickers: $want missing from:$rules" ;; esac
done
expect_eq "$(json bare.json '[x["value"] for x in j["findings"] if x["rule"] == "whatsapp.pack.name-required"]')" '["missing"]' "title.txt missing"

# LINE: 01.png ... 40.png beside main.png and tab.png.
mkdir line
stickerkit convert -p line --quiet "$CORPUS/static/rgba_512x512_exact_frog.png" -o line/01.png
for n in 02 03 04 05 06 07; do cp line/01.png line/$n.png; done
cp line/01.png line/frog.png
stickerkit resize --size 240x240 "$CORPUS/static/rgba_512x512_exact_frog.png" -o line/main.png >/dev/null 2>&1
stickerkit resize --size 96x74 "$CORPUS/static/rgba_512x512_exact_frog.png" -o line/tab.png >/dev/null 2>&1
run stickerkit validate -p line --format json line
cp stdout l.json
expect_eq "$(json l.json '[x["file"] for x in j["findings"] if x["rule"] == "line.sticker.file-name"]')" '["line/frog.png"]' "LINE file names"
