//! The yearly work report (年度工作報告) as a page with its charts, and as a spreadsheet.
//!
//! The charts are drawn on the server as SVG bars beside their numbers, so they need no
//! script, print as they show (a browser leaves out background colours when printing, not
//! SVG fills) and read the same to a screen reader, which is given the numbers.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use baylink_store::{
    AgreementType, CodeTally, EventKind, OrgType, PublicationKind, Region, YearReport,
};

use super::{Ctx, render, see};
use crate::AppState;
use crate::api::reports::{report_table, requested, side_name};
use crate::auth::{Action, require};
use crate::error::WebError;
use crate::sheets::SheetFormat;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports", get(this_year))
        .route("/reports/{year}", get(year))
        .route("/reports/{year}/report.csv", get(export::<false>))
        .route("/reports/{year}/report.xlsx", get(export::<true>))
}

/// One bar of a chart: its label, its number and, for attendance, a second number drawn
/// inside it; the lengths are percentages of the chart's longest bar.
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub second: Option<i64>,
    pub pct: i64,
    pub pct2: i64,
}

/// Bars scaled to the largest value (an empty chart stays empty, not divided by zero).
fn bars(items: Vec<(String, i64, Option<i64>)>) -> Vec<Bar> {
    let max = items.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1);
    items
        .into_iter()
        .map(|(label, value, second)| Bar {
            pct: value * 100 / max,
            pct2: second.unwrap_or(0) * 100 / max,
            label,
            value,
            second,
        })
        .collect()
}

fn tallies(c: &Ctx, t: &[CodeTally], label: impl Fn(&str) -> Option<String>) -> Vec<Bar> {
    bars(
        t.iter()
            .map(|x| {
                let name = x
                    .code
                    .as_deref()
                    .and_then(&label)
                    .map(|k| c.t(&k))
                    .unwrap_or_else(|| c.t("unknown"));
                (name, x.registered, Some(x.attended))
            })
            .collect(),
    )
}

#[derive(Template)]
#[template(path = "reports/year.html")]
struct YearPage {
    c: Ctx,
    r: YearReport,
    title: String,
    /// The chosen side's code, empty for the whole alliance.
    side: String,
    /// Every side, as (code, name).
    sides: Vec<(String, String)>,
    months: Vec<Bar>,
    kinds: Vec<Bar>,
    regions: Vec<Bar>,
    types: Vec<Bar>,
    meetings: Vec<Bar>,
    agreements: Vec<Bar>,
    series: Vec<Bar>,
    publications: Vec<Bar>,
}

impl YearPage {
    fn is_side(&self, code: &str) -> bool {
        self.side == code
    }

    /// `?side=…` for the links to other years and the exports; empty for the alliance.
    fn side_query(&self) -> String {
        if self.side.is_empty() {
            String::new()
        } else {
            format!("?side={}", self.side)
        }
    }

    /// This year's `now` against the year before's `before`: "2023: 480 (+8%)".
    fn versus(&self, now: &i64, before: &i64) -> String {
        let year = i64::from(self.r.year - 1);
        if *before == 0 {
            return self.c.lang.t_args(
                "report-versus",
                &[("year", year.into()), ("count", (*before).into())],
            );
        }
        let pct = (now - before) * 100 / before;
        let change = match pct {
            0 => "±0%".to_owned(),
            p if p > 0 => format!("+{p}%"),
            p => format!("−{}%", -p),
        };
        self.c.lang.t_args(
            "report-versus-change",
            &[
                ("year", year.into()),
                ("count", (*before).into()),
                ("change", change.into()),
            ],
        )
    }

    fn share(&self, part: &i64, whole: &i64) -> String {
        if *whole == 0 {
            "–".to_owned()
        } else {
            format!("{}%", part * 100 / whole)
        }
    }
}

/// The current year's report; a side's secretariat sees its own side's.
async fn this_year(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::ViewReports)?;
    let year = super::events::hk(baylink_store::sql::now()).year();
    let side = match auth.user.side_id {
        Some(id) => s.store.list_sides().await?.into_iter().find(|x| x.id == id),
        None => None,
    };
    let query = side
        .map(|x| format!("?side={}", x.code))
        .unwrap_or_default();
    Ok(see(c.href(&format!("/reports/{year}{query}"))))
}

async fn year(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (r, side, all_sides) = requested(&s, c.auth.as_ref(), &raw, &q).await?;
    let title = c.lang.t_args(
        "report-title",
        &[
            ("side", side_name(c.lang, side.as_ref()).into()),
            ("year", i64::from(r.year).into()),
        ],
    );
    let months = bars(
        r.events_by_month
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let m = c
                    .lang
                    .t_args("report-month", &[("month", (i as i64 + 1).into())]);
                (m, *n, None)
            })
            .collect(),
    );
    let kinds = bars(
        r.events_by_kind
            .iter()
            .map(|k| {
                let label = k
                    .code
                    .as_deref()
                    .and_then(EventKind::parse)
                    .map(|x| c.t(&x.label_key()))
                    .unwrap_or_else(|| c.t("unknown"));
                (label, k.count, None)
            })
            .collect(),
    );
    let regions = tallies(&c, &r.by_region, |x| {
        Region::parse(x).map(Region::label_key)
    });
    let types = tallies(&c, &r.by_org_type, |x| {
        OrgType::parse(x).map(OrgType::label_key)
    });
    let m = &r.meetings;
    let meetings = bars(vec![
        (c.t("report-meetings-requested"), m.requested, None),
        (c.t("report-meetings-accepted"), m.accepted, None),
        (c.t("report-meetings-scheduled"), m.scheduled, None),
        (c.t("report-meetings-held"), m.held, None),
    ]);
    let agreements = bars(
        r.agreements_by_type
            .iter()
            .map(|a| {
                let label = a
                    .code
                    .as_deref()
                    .and_then(AgreementType::parse)
                    .map(|x| c.t(&x.label_key()))
                    .unwrap_or_else(|| c.t("unknown"));
                (label, a.count, None)
            })
            .collect(),
    );
    let publications = bars(
        r.publications_by_kind
            .iter()
            .map(|k| {
                let label = k
                    .code
                    .as_deref()
                    .and_then(PublicationKind::parse)
                    .map(|x| c.t(&x.label_key()))
                    .unwrap_or_else(|| c.t("unknown"));
                (label, k.count, None)
            })
            .collect(),
    );
    let series = bars(
        r.series
            .iter()
            .map(|x| {
                (
                    c.name(&x.name, &x.name_script, &x.name_en),
                    x.registered,
                    Some(x.attended),
                )
            })
            .collect(),
    );
    let sides = all_sides
        .iter()
        .map(|x| (x.code.clone(), c.name(&x.name, &x.name_script, &x.name_en)))
        .collect();
    render(&YearPage {
        title,
        side: side.map(|x| x.code).unwrap_or_default(),
        sides,
        months,
        kinds,
        regions,
        types,
        meetings,
        agreements,
        series,
        publications,
        r,
        c,
    })
}

/// The report as a spreadsheet in the page's language: CSV with a BOM, or a workbook.
async fn export<const XLSX: bool>(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (r, side, _) = requested(&s, c.auth.as_ref(), &raw, &q).await?;
    let (head, rows) = report_table(c.lang, &r, side.as_ref());
    let stem = format!(
        "report-{}-{}",
        r.year,
        side.as_ref().map(|x| x.code.as_str()).unwrap_or("alliance")
    );
    crate::api::download(SheetFormat::new(XLSX), &stem, &head, &rows)
}
