# Shell completion from the command table: the bash script is loaded and
# asked for completions as bash asks (COMP_WORDS/COMP_CWORD); zsh and fish
# scripts are checked for syntax when those shells are installed.
export STK_PROFILE_DIR="$SRC/assets/profiles"
stickerkit --completion bash >stickerkit.bash
complete_for() { # WORDS...: prints the completions of the last word
	bash -c '. ./stickerkit.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stickerkit
		printf "%s\n" "${COMPREPLY[@]}"' -- "$@"
}
expect_eq "$(complete_for stickerkit conv)" convert "command"
complete_for stickerkit "" >out; for c in $(stickerkit --list-commands); do
	grep -qx "$c" out || fail "command $c not completed"; done
expect_eq "$(complete_for stickerkit validate --for)" --format "option"
expect_eq "$(complete_for stickerkit validate --format js)" json "choice"
expect_eq "$(complete_for stickerkit convert --duration-policy s)" speedup "choice"
expect_eq "$(complete_for stickerkit convert --profile kak)" kakaotalk "profile name"
expect_eq "$(complete_for stickerkit build --target kak)" kakaotalk "build's stores"
expect_eq "$(complete_for stickerkit package -t sig)" signal "package's stores"
complete_for stickerkit validate -p "" >out
expect_grep '^whatsapp$' out
expect_eq "$(complete_for stickerkit convert --no-c)" --no-clobber "option"
touch art-one.png
expect_eq "$(complete_for stickerkit convert art-)" art-one.png "file operand"
expect_eq "$(complete_for stickerkit convert x.png -o art-)" art-one.png "file value"
expect_eq "$(complete_for stickerkit convert --quality "")" "" "a number: no files"
# every option of every command completes
for c in $(stickerkit --list-commands); do
	complete_for stickerkit "$c" -- >out
	for o in $(cut -f1 <<EOT
$(stickerkit --list-options "$c")
EOT
	); do grep -qx -- "$o" out || fail "$c $o not completed"; done
done
stickerkit --completion zsh >_stickerkit
stickerkit --completion fish >stickerkit.fish
if command -v zsh >/dev/null; then zsh -n _stickerkit || fail "zsh script"; fi
if command -v fish >/dev/null; then fish -n stickerkit.fish || fail "fish script"; fi
grep -q '^#compdef stickerkit' _stickerkit || fail "zsh script header"
grep -q "__fish_seen_subcommand_from convert' -l profile" stickerkit.fish || fail "fish rows"
expect_status 2 stickerkit --completion tcsh
