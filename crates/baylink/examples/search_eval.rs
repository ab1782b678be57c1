//! Search quality: the judged queries of `crates/search/eval/` against the demo's records
//! and the synthetic postings, with Baylink's analysis and the two baselines, in one run.
//!
//! ```text
//! cargo run --release -p baylink --example search_eval
//! ```
//!
//! Prints nDCG@10 and recall@10 for each analysis, overall and by the form the query is
//! written in (mainland, Hong Kong or Taiwan terms, English, or a demo query's script).

use std::sync::Arc;

use baylink_search::Analysis;
use baylink_search::eval::{evaluate, postings, queries};
use baylink_store::Store;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = baylink_store_sqlite::SqliteStore::open_file(&dir.path().join("eval.db"))
        .await
        .expect("SQLite store");
    baylink::demo::load_with(&store, 30).await.expect("demo");
    let store: Arc<dyn Store> = Arc::new(store);
    let index = Arc::new(baylink_search::SearchIndex::in_ram().expect("index"));
    let mut docs = baylink_search::sync::Sync::new(index, store)
        .all_documents()
        .await
        .expect("records");
    let demo = docs.len();
    docs.extend(postings(1_000_000));
    println!(
        "corpus: {} records ({demo} from the demo, {} synthetic postings); {} judged queries",
        docs.len(),
        docs.len() - demo,
        queries().len()
    );
    println!();
    println!("| analysis | nDCG@10 | recall@10 | by form: nDCG@10 / recall@10 |");
    println!("|---|---|---|---|");
    for (name, analysis) in [
        (
            "tantivy default tokenizer (baseline)",
            Analysis::TantivyDefault,
        ),
        ("jieba, no conversion (baseline)", Analysis::JiebaOnly),
        ("Baylink", Analysis::Baylink),
    ] {
        let s = evaluate(&docs, analysis);
        let forms: Vec<String> = s
            .by_form
            .iter()
            .map(|(form, (ndcg, recall))| format!("{form} {ndcg:.3} / {recall:.3}"))
            .collect();
        println!(
            "| {name} | {:.3} | {:.3} | {} |",
            s.ndcg,
            s.recall,
            forms.join("; ")
        );
    }
}
