#!/usr/bin/env bash
# The take-home pages in Debian's Chromium (ctest site.e2e_chromium): `kioskctl site` for the
# default bundle (content/) and a 300-applicant bundle (bench/make_bundle.py), every page checked
# by `tidy -errors -q`, then site.e2e.mjs (playwright-core, the console e2e's package-lock.json)
# opens every page at 390×844 and 1920×1080: no horizontal scroll, no request leaving the site,
# every link to a page that exists; screenshots of each kind of page into OUT_DIR/screenshots/.
# Exit 77 (skipped) when chromium, node/npm, tidy or python3 is missing.
#   run.sh SOURCE_ROOT KIOSKCTL OUT_DIR
set -euo pipefail

src=$1 kioskctl=$2 out=$3
here="$src/tests/admin/site_e2e"
pkg="$src/tests/console/e2e"  # the same pinned playwright-core as the console's test
chromium=${CHROMIUM:-/usr/bin/chromium}

skip() { echo "site e2e: skipped: $*" >&2; exit 77; }
[ -x "$chromium" ] || skip "no $chromium (Debian package chromium)"
command -v node >/dev/null || skip "no node (Debian package nodejs)"
command -v npm >/dev/null || skip "no npm"
command -v tidy >/dev/null || skip "no tidy (Debian package tidy)"
command -v python3 >/dev/null || skip "no python3"

mkdir -p "$out/e2e"
if ! cmp -s "$pkg/package-lock.json" "$out/e2e/package-lock.json" || [ ! -d "$out/e2e/node_modules/playwright-core" ]; then
  cp "$pkg/package.json" "$pkg/package-lock.json" "$out/e2e/"
  (cd "$out/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp "$here/site.e2e.mjs" "$out/e2e/"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$src/bench/make_bundle.py" "$tmp/b300" 300 >/dev/null
for name in default b300; do
  dir=$([ $name = default ] && echo "$src/content" || echo "$tmp/b300")
  "$kioskctl" site "$dir" --out "$out/site-$name" --at 2026-12-01
  bad=0
  while IFS= read -r -d '' page; do
    if ! said=$(tidy -errors -q "$page" 2>&1) || [ -n "$said" ]; then
      echo "site e2e: tidy: $page: $said" >&2
      bad=1
    fi
  done < <(find "$out/site-$name/site" -name '*.html' -print0)
  [ $bad = 0 ] || exit 1
  echo "site e2e: $name: $(find "$out/site-$name/site" -type f | wc -l) files, $(du -sb "$out/site-$name/site" | cut -f1) bytes, tidy clean"
done

rm -rf "$out/screenshots"
SITES="$out/site-default/site:$out/site-b300/site" SHOTS="$out/screenshots" CHROMIUM="$chromium" \
  node "$out/e2e/site.e2e.mjs"
