//! The SQL implementation of [`PublicationStore`](crate::PublicationStore), shared by both
//! backends like [`crate::sql_events`].

use crate::publications::PublicationFilter;
use crate::sql::{Arg, Built, like_pattern};

/// The columns of [`Publication`](crate::Publication), with its event joined as `e`.
pub const PUBLICATION_SELECT: &str = "SELECT p.id, p.kind, p.title, p.title_script, p.title_en, p.summary, p.summary_script, p.body, p.body_script, p.url, p.published_on, p.event_id, e.title AS event_title, e.title_script AS event_title_script, e.title_en AS event_title_en, p.draft, p.synthetic, p.version, p.created_at, p.updated_at FROM publications p LEFT JOIN events e ON e.id = p.event_id";

/// The columns of [`PublicationFile`](crate::PublicationFile) (its bytes, `data`, apart).
pub const FILE_COLS: &str = "id, publication_id, filename, content_type, size, created_at, CAST(LENGTH(words) AS BIGINT) AS words_length";

/// The `WHERE` clause and values for the list.
pub fn publication_where(f: &PublicationFilter) -> Built {
    let mut b = Built::default();
    let mut conds: Vec<String> = Vec::new();
    if !f.drafts {
        conds.push("p.draft = FALSE".to_owned());
    }
    if let Some(kind) = f.kind {
        let a = b.arg(Arg::Text(kind.code().to_owned()));
        conds.push(format!("p.kind = {a}"));
    }
    if let Some(year) = f.year {
        // Dates are `YYYY-MM-DD`, so a year is a range of text.
        let from = b.arg(Arg::Text(format!("{year:04}-01-01")));
        // (Saturating: a year from a query string can be any number.)
        let until = b.arg(Arg::Text(format!("{:04}-01-01", year.saturating_add(1))));
        conds.push(format!(
            "p.published_on >= {from} AND p.published_on < {until}"
        ));
    }
    if let Some(id) = f.event_id {
        let a = b.arg(Arg::Int(id));
        conds.push(format!("p.event_id = {a}"));
    }
    if let Some(id) = f.org_id {
        let a = b.arg(Arg::Int(id));
        conds.push(format!(
            "EXISTS (SELECT 1 FROM publication_orgs po WHERE po.publication_id = p.id AND po.org_id = {a})"
        ));
    }
    if let Some(q) =
        f.q.as_deref()
            .map(baylink_text::fold)
            .filter(|q| !q.is_empty())
    {
        let a = b.arg(Arg::Text(like_pattern(&q)));
        conds.push(format!("p.search_key LIKE {a} ESCAPE '\\'"));
    }
    if !conds.is_empty() {
        b.sql = format!(" WHERE {}", conds.join(" AND "));
    }
    b
}

/// Implements [`PublicationStore`](crate::PublicationStore) for a store type with a `pool`
/// field and the helpers of [`impl_sql_store!`](crate::impl_sql_store).
#[macro_export]
macro_rules! impl_sql_publications {
    ($store:ident, $db:ty) => {
        const _: () = {
            use $crate::publications::*;
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::sql::{audit_json, clamp_limit, map_err, now, Arg};
            use $crate::sql_publications::*;
            use $crate::*;
            use sqlx::{AssertSqlSafe, FromRow, Row};

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            impl $store {
                async fn publication_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Publication> {
                    sqlx::query_as::<_, Publication>(AssertSqlSafe(format!("{PUBLICATION_SELECT} WHERE p.id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Checks that the event and organisations a draft names exist, so that a
                /// wrong one is the field's error rather than the database's.
                async fn check_publication_refs(tx: &mut Tx<'_>, d: &PublicationDraft) -> StoreResult<()> {
                    if let Some(event) = d.event_id {
                        if !Self::exists(tx, "events", event).await? {
                            return Err(StoreError::invalid("event_id", "err-unknown-reference"));
                        }
                    }
                    for org in &d.org_ids {
                        if !Self::exists(tx, "organisations", *org).await? {
                            return Err(StoreError::invalid("org_ids", "err-unknown-reference"));
                        }
                    }
                    Ok(())
                }

                /// Marks the programmes of these events changed, so that every node's
                /// cached event page shows the publication (see `Event::programme_version`).
                async fn touch_programmes(tx: &mut Tx<'_>, events: &[Option<i64>]) -> StoreResult<()> {
                    for id in events.iter().flatten() {
                        sqlx::query("UPDATE events SET programme_version = programme_version + 1 WHERE id = $1")
                            .bind(*id)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Ok(())
                }

                /// Writes a publication's organisations in order, in place of its old ones.
                async fn write_publication_orgs(tx: &mut Tx<'_>, id: i64, d: &PublicationDraft) -> StoreResult<()> {
                    sqlx::query("DELETE FROM publication_orgs WHERE publication_id = $1")
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    for (i, org) in d.org_ids.iter().enumerate() {
                        sqlx::query("INSERT INTO publication_orgs (publication_id, org_id, sort_order) VALUES ($1, $2, $3)")
                            .bind(id)
                            .bind(*org)
                            .bind(i as i32)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Ok(())
                }
            }

            /// Binds a draft's columns in the order the insert and the update name them
            /// (kind … search_key).
            macro_rules! bind_publication {
                ($q:expr, $d:expr) => {
                    $q.bind($d.kind.code())
                        .bind(&$d.title)
                        .bind(&$d.title_script)
                        .bind(&$d.title_en)
                        .bind(&$d.summary)
                        .bind(&$d.summary_script)
                        .bind(&$d.body)
                        .bind(&$d.body_script)
                        .bind(&$d.url)
                        .bind(&$d.published_on)
                        .bind($d.event_id)
                        .bind($d.draft)
                        .bind($d.synthetic)
                        .bind(&$d.search_key)
                };
            }

            #[async_trait::async_trait]
            impl PublicationStore for $store {
                async fn list_publications(&self, f: &PublicationFilter) -> StoreResult<Page<Publication>> {
                    let w = publication_where(f);
                    let sql = format!(
                        "{PUBLICATION_SELECT}{} ORDER BY p.published_on DESC, p.id DESC LIMIT {} OFFSET {}",
                        w.sql,
                        clamp_limit(f.limit),
                        f.offset.max(0)
                    );
                    let q = $crate::bind_args!(sqlx::query(AssertSqlSafe(sql)), &w.args);
                    let c = $crate::bind_args!(sqlx::query(AssertSqlSafe(format!("SELECT COUNT(*) FROM publications p{}", w.sql))), &w.args);
                    let rows = q.fetch_all(&self.pool).await.map_err(map_err)?;
                    let items = rows.iter().map(Publication::from_row).collect::<Result<Vec<_>, _>>().map_err(map_err)?;
                    let total: i64 = c.fetch_one(&self.pool).await.map_err(map_err)?.try_get(0).map_err(map_err)?;
                    Ok(Page { items, total })
                }

                async fn get_publication(&self, id: i64) -> StoreResult<Publication> {
                    sqlx::query_as::<_, Publication>(AssertSqlSafe(format!("{PUBLICATION_SELECT} WHERE p.id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn publication_orgs(&self, id: i64) -> StoreResult<Vec<PublicationOrg>> {
                    sqlx::query_as::<_, PublicationOrg>("SELECT x.publication_id, x.org_id, o.name, o.name_script, o.name_en FROM publication_orgs x JOIN organisations o ON o.id = x.org_id WHERE x.publication_id = $1 ORDER BY x.sort_order, o.id")
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn create_publication(&self, actor: &Actor, d: &PublicationDraft) -> StoreResult<Publication> {
                    let mut tx = self.begin().await?;
                    Self::check_publication_refs(&mut tx, d).await?;
                    let at = now();
                    let id: i64 = bind_publication!(
                        sqlx::query("INSERT INTO publications (kind, title, title_script, title_en, summary, summary_script, body, body_script, url, published_on, event_id, draft, synthetic, search_key, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id"),
                        d
                    )
                    .bind(at)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?
                    .try_get(0)
                    .map_err(map_err)?;
                    Self::write_publication_orgs(&mut tx, id, d).await?;
                    Self::touch_programmes(&mut tx, &[d.event_id]).await?;
                    let p = Self::publication_in(&mut tx, id).await?;
                    Self::audit(&mut tx, actor, "create", "publication", id, None, audit_json(&p)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(p)
                }

                async fn update_publication(&self, actor: &Actor, id: i64, d: &PublicationDraft) -> StoreResult<Publication> {
                    let mut tx = self.begin().await?;
                    let before = Self::publication_in(&mut tx, id).await?;
                    if d.version.is_some_and(|v| v != before.version) {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    Self::check_publication_refs(&mut tx, d).await?;
                    // Only the version read here may be replaced: a concurrent edit that
                    // committed first makes this one stale rather than lost.
                    let updated = bind_publication!(
                        sqlx::query("UPDATE publications SET kind = $1, title = $2, title_script = $3, title_en = $4, summary = $5, summary_script = $6, body = $7, body_script = $8, url = $9, published_on = $10, event_id = $11, draft = $12, synthetic = $13, search_key = $14, version = version + 1, updated_at = $15 WHERE id = $16 AND version = $17"),
                        d
                    )
                    .bind(now())
                    .bind(id)
                    .bind(before.version)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?
                    .rows_affected();
                    if updated == 0 {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    Self::write_publication_orgs(&mut tx, id, d).await?;
                    // Both events' pages, where it moved from one to another.
                    let moved = if before.event_id == d.event_id { None } else { before.event_id };
                    Self::touch_programmes(&mut tx, &[d.event_id, moved]).await?;
                    let after = Self::publication_in(&mut tx, id).await?;
                    Self::audit(&mut tx, actor, "update", "publication", id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn add_publication_file(&self, actor: &Actor, publication_id: i64, file: FileUpload<'_>, now: i64) -> StoreResult<PublicationFile> {
                    let mut tx = self.begin().await?;
                    // Locks the publication's row, so two uploads cannot both take the last place.
                    let locked = sqlx::query("UPDATE publications SET version = version WHERE id = $1")
                        .bind(publication_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .rows_affected();
                    if locked == 0 {
                        return Err(StoreError::NotFound);
                    }
                    let count: i64 = sqlx::query("SELECT COUNT(*) FROM publication_files WHERE publication_id = $1")
                        .bind(publication_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    if count >= MAX_PUBLICATION_FILES {
                        return Err(StoreError::Invalid(vec![FieldError::new("file", "err-publication-too-many-files").with_limit(MAX_PUBLICATION_FILES)]));
                    }
                    let file = sqlx::query_as::<_, PublicationFile>(AssertSqlSafe(format!("INSERT INTO publication_files (publication_id, filename, content_type, size, data, created_at, words) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {FILE_COLS}")))
                        .bind(publication_id)
                        .bind(file.filename)
                        .bind(file.content_type)
                        .bind(file.data.len() as i64)
                        .bind(file.data)
                        .bind(now)
                        .bind(file.words)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::gather_words(&mut tx, $crate::sql::FileWords::Publication, publication_id).await?;
                    Self::audit(&mut tx, actor, "create", "publication_file", file.id, None, audit_json(&file)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(file)
                }

                async fn publication_files(&self, publication_id: i64) -> StoreResult<Vec<PublicationFile>> {
                    self.files_where($crate::sql::FileWords::Publication, "publication_id = $1 ORDER BY id", publication_id).await
                }

                async fn publication_file_data(&self, id: i64) -> StoreResult<(PublicationFile, Vec<u8>)> {
                    self.file_with_data($crate::sql::FileWords::Publication, id).await
                }

                async fn delete_publication_file(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let file = sqlx::query_as::<_, PublicationFile>(AssertSqlSafe(format!("SELECT {FILE_COLS} FROM publication_files WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    sqlx::query("DELETE FROM publication_files WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(map_err)?;
                    Self::gather_words(&mut tx, $crate::sql::FileWords::Publication, file.publication_id).await?;
                    Self::audit(&mut tx, actor, "delete", "publication_file", id, audit_json(&file), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn publication_files_unread(&self, limit: i64) -> StoreResult<Vec<PublicationFile>> {
                    self.files_where($crate::sql::FileWords::Publication, "words IS NULL ORDER BY id LIMIT $1", limit).await
                }

                async fn set_publication_file_words(&self, id: i64, words: &str) -> StoreResult<()> {
                    self.keep_words($crate::sql::FileWords::Publication, id, words).await
                }

                async fn delete_publication(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = Self::publication_in(&mut tx, id).await?;
                    sqlx::query("DELETE FROM publications WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::touch_programmes(&mut tx, &[before.event_id]).await?;
                    Self::audit(&mut tx, actor, "delete", "publication", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }
            }
        };
    };
}
