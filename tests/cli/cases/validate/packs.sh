# Whole packs: a folder of stickers, a built WhatsApp folder (contents.json
# + <identifier>/) and a .wastickers archive; the profile is guessed from
# the pack's own files.
export STK_PROFILE_DIR="$SRC/assets/profiles"
W="$CORPUS/static/webp_lossless_800x800_koala.webp"
mkdir folder
cp "$W" folder/koala.webp
cp "$CORPUS/static/webp_lossy_alpha_1024x1024_lion.webp" folder/lion.webp
cp "$CORPUS/animated/bounce_hamster_1024.webp" folder/hamster.webp
printf 'Animals\n' >folder/title.txt
expect_status 1 stickerkit validate --format json folder
expect_grep "using the whatsapp profile" stderr
cp stdout r.json
rules=" $(json r.json '" ".join(sorted(set(x["rule"] for x in j["findings"])))') "
for want in whatsapp.pack.no-mixing whatsapp.pack.tray whatsapp.pack.publisher-required whatsapp.sticker.width; do
	case "$rules" in *" $want "*) ;; *) fail "folder: $want missing from:$rules" ;; esac
done
expect_eq "$(json r.json '[x["file"] for x in j["findings"] if x["rule"] == "whatsapp.pack.no-mixing"]')" '["folder"]' "pack findings name the pack"

mkdir -p built/cats
cp "$W" built/cats/1.webp
cp "$W" built/cats/2.webp
cat >built/contents.json <<'JSON'
{
  "ios_app_store_link": "https://apps.apple.com/app/id1",
  "sticker_packs": [{
    "identifier": "cats", "name": "Cats", "publisher": "Me",
    "tray_image_file": "tray.png", "image_data_version": "1",
    "stickers": [
      {"image_file": "1.webp", "emojis": ["a"]},
      {"image_file": "2.webp", "emojis": ["a", "b", "c", "d"]}
    ]
  }]
}
JSON
expect_status 1 stickerkit validate --format json built
cp stdout b.json
rules=" $(json b.json '" ".join(sorted(set(x["rule"] for x in j["findings"])))') "
for want in whatsapp.pack.min-stickers whatsapp.tray.exists whatsapp.pack.app-store-host whatsapp.sticker.emojis-max whatsapp.pack.duplicates whatsapp.sticker.width; do
	case "$rules" in *" $want "*) ;; *) fail "built: $want missing from:$rules" ;; esac
done
expect_eq "$(json b.json '[x["file"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.emojis-max"]')" '["built/cats/2.webp"]' "sticker findings name the file"

python3 - <<'PY'
import zipfile
with zipfile.ZipFile("pack.wastickers", "w") as z:
    z.writestr("title.txt", "Cats\n")
    z.writestr("author.txt", "Me\n")
    z.write("built/cats/1.webp", "1.webp")
PY
expect_status 1 stickerkit validate --format json pack.wastickers
expect_grep "using the whatsapp profile" stderr
cp stdout z.json
rules=" $(json z.json '" ".join(sorted(set(x["rule"] for x in j["findings"])))') "
for want in whatsapp.pack.min-stickers whatsapp.pack.tray; do
	case "$rules" in *" $want "*) ;; *) fail "wastickers: $want missing from:$rules" ;; esac
done
expect_grep '"pack.wastickers:1.webp"' z.json
