//! The alliance's own pages: its sides and their officers, its history, the designations
//! it awards and the yearly memberships (成員單位, 海智工作站, …).

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{
    Designation, DesignationInput, Membership, MembershipFilter, MembershipInput, Milestone,
    Region, Side, SideOfficerInput, StoreError,
};

use super::directory::actor;
use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::auth::{Action, require};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/alliance", get(alliance))
        .route("/alliance/officers", post(officer_create))
        .route("/alliance/officers/{id}/delete", post(officer_delete))
        .route("/alliance/milestones", post(milestone_create))
        .route("/alliance/milestones/{id}/delete", post(milestone_delete))
        .route("/memberships", get(memberships).post(membership_create))
        .route("/memberships.csv", get(export_memberships::<false>))
        .route("/memberships.xlsx", get(export_memberships::<true>))
        .route("/memberships/{id}/delete", post(membership_delete))
        .route("/designations", get(designations).post(designation_create))
        .route("/designations/{id}/delete", post(designation_delete))
}

use crate::api::path_id as id;

#[derive(Template)]
#[template(path = "alliance/alliance.html")]
struct AlliancePage {
    c: Ctx,
    sides: Vec<crate::api::SideWithOfficers>,
    milestones: Vec<Milestone>,
    people: Vec<(i64, String)>,
    roles: Vec<(&'static str, String)>,
    f: FormState,
}

async fn alliance_page(s: &AppState, c: Ctx, f: FormState) -> Result<AlliancePage, WebError> {
    let sides = crate::api::sides_with_officers(s).await?;
    let milestones = s.store.list_milestones().await?;
    let people = if c.can_edit() {
        super::directory::person_choices(s, &c).await?
    } else {
        Vec::new()
    };
    let roles = baylink_store::OfficerRole::ALL
        .iter()
        .map(|r| (r.code(), c.t(&r.label_key())))
        .collect();
    Ok(AlliancePage {
        c,
        sides,
        milestones,
        people,
        roles,
        f,
    })
}

async fn alliance(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    render(&alliance_page(&s, c, FormState::default()).await?)
}

async fn officer_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let mut errors = Vec::new();
    let input = SideOfficerInput {
        side_id: form.int("side_id", &mut errors).unwrap_or(0),
        person_id: form.int("person_id", &mut errors).unwrap_or(0),
        role: form.get("role").to_owned(),
        title: form.get("title").to_owned(),
        title_script: None,
        title_en: form.opt("title_en"),
        since_year: form.int("since_year", &mut errors),
    };
    let result = if errors.is_empty() {
        match input.validate(c.lang.script()) {
            Ok(d) => s.store.create_side_officer(&actor(auth), &d).await,
            Err(e) => Err(e),
        }
    } else {
        Err(StoreError::Invalid(errors))
    };
    match result {
        Ok(_) => Ok(see(c.href("/alliance"))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let lang = c.lang;
            let page = alliance_page(&s, c, FormState::with_errors(form, lang, &errors)).await?;
            render_invalid(&page, status)
        }
    }
}

async fn officer_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_side_officer(&actor(auth), id).await?;
    Ok(see(c.href("/alliance")))
}

/// Adds a line to the alliance's history.
async fn milestone_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let mut errors = Vec::new();
    let year: Option<i32> = form.int("year", &mut errors);
    if !year.is_some_and(|y| (1900..=2200).contains(&y)) && errors.is_empty() {
        errors.push(baylink_store::FieldError::new("year", "err-bad-year"));
    }
    let text = baylink_text::clean_pinyin_artefacts(form.get("text").trim()).into_owned();
    if text.is_empty() {
        errors.push(baylink_store::FieldError::new("text", "err-required"));
    } else if text.chars().count() > 2000 {
        errors.push(baylink_store::FieldError::new("text", "err-too-long").with_limit(2000));
    }
    let date = form.opt("date");
    if let Some(d) = &date
        && super::event_admin::parse_hk(d, "").is_none()
    {
        errors.push(baylink_store::FieldError::new("date", "err-bad-date"));
    }
    let result = if errors.is_empty() {
        let script = baylink_text::detect(&text, c.lang.script());
        s.store
            .create_milestone(
                &actor(auth),
                year.unwrap_or(0),
                date.as_deref(),
                &text,
                script.code(),
                form.opt("text_en").as_deref(),
            )
            .await
            .map(|_| ())
    } else {
        Err(StoreError::Invalid(errors))
    };
    match result {
        Ok(()) => Ok(see(c.href("/alliance"))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let lang = c.lang;
            let page = alliance_page(&s, c, FormState::with_errors(form, lang, &errors)).await?;
            render_invalid(&page, status)
        }
    }
}

async fn milestone_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_milestone(&actor(auth), id).await?;
    Ok(see(c.href("/alliance")))
}

#[derive(Template)]
#[template(path = "alliance/memberships.html")]
struct MembershipsPage {
    c: Ctx,
    items: Vec<Membership>,
    designations: Vec<Designation>,
    years: Vec<i32>,
    sides: Vec<Side>,
    orgs: Vec<(i64, String)>,
    year: Option<i32>,
    designation: Option<i64>,
    region: String,
    f: FormState,
}

impl MembershipsPage {
    fn year_is(&self, y: &i32) -> bool {
        self.year == Some(*y)
    }

    fn designation_is(&self, d: &i64) -> bool {
        self.designation == Some(*d)
    }

    fn region_is(&self, code: &str) -> bool {
        self.region == code
    }

    /// The list's filters as a query, for its download links.
    fn query(&self) -> String {
        let year = self
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "all".to_owned());
        let mut pairs = vec![("year", year)];
        if let Some(d) = self.designation {
            pairs.push(("designation", d.to_string()));
        }
        if !self.region.is_empty() {
            pairs.push(("region", self.region.clone()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

async fn memberships_page(
    s: &AppState,
    c: Ctx,
    q: &HashMap<String, String>,
    f: FormState,
) -> Result<MembershipsPage, WebError> {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("").trim();
    let years = s.store.membership_years().await?;
    // With no year chosen, show the latest year's awards: what the secretariat asks for.
    let year = match get("year") {
        "all" => None,
        "" => years.first().copied(),
        y => y.parse().ok(),
    };
    let designation = get("designation").parse().ok();
    let region = Region::parse(get("region"));
    let items = s
        .store
        .list_memberships(&MembershipFilter {
            year,
            designation_id: designation,
            org_id: None,
            region,
            order: c.name_order(get("order")),
        })
        .await?;
    let orgs = if c.can_edit() {
        super::directory::org_choices(s, &c, None).await?
    } else {
        Vec::new()
    };
    Ok(MembershipsPage {
        designations: s.store.list_designations().await?,
        sides: s.store.list_sides().await?,
        items,
        years,
        orgs,
        year,
        designation,
        region: region.map(|r| r.code().to_owned()).unwrap_or_default(),
        f,
        c,
    })
}

/// The memberships the list shows (the same filters, the reader's order of names) as a
/// sheet: CSV with a byte-order mark, or XLSX, names in the reader's script beside the
/// English ones, for the secretariat's register and the yearly report.
async fn export_memberships<const XLSX: bool>(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let page = memberships_page(&s, c, &q, FormState::default()).await?;
    let c = &page.c;
    let head = [
        "field-year",
        "field-designation",
        "field-organisation",
        "field-name-en",
        "field-region",
        "ceremony",
    ]
    .map(|k| c.t(k))
    .to_vec();
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|m| {
            vec![
                m.year.to_string(),
                c.name(
                    &m.designation_name,
                    &m.designation_name_script,
                    &m.designation_name_en,
                ),
                c.text(&m.org_name, &m.org_name_script),
                m.org_name_en.clone().unwrap_or_default(),
                c.region_label(&m.org_region),
                m.ceremony_date.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let stem = match page.year {
        Some(y) => format!("memberships-{y}"),
        None => "memberships".to_owned(),
    };
    crate::api::download(crate::sheets::SheetFormat::new(XLSX), &stem, &head, &rows)
}

async fn memberships(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    render(&memberships_page(&s, c, &q, FormState::default()).await?)
}

async fn membership_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let mut errors = Vec::new();
    let input = MembershipInput {
        org_id: form.int("org_id", &mut errors).unwrap_or(0),
        designation_id: form.int("designation_id", &mut errors).unwrap_or(0),
        year: form.int("year", &mut errors).unwrap_or(0),
        ceremony_date: form.opt("ceremony_date"),
        side_id: form.int("side_id", &mut errors),
        note: form.opt("note"),
    };
    let result = if errors.is_empty() {
        match input.validate() {
            Ok(d) => s.store.create_membership(&actor(auth), &d).await,
            Err(e) => Err(e),
        }
    } else {
        Err(StoreError::Invalid(errors))
    };
    match result {
        Ok(m) => Ok(see(c.href(&format!("/memberships?year={}", m.year)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let lang = c.lang;
            let page = memberships_page(
                &s,
                c,
                &HashMap::new(),
                FormState::with_errors(form, lang, &errors),
            )
            .await?;
            render_invalid(&page, status)
        }
    }
}

async fn membership_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_membership(&actor(auth), id).await?;
    Ok(see(c.href("/memberships")))
}

#[derive(Template)]
#[template(path = "alliance/designations.html")]
struct DesignationsPage {
    c: Ctx,
    items: Vec<Designation>,
    f: FormState,
}

async fn designations(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let items = s.store.list_designations().await?;
    render(&DesignationsPage {
        c,
        items,
        f: FormState::default(),
    })
}

async fn designation_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let input = DesignationInput {
        code: form.get("code").to_owned(),
        name: form.get("name").to_owned(),
        name_script: None,
        name_en: form.opt("name_en"),
    };
    let result = match input.validate(c.lang.script()) {
        Ok(d) => s.store.create_designation(&actor(auth), &d).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see(c.href("/designations"))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let items = s.store.list_designations().await?;
            let f = FormState::with_errors(form, c.lang, &errors);
            render_invalid(&DesignationsPage { c, items, f }, status)
        }
    }
}

async fn designation_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_designation(&actor(auth), id).await?;
    Ok(see(c.href("/designations")))
}
