#!/usr/bin/env bash
# The USB stick install (docs/USB.md): systemd-analyze verify of kiosk-usb-install@.service (an
# instance, with the real helper in ExecStart) and its offline exposure; 99-kiosk-usb.rules through
# the real `udevadm test` on a loop device holding a filesystem, in a private mount namespace (a
# non-USB disk is left alone; with the USB match pointed at the loop device the rule tags it for
# systemd and wants kiosk-usb-install@loopN.service); then the helper itself on real stick images:
# one without kiosk-bundle/ (nothing installed, unmounted), and one written by the real
# `kioskctl export`, installed by the real `kiosk --install-from` as an unprivileged user into a
# cache (`current` names the exported version), mounted read-only,nosuid,nodev,noexec and unmounted;
# a stick signed by a key the kiosk does not trust is refused and changes nothing.
# Usage: usb_check.sh SOURCE_ROOT KIOSK KIOSKCTL WORK_DIR
set -euo pipefail
src=$1 kiosk=$2 kioskctl=$3 work=$4
fail() { echo "usb_check: $*"; exit 1; }
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze not installed"; exit 77; }
rm -rf "$work"
mkdir -p "$work/units"

# 1. The unit, as systemd reads an instance of it.
sed "s|^ExecStart=/usr/libexec/community-kiosk/kiosk-usb-install |ExecStart=$src/systemd/kiosk-usb-install |" \
  "$src/systemd/kiosk-usb-install@.service" > "$work/units/kiosk-usb-install@.service"
grep -q "^ExecStart=$src/systemd/kiosk-usb-install /dev/%I\$" "$work/units/kiosk-usb-install@.service" ||
  fail "kiosk-usb-install@.service: expected ExecStart=/usr/libexec/community-kiosk/kiosk-usb-install /dev/%I"
out=$(systemd-analyze verify "$work/units/kiosk-usb-install@sdb1.service" 2>&1 || true)
bad=$(printf '%s\n' "$out" | grep 'kiosk-usb-install' || true)
[ -z "$bad" ] || fail "systemd-analyze verify: $bad"
exposure=$(systemd-analyze security --offline=true "$work/units/kiosk-usb-install@sdb1.service" 2>&1 |
           sed -n 's/.*Overall exposure level for kiosk-usb-install@sdb1.service: \([0-9.]*\).*/\1/p')
[ -n "$exposure" ] || fail "could not read the exposure level of kiosk-usb-install@sdb1.service"
echo "kiosk-usb-install@sdb1.service: verify clean, exposure $exposure (target <= 5.0)"
awk -v e="$exposure" 'BEGIN { exit !(e <= 5.0) }' || fail "exposure $exposure is above 5.0"
# The helper mounts with these options and nothing looser.
grep -q 'mount -o ro,nosuid,nodev,noexec ' "$src/systemd/kiosk-usb-install" ||
  fail "kiosk-usb-install: expected mount -o ro,nosuid,nodev,noexec"
# The kiosk's own unit is not loosened for the stick: no mount, no device, no capability.
for key in '^CapabilityBoundingSet=$' '^DevicePolicy=closed$' '^ProtectSystem=strict$' '^PrivateMounts=yes$'; do
  grep -q "$key" "$src/systemd/kiosk.service" || fail "kiosk.service: expected a line matching $key"
done

# The rest needs root, loop devices and a mount namespace.
[ "$(id -u)" = 0 ] || { echo "SKIP (rule and helper): needs root"; exit 77; }
for tool in udevadm losetup mkfs.ext4 unshare setpriv; do
  command -v "$tool" >/dev/null || { echo "SKIP (rule and helper): $tool is not installed"; exit 77; }
done
unshare --mount --propagation private true 2>/dev/null || { echo "SKIP: cannot create a mount namespace"; exit 77; }
loops=()
cleanup() { for l in "${loops[@]}"; do losetup -d "$l" 2>/dev/null || true; done; }
trap cleanup EXIT
# An ext4 image of DIR (mkfs.ext4 -d: no mount needed to fill it).
make_stick() {  # IMAGE DIR
  truncate -s 16M "$1"
  mkfs.ext4 -q -F -d "$2" "$1"
}
attach() {  # IMAGE: its loop device in $attached (not echoed: a subshell would lose loops+=)
  attached=$(losetup -f --show "$1") || { echo "SKIP: no loop device (losetup)"; exit 77; }
  loops+=("$attached")
}
mkdir -p "$work/empty" "$work/rules"
make_stick "$work/empty.img" "$work/empty"
attach "$work/empty.img"
loop=$attached
name=$(basename "$loop")

# 2. The rule through the real udevadm test, with only it in /etc/udev/rules.d, in a private mount
#    namespace (udevadm test writes /run/udev and /dev/disk links).
udev_test() {  # RULE_FILE -> udevadm test's output
  unshare --mount --propagation private sh -c '
    mount -t tmpfs tmpfs /etc/udev/rules.d && cp "$1" /etc/udev/rules.d/99-kiosk-usb.rules &&
    mkdir -p /run/udev && mount -t tmpfs tmpfs /run/udev &&
    mkdir -p /dev/disk && mount -t tmpfs tmpfs /dev/disk &&
    udevadm test --action=add "/sys/class/block/$2" 2>&1' sh "$1" "$name"
}
out=$(udev_test "$src/systemd/99-kiosk-usb.rules")
printf '%s\n' "$out" | grep -q 'Reading rules file: /etc/udev/rules.d/99-kiosk-usb.rules' ||
  fail "udevadm test did not read 99-kiosk-usb.rules: $(printf '%s\n' "$out" | tail -5 | tr '\n' ';')"
problems=$(printf '%s\n' "$out" | grep '99-kiosk-usb.rules:' | grep -iE 'invalid|unknown|error|ignor|fail' || true)
[ -z "$problems" ] || fail "udevadm test: $problems"
printf '%s\n' "$out" | grep -q '^ID_FS_USAGE=filesystem$' || fail "udevadm test: the loop device shows no filesystem (blkid)"
if printf '%s\n' "$out" | grep -q '^SYSTEMD_WANTS='; then
  fail "99-kiosk-usb.rules: a disk that is not on USB ($loop) got $(printf '%s\n' "$out" | grep '^SYSTEMD_WANTS=')"
fi
echo "99-kiosk-usb.rules: parsed by udevadm test; a non-USB disk starts nothing"
sed 's/ENV{ID_BUS}=="usb"/KERNEL=="loop*"/' "$src/systemd/99-kiosk-usb.rules" > "$work/rules/as-usb.rules"
grep -q 'KERNEL=="loop\*"' "$work/rules/as-usb.rules" || fail "99-kiosk-usb.rules: expected the match ENV{ID_BUS}==\"usb\""
out=$(udev_test "$work/rules/as-usb.rules")
printf '%s\n' "$out" | grep -qx "SYSTEMD_WANTS=kiosk-usb-install@$name.service" ||
  fail "99-kiosk-usb.rules (matched as USB): expected SYSTEMD_WANTS=kiosk-usb-install@$name.service, found $(printf '%s\n' "$out" | grep -E '^(SYSTEMD_WANTS|TAGS)=' | tr '\n' ' ')"
printf '%s\n' "$out" | grep -E '^TAGS=' | grep -q ':systemd:' || fail "99-kiosk-usb.rules: expected TAGS with systemd"
echo "99-kiosk-usb.rules: a USB filesystem wants kiosk-usb-install@$name.service"

# 3. The helper, in a private mount namespace as the unit gives it (PrivateMounts=yes).
user=nobody
helper() {  # DEVICE -> exit status; output in $work/helper.log
  local rc=0
  unshare --mount --propagation private env KIOSK_USB_KIOSK="$kiosk" KIOSK_USB_CONFIG="$work/kiosk.json" \
    KIOSK_USB_USER="$user" KIOSK_USB_MOUNT="$work/mnt" sh -c '
      "$1" "$2"; rc=$?
      if grep -q " $3 " /proc/mounts; then echo "STILL MOUNTED"; fi
      exit $rc' sh "$src/systemd/kiosk-usb-install" "$1" "$work/mnt" >"$work/helper.log" 2>&1 || rc=$?
  return $rc
}
chmod 755 "$work"
mkdir -p "$work/cache"
chown "$user" "$work/cache"
helper "$loop" || fail "helper on a stick without kiosk-bundle/: exit $?: $(cat "$work/helper.log")"
grep -q 'no kiosk-bundle/ on this stick' "$work/helper.log" || fail "helper: expected 'no kiosk-bundle/ on this stick', found: $(cat "$work/helper.log")"
grep -q 'STILL MOUNTED' "$work/helper.log" && fail "helper: the stick stayed mounted"
grep -q 'unmounted' "$work/helper.log" || fail "helper: expected 'unmounted', found: $(cat "$work/helper.log")"
[ ! -e "$work/cache/current" ] || fail "helper: installed something from a stick without kiosk-bundle/"
echo "helper: a stick without kiosk-bundle/ installs nothing and is unmounted"

# A signed bundle, exported by the real kioskctl.
if ! "$kiosk" --help 2>&1 | grep -q -- '--install-from'; then
  echo "SKIP (install from the stick): this kiosk has no --install-from yet"
  exit 77
fi
cp -r "$src/content" "$work/bundle"
"$kioskctl" keygen --out "$work/office" >/dev/null
"$kioskctl" sign "$work/bundle" --key "$work/office.key" --version 5 >/dev/null
mkdir -p "$work/stick"
"$kioskctl" export "$work/bundle" --to "$work/stick" >/dev/null
[ -f "$work/stick/kiosk-bundle/manifest.json" ] || fail "kioskctl export wrote no kiosk-bundle/manifest.json"
chmod -R a+rX "$work/stick"
cat > "$work/kiosk.json" <<JSON
{"content": {"trusted_keys": ["$(cat "$work/office.pub")"], "cache_dir": "$work/cache"}}
JSON
chmod 644 "$work/kiosk.json"
make_stick "$work/stick.img" "$work/stick"
attach "$work/stick.img"
stick=$attached
helper "$stick" || fail "helper on the exported stick: exit $?: $(cat "$work/helper.log")"
grep -q 'STILL MOUNTED' "$work/helper.log" && fail "helper: the stick stayed mounted"
grep -q "mounted read-only" "$work/helper.log" || fail "helper: expected 'mounted read-only', found: $(cat "$work/helper.log")"
current=$(readlink "$work/cache/current" || true)
case "$current" in
  *v5-*) ;;
  *) fail "after the stick: expected cache/current -> bundles/v5-…, found '${current}'; log: $(cat "$work/helper.log")" ;;
esac
cmp -s "$work/cache/$current/manifest.json" "$work/bundle/manifest.json" ||
  fail "the installed manifest.json differs from the exported one"
[ "$(stat -c %U "$work/cache/$current")" = "$user" ] || fail "the install ran as $(stat -c %U "$work/cache/$current"), expected $user"
echo "helper: the exported stick installed version 5 as $user; stick unmounted"
# Again: already current, exit 0.
helper "$stick" || fail "helper, the same stick again: exit $?: $(cat "$work/helper.log")"
echo "helper: the same stick again: already current, exit 0"
# A stick signed by a key the kiosk does not trust: refused, non-zero, the installed version stays.
cp -r "$src/content" "$work/other"
"$kioskctl" keygen --out "$work/stranger" >/dev/null
"$kioskctl" sign "$work/other" --key "$work/stranger.key" --version 6 >/dev/null
mkdir -p "$work/stick2"
"$kioskctl" export "$work/other" --to "$work/stick2" >/dev/null
chmod -R a+rX "$work/stick2"
make_stick "$work/stick2.img" "$work/stick2"
attach "$work/stick2.img"
stick2=$attached
if helper "$stick2"; then fail "helper: a stick signed by an untrusted key was accepted: $(cat "$work/helper.log")"; fi
grep -q 'refused' "$work/helper.log" || fail "helper: expected 'refused', found: $(cat "$work/helper.log")"
grep -q 'STILL MOUNTED' "$work/helper.log" && fail "helper: the refused stick stayed mounted"
case "$(readlink "$work/cache/current")" in
  *v5-*) ;;
  *) fail "after the untrusted stick: expected version 5 still installed, found $(readlink "$work/cache/current")" ;;
esac
echo "helper: a stick signed by an untrusted key is refused; version 5 stays"
