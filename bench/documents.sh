#!/usr/bin/env bash
# Reading a PDF's words for search: Baylink's reader (crates/documents: pdf-extract, pure
# Rust) against poppler's pdftotext (C++), side by side in one run, on PDFs that Chromium
# prints from the shared Traditional Chinese corpus (Noto CJK embedded as subsets with
# their ToUnicode maps, as browsers and office software write Chinese PDFs).
#
#   bash bench/documents.sh                       # 30 KB, 300 KB and 1 MB of text
#   SIZES="30000" ROUNDS=5 bash bench/documents.sh
#
# Needs chromium, fonts-noto-cjk and poppler-utils (Debian packages; .ci/run installs the
# first two). Speed: the median of ROUNDS reads after a warm-up, ours in one process,
# pdftotext one process per read (its start-up, a few milliseconds, is in its figure).
# Quality, against the text that was printed (NFKC, blanks left out): recall is the share
# of its character pairs found in what was read, precision the share of the pairs read that
# are in it (each pair counted as often as it occurs). Ours keeps at most 300,000
# characters, so a longer text is compared on the part of it that fits.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"30000 300000 1000000"}
ROUNDS=${ROUNDS:-3}
CORPUS=${CORPUS:-../shared/corpora/zh/traditional.txt}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/ours" "$WORK/poppler"
cargo build --quiet --release -p baylink-documents --example words-bench
for size in $SIZES; do
  python3 - "$CORPUS" "$size" "$WORK/doc-$size" <<'PY'
import html, sys
src, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(src, encoding="utf-8", errors="ignore").read()
text = text.encode()[:size].decode("utf-8", "ignore")
text = "".join(c for c in text if c == "\n" or c >= " ")
open(out + ".txt", "w").write(text)
paras = "".join(f"<p>{html.escape(l)}</p>" for l in text.split("\n") if l.strip())
style = 'body{font-family:"Noto Serif CJK TC",serif;font-size:11pt}p{margin:0 0 .3em}'
open(out + ".html", "w").write(
    f'<!doctype html><html lang="zh-Hant"><meta charset="utf-8"><style>{style}</style><body>{paras}</body></html>'
)
PY
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --no-pdf-header-footer \
    --print-to-pdf="$WORK/doc-$size.pdf" "$WORK/doc-$size.html" 2>/dev/null
done
PDFS=()
for size in $SIZES; do PDFS+=("$WORK/doc-$size.pdf"); done
target/release/examples/words-bench --rounds "$ROUNDS" --out "$WORK/ours" "${PDFS[@]}" >"$WORK/ours.jsonl"
python3 - "$WORK" "$ROUNDS" "$SIZES" <<'PY'
import json, statistics, subprocess, sys, time, unicodedata
from collections import Counter
work, rounds, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
ours = {j["file"]: j for j in map(json.loads, open(f"{work}/ours.jsonl"))}

def plain(text):
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())

def pairs(text):
    return Counter(text[i:i + 2] for i in range(len(text) - 1))

def score(truth, read):
    t, r = pairs(truth), pairs(read)
    common = sum((t & r).values())
    return common / max(1, sum(t.values())), common / max(1, sum(r.values()))

print("| text | pages | PDF | Baylink ms | pdftotext ms | Baylink recall / precision | pdftotext recall / precision |")
print("|---|---|---|---|---|---|---|")
for size in sizes:
    pdf = f"{work}/doc-{size}.pdf"
    out = f"{work}/poppler/doc-{size}.txt"
    times = []
    for i in range(rounds + 1):
        started = time.perf_counter()
        subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, out], check=True)
        if i:
            times.append((time.perf_counter() - started) * 1000)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:"))
    mine = plain(open(f"{work}/ours/doc-{size}.pdf.txt").read())
    theirs = plain(open(out).read())
    truth = plain(open(f"{work}/doc-{size}.txt").read())
    o = ours[f"doc-{size}.pdf"]
    if o["chars"] >= 300_000:  # ours stopped at its limit: compare what fits
        truth = truth[: len(mine)]
        theirs = theirs[: len(mine)]
    theirs_cut = theirs
    r1, p1 = score(truth, mine)
    r2, p2 = score(truth, theirs_cut)
    print(
        f"| {int(size) // 1000} KB | {pages} | {o['bytes'] // 1024} KB | {o['ms']:.0f} | "
        f"{statistics.median(times):.0f} | {r1:.3f} / {p1:.3f} | {r2:.3f} / {p2:.3f} |"
    )
PY
