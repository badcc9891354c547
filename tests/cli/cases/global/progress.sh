# A progress line on a terminal for work over half a second (script(1)
# gives the command a terminal), erased when done; nothing of it when
# stderr is a file or with -q; -v tells the search's encodes.  Colour only
# on a terminal and never with NO_COLOR.
export STK_PROFILE_DIR="$SRC/assets/profiles"
A=$CORPUS/animated/bounce_hamster_1024.gif
command -v script >/dev/null || fail "script(1) missing (bsdutils)"
on_tty() { script -qec "$1" /dev/null >tty.out 2>&1 </dev/null || true; }

on_tty "stickerkit convert --profile whatsapp '$A' -o a.webp"
grep -q "searching [0-9]* encodes" tty.out || { cat -v tty.out; fail "no progress line on a terminal"; }
grep -q "$(printf '\r\033\\[K')" tty.out || fail "the progress line is not erased"
on_tty "stickerkit convert -q --profile whatsapp '$A' -o b.webp"
grep -q "searching" tty.out && fail "progress with -q"
cmp a.webp b.webp || fail "progress changed the output"

expect_status 0 stickerkit convert --profile whatsapp "$A" -o c.webp
grep -q "$(printf '\r')" stderr && fail "progress written to a file"
expect_status 0 stickerkit convert -v --profile whatsapp "$A" -o d.webp
expect_grep "lossy q [0-9]*.*: [0-9]* bytes" stderr
cmp a.webp d.webp || fail "-v changed the output"

# preview draws on the same line (stickers drawn), and only on a terminal
set -- "$A" "$A" "$A" "$A" "$A" "$A" "$A" "$A"   # 8 stickers: over half a second
on_tty "stickerkit preview --target whatsapp -o pv $(printf "'%s' " "$@")"
grep -q "drawing [0-9]*/8 stickers" tty.out || { cat -v tty.out; fail "no progress line in preview"; }
expect_status 0 stickerkit preview --target whatsapp -o pv2 "$@"
grep -q "$(printf '\r')" stderr && fail "preview's progress written to a file"

# package builds first: outputs built, on the same line
. "$SRC/tests/cli/project.sh"
make_project pk '["whatsapp", "telegram"]' 1 2
on_tty "stickerkit package -C pk"
grep -q "building [0-9]*/[0-9]* outputs" tty.out || { cat -v tty.out; fail "no progress line in package"; }

# colour: validate's text report on a terminal, not in a pipe, not with NO_COLOR
on_tty "stickerkit validate --profile whatsapp '$A'"
grep -q "$(printf '\033\\[1;31m')error" tty.out || { cat -v tty.out; fail "no colour on a terminal"; }
on_tty "NO_COLOR=1 stickerkit validate --profile whatsapp '$A'"
grep -q "$(printf '\033\\[1;31m')" tty.out && fail "colour with NO_COLOR"
grep -q "error" tty.out || fail "no report with NO_COLOR"
run stickerkit validate --profile whatsapp "$A"
grep -q "$(printf '\033')" stdout && fail "colour in a pipe"
true
