# Text output names the file and the facts people look for.
expect_status 0 stickerkit info "$CORPUS/animated/short_delay_10ms_bat_512.gif"
expect_grep "format: *gif" stdout
expect_grep "size: *512x512" stdout
expect_grep "frames: *20" stdout
expect_grep "duration: *200 ms (plays as 2000 ms" stdout
expect_grep "loop: *forever" stdout
