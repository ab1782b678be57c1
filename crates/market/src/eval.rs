//! The recommender's evaluation: the synthetic postings and judged counterparts of
//! `eval/` (written by `eval/generate.py`, compiled in), and the scores the
//! `market_eval` example prints and the test keeps ahead of the baselines.
//!
//! Three systems rank the same candidates (postings on the other side, from another
//! organisation) for every judged posting:
//! - Baylink's recommender;
//! - BM25 on the text as written (jieba, no conversion);
//! - BM25 after script conversion only (OpenCC hk2s, no regional terms, no English terms).
//!
//! The baselines are given the same candidate filter, so the comparison is about ranking.

use std::collections::{HashMap, HashSet};

use baylink_search::analysis::Analysis;
use baylink_store::{OrgType, PostingKind, PostingSide, Region, Sector};

use crate::recommend::{Profile, Recommender, Weights};

const POSTINGS: &str = include_str!("../eval/postings.tsv");
const JUDGED: &str = include_str!("../eval/judged.tsv");

/// "Now" for the evaluation, so freshness is the same on every run.
pub const NOW: i64 = 1_733_702_400; // 2024-12-09

/// The fields of each evaluation posting as written in `postings.tsv`: key, side, kind,
/// sectors, organisation type, region, script, days old, title, summary. The demo loads
/// the same postings.
pub fn rows() -> Vec<[&'static str; 10]> {
    POSTINGS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            f.try_into()
                .unwrap_or_else(|_| panic!("eval posting line: {line}"))
        })
        .collect()
}

/// The evaluation postings as profiles (each from its own organisation), with their keys.
pub fn profiles() -> Vec<(String, Profile)> {
    rows()
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let id = i as i64 + 1;
            let profile = Profile {
                id,
                side: PostingSide::parse(f[1]).expect("side"),
                kind: PostingKind::parse(f[2]).expect("kind"),
                sectors: f[3]
                    .split(',')
                    .map(|s| Sector::parse(s).expect("sector"))
                    .collect(),
                modes: Vec::new(),
                targets: Vec::new(),
                org_id: id,
                org_type: OrgType::parse(f[4]).expect("org type"),
                region: Region::parse(f[5]).expect("region"),
                since: NOW - f[7].parse::<i64>().expect("days") * 86_400,
                text: format!("{}\n{}", f[8], f[9]),
                version: 1,
                words_stamp: 0,
            };
            (f[0].to_owned(), profile)
        })
        .collect()
}

/// Judged postings: key → keys of its right counterparts.
pub fn judged() -> Vec<(String, HashSet<String>)> {
    JUDGED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (k, rel) = l.split_once('\t').expect("judged line");
            (k.to_owned(), rel.split(',').map(str::to_owned).collect())
        })
        .collect()
}

/// Mean precision@5, recall@20 and nDCG@10 over the judged postings.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub precision_5: f64,
    pub recall_20: f64,
    pub ndcg_10: f64,
    pub judged: usize,
}

/// One ranking's figures (binary relevance).
pub fn score(ranked: &[String], relevant: &HashSet<String>) -> (f64, f64, f64) {
    let hit = |k: &String| relevant.contains(k);
    let p5 = ranked.iter().take(5).filter(|k| hit(k)).count() as f64 / 5.0;
    let r20 =
        ranked.iter().take(20).filter(|k| hit(k)).count() as f64 / relevant.len().max(1) as f64;
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, k)| hit(k))
        .map(|(i, _)| 1.0 / (i as f64 + 2.0).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(10))
        .map(|i| 1.0 / (i as f64 + 2.0).log2())
        .sum();
    (p5, r20, if ideal > 0.0 { dcg / ideal } else { 0.0 })
}

/// The systems compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    Baylink,
    Bm25Unconverted,
    Bm25Converted,
}

impl System {
    pub const ALL: [System; 3] = [
        System::Baylink,
        System::Bm25Unconverted,
        System::Bm25Converted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            System::Baylink => "Baylink recommender",
            System::Bm25Unconverted => "BM25, text as written",
            System::Bm25Converted => "BM25, script conversion only",
        }
    }
}

/// Evaluates `system` on `profiles` against `judged`.
pub fn evaluate(
    system: System,
    profiles: &[(String, Profile)],
    judged: &[(String, HashSet<String>)],
) -> Scores {
    let only: Vec<Profile> = profiles.iter().map(|(_, p)| p.clone()).collect();
    let key_of: HashMap<i64, &str> = profiles.iter().map(|(k, p)| (p.id, k.as_str())).collect();
    let id_of: HashMap<&str, i64> = profiles.iter().map(|(k, p)| (k.as_str(), p.id)).collect();
    let analysis = match system {
        System::Baylink => Analysis::Baylink,
        System::Bm25Unconverted => Analysis::JiebaOnly,
        System::Bm25Converted => Analysis::ConvertedOnly,
    };
    let rec = Recommender::build_with(&only, analysis, Weights::default(), None);
    let mut total = Scores::default();
    for (key, relevant) in judged {
        let id = id_of[key.as_str()];
        let ranked: Vec<i64> = match system {
            System::Baylink => rec
                .recommend(id, NOW, 20)
                .into_iter()
                .map(|r| r.posting_id)
                .collect(),
            _ => rec.rank_by_text(id, 20),
        };
        let ranked: Vec<String> = ranked.iter().map(|i| key_of[i].to_owned()).collect();
        let (p, r, n) = score(&ranked, relevant);
        total.precision_5 += p;
        total.recall_20 += r;
        total.ndcg_10 += n;
        total.judged += 1;
    }
    let n = total.judged.max(1) as f64;
    total.precision_5 /= n;
    total.recall_20 /= n;
    total.ndcg_10 /= n;
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_is_standard() {
        let rel: HashSet<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        let ranked: Vec<String> = ["a", "x", "b"].iter().map(|s| s.to_string()).collect();
        let (p, r, n) = score(&ranked, &rel);
        assert!((p - 0.4).abs() < 1e-9);
        assert!((r - 1.0).abs() < 1e-9);
        let expected = (1.0 + 1.0 / 4f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert!((n - expected).abs() < 1e-9);
    }

    #[test]
    fn the_set_is_as_the_issue_asks() {
        let p = profiles();
        let j = judged();
        assert!(p.len() >= 300 && j.len() >= 60);
        let scripts: HashSet<&str> = p
            .iter()
            .map(|(_, p)| if p.text.is_ascii() { "en" } else { "zh" })
            .collect();
        assert_eq!(scripts.len(), 2);
        let keys: HashSet<&str> = p.iter().map(|(k, _)| k.as_str()).collect();
        assert!(
            j.iter().all(|(k, rel)| keys.contains(k.as_str())
                && rel.iter().all(|r| keys.contains(r.as_str())))
        );
    }
}

#[cfg(test)]
mod quality {
    use super::*;

    /// The issue's bar: the recommender beats both baselines on every figure.
    #[test]
    fn recommender_beats_both_baselines_on_every_figure() {
        let p = profiles();
        let j = judged();
        let ours = evaluate(System::Baylink, &p, &j);
        for baseline in [System::Bm25Unconverted, System::Bm25Converted] {
            let b = evaluate(baseline, &p, &j);
            assert!(
                ours.precision_5 > b.precision_5,
                "{baseline:?}: {ours:?} vs {b:?}"
            );
            assert!(
                ours.recall_20 > b.recall_20,
                "{baseline:?}: {ours:?} vs {b:?}"
            );
            assert!(ours.ndcg_10 > b.ndcg_10, "{baseline:?}: {ours:?} vs {b:?}");
        }
    }
}
