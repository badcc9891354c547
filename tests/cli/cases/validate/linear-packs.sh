# Validation is linear in the number of packs and files: a 227-byte
# .wastickers whose contents.json lists 20000 empty packs took 88 s when the
# report searched its file list for every finding.  The timeout is a hang
# guard (ten times what it takes), not a measurement.
export STK_PROFILE_DIR="$SRC/assets/profiles"
craft packs packs.wastickers 20000
limit=60
[ -z "$STK_SANITIZED" ] || limit=240
expect_status 1 timeout $limit stickerkit validate packs.wastickers
expect_grep "^20001 files checked against whatsapp" stdout
# every pack is reported, each under its own heading, once
expect_eq "$(grep -c '(pack [0-9]*)$' stdout)" 20000 "pack headings"
expect_eq "$(grep '(pack [0-9]*)$' stdout | sort -u | wc -l | tr -d ' ')" 20000 "distinct pack headings"
# the JUnit writer groups the same way: one case per failing (file, rule),
# one per file without, as counted from the JSON report
expect_status 1 timeout $limit stickerkit validate --format json packs.wastickers
cases=$(json stdout 'len({(f["file"], f["rule"]) for f in j["findings"] if f["severity"] == "error"}) + len(set(j["files"]) - {f["file"] for f in j["findings"] if f["severity"] == "error"})')
[ "$cases" -gt 20000 ] || fail "only $cases (file, rule) cases expected"
expect_status 1 timeout $limit stickerkit validate --format junit packs.wastickers
expect_eq "$(grep -c '<testcase ' stdout)" "$cases" "JUnit test cases"
