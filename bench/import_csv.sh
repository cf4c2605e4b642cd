#!/usr/bin/env bash
# Benchmark of `kioskctl import-csv` on a generated 5,000-row GBK sheet; prints one JSON line.
#
# Usage: bench/import_csv.sh [KIOSKCTL] [RUNS]
#   KIOSKCTL  the built binary (default build/kiosk/ctl/kioskctl); this script builds nothing
#   RUNS      timed runs (default 10), after one untimed warm-up run that also checks the result
# Needs python3 and iconv; uses hyperfine when it is installed, else bash timing.
# Each run imports into a fresh copy of the repository's content/ bundle, so every run writes.
# Output (stdout): {"rows":5000,"encoding":"GB18030","mean_ms":123.4}; details go to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
kioskctl="${1:-build/kiosk/ctl/kioskctl}"
runs="${2:-10}"
rows=5000

if [[ ! -x "$kioskctl" ]]; then
  echo "import_csv.sh: expected an executable kioskctl at $kioskctl (build it first)" >&2
  exit 2
fi
kioskctl="$(cd "$(dirname "$kioskctl")" && pwd)/$(basename "$kioskctl")"
for tool in python3 iconv; do
  command -v "$tool" >/dev/null || { echo "import_csv.sh: expected $tool on PATH" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench-csv.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The sheet: every category, a long 基本情况 (about 500 characters, two paragraphs), CRLF rows;
# notices.json comes to about 8 MiB, half the 16 MiB a content file may have.
python3 - "$rows" >"$work/sheet-utf8.csv" <<'PY'
import sys
rows = int(sys.argv[1])
cats = ["示范街道(镇)", "模范街道(镇)", "示范居委会", "模范居委会", "和谐社区建设示范居委会"]
para = ("本居委会辖区面积约0.8平方公里,常住人口约六千人,居民区党组织健全,党小组对居民小组覆盖率100%,"
        "社区服务站、老年活动室、图书阅览室等服务设施齐全,志愿者队伍注册人数占常住人口的15%以上,")
summary = para * 4 + "\n" + para
out = ["类别,名称,负责人,联系人,地址,电话,基本情况,申报依据"]
for i in range(rows):
    cat = cats[i % 5]
    street = cat.endswith("街道(镇)")
    out.append(",".join([
        cat, f"示例单位{i}", f"负责人{i % 97}", "联系人" if street else "",
        "" if street else f"示例路{i}号", f"021-5555 {1000 + i % 9000:04d}",
        '"' + summary + '"', '"1.创建工作方案;2.自查报告,附件另附"']))
sys.stdout.write("\r\n".join(out) + "\r\n")
PY
iconv -f UTF-8 -t GBK "$work/sheet-utf8.csv" >"$work/sheet.csv"
cp -r "$repo/content" "$work/pristine"
rm -f "$work/pristine/manifest.json" "$work/pristine/manifest.sig"
echo "import_csv.sh: $(wc -c <"$work/sheet.csv") bytes of GBK CSV, $rows rows" >&2

fresh() { rm -rf "$work/dir" && cp -r "$work/pristine" "$work/dir"; }
cmd=("$kioskctl" import-csv "$work/sheet.csv" --into "$work/dir" --notice demo-2026)

# Warm-up and check: the import must succeed and say what it read.
fresh
line="$("${cmd[@]}")"
echo "import_csv.sh: $line" >&2
[[ "$line" == "imported $rows applicants (GB18030) into "* ]] || {
  echo "import_csv.sh: expected \"imported $rows applicants (GB18030) …\", found \"$line\"" >&2
  exit 1
}
encoding="$(sed -E 's/^imported [0-9]+ applicants \(([^)]*)\).*/\1/' <<<"$line")"

if command -v hyperfine >/dev/null; then
  q() { printf '%q ' "$@"; }
  hyperfine --style basic --runs "$runs" --export-json "$work/hf.json" \
    --prepare "rm -rf $(q "$work/dir") && cp -r $(q "$work/pristine") $(q "$work/dir")" \
    "$(q "${cmd[@]}")" >&2
  mean_ms="$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$work/hf.json")"
else
  total_ns=0
  for ((i = 0; i < runs; i++)); do
    fresh
    start="$(date +%s%N)"
    "${cmd[@]}" >/dev/null
    end="$(date +%s%N)"
    total_ns=$((total_ns + end - start))
    echo "import_csv.sh: run $((i + 1)): $(((end - start) / 1000000)) ms" >&2
  done
  mean_ms="$(python3 -c "print('%.1f' % ($total_ns / $runs / 1e6))")"
fi

printf '{"rows":%d,"encoding":"%s","mean_ms":%s}\n' "$rows" "$encoding" "$mean_ms"
