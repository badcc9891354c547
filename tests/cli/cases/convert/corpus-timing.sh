# The corpus animations with odd timing or detail (5 and 10 ms delays,
# varying delays, high detail) for WhatsApp: see tests/cli/wa-corpus.sh.
set -- "short_*" "varying_*" "high_*"
. "$SRC/tests/cli/wa-corpus.sh"
