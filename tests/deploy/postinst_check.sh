#!/usr/bin/env bash
# Runs the package's real postinst (a first install, then an upgrade) as root in a private mount
# namespace over copies of /etc, /var/cache, /var/lib/systemd and systemd's unit directory, so
# nothing on this machine changes: on a system without the render and input groups it must
# succeed, put the kiosk user in video only, give it /var/cache/kiosk and enable kiosk.service; with
# all three groups it puts the user in all three; an upgrade keeps an administrator's `systemctl
# disable` (deb-systemd-helper does not re-create a link the admin removed). The unit names no groups
# (SupplementaryGroups= with a missing group stops every start); these memberships are how the
# kiosk reaches the devices.
# Usage: postinst_check.sh SOURCE_ROOT
set -euo pipefail
src=$1
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (runs the postinst in a private mount namespace)"; exit 77; }
for tool in unshare mount adduser getent; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
unshare --mount --propagation private true 2>/dev/null || { echo "SKIP: cannot create a mount namespace"; exit 77; }
sysunits=
for d in /usr/lib/systemd/system /lib/systemd/system; do
  if [ -d "$d" ]; then sysunits=$d; break; fi
done
if [ -z "$sysunits" ] || [ ! -d /var/lib/systemd ]; then
  echo "SKIP: no systemd unit directory or /var/lib/systemd"; exit 77
fi
fail() { echo "postinst_check: $*"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
host_before=$(cat /etc/passwd /etc/group)

# One scenario: GROUPS is the device groups the system has. Prints what the namespace saw.
run() {
  local name=$1 have=$2 disable=${3:-no} dir=$tmp/$1
  mkdir -p "$dir/cache" "$dir/lib-systemd" "$dir/run-systemd"
  cp -a /etc "$dir/etc"
  cp -a "$sysunits" "$dir/units"
  cp "$src/systemd/kiosk.service" "$dir/units/kiosk.service"
  # The copy of /etc: no kiosk user yet; exactly the device groups of the scenario.
  for f in passwd shadow group gshadow; do
    [ -f "$dir/etc/$f" ] && sed -i -E '/^(kiosk|video|render|input):/d' "$dir/etc/$f"
  done
  local gid=44
  for g in $have; do
    echo "$g:x:$gid:" >> "$dir/etc/group"
    [ -f "$dir/etc/gshadow" ] && echo "$g:!::" >> "$dir/etc/gshadow"
    gid=$((gid + 100))
  done
  # /run/systemd hidden: the postinst then neither reloads nor restarts this machine's systemd.
  # shellcheck disable=SC2016 # the script expands its own arguments inside the namespace
  unshare --mount --propagation private bash -euo pipefail -c '
    dir=$1 src=$2 units=$3 disable=$4
    mount --bind "$dir/etc" /etc
    mount --bind "$dir/cache" /var/cache
    mount --bind "$dir/lib-systemd" /var/lib/systemd
    mount --bind "$dir/units" "$units"
    if [ -d /run/systemd ]; then mount --bind "$dir/run-systemd" /run/systemd; fi
    export DPKG_MAINTSCRIPT_PACKAGE=community-kiosk DPKG_MAINTSCRIPT_NAME=postinst
    sh "$src/systemd/deb/postinst" configure || { echo "first install: postinst exited $?"; exit 1; }
    # What `systemctl disable kiosk` leaves: the wants link gone. An upgrade must keep it so.
    if [ "$disable" = yes ]; then rm -f /etc/systemd/system/multi-user.target.wants/kiosk.service; fi
    sh "$src/systemd/deb/postinst" configure 0.1.0 || { echo "upgrade: postinst exited $?"; exit 1; }
    echo "user=$(getent passwd kiosk | cut -d: -f1)"
    echo "groups=$(id -nG kiosk | tr " " "\n" | grep -xE "video|render|input" | sort | tr "\n" " ")"
    echo "cache=$(stat -c "%U %a" /var/cache/kiosk)"
    echo "enabled=$(test -L /etc/systemd/system/multi-user.target.wants/kiosk.service && echo yes || echo no)"
  ' run "$dir" "$src" "$sysunits" "$disable" > "$dir/seen" 2>&1 || fail "$name: $(tr '\n' ' ' < "$dir/seen")"
  cat "$dir/seen"
}

seen=$(run missing "video")
echo "$seen" | grep -qx 'user=kiosk' || fail "without render and input: no kiosk user: $seen"
echo "$seen" | grep -qx 'groups=video ' || fail "without render and input: expected the kiosk user in video, found: $(echo "$seen" | grep groups=)"
echo "$seen" | grep -qx 'cache=kiosk 750' || fail "without render and input: /var/cache/kiosk: $(echo "$seen" | grep cache=)"
# The postinst enables the unit through deb-systemd-helper (init-system-helpers, on every Debian).
if command -v deb-systemd-helper >/dev/null; then
  echo "$seen" | grep -qx 'enabled=yes' || fail "without render and input: kiosk.service not enabled under multi-user.target"
fi
echo "postinst without render and input: kiosk user in video, cache 0750, unit enabled"

seen=$(run all "video render input")
echo "$seen" | grep -qx 'groups=input render video ' || fail "with all three groups: expected the kiosk user in input, render, video, found: $(echo "$seen" | grep groups=)"
echo "postinst with video, render, input: kiosk user in all three"

if command -v deb-systemd-helper >/dev/null; then
  seen=$(run disabled "video" yes)
  echo "$seen" | grep -qx 'enabled=no' || fail "an administrator's systemctl disable was undone by the upgrade"
  echo "postinst upgrade keeps an administrator's systemctl disable"
fi

[ "$(cat /etc/passwd /etc/group)" = "$host_before" ] || fail "this machine's /etc/passwd or /etc/group changed"
