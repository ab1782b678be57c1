//! Finding where a long body's matching words are, for a hit found further in its text or
//! files: `first_occurrence` (the query's terms looked for in the folded body) beside the
//! plain way, analysing the whole body (`highlights`, jieba and all), in one run.
//!
//!     cargo run --release -p baylink-search --example passage_bench -- [CHARS]
//!
//! The body is the first CHARS (300,000 by default: the most a file keeps) characters of
//! the shared Traditional Chinese corpus with 低空經濟試點 at its end; the query is in
//! Simplified. Prints the median of five runs of each after a warm-up, and how far from
//! the true place each answer was.

use std::time::Instant;

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

fn main() {
    let chars: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(300_000);
    let corpus = std::fs::read_to_string("../shared/corpora/zh/traditional.txt")
        .expect("the shared corpus at ../shared/corpora/zh/traditional.txt");
    let mut body: String = corpus.chars().take(chars).collect();
    let truth = body.len();
    body.push_str("低空經濟試點");
    let query = "低空经济试点";
    baylink_search::warm_up();
    let off = |at: usize| body[at.min(truth)..at.max(truth)].chars().count();
    let time = |f: &dyn Fn() -> Option<usize>| {
        let mut found = f();
        let runs = (0..5)
            .map(|_| {
                let started = Instant::now();
                found = f();
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        (median(runs), found)
    };
    let (ours, at) = time(&|| baylink_search::first_occurrence(&body, query));
    let (plain, first) = time(&|| {
        baylink_search::highlights(&body, query)
            .first()
            .map(|r| r.start)
    });
    println!("body: {} characters", body.chars().count());
    println!(
        "first_occurrence: {ours:.1} ms, {} characters from the place",
        at.map_or("not found".into(), |a| off(a).to_string())
    );
    println!(
        "highlights over the whole body: {plain:.1} ms, {} characters from the place",
        first.map_or("not found".into(), |a| off(a).to_string())
    );
}
