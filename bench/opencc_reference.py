"""OpenCC 1.4.2's C++ library, through its PyPI binding, measured the way
crates/opencc/examples/convert_bench.rs measures ours (same arguments, same output).

Whole-text mode makes one call per run, so the binding's per-call overhead (a few
microseconds) is negligible against a 20 MB conversion; per-line mode pays it once per
line, which is why bench/convert.sh reports whole-text mode as the comparison.
"""
import json, sys, time

import opencc


def repeat_to(text, size):
    if size == 0:
        return text
    out, total = [], 0
    lines = text.splitlines(keepends=True)
    while True:
        for line in lines:
            n = len(line.encode())
            if total + n > size:
                return "".join(out)
            out.append(line)
            total += n


def main():
    args = sys.argv[1:]
    config, path = args[0], args[1]
    flag = lambda name, default: args[args.index(name) + 1] if name in args else default
    size = int(flag("--bytes", 0))
    runs = int(flag("--runs", 3))
    per_line = "--per-line" in args
    text = repeat_to(open(path, encoding="utf-8").read(), size)
    started = time.perf_counter()
    converter = opencc.OpenCC(config + ".json")
    load_ms = (time.perf_counter() - started) * 1e3
    out = flag("--out", None)
    if out and "--whole" in args:
        with open(out, "w", encoding="utf-8") as f:
            f.write(converter.convert(text))
        return
    if out:
        with open(out, "w", encoding="utf-8") as f:
            for line in text.splitlines():
                f.write(converter.convert(line) + "\n")
        return
    lines = text.splitlines()

    def convert():
        if per_line:
            return sum(len(converter.convert(line)) for line in lines)
        return len(converter.convert(text))

    convert()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        convert()
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    mb = len(text.encode()) / 1e6
    print(json.dumps({"engine": "opencc-1.4.2-cpp", "config": config, "bytes": len(text.encode()),
                      "per_line": per_line, "load_ms": round(load_ms, 1),
                      "best_mb_s": round(mb / seconds[0], 2),
                      "median_mb_s": round(mb / seconds[len(seconds) // 2], 2)}))


main()
