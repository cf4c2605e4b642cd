#!/usr/bin/env bash
# The console's end-to-end test (ctest console.e2e_chromium): a loopback nginx (WebDAV PUT), a
# `kioskctl serve` on a copy of the default bundle with a passphrase-protected key and a login
# password, the clerk's flow in Debian's Chromium (console.e2e.mjs, playwright-core from
# package-lock.json), then the real kiosk's `kiosk --sync-once` installs what was published.
# Exit 77 (skipped) when chromium, node/npm, nginx or python3-openpyxl is missing.
#   run.sh SOURCE_ROOT KIOSK KIOSKCTL OUT_DIR    (screenshots: OUT_DIR/screenshots/*.png)
set -euo pipefail

src=$1 kiosk=$2 kioskctl=$3 out=$4
here="$src/tests/console/e2e"
chromium=${CHROMIUM:-/usr/bin/chromium}
nginx=$(command -v nginx || echo /usr/sbin/nginx)

skip() { echo "console e2e: skipped: $*" >&2; exit 77; }
[ -x "$chromium" ] || skip "no $chromium (Debian package chromium)"
command -v node >/dev/null || skip "no node (Debian package nodejs)"
command -v npm >/dev/null || skip "no npm"
[ -x "$nginx" ] || skip "no nginx (Debian package nginx-light)"
# Debian's python3 (python3-openpyxl), not a pyenv shim without it.
python=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl' 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || skip "no python3 with openpyxl (Debian package python3-openpyxl)"

# playwright-core exactly as the lock file pins it, installed in the build tree (npm ci, no
# browser download: playwright-core has no install script and the test sets executablePath).
mkdir -p "$out/e2e"
if ! cmp -s "$here/package-lock.json" "$out/e2e/package-lock.json" || [ ! -d "$out/e2e/node_modules/playwright-core" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$out/e2e/"
  (cd "$out/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp "$here/console.e2e.mjs" "$out/e2e/"

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {  # PORT PID: until something listens there, or the process died
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# The content server: GET for anyone, PUT/DELETE/MKCOL (WebDAV) on loopback.
mkdir -p "$tmp/www/pub" "$tmp/nginx/temp"
nginx_port=$(free_port)
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log info;
events { worker_connections 64; }
http {
  types { application/json json; text/plain sig txt; image/png png; }
  default_type application/octet-stream;
  access_log $tmp/nginx/access.log;
  client_body_temp_path $tmp/nginx/temp;
  client_max_body_size 64m;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    location / { dav_methods PUT DELETE MKCOL; create_full_put_path on; dav_access user:rw all:r; }
  }
}
EOF
"$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
pids+=($!)
wait_port "$nginx_port" "${pids[-1]}" || { echo "console e2e: nginx did not start: $(cat "$tmp/nginx/error.log")" >&2; exit 1; }
publish_url="http://127.0.0.1:$nginx_port/pub/"

# The working copy, the office key (sealed with a passphrase), the console's login password.
cp -r "$src/content" "$tmp/bundle"
mkdir -p "$tmp/keys"
passphrase="e2e-$RANDOM$RANDOM-口令"
password="e2e-$RANDOM$RANDOM"
printf '%s\n' "$passphrase" >"$tmp/passphrase"
printf '%s\n' "$password" >"$tmp/password"
chmod 600 "$tmp/passphrase" "$tmp/password"
if "$kioskctl" keygen --help 2>&1 | grep -q -- '--passphrase-file'; then
  "$kioskctl" keygen --out "$tmp/keys/office" --passphrase --passphrase-file "$tmp/passphrase" >/dev/null
else
  echo "console e2e: note: kioskctl keygen has no --passphrase-file; the key is stored plain" >&2
  "$kioskctl" keygen --out "$tmp/keys/office" >/dev/null
  passphrase=""
fi

console_port=$(free_port)
"$kioskctl" serve "$tmp/bundle" --listen "127.0.0.1:$console_port" --password-file "$tmp/password" \
  --key "$tmp/keys/office.key" --to "$publish_url" >"$tmp/serve.out" 2>"$tmp/serve.err" &
pids+=($!)
started=$(date +%s%N)
wait_port "$console_port" "${pids[-1]}" || { echo "console e2e: kioskctl serve did not start: $(cat "$tmp/serve.err")" >&2; exit 1; }
first=$(head -n1 "$tmp/serve.out")
[ "$first" = "console: http://127.0.0.1:$console_port/" ] ||
  { echo "console e2e: expected 'console: http://127.0.0.1:$console_port/' first on stdout, found '$first'" >&2; exit 1; }
# Time from serve to the first page (the report asks for it).
exec 3<>"/dev/tcp/127.0.0.1/$console_port"
printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$console_port" >&3
head -c 16 <&3 | grep -q '200' || { echo "console e2e: GET / did not answer 200" >&2; exit 1; }
exec 3<&-
echo "console e2e: serve to first page: $(( ($(date +%s%N) - started) / 1000000 )) ms"

# A second console on a copy, signing with a plain (unsealed) key: 总览 must warn about it.
cp -r "$src/content" "$tmp/bundle-plain"
"$kioskctl" keygen --out "$tmp/keys/plain" >/dev/null
plain_port=$(free_port)
"$kioskctl" serve "$tmp/bundle-plain" --listen "127.0.0.1:$plain_port" --key "$tmp/keys/plain.key" \
  --to "$publish_url" >/dev/null 2>"$tmp/serve-plain.err" &
pids+=($!)
wait_port "$plain_port" "${pids[-1]}" || { echo "console e2e: the second kioskctl serve did not start: $(cat "$tmp/serve-plain.err")" >&2; exit 1; }

# A third console for two people (TRUST.md): its bundle has root 1 (keys A, B, C; 2 needed), signed
# by A and C; A (plain) is the console's --key, B's sealed key file is chosen in the browser.
trust_url=""
if [[ $("$kioskctl" --help) == *"kioskctl cosign"* ]]; then
  cp -r "$src/content" "$tmp/bundle-trust"
  "$kioskctl" keygen --out "$tmp/keys/trust-A" >/dev/null
  "$kioskctl" keygen --out "$tmp/keys/trust-B" --passphrase --passphrase-file "$tmp/passphrase" >/dev/null
  "$kioskctl" keygen --out "$tmp/keys/trust-C" >/dev/null
  "$kioskctl" root new --keys "$tmp/keys/trust-A.pub" "$tmp/keys/trust-B.pub" "$tmp/keys/trust-C.pub" \
    --threshold 2 --out "$tmp/bundle-trust" >/dev/null
  for k in A C; do
    "$kioskctl" root sign "$tmp/bundle-trust/root/1.json" --key "$tmp/keys/trust-$k.key" >/dev/null
  done
  trust_port=$(free_port)
  "$kioskctl" serve "$tmp/bundle-trust" --listen "127.0.0.1:$trust_port" --key "$tmp/keys/trust-A.key" \
    --to "http://127.0.0.1:$nginx_port/trust/" >/dev/null 2>"$tmp/serve-trust.err" &
  pids+=($!)
  wait_port "$trust_port" "${pids[-1]}" || { echo "console e2e: the third kioskctl serve did not start: $(cat "$tmp/serve-trust.err")" >&2; exit 1; }
  trust_url="http://127.0.0.1:$trust_port/"
fi

"$python" "$here/make_sheets.py" "$tmp/sheets"

rm -rf "$out/screenshots"
CONSOLE_URL="http://127.0.0.1:$console_port/" SHOTS="$out/screenshots" SHEETS="$tmp/sheets" \
  PASSWORD="$password" PASSPHRASE="$passphrase" CHROMIUM="$chromium" \
  PLAIN_KEY_URL="http://127.0.0.1:$plain_port/" TRUST_URL="$trust_url" TRUST_KEY="$tmp/keys/trust-B.key" \
  node "$out/e2e/console.e2e.mjs" || {
    echo "console e2e: the browser flow failed; kioskctl serve said:" >&2
    tail -n 20 "$tmp/serve.err" >&2
    exit 1
  }

# The real kiosk installs what the console published (version 2, the republish).
public_key=$(head -c 44 "$tmp/keys/office.pub")
cat >"$tmp/kiosk.json" <<EOF
{"content": {"server_url": "$publish_url", "trusted_keys": ["$public_key"], "cache_dir": "$tmp/cache"}}
EOF
"$kiosk" --sync-once --config "$tmp/kiosk.json" || { echo "console e2e: kiosk --sync-once failed" >&2; exit 1; }
installed="$tmp/cache/current"
grep -q '"e2e-2026"' "$installed/notices.json" || { echo "console e2e: the installed notices.json lacks notice e2e-2026" >&2; exit 1; }
for needle in '浦江第三居委会' '"e2e-03"' '021-5555 0199' '工作日 8:30–17:00' '浦江镇社区建设办公室' '"withdrawn"'; do
  grep -rqF "$needle" "$installed/" || { echo "console e2e: the installed bundle lacks $needle" >&2; exit 1; }
done
grep -q '"version": *2' "$installed/manifest.json" || { echo "console e2e: expected the installed manifest at version 2" >&2; exit 1; }
echo "console e2e: kiosk --sync-once installed version 2 with the console's notice"

# A kiosk configured with key A alone follows root 1 (2 of A, B, C) and installs what two people
# signed in the console.
if [ -n "$trust_url" ]; then
  cat >"$tmp/kiosk-trust.json" <<EOF
{"content": {"server_url": "http://127.0.0.1:$nginx_port/trust/", "trusted_keys": ["$(head -c 44 "$tmp/keys/trust-A.pub")"], "cache_dir": "$tmp/cache-trust"}}
EOF
  "$kiosk" --sync-once --config "$tmp/kiosk-trust.json" || { echo "console e2e: kiosk --sync-once of the co-signed bundle failed" >&2; exit 1; }
  grep -q '"version": *1' "$tmp/cache-trust/current/manifest.json" || { echo "console e2e: expected the co-signed version 1 installed" >&2; exit 1; }
  echo "console e2e: kiosk --sync-once followed root 1 and installed the co-signed bundle"
fi
