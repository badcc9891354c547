# Every animated hamster in the corpus (APNG, GIF, WebP, a folder of
# frames) for WhatsApp: see tests/cli/wa-corpus.sh.
set -- "bounce_*" "frames_*"
. "$SRC/tests/cli/wa-corpus.sh"
