//! What the search index reads from the store: the change log that every write appends
//! to (by trigger, see the `0006_search_changes` migrations) and the records to index.
//!
//! The index is a projection of the store and never the only copy of anything: it can be
//! rebuilt from [`SearchStore::search_records_after`] at any time, and kept current by
//! applying [`SearchStore::search_changes_after`].

use async_trait::async_trait;

use crate::StoreResult;

/// The kinds of record search covers that the store holds today.
pub const SEARCH_KINDS: [&str; 6] = [
    "organisation",
    "person",
    "event",
    "item",
    "posting",
    "publication",
];

/// One entry of the change log: `kind` record `entity_id` was written (created, edited or
/// deleted; the index looks it up again to know which).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SearchChange {
    pub seq: i64,
    pub kind: String,
    pub entity_id: i64,
}

/// A record as search sees it: a title (the name) and a body (the running text), each
/// with the script it was written in, plus what the filters and links need.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SearchRecord {
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub body: Option<String>,
    pub body_script: String,
    /// A short name (organisations), a venue (events), a session title (items).
    pub extra: Option<String>,
    pub region: Option<String>,
    pub starts_at: Option<i64>,
    /// The event an item belongs to.
    pub parent_id: Option<i64>,
    /// The last day a posting is shown (`YYYY-MM-DD`, Hong Kong); none for other kinds.
    pub expires_on: Option<String>,
}

#[async_trait]
pub trait SearchStore {
    /// Log entries after `seq`, oldest first, at most `limit`.
    async fn search_changes_after(&self, seq: i64, limit: i64) -> StoreResult<Vec<SearchChange>>;
    /// The newest log entry's number (0 when the log is empty).
    async fn search_change_head(&self) -> StoreResult<i64>;
    /// Deletes the log entries numbered `keep` or more below the head (the newest `keep`
    /// numbers stay; a rolled-back write leaves a number unused); returns how many went.
    /// The head is kept, so numbering goes on where it was.
    async fn prune_search_changes(&self, keep: i64) -> StoreResult<u64>;
    /// The records of `kind` with these ids that still exist.
    async fn search_records(&self, kind: &str, ids: &[i64]) -> StoreResult<Vec<SearchRecord>>;
    /// The records of `kind` with an id above `after`, in id order, at most `limit`: the
    /// pages a full rebuild walks through.
    async fn search_records_after(
        &self,
        kind: &str,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<SearchRecord>>;
}

/// The `SELECT … FROM …` of each kind, every column named as in [`SearchRecord`], with
/// the record's id as `x.id` for the caller's `WHERE`.
pub fn record_select(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "organisation" => {
            "SELECT CAST('organisation' AS TEXT) AS kind, x.id, x.name AS title, x.name_script AS title_script, x.name_en AS title_en, x.description AS body, x.description_script AS body_script, x.short_name AS extra, x.region, CAST(NULL AS BIGINT) AS starts_at, CAST(NULL AS BIGINT) AS parent_id, CAST(NULL AS TEXT) AS expires_on FROM organisations x"
        }
        "person" => {
            "SELECT CAST('person' AS TEXT) AS kind, x.id, x.name AS title, x.name_script AS title_script, x.name_en AS title_en, x.bio AS body, x.bio_script AS body_script, CAST(NULL AS TEXT) AS extra, CAST(NULL AS TEXT) AS region, CAST(NULL AS BIGINT) AS starts_at, CAST(NULL AS BIGINT) AS parent_id, CAST(NULL AS TEXT) AS expires_on FROM people x"
        }
        "event" => {
            "SELECT CAST('event' AS TEXT) AS kind, x.id, x.title, x.title_script, x.title_en, x.summary AS body, x.summary_script AS body_script, x.venue AS extra, x.region, x.starts_at, CAST(NULL AS BIGINT) AS parent_id, CAST(NULL AS TEXT) AS expires_on FROM events x"
        }
        "item" => {
            "SELECT CAST('item' AS TEXT) AS kind, x.id, x.title, x.title_script, x.title_en, s.theme AS body, s.theme_script AS body_script, s.title AS extra, e.region, COALESCE(x.starts_at, s.starts_at) AS starts_at, e.id AS parent_id, CAST(NULL AS TEXT) AS expires_on FROM programme_items x JOIN event_sessions s ON s.id = x.session_id JOIN events e ON e.id = s.event_id"
        }
        // Only published postings are public; one that is withdrawn or sent back is
        // looked up again through the change log and, no longer found, removed. Expiry is
        // a date, not a write: the index keeps the day, and a search hides what is past it.
        // The body is the summary and the words of its attachments.
        "posting" => {
            "SELECT CAST('posting' AS TEXT) AS kind, x.id, x.title, x.script AS title_script, CAST(NULL AS TEXT) AS title_en, NULLIF(TRIM(COALESCE(x.summary, '') || ' ' || COALESCE(x.attachment_words, '')), '') AS body, x.script AS body_script, o.name AS extra, o.region, CAST(NULL AS BIGINT) AS starts_at, x.event_id AS parent_id, x.expires_on FROM (SELECT * FROM postings WHERE status = 'published') x JOIN organisations o ON o.id = x.org_id"
        }
        // Drafts are staff's alone: one published later is written, logged and found then.
        // The body is the summary, the text and the words of its files together (in the
        // summary's script: the index folds scripts, so a text in another is found all the
        // same).
        "publication" => {
            "SELECT CAST('publication' AS TEXT) AS kind, x.id, x.title, x.title_script, x.title_en, NULLIF(TRIM(COALESCE(x.summary, '') || ' ' || COALESCE(x.body, '') || ' ' || COALESCE(x.files_words, '')), '') AS body, x.summary_script AS body_script, CAST(NULL AS TEXT) AS extra, CAST(NULL AS TEXT) AS region, CAST(NULL AS BIGINT) AS starts_at, x.event_id AS parent_id, CAST(NULL AS TEXT) AS expires_on FROM (SELECT * FROM publications WHERE draft = FALSE) x"
        }
        _ => return None,
    })
}

/// Implements [`SearchStore`] for a backend, like [`crate::impl_sql_store!`].
#[macro_export]
macro_rules! impl_sql_search {
    ($store:ident) => {
        const _: () = {
            use $crate::sql::map_err;
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::search::*;
            use $crate::*;
            use sqlx::AssertSqlSafe;

            #[async_trait::async_trait]
            impl SearchStore for $store {
                async fn search_changes_after(&self, seq: i64, limit: i64) -> StoreResult<Vec<SearchChange>> {
                    sqlx::query_as::<_, SearchChange>("SELECT seq, kind, entity_id FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $2")
                        .bind(seq)
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn search_change_head(&self) -> StoreResult<i64> {
                    let head: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM search_changes")
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(head.unwrap_or(0))
                }

                async fn prune_search_changes(&self, keep: i64) -> StoreResult<u64> {
                    sqlx::query("DELETE FROM search_changes WHERE seq <= (SELECT MAX(seq) FROM search_changes) - $1")
                        .bind(keep.max(1))
                        .execute(&self.pool)
                        .await
                        .map(|r| r.rows_affected())
                        .map_err(map_err)
                }

                async fn search_records(&self, kind: &str, ids: &[i64]) -> StoreResult<Vec<SearchRecord>> {
                    let Some(select) = record_select(kind) else { return Ok(Vec::new()) };
                    let mut out = Vec::with_capacity(ids.len());
                    for chunk in ids.chunks(500) {
                        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
                        let sql = format!("{select} WHERE x.id IN ({})", marks.join(", "));
                        let mut q = sqlx::query_as::<_, SearchRecord>(AssertSqlSafe(sql));
                        for id in chunk {
                            q = q.bind(*id);
                        }
                        out.extend(q.fetch_all(&self.pool).await.map_err(map_err)?);
                    }
                    Ok(out)
                }

                async fn search_records_after(&self, kind: &str, after: i64, limit: i64) -> StoreResult<Vec<SearchRecord>> {
                    let Some(select) = record_select(kind) else { return Ok(Vec::new()) };
                    sqlx::query_as::<_, SearchRecord>(AssertSqlSafe(format!("{select} WHERE x.id > $1 ORDER BY x.id LIMIT $2")))
                        .bind(after)
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }
            }
        };
    };
}
