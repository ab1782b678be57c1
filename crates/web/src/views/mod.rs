//! The server-rendered pages, one module per part of the domain, each mounted under every
//! locale prefix (`/zh-Hant/…`, `/zh-Hans/…`, `/en/…`).
//!
//! Every page gets a [`Ctx`]: the locale from the URL, the signed-in account, and helpers
//! the templates call to say things in the reader's language and script.

pub mod account;
pub mod alerts;
pub mod alliance;
pub mod corrections;
pub mod delegations;
pub mod directory;
pub mod event_admin;
pub mod events;
pub mod feedback;
pub mod forums;
pub mod market;
pub mod matchmaking;
pub mod meeting_messages;
pub mod meeting_suggestions;
pub mod outbox;
pub mod passwords;
pub mod profile;
pub mod publications;
pub mod questions;
pub mod reports;
pub mod search;
pub mod security;
pub mod transfers;
pub mod two_factor;

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use baylink_store::{FieldError, OrgType, Region, Role};

use crate::AppState;
use crate::auth::{Action, Auth, allowed};
use crate::error::{WebError, field_message};
use crate::i18n::Locale;

/// The pages under one locale prefix.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/settings/terms", get(set_terms))
        .merge(directory::router())
        .merge(alliance::router())
        .merge(account::router())
        .merge(passwords::router())
        .merge(outbox::router())
        .merge(profile::router())
        .merge(two_factor::router())
        .merge(event_admin::router())
        .merge(events::router())
        .merge(delegations::router())
        .merge(corrections::router())
        .merge(transfers::router())
        .merge(alerts::router())
        .merge(forums::router())
        .merge(feedback::router())
        .merge(matchmaking::router())
        .merge(meeting_messages::router())
        .merge(security::router())
        .merge(market::router())
        .merge(publications::router())
        .merge(reports::router())
        .merge(search::router())
}

/// The largest row offset a list page takes: past it, any list is empty. Bounding it keeps
/// the page arithmetic (the next page's offset) from overflowing on a hand-made address.
pub(crate) const MAX_OFFSET: i64 = 1_000_000_000;

/// A list page's `offset` (or `page` number) from its query: not a number is the first
/// page, and it is kept between `min` and [`MAX_OFFSET`].
pub(crate) fn paging(q: &HashMap<String, String>, key: &str, min: i64) -> i64 {
    q.get(key)
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(min)
        .clamp(min, MAX_OFFSET)
}

/// The `file` field of a multipart upload: its name as sent and its bytes (empty when no
/// file was sent, which the caller's check refuses). A body over the route's limit is
/// `err-body-too-large`.
pub(crate) async fn read_upload(
    multipart: &mut axum::extract::Multipart,
) -> Result<(String, Vec<u8>), WebError> {
    let mut file = (String::new(), Vec::new());
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::BadRequest("err-body-too-large"))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| WebError::BadRequest("err-body-too-large"))?;
            file = (name, bytes.to_vec());
        }
    }
    Ok(file)
}

/// A stored file as a download, named as it was uploaded.
pub(crate) fn file_response(filename: &str, content_type: &str, data: Vec<u8>) -> Response {
    // RFC 6266 / 8187: the name in UTF-8, percent-encoded, plus an ASCII fallback.
    let encoded: String = filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let ascii: String = filename
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || "-._".contains(ch) {
                ch
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        data,
    )
        .into_response()
}

/// Percent-encodes a path and query for use as one query value.
fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[derive(serde::Deserialize)]
struct TermsQuery {
    on: Option<String>,
    back: Option<String>,
}

/// Remembers the regional-terms setting for a year and goes back to the page the reader
/// came from (a path within the site only: anything else goes to the home page).
async fn set_terms(c: Ctx, axum::extract::Query(q): axum::extract::Query<TermsQuery>) -> Response {
    let on = q.on.as_deref() == Some("1");
    let back = q
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{TERMS_COOKIE}={}; Path=/; Max-Age={}; SameSite=Lax",
        u8::from(on),
        if on { 31_536_000 } else { 0 }
    );
    let mut response = Redirect::to(&format!("/{}{}", c.lang.code(), back)).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// What every page template knows about its request.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Locale,
    pub auth: Option<Auth>,
    /// The path after the locale prefix, with its query, for the language switch.
    pub rest: String,
    /// The reader asked for regional terms in running text (cookie `baylink_terms=1`).
    pub terms: bool,
}

/// The cookie that remembers the regional-terms setting.
pub const TERMS_COOKIE: &str = "baylink_terms";

fn terms_cookie(parts: &Parts) -> bool {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| c.trim() == format!("{TERMS_COOKIE}=1"))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map(|u| u.0.clone())
            .unwrap_or_else(|| parts.uri.clone());
        let path = uri.path();
        let lang = Locale::from_path(path).ok_or(WebError::NotFound)?;
        let mut rest = path[lang.code().len() + 1..].to_owned();
        if rest.is_empty() {
            rest.push('/');
        }
        if let Some(q) = uri.query() {
            rest.push('?');
            rest.push_str(q);
        }
        Ok(Ctx {
            lang,
            auth: parts.extensions.get::<Auth>().cloned(),
            rest,
            terms: terms_cookie(parts),
        })
    }
}

impl Ctx {
    /// An interface string.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// An interface string with one numeric argument.
    pub fn tn(&self, key: &str, name: &'static str, n: &i64) -> String {
        // (`n` by reference: templates pass their values by reference.)
        self.lang.t_args(key, &[(name, (*n).into())])
    }

    /// Whether an uploaded file's words were read for search, for those who may change
    /// it (its `words_length`: `None` not read yet, 0 none could be).
    pub fn file_words(&self, length: &Option<i64>) -> String {
        match length {
            Some(n) if *n > 0 => self.tn("file-searchable", "count", n),
            Some(_) => self.t("file-not-searchable"),
            None => self.t("file-words-unread"),
        }
    }

    /// An interface string that names someone (`$name`).
    pub fn tname(&self, key: &str, name: &str) -> String {
        self.targ(key, "name", name)
    }

    /// An interface string with one text argument.
    pub fn targ(&self, key: &str, arg: &'static str, value: &str) -> String {
        self.lang.t_args(key, &[(arg, value.to_owned().into())])
    }

    /// Stored content, in the reader's script.
    pub fn text(&self, text: &str, script: &str) -> String {
        self.lang.text(text, script).into_owned()
    }

    /// Free text whose script was not recorded (an organisation typed at registration):
    /// its script is read off the text, then it is shown in the reader's.
    pub fn typed(&self, text: &str) -> String {
        self.lang.typed(text)
    }

    /// The script `text` is written in (`zh-Hant`, `zh-Hans`, `en`), read off the text, for
    /// a `lang` attribute where it is shown as written.
    pub fn script_of(&self, text: &str) -> &'static str {
        baylink_text::detect(text, self.lang.script()).code()
    }

    /// Running text (a description, a summary, a biography) as HTML: in the reader's
    /// script, with regional terms when the reader asked for them, and the text as its
    /// author wrote it one click away whenever what is shown differs from it. Names and
    /// titles use [`Ctx::text`], which never rewrites vocabulary.
    pub fn prose(&self, text: &str, script: &str) -> String {
        let from = baylink_text::Script::parse(script).unwrap_or(baylink_text::Script::Hant);
        let shown = baylink_text::display_text(text, from, self.lang.script(), self.terms);
        let mut html = format!("<span class=\"prose\">{}</span>", escape_html(&shown));
        if shown != text {
            html.push_str(&format!(
                "<details class=\"original\"><summary>{}</summary><span lang=\"{}\">{}</span></details>",
                escape_html(&self.t("show-original")),
                escape_html(from.code()),
                escape_html(text)
            ));
        }
        html
    }

    /// The link that turns regional terms on or off and comes back to this page.
    pub fn terms_href(&self) -> String {
        format!(
            "/{}/settings/terms?on={}&back={}",
            self.lang.code(),
            u8::from(!self.terms),
            urlencode(&self.rest)
        )
    }

    /// Optional stored content, in the reader's script.
    pub fn opt_text(&self, text: &Option<String>, script: &str) -> String {
        text.as_deref()
            .map(|t| self.text(t, script))
            .unwrap_or_default()
    }

    /// A name: English for English readers where known, else converted.
    pub fn name(&self, name: &str, script: &str, name_en: &Option<String>) -> String {
        self.lang.name(name, script, name_en.as_deref())
    }

    /// A link within the reader's locale.
    pub fn href(&self, path: &str) -> String {
        format!("/{}{}", self.lang.code(), path)
    }

    /// The current page in another locale.
    pub fn switch_href(&self, to: &Locale) -> String {
        format!("/{}{}", to.code(), self.rest)
    }

    /// Whether the page is in English (no script conversion, so no regional terms).
    pub fn is_english(&self) -> bool {
        self.lang == Locale::En
    }

    /// Between the items of a list in running text: 、 in Chinese, a comma in English.
    pub fn list_separator(&self) -> &'static str {
        self.lang.list_separator()
    }

    /// Whether `l` is the page's locale.
    pub fn is_current(&self, l: &Locale) -> bool {
        *l == self.lang
    }

    pub fn locales(&self) -> [Locale; 3] {
        Locale::ALL
    }

    pub fn csrf(&self) -> &str {
        self.auth
            .as_ref()
            .map(|a| a.session.csrf_token.as_str())
            .unwrap_or("")
    }

    /// The site requires two-step sign-in of this staff account, which has not turned it
    /// on: it acts as a participant until it does ([`crate::auth::Auth::two_factor_due`]).
    pub fn two_factor_due(&self) -> bool {
        self.auth.as_ref().is_some_and(|a| a.two_factor_due)
    }

    pub fn user_name(&self) -> Option<&str> {
        self.auth.as_ref().map(|a| a.user.display_name.as_str())
    }

    fn can(&self, action: Action) -> bool {
        allowed(self.auth.as_ref().map(|a| &a.user), action)
    }

    pub fn can_edit(&self) -> bool {
        self.can(Action::EditDirectory)
    }

    /// The account runs this event's registrations and door: staff, or one of its
    /// managers ([`crate::auth::require_event`]).
    pub fn manages_event(&self, event_id: &i64) -> bool {
        self.auth
            .as_ref()
            .is_some_and(|a| crate::auth::manages(a, *event_id))
    }

    /// The account may publish postings: staff, or someone who speaks for an organisation
    /// (the same rule as the posting form's, `market::new_form`).
    pub fn can_post(&self) -> bool {
        self.auth
            .as_ref()
            .is_some_and(|a| baylink_store::market::is_staff(&a.user) || a.user.org_id.is_some())
    }

    /// The account speaks for an organisation, so it may enter a delegation for an event.
    pub fn speaks_for_org(&self) -> bool {
        self.auth.as_ref().is_some_and(|a| a.user.org_id.is_some())
    }

    pub fn can_edit_org(&self, id: &i64) -> bool {
        self.can(Action::EditOrganisation(*id))
    }

    pub fn can_delete(&self) -> bool {
        self.can(Action::DeleteRecords)
    }

    pub fn can_report(&self) -> bool {
        self.can(Action::ViewReports)
    }

    pub fn can_audit(&self) -> bool {
        self.can(Action::ViewAudit)
    }

    pub fn can_manage_users(&self) -> bool {
        self.can(Action::ManageUsers)
    }

    /// The organisation types as (code, label) for selects and filters.
    pub fn org_types(&self) -> Vec<(&'static str, String)> {
        OrgType::ALL
            .iter()
            .map(|t| (t.code(), self.t(&t.label_key())))
            .collect()
    }

    pub fn regions(&self) -> Vec<(&'static str, String)> {
        Region::ALL
            .iter()
            .map(|r| (r.code(), self.t(&r.label_key())))
            .collect()
    }

    /// The order of a list of names: the one the reader picked (`?order=`), else the
    /// one readers of their script expect (pinyin, strokes, A–Z).
    pub fn name_order(&self, picked: &str) -> baylink_text::NameOrder {
        baylink_text::NameOrder::parse(picked)
            .unwrap_or_else(|| baylink_text::NameOrder::for_reader(self.lang.script()))
    }

    /// The key that sorts a stored name (as written, its script code, its English name)
    /// where the reader expects it, for lists sorted in memory.
    pub fn sort_key(&self, name: &str, script: &str, name_en: Option<&str>) -> Vec<u8> {
        baylink_text::collation::stored_key(self.name_order(""), name, script, name_en)
    }

    /// The orders a list offers, as (value sent, code, label). The reader's own order is
    /// sent as nothing, so a link keeps no `order` the reader did not pick and a switch
    /// of language brings that language's order.
    pub fn name_orders(&self) -> Vec<(&'static str, &'static str, String)> {
        let own = baylink_text::NameOrder::for_reader(self.lang.script());
        baylink_text::NameOrder::ALL
            .iter()
            .map(|o| {
                let value = if *o == own { "" } else { o.code() };
                (value, o.code(), self.t(&format!("order-{}", o.code())))
            })
            .collect()
    }

    pub fn event_kinds(&self) -> Vec<(&'static str, String)> {
        baylink_store::EventKind::ALL
            .iter()
            .map(|k| (k.code(), self.t(&k.label_key())))
            .collect()
    }

    /// The optional registration fields as (name, label).
    pub fn registration_fields(&self) -> Vec<(&'static str, String)> {
        baylink_store::REGISTRATION_FIELDS
            .iter()
            .map(|f| (*f, self.t(&format!("field-{}", f.replace('_', "-")))))
            .collect()
    }

    pub fn event_roles(&self) -> Vec<(&'static str, String)> {
        baylink_store::EventRole::ALL
            .iter()
            .map(|k| (k.code(), self.t(&k.label_key())))
            .collect()
    }

    pub fn session_kinds(&self) -> Vec<(&'static str, String)> {
        baylink_store::SessionKind::ALL
            .iter()
            .map(|k| (k.code(), self.t(&k.label_key())))
            .collect()
    }

    pub fn question_kinds(&self) -> Vec<(&'static str, String)> {
        baylink_store::QuestionKind::ALL
            .iter()
            .map(|k| (k.code(), self.t(&k.label_key())))
            .collect()
    }

    pub fn item_kinds(&self) -> Vec<(&'static str, String)> {
        baylink_store::ItemKind::ALL
            .iter()
            .map(|k| (k.code(), self.t(&k.label_key())))
            .collect()
    }

    pub fn roles(&self) -> Vec<(&'static str, String)> {
        Role::ALL
            .iter()
            .map(|r| (r.code(), self.t(&r.label_key())))
            .collect()
    }

    /// The name of a stored script code (`zh-Hant` → 繁體中文).
    pub fn script_label(&self, code: &str) -> String {
        self.t(&format!("script-{code}"))
    }

    /// An audit-log action (`create`, `update`, `delete`) in words.
    pub fn audit_action(&self, action: &str) -> String {
        self.t(&format!("audit-{action}"))
    }

    /// The kind of an audit line's record in the reader's language (`audit-entity-…`), or
    /// its code where none is written (a kind logged by an older release).
    pub fn audit_entity(&self, entity: &str) -> String {
        let key = format!("audit-entity-{entity}");
        if self.lang.has(&key) {
            self.t(&key)
        } else {
            entity.to_owned()
        }
    }

    pub fn org_type_label(&self, t: &OrgType) -> String {
        self.t(&t.label_key())
    }

    pub fn region_label(&self, r: &Region) -> String {
        self.t(&r.label_key())
    }

    /// A Unix time as a Hong Kong date and time, the alliance's clock.
    pub fn time(&self, unix: &i64) -> String {
        let offset = time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC);
        time::OffsetDateTime::from_unix_timestamp(*unix)
            .map(|t| {
                let t = t.to_offset(offset);
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}",
                    t.year(),
                    t.month() as u8,
                    t.day(),
                    t.hour(),
                    t.minute()
                )
            })
            .unwrap_or_default()
    }
}

/// A submitted form, kept as typed so it can be shown again with its errors.
#[derive(Debug, Clone, Default)]
pub struct FormData {
    pub values: HashMap<String, String>,
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| WebError::BadRequest("err-body-too-large"))?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| WebError::BadRequest("err-bad-form"))?;
        Ok(FormData {
            values: pairs.into_iter().collect(),
        })
    }
}

impl FormData {
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    pub fn opt(&self, key: &str) -> Option<String> {
        Some(self.get(key).trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// A yes-or-no choice made with one of two buttons (`value="1"` and `value="0"`). A
    /// form sent without either is refused, never taken as "no": declining a request or
    /// an interest is a decision of its own, not what an incomplete form means.
    pub fn choice(&self, key: &str) -> Result<bool, WebError> {
        match self.get(key) {
            "1" => Ok(true),
            "0" => Ok(false),
            _ => Err(WebError::Invalid(vec![FieldError::new(
                key,
                "err-required",
            )])),
        }
    }

    /// An optional whole number; a non-number is a field error.
    pub fn int<T: std::str::FromStr>(&self, key: &str, errors: &mut Vec<FieldError>) -> Option<T> {
        let raw = self.get(key).trim();
        if raw.is_empty() {
            return None;
        }
        match raw.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(FieldError::new(key, "err-not-a-number"));
                None
            }
        }
    }
}

/// A form to show: its values and its errors, in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub values: HashMap<String, String>,
    pub errors: Vec<(String, String)>,
}

impl FormState {
    pub fn new(values: HashMap<String, String>) -> FormState {
        FormState {
            values,
            errors: Vec::new(),
        }
    }

    pub fn with_errors(data: FormData, lang: Locale, errors: &[FieldError]) -> FormState {
        FormState {
            values: data.values,
            errors: errors
                .iter()
                .map(|e| (e.field.clone(), field_message(lang, e)))
                .collect(),
        }
    }

    pub fn v(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    pub fn is(&self, key: &str, value: &str) -> bool {
        self.v(key) == value
    }

    pub fn err(&self, key: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == key)
            .map(|(_, m)| m.as_str())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// Renders a template, or a logged internal error.
pub fn render<T: Template>(template: &T) -> Result<Response, WebError> {
    template
        .render()
        .map(|html| Html(html).into_response())
        .map_err(|e| WebError::Internal(format!("template: {e}")))
}

/// Renders a form again with its errors, answering 422 (409 for a conflict).
pub fn render_invalid<T: Template>(template: &T, status: StatusCode) -> Result<Response, WebError> {
    let mut r = render(template)?;
    *r.status_mut() = status;
    Ok(r)
}

/// A registration of event `raw` by its id `rid`, with the event, for those who run the
/// event (staff and its managers); one of another event is not found.
pub async fn event_registration(
    s: &AppState,
    auth: Option<&crate::auth::Auth>,
    raw: &str,
    rid: &str,
) -> Result<(baylink_store::Event, baylink_store::Registration), WebError> {
    let (event_id, rid) = (crate::api::path_id(raw)?, crate::api::path_id(rid)?);
    crate::auth::require_event(auth, event_id)?;
    let reg = s.store.get_registration(rid).await?;
    if reg.event_id != event_id {
        return Err(WebError::NotFound);
    }
    Ok((s.store.get_event(event_id).await?, reg))
}

/// Keeps a response out of shared caches: a page or answer that holds a bearer secret (a
/// registration's link, an invitation) or one person's data.
pub fn private(mut r: Response) -> Response {
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    r
}

/// A value as it stands in a query string (`a@b.org` → `a%40b.org`).
pub fn query_value(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

/// After a successful write: see the result (303, so a reload does not post again).
pub fn see(url: String) -> Response {
    Redirect::to(&url).into_response()
}

/// Splits a store error into field errors a form can show, or passes it on.
pub fn form_errors(
    e: baylink_store::StoreError,
) -> Result<(Vec<FieldError>, StatusCode), WebError> {
    match e {
        baylink_store::StoreError::Invalid(f) => Ok((f, StatusCode::UNPROCESSABLE_ENTITY)),
        baylink_store::StoreError::Conflict(code) => {
            Ok((vec![FieldError::new("_form", code)], StatusCode::CONFLICT))
        }
        other => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Ctx,
    stats: baylink_store::DirectoryStats,
    sides: Vec<baylink_store::Side>,
    milestones: Vec<baylink_store::Milestone>,
}

pub async fn home(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let stats = s.store.stats().await?;
    let sides = s.store.list_sides().await?;
    let milestones = s.store.list_milestones().await?;
    render(&HomePage {
        c,
        stats,
        sides,
        milestones,
    })
}

/// `/`: to the reader's locale by `Accept-Language`.
pub async fn root_redirect(headers: axum::http::HeaderMap) -> Response {
    let locale = Locale::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let mut r = Redirect::temporary(&format!("/{}/", locale.code())).into_response();
    r.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-language"));
    r
}

/// `/healthz`: the process answers and the database does.
pub async fn healthz(State(s): State<AppState>) -> Response {
    match s.store.ping().await {
        Ok(()) => (StatusCode::OK, format!("ok {}\n", s.store.backend())).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

pub async fn not_found() -> WebError {
    WebError::NotFound
}

/// Headers every answer carries: no framing by other sites, no sniffing, a strict content
/// policy (all scripts and styles are served by us).
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"),
    );
    r
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    lang: Locale,
    status: u16,
    message: &'a str,
    fields: Vec<String>,
}

/// The HTML body of an error answer.
pub fn error_page(
    lang: Locale,
    status: StatusCode,
    message: &str,
    fields: &[FieldError],
) -> String {
    ErrorPage {
        lang,
        status: status.as_u16(),
        message,
        fields: fields
            .iter()
            .map(|f| format!("{}: {}", f.field, field_message(lang, f)))
            .collect(),
    }
    .render()
    .unwrap_or_else(|_| message.to_owned())
}
