//! Publications (刊物): the whitepapers released at the alliance's events, its news, the
//! reports of its events and the challenges it launches, each attached to the event it came
//! from and to the organisations behind it.
//!
//! A publication is written once, in its author's script, like everything else, and found
//! by search in any script. Staff write them; a draft is theirs alone until it is
//! published. The full text usually lives on the publisher's site (a PDF), so a
//! publication carries a link to it beside its summary and body.

use async_trait::async_trait;
use baylink_text::{Script, fold};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Actor;
use crate::error::{FieldError, StoreError, StoreResult};
use crate::input::{Checker, MAX_NAME, MAX_TEXT};
use crate::model::{FileUpload, Page, code_enum};

code_enum!(
    /// What a publication is.
    PublicationKind, "publication-kind" {
        /// 白皮書, such as the one released at the 2024 conference.
        Whitepaper = "whitepaper",
        News = "news",
        /// A report of an event (活動報道).
        EventReport = "event_report",
        /// A challenge or competition launched (挑戰賽, 揭榜).
        Challenge = "challenge",
    }
);

/// The most organisations one publication names.
pub const MAX_PUBLICATION_ORGS: usize = 20;

/// A publication, with its event's title joined for lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Publication {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: PublicationKind,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub summary: Option<String>,
    pub summary_script: String,
    pub body: Option<String>,
    pub body_script: String,
    /// Where the full text is.
    pub url: Option<String>,
    /// `YYYY-MM-DD`, Hong Kong.
    #[schema(format = Date)]
    pub published_on: String,
    pub event_id: Option<i64>,
    pub event_title: Option<String>,
    pub event_title_script: Option<String>,
    pub event_title_en: Option<String>,
    /// Seen by staff only.
    pub draft: bool,
    pub synthetic: bool,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An organisation a publication names (its publisher, or those behind it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct PublicationOrg {
    pub publication_id: i64,
    pub org_id: i64,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
}

/// At most this many files per publication, each at most [`MAX_PUBLICATION_FILE_BYTES`]
/// (a whitepaper's PDF with its pictures runs to a few megabytes), of the kinds a posting
/// may carry ([`crate::market::checked_file`]).
pub const MAX_PUBLICATION_FILES: i64 = 5;
pub const MAX_PUBLICATION_FILE_BYTES: usize = 20 * 1024 * 1024;

/// A file of a publication, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct PublicationFile {
    pub id: i64,
    pub publication_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: i64,
    /// How many characters of words were read out of it for search: `None` not read yet
    /// (a file from before files were read; a sweep at start-up reads it), 0 none (an
    /// image, or a document that could not be read).
    pub words_length: Option<i64>,
}

/// A publication as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PublicationInput {
    /// `whitepaper`, `news`, `event_report` or `challenge`.
    #[schema(value_type = PublicationKind)]
    pub kind: String,
    /// Not blank; no control characters.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f][^\\x00-\\x1f\\x7f]*$"
    )]
    pub title: String,
    /// `zh-Hant`, `zh-Hans` or `en`; detected from the title when left out.
    #[schema(pattern = "^(zh-Hant|zh-Hans|en)?$")]
    pub title_script: Option<String>,
    #[schema(max_length = 200, pattern = "^[^\\x00-\\x1f\\x7f]*$")]
    pub title_en: Option<String>,
    #[schema(max_length = 2000)]
    pub summary: Option<String>,
    #[schema(pattern = "^(zh-Hant|zh-Hans|en)?$")]
    pub summary_script: Option<String>,
    #[schema(max_length = 20000)]
    pub body: Option<String>,
    #[schema(pattern = "^(zh-Hant|zh-Hans|en)?$")]
    pub body_script: Option<String>,
    /// The full text elsewhere: `https://…` or `http://…` (`www.…` is taken as https).
    #[schema(max_length = 500, pattern = "^(https?://)?[^\\s]+\\.[^\\s]+$")]
    pub url: Option<String>,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub published_on: String,
    pub event_id: Option<i64>,
    /// The organisations it names, in order (at most 20; a repeated one counts once).
    #[schema(max_items = 20)]
    pub org_ids: Vec<i64>,
    pub draft: bool,
    pub synthetic: bool,
    /// The version the edit is based on; an update with an older one is refused.
    pub version: Option<i64>,
}

/// A checked publication, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicationDraft {
    pub kind: PublicationKind,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub summary: Option<String>,
    pub summary_script: String,
    pub body: Option<String>,
    pub body_script: String,
    pub url: Option<String>,
    pub published_on: String,
    pub event_id: Option<i64>,
    pub org_ids: Vec<i64>,
    pub draft: bool,
    pub synthetic: bool,
    pub version: Option<i64>,
    /// What the list's filter compares: the titles, folded to one script.
    pub search_key: String,
}

impl PublicationInput {
    /// Checks and cleans; `author` is the script of the author's interface.
    pub fn validate(&self, author: Script) -> Result<PublicationDraft, StoreError> {
        let mut c = Checker::default();
        let kind = c.code("kind", &self.kind, PublicationKind::parse);
        let title = c.required("title", &self.title, MAX_NAME);
        let title_script = c.script("title_script", self.title_script.as_deref(), &title, author);
        let title_en = c.optional("title_en", self.title_en.as_deref(), MAX_NAME);
        let summary = c.optional("summary", self.summary.as_deref(), 2_000);
        let summary_script = c.script(
            "summary_script",
            self.summary_script.as_deref(),
            summary.as_deref().unwrap_or(&title),
            author,
        );
        let body = c.optional("body", self.body.as_deref(), MAX_TEXT);
        let body_script = c.script(
            "body_script",
            self.body_script.as_deref(),
            body.as_deref().unwrap_or(&title),
            author,
        );
        let url = c.url("url", self.url.as_deref());
        let published_on = if self.published_on.trim().is_empty() {
            c.errors
                .push(FieldError::new("published_on", "err-required"));
            None
        } else {
            c.date("published_on", Some(&self.published_on))
        };
        let mut org_ids: Vec<i64> = Vec::new();
        for id in &self.org_ids {
            if !org_ids.contains(id) {
                org_ids.push(*id);
            }
        }
        if org_ids.len() > MAX_PUBLICATION_ORGS {
            c.errors.push(
                FieldError::new("org_ids", "err-publication-orgs")
                    .with_limit(MAX_PUBLICATION_ORGS as i64),
            );
        }
        let search_key = fold(
            &[Some(&title), title_en.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let (Some(kind), Some(published_on)) = (kind, published_on) else {
            return Err(StoreError::Invalid(c.errors));
        };
        c.finish(PublicationDraft {
            kind,
            title,
            title_script,
            title_en,
            summary,
            summary_script,
            body,
            body_script,
            url,
            published_on,
            event_id: self.event_id,
            org_ids,
            draft: self.draft,
            synthetic: self.synthetic,
            version: self.version,
            search_key,
        })
    }
}

/// Which publications a list shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PublicationFilter {
    pub kind: Option<PublicationKind>,
    /// Published in this year.
    pub year: Option<i32>,
    pub event_id: Option<i64>,
    pub org_id: Option<i64>,
    /// Words of the title, in any script.
    pub q: Option<String>,
    /// Staff lists show drafts too.
    pub drafts: bool,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait PublicationStore: Send + Sync {
    /// Newest first.
    async fn list_publications(&self, filter: &PublicationFilter)
    -> StoreResult<Page<Publication>>;
    async fn get_publication(&self, id: i64) -> StoreResult<Publication>;
    /// The organisations a publication names, in order.
    async fn publication_orgs(&self, id: i64) -> StoreResult<Vec<PublicationOrg>>;
    /// Writes a publication and the organisations it names, in one transaction; an event or
    /// organisation that does not exist refuses it whole.
    async fn create_publication(
        &self,
        actor: &Actor,
        draft: &PublicationDraft,
    ) -> StoreResult<Publication>;
    /// Edits one, based on `draft.version`; its organisations are replaced by the draft's.
    async fn update_publication(
        &self,
        actor: &Actor,
        id: i64,
        draft: &PublicationDraft,
    ) -> StoreResult<Publication>;
    async fn delete_publication(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    /// Attaches a file; more than [`MAX_PUBLICATION_FILES`] is refused
    /// (`err-publication-too-many-files` on `file`). Its words join the publication's for
    /// search in the same transaction. Audited.
    async fn add_publication_file(
        &self,
        actor: &Actor,
        publication_id: i64,
        file: FileUpload<'_>,
        now: i64,
    ) -> StoreResult<PublicationFile>;
    async fn publication_files(&self, publication_id: i64) -> StoreResult<Vec<PublicationFile>>;
    async fn publication_file_data(&self, id: i64) -> StoreResult<(PublicationFile, Vec<u8>)>;
    async fn delete_publication_file(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    /// Up to `limit` files whose words were never read (kept before files were read), the
    /// oldest first.
    async fn publication_files_unread(&self, limit: i64) -> StoreResult<Vec<PublicationFile>>;
    /// Keeps the words read out of a file that had none read (a file read meanwhile by
    /// another node is left as it is) and refreshes its publication's for search.
    async fn set_publication_file_words(&self, id: i64, words: &str) -> StoreResult<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_is_named_and_organisations_are_kept_once() {
        let e = PublicationInput {
            kind: "poem".into(),
            published_on: "2024-02-30".into(),
            url: Some("not a link".into()),
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap_err();
        let StoreError::Invalid(fields) = e else {
            panic!()
        };
        let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(named, ["kind", "title", "url", "published_on"]);
        let d = PublicationInput {
            kind: "whitepaper".into(),
            title: "  《互聯網智慧白皮書》 ".into(),
            published_on: "2024-12-09".into(),
            org_ids: vec![3, 1, 3],
            ..Default::default()
        }
        .validate(Script::Hans)
        .unwrap();
        assert_eq!(d.title, "《互聯網智慧白皮書》");
        assert_eq!(d.title_script, "zh-Hant");
        assert_eq!(d.org_ids, [3, 1]);
    }

    #[test]
    fn a_date_far_outside_the_alliance_s_time_is_refused() {
        for (date, code) in [
            ("0001-01-01", Some("err-date-out-of-range")),
            ("9999-12-31", Some("err-date-out-of-range")),
            ("1899-12-31", Some("err-date-out-of-range")),
            ("1900-01-01", None),
            ("2009-06-30", None),
        ] {
            let got = PublicationInput {
                kind: "news".into(),
                title: "深港科技合作".into(),
                published_on: date.into(),
                ..Default::default()
            }
            .validate(Script::Hans);
            match (got, code) {
                (Ok(d), None) => assert_eq!(d.published_on, date),
                (Err(StoreError::Invalid(fields)), Some(code)) => {
                    assert_eq!(fields.len(), 1, "{date}");
                    assert_eq!(
                        (fields[0].field.as_str(), fields[0].code.as_str()),
                        ("published_on", code)
                    );
                }
                (got, _) => panic!("{date}: {got:?}"),
            }
        }
    }
}
