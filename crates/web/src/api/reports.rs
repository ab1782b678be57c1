//! Yearly work reports over JSON, and what the page, its exports and the command line
//! share: finding the report a request asks for, and the report as one table.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use baylink_store::{
    AgreementType, EventKind, OrgType, PublicationKind, Region, Side, Store, YearReport,
};

use crate::AppState;
use crate::auth::{Action, Auth, MaybeAuth, require};
use crate::error::WebError;
use crate::i18n::Locale;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/reports/{year}", get(get_report))
}

/// The years a report can be asked for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A report's year from a path: anything else is not a report.
pub fn path_year(raw: &str) -> Result<i32, WebError> {
    raw.parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or(WebError::NotFound)
}

/// The side `?side=` names (`sz`, `hk`, `mo`); none, empty or `all` for the whole
/// alliance. An unknown code is the client's error.
pub fn chosen_side(sides: &[Side], q: &HashMap<String, String>) -> Result<Option<Side>, WebError> {
    match super::param(q, "side") {
        "" | "all" => Ok(None),
        code => sides
            .iter()
            .find(|s| s.code == code)
            .cloned()
            .map(Some)
            .ok_or(WebError::BadRequest("err-bad-query")),
    }
}

/// `side`'s report for `year`, as of now, with the year before's figures beside it; the
/// alliance's (no `side`) with the figures of each of `sides` too.
pub async fn year_report(
    store: &dyn Store,
    year: i32,
    side: Option<&Side>,
    sides: &[Side],
) -> baylink_store::StoreResult<YearReport> {
    let rows = store.report_rows(year, side).await?;
    let before = store.report_rows(year - 1, side).await?;
    let mut report = YearReport::compose(year, side, baylink_store::sql::now(), rows)
        .with_previous(side, before);
    if side.is_none() {
        for each in sides {
            let rows = store.report_rows(year, Some(each)).await?;
            report = report.with_side(each, rows);
        }
    }
    Ok(report)
}

/// Checks that `auth` may read reports, and finds the one the request asks for: the
/// report, its side and every side.
pub(crate) async fn requested(
    s: &AppState,
    auth: Option<&Auth>,
    raw_year: &str,
    q: &HashMap<String, String>,
) -> Result<(YearReport, Option<Side>, Vec<Side>), WebError> {
    require(auth, Action::ViewReports)?;
    let year = path_year(raw_year)?;
    let sides = s.store.list_sides().await?;
    let side = chosen_side(&sides, q)?;
    let report = year_report(s.store.as_ref(), year, side.as_ref(), &sides).await?;
    Ok((report, side, sides))
}

/// A side's name for a reader; the alliance's without a side.
pub fn side_name(lang: Locale, side: Option<&Side>) -> String {
    match side {
        Some(s) => lang.name(&s.name, &s.name_script, s.name_en.as_deref()),
        None => lang.t("report-whole-alliance"),
    }
}

/// The report as one table for a spreadsheet, in `lang`: a section, an item, a count and,
/// where there is one, how many of it attended.
pub fn report_table(
    lang: Locale,
    r: &YearReport,
    side: Option<&Side>,
) -> (Vec<String>, Vec<Vec<String>>) {
    let head = [
        "report-col-section",
        "report-col-item",
        "report-col-count",
        "report-attended",
    ]
    .map(|k| lang.t(k))
    .to_vec();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut push = |section: &str, item: String, count: i64, attended: Option<i64>| {
        rows.push(vec![
            lang.t(section),
            item,
            count.to_string(),
            attended.map(|a| a.to_string()).unwrap_or_default(),
        ]);
    };
    // A code's label; "not given" for none, or for a code this version does not know.
    let given = |code: &Option<String>, key: &dyn Fn(&str) -> Option<String>| {
        code.as_deref()
            .and_then(key)
            .map(|k| lang.t(&k))
            .unwrap_or_else(|| lang.t("unknown"))
    };
    push(
        "report-side",
        side_name(lang, side),
        i64::from(r.year),
        None,
    );
    push(
        "report-summary",
        lang.t("report-events-held"),
        r.events_held,
        None,
    );
    push(
        "report-summary",
        lang.t("report-events-planned"),
        r.events_planned,
        None,
    );
    push(
        "report-summary",
        lang.t("report-registered"),
        r.registered,
        Some(r.attended),
    );
    push(
        "report-summary",
        lang.t("report-memberships"),
        r.memberships.len() as i64,
        None,
    );
    if let Some(average) = r.feedback_average {
        push(
            "report-summary",
            lang.t_args(
                "report-feedback-average",
                &[("average", format!("{average:.1}").into())],
            ),
            r.feedback_count,
            None,
        );
    }
    let m = &r.meetings;
    for (key, n) in [
        ("report-meetings-requested", m.requested),
        ("report-meetings-accepted", m.accepted),
        ("report-meetings-scheduled", m.scheduled),
        ("report-meetings-held", m.held),
        ("report-agreements", r.agreements),
        (
            "report-agreements-after-meetings",
            r.agreements_after_meetings,
        ),
        (
            "report-agreements-after-postings",
            r.agreements_after_postings,
        ),
    ] {
        push("report-summary", lang.t(key), n, None);
    }
    for (i, n) in r.events_by_month.iter().enumerate() {
        let month = lang.t_args("report-month", &[("month", (i as i64 + 1).into())]);
        push("report-by-month", month, *n, None);
    }
    for k in &r.events_by_kind {
        let label = given(&k.code, &|c| EventKind::parse(c).map(EventKind::label_key));
        push("report-by-kind", label, k.count, None);
    }
    for x in &r.series {
        let name = lang.name(&x.name, &x.name_script, x.name_en.as_deref());
        push("report-series", name, x.registered, Some(x.attended));
    }
    for t in &r.by_region {
        let label = given(&t.code, &|c| Region::parse(c).map(Region::label_key));
        push("by-region", label, t.registered, Some(t.attended));
    }
    for t in &r.by_org_type {
        let label = given(&t.code, &|c| OrgType::parse(c).map(OrgType::label_key));
        push("by-org-type", label, t.registered, Some(t.attended));
    }
    for d in &r.memberships_by_designation {
        let name = lang.name(&d.name, &d.name_script, d.name_en.as_deref());
        push("report-memberships", name, d.count, None);
    }
    for x in &r.memberships {
        let item = format!(
            "{} · {}",
            lang.name(
                &x.designation_name,
                &x.designation_name_script,
                x.designation_name_en.as_deref()
            ),
            lang.name(&x.org_name, &x.org_name_script, x.org_name_en.as_deref())
        );
        push("report-awarded", item, 1, None);
    }
    for a in &r.agreements_by_type {
        let label = given(&a.code, &|c| {
            AgreementType::parse(c).map(AgreementType::label_key)
        });
        push("report-agreements", label, a.count, None);
    }
    for k in &r.publications_by_kind {
        let label = given(&k.code, &|c| {
            PublicationKind::parse(c).map(PublicationKind::label_key)
        });
        push("nav-publications", label, k.count, None);
    }
    for x in &r.publications {
        let item = format!(
            "{} {}",
            x.published_on,
            lang.name(&x.title, &x.title_script, x.title_en.as_deref())
        );
        push("report-published", item, 1, None);
    }
    for e in &r.events {
        let item = format!(
            "{} {}",
            crate::views::events::day(e.starts_at),
            lang.name(&e.title, &e.title_script, e.title_en.as_deref())
        );
        push("report-events", item, e.registered, Some(e.attended));
    }
    if let Some(p) = &r.previous {
        for (key, n) in [
            ("report-events-held", p.events_held),
            ("report-registered", p.registered),
            ("report-attended", p.attended),
            ("report-memberships", p.memberships),
            ("report-meetings-held", p.meetings_held),
            ("report-agreements", p.agreements),
            ("nav-publications", p.publications),
        ] {
            let section = lang.t_args(
                "report-year-before",
                &[("year", i64::from(r.year - 1).into())],
            );
            rows.push(vec![section, lang.t(key), n.to_string(), String::new()]);
        }
    }
    for x in &r.sides {
        let name = lang.name(&x.name, &x.name_script, x.name_en.as_deref());
        let f = &x.figures;
        for (key, n) in [
            ("report-events-held", f.events_held),
            ("report-registered", f.registered),
            ("report-attended", f.attended),
            ("report-memberships", f.memberships),
            ("report-meetings-held", f.meetings_held),
            ("report-agreements", f.agreements),
            ("nav-publications", f.publications),
        ] {
            rows.push(vec![
                name.clone(),
                lang.t(key),
                n.to_string(),
                String::new(),
            ]);
        }
    }
    (head, rows)
}

/// A side's (or, without `side`, the whole alliance's) work report for a year: the year's
/// events with their attendance, participants by region and organisation type, the
/// memberships awarded, the 1:1 meetings at its events and the agreements signed in the
/// year. Secretariat and administrators only.
#[utoipa::path(get, path = "/api/v1/reports/{year}", tag = "reports",
    params(
        ("year" = i32, Path, minimum = 2000, maximum = 2100, description = "A year from 2000 to 2100 (Hong Kong's calendar)"),
        ("side" = Option<String>, Query, description = "sz, hk or mo; empty or all for the whole alliance"),
    ),
    responses((status = 200, body = YearReport), (status = 400, body = crate::error::ApiError),
        (status = 401, body = crate::error::ApiError), (status = 403, body = crate::error::ApiError),
        (status = 404, body = crate::error::ApiError)))]
pub async fn get_report(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<YearReport>, WebError> {
    let (report, _, _) = requested(&s, a.as_ref(), &raw, &q).await?;
    Ok(Json(report))
}
