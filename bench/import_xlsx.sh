#!/usr/bin/env bash
# Benchmark of `kioskctl import` on a generated 5,000-row .xlsx sheet; prints one JSON line.
#
# Usage: bench/import_xlsx.sh [KIOSKCTL] [RUNS]
#   KIOSKCTL  the built binary (default build/kiosk/ctl/kioskctl); this script builds nothing
#   RUNS      timed runs (default 10), after one untimed warm-up run that also checks the result
# Needs Debian's python3 with python3-openpyxl (the sheet's writer). The rows are those of
# bench/import_csv.sh (every category, a ~500-character 基本情况 in two paragraphs), written
# with shared strings as Excel would. Each run imports into a fresh copy of content/.
# Output (stdout): {"rows":5000,"xlsx_bytes":N,"mean_ms":123.4}; details go to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
kioskctl="${1:-build/kiosk/ctl/kioskctl}"
runs="${2:-10}"
rows=5000
python=/usr/bin/python3
[[ -x "$python" ]] || python=python3

if [[ ! -x "$kioskctl" ]]; then
  echo "import_xlsx.sh: expected an executable kioskctl at $kioskctl (build it first)" >&2
  exit 2
fi
kioskctl="$(cd "$(dirname "$kioskctl")" && pwd)/$(basename "$kioskctl")"
"$python" -c 'import openpyxl' 2>/dev/null || {
  echo "import_xlsx.sh: expected python3-openpyxl (apt-get install python3-openpyxl)" >&2
  exit 2
}

work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench-xlsx.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$python" - "$rows" "$work/sheet.xlsx" <<'PY'
import sys, openpyxl
rows, out = int(sys.argv[1]), sys.argv[2]
cats = ["示范街道(镇)", "模范街道(镇)", "示范居委会", "模范居委会", "和谐社区建设示范居委会"]
para = ("本居委会辖区面积约0.8平方公里,常住人口约六千人,居民区党组织健全,党小组对居民小组覆盖率100%,"
        "社区服务站、老年活动室、图书阅览室等服务设施齐全,志愿者队伍注册人数占常住人口的15%以上,")
summary = para * 4 + "\n" + para
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("申报单位")
ws.append(["类别", "名称", "负责人", "联系人", "地址", "电话", "基本情况", "申报依据"])
for i in range(rows):
    cat = cats[i % 5]
    street = cat.endswith("街道(镇)")
    ws.append([cat, f"示例单位{i}", f"负责人{i % 97}", "联系人" if street else None,
               None if street else f"示例路{i}号", f"021-5555 {1000 + i % 9000:04d}",
               summary, "1.创建工作方案;2.自查报告,附件另附"])
wb.save(out)
PY
cp -r "$repo/content" "$work/pristine"
rm -f "$work/pristine/manifest.json" "$work/pristine/manifest.sig"
bytes=$(wc -c <"$work/sheet.xlsx")
echo "import_xlsx.sh: $bytes bytes of .xlsx, $rows rows" >&2

fresh() { rm -rf "$work/dir" && cp -r "$work/pristine" "$work/dir"; }
cmd=("$kioskctl" import "$work/sheet.xlsx" --into "$work/dir" --notice demo-2026)

fresh
line="$("${cmd[@]}")"
echo "import_xlsx.sh: $line" >&2
[[ "$line" == "imported $rows applicants (xlsx, sheet 申报单位) into "* ]] || {
  echo "import_xlsx.sh: expected \"imported $rows applicants (xlsx, …)\", found \"$line\"" >&2
  exit 1
}

total_ns=0
for ((i = 0; i < runs; i++)); do
  fresh
  start="$(date +%s%N)"
  "${cmd[@]}" >/dev/null
  end="$(date +%s%N)"
  total_ns=$((total_ns + end - start))
  echo "import_xlsx.sh: run $((i + 1)): $(((end - start) / 1000000)) ms" >&2
done
mean_ms="$("$python" -c "print('%.1f' % ($total_ns / $runs / 1e6))")"
printf '{"rows":%d,"xlsx_bytes":%d,"mean_ms":%s}\n' "$rows" "$bytes" "$mean_ms"
