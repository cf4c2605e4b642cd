#!/usr/bin/env bash
# Builds the .debs with CPack from the build tree, unpacks the kiosk's (community-kiosk) and the
# one it depends on (community-kiosk-common: kioskctl, content, fonts) into a scratch root, checks
# the kiosk package's control archive (conffiles, maintainer scripts, Depends) and the layout, and
# runs the unpacked kiosk from its own paths: --check-config on the packaged /etc/kiosk/kiosk.json and --screenshot
# with the packaged default content. The binary must find fonts/fonts.json beside itself
# (BIN/../share/kiosk), not in the source tree or the build machine's /usr.
# Usage: deb_check.sh SOURCE_ROOT BUILD_DIR WORK_DIR
set -euo pipefail
src=$1 build=$2 work=$3
for tool in cpack dpkg-deb dpkg-shlibdeps file; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (dpkg-dev, file)"; exit 77; }
done
fail() { echo "deb_check: $*"; exit 1; }

rm -rf "$work"
mkdir -p "$work/pkg" "$work/root" "$work/control"
start=$(date +%s)
# CPack first builds what is out of date (nothing, after the build ctest runs on).
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  fail "cpack -G DEB failed"
fi
debs=("$work"/pkg/community-kiosk_*.deb)
[ -f "${debs[0]}" ] || fail "no community-kiosk_*.deb in $work/pkg"
deb=${debs[0]}
commons=("$work"/pkg/community-kiosk-common_*.deb)
[ -f "${commons[0]}" ] || fail "no community-kiosk-common_*.deb in $work/pkg"
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - start )) s"

dpkg-deb -x "$deb" "$work/root"
dpkg-deb -x "${commons[0]}" "$work/root"
dpkg-deb -e "$deb" "$work/control"

# Control archive: the conffile, the maintainer scripts (executable), the dependencies.
grep -qx '/etc/kiosk/kiosk.json' "$work/control/conffiles" || fail "conffiles: expected /etc/kiosk/kiosk.json, found: $(cat "$work/control/conffiles")"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "control: expected an executable $script, found none"
  cmp -s "$work/control/$script" "$src/systemd/deb/$script" || fail "control/$script differs from systemd/deb/$script"
done
depends=$(sed -n 's/^Depends: //p' "$work/control/control")
for need in community-kiosk-common fonts-noto-cjk fonts-babelstone-han adduser libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libcurl4 libsodium23 libsystemd0 libisal2 libegl1; do
  case ", $depends," in
    *", $need"[\ ,]*) ;;
    *) fail "control: Depends lacks $need: $depends" ;;
  esac
done
grep -q '^Package: community-kiosk$' "$work/control/control" || fail "control: expected Package: community-kiosk"

# Layout.
for f in usr/bin/kiosk usr/bin/kioskctl etc/kiosk/kiosk.json usr/lib/systemd/system/kiosk.service \
         usr/share/kiosk/content/notices.json usr/share/kiosk/content/document.json usr/share/kiosk/content/hotlines.json \
         usr/share/kiosk/fonts/fonts.json usr/share/doc/community-kiosk/README.md \
         usr/share/doc/community-kiosk/kiosk.json.md usr/share/doc/community-kiosk/systemd.md \
         usr/share/doc/community-kiosk/kiosk-x11.conf usr/share/doc/community-kiosk/USB.md \
         usr/lib/systemd/system/kiosk-usb-install@.service usr/lib/udev/rules.d/99-kiosk-usb.rules \
         usr/libexec/community-kiosk/kiosk-usb-install usr/libexec/community-kiosk/kioskctl-serve; do
  [ -e "$work/root/$f" ] || fail "package: expected /$f, found none"
done
others=$(cd "$work/root" && find . -mindepth 1 -maxdepth 1 ! -name usr ! -name etc)
[ -z "$others" ] || fail "package: files outside /usr and /etc: $others"
file "$work/root/usr/bin/kiosk" | grep -q 'stripped' || true
if file "$work/root/usr/bin/kiosk" | grep -q 'not stripped'; then fail "/usr/bin/kiosk is not stripped"; fi

# Maintainer scripts: POSIX sh, shellcheck-clean when shellcheck is there.
for script in postinst prerm postrm; do
  sh -n "$work/control/$script" || fail "$script: sh -n fails"
done
if command -v shellcheck >/dev/null; then
  shellcheck -s sh "$work/control/postinst" "$work/control/prerm" "$work/control/postrm" || fail "shellcheck"
fi

# Run the unpacked binaries from their own paths, with the packaged config and content.
root=$work/root
out=$("$root/usr/bin/kiosk" --check-config --config "$root/etc/kiosk/kiosk.json" 2>&1) ||
  fail "kiosk --check-config: $out"
echo "$out" | grep -qx "config: $root/etc/kiosk/kiosk.json (valid)" || fail "kiosk --check-config: $out"
echo "$out" | grep -qx "font sizes: $root/usr/share/kiosk/fonts/fonts.json" ||
  fail "kiosk --check-config does not use the packaged fonts.json: $(echo "$out" | grep 'font sizes')"
"$root/usr/bin/kiosk" --screenshot "$work/home.png" --screen home --config "$root/etc/kiosk/kiosk.json" \
  --at 2026-11-25 || fail "kiosk --screenshot --screen home failed"
file "$work/home.png" | grep -q 'PNG image data, 1920 x 1080' || fail "home.png: $(file "$work/home.png")"
"$root/usr/bin/kiosk" --screenshot "$work/notices.png" --screen notices --content "$root/usr/share/kiosk/content" \
  --config "$root/etc/kiosk/kiosk.json" --at 2026-11-25 || fail "kiosk --screenshot with the packaged content failed"
file "$work/notices.png" | grep -q 'PNG image data' || fail "notices.png: $(file "$work/notices.png")"
"$root/usr/bin/kioskctl" validate "$root/usr/share/kiosk/content" || fail "kioskctl validate of the packaged content"
echo "deb_check: $(basename "$deb") OK in $(( $(date +%s) - start )) s"
