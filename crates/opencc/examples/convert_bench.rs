//! Converts a file with one configuration and reports the speed, in the same shape as
//! `bench/opencc_reference.py` does for OpenCC's C++ library, so `bench/convert.sh` can put
//! the two side by side.
//!
//! ```text
//! convert-bench <config> <file> [--bytes N] [--per-line] [--runs N] [--out FILE [--whole]]
//! ```
//!
//! The text is repeated up to `--bytes` (cut at a line boundary); one conversion warms up,
//! then `--runs` conversions are timed and the best and median are reported. `--per-line`
//! converts line by line (the shape of web requests). `--out` writes the converted text,
//! line by line, for an agreement check; with `--whole`, converted in one call (segments
//! then run across lines, as in a long document).

use std::time::Instant;

use baylink_opencc::{Config, Converter};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "convert-bench <config> <file> [--bytes N] [--per-line] [--runs N] [--out FILE [--whole]]";
    let config = args
        .first()
        .and_then(|c| Config::from_name(c))
        .expect(usage);
    let path = args.get(1).expect(usage);
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let bytes: usize = flag("--bytes")
        .map(|b| b.parse().expect("--bytes N"))
        .unwrap_or(0);
    let runs: usize = flag("--runs")
        .map(|b| b.parse().expect("--runs N"))
        .unwrap_or(3);
    let per_line = args.iter().any(|a| a == "--per-line");

    let unique = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let text = repeat_to(&unique, bytes);

    let started = Instant::now();
    let converter = Converter::new(config);
    let load_ms = started.elapsed().as_secs_f64() * 1e3;

    if let Some(out) = flag("--out") {
        if args.iter().any(|a| a == "--whole") {
            std::fs::write(out, converter.convert(&text)).expect("writable output");
            return;
        }
        let lines: Vec<String> = text.lines().map(|l| converter.convert(l)).collect();
        std::fs::write(out, lines.join("\n") + "\n").expect("writable output");
        return;
    }

    let convert = |converter: &Converter| {
        if per_line {
            let mut out = String::new();
            let mut total = 0;
            for line in text.lines() {
                out.clear();
                converter.convert_into(line, &mut out);
                total += out.len();
            }
            total
        } else {
            converter.convert(&text).len()
        }
    };
    convert(&converter);
    let mut seconds: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(convert(&converter));
            started.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    let mb = text.len() as f64 / 1e6;
    println!(
        "{{\"engine\":\"baylink-opencc\",\"config\":\"{}\",\"bytes\":{},\"per_line\":{},\"load_ms\":{:.1},\"best_mb_s\":{:.2},\"median_mb_s\":{:.2}}}",
        config.name(),
        text.len(),
        per_line,
        load_ms,
        mb / seconds[0],
        mb / seconds[seconds.len() / 2],
    );
}

/// `text` repeated until it reaches `bytes` (0: as is), cut at a line boundary.
fn repeat_to(text: &str, bytes: usize) -> String {
    if bytes == 0 {
        return text.to_owned();
    }
    let mut out = String::with_capacity(bytes + text.len());
    'fill: loop {
        for line in text.split_inclusive('\n') {
            if out.len() + line.len() > bytes {
                break 'fill;
            }
            out.push_str(line);
        }
    }
    out
}
