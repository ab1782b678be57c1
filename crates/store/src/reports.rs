//! Reports: each side's yearly work report (年度工作報告), made from what Baylink holds.
//!
//! A side's secretariat writes one every year for the alliance's council: the events it
//! held, who came and from where, the series it ran, the memberships it awarded, the 1:1
//! meetings at its events and the agreements signed after them or after its members'
//! postings. Until now that meant counting by hand in spreadsheets; here the store gives
//! the rows ([`ReportStore::report_rows`]) and [`YearReport::compose`] adds them up, so the
//! page, the API, the exports and the command line show the same figures.
//!
//! What belongs to a side: an event that took place in its region, or that an organisation
//! of its region hosted or organised (主辦, 承辦), so the annual conference the three sides
//! host together is in each side's report; a membership the side awarded, or, where no side
//! is recorded, one of an organisation of its region; an agreement after a meeting at one
//! of its events, or after a posting of, or an interest from, an organisation of its region;
//! a publication of one of its events or naming an organisation of its region.
//! Without a side, the report is the whole alliance's.
//!
//! The year is Hong Kong's calendar year (UTC+8). An agreement counts in the year it was
//! signed, whatever the year of the event where the parties met.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::StoreResult;
use crate::events::EventKind;
use crate::model::{Membership, Region, Side};
use crate::publications::{Publication, PublicationKind};

/// An event of the report's year, with its attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct ReportEvent {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: EventKind,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    #[sqlx(try_from = "String")]
    pub region: Region,
    pub starts_at: i64,
    pub ends_at: i64,
    pub series_id: Option<i64>,
    pub series_name: Option<String>,
    pub series_name_script: Option<String>,
    pub series_name_en: Option<String>,
    /// Confirmed registrations (a seat held; cancelled, declined, waiting and pending ones
    /// are not counted).
    pub registered: i64,
    /// Of those, how many checked in at the door.
    pub attended: i64,
    /// Feedback given after it (活動回饋): how many, and the sum of their ratings.
    pub feedback_count: i64,
    pub feedback_sum: i64,
    /// Made up for the demo.
    pub synthetic: bool,
}

/// Confirmed registrations at the report's events with one region and organisation type
/// (as the registrants gave them; `None` where the form did not ask).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ParticipantRow {
    pub region: Option<String>,
    pub org_type: Option<String>,
    pub registered: i64,
    pub attended: i64,
}

/// The 1:1 meetings at one of the report's events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct MeetingCounts {
    /// Requests sent, whatever became of them.
    pub requested: i64,
    /// Accepted by the side asked (or arranged by the organisers).
    pub accepted: i64,
    /// Accepted and given a slot.
    pub scheduled: i64,
    /// Accepted meetings that a side reported on afterwards, neither saying it did not
    /// take place.
    pub held: i64,
}

/// An agreement signed in the report's year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct SignedAgreement {
    /// `meeting` (after a 1:1 meeting) or `posting` (after an introduction on a posting).
    pub source: String,
    /// An [`AgreementType`](crate::AgreementType) code.
    pub agreement_type: String,
    /// When it was last recorded as signed.
    pub signed_at: i64,
    /// The event of the meeting, for an agreement after a meeting.
    pub event_id: Option<i64>,
}

/// What the store gives for a report; [`YearReport::compose`] adds it up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportRows {
    pub events: Vec<ReportEvent>,
    pub participants: Vec<ParticipantRow>,
    pub meetings: MeetingCounts,
    pub memberships: Vec<Membership>,
    pub agreements: Vec<SignedAgreement>,
    /// Published (not draft) in the year.
    pub publications: Vec<Publication>,
}

#[async_trait]
pub trait ReportStore: Send + Sync {
    /// The rows of `side`'s report for `year` (the whole alliance's without a side), as the
    /// module's rules say what belongs to a side.
    async fn report_rows(&self, year: i32, side: Option<&Side>) -> StoreResult<ReportRows>;
}

/// A count under a code (an event kind, a region, an organisation type, an agreement type).
/// `code` is `None` for "not given".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CodeCount {
    pub code: Option<String>,
    pub count: i64,
}

/// Registrations and attendance under a code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CodeTally {
    pub code: Option<String>,
    pub registered: i64,
    pub attended: i64,
}

/// A series' events in the year, with their attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeriesTally {
    pub series_id: i64,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
    pub events: i64,
    pub registered: i64,
    pub attended: i64,
}

/// A designation's awards in the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DesignationCount {
    pub code: String,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
    pub count: i64,
}

/// The headline figures of a report, to set beside the year before's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct YearFigures {
    pub events_held: i64,
    pub registered: i64,
    pub attended: i64,
    pub memberships: i64,
    pub meetings_held: i64,
    pub agreements: i64,
    pub publications: i64,
}

/// One side's headline figures, in the alliance's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SideFigures {
    /// `sz`, `hk` or `mo`.
    pub code: String,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
    pub figures: YearFigures,
}

/// A side's (or the alliance's) yearly work report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct YearReport {
    pub year: i32,
    /// The side's code (`sz`, `hk`, `mo`); none for the whole alliance.
    pub side: Option<String>,
    /// When it was made: events after this are counted as planned, not held.
    pub generated_at: i64,
    /// The year's events, in order of their start.
    pub events: Vec<ReportEvent>,
    /// Events that had begun when the report was made.
    pub events_held: i64,
    /// Events still to come in the year.
    pub events_planned: i64,
    /// Events by kind, in the kinds' order; kinds with none left out.
    pub events_by_kind: Vec<CodeCount>,
    /// Events that had begun, by month (January first).
    pub events_by_month: Vec<i64>,
    pub series: Vec<SeriesTally>,
    /// Confirmed registrations at the year's events.
    pub registered: i64,
    /// Of those, checked in.
    pub attended: i64,
    /// Participants by the region they gave, in the regions' order, "not given" last.
    pub by_region: Vec<CodeTally>,
    /// Participants by the type of their organisation, in the types' order, "not given"
    /// last.
    pub by_org_type: Vec<CodeTally>,
    /// The memberships and designations awarded for the year.
    pub memberships: Vec<Membership>,
    pub memberships_by_designation: Vec<DesignationCount>,
    /// The 1:1 meetings at the year's events.
    pub meetings: MeetingCounts,
    /// Feedback given on the events held (活動回饋): how many, and their average rating
    /// (1 to 5), none without any.
    pub feedback_count: i64,
    pub feedback_average: Option<f64>,
    /// Agreements signed in the year.
    pub agreements: i64,
    pub agreements_after_meetings: i64,
    pub agreements_after_postings: i64,
    /// By agreement type, in the types' order.
    pub agreements_by_type: Vec<CodeCount>,
    /// The whitepapers, news, event reports and challenges published in the year, newest
    /// first.
    pub publications: Vec<Publication>,
    /// By kind, in the kinds' order.
    pub publications_by_kind: Vec<CodeCount>,
    /// The same figures for the year before, when it was asked for.
    pub previous: Option<YearFigures>,
    /// In the alliance's report, each side's figures. An event two sides held counts in
    /// both, so the sides add up to more than the alliance.
    pub sides: Vec<SideFigures>,
}

/// The Hong Kong month (1–12) of a Unix time.
fn hk_month(unix: i64) -> usize {
    let t = time::OffsetDateTime::from_unix_timestamp(unix + crate::sql_events::HK_OFFSET)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.month() as usize
}

/// Tallies `rows` by `key` in the order of `codes`, with "not given" (and any code not in
/// the list, from data older than the list) last.
fn tally_by(
    rows: &[ParticipantRow],
    codes: &[&str],
    key: impl Fn(&ParticipantRow) -> Option<&str>,
) -> Vec<CodeTally> {
    let mut out: Vec<CodeTally> = codes
        .iter()
        .map(|c| CodeTally {
            code: Some((*c).to_owned()),
            registered: 0,
            attended: 0,
        })
        .collect();
    let mut other = CodeTally {
        code: None,
        registered: 0,
        attended: 0,
    };
    for r in rows {
        let t = match key(r).and_then(|k| codes.iter().position(|c| *c == k)) {
            Some(i) => &mut out[i],
            None => &mut other,
        };
        t.registered += r.registered;
        t.attended += r.attended;
    }
    out.push(other);
    out.retain(|t| t.registered > 0);
    out
}

impl YearReport {
    /// Adds up a report's rows. `now` decides which events count as held.
    pub fn compose(year: i32, side: Option<&Side>, now: i64, rows: ReportRows) -> YearReport {
        let ReportRows {
            events,
            participants,
            meetings,
            memberships,
            agreements,
            publications,
        } = rows;
        let held: Vec<&ReportEvent> = events.iter().filter(|e| e.starts_at <= now).collect();
        let mut events_by_month = vec![0; 12];
        for e in &held {
            events_by_month[hk_month(e.starts_at) - 1] += 1;
        }
        let events_by_kind = EventKind::ALL
            .iter()
            .map(|k| CodeCount {
                code: Some(k.code().to_owned()),
                count: events.iter().filter(|e| e.kind == *k).count() as i64,
            })
            .filter(|c| c.count > 0)
            .collect();
        let mut series: Vec<SeriesTally> = Vec::new();
        for e in &events {
            let (Some(id), Some(name), Some(script)) =
                (e.series_id, &e.series_name, &e.series_name_script)
            else {
                continue;
            };
            let i = match series.iter().position(|s| s.series_id == id) {
                Some(i) => i,
                None => {
                    series.push(SeriesTally {
                        series_id: id,
                        name: name.clone(),
                        name_script: script.clone(),
                        name_en: e.series_name_en.clone(),
                        events: 0,
                        registered: 0,
                        attended: 0,
                    });
                    series.len() - 1
                }
            };
            series[i].events += 1;
            series[i].registered += e.registered;
            series[i].attended += e.attended;
        }
        let regions: Vec<&str> = Region::ALL.iter().map(|r| r.code()).collect();
        let types: Vec<&str> = crate::OrgType::ALL.iter().map(|t| t.code()).collect();
        let by_region = tally_by(&participants, &regions, |r| r.region.as_deref());
        let by_org_type = tally_by(&participants, &types, |r| r.org_type.as_deref());
        let mut memberships_by_designation: Vec<DesignationCount> = Vec::new();
        for m in &memberships {
            match memberships_by_designation
                .iter_mut()
                .find(|d| d.code == m.designation_code)
            {
                Some(d) => d.count += 1,
                None => memberships_by_designation.push(DesignationCount {
                    code: m.designation_code.clone(),
                    name: m.designation_name.clone(),
                    name_script: m.designation_name_script.clone(),
                    name_en: m.designation_name_en.clone(),
                    count: 1,
                }),
            }
        }
        let agreements_by_type = crate::AgreementType::ALL
            .iter()
            .map(|t| CodeCount {
                code: Some(t.code().to_owned()),
                count: agreements
                    .iter()
                    .filter(|a| a.agreement_type == t.code())
                    .count() as i64,
            })
            .filter(|c| c.count > 0)
            .collect();
        let publications_by_kind = PublicationKind::ALL
            .iter()
            .map(|k| CodeCount {
                code: Some(k.code().to_owned()),
                count: publications.iter().filter(|p| p.kind == *k).count() as i64,
            })
            .filter(|c| c.count > 0)
            .collect();
        let from = |source: &str| agreements.iter().filter(|a| a.source == source).count() as i64;
        let feedback_count: i64 = held.iter().map(|e| e.feedback_count).sum();
        let feedback_sum: i64 = held.iter().map(|e| e.feedback_sum).sum();
        YearReport {
            feedback_count,
            feedback_average: (feedback_count > 0)
                .then(|| feedback_sum as f64 / feedback_count as f64),
            year,
            side: side.map(|s| s.code.clone()),
            generated_at: now,
            events_held: held.len() as i64,
            events_planned: (events.len() - held.len()) as i64,
            events_by_kind,
            events_by_month,
            series,
            registered: participants.iter().map(|r| r.registered).sum(),
            attended: participants.iter().map(|r| r.attended).sum(),
            by_region,
            by_org_type,
            memberships,
            memberships_by_designation,
            meetings,
            agreements: agreements.len() as i64,
            agreements_after_meetings: from("meeting"),
            agreements_after_postings: from("posting"),
            agreements_by_type,
            events,
            publications,
            publications_by_kind,
            previous: None,
            sides: Vec::new(),
        }
    }

    /// Its headline figures.
    pub fn figures(&self) -> YearFigures {
        YearFigures {
            events_held: self.events_held,
            registered: self.registered,
            attended: self.attended,
            memberships: self.memberships.len() as i64,
            meetings_held: self.meetings.held,
            agreements: self.agreements,
            publications: self.publications.len() as i64,
        }
    }

    /// Adds `side`'s figures (`rows` being its rows for the same year) to the alliance's
    /// report.
    pub fn with_side(mut self, side: &Side, rows: ReportRows) -> YearReport {
        let theirs = YearReport::compose(self.year, Some(side), self.generated_at, rows);
        self.sides.push(SideFigures {
            code: side.code.clone(),
            name: side.name.clone(),
            name_script: side.name_script.clone(),
            name_en: side.name_en.clone(),
            figures: theirs.figures(),
        });
        self
    }

    /// Sets the year before's figures beside this year's (`rows` being that year's).
    pub fn with_previous(mut self, side: Option<&Side>, rows: ReportRows) -> YearReport {
        let before = YearReport::compose(self.year - 1, side, self.generated_at, rows);
        self.previous = Some(before.figures());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: i64, kind: EventKind, starts_at: i64, series: Option<i64>) -> ReportEvent {
        ReportEvent {
            id,
            kind,
            title: format!("活動{id}"),
            title_script: "zh-Hant".into(),
            title_en: None,
            region: Region::HongKong,
            starts_at,
            ends_at: starts_at + 3600,
            series_id: series,
            series_name: series.map(|_| "科創跨境".into()),
            series_name_script: series.map(|_| "zh-Hant".into()),
            series_name_en: None,
            registered: 10 * id,
            attended: id,
            feedback_count: id,
            feedback_sum: 4 * id,
            synthetic: false,
        }
    }

    #[test]
    fn figures_add_up_and_later_events_are_planned() {
        let jan = crate::sql_events::year_start(2024) + 86_400;
        let jun = jan + 160 * 86_400;
        let rows = ReportRows {
            events: vec![
                event(1, EventKind::Seminar, jan, Some(7)),
                event(2, EventKind::Seminar, jun, Some(7)),
                event(3, EventKind::AnnualConference, jun + 86_400 * 100, None),
            ],
            participants: vec![
                ParticipantRow {
                    region: Some("macao".into()),
                    org_type: None,
                    registered: 4,
                    attended: 1,
                },
                ParticipantRow {
                    region: Some("shenzhen".into()),
                    org_type: Some("company".into()),
                    registered: 2,
                    attended: 2,
                },
                ParticipantRow {
                    region: Some("atlantis".into()),
                    org_type: Some("company".into()),
                    registered: 1,
                    attended: 0,
                },
            ],
            agreements: vec![SignedAgreement {
                source: "meeting".into(),
                agreement_type: "licensing".into(),
                signed_at: jun,
                event_id: Some(2),
            }],
            ..Default::default()
        };
        let r = YearReport::compose(2024, None, jun, rows);
        assert_eq!((r.events_held, r.events_planned), (2, 1));
        // Feedback on the two held only: 1 + 2 replies, each rated 4.
        assert_eq!((r.feedback_count, r.feedback_average), (3, Some(4.0)));
        assert_eq!(r.events_by_month[0], 1);
        assert_eq!(r.events_by_month.iter().sum::<i64>(), 2);
        assert_eq!(
            r.events_by_kind,
            vec![
                CodeCount {
                    code: Some("annual_conference".into()),
                    count: 1
                },
                CodeCount {
                    code: Some("seminar".into()),
                    count: 2
                }
            ]
        );
        assert_eq!(r.series.len(), 1);
        assert_eq!(
            (
                r.series[0].events,
                r.series[0].registered,
                r.series[0].attended
            ),
            (2, 30, 3)
        );
        assert_eq!((r.registered, r.attended), (7, 3));
        // In the regions' order, an unknown code with the ones not given, last.
        let regions: Vec<_> = r.by_region.iter().map(|t| t.code.clone()).collect();
        assert_eq!(
            regions,
            vec![Some("shenzhen".into()), Some("macao".into()), None]
        );
        assert_eq!(r.by_org_type.last().map(|t| t.registered), Some(4));
        assert_eq!(
            (
                r.agreements,
                r.agreements_after_meetings,
                r.agreements_after_postings
            ),
            (1, 1, 0)
        );
    }
}
