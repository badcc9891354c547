# The demo pack project, built for every store it names: each store's
# folder holds what its layout says, every output decodes to the store's
# canvas and format, and each store's validate passes on what was written.
export STK_PROFILE_DIR="$SRC/assets/profiles"
cp -r "$SRC/assets/demo" demo
expect_status 0 stickerkit build -C demo -j2 --report r.json
d=demo/dist
expect_grep "whatsapp: the store does not mix still and animated stickers: 8 still and 3 animated" stderr
# the report is valid against build.schema.json (its findings against
# validate's), and a finding with a wrong type does not pass
python3 "$SRC/tests/cli/check_schema.py" "$SRC/assets/schema/build.schema.json" r.json ||
	fail "the build report is not valid against build.schema.json"
python3 - r.json <<'PY' || fail "the demo's report has no finding to break"
import json, sys
j = json.load(open(sys.argv[1]))
f = [t for t in j["targets"] if t["findings"]][0]["findings"][0]
f["severity"] = 3
json.dump(j, open("bad-report.json", "w"))
PY
python3 "$SRC/tests/cli/check_schema.py" "$SRC/assets/schema/build.schema.json" bad-report.json \
	2>/dev/null && fail "the build schema took a finding's severity as a number"

# every output decodes again, at the size its role asks
python3 - "$d" r.json <<'PY' || fail "outputs do not decode as the report says"
import json, subprocess, sys
d, rep = sys.argv[1], json.load(open(sys.argv[2]))
size = {("whatsapp", "sticker"): (512, 512), ("whatsapp", "tray"): (96, 96),
        ("signal", "sticker"): (512, 512), ("discord", "sticker"): (320, 320),
        ("wechat", "sticker"): (240, 240), ("wechat", "cover"): (240, 240),
        ("wechat", "icon"): (50, 50), ("wechat", "banner"): (750, 400),
        ("line", "main"): (240, 240), ("line", "tab"): (96, 74),
        ("kakaotalk", "sticker"): (360, 360), ("kakaotalk", "icon"): (78, 78),
        ("telegram", "icon"): (100, 100)}
bad = 0
for s in rep["stickers"]:
    info = json.loads(subprocess.run(["stickerkit", "info", "--json", d + "/" + s["output"]],
                                     capture_output=True, text=True, check=True).stdout)
    want = size.get((s["target"], s["role"]))
    ok = info["bytes"] == s["bytes"] and info["format"] == s["format"]
    ok = ok and (want is None or (info["width"], info["height"]) == want)
    if s["target"] == "telegram" and s["role"] == "sticker":
        ok = ok and max(info["width"], info["height"]) == 512
    if s["target"] == "line" and s["role"] == "sticker":
        ok = ok and info["width"] <= 370 and info["height"] <= 320
    if s["budget"] is not None:
        ok = ok and s["bytes"] <= s["budget"]
    ok = ok and info["animated"] == s["animated"]
    if not ok:
        print("bad:", s, info["width"], info["height"], info["format"])
        bad += 1
targets = sorted(set(s["target"] for s in rep["stickers"]))
if targets != sorted(["whatsapp", "telegram", "signal", "line", "discord", "wechat", "kakaotalk", "imessage"]):
    print("targets:", targets); bad += 1
sys.exit(1 if bad else 0)
PY

# the stores' own files
expect_eq "$(json $d/whatsapp/contents.json '[(p["identifier"], len(p["stickers"]), p["animated_sticker_pack"]) for p in j["sticker_packs"]]')" \
	'[["stickerkit_demo", 8, false], ["stickerkit_demo_animated", 3, true]]' "whatsapp packs"
expect_eq "$(json $d/signal/manifest.json '[len(j["stickers"]), j["cover"]["file"], j["title"]]')" '[8, "01.png", "stickerkit demo"]' "signal manifest"
# Telegram takes the three animations as WEBM video
expect_eq "$(json $d/telegram/metadata.json '[s["file"] for s in j["stickers"]][8:]')" '["09.webm", "10.webm", "11.webm"]' "telegram video stickers"
for t in discord line wechat kakaotalk; do
	expect_eq "$(json $d/$t/metadata.json '[j["target"], len(j["stickers"]), all(__import__("os").path.exists("'$d/$t/'" + s["file"]) for s in j["stickers"])]')" \
		"[\"$t\", 8, true]" "$t metadata.json"
done
expect_eq "$(json $d/telegram/metadata.json 'j["stickers"][0]["keywords"]')" '["happy", "smile"]' "keywords"
expect_eq "$(json $d/imessage/stickerkit_demo.stickerpack/Contents.json 'len(j["stickers"])')" 8 "imessage stickers"

# each store's validation, as a user would run it
expect_status 0 stickerkit validate --profile whatsapp $d/whatsapp
for t in telegram signal discord line wechat kakaotalk; do
	expect_status 0 stickerkit validate --profile $t $d/$t
done
expect_status 0 stickerkit validate --profile imessage $d/imessage/stickerkit_demo.stickerpack/01.sticker/01.png
