//! Search at scale: index N synthetic postings (default 1,000,000), then time queries.
//!
//! ```text
//! cargo run --release -p baylink-search --example search_bench -- [N] [QUERIES]
//! ```
//!
//! Postings are made from the regional-terms table: a title naming one concept and a body
//! naming it and another, each in one of the four ways the alliance writes (mainland
//! Simplified, Hong Kong and Taiwan Traditional, English), so the index holds the same
//! mixture real postings will. The index lives on disk in a temporary directory. Reported:
//! indexing documents per second (all commits included), query latency p50/p99 over
//! QUERIES queries (default 2,000, each a term in one of its four forms, with a one-in-four
//! kind or region filter), the same queries again as the pages ask them, as of a day when
//! a tenth of the postings have expired, and the process's peak resident memory.

use std::time::Instant;

use baylink_search::{Document, SearchIndex, SearchQuery};

/// A small deterministic generator (xorshift64*), so every run indexes the same postings.
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

const REGIONS: [&str; 4] = ["shenzhen", "hong_kong", "overseas", "macao"];

/// The day the dated queries search as of.
const TODAY: &str = "2026-11-27";

fn form(t: &baylink_text::Term, f: usize) -> &'static str {
    [t.mainland, t.hong_kong, t.taiwan, t.english][f]
}

fn posting(id: i64, rng: &mut Rng, terms: &[baylink_text::Term]) -> Document {
    let f = rng.below(4);
    let a = &terms[rng.below(terms.len())];
    let b = &terms[rng.below(terms.len())];
    let (title, body, script) = match f {
        0 => (
            format!("{}技术合作需求", a.mainland),
            format!(
                "我司专注于{}相关研发，现寻求在{}方面有经验的伙伴，共同推进成果在大湾区落地。",
                a.mainland, b.mainland
            ),
            "zh-Hans",
        ),
        1 => (
            format!("{}合作項目", a.hong_kong),
            format!(
                "本機構致力{}研究多年，希望與深圳企業在{}方面建立長期合作。",
                a.hong_kong, b.hong_kong
            ),
            "zh-Hant",
        ),
        2 => (
            format!("{}技術授權", a.taiwan),
            format!(
                "本團隊開發{}相關技術，尋求{}領域之合作夥伴進行授權。",
                a.taiwan, b.taiwan
            ),
            "zh-Hant",
        ),
        _ => (
            format!("{} partnership", a.english),
            format!(
                "We develop {} solutions and seek partners with experience in {} across the Greater Bay Area.",
                a.english, b.english
            ),
            "en",
        ),
    };
    Document {
        kind: "posting".into(),
        id,
        title,
        title_script: script.into(),
        body: Some(body),
        body_script: script.into(),
        region: Some(REGIONS[rng.below(REGIONS.len())].into()),
        year: Some(2020 + rng.below(6) as i64),
        path: format!("/postings/{id}"),
        // One posting in ten is past its last day on `TODAY` (from the id, so the postings
        // and the queries are the same as without it).
        expires_on: Some(
            if id % 10 == 0 {
                "2026-01-31"
            } else {
                "2027-12-31"
            }
            .into(),
        ),
        ..Default::default()
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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: i64 = args.first().map_or(1_000_000, |a| a.parse().expect("N"));
    let queries: usize = args.get(1).map_or(2_000, |a| a.parse().expect("QUERIES"));
    let terms = baylink_text::terms();
    let dir = tempfile::tempdir_in(std::env::temp_dir()).expect("temporary directory");
    let started = Instant::now();
    baylink_search::warm_up();
    let index = SearchIndex::open(dir.path()).expect("index");
    println!(
        "start-up (dictionaries, terms, empty index): {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    let batch = 50_000;
    let mut id = 0;
    while id < n {
        let docs: Vec<Document> = (0..batch.min(n - id))
            .map(|i| posting(id + i + 1, &mut rng, terms))
            .collect();
        id += docs.len() as i64;
        index.add(&docs).expect("adding");
        if id % 200_000 == 0 {
            eprintln!(
                "  {id} added, {:.0} docs/s",
                id as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    index.apply(&[], &[], n).expect("commit");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "indexed {n} postings in {seconds:.1} s: {:.0} documents/s (commit included)",
        n as f64 / seconds
    );
    println!("documents searchable: {}", index.len());

    // The same queries twice, side by side: as before (no date), and as the pages ask
    // (as of `TODAY`, dropping expired postings and asking again when some were dropped).
    let mut times = Vec::with_capacity(queries);
    let mut dated = Vec::with_capacity(queries);
    let (mut hits, mut dated_hits) = (0, 0);
    for i in 0..queries {
        let t = &terms[rng.below(terms.len())];
        let mut q = SearchQuery {
            text: form(t, rng.below(4)).to_owned(),
            limit: 10,
            ..Default::default()
        };
        match rng.below(8) {
            0 => q.region = Some("hong_kong".into()),
            1 => q.year = Some(2023),
            _ => {}
        }
        let mut as_of = q.clone();
        as_of.live_on = Some(TODAY.into());
        // Alternate which goes first: the second finds the index's pages warm.
        let first_dated = i % 2 == 1;
        for dated_now in [first_dated, !first_dated] {
            let query = if dated_now { &as_of } else { &q };
            let started = Instant::now();
            let found = index.search(query).expect("search").len();
            let ms = started.elapsed().as_secs_f64() * 1e3;
            if dated_now {
                dated_hits += found;
                dated.push(ms);
            } else {
                hits += found;
                times.push(ms);
            }
        }
    }
    for (label, times, hits) in [
        ("", &mut times, hits),
        (" as of a date (a tenth expired)", &mut dated, dated_hits),
    ] {
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        println!(
            "{queries} queries{label}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({:.1} hits per query)",
            at(0.50),
            at(0.99),
            times[times.len() - 1],
            hits as f64 / queries as f64
        );
    }
    println!("peak resident memory: {:.0} MB", peak_rss_mb());
}
