//! What two postings say in common: an in-memory BM25 index whose "query" is a whole
//! posting.
//!
//! Search (tantivy) answers a few words typed by a reader; a recommendation compares a
//! posting of a hundred words with every posting on the other side. Doing that through a
//! query parser would build a hundred-clause query per posting, so the recommender keeps
//! its own index: per term, the postings holding it with their BM25 weight precomputed
//! (an impact), and per posting, its terms. Scoring one posting is then one pass over the
//! lists of its terms.
//!
//! The similarity is normalised like a cosine, `S(q,d) / sqrt(S(q,q) · S(d,d))`, where
//! `S(x,y)` sums `y`'s impacts over the terms both hold: a long posting that mentions
//! everything does not outrank the one that says the same as `q`.
//!
//! The analysis is a parameter, so the same index measures the two baselines (jieba on the
//! text as written, and after script conversion only) against Baylink's analysis.

use std::cell::RefCell;
use std::collections::HashMap;

use baylink_search::analysis::{Analysis, analyze_with};

/// BM25's usual constants.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A term held by more than this share of postings, in an index of more than
/// [`COMMON_FLOOR`] postings, is skipped when scoring: its list is long and its weight
/// small (words like 合作 or "partner"). This bounds the work per posting on a large
/// index; small indexes score every term.
const COMMON_SHARE: f32 = 0.05;
const COMMON_FLOOR: usize = 50_000;

/// English words that say nothing about what a posting offers or needs: Lucene's English
/// stop words (the list tantivy ships) and the pronouns postings are written in ("we
/// offer…", "our partners…", "your team"). BM25 still gives each a small weight, enough to
/// rank two unrelated English postings together above a right counterpart, and to be named
/// as a reason; so they are dropped before scoring, for every analysis alike (the
/// baselines are measured the same way).
const STOP_WORDS: [&str; 43] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "we", "our", "us", "you", "your", "i", "my",
    "its", "from", "has",
];

/// The stop words as each analysis writes them (stemmed by Baylink's, as typed by the
/// others).
fn is_stop_word(analysis: Analysis, term: &str) -> bool {
    use std::sync::LazyLock;
    static STEMMED: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        STOP_WORDS
            .iter()
            .flat_map(|w| analyze_with(Analysis::Baylink, w))
            .map(|(t, _)| t)
            .collect()
    });
    term.is_ascii()
        && match analysis {
            Analysis::Baylink => STEMMED.contains(term),
            _ => STOP_WORDS.contains(&term),
        }
}

/// An analysed document: its distinct terms with their counts, and its length in terms.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    pub terms: Vec<(String, u32)>,
    pub len: u32,
}

/// Analyses `text` with `analysis` into distinct terms and counts.
pub fn analyse(analysis: Analysis, text: &str) -> Analysed {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut len = 0;
    for (term, _) in analyze_with(analysis, text) {
        if is_stop_word(analysis, &term) {
            continue;
        }
        *counts.entry(term).or_default() += 1;
        len += 1;
    }
    let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
    terms.sort_unstable();
    Analysed { terms, len }
}

/// Analyses many texts on every core.
pub fn analyse_all(analysis: Analysis, texts: &[&str]) -> Vec<Analysed> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(texts.len().max(1));
    let chunk = texts.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|t| analyse(analysis, t))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("analysis thread"))
            .collect()
    })
}

/// The BM25 index over a fixed set of documents, numbered 0..n in the order given.
#[derive(Debug, Default)]
pub struct TextIndex {
    terms: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    idf: Vec<f32>,
    /// Per term: (document, impact), by document.
    lists: Vec<Vec<(u32, f32)>>,
    /// Per document: its term ids, sorted, with their counts and its length: enough to
    /// score it as a query and to rebuild without analysing it again.
    doc_terms: Vec<Box<[u32]>>,
    doc_tf: Vec<Box<[u16]>>,
    doc_len: Vec<u32>,
    /// Per document: `S(d,d)`.
    self_score: Vec<f32>,
    /// Terms whose lists are skipped when scoring (see [`COMMON_SHARE`]).
    common: Vec<bool>,
}

/// A posting scored against the index: documents that share a term, with `S(q,d)`, and
/// the query's own `S(q,q)`.
pub struct Scored {
    pub hits: Vec<(u32, f32)>,
    pub self_score: f32,
}

thread_local! {
    static ACC: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

impl TextIndex {
    pub fn build(docs: &[Analysed]) -> TextIndex {
        let mut index = TextIndex::default();
        for d in docs {
            index.push(d);
        }
        index.finish();
        index
    }

    /// Adds a document, interning its terms (a build in parts keeps only term ids of the
    /// documents already added, not their analysed text). [`TextIndex::finish`] must run
    /// before scoring.
    pub fn push(&mut self, d: &Analysed) {
        let mut pairs: Vec<(u32, u16)> = Vec::with_capacity(d.terms.len());
        for (t, tf) in &d.terms {
            let id = match self.terms.get(t.as_str()) {
                Some(id) => *id,
                None => {
                    let id = self.names.len() as u32;
                    self.terms.insert(t.as_str().into(), id);
                    self.names.push(t.as_str().into());
                    id
                }
            };
            pairs.push((id, (*tf).min(u16::MAX as u32) as u16));
        }
        pairs.sort_unstable();
        self.doc_terms.push(pairs.iter().map(|p| p.0).collect());
        self.doc_tf.push(pairs.iter().map(|p| p.1).collect());
        self.doc_len.push(d.len);
    }

    /// Computes the weights once every document is in.
    pub fn finish(&mut self) {
        self.finish_against(None);
    }

    /// [`TextIndex::finish`], with how rare each term is counted over `background`'s
    /// documents as well as these: a handful of documents cannot tell a rare term from
    /// a common word ("we", "希望"), a market's worth can.
    pub fn finish_against(&mut self, background: Option<&TextIndex>) {
        let n = self.doc_terms.len();
        let avg =
            (self.doc_len.iter().map(|&l| l as f64).sum::<f64>() / n.max(1) as f64).max(1.0) as f32;
        let mut df = vec![0u32; self.names.len()];
        for terms in &self.doc_terms {
            for &id in terms.iter() {
                df[id as usize] += 1;
            }
        }
        let extra = |id: usize| {
            background.map_or(0, |b| {
                b.terms
                    .get(&self.names[id])
                    .map_or(0, |&t| b.doc_frequency(t))
            })
        };
        let total = n + background.map_or(0, TextIndex::len);
        self.idf = df
            .iter()
            .enumerate()
            .map(|(id, &f)| {
                let f = (f + extra(id)) as f32;
                (1.0 + (total as f32 - f + 0.5) / (f + 0.5)).ln()
            })
            .collect();
        self.common = df
            .iter()
            .map(|&f| n > COMMON_FLOOR && f as f32 > COMMON_SHARE * n as f32)
            .collect();
        self.lists = df.iter().map(|&f| Vec::with_capacity(f as usize)).collect();
        self.self_score = Vec::with_capacity(n);
        for doc in 0..n {
            let norm = K1 * (1.0 - B + B * self.doc_len[doc] as f32 / avg);
            let mut own = 0.0;
            for (&id, &tf) in self.doc_terms[doc].iter().zip(self.doc_tf[doc].iter()) {
                let tf = tf as f32;
                let impact = self.idf[id as usize] * tf * (K1 + 1.0) / (tf + norm);
                self.lists[id as usize].push((doc as u32, impact));
                own += impact;
            }
            self.self_score.push(own);
        }
    }

    pub fn len(&self) -> usize {
        self.doc_terms.len()
    }

    /// How many documents hold term `id`.
    fn doc_frequency(&self, id: u32) -> u32 {
        self.lists.get(id as usize).map_or(0, |l| l.len() as u32)
    }

    pub fn is_empty(&self) -> bool {
        self.doc_terms.is_empty()
    }

    /// `S(d,d)` of an indexed document.
    pub fn self_score(&self, doc: u32) -> f32 {
        self.self_score[doc as usize]
    }

    /// A term's text and idf.
    pub fn term(&self, id: u32) -> (&str, f32) {
        (&self.names[id as usize], self.idf[id as usize])
    }

    /// Indexed document `doc` as it was analysed, for a rebuild.
    pub fn analysed(&self, doc: u32) -> Analysed {
        let d = doc as usize;
        Analysed {
            terms: self.doc_terms[d]
                .iter()
                .zip(self.doc_tf[d].iter())
                .map(|(&id, &tf)| (self.names[id as usize].to_string(), tf as u32))
                .collect(),
            len: self.doc_len[d],
        }
    }

    pub fn doc_terms(&self, doc: u32) -> &[u32] {
        &self.doc_terms[doc as usize]
    }

    /// Scores indexed document `doc` against every other document sharing a term.
    pub fn score_doc(&self, doc: u32) -> Scored {
        let hits = self.accumulate(self.doc_terms(doc), Some(doc));
        Scored {
            hits,
            self_score: self.self_score(doc),
        }
    }

    /// Scores a document that is not in the index (a posting being written, or one from
    /// another set), analysed the same way. Terms the index does not hold add nothing.
    pub fn score_text(&self, doc: &Analysed) -> (Scored, Vec<u32>) {
        let (ids, own) = self.query_of(doc);
        let hits = self.accumulate(&ids, None);
        (
            Scored {
                hits,
                self_score: own,
            },
            ids,
        )
    }

    fn accumulate(&self, terms: &[u32], skip: Option<u32>) -> Vec<(u32, f32)> {
        self.with_scores(terms, |acc, touched| {
            touched
                .iter()
                .filter(|&&d| Some(d) != skip)
                .map(|&d| (d, acc[d as usize]))
                .collect()
        })
    }

    /// Runs `f` with `S(q,d)` for every document in one dense array (0 where no term is
    /// shared) and the list of documents that share a term. Reading the array directly
    /// spares the caller a map of a few hundred thousand entries on a large index; it is
    /// cleared (through the list) afterwards.
    pub fn with_scores<R>(&self, terms: &[u32], f: impl FnOnce(&[f32], &[u32]) -> R) -> R {
        ACC.with(|acc| {
            let mut acc = acc.borrow_mut();
            if acc.len() < self.len() {
                acc.resize(self.len(), 0.0);
            }
            let mut touched: Vec<u32> = Vec::new();
            for &t in terms {
                if self.common[t as usize] {
                    continue;
                }
                for &(d, impact) in &self.lists[t as usize] {
                    let slot = &mut acc[d as usize];
                    if *slot == 0.0 {
                        touched.push(d);
                    }
                    *slot += impact;
                }
            }
            let out = f(&acc, &touched);
            for d in touched {
                acc[d as usize] = 0.0;
            }
            out
        })
    }

    /// The terms of a document that is not in the index, as ids of the terms the index
    /// holds, and its own `S(q,q)` (weighted as if it had the average length).
    pub fn query_of(&self, doc: &Analysed) -> (Vec<u32>, f32) {
        let n = self.len().max(1) as f32;
        let norm = K1;
        let mut ids = Vec::new();
        let mut own = 0.0;
        for (t, tf) in &doc.terms {
            let tf = *tf as f32;
            let idf = match self.terms.get(t.as_str()) {
                Some(&id) => {
                    ids.push(id);
                    self.idf[id as usize]
                }
                None => (1.0 + (n + 0.5) / 0.5f32).ln(),
            };
            own += idf * tf * (K1 + 1.0) / (tf + norm);
        }
        ids.sort_unstable();
        (ids, own)
    }

    /// The similarity in [0, 1] of a score `s = S(q,d)`.
    pub fn similarity(&self, scored_self: f32, doc: u32, s: f32) -> f32 {
        let denom = (scored_self * self.self_score(doc)).sqrt();
        if denom <= 0.0 {
            0.0
        } else {
            (s / denom).min(1.0)
        }
    }

    /// The `max` terms of indexed document `doc` that weigh most in it (its impacts),
    /// sorted by id: what a recommendation queries with. Like Lucene's "more like this",
    /// a long posting is represented by its most telling words; its other words still
    /// count in `S(q,q)` and in the reasons.
    pub fn query_terms(&self, doc: u32, max: usize) -> Vec<u32> {
        let d = doc as usize;
        let terms = &self.doc_terms[d];
        if terms.len() <= max {
            return terms.to_vec();
        }
        let mut weighted: Vec<(f32, u32)> = terms
            .iter()
            .zip(self.doc_tf[d].iter())
            .map(|(&id, &tf)| (self.idf[id as usize] * (tf as f32).sqrt(), id))
            .collect();
        weighted.select_nth_unstable_by(max - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top: Vec<u32> = weighted[..max].iter().map(|w| w.1).collect();
        top.sort_unstable();
        top
    }

    /// [`TextIndex::query_terms`] for a term list that is not an indexed document.
    pub fn strongest(&self, terms: &[u32], max: usize) -> Vec<u32> {
        if terms.len() <= max {
            return terms.to_vec();
        }
        let mut weighted: Vec<(f32, u32)> = terms
            .iter()
            .map(|&id| (self.idf[id as usize], id))
            .collect();
        weighted.select_nth_unstable_by(max - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top: Vec<u32> = weighted[..max].iter().map(|w| w.1).collect();
        top.sort_unstable();
        top
    }

    /// The terms `a` (sorted ids) and document `doc` share, rarest first, at most `limit`.
    pub fn shared_terms(&self, a: &[u32], doc: u32, limit: usize) -> Vec<&str> {
        let b = self.doc_terms(doc);
        let (mut i, mut j) = (0, 0);
        let mut shared = Vec::new();
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared.push(a[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        // Rarest first; a term inside a longer shared term (智能 in 人工智能) adds nothing.
        // Among equally rare terms the longest first, so 信息安全 is said rather than the
        // pair 息安 that the analysis also emits for it.
        shared.sort_by(|x, y| {
            self.idf[*y as usize]
                .total_cmp(&self.idf[*x as usize])
                .then(
                    self.names[*y as usize]
                        .chars()
                        .count()
                        .cmp(&self.names[*x as usize].chars().count()),
                )
        });
        // A pair the analysis emits across a word boundary (息安 from 信息|安全) reads as
        // nonsense: skip a two-character term when one shared term ends with its first
        // character and another starts with its second.
        let names: Vec<&str> = shared.iter().map(|&id| &*self.names[id as usize]).collect();
        let junction = |name: &str| {
            let mut chars = name.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(first), Some(second), None) => {
                    names
                        .iter()
                        .any(|o| *o != name && o.chars().count() >= 2 && o.ends_with(first))
                        && names
                            .iter()
                            .any(|o| *o != name && o.chars().count() >= 2 && o.starts_with(second))
                }
                _ => false,
            }
        };
        let mut out: Vec<&str> = Vec::new();
        for id in shared {
            let name = &*self.names[id as usize];
            if junction(name) {
                continue;
            }
            // Words in a tenth or more of the postings (我們, 合作) explain nothing, once
            // there are enough postings to tell.
            let n = self.len();
            if n >= 20 && self.lists[id as usize].len() * 10 >= n {
                continue;
            }
            if name.chars().count() < 2 || out.iter().any(|o| o.contains(name) || name.contains(o))
            {
                continue;
            }
            out.push(name);
            if out.len() == limit {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(terms: &[&str]) -> Analysed {
        Analysed {
            terms: terms.iter().map(|t| (t.to_string(), 1)).collect(),
            len: terms.len() as u32,
        }
    }

    #[test]
    fn a_background_tells_common_words_from_rare_terms() {
        // Two profiles alone: "we" and "lidar" are equally rare.
        let profiles = [doc(&["we", "lidar"]), doc(&["we", "lidar", "robot"])];
        let alone = TextIndex::build(&profiles);
        let id = |i: &TextIndex, t: &str| i.terms[t];
        assert_eq!(
            alone.idf[id(&alone, "we") as usize],
            alone.idf[id(&alone, "lidar") as usize]
        );
        // A market in which everyone says "we" and nobody "lidar".
        let market: Vec<Analysed> = (0..50).map(|_| doc(&["we", "battery"])).collect();
        let market = TextIndex::build(&market);
        let mut against = TextIndex::default();
        for p in &profiles {
            against.push(p);
        }
        against.finish_against(Some(&market));
        let (we, lidar) = (id(&against, "we"), id(&against, "lidar"));
        assert!(against.idf[we as usize] < against.idf[lidar as usize] / 10.0);
        // So a profile that shares only "we" scores far below one that shares "lidar".
        let (by_we, _) = against.score_text(&doc(&["we"]));
        let (by_lidar, _) = against.score_text(&doc(&["lidar"]));
        let best = |s: &Scored| s.hits.iter().map(|h| h.1).fold(0.0, f32::max);
        assert!(best(&by_we) < best(&by_lidar) / 10.0);
    }

    #[test]
    fn english_stop_words_are_no_terms_in_any_analysis() {
        let text = "We offer our LiDAR sensors to the partners of your robots, and this is it.";
        for analysis in [
            Analysis::Baylink,
            Analysis::JiebaOnly,
            Analysis::ConvertedOnly,
        ] {
            let terms: Vec<String> = analyse(analysis, text)
                .terms
                .into_iter()
                .map(|(t, _)| t)
                .collect();
            for stop in ["we", "our", "the", "of", "your", "and", "this", "is", "it"] {
                assert!(!terms.iter().any(|t| t == stop), "{analysis:?}: {terms:?}");
            }
            assert!(
                terms.iter().any(|t| t.starts_with("lidar")),
                "{analysis:?}: {terms:?}"
            );
            assert!(
                terms.iter().any(|t| t.starts_with("sensor")),
                "{analysis:?}: {terms:?}"
            );
        }
        // Chinese is untouched (这 and 我们 say little too, but the weights tell them).
        let zh = analyse(Analysis::Baylink, "我們提供激光雷達");
        assert!(zh.terms.iter().any(|(t, _)| t == "激光雷达"), "{zh:?}");
    }

    #[test]
    fn a_pair_across_a_word_boundary_is_no_reason() {
        // 息安 is what the analysis emits across 信息|安全; a third document makes the
        // words commoner than the pair, so without the rule the pair would come first.
        let index = TextIndex::build(&[
            doc(&["信息", "安全", "息安", "态势"]),
            doc(&["信息", "安全", "息安", "态势"]),
            doc(&["信息", "安全"]),
        ]);
        let shared = index.shared_terms(index.doc_terms(0), 1, 3);
        assert!(!shared.contains(&"息安"), "{shared:?}");
        assert!(
            shared.contains(&"态势") && shared.contains(&"信息"),
            "{shared:?}"
        );
    }
}
