#!/bin/sh
# run-case.sh BINARY CASE - runs one CLI test case: a short sh script run
# with `set -eu` in a fresh temporary folder, with the built stickerkit
# first on PATH and the helpers of lib.sh loaded.  It passes when the
# script exits 0.  CORPUS points at ../shared/corpus, SRC at the source tree.
set -eu
bin=$1
case_file=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/stk-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
PATH=$(cd "$(dirname "$bin")" && pwd):$PATH
SRC=$(cd "$here/../.." && pwd)
CORPUS=${STK_CORPUS:-$SRC/../shared/corpus}
export PATH SRC CORPUS
cd "$work"
. "$here/lib.sh"
. "$case_file"
