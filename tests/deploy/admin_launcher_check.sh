#!/usr/bin/env bash
# The desktop launcher kiosk-admin-console (desktop/README.md) against the real `kioskctl serve`,
# laid out as the packages install it (BIN/kiosk-admin-console beside BIN/kioskctl, the console
# program kioskctl serve runs in BIN/../libexec/community-kiosk, the default content in
# BIN/../share/kiosk), in a scratch HOME, with a recording xdg-open first on PATH (a real
# script: it appends its argument to a file). Checks: the first run writes the settings file and
# makes the working copy from the default content; a busy port makes it take the next; the browser
# is opened on the console's own `console:` address, which answers; the settings' key and publish
# URL reach the console; a second start opens the browser on the same console and starts no other;
# $BROWSER wins over xdg-open; --stop stops it and the next start works again.
# Skipped (77) while kioskctl has no serve command (it is built on branch i12/serve).
# Usage: admin_launcher_check.sh SOURCE_ROOT KIOSKCTL WORK_DIR
set -euo pipefail
src=$1 kioskctl=$2 work=$3
if ! "$kioskctl" serve --help >/dev/null 2>&1; then
  echo "SKIP: kioskctl serve --help fails: this kioskctl has no console yet (kioskctl serve, issue 12)"
  exit 77
fi
for tool in flock curl python3 timeout; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
fail() { echo "admin_launcher_check: $*"; exit 1; }

rm -rf "$work"
bin=$work/root/usr/bin
mkdir -p "$bin" "$work/root/usr/share/kiosk" "$work/root/usr/libexec/community-kiosk" "$work/fakebin" \
  "$work/home" "$work/run" "$work/keys"
cp "$src/desktop/kiosk-admin-console" "$kioskctl" "$bin/"
cp "$(dirname "$kioskctl")/kioskctl-serve" "$work/root/usr/libexec/community-kiosk/"
cp -r "$src/content" "$src/fonts" "$work/root/usr/share/kiosk/"
cat > "$work/fakebin/xdg-open" <<'EOF'
#!/bin/sh
# Records what the launcher asked the desktop to open, instead of opening a browser.
echo "$1" >> "$RECORD_DIR/xdg-open.log"
EOF
cat > "$work/fakebin/browser" <<'EOF'
#!/bin/sh
# A $BROWSER that records its argument.
echo "$1" >> "$RECORD_DIR/browser.log"
EOF
chmod +x "$work/fakebin/xdg-open" "$work/fakebin/browser"

# The launcher as the desktop starts it: no terminal, no DISPLAY (so no notification), a clean
# environment but for what a session has.
launch() {
  env -i HOME="$work/home" XDG_RUNTIME_DIR="$work/run" PATH="$work/fakebin:/usr/bin:/bin" \
    LANG=C.UTF-8 RECORD_DIR="$work" ${BROWSER_FOR_TEST:+BROWSER="$BROWSER_FOR_TEST"} \
    timeout 60 "$bin/kiosk-admin-console" "$@"
}
run_dir=$work/run/community-kiosk-admin
listener=
cleanup() {
  launch --stop >/dev/null 2>&1 || true
  if [ -n "$listener" ]; then kill "$listener" 2>/dev/null || true; fi
}
trap cleanup EXIT

# 1. First run: the settings file with its defaults (--stop writes it too, and starts nothing).
out=$(launch --stop 2>&1) || fail "kiosk-admin-console --stop on a fresh account: $out"
conf=$work/home/.config/community-kiosk-admin/console.conf
[ -f "$conf" ] || fail "expected $conf after the first run, found none"
for line in 'dir=~/社区公示' 'key=' 'to=' 'port=8080'; do
  grep -qxF "$line" "$conf" || fail "$conf: expected the line $line"
done
[ ! -e "$work/home/社区公示" ] || fail "--stop made the working copy"

# 2. A busy first port, a key and a publish URL in the settings.
"$kioskctl" keygen --out "$work/keys/office" >/dev/null || fail "kioskctl keygen"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1); time.sleep(300)' "$port" &
listener=$!
for _ in $(seq 50); do
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null && break
  sleep 0.1
done
sed -i -e "s|^port=.*|port=$port|" -e "s|^key=.*|key=$work/keys/office.key|" \
  -e "s|^to=.*|to=http://127.0.0.1:9/kiosk/|" "$conf"
out=$(launch 2>&1) || fail "first start: $out"
next=$((port + 1))
url="http://127.0.0.1:$next/"
[ "$(cat "$work/xdg-open.log" 2>/dev/null)" = "$url" ] ||
  fail "first start: expected xdg-open $url (port $port busy), found: $(cat "$work/xdg-open.log" 2>/dev/null) ($out)"
for f in notices.json document.json hotlines.json; do
  cmp -s "$work/home/社区公示/$f" "$src/content/$f" || fail "working copy: expected ~/社区公示/$f from the default content"
done
code=$(curl -s -o "$work/index.html" -w '%{http_code}' "$url") || true
[ "$code" = 200 ] || fail "GET $url: expected 200, found $code"
curl -s "${url}api/bundle" -o "$work/bundle.json" || fail "GET ${url}api/bundle failed"
python3 - "$work/bundle.json" "$work/keys/office.key" "$work/home/社区公示" <<'EOF' || fail "GET /api/bundle: $(head -c 300 "$work/bundle.json")"
import json, os, sys
b = json.load(open(sys.argv[1]))
assert b.get("publish_to") == "http://127.0.0.1:9/kiosk/", ("publish_to", b.get("publish_to"))
assert (b.get("key") or {}).get("path") == sys.argv[2], ("key", b.get("key"))
assert os.path.realpath(b.get("dir", "")) == os.path.realpath(sys.argv[3]), ("dir", b.get("dir"))
EOF
pid=$(cat "$run_dir/pid")
kill -0 "$pid" || fail "the console (pid $pid) is not running after the launcher returned"
echo "first start: $url (port $port was busy), working copy made, key and publish URL passed"

# 3. A second start: the browser on the same console, no second kioskctl serve.
out=$(launch 2>&1) || fail "second start: $out"
[ "$(sed -n 2p "$work/xdg-open.log")" = "$url" ] || fail "second start: expected xdg-open $url again, found: $(tr '\n' ' ' < "$work/xdg-open.log")"
if [ "$(cat "$run_dir/pid")" != "$pid" ] || ! kill -0 "$pid"; then fail "second start replaced the console"; fi
consoles=$( (pgrep -f "$bin/kioskctl serve" || true) | wc -l)
[ "$consoles" = 1 ] || fail "second start: expected one kioskctl serve, found $consoles"
echo "second start: browser opened on the running console, no second one"

# 4. $BROWSER, when the session sets it, is used instead of xdg-open.
BROWSER_FOR_TEST=$work/fakebin/browser launch > /dev/null 2>&1 || fail "start with BROWSER set"
[ "$(cat "$work/browser.log" 2>/dev/null)" = "$url" ] || fail "BROWSER: expected $url, found: $(cat "$work/browser.log" 2>/dev/null)"
[ "$(wc -l < "$work/xdg-open.log")" = 2 ] || fail "BROWSER set, yet xdg-open was run"

# 5. --stop, then a fresh start (the old address and lock are not reused; the first port is free).
launch --stop > /dev/null 2>&1 || fail "--stop failed"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then fail "--stop: the console (pid $pid) still runs"; fi
kill "$listener"
wait "$listener" 2>/dev/null || true
listener=
out=$(launch 2>&1) || fail "start after --stop: $out"
[ "$(sed -n 3p "$work/xdg-open.log")" = "http://127.0.0.1:$port/" ] ||
  fail "start after --stop: expected xdg-open http://127.0.0.1:$port/, found: $(sed -n 3p "$work/xdg-open.log")"
curl -sf -o /dev/null "http://127.0.0.1:$port/" || fail "the restarted console does not answer"
echo "admin_launcher_check: OK"
