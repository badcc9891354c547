# Only the XMP packet used (the first) is inflated: later compressed iTXt
# chunks are never touched, so 1000 packets of 8 MiB cost nothing and a
# corrupt second packet no longer makes the image unreadable.
craft itxt-corrupt corrupt.png
expect_status 0 stickerkit info --json corrupt.png
expect_eq "$(json stdout 'j["metadata"]["xmp"]')" true "xmp kept"
craft itxt many.png 20 8
expect_status 0 stickerkit info --json many.png
expect_eq "$(json stdout 'j["metadata"]["xmp"]')" true "xmp kept"
