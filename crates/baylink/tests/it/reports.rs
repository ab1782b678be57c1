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

    // Publications: one of the Hong Kong event, one naming the Shenzhen society, a draft.
    let publish = |title: &str, event_id, org_ids: Vec<i64>, draft| {
        PublicationInput {
            kind: "whitepaper".into(),
            title: title.into(),
            published_on: "2024-12-10".into(),
            event_id,
            org_ids,
            draft,
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap()
    };
    let at_hk = s
        .create_publication(&me, &publish("會後報告", Some(hong_kong.id), vec![], false))
        .await
        .unwrap();
    let by_sz = s
        .create_publication(
            &me,
            &publish("深圳白皮書", None, vec![shenzhen_org.id], false),
        )
        .await
        .unwrap();
    s.create_publication(&me, &publish("草稿", Some(shenzhen.id), vec![], true))
        .await
        .unwrap();
    let titles = |r: &YearReport| r.publications.iter().map(|p| p.id).collect::<Vec<_>>();

    let all = report(s, 2024, None, NOON + YEAR).await;
    assert_eq!(
        titles(&all),
        vec![by_sz.id, at_hk.id],
        "newest first, no draft"
    );
    assert_eq!(all.publications_by_kind[0].count, 2);
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

    let by_sz_report = report(s, 2024, Some(&sz), NOON + YEAR).await;
    assert_eq!(titles(&by_sz_report), vec![by_sz.id], "naming its society");
    let by_sz = by_sz_report;
    assert_eq!(ids(&by_sz), vec![shenzhen.id]);
    assert_eq!(
        (by_sz.registered, by_sz.agreements, by_sz.meetings.held),
        (3, 1, 1)
    );
    // The Shenzhen society's membership was awarded by the Hong Kong side.
    assert!(by_sz.memberships.is_empty());

    let by_mo = report(s, 2024, Some(&mo), NOON + YEAR).await;
    assert_eq!(ids(&by_mo), vec![hong_kong.id], "hosted by a Macao society");
    let rows = s.report_rows(2024, Some(&mo)).await.unwrap();
    let with_mo = report(s, 2024, None, NOON + YEAR)
        .await
        .with_side(&mo, rows);
    assert_eq!(with_mo.sides[0].code, "mo");
    assert_eq!(with_mo.sides[0].figures, by_mo.figures());
    assert_eq!(titles(&by_mo), vec![at_hk.id], "of its event");
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
    // Beside the year before's figures.
    let before = s.report_rows(2024, None).await.unwrap();
    let next = next.with_previous(None, before);
    let p = next.previous.clone().unwrap();
    assert_eq!(
        (p.events_held, p.registered, p.publications, p.agreements),
        (2, 4, 2, 1)
    );
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

/// The number a page shows in the element with `id`'s first `<strong>`.
fn figure(page: &str, id: &str) -> i64 {
    let at = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id}"));
    let rest = &page[at..];
    let from = rest.find("<strong>").unwrap() + "<strong>".len();
    rest[from..]
        .split('<')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Staff read a side's year on the page, in each script, with its charts; the figures are
/// the API's, and each event's registrations are those its seats count. Others may not.
#[tokio::test]
async fn staff_read_a_sides_year_and_others_may_not() {
    let mut app = crate::kit::demo_app().await;
    let (status, _) = app.page("/en/reports/2024").await;
    assert_eq!(status, reqwest::StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .api(reqwest::Method::GET, "/api/v1/reports/2024", None)
        .await;
    assert_eq!(status, reqwest::StatusCode::UNAUTHORIZED);
    for who in [crate::kit::REP, crate::kit::PARTICIPANT] {
        app.client = crate::kit::client();
        app.sign_in(who).await;
        let (status, page) = app.page("/en/reports/2024").await;
        assert_eq!(status, reqwest::StatusCode::FORBIDDEN, "{who}");
        let (_, home) = app.page("/en/").await;
        assert!(!home.contains("href=\"/en/reports\""), "{who} sees no link");
        assert!(!page.contains("report-figures"));
        let status = app.get("/en/reports/2024/report.csv").await.status();
        assert_eq!(status, reqwest::StatusCode::FORBIDDEN, "{who}");
    }

    // The Hong Kong secretariat lands on its own side's report for this year.
    app.client = crate::kit::client();
    app.sign_in(crate::kit::SECRETARIAT).await;
    let (_, home) = app.page("/en/").await;
    assert!(home.contains("href=\"/en/reports\""));
    let r = app.client.get(app.url("/en/reports")).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let this_year = crate::kit::next_year() - 1;
    assert_eq!(
        r.headers()["location"],
        format!("/en/reports/{this_year}?side=hk").as_str()
    );
    let (status, _) = app.page(&format!("/en/reports/{this_year}?side=hk")).await;
    assert_eq!(status, reqwest::StatusCode::OK);

    let (status, api) = app
        .api(reqwest::Method::GET, "/api/v1/reports/2024?side=hk", None)
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(api["side"], "hk");
    let registered = api["registered"].as_i64().unwrap();
    assert!(registered > 0 && api["meetings"]["held"].as_i64().unwrap() > 0);
    // Each event's confirmed registrations, as its seats count them.
    let mut seats = 0;
    for e in api["events"].as_array().unwrap() {
        let ev = app
            .store
            .get_event(e["id"].as_i64().unwrap())
            .await
            .unwrap();
        assert_eq!(
            ev.confirmed_count,
            e["registered"].as_i64().unwrap(),
            "{}",
            ev.title
        );
        seats += ev.confirmed_count;
    }
    assert_eq!(seats, registered);

    for (lang, title) in [
        ("zh-Hant", "2024年度工作報告"),
        ("zh-Hans", "2024年度工作报告"),
        ("en", "work report 2024"),
    ] {
        let (status, page) = app.page(&format!("/{lang}/reports/2024?side=hk")).await;
        assert_eq!(status, reqwest::StatusCode::OK, "{lang}");
        assert!(page.contains(title), "{lang}");
        assert_eq!(figure(&page, "fig-registered"), registered, "{lang}");
        assert_eq!(
            figure(&page, "fig-events"),
            api["events_held"].as_i64().unwrap()
        );
        // The charts are drawn, with the numbers beside the bars.
        for chart in [
            "chart-months",
            "chart-regions",
            "chart-types",
            "chart-meetings",
        ] {
            let at = page
                .find(&format!("id=\"{chart}\""))
                .unwrap_or_else(|| panic!("{chart}"));
            assert!(page[at..].contains("<rect"), "{chart}");
        }
    }
    let (_, page) = app.page("/zh-Hant/reports/2024?side=hk").await;
    assert!(
        page.contains("港方") || page.contains("香港"),
        "the side is named"
    );
    // The year before beside each figure, and the conference's publications.
    let before = api["previous"]["registered"].as_i64().unwrap();
    assert!(page.contains(&format!("2023年：{before}")), "{page}");
    assert_eq!(figure(&page, "fig-publications"), 3);
    assert!(page.contains("《互聯網智慧白皮書》"));
    // The feedback given after the conference: its count and average, as the API says.
    let count = api["feedback_count"].as_i64().unwrap();
    let average = api["feedback_average"].as_f64().unwrap();
    assert!(
        count > 0 && (1.0..=5.0).contains(&average),
        "{count} {average}"
    );
    let at = page
        .find("id=\"fig-feedback\"")
        .expect("the feedback figure");
    assert!(
        page[at..].contains(&format!("<strong>{average:.1}</strong>"))
            && page[at..].contains(&format!("{count} 份回覆")),
        "{}",
        &page[at..at + 300]
    );
    let csv = app
        .get("/zh-Hant/reports/2024/report.csv?side=hk")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains(&format!("活動回饋，平均 {average:.1} 分,{count}")),
        "{csv}"
    );

    // The whole alliance holds at least the side's events.
    let (_, all) = app
        .api(reqwest::Method::GET, "/api/v1/reports/2024", None)
        .await;
    assert!(all["events"].as_array().unwrap().len() >= api["events"].as_array().unwrap().len());
    assert!(all["side"].is_null());
    // It sets each side's figures beside one another; a side's own report does not.
    let sides = all["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 3);
    let hk = sides.iter().find(|x| x["code"] == "hk").unwrap();
    assert_eq!(hk["figures"]["registered"], api["registered"]);
    assert_eq!(hk["figures"]["events_held"], api["events_held"]);
    assert!(api["sides"].as_array().unwrap().is_empty());
    let (_, page) = app.page("/en/reports/2024").await;
    assert!(page.contains("id=\"report-sides\"") && page.contains("/en/reports/2024?side=hk"));

    // Bad requests: a side that does not exist, a year out of range.
    let (status, page) = app.page("/zh-Hant/reports/2024?side=xx").await;
    assert_eq!(status, reqwest::StatusCode::BAD_REQUEST);
    assert!(page.contains("查詢"), "a localised message: {page}");
    for year in ["1999", "2101", "abc"] {
        let (status, _) = app.page(&format!("/en/reports/{year}")).await;
        assert_eq!(status, reqwest::StatusCode::NOT_FOUND, "{year}");
    }

    // The spreadsheet: CSV with a BOM in the page's language, and a workbook.
    let r = app.get("/zh-Hant/reports/2024/report.csv?side=hk").await;
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.starts_with("\u{feff}部分,項目,數目,已簽到"), "{csv}");
    let line = format!("摘要,已報名,{registered},{}", api["attended"]);
    assert!(csv.contains(&line), "{line} in {csv}");
    let r = app.get("/en/reports/2024/report.xlsx?side=hk").await;
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    let (head, rows) = baylink_web::sheets::read_table("xlsx", bytes.to_vec()).unwrap();
    assert_eq!(head[0], "Section");
    assert!(
        rows.iter()
            .any(|r| r[1] == "Registered" && r[2] == registered.to_string())
    );

    // The command line counts the same.
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_baylink"))
            .arg("report")
            .args(args)
            .env("BAYLINK_DATABASE_URL", &app.db.url)
            .env("LANG", "zh_HK.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .expect("running baylink")
    };
    let out = cli(&["--year", "2024", "--side", "hk", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["registered"], api["registered"]);
    assert_eq!(json["events"], api["events"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.csv");
    let out = cli(&["--year", "2024", "--side", "hk", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);
    // Bad input: a clear message in the operator's language, exit status 1.
    let out = cli(&["--year", "2024", "--side", "xx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("沒有此方面"));
    let out = cli(&["--year", "1024"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2000"));
}
