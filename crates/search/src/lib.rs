//! Baylink's search: one tantivy index over everything the store holds that a reader might
//! look for, analysed so that the three scripts, regional terms and English meet
//! ([`analysis`]).
//!
//! The index is a projection of the store, never the only copy of anything. Each app node
//! keeps its own and applies the store's change log to it; the number of the last change
//! applied is written into the index's own commit, so a node that was down resumes from
//! there, and a rebuild (`baylink reindex`) records the log's head it started from.
//!
//! Queries are never parsed for operators: whatever a reader types is analysed as text, so
//! `AND`, quotes, brackets or a 10,000-character paste are words, never an error page.

pub mod analysis;
pub mod eval;
pub mod sync;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use analysis::{Analysis, analyze, analyze_with, warm_up};

/// What can go wrong with the index (never shown to a reader; logged).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
}

pub type SearchResult<T> = Result<T, SearchError>;

/// A record to index, as the store gives it (see `baylink_store::SearchRecord`).
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// `organisation`, `person`, `event`, `item`, `posting`, `publication`.
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub body: Option<String>,
    pub body_script: String,
    /// A short name, a venue, a session title: searched like the title, shown under it.
    pub extra: Option<String>,
    pub region: Option<String>,
    pub year: Option<i64>,
    /// The page, under the reader's locale prefix (`/organisations/5`).
    pub path: String,
    /// The last day the record is shown (`YYYY-MM-DD`): postings expire.
    pub expires_on: Option<String>,
}

/// A reader's search.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    pub kind: Option<String>,
    pub region: Option<String>,
    pub year: Option<i64>,
    /// A field of the regional-terms table (`it`, `ai`, `bio`…).
    pub field: Option<String>,
    pub limit: usize,
    /// Today (`YYYY-MM-DD`): records whose last day is before it are not found. None finds
    /// them all.
    pub live_on: Option<String>,
    /// Every word of the text (as separated by blanks) must match, in one of its forms
    /// (a compound or its parts, any script); by default any word will do, ranked.
    pub all_words: bool,
    /// Only these records (kind and id), when given: an alert asks which of the postings
    /// new since its last look have its words.
    pub within: Option<Vec<(String, i64)>>,
}

/// One hit: the stored record and its score.
#[derive(Debug, Clone)]
pub struct Hit {
    pub doc: Document,
    pub score: f32,
}

/// Longer queries are cut here: past a few dozen words a query only gets slower.
pub const MAX_QUERY_CHARS: usize = 200;

struct Fields {
    key: Field,
    kind: Field,
    region: Field,
    year: Field,
    field: Field,
    title: Field,
    body: Field,
    stored: Field,
}

/// The index, its reader and its one writer.
pub struct SearchIndex {
    analysis: Analysis,
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    f: Fields,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let f = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING),
        region: b.add_text_field("region", STRING),
        year: b.add_i64_field("year", INDEXED),
        field: b.add_text_field("field", STRING),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        // The record as given, for display: JSON, read back whole.
        stored: b.add_text_field("stored", STORED),
    };
    (b.build(), f)
}

/// The fields of the regional-terms table whose terms `text` mentions.
fn fields_of(folded_terms: &HashSet<String>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for term in baylink_text::terms() {
        if folded_terms.contains(term.mainland) {
            let code = field_code(term.field);
            if !out.contains(&code) {
                out.push(code);
            }
        }
    }
    out
}

/// The code of a field, as filters and the table spell it.
pub fn field_code(field: baylink_text::Field) -> &'static str {
    use baylink_text::Field::*;
    match field {
        It => "it",
        Ai => "ai",
        Comms => "comms",
        Semiconductors => "semi",
        Biomedicine => "bio",
        Finance => "finance",
        Education => "edu",
        Government => "gov",
    }
}

impl SearchIndex {
    /// An index in memory (tests, and nodes that rebuild at start).
    pub fn in_ram() -> SearchResult<SearchIndex> {
        Self::in_ram_with(Analysis::Baylink)
    }

    /// An index in memory with another analysis (the evaluation's baselines).
    pub fn in_ram_with(analysis: Analysis) -> SearchResult<SearchIndex> {
        let (schema, f) = schema();
        Self::wrap(Index::create_in_ram(schema), f, analysis)
    }

    /// The index in `dir`, created when absent.
    pub fn open(dir: &Path) -> SearchResult<SearchIndex> {
        std::fs::create_dir_all(dir).map_err(|e| {
            SearchError::Index(tantivy::TantivyError::from(
                tantivy::directory::error::OpenDirectoryError::wrap_io_error(e, dir.to_owned()),
            ))
        })?;
        let (schema, f) = schema();
        let index = Index::open_or_create(MmapDirectory::open(dir)?, schema)?;
        Self::wrap(index, f, Analysis::Baylink)
    }

    fn wrap(index: Index, f: Fields, analysis: Analysis) -> SearchResult<SearchIndex> {
        index
            .tokenizers()
            .register(analysis::ANALYZER, analysis::analyzer_for(analysis));
        let writer = index.writer_with_num_threads(1, 50_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            analysis,
            index,
            reader,
            writer: Mutex::new(writer),
            f,
        })
    }

    /// The number of the last change-log entry this index contains (0: none).
    pub fn applied(&self) -> i64 {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    /// The number of documents searchable now.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn tantivy_doc(&self, d: &Document) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.f.key, format!("{}:{}", d.kind, d.id));
        doc.add_text(self.f.kind, &d.kind);
        if let Some(region) = &d.region {
            doc.add_text(self.f.region, region);
        }
        if let Some(year) = d.year {
            doc.add_i64(self.f.year, year);
        }
        let mut title = d.title.clone();
        for more in [&d.title_en, &d.extra].into_iter().flatten() {
            title.push('\n');
            title.push_str(more);
        }
        let body = d.body.clone().unwrap_or_default();
        let terms: HashSet<String> = analyze_with(self.analysis, &format!("{title}\n{body}"))
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        for code in fields_of(&terms) {
            doc.add_text(self.f.field, code);
        }
        doc.add_text(self.f.title, &title);
        // The body field holds the title too: a title word then scores in both fields,
        // which weighs titles up without a boost (a boosted clause would keep tantivy from
        // skipping blocks of documents that cannot reach the top ten).
        doc.add_text(self.f.body, format!("{title}\n{body}"));
        doc.add_text(self.f.stored, encode(d));
        doc
    }

    /// Replaces `upserts`, removes `removed` (kind, id), records `seq` as applied and makes
    /// it all searchable, in one commit.
    pub fn apply(
        &self,
        upserts: &[Document],
        removed: &[(String, i64)],
        seq: i64,
    ) -> SearchResult<()> {
        let mut writer = self.writer.lock().expect("index writer");
        for (kind, id) in removed {
            writer.delete_term(Term::from_field_text(self.f.key, &format!("{kind}:{id}")));
        }
        for d in upserts {
            writer.delete_term(Term::from_field_text(
                self.f.key,
                &format!("{}:{}", d.kind, d.id),
            ));
            writer.add_document(self.tantivy_doc(d))?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&seq.to_string());
        commit.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Starts a rebuild: everything is removed at the next [`SearchIndex::apply`].
    pub fn clear(&self) -> SearchResult<()> {
        self.writer
            .lock()
            .expect("index writer")
            .delete_all_documents()?;
        Ok(())
    }

    /// Adds documents without committing (a rebuild commits once, at the end, with
    /// [`SearchIndex::apply`]).
    pub fn add(&self, docs: &[Document]) -> SearchResult<()> {
        let writer = self.writer.lock().expect("index writer");
        for d in docs {
            writer.add_document(self.tantivy_doc(d))?;
        }
        Ok(())
    }

    /// The best hits for `q`, best first. Empty text gives no hits.
    pub fn search(&self, q: &SearchQuery) -> SearchResult<Vec<Hit>> {
        let text: String = q.text.chars().take(MAX_QUERY_CHARS).collect();
        // The terms of each word (all of the text as one word, unless every word must match).
        let words: Vec<&str> = if q.all_words {
            text.split_whitespace().collect()
        } else {
            vec![text.as_str()]
        };
        let mut seen = HashSet::new();
        let mut each_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in words {
            let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (term, _) in analyze_with(self.analysis, word) {
                if !seen.insert(term.clone()) {
                    continue;
                }
                let title = TermQuery::new(
                    Term::from_field_text(self.f.title, &term),
                    IndexRecordOption::WithFreqs,
                );
                let body = TermQuery::new(
                    Term::from_field_text(self.f.body, &term),
                    IndexRecordOption::WithFreqs,
                );
                should.push((Occur::Should, Box::new(title)));
                should.push((Occur::Should, Box::new(body)));
            }
            if !should.is_empty() {
                each_word.push((Occur::Must, Box::new(BooleanQuery::new(should))));
            }
        }
        let text_query: Box<dyn Query> = match each_word.len() {
            0 => return Ok(Vec::new()),
            // One word (or any word will do): the plain disjunction of its terms.
            1 => each_word.pop().expect("one").1,
            _ => Box::new(BooleanQuery::new(each_word)),
        };
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(within) = &q.within {
            let keys = within
                .iter()
                .map(|(kind, id)| Term::from_field_text(self.f.key, &format!("{kind}:{id}")));
            must.push((Occur::Must, Box::new(TermSetQuery::new(keys))));
        }
        let exact = |field: Field, value: &str| -> (Occur, Box<dyn Query>) {
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                )),
            )
        };
        if let Some(kind) = &q.kind {
            must.push(exact(self.f.kind, kind));
        }
        if let Some(region) = &q.region {
            must.push(exact(self.f.region, region));
        }
        if let Some(field) = &q.field {
            must.push(exact(self.f.field, field));
        }
        if let Some(year) = q.year {
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_i64(self.f.year, year),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        // Without filters the query is a plain disjunction of term queries, which tantivy
        // evaluates with block-max WAND; filters wrap it.
        let query: Box<dyn Query> = if must.is_empty() {
            text_query
        } else {
            must.push((Occur::Must, text_query));
            Box::new(BooleanQuery::new(must))
        };
        let searcher = self.reader.searcher();
        let limit = q.limit.clamp(1, 200);
        // Expired records are dropped after the search (expiry is a date, not a write, so
        // the index still holds them). A dated search asks for half as many again, and
        // asks again for more in the rare case that this does not fill the page.
        let mut asked = if q.live_on.is_some() {
            limit + limit.div_ceil(2)
        } else {
            limit
        };
        loop {
            let top =
                searcher.search(query.as_ref(), &TopDocs::with_limit(asked).order_by_score())?;
            let complete = top.len() < asked;
            let mut hits = Vec::with_capacity(limit);
            for (score, address) in top {
                let doc: TantivyDocument = searcher.doc(address)?;
                if let Some(stored) = doc.get_first(self.f.stored).and_then(|v| v.as_str())
                    && let Some(doc) = decode(stored)
                {
                    let expired = match (&doc.expires_on, &q.live_on) {
                        (Some(last), Some(today)) => last < today,
                        _ => false,
                    };
                    if !expired && hits.len() < limit {
                        hits.push(Hit { doc, score });
                    }
                }
            }
            if hits.len() == limit || complete {
                return Ok(hits);
            }
            asked *= 4;
        }
    }
}

/// Where in `text` the words of `query` first occur, as a byte offset (at a character
/// boundary), found without analysing the whole text: the query's terms are looked for in
/// the text folded as the index folds it (script, regional terms, case; an English stem is
/// found in the words it begins). For a long body, such as the words of a publication's
/// files, whose matching passage is past what a hit keeps. Approximate where folding
/// changed the text's length: the caller shows a window around it.
pub fn first_occurrence(text: &str, query: &str) -> Option<usize> {
    let mut terms: Vec<String> = analyze(&query.chars().take(MAX_QUERY_CHARS).collect::<String>())
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| !t.is_empty())
        .collect();
    terms.sort();
    terms.dedup();
    let finder = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(&terms)
        .ok()?;
    let folded = baylink_text::fold_terms(text);
    let at = finder.find(&folded)?.start();
    let before = folded[..at].chars().count();
    let (text_chars, folded_chars) = (text.chars().count(), folded.chars().count().max(1));
    let index = before * text_chars / folded_chars;
    text.char_indices().nth(index).map(|(b, _)| b)
}

/// Byte ranges of `text` to highlight for the terms of `query`: every token of `text`
/// whose analysed term is one of the query's.
///
/// The text is analysed a stretch at a time, between punctuation marks. Offsets
/// are only known where folding kept the number of characters (see [`analysis`]); a
/// snippet's "…" (folded to "...") or a regional term of another length (雲端運算 for
/// 云计算) then costs its own stretch the highlighting, not the whole text.
pub fn highlights(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let wanted: HashSet<String> = analyze(&query.chars().take(MAX_QUERY_CHARS).collect::<String>())
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let ends_stretch =
        |c: char| !c.is_alphanumeric() && !c.is_whitespace() && !"-'.&/+#_".contains(c);
    let mut stretches = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if ends_stretch(c) {
            // (The mark itself is left out: it has no terms, and may be what folding
            // lengthens.)
            stretches.push(start..i);
            start = i + c.len_utf8();
        }
    }
    stretches.push(start..text.len());
    let mut ranges: Vec<std::ops::Range<usize>> = stretches
        .into_iter()
        .filter(|s| !s.is_empty())
        .flat_map(|s| {
            analyze(&text[s.clone()])
                .into_iter()
                .filter(|(t, r)| !r.is_empty() && wanted.contains(t))
                .map(move |(_, r)| r.start + s.start..r.end + s.start)
        })
        .collect();
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    // Search mode yields a compound and its parts; keep the outermost, without overlaps.
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// At most this many characters of a body are kept with the index for showing a hit;
/// the whole body is searched. A publication's body holds the words of its files, which
/// may run to a book's length: a hit shows the summary and the text at the start of it.
pub const STORED_BODY_CHARS: usize = 2_000;

/// The stored form of a document: one field per line, in a fixed order, with newlines
/// inside values escaped. Small, and readable without a JSON dependency.
fn encode(d: &Document) -> String {
    let opt = |s: &Option<String>| s.as_deref().unwrap_or("\u{0}").to_owned();
    let body = d
        .body
        .as_deref()
        .map(|b| match b.char_indices().nth(STORED_BODY_CHARS) {
            Some((cut, _)) => format!("{}…", &b[..cut]),
            None => b.to_owned(),
        });
    [
        d.kind.clone(),
        d.id.to_string(),
        d.title.clone(),
        d.title_script.clone(),
        opt(&d.title_en),
        opt(&body),
        d.body_script.clone(),
        opt(&d.extra),
        opt(&d.region),
        d.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "\u{0}".into()),
        d.path.clone(),
        opt(&d.expires_on),
    ]
    .iter()
    .map(|v| v.replace('\\', "\\\\").replace('\n', "\\n"))
    .collect::<Vec<_>>()
    .join("\n")
}

fn decode(s: &str) -> Option<Document> {
    let mut values: Vec<String> = s.split('\n').map(unescape).collect();
    // Documents indexed before expiry was kept have one line fewer.
    if values.len() == 11 {
        values.push("\u{0}".into());
    }
    let [
        kind,
        id,
        title,
        title_script,
        title_en,
        body,
        body_script,
        extra,
        region,
        year,
        path,
        expires_on,
    ] = <[String; 12]>::try_from(values).ok()?;
    let opt = |v: String| (v != "\u{0}").then_some(v);
    Some(Document {
        kind,
        id: id.parse().ok()?,
        title,
        title_script,
        title_en: opt(title_en),
        body: opt(body),
        body_script,
        extra: opt(extra),
        region: opt(region),
        year: opt(year).and_then(|y| y.parse().ok()),
        path,
        expires_on: opt(expires_on),
    })
}

fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: &str, id: i64, title: &str, script: &str, body: Option<&str>) -> Document {
        Document {
            kind: kind.into(),
            id,
            title: title.into(),
            title_script: script.into(),
            body: body.map(Into::into),
            body_script: script.into(),
            region: Some("hong_kong".into()),
            year: Some(2024),
            path: format!("/{kind}s/{id}"),
            ..Default::default()
        }
    }

    /// The ids `q` finds, in id order.
    fn sorted_ids(index: &SearchIndex, q: &SearchQuery) -> Vec<i64> {
        let mut got: Vec<i64> = index
            .search(q)
            .unwrap()
            .into_iter()
            .map(|h| h.doc.id)
            .collect();
        got.sort();
        got
    }

    fn ids(index: &SearchIndex, text: &str) -> Vec<i64> {
        let q = SearchQuery {
            text: text.into(),
            limit: 10,
            ..Default::default()
        };
        index
            .search(&q)
            .unwrap()
            .into_iter()
            .map(|h| h.doc.id)
            .collect()
    }

    #[test]
    fn every_word_must_match_when_asked_and_only_within_the_records_given() {
        let index = SearchIndex::in_ram().unwrap();
        index
            .apply(
                &[
                    doc("posting", 1, "锂电池回收技术", "zh-Hans", None),
                    doc("posting", 2, "鋰電池儲能方案", "zh-Hant", None),
                    doc("posting", 3, "廢舊塑料回收", "zh-Hant", None),
                    doc("posting", 4, "Lithium battery recycling", "en", None),
                ],
                &[],
                1,
            )
            .unwrap();
        let q = |text: &str, all_words: bool, within: Option<Vec<i64>>| SearchQuery {
            text: text.into(),
            limit: 10,
            all_words,
            within: within.map(|ids| ids.into_iter().map(|id| ("posting".into(), id)).collect()),
            ..Default::default()
        };
        // Any word: ranked, every posting comes (the English one through the terms table).
        assert_eq!(
            sorted_ids(&index, &q("鋰電池 回收", false, None)),
            [1, 2, 3, 4]
        );
        // Every word, each in any script: battery recycling alone.
        assert_eq!(sorted_ids(&index, &q("鋰電池 回收", true, None)), [1]);
        assert_eq!(sorted_ids(&index, &q("battery recycling", true, None)), [4]);
        // One word is the same either way (the English posting's "battery" is 电池).
        assert_eq!(sorted_ids(&index, &q("电池", true, None)), [1, 2, 4]);
        assert_eq!(sorted_ids(&index, &q("电池", false, None)), [1, 2, 4]);
        // Only among the records given.
        assert_eq!(sorted_ids(&index, &q("电池", true, Some(vec![2, 3]))), [2]);
        assert!(sorted_ids(&index, &q("电池", true, Some(vec![]))).is_empty());
    }

    #[test]
    fn the_three_scripts_and_english_find_the_same_record() {
        let index = SearchIndex::in_ram().unwrap();
        index
            .apply(
                &[
                    doc(
                        "organisation",
                        1,
                        "香港資訊科技聯會",
                        "zh-Hant",
                        Some("推動資訊保安與軟件發展"),
                    ),
                    doc("organisation", 2, "深圳市中医药协会", "zh-Hans", None),
                ],
                &[],
                7,
            )
            .unwrap();
        assert_eq!(index.applied(), 7);
        for q in [
            "信息技术",
            "資訊科技",
            "资讯科技",
            "information technology",
            "信息安全",
            "软件",
        ] {
            assert_eq!(ids(&index, q), [1], "{q}");
        }
        assert_eq!(ids(&index, "中醫藥"), [2]);
        assert!(ids(&index, "").is_empty());
        assert!(ids(&index, "\"AND OR (*").is_empty());
        let long = "資訊".repeat(10_000);
        assert_eq!(ids(&index, &long), [1]);
    }

    #[test]
    fn apply_replaces_and_removes() {
        let index = SearchIndex::in_ram().unwrap();
        index
            .apply(&[doc("person", 3, "陳大文", "zh-Hant", None)], &[], 1)
            .unwrap();
        index
            .apply(&[doc("person", 3, "陳小文", "zh-Hant", None)], &[], 2)
            .unwrap();
        assert_eq!(index.len(), 1);
        assert_eq!(ids(&index, "小文"), [3]);
        index.apply(&[], &[("person".into(), 3)], 3).unwrap();
        assert!(index.is_empty());
        assert_eq!(index.applied(), 3);
    }

    #[test]
    fn filters_narrow_by_kind_region_year_and_field() {
        let index = SearchIndex::in_ram().unwrap();
        let mut event = doc("event", 5, "人工智能論壇", "zh-Hant", None);
        event.year = Some(2023);
        index
            .apply(
                &[
                    event,
                    doc("organisation", 6, "人工智能學會", "zh-Hant", None),
                ],
                &[],
                1,
            )
            .unwrap();
        let search = |f: &dyn Fn(&mut SearchQuery)| {
            let mut q = SearchQuery {
                text: "人工智能".into(),
                limit: 10,
                ..Default::default()
            };
            f(&mut q);
            sorted_ids(&index, &q)
        };
        assert_eq!(search(&|_| {}), [5, 6]);
        assert_eq!(search(&|q| q.kind = Some("event".into())), [5]);
        assert_eq!(search(&|q| q.year = Some(2024)), [6]);
        assert_eq!(
            search(&|q| q.region = Some("macao".into())),
            Vec::<i64>::new()
        );
        assert_eq!(search(&|q| q.field = Some("ai".into())), [5, 6]);
    }

    #[test]
    fn stored_documents_round_trip_with_awkward_text() {
        let mut d = doc("item", 9, "a\\b\nc", "en", Some("line\\nnot a newline"));
        d.title_en = Some(String::new());
        d.expires_on = Some("2026-12-31".into());
        assert_eq!(
            format!("{:?}", decode(&encode(&d)).unwrap()),
            format!("{d:?}")
        );
        // A document stored before expiry was kept: one line fewer, and no expiry.
        let stored = encode(&d);
        let old = stored.rsplit_once('\n').unwrap().0;
        let read = decode(old).unwrap();
        assert_eq!((read.id, read.expires_on), (9, None));
    }

    /// Expiry is a date, not a write: the index keeps an expired posting, and a search as
    /// of a later day does not find it. The page stays full of live records.
    #[test]
    fn a_posting_is_not_found_after_its_last_day() {
        let index = SearchIndex::in_ram().unwrap();
        let mut docs = Vec::new();
        for (id, last) in [(1, "2026-11-26"), (2, "2026-11-27")] {
            let mut d = doc("posting", id, "人工智能合作", "zh-Hans", None);
            d.expires_on = Some(last.into());
            docs.push(d);
        }
        docs.push(doc("organisation", 3, "人工智能學會", "zh-Hant", None));
        index.apply(&docs, &[], 1).unwrap();
        let found = |live_on: Option<&str>, limit: usize| {
            let q = SearchQuery {
                text: "人工智能".into(),
                limit,
                live_on: live_on.map(Into::into),
                ..Default::default()
            };
            sorted_ids(&index, &q)
        };
        assert_eq!(found(None, 10), [1, 2, 3]);
        assert_eq!(found(Some("2026-11-27"), 10), [2, 3]);
        assert_eq!(found(Some("2026-11-28"), 10), [3]);
        assert_eq!(found(Some("2026-11-27"), 2), [2, 3]);
        // Many expired ones ahead of the live ones: the search asks again until the page
        // is full.
        let expired: Vec<Document> = (11..=30)
            .map(|id| {
                let mut d = doc("posting", id, "人工智能合作人工智能", "zh-Hans", None);
                d.expires_on = Some("2026-01-31".into());
                d
            })
            .collect();
        index.apply(&expired, &[], 2).unwrap();
        assert_eq!(found(None, 2).len(), 2);
        assert!(found(None, 2).iter().all(|id| *id > 10));
        assert_eq!(found(Some("2026-11-27"), 2), [2, 3]);
    }

    #[test]
    fn highlights_mark_matches_in_the_shown_script() {
        let text = "香港資訊科技聯會";
        let ranges = highlights(text, "信息技术");
        assert_eq!(
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["資訊科技"]
        );
    }

    #[test]
    fn the_first_occurrence_is_found_in_a_long_text_in_another_script() {
        let text = format!(
            "{}並提出跨境數據流通的建議。",
            "人工智能的發展。".repeat(2_000)
        );
        let at = first_occurrence(&text, "跨境数据流通").unwrap();
        assert!(text[at..].starts_with("跨境"), "{}", &text[at..at + 30]);
        assert_eq!(first_occurrence(&text, "低空经济"), None);
        let english = "Its recommendations on cross-border technologies.";
        let at = first_occurrence(english, "technology").unwrap();
        assert!(english[at..].starts_with("technologies"));
    }

    /// A snippet starts with "…", which folding turns into three characters; a regional
    /// term of another length does the same. Either costs only its own stretch of text the
    /// highlighting (before, the whole text lost it).
    #[test]
    fn highlights_survive_folding_that_changes_the_length() {
        let shown = |text: &str, query: &str| {
            highlights(text, query)
                .iter()
                .map(|r| text[r.clone()].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown("…并提出跨境数据流通的建议", "跨境数据流通"),
            ["跨境", "数据", "流通"]
        );
        assert_eq!(
            shown("發展雲端運算，並推動跨境數據流通。", "跨境数据"),
            ["跨境", "數據"]
        );
        // (The regional-terms table's "cross-border data" stands for 跨境数据, whose 跨境 the
        // query's "cross-border" also means: the phrase is marked whole.)
        assert_eq!(
            shown("Cross-border data…", "cross-border"),
            ["Cross-border data"]
        );
    }
}
