//! The search evaluation: the judged queries and synthetic postings of `eval/`, compiled in,
//! and the scoring (nDCG@10 and recall@10 with binary relevance) used by the
//! `search_eval` example and the test that keeps Baylink's analysis ahead of the baselines.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::{Analysis, Document, SearchIndex, SearchQuery};

const POSTINGS: &str = include_str!("../eval/postings.tsv");
const QUERIES: &str = include_str!("../eval/queries.tsv");

/// One judged query.
pub struct Judged {
    pub query: String,
    /// `mainland`, `hong_kong`, `taiwan`, `english`, or a demo query's script.
    pub form: String,
    /// `posting:P0001`, or `kind:stored title` for the demo's records.
    pub relevant: HashSet<String>,
}

/// The judged queries.
pub fn queries() -> Vec<Judged> {
    QUERIES
        .lines()
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

/// The synthetic postings, numbered from `first_id`.
pub fn postings(first_id: i64) -> Vec<Document> {
    POSTINGS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .enumerate()
        .map(|(i, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            let id = first_id + i as i64;
            Document {
                kind: "posting".into(),
                id,
                title: cols[4].into(),
                title_script: cols[1].into(),
                body: Some(cols[5].into()),
                body_script: cols[1].into(),
                region: Some(cols[2].into()),
                // The key, where the judgements can find it (never indexed).
                path: format!("/postings/{}", cols[0]),
                ..Default::default()
            }
        })
        .collect()
}

/// A document's identity in the judgements.
pub fn identity(d: &Document) -> String {
    match d.kind.as_str() {
        "posting" => format!("posting:{}", d.path.rsplit('/').next().unwrap_or_default()),
        kind => format!("{kind}:{}", d.title),
    }
}

/// nDCG@10 (binary relevance) and recall@10 of one ranking.
pub fn score(ranked: &[String], relevant: &HashSet<String>) -> (f64, f64) {
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

/// Mean nDCG@10 and recall@10 of one analysis, overall and by query form.
pub struct Scores {
    pub ndcg: f64,
    pub recall: f64,
    pub by_form: BTreeMap<String, (f64, f64)>,
}

/// Indexes `docs` with `analysis` and scores every judged query. Panics if a judged record
/// is missing from `docs`: then the set is broken, not the search.
pub fn evaluate(docs: &[Document], analysis: Analysis) -> Scores {
    let queries = queries();
    let known: HashSet<String> = docs.iter().map(identity).collect();
    for q in &queries {
        for r in &q.relevant {
            assert!(
                known.contains(r),
                "judged record {r} (query {}) is not in the corpus",
                q.query
            );
        }
    }
    let index = SearchIndex::in_ram_with(analysis).expect("index");
    index.apply(docs, &[], 1).expect("indexing");
    let mut total = (0.0, 0.0);
    let mut sums: HashMap<&str, (f64, f64, usize)> = HashMap::new();
    for q in &queries {
        let hits = index
            .search(&SearchQuery {
                text: q.query.clone(),
                limit: 10,
                ..Default::default()
            })
            .expect("search");
        let ranked: Vec<String> = hits.iter().map(|h| identity(&h.doc)).collect();
        let (ndcg, recall) = score(&ranked, &q.relevant);
        total.0 += ndcg;
        total.1 += recall;
        let f = sums.entry(&q.form).or_default();
        f.0 += ndcg;
        f.1 += recall;
        f.2 += 1;
    }
    let n = queries.len() as f64;
    Scores {
        ndcg: total.0 / n,
        recall: total.1 / n,
        by_form: sums
            .into_iter()
            .map(|(form, (ndcg, recall, count))| {
                (
                    form.to_owned(),
                    (ndcg / count as f64, recall / count as f64),
                )
            })
            .collect(),
    }
}
