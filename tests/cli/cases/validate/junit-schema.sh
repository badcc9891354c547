# JUnit output is valid against the JUnit schema the tests carry (at most
# one <failure> or <error> per <testcase>), and its counts are the cases'.
export STK_PROFILE_DIR="$SRC/assets/profiles"
command -v xmllint >/dev/null || fail "xmllint missing (libxml2-utils, packages.debian)"
stickerkit convert --profile whatsapp "$CORPUS/static/rgba_64x64_tiny_penguin.png" -o fine.webp
big=$CORPUS/animated/bounce_hamster_1024.gif
for strict in "" --strict; do
	run stickerkit validate --profile whatsapp --format junit $strict fine.webp "$big" missing.png
	[ "$status" -eq 3 ] || fail "exit $status with an unreadable input"
	xmllint --noout --schema "$SRC/tests/data/junit.xsd" stdout 2>xmllint.err ||
		{ cat xmllint.err; fail "JUnit ($strict) not valid against junit.xsd"; }
	python3 - stdout <<'PY' || fail "JUnit counts ($strict)"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.findall(".//testcase")
failures = sum(len(c.findall("failure")) for c in cases)
errors = sum(len(c.findall("error")) for c in cases)
assert all(len(c.findall("failure")) + len(c.findall("error")) <= 1 for c in cases)
for el in [root, root.find("testsuite")]:
    assert int(el.get("tests")) == len(cases), (el.get("tests"), len(cases))
    assert int(el.get("failures")) == failures and int(el.get("errors")) == errors
names = [c.get("name") for c in cases]
assert any(n.startswith("fine.webp") for n in names), names
assert errors == 1 and any(n.startswith("missing.png") for n in names), names
assert failures >= 3, failures   # the big GIF breaks several rules
PY
done
