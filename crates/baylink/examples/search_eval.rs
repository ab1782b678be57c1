//! Search quality: the judged queries of `crates/search/eval/` against the demo's records
//! and the synthetic postings, with Baylink's analysis and the two baselines, in one run.
//!
//! ```text
//! cargo run --release -p baylink --example search_eval
//! ```
//!
//! Prints nDCG@10 and recall@10 for each analysis, overall and by the form the query is
//! written in (mainland, Hong Kong or Taiwan terms, English, or a demo query).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use baylink_search::sync::document;
use baylink_search::{Analysis, Document, SearchIndex, SearchQuery};
use baylink_store::{SEARCH_KINDS, Store};

const EVAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../search/eval");

/// A document's identity in the judgements: `posting:P0001`, or `kind:stored title`.
fn identity(d: &Document, keys: &HashMap<i64, String>) -> String {
    match d.kind.as_str() {
        "posting" => format!("posting:{}", keys[&d.id]),
        kind => format!("{kind}:{}", d.title),
    }
}

/// The synthetic postings, as documents (their ids number them; `keys` maps back).
pub fn postings() -> (Vec<Document>, HashMap<i64, String>) {
    let text = std::fs::read_to_string(format!("{EVAL}/postings.tsv")).expect("postings.tsv");
    let mut docs = Vec::new();
    let mut keys = HashMap::new();
    for (i, line) in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .enumerate()
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let id = i as i64 + 1;
        keys.insert(id, cols[0].to_owned());
        docs.push(Document {
            kind: "posting".into(),
            id,
            title: cols[4].into(),
            title_script: cols[1].into(),
            body: Some(cols[5].into()),
            body_script: cols[1].into(),
            region: Some(cols[2].into()),
            path: format!("/postings/{id}"),
            ..Default::default()
        });
    }
    (docs, keys)
}

async fn demo_documents() -> Vec<Document> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = baylink_store_sqlite::SqliteStore::open_file(&dir.path().join("eval.db"))
        .await
        .expect("SQLite store");
    baylink::demo::load_with(&store, 30).await.expect("demo");
    let store: Arc<dyn Store> = Arc::new(store);
    let mut docs = Vec::new();
    for kind in SEARCH_KINDS {
        let mut after = 0;
        loop {
            let page = store
                .search_records_after(kind, after, 1_000)
                .await
                .expect("records");
            let Some(last) = page.last() else { break };
            after = last.id;
            docs.extend(page.into_iter().map(document));
        }
    }
    docs
}

struct Judged {
    query: String,
    form: String,
    relevant: HashSet<String>,
}

fn judged() -> Vec<Judged> {
    let text = std::fs::read_to_string(format!("{EVAL}/queries.tsv")).expect("queries.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Judged {
                query: cols[0].into(),
                form: cols[1].into(),
                relevant: cols[2].split(',').map(str::to_owned).collect(),
            }
        })
        .collect()
}

/// nDCG@10 with binary relevance, and recall@10.
fn score(ranked: &[String], relevant: &HashSet<String>) -> (f64, f64) {
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, id)| relevant.contains(*id))
        .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(10))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let found = ranked
        .iter()
        .take(10)
        .filter(|id| relevant.contains(*id))
        .count();
    (dcg / ideal, found as f64 / relevant.len() as f64)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut docs = demo_documents().await;
    let (posts, keys) = postings();
    docs.extend(posts);
    let queries = judged();
    // Every judged record must exist, or the set is broken rather than the search.
    let known: HashSet<String> = docs.iter().map(|d| identity(d, &keys)).collect();
    for q in &queries {
        for r in &q.relevant {
            assert!(
                known.contains(r),
                "judged record {r} (query {}) is not in the corpus",
                q.query
            );
        }
    }
    println!(
        "corpus: {} records ({} synthetic postings); {} judged queries",
        docs.len(),
        keys.len(),
        queries.len()
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
        let index = SearchIndex::in_ram_with(analysis).expect("index");
        index.apply(&docs, &[], 1).expect("indexing");
        let mut total = (0.0, 0.0);
        let mut by_form: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
        for q in &queries {
            let hits = index
                .search(&SearchQuery {
                    text: q.query.clone(),
                    limit: 10,
                    ..Default::default()
                })
                .expect("search");
            let ranked: Vec<String> = hits.iter().map(|h| identity(&h.doc, &keys)).collect();
            let (ndcg, recall) = score(&ranked, &q.relevant);
            total.0 += ndcg;
            total.1 += recall;
            let f = by_form.entry(q.form.as_str()).or_default();
            f.0 += ndcg;
            f.1 += recall;
            f.2 += 1;
        }
        let n = queries.len() as f64;
        let forms: Vec<String> = by_form
            .iter()
            .map(|(form, (ndcg, recall, count))| {
                format!(
                    "{form} {:.3} / {:.3}",
                    ndcg / *count as f64,
                    recall / *count as f64
                )
            })
            .collect();
        println!(
            "| {name} | {:.3} | {:.3} | {} |",
            total.0 / n,
            total.1 / n,
            forms.join("; ")
        );
    }
}
