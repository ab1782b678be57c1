//! The one SQL implementation of [`Store`](crate::Store), shared by both backends.
//!
//! SQLite and PostgreSQL accept the same statements here: `$1` placeholders, `RETURNING`,
//! `ON DELETE CASCADE`, `LIKE … ESCAPE`. Timestamps are stored as Unix seconds and dates as
//! ISO text so that the same Rust types read both back. What differs between the backends
//! (connection options, migrations) lives in their own crates.
//!
//! The implementation is a macro, [`impl_sql_store!`](crate::impl_sql_store), expanded once
//! in each backend crate for its concrete sqlx database type. A generic
//! `impl<DB: Database> Store for …` needs higher-ranked `Executor` bounds that the
//! compiler cannot prove `Send` for inside async-trait futures; with concrete types there
//! is nothing to prove. Everything that does not execute a statement (SQL text, filter
//! building, error mapping) is ordinary code in this module.

use crate::error::StoreError;
use crate::{AuditFilter, MembershipFilter, OrgFilter, PersonFilter};

/// The columns of `organisations`, in [`Organisation`](crate::Organisation)'s order.
pub const ORG_COLS: &str = "id, name, name_script, name_en, short_name, org_type, region, parent_id, website, description, description_script, synthetic, version, created_at, updated_at";
/// The columns of `people`.
pub const PERSON_COLS: &str =
    "id, name, name_script, name_en, bio, bio_script, synthetic, version, created_at, updated_at";
/// Positions with the names of their organisation and person.
pub const POSITION_SELECT: &str = "SELECT p.id, p.person_id, p.org_id, p.title, p.title_script, p.title_en, p.since_year, p.until_year, p.sort_order, o.name AS org_name, o.name_script AS org_name_script, o.name_en AS org_name_en, pe.name AS person_name, pe.name_script AS person_name_script, pe.name_en AS person_name_en FROM positions p JOIN organisations o ON o.id = p.org_id JOIN people pe ON pe.id = p.person_id";
/// Side officers with their person's names.
pub const OFFICER_SELECT: &str = "SELECT s.id, s.side_id, s.person_id, s.role, s.title, s.title_script, s.title_en, s.since_year, pe.name AS person_name, pe.name_script AS person_name_script, pe.name_en AS person_name_en FROM side_officers s JOIN people pe ON pe.id = s.person_id";
/// Memberships with their organisation's and designation's names.
pub const MEMBERSHIP_SELECT: &str = "SELECT m.id, m.org_id, m.designation_id, m.year, m.ceremony_date, m.side_id, m.note, o.name AS org_name, o.name_script AS org_name_script, o.name_en AS org_name_en, o.region AS org_region, d.code AS designation_code, d.name AS designation_name, d.name_script AS designation_name_script, d.name_en AS designation_name_en FROM memberships m JOIN organisations o ON o.id = m.org_id JOIN designations d ON d.id = m.designation_id";
/// The columns of an [`crate::ApiToken`] (never its hash).
pub const TOKEN_COLS: &str = "id, user_id, name, created_at, expires_at, last_used_at, read_only";
/// The columns of `users`.
pub const USER_COLS: &str = "id, email, display_name, role, side_id, org_id, password_hash, created_at, locale, suspended_at, totp_secret, last_sign_in_at, locale_chosen";

/// A value bound to a dynamically built statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Int(i64),
    Int32(i32),
    Text(String),
}

/// A statement built from optional filters: its SQL with `$n` placeholders and the values
/// in placeholder order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Built {
    pub sql: String,
    pub args: Vec<Arg>,
}

impl Built {
    pub(crate) fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }
}

/// Binds a [`Built`] clause's values to a query, in placeholder order (every list's filter
/// goes through here, whatever the backend).
#[doc(hidden)]
/// What the audit log keeps of a site setting: `{"name": "value"}`.
pub fn setting_json(name: &str, value: &str) -> String {
    serde_json::json!({ name: value }).to_string()
}

#[macro_export]
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                $crate::sql::Arg::Int(v) => q.bind(*v),
                $crate::sql::Arg::Int32(v) => q.bind(*v),
                $crate::sql::Arg::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

/// Escapes `%`, `_` and `\` so a user's text is matched literally by `LIKE … ESCAPE '\'`.
pub fn like_pattern(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len() + 2);
    out.push('%');
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn query_text(q: &Option<String>) -> Option<String> {
    q.as_deref()
        .map(baylink_text::fold)
        .filter(|q| !q.is_empty())
}

/// The `WHERE` clause and values for the organisation list.
pub fn org_where(f: &OrgFilter) -> Built {
    let mut b = Built::default();
    let mut conds = Vec::new();
    if let Some(q) = query_text(&f.q) {
        let p = b.arg(Arg::Text(like_pattern(&q)));
        conds.push(format!("search_key LIKE {p} ESCAPE '\\'"));
    }
    if let Some(t) = f.org_type {
        let p = b.arg(Arg::Text(t.code().to_owned()));
        conds.push(format!("org_type = {p}"));
    }
    if let Some(r) = f.region {
        let p = b.arg(Arg::Text(r.code().to_owned()));
        conds.push(format!("region = {p}"));
    }
    if let Some(parent) = f.parent_id {
        let p = b.arg(Arg::Int(parent));
        conds.push(format!("parent_id = {p}"));
    }
    if f.designation_id.is_some() || f.year.is_some() {
        let mut sub = String::from("id IN (SELECT org_id FROM memberships WHERE 1=1");
        if let Some(d) = f.designation_id {
            sub.push_str(&format!(" AND designation_id = {}", b.arg(Arg::Int(d))));
        }
        if let Some(y) = f.year {
            sub.push_str(&format!(" AND year = {}", b.arg(Arg::Int32(y))));
        }
        sub.push(')');
        conds.push(sub);
    }
    if !conds.is_empty() {
        b.sql = format!(" WHERE {}", conds.join(" AND "));
    }
    b
}

/// The `WHERE` clause and values for the audit log's filter.
pub fn audit_where(f: &AuditFilter) -> Built {
    let mut b = Built::default();
    let mut conds = Vec::new();
    if let Some(e) = f.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        let p = b.arg(Arg::Text(e.to_owned()));
        conds.push(format!("entity = {p}"));
    }
    if let Some(id) = f.entity_id {
        let p = b.arg(Arg::Int(id));
        conds.push(format!("entity_id = {p}"));
    }
    let actor = f.actor.as_deref().map(|a| a.trim().to_lowercase());
    if let Some(a) = actor.filter(|a| !a.is_empty()) {
        let p = b.arg(Arg::Text(like_pattern(&a)));
        conds.push(format!("LOWER(actor) LIKE {p} ESCAPE '\\'"));
    }
    if let Some(t) = f.since {
        let p = b.arg(Arg::Int(t));
        conds.push(format!("at >= {p}"));
    }
    if let Some(t) = f.until {
        let p = b.arg(Arg::Int(t));
        conds.push(format!("at < {p}"));
    }
    if !conds.is_empty() {
        b.sql = format!(" WHERE {}", conds.join(" AND "));
    }
    b
}

/// The `WHERE` clause and values for the people list.
pub fn person_where(f: &PersonFilter) -> Built {
    let mut b = Built::default();
    let mut conds = Vec::new();
    if let Some(q) = query_text(&f.q) {
        let p = b.arg(Arg::Text(like_pattern(&q)));
        conds.push(format!("search_key LIKE {p} ESCAPE '\\'"));
    }
    if let Some(o) = f.org_id {
        let p = b.arg(Arg::Int(o));
        conds.push(format!(
            "id IN (SELECT person_id FROM positions WHERE org_id = {p})"
        ));
    }
    if !conds.is_empty() {
        b.sql = format!(" WHERE {}", conds.join(" AND "));
    }
    b
}

/// The `WHERE` clause and values for the membership list.
pub fn membership_where(f: &MembershipFilter) -> Built {
    let mut b = Built::default();
    let mut conds = Vec::new();
    if let Some(y) = f.year {
        conds.push(format!("m.year = {}", b.arg(Arg::Int32(y))));
    }
    if let Some(d) = f.designation_id {
        conds.push(format!("m.designation_id = {}", b.arg(Arg::Int(d))));
    }
    if let Some(o) = f.org_id {
        conds.push(format!("m.org_id = {}", b.arg(Arg::Int(o))));
    }
    if let Some(r) = f.region {
        conds.push(format!(
            "o.region = {}",
            b.arg(Arg::Text(r.code().to_owned()))
        ));
    }
    if !conds.is_empty() {
        b.sql = format!(" WHERE {}", conds.join(" AND "));
    }
    b
}

/// The column holding a list's sort key in `order` (migration 0046).
pub fn order_column(order: baylink_text::NameOrder) -> &'static str {
    match order {
        baylink_text::NameOrder::Pinyin => "sort_pinyin",
        baylink_text::NameOrder::Strokes => "sort_strokes",
        baylink_text::NameOrder::Alphabetical => "sort_alphabetical",
    }
}

/// A page size within bounds: the default for none, never more than 500.
pub fn clamp_limit(limit: i64) -> i64 {
    if limit <= 0 { 50 } else { limit.min(500) }
}

/// Maps a database error to what the user should hear: duplicates and dangling
/// references are conflicts the user can fix; anything else is the database's fault.
pub fn map_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Database(db) => match db.kind() {
            sqlx::error::ErrorKind::UniqueViolation => StoreError::Conflict("err-duplicate"),
            sqlx::error::ErrorKind::ForeignKeyViolation => {
                StoreError::Conflict("err-still-referenced")
            }
            _ => StoreError::Backend(e),
        },
        sqlx::Error::ColumnDecode { .. } => StoreError::Corrupt(e.to_string()),
        _ => StoreError::Backend(e),
    }
}

/// The crates the macro's expansion names, so a backend crate needs none of them itself.
#[doc(hidden)]
pub mod reexport {
    pub use async_trait;
    pub use baylink_text;
    pub use sqlx;
}

/// Whose files: a publication's or a posting's, kept alike (bytes, words read for
/// search), read by the same helpers of [`impl_sql_store`](crate::impl_sql_store).
#[derive(Debug, Clone, Copy)]
pub enum FileWords {
    Publication,
    Posting,
}

impl FileWords {
    /// The files' table, its owner column, the owner's table and the owner's column.
    pub fn names(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            FileWords::Publication => (
                "publication_files",
                "publication_id",
                "publications",
                "files_words",
            ),
            FileWords::Posting => (
                "posting_attachments",
                "posting_id",
                "postings",
                "attachment_words",
            ),
        }
    }

    /// `SELECT` of the files' columns (without their bytes) `WHERE condition`.
    pub fn select(self, condition: &str) -> String {
        let cols = match self {
            FileWords::Publication => crate::sql_publications::FILE_COLS,
            FileWords::Posting => crate::sql_market::ATTACHMENT_COLS,
        };
        format!("SELECT {cols} FROM {} WHERE {condition}", self.names().0)
    }
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The headers of a kept answer ([`crate::KeptAnswer`]) as stored: a JSON list of pairs.
pub fn kept_headers_json(headers: &[(String, String)]) -> String {
    serde_json::to_string(headers).unwrap_or_else(|_| "[]".to_owned())
}

/// The headers of a kept answer as [`kept_headers_json`] stored them.
pub fn kept_headers(text: Option<&str>) -> Result<Vec<(String, String)>, crate::StoreError> {
    serde_json::from_str(text.unwrap_or("[]"))
        .map_err(|e| crate::StoreError::Corrupt(format!("kept headers: {e}")))
}

/// A record as JSON for the audit log.
pub fn audit_json<T: serde::Serialize>(record: &T) -> Option<String> {
    serde_json::to_string(record).ok()
}

/// Implements [`Store`](crate::Store) for `$store`, a struct with a `pool: sqlx::Pool<$db>`
/// field, where `$db` is the sqlx database type. `$begin` is the statement that opens a
/// write transaction: SQLite needs `BEGIN IMMEDIATE`, so that two transactions that read
/// before they write queue for the write lock instead of one failing with "database is
/// locked"; PostgreSQL's row locks need no such thing. See the module documentation for
/// why this is a macro.
#[macro_export]
macro_rules! impl_sql_store {
    ($store:ident, $db:ty, $backend:literal, $begin:literal) => {
        const _: () = {
            use $crate::sql::{
                audit_json, audit_where, clamp_limit, map_err, membership_where, now, org_where,
                person_where, Arg, MEMBERSHIP_SELECT, OFFICER_SELECT, ORG_COLS, PERSON_COLS,
                POSITION_SELECT, TOKEN_COLS, USER_COLS,
            };
            use $crate::sql::reexport::{async_trait, baylink_text, sqlx};
            use $crate::*;
            use sqlx::{AssertSqlSafe, FromRow, Row};

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            macro_rules! bind_all {
                ($q:expr, $args:expr) => {
                    $crate::bind_args!($q, $args)
                };
            }

            impl $store {
                /// Keys a name for the three orders readers expect (pinyin, strokes, A–Z;
                /// `baylink_text::collation`), inside the transaction that writes it.
                async fn set_name_order(tx: &mut Tx<'_>, table: &str, id: i64, name: &str, script: &str, name_en: Option<&str>) -> Result<(), sqlx::Error> {
                    let keys = baylink_text::collation::stored_keys(name, script, name_en);
                    sqlx::query(AssertSqlSafe(format!("UPDATE {table} SET sort_pinyin = $1, sort_strokes = $2, sort_alphabetical = $3 WHERE id = $4")))
                        .bind(keys.pinyin)
                        .bind(keys.strokes)
                        .bind(keys.alphabetical)
                        .bind(id)
                        .execute(&mut **tx)
                        .await?;
                    Ok(())
                }

                /// Fills what the store keeps derived from its rows and lacks: the name
                /// keys of organisations and people written before they existed (or all of
                /// them, when the collation data changed since they were made; see
                /// `baylink_text::collation::fingerprint`), and the folded form of answers
                /// written before answers were searched. Runs when the store opens, in one
                /// transaction; two nodes opening at once make the same keys. Returns the
                /// number of rows filled.
                pub async fn fill_derived_keys(&self) -> Result<u64, sqlx::Error> {
                    let fingerprint = baylink_text::collation::fingerprint();
                    let mut tx = self.pool.begin_with($begin).await?;
                    let stored: Option<String> = sqlx::query_scalar("SELECT fingerprint FROM name_order WHERE id = 1")
                        .fetch_optional(&mut *tx)
                        .await?;
                    let which = if stored.as_deref() == Some(fingerprint) {
                        " WHERE sort_pinyin IS NULL OR sort_strokes IS NULL OR sort_alphabetical IS NULL"
                    } else {
                        ""
                    };
                    let mut filled = 0;
                    for table in ["organisations", "people"] {
                        let rows: Vec<(i64, String, String, Option<String>)> =
                            sqlx::query_as(AssertSqlSafe(format!("SELECT id, name, name_script, name_en FROM {table}{which} ORDER BY id")))
                                .fetch_all(&mut *tx)
                                .await?;
                        for (id, name, script, name_en) in rows {
                            Self::set_name_order(&mut tx, table, id, &name, &script, name_en.as_deref()).await?;
                            filled += 1;
                        }
                    }
                    if stored.as_deref() != Some(fingerprint) {
                        sqlx::query("INSERT INTO name_order (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint")
                            .bind(fingerprint)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let answers: Vec<(i64, i64, String)> =
                        sqlx::query_as("SELECT registration_id, question_id, answer FROM registration_answers WHERE search_key IS NULL ORDER BY registration_id, question_id")
                            .fetch_all(&mut *tx)
                            .await?;
                    for (registration_id, question_id, answer) in answers {
                        sqlx::query("UPDATE registration_answers SET search_key = $1 WHERE registration_id = $2 AND question_id = $3")
                            .bind(baylink_text::fold(&answer))
                            .bind(registration_id)
                            .bind(question_id)
                            .execute(&mut *tx)
                            .await?;
                        filled += 1;
                    }
                    tx.commit().await?;
                    Ok(filled)
                }

                /// Files chosen by `condition`, whose one value (`$1`) is `value`.
                async fn files_where<T>(&self, files: $crate::sql::FileWords, condition: &str, value: i64) -> StoreResult<Vec<T>>
                where
                    T: for<'r> sqlx::FromRow<'r, <$db as sqlx::Database>::Row> + Send + Unpin,
                {
                    sqlx::query_as::<_, T>(AssertSqlSafe(files.select(condition)))
                        .bind(value)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                /// A file and its bytes.
                async fn file_with_data<T>(&self, files: $crate::sql::FileWords, id: i64) -> StoreResult<(T, Vec<u8>)>
                where
                    T: for<'r> sqlx::FromRow<'r, <$db as sqlx::Database>::Row>,
                {
                    let sql = files.select("id = $1").replacen(" FROM ", ", data FROM ", 1);
                    let row = sqlx::query(AssertSqlSafe(sql))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    let file = T::from_row(&row).map_err(map_err)?;
                    let data: Vec<u8> = row.try_get("data").map_err(map_err)?;
                    Ok((file, data))
                }

                /// Keeps the words read out of a file that had none read (one read
                /// meanwhile by another node is left as it is) and gathers its owner's.
                async fn keep_words(&self, files: $crate::sql::FileWords, id: i64, words: &str) -> StoreResult<()> {
                    let (files_table, owner_column, _, _) = files.names();
                    let mut tx = self.begin().await?;
                    let owner: Option<i64> = sqlx::query_scalar(AssertSqlSafe(format!("UPDATE {files_table} SET words = $1 WHERE id = $2 AND words IS NULL RETURNING {owner_column}")))
                        .bind(words)
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if let Some(owner) = owner {
                        Self::gather_words(&mut tx, files, owner).await?;
                    }
                    tx.commit().await.map_err(map_err)
                }

                /// Writes the words of an owner's files, in their order, into the owner's
                /// row (`owner.column`), where search reads them: a publication's files
                /// or a posting's attachments. The write is logged for the index by the
                /// owner's trigger, so the words are found, or no longer found, at once.
                async fn gather_words(tx: &mut Tx<'_>, files: $crate::sql::FileWords, owner_id: i64) -> StoreResult<()> {
                    let (files_table, owner_column, owner_table, column) = files.names();
                    let words: Vec<String> = sqlx::query_scalar(AssertSqlSafe(format!("SELECT words FROM {files_table} WHERE {owner_column} = $1 AND words IS NOT NULL AND words <> '' ORDER BY id")))
                        .bind(owner_id)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    let joined = (!words.is_empty()).then(|| words.join("\n"));
                    sqlx::query(AssertSqlSafe(format!("UPDATE {owner_table} SET {column} = $1 WHERE id = $2")))
                        .bind(joined)
                        .bind(owner_id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Inserts an account with its audit line, in the caller's transaction.
                async fn insert_user(tx: &mut Tx<'_>, actor: &Actor, d: &UserDraft, password_hash: &str) -> StoreResult<User> {
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!(
                        "INSERT INTO users (email, display_name, role, side_id, org_id, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {USER_COLS}")))
                        .bind(d.email.clone())
                        .bind(d.display_name.clone())
                        .bind(d.role.code().to_owned())
                        .bind(d.side_id)
                        .bind(d.org_id)
                        .bind(password_hash.to_owned())
                        .bind(now())
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-duplicate") => StoreError::invalid("email", "err-email-taken"),
                            StoreError::Conflict("err-still-referenced") => StoreError::invalid("org_id", "err-unknown-reference"),
                            other => other,
                        })?;
                    Self::audit(tx, actor, "create", "user", user.id, None, audit_json(&user)).await?;
                    Ok(user)
                }

                async fn audit(
                    tx: &mut Tx<'_>,
                    actor: &Actor,
                    action: &str,
                    entity: &str,
                    entity_id: i64,
                    before: Option<String>,
                    after: Option<String>,
                ) -> StoreResult<()> {
                    sqlx::query("INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                        .bind(now())
                        .bind(actor.user_id)
                        .bind(actor.name.clone())
                        .bind(action.to_owned())
                        .bind(entity.to_owned())
                        .bind(entity_id)
                        .bind(before)
                        .bind(after)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn org_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Organisation> {
                    sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!("SELECT {ORG_COLS} FROM organisations WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Reads an organisation for update, holding its row until the transaction
                /// ends (a no-op UPDATE locks the row on both backends; SQLite has no
                /// `FOR UPDATE`), so a concurrent edit waits instead of racing.
                async fn lock_org(tx: &mut Tx<'_>, id: i64) -> StoreResult<Organisation> {
                    sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!("UPDATE organisations SET version = version WHERE id = $1 RETURNING {ORG_COLS}")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Reads a person for update, as [`Self::lock_org`] does.
                async fn lock_person(tx: &mut Tx<'_>, id: i64) -> StoreResult<Person> {
                    sqlx::query_as::<_, Person>(AssertSqlSafe(format!("UPDATE people SET version = version WHERE id = $1 RETURNING {PERSON_COLS}")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn person_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Person> {
                    sqlx::query_as::<_, Person>(AssertSqlSafe(format!("SELECT {PERSON_COLS} FROM people WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn position_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Position> {
                    sqlx::query_as::<_, Position>(AssertSqlSafe(format!("{POSITION_SELECT} WHERE p.id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn membership_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Membership> {
                    sqlx::query_as::<_, Membership>(AssertSqlSafe(format!("{MEMBERSHIP_SELECT} WHERE m.id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn officer_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<SideOfficer> {
                    sqlx::query_as::<_, SideOfficer>(AssertSqlSafe(format!("{OFFICER_SELECT} WHERE s.id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Whether a row with this id exists in `table` (a fixed name, never user input).
                async fn exists(tx: &mut Tx<'_>, table: &'static str, id: i64) -> StoreResult<bool> {
                    let row = sqlx::query(AssertSqlSafe(format!("SELECT 1 FROM {table} WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(row.is_some())
                }

                /// Refuses a parent that does not exist or that would make a cycle.
                async fn check_parent(tx: &mut Tx<'_>, id: Option<i64>, parent: Option<i64>) -> StoreResult<()> {
                    let Some(mut current) = parent else { return Ok(()) };
                    for _ in 0..64 {
                        if Some(current) == id {
                            return Err(StoreError::invalid("parent_id", "err-parent-cycle"));
                        }
                        let row = sqlx::query("SELECT parent_id FROM organisations WHERE id = $1")
                            .bind(current)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        match row {
                            None if Some(current) == parent => {
                                return Err(StoreError::invalid("parent_id", "err-unknown-reference"))
                            }
                            None => return Ok(()),
                            Some(row) => match row.try_get::<Option<i64>, _>(0).map_err(map_err)? {
                                Some(next) => current = next,
                                None => return Ok(()),
                            },
                        }
                    }
                    Err(StoreError::invalid("parent_id", "err-parent-cycle"))
                }

                /// Refuses a name that, folded to one script, another organisation has.
                async fn check_org_name(tx: &mut Tx<'_>, id: Option<i64>, name_key: &str) -> StoreResult<()> {
                    let row = sqlx::query("SELECT id FROM organisations WHERE name_key = $1")
                        .bind(name_key.to_owned())
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    match row {
                        Some(row) if Some(row.try_get::<i64, _>(0).map_err(map_err)?) != id => {
                            Err(StoreError::invalid("name", "err-duplicate-name"))
                        }
                        _ => Ok(()),
                    }
                }

                async fn insert_org(tx: &mut Tx<'_>, actor: &Actor, d: &OrganisationDraft) -> StoreResult<Organisation> {
                    let name_key = baylink_text::fold(&d.name);
                    Self::check_org_name(tx, None, &name_key).await?;
                    let t = now();
                    let org = sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!(
                        "INSERT INTO organisations (name, name_script, name_en, short_name, org_type, region, parent_id, website, description, description_script, synthetic, search_key, name_key, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14) RETURNING {ORG_COLS}")))
                        .bind(d.name.clone())
                        .bind(d.name_script.clone())
                        .bind(d.name_en.clone())
                        .bind(d.short_name.clone())
                        .bind(d.org_type.code().to_owned())
                        .bind(d.region.code().to_owned())
                        .bind(d.parent_id)
                        .bind(d.website.clone())
                        .bind(d.description.clone())
                        .bind(d.description_script.clone())
                        .bind(d.synthetic)
                        .bind(d.search_key.clone())
                        .bind(name_key)
                        .bind(t)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Self::set_name_order(tx, "organisations", org.id, &org.name, &org.name_script, org.name_en.as_deref()).await.map_err(map_err)?;
                    Self::audit(tx, actor, "create", "organisation", org.id, None, audit_json(&org)).await?;
                    Ok(org)
                }

                async fn insert_person(tx: &mut Tx<'_>, actor: &Actor, d: &PersonDraft) -> StoreResult<Person> {
                    let t = now();
                    let person = sqlx::query_as::<_, Person>(AssertSqlSafe(format!(
                        "INSERT INTO people (name, name_script, name_en, bio, bio_script, synthetic, search_key, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING {PERSON_COLS}")))
                        .bind(d.name.clone())
                        .bind(d.name_script.clone())
                        .bind(d.name_en.clone())
                        .bind(d.bio.clone())
                        .bind(d.bio_script.clone())
                        .bind(d.synthetic)
                        .bind(d.search_key.clone())
                        .bind(t)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Self::set_name_order(tx, "people", person.id, &person.name, &person.name_script, person.name_en.as_deref()).await.map_err(map_err)?;
                    Self::audit(tx, actor, "create", "person", person.id, None, audit_json(&person)).await?;
                    Ok(person)
                }

                async fn insert_position(tx: &mut Tx<'_>, actor: &Actor, d: &PositionDraft) -> StoreResult<Position> {
                    if !Self::exists(tx, "people", d.person_id).await? {
                        return Err(StoreError::invalid("person_id", "err-unknown-reference"));
                    }
                    if !Self::exists(tx, "organisations", d.org_id).await? {
                        return Err(StoreError::invalid("org_id", "err-unknown-reference"));
                    }
                    let row = sqlx::query("INSERT INTO positions (person_id, org_id, title, title_script, title_en, since_year, until_year, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                        .bind(d.person_id)
                        .bind(d.org_id)
                        .bind(d.title.clone())
                        .bind(d.title_script.clone())
                        .bind(d.title_en.clone())
                        .bind(d.since_year)
                        .bind(d.until_year)
                        .bind(d.sort_order)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    let id: i64 = row.try_get(0).map_err(map_err)?;
                    let position = Self::position_in(tx, id).await?;
                    Self::audit(tx, actor, "create", "position", id, None, audit_json(&position)).await?;
                    Ok(position)
                }

                /// The count a filtered list has past its last page (the window count of
                /// the list query covers every other case in one round trip).
                async fn count(&self, sql: &str, args: &[Arg]) -> StoreResult<i64> {
                    bind_all!(sqlx::query(AssertSqlSafe(sql.to_owned())), args)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn begin(&self) -> StoreResult<Tx<'static>> {
                    self.pool.begin_with($begin).await.map_err(map_err)
                }
            }

            #[async_trait::async_trait]
            impl Store for $store {
                fn backend(&self) -> &'static str {
                    $backend
                }

                async fn ping(&self) -> StoreResult<()> {
                    sqlx::query("SELECT 1").execute(&self.pool).await.map_err(map_err)?;
                    Ok(())
                }

                async fn list_organisations(&self, f: &OrgFilter) -> StoreResult<Page<Organisation>> {
                    let w = org_where(f);
                    let sql = format!(
                        "SELECT {ORG_COLS}, COUNT(*) OVER () AS total_count FROM organisations{} ORDER BY {}, id LIMIT {} OFFSET {}",
                        w.sql,
                        $crate::sql::order_column(f.order),
                        clamp_limit(f.limit),
                        f.offset.max(0)
                    );
                    let rows = bind_all!(sqlx::query(AssertSqlSafe(sql)), &w.args)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let total = match rows.first() {
                        Some(r) => r.try_get("total_count").map_err(map_err)?,
                        None => self.count(&format!("SELECT COUNT(*) FROM organisations{}", w.sql), &w.args).await?,
                    };
                    let items = rows.iter().map(Organisation::from_row).collect::<Result<_, _>>().map_err(map_err)?;
                    Ok(Page { items, total })
                }

                async fn get_organisation(&self, id: i64) -> StoreResult<Organisation> {
                    sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!("SELECT {ORG_COLS} FROM organisations WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn all_organisations(&self) -> StoreResult<Vec<Organisation>> {
                    sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!("SELECT {ORG_COLS} FROM organisations ORDER BY id")))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn organisation_family(&self, id: i64) -> StoreResult<(Organisation, Option<Organisation>, Vec<Organisation>)> {
                    let rows = sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!(
                        "SELECT {ORG_COLS} FROM organisations WHERE id = $1 OR parent_id = $1 OR id = (SELECT parent_id FROM organisations WHERE id = $1) ORDER BY name_key, id")))
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let org = rows.iter().find(|o| o.id == id).cloned().ok_or(StoreError::NotFound)?;
                    let parent = rows.iter().find(|o| Some(o.id) == org.parent_id).cloned();
                    let children = rows.into_iter().filter(|o| o.parent_id == Some(id) && o.id != id).collect();
                    Ok((org, parent, children))
                }

                async fn create_organisation(&self, actor: &Actor, d: &OrganisationDraft) -> StoreResult<Organisation> {
                    let mut tx = self.begin().await?;
                    Self::check_parent(&mut tx, None, d.parent_id).await?;
                    let org = Self::insert_org(&mut tx, actor, d).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(org)
                }

                async fn update_organisation(&self, actor: &Actor, id: i64, d: &OrganisationDraft) -> StoreResult<Organisation> {
                    let mut tx = self.begin().await?;
                    let before = Self::lock_org(&mut tx, id).await?;
                    if d.version.is_some_and(|v| v != before.version) {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    let name_key = baylink_text::fold(&d.name);
                    Self::check_org_name(&mut tx, Some(id), &name_key).await?;
                    Self::check_parent(&mut tx, Some(id), d.parent_id).await?;
                    let after = sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!(
                        "UPDATE organisations SET name = $1, name_script = $2, name_en = $3, short_name = $4, org_type = $5, region = $6, parent_id = $7, website = $8, description = $9, description_script = $10, synthetic = $11, search_key = $12, name_key = $13, version = version + 1, updated_at = $14 WHERE id = $15 AND version = $16 RETURNING {ORG_COLS}")))
                        .bind(d.name.clone())
                        .bind(d.name_script.clone())
                        .bind(d.name_en.clone())
                        .bind(d.short_name.clone())
                        .bind(d.org_type.code().to_owned())
                        .bind(d.region.code().to_owned())
                        .bind(d.parent_id)
                        .bind(d.website.clone())
                        .bind(d.description.clone())
                        .bind(d.description_script.clone())
                        .bind(d.synthetic)
                        .bind(d.search_key.clone())
                        .bind(name_key)
                        .bind(now())
                        .bind(id)
                        .bind(before.version)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::Conflict("err-stale-edit"))?;
                    Self::set_name_order(&mut tx, "organisations", id, &after.name, &after.name_script, after.name_en.as_deref()).await.map_err(map_err)?;
                    Self::audit(&mut tx, actor, "update", "organisation", id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn delete_organisation(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = Self::org_in(&mut tx, id).await?;
                    sqlx::query("DELETE FROM organisations WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "organisation", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn find_organisation_by_name(&self, name: &str) -> StoreResult<Option<Organisation>> {
                    sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!("SELECT {ORG_COLS} FROM organisations WHERE name_key = $1")))
                        .bind(baylink_text::fold(name))
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn find_organisation_by_any_name(&self, name: &str) -> StoreResult<Option<Organisation>> {
                    // The directory is small (hundreds of entries), so the forms are
                    // compared in memory; a page that looks up many names builds one
                    // [`OrganisationNames`] instead.
                    let orgs = self.all_organisations().await?;
                    let found = OrganisationNames::new(&orgs).find(name);
                    Ok(found.and_then(|id| orgs.into_iter().find(|o| o.id == id)))
                }

                async fn list_people(&self, f: &PersonFilter) -> StoreResult<Page<Person>> {
                    let w = person_where(f);
                    let sql = format!(
                        "SELECT {PERSON_COLS}, COUNT(*) OVER () AS total_count FROM people{} ORDER BY {}, id LIMIT {} OFFSET {}",
                        w.sql,
                        $crate::sql::order_column(f.order),
                        clamp_limit(f.limit),
                        f.offset.max(0)
                    );
                    let rows = bind_all!(sqlx::query(AssertSqlSafe(sql)), &w.args)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let total = match rows.first() {
                        Some(r) => r.try_get("total_count").map_err(map_err)?,
                        None => self.count(&format!("SELECT COUNT(*) FROM people{}", w.sql), &w.args).await?,
                    };
                    let items = rows.iter().map(Person::from_row).collect::<Result<_, _>>().map_err(map_err)?;
                    Ok(Page { items, total })
                }

                async fn get_person(&self, id: i64) -> StoreResult<Person> {
                    sqlx::query_as::<_, Person>(AssertSqlSafe(format!("SELECT {PERSON_COLS} FROM people WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn create_person(&self, actor: &Actor, d: &PersonDraft) -> StoreResult<Person> {
                    let mut tx = self.begin().await?;
                    let person = Self::insert_person(&mut tx, actor, d).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(person)
                }

                async fn update_person(&self, actor: &Actor, id: i64, d: &PersonDraft) -> StoreResult<Person> {
                    let mut tx = self.begin().await?;
                    let before = Self::lock_person(&mut tx, id).await?;
                    if d.version.is_some_and(|v| v != before.version) {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    let after = sqlx::query_as::<_, Person>(AssertSqlSafe(format!(
                        "UPDATE people SET name = $1, name_script = $2, name_en = $3, bio = $4, bio_script = $5, synthetic = $6, search_key = $7, version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10 RETURNING {PERSON_COLS}")))
                        .bind(d.name.clone())
                        .bind(d.name_script.clone())
                        .bind(d.name_en.clone())
                        .bind(d.bio.clone())
                        .bind(d.bio_script.clone())
                        .bind(d.synthetic)
                        .bind(d.search_key.clone())
                        .bind(now())
                        .bind(id)
                        .bind(before.version)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::Conflict("err-stale-edit"))?;
                    Self::set_name_order(&mut tx, "people", id, &after.name, &after.name_script, after.name_en.as_deref()).await.map_err(map_err)?;
                    Self::audit(&mut tx, actor, "update", "person", id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn delete_person(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = Self::person_in(&mut tx, id).await?;
                    sqlx::query("DELETE FROM people WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "person", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn positions_of_person(&self, person_id: i64) -> StoreResult<Vec<Position>> {
                    sqlx::query_as::<_, Position>(AssertSqlSafe(format!("{POSITION_SELECT} WHERE p.person_id = $1 ORDER BY p.sort_order, p.id")))
                        .bind(person_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn positions_at_organisation(&self, org_id: i64) -> StoreResult<Vec<Position>> {
                    sqlx::query_as::<_, Position>(AssertSqlSafe(format!("{POSITION_SELECT} WHERE p.org_id = $1 ORDER BY p.sort_order, pe.search_key, p.id")))
                        .bind(org_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn create_position(&self, actor: &Actor, d: &PositionDraft) -> StoreResult<Position> {
                    let mut tx = self.begin().await?;
                    let position = Self::insert_position(&mut tx, actor, d).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(position)
                }

                async fn delete_position(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = Self::position_in(&mut tx, id).await?;
                    sqlx::query("DELETE FROM positions WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "position", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn create_person_with_positions(&self, actor: &Actor, person: &PersonDraft, positions: &[PositionDraft]) -> StoreResult<Person> {
                    let mut tx = self.begin().await?;
                    let created = Self::insert_person(&mut tx, actor, person).await?;
                    for p in positions {
                        let p = PositionDraft { person_id: created.id, ..p.clone() };
                        Self::insert_position(&mut tx, actor, &p).await?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(created)
                }

                async fn apply_import(&self, actor: &Actor, plan: &ImportPlan) -> StoreResult<ImportOutcome> {
                    let mut tx = self.begin().await?;
                    let mut outcome = ImportOutcome::default();
                    let mut new_ids = Vec::with_capacity(plan.organisations.len());
                    for o in &plan.organisations {
                        let draft = OrganisationDraft { parent_id: None, ..o.draft.clone() };
                        new_ids.push(Self::insert_org(&mut tx, actor, &draft).await?.id);
                        outcome.organisations += 1;
                    }
                    let resolve = |r: &OrgRef| -> StoreResult<i64> {
                        match r {
                            OrgRef::Existing(id) => Ok(*id),
                            OrgRef::New(i) => new_ids.get(*i).copied().ok_or(StoreError::invalid("organisation", "err-unknown-reference")),
                        }
                    };
                    // Parents are set once every new organisation exists, so a file may
                    // list a sub-organisation before its parent.
                    for (o, id) in plan.organisations.iter().zip(new_ids.iter()) {
                        if let Some(parent) = &o.parent {
                            let parent = resolve(parent)?;
                            Self::check_parent(&mut tx, Some(*id), Some(parent)).await?;
                            sqlx::query("UPDATE organisations SET parent_id = $1 WHERE id = $2")
                                .bind(parent)
                                .bind(*id)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        }
                    }
                    for p in &plan.people {
                        let person_id = match p.existing {
                            Some(id) => id,
                            None => {
                                outcome.people += 1;
                                Self::insert_person(&mut tx, actor, &p.draft).await?.id
                            }
                        };
                        for (org, position) in &p.positions {
                            let d = PositionDraft { person_id, org_id: resolve(org)?, ..position.clone() };
                            Self::insert_position(&mut tx, actor, &d).await?;
                            outcome.positions += 1;
                        }
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(outcome)
                }

                async fn list_sides(&self) -> StoreResult<Vec<Side>> {
                    sqlx::query_as::<_, Side>("SELECT id, code, name, name_script, name_en, body_name, region FROM sides ORDER BY id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn list_side_officers(&self) -> StoreResult<Vec<SideOfficer>> {
                    sqlx::query_as::<_, SideOfficer>(AssertSqlSafe(format!("{OFFICER_SELECT} ORDER BY s.side_id, s.role, s.id")))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn create_side(&self, actor: &Actor, code: &str, name: &str, name_script: &str, name_en: Option<&str>, body_name: Option<&str>, region: Region) -> StoreResult<Side> {
                    let mut tx = self.begin().await?;
                    let side = sqlx::query_as::<_, Side>("INSERT INTO sides (code, name, name_script, name_en, body_name, region) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, code, name, name_script, name_en, body_name, region")
                        .bind(code.to_owned())
                        .bind(name.to_owned())
                        .bind(name_script.to_owned())
                        .bind(name_en.map(str::to_owned))
                        .bind(body_name.map(str::to_owned))
                        .bind(region.code().to_owned())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "create", "side", side.id, None, audit_json(&side)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(side)
                }

                async fn create_side_officer(&self, actor: &Actor, d: &SideOfficerDraft) -> StoreResult<SideOfficer> {
                    let mut tx = self.begin().await?;
                    if !Self::exists(&mut tx, "sides", d.side_id).await? {
                        return Err(StoreError::invalid("side_id", "err-unknown-reference"));
                    }
                    if !Self::exists(&mut tx, "people", d.person_id).await? {
                        return Err(StoreError::invalid("person_id", "err-unknown-reference"));
                    }
                    let id: i64 = sqlx::query("INSERT INTO side_officers (side_id, person_id, role, title, title_script, title_en, since_year) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                        .bind(d.side_id)
                        .bind(d.person_id)
                        .bind(d.role.code().to_owned())
                        .bind(d.title.clone())
                        .bind(d.title_script.clone())
                        .bind(d.title_en.clone())
                        .bind(d.since_year)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    let officer = Self::officer_in(&mut tx, id).await?;
                    Self::audit(&mut tx, actor, "create", "side_officer", id, None, audit_json(&officer)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(officer)
                }

                async fn delete_side_officer(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = Self::officer_in(&mut tx, id).await?;
                    sqlx::query("DELETE FROM side_officers WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "side_officer", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn list_milestones(&self) -> StoreResult<Vec<Milestone>> {
                    sqlx::query_as::<_, Milestone>("SELECT id, year, date, text, text_script, text_en FROM milestones ORDER BY year, id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn create_milestone(&self, actor: &Actor, year: i32, date: Option<&str>, text: &str, text_script: &str, text_en: Option<&str>) -> StoreResult<Milestone> {
                    let mut tx = self.begin().await?;
                    let m = sqlx::query_as::<_, Milestone>("INSERT INTO milestones (year, date, text, text_script, text_en) VALUES ($1, $2, $3, $4, $5) RETURNING id, year, date, text, text_script, text_en")
                        .bind(year)
                        .bind(date.map(str::to_owned))
                        .bind(text.to_owned())
                        .bind(text_script.to_owned())
                        .bind(text_en.map(str::to_owned))
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "create", "milestone", m.id, None, audit_json(&m)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(m)
                }

                async fn delete_milestone(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, Milestone>("SELECT id, year, date, text, text_script, text_en FROM milestones WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    sqlx::query("DELETE FROM milestones WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "milestone", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn list_designations(&self) -> StoreResult<Vec<Designation>> {
                    sqlx::query_as::<_, Designation>("SELECT id, code, name, name_script, name_en FROM designations ORDER BY id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn create_designation(&self, actor: &Actor, d: &DesignationDraft) -> StoreResult<Designation> {
                    let mut tx = self.begin().await?;
                    let des = sqlx::query_as::<_, Designation>("INSERT INTO designations (code, name, name_script, name_en) VALUES ($1, $2, $3, $4) RETURNING id, code, name, name_script, name_en")
                        .bind(d.code.clone())
                        .bind(d.name.clone())
                        .bind(d.name_script.clone())
                        .bind(d.name_en.clone())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "create", "designation", des.id, None, audit_json(&des)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(des)
                }

                async fn delete_designation(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, Designation>("SELECT id, code, name, name_script, name_en FROM designations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    let used: i64 = sqlx::query("SELECT COUNT(*) FROM memberships WHERE designation_id = $1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    if used > 0 {
                        return Err(StoreError::Conflict("err-designation-in-use"));
                    }
                    sqlx::query("DELETE FROM designations WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "designation", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn list_memberships(&self, f: &MembershipFilter) -> StoreResult<Vec<Membership>> {
                    let w = membership_where(f);
                    let sql = format!("{MEMBERSHIP_SELECT}{} ORDER BY m.year DESC, m.designation_id, o.{}, m.id", w.sql, $crate::sql::order_column(f.order));
                    bind_all!(sqlx::query_as::<_, Membership>(AssertSqlSafe(sql)), &w.args)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn create_membership(&self, actor: &Actor, d: &MembershipDraft) -> StoreResult<Membership> {
                    let mut tx = self.begin().await?;
                    if !Self::exists(&mut tx, "organisations", d.org_id).await? {
                        return Err(StoreError::invalid("org_id", "err-unknown-reference"));
                    }
                    if !Self::exists(&mut tx, "designations", d.designation_id).await? {
                        return Err(StoreError::invalid("designation_id", "err-unknown-reference"));
                    }
                    if let Some(side) = d.side_id {
                        if !Self::exists(&mut tx, "sides", side).await? {
                            return Err(StoreError::invalid("side_id", "err-unknown-reference"));
                        }
                    }
                    let id: i64 = sqlx::query("INSERT INTO memberships (org_id, designation_id, year, ceremony_date, side_id, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                        .bind(d.org_id)
                        .bind(d.designation_id)
                        .bind(d.year)
                        .bind(d.ceremony_date.clone())
                        .bind(d.side_id)
                        .bind(d.note.clone())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-duplicate") => StoreError::Conflict("err-duplicate-membership"),
                            other => other,
                        })?
                        .try_get(0)
                        .map_err(map_err)?;
                    let m = Self::membership_in(&mut tx, id).await?;
                    Self::audit(&mut tx, actor, "create", "membership", id, None, audit_json(&m)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(m)
                }

                async fn delete_membership(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = Self::membership_in(&mut tx, id).await?;
                    sqlx::query("DELETE FROM memberships WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "membership", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn membership_years(&self) -> StoreResult<Vec<i32>> {
                    let rows = sqlx::query("SELECT DISTINCT year FROM memberships ORDER BY year DESC")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter().map(|r| r.try_get::<i32, _>(0).map_err(map_err)).collect()
                }

                async fn directory_facets(&self) -> StoreResult<(Vec<Designation>, Vec<i32>)> {
                    let rows = sqlx::query("SELECT id, code, name, name_script, name_en, CAST(NULL AS INTEGER) AS year FROM designations UNION ALL SELECT DISTINCT CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), year FROM memberships")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let mut designations = Vec::new();
                    let mut years = Vec::new();
                    for r in &rows {
                        match r.try_get::<Option<i32>, _>(5).map_err(map_err)? {
                            Some(year) => years.push(year),
                            None => designations.push(Designation::from_row(r).map_err(map_err)?),
                        }
                    }
                    designations.sort_by_key(|d| d.id);
                    years.sort_unstable_by(|a, b| b.cmp(a));
                    years.dedup();
                    Ok((designations, years))
                }

                async fn create_user(&self, actor: &Actor, d: &UserDraft, password_hash: &str) -> StoreResult<User> {
                    let mut tx = self.begin().await?;
                    let user = Self::insert_user(&mut tx, actor, d, password_hash).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(user)
                }

                async fn update_user(&self, actor: &Actor, id: i64, d: &UserDraft) -> StoreResult<User> {
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .filter(|u| !u.is_erased())
                        .ok_or(StoreError::NotFound)?;
                    if actor.user_id == Some(id) && d.role != before.role {
                        return Err(StoreError::Conflict("err-own-role"));
                    }
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!("UPDATE users SET email = $2, display_name = $3, role = $4, side_id = $5, org_id = $6 WHERE id = $1 RETURNING {USER_COLS}")))
                        .bind(id)
                        .bind(d.email.clone())
                        .bind(d.display_name.clone())
                        .bind(d.role.code().to_owned())
                        .bind(d.side_id)
                        .bind(d.org_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-duplicate") => StoreError::invalid("email", "err-email-taken"),
                            StoreError::Conflict("err-still-referenced") => StoreError::invalid("org_id", "err-unknown-reference"),
                            other => other,
                        })?;
                    Self::audit(&mut tx, actor, "update", "user", id, audit_json(&before), audit_json(&user)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(user)
                }

                async fn suspend_user(&self, actor: &Actor, id: i64, suspend: bool) -> StoreResult<User> {
                    if actor.user_id == Some(id) {
                        return Err(StoreError::Conflict("err-suspend-self"));
                    }
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .filter(|u| !u.is_erased())
                        .ok_or(StoreError::NotFound)?;
                    // Suspending twice keeps the first time; reinstating clears it.
                    let at = if suspend { Some(before.suspended_at.unwrap_or_else(now)) } else { None };
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!("UPDATE users SET suspended_at = $2 WHERE id = $1 RETURNING {USER_COLS}")))
                        .bind(id)
                        .bind(at)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if suspend {
                        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Self::audit(&mut tx, actor, "update", "user", id, audit_json(&before), audit_json(&user)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(user)
                }

                async fn erase_user(&self, actor: &Actor, id: i64) -> StoreResult<User> {
                    if actor.user_id == Some(id) {
                        return Err(StoreError::Conflict("err-erase-self"));
                    }
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    let erased = format!("erased-user-{id}{}", $crate::events::ERASED_DOMAIN);
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!("UPDATE users SET email = $2, display_name = '', password_hash = '', side_id = NULL, org_id = NULL, totp_secret = NULL, totp_step = NULL, last_sign_in_at = NULL WHERE id = $1 RETURNING {USER_COLS}")))
                        .bind(id)
                        .bind(erased.clone())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Where the account's address, name or words were written down.
                    for (sql, arg) in [
                        ("DELETE FROM sessions WHERE user_id = $1", None),
                        ("DELETE FROM event_managers WHERE user_id = $1", None),
                        ("DELETE FROM api_tokens WHERE user_id = $1", None),
                        ("DELETE FROM password_links WHERE user_id = $1", None),
                        ("DELETE FROM sign_in_challenges WHERE user_id = $1", None),
                        ("DELETE FROM recovery_codes WHERE user_id = $1", None),
                        ("DELETE FROM known_devices WHERE user_id = $1", None),
                        ("DELETE FROM email_changes WHERE user_id = $1", None),
                        ("DELETE FROM idempotency_keys WHERE user_id = $1", None),
                        ("DELETE FROM posting_alerts WHERE user_id = $1", None),
                        ("DELETE FROM posting_bookmarks WHERE user_id = $1", None),
                        ("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'event_manager' AND entity_id = $1", None),
                        ("UPDATE posting_interests SET message = '' WHERE from_user_id = $1", None),
                        ("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'user' AND entity_id = $1", None),
                        ("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'interest' AND entity_id IN (SELECT id FROM posting_interests WHERE from_user_id = $1)", None),
                        ("UPDATE audit_log SET actor = $2 WHERE user_id = $1", Some(format!("erased-user-{id}"))),
                    ] {
                        let q = sqlx::query(sql).bind(id);
                        let q = match arg {
                            Some(arg) => q.bind(arg),
                            None => q,
                        };
                        q.execute(&mut *tx).await.map_err(map_err)?;
                    }
                    sqlx::query("DELETE FROM login_failures WHERE key = $1")
                        .bind(format!("email:{}", before.email))
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Mails to the account (not those about a registration or an invitation
                    // under the same address, which are the person's other records): those
                    // not sent go, those sent keep no address nor what they said, as for an
                    // erased registration's.
                    sqlx::query("DELETE FROM outbox WHERE to_addr = $1 AND registration_id IS NULL AND invitation_id IS NULL AND sent_at IS NULL")
                        .bind(&before.email)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("UPDATE outbox SET to_addr = $2, subject = NULL, body = NULL, secret = NULL WHERE to_addr = $1 AND registration_id IS NULL AND invitation_id IS NULL")
                        .bind(&before.email)
                        .bind(&erased)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Postings it wrote stay with their organisation, but not a contact that
                    // names the account (its address or its name): the organisation gives
                    // another when it next edits the posting. Their audit lines held it too.
                    let authored: Vec<(i64, String)> = sqlx::query_as("SELECT id, contact FROM postings WHERE author_id = $1")
                        .bind(id)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    for (posting, contact) in authored {
                        if !$crate::market::contact_names(&contact, &before.email, &before.display_name) {
                            continue;
                        }
                        sqlx::query("UPDATE postings SET contact = '', version = version + 1, updated_at = $2 WHERE id = $1")
                            .bind(posting)
                            .bind($crate::sql::now())
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        sqlx::query("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'posting' AND entity_id = $1")
                            .bind(posting)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    // Mails to the account (not to a registration, which is erased on its own).
                    for sql in [
                        "DELETE FROM outbox WHERE to_addr = $1 AND registration_id IS NULL AND sent_at IS NULL",
                        "UPDATE outbox SET to_addr = $2, subject = NULL, body = NULL WHERE to_addr = $1 AND registration_id IS NULL",
                    ] {
                        sqlx::query(sql)
                            .bind(before.email.clone())
                            .bind(erased.clone())
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Self::audit(&mut tx, actor, "erase", "user", id, None, None).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(user)
                }

                async fn get_user(&self, id: i64) -> StoreResult<User> {
                    sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn find_user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
                    sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE email = $1")))
                        .bind(email.trim().to_lowercase())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn set_user_locale(&self, user_id: i64, locale: &str) -> StoreResult<()> {
                    sqlx::query("UPDATE users SET locale = $2 WHERE id = $1 AND (locale IS NULL OR locale <> $2) AND NOT locale_chosen")
                        .bind(user_id)
                        .bind(locale)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn choose_user_locale(&self, user_id: i64, locale: Option<&str>) -> StoreResult<User> {
                    sqlx::query_as::<_, User>(AssertSqlSafe(format!("UPDATE users SET locale = COALESCE($2, locale), locale_chosen = $3 WHERE id = $1 RETURNING {USER_COLS}")))
                        .bind(user_id)
                        .bind(locale.map(str::to_owned))
                        .bind(locale.is_some())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn list_users(&self) -> StoreResult<Vec<User>> {
                    sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users ORDER BY id")))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn create_session_from(&self, s: &Session, user_agent: Option<&str>, client_ip: Option<&str>) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let user_agent = user_agent.map(|ua| ua.chars().filter(|c| !c.is_control()).take(300).collect::<String>());
                    sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, user_agent, client_ip) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                        .bind(s.token_hash.clone())
                        .bind(s.user_id)
                        .bind(s.csrf_token.clone())
                        .bind(s.created_at)
                        .bind(s.expires_at)
                        .bind(user_agent)
                        .bind(client_ip.map(str::to_owned))
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("UPDATE users SET last_sign_in_at = $2 WHERE id = $1")
                        .bind(s.user_id)
                        .bind(s.created_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Expired sessions are swept whenever a new one starts, so the table
                    // stays small without a background job on every node.
                    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                        .bind(s.created_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)
                }

                async fn note_device(&self, user_id: i64, device_hash: &str, now: i64) -> StoreResult<bool> {
                    let mut tx = self.begin().await?;
                    let seen = sqlx::query("UPDATE known_devices SET last_seen_at = $3 WHERE user_id = $1 AND device_hash = $2")
                        .bind(user_id)
                        .bind(device_hash.to_owned())
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if seen.rows_affected() > 0 {
                        tx.commit().await.map_err(map_err)?;
                        return Ok(false);
                    }
                    let others: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM known_devices WHERE user_id = $1")
                        .bind(user_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("INSERT INTO known_devices (user_id, device_hash, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) ON CONFLICT (user_id, device_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at")
                        .bind(user_id)
                        .bind(device_hash.to_owned())
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let new = others > 0;
                    if new {
                        sqlx::query($crate::sql_passwords::QUEUE_NOTICE)
                            .bind(user_id)
                            .bind("new_sign_in")
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(new)
                }

                async fn list_sessions(&self, user_id: i64, now: i64) -> StoreResult<Vec<BrowserSession>> {
                    sqlx::query_as::<_, BrowserSession>(AssertSqlSafe(format!("SELECT SUBSTR(token_hash, 1, {SESSION_ID_CHARS}) AS id, created_at, expires_at, user_agent, client_ip FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, token_hash")))
                        .bind(user_id)
                        .bind(now)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn end_session_of(&self, user_id: i64, id: &str) -> StoreResult<bool> {
                    if id.len() != SESSION_ID_CHARS || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return Ok(false);
                    }
                    let done = sqlx::query(AssertSqlSafe(format!("DELETE FROM sessions WHERE user_id = $1 AND SUBSTR(token_hash, 1, {SESSION_ID_CHARS}) = $2")))
                        .bind(user_id)
                        .bind(id.to_owned())
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected() > 0)
                }

                async fn get_session(&self, token_hash: &str, now: i64) -> StoreResult<Option<(Session, User)>> {
                    let session = sqlx::query_as::<_, Session>("SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2")
                        .bind(token_hash.to_owned())
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let Some(session) = session else { return Ok(None) };
                    match self.get_user(session.user_id).await {
                        Ok(user) if user.is_active() => Ok(Some((session, user))),
                        Ok(_) | Err(StoreError::NotFound) => Ok(None),
                        Err(e) => Err(e),
                    }
                }

                async fn create_api_token(&self, actor: &Actor, user_id: i64, name: &str, token_hash: &str, expires_at: Option<i64>, read_only: bool) -> StoreResult<ApiToken> {
                    let name = name.trim();
                    if name.is_empty() {
                        return Err(StoreError::invalid("name", "err-required"));
                    }
                    if name.chars().count() > 100 {
                        return Err(StoreError::Invalid(vec![FieldError::new("name", "err-too-long").with_limit(100)]));
                    }
                    let mut tx = self.begin().await?;
                    let token = sqlx::query_as::<_, ApiToken>(AssertSqlSafe(format!("INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at, read_only) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {TOKEN_COLS}")))
                        .bind(user_id)
                        .bind(name.to_owned())
                        .bind(token_hash.to_owned())
                        .bind(now())
                        .bind(expires_at)
                        .bind(read_only)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "create", "api_token", token.id, None, audit_json(&token)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(token)
                }

                async fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
                    sqlx::query_as::<_, ApiToken>(AssertSqlSafe(format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC")))
                        .bind(user_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn delete_api_token(&self, actor: &Actor, user_id: i64, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, ApiToken>(AssertSqlSafe(format!("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 RETURNING {TOKEN_COLS}")))
                        .bind(id)
                        .bind(user_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    Self::audit(&mut tx, actor, "delete", "api_token", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn api_token_user(&self, token_hash: &str, now: i64) -> StoreResult<Option<(ApiToken, User)>> {
                    let token = sqlx::query_as::<_, ApiToken>(AssertSqlSafe(format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > $2)")))
                        .bind(token_hash.to_owned())
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let Some(token) = token else { return Ok(None) };
                    if token.last_used_at.is_none_or(|at| at <= now - $crate::TOKEN_USE_SECONDS) {
                        sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
                            .bind(token.id)
                            .bind(now)
                            .execute(&self.pool)
                            .await
                            .map_err(map_err)?;
                    }
                    match self.get_user(token.user_id).await {
                        Ok(user) if user.is_active() => Ok(Some((token, user))),
                        Ok(_) | Err(StoreError::NotFound) => Ok(None),
                        Err(e) => Err(e),
                    }
                }

                async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                        .bind(token_hash.to_owned())
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn end_other_sessions(&self, user_id: i64, keep: &str) -> StoreResult<u64> {
                    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                        .bind(user_id)
                        .bind(keep.to_owned())
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected())
                }

                async fn forget_empty_pdf_words(&self) -> StoreResult<u64> {
                    let mut tx = self.begin().await?;
                    let mut marked = 0;
                    for files in [$crate::sql::FileWords::Publication, $crate::sql::FileWords::Posting] {
                        let (files_table, ..) = files.names();
                        marked += sqlx::query(AssertSqlSafe(format!("UPDATE {files_table} SET words = NULL WHERE words = '' AND LOWER(filename) LIKE '%.pdf'")))
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?
                            .rows_affected();
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(marked)
                }

                async fn add_token_use(&self, minute: i64, uses: &[(i64, i64)]) -> StoreResult<Vec<(i64, i64)>> {
                    let mut tx = self.begin().await?;
                    sqlx::query("DELETE FROM api_token_use WHERE minute < $1")
                        .bind(minute - 1)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // In the tokens' order, so that two nodes adding at once never wait on
                    // each other's rows crosswise.
                    let mut uses = uses.to_vec();
                    uses.sort_unstable();
                    let mut totals = Vec::with_capacity(uses.len());
                    for (token_id, requests) in uses {
                        let total: Option<i64> = sqlx::query_scalar("INSERT INTO api_token_use (token_id, minute, requests) SELECT id, $2, $3 FROM api_tokens WHERE id = $1 ON CONFLICT (token_id, minute) DO UPDATE SET requests = api_token_use.requests + excluded.requests RETURNING requests")
                            .bind(token_id)
                            .bind(minute)
                            .bind(requests)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if let Some(total) = total {
                            totals.push((token_id, total));
                        }
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(totals)
                }

                async fn record_login_failure(&self, key: &str, now: i64, since: i64) -> StoreResult<i64> {
                    sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                        .bind(key.to_owned())
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    self.count_login_failures(key, since).await
                }

                async fn count_login_failures(&self, key: &str, since: i64) -> StoreResult<i64> {
                    sqlx::query("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
                        .bind(key.to_owned())
                        .bind(since)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM login_failures WHERE key = $1")
                        .bind(key.to_owned())
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn claim_idempotency_key(&self, user_id: i64, key: &str, fingerprint: &str, now: i64) -> StoreResult<IdempotencyClaim> {
                    let mut tx = self.begin().await?;
                    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                        .bind(now - $crate::IDEMPOTENCY_SECONDS)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let inserted = sqlx::query("INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, idem_key) DO NOTHING")
                        .bind(user_id)
                        .bind(key.to_owned())
                        .bind(fingerprint.to_owned())
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .rows_affected();
                    let claim = if inserted == 1 {
                        IdempotencyClaim::Claimed
                    } else {
                        let (kept, created_at, status, headers, body): (String, i64, Option<i32>, Option<String>, Option<Vec<u8>>) =
                            sqlx::query_as("SELECT fingerprint, created_at, status, headers, body FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2")
                                .bind(user_id)
                                .bind(key.to_owned())
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        match status {
                            _ if kept != fingerprint => IdempotencyClaim::Mismatch,
                            Some(status) => IdempotencyClaim::Answered(KeptAnswer {
                                status: u16::try_from(status).map_err(|e| StoreError::Corrupt(format!("idempotent status {status}: {e}")))?,
                                headers: $crate::sql::kept_headers(headers.as_deref())?,
                                body: body.unwrap_or_default(),
                            }),
                            None if created_at < now - $crate::IDEMPOTENCY_STALE_SECONDS => {
                                // Its node died mid-request: the key is this request's.
                                sqlx::query("UPDATE idempotency_keys SET created_at = $3 WHERE user_id = $1 AND idem_key = $2")
                                    .bind(user_id)
                                    .bind(key.to_owned())
                                    .bind(now)
                                    .execute(&mut *tx)
                                    .await
                                    .map_err(map_err)?;
                                IdempotencyClaim::Claimed
                            }
                            None => IdempotencyClaim::InProgress,
                        }
                    };
                    tx.commit().await.map_err(map_err)?;
                    Ok(claim)
                }

                async fn keep_idempotent_answer(&self, user_id: i64, key: &str, answer: &KeptAnswer) -> StoreResult<()> {
                    let headers = $crate::sql::kept_headers_json(&answer.headers);
                    sqlx::query("UPDATE idempotency_keys SET status = $3, headers = $4, body = $5 WHERE user_id = $1 AND idem_key = $2")
                        .bind(user_id)
                        .bind(key.to_owned())
                        .bind(i32::from(answer.status))
                        .bind(headers)
                        .bind(answer.body.clone())
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn release_idempotency_key(&self, user_id: i64, key: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2 AND status IS NULL")
                        .bind(user_id)
                        .bind(key.to_owned())
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn search_audit(&self, f: &AuditFilter, limit: i64, offset: i64) -> StoreResult<Page<AuditEntry>> {
                    let w = audit_where(f);
                    let total = self.count(&format!("SELECT COUNT(*) FROM audit_log{}", w.sql), &w.args).await?;
                    let sql = format!(
                        "SELECT id, at, user_id, actor, action, entity, entity_id, before_json, after_json FROM audit_log{} ORDER BY id DESC LIMIT {} OFFSET {}",
                        w.sql,
                        clamp_limit(limit),
                        offset.max(0)
                    );
                    let items = bind_all!(sqlx::query_as::<_, AuditEntry>(AssertSqlSafe(sql)), &w.args)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(Page { items, total })
                }

                async fn site_setting(&self, name: &str) -> StoreResult<Option<String>> {
                    sqlx::query_scalar("SELECT value FROM site_settings WHERE name = $1")
                        .bind(name.to_owned())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn set_site_setting(&self, actor: &Actor, name: &str, value: &str) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before: Option<String> = sqlx::query_scalar("SELECT value FROM site_settings WHERE name = $1")
                        .bind(name.to_owned())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("INSERT INTO site_settings (name, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
                        .bind(name.to_owned())
                        .bind(value.to_owned())
                        .bind($crate::sql::now())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let said = |v: &str| $crate::sql::setting_json(name, v);
                    Self::audit(&mut tx, actor, "update", "site_setting", 0, before.as_deref().map(said), Some(said(value))).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn audit_entities(&self) -> StoreResult<Vec<String>> {
                    sqlx::query_scalar("SELECT DISTINCT entity FROM audit_log ORDER BY entity")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn stats(&self) -> StoreResult<DirectoryStats> {
                    let row = sqlx::query("SELECT (SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM people), (SELECT COUNT(*) FROM memberships), (SELECT COUNT(*) FROM sides)")
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(DirectoryStats {
                        organisations: row.try_get(0).map_err(map_err)?,
                        people: row.try_get(1).map_err(map_err)?,
                        memberships: row.try_get(2).map_err(map_err)?,
                        sides: row.try_get(3).map_err(map_err)?,
                    })
                }
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_are_literal() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn filters_number_their_placeholders_in_order() {
        let b = org_where(&OrgFilter {
            q: Some("協會".into()),
            region: Some(crate::Region::Shenzhen),
            designation_id: Some(2),
            year: Some(2024),
            ..Default::default()
        });
        assert!(b.sql.contains("$1") && b.sql.contains("$4") && !b.sql.contains("$5"));
        assert_eq!(b.args[0], Arg::Text("%协会%".into()));
        assert_eq!(b.args[3], Arg::Int32(2024));
        assert_eq!(org_where(&OrgFilter::default()).sql, "");
    }
}
