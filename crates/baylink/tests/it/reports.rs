//! The yearly work reports: what belongs to each side and to which year, counted by the
//! store on both backends; the page, its exports and the API.

use std::sync::Arc;

use baylink_store::*;
use baylink_text::Script;

use crate::events_store::{event, person};
use crate::kit::TestDb;
use crate::matchmaking_store::one_meeting_held;

const NOON: i64 = 1_733_716_800; // 2024-12-09 12:00 HKT
const YEAR: i64 = 365 * 86_400;

async fn org(s: &dyn Store, name: &str, region: &str) -> Organisation {
    let d = OrganisationInput {
        name: name.into(),
        org_type: "society".into(),
        region: region.into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    s.create_organisation(&Actor::cli(), &d).await.unwrap()
}

/// An event like [`event`], moved to `region` and by `shift` seconds.
async fn event_in(s: &dyn Store, region: &str, shift: i64) -> Event {
    let ev = event(s, None, false).await;
    let d = EventInput {
        kind: "seminar".into(),
        title: format!("{region}研討會"),
        region: region.into(),
        starts_at: ev.starts_at + shift,
        ends_at: ev.ends_at + shift,
        registration_open: true,
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    s.update_event(&Actor::cli(), ev.id, &d).await.unwrap()
}

fn ids(r: &YearReport) -> Vec<i64> {
    r.events.iter().map(|e| e.id).collect()
}

async fn report(s: &dyn Store, year: i32, side: Option<&Side>, now: i64) -> YearReport {
    let rows = s.report_rows(year, side).await.unwrap();
    YearReport::compose(year, side, now, rows)
}

/// Each side's report holds the events in its region or hosted by its organisations, the
/// memberships it awarded, the meetings at its events and the agreements signed in the
/// year; the alliance's holds them all.
async fn sides_and_years(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let side = |code: &'static str, region| {
        let s = store.clone();
        async move {
            s.create_side(&Actor::cli(), code, code, "zh-Hant", None, None, region)
                .await
                .unwrap()
        }
    };
    let (sz, hk, mo) = (
        side("sz", Region::Shenzhen).await,
        side("hk", Region::HongKong).await,
        side("mo", Region::Macao).await,
    );

    // In Shenzhen, 9 December 2024: three participants, one meeting held, one checked in.
    let (shenzhen, regs, ab) = one_meeting_held(s, "report").await;
    s.check_in(shenzhen.id, regs[0], NOON).await.unwrap();
    s.record_outcome(ab.id, regs[0], MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    let signed = PipelineMove {
        stage: PipelineStage::Signed,
        agreement_type: Some(AgreementType::JointRd),
        note: String::new(),
    };
    s.move_cooperation(ab.id, CooperationBy::Side(regs[1]), 1, &signed, NOON + 3600)
        .await
        .unwrap();
    // In Hong Kong the day before, hosted by a Macao society; one registrant cancels.
    let macao = org(s, "澳門科技協會", "macao").await;
    let hong_kong = event_in(s, "hong_kong", -86_400).await;
    s.add_event_role(&me, hong_kong.id, macao.id, EventRole::Host, 0)
        .await
        .unwrap();
    let mut guest = person(7);
    guest.region = Some(Region::Macao.code().into());
    s.register(
        hong_kong.id,
        &guest,
        Channel::Public,
        "rep-g",
        "zh-Hant",
        NOON,
    )
    .await
    .unwrap();
    let gone = s
        .register(
            hong_kong.id,
            &person(8),
            Channel::Public,
            "rep-c",
            "zh-Hant",
            NOON,
        )
        .await
        .unwrap();
    s.cancel_registration(None, gone.id, NOON).await.unwrap();
    // In Macao a year later.
    let later = event_in(s, "macao", YEAR).await;

    let designation = s
        .create_designation(
            &me,
            &DesignationInput {
                code: "member_unit".into(),
                name: "成員單位".into(),
                name_script: None,
                name_en: None,
            }
            .validate(Script::Hant)
            .unwrap(),
        )
        .await
        .unwrap();
    let shenzhen_org = org(s, "深圳市科技協會", "shenzhen").await;
    for (org_id, side_id) in [(macao.id, None), (shenzhen_org.id, Some(hk.id))] {
        let d = MembershipInput {
            org_id,
            designation_id: designation.id,
            year: 2024,
            ceremony_date: None,
            side_id,
            note: None,
        }
        .validate()
        .unwrap();
        s.create_membership(&me, &d).await.unwrap();
    }

    let all = report(s, 2024, None, NOON + YEAR).await;
    assert_eq!(ids(&all), vec![hong_kong.id, shenzhen.id]);
    assert_eq!((all.events_held, all.events_planned), (2, 0));
    assert_eq!(all.events_by_month[11], 2);
    assert_eq!((all.registered, all.attended), (4, 1));
    let macao_tally = all
        .by_region
        .iter()
        .find(|t| t.code.as_deref() == Some("macao"));
    assert_eq!(macao_tally.map(|t| t.registered), Some(1));
    assert_eq!(
        all.meetings,
        MeetingCounts {
            requested: 1,
            accepted: 1,
            scheduled: 1,
            held: 1
        }
    );
    assert_eq!(all.agreements, 1);
    assert_eq!(all.agreements_after_meetings, 1);
    assert_eq!(all.agreements_by_type[0].code.as_deref(), Some("joint_rd"));
    assert_eq!(all.memberships.len(), 2);
    assert_eq!(all.memberships_by_designation[0].count, 2);

    // Before the events, they are planned, not held.
    let early = report(s, 2024, None, NOON - 2 * 86_400).await;
    assert_eq!((early.events_held, early.events_planned), (0, 2));

    let by_sz = report(s, 2024, Some(&sz), NOON + YEAR).await;
    assert_eq!(ids(&by_sz), vec![shenzhen.id]);
    assert_eq!(
        (by_sz.registered, by_sz.agreements, by_sz.meetings.held),
        (3, 1, 1)
    );
    // The Shenzhen society's membership was awarded by the Hong Kong side.
    assert!(by_sz.memberships.is_empty());

    let by_mo = report(s, 2024, Some(&mo), NOON + YEAR).await;
    assert_eq!(ids(&by_mo), vec![hong_kong.id], "hosted by a Macao society");
    assert_eq!(
        (by_mo.registered, by_mo.agreements, by_mo.meetings.requested),
        (1, 0, 0)
    );
    assert_eq!(by_mo.memberships.len(), 1);
    assert_eq!(by_mo.memberships[0].org_id, macao.id);

    let by_hk = report(s, 2024, Some(&hk), NOON + YEAR).await;
    assert_eq!(ids(&by_hk), vec![hong_kong.id]);
    assert_eq!(by_hk.memberships.len(), 1);
    assert_eq!(by_hk.memberships[0].org_id, shenzhen_org.id);

    // The next year: the Macao event, and no agreement (it was signed in 2024).
    let next = report(s, 2025, None, NOON + 2 * YEAR).await;
    assert_eq!(ids(&next), vec![later.id]);
    assert_eq!(
        (next.agreements, next.registered, next.memberships.len()),
        (0, 0, 0)
    );
    let by_mo = report(s, 2025, Some(&mo), NOON + 2 * YEAR).await;
    assert_eq!(ids(&by_mo), vec![later.id]);

    // A signing taken back is no agreement.
    let version = s.cooperations(shenzhen.id).await.unwrap()[0].version;
    s.take_back_cooperation(
        ab.id,
        CooperationBy::Side(regs[0]),
        version,
        &PipelineBack {
            note: "誤按".into(),
        },
        NOON + 7200,
    )
    .await
    .unwrap();
    assert_eq!(report(s, 2024, None, NOON + YEAR).await.agreements, 0);
}

#[tokio::test]
async fn sides_and_years_on_sqlite() {
    let db = TestDb::sqlite();
    sides_and_years(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn sides_and_years_on_postgres() {
    let db = TestDb::postgres().await;
    sides_and_years(db.open().await).await;
}
