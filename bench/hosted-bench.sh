#!/usr/bin/env bash
# 200 concurrent users x 5 calls through nginx (round robin) over two multi-user instances sharing a PostgreSQL journal,
# each instance on its own embedded sandbox (any bearer is an account there). Figures, not a test: p50/p99 and errors.
# Needs PostgreSQL 15 and nginx from Debian (apt-get install postgresql nginx); both run as their own users here.
# Usage: bash bench/hosted-bench.sh [users]
# Exits non-zero when any call failed (CI runs it so). SEEDANCE_BENCH_CONFIGURATION=Debug uses the Debug build (default
# Release); SEEDANCE_BENCH_NO_BUILD=1 uses what is built already (CI: the Debug build it made).
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-200}
config=${SEEDANCE_BENCH_CONFIGURATION:-Release}
pg=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg" ] || [ ! -x /usr/sbin/nginx ]; then
  echo "hosted-bench: needs PostgreSQL and nginx from Debian: apt-get install postgresql nginx" >&2
  exit 2
fi
work=$(mktemp -d /tmp/seedance-hosted-bench.XXXXXX)
chmod 755 "$work"
pg_port=$((20000 + RANDOM % 10000)); a_port=$((pg_port + 1)); b_port=$((pg_port + 2)); lb_port=$((pg_port + 3))
as() { if [ "$(id -u)" = 0 ]; then runuser -u "$1" -- "${@:2}"; else "${@:2}"; fi; }
pids=()
cleanup() {
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as postgres "$pg/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${SEEDANCE_BENCH_NO_BUILD:-0}" != 1 ]; then
  dotnet build src/Seedance.Mcp -c "$config" --nologo -v quiet >/dev/null
  dotnet build bench/Seedance.Bench -c "$config" --nologo -v quiet >/dev/null
fi

# PostgreSQL as the postgres user, on loopback.
mkdir -p "$work/pg" "$work/nginx"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
as postgres "$pg/initdb" -D "$work/pg" -A trust -U postgres --no-sync >/dev/null
as postgres "$pg/pg_ctl" -D "$work/pg" -l "$work/pg/log" -o "-p $pg_port -k $work/pg -h 127.0.0.1 -c max_connections=300" -w start >/dev/null

# Two instances, one journal database, one secret, one output folder.
for port in $a_port $b_port; do
  SEEDANCE_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres" SEEDANCE_SERVER_SECRET="bench-secret-$(printf 'x%.0s' {1..40})" \
  SEEDANCE_OUTPUT_DIR="$work/videos" SEEDANCE_JOURNAL="$work/journal-$port.db" SEEDANCE_CONFIRM_ABOVE_USD=off \
    dotnet "src/Seedance.Mcp/bin/$config/net10.0/seedance-mcp.dll" --http --multi-user --sandbox --port "$port" 2>"$work/instance-$port.log" &
  pids+=($!)
done

# nginx, round robin, as www-data.
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream seedance { server 127.0.0.1:$a_port; server 127.0.0.1:$b_port; keepalive 128; }
  server {
    listen 127.0.0.1:$lb_port;
    location / { proxy_pass http://seedance; proxy_http_version 1.1; proxy_set_header Host \$http_host;
                 proxy_set_header Connection ""; proxy_buffering off; proxy_read_timeout 120s; }
  }
}
CONF
[ "$(id -u)" = 0 ] && chown -R www-data:www-data "$work/nginx"
as www-data /usr/sbin/nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
pids+=($!)

# Each instance ready (its journal answers: the tables are made), then through nginx; one caller's first call on each
# instance, so the figures are of served calls rather than of the first JIT compilation.
for port in $a_port $b_port $lb_port; do
  ready=0
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && { ready=1; break; }; sleep 0.2; done
  if [ "$ready" != 1 ]; then echo "hosted-bench: 127.0.0.1:$port never became ready" >&2; cat "$work"/instance-*.log >&2; exit 1; fi
done
for port in $a_port $b_port; do
  curl -s -o /dev/null -X POST "http://127.0.0.1:$port/mcp" -H 'Authorization: Bearer sk-bench-warm-up-0000' -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"warm-up","version":"1"}}}'
done
echo "machine: $(nproc) cores; two instances (JIT, $config) + PostgreSQL + nginx + the client on the same machine"
dotnet "bench/Seedance.Bench/bin/$config/net10.0/Seedance.Bench.dll" hosted "http://127.0.0.1:$lb_port/mcp" "$users"
