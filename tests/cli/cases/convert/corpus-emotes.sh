# Every animated GIF/WebP emote in the corpus (tiny pixel art scaled up
# 10-28x) for WhatsApp: see tests/cli/wa-corpus.sh.
set -- "emote_*"
. "$SRC/tests/cli/wa-corpus.sh"
