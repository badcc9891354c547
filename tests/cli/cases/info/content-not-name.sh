# The format comes from the bytes: a PNG named .gif is a PNG.
expect_status 0 stickerkit info --json "$CORPUS/broken/png_content_named.gif"
cp stdout p.json
expect_eq "$(json p.json 'j["format"]')" png format
expect_eq "$(json p.json 'j["width"]')" 400 width
