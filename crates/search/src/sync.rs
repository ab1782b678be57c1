//! Keeping an index a faithful projection of the store.
//!
//! Every write appends to the store's change log, by trigger, in the writing transaction.
//! [`Sync::catch_up`] reads the log past the index's position, looks each touched record up
//! again (present: index it; gone: remove it) and commits the batch together with the new
//! position. Each app node runs it every half second ([`Sync::follow`]), so a write on one
//! node is searchable on every node within a second or so, and a node that was down resumes
//! from the position stored in its index.
//!
//! On PostgreSQL, log numbers are handed out when rows are inserted but become visible when
//! transactions commit, so a later number can be seen before an earlier one. The position
//! only moves past a gap once the gap has been filled or has stayed open for
//! [`GAP_PATIENCE`] (a rolled-back transaction leaves a permanent gap); entries beyond a gap
//! are applied anyway and simply applied again later, which is harmless.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use baylink_store::{SEARCH_KINDS, SearchRecord, Store, StoreResult};

use crate::{Document, SearchIndex, SearchQuery};

/// How long a gap in the log may stay open before it is taken for a rollback.
pub const GAP_PATIENCE: Duration = Duration::from_secs(10);
/// How often a node looks at the log.
pub const POLL: Duration = Duration::from_millis(500);
const BATCH: i64 = 2_000;
/// How many of the newest log numbers are kept. A node reads the log every [`POLL`] and a
/// starting node rebuilds from the records, so only a node stalled for this many writes
/// would miss one; the rest would grow the table by a row per write, for ever.
pub const LOG_KEPT: i64 = 100_000;
/// How often a node prunes the log (any node may; pruning twice is harmless).
pub const PRUNE_EVERY: Duration = Duration::from_secs(3_600);

/// Hong Kong time is UTC+8 all year: an event's year is its year in Hong Kong.
const HK_OFFSET: i64 = 8 * 3600;

/// A store record as a search document, with the page it links to.
pub fn document(r: SearchRecord) -> Document {
    let path = match (r.kind.as_str(), r.parent_id) {
        ("organisation", _) => format!("/organisations/{}", r.id),
        ("person", _) => format!("/people/{}", r.id),
        ("event", _) => format!("/events/{}", r.id),
        ("item", Some(event)) => format!("/events/{event}#item-{}", r.id),
        (kind, _) => format!("/{kind}s/{}", r.id),
    };
    let year = r.starts_at.map(|t| {
        let days = (t + HK_OFFSET).div_euclid(86_400);
        // Civil year from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        yoe + era * 400 + i64::from(month <= 2)
    });
    Document {
        kind: r.kind,
        id: r.id,
        title: r.title,
        title_script: r.title_script,
        title_en: r.title_en,
        body: r.body,
        body_script: r.body_script,
        extra: r.extra,
        region: r.region,
        year,
        path,
        expires_on: r.expires_on,
    }
}

/// An index and the store it projects.
pub struct Sync {
    pub index: Arc<SearchIndex>,
    store: Arc<dyn Store>,
    gap: std::sync::Mutex<Option<(i64, Instant)>>,
}

/// Why a sync failed: the store or the index (logged by the caller, retried next round).
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] baylink_store::StoreError),
    #[error(transparent)]
    Index(#[from] crate::SearchError),
}

impl Sync {
    pub fn new(index: Arc<SearchIndex>, store: Arc<dyn Store>) -> Sync {
        Sync {
            index,
            store,
            gap: Default::default(),
        }
    }

    /// Rebuilds the index from the store, reporting (records done) after each page.
    pub async fn rebuild(&self, mut progress: impl FnMut(u64)) -> Result<u64, SyncError> {
        // The head first: changes made during the rebuild are applied again afterwards.
        let head = self.store.search_change_head().await?;
        self.index.clear()?;
        let mut done = 0;
        for kind in SEARCH_KINDS {
            let mut after = 0;
            loop {
                let page = self.store.search_records_after(kind, after, 1_000).await?;
                let Some(last) = page.last() else { break };
                after = last.id;
                done += page.len() as u64;
                let docs: Vec<Document> = page.into_iter().map(document).collect();
                self.index.add(&docs)?;
                progress(done);
            }
        }
        self.index.apply(&[], &[], head)?;
        Ok(done)
    }

    /// Every record search covers, as documents (the evaluation's corpus; a rebuild walks
    /// the same pages without holding them all).
    pub async fn all_documents(&self) -> StoreResult<Vec<Document>> {
        let mut docs = Vec::new();
        for kind in SEARCH_KINDS {
            let mut after = 0;
            loop {
                let page = self.store.search_records_after(kind, after, 1_000).await?;
                let Some(last) = page.last() else { break };
                after = last.id;
                docs.extend(page.into_iter().map(document));
            }
        }
        Ok(docs)
    }

    /// The number of records in the store that search covers, for a progress bar.
    pub async fn record_count(&self) -> StoreResult<u64> {
        let mut total = 0;
        for kind in SEARCH_KINDS {
            let mut after = 0;
            loop {
                let page = self.store.search_records_after(kind, after, 5_000).await?;
                let Some(last) = page.last() else { break };
                after = last.id;
                total += page.len() as u64;
            }
        }
        Ok(total)
    }

    /// Applies the change log past the index's position; returns how many entries it read.
    pub async fn catch_up(&self) -> Result<usize, SyncError> {
        let mut read = 0;
        loop {
            let position = self.index.applied();
            let changes = self.store.search_changes_after(position, BATCH).await?;
            if changes.is_empty() {
                return Ok(read);
            }
            read += changes.len();
            // How far the position may move: up to the first gap still worth waiting for.
            let mut reach = position;
            for c in &changes {
                if c.seq == reach + 1 || self.gap_expired(reach + 1) {
                    reach = c.seq;
                } else {
                    break;
                }
            }
            let mut touched: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
            for c in &changes {
                touched
                    .entry(c.kind.as_str())
                    .or_default()
                    .insert(c.entity_id);
            }
            let mut upserts = Vec::new();
            let mut removed = Vec::new();
            for (kind, ids) in touched {
                let ids: Vec<i64> = ids.into_iter().collect();
                let found = self.store.search_records(kind, &ids).await?;
                let present: BTreeSet<i64> = found.iter().map(|r| r.id).collect();
                removed.extend(
                    ids.iter()
                        .filter(|id| !present.contains(id))
                        .map(|id| (kind.to_owned(), *id)),
                );
                upserts.extend(found.into_iter().map(document));
            }
            self.index.apply(&upserts, &removed, reach)?;
            if reach == position || (changes.len() as i64) < BATCH {
                return Ok(read);
            }
        }
    }

    /// Whether the gap that starts at `seq` has been open long enough to skip.
    fn gap_expired(&self, seq: i64) -> bool {
        let mut gap = self.gap.lock().expect("gap");
        match *gap {
            Some((at, since)) if at == seq => since.elapsed() >= GAP_PATIENCE,
            _ => {
                *gap = Some((seq, Instant::now()));
                false
            }
        }
    }

    /// Catches up now, then every [`POLL`], for as long as the process runs; prunes the
    /// log to its newest [`LOG_KEPT`] entries every [`PRUNE_EVERY`].
    pub async fn follow(self: Arc<Self>) {
        let mut pruned = Instant::now();
        loop {
            if let Err(e) = self.catch_up().await {
                tracing::warn!(error = %e, "search index could not apply the change log; retrying");
            }
            if pruned.elapsed() >= PRUNE_EVERY {
                pruned = Instant::now();
                if let Err(e) = self.store.prune_search_changes(LOG_KEPT).await {
                    tracing::warn!(error = %e, "search change log not pruned; retrying later");
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Searches the index (a thin pass-through, so callers hold one handle).
    pub fn search(&self, q: &SearchQuery) -> crate::SearchResult<Vec<crate::Hit>> {
        self.index.search(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_hong_kong_years() {
        let record = |starts_at| SearchRecord {
            kind: "event".into(),
            id: 1,
            title: "t".into(),
            title_script: "en".into(),
            title_en: None,
            body: None,
            body_script: "en".into(),
            extra: None,
            region: None,
            starts_at: Some(starts_at),
            parent_id: None,
            expires_on: None,
        };
        // 2024-12-31 17:00 UTC is 2025-01-01 01:00 in Hong Kong.
        assert_eq!(document(record(1_735_664_400)).year, Some(2025));
        assert_eq!(document(record(1_733_702_400)).year, Some(2024));
        assert_eq!(document(record(0)).year, Some(1970));
    }
}
