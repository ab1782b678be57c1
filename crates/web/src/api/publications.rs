//! Publications over JSON: the public list and each publication with its organisations,
//! and the staff's writes, with the same checks as the pages.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use baylink_store::{
    Page, Publication, PublicationFile, PublicationFilter, PublicationInput, PublicationKind,
    PublicationOrg,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::directory::{author_script, code, created};
use super::{ApiJson, param, parsed, path_id};
use crate::AppState;
use crate::auth::{Action, MaybeAuth, allowed, require};
use crate::error::WebError;
use crate::views::directory::actor;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/publications",
            get(list_publications).post(create_publication),
        )
        .route(
            "/api/v1/publications/{id}",
            get(get_publication)
                .put(update_publication)
                .delete(delete_publication),
        )
}

/// A publication with the organisations it names, in order.
#[derive(Serialize, ToSchema)]
pub struct PublicationWithOrgs {
    #[serde(flatten)]
    pub publication: Publication,
    pub organisations: Vec<PublicationOrg>,
    /// Its files, each at `/{lang}/publications/{id}/files/{file id}`.
    pub files: Vec<PublicationFile>,
}

/// Published publications, newest first (staff also see drafts with `drafts=1`).
#[utoipa::path(get, path = "/api/v1/publications", tag = "publications",
    params(
        ("kind" = Option<String>, Query, description = "whitepaper, news, event_report or challenge"),
        ("year" = Option<i32>, Query, description = "Published in this year"),
        ("event" = Option<i64>, Query, description = "Of this event"),
        ("org" = Option<i64>, Query, description = "Naming this organisation"),
        ("q" = Option<String>, Query, description = "Words of the title, in any script"),
        ("drafts" = Option<bool>, Query, description = "Staff only: include drafts"),
        ("limit" = Option<i64>, Query, description = "Page size, at most 500 (default 50)"),
        ("offset" = Option<i64>, Query, description = "Rows to skip"),
    ),
    responses((status = 200, body = Page<Publication>), (status = 400, body = crate::error::ApiError)))]
pub async fn list_publications(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Page<Publication>>, WebError> {
    let drafts: bool = parsed(&q, "drafts")?.unwrap_or(false);
    if drafts {
        require(a.as_ref(), Action::EditDirectory)?;
    }
    let filter = PublicationFilter {
        kind: code(&q, "kind", PublicationKind::parse)?,
        year: parsed(&q, "year")?,
        event_id: parsed(&q, "event")?,
        org_id: parsed(&q, "org")?,
        q: Some(param(&q, "q").to_owned()).filter(|v| !v.is_empty()),
        drafts,
        limit: parsed(&q, "limit")?.unwrap_or(50),
        offset: parsed(&q, "offset")?.unwrap_or(0),
    };
    Ok(Json(s.store.list_publications(&filter).await?))
}

/// One publication with its organisations; a draft is found by staff only.
#[utoipa::path(get, path = "/api/v1/publications/{id}", tag = "publications",
    params(("id" = i64, Path)),
    responses((status = 200, body = PublicationWithOrgs), (status = 404, body = crate::error::ApiError)))]
pub async fn get_publication(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<Json<PublicationWithOrgs>, WebError> {
    let publication = s.store.get_publication(path_id(&id)?).await?;
    let staff = a
        .as_ref()
        .is_some_and(|a| allowed(Some(&a.user), Action::EditDirectory));
    if publication.draft && !staff {
        return Err(WebError::NotFound);
    }
    let organisations = s.store.publication_orgs(publication.id).await?;
    let files = s.store.publication_files(publication.id).await?;
    Ok(Json(PublicationWithOrgs {
        publication,
        organisations,
        files,
    }))
}

/// Creates a publication (secretariat, admin).
#[utoipa::path(post, path = "/api/v1/publications", tag = "publications", request_body = PublicationInput,
    responses((status = 201, body = Publication), (status = 422, body = crate::error::ApiError),
              (status = 401, body = crate::error::ApiError), (status = 403, body = crate::error::ApiError)))]
pub async fn create_publication(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    ApiJson(input): ApiJson<PublicationInput>,
) -> Result<Response, WebError> {
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate(author_script(&headers))?;
    Ok(created(
        s.store.create_publication(&actor(auth), &draft).await?,
    ))
}

/// Replaces a publication and its organisations (secretariat, admin). Send `version` to be
/// told (409) when someone else changed it since you read it.
#[utoipa::path(put, path = "/api/v1/publications/{id}", tag = "publications", request_body = PublicationInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = Publication), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn update_publication(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PublicationInput>,
) -> Result<Json<Publication>, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate(author_script(&headers))?;
    Ok(Json(
        s.store.update_publication(&actor(auth), id, &draft).await?,
    ))
}

/// Deletes a publication (secretariat, admin).
#[utoipa::path(delete, path = "/api/v1/publications/{id}", tag = "publications", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::ApiError)))]
pub async fn delete_publication(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::DeleteRecords)?;
    s.store.delete_publication(&actor(auth), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
