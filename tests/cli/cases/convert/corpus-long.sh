# The 12 s corpus animation for WhatsApp: refused under the default
# duration policy, within the rules under speedup and trim: see
# tests/cli/wa-corpus.sh.
set -- "long_*"
. "$SRC/tests/cli/wa-corpus.sh"
