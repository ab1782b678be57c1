//! Times `baylink_documents::words` on files, for `bench/documents.sh`: one warm-up read,
//! then `--rounds` timed ones (the median kept), and the words of the last one written to
//! `--out DIR` (as `NAME.txt`) for the script to compare with the reference's.
//!
//!     cargo run --release -p baylink-documents --example words-bench -- \
//!         --rounds 3 --out DIR FILE...
//!
//! Prints one JSON line per file: its name, bytes, the characters read and the median
//! milliseconds.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut rounds, mut out, mut files) = (3usize, None, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|r| r.parse().ok())
                    .expect("--rounds N")
            }
            "--out" => out = Some(args.next().expect("--out DIR")),
            _ => files.push(arg),
        }
    }
    for file in files {
        let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut words = baylink_documents::words(&file, &data).unwrap_or_default();
        let mut times = Vec::new();
        for _ in 0..rounds.max(1) {
            let started = Instant::now();
            words = baylink_documents::words(&file, &data).unwrap_or_default();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let name = std::path::Path::new(&file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file")
            .to_owned();
        if let Some(dir) = &out {
            std::fs::write(format!("{dir}/{name}.txt"), &words).expect("writing the words");
        }
        println!(
            "{{\"file\":\"{name}\",\"bytes\":{},\"chars\":{},\"ms\":{:.1}}}",
            data.len(),
            words.chars().count(),
            times[times.len() / 2]
        );
    }
}
