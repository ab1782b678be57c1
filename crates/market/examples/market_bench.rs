//! The recommender's quality and speed, in one run, each beside its reference.
//!
//! ```text
//! cargo run --release -p baylink-market --example market_bench -- [N] [QUERIES] [EVENT] [--write BENCHMARKS.md]
//! ```
//!
//! Quality: the judged set of `eval/`, the recommender against BM25 on the text as written
//! and BM25 after script conversion only (see [`baylink_market::eval`]).
//!
//! Speed: N synthetic postings (default 1,000,000). Each takes an evaluation posting's
//! title and summary (so the three scripts and English are mixed as in the judged set) with
//! that posting's fields and kind, one or two lines of real Chinese text from
//! `../shared/corpora/zh/` (so the vocabulary has a real long tail), and a random side,
//! organisation, region and age. Reported:
//! - building the recommender (analysis on every core, then the index);
//! - recommendations (top 20 with reasons) for QUERIES postings (default 2,000): p50, p99;
//! - recommendations for every posting of an EVENT-posting event (default 5,000), each
//!   among all N, on every core: total seconds;
//! - the reference: tantivy (Baylink's search index) answering the same postings' first
//!   200 characters as a search, top 20: p50, p99;
//! - peak resident memory.
//!
//! With `--write FILE` the report replaces the block between `<!-- market-bench:start -->`
//! and `<!-- market-bench:end -->` in FILE.

use std::time::Instant;

use baylink_market::eval::{NOW, System, evaluate, judged, profiles};
use baylink_market::{Profile, Recommender};
use baylink_search::{Document, SearchIndex, SearchQuery};
use baylink_store::{OrgType, PostingSide, Region};

/// A small deterministic generator (xorshift64*), so every run builds the same postings.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

/// The machine, for the record: CPU model and cores.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    format!("{cpu}, {cores} cores")
}

/// Collects the report while printing it.
#[derive(Default)]
struct Report(String);

impl Report {
    fn say(&mut self, line: String) {
        println!("{line}");
        self.0.push_str(&line);
        self.0.push('\n');
    }
}

fn main() {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let write = raw
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| raw.get(i + 1).cloned());
    let args: Vec<usize> = raw.iter().filter_map(|a| a.parse().ok()).collect();
    let n = args.first().copied().unwrap_or(1_000_000);
    let queries = args.get(1).copied().unwrap_or(2_000);
    let event = args.get(2).copied().unwrap_or(5_000).min(n);
    let mut r = Report::default();

    // Quality first: it takes a second.
    let (seeds, judgements) = (profiles(), judged());
    r.say(format!(
        "Quality: {} postings, {} of them judged (needs and offers; most right counterparts are in another script or language).\n\n| system | precision@5 | recall@20 | nDCG@10 |\n|---|---|---|---|",
        seeds.len(),
        judgements.len()
    ));
    for system in System::ALL {
        let s = evaluate(system, &seeds, &judgements);
        r.say(format!(
            "| {} | {:.3} | {:.3} | {:.3} |",
            system.label(),
            s.precision_5,
            s.recall_20,
            s.ndcg_10
        ));
    }
    r.say(String::new());

    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/zh/");
    let mut lines: Vec<String> = Vec::new();
    for file in ["simplified.txt", "traditional.txt"] {
        let text = std::fs::read_to_string(format!("{root}{file}"))
            .unwrap_or_else(|e| panic!("{root}{file}: {e} (the shared corpora are needed)"));
        lines.extend(
            text.lines()
                .filter(|l| l.chars().count() >= 8)
                .map(str::to_owned),
        );
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let all: Vec<Profile> = (0..n)
        .map(|i| {
            let seed = &seeds[rng.below(seeds.len())].1;
            let mut text = seed.text.clone();
            for _ in 0..1 + rng.below(2) {
                text.push('\n');
                text.push_str(&lines[rng.below(lines.len())]);
            }
            // The seed's fields and kind go with its words; side, organisation, place and
            // age are drawn at random.
            Profile {
                id: i as i64 + 1,
                side: if rng.below(2) == 0 {
                    PostingSide::Offer
                } else {
                    PostingSide::Need
                },
                kind: seed.kind,
                sectors: seed.sectors.clone(),
                modes: Vec::new(),
                targets: Vec::new(),
                org_id: rng.below(n / 4 + 1) as i64,
                org_type: OrgType::ALL[rng.below(OrgType::ALL.len())],
                region: Region::ALL[rng.below(Region::ALL.len())],
                since: NOW - rng.below(400) as i64 * 86_400,
                text,
                version: 1,
                words_stamp: 0,
            }
        })
        .collect();
    r.say(format!("Speed on {} with {n} postings:\n", machine()));

    let started = Instant::now();
    let rec = Recommender::build(&all);
    let build = started.elapsed().as_secs_f64();
    r.say(format!(
        "- recommender built in {build:.1} s ({:.0} postings/s)",
        n as f64 / build
    ));

    let picks: Vec<usize> = (0..queries).map(|_| rng.below(n)).collect();
    let mut ours = Vec::with_capacity(queries);
    let mut found = 0usize;
    for &i in &picks {
        let t = Instant::now();
        let got = rec.recommend(all[i].id, NOW, 20);
        ours.push(t.elapsed().as_secs_f64() * 1000.0);
        found += got.len();
    }
    ours.sort_by(f64::total_cmp);
    r.say(format!(
        "- recommendations for one posting (top 20 with reasons), {queries} postings: p50 {:.2} ms, p99 {:.2} ms, {:.1} results on average",
        percentile(&ours, 0.5),
        percentile(&ours, 0.99),
        found as f64 / queries as f64
    ));

    let threads = std::thread::available_parallelism().map_or(1, |c| c.get());
    let started = Instant::now();
    let per = event.div_ceil(threads);
    let total: usize = std::thread::scope(|s| {
        let rec = &rec;
        let all = &all;
        (0..threads)
            .map(|t| {
                s.spawn(move || {
                    (t * per..((t + 1) * per).min(event))
                        .map(|i| rec.recommend(all[i].id, NOW, 20).len())
                        .sum::<usize>()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .sum()
    });
    r.say(format!(
        "- every posting of a {event}-posting event, each among all {n}: {:.1} s on {threads} threads ({total} recommendations)",
        started.elapsed().as_secs_f64()
    ));

    let index = SearchIndex::in_ram().expect("index");
    let started = Instant::now();
    for chunk in all.chunks(50_000) {
        let docs: Vec<Document> = chunk
            .iter()
            .map(|p| {
                let (title, body) = p.text.split_once('\n').unwrap_or((&p.text, ""));
                Document {
                    kind: "posting".into(),
                    id: p.id,
                    title: title.to_owned(),
                    title_script: "zh-Hans".into(),
                    title_en: None,
                    body: Some(body.to_owned()),
                    body_script: "zh-Hans".into(),
                    extra: None,
                    region: Some(p.region.code().to_owned()),
                    year: None,
                    path: format!("/postings/{}", p.id),
                    expires_on: None,
                }
            })
            .collect();
        index.add(&docs).expect("add");
    }
    r.say(format!(
        "- reference: tantivy index of the same postings built in {:.1} s",
        started.elapsed().as_secs_f64()
    ));
    let mut reference = Vec::with_capacity(queries);
    for &i in &picks {
        let q = SearchQuery {
            text: all[i].text.clone(),
            limit: 20,
            ..SearchQuery::default()
        };
        let t = Instant::now();
        let hits = index.search(&q).expect("search");
        reference.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(hits);
    }
    reference.sort_by(f64::total_cmp);
    r.say(format!(
        "- reference: tantivy answering the same postings' first 200 characters as a search (top 20, no re-ranking): p50 {:.2} ms, p99 {:.2} ms",
        percentile(&reference, 0.5),
        percentile(&reference, 0.99)
    ));
    r.say(format!(
        "- peak resident memory (both indexes and the postings): {:.0} MB",
        peak_rss_mb()
    ));

    if let Some(path) = write {
        let doc = std::fs::read_to_string(&path).unwrap_or_default();
        let (start, end) = ("<!-- market-bench:start -->", "<!-- market-bench:end -->");
        let block = format!("{start}\n{}{end}", r.0);
        let doc = match (doc.find(start), doc.find(end)) {
            (Some(a), Some(b)) => format!("{}{}{}", &doc[..a], block, &doc[b + end.len()..]),
            _ => format!("{doc}\n{block}\n"),
        };
        std::fs::write(&path, doc).expect("writing the benchmark file");
        eprintln!("wrote {path}");
    }
}
