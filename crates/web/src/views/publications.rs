//! Publications (刊物) as pages: the list with its filters, each publication with its
//! event and organisations, and the staff's form. Event and organisation pages list theirs
//! with `for_event` and `for_organisation`.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use baylink_store::publications::MAX_PUBLICATION_FILE_BYTES;
use baylink_store::{
    FieldError, FileUpload, Page, Publication, PublicationFile, PublicationFilter,
    PublicationInput, PublicationKind, PublicationOrg, StoreError,
};

use super::directory::{ConfirmDeletePage, actor, org_choices};
use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::api::{param, parsed, path_id as id};
use crate::auth::{Action, require};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/publications", get(list).post(create))
        .route("/publications/new", get(new))
        .route("/publications/{id}", get(detail).post(update))
        .route("/publications/{id}/edit", get(edit))
        .route(
            "/publications/{id}/delete",
            get(delete_confirm).post(delete),
        )
        .route(
            "/publications/{id}/files",
            axum::routing::post(upload).layer(axum::extract::DefaultBodyLimit::max(
                MAX_PUBLICATION_FILE_BYTES + 64 * 1024,
            )),
        )
        .route("/publications/{id}/files/{fid}", get(download))
        .route(
            "/publications/{id}/files/{fid}/delete",
            axum::routing::post(delete_file),
        )
}

/// How many organisation choices the form offers; the API takes up to
/// [`baylink_store::publications::MAX_PUBLICATION_ORGS`].
const FORM_ORGS: usize = 4;
const PAGE_SIZE: i64 = 30;

impl Ctx {
    pub fn publication_kind(&self, k: &PublicationKind) -> String {
        self.t(&k.label_key())
    }

    pub fn publication_kinds(&self) -> Vec<(&'static str, String)> {
        PublicationKind::ALL
            .iter()
            .map(|k| (k.code(), self.t(&k.label_key())))
            .collect()
    }
}

#[derive(Template)]
#[template(path = "publications/list.html")]
struct ListPage {
    c: Ctx,
    publications: Vec<Publication>,
    total: i64,
    q: HashMap<String, String>,
    /// The next page's address, if there is one.
    next: Option<String>,
    /// The organisation or event the list is narrowed to, by name.
    of: Option<String>,
}

impl ListPage {
    fn chosen(&self, key: &str, value: &str) -> bool {
        param(&self.q, key) == value
    }

    fn value(&self, key: &str) -> &str {
        param(&self.q, key)
    }
}

async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let kind = match param(&q, "kind") {
        "" => None,
        k => Some(PublicationKind::parse(k).ok_or(WebError::BadRequest("err-bad-query"))?),
    };
    let offset = super::paging(&q, "offset", 0);
    let org_id: Option<i64> = parsed(&q, "org")?;
    let event_id: Option<i64> = parsed(&q, "event")?;
    let of = match (org_id, event_id) {
        (Some(id), _) => {
            let o = s.store.get_organisation(id).await?;
            Some(c.name(&o.name, &o.name_script, &o.name_en))
        }
        (None, Some(id)) => {
            let e = s.store.get_event(id).await?;
            Some(c.name(&e.title, &e.title_script, &e.title_en))
        }
        (None, None) => None,
    };
    let f = PublicationFilter {
        kind,
        org_id,
        event_id,
        year: parsed(&q, "year")?,
        q: Some(param(&q, "q").to_owned()).filter(|v| !v.is_empty()),
        drafts: c.can_edit(),
        limit: PAGE_SIZE,
        offset: offset.max(0),
    };
    let Page { items, total } = s.store.list_publications(&f).await?;
    let next = (f.offset + PAGE_SIZE < total).then(|| {
        let mut rest: Vec<(String, String)> = q
            .iter()
            .filter(|(k, v)| k.as_str() != "offset" && !v.is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        rest.sort();
        rest.push(("offset".into(), (f.offset + PAGE_SIZE).to_string()));
        format!(
            "{}?{}",
            c.href("/publications"),
            serde_urlencoded::to_string(&rest).unwrap_or_default()
        )
    });
    render(&ListPage {
        c,
        publications: items,
        total,
        q,
        next,
        of,
    })
}

#[derive(Template)]
#[template(path = "publications/detail.html")]
struct DetailPage {
    c: Ctx,
    p: Publication,
    orgs: Vec<PublicationOrg>,
    files: Vec<PublicationFile>,
    saved: bool,
    /// What was wrong with an upload, in the reader's language.
    file_error: Option<String>,
}

impl DetailPage {
    /// A file's size as a reader reads it: "1.4 MB", "820 KB".
    fn size(&self, bytes: &i64) -> String {
        if *bytes >= 1024 * 1024 {
            format!("{:.1} MB", *bytes as f64 / (1024.0 * 1024.0))
        } else {
            format!("{} KB", (bytes + 1023) / 1024)
        }
    }
}

/// A publication as its page shows it: not a draft unless the reader is staff.
async fn detail_page(
    s: &AppState,
    c: Ctx,
    id: i64,
    saved: bool,
    file_error: Option<String>,
) -> Result<DetailPage, WebError> {
    let p = s.store.get_publication(id).await?;
    if p.draft && !c.can_edit() {
        return Err(WebError::NotFound);
    }
    let orgs = s.store.publication_orgs(p.id).await?;
    let files = s.store.publication_files(p.id).await?;
    Ok(DetailPage {
        c,
        p,
        orgs,
        files,
        saved,
        file_error,
    })
}

async fn detail(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    render(&detail_page(&s, c, id(&raw)?, q.contains_key("saved"), None).await?)
}

/// Staff attach a file (multipart: `file`; the CSRF token is in the action's address).
async fn upload(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let pid = id(&raw)?;
    let (name, bytes) = super::read_upload(&mut multipart).await?;
    let result = async {
        let (name, content_type) =
            baylink_store::market::checked_file(&name, bytes.len(), MAX_PUBLICATION_FILE_BYTES)?;
        // Its words are read in the background (`s.documents`), once it is kept.
        let file = FileUpload {
            filename: &name,
            content_type,
            data: &bytes,
            words: None,
        };
        s.store
            .add_publication_file(&actor(auth), pid, file, baylink_store::sql::now())
            .await
    }
    .await;
    match result {
        Ok(_) => {
            s.documents.wake();
            Ok(see(c.href(&format!("/publications/{pid}#files"))))
        }
        Err(StoreError::Invalid(errors)) => {
            let message = errors
                .first()
                .map(|e| crate::error::field_message(c.lang, e));
            let page = detail_page(&s, c, pid, false, message).await?;
            render_invalid(&page, axum::http::StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(e.into()),
    }
}

/// A publication's file, for whoever may read the publication.
async fn download(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, raw_fid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let p = s.store.get_publication(id(&raw)?).await?;
    if p.draft && !c.can_edit() {
        return Err(WebError::NotFound);
    }
    let (file, data) = s.store.publication_file_data(id(&raw_fid)?).await?;
    if file.publication_id != p.id {
        return Err(WebError::NotFound);
    }
    Ok(super::file_response(
        &file.filename,
        &file.content_type,
        data,
    ))
}

async fn delete_file(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, raw_fid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let pid = id(&raw)?;
    let (file, _) = s.store.publication_file_data(id(&raw_fid)?).await?;
    if file.publication_id != pid {
        return Err(WebError::NotFound);
    }
    s.store
        .delete_publication_file(&actor(auth), file.id)
        .await?;
    Ok(see(c.href(&format!("/publications/{pid}#files"))))
}

#[derive(Template)]
#[template(path = "publications/form.html")]
struct FormPage {
    c: Ctx,
    /// `None` for a new publication.
    id: Option<i64>,
    f: FormState,
    orgs: Vec<(i64, String)>,
    events: Vec<(i64, String)>,
}

impl FormPage {
    /// The names of the organisation fields (`org_1` …).
    fn org_fields(&self) -> Vec<String> {
        (1..=FORM_ORGS).map(|i| format!("org_{i}")).collect()
    }
}

/// Every event as (id, date and title in the reader's script), newest first.
async fn event_choices(s: &AppState, c: &Ctx) -> Result<Vec<(i64, String)>, WebError> {
    let f = baylink_store::EventFilter {
        limit: 500,
        ..Default::default()
    };
    let mut events = s.store.list_events(&f).await?.items;
    events.sort_by_key(|e| std::cmp::Reverse(e.starts_at));
    Ok(events
        .into_iter()
        .map(|e| {
            let title = c.name(&e.title, &e.title_script, &e.title_en);
            (e.id, format!("{} {title}", c.day(&e.starts_at)))
        })
        .collect())
}

async fn form_page(
    s: &AppState,
    c: Ctx,
    id: Option<i64>,
    f: FormState,
) -> Result<FormPage, WebError> {
    let orgs = org_choices(s, &c, None).await?;
    let events = event_choices(s, &c).await?;
    Ok(FormPage {
        c,
        id,
        f,
        orgs,
        events,
    })
}

async fn new(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    // Opened from an event's page: the event is filled in, and today's date.
    let values = HashMap::from([
        ("event_id".to_owned(), param(&q, "event").to_owned()),
        ("published_on".to_owned(), super::events::today()),
        ("kind".to_owned(), "news".to_owned()),
    ]);
    render(&form_page(&s, c, None, FormState::new(values)).await?)
}

async fn edit(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    let p = s.store.get_publication(id(&raw)?).await?;
    let orgs = s.store.publication_orgs(p.id).await?;
    let mut values = HashMap::from([
        ("kind".to_owned(), p.kind.code().to_owned()),
        ("title".to_owned(), p.title),
        ("title_en".to_owned(), p.title_en.unwrap_or_default()),
        ("summary".to_owned(), p.summary.unwrap_or_default()),
        ("body".to_owned(), p.body.unwrap_or_default()),
        ("url".to_owned(), p.url.unwrap_or_default()),
        ("published_on".to_owned(), p.published_on),
        (
            "event_id".to_owned(),
            p.event_id.map(|e| e.to_string()).unwrap_or_default(),
        ),
        (
            "draft".to_owned(),
            if p.draft { "1" } else { "" }.to_owned(),
        ),
        (
            "synthetic".to_owned(),
            if p.synthetic { "1" } else { "" }.to_owned(),
        ),
        ("version".to_owned(), p.version.to_string()),
    ]);
    for (i, o) in orgs.iter().take(FORM_ORGS).enumerate() {
        values.insert(format!("org_{}", i + 1), o.org_id.to_string());
    }
    render(&form_page(&s, c, Some(p.id), FormState::new(values)).await?)
}

fn input(f: &FormData, errors: &mut Vec<FieldError>) -> PublicationInput {
    PublicationInput {
        kind: f.get("kind").to_owned(),
        title: f.get("title").to_owned(),
        title_script: None,
        title_en: f.opt("title_en"),
        summary: f.opt("summary"),
        summary_script: None,
        body: f.opt("body"),
        body_script: None,
        url: f.opt("url"),
        published_on: f.get("published_on").to_owned(),
        event_id: f.int("event_id", errors),
        org_ids: (1..=FORM_ORGS)
            .filter_map(|i| f.int(&format!("org_{i}"), errors))
            .collect(),
        draft: !f.get("draft").is_empty(),
        synthetic: !f.get("synthetic").is_empty(),
        version: f.int("version", errors),
    }
}

async fn save(s: AppState, c: Ctx, id: Option<i64>, form: FormData) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let mut parse_errors = Vec::new();
    let input = input(&form, &mut parse_errors);
    let result = async {
        let draft = super::directory::checked(parse_errors, input.validate(c.lang.script()))?;
        match id {
            Some(id) => s.store.update_publication(&actor(auth), id, &draft).await,
            None => s.store.create_publication(&actor(auth), &draft).await,
        }
    }
    .await;
    match result {
        Ok(p) => Ok(see(c.href(&format!("/publications/{}?saved=1", p.id)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            render_invalid(&form_page(&s, c, id, f).await?, status)
        }
    }
}

async fn create(State(s): State<AppState>, c: Ctx, form: FormData) -> Result<Response, WebError> {
    save(s, c, None, form).await
}

async fn update(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    save(s, c, Some(id), form).await
}

async fn delete_confirm(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    require(c.auth.as_ref(), Action::DeleteRecords)?;
    let p = s.store.get_publication(id).await?;
    render(&ConfirmDeletePage {
        what: c.name(&p.title, &p.title_script, &p.title_en),
        action: c.href(&format!("/publications/{id}/delete")),
        back: c.href(&format!("/publications/{id}")),
        consequences: Vec::new(),
        c,
    })
}

async fn delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_publication(&actor(auth), id).await?;
    Ok(see(c.href("/publications?deleted=1")))
}
