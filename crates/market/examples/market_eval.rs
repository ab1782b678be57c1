//! The recommender against the two baselines on the judged set (`eval/`):
//! `cargo run --release -p baylink-market --example market_eval`
//! With `--write BENCHMARKS.md` the table replaces the one between the
//! `<!-- market-eval:start -->` and `<!-- market-eval:end -->` markers.

use baylink_market::eval::{System, evaluate, judged, profiles};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let write = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1).cloned());
    let p = profiles();
    let j = judged();
    let mut table = format!(
        "{} postings, {} judged (needs and offers; counterparts in another script or language for most).\n\n| system | precision@5 | recall@20 | nDCG@10 |\n|---|---|---|---|\n",
        p.len(),
        j.len()
    );
    for system in System::ALL {
        let s = evaluate(system, &p, &j);
        let line = format!(
            "| {} | {:.3} | {:.3} | {:.3} |\n",
            system.label(),
            s.precision_5,
            s.recall_20,
            s.ndcg_10
        );
        print!("{line}");
        table.push_str(&line);
    }
    if let Some(path) = write {
        let doc = std::fs::read_to_string(&path).unwrap_or_default();
        let (start, end) = ("<!-- market-eval:start -->", "<!-- market-eval:end -->");
        let block = format!("{start}\n{table}{end}");
        let doc = match (doc.find(start), doc.find(end)) {
            (Some(a), Some(b)) => format!("{}{}{}", &doc[..a], block, &doc[b + end.len()..]),
            _ => format!("{doc}\n{block}\n"),
        };
        std::fs::write(&path, doc).expect("write");
        eprintln!("wrote {path}");
    }
}
