#!/usr/bin/env bash
# Registrations per second under 200 concurrent clients, on SQLite and on PostgreSQL, with
# the same server's `/healthz` as the reference in the same run.
#
#   bash bench/registrations.sh             # 200 connections, 10 s
#   DURATION=20s CONNECTIONS=200 bash bench/registrations.sh
#   BIN=/tmp/baylink-old bash bench/registrations.sh   # a binary built elsewhere
#
# Every request is a new participant (unique e-mail) for the demo's upcoming open event
# (60 seats: the rest join the waiting list, in order), through POST
# /api/v1/events/{id}/registrations: validation, the seat counter, the registration row and
# its outbox mail, in one durable transaction. Afterwards the script checks that the
# database holds exactly as many registrations as were acknowledged with 201.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-200}"
THREADS="${THREADS:-2}"
PG_ADMIN="${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
# BIN=path runs another build (an earlier commit's, for an A/B on the same machine).
if [ -z "${BIN:-}" ]; then cargo build --release -p baylink --quiet; fi
bin="${BIN:-target/release/baylink}"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS baylink_bench_reg WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

run_backend() {
  local backend=$1 url=$2 port=$3
  BAYLINK_DATABASE_URL="$url" "$bin" demo >/dev/null
  BAYLINK_DATABASE_URL="$url" RUST_LOG=warn "$bin" serve --listen "127.0.0.1:$port" --metrics-listen "127.0.0.1:$((port + 1))" >"$work/$backend.log" 2>&1 &
  pids+=($!)
  local base="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  local event
  event=$(curl -fs "$base/api/v1/events?when=upcoming" | grep -o '"id":[0-9]*,"kind":"seminar","series_id":[0-9]*' | head -n1 | sed -E 's/"id":([0-9]+).*/\1/')
  local ref out rps p50 p99 created total
  ref=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base/healthz")
  printf '| %-8s | %-28s | %9s | %8s | %8s |\n' "$backend" "GET /healthz (reference)" \
    "$(awk '/^Requests\/sec/ {print $2}' <<<"$ref")" "$(awk '$1=="50%" {print $2}' <<<"$ref")" "$(awk '$1=="99%" {print $2}' <<<"$ref")"
  out=$(EVENT="$event" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/register.lua "$base")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '| %-8s | %-28s | %9s | %8s | %8s |\n' "$backend" "POST registration" "$rps" "$p50" "$p99"
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers: $(grep Non-2xx <<<"$out")" >&2; fi
  total=$(curl -fs "$base/api/v1/events/$event" | grep -o '"confirmed_count":[0-9]*,"waiting_seq":[0-9]*' | head -n1)
  echo "  $backend: event $event after the run: $total (seats taken, last waiting-list place)"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| backend  | request                      |     req/s |      p50 |      p99 |"
echo "|----------|------------------------------|-----------|----------|----------|"
run_backend sqlite "sqlite:$work/sqlite/baylink.db" 18580
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS baylink_bench_reg WITH (FORCE)" >/dev/null 2>&1
psql "$PG_ADMIN" -qc "CREATE DATABASE baylink_bench_reg" >/dev/null
run_backend postgres "${PG_ADMIN%/*}/baylink_bench_reg" 18590
