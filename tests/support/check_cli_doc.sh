#!/usr/bin/env bash
# docs/CLI.md and the programs' --help say the same: every option and kioskctl command --help lists
# is in docs/CLI.md, and every one docs/CLI.md gives for this release (above its "Added in the
# second wave" part, which lists what is not built) is in --help.
# Usage: check_cli_doc.sh KIOSK KIOSKCTL DOCS_CLI_MD
set -u
kiosk=${1:?usage: check_cli_doc.sh KIOSK KIOSKCTL DOCS_CLI_MD}
kioskctl=${2:?}
doc=${3:?}
help=$("$kiosk" --help; "$kioskctl" --help) || { echo "--help failed"; exit 1; }
current=$(sed '/^## Added in the second wave/,$d' "$doc")
failed=0
options() { grep -oE -- '--[a-z][a-z-]+' | sort -u; }
commands() { grep -oE 'kioskctl [a-z][a-z-]+' | sort -u; }
while read -r o; do
  grep -qF -- "$o" <<<"$current" || { echo "$doc: expected $o, which --help lists, found it missing"; failed=1; }
done < <(options <<<"$help"; commands <<<"$help")
while read -r o; do
  grep -qF -- "$o" <<<"$help" || { echo "$doc: names $o, which neither kiosk --help nor kioskctl --help lists"; failed=1; }
done < <(options <<<"$current"; commands <<<"$current")
[ $failed = 0 ] && echo "docs/CLI.md and --help agree"
exit $failed
