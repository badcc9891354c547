# Frame folders take regular files only: a FIFO used to hang info, convert
# and resize forever; a symlink to /dev/zero was read up to the 512 MiB
# input cap; a symlink to art outside the folder was taken silently.  Each
# is now refused at once, in one line naming the entry.  `timeout` is the
# hang guard.
export STK_PROFILE_DIR="$SRC/assets/profiles"
craft special fifo
craft link-zero zero
craft link-out out
for dir in fifo zero out; do
	case $dir in
	fifo) why="is a FIFO, not a regular file" ;;
	*) why="is a symbolic link" ;;
	esac
	expect_refused 3 timeout 20 stickerkit info "$dir"
	expect_grep "$dir/2.png: frame 2: $why" stderr
	expect_refused 3 timeout 20 stickerkit resize "$dir" -o "$dir.webp"
	expect_grep "$why" stderr
	expect_refused 3 timeout 20 stickerkit convert "$dir" -o "$dir.webp"
	expect_grep "$why" stderr
	[ ! -e "$dir.webp" ] || fail "$dir.webp written"
	# validate: with a FIFO or a link to a device the folder is not all
	# numbered frames, so it is a pack and the entry a finding (exit 1); a
	# link to art outside leaves a frames folder that cannot be read (exit 3)
	case $dir in out) want=3 ;; *) want=1 ;; esac
	expect_status $want timeout 20 stickerkit validate "$dir"
	expect_grep "$why" stdout
done

# A pack folder: the FIFO is one unreadable sticker (a finding, exit 1),
# the rest is checked.
mkdir pack
craft png pack/a.png 512
mkfifo pack/b.webp
expect_status 1 timeout 20 stickerkit validate -p whatsapp pack
expect_grep "pack/b.webp" stdout
expect_grep "is a FIFO, not a regular file" stdout

# A symlink named on the command line is the user's choice: followed.
craft png real.png 4
ln -s real.png named.png
expect_status 0 stickerkit info named.png
# A device named on the command line is refused without reading it.
expect_refused 3 timeout 20 stickerkit info /dev/zero
expect_grep "is a device, not a regular file" stderr
