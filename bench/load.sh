#!/usr/bin/env bash
# Load benchmark of the directory and event pages, on SQLite and on PostgreSQL, side by side with a
# reference in the same run: `/healthz`, the same server's cheapest route (one `SELECT 1`
# through the same middleware stack), which is the floor a page cannot beat.
#
#   bash bench/load.sh            # 64 connections, 10 s per URL
#   DURATION=30s CONNECTIONS=64 bash bench/load.sh
#
# The load comes from wrk (Debian's package, installed if missing) in a separate process on
# loopback. Server and load generator share the machine's cores, as they would on one
# small host; the figures are for this machine, not a cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PG_ADMIN="${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -p baylink --quiet
bin=target/release/baylink
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS baylink_bench WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_up() {
  for _ in $(seq 1 100); do curl -fs "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server at $1 did not start" >&2; exit 1
}

# Prints: backend | path | req/s | p50 | p99 | non-2xx
measure() {
  local backend=$1 base=$2 path=$3 out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base$path")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '| %-8s | %-34s | %9s | %8s | %8s | %s |\n' "$backend" "$path" "$rps" "$p50" "$p99" "${errors:-0}"
}

run_backend() {
  local backend=$1 url=$2 port=$3
  BAYLINK_DATABASE_URL="$url" "$bin" demo >/dev/null
  BAYLINK_DATABASE_URL="$url" RUST_LOG=warn "$bin" serve --listen "127.0.0.1:$port" --metrics-listen "127.0.0.1:$((port + 1))" >"$work/$backend.log" 2>&1 &
  pids+=($!)
  local base="http://127.0.0.1:$port"
  wait_up "$base"
  local org
  org=$(curl -fs "$base/api/v1/organisations?q=%E9%A6%99%E6%B8%AF%E8%B3%87%E8%A8%8A" | sed -E 's/.*"id":([0-9]+).*/\1/' | head -n1)
  curl -fs "$base/zh-Hant/organisations" >/dev/null  # warm up
  measure "$backend" "$base" "/healthz"
  measure "$backend" "$base" "/zh-Hant/organisations"
  measure "$backend" "$base" "/zh-Hans/organisations?region=shenzhen"
  measure "$backend" "$base" "/zh-Hant/organisations/$org"
  measure "$backend" "$base" "/en/people"
  measure "$backend" "$base" "/api/v1/organisations"
  measure "$backend" "$base" "/zh-Hant/events/1"
  measure "$backend" "$base" "/zh-Hans/events?year=2024"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| backend  | path                               |     req/s |      p50 |      p99 | non-2xx |"
echo "|----------|------------------------------------|-----------|----------|----------|---------|"
run_backend sqlite "sqlite:$work/sqlite/baylink.db" 18480
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS baylink_bench WITH (FORCE)" >/dev/null
psql "$PG_ADMIN" -qc "CREATE DATABASE baylink_bench" >/dev/null
run_backend postgres "${PG_ADMIN%/*}/baylink_bench" 18490
