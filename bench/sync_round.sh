#!/bin/sh
# Benchmark for issue 4 (not a test): how long a sync round takes for a 5,000-applicant bundle over
# loopback nginx (first install and 304, by bench/sync_bench), and how many 304 rounds per second
# one nginx worker answers (wrk with If-None-Match, keep-alive and one connection per request).
#   bench/sync_round.sh [BUILD_DIR] [SECONDS]      (needs nginx, curl and wrk: apt-get install wrk)
set -eu
build=${1:-build}
seconds=${2:-10}
bench="$build/bench/sync_bench"
[ -x "$bench" ] || { echo "sync_round.sh: $bench not built (cmake --build $build --target sync_bench)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "sync_round.sh: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)

echo "== sync rounds (kiosk side)"
"$bench"

tmp=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
"$bench" --write "$tmp/www/b" >/dev/null
mkdir -p "$tmp/temp"
chmod -R a+rX "$tmp"  # nginx's worker may run as another user (nobody) when started by root

# One worker, as a small content server would run it; the access log stays on, as in production.
port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 1024; }
http {
  types { application/json json; text/plain sig; }
  access_log $tmp/access.log;
  client_body_temp_path $tmp/temp/body; proxy_temp_path $tmp/temp/proxy;
  fastcgi_temp_path $tmp/temp/fastcgi; uwsgi_temp_path $tmp/temp/uwsgi; scgi_temp_path $tmp/temp/scgi;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; root $tmp/www; }
}
CONF
"$nginx" -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" &
pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/b/manifest.json"
etag=$(curl -sI "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")
[ "$code" = 304 ] || { echo "sync_round.sh: expected 304 with If-None-Match $etag, got $code" >&2; exit 1; }

echo "== 304 rounds/s, one nginx worker, wrk -t1 -c64 -d${seconds}s, keep-alive"
wrk -t1 -c64 -d"${seconds}s" -H "If-None-Match: $etag" "$url" | sed -n '/Requests\/sec\|Latency\|requests in/p'
echo "== 304 rounds/s, one nginx worker, a new connection per request (as a kiosk polling each minute)"
wrk -t1 -c64 -d"${seconds}s" -H "If-None-Match: $etag" -H "Connection: close" "$url" | sed -n '/Requests\/sec\|Latency\|requests in/p'
echo "(nginx and wrk share this machine's $(nproc) cores)"
