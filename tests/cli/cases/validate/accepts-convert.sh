# What `stickerkit convert` and `resize` make for WhatsApp passes validate:
# a folder pack and the same pack as a .wastickers exit 0 with no findings.
export STK_PROFILE_DIR="$SRC/assets/profiles"
S="$CORPUS/static"
mkdir pack
i=1
for f in rgba_1024x1024_grinning-face.png rgba_2000x1600_centred_fox.png palette_trns_800x800_mage.png; do
	stickerkit convert --profile whatsapp --emoji 😀 --pack-name Cats --publisher Me \
		"$S/$f" -o pack/$i.webp || fail "convert cannot make $f"
	i=$((i + 1))
done
stickerkit resize --size 96x96 "$S/rgba_1024x1024_grinning-face.png" -o pack/tray.png ||
	fail "resize cannot make the tray"
printf 'Cats\n' >pack/title.txt
printf 'Me\n' >pack/author.txt
expect_status 0 stickerkit validate pack
expect_grep "5 files checked against whatsapp: no problems found" stdout
(cd pack && python3 -c 'import zipfile, sys; z = zipfile.ZipFile("../cats.wastickers", "w"); [z.write(n) for n in sys.argv[1:]]' 1.webp 2.webp 3.webp tray.png title.txt author.txt)
expect_status 0 stickerkit validate --strict --format json cats.wastickers
cp stdout r.json
expect_eq "$(json r.json 'len(j["findings"])')" 0 "no findings"
expect_eq "$(json r.json 'j["errors"]')" 0 "errors"
