#!/usr/bin/env bash
# What the tools write at run time stays out of `git status`: the inputs libFuzzer adds to a seed
# folder (named by their SHA-1), its crash files, the build and fuzz folders; the committed fuzz
# seeds are not ignored. Exit 77 (ctest: Skipped) outside a git work tree or without git.
# Usage: check_ignored.sh SOURCE_ROOT
set -u
root=${1:?usage: check_ignored.sh SOURCE_ROOT}
command -v git >/dev/null || { echo "git is not installed"; exit 77; }
git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "$root is not a git work tree"; exit 77; }
sha=0123456789abcdef0123456789abcdef01234567
failed=0
for path in "tests/fuzz/content/$sha" "tests/fuzz/csv/$sha" "crash-$sha" "tests/fuzz/leak-$sha" \
            "timeout-$sha" "oom-$sha" "slow-unit-$sha" build/x build-fuzz/corpus/content/x build-fuzz.log; do
  if ! git -C "$root" check-ignore -q --no-index "$path"; then
    echo ".gitignore: expected $path to be ignored, found it would show in git status"
    failed=1
  fi
done
for seed in "$root"/tests/fuzz/*/*; do
  [ -f "$seed" ] || continue
  rel=${seed#"$root"/}
  if git -C "$root" check-ignore -q --no-index "$rel"; then
    echo ".gitignore: expected the seed $rel to be kept, found it ignored"
    failed=1
  fi
done
[ $failed = 0 ] && echo "run-time files are ignored, seeds are kept"
exit $failed
