# --list-profiles names every shipped profile, one a line, sorted.
export STK_PROFILE_DIR="$SRC/assets/profiles"
expect_status 0 stickerkit validate --list-profiles
for p in discord imessage kakaotalk line messenger signal telegram viber wechat whatsapp; do
	expect_grep "^$p " stdout
done
expect_grep "^viber .* low$" stdout
expect_eq "$(lines stdout)" 10 "ten profiles"
