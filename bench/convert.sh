#!/usr/bin/env bash
# Conversion speed: Baylink's OpenCC converter against OpenCC 1.4.2's C++ library (the
# `opencc` package from PyPI, which carries the C++ core and its Python binding), side by
# side in one run, on the shared 20 MB corpora.
#
#   bash bench/convert.sh            # 3 rounds, whole text, six configurations,
#                                    # then line-by-line agreement for all sixteen
#   ROUNDS=5 PER_LINE=1 bash bench/convert.sh
#
# Each round runs every engine once per configuration, in alternating order, each in its own
# process: one warm-up conversion, then three timed ones (median kept). The table gives the
# median over rounds of MB/s and of the ratio measured within the same round, which cancels
# most of this VM's drift. Whole-text mode makes one call per conversion, so the Python
# binding's call overhead is negligible; per-line mode pays it on every line and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
BYTES=${BYTES:-20971520}
CONFIGS=${CONFIGS:-"s2t s2hk s2twp t2s hk2s tw2sp"}
CORPORA=${CORPORA:-../shared/corpora/zh}
VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet opencc==1.4.2
fi
cargo build --quiet --release -p baylink-opencc --example convert-bench
MODE=()
[ "${PER_LINE:-0}" = 1 ] && MODE=(--per-line)
RESULTS=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  for config in $CONFIGS; do
    case $config in s2*) file=$CORPORA/simplified.txt ;; *) file=$CORPORA/traditional.txt ;; esac
    ours=(target/release/examples/convert-bench "$config" "$file" --bytes "$BYTES" "${MODE[@]}")
    theirs=("$VENV/bin/python" bench/opencc_reference.py "$config" "$file" --bytes "$BYTES" "${MODE[@]}")
    if [ $((round % 2)) = 1 ]; then
      echo "{\"round\":$round,\"r\":$("${ours[@]}")}" >>"$RESULTS"
      echo "{\"round\":$round,\"r\":$("${theirs[@]}")}" >>"$RESULTS"
    else
      echo "{\"round\":$round,\"r\":$("${theirs[@]}")}" >>"$RESULTS"
      echo "{\"round\":$round,\"r\":$("${ours[@]}")}" >>"$RESULTS"
    fi
  done
done
"$VENV/bin/python" - "$RESULTS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {}
for row in rows:
    r = row["r"]
    by.setdefault(r["config"], {}).setdefault(row["round"], {})[r["engine"]] = r
print("| config | baylink-opencc MB/s | OpenCC 1.4.2 C++ MB/s | ratio (median of per-round ratios) | load ms ours / OpenCC |")
print("|---|---|---|---|---|")
for config, rounds in by.items():
    ours = [r["baylink-opencc"]["median_mb_s"] for r in rounds.values()]
    theirs = [r["opencc-1.4.2-cpp"]["median_mb_s"] for r in rounds.values()]
    ratios = [r["baylink-opencc"]["median_mb_s"] / r["opencc-1.4.2-cpp"]["median_mb_s"] for r in rounds.values()]
    load_ours = statistics.median(r["baylink-opencc"]["load_ms"] for r in rounds.values())
    load_theirs = statistics.median(r["opencc-1.4.2-cpp"]["load_ms"] for r in rounds.values())
    print(f"| {config} | {statistics.median(ours):.1f} | {statistics.median(theirs):.1f} | "
          f"{statistics.median(ratios):.2f}x (range {min(ratios):.2f}-{max(ratios):.2f}) | {load_ours:.1f} / {load_theirs:.1f} |")
PY
rm -f "$RESULTS"

# Agreement: every line of both corpora, each line converted by its own call, through all
# sixteen configurations, compared with OpenCC's output for the same line; then each whole
# corpus in one call (segments then run across lines, as in a long document).
echo
echo "| config | lines | identical to OpenCC 1.4.2 | whole corpus in one call identical |"
echo "|---|---|---|---|"
OUT=$(mktemp -d)
for config in s2t s2tw s2twp s2hk s2hkp t2s tw2s tw2sp hk2s hk2sp t2tw tw2t t2hk hk2t t2jp jp2t; do
  case $config in s2*) file=$CORPORA/simplified.txt ;; *) file=$CORPORA/traditional.txt ;; esac
  target/release/examples/convert-bench "$config" "$file" --out "$OUT/ours"
  "$VENV/bin/python" bench/opencc_reference.py "$config" "$file" --out "$OUT/theirs"
  lines=$(wc -l <"$OUT/theirs")
  differing=$(diff "$OUT/ours" "$OUT/theirs" | grep -c '^<' || true)
  target/release/examples/convert-bench "$config" "$file" --out "$OUT/ours" --whole
  "$VENV/bin/python" bench/opencc_reference.py "$config" "$file" --out "$OUT/theirs" --whole
  whole=no
  cmp -s "$OUT/ours" "$OUT/theirs" && whole=yes
  echo "| $config | $lines | $((lines - differing)) | $whole |"
done
rm -rf "$OUT"
