# The 96 MiB TGS gzip bomb is refused at once (the inflated size is capped),
# and .tgs files pick the telegram profile by themselves.
export STK_PROFILE_DIR="$SRC/assets/profiles"
start=$(date +%s%N)
expect_status 3 stickerkit validate "$CORPUS/broken/tgs_gzip_bomb_96MiB.tgs"
end=$(date +%s%N)
expect_grep "using the telegram profile" stderr
expect_grep "input.unreadable" stdout
ms=$(( (end - start) / 1000000 ))
limit=1000
[ -z "${STK_SLOW_BUILD:-}" ] || limit=5000
[ "$ms" -lt "$limit" ] || fail "took $ms ms"
