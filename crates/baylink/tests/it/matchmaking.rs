//! Matchmaking over HTTP: the organiser turns it on and adds slots and tables; participants
//! (through their registration links) request, accept and mark when they are away; the
//! organiser schedules and publishes; each participant reads an agenda that keeps the rules,
//! and records an outcome. Bad input gets a localised message and changes nothing.

use reqwest::StatusCode;

use crate::events::open_event;
use crate::kit::{self, SECRETARIAT, TestApp};

/// Registers someone and returns their personal page's path (`/zh-Hant/registrations/…`).
pub async fn register(app: &TestApp, event: i64, name: &str, email: &str) -> String {
    let r = kit::client()
        .post(app.url(&format!("/zh-Hant/events/{event}/register")))
        .form(&[
            ("name", name),
            ("email", email),
            ("region", "hong_kong"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    r.headers()["location"].to_str().unwrap().to_owned()
}

/// A participant's form, sent without the organiser's session (participants act through
/// their registration link).
async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    kit::client()
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// Every mail due in the outbox, written as the sender would write it now (`None` when
/// there is nothing left to announce), and marked sent.
pub(crate) async fn drain_mail(
    app: &TestApp,
) -> Vec<(String, Option<baylink_web::mail::Composed>)> {
    drain_mail_at(app, baylink_store::sql::now() + 1).await
}

/// [`drain_mail`] as if it were `now`.
async fn drain_mail_at(
    app: &TestApp,
    now: i64,
) -> Vec<(String, Option<baylink_web::mail::Composed>)> {
    let mut out = Vec::new();
    while let Some(m) = app.store.claim_mail(now, now + 600).await.unwrap() {
        let mail = match baylink_web::mail::compose(app.store.as_ref(), &m, "https://baylink.test")
            .await
        {
            Ok(mail) => Some(mail),
            Err(baylink_store::StoreError::NotFound) => None,
            Err(e) => panic!("composing {}: {e}", m.kind),
        };
        out.push((m.kind.clone(), mail));
        app.store.mark_mail_sent(m.id, now).await.unwrap();
    }
    out
}

/// The organiser gives `event` two 20-minute meeting slots, 2030-01-15 10:00 and 10:20,
/// and one table, "A".
async fn two_slots_and_a_table(staff: &TestApp, event: i64) {
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let r = staff
        .post_form(
            &format!("{base}/slots"),
            &[
                ("date", "2030-01-15"),
                ("start_time", "10:00"),
                ("end_time", "10:40"),
                ("length", "20"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = staff
        .post_form(&format!("{base}/tables"), &[("label", "A"), ("count", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// `who` (a registration's path) accepts the first request waiting for their answer, with
/// priority 2 and no slot of their own choosing.
async fn accept_first(app: &TestApp, who: &str) {
    let (_, page) = public_page(app, &format!("{who}/matchmaking")).await;
    let rid = first_request_id(&page[page.find("id=\"mm-incoming\"").unwrap()..]);
    let r = post(
        app,
        &format!("{who}/matchmaking/requests/{rid}/decide"),
        &[("accept", "1"), ("priority", "2")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// The mails of `kind` among all the mail due now, each of which must be written (`what`
/// says what it announces).
pub(crate) async fn announced(
    app: &TestApp,
    kind: &str,
    what: &str,
) -> Vec<baylink_web::mail::Composed> {
    drain_mail(app)
        .await
        .into_iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, m)| m.unwrap_or_else(|| panic!("{what}")))
        .collect()
}

/// The addresses the mails of `kind` went to, of all the mail due now, in order.
async fn mailed_to(app: &TestApp, kind: &str) -> Vec<String> {
    let mut to: Vec<String> = drain_mail(app)
        .await
        .into_iter()
        .filter(|(k, _)| k == kind)
        .filter_map(|(_, m)| m.map(|m| m.to))
        .collect();
    to.sort();
    to
}

/// `from` (a registration's path) asks the participant named `name` for a meeting, with
/// priority 2, picking them in the request form of `from`'s page.
async fn ask_by_name(app: &TestApp, from: &str, name: &str) {
    let (_, page) = public_page(app, &format!("{from}/matchmaking")).await;
    let r = post(
        app,
        &format!("{from}/matchmaking/request"),
        &[("to_reg", &option_for(&page, name)), ("priority", "2")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// The id of the first request a participant's page links to from `page` on.
fn first_request_id(page: &str) -> String {
    page.split("matchmaking/requests/")
        .nth(1)
        .expect("a request's link")
        .split('/')
        .next()
        .unwrap()
        .to_owned()
}

/// The demo with the organiser signed in and matchmaking turned on for an open event:
/// 20-minute meetings, five open requests each, and the `more` settings given.
async fn matchmaking_on(more: &[(&str, &str)]) -> (TestApp, i64) {
    let mut staff = kit::demo_app().await;
    let event = open_event(&staff).await;
    staff.sign_in(SECRETARIAT).await;
    let mut fields = vec![("meeting_minutes", "20"), ("max_requests", "5")];
    fields.extend_from_slice(more);
    let r = staff
        .post_form(
            &format!("/zh-Hant/events/{event}/matchmaking/settings"),
            &fields,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    (staff, event)
}

/// The copy of everything held about the registration behind `path` (its page's path),
/// as its holder downloads it.
async fn own_data(app: &TestApp, path: &str) -> serde_json::Value {
    let token = path.rsplit('/').next().unwrap();
    kit::client()
        .get(app.url(&format!("/api/v1/registrations/{token}/data")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// 陳大文 and 李小明 (addresses made from `tag`) registered, the one asked and the other
/// accepted, and their meeting placed by the organiser at table A1 an hour ago, in a
/// published schedule: their pages' paths and the meeting.
async fn met_an_hour_ago(
    staff: &TestApp,
    event: i64,
    tag: &str,
) -> (String, String, baylink_store::MeetingRequest) {
    let a = register(staff, event, "陳大文", &format!("{tag}-a@example.hk")).await;
    let b = register(staff, event, "李小明", &format!("{tag}-b@example.cn")).await;
    ask_by_name(staff, &a, "李小明").await;
    accept_first(staff, &b).await;
    let me = baylink_store::Actor::cli();
    let now = baylink_store::sql::now();
    let slot = staff
        .store
        .add_meeting_slot(&me, event, now - 3600, now - 2400)
        .await
        .unwrap();
    let table = staff
        .store
        .add_meeting_table(&me, event, "A1", None)
        .await
        .unwrap();
    let request = staff.store.meeting_requests(event).await.unwrap()[0].clone();
    let version = staff
        .store
        .matchmaking(event)
        .await
        .unwrap()
        .unwrap()
        .version;
    staff
        .store
        .save_schedule(
            &me,
            event,
            version,
            &[(request.id, Some((slot.id, table.id)))],
        )
        .await
        .unwrap();
    staff
        .store
        .publish_schedule(&me, event, now - 7200)
        .await
        .unwrap();
    (a, b, request)
}

/// A participant's page, read without the organiser's session.
async fn public_page(app: &TestApp, path: &str) -> (StatusCode, String) {
    let r = kit::client().get(app.url(path)).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// The registration id behind a registration's page: the value of the option that names it
/// in another participant's request form.
fn option_for(page: &str, name: &str) -> String {
    let page = &page[page.find("name=\"to_reg\"").expect("the request form")..];
    let at = page
        .find(name)
        .unwrap_or_else(|| panic!("{name} is offered"));
    let before = &page[..at];
    let value = before.rfind("value=\"").unwrap() + 7;
    before[value..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn request_accept_schedule_publish_and_read_the_agenda() {
    let mut staff = kit::demo_app().await;
    let event = open_event(&staff).await;
    staff.sign_in(SECRETARIAT).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let r = staff
        .post_form(
            &format!("{base}/settings"),
            &[("meeting_minutes", "3"), ("max_requests", "5")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Shown on the organiser's page itself, above its forms.
    let page = r.text().await.unwrap();
    let problems = &page[page.find("id=\"mm-problems\"").expect("the problems box")..];
    assert!(problems.contains("每場會談須為 5 至 240 分鐘"));
    assert!(page.contains("id=\"mm-settings\""));
    let r = staff
        .post_form(
            &format!("{base}/settings"),
            &[("meeting_minutes", "20"), ("max_requests", "5")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for (start, end) in [("10:00", "10:20"), ("10:20", "10:40"), ("10:40", "11:00")] {
        let r = staff
            .post_form(
                &format!("{base}/slots"),
                &[
                    ("date", "2030-01-15"),
                    ("start_time", start),
                    ("end_time", end),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = staff
        .post_form(
            &format!("{base}/slots"),
            &[
                ("date", "2030-01-15"),
                ("start_time", "10:10"),
                ("end_time", "10:30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "overlapping slot refused");
    assert!(r.text().await.unwrap().contains("id=\"mm-problems\""));
    for label in ["A1", "A2"] {
        staff
            .post_form(&format!("{base}/tables"), &[("label", label)])
            .await;
    }

    let a = register(&staff, event, "陳大文", "mm-a@example.hk").await;
    let b = register(&staff, event, "李小明", "mm-b@example.cn").await;
    let c = register(&staff, event, "Maria Santos", "mm-c@example.mo").await;
    let (status, page_a) = public_page(&staff, &a).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page_a.contains("open-matchmaking"),
        "the registration page links to matchmaking"
    );
    let (_, mm_a) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let to_b = option_for(&mm_a, "李小明");
    let to_c = option_for(&mm_a, "Maria Santos");

    // Before anyone asks, the organiser invites those with no meeting yet to book one,
    // in their language, with the link to their page.
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("邀請 3 位尚未有會談的參加者預約會談"));
    let r = staff.post_form(&format!("{base}/nudge"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let nudges: Vec<_> = announced(
        &staff,
        "mm_nudge",
        "an invitation to someone with no meeting",
    )
    .await;
    assert_eq!(nudges.len(), 3);
    let to_a = nudges
        .iter()
        .find(|m| m.to == "mm-a@example.hk")
        .expect("A is invited");
    assert!(to_a.subject.starts_with("預約您在"), "{}", to_a.subject);
    assert!(
        to_a.body
            .contains(&format!("https://baylink.test{a}/matchmaking"))
    );
    // Pressed again the same day: nobody is invited twice, and the button is gone.
    let r = staff.post_form(&format!("{base}/nudge"), &[]).await;
    let (_, admin) = staff.page(r.headers()["location"].to_str().unwrap()).await;
    assert!(admin.contains("已排隊 0 封郵件"));
    assert!(!admin.contains("id=\"mm-nudge\""));

    // A asks B and C; asking B twice is refused with a localised message.
    for to in [&to_b, &to_c] {
        let r = post(
            &staff,
            &format!("{a}/matchmaking/request"),
            &[("to_reg", to), ("priority", "3"), ("message", "想談6G合作")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let r = post(
        &staff,
        &format!("{a}/matchmaking/request"),
        &[("to_reg", &to_b), ("priority", "2")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("已有會談申請"));
    // C asks B, found in the page's list of participants.
    let (_, mm_c) = public_page(&staff, &format!("{c}/matchmaking")).await;
    let listed = &mm_c[mm_c
        .find("id=\"mm-participants\"")
        .expect("the participants")..];
    assert!(listed.contains("李小明") && listed.contains("mm-pick"));
    let r = post(
        &staff,
        &format!("{c}/matchmaking/request"),
        &[
            ("to_reg", &option_for(&mm_c, "李小明")),
            ("priority", "1"),
            ("session", "morning"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // The side asked hears of each request by mail, in their language, with the message.
    let mails = drain_mail(&staff).await;
    let asked: Vec<_> = mails
        .iter()
        .filter(|(kind, _)| kind == "mm_request")
        .map(|(_, m)| m.clone().expect("a waiting request is announced"))
        .collect();
    assert_eq!(asked.len(), 3, "{mails:?}");
    assert!(!mails.iter().any(|(kind, _)| kind == "mm_nudge"));
    let to_b_from_a = asked
        .iter()
        .find(|m| m.to == "mm-b@example.cn" && m.subject.starts_with("陳大文"))
        .expect("B hears of A's request");
    assert!(to_b_from_a.subject.contains("希望在") && to_b_from_a.subject.contains("與您會談"));
    assert!(
        to_b_from_a.body.contains("「想談6G合作」"),
        "{}",
        to_b_from_a.body
    );
    assert!(
        to_b_from_a
            .body
            .contains(&format!("https://baylink.test{b}/matchmaking"))
    );
    assert!(asked.iter().any(|m| m.to == "mm-c@example.mo"));

    // The organiser reminds those with requests waiting (B and C); each reminder lists
    // the requests still waiting when it is written.
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("提醒 2 位尚有待回覆申請的參加者"));
    let r = staff.post_form(&format!("{base}/remind"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = staff.page(r.headers()["location"].to_str().unwrap()).await;
    assert!(
        admin.contains("已排隊 2 封郵件"),
        "the organiser sees how many went"
    );
    let reminders: Vec<_> =
        announced(&staff, "mm_reminder", "a reminder with requests waiting").await;
    assert_eq!(reminders.len(), 2);
    let to_b = reminders
        .iter()
        .find(|m| m.to == "mm-b@example.cn")
        .expect("B is reminded");
    assert!(to_b.subject.starts_with("有會談申請等待您回覆"));
    assert!(
        to_b.body.contains("· 陳大文\n· Maria Santos"),
        "{}",
        to_b.body
    );

    // B accepts both, C accepts A's; B is away in the first slot.
    let (_, mm_b) = public_page(&staff, &format!("{b}/matchmaking")).await;
    assert!(mm_b.contains("想談6G合作"));
    let decide_paths: Vec<String> = mm_b
        .split("matchmaking/requests/")
        .skip(1)
        .filter(|piece| {
            piece
                .split('/')
                .nth(1)
                .is_some_and(|p| p.starts_with("decide"))
        })
        .map(|piece| piece.split('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(decide_paths.len(), 2);
    // A priority that is not a number is refused, and the request stays pending.
    let r = post(
        &staff,
        &format!("{b}/matchmaking/requests/{}/decide", decide_paths[0]),
        &[("accept", "1"), ("priority", "high")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        staff
            .store
            .meeting_requests(event)
            .await
            .unwrap()
            .iter()
            .all(|r| r.status != baylink_store::RequestStatus::Accepted)
    );
    for rid in &decide_paths {
        let r = post(
            &staff,
            &format!("{b}/matchmaking/requests/{rid}/decide"),
            &[("accept", "1"), ("priority", "3")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    // Both sides' priorities and the half-day asked for are kept.
    let kept = staff.store.meeting_requests(event).await.unwrap();
    let morning = kept
        .iter()
        .find(|r| r.session == baylink_store::MeetingSession::Morning)
        .expect("C's request asks for the morning");
    assert_eq!(
        (morning.priority, morning.to_priority, morning.weight()),
        (1, Some(3), 4)
    );
    let (_, mm_c) = public_page(&staff, &format!("{c}/matchmaking")).await;
    let rid = first_request_id(&mm_c);
    post(
        &staff,
        &format!("{c}/matchmaking/requests/{rid}/decide"),
        &[("accept", "1")],
    )
    .await;
    // The side asking hears of each answer: A twice, C once.
    let answers: Vec<_> = announced(&staff, "mm_answer", "an answer is announced").await;
    assert_eq!(answers.len(), 3);
    assert_eq!(
        answers.iter().filter(|m| m.to == "mm-a@example.hk").count(),
        2
    );
    assert!(
        answers
            .iter()
            .all(|m| m.subject.starts_with("會談已獲接受"))
    );
    let (_, mm_b) = public_page(&staff, &format!("{b}/matchmaking")).await;
    let first_slot = mm_b
        .split("name=\"away-")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    post(
        &staff,
        &format!("{b}/matchmaking/away"),
        &[(&format!("away-{first_slot}"), "1")],
    )
    .await;

    // Progress: staff only; nothing runs before "schedule".
    let (status, _) = public_page(&staff, &format!("{base}/progress")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, idle) = staff.page(&format!("{base}/progress")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(idle, r#"{"running":false}"#);
    // A schedule another node is computing: this node shows its progress and refuses a
    // second run until it ends.
    let now = baylink_store::sql::now();
    assert!(
        staff
            .store
            .begin_schedule_run(event, 12, now, now - 60)
            .await
            .unwrap()
    );
    let (_, elsewhere) = staff.page(&format!("{base}/progress")).await;
    assert!(
        elsewhere.contains(r#""running":true"#) && elsewhere.contains(r#""meetings":12"#),
        "{elsewhere}"
    );
    let r = staff.post_form(&format!("{base}/schedule"), &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    staff.store.end_schedule_run(event).await.unwrap();

    // Schedule and publish.
    let r = staff.post_form(&format!("{base}/schedule"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("日程已擬定"));
    // The organiser moves one meeting onto another's slot and table: the page shows both
    // conflicts; scheduling again (the move was not locked) clears them.
    let placed = staff.store.meeting_requests(event).await.unwrap();
    let accepted: Vec<_> = placed.iter().filter(|r| r.slot_id.is_some()).collect();
    let (first, second) = accepted
        .iter()
        .flat_map(|x| accepted.iter().map(move |y| (x, y)))
        .find(|(x, y)| x.id != y.id && [y.from_reg, y.to_reg].contains(&x.from_reg))
        .unwrap();
    let version = staff
        .store
        .matchmaking(event)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string();
    let (slot, table) = (
        second.slot_id.unwrap().to_string(),
        second.table_id.unwrap().to_string(),
    );
    let r = staff
        .post_form(
            &format!("{base}/meetings/{}", first.id),
            &[("slot", &slot), ("table", &table), ("version", &version)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = staff.page(&base).await;
    assert!(
        admin.contains("同一時段有兩場會談") && admin.contains("會談桌重複使用"),
        "conflicts shown"
    );
    // A move against an old version is refused.
    let r = staff
        .post_form(
            &format!("{base}/meetings/{}", first.id),
            &[("slot", &slot), ("table", &table), ("version", &version)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    staff.post_form(&format!("{base}/schedule"), &[]).await;
    let (_, admin) = staff.page(&base).await;
    assert!(
        !admin.contains("id=\"mm-conflicts\""),
        "scheduling again resolves them"
    );

    let (status, cards) = staff.page(&format!("{base}/cards")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        cards.matches("class=\"card table-card\"").count(),
        2,
        "a card per table"
    );
    assert!(cards.contains("陳大文"));
    // And a printed agenda per participant with a placed meeting, meetings in time order.
    let (status, printed) = staff.page(&format!("{base}/agendas")).await;
    assert_eq!(status, StatusCode::OK);
    let placed = staff.store.meeting_requests(event).await.unwrap();
    let with_meeting: std::collections::HashSet<i64> = placed
        .iter()
        .filter(|r| r.status == baylink_store::RequestStatus::Accepted && r.slot_id.is_some())
        .flat_map(|r| [r.from_reg, r.to_reg])
        .collect();
    let sheets: Vec<&str> = printed
        .split("class=\"card printed-agenda\"")
        .skip(1)
        .collect();
    assert_eq!(sheets.len(), with_meeting.len());
    for sheet in &sheets {
        let times: Vec<&str> = sheet
            .split("<tr><td>")
            .skip(1)
            .map(|row| row.split('<').next().unwrap())
            .collect();
        assert!(!times.is_empty());
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    }

    let r = staff.post_form(&format!("{base}/publish"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Publication queued each participant's agenda by mail, written in their language.
    let mut agendas = Vec::new();
    let now = baylink_store::sql::now() + 1;
    while let Some(m) = staff.store.claim_mail(now, now + 600).await.unwrap() {
        if m.kind == "agenda" {
            let mail = baylink_web::mail::compose(staff.store.as_ref(), &m, "https://baylink.test")
                .await
                .unwrap();
            agendas.push(mail);
        }
        staff.store.mark_mail_sent(m.id, now).await.unwrap();
    }
    assert_eq!(agendas.len(), 3, "one agenda mail per participant");
    let to_b = agendas.iter().find(|m| m.to == "mm-b@example.cn").unwrap();
    assert!(to_b.subject.contains("項目對接"), "{}", to_b.subject);
    assert_eq!(
        to_b.body.matches("桌號 A").count(),
        2,
        "two meetings, each with its table: {}",
        to_b.body
    );
    assert!(to_b.body.contains("陳大文") && to_b.body.contains("/matchmaking"));

    // Every agenda: three meetings in all, three slots, nobody twice in a slot, B not in
    // the first slot.
    let mut seen = Vec::new();
    for (who, path) in [("a", &a), ("b", &b), ("c", &c)] {
        let (_, page) = public_page(&staff, &format!("{path}/matchmaking")).await;
        assert!(page.contains("日程已公佈"));
        let agenda = page
            .split("id=\"mm-agenda\"")
            .nth(1)
            .unwrap()
            .split("</ol>")
            .next()
            .unwrap();
        let times: Vec<&str> = agenda
            .split("<strong>")
            .skip(1)
            .map(|x| x.split("</strong>").next().unwrap())
            .collect();
        assert_eq!(times.len(), 2, "{who} has two meetings");
        assert_ne!(times[0], times[1], "{who} is never in two places");
        if who == "b" {
            assert!(
                !times.iter().any(|t| t.contains("10:00")),
                "B is away at 10:00"
            );
        }
        seen.extend(times.into_iter().map(str::to_owned));
    }
    assert_eq!(seen.len(), 6);

    // The agenda as iCalendar, for a phone's calendar.
    let token = a.rsplit('/').next().unwrap();
    let r = kit::client()
        .get(staff.url(&format!("/en/registrations/{token}/agenda.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = r.text().await.unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("SUMMARY:Project matchmaking · ") && ics.contains("LOCATION:Table A"));

    // An outcome.
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let rid = first_request_id(&page[page.find("id=\"mm-agenda\"").unwrap()..]);
    let rid_with_outcome = rid.clone();
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/outcome"),
        &[
            ("outcome", "cooperation_possible"),
            ("comment", "对方的方案很有潜力，下月再谈"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(page.contains("有合作可能"));
    // The comment is kept as written and offered again for editing.
    assert!(page.contains(">对方的方案很有潜力，下月再谈</textarea>"));
    let too_long = "長".repeat(1001);
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/outcome"),
        &[("outcome", "not_held"), ("comment", too_long.as_str())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The organiser counts it among the schedule's outcomes.
    let (_, admin) = staff.page(&base).await;
    let outcomes = &admin[admin.find("id=\"mm-outcomes\"").expect("the outcomes")..];
    let outcomes = &outcomes[..outcomes.find("</table>").unwrap()];
    assert!(
        outcomes.contains("已編入日程的會談</th><td>3</td>"),
        "{outcomes}"
    );
    assert!(outcomes.contains("有合作可能</td><td>1</td>"), "{outcomes}");
    // The request figures agree with the store.
    let stats = &admin[admin.find("id=\"mm-stats\"").expect("the figures")..];
    let stats = &stats[..stats.find("</table>").unwrap()];
    let all = staff.store.meeting_requests(event).await.unwrap();
    let accepted: Vec<_> = all
        .iter()
        .filter(|r| r.status == baylink_store::RequestStatus::Accepted)
        .collect();
    let met: std::collections::HashSet<i64> = accepted
        .iter()
        .flat_map(|r| [r.from_reg, r.to_reg])
        .collect();
    assert!(
        stats.contains(&format!("已接受</td><td>{}</td>", accepted.len())),
        "{stats}"
    );
    assert!(
        stats.contains(&format!("參加者</th><td>{} / ", met.len())),
        "{stats}"
    );
    // And reads the comment, in their own script.
    let feedback = &admin[admin.find("id=\"mm-feedback\"").expect("the comments")..];
    assert!(
        feedback.contains("對方的方案很有潛力，下月再談"),
        "{feedback}"
    );

    // A request answered before its mail went out is not announced any more; the answer
    // is, as it stands when its mail is written.
    let d = register(&staff, event, "Dora Lee", "mm-d@example.hk").await;
    ask_by_name(&staff, &d, "陳大文").await;
    let (_, mm_a) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let incoming = &mm_a[mm_a.find("Dora Lee").expect("D's request")..];
    let rid = first_request_id(incoming);
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/decide"),
        &[("accept", "0")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = drain_mail(&staff).await;
    let about = |kind: &str| {
        mails
            .iter()
            .find(|(k, _)| k == kind)
            .unwrap_or_else(|| panic!("a {kind} mail in {mails:?}"))
            .1
            .clone()
    };
    assert_eq!(about("mm_request"), None);
    let declined = about("mm_answer").expect("the answer is announced");
    assert_eq!(declined.to, "mm-d@example.hk");
    assert!(
        declined.subject.starts_with("會談申請未獲接受：陳大文"),
        "{}",
        declined.subject
    );

    // A cancels from their agenda: the meeting with an outcome on record was held, offers
    // no cancel and refuses one; the other one is cancelled, leaves both agendas, and its
    // other side is told.
    let (_, mm_a) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let agenda = &mm_a[mm_a.find("id=\"mm-agenda\"").unwrap()..mm_a.find("</ol>").unwrap()];
    let cancels: Vec<String> = agenda
        .split("matchmaking/requests/")
        .skip(1)
        .filter(|piece| piece.split('"').next().unwrap().ends_with("/cancel"))
        .map(|piece| piece.split('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        cancels.len(),
        1,
        "a cancel button for the meeting not yet held"
    );
    assert_ne!(cancels[0], rid_with_outcome);
    assert!(agenda.contains("data-confirm=\"確定取消此會談"));
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid_with_outcome}/cancel"),
        &[],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("只可取消"));
    let other = &cancels[0];
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{other}/cancel"),
        &[],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mm_a) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let agenda = &mm_a[mm_a.find("id=\"mm-agenda\"").unwrap()..mm_a.find("</ol>").unwrap()];
    assert_eq!(agenda.matches("/cancel\"").count(), 0);
    assert!(agenda.contains(&format!("requests/{rid_with_outcome}/outcome")));
    assert!(!agenda.contains(&format!("requests/{other}/")));
    let told: Vec<_> = announced(&staff, "mm_cancelled", "the cancellation is announced").await;
    assert_eq!(told.len(), 1);
    assert!(
        told[0].subject.starts_with("會談已取消：陳大文"),
        "{}",
        told[0].subject
    );
    assert_ne!(told[0].to, "mm-a@example.hk");

    // The organiser cancels the last meeting not yet held (for a participant who phoned);
    // both sides are told, and the audit log keeps it. A held one cannot be cancelled.
    let requests = staff.store.meeting_requests(event).await.unwrap();
    let open: Vec<_> = requests
        .iter()
        .filter(|r| {
            r.status == baylink_store::RequestStatus::Accepted
                && r.outcome_from.is_none()
                && r.outcome_to.is_none()
        })
        .collect();
    assert_eq!(open.len(), 1);
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains(&format!("matchmaking/meetings/{}/cancel", open[0].id)));
    assert!(!admin.contains(&format!("matchmaking/meetings/{rid_with_outcome}/cancel")));
    let r = staff
        .post_form(&format!("{base}/meetings/{rid_with_outcome}/cancel"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("只可取消仍待回覆的申請"));
    let r = staff
        .post_form(&format!("{base}/meetings/{}/cancel", open[0].id), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let told: Vec<_> = announced(
        &staff,
        "mm_cancelled_by_organiser",
        "the cancellation is announced",
    )
    .await;
    assert_eq!(told.len(), 2, "both sides");
    assert!(
        told.iter()
            .all(|m| m.subject.starts_with("主辦方已取消會談"))
    );
    // D asks C, then withdraws the request from the list of sent ones: C is told it was
    // withdrawn, not that a meeting was cancelled.
    ask_by_name(&staff, &d, "Maria Santos").await;
    let (_, mm_d) = public_page(&staff, &format!("{d}/matchmaking")).await;
    let sent = &mm_d[mm_d.find("id=\"mm-sent\"").unwrap()..];
    let sent = &sent[..sent.find("</ul>").unwrap()];
    let pending = sent
        .split("<li>")
        .find(|li| li.contains("Maria Santos") && li.contains("/cancel"))
        .expect("the pending request offers a withdrawal");
    let r = post(
        &staff,
        &format!(
            "{d}/matchmaking/requests/{}/cancel",
            first_request_id(pending)
        ),
        &[],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let withdrawn: Vec<_> = announced(&staff, "mm_cancelled", "the withdrawal is announced").await;
    assert_eq!(withdrawn.len(), 1);
    assert_eq!(withdrawn[0].to, "mm-c@example.mo");
    assert!(
        withdrawn[0].subject.starts_with("會談申請已撤回：Dora Lee"),
        "{}",
        withdrawn[0].subject
    );
    let (_, log) = staff.page("/zh-Hant/audit").await;
    assert!(
        log.contains(&format!(
            "<td>取消</td><td><span title=\"meeting\">對接會面</span> #{}",
            open[0].id
        )),
        "the audit log names the cancellation"
    );

    // On the day, at 07:30 in Hong Kong, each participant queued at publication gets that
    // day's meetings as they stand then, once: the two sides of the meeting that was held;
    // the one whose meetings were all cancelled gets nothing.
    let morning = 1_894_663_800; // 2030-01-15 07:30 in Hong Kong
    let today = |mails: Vec<(String, Option<baylink_web::mail::Composed>)>| -> Vec<_> {
        mails
            .into_iter()
            .filter(|(kind, _)| kind == "mm_today")
            .map(|(_, m)| m)
            .collect()
    };
    assert!(today(drain_mail_at(&staff, morning - 1).await).is_empty());
    let mails = today(drain_mail_at(&staff, morning).await);
    assert_eq!(
        mails.len(),
        3,
        "one a day for each, however often the schedule changed"
    );
    let sent: Vec<_> = mails.into_iter().flatten().collect();
    assert_eq!(sent.len(), 2, "{sent:?}");
    for m in &sent {
        assert!(m.subject.starts_with("您今日在"), "{}", m.subject);
        assert_eq!(m.body.matches("桌號 A").count(), 1, "{}", m.body);
    }
}

/// The demo's 2024 conference, which holds its matchmaking session.
async fn demo_conference(app: &TestApp) -> baylink_store::Event {
    app.store
        .list_events(&baylink_store::EventFilter {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|e| e.title == "2024深港澳科技界交流年會")
        .unwrap()
}

#[tokio::test]
async fn the_demo_conference_has_a_published_matchmaking_schedule_that_keeps_the_rules() {
    use baylink_store::{MatchmakingStatus, RequestStatus};
    let mut app = kit::demo_app().await;
    // The demo's participants are synthetic: their requests and answers mail nobody.
    assert!(
        drain_mail(&app)
            .await
            .iter()
            .all(|(kind, _)| !kind.starts_with("mm_"))
    );
    let s = app.store.as_ref();
    let conference = demo_conference(&app).await;
    let mm = s.matchmaking(conference.id).await.unwrap().unwrap();
    assert_eq!(mm.status, MatchmakingStatus::Published);
    let requests = s.meeting_requests(conference.id).await.unwrap();
    let statuses: std::collections::HashSet<_> = requests.iter().map(|r| r.status).collect();
    for expected in [
        RequestStatus::Accepted,
        RequestStatus::Declined,
        RequestStatus::Expired,
    ] {
        assert!(
            statuses.contains(&expected),
            "the demo shows {expected:?} requests"
        );
    }
    let placed: Vec<_> = requests.iter().filter(|r| r.slot_id.is_some()).collect();
    let accepted = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .count();
    assert!(
        placed.len() * 10 >= accepted * 9,
        "{} of {accepted} placed",
        placed.len()
    );
    let away = s.unavailability(conference.id).await.unwrap();
    let mut busy = std::collections::HashSet::new();
    let tables = s.meeting_tables(conference.id).await.unwrap();
    for r in &placed {
        let (slot, table) = (r.slot_id.unwrap(), r.table_id.unwrap());
        assert!(
            busy.insert((slot, -table)),
            "a table is used twice in a slot"
        );
        for p in [r.from_reg, r.to_reg] {
            assert!(busy.insert((slot, p)), "a participant is in two places");
            assert!(!away.contains(&(p, slot)), "a participant is away then");
        }
        let t = tables.iter().find(|t| t.id == table).unwrap();
        if let Some(owner) = t.reserved_for {
            assert!(
                r.from_reg == owner || r.to_reg == owner,
                "the booth holds its owner's meetings"
            );
        }
    }
    // A participant's page shows their agenda.
    let regs = s
        .list_registrations(conference.id, None, None, 1000, 0)
        .await
        .unwrap()
        .items;
    let someone = regs
        .iter()
        .find(|r| placed.iter().any(|m| m.from_reg == r.id))
        .unwrap();
    let r = kit::client()
        .get(app.url(&format!(
            "/zh-Hans/registrations/{}/matchmaking",
            someone.manage_token
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("id=\"mm-agenda\""));
    // The organiser's page says why each accepted meeting without a slot has none: the
    // demo's slots are all in the afternoon, so a morning wish has no slot at all.
    let unplaced = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && r.slot_id.is_none())
        .count();
    assert!(unplaced > 0, "the demo is over-subscribed");
    app.sign_in(SECRETARIAT).await;
    let (status, page) = app
        .page(&format!("/en/events/{}/matchmaking", conference.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("class=\"muted mm-why\"").count(), unplaced);
    assert!(page.contains("The event has no meeting slot in the half-day it asks for"));
    // How far the meetings reach across the alliance's borders, as the store says.
    let region = |id: i64| regs.iter().find(|r| r.id == id).unwrap().region.clone();
    let across = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .filter(|r| region(r.from_reg) != region(r.to_reg))
        .count();
    assert!(across > 0, "the demo's meetings cross borders");
    assert!(
        page.contains(&format!("<td id=\"mm-across\">{across} / ")),
        "{}",
        &page[page.find("id=\"mm-stats\"").unwrap()..][..2000]
    );
    assert!(page.contains("Shenzhen – Hong Kong</td>"));
    // And how many join academia with industry (產學研), as the store says.
    let kind = |id: i64| {
        regs.iter()
            .find(|r| r.id == id)
            .unwrap()
            .org_type
            .clone()
            .unwrap_or_default()
    };
    let academic = |k: &str| k == "university" || k == "institute";
    let research = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .filter(|r| {
            let (a, b) = (kind(r.from_reg), kind(r.to_reg));
            (academic(&a) && b == "company") || (academic(&b) && a == "company")
        })
        .count();
    assert!(
        research > 0,
        "the demo's meetings join academia with industry"
    );
    assert!(
        page.contains(&format!("<td id=\"mm-research\">{research} / ")),
        "{}",
        &page[page.find("id=\"mm-stats\"").unwrap()..][..2500]
    );
    // And where the meetings led (閉環): every one a side said could lead to cooperation
    // is followed; two agreements, one since implemented, one pair that came to nothing.
    let possible = requests
        .iter()
        .filter(|r| {
            r.outcome_from.as_deref() == Some("cooperation_possible")
                || r.outcome_to.as_deref() == Some("cooperation_possible")
        })
        .count();
    assert!(possible > 3);
    let figures = &page[page
        .find("id=\"mm-coop-figures\"")
        .expect("the closed loop")..];
    let figures = &figures[..figures.find("</table>").unwrap()];
    for expected in [
        format!("In talks</th><td>{possible}</td>"),
        "Agreement signed</th><td>2</td>".to_owned(),
        "Implemented</th><td>1</td>".to_owned(),
        "Closed</th><td>1</td>".to_owned(),
    ] {
        assert!(figures.contains(&expected), "{expected}: {figures}");
    }
    // And which of the agreements join two regions, as the store says.
    let coops = app.store.cooperations(conference.id).await.unwrap();
    let signed_across = requests
        .iter()
        .filter(|r| {
            coops
                .iter()
                .any(|x| x.request_id == r.id && x.agreement_type.is_some())
        })
        .filter(|r| region(r.from_reg) != region(r.to_reg))
        .count();
    assert!(
        page.contains(&format!(
            "<span id=\"mm-coop-across\">{signed_across} / 2</span>"
        )),
        "{}",
        &page[page.find("id=\"mm-coop\"").unwrap()..][..1500]
    );
    // And each side of such a meeting reads it on their own page.
    let waiting = requests
        .iter()
        .find(|r| r.status == RequestStatus::Accepted && r.slot_id.is_none())
        .unwrap();
    for side in [waiting.from_reg, waiting.to_reg] {
        let token = &regs.iter().find(|r| r.id == side).unwrap().manage_token;
        let (status, page) = app
            .page(&format!("/zh-Hant/registrations/{token}/matchmaking"))
            .await;
        assert_eq!(status, StatusCode::OK);
        let list = &page[page.find("id=\"mm-unscheduled\"").expect("the list")..];
        assert!(list.contains("活動在其要求的上午或下午沒有會談時段"));
        // The agenda mail says it as well, after the meetings that have a slot.
        let message = baylink_store::OutboxMessage {
            id: 0,
            to_addr: String::new(),
            kind: "agenda".into(),
            registration_id: Some(side),
            invitation_id: None,
            meeting_request_id: None,
            interest_id: None,
            posting_id: None,
            alert_id: None,
            alert_since: None,
            posting_ids: None,
            locale: "en".into(),
            subject: None,
            body: None,
            secret: None,
            created_at: 0,
            attempts: 0,
            next_attempt_at: 0,
            sent_at: None,
            last_error: None,
        };
        let mail = baylink_web::mail::compose(app.store.as_ref(), &message, "https://baylink.test")
            .await
            .unwrap();
        let from = mail
            .body
            .find("Accepted, but not in the schedule")
            .expect(&mail.body);
        assert!(mail.body[from..].contains("(The event has no meeting slot in the half-day"));
    }
}

/// "Schedule" is carried out to the end even when the organiser's browser stops waiting (a
/// closed tab, a lost connection): the schedule is saved, not dropped with the request.
/// The test holds the database's write lock so that the run cannot end before the browser
/// gives up; the run waits for the lock (SQLite's busy timeout) and saves once it is free.
#[tokio::test]
async fn a_schedule_is_saved_when_the_organiser_stops_waiting() {
    use sqlx::Connection;
    let mut app = kit::demo_app().await;
    app.sign_in(SECRETARIAT).await;
    let conference = demo_conference(&app).await;
    let version = |app: &TestApp| {
        let store = app.store.clone();
        let id = conference.id;
        async move { store.matchmaking(id).await.unwrap().unwrap().version }
    };
    let before = version(&app).await;

    let mut lock = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut lock)
        .await
        .unwrap();
    let gave_up = app
        .client
        .post(app.url(&format!(
            "/zh-Hant/events/{}/matchmaking/schedule",
            conference.id
        )))
        .form(&[("_csrf", app.csrf.as_str())])
        .timeout(std::time::Duration::from_millis(500))
        .send()
        .await;
    assert!(
        gave_up.as_ref().is_err_and(|e| e.is_timeout()),
        "the browser gave up: {gave_up:?}"
    );
    // Long enough for the server to see the connection closed.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    sqlx::query("COMMIT").execute(&mut lock).await.unwrap();
    drop(lock);

    let mut after = before;
    for _ in 0..100 {
        after = version(&app).await;
        if after != before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        after > before,
        "the schedule was saved: version {before} → {after}"
    );
    // And the run is over: a second "schedule" is accepted.
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{}/matchmaking/schedule", conference.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// The organiser takes the meetings away as a spreadsheet (for the venue, the caterer, the
/// table hosts) and reads the whole matchmaking over JSON; neither is open to anyone else.
#[tokio::test]
async fn the_organiser_downloads_the_meetings_in_their_language() {
    use baylink_store::RequestStatus;
    let mut app = kit::demo_app().await;
    let conference = demo_conference(&app).await;
    let base = format!("/api/v1/events/{}/matchmaking", conference.id);
    for path in [
        base.clone(),
        format!("{base}/meetings.csv"),
        format!("{base}/meetings.xlsx"),
    ] {
        assert_eq!(
            app.get(&path).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    app.sign_in(SECRETARIAT).await;
    let s = app.store.as_ref();
    let requests = s.meeting_requests(conference.id).await.unwrap();
    let slots = s.meeting_slots(conference.id).await.unwrap();

    // JSON: every request, as stored, with the participants it names.
    let (status, view) = app.api(reqwest::Method::GET, &base, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["settings"]["status"], "published");
    assert_eq!(view["requests"].as_array().unwrap().len(), requests.len());
    assert_eq!(view["slots"].as_array().unwrap().len(), slots.len());
    let people = view["participants"].as_array().unwrap();
    for r in view["requests"].as_array().unwrap() {
        for side in ["from_reg", "to_reg"] {
            assert!(people.iter().any(|p| p["id"] == r[side]), "{side} of {r}");
        }
    }
    assert!(
        people.iter().all(|p| p.get("email").is_none()),
        "no contact details"
    );

    // CSV, in Traditional Chinese: a BOM for Excel, one row per request, the meetings of
    // the schedule first in the order of the day, names in the reader's script.
    let r = app.get(&format!("{base}/meetings.csv?lang=zh-Hant")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("event-{}-meetings.csv", conference.id))
    );
    let bytes = r.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let (head, rows) = baylink_web::sheets::read_table("csv", bytes).unwrap();
    assert_eq!(&head[..5], ["日期", "開始", "結束", "桌號", "申請人"]);
    assert_eq!(rows.len(), requests.len());
    let placed = requests.iter().filter(|r| r.slot_id.is_some()).count();
    assert!(placed > 0);
    let times: Vec<String> = rows[..placed]
        .iter()
        .map(|r| format!("{} {}", r[0], r[1]))
        .collect();
    assert!(times.iter().all(|t| t.len() > 1), "placed rows have a time");
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "in the order of the day"
    );
    assert!(
        rows[placed..]
            .iter()
            .all(|r| r[0].is_empty() && r[3].is_empty())
    );
    let accepted = rows.iter().filter(|r| r[8] == "已接受").count();
    assert_eq!(
        accepted,
        requests
            .iter()
            .filter(|r| r.status == RequestStatus::Accepted)
            .count()
    );
    let regs = s
        .list_registrations(conference.id, None, None, 1000, 0)
        .await
        .unwrap()
        .items;
    let written_simplified = regs
        .iter()
        .filter(|r| baylink_text::Script::parse(&r.name_script) == Some(baylink_text::Script::Hans))
        .find(|r| {
            requests.iter().any(|q| q.from_reg == r.id)
                && baylink_text::display(
                    &r.name,
                    baylink_text::Script::Hans,
                    baylink_text::Script::Hant,
                ) != r.name
        })
        .expect("a requester whose name was written in Simplified Chinese");
    let shown = baylink_text::display(
        &written_simplified.name,
        baylink_text::Script::Hans,
        baylink_text::Script::Hant,
    );
    assert!(rows.iter().any(|r| r[4] == shown), "{shown} in Traditional");
    assert!(!rows.iter().any(|r| r[4] == written_simplified.name));

    // The workbook, in English: the same rows.
    let r = app.get(&format!("{base}/meetings.xlsx?lang=en")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (head, book_rows) =
        baylink_web::sheets::read_table("xlsx", r.bytes().await.unwrap().to_vec()).unwrap();
    assert_eq!(head[3], "Table");
    assert_eq!(book_rows.len(), rows.len());
    assert!(book_rows.iter().any(|r| r[8] == "Accepted"));

    // The organiser's page links to both, in its own language.
    let (_, page) = app
        .page(&format!("/zh-Hans/events/{}/matchmaking", conference.id))
        .await;
    assert!(page.contains(&format!("{base}/meetings.csv?lang=zh-Hans")));
    assert!(page.contains("会谈清单下载"));
}

/// The organiser cuts a session into slots in one go (meeting length and pause) and adds
/// numbered tables in one go; impossible input is explained on the page and adds nothing;
/// a slot or table without a meeting can be removed.
#[tokio::test]
async fn the_organiser_cuts_a_session_into_slots_and_numbers_tables() {
    let (staff, event) = matchmaking_on(&[]).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let session = |from: &'static str, to: &'static str, length: &'static str| {
        [
            ("date", "2030-01-15"),
            ("start_time", from),
            ("end_time", to),
            ("length", length),
            ("pause", "5"),
        ]
    };
    // 09:00–10:00 in 20-minute meetings with 5-minute pauses: 09:00 and 09:25.
    let r = staff
        .post_form(&format!("{base}/slots"), &session("09:00", "10:00", "20"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let slots = staff.store.meeting_slots(event).await.unwrap();
    assert_eq!(slots.len(), 2);
    assert_eq!(slots[1].starts_at - slots[0].starts_at, 25 * 60);
    assert_eq!(slots[0].ends_at - slots[0].starts_at, 20 * 60);
    for (fields, message) in [
        (session("10:00", "11:00", "3"), "間隔為 0 至 240 分鐘"),
        (session("10:00", "10:10", "20"), "這段時間容不下一場會談"),
    ] {
        let r = staff.post_form(&format!("{base}/slots"), &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(message), "{message}");
    }
    // Overlapping the first session: refused whole, though its last slot would fit.
    let r = staff
        .post_form(&format!("{base}/slots"), &session("09:30", "11:00", "20"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(staff.store.meeting_slots(event).await.unwrap().len(), 2);

    // Three tables from "A1", then two without a name.
    for (label, count) in [("A1", "3"), ("", "2")] {
        let r = staff
            .post_form(
                &format!("{base}/tables"),
                &[("label", label), ("count", count)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let labels: Vec<String> = staff
        .store
        .meeting_tables(event)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.label)
        .collect();
    assert_eq!(labels, ["A1", "A2", "A3", "1", "2"]);
    let someone = register(&staff, event, "陳大文", "mm-tables@example.hk").await;
    let reg = staff
        .store
        .registration_by_token(someone.rsplit('/').next().unwrap())
        .await
        .unwrap();
    let r = staff
        .post_form(
            &format!("{base}/tables"),
            &[
                ("label", "展位"),
                ("count", "2"),
                ("reserved_for", &reg.id.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("專用會談桌須逐張新增"));
    assert_eq!(staff.store.meeting_tables(event).await.unwrap().len(), 5);

    // The page lists the slots and tables with a way to remove each, after a question.
    let (_, page) = staff.page(&base).await;
    assert!(page.contains("2 個時段"));
    let remove_slot = format!("/events/{event}/matchmaking/slots/{}/delete", slots[1].id);
    assert!(page.contains(&remove_slot));
    assert!(page.contains("data-confirm=\"確定移除此項"));
    let r = staff
        .post_form(&format!("/zh-Hant{remove_slot}"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        staff.store.meeting_slots(event).await.unwrap(),
        slots[..1].to_vec()
    );
}

/// A participant's page suggests whom to meet: participants of other organisations whose
/// offers and needs answer those of the participant's organisation (from the directory
/// and the market), each with that posting and why; every profile shows its
/// organisation's postings.
#[tokio::test]
async fn participants_are_suggested_whom_to_meet_from_their_organisations_postings() {
    use baylink_store::RegStatus;
    let app = kit::demo_app().await;
    let s = app.store.as_ref();
    let conference = demo_conference(&app).await;
    let regs = s
        .list_registrations(conference.id, None, Some(RegStatus::Confirmed), 10_000, 0)
        .await
        .unwrap()
        .items;
    let org_of = |r: &baylink_store::Registration| {
        let name = r.organisation.clone().unwrap();
        async move {
            s.find_organisation_by_name(&name)
                .await
                .unwrap()
                .expect("a demo participant's organisation is in the directory")
                .id
        }
    };
    let mut with_suggestions = 0;
    // Of which for an organisation with nothing posted, from what the directory says of it.
    let mut from_directory = 0;
    for r in regs.iter().take(21) {
        let (status, page) = app
            .page(&format!(
                "/zh-Hant/registrations/{}/matchmaking",
                r.manage_token
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("class=\"mm-posting\""),
            "profiles show postings"
        );
        let Some(at) = page.find("id=\"mm-suggested\"") else {
            continue;
        };
        with_suggestions += 1;
        let section = &page[at..];
        let section = &section[..section.find("</ul>").unwrap()];
        let mine = org_of(r).await;
        let live = s
            .list_postings(&baylink_store::market::PostingFilter {
                org_id: Some(mine),
                today: baylink_web::views::events::today(),
                limit: 1,
                ..Default::default()
            })
            .await
            .unwrap()
            .items;
        if live.is_empty() {
            from_directory += 1;
        }
        let mut cards = 0;
        let mut suggested_orgs = std::collections::HashSet::new();
        for card in section.split("<li class=\"card\">").skip(1) {
            let card = &card[..card.find("</li>").unwrap()];
            cards += 1;
            let posting: i64 = card
                .split("/postings/")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .and_then(|id| id.parse().ok())
                .expect("a posting link");
            let posting = s.get_posting(posting).await.unwrap();
            assert_ne!(posting.org_id, mine, "another organisation");
            assert!(suggested_orgs.insert(posting.org_id), "each once");
            // The people named are that organisation's participants.
            let people: Vec<i64> = card
                .split("data-id=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next()?.parse().ok())
                .collect();
            assert!((1..=3).contains(&people.len()));
            for who in people {
                let other = regs.iter().find(|x| x.id == who).expect("a participant");
                assert_ne!(other.id, r.id);
                assert_eq!(posting.org_id, org_of(other).await, "their own posting");
            }
        }
        assert!((1..=5).contains(&cards), "{cards} suggestions");
    }
    assert!(
        with_suggestions > from_directory && from_directory > 0,
        "the demo's participants get suggestions, from postings ({with_suggestions} in all) \
         or from the directory ({from_directory})"
    );
}

/// An invitation to book is written when it is sent: whoever has asked or been asked for
/// a meeting by then is not invited any more.
#[tokio::test]
async fn an_invitation_to_book_is_dropped_for_whoever_has_a_meeting_by_then() {
    let mut staff = kit::demo_app().await;
    let event = open_event(&staff).await;
    staff.sign_in(SECRETARIAT).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    staff
        .post_form(
            &format!("{base}/settings"),
            &[("meeting_minutes", "20"), ("max_requests", "5")],
        )
        .await;
    let a = register(&staff, event, "陳大文", "nudge-a@example.hk").await;
    register(&staff, event, "李小明", "nudge-b@example.cn").await;
    let c = register(&staff, event, "Maria Santos", "nudge-c@example.mo").await;
    drain_mail(&staff).await;
    let r = staff.post_form(&format!("{base}/nudge"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A asks B before the mails go out.
    ask_by_name(&staff, &a, "李小明").await;
    let nudges: Vec<_> = drain_mail(&staff)
        .await
        .into_iter()
        .filter(|(kind, _)| kind == "mm_nudge")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(nudges.len(), 3);
    let sent: Vec<_> = nudges.into_iter().flatten().collect();
    assert_eq!(sent.len(), 1, "only C is invited");
    assert!(sent[0].to == "nudge-c@example.mo");
    assert!(sent[0].body.contains(&format!("{c}/matchmaking")));
}

/// A participant whose organisation is not in the directory says what they offer and look
/// for: the others read it in their own script, and it is what their suggestions are
/// found from.
#[tokio::test]
async fn a_participant_describes_themselves_and_is_suggested_from_it() {
    let (staff, event) = matchmaking_on(&[]).await;
    // A posting of the demo's market and its organisation, which comes to the event.
    let s = staff.store.as_ref();
    let posting = s
        .list_postings(&baylink_store::market::PostingFilter {
            today: baylink_web::views::events::today(),
            limit: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .remove(0);
    let org = s.get_organisation(posting.org_id).await.unwrap();
    let r = kit::client()
        .post(staff.url(&format!("/zh-Hant/events/{event}/register")))
        .form(&[
            ("name", "李小明"),
            ("email", "about-rep@example.cn"),
            ("region", "shenzhen"),
            ("organisation", org.name.as_str()),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let rep = r.headers()["location"].to_str().unwrap().to_owned();
    // A start-up not in the directory, which says what it looks for: that posting's text.
    let founder = register(&staff, event, "Maria Santos", "about-founder@example.mo").await;
    let about = format!("{}\n{}", posting.title, posting.summary);
    let r = post(
        &staff,
        &format!("{founder}/matchmaking/profile"),
        &[("about", about.as_str())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = public_page(&staff, &format!("{founder}/matchmaking")).await;
    let suggested = &mine[mine.find("id=\"mm-suggested\"").expect("suggestions")..];
    let suggested = &suggested[..suggested.find("</ul>").unwrap()];
    assert!(
        suggested.contains("李小明"),
        "the posting's organisation, at the event"
    );
    // The others read it in the participants' list, in their script.
    let (_, theirs) = public_page(&staff, &format!("{rep}/matchmaking")).await;
    let listed = &theirs[theirs.find("id=\"mm-participants\"").unwrap()..];
    let written = baylink_text::detect(&about, baylink_text::Script::Latin);
    let shown = baylink_text::display(posting.title.trim(), written, baylink_text::Script::Hant)
        .into_owned();
    assert!(listed.contains("class=\"muted mm-about\""));
    assert!(listed.contains(&shown), "{shown}");
    // Someone who registers with the address of an account that represents an
    // organisation is that organisation's, whatever they typed as its name.
    let account = s
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.org_id == Some(posting.org_id))
        .expect("the posting's organisation has a representative");
    let r = kit::client()
        .post(staff.url(&format!("/zh-Hant/events/{event}/register")))
        .form(&[
            ("name", "Dora Lee"),
            ("email", account.email.as_str()),
            ("region", "hong_kong"),
            ("organisation", "a name the directory does not know"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, theirs) = public_page(&staff, &format!("{founder}/matchmaking")).await;
    let listed = &theirs[theirs.find("id=\"mm-participants\"").unwrap()..];
    let row = &listed[listed.find("Dora Lee").expect("listed")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("class=\"mm-posting\""), "{row}");
    // The organiser reads the profiles in the event's matchmaking JSON, as written.
    let (status, json) = staff
        .api(
            reqwest::Method::GET,
            &format!("/api/v1/events/{event}/matchmaking"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let profiles = json["profiles"].as_array().expect("profiles");
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0]["about"], about.trim());
    assert_eq!(profiles[0]["daily"], false);
    // Too long is refused, with a localised message, and the profile stays.
    let r = post(
        &staff,
        &format!("{founder}/matchmaking/profile"),
        &[("about", "長".repeat(1001).as_str())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(s.matchmaking_profiles(event).await.unwrap().len(), 1);
}

/// Participants outside the directory, with nothing posted, are suggested to each other
/// from what their profiles say, across scripts and regional terms (資訊保安 in Hong Kong
/// is 信息安全 in Shenzhen); one's own colleagues and those who share nothing are not.
#[tokio::test]
async fn participants_are_suggested_to_each_other_from_their_profiles() {
    let (staff, event) = matchmaking_on(&[]).await;
    let with_org = |name: &'static str, email: &'static str| {
        let url = staff.url(&format!("/zh-Hant/events/{event}/register"));
        async move {
            let r = kit::client()
                .post(url)
                .form(&[
                    ("name", name),
                    ("email", email),
                    ("region", "shenzhen"),
                    ("organisation", "示例物联网设备厂"),
                    ("consent", "1"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            r.headers()["location"].to_str().unwrap().to_owned()
        }
    };
    let tester = register(&staff, event, "陳大文", "people-a@example.hk").await;
    let maker = with_org("李小明", "people-b@example.cn").await;
    let colleague = with_org("王芳", "people-e@example.cn").await;
    let herbalist = register(&staff, event, "Maria Santos", "people-c@example.mo").await;
    register(&staff, event, "Dora Lee", "people-d@example.hk").await;
    for (who, about) in [
        (&tester, "專注資訊保安審計。"),
        (&maker, "采购信息安全产品。"),
        (&colleague, "采购信息安全产品。"),
        (
            &herbalist,
            "Quality standards for Chinese medicine, for Macao producers.",
        ),
    ] {
        let r = post(
            &staff,
            &format!("{who}/matchmaking/profile"),
            &[("about", about)],
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let suggested = |page: String| -> Vec<String> {
        page.split("<li class=\"card mm-suggested-person\"")
            .skip(1)
            .map(|card| card[..card.find("</li>").unwrap()].to_owned())
            .collect()
    };
    let (_, page) = public_page(&staff, &format!("{tester}/matchmaking")).await;
    let cards = suggested(page);
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(cards.iter().any(|c| c.contains("李小明")), "{cards:?}");
    assert!(cards.iter().any(|c| c.contains("王芳")), "{cards:?}");
    // Why, in the reader's script and terms: the Shenzhen profile's 信息安全 is said as
    // Hong Kong says it.
    assert!(cards[0].contains("資訊保安"), "{}", cards[0]);
    // What they say of themselves, in the reader's script.
    assert!(cards[0].contains("採購信息安全產品"), "{}", cards[0]);
    assert!(cards[0].contains("class=\"mm-pick\""));
    // The manufacturer is not pointed to its own colleague, nor to the herbalist.
    let (_, page) = public_page(&staff, &format!("{maker}/matchmaking")).await;
    let cards = suggested(page);
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert!(cards[0].contains("陳大文"));
    // Nothing in common, nothing suggested.
    let (_, page) = public_page(&staff, &format!("{herbalist}/matchmaking")).await;
    assert!(suggested(page).is_empty());
    // Once asked, someone is not suggested again.
    ask_by_name(&staff, &tester, "李小明").await;
    let (_, page) = public_page(&staff, &format!("{tester}/matchmaking")).await;
    let cards = suggested(page);
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert!(cards[0].contains("王芳"));
    // "Not for me": she is suggested no more, though she may still be asked; the reader
    // sees how many they passed over and brings them back with one button.
    let her = cards[0].split('"').nth(1).unwrap().to_owned();
    assert!(cards[0].contains("class=\"inline mm-pass\""));
    let r = post(
        &staff,
        &format!("{tester}/matchmaking/pass"),
        &[("other_reg", &her)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{tester}/matchmaking")).await;
    assert!(suggested(page.clone()).is_empty());
    assert!(page.contains("id=\"mm-unpass\"") && page.contains("已不再向您推薦 1 位參加者"));
    assert!(option_for(&page, "王芳") == her, "she may still be asked");
    let data = own_data(&staff, &tester).await;
    assert_eq!(
        data["passed"][0].to_string(),
        her,
        "in the copy of their data"
    );
    // Nobody else's "not for me" is touched, and a stranger to the event is refused.
    let r = post(
        &staff,
        &format!("{tester}/matchmaking/pass"),
        &[("other_reg", "999999")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post(&staff, &format!("{tester}/matchmaking/passes/clear"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{tester}/matchmaking")).await;
    assert!(!page.contains("id=\"mm-unpass\""));
    let cards = suggested(page);
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert!(cards[0].contains("王芳"));
}

/// A participant who asks for one mail a day gets the day's requests in one mail, in
/// their language, at the next 09:00 in Hong Kong, and none for each request.
#[tokio::test]
async fn requests_reach_one_who_asks_for_it_in_one_mail_a_day() {
    let (staff, event) = matchmaking_on(&[]).await;
    let busy = register(&staff, event, "陳大文", "daily-a@example.hk").await;
    let a = register(&staff, event, "李小明", "daily-b@example.cn").await;
    let b = register(&staff, event, "Maria Santos", "daily-c@example.mo").await;
    let r = post(
        &staff,
        &format!("{busy}/matchmaking/profile"),
        &[("about", ""), ("daily", "1")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{busy}/matchmaking")).await;
    assert!(page.contains("name=\"daily\" value=\"1\" checked"));
    drain_mail(&staff).await;
    for from in [&a, &b] {
        ask_by_name(&staff, from, "陳大文").await;
    }
    assert!(
        drain_mail(&staff).await.is_empty(),
        "no mail for each request"
    );
    let tomorrow = baylink_store::sql::now() + 86_400;
    let mails = drain_mail_at(&staff, tomorrow).await;
    assert_eq!(mails.len(), 1, "one mail for both");
    let (kind, mail) = &mails[0];
    assert_eq!(kind, "mm_digest");
    let mail = mail.as_ref().expect("requests wait");
    assert_eq!(mail.to, "daily-a@example.hk");
    assert!(mail.subject.contains("每日會談申請"), "{}", mail.subject);
    assert!(mail.body.contains("李小明") && mail.body.contains("Maria Santos"));
    // Asking for a mail each again.
    let r = post(
        &staff,
        &format!("{busy}/matchmaking/profile"),
        &[("about", "")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{busy}/matchmaking")).await;
    assert!(!page.contains("value=\"1\" checked"));
}

/// Where the organiser lets participants book, the one asked picks a slot as they accept,
/// among those both could meet in, and both see the meeting in their agenda at once,
/// before any schedule is published; either side moves it later, and the other is told.
#[tokio::test]
async fn a_participant_books_the_slot_as_they_accept() {
    let (staff, event) = matchmaking_on(&[("self_booking", "1")]).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("name=\"self_booking\" value=\"1\" checked"));
    two_slots_and_a_table(&staff, event).await;
    let a = register(&staff, event, "陳大文", "book-a@example.hk").await;
    let b = register(&staff, event, "李小明", "book-b@example.cn").await;
    ask_by_name(&staff, &a, "李小明").await;
    drain_mail(&staff).await;
    let (_, page_b) = public_page(&staff, &format!("{b}/matchmaking")).await;
    let incoming = &page_b[page_b.find("id=\"mm-incoming\"").unwrap()..];
    let select = &incoming[incoming.find("name=\"slot\"").expect("a choice of slot")..];
    let select = &select[..select.find("</select>").unwrap()];
    let slots: Vec<&str> = select
        .split("<option value=\"")
        .skip(1)
        .map(|o| o.split('"').next().unwrap())
        .collect();
    assert_eq!(
        slots.len(),
        3,
        "the organiser's choice and two slots: {select}"
    );
    assert_eq!(slots[0], "");
    let rid = first_request_id(incoming);
    let r = post(
        &staff,
        &format!("{b}/matchmaking/requests/{rid}/decide"),
        &[("accept", "1"), ("priority", "2"), ("slot", slots[2])],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for (who, other) in [(&a, "李小明"), (&b, "陳大文")] {
        let (_, page) = public_page(&staff, &format!("{who}/matchmaking")).await;
        let agenda = &page[page.find("id=\"mm-agenda\"").expect("an agenda at once")..];
        let agenda = &agenda[..agenda.find("</ol>").unwrap()];
        assert!(
            agenda.contains("10:20") && agenda.contains(other),
            "{agenda}"
        );
    }
    let told: Vec<_> = announced(&staff, "mm_answer", "the answer is announced").await;
    assert_eq!(told.len(), 1, "the asker is told");
    // With the time and the table.
    assert_eq!(told[0].to, "book-a@example.hk");
    assert!(
        told[0].subject.starts_with("會談已預約"),
        "{}",
        told[0].subject
    );
    assert!(
        told[0].body.contains("10:20") && told[0].body.contains("桌號 A"),
        "{}",
        told[0].body
    );

    // The asker moves it to the other slot, the one both are free in; the other is told.
    let (_, page_a) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let agenda = &page_a[page_a.find("id=\"mm-agenda\"").unwrap()..];
    assert!(
        !agenda.contains("/outcome\""),
        "no outcome to tell before the meeting"
    );
    let form = &agenda[agenda.find("class=\"mm-move\"").expect("a move")..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(
        form.contains(&format!("value=\"{}\"", slots[1]))
            && !form.contains(&format!("value=\"{}\"", slots[2])),
        "only the other slot: {form}"
    );
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/move"),
        &[("slot", "soon")],
    )
    .await;
    assert!(r.status().is_client_error());
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/move"),
        &[("slot", slots[1])],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    let agenda = &page[page.find("id=\"mm-agenda\"").unwrap()..];
    let agenda = &agenda[..agenda.find("</ol>").unwrap()];
    assert!(
        agenda.contains("<strong>2030-01-15 10:00–10:20</strong>"),
        "{agenda}"
    );
    let told: Vec<_> = announced(&staff, "mm_moved", "the move is announced").await;
    assert_eq!(told.len(), 1, "the other side is told");
    assert_eq!(told[0].to, "book-b@example.cn");
    assert!(
        told[0].subject.starts_with("會談已改期") && told[0].body.contains("10:00"),
        "{}\n{}",
        told[0].subject,
        told[0].body
    );

    // Accepted for the organiser to place, a meeting is booked later by either side, in
    // a slot both are free in; the other side is told it is booked.
    let c = register(&staff, event, "Maria Santos", "book-c@example.mo").await;
    ask_by_name(&staff, &c, "陳大文").await;
    let (_, page_a) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let incoming = &page_a[page_a.find("id=\"mm-incoming\"").unwrap()..];
    let rid = first_request_id(incoming);
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/decide"),
        &[("accept", "1"), ("priority", "2"), ("slot", "")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    drain_mail(&staff).await;
    let (_, page_c) = public_page(&staff, &format!("{c}/matchmaking")).await;
    let sent = &page_c[page_c.find("id=\"mm-sent\"").unwrap()..];
    let sent = &sent[..sent.find("</ul>").unwrap()];
    let form = &sent[sent.find("class=\"mm-book\"").expect("a booking form")..];
    assert!(
        form.contains(&format!("value=\"{}\"", slots[2]))
            && !form.contains(&format!("value=\"{}\"", slots[1])),
        "only the slot 陳大文 is free in: {form}"
    );
    let r = post(
        &staff,
        &format!("{c}/matchmaking/requests/{rid}/move"),
        &[("slot", slots[2])],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let told: Vec<_> = announced(&staff, "mm_booked", "the booking is announced").await;
    assert_eq!(told.len(), 1, "the other side is told");
    assert_eq!(told[0].to, "book-a@example.hk");
    assert!(
        told[0].subject.starts_with("會談已預約") && told[0].body.contains("10:20"),
        "{}\n{}",
        told[0].subject,
        told[0].body
    );
    let (_, page_c) = public_page(&staff, &format!("{c}/matchmaking")).await;
    assert!(!page_c.contains("class=\"mm-book\""), "booked once");
    let agenda = &page_c[page_c.find("id=\"mm-agenda\"").unwrap()..];
    assert!(agenda.contains("陳大文"));
}

/// Where the organiser names a video service, a participant who takes part from afar gets
/// a room of their own there: the schedule puts all their meetings in it, their agenda,
/// calendar and mail give its address, and no table card is printed for it.
#[tokio::test]
async fn a_participant_online_meets_in_their_own_room() {
    let (staff, event) = matchmaking_on(&[]).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let settings = |video: &'static str| {
        [
            ("meeting_minutes", "20"),
            ("max_requests", "5"),
            ("video_url", video),
        ]
    };
    let r = staff
        .post_form(
            &format!("{base}/settings"),
            &settings("ftp://meet.example.org"),
        )
        .await;
    assert!(r.status().is_client_error());
    assert!(
        r.text().await.unwrap().contains("https://"),
        "the error says how"
    );
    let a = register(&staff, event, "陳大文", "online-a@example.sg").await;
    let b = register(&staff, event, "李小明", "online-b@example.cn").await;
    let c = register(&staff, event, "何志明", "online-c@example.mo").await;
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(
        !page.contains("id=\"mm-online\""),
        "no video service, no choice"
    );
    let r = post(
        &staff,
        &format!("{a}/matchmaking/online"),
        &[("online", "1")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    let r = staff
        .post_form(
            &format!("{base}/settings"),
            &settings(" https://meet.example.org/ "),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    two_slots_and_a_table(&staff, event).await;
    let r = post(
        &staff,
        &format!("{a}/matchmaking/online"),
        &[("online", "1")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let room = &page[page.find("id=\"mm-room\"").expect("a room")..];
    let room = room.split('>').nth(1).unwrap().split('<').next().unwrap();
    assert!(
        room.starts_with("https://meet.example.org/baylink-") && room.len() > 45,
        "{room}"
    );
    // It is among what the platform holds about them.
    let data = own_data(&staff, &a).await;
    assert_eq!(data["online_room"]["link"], room);
    // Asked again, the room stays the same.
    post(
        &staff,
        &format!("{a}/matchmaking/online"),
        &[("online", "1")],
    )
    .await;
    let (_, again) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(again.contains(room));
    // D is online too, but meets no one: their room is no table for others.
    let d = register(&staff, event, "張家明", "online-d@example.sg").await;
    post(
        &staff,
        &format!("{d}/matchmaking/online"),
        &[("online", "1")],
    )
    .await;

    // B meets A (online) and C (at table A).
    for (from, to, name) in [(&b, &a, "陳大文"), (&c, &b, "李小明")] {
        ask_by_name(&staff, from, name).await;
        accept_first(&staff, to).await;
    }
    let r = staff.post_form(&format!("{base}/schedule"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = staff.post_form(&format!("{base}/publish"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    let agenda = &page[page.find("id=\"mm-agenda\"").unwrap()..];
    let agenda = &agenda[..agenda.find("</ol>").unwrap()];
    let lines: Vec<&str> = agenda.split("<li class=\"card\">").skip(1).collect();
    assert_eq!(lines.len(), 2, "{agenda}");
    for line in lines {
        if line.contains("陳大文") {
            assert!(line.contains(&format!("網上 <a href=\"{room}\"")), "{line}");
        } else {
            assert!(line.contains("何志明") && line.contains("桌號 A"), "{line}");
        }
    }
    let token = a.rsplit('/').next().unwrap();
    let ics = kit::client()
        .get(staff.url(&format!("/en/registrations/{token}/agenda.ics")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ics.contains(&format!("URL:{room}")), "{ics}");
    let mails = drain_mail(&staff).await;
    let agenda_a = mails
        .iter()
        .filter_map(|(kind, m)| m.as_ref().filter(|_| kind == "agenda"))
        .find(|m| m.to == "online-a@example.sg")
        .expect("A's agenda by mail");
    assert!(agenda_a.body.contains(room), "{}", agenda_a.body);
    let (_, cards) = staff.page(&format!("{base}/cards")).await;
    assert_eq!(cards.matches("class=\"card table-card\"").count(), 1);
    let (_, printed) = staff.page(&format!("{base}/agendas")).await;
    assert!(
        printed.contains(room),
        "the printed agenda gives the room's address"
    );
    let (_, admin) = staff.page(&base).await;
    assert!(
        admin.contains("網上 · 陳大文"),
        "the organiser sees whose room it is"
    );
    assert!(
        admin.contains("<td id=\"mm-online-count\">2</td>"),
        "and how many take part online"
    );

    // Back on site only once the room is empty.
    let r = post(&staff, &format!("{a}/matchmaking/online"), &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(page.contains(room), "a refused change keeps the room");

    // After publication C cannot come after all: the meeting with B moves into C's new
    // room at the same time, and both get their agenda again.
    drain_mail(&staff).await;
    let r = post(
        &staff,
        &format!("{c}/matchmaking/online"),
        &[("online", "1")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    let agenda = &page[page.find("id=\"mm-agenda\"").unwrap()..];
    let line = agenda
        .split("<li class=\"card\">")
        .find(|l| l.contains("何志明"))
        .unwrap();
    assert!(
        line.contains("網上 <a href=\"https://meet.example.org/baylink-"),
        "{line}"
    );
    assert_eq!(
        mailed_to(&staff, "agenda").await,
        ["online-b@example.cn", "online-c@example.mo"]
    );
}

/// The settings form shows the deadlines saved, so that saving it again (to let
/// participants book, say) keeps them.
#[tokio::test]
async fn saving_the_settings_again_keeps_the_deadlines() {
    let (staff, event) = matchmaking_on(&[
        ("request_deadline", "2030-01-10"),
        ("accept_deadline", "2030-01-12"),
    ])
    .await;
    let before = staff.store.matchmaking(event).await.unwrap().unwrap();
    assert!(before.request_deadline.is_some() && before.accept_deadline.is_some());
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let (_, page) = staff.page(&base).await;
    let form = &page[page.find("id=\"mm-settings\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let value = |name: &str| -> String {
        let field = &form[form.find(&format!("name=\"{name}\"")).unwrap()..];
        let field = &field[..field.find('>').unwrap()];
        field
            .split("value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(value("request_deadline"), "2030-01-10");
    assert_eq!(value("accept_deadline"), "2030-01-12");
    let r = staff
        .post_form(
            &format!("{base}/settings"),
            &[
                ("meeting_minutes", &value("meeting_minutes")),
                ("max_requests", &value("max_requests")),
                ("request_deadline", &value("request_deadline")),
                ("accept_deadline", &value("accept_deadline")),
                ("video_url", &value("video_url")),
                ("self_booking", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = staff.store.matchmaking(event).await.unwrap().unwrap();
    assert!(after.self_booking);
    assert_eq!(
        (after.request_deadline, after.accept_deadline),
        (before.request_deadline, before.accept_deadline)
    );
}

/// The demo's upcoming matchmaking session is open to whoever registers: participants
/// book their own slots, two of the synthetic ones take part online, and a newcomer finds
/// them all, can take part online too and book by asking.
#[tokio::test]
async fn the_demo_holds_an_open_matchmaking_session_with_online_rooms() {
    let mut app = kit::demo_app().await;
    let event = app
        .store
        .list_events(&baylink_store::EventFilter {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|e| e.title == "示例·深港澳科創項目對接會")
        .expect("the demo's matchmaking session");
    assert!(event.registration_open && event.starts_at > baylink_store::sql::now());
    let mm = app.store.matchmaking(event.id).await.unwrap().unwrap();
    assert!(mm.self_booking && mm.video_url.is_some());
    let tables = app.store.meeting_tables(event.id).await.unwrap();
    assert_eq!(tables.iter().filter(|t| t.link.is_some()).count(), 2);
    assert_eq!(app.store.meeting_slots(event.id).await.unwrap().len(), 8);

    let me = register(&app, event.id, "黃小芳", "newcomer@example.hk").await;
    let (_, page) = public_page(&app, &format!("{me}/matchmaking")).await;
    assert!(page.contains("id=\"mm-online\""));
    let rows = &page[page.find("id=\"mm-participants\"").unwrap()..];
    // The twelve partners and the demo's participant account.
    assert_eq!(rows.matches("<tr data-id=").count(), 13, "the others");
    // Saying what they look for, they are pointed to those who offer it.
    let r = post(
        &app,
        &format!("{me}/matchmaking/profile"),
        &[("about", "我們尋找無人機物流及空域管理的合作夥伴。")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&app, &format!("{me}/matchmaking")).await;
    let suggested = &page[page.find("id=\"mm-suggested\"").expect("suggestions")..];
    assert!(suggested.contains("無人機"), "{suggested}");
    // One who takes part online is asked like anyone else.
    let online = tables.iter().find(|t| t.link.is_some()).unwrap();
    let name = app
        .store
        .get_registration(online.reserved_for.unwrap())
        .await
        .unwrap()
        .name;
    ask_by_name(&app, &me, &name).await;
    app.sign_in(SECRETARIAT).await;
    let (_, admin) = app
        .page(&format!("/zh-Hant/events/{}/matchmaking", event.id))
        .await;
    // (In the reader's script: 示例对接者05 reads 示例對接者05 here.)
    let number = &name[name.len() - 2..];
    assert!(
        admin.contains("網上 · 示") && admin.contains(&format!("接者{number}")),
        "whose room it is"
    );
    assert!(admin.contains("黃小芳"), "the request is there");
    assert!(
        admin.contains("class=\"muted mm-arranged\""),
        "and the meeting the secretariat arranged"
    );
}

/// The organiser takes a published schedule back to rework it: participants no longer
/// see it, the agendas not yet sent are dropped, and publishing again sends everyone
/// their agenda.
#[tokio::test]
async fn a_published_schedule_is_taken_back_and_published_again() {
    let (staff, event) = matchmaking_on(&[]).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    two_slots_and_a_table(&staff, event).await;
    let a = register(&staff, event, "陳大文", "back-a@example.hk").await;
    let b = register(&staff, event, "李小明", "back-b@example.cn").await;
    ask_by_name(&staff, &a, "李小明").await;
    accept_first(&staff, &b).await;
    let r = staff.post_form(&format!("{base}/unpublish"), &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "nothing published yet");
    staff.post_form(&format!("{base}/schedule"), &[]).await;
    staff.post_form(&format!("{base}/publish"), &[]).await;
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(page.contains("id=\"mm-agenda\""));
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("id=\"mm-unpublish\""));

    let r = staff.post_form(&format!("{base}/unpublish"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("日程已擬定") && !admin.contains("id=\"mm-unpublish\""));
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(
        !page.contains("id=\"mm-agenda\""),
        "no agenda while it is a draft"
    );
    let token = a.rsplit('/').next().unwrap();
    let ics = kit::client()
        .get(staff.url(&format!("/en/registrations/{token}/agenda.ics")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!ics.contains("BEGIN:VEVENT"));
    let mails = drain_mail(&staff).await;
    assert!(
        !mails
            .iter()
            .any(|(kind, m)| kind == "agenda" && m.is_some()),
        "the agendas of the draft are not sent"
    );
    // Both sides are told it was taken back, so that nobody goes by the old agenda.
    let mut told: Vec<&baylink_web::mail::Composed> = mails
        .iter()
        .filter(|(kind, _)| kind == "mm_unpublished")
        .filter_map(|(_, m)| m.as_ref())
        .collect();
    told.sort_by_key(|m| m.to.clone());
    assert_eq!(
        told.iter().map(|m| m.to.as_str()).collect::<Vec<_>>(),
        ["back-a@example.hk", "back-b@example.cn"]
    );
    assert!(
        told[0].subject.starts_with("會談日程已撤回修改"),
        "{}",
        told[0].subject
    );
    let log = staff.store.list_audit(50, 0).await.unwrap().items;
    assert!(
        log.iter()
            .any(|l| l.action == "unpublish" && l.entity_id == event)
    );

    let r = staff.post_form(&format!("{base}/publish"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        mailed_to(&staff, "agenda").await,
        ["back-a@example.hk", "back-b@example.cn"]
    );
    // Taken back and published again before the news went out: the new agenda says all.
    staff.post_form(&format!("{base}/unpublish"), &[]).await;
    staff.post_form(&format!("{base}/publish"), &[]).await;
    let mails = drain_mail(&staff).await;
    assert!(
        mails
            .iter()
            .all(|(kind, m)| kind != "mm_unpublished" || m.is_none()),
        "the news of the withdrawal is dropped"
    );
    assert_eq!(
        mails
            .iter()
            .filter(|(kind, m)| kind == "agenda" && m.is_some())
            .count(),
        2
    );
}

/// Two who met at the 2024 conference meet again at the next event: each sees where
/// they met, and what came of it, beside the other's name.
#[tokio::test]
async fn participants_see_whom_they_met_at_an_earlier_event() {
    let (app, event) = matchmaking_on(&[]).await;
    let conference = demo_conference(&app).await;
    let requests = app.store.meeting_requests(conference.id).await.unwrap();
    let held = requests
        .iter()
        .find(|r| {
            r.status == baylink_store::RequestStatus::Accepted
                && r.slot_id.is_some()
                && r.outcome_from.as_deref() == Some("cooperation_possible")
                && r.outcome_to.as_deref() != Some("not_held")
        })
        .expect("a meeting of 2024 with cooperation possible");
    let then_a = app.store.get_registration(held.from_reg).await.unwrap();
    let then_b = app.store.get_registration(held.to_reg).await.unwrap();
    let a = register(&app, event, &then_a.name, &then_a.email).await;
    register(&app, event, &then_b.name, &then_b.email).await;
    let stranger = register(&app, event, "黃小芳", "stranger@example.hk").await;
    let (_, page) = public_page(&app, &format!("{a}/matchmaking")).await;
    let rows = &page[page.find("id=\"mm-participants\"").unwrap()..];
    let b_name = baylink_text::display(
        &then_b.name,
        baylink_text::Script::parse(&then_b.name_script).unwrap(),
        baylink_text::Script::Hant,
    );
    let row = rows
        .split("<tr data-id=")
        .find(|r| r.contains(b_name.as_ref()))
        .expect("B is there");
    assert!(
        row.contains("曾於2024深港澳科技界交流年會會談：有合作可能"),
        "{row}"
    );
    // With where it led since (the demo's secretariat recorded how some went on).
    let coop = app
        .store
        .cooperations(conference.id)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.request_id == held.id)
        .expect("followed since");
    let stage = match coop.stage() {
        Some(baylink_store::PipelineStage::Signed) => "有合作可能 · 已簽約",
        Some(baylink_store::PipelineStage::Implemented) => "有合作可能 · 已落地",
        Some(baylink_store::PipelineStage::Closed) => "有合作可能 · 已結束",
        _ => "有合作可能 · 洽談中",
    };
    assert!(row.contains(stage), "{stage}: {row}");
    let (_, page) = public_page(&app, &format!("{stranger}/matchmaking")).await;
    assert!(!page.contains("class=\"mm-met\""), "a newcomer met no one");

    // A colleague of A's (another address, A's organisation written in the other script)
    // reads that their organisation met B's; one who wrote "N/A" is nobody's colleague.
    let then_org = then_a
        .organisation
        .clone()
        .expect("the demo's participants name one");
    let other_script = baylink_text::display(
        &then_org,
        baylink_text::Script::Hant,
        baylink_text::Script::Hans,
    )
    .into_owned();
    let with_org = |name: &'static str, email: &'static str, org: String| {
        let app = &app;
        async move {
            let r = kit::client()
                .post(app.url(&format!("/zh-Hant/events/{event}/register")))
                .form(&[
                    ("name", name),
                    ("email", email),
                    ("organisation", org.as_str()),
                    ("region", "hong_kong"),
                    ("consent", "1"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            r.headers()["location"].to_str().unwrap().to_owned()
        }
    };
    let colleague = with_org("何家明", "colleague@example.hk", other_script).await;
    let nobody = with_org("無名氏", "nobody@example.hk", "N/A".to_owned()).await;
    // Someone else from B's organisation is there this time.
    let b_org = then_b
        .organisation
        .clone()
        .expect("the demo's participants name one");
    // And another, who wrote its English name, as the directory knows it.
    let b_org_en = app
        .store
        .find_organisation_by_any_name(&b_org)
        .await
        .unwrap()
        .and_then(|o| o.name_en)
        .expect("the demo's organisations are in the directory with English names");
    with_org("蔡子健", "b-colleague@example.cn", b_org).await;
    with_org("Kelvin Choi", "b-colleague-en@example.com", b_org_en).await;
    let (_, page) = public_page(&app, &format!("{colleague}/matchmaking")).await;
    let rows = &page[page.find("id=\"mm-participants\"").unwrap()..];
    let row = rows
        .split("<tr data-id=")
        .find(|r| r.contains("蔡子健"))
        .expect("B's colleague is there");
    assert!(
        row.contains("貴機構曾於2024深港澳科技界交流年會與其機構會談：有合作可能"),
        "{row}"
    );
    let row = rows
        .split("<tr data-id=")
        .find(|r| r.contains("Kelvin Choi"))
        .expect("B's other colleague is there");
    assert!(
        row.contains("貴機構曾於2024深港澳科技界交流年會與其機構會談：有合作可能"),
        "{row}"
    );
    // A's own page keeps the meeting as A's own, not as the organisation's.
    let (_, page) = public_page(&app, &format!("{a}/matchmaking")).await;
    assert!(page.contains("曾於2024深港澳科技界交流年會會談：有合作可能"));
    let (_, page) = public_page(&app, &format!("{nobody}/matchmaking")).await;
    assert!(!page.contains("貴機構曾於"), "N/A names no organisation");
}

/// The secretariat arranges a meeting between two participants: both are told by mail in
/// their language, with the note, and both see it as arranged; the same two again, or a
/// participant with themselves, is refused on the page and changes nothing.
#[tokio::test]
async fn the_organiser_arranges_a_meeting_between_two_participants() {
    let (staff, event) = matchmaking_on(&[]).await;
    let a = register(&staff, event, "陳大文", "arranged-a@example.hk").await;
    let r = kit::client()
        .post(staff.url(&format!("/en/events/{event}/register")))
        .form(&[
            ("name", "Li Ming"),
            ("email", "arranged-b@example.cn"),
            ("region", "shenzhen"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let b = r.headers()["location"].to_str().unwrap().to_owned();
    drain_mail(&staff).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let (_, admin) = staff.page(&base).await;
    let form = &admin[admin.find("id=\"mm-arrange-form\"").expect("the form")..];
    let pick = |name: &str| {
        let at = form.find(name).unwrap_or_else(|| panic!("{name} offered"));
        let value = form[..at].rfind("value=\"").unwrap() + 7;
        form[value..].split('"').next().unwrap().to_owned()
    };
    let (ra, rb) = (pick("陳大文"), pick("Li Ming"));

    // Refused: with oneself, or without a counterpart.
    for fields in [
        vec![("from_reg", ra.as_str()), ("to_reg", ra.as_str())],
        vec![("from_reg", ra.as_str()), ("to_reg", "")],
    ] {
        let r = staff.post_form(&format!("{base}/arrange"), &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        let problems = &page[page.find("id=\"mm-problems\"").expect("problems")..];
        let problems = &problems[..problems.find("</div>").unwrap()];
        assert!(
            problems.contains("不能向自己申請會談") || problems.contains("必須填寫"),
            "a localised reason: {problems}"
        );
    }
    assert!(
        staff
            .store
            .meeting_requests(event)
            .await
            .unwrap()
            .is_empty()
    );

    let r = staff
        .post_form(
            &format!("{base}/arrange"),
            &[
                ("from_reg", ra.as_str()),
                ("to_reg", rb.as_str()),
                ("session", "morning"),
                ("message", "兩位都做跨境數據，值得一談。"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mut mails = announced(&staff, "mm_arranged", "both sides are told").await;
    mails.sort_by_key(|m| m.to.clone());
    assert_eq!(mails.len(), 2);
    assert!(
        mails[0].subject.starts_with("主辦方為您安排了會談"),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].body.contains("Li Ming") && mails[0].body.contains("兩位都做跨境數據"));
    assert!(
        mails[1].subject.starts_with("Meeting arranged for you"),
        "{}",
        mails[1].subject
    );
    assert!(mails[1].body.contains("陳大文"));
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("class=\"muted mm-arranged\""));
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(page.contains("由主辦方安排"));
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    assert!(page.contains("arranged by the organisers"));

    // The same two again, either way: refused, with the reason, and nothing more.
    let r = staff
        .post_form(
            &format!("{base}/arrange"),
            &[("from_reg", rb.as_str()), ("to_reg", ra.as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("這兩位之間已有會談申請或會談")
    );
    assert_eq!(staff.store.meeting_requests(event).await.unwrap().len(), 1);
    // The organiser's spreadsheet says so too.
    let r = staff
        .get(&format!(
            "/api/v1/events/{event}/matchmaking/meetings.csv?lang=en"
        ))
        .await;
    let bytes = r.bytes().await.unwrap().to_vec();
    let (head, rows) = baylink_web::sheets::read_table("csv", bytes).unwrap();
    let col = head.iter().position(|h| h == "Arranged").expect("a column");
    assert_eq!(rows[0][col], "arranged by the organisers");
}

/// The organiser looks at whom a participant might meet (their own suggestions) and
/// arranges one with a button: both are told, with the reasons as the note, and the pair
/// leaves the suggestions and the list of those without a meeting.
#[tokio::test]
async fn the_organiser_brings_together_whom_the_platform_suggests() {
    let (staff, event) = matchmaking_on(&[]).await;
    let tester = register(&staff, event, "陳大文", "together-a@example.hk").await;
    let maker = register(&staff, event, "李小明", "together-b@example.cn").await;
    register(&staff, event, "Dora Lee", "together-d@example.hk").await;
    for (who, about, language) in [
        (&tester, "專注資訊保安審計。", "lang-en"),
        (&maker, "采购信息安全产品。", "lang-cmn"),
    ] {
        let r = post(
            &staff,
            &format!("{who}/matchmaking/profile"),
            &[("about", about), (language, "1")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    drain_mail(&staff).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking/suggest");
    // Only for the organisers.
    let (status, _) = public_page(&staff, &base).await;
    assert!(
        status.is_client_error() || status.is_redirection(),
        "{status}"
    );
    let (_, page) = staff.page(&base).await;
    let idle = &page[page.find("id=\"mm-idle\"").expect("who has no meeting")..];
    assert!(idle.contains("陳大文") && idle.contains("李小明") && idle.contains("Dora Lee"));
    let form = &page[page.find("id=\"mm-suggest-for\"").unwrap()..];
    let id_of = |name: &str| {
        let at = form.find(name).unwrap_or_else(|| panic!("{name} offered"));
        let value = form[..at].rfind("value=\"").unwrap() + 7;
        form[value..].split('"').next().unwrap().to_owned()
    };
    let (a, b) = (id_of("陳大文"), id_of("李小明"));

    let (_, page) = staff.page(&format!("{base}?for={a}")).await;
    let list = &page[page.find("id=\"mm-suggest-list\"").expect("suggestions")..];
    let list = &list[..list.find("</ul>").unwrap()];
    assert!(list.contains("安排與李小明會談"), "{list}");
    assert!(
        list.contains("class=\"mm-apart\""),
        "an interpreter will be needed: {list}"
    );
    assert!(!list.contains("Dora Lee"), "nothing in common");
    // Why, in the organiser's script and terms.
    assert!(list.contains("資訊保安"), "{list}");
    let note = list[list.find("name=\"message\" value=\"").unwrap() + 22..]
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let r = staff
        .post_form(
            &format!("/zh-Hant/events/{event}/matchmaking/arrange"),
            &[
                ("from_reg", a.as_str()),
                ("to_reg", b.as_str()),
                ("message", note.as_str()),
                ("back", "suggest"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with(&format!("/suggest?for={a}"))
    );
    let mails = announced(&staff, "mm_arranged", "both are told").await;
    assert_eq!(mails.len(), 2);
    assert!(
        mails.iter().all(|m| m.body.contains("資訊保安")),
        "the reasons as the note"
    );
    let (_, page) = staff.page(&format!("{base}?for={a}")).await;
    assert!(!page.contains("安排與李小明會談"), "met: suggested no more");
    let table = &page[page.find("id=\"mm-standings\"").expect("the standings")..];
    let row = &table[table.find(&format!("data-id=\"{a}\"")).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("</a></td><td>1</td>"),
        "one accepted meeting: {row}"
    );
    // The same, as a spreadsheet in the reader's language.
    let r = staff
        .get(&format!(
            "/api/v1/events/{event}/matchmaking/participants.csv?lang=en"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap().to_vec();
    let (head, rows) = baylink_web::sheets::read_table("csv", bytes).unwrap();
    assert_eq!(
        head,
        [
            "Name",
            "Organisation",
            "Region",
            "Type",
            "Meeting languages",
            "Accepted meetings",
            "With a time and table",
            "Own requests waiting",
            "Requests to answer",
            "Outcomes not told"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], "Dora Lee", "fewest meetings first");
    let chan = rows.iter().find(|r| r[0] == "陳大文").unwrap();
    assert_eq!((chan[4].as_str(), chan[5].as_str()), ("English", "1"));
    let idle = &page[page.find("id=\"mm-idle\"").unwrap()..];
    assert!(!idle.contains("陳大文") && !idle.contains("李小明") && idle.contains("Dora Lee"));
}

/// Participants say which languages they can meet in; two with none in common see it
/// beside each other and on the request, and the organiser sees the meetings that may need
/// an interpreter.
#[tokio::test]
async fn two_without_a_language_in_common_are_told_and_the_organiser_counts_them() {
    let (staff, event) = matchmaking_on(&[]).await;
    let a = register(&staff, event, "陳大文", "lang-a@example.sg").await;
    let b = register(&staff, event, "李小明", "lang-b@example.cn").await;
    let c = register(&staff, event, "Dora Lee", "lang-c@example.hk").await;
    for (who, langs) in [
        (&a, &["lang-en"][..]),
        (&b, &["lang-cmn"][..]),
        (&c, &["lang-yue", "lang-cmn", "lang-en"][..]),
    ] {
        let mut fields: Vec<(&str, &str)> = langs.iter().map(|l| (*l, "1")).collect();
        fields.push(("about", ""));
        let r = post(&staff, &format!("{who}/matchmaking/profile"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(
        page.contains("name=\"lang-en\" value=\"1\" checked")
            && !page.contains("name=\"lang-cmn\" value=\"1\" checked"),
        "their own choice, kept"
    );
    let rows = &page[page.find("id=\"mm-participants\"").unwrap()..];
    let row = |name: &str| {
        let at = rows.find(name).unwrap();
        rows[at..at + rows[at..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row("李小明").contains("會談語言：普通話") && row("李小明").contains("沒有共通語言"));
    assert!(
        !row("Dora Lee").contains("沒有共通語言"),
        "English in common"
    );
    ask_by_name(&staff, &b, "陳大文").await;
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let incoming = &page[page.find("id=\"mm-incoming\"").unwrap()..];
    assert!(incoming[..incoming.find("</ul>").unwrap()].contains("沒有共通語言"));
    accept_first(&staff, &a).await;
    // Scheduled and published, the meeting's line in the agenda says so too.
    two_slots_and_a_table(&staff, event).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    staff.post_form(&format!("{base}/schedule"), &[]).await;
    let r = staff.post_form(&format!("{base}/publish"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let agenda = &page[page.find("id=\"mm-agenda\"").expect("an agenda")..];
    let agenda = &agenda[..agenda.find("</ol>").unwrap()];
    assert!(
        agenda.contains("李小明") && agenda.contains("沒有共通語言"),
        "{agenda}"
    );
    let (_, admin) = staff
        .page(&format!("/zh-Hant/events/{event}/matchmaking"))
        .await;
    let count = &admin[admin.find("id=\"mm-interpreters\"").expect("the figure")..];
    assert!(
        count.starts_with("id=\"mm-interpreters\">1<"),
        "{}",
        &count[..40]
    );
    assert!(admin.contains("class=\"mm-apart\""));
}

/// Where the organiser has requests accepted on arrival, a request is a meeting at once:
/// the one asked is told by mail, and either side may book its slot.
#[tokio::test]
async fn requests_accepted_on_arrival_are_meetings_at_once() {
    let (staff, event) = matchmaking_on(&[("auto_accept", "1"), ("self_booking", "1")]).await;
    let (_, admin) = staff
        .page(&format!("/zh-Hant/events/{event}/matchmaking"))
        .await;
    assert!(admin.contains("name=\"auto_accept\" value=\"1\" checked"));
    two_slots_and_a_table(&staff, event).await;
    let a = register(&staff, event, "陳大文", "auto-a@example.hk").await;
    let b = register(&staff, event, "李小明", "auto-b@example.cn").await;
    drain_mail(&staff).await;
    let (_, page_a) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(
        page_a.contains("id=\"mm-auto-note\""),
        "the one who asks knows"
    );
    ask_by_name(&staff, &a, "李小明").await;
    let told = announced(&staff, "mm_auto", "the one asked is told").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].to, "auto-b@example.cn");
    assert!(
        told[0].subject.starts_with("與陳大文的會談"),
        "{}",
        told[0].subject
    );
    assert!(told[0].body.contains("即時接受"), "{}", told[0].body);
    let (_, page_b) = public_page(&staff, &format!("{b}/matchmaking")).await;
    assert!(page_b.contains("沒有待您回覆的申請。"), "nothing to answer");
    let received = &page_b[page_b.find("id=\"mm-received\"").expect("the meeting")..];
    let received = &received[..received.find("</ul>").unwrap()];
    assert!(received.contains("陳大文") && received.contains("class=\"mm-book\""));
}

/// After the meetings, the organiser asks by mail those who have not told how theirs went:
/// each is listed in their language, and one who has told them all is not mailed.
#[tokio::test]
async fn the_organiser_asks_for_the_outcomes_of_meetings_held() {
    let (staff, event) = matchmaking_on(&[]).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let (a, b, request) = met_an_hour_ago(&staff, event, "fu").await;
    let now = baylink_store::sql::now();
    drain_mail(&staff).await;
    // B tells at once; A has not.
    let rid = request.id.to_string();
    let r = post(
        &staff,
        &format!("{b}/matchmaking/requests/{rid}/outcome"),
        &[("outcome", "cooperation_possible")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = staff.page(&base).await;
    let button = &admin[admin.find("id=\"mm-followup\"").expect("the button")..];
    assert!(
        button.starts_with("id=\"mm-followup\">請尚未回報的 1 位"),
        "{}",
        &button[..60]
    );
    let r = staff.post_form(&format!("{base}/followup"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = announced(&staff, "mm_followup", "the question is asked").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "fu-a@example.hk");
    assert!(
        mails[0].subject.starts_with("會談成效如何"),
        "{}",
        mails[0].subject
    );
    assert!(
        mails[0].body.contains("李小明") && mails[0].body.contains("桌號 A1"),
        "{}",
        mails[0].body
    );
    let (_, admin) = staff.page(&base).await;
    assert!(!admin.contains("id=\"mm-followup\""), "asked today");
    // Asked again the next day, but A tells before the mail goes: it is not sent.
    let tomorrow = now + 86_400 + 60;
    assert_eq!(staff.store.ask_outcomes(event, tomorrow).await.unwrap(), 1);
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/outcome"),
        &[("outcome", "informative")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = drain_mail_at(&staff, tomorrow).await;
    assert!(
        mails
            .iter()
            .any(|(kind, m)| kind == "mm_followup" && m.is_none()),
        "the question is dropped once answered"
    );
}

/// Where participants book, a meeting that did not take place is booked again at another
/// time from the agenda, and the other side is told.
#[tokio::test]
async fn a_meeting_that_did_not_take_place_is_booked_again() {
    let (staff, event) = matchmaking_on(&[("self_booking", "1")]).await;
    let (a, _, request) = met_an_hour_ago(&staff, event, "again").await;
    let me = baylink_store::Actor::cli();
    let now = baylink_store::sql::now();
    let next = staff
        .store
        .add_meeting_slot(&me, event, now + 86_400, now + 87_600)
        .await
        .unwrap();
    let rid = request.id.to_string();
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(
        !page.contains("會談未能進行：另約時間"),
        "it may have taken place"
    );
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/outcome"),
        &[("outcome", "not_held")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    drain_mail(&staff).await;
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let agenda = &page[page.find("id=\"mm-agenda\"").unwrap()..];
    let form = &agenda[agenda.find("class=\"mm-move\"").expect("booked again")..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(
        form.contains("會談未能進行：另約時間") && form.contains(&format!("value=\"{}\"", next.id))
    );
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/move"),
        &[("slot", &next.id.to_string())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let moved = staff.store.meeting_requests(event).await.unwrap()[0].clone();
    assert_eq!((moved.slot_id, moved.outcome_from), (Some(next.id), None));
    let told = announced(&staff, "mm_moved", "the other side is told").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].to, "again-b@example.cn");
}

/// The closed loop after a meeting (閉環): once a side says cooperation is possible, both
/// see it in talks on their agenda and either moves it on; a move refused (a signing
/// without its kind) is explained in the reader's language and changes nothing; the
/// organiser counts the event's cooperations by stage and kind of agreement, and records
/// one implemented as a side tells them.
#[tokio::test]
async fn a_meeting_is_followed_to_a_signed_agreement() {
    let (staff, event) = matchmaking_on(&[]).await;
    let base = format!("/zh-Hant/events/{event}/matchmaking");
    let (a, b, request) = met_an_hour_ago(&staff, event, "coop").await;
    let rid = request.id.to_string();
    // Joint R&D agreements the alliance-wide funnel counts (the demo's, so far).
    let joint_rd = |page: &str| -> usize {
        page.split("<li>聯合研發: ")
            .nth(1)
            .map_or(0, |rest| rest[..rest.find('<').unwrap()].parse().unwrap())
    };
    let before = joint_rd(&staff.page("/zh-Hant/postings/funnel").await.1);
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    assert!(!page.contains("class=\"mm-coop\""), "nothing said yet");
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/outcome"),
        &[("outcome", "cooperation_possible")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The other side sees it in talks, with the way on.
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    let coop = &page[page
        .find(&format!("id=\"coop-{rid}\""))
        .expect("the cooperation on B's agenda")..];
    let coop = &coop[..coop.find("</div>").unwrap()];
    assert!(
        coop.contains("合作進展") && coop.contains("洽談中"),
        "{coop}"
    );
    assert!(coop.contains("value=\"signed\"") && !coop.contains("value=\"in_talks\""));
    assert!(
        coop.contains("name=\"agreement_type\""),
        "it may be signed: say what"
    );
    let version = staff.store.cooperations(event).await.unwrap()[0].version;
    let path = format!("{b}/matchmaking/requests/{rid}/cooperation");
    assert!(coop.contains(&format!("action=\"{path}\"")), "{coop}");
    // Signed without saying what: refused, in B's language, nothing changed.
    let r = post(
        &staff,
        &path,
        &[
            ("version", &version.to_string()),
            ("stage", "signed"),
            ("agreement_type", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = r.text().await.unwrap();
    assert!(text.contains("此欄必須填寫"), "{text}");
    assert_eq!(
        staff.store.cooperations(event).await.unwrap()[0].version,
        version
    );
    let r = post(
        &staff,
        &path,
        &[
            ("version", &version.to_string()),
            ("stage", "signed"),
            ("agreement_type", "joint_rd"),
            ("note", "签署联合实验室协议"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A is told by mail, in their language, with B's note in their script.
    let told = announced(&staff, "mm_coop", "A is told").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].to, "coop-a@example.hk");
    assert!(
        told[0]
            .subject
            .starts_with("會談後合作進展：已簽約 · 聯合研發，李小明"),
        "{}",
        told[0].subject
    );
    assert!(
        told[0].body.contains("簽署聯合實驗室協議"),
        "{}",
        told[0].body
    );
    // A reads it in Traditional script.
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let coop = &page[page.find(&format!("id=\"coop-{rid}\"")).unwrap()..];
    let coop = &coop[..coop.find("</div>").unwrap()];
    assert!(
        coop.contains("已簽約") && coop.contains("聯合研發") && coop.contains("簽署聯合實驗室協議"),
        "{coop}"
    );
    // Signed, the form no longer asks what was signed.
    assert!(
        coop.contains("mm-coop-form") && !coop.contains("name=\"agreement_type\""),
        "{coop}"
    );
    // The organiser's figures and list.
    let (_, admin) = staff.page(&base).await;
    let figures = &admin[admin.find("id=\"mm-coop-figures\"").expect("the figures")..];
    let figures = &figures[..figures.find("</table>").unwrap()];
    assert!(
        figures.contains("洽談中</th><td>1</td>") && figures.contains("已簽約</th><td>1</td>"),
        "{figures}"
    );
    assert!(figures.contains("已落地</th><td>0</td>"), "{figures}");
    assert!(admin.contains("<li>聯合研發: 1</li>"));
    // The secretariat asks both sides where it has got to; not twice within a month.
    assert!(admin.contains("向 1 項仍在進行的合作雙方查詢最新進展"));
    let r = staff
        .post_form(
            &format!("/zh-Hant/events/{event}/matchmaking/cooperations/ask"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("queued=2")
    );
    let asked = announced(&staff, "mm_coop_ask", "both sides are asked").await;
    assert_eq!(asked.len(), 2);
    assert!(
        asked[0].subject.starts_with("合作進展如何？")
            && asked[0].body.contains("已簽約 · 聯合研發"),
        "{}\n{}",
        asked[0].subject,
        asked[0].body
    );
    assert_eq!(
        staff
            .store
            .ask_cooperations(event, baylink_store::sql::now() + 86_400)
            .await
            .unwrap(),
        0
    );
    let version = staff.store.cooperations(event).await.unwrap()[0].version;
    let r = staff
        .post_form(
            &format!("/zh-Hant/events/{event}/matchmaking/meetings/{rid}/cooperation"),
            &[
                ("version", version.to_string().as_str()),
                ("stage", "implemented"),
                ("note", "實驗室已揭牌"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("已落地</th><td>1</td>"));
    assert!(
        admin.contains(&format!(
            "action=\"/zh-Hant/events/{event}/matchmaking/meetings/{rid}/cooperation/back\""
        )),
        "the organiser may take the last move back"
    );
    assert!(!admin.contains("id=\"mm-coop-ask\""), "none still open");
    // Both sides are told the organiser recorded it.
    assert_eq!(
        mailed_to(&staff, "mm_coop").await,
        ["coop-a@example.hk", "coop-b@example.cn"]
    );
    // Done: no more moves offered to either side; a stale move from an old page is refused.
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    assert!(!page.contains("class=\"mm-coop-form\""));
    let r = post(
        &staff,
        &path,
        &[
            ("version", &version.to_string()),
            ("stage", "closed"),
            ("note", "x"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // The alliance-wide funnel counts it beside the introductions, and its agreement.
    let (status, funnel) = staff.page("/zh-Hant/postings/funnel").await;
    assert_eq!(status, StatusCode::OK);
    let title = staff.store.get_event(event).await.unwrap().title;
    let row = funnel
        .split("<tr class=\"funnel-meeting\">")
        .skip(1)
        .map(|r| &r[..r.find("</tr>").unwrap()])
        .find(|r| r.contains(&format!("<td>{title}</td>")))
        .expect("a row for this event's meetings");
    assert!(
        row.ends_with("<td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>0</td>"),
        "{row}"
    );
    assert_eq!(joint_rd(&funnel), before + 1, "{funnel}");
    // B's copy of their data holds the move B made, with its note, and not the others'.
    let data = own_data(&staff, &b).await;
    let steps = data["cooperation_steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(steps[0]["note"], "签署联合实验室协议");
    // The meetings' download carries it, in the reader's words.
    let csv = staff
        .get(&format!(
            "/api/v1/events/{event}/matchmaking/meetings.csv?lang=zh-Hant"
        ))
        .await
        .text()
        .await
        .unwrap();
    let head = csv.lines().next().unwrap();
    assert!(head.ends_with(",合作進展,協議類型"), "{head}");
    assert!(
        csv.lines().nth(1).unwrap().ends_with(",已落地,聯合研發"),
        "{csv}"
    );

    // "Implemented" came too soon: B takes it back from their page, which says where that
    // returns to. Without a reason it is refused in the page's language and nothing
    // changes.
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    assert!(page.contains("撤回上一步（回到「已簽約」）"), "{page}");
    let version = staff.store.cooperations(event).await.unwrap()[0].version;
    let back = format!("{path}/back");
    let r = post(&staff, &back, &[("version", &version.to_string())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("請說明撤回原因"));
    assert_eq!(
        staff.store.cooperations(event).await.unwrap()[0].version,
        version
    );
    let r = post(
        &staff,
        &back,
        &[
            ("version", &version.to_string()),
            ("note", "实验室尚未启用"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let coop = staff.store.cooperations(event).await.unwrap().remove(0);
    assert_eq!(coop.stage(), Some(baylink_store::PipelineStage::Signed));
    assert_eq!(coop.agreement_type.as_deref(), Some("joint_rd"));
    // A is told, in their script, with the reason; both read it in the history; the
    // organiser's figures follow.
    let told = announced(&staff, "mm_coop", "A is told of the take-back").await;
    assert_eq!(told.len(), 1);
    assert!(
        told[0].body.contains("撤回") && told[0].body.contains("「實驗室尚未"),
        "{}",
        told[0].body
    );
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    assert!(page.contains("撤回上一步，回到「已簽約」"), "{page}");
    let (_, admin) = staff.page(&base).await;
    assert!(admin.contains("已落地</th><td>0</td>"));
    assert!(admin.contains("id=\"mm-coop-ask\""), "open again");
}

/// A meeting whose time has come is told about, not cancelled: its agenda line offers no
/// cancel, and one sent anyway is refused in the reader's language and changes nothing.
#[tokio::test]
async fn a_meeting_whose_time_has_come_is_not_cancelled() {
    let (staff, event) = matchmaking_on(&[]).await;
    let (a, _, request) = met_an_hour_ago(&staff, event, "late").await;
    let rid = request.id.to_string();
    let before = staff.store.meeting_requests(event).await.unwrap();
    let (_, page) = public_page(&staff, &format!("{a}/matchmaking")).await;
    let agenda = &page[page.find("id=\"mm-agenda\"").unwrap()..];
    let agenda = &agenda[..agenda.find("</ol>").unwrap()];
    assert!(!agenda.contains("/cancel\""), "{agenda}");
    assert!(
        !page.contains(&format!("requests/{rid}/cancel")),
        "nor in the list of requests"
    );
    let r = post(
        &staff,
        &format!("{a}/matchmaking/requests/{rid}/cancel"),
        &[],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("此會談的時間已到，不能再取消")
    );
    assert_eq!(staff.store.meeting_requests(event).await.unwrap(), before);
}

/// A participant who cannot come hands their place to a colleague of their organisation:
/// the meeting already placed stays where it is, now the colleague's, on their page; the
/// colleague's mail lists it, and the other side is told who they meet now, at the same
/// time and table.
#[tokio::test]
async fn a_colleague_who_takes_the_place_keeps_its_meetings() {
    let (staff, event) = matchmaking_on(&[]).await;
    two_slots_and_a_table(&staff, event).await;
    let r = kit::client()
        .post(staff.url(&format!("/zh-Hant/events/{event}/register")))
        .form(&[
            ("name", "陳大文"),
            ("email", "handed-a@example.hk"),
            ("organisation", "香港科技大學（HKUST）"),
            ("region", "hong_kong"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let a = r.headers()["location"].to_str().unwrap().to_owned();
    let b = register(&staff, event, "李小明", "handed-b@example.cn").await;
    ask_by_name(&staff, &a, "李小明").await;
    accept_first(&staff, &b).await;
    let store = staff.store.as_ref();
    let request = store.meeting_requests(event).await.unwrap().remove(0);
    let slot = store.meeting_slots(event).await.unwrap()[1].id;
    let table = store.meeting_tables(event).await.unwrap()[0].id;
    let version = store.matchmaking(event).await.unwrap().unwrap().version;
    store
        .save_schedule(
            &baylink_store::Actor::cli(),
            event,
            version,
            &[(request.id, Some((slot, table)))],
        )
        .await
        .unwrap();
    store
        .publish_schedule(
            &baylink_store::Actor::cli(),
            event,
            baylink_store::sql::now(),
        )
        .await
        .unwrap();
    drain_mail(&staff).await;

    let form = public_page(&staff, &format!("{a}/transfer")).await.1;
    assert!(
        form.contains("同事"),
        "the form says what becomes of the meetings"
    );
    assert!(
        form.contains("id=\"transfer-meetings-held\"")
            && form.contains("此名額現有 1 場一對一會談。"),
        "and which meetings the place holds: {form}"
    );
    let english = public_page(
        &staff,
        &format!("{a}/transfer").replacen("/zh-Hant/", "/en/", 1),
    )
    .await
    .1;
    assert!(
        english.contains("This place holds one 1:1 meeting."),
        "{english}"
    );
    let r = post(
        &staff,
        &format!("{a}/transfer"),
        &[
            ("name", "Mary Lee"),
            ("email", "handed-c@example.hk"),
            ("locale", "en"),
            ("organisation", "HKUST"),
            ("region", "hong_kong"),
            ("consent", "1"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = drain_mail(&staff).await;
    let mail = |kind: &str| {
        mails
            .iter()
            .find(|(k, _)| k == kind)
            .and_then(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("a {kind} mail: {mails:?}"))
    };
    let theirs = mail("transfer_in");
    assert_eq!(theirs.to, "handed-c@example.hk");
    assert!(
        theirs.body.contains("1:1 meetings (1)")
            && theirs.body.contains("10:20")
            && theirs.body.contains("李小明")
            && theirs.body.contains("/matchmaking"),
        "{}",
        theirs.body
    );
    let told = mail("mm_handed_on");
    assert_eq!(told.to, "handed-b@example.cn");
    assert!(
        told.subject.contains("Mary Lee")
            && told.body.contains("陳大文")
            && told.body.contains("10:20")
            && told.body.contains("桌號 A"),
        "{}\n{}",
        told.subject,
        told.body
    );
    // The colleague's page holds the meeting, and the other side's names the colleague.
    let colleague = staff
        .store
        .registrations_by_address("handed-c@example.hk")
        .await
        .unwrap()
        .remove(0);
    let (_, page) = public_page(
        &staff,
        &format!("/en/registrations/{}/matchmaking", colleague.manage_token),
    )
    .await;
    let agenda = &page[page.find("id=\"mm-agenda\"").expect("an agenda")..];
    assert!(
        agenda.contains("李小明") && agenda.contains("10:20"),
        "{agenda}"
    );
    let (_, page) = public_page(&staff, &format!("{b}/matchmaking")).await;
    let agenda = &page[page.find("id=\"mm-agenda\"").expect("an agenda")..];
    assert!(agenda.contains("Mary Lee"), "{agenda}");
}

#[tokio::test]
async fn the_two_sides_of_a_request_write_to_each_other_each_in_their_script() {
    let (staff, event) = matchmaking_on(&[]).await;
    let hk = register(&staff, event, "陳大文", "chan@example.hk").await;
    let sz = register(&staff, event, "李小明", "li@example.cn").await;
    let stranger = register(&staff, event, "王五", "wang@example.mo").await;
    ask_by_name(&staff, &hk, "李小明").await;
    drain_mail(&staff).await;
    let (_, page) = public_page(&staff, &format!("{hk}/matchmaking")).await;
    let sent = &page[page.find("id=\"mm-sent\"").unwrap()..];
    let rid = first_request_id(sent);
    let thread = |who: &str| format!("{who}/matchmaking/requests/{rid}/messages");
    assert!(
        sent.contains(&format!("href=\"{}\"", thread(&hk))),
        "{sent}"
    );

    // Nothing to say is refused, said why.
    let r = post(&staff, &thread(&hk), &[("body", "   ")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("此欄必須填寫"));
    // Written in Hong Kong's script, read in Shenzhen's.
    let r = post(
        &staff,
        &thread(&hk),
        &[("body", "我們的攤位在A3，會展示軟件")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let sz_hans = sz.replace("/zh-Hant/", "/zh-Hans/");
    let (_, page) = public_page(&staff, &format!("{sz_hans}/matchmaking")).await;
    assert!(page.contains("1 条新消息"), "{page}");
    let (status, page) = public_page(&staff, &thread(&sz_hans)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("我们的摊位在A3，会展示软件"), "{page}");
    assert!(page.contains("陳大文") || page.contains("陈大文"));
    // Read within ten minutes: its mail is dropped.
    let later = baylink_store::sql::now() + baylink_store::MESSAGE_MAIL_DELAY + 1;
    let mails = drain_mail_at(&staff, later).await;
    assert_eq!(
        mails
            .iter()
            .map(|(k, m)| (k.as_str(), m.is_some()))
            .collect::<Vec<_>>(),
        vec![("mm_message", false)]
    );
    let (_, page) = public_page(&staff, &format!("{sz_hans}/matchmaking")).await;
    assert!(!page.contains("条新消息"));

    // The answer, not read: mailed in the reader's script, with the way back to it.
    let r = post(&staff, &thread(&sz_hans), &[("body", "好的，我们会准时到")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let later = baylink_store::sql::now() + baylink_store::MESSAGE_MAIL_DELAY + 1;
    let mails: Vec<_> = drain_mail_at(&staff, later)
        .await
        .into_iter()
        .filter_map(|(k, m)| (k == "mm_message").then_some(m).flatten())
        .collect();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "chan@example.hk");
    assert!(
        mails[0].body.contains("好的，我們會準時到"),
        "{}",
        mails[0].body
    );
    assert!(
        mails[0]
            .body
            .contains(&format!("https://baylink.test{}", thread(&hk))),
        "{}",
        mails[0].body
    );

    // Each side's copy of its data holds what it wrote.
    let data = own_data(&staff, &sz).await;
    assert_eq!(data["meeting_messages"][0]["body"], "好的，我们会准时到");
    assert_eq!(data["meeting_messages"].as_array().unwrap().len(), 1);

    // Nobody else reads or writes it.
    assert_eq!(
        public_page(&staff, &thread(&stranger)).await.0,
        StatusCode::NOT_FOUND
    );
    let r = post(&staff, &thread(&stranger), &[("body", "我也想參加")]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Withdrawn, the request keeps its conversation and takes no more.
    let (_, page) = public_page(&staff, &format!("{hk}/matchmaking")).await;
    assert!(page.contains(&format!("{rid}/cancel")));
    let r = post(
        &staff,
        &format!("{hk}/matchmaking/requests/{rid}/cancel"),
        &[],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = public_page(&staff, &thread(&hk)).await;
    assert!(page.contains("好的，我們會準時到"));
    assert!(page.contains("id=\"mm-messages-closed\"") && !page.contains("id=\"mm-message-form\""));
    let r = post(&staff, &thread(&hk), &[("body", "再見")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
