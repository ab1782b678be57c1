//! The SQL implementation of [`ReportStore`](crate::ReportStore), shared by both backends
//! like [`crate::sql_events`].
//!
//! Every figure is counted by the database in one query per part, so a report over years of
//! events reads a handful of rows, not every registration.

/// A side's events, for an event `e` ($3: the side's region): those in its region, or
/// hosted or organised by an organisation of its region.
pub const SIDE_EVENTS: &str = " AND (e.region = $3 OR EXISTS (SELECT 1 FROM event_roles er JOIN organisations o ON o.id = er.org_id WHERE er.event_id = e.id AND er.role IN ('host', 'organiser') AND o.region = $3))";

/// A side's introductions, for a posting's organisation `po` and the interested one `fo`
/// ($3: the side's region).
pub const SIDE_POSTINGS: &str = " AND (po.region = $3 OR fo.region = $3)";

/// The year's events ($1, $2: the year's bounds), with their attendance.
pub const EVENTS: &str = "SELECT e.id, e.kind, e.title, e.title_script, e.title_en, e.region, e.starts_at, e.ends_at, e.series_id, s.name AS series_name, s.name_script AS series_name_script, s.name_en AS series_name_en, (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS registered, (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed' AND r.checked_in_at IS NOT NULL) AS attended, (SELECT COUNT(*) FROM event_feedback f WHERE f.event_id = e.id) AS feedback_count, (SELECT CAST(COALESCE(SUM(f.rating), 0) AS BIGINT) FROM event_feedback f WHERE f.event_id = e.id) AS feedback_sum, e.synthetic FROM events e LEFT JOIN event_series s ON s.id = e.series_id WHERE e.starts_at >= $1 AND e.starts_at < $2";

/// Confirmed registrations at the year's events by region and organisation type.
pub const PARTICIPANTS: &str = "SELECT r.region, r.org_type, COUNT(*) AS registered, COALESCE(SUM(CASE WHEN r.checked_in_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS attended FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.status = 'confirmed' AND e.starts_at >= $1 AND e.starts_at < $2";

/// The 1:1 meetings at the year's events ([`MeetingCounts`](crate::MeetingCounts)).
pub const MEETINGS: &str = "SELECT COUNT(*) AS requested, COALESCE(SUM(CASE WHEN m.status = 'accepted' THEN 1 ELSE 0 END), 0) AS accepted, COALESCE(SUM(CASE WHEN m.status = 'accepted' AND m.slot_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS scheduled, COALESCE(SUM(CASE WHEN m.status = 'accepted' AND (m.outcome_from IS NOT NULL OR m.outcome_to IS NOT NULL) AND COALESCE(m.outcome_from, '') <> 'not_held' AND COALESCE(m.outcome_to, '') <> 'not_held' THEN 1 ELSE 0 END), 0) AS held FROM meeting_requests m JOIN events e ON e.id = m.event_id WHERE e.starts_at >= $1 AND e.starts_at < $2";

/// Agreements after 1:1 meetings, whatever the year of the meeting's event, with when each
/// was first recorded as signed (a move taken back does not count). The year is checked
/// by the `HAVING` the caller appends after its scope.
pub const MEETING_AGREEMENTS: &str = "SELECT 'meeting' AS source, c.agreement_type, MIN(st.at) AS signed_at, c.event_id FROM meeting_cooperations c JOIN meeting_cooperation_steps st ON st.request_id = c.request_id AND st.stage IN ('signed', 'implemented') AND st.takes_back = FALSE JOIN events e ON e.id = c.event_id WHERE c.agreement_type IS NOT NULL";

/// Agreements after introductions on postings, as [`MEETING_AGREEMENTS`].
pub const POSTING_AGREEMENTS: &str = "SELECT 'posting' AS source, i.agreement_type, MIN(st.at) AS signed_at, CAST(NULL AS BIGINT) AS event_id FROM posting_interests i JOIN pipeline_steps st ON st.interest_id = i.id AND st.stage IN ('signed', 'implemented') AND st.takes_back = FALSE JOIN postings p ON p.id = i.posting_id JOIN organisations po ON po.id = p.org_id LEFT JOIN organisations fo ON fo.id = i.from_org_id WHERE i.agreement_type IS NOT NULL";

/// A side's publications, for a publication `p` and its event `e` ($3: the side's region):
/// those of its events, or naming an organisation of its region.
pub const SIDE_PUBLICATIONS: &str = " AND (e.region = $3 OR EXISTS (SELECT 1 FROM event_roles er JOIN organisations o ON o.id = er.org_id WHERE er.event_id = e.id AND er.role IN ('host', 'organiser') AND o.region = $3) OR EXISTS (SELECT 1 FROM publication_orgs po JOIN organisations o ON o.id = po.org_id WHERE po.publication_id = p.id AND o.region = $3))";

/// Implements [`ReportStore`](crate::ReportStore) for a store type with a `pool` field.
#[macro_export]
macro_rules! impl_sql_reports {
    ($store:ident) => {
        const _: () = {
            use $crate::reports::*;
            use $crate::sql::map_err;
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::sql_reports::*;
            use $crate::*;
            use sqlx::AssertSqlSafe;

            #[async_trait::async_trait]
            impl ReportStore for $store {
                async fn report_rows(&self, year: i32, side: Option<&Side>) -> StoreResult<ReportRows> {
                    let (from, until) = ($crate::sql_events::year_start(year), $crate::sql_events::year_start(year + 1));
                    let region = side.map(|s| s.region.code());
                    let scope = if region.is_some() { SIDE_EVENTS } else { "" };
                    // Binds the year's bounds and, for a side, its region ($1, $2, $3).
                    macro_rules! scoped {
                        ($sql:expr, $as:ty) => {{
                            let q = sqlx::query_as::<_, $as>(AssertSqlSafe($sql)).bind(from).bind(until);
                            match region {
                                Some(r) => q.bind(r),
                                None => q,
                            }
                        }};
                    }
                    let events = scoped!(format!("{EVENTS}{scope} ORDER BY e.starts_at, e.id"), ReportEvent)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let participants = scoped!(format!("{PARTICIPANTS}{scope} GROUP BY r.region, r.org_type"), ParticipantRow)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let meetings = scoped!(format!("{MEETINGS}{scope}"), MeetingCounts)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let in_year = "HAVING MIN(st.at) >= $1 AND MIN(st.at) < $2";
                    let mut agreements = scoped!(
                        format!("{MEETING_AGREEMENTS}{scope} GROUP BY c.request_id, c.agreement_type, c.event_id {in_year}"),
                        SignedAgreement
                    )
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map_err)?;
                    let posting_scope = if region.is_some() { SIDE_POSTINGS } else { "" };
                    agreements.extend(
                        scoped!(
                            format!("{POSTING_AGREEMENTS}{posting_scope} GROUP BY i.id, i.agreement_type {in_year}"),
                            SignedAgreement
                        )
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?,
                    );
                    agreements.sort_by_key(|a| a.signed_at);
                    // Publications are dated by day, as text: the year is a range of text.
                    let publication_scope = if region.is_some() { SIDE_PUBLICATIONS } else { "" };
                    let q = sqlx::query_as::<_, Publication>(AssertSqlSafe(format!(
                        "{} WHERE p.draft = FALSE AND p.published_on >= $1 AND p.published_on < $2{publication_scope} ORDER BY p.published_on DESC, p.id DESC",
                        $crate::sql_publications::PUBLICATION_SELECT
                    )))
                    .bind(format!("{year:04}-01-01"))
                    .bind(format!("{:04}-01-01", year + 1));
                    let publications = match region {
                        Some(r) => q.bind(r),
                        None => q,
                    }
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map_err)?;
                    let mut memberships = self
                        .list_memberships(&MembershipFilter {
                            year: Some(year),
                            ..Default::default()
                        })
                        .await?;
                    if let Some(side) = side {
                        memberships.retain(|m| match m.side_id {
                            Some(id) => id == side.id,
                            None => m.org_region == side.region,
                        });
                    }
                    Ok(ReportRows {
                        events,
                        participants,
                        meetings,
                        memberships,
                        agreements,
                        publications,
                    })
                }
            }
        };
    };
}
