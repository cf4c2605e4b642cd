#!/usr/bin/env bash
# Every file path a doc names must exist: in each .md of the source tree (and the header comments of
# kiosk/**/*.hpp), a `quoted` or linked path like kiosk/content/parse.cpp, ../config/README.md or
# ui/reducer.hpp is looked up beside the doc, at the root and under kiosk/. Paths of the installed
# system (/etc/…), build outputs (build/…), URLs, patterns (*, <…>, {…}, …) and placeholders
# (FILE.md, PREFIX.key) are not checked; a path into shared/spec (the specifications outside this
# repository; docs/ holds the project's copies) always fails.
# Usage: check_doc_paths.sh SOURCE_ROOT   (exit 0: all found; 1: one line per missing path)
# shellcheck disable=SC2016  # the backticks in single quotes are Markdown's, not the shell's
set -u
root=${1:?usage: check_doc_paths.sh SOURCE_ROOT}
cd "$root" || exit 1
missing=0
checked=0
# A path: no spaces, has a "/" or a file extension, made of path characters only.
path_re='^[A-Za-z0-9_.][A-Za-z0-9_./+-]*$'

check() {  # check DOC TOKEN
  local doc=$1 tok=$2 dir first base
  tok=${tok%%#*}           # a link's anchor
  tok=${tok%%:*}           # FILE:LINE or FILE: WHERE
  tok=${tok%/}             # a directory
  [ -z "$tok" ] && return
  [[ $tok =~ $path_re ]] || return
  case $tok in
    build/*|build-*|out/*|*...*) return ;;
  esac
  dir=$(dirname "$doc")
  if [[ $tok == */* ]]; then
    # A path is checked when it starts like one of the tree's (../, ./, or a folder that exists
    # beside the doc, at the root, under kiosk/ or tests/); `root/N.json` or `127.0.0.0/8` are not.
    first=${tok%%/*}
    if [[ $first != . && $first != .. && $tok != *shared/spec* ]]; then
      local known=0
      for base in "$dir" . kiosk tests; do
        [ -d "$base/$first" ] && known=1
      done
      [ $known = 1 ] || return
    fi
  else
    # A bare name is checked when it names a source file or a doc; data files a bundle or the
    # system holds (manifest.json, kiosk.json, state.json) are not the tree's.
    [[ $tok =~ \.(md|cpp|hpp|h|sh|cmake)$ && $tok != .* ]] || return
  fi
  # Placeholders in usage lines: FILE.md, docs/NAME.md, PREFIX.key.
  local stem=${tok##*/}
  stem=${stem%%.*}
  case $stem in FILE|NAME|PREFIX|DIR|OUTDIR|ID|N) return ;; esac
  checked=$((checked + 1))
  for base in "$dir" . kiosk tests; do
    [ -e "$base/$tok" ] && return
  done
  # A bare file name may sit anywhere in the tree, e.g. `golden.hpp` in a suite's notes.
  if [[ $tok != */* && -n ${names[$tok]+x} ]]; then
    return
  fi
  echo "$doc: names \`$tok\`, which does not exist in the project (looked beside the doc, at the root, under kiosk/ and tests/)"
  missing=$((missing + 1))
}

# Every file name in the tree, once.
declare -A names
while IFS= read -r f; do
  names[${f##*/}]=1
done < <(find . \( -path ./.git -o -path './build*' \) -prune -o -type f -print)

docs=$(find . \( -path ./.git -o -path './build*' -o -path ./out \) -prune -o \( -name '*.md' -print \) | sort)
headers=$(find kiosk -name '*.hpp' | sort)
for doc in $docs $headers; do
  doc=${doc#./}
  if [[ $doc == *.md ]]; then
    text=$(cat "$doc")
  else
    text=$(grep -E '^[[:space:]]*//' "$doc")  # only the comments of a header
  fi
  # `inline code` and [text](link) targets.
  while IFS= read -r tok; do
    check "$doc" "$tok"
  done < <(printf '%s\n' "$text" | grep -oE '`[^`]+`' | tr -d '`' | tr ' ' '\n'
           printf '%s\n' "$text" | grep -oE '\]\([^)]+\)' | sed -E 's/^\]\(//; s/\)$//' | grep -v '://')
done
if [ "$missing" -gt 0 ]; then
  echo "$missing of $checked named paths do not exist"
  exit 1
fi
echo "all $checked named paths exist"
