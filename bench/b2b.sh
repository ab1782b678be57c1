#!/usr/bin/env bash
# The scheduler against a general solver: Baylink's engine (the one `baylink schedule` and
# the pages use) and Google OR-Tools CP-SAT 9.15 (from PyPI, on the same rules and
# objective, bench/b2b_cpsat.py) side by side, instance by instance, with the same time
# limit and the same number of cores, on the shared B2B instances with their published
# optima.
#
#   bash bench/b2b.sh                                   # the 10 originals, 10 s, 1 core each
#   DIR=../shared/b2b-instances LIMIT=10 WORKERS=1 bash bench/b2b.sh   # all 70
#
# Each instance runs once per engine, one after the other, never at the same time. The
# table gives each engine's breaks when the time ran out (or "optimal" when proved), the
# lower bound each proved, and the seconds taken.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${DIR:-../shared/b2b-instances/original}
LIMIT=${LIMIT:-10}
WORKERS=${WORKERS:-1}
VENV=target/bench-venv-ortools
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet ortools==9.15.6755
fi
cargo build --quiet --release -p baylink-matchmaking --example b2b_bench
OURS=$(mktemp)
THEIRS=$(mktemp)
for file in $(find "$DIR" -name '*.dzn' | sort); do
  one=$(mktemp -d)
  cp "$file" "$one/"
  target/release/examples/b2b_bench --dir "$one" --time-limit "$LIMIT" | grep '^| .*\.dzn' >>"$OURS"
  rm -rf "$one"
  "$VENV/bin/python" bench/b2b_cpsat.py "$LIMIT" "$WORKERS" "$file" >>"$THEIRS"
done
"$VENV/bin/python" - "$OURS" "$THEIRS" "$LIMIT" "$WORKERS" <<'PY'
import json, sys
ours = {}
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    ours[cells[0]] = cells
theirs = {j["instance"]: j for j in map(json.loads, open(sys.argv[2]))}
limit, workers = sys.argv[3], sys.argv[4]
print(f"| instance | published optimum | Baylink (1 core) | s | CP-SAT 9.15 ({workers} worker{'s' if workers != '1' else ''}) | s |")
print("|---|---|---|---|---|---|")
reached = [0, 0]
for name in sorted(ours):
    o, t = ours[name], theirs[name]
    pub = o[3]
    if t["status"] == "OPTIMAL":
        cp = f"{int(t['breaks'])} (optimal)"
    elif t["status"] == "INFEASIBLE":
        cp = "infeasible"
    elif t["breaks"] is None:
        cp = f"none (bound {int(t['bound'])})"
    else:
        cp = f"{int(t['breaks'])} (bound {int(t['bound'])})"
    reached[0] += o[4] == "yes"
    reached[1] += cp in (f"{pub} (optimal)", pub) or (pub == "infeasible" and cp == "infeasible")
    print(f"| {name} | {pub} | {o[2]} | {o[5]} | {cp} | {t['seconds']:.2f} |")
print()
print(f"Proved at the published optimum within {limit} s: Baylink {reached[0]} of {len(ours)}, CP-SAT {reached[1]} of {len(ours)}.")
PY
rm -f "$OURS" "$THEIRS"
