#!/usr/bin/env bash
# The clerk's package (issue 12 item 5): builds the three .debs with CPack, checks what
# community-kiosk-admin and community-kiosk-common hold (the launcher, the .desktop entry, the icon,
# kioskctl; no unit, no kiosk binary, no /etc, no maintainer scripts), validates the desktop entry
# with desktop-file-validate, unpacks all three into one dpkg database (dpkg refuses a file that is
# in two packages: they must be co-installable) and installs admin + common with the real dpkg into
# a scratch root, where nothing under systemd may be enabled and nothing under /etc written.
# Usage: admin_check.sh SOURCE_ROOT BUILD_DIR WORK_DIR  (SOURCE_ROOT: unused, as deb_check.sh)
set -euo pipefail
build=$2 work=$3
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps desktop-file-validate; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (dpkg-dev, desktop-file-utils)"; exit 77; }
done
fail() { echo "admin_check: $*"; exit 1; }

rm -rf "$work"
mkdir -p "$work/pkg"
start=$(date +%s)
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  fail "cpack -G DEB failed"
fi
deb_of() {
  local found=("$work"/pkg/"$1"_*.deb)
  [ -f "${found[0]}" ] || fail "no $1_*.deb in $work/pkg: $(ls "$work/pkg")"
  echo "${found[0]}"
}
kiosk=$(deb_of community-kiosk)
common=$(deb_of community-kiosk-common)
admin=$(deb_of community-kiosk-admin)
echo "built $(basename -a "$kiosk" "$common" "$admin" | tr '\n' ' ')in $(( $(date +%s) - start )) s"

# The files (not directories) of a package, one path a line without the leading ".".
files_of() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./|/|' | sort; }
files_of "$admin" > "$work/admin.files"
files_of "$common" > "$work/common.files"
files_of "$kiosk" > "$work/kiosk.files"

expect_exactly() {  # NAME LISTFILE EXPECTED...
  local name=$1 list=$2
  shift 2
  printf '%s\n' "$@" | sort > "$work/expected"
  diff -u "$work/expected" "$list" > "$work/diff" || fail "$name: expected exactly these files: $(tr '\n' ' ' < "$work/expected"); differs: $(grep '^[-+]/' "$work/diff" | tr '\n' ' ')"
}
expect_exactly community-kiosk-admin "$work/admin.files" \
  /usr/bin/kiosk-admin-console \
  /usr/share/applications/community-kiosk-admin.desktop \
  /usr/share/icons/hicolor/scalable/apps/community-kiosk-admin.svg \
  /usr/share/doc/community-kiosk-admin/README.md
for f in /usr/bin/kioskctl /usr/share/kiosk/content/notices.json /usr/share/kiosk/fonts/fonts.json; do
  grep -qx "$f" "$work/common.files" || fail "community-kiosk-common: expected $f, found none"
done
# Neither the clerk's packages may make a kiosk.
for list in admin common; do
  if grep -E '^/etc/|systemd|/usr/bin/kiosk$|\.service$' "$work/$list.files"; then
    fail "community-kiosk-$list holds a kiosk file (above): it would turn a clerk's PC into a kiosk"
  fi
done
grep -qx /usr/lib/systemd/system/kiosk.service "$work/kiosk.files" || fail "community-kiosk: expected kiosk.service"
grep -qx /usr/bin/kiosk "$work/kiosk.files" || fail "community-kiosk: expected /usr/bin/kiosk"
# No file in two packages.
dup=$(sort "$work"/{admin,common,kiosk}.files | uniq -d)
[ -z "$dup" ] || fail "files in two packages (not co-installable): $dup"

# Control: no maintainer scripts in admin and common; admin depends on common, never on the kiosk.
for deb in "$admin" "$common"; do
  name=$(dpkg-deb -f "$deb" Package)
  rm -rf "$work/control" && dpkg-deb -e "$deb" "$work/control"
  scripts=$(find "$work/control" -mindepth 1 ! -name control ! -name md5sums -printf '%f ')
  [ -z "$scripts" ] || fail "$name: expected no maintainer scripts, found: $scripts"
done
depends=$(dpkg-deb -f "$admin" Depends)
version=$(dpkg-deb -f "$admin" Version)
case ", $depends," in
  *", community-kiosk-common (= $version),"*) ;;
  *) fail "community-kiosk-admin: Depends lacks community-kiosk-common (= $version): $depends" ;;
esac
case ", $depends, $(dpkg-deb -f "$admin" Recommends)," in
  *", community-kiosk "* | *", community-kiosk,"*) fail "community-kiosk-admin depends on or recommends the kiosk: $depends" ;;
esac
case ", $(dpkg-deb -f "$kiosk" Depends)," in
  *", community-kiosk-common (= $version),"*) ;;
  *) fail "community-kiosk: Depends lacks community-kiosk-common (= $version)" ;;
esac
# The fonts of the default chain, for the kiosk and for kioskctl (validate's glyph check, preview;
# the admin package has them through common): both must draw and check with the same fonts.
for deb in "$kiosk" "$common"; do
  for need in fonts-noto-cjk fonts-babelstone-han; do
    case ", $(dpkg-deb -f "$deb" Depends)," in
      *", $need,"* | *", $need "*) ;;
      *) fail "$(dpkg-deb -f "$deb" Package): Depends lacks $need: $(dpkg-deb -f "$deb" Depends)" ;;
    esac
  done
done

# The desktop entry, as packaged.
mkdir -p "$work/x"
dpkg-deb -x "$admin" "$work/x"
desktop=$work/x/usr/share/applications/community-kiosk-admin.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
grep -qx 'Name=社区公示管理' "$desktop" || fail "desktop entry: expected Name=社区公示管理"
grep -qx 'Categories=Office;' "$desktop" || fail "desktop entry: expected Categories=Office;"
grep -qx 'Exec=kiosk-admin-console' "$desktop" || fail "desktop entry: expected Exec=kiosk-admin-console"
[ -x "$work/x/usr/bin/kiosk-admin-console" ] || fail "/usr/bin/kiosk-admin-console is not executable"
sh -n "$work/x/usr/bin/kiosk-admin-console" || fail "kiosk-admin-console: sh -n fails"
if command -v shellcheck >/dev/null; then
  shellcheck -s sh "$work/x/usr/bin/kiosk-admin-console" || fail "shellcheck kiosk-admin-console"
fi

# The real dpkg on a scratch root with its own database. Dependencies outside the scratch database
# (libc, xdg-utils) are not there: --force-depends. No maintainer script runs for these two.
dpkg_root() {
  local root=$1
  shift
  dpkg --root="$root" --force-not-root --force-depends \
    --log="$work/dpkg.log" "$@"
}
new_root() {
  rm -rf "$1"
  mkdir -p "$1/var/lib/dpkg/updates" "$1/var/lib/dpkg/info" "$1/var/lib/dpkg/triggers"
  : > "$1/var/lib/dpkg/status"
  : > "$1/var/lib/dpkg/available"
}
# 1. All three unpacked together: dpkg stops on a file another package holds.
new_root "$work/all"
dpkg_root "$work/all" --unpack "$common" "$kiosk" "$admin" > "$work/unpack.log" 2>&1 ||
  fail "the three packages do not unpack together: $(grep -i 'error\|trying to overwrite' "$work/unpack.log" | head -n 3 | tr '\n' ' ')"
# 2. The clerk's PC: common + admin installed (unpacked and configured).
root=$work/clerk
new_root "$root"
dpkg_root "$root" -i "$common" "$admin" > "$work/install.log" 2>&1 ||
  fail "dpkg -i community-kiosk-common community-kiosk-admin: $(tail -n 3 "$work/install.log" | tr '\n' ' ')"
for p in community-kiosk-common community-kiosk-admin; do
  status=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' "$p")
  [ "$status" = "install ok installed" ] || fail "$p: expected installed, found: $status"
done
kstatus=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' community-kiosk 2>/dev/null || true)
[ "$kstatus" != "install ok installed" ] || fail "installing the admin package installed community-kiosk"
for f in bin/kioskctl bin/kiosk-admin-console libexec/community-kiosk/kioskctl-serve; do
  [ -x "$root/usr/$f" ] || fail "clerk root: expected /usr/$f, found none"
done
[ ! -e "$root/usr/bin/kiosk" ] || fail "clerk root: /usr/bin/kiosk installed"
[ ! -e "$root/etc" ] || fail "clerk root: files under /etc: $(find "$root/etc" | head -n 5 | tr '\n' ' ')"
units=$(find "$root" -path "$root/var/lib/dpkg" -prune -o \( -name '*.service' -o -name '*.wants' -o -path '*systemd*' \) -print)
[ -z "$units" ] || fail "clerk root: systemd files: $units"
"$root/usr/bin/kioskctl" validate "$root/usr/share/kiosk/content" > "$work/validate.log" 2>&1 ||
  fail "the packaged kioskctl does not validate the packaged content: $(head -n 1 "$work/validate.log")"
# kioskctl serve runs the console program from ../libexec/community-kiosk.
"$root/usr/bin/kioskctl" serve --help > "$work/serve.log" 2>&1 ||
  fail "the packaged kioskctl serve does not start its console program: $(head -n 1 "$work/serve.log")"
# Loaded with dlopen, so no shared-library dependency says it: kioskctl import and template need them.
for need in libzip4 libxlsxwriter4; do
  case ", $(dpkg-deb -f "$common" Depends)," in
    *", $need,"* | *", $need "*) ;;
    *) fail "community-kiosk-common: Depends lacks $need: $(dpkg-deb -f "$common" Depends)" ;;
  esac
done
echo "admin_check: $(basename "$admin") and $(basename "$common") OK (no unit, no /etc, co-installable with $(basename "$kiosk")) in $(( $(date +%s) - start )) s"
