# Lottie JSON and TGS are rendered with rlottie: op - ip frames at fr fps,
# at the animation's own size, timed without drift; partial alpha kept.
lottie anim.json 64 48 30 0 45
gzip -c anim.json >anim.tgs
for f in anim.json anim.tgs; do
	expect_status 0 stickerkit info --json "$f"
	cp stdout i.json
	expect_eq "$(json i.json 'j["width"]')x$(json i.json 'j["height"]')" 64x48 "$f size"
	expect_eq "$(json i.json 'j["frames"]')" 45 "$f frames"
	expect_eq "$(json i.json 'j["duration_ms"]')" 1500 "$f duration"
	expect_eq "$(json i.json 'sorted(set(j["frame_durations_ms"]))')" "[33, 34]" "$f timing"
	expect_eq "$(json i.json 'j["alpha"]')" partial "$f alpha"
	expect_eq "$(json i.json 'j["motion"]["codec"]')" lottie "$f codec"
	expect_eq "$(json i.json 'j["motion"]["fps"]')" 30.0 "$f fps"
done
expect_eq "$(json i.json 'j["format"]')" tgs "gzip is TGS"
# an in point other than 0: still op - ip frames
lottie late.json 32 32 25 10 35
expect_status 0 stickerkit info --json late.json
cp stdout l.json
expect_eq "$(json l.json 'j["frames"]')" 25 "ip 10 to op 35"
expect_eq "$(json l.json 'j["duration_ms"]')" 1000 "25 frames at 25 fps"
# what rlottie or the header check refuses is one line, exit 3
printf '{"v":"5","fr":30,"ip":0,"op":10,"w":10,"h":10,"layers":[{"ty":4,"ks":5}]}' >odd.json
printf '{"v":"5","fr":30,"ip":0,"op":10,"w":10}' >nosize.json
printf '{"v":"5","fr":30,"ip":0,"op":10,"w":20000,"h":20000,"layers":[]}' >huge.json
printf '{"v":"5","fr":1000,"ip":0,"op":900000,"w":512,"h":512,"layers":[]}' >long.json
for f in odd.json nosize.json huge.json long.json; do
	expect_status 3 stickerkit info "$f"
	expect_eq "$(lines stderr)" 1 "$f: one line"
	expect_grep "$f" stderr
done
expect_grep "frames" stderr
