//! Directory pages: organisations, people and their positions.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{
    Actor, FieldError, Membership, OrgFilter, OrgType, Organisation, OrganisationInput, Page,
    Person, PersonFilter, PersonInput, Position, PositionInput, Region, StoreError,
};

use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::auth::{Action, require};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/organisations", get(org_list).post(org_create))
        .route("/organisations.csv", get(org_export::<false>))
        .route("/organisations.xlsx", get(org_export::<true>))
        .route("/organisations/new", get(org_new))
        .route("/organisations/{id}", get(org_detail).post(org_update))
        .route("/organisations/{id}/edit", get(org_edit))
        .route(
            "/organisations/{id}/delete",
            get(org_delete_confirm).post(org_delete),
        )
        .route("/people", get(person_list).post(person_create))
        .route("/people/new", get(person_new))
        .route("/people/{id}", get(person_detail).post(person_update))
        .route("/people/{id}/edit", get(person_edit))
        .route(
            "/people/{id}/delete",
            get(person_delete_confirm).post(person_delete),
        )
        .route("/people/{id}/positions", post(position_create))
        .route("/positions/{id}/delete", post(position_delete))
}

/// The audit log's name for the signed-in account.
pub fn actor(auth: &crate::auth::Auth) -> Actor {
    Actor {
        user_id: Some(auth.user.id),
        name: auth.user.display_name.clone(),
    }
}

use crate::api::path_id as id;

const PAGE_SIZE: i64 = 50;

#[derive(Template)]
#[template(path = "directory/org_list.html")]
struct OrgListPage {
    c: Ctx,
    page: Page<Organisation>,
    q: HashMap<String, String>,
    designations: Vec<(i64, String)>,
    years: Vec<i32>,
    prev: Option<String>,
    next: Option<String>,
    /// The code of the order the list is in.
    order: &'static str,
}

impl OrgListPage {
    /// The list's download as `ext` (`csv`, `xlsx`), with the same filters and order.
    fn download(&self, ext: &str) -> String {
        page_link(&self.c, &format!("/organisations.{ext}"), &self.q, 0)
    }

    fn q(&self, key: &str) -> &str {
        self.q.get(key).map(String::as_str).unwrap_or("")
    }

    fn is(&self, key: &str, value: &str) -> bool {
        self.q(key) == value
    }
}

/// A link to another page of a filtered list.
fn page_link(c: &Ctx, base: &str, q: &HashMap<String, String>, offset: i64) -> String {
    let mut pairs: Vec<(&str, String)> = q
        .iter()
        .filter(|(k, v)| k.as_str() != "offset" && !v.is_empty())
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    pairs.sort();
    if offset > 0 {
        pairs.push(("offset", offset.to_string()));
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if query.is_empty() {
        c.href(base)
    } else {
        format!("{}?{query}", c.href(base))
    }
}

/// The list's filters from its query, from `offset`.
fn org_filter(c: &Ctx, q: &HashMap<String, String>, offset: i64) -> OrgFilter {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("").trim();
    OrgFilter {
        q: Some(get("q").to_owned()).filter(|v| !v.is_empty()),
        org_type: OrgType::parse(get("type")),
        region: Region::parse(get("region")),
        parent_id: get("parent").parse().ok(),
        designation_id: get("designation").parse().ok(),
        year: get("year").parse().ok(),
        limit: PAGE_SIZE,
        offset,
        order: c.name_order(get("order")),
    }
}

/// The organisations the list shows, with the same filters and order, every page of
/// them, as a sheet (CSV with a byte-order mark, or XLSX): names in the reader's script
/// beside the English ones, type, region, the body each is part of, website.
async fn org_export<const XLSX: bool>(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let mut filter = org_filter(&c, &q, 0);
    filter.limit = 500;
    let mut all: Vec<Organisation> = Vec::new();
    loop {
        let page = s.store.list_organisations(&filter).await?;
        let n = page.items.len() as i64;
        all.extend(page.items);
        if n < filter.limit || all.len() as i64 >= page.total {
            break;
        }
        filter.offset += n;
    }
    let names: HashMap<i64, String> = s
        .store
        .all_organisations()
        .await?
        .into_iter()
        .map(|o| (o.id, c.name(&o.name, &o.name_script, &o.name_en)))
        .collect();
    let head = [
        "field-name",
        "field-name-en",
        "field-short-name",
        "field-org-type",
        "field-region",
        "field-parent",
        "field-website",
    ]
    .map(|k| c.t(k))
    .to_vec();
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|o| {
            vec![
                c.text(&o.name, &o.name_script),
                o.name_en.clone().unwrap_or_default(),
                o.short_name
                    .as_deref()
                    .map(|x| c.text(x, &o.name_script))
                    .unwrap_or_default(),
                c.org_type_label(&o.org_type),
                c.region_label(&o.region),
                o.parent_id
                    .and_then(|p| names.get(&p).cloned())
                    .unwrap_or_default(),
                o.website.clone().unwrap_or_default(),
            ]
        })
        .collect();
    crate::api::download(
        crate::sheets::SheetFormat::new(XLSX),
        "organisations",
        &head,
        &rows,
    )
}

async fn org_list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let offset = super::paging(&q, "offset", 0);
    let filter = org_filter(&c, &q, offset);
    let page = s.store.list_organisations(&filter).await?;
    let (designations, years) = s.store.directory_facets().await?;
    let designations = designations
        .into_iter()
        .map(|d| (d.id, c.name(&d.name, &d.name_script, &d.name_en)))
        .collect();
    let prev =
        (offset > 0).then(|| page_link(&c, "/organisations", &q, (offset - PAGE_SIZE).max(0)));
    let next = (offset + PAGE_SIZE < page.total)
        .then(|| page_link(&c, "/organisations", &q, offset + PAGE_SIZE));
    render(&OrgListPage {
        c,
        page,
        q,
        designations,
        years,
        prev,
        next,
        order: filter.order.code(),
    })
}

#[derive(Template)]
#[template(path = "directory/org_detail.html")]
struct OrgDetailPage {
    c: Ctx,
    org: Organisation,
    parent: Option<Organisation>,
    children: Vec<Organisation>,
    positions: Vec<Position>,
    memberships: Vec<Membership>,
    events: Vec<(baylink_store::Event, baylink_store::EventRole)>,
    saved: bool,
}

async fn org_detail(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let (org, parent, mut children) = s.store.organisation_family(id).await?;
    let mut positions = s.store.positions_at_organisation(id).await?;
    // Its branches and its people in the reader's order of names (people after the order
    // the organisation gives its posts).
    children.sort_by_cached_key(|o| c.sort_key(&o.name, &o.name_script, o.name_en.as_deref()));
    positions.sort_by_cached_key(|p| {
        (
            p.sort_order,
            c.sort_key(
                &p.person_name,
                &p.person_name_script,
                p.person_name_en.as_deref(),
            ),
        )
    });
    let memberships = s
        .store
        .list_memberships(&baylink_store::MembershipFilter {
            org_id: Some(id),
            ..Default::default()
        })
        .await?;
    let events = s.store.events_of_organisation(id).await?;
    render(&OrgDetailPage {
        c,
        org,
        parent,
        children,
        positions,
        memberships,
        events,
        saved: q.contains_key("saved"),
    })
}

#[derive(Template)]
#[template(path = "directory/org_form.html")]
struct OrgFormPage {
    c: Ctx,
    /// `None` for a new organisation.
    id: Option<i64>,
    f: FormState,
    parents: Vec<(i64, String)>,
}

/// People as (id, name in the reader's script), in the reader's order: the choices of
/// a person select (speakers, guests, side officers).
pub(crate) async fn person_choices(s: &AppState, c: &Ctx) -> Result<Vec<(i64, String)>, WebError> {
    Ok(s.store
        .list_people(&PersonFilter {
            limit: 500,
            order: c.name_order(""),
            ..Default::default()
        })
        .await?
        .items
        .into_iter()
        .map(|p| (p.id, c.name(&p.name, &p.name_script, &p.name_en)))
        .collect())
}

/// Every organisation as (id, name in the reader's script), in the reader's order: the
/// choices of an organisation select.
pub(crate) async fn org_choices(
    s: &AppState,
    c: &Ctx,
    except: Option<i64>,
) -> Result<Vec<(i64, String)>, WebError> {
    let mut all = s.store.all_organisations().await?;
    all.retain(|o| Some(o.id) != except);
    all.sort_by_cached_key(|o| c.sort_key(&o.name, &o.name_script, o.name_en.as_deref()));
    Ok(all
        .into_iter()
        .map(|o| (o.id, c.name(&o.name, &o.name_script, &o.name_en)))
        .collect())
}

async fn org_new(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    let parents = org_choices(&s, &c, None).await?;
    render(&OrgFormPage {
        c,
        id: None,
        f: FormState::default(),
        parents,
    })
}

async fn org_edit(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    require(c.auth.as_ref(), Action::EditOrganisation(id))?;
    let o = s.store.get_organisation(id).await?;
    let values = HashMap::from([
        ("name".to_owned(), o.name),
        ("name_en".to_owned(), o.name_en.unwrap_or_default()),
        ("short_name".to_owned(), o.short_name.unwrap_or_default()),
        ("org_type".to_owned(), o.org_type.code().to_owned()),
        ("region".to_owned(), o.region.code().to_owned()),
        (
            "parent_id".to_owned(),
            o.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        ),
        ("website".to_owned(), o.website.unwrap_or_default()),
        ("description".to_owned(), o.description.unwrap_or_default()),
        ("version".to_owned(), o.version.to_string()),
        (
            "synthetic".to_owned(),
            if o.synthetic {
                "1".into()
            } else {
                String::new()
            },
        ),
    ]);
    let parents = org_choices(&s, &c, Some(id)).await?;
    render(&OrgFormPage {
        c,
        id: Some(id),
        f: FormState::new(values),
        parents,
    })
}

fn org_input(f: &FormData, errors: &mut Vec<FieldError>) -> OrganisationInput {
    OrganisationInput {
        name: f.get("name").to_owned(),
        name_script: None,
        name_en: f.opt("name_en"),
        short_name: f.opt("short_name"),
        org_type: f.get("org_type").to_owned(),
        region: f.get("region").to_owned(),
        parent_id: f.int("parent_id", errors),
        website: f.opt("website"),
        description: f.opt("description"),
        description_script: None,
        synthetic: !f.get("synthetic").is_empty(),
        version: f.int("version", errors),
    }
}

/// Validates a form's input, merging the form's own parse errors with the store's.
pub(crate) fn checked<T>(
    parse_errors: Vec<FieldError>,
    validated: Result<T, StoreError>,
) -> Result<T, StoreError> {
    match (parse_errors.is_empty(), validated) {
        (true, v) => v,
        (false, Err(StoreError::Invalid(mut more))) => {
            let mut all = parse_errors;
            all.append(&mut more);
            Err(StoreError::Invalid(all))
        }
        (false, _) => Err(StoreError::Invalid(parse_errors)),
    }
}

async fn save_org(
    s: AppState,
    c: Ctx,
    id: Option<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = match id {
        Some(id) => require(c.auth.as_ref(), Action::EditOrganisation(id))?,
        None => require(c.auth.as_ref(), Action::EditDirectory)?,
    };
    let mut parse_errors = Vec::new();
    let mut input = org_input(&form, &mut parse_errors);
    let actor = actor(auth);
    let result = async {
        if let Some(id) = id {
            // A representative edits their organisation's own details, not where it
            // sits in the directory or whether it is demo data.
            if !c.can_edit() {
                let current = s.store.get_organisation(id).await?;
                input.parent_id = current.parent_id;
                input.synthetic = current.synthetic;
            }
        }
        let draft = checked(parse_errors, input.validate(c.lang.script()))?;
        match id {
            Some(id) => s.store.update_organisation(&actor, id, &draft).await,
            None => s.store.create_organisation(&actor, &draft).await,
        }
    }
    .await;
    match result {
        Ok(org) => Ok(see(c.href(&format!("/organisations/{}?saved=1", org.id)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let parents = org_choices(&s, &c, id).await?;
            let f = FormState::with_errors(form, c.lang, &errors);
            render_invalid(&OrgFormPage { c, id, f, parents }, status)
        }
    }
}

async fn org_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    save_org(s, c, None, form).await
}

async fn org_update(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    save_org(s, c, Some(id), form).await
}

/// The confirmation page before any deletion.
#[derive(Template)]
#[template(path = "confirm_delete.html")]
pub struct ConfirmDeletePage {
    pub c: Ctx,
    pub what: String,
    pub action: String,
    pub back: String,
    pub consequences: Vec<String>,
}

async fn org_delete_confirm(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    require(c.auth.as_ref(), Action::DeleteRecords)?;
    let org = s.store.get_organisation(id).await?;
    let positions = s.store.positions_at_organisation(id).await?.len() as i64;
    let memberships = s
        .store
        .list_memberships(&baylink_store::MembershipFilter {
            org_id: Some(id),
            ..Default::default()
        })
        .await?
        .len() as i64;
    let consequences = vec![
        c.tn("delete-org-positions", "count", &positions),
        c.tn("delete-org-memberships", "count", &memberships),
    ];
    render(&ConfirmDeletePage {
        what: c.name(&org.name, &org.name_script, &org.name_en),
        action: c.href(&format!("/organisations/{id}/delete")),
        back: c.href(&format!("/organisations/{id}")),
        consequences,
        c,
    })
}

async fn org_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_organisation(&actor(auth), id).await?;
    Ok(see(c.href("/organisations?deleted=1")))
}

#[derive(Template)]
#[template(path = "directory/person_list.html")]
struct PersonListPage {
    c: Ctx,
    page: Page<Person>,
    q: String,
    prev: Option<String>,
    next: Option<String>,
    /// The code of the order the list is in.
    order: &'static str,
}

async fn person_list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("").trim();
    let offset = super::paging(&q, "offset", 0);
    let filter = PersonFilter {
        q: Some(get("q").to_owned()).filter(|v| !v.is_empty()),
        org_id: get("org").parse().ok(),
        limit: PAGE_SIZE,
        offset,
        order: c.name_order(get("order")),
    };
    let page = s.store.list_people(&filter).await?;
    let prev = (offset > 0).then(|| page_link(&c, "/people", &q, (offset - PAGE_SIZE).max(0)));
    let next =
        (offset + PAGE_SIZE < page.total).then(|| page_link(&c, "/people", &q, offset + PAGE_SIZE));
    render(&PersonListPage {
        c,
        page,
        q: get("q").to_owned(),
        prev,
        next,
        order: filter.order.code(),
    })
}

#[derive(Template)]
#[template(path = "directory/person_detail.html")]
struct PersonDetailPage {
    c: Ctx,
    person: Person,
    positions: Vec<Position>,
    events: Vec<baylink_store::Event>,
    orgs: Vec<(i64, String)>,
    f: FormState,
    saved: bool,
}

async fn person_page(
    s: &AppState,
    c: Ctx,
    id: i64,
    f: FormState,
    saved: bool,
) -> Result<PersonDetailPage, WebError> {
    let person = s.store.get_person(id).await?;
    let positions = s.store.positions_of_person(id).await?;
    let events = s.store.events_of_person(id).await?;
    let orgs = if c.can_edit() {
        org_choices(s, &c, None).await?
    } else {
        Vec::new()
    };
    Ok(PersonDetailPage {
        c,
        person,
        positions,
        events,
        orgs,
        f,
        saved,
    })
}

async fn person_detail(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let page = person_page(&s, c, id, FormState::default(), q.contains_key("saved")).await?;
    render(&page)
}

#[derive(Template)]
#[template(path = "directory/person_form.html")]
struct PersonFormPage {
    c: Ctx,
    id: Option<i64>,
    f: FormState,
}

async fn person_new(c: Ctx) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    render(&PersonFormPage {
        c,
        id: None,
        f: FormState::default(),
    })
}

async fn person_edit(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    require(c.auth.as_ref(), Action::EditDirectory)?;
    let p = s.store.get_person(id).await?;
    let values = HashMap::from([
        ("name".to_owned(), p.name),
        ("name_en".to_owned(), p.name_en.unwrap_or_default()),
        ("bio".to_owned(), p.bio.unwrap_or_default()),
        ("version".to_owned(), p.version.to_string()),
    ]);
    render(&PersonFormPage {
        c,
        id: Some(id),
        f: FormState::new(values),
    })
}

async fn save_person(
    s: AppState,
    c: Ctx,
    id: Option<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let mut parse_errors = Vec::new();
    let input = PersonInput {
        name: form.get("name").to_owned(),
        name_script: None,
        name_en: form.opt("name_en"),
        bio: form.opt("bio"),
        bio_script: None,
        synthetic: false,
        version: form.int("version", &mut parse_errors),
    };
    let actor = actor(auth);
    let result = async {
        let mut draft = checked(parse_errors, input.validate(c.lang.script()))?;
        match id {
            Some(id) => {
                draft.synthetic = s.store.get_person(id).await?.synthetic;
                s.store.update_person(&actor, id, &draft).await
            }
            None => s.store.create_person(&actor, &draft).await,
        }
    }
    .await;
    match result {
        Ok(p) => Ok(see(c.href(&format!("/people/{}?saved=1", p.id)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            render_invalid(&PersonFormPage { c, id, f }, status)
        }
    }
}

async fn person_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    save_person(s, c, None, form).await
}

async fn person_update(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    save_person(s, c, Some(id), form).await
}

async fn person_delete_confirm(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    require(c.auth.as_ref(), Action::DeleteRecords)?;
    let p = s.store.get_person(id).await?;
    let positions = s.store.positions_of_person(id).await?.len() as i64;
    render(&ConfirmDeletePage {
        what: c.name(&p.name, &p.name_script, &p.name_en),
        action: c.href(&format!("/people/{id}/delete")),
        back: c.href(&format!("/people/{id}")),
        consequences: vec![c.tn("delete-person-positions", "count", &positions)],
        c,
    })
}

async fn person_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_person(&actor(auth), id).await?;
    Ok(see(c.href("/people?deleted=1")))
}

async fn position_create(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let person_id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let mut parse_errors = Vec::new();
    let input = PositionInput {
        person_id,
        org_id: form.int("org_id", &mut parse_errors).unwrap_or(0),
        title: form.get("title").to_owned(),
        title_script: None,
        title_en: form.opt("title_en"),
        since_year: form.int("since_year", &mut parse_errors),
        until_year: form.int("until_year", &mut parse_errors),
        sort_order: form.int("sort_order", &mut parse_errors),
    };
    let result = match checked(parse_errors, input.validate(c.lang.script())) {
        Ok(draft) => s.store.create_position(&actor(auth), &draft).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see(c.href(&format!("/people/{person_id}?saved=1")))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let lang = c.lang;
            let page = person_page(
                &s,
                c,
                person_id,
                FormState::with_errors(form, lang, &errors),
                false,
            )
            .await?;
            render_invalid(&page, status)
        }
    }
}

async fn position_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    s.store.delete_position(&actor(auth), id).await?;
    let back = form
        .get("back")
        .parse::<i64>()
        .map(|p| format!("/people/{p}?saved=1"))
        .unwrap_or_else(|_| "/people".to_owned());
    Ok(see(c.href(&back)))
}
