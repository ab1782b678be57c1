//! Events as participants and door staff meet them: registering, the ticket, mail that
//! survives a mail-server outage, check-in, calendars.

use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::kit::{self, SECRETARIAT, TestApp};

/// A real SMTP server on loopback that keeps what it is sent.
pub struct SmtpSink {
    pub port: u16,
    pub messages: Arc<Mutex<Vec<String>>>,
}

impl SmtpSink {
    pub async fn start_on(listener: tokio::net::TcpListener) -> SmtpSink {
        let port = listener.local_addr().unwrap().port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (r, mut w) = stream.into_split();
                    let mut lines = BufReader::new(r).lines();
                    let _ = w.write_all(b"220 localhost ESMTP test\r\n").await;
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(d) = data.as_mut() {
                            if line == "." {
                                store.lock().unwrap().push(data.take().unwrap_or_default());
                                let _ = w.write_all(b"250 OK queued\r\n").await;
                            } else {
                                d.push_str(&line);
                                d.push('\n');
                            }
                            continue;
                        }
                        let verb = line
                            .split_whitespace()
                            .next()
                            .unwrap_or("")
                            .to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" | "HELO" => b"250 localhost\r\n",
                            "DATA" => {
                                data = Some(String::new());
                                b"354 end with .\r\n"
                            }
                            "QUIT" => {
                                let _ = w.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"250 OK\r\n",
                        };
                        let _ = w.write_all(reply).await;
                    }
                });
            }
        });
        SmtpSink { port, messages }
    }
}

pub fn mail_config(port: u16) -> baylink_web::mail::MailConfig {
    baylink_web::mail::MailConfig {
        smtp_host: "127.0.0.1".into(),
        smtp_port: port,
        from: "Baylink <noreply@baylink.test>".into(),
        base_url: "https://baylink.test".into(),
    }
}

/// The upcoming demo event open to all.
pub async fn open_event(app: &TestApp) -> i64 {
    open_events(&app.client, &app.url("")).await[0]
}

/// The upcoming events open to all on the server at `base`, soonest first.
pub async fn open_events(client: &reqwest::Client, base: &str) -> Vec<i64> {
    let events: Value = client
        .get(format!("{base}/api/v1/events?when=upcoming"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["requires_approval"].as_bool().unwrap())
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

async fn register(app: &TestApp, event: i64, email: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/zh-Hant/events/{event}/register")))
        .form(&[
            ("name", "陳大文"),
            ("email", email),
            ("region", "hong_kong"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn register_get_a_ticket_check_in_and_cancel() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    let (status, page) = app.page(&format!("/zh-Hans/events/{event}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("application/ld+json") && page.contains("\"@type\":\"Event\""));

    // Bad input first: no consent, bad e-mail; nothing is written.
    let r = app
        .client
        .post(app.url(&format!("/en/events/{event}/register")))
        .form(&[("name", "X"), ("email", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Please agree to the privacy notice")
            && body.contains("Enter an e-mail address")
    );

    let r = register(&app, event, "chan@example.hk").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let own = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, mine) = app.page(&own).await;
    assert!(
        mine.contains("已確認") && mine.contains("<svg"),
        "a confirmed registration shows its QR ticket"
    );
    let ticket = mine
        .split("id=\"ticket-code\"")
        .nth(1)
        .unwrap()
        .split('>')
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(ticket.len(), 98);
    // The same address again is refused, in the reader's language.
    let again = register(&app, event, "CHAN@example.hk").await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("此電郵地址已報名本活動")
    );

    // At the door.
    app.sign_in(SECRETARIAT).await;
    let path = format!("/api/v1/events/{event}/check-in?lang=zh-Hans");
    let (status, first) = app
        .api(
            reqwest::Method::POST,
            &path,
            Some(json!({"ticket": ticket})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(
        first["name"], "陈大文",
        "the name in the door staff's script"
    );
    assert!(first["already_at"].is_null());
    let (_, second) = app
        .api(
            reqwest::Method::POST,
            &path,
            Some(json!({"ticket": ticket})),
        )
        .await;
    assert!(second["already_at"].is_i64(), "a second scan is flagged");
    let mut forged = ticket.clone().into_bytes();
    forged[20] = if forged[20] == b'A' { b'B' } else { b'A' };
    let (status, err) = app
        .api(
            reqwest::Method::POST,
            &path,
            Some(json!({"ticket": String::from_utf8(forged).unwrap()})),
        )
        .await;
    assert_eq!(
        (status, err["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("err-ticket-invalid"))
    );
    let other = event + 1;
    let (status, _) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{other}/check-in"),
            Some(json!({"ticket": ticket})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another event's key does not accept it"
    );
    let (status, page) = app.page(&format!("/zh-Hant/events/{event}/check-in")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("data-key=\""),
        "the door page carries the public key for offline checks"
    );
    let (_, found) = app
        .api(
            reqwest::Method::GET,
            &format!(
                "/api/v1/events/{event}/registrations?q=%E9%99%88%E5%A4%A7%E6%96%87&lang=zh-Hans"
            ),
            None,
        )
        .await;
    assert_eq!(
        found["items"][0]["display_name"], "陈大文",
        "found by name in the other script"
    );

    // Cancelling from the participant's own link; the ticket no longer admits.
    let r = app
        .client
        .post(app.url(&format!("{own}/cancel")))
        .form(&[("_csrf", app.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = app.page(&own).await;
    assert!(mine.contains("已取消") && !mine.contains("<svg"));
    let (status, err) = app
        .api(
            reqwest::Method::POST,
            &path,
            Some(json!({"ticket": ticket})),
        )
        .await;
    assert_eq!(
        (status, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("err-not-confirmed"))
    );

    // Staff see attendance and export the list.
    let (_, list) = app.page(&format!("/en/events/{event}/registrations")).await;
    assert!(list.contains("Attendance") && list.contains("By region"));
    let csv = app
        .get(&format!("/api/v1/events/{event}/registrations.csv"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()));
}

#[tokio::test]
async fn the_conference_page_shows_the_seeds_programme_and_calendars() {
    let app = kit::demo_app().await;
    let events: Value = app
        .get("/api/v1/events?year=2024&kind=annual_conference")
        .await
        .json()
        .await
        .unwrap();
    let conf = events["items"][0]["id"].as_i64().unwrap();
    let (_, page) = app.page(&format!("/zh-Hant/events/{conf}")).await;
    for text in [
        "2024深港澳科技界交流年會",
        "2024-12-09",
        "深港澳6G通感智算一體化",
        "灣區共融人才培養",
        "互聯網行業人工智能應用及商業閉環探討",
        "大模型推理商業落地",
        "深港澳科技聯盟工作總結會",
        "《互聯網智慧白皮書》最新發布",
        "全球智能挑戰賽",
        "蔣宇揚",
        "深圳市物聯網產業協會",
    ] {
        assert!(page.contains(text), "the conference page lacks {text}");
    }
    // Parallel forums share a row of the timetable.
    assert!(page.contains("--cols: 3"));
    let (_, hans) = app.page(&format!("/zh-Hans/events/{conf}")).await;
    assert!(hans.contains("2024深港澳科技界交流年会"));
    let r = app.get(&format!("/en/events/{conf}/calendar.ics")).await;
    assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = r.text().await.unwrap();
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART:20241209T053000Z"));
    assert!(ics.lines().all(|l| l.len() <= 75), "lines are folded");
    let series: Value = app
        .get(&format!("/api/v1/events/{conf}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(series["sessions"].as_array().unwrap().len(), 4);
    assert_eq!(series["guests"].as_array().unwrap().len(), 5);
    let sid = series["series"]["id"].as_i64().unwrap();
    assert!(
        app.get(&format!("/zh-Hant/series/{sid}/calendar.ics"))
            .await
            .text()
            .await
            .unwrap()
            .contains("UID:event-")
    );
    // Attendance by session on the staff page: the demo checks in 27 of its 30 test
    // participants, all of whom hold a main-session place.
    let mut staff = kit::demo_app().await;
    staff.sign_in(SECRETARIAT).await;
    let (_, regs) = staff
        .page(&format!("/en/events/{conf}/registrations"))
        .await;
    let main_row = regs
        .split("Main session: the alliance")
        .nth(1)
        .expect("the main session's attendance row");
    let cells: Vec<&str> = main_row
        .split("<td>")
        .skip(1)
        .take(2)
        .map(|c| c.split('<').next().unwrap())
        .collect();
    assert_eq!(
        cells,
        ["30", "27"],
        "registered and attended in the main session"
    );
    // Links both ways: the organiser's and the speaker's pages list the conference.
    let iot = app.org_id("深圳市物联网产业协会").await;
    let (_, org_page) = app.page(&format!("/zh-Hant/organisations/{iot}")).await;
    assert!(org_page.contains(&format!("/zh-Hant/events/{conf}")) && org_page.contains("承辦"));
    let jiang = app
        .store
        .list_people(&baylink_store::PersonFilter {
            q: Some("蔣宇揚".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .id;
    let (_, person_page) = app.page(&format!("/en/people/{jiang}")).await;
    assert!(person_page.contains(&format!("/en/events/{conf}")));
    let (_, list) = app.page("/en/events?year=2024").await;
    assert!(list.contains(
        "2024 Shenzhen–Hong Kong–Macao Science and Technology Exchange Annual Conference"
    ));
}

#[tokio::test]
async fn mail_waits_out_a_mail_server_outage() {
    let app = kit::demo_app().await;
    let event = open_event(&app).await;
    assert_eq!(
        register(&app, event, "mail@example.hk").await.status(),
        StatusCode::SEE_OTHER
    );
    // The mail server is down: nothing is sent, nothing is lost.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let store = app.store.as_ref();
    let now = baylink_store::sql::now();
    let sent = baylink_web::mail::send_due_at(store, &mail_config(port), now)
        .await
        .unwrap();
    assert_eq!(sent, 0);
    // Back up, and past the retry delay: it goes out, in the participant's language.
    let sink = SmtpSink::start_on(
        tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        baylink_web::mail::send_due_at(store, &mail_config(port), now + 1)
            .await
            .unwrap(),
        0,
        "not before the retry time"
    );
    let sent = baylink_web::mail::send_due_at(store, &mail_config(sink.port), now + 120)
        .await
        .unwrap();
    assert!(sent >= 1);
    let messages = sink.messages.lock().unwrap().clone();
    let ours = messages
        .iter()
        .find(|m| m.contains("mail@example.hk"))
        .expect("the registration mail arrived");
    use base64::Engine;
    let (headers, body) = ours.split_once("\n\n").expect("headers and body");
    assert!(headers.contains("Content-Transfer-Encoding: base64"));
    let body = base64::engine::general_purpose::STANDARD
        .decode(body.split_whitespace().collect::<String>())
        .unwrap();
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains("https://baylink.test/zh-Hant/registrations/"),
        "{body}"
    );
    assert!(
        body.contains("陳大文 你好") && body.contains("已確認"),
        "written in the participant's script: {body}"
    );
    assert_eq!(
        baylink_web::mail::send_due_at(store, &mail_config(sink.port), now + 240)
            .await
            .unwrap(),
        0,
        "sent once"
    );
}

#[tokio::test]
async fn staff_build_an_event_with_its_programme() {
    let mut app = kit::demo_app().await;
    let day = format!("{}-12-20", kit::next_year());
    app.sign_in(SECRETARIAT).await;
    // A bad date is pointed at, and nothing is made.
    let r = app
        .post_form(
            "/zh-Hant/events/new",
            &[
                ("kind", "forum"),
                ("title", "深港澳低空經濟論壇"),
                ("region", "hong_kong"),
                ("start_date", "2026-13-01"),
                ("end_date", "2026-12-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("請以 YYYY-MM-DD 格式輸入日期")
    );
    let r = app
        .post_form(
            "/zh-Hant/events/new",
            &[
                ("kind", "forum"),
                ("title", "深港澳低空經濟論壇"),
                ("title_en", "Low-altitude economy forum"),
                ("region", "hong_kong"),
                ("venue", "香港科學園"),
                ("start_date", &day),
                ("start_time", "09:30"),
                ("end_date", &day),
                ("end_time", "17:00"),
                ("capacity", "120"),
                ("registration_open", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let manage = r.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = manage
        .trim_start_matches("/zh-Hant/events/")
        .trim_end_matches("/manage")
        .parse()
        .unwrap();
    let hkitf = app.org_id("香港資訊科技聯會").await;
    assert_eq!(
        app.post_form(
            &format!("/zh-Hant/events/{id}/roles"),
            &[("org_id", &hkitf.to_string()), ("role", "host")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{id}/sessions"),
            &[
                ("kind", "forum"),
                ("title", "無人機物流分論壇"),
                ("date", &day),
                ("start_time", "14:00"),
                ("end_time", "16:00"),
                ("capacity", "40"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let prog: Value = app
        .get(&format!("/api/v1/events/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let session = prog["sessions"][0]["id"].as_i64().unwrap();
    let chiu = app
        .store
        .list_people(&baylink_store::PersonFilter {
            q: Some("邱達根".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .id;
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{id}/items"),
            &[
                ("session_id", &session.to_string()),
                ("kind", "keynote"),
                ("title", "低空經濟與智慧城市"),
                ("person_id", &chiu.to_string()),
                ("speaker_title", "香港資訊科技聯會會長"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // An item for another event's session is refused.
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{id}/items"),
            &[("session_id", "1"), ("kind", "talk"), ("title", "錯場")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, page) = app.page(&format!("/zh-Hans/events/{id}")).await;
    for text in [
        "深港澳低空经济论坛",
        "无人机物流分论坛",
        "低空经济与智慧城市",
        "邱达根",
        "香港资讯科技联会",
    ] {
        assert!(page.contains(text), "the new event's page lacks {text}");
    }
    // Editing keeps the version check.
    let (_, form) = app.page(&format!("/zh-Hant/events/{id}/edit")).await;
    assert!(form.contains(&format!("value=\"{day}\"")) && form.contains("value=\"09:30\""));
    // A mistaken session is removed with its items; another event's part cannot be.
    assert_eq!(
        app.post_form(&format!("/zh-Hant/events/{id}/parts/session/1/delete"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_form(
            &format!("/zh-Hant/events/{id}/parts/session/{session}/delete"),
            &[]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = app.page(&format!("/zh-Hans/events/{id}")).await;
    assert!(!page.contains("无人机物流分论坛") && !page.contains("低空经济与智慧城市"));
    // And the event itself, after a confirmation page.
    let (status, confirm) = app.page(&format!("/en/events/{id}/delete")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm.contains("Low-altitude economy forum"));
    assert_eq!(
        app.post_form(&format!("/en/events/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.page(&format!("/en/events/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn staff_write_to_registrants_and_print_badges() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    for email in ["a@example.mo", "b@example.mo"] {
        assert_eq!(
            register(&app, event, email).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    app.sign_in(SECRETARIAT).await;
    let r = app
        .post_form(
            &format!("/en/events/{event}/announce"),
            &[("status", "confirmed"), ("subject", ""), ("body", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &format!("/en/events/{event}/announce"),
            &[
                ("status", "confirmed"),
                ("subject", "會場更改"),
                ("body", "改在二樓。"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("queued=2")
    );
    let sink =
        SmtpSink::start_on(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap()).await;
    baylink_web::mail::send_due_at(
        app.store.as_ref(),
        &mail_config(sink.port),
        baylink_store::sql::now() + 5,
    )
    .await
    .unwrap();
    let msgs = sink.messages.lock().unwrap().clone();
    assert_eq!(
        msgs.iter()
            .filter(|m| m.contains("a@example.mo") || m.contains("b@example.mo"))
            .count(),
        4,
        "two confirmations and two announcements"
    );
    let (status, page) = app.page(&format!("/zh-Hant/events/{event}/badges")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("<svg").count(), 2);
    assert!(page.contains("陳大文") && page.contains("@page"));
    // Laid out as the desk looks them up: by strokes for a Hong Kong reader (王 4 before
    // 陳 16), by pinyin when asked (chén before wáng).
    let r = kit::client()
        .post(app.url(&format!("/zh-Hant/events/{event}/register")))
        .form(&[
            ("name", "王小明"),
            ("email", "c@example.mo"),
            ("region", "macao"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(&format!("/zh-Hant/events/{event}/badges")).await;
    assert!(page.find("王小明").unwrap() < page.find("陳大文").unwrap());
    let (_, page) = app
        .page(&format!("/zh-Hant/events/{event}/badges?order=pinyin"))
        .await;
    assert!(page.find("陳大文").unwrap() < page.find("王小明").unwrap());
    assert!(page.contains("<option value=\"pinyin\" selected>"));
}

#[tokio::test]
async fn invitations_pass_the_approval_and_expire() {
    let mut app = kit::demo_app().await;
    let gated = gated_event(&app).await;
    app.sign_in(SECRETARIAT).await;
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{gated}/invite"),
            &[
                ("name", "何嘉欣"),
                ("email", "ho@example.mo"),
                ("expires", "2099-01-01"),
                ("locale", "zh-Hant"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{gated}/invite"),
            &[
                ("name", "過期"),
                ("email", "late@example.mo"),
                ("expires", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let dup = app
        .post_form(
            &format!("/zh-Hant/events/{gated}/invite"),
            &[
                ("name", "何嘉欣"),
                ("email", "HO@example.mo"),
                ("expires", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(dup.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The invitation arrives by mail with a personal link.
    let sink =
        SmtpSink::start_on(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap()).await;
    baylink_web::mail::send_due_at(
        app.store.as_ref(),
        &mail_config(sink.port),
        baylink_store::sql::now() + 5,
    )
    .await
    .unwrap();
    let invs = app.store.list_invitations(gated).await.unwrap();
    let (good, late) = (
        invs.iter()
            .find(|i| i.email == "ho@example.mo")
            .unwrap()
            .token
            .clone(),
        invs.iter()
            .find(|i| i.email == "late@example.mo")
            .unwrap()
            .token
            .clone(),
    );
    assert_eq!(
        sink.messages
            .lock()
            .unwrap()
            .iter()
            .filter(|m| m.contains("ho@example.mo"))
            .count(),
        1
    );
    // The guest registers past the approval step.
    let guest = kit::client();
    let (status, form) = {
        let r = guest
            .get(app.url(&format!("/zh-Hant/invitations/{good}")))
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("value=\"ho@example.mo\""));
    let r = guest
        .post(app.url(&format!("/zh-Hant/invitations/{good}")))
        .form(&[
            ("name", "何嘉欣"),
            ("email", "ho@example.mo"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mine = guest
        .get(app.url(r.headers()["location"].to_str().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(mine.contains("已確認"), "an invitation bypasses approval");
    // Used and expired invitations are refused, clearly.
    let again = guest
        .get(app.url(&format!("/zh-Hant/invitations/{good}")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(again.text().await.unwrap().contains("此邀請已被使用"));
    let r = guest
        .post(app.url(&format!("/en/invitations/{late}")))
        .form(&[
            ("name", "Late"),
            ("email", "late@example.mo"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("This invitation has expired")
    );
    assert_eq!(
        app.store
            .list_registrations(gated, Some("late@example.mo"), None, 10, 0)
            .await
            .unwrap()
            .total,
        0
    );
}

#[tokio::test]
async fn organisers_choose_the_fields_they_ask_and_require() {
    let mut app = kit::demo_app().await;
    let day = format!("{}-12-28", kit::next_year());
    app.sign_in(SECRETARIAT).await;
    let r = app
        .post_form(
            "/en/events/new",
            &[
                ("kind", "visit"),
                ("title", "Visit to a Hong Kong lab"),
                ("region", "hong_kong"),
                ("start_date", &day),
                ("start_time", "10:00"),
                ("end_date", &day),
                ("end_time", "12:00"),
                ("registration_open", "1"),
                ("ask_organisation", "1"),
                ("require_organisation", "1"),
                ("ask_dietary", "1"),
                ("reminders_off", "1"),
                ("reminder_hours", "48"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = made_event(&r);
    // A visit whose organiser reminds the visitors otherwise.
    assert!(app.store.get_event(id).await.unwrap().reminders_off);
    let (_, form) = app.page(&format!("/en/events/{id}/edit")).await;
    assert!(
        form.contains("name=\"reminders_off\" value=\"1\" checked"),
        "{form}"
    );
    assert_eq!(
        app.store.get_event(id).await.unwrap().reminder_hours,
        Some(48)
    );
    assert!(
        form.contains("name=\"reminder_hours\" value=\"48\""),
        "{form}"
    );
    // A lead of a month is refused, with the field named, and nothing changes.
    let r = app
        .post_form(
            "/zh-Hant/events/new",
            &[
                ("kind", "visit"),
                ("title", "另一次參訪"),
                ("region", "hong_kong"),
                ("start_date", &day),
                ("start_time", "10:00"),
                ("end_date", &day),
                ("end_time", "12:00"),
                ("reminder_hours", "720"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("請輸入 3 至 168 之間的小時數")
    );
    let visitor = kit::client();
    let form = visitor
        .get(app.url(&format!("/en/events/{id}/register")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("name=\"organisation\" required") && form.contains("name=\"dietary\""));
    assert!(
        !form.contains("name=\"phone\""),
        "fields not asked are not shown"
    );
    let r = visitor
        .post(app.url(&format!("/en/events/{id}/register")))
        .form(&[
            ("name", "Ada"),
            ("email", "ada@example.org"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("This field is required."));
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{id}/registrations"),
            Some(json!({"name": "Ada", "email": "ada@example.org", "consent": true})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("organisation"))
    );
    let r = visitor
        .post(app.url(&format!("/en/events/{id}/register")))
        .form(&[
            ("name", "Ada"),
            ("email", "ada@example.org"),
            ("organisation", "HKU"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn staff_upload_an_invitee_sheet() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    app.sign_in(SECRETARIAT).await;
    let upload = |name: &'static str, body: Vec<u8>, csrf: Option<String>| {
        let form = reqwest::multipart::Form::new()
            .text("valid_until", "2099-12-31")
            .part(
                "file",
                reqwest::multipart::Part::bytes(body).file_name(name),
            );
        let url = match csrf {
            Some(t) => app.url(&format!("/zh-Hant/events/{event}/invitees?_csrf={t}")),
            None => app.url(&format!("/zh-Hant/events/{event}/invitees")),
        };
        app.client.post(url).multipart(form).send()
    };
    let sheet = "姓名,電郵\n黃小明,wong@example.hk\n,nobody@example.hk\n"
        .as_bytes()
        .to_vec();
    assert_eq!(
        upload("list.csv", sheet.clone(), None)
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN,
        "an upload needs the CSRF token too"
    );
    let r = upload("list.csv", sheet, Some(app.csrf.clone()))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("第 3 行") && body.contains("此欄必須填寫"),
        "{body}"
    );
    assert!(app.store.list_invitations(event).await.unwrap().is_empty());
    let good = "姓名,電郵,語言\n黃小明,wong@example.hk,zh-Hant\nTan Mei,tan@example.sg,en\n"
        .as_bytes()
        .to_vec();
    let r = upload("list.csv", good, Some(app.csrf.clone()))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("已排隊發出 2 份邀請"));
    assert_eq!(app.store.list_invitations(event).await.unwrap().len(), 2);
    let r = upload("list.pdf", b"%PDF".to_vec(), Some(app.csrf.clone()))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// A participant erases their personal data from their own link (PIPL, PDPO, Macao PDPA):
/// the registration is cancelled, the name and address are gone from it and from its mail,
/// and the page says so instead of showing them.
#[tokio::test]
async fn a_participant_erases_their_personal_data() {
    let app = kit::demo_app().await;
    let event = open_event(&app).await;
    let page = crate::matchmaking::register(&app, event, "陳大文", "erase-me@example.hk").await;
    let (_, mine) = app.page(&page).await;
    assert!(mine.contains("id=\"personal-data-erase\"") && mine.contains("陳大文"));
    assert!(mine.contains("刪除我的個人資料"));
    // Cancelling asks first, through the one confirmation script, not an inline handler.
    assert!(mine.contains("data-confirm=\"確定取消報名") && mine.contains("form[data-confirm]"));
    assert!(!mine.contains("onsubmit"));
    // First a copy of what is held, as a file.
    let token = page.rsplit('/').next().unwrap();
    let data_link = format!("/api/v1/registrations/{token}/data");
    assert!(mine.contains(&data_link));
    let r = app.get(&data_link).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: Value = r.json().await.unwrap();
    assert_eq!(data["registration"]["name"], "陳大文");
    assert_eq!(data["registration"]["email"], "erase-me@example.hk");
    assert!(data["meeting_requests"].is_array() && data["sessions"].is_array());
    assert!(data["registration"].get("manage_token").is_none());
    let r = kit::client()
        .post(app.url(&format!("{page}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = app.page(&page).await;
    assert!(mine.contains("id=\"personal-data-erased\""));
    assert!(!mine.contains("陳大文") && !mine.contains("id=\"personal-data-erase\""));
    let reg = app.store.registration_by_token(token).await.unwrap();
    assert!(reg.is_erased());
    assert_eq!(reg.status, baylink_store::RegStatus::Cancelled);
    assert_eq!((reg.name.as_str(), reg.phone), ("", None));
    // The confirmation mail queued at registration is dropped, and nothing else is left
    // addressed to them.
    let now = baylink_store::sql::now() + 1;
    while let Some(m) = app.store.claim_mail(now, now + 600).await.unwrap() {
        assert_ne!(m.registration_id, Some(reg.id), "{m:?}");
        assert_ne!(m.to_addr, "erase-me@example.hk");
        app.store.mark_mail_sent(m.id, now).await.unwrap();
    }
}

/// Staff erase a participant's personal data when asked by mail or phone: the list shows
/// the erased registration without name or address, and the audit log keeps who did it,
/// without the data.
#[tokio::test]
async fn staff_erase_personal_data_on_request() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    let page =
        crate::matchmaking::register(&app, event, "李小明", "erase-by-staff@example.cn").await;
    let token = page.rsplit('/').next().unwrap();
    let reg = app.store.registration_by_token(token).await.unwrap();
    app.sign_in(kit::SECRETARIAT).await;
    let list = format!("/zh-Hant/events/{event}/registrations");
    let (_, before) = app.page(&list).await;
    let action = format!("/events/{event}/registrations/{}/erase", reg.id);
    assert!(before.contains(&action) && before.contains("erase-by-staff@example.cn"));
    let r = app.post_form(&format!("/zh-Hant{action}"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, after) = app.page(&list).await;
    assert!(!after.contains("erase-by-staff@example.cn") && !after.contains(&action));
    assert!(after.contains("一位參加者（個人資料已刪除）"));
    assert!(
        app.store
            .registration_by_token(token)
            .await
            .unwrap()
            .is_erased()
    );
    let (_, log) = app.page("/zh-Hant/audit").await;
    assert!(log.contains(&format!(
        "<td>刪除個人資料</td><td><span title=\"registration\">報名</span> #{}",
        reg.id
    )));
    assert!(!log.contains("erase-by-staff@example.cn"));
}

/// Someone who lost the mails with their registration links asks for them again by
/// address: one mail lists every registration made with it, in the language of the page
/// asked from, and the page never says whether the address registered. A signed-in
/// account lists its own.
#[tokio::test]
async fn a_holder_who_lost_their_links_gets_them_again() {
    let mut app = kit::demo_app().await;
    let events = open_events(&app.client, &app.url("")).await;
    assert!(events.len() >= 2, "two events to register for: {events:?}");
    let first = crate::matchmaking::register(&app, events[0], "陳大文", "lost@example.hk").await;
    let second = crate::matchmaking::register(&app, events[1], "陳大文", "lost@example.hk").await;
    let other = crate::matchmaking::register(&app, events[0], "李小明", "other@example.hk").await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    let find = kit::client();
    let ask = |email: &str| {
        let find = find.clone();
        let url = app.url("/zh-Hans/registrations/find");
        let email = email.to_owned();
        async move {
            let r = find
                .post(url)
                .form(&[("email", email.as_str())])
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    // The way there: every event page links to the form.
    let (_, page) = app.page(&format!("/zh-Hans/events/{}", events[0])).await;
    assert!(page.contains("href=\"/zh-Hans/registrations/find\""));
    assert_eq!(
        app.page("/zh-Hans/registrations/find").await.0,
        StatusCode::OK
    );
    // Not an address: said in the reader's language, nothing queued.
    let (status, page) = ask("lost-at-example.hk").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("name@example.org"), "{page}");
    assert!(kit::sent_mails(app.store.as_ref(), now).await.is_empty());
    // Any case finds the address; one mail lists both registrations, not the other's.
    let (status, sent) = ask(" LOST@Example.hk ").await;
    assert_eq!(status, StatusCode::OK);
    assert!(sent.contains("id=\"find-sent\"") && sent.contains("lost@example.hk"));
    let mails = kit::sent_mails(app.store.as_ref(), now).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = baylink_web::mail::compose(app.store.as_ref(), &mails[0], "https://baylink.test")
        .await
        .unwrap();
    assert_eq!(mail.to, "lost@example.hk");
    assert!(mail.subject.contains("报名链接"), "{}", mail.subject);
    for page in [&first, &second] {
        let token = page.rsplit('/').next().unwrap();
        assert!(
            mail.body.contains(&format!(
                "https://baylink.test/zh-Hans/registrations/{token}"
            )),
            "{}",
            mail.body
        );
    }
    assert!(!mail.body.contains(other.rsplit('/').next().unwrap()));
    // Asked again at once: the same answer, no second mail (no flooding a mailbox).
    let (status, again) = ask("lost@example.hk").await;
    assert_eq!(status, StatusCode::OK);
    assert!(again.contains("id=\"find-sent\""));
    assert!(kit::sent_mails(app.store.as_ref(), now).await.is_empty());
    // An address that never registered gets the same page, and nothing is sent.
    let (status, unknown) = ask("nobody@example.hk").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        unknown.replace("nobody@example.hk", "X"),
        again.replace("lost@example.hk", "X"),
        "the page does not tell whether an address registered"
    );
    assert!(kit::sent_mails(app.store.as_ref(), now).await.is_empty());
    // An invitation not used yet is sent again the same way.
    let invitation = app
        .store
        .invite(
            &baylink_store::Actor::cli(),
            events[0],
            "guest@example.hk",
            "黃嘉賓",
            "zh-Hant",
            "lost-invitation-token",
            "zh-Hant",
            baylink_store::sql::now() + 7 * 86_400,
            baylink_store::sql::now(),
        )
        .await
        .unwrap();
    kit::sent_mails(app.store.as_ref(), now).await;
    assert_eq!(ask("guest@example.hk").await.0, StatusCode::OK);
    let mails = kit::sent_mails(app.store.as_ref(), now).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = baylink_web::mail::compose(app.store.as_ref(), &mails[0], "https://baylink.test")
        .await
        .unwrap();
    assert!(
        mail.body.contains(&format!(
            "https://baylink.test/zh-Hans/invitations/{}",
            invitation.token
        )) && mail.body.contains("尚未使用"),
        "{}",
        mail.body
    );
    // One connection asking for address after address is stopped after twenty in an hour
    // (four asked above), with a word in the reader's language.
    for i in 4..20 {
        let address = format!("walk{i}@example.hk");
        assert_eq!(ask(&address).await.0, StatusCode::OK, "ask {i}");
    }
    let (status, page) = ask("walk20@example.hk").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains("此连接的查询次数过多"), "{page}");

    // A signed-in account lists the registrations made with its address, with their links.
    assert_eq!(
        app.page("/en/registrations/mine").await.0,
        StatusCode::UNAUTHORIZED
    );
    // (The demo registers its participant account for its open matchmaking session.) An
    // invitation to the account's address waiting to be used is listed with its link.
    app.store
        .invite(
            &baylink_store::Actor::cli(),
            events[0],
            kit::PARTICIPANT,
            "Demo participant",
            "en",
            "mine-invitation-token",
            "en",
            baylink_store::sql::now() + 7 * 86_400,
            baylink_store::sql::now(),
        )
        .await
        .unwrap();
    app.sign_in(kit::PARTICIPANT).await;
    let (status, page) = app.page("/en/registrations/mine").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("id=\"mine-invited\"")
            && page.contains("href=\"/en/invitations/mine-invitation-token\""),
        "{page}"
    );
    let held = app
        .store
        .registrations_by_address(kit::PARTICIPANT)
        .await
        .unwrap();
    assert_eq!(held.len(), 1);
    assert!(
        page.contains(&format!(
            "href=\"/en/registrations/{}\"",
            held[0].manage_token
        )) && page.contains("Demo · Shenzhen–Hong Kong–Macao project matchmaking"),
        "{page}"
    );
    assert!(
        page.contains("id=\"mine-coming\"") && !page.contains(first.rsplit('/').next().unwrap())
    );
    let (_, home) = app.page("/en/").await;
    assert!(
        home.contains("href=\"/en/registrations/mine\""),
        "the menu leads there"
    );
}

#[tokio::test]
async fn a_representative_registers_a_delegation() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    let path = format!("/en/events/{event}/delegation");
    // Only an account that speaks for an organisation enters a delegation.
    assert_eq!(app.page(&path).await.0, StatusCode::UNAUTHORIZED);
    app.sign_in(kit::PARTICIPANT).await;
    assert_eq!(app.page(&path).await.0, StatusCode::FORBIDDEN);
    let (_, page) = app.page(&format!("/en/events/{event}")).await;
    assert!(!page.contains("id=\"delegation\""));
    app.client = kit::client();
    app.sign_in(kit::REP).await;
    let rep = app
        .store
        .find_user_by_email(kit::REP)
        .await
        .unwrap()
        .unwrap();
    let org = app
        .store
        .get_organisation(rep.org_id.unwrap())
        .await
        .unwrap();
    let (_, page) = app.page(&format!("/zh-Hant/events/{event}")).await;
    assert!(page.contains(&format!("href=\"/zh-Hant/events/{event}/delegation\"")));
    let (status, page) = app.page(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"delegation-form\"") && !page.contains("delegation-entered\""));
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    let held = |email: &'static str| {
        let store = app.store.clone();
        async move { store.registrations_by_address(email).await.unwrap().len() }
    };

    // An address twice and no word that they agreed: both said on their rows, in the
    // reader's language, and nothing is written.
    let r = app
        .post_form(
            &path.replace("/en/", "/zh-Hant/"),
            &[
                ("name_1", "陳大文"),
                ("email_1", "tai.man@hkitf.example"),
                ("name_2", "陳大文"),
                ("email_2", "Tai.Man@hkitf.example"),
                ("locale_2", "fr"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("此電郵地址重複填寫") && body.contains("請確認所列人士均已同意"),
        "{body}"
    );
    let row2 = body.find("name=\"locale_2\"").unwrap();
    let unknown = body[row2..].find("請從列出的選項中選擇").unwrap() + row2;
    assert!(unknown < body.find("name=\"name_3\"").unwrap());
    assert_eq!(held("tai.man@hkitf.example").await, 0);
    // Nobody listed.
    let r = app.post_form(&path, &[("consent", "1")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Fill in at least one person.")
    );
    // One of them registered already: all or nothing, the error on that row.
    let r = kit::client()
        .post(app.url(&format!("/en/events/{event}/register")))
        .form(&[
            ("name", "李小明"),
            ("email", "siu.ming@hkitf.example"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    kit::sent_mails(app.store.as_ref(), now).await;
    let r = app
        .post_form(
            &path,
            &[
                ("name_1", "陳大文"),
                ("email_1", "tai.man@hkitf.example"),
                ("name_3", "李小明"),
                ("email_3", "siu.ming@hkitf.example"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    let row3 = body.find("name=\"email_3\"").unwrap();
    let said = body.find("already registered for this event").unwrap();
    assert!(said > row3 && said < body.find("name=\"name_4\"").unwrap());
    assert_eq!(held("tai.man@hkitf.example").await, 0);

    // Taken: each delegate registered as the organisation's, with their own mail.
    let r = app
        .post_form(
            &path,
            &[
                ("name_1", "陳大文"),
                ("email_1", "tai.man@hkitf.example"),
                ("position_1", "資訊科技總監"),
                ("locale_1", "zh-Hant"),
                ("name_2", "Mary Chan"),
                ("email_2", "mary@hkitf.example"),
                ("locale_2", "en"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let entered = app.store.delegation(event, rep.id).await.unwrap();
    assert_eq!(entered.len(), 2);
    for r in &entered {
        assert_eq!(r.organisation.as_deref(), Some(org.name.as_str()));
        assert_eq!(r.region.as_deref(), Some(org.region.code()));
        assert_eq!(r.status, baylink_store::RegStatus::Confirmed);
    }
    assert_eq!(entered[0].position.as_deref(), Some("資訊科技總監"));
    // Each one's mails in the language chosen for them.
    assert_eq!(
        entered
            .iter()
            .map(|r| r.locale.as_str())
            .collect::<Vec<_>>(),
        ["zh-Hant", "en"]
    );
    let mails = kit::sent_mails(app.store.as_ref(), now).await;
    let mut to: Vec<&str> = mails.iter().map(|m| m.to_addr.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, ["mary@hkitf.example", "tai.man@hkitf.example"]);
    // The page lists them, in the reader's script.
    let (_, page) = app
        .page(&format!("/zh-Hans/events/{event}/delegation"))
        .await;
    assert!(
        page.contains("id=\"delegation-entered\"") && page.contains("资讯科技总监"),
        "{page}"
    );
    assert!(page.contains("Mary Chan") && page.contains("陈大文"));

    // The representative cancels one of theirs, not anyone else's.
    let other = app
        .store
        .registrations_by_address("siu.ming@hkitf.example")
        .await
        .unwrap()[0]
        .id;
    let r = app
        .post_form(
            &format!("/en/events/{event}/delegation/{other}/cancel"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .post_form(
            &format!("/en/events/{event}/delegation/{}/cancel", entered[1].id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = app.store.delegation(event, rep.id).await.unwrap();
    assert_eq!(after[1].status, baylink_store::RegStatus::Cancelled);
    assert_eq!(after[0].status, baylink_store::RegStatus::Confirmed);
    let still = app
        .store
        .registrations_by_address("siu.ming@hkitf.example")
        .await
        .unwrap();
    assert_eq!(still[0].status, baylink_store::RegStatus::Confirmed);
}

/// The organiser sets places per member organisation (名額): the representative sees how
/// many their organisation holds and cannot pass them, and staff see which registrations
/// came through a delegation.
/// A representative may answer the organiser's questions for each colleague on the
/// delegation form (a row of its own under each person); once anything is answered for
/// one, their required questions must be, the error shown on that row; what is left
/// blank waits for the colleague's own page.
#[tokio::test]
async fn a_representative_answers_for_colleagues() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    let me = baylink_store::Actor::cli();
    let ask = |kind: &str, label: &str, options: &[&str], required: bool| {
        baylink_store::QuestionInput {
            kind: kind.into(),
            label: label.into(),
            options: options.iter().map(|o| o.to_string()).collect(),
            required,
            ..Default::default()
        }
        .validate(baylink_text::Script::Hant)
        .unwrap()
    };
    let doc = app
        .store
        .add_question(&me, event, &ask("text", "回鄉證號碼", &[], true))
        .await
        .unwrap();
    let meals = app
        .store
        .add_question(
            &me,
            event,
            &ask("choices", "出席環節", &["午餐", "晚宴"], false),
        )
        .await
        .unwrap();
    app.sign_in(kit::REP).await;
    let path = format!("/zh-Hant/events/{event}/delegation");
    let (_, page) = app.page(&path).await;
    let (d1, d2) = (format!("d1_{}", doc.field()), format!("d2_{}", doc.field()));
    assert!(
        page.contains(&format!("name=\"{d1}\"")) && page.contains("代第 2 位回答主辦方的問題"),
        "{page}"
    );
    assert!(
        !page.contains(&format!("name=\"{d1}\" required")),
        "not required here"
    );
    let dinner = format!("d1_{}_1", meals.field());
    let row2_meal = format!("d2_{}_0", meals.field());
    let r = app
        .post_form(
            &path,
            &[
                ("name_1", "黃志明"),
                ("email_1", "chi.ming@hkitf.example"),
                (d1.as_str(), "H1234567"),
                (dinner.as_str(), "晚宴"),
                ("name_2", "何嘉欣"),
                ("email_2", "ka.yan@hkitf.example"),
                (row2_meal.as_str(), "午餐"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    let row2 = body.find(&format!("name=\"{d2}\"")).expect("row 2's field");
    let error = body[row2..].find("class=\"error\"").unwrap() + row2;
    assert!(
        error < body.find("name=\"name_3\"").unwrap(),
        "the error is on row 2"
    );
    assert!(body.contains("<details id=\"answers-2\" open>"), "{body}");
    assert!(
        app.store
            .registrations_by_address("chi.ming@hkitf.example")
            .await
            .unwrap()
            .is_empty(),
        "all or nothing"
    );
    // The second colleague's answers left for them: both registered.
    let r = app
        .post_form(
            &path,
            &[
                ("name_1", "黃志明"),
                ("email_1", "chi.ming@hkitf.example"),
                (d1.as_str(), "H1234567"),
                (dinner.as_str(), "晚宴"),
                ("name_2", "何嘉欣"),
                ("email_2", "ka.yan@hkitf.example"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let answers = |email: &'static str| {
        let store = app.store.clone();
        async move {
            let reg = store
                .registrations_by_address(email)
                .await
                .unwrap()
                .remove(0);
            store
                .answers_of(reg.id)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.answer)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        answers("chi.ming@hkitf.example").await,
        ["H1234567", "晚宴"]
    );
    assert!(answers("ka.yan@hkitf.example").await.is_empty());

    // The same through the API, the error named by the question and the person.
    let (status, err) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{event}/delegation"),
            Some(serde_json::json!({
                "people": [
                    {"name": "林美玲", "email": "mei.ling@hkitf.example"},
                    {"name": "梁國華", "email": "kwok.wah@hkitf.example",
                     "answers": [{"question_id": meals.id, "values": ["午餐"]}]},
                ],
                "consent": true,
            })),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        err.to_string().contains(&format!("{}_2", doc.field())),
        "{err}"
    );
}

#[tokio::test]
async fn places_per_organisation_bound_a_delegation() {
    let mut app = kit::demo_app().await;
    app.sign_in(kit::ADMIN).await;
    let year = kit::next_year();
    let (start, end) = (format!("{year}-06-01"), format!("{year}-06-02"));
    let event = |quota: &'static str| {
        [
            ("kind", "annual_conference"),
            ("title", "深港澳科技合作年會"),
            ("region", "shenzhen"),
            ("start_date", start.as_str()),
            ("start_time", "09:00"),
            ("end_date", end.as_str()),
            ("end_time", "17:00"),
            ("registration_open", "1"),
            ("delegation_quota", quota),
        ]
    };
    let r = app.post_form("/en/events/new", &event("-1")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    let field = body.find("name=\"delegation_quota\"").unwrap();
    assert!(body[field..].contains("Enter a number."), "{body}");
    let r = app.post_form("/en/events/new", &event("2")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = made_event(&r);
    let (_, form) = app.page(&format!("/zh-Hant/events/{id}/edit")).await;
    assert!(form.contains("每個成員單位名額") && form.contains("value=\"2\""));

    app.client = kit::client();
    app.sign_in(kit::REP).await;
    let (_, page) = app.page(&format!("/en/events/{id}")).await;
    assert!(page.contains("id=\"delegation\""));
    let path = format!("/en/events/{id}/delegation");
    let (_, page) = app.page(&path).await;
    assert!(
        page.contains("Your organisation holds 0 of its 2 places at this event."),
        "{page}"
    );
    let person = |n: usize| {
        [
            (format!("name_{n}"), format!("同事{n}")),
            (format!("email_{n}"), format!("places{n}@hkitf.example")),
        ]
    };
    let three: Vec<(String, String)> = (1..=3)
        .flat_map(person)
        .chain([("consent".to_owned(), "1".to_owned())])
        .collect();
    fn as_refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
        v.iter().map(|(k, x)| (k.as_str(), x.as_str())).collect()
    }
    let r = app.post_form(&path, &as_refs(&three)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Your organisation has only 2 places left at this event.")
    );
    let rep = app
        .store
        .find_user_by_email(kit::REP)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.store.delegation_places(id, rep.id).await.unwrap(), 0);
    assert!(
        app.store
            .registrations_by_address("places1@hkitf.example")
            .await
            .unwrap()
            .is_empty()
    );
    let two: Vec<(String, String)> = three
        .iter()
        .filter(|(k, _)| !k.ends_with("_3"))
        .cloned()
        .collect();
    let r = app.post_form(&path, &as_refs(&two)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Full: a notice instead of the form, in the reader's script.
    let (_, page) = app.page(&format!("/zh-Hant/events/{id}/delegation")).await;
    assert!(
        page.contains("已使用 2 個名額，共 2 個")
            && page.contains("id=\"delegation-full\"")
            && !page.contains("id=\"delegation-form\""),
        "{page}"
    );
    // A second representative of the organisation sees what the first entered, and by whom.
    let colleague = baylink_store::UserInput {
        email: "rep2.hkitf@demo.baylink".into(),
        display_name: "第二代表".into(),
        role: "participant".into(),
        side_id: None,
        org_id: rep.org_id,
    }
    .validate()
    .unwrap();
    let hash = baylink_web::auth::hash_password(kit::PASSWORD).unwrap();
    app.store
        .create_user(&baylink_store::Actor::cli(), &colleague, &hash)
        .await
        .unwrap();
    app.client = kit::client();
    app.sign_in("rep2.hkitf@demo.baylink").await;
    let (_, page) = app.page(&format!("/zh-Hant/events/{id}/delegation")).await;
    let theirs = &page[page
        .find("id=\"delegation-colleagues\"")
        .expect("the colleagues' list")..];
    assert!(
        theirs.contains("同事1") && theirs.contains("同事2") && theirs.contains(&rep.display_name),
        "{page}"
    );
    assert!(page.contains("已使用 2 個名額，共 2 個"));

    // Staff see the two came through a delegation, and no one else did.
    app.client = kit::client();
    app.sign_in(kit::ADMIN).await;
    let (_, page) = app
        .page(&format!("/zh-Hant/events/{id}/registrations"))
        .await;
    assert_eq!(page.matches("badge delegation").count(), 2, "{page}");
    // And in the export, who entered them.
    let csv = app
        .get(&format!("/api/v1/events/{id}/registrations.csv?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("Registered by (delegation)")
    );
    assert_eq!(
        csv.lines()
            .filter(|l| l.ends_with(&format!(",{}", rep.display_name)))
            .count(),
        2,
        "{csv}"
    );
    // The organiser gives the organisation a third place of its own.
    let org = rep.org_id.unwrap().to_string();
    let r = app
        .post_form(
            &format!("/en/events/{id}/organisation-places"),
            &[("org_id", org.as_str()), ("places", "-2")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &format!("/en/events/{id}/organisation-places"),
            &[("org_id", org.as_str()), ("places", "3")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, manage) = app.page(&format!("/en/events/{id}/manage")).await;
    assert!(manage.contains("id=\"organisation-places\""), "{manage}");
    // A row's button gives the event's number back; then a third place again.
    let places_form = format!("/en/events/{id}/organisation-places");
    let r = app
        .post_form(&places_form, &[("reset", org.as_str())])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(app.store.organisation_places(id).await.unwrap().is_empty());
    app.post_form(&places_form, &[("org_id", org.as_str()), ("places", "3")])
        .await;
    app.client = kit::client();
    app.sign_in(kit::REP).await;
    let (_, page) = app.page(&path).await;
    assert!(
        page.contains("Your organisation holds 2 of its 3 places at this event.")
            && page.contains("id=\"delegation-form\""),
        "{page}"
    );
}

/// The holder corrects their details through their link, keeping their seat and address;
/// a representative corrects a colleague they registered, and no one else.
#[tokio::test]
async fn holders_and_representatives_correct_details() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    assert_eq!(
        register(&app, event, "correct@example.hk").await.status(),
        StatusCode::SEE_OTHER
    );
    let reg = app
        .store
        .registrations_by_address("correct@example.hk")
        .await
        .unwrap()
        .remove(0);
    let token = reg.manage_token.clone();
    let (_, page) = app.page(&format!("/en/registrations/{token}")).await;
    assert!(page.contains(&format!("href=\"/en/registrations/{token}/details\"")));
    let path = format!("/zh-Hant/registrations/{token}/details");
    let r = app.get(&path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let form = r.text().await.unwrap();
    assert!(
        form.contains("value=\"陳大文\"") && form.contains("correct@example.hk"),
        "{form}"
    );
    // No name: refused in the reader's language, nothing changed.
    let r = app
        .post_form(&path, &[("name", " "), ("region", "macao")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("此欄必須填寫"));
    let now = app.store.get_registration(reg.id).await.unwrap();
    assert_eq!(
        (now.name.as_str(), now.region.as_deref()),
        ("陳大文", Some("hong_kong"))
    );
    // Corrected: back to the registration, the same seat, address and link.
    let r = app
        .post_form(&path, &[("name", "陳小文"), ("region", "macao")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        format!("/zh-Hant/registrations/{token}")
    );
    let now = app.store.get_registration(reg.id).await.unwrap();
    assert_eq!(
        (
            now.name.as_str(),
            now.region.as_deref(),
            now.email.as_str(),
            now.status
        ),
        ("陳小文", Some("macao"), "correct@example.hk", reg.status)
    );
    let (_, page) = app.page(&format!("/zh-Hans/registrations/{token}")).await;
    assert!(page.contains("陈小文"));
    // The same through the API: what is left out stays, a name cannot be emptied.
    let api = format!("/api/v1/registrations/{token}");
    let (status, body) = app
        .api(
            reqwest::Method::PATCH,
            &api,
            Some(serde_json::json!({"name": ""})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "name", "{body}");
    let (status, body) = app
        .api(
            reqwest::Method::PATCH,
            &api,
            Some(serde_json::json!({"dietary": "素食"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let now = app.store.get_registration(reg.id).await.unwrap();
    assert_eq!(
        (
            now.name.as_str(),
            now.dietary.as_deref(),
            now.region.as_deref()
        ),
        ("陳小文", Some("素食"), Some("macao"))
    );
    // Once cancelled, no more corrections.
    app.post_form(&format!("/en/registrations/{token}/cancel"), &[])
        .await;
    let (_, page) = app
        .page(&format!("/en/registrations/{token}/details"))
        .await;
    assert!(page.contains("cannot be changed") && !page.contains("id=\"details-form\""));
    let r = app.post_form(&path, &[("name", "陳大文")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // A representative corrects a colleague they entered, keeping the organisation's
    // fields; someone else's registration is not theirs to correct.
    app.client = kit::client();
    app.sign_in(kit::REP).await;
    let r = app
        .post_form(
            &format!("/en/events/{event}/delegation"),
            &[
                ("name_1", "Mary Chan"),
                ("email_1", "mary.correct@hkitf.example"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mary = app
        .store
        .registrations_by_address("mary.correct@hkitf.example")
        .await
        .unwrap()
        .remove(0);
    let (_, page) = app.page(&format!("/en/events/{event}/delegation")).await;
    let details = format!("/en/events/{event}/delegation/{}/details", mary.id);
    assert!(page.contains(&format!("href=\"{details}\"")));
    let (status, form) = app.page(&details).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!form.contains("name=\"organisation\"") && !form.contains("name=\"region\""));
    // The representative may answer the event's questions for her (the demo's are
    // optional), and may leave them to her.
    assert!(form.contains("需要協助安排跨境交通"), "{form}");
    let r = app
        .post_form(
            &details,
            &[
                ("name", "Mary Chan Wai-man"),
                ("position", "CTO"),
                ("organisation", "Other"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let now = app.store.get_registration(mary.id).await.unwrap();
    assert_eq!(
        (now.name.as_str(), now.position.as_deref(), now.organisation),
        ("Mary Chan Wai-man", Some("CTO"), mary.organisation)
    );
    let audit = app.store.list_audit(100, 0).await.unwrap().items;
    assert!(
        audit
            .iter()
            .any(|e| e.action == "correct" && e.entity_id == mary.id)
    );
    let other = format!("/en/events/{event}/delegation/{}/details", reg.id);
    assert_eq!(app.page(&other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post_form(&other, &[("name", "X")]).await.status(),
        StatusCode::NOT_FOUND
    );
    // Nor are staff's pages theirs, unless they manage the event (the demo's
    // representative manages the seminar: not here).
    let rep = app
        .store
        .find_user_by_email(kit::REP)
        .await
        .unwrap()
        .unwrap();
    if let Err(e) = app
        .store
        .remove_event_manager(&baylink_store::Actor::cli(), event, rep.id)
        .await
    {
        assert!(matches!(e, baylink_store::StoreError::NotFound), "{e:?}");
    }
    let staff = format!("/en/events/{event}/registrations/{}/details", mary.id);
    assert_eq!(app.page(&staff).await.0, StatusCode::FORBIDDEN);

    // Staff correct any registration of the event, on the holder's request, from the list.
    app.client = kit::client();
    app.sign_in(kit::SECRETARIAT).await;
    let (_, list) = app
        .page(&format!("/en/events/{event}/registrations?q=mary"))
        .await;
    assert!(list.contains(&format!("href=\"{staff}\"")), "{list}");
    let (_, form) = app.page(&staff).await;
    assert!(form.contains("name=\"organisation\""));
    let r = app
        .post_form(&staff, &[("name", "CHAN Mary"), ("organisation", "HKITF")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let now = app.store.get_registration(mary.id).await.unwrap();
    assert_eq!(
        (now.name.as_str(), now.organisation.as_deref()),
        ("CHAN Mary", Some("HKITF"))
    );
    let corrections = app
        .store
        .list_audit(100, 0)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|e| e.action == "correct" && e.entity_id == mary.id)
        .count();
    assert_eq!(corrections, 2);
    let elsewhere = format!("/en/events/{}/registrations/{}/details", event + 1, mary.id);
    assert_eq!(app.page(&elsewhere).await.0, StatusCode::NOT_FOUND);
}

/// The day before an event, its registrants get a reminder in their language with the
/// place and their ticket's link; one cancelled before it goes out gets none.
#[tokio::test]
async fn registrants_are_reminded_the_day_before() {
    let app = kit::demo_app().await;
    let event = open_event(&app).await;
    for email in ["remind@example.hk", "gone@example.hk"] {
        assert_eq!(
            register(&app, event, email).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let starts = app.store.get_event(event).await.unwrap().starts_at;
    let at = starts - 20 * 3600;
    kit::sent_mails(app.store.as_ref(), at).await;
    assert_eq!(app.store.queue_event_reminders(at).await.unwrap(), 2);
    let gone = app
        .store
        .registrations_by_address("gone@example.hk")
        .await
        .unwrap()
        .remove(0);
    app.store
        .cancel_registration(None, gone.id, baylink_store::sql::now())
        .await
        .unwrap();
    let mails: Vec<_> = kit::sent_mails(app.store.as_ref(), at)
        .await
        .into_iter()
        .filter(|m| m.kind == "reminder")
        .collect();
    assert_eq!(mails.len(), 2);
    let reg = app
        .store
        .registrations_by_address("remind@example.hk")
        .await
        .unwrap()
        .remove(0);
    for m in &mails {
        let composed =
            baylink_web::mail::compose(app.store.as_ref(), m, "https://baylink.test").await;
        if m.registration_id == Some(reg.id) {
            let mail = composed.unwrap();
            assert!(mail.subject.starts_with("活動提醒"), "{}", mail.subject);
            assert!(
                mail.body.contains("深圳前海")
                    && mail.body.contains(&format!(
                        "https://baylink.test/zh-Hant/registrations/{}",
                        reg.manage_token
                    )),
                "{}",
                mail.body
            );
        } else {
            // Cancelled since: nothing left to remind them of.
            assert!(matches!(composed, Err(baylink_store::StoreError::NotFound)));
        }
    }
}

/// One waiting for a seat sees where they stand, and moves up as others leave.
#[tokio::test]
async fn the_waiting_see_their_place() {
    let app = kit::demo_app().await;
    let event = an_event(&app, "seminar", "小型研討會", Some(1)).await;
    let mut links = Vec::new();
    for email in ["seat@example.mo", "next@example.mo", "after@example.mo"] {
        let r = register(&app, event, email).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        links.push(r.headers()["location"].to_str().unwrap().to_owned());
    }
    let (_, page) = app.page(&links[0]).await;
    assert!(!page.contains("id=\"waiting-position\""));
    let (_, page) = app.page(&links[2]).await;
    assert!(page.contains("你在候補名單上排第 2 位"), "{page}");
    // The holder's API view says the same.
    let token = links[2].rsplit('/').next().unwrap();
    let (_, mine) = app
        .api(
            reqwest::Method::GET,
            &format!("/api/v1/registrations/{token}"),
            None,
        )
        .await;
    assert_eq!(mine["waiting_position"], 2, "{mine}");
    let (_, page) = app.page(&links[1].replace("/zh-Hant/", "/en/")).await;
    assert!(page.contains("You are next on the waiting list."), "{page}");
    // The second leaves the list: the third is next.
    let cancel = format!("{}/cancel", links[1]);
    assert_eq!(
        app.post_form(&cancel, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = app.page(&links[2]).await;
    assert!(page.contains("你在候補名單上排第 1 位"), "{page}");
}

/// A holder moves from one parallel forum to another themselves: their seat in the first
/// goes to the one waiting for it, the second seats them.
/// Two parallel forums of `event` at the same hour, `capacity` seats each.
async fn two_forums(app: &kit::TestApp, event: i64, capacity: i64) -> Vec<i64> {
    let me = baylink_store::Actor::cli();
    let starts = june_noon(kit::next_year());
    let mut forums = Vec::new();
    for title in ["人工智能分論壇", "低空經濟分論壇"] {
        let session = baylink_store::SessionInput {
            event_id: event,
            kind: "forum".into(),
            title: title.into(),
            starts_at: starts,
            ends_at: starts + 3600,
            capacity: Some(capacity),
            ..Default::default()
        }
        .validate(baylink_text::Script::Hant)
        .unwrap();
        let created = app.store.create_event_session(&me, &session).await.unwrap();
        forums.push(created.id);
    }
    forums
}

#[tokio::test]
async fn a_holder_changes_their_forum() {
    let app = kit::demo_app().await;
    let event = an_event(&app, "annual_conference", "科技年會", None).await;
    let forums = two_forums(&app, event, 1).await;
    let first = forums[0].to_string();
    let mut links = Vec::new();
    for email in ["moves@example.hk", "waits@example.hk"] {
        let r = app
            .client
            .post(app.url(&format!("/zh-Hant/events/{event}/register")))
            .form(&[
                ("name", "陳大文"),
                ("email", email),
                ("consent", "1"),
                ("sessions", first.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        links.push(r.headers()["location"].to_str().unwrap().to_owned());
    }
    let (_, page) = app.page(&links[0]).await;
    assert!(
        page.contains("id=\"change-session\"") && page.contains("更換分論壇"),
        "{page}"
    );
    // The one they hold is not offered to move to.
    let to = &page[page.find("id=\"move-to\"").unwrap()..];
    let to = &to[..to.find("</select>").unwrap()];
    assert!(!to.contains(&format!("value=\"{first}\"")), "{to}");
    let second = forums[1].to_string();
    let r = app
        .post_form(
            &format!("{}/sessions", links[0]),
            &[("from", first.as_str()), ("to", second.as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let status_in = |email: &'static str, forum: i64| {
        let store = app.store.clone();
        async move {
            let reg = store
                .registrations_by_address(email)
                .await
                .unwrap()
                .remove(0);
            store
                .session_registrations(reg.id)
                .await
                .unwrap()
                .into_iter()
                .find(|sr| sr.session_id == forum)
                .map(|sr| sr.status)
        }
    };
    use baylink_store::RegStatus::{Cancelled, Confirmed};
    assert_eq!(
        status_in("moves@example.hk", forums[1]).await,
        Some(Confirmed)
    );
    assert_eq!(
        status_in("moves@example.hk", forums[0]).await,
        Some(Cancelled)
    );
    assert_eq!(
        status_in("waits@example.hk", forums[0]).await,
        Some(Confirmed)
    );
    // The session left is no longer offered to leave.
    let (_, page) = app.page(&links[0]).await;
    let from = &page[page.find("id=\"move-from\"").unwrap()..];
    let from = &from[..from.find("</select>").unwrap()];
    assert!(
        !from.contains(&format!("value=\"{first}\""))
            && from.contains(&format!("value=\"{second}\"")),
        "{from}"
    );
    // The same through the API: the second holder joins the other forum too.
    let token = links[1].rsplit('/').next().unwrap();
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/registrations/{token}/sessions"),
            Some(json!({"to": forums[1]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        status_in("waits@example.hk", forums[1]).await,
        Some(baylink_store::RegStatus::Waiting)
    );
    // A session of another event is refused, and changes nothing.
    let r = app
        .post_form(&format!("{}/sessions", links[1]), &[("to", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        status_in("waits@example.hk", forums[0]).await,
        Some(Confirmed)
    );
}

/// An event open for registration next year (noon on the first of June, four hours),
/// made in the store, for tests that need one of their own; its id.
async fn an_event(app: &TestApp, kind: &str, title: &str, capacity: Option<i64>) -> i64 {
    let starts = june_noon(kit::next_year());
    let input = baylink_store::EventInput {
        kind: kind.into(),
        title: title.into(),
        region: "shenzhen".into(),
        starts_at: starts,
        ends_at: starts + 4 * 3600,
        capacity,
        registration_open: true,
        ..Default::default()
    }
    .validate(baylink_text::Script::Hant)
    .unwrap();
    app.store
        .create_event(
            &baylink_store::Actor::cli(),
            &input,
            &baylink_tickets::generate_key(),
        )
        .await
        .unwrap()
        .id
}

/// Noon in Hong Kong on the first of June of `year`.
fn june_noon(year: i32) -> i64 {
    baylink::demo_events::hk(year, 6, 1, 12, 0)
}

#[tokio::test]
async fn a_delegation_through_the_api() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    let path = format!("/api/v1/events/{event}/delegation");
    let (status, _) = app.api(reqwest::Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.sign_in(kit::REP).await;
    let person = |i: usize| serde_json::json!({"name": format!("同事{i}"), "email": format!("colleague{i}@hkitf.example")});
    // Eleven at once, and no word that they agreed: refused whole, in the asked language.
    let many: Vec<Value> = (1..=11).map(person).collect();
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &format!("{path}?lang=zh-Hant"),
            Some(serde_json::json!({"people": many})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["people", "consent"], "{body}");
    assert!(body.to_string().contains("每次最多 10 人"), "{body}");
    // The second person's address is not one: named by their number.
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &path,
            Some(serde_json::json!({"people": [person(1), {"name": "X", "email": "nope"}], "consent": true})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "email_2", "{body}");
    let (_, listed) = app.api(reqwest::Method::GET, &path, None).await;
    assert_eq!(listed, serde_json::json!([]));
    // Taken: both listed, without their private links.
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &path,
            Some(serde_json::json!({"people": [person(1), person(2)], "consent": true})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 2);
    assert!(!body.to_string().contains("manage"), "{body}");
    let (status, listed) = app.api(reqwest::Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed[1]["email"], "colleague2@hkitf.example");
    assert_eq!(listed[1]["status"], "confirmed");
}

/// A representative moves a colleague they entered to the other parallel forum, as the
/// colleague could from their own link; not someone they did not enter.
#[tokio::test]
async fn a_representative_moves_a_delegate_to_another_forum() {
    let mut app = kit::demo_app().await;
    let event = an_event(&app, "annual_conference", "科技年會", None).await;
    let forums = two_forums(&app, event, 5).await;
    let (first, second) = (forums[0].to_string(), forums[1].to_string());
    // Someone else, registered publicly.
    let r = app
        .client
        .post(app.url(&format!("/en/events/{event}/register")))
        .form(&[
            ("name", "Other"),
            ("email", "other@example.hk"),
            ("consent", "1"),
            ("sessions", first.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let other = app
        .store
        .registrations_by_address("other@example.hk")
        .await
        .unwrap()[0]
        .id;

    app.sign_in(kit::REP).await;
    let path = format!("/zh-Hant/events/{event}/delegation");
    let r = app
        .post_form(
            &path,
            &[
                ("name_1", "陳大文"),
                ("email_1", "tai.man@hkitf.example"),
                ("sessions", first.as_str()),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let delegate = app
        .store
        .registrations_by_address("tai.man@hkitf.example")
        .await
        .unwrap()[0]
        .id;
    let (_, page) = app.page(&path).await;
    assert!(
        page.contains("class=\"delegate-move\"") && page.contains("人工智能分論壇"),
        "{page}"
    );

    let moved = app
        .post_form(
            &format!("{path}/{delegate}/sessions"),
            &[("from", first.as_str()), ("to", second.as_str())],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    let places = app.store.session_registrations(delegate).await.unwrap();
    let status_in = |forum: i64| {
        places
            .iter()
            .find(|p| p.session_id == forum)
            .map(|p| p.status)
    };
    assert_eq!(
        status_in(forums[1]),
        Some(baylink_store::RegStatus::Confirmed)
    );
    assert_eq!(
        status_in(forums[0]),
        Some(baylink_store::RegStatus::Cancelled)
    );
    let audit = app.store.list_audit(20, 0).await.unwrap();
    let rep = app
        .store
        .find_user_by_email(kit::REP)
        .await
        .unwrap()
        .unwrap();
    assert!(
        audit
            .items
            .iter()
            .any(|a| a.user_id == Some(rep.id) && a.entity_id == delegate)
    );

    // And back through the API.
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{event}/delegation/{delegate}/sessions"),
            Some(serde_json::json!({"from": forums[1], "to": forums[0]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let back = body
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["session_id"] == forums[0])
        .unwrap();
    assert_eq!(back["status"], "confirmed");
    let (status, _) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{event}/delegation/{other}/sessions"),
            Some(serde_json::json!({"to": forums[1]})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Not someone they did not enter, and not without a forum to go to.
    let r = app
        .post_form(
            &format!("{path}/{other}/sessions"),
            &[("from", first.as_str()), ("to", second.as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .post_form(
            &format!("{path}/{delegate}/sessions"),
            &[("from", second.as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.client = kit::client();
    app.sign_in(kit::PARTICIPANT).await;
    let r = app
        .post_form(
            &format!("{path}/{delegate}/sessions"),
            &[("from", first.as_str()), ("to", second.as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// An organiser adds questions of their own to a visit's registration form: a Shenzhen
/// visitor reads them in Simplified and must answer the required ones, the answers are
/// kept as the organiser wrote the options, and they come back on the visitor's page,
/// in the staff's tallies and export, in the correction form and through the API.
#[tokio::test]
async fn organisers_ask_questions_of_their_own() {
    let mut app = kit::demo_app().await;
    let day = format!("{}-12-29", kit::next_year());
    app.sign_in(SECRETARIAT).await;
    let r = app
        .post_form(
            "/zh-Hant/events/new",
            &[
                ("kind", "visit"),
                ("title", "前海參訪"),
                ("region", "shenzhen"),
                ("start_date", &day),
                ("start_time", "09:00"),
                ("end_date", &day),
                ("end_time", "17:00"),
                ("registration_open", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = made_event(&r);
    let questions = format!("/zh-Hant/events/{id}/questions");
    for fields in [
        &[("label", "回鄉證號碼"), ("kind", "text"), ("required", "1")][..],
        &[
            ("label", "參訪路線"),
            ("kind", "choice"),
            ("options", "前海深港青年夢工場\r\n大疆創新總部"),
            ("required", "1"),
        ],
        &[
            ("label", "出席環節"),
            ("kind", "choices"),
            ("options", "午餐\n晚宴"),
        ],
    ] {
        let r = app.post_form(&questions, fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{fields:?}");
    }
    // A choice of one is refused, and said why.
    let r = app
        .post_form(
            &questions,
            &[("label", "晚宴"), ("kind", "choice"), ("options", "出席")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("請提供至少兩個選項"));
    let qs = app.store.questions(id).await.unwrap();
    assert_eq!(qs.len(), 3);
    let (_, manage) = app.page(&format!("/zh-Hant/events/{id}/manage")).await;
    assert_eq!(
        manage.matches("class=\"question-part\"").count(),
        3,
        "{manage}"
    );

    // The visitor reads the form in Simplified; a choice's value stays as written.
    let visitor = kit::client();
    let form = visitor
        .get(app.url(&format!("/zh-Hans/events/{id}/register")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("回乡证号码") && form.contains("参访路线"),
        "{form}"
    );
    assert!(
        form.contains("<option value=\"大疆創新總部\">大疆创新总部</option>"),
        "{form}"
    );
    let register = app.url(&format!("/zh-Hans/events/{id}/register"));
    let base = [
        ("name", "李明"),
        ("email", "liming@example.org"),
        ("consent", "1"),
    ];
    let r = visitor.post(&register).form(&base).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("此项必填"));
    assert!(
        app.store
            .registrations_by_address("liming@example.org")
            .await
            .unwrap()
            .is_empty()
    );
    let (f0, f1) = (qs[0].field(), qs[1].field());
    let ticks = qs[2].option_fields();
    let mut answered = base.to_vec();
    answered.extend([
        (f0.as_str(), "H01234567"),
        (f1.as_str(), "大疆創新總部"),
        (ticks[0].0.as_str(), "午餐"),
        (ticks[1].0.as_str(), "晚宴"),
    ]);
    let r = visitor
        .post(&register)
        .form(&answered)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let token = r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let (_, page) = app.page(&format!("/zh-Hans/registrations/{token}")).await;
    assert!(
        page.contains("H01234567") && page.contains("大疆创新总部"),
        "{page}"
    );
    assert!(page.contains("午餐、晚宴"), "{page}");
    assert!(!page.contains("id=\"questions-unanswered\""));
    // At the door, staff see the answers beside the name (the travel document's number
    // to hold against the document), in the door page's script.
    let reg = app.store.registration_by_token(&token).await.unwrap();
    let (status, door) = app
        .api(
            reqwest::Method::POST,
            &format!(
                "/api/v1/events/{id}/registrations/{}/check-in?lang=zh-Hant",
                reg.id
            ),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{door}");
    assert_eq!(
        door["answers"],
        json!([
            {"question": "回鄉證號碼", "answer": "H01234567"},
            {"question": "參訪路線", "answer": "大疆創新總部"},
            {"question": "出席環節", "answer": "午餐、晚宴"},
        ])
    );
    // The confirmation keeps a record of them, in the registrant's script.
    let mails = kit::sent_mails(app.store.as_ref(), baylink_store::sql::now() + 60).await;
    let mail = mails
        .iter()
        .find(|m| m.kind == "registration")
        .expect("a confirmation");
    let mail = baylink_web::mail::compose(app.store.as_ref(), mail, "https://baylink.test")
        .await
        .unwrap();
    assert!(
        mail.body.contains("你对主办方问题的回答：\n回乡证号码：H01234567\n参访路线：大疆创新总部\n出席环节：午餐、晚宴"),
        "{}",
        mail.body
    );

    // A colleague a representative entered is told that required questions wait for them.
    let rep = baylink_store::UserInput {
        email: "rep-questions@example.org".into(),
        display_name: "代表".into(),
        role: "participant".into(),
        side_id: None,
        org_id: None,
    }
    .validate()
    .unwrap();
    let rep = app
        .store
        .create_user(&baylink_store::Actor::cli(), &rep, "x")
        .await
        .unwrap();
    let delegate = baylink_store::RegistrationInput {
        name: "張偉".into(),
        email: "zhangwei@example.org".into(),
        consent: true,
        ..Default::default()
    }
    .validate(baylink_text::Script::Hant)
    .unwrap();
    app.store
        .register_delegation(
            id,
            rep.id,
            &[baylink_store::DelegateEntry {
                draft: delegate,
                manage_token: "delegate-questions".into(),
                locale: "zh-Hant".into(),
            }],
            baylink_store::sql::now(),
        )
        .await
        .unwrap();
    let mails = kit::sent_mails(app.store.as_ref(), baylink_store::sql::now() + 60).await;
    let mail = baylink_web::mail::compose(app.store.as_ref(), &mails[0], "https://baylink.test")
        .await
        .unwrap();
    assert_eq!(mail.to, "zhangwei@example.org");
    assert!(
        mail.body.contains("主辦方有問題你尚未作答"),
        "{}",
        mail.body
    );
    let (_, page) = app.page("/zh-Hant/registrations/delegate-questions").await;
    assert!(page.contains("id=\"questions-unanswered\""), "{page}");

    // Staff: the choices tallied among those with a seat, and a column each in the export.
    let (_, list) = app
        .page(&format!("/zh-Hant/events/{id}/registrations"))
        .await;
    assert!(
        list.contains("參訪路線") && list.contains("大疆創新總部"),
        "{list}"
    );
    let csv = app
        .get(&format!(
            "/api/v1/events/{id}/registrations.csv?lang=zh-Hant"
        ))
        .await
        .text()
        .await
        .unwrap();
    let mut lines = csv.lines();
    let head = lines.next().unwrap();
    assert!(head.ends_with("回鄉證號碼,參訪路線,出席環節"), "{head}");
    assert!(csv.contains("H01234567,大疆創新總部,午餐、晚宴"), "{csv}");
    // The workbook the same, in Simplified here.
    let r = app
        .get(&format!(
            "/api/v1/events/{id}/registrations.xlsx?lang=zh-Hans"
        ))
        .await;
    let (head, rows) =
        baylink_web::sheets::read_table("xlsx", r.bytes().await.unwrap().to_vec()).unwrap();
    assert_eq!(
        head[head.len() - 3..],
        ["回乡证号码", "参访路线", "出席环节"]
    );
    let liming = rows.iter().find(|r| r[0] == "李明").expect("李明's row");
    assert_eq!(
        liming[liming.len() - 3..],
        ["H01234567", "大疆创新总部", "午餐、晚宴"]
    );

    // The holder corrects one answer; the others stay.
    let details = format!("/zh-Hant/registrations/{token}/details");
    let (_, form) = app.page(&details).await;
    assert!(form.contains("value=\"H01234567\""), "{form}");
    assert!(
        form.contains("<option value=\"大疆創新總部\" selected>"),
        "{form}"
    );
    let r = visitor
        .post(app.url(&details))
        .form(&[
            ("name", "李明"),
            (f0.as_str(), "H01234567"),
            (f1.as_str(), "前海深港青年夢工場"),
            (ticks[1].0.as_str(), "晚宴"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let reg = app.store.registration_by_token(&token).await.unwrap();
    let kept: Vec<String> = app
        .store
        .answers_of(reg.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.answer)
        .collect();
    assert_eq!(kept, ["H01234567", "前海深港青年夢工場", "晚宴"]);

    // Staff reword a question; an option someone chose cannot be dropped.
    let edit = format!("/zh-Hant/events/{id}/questions/{}", qs[1].id);
    let (_, form) = app.page(&edit).await;
    assert!(form.contains("value=\"參訪路線\""), "{form}");
    let r = app
        .post_form(
            &edit,
            &[
                ("label", "參訪地點"),
                ("options", "大疆創新總部\n騰訊濱海大廈"),
                ("required", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("已有人選擇的選項不可移除或修改")
    );
    let r = app
        .post_form(
            &edit,
            &[
                ("label", "參訪地點"),
                ("options", "前海深港青年夢工場\n大疆創新總部\n騰訊濱海大廈"),
                ("required", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, manage) = app.page(&format!("/zh-Hant/events/{id}/manage")).await;
    assert!(
        manage.contains("參訪地點") && manage.contains("騰訊濱海大廈"),
        "{manage}"
    );
    // The choice of parts moved up, before the route: the form asks it second.
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{id}/questions/{}/up", qs[2].id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let form = kit::client()
        .get(app.url(&format!("/zh-Hant/events/{id}/register")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = |label: &str| {
        form.find(label)
            .unwrap_or_else(|| panic!("{label}: {form}"))
    };
    assert!(at("回鄉證號碼") < at("出席環節") && at("出席環節") < at("參訪地點"));

    // Through the API: the event carries its questions, a registration its answers (an
    // option in Simplified is kept as written), and one's data export holds them.
    let (status, event) = app
        .api(reqwest::Method::GET, &format!("/api/v1/events/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(event["questions"].as_array().unwrap().len(), 3);
    assert_eq!(event["questions"][1]["kind"], "choices", "moved up");
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{id}/registrations"),
            Some(
                json!({"name": "王芳", "email": "wangfang@example.org", "consent": true,
                "answers": [
                    {"question_id": qs[0].id, "values": ["M7654321"]},
                    {"question_id": qs[1].id, "values": ["大疆创新总部"]}
                ]}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let theirs = app
        .store
        .registrations_by_address("wangfang@example.org")
        .await
        .unwrap()
        .remove(0);
    let (status, data) = app
        .api(
            reqwest::Method::GET,
            &format!("/api/v1/registrations/{}/data", theirs.manage_token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(data["answers"][1]["answer"], "大疆創新總部", "{data}");
}

/// The organiser sets how long registrants' personal data is kept after the event, and a
/// question's answers on their own: the forms tell registrants and staff when it goes, a
/// period out of range is refused on its field, and a node erases what is due when it
/// starts (and every hour), keeping who came for the counts.
#[tokio::test]
async fn personal_data_goes_when_the_organisers_period_ends() {
    let mut app = kit::demo_app().await;
    let day = format!("{}-12-30", kit::next_year());
    app.sign_in(SECRETARIAT).await;
    let mut fields = vec![
        ("kind", "visit"),
        ("title", "河套深港科技創新合作區參訪"),
        ("region", "shenzhen"),
        ("start_date", day.as_str()),
        ("start_time", "09:00"),
        ("end_date", day.as_str()),
        ("end_time", "17:00"),
        ("registration_open", "1"),
        ("retention_days", "0"),
    ];
    let r = app.post_form("/zh-Hant/events/new", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("請輸入 1 至 3650 之間的日數")
    );
    fields.pop();
    fields.push(("retention_days", "1"));
    let r = app.post_form("/zh-Hant/events/new", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = made_event(&r);
    let event = app.store.get_event(id).await.unwrap();
    assert_eq!(event.retention_days, Some(1));
    let (_, form) = app.page(&format!("/zh-Hant/events/{id}/edit")).await;
    assert!(
        form.contains("name=\"retention_days\" value=\"1\""),
        "{form}"
    );

    // The travel document's number goes once the visit is over.
    let questions = format!("/zh-Hant/events/{id}/questions");
    let travel = [("label", "回鄉證號碼"), ("kind", "text"), ("required", "1")];
    let r = app
        .post_form(
            &questions,
            &[&travel[..], &[("retention_days", "-1")]].concat(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("請輸入 0 至 3650 之間的日數")
    );
    assert!(app.store.questions(id).await.unwrap().is_empty());
    let r = app
        .post_form(
            &questions,
            &[&travel[..], &[("retention_days", "0")]].concat(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let q = app.store.questions(id).await.unwrap().remove(0);
    assert_eq!(q.retention_days, Some(0));
    let (_, manage) = app.page(&format!("/zh-Hant/events/{id}/manage")).await;
    assert!(manage.contains("您的回答將於活動結束後刪除。"), "{manage}");

    // The registrant reads when each goes, in their script, before they consent.
    let until = baylink_web::views::events::day(baylink_store::retained_until(event.ends_at, 1));
    let visitor = kit::client();
    let register = app.url(&format!("/zh-Hans/events/{id}/register"));
    let form = visitor
        .get(&register)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains(&format!(
            "主办方保留您的报名资料至 {until}（活动结束后 1 天），届时删除。"
        )),
        "{form}"
    );
    assert!(form.contains("您的回答将于活动结束后删除。"), "{form}");
    let field = q.field();
    let r = visitor
        .post(&register)
        .form(&[
            ("name", "周敏"),
            ("email", "zhoumin@example.cn"),
            ("consent", "1"),
            (field.as_str(), "H76543210"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let holder = r.headers()["location"].to_str().unwrap().to_owned();
    let token = holder.rsplit('/').next().unwrap().to_owned();
    let (_, mine) = app.page(&holder).await;
    assert!(mine.contains("id=\"retention-note\""), "{mine}");
    let data: Value = visitor
        .get(app.url(&format!("/api/v1/registrations/{token}/data")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        data["kept_until"],
        json!(baylink_store::retained_until(event.ends_at, 1))
    );
    let staff_list = format!("/en/events/{id}/registrations");
    let (_, list) = app.page(&staff_list).await;
    assert!(
        list.contains(&format!(
            "personal data is erased on {until}, a day after the event; the counts stay."
        )),
        "{list}"
    );

    // The visit took place (moved into the past here) and was checked in; a node started
    // after its period erases its registrants at once.
    let reg = app.store.registration_by_token(&token).await.unwrap();
    let now = baylink_store::sql::now();
    let mut moved = baylink_store::EventInput {
        kind: "visit".into(),
        title: event.title.clone(),
        region: "shenzhen".into(),
        starts_at: now - 3 * 86_400,
        ends_at: now - 3 * 86_400 + 8 * 3600,
        registration_open: true,
        retention_days: Some(1),
        ..Default::default()
    }
    .validate(baylink_text::Script::Hant)
    .unwrap();
    moved.version = Some(event.version);
    app.store
        .check_in(id, reg.id, now - 3 * 86_400 + 3600)
        .await
        .unwrap();
    app.store
        .update_event(&baylink_store::Actor::cli(), id, &moved)
        .await
        .unwrap();
    let node = kit::app_on(app.db.clone(), app.store.clone()).await;
    let mut erased = None;
    for _ in 0..100 {
        let r = app.store.get_registration(reg.id).await.unwrap();
        if r.is_erased() {
            erased = Some(r);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let erased = erased.expect("the new node's sweep erased the registrant");
    assert_eq!(erased.status, baylink_store::RegStatus::Confirmed);
    assert!(erased.checked_in_at.is_some());
    assert!(app.store.answers_of(reg.id).await.unwrap().is_empty());
    let (_, list) = app.page(&staff_list).await;
    assert!(!list.contains("zhoumin@example.cn"), "{list}");
    assert!(list.contains("was erased on"), "{list}");
    let (_, mine) = node.page(&holder).await;
    assert!(mine.contains("id=\"personal-data-erased\""), "{mine}");
    assert!(!mine.contains("周敏"), "{mine}");
    let (_, log) = app.page("/zh-Hant/audit").await;
    assert!(log.contains("保留期滿，刪除個人資料"), "{log}");
    assert!(!log.contains("zhoumin@example.cn"));
}

/// Staff make a question wait on another's answer from the manage page ("ask only when");
/// the form marks it for the page's script and leaves its "required" to the server, and a
/// registration that does not give that answer is not asked it.
#[tokio::test]
async fn a_question_is_asked_only_on_another_answer() {
    let mut app = kit::demo_app().await;
    let day = format!("{}-12-27", kit::next_year());
    app.sign_in(SECRETARIAT).await;
    let r = app
        .post_form(
            "/zh-Hant/events/new",
            &[
                ("kind", "visit"),
                ("title", "港深創科交流日"),
                ("region", "hong_kong"),
                ("start_date", &day),
                ("start_time", "09:00"),
                ("end_date", &day),
                ("end_time", "17:00"),
                ("registration_open", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = made_event(&r);
    let questions = format!("/zh-Hant/events/{id}/questions");
    let r = app
        .post_form(
            &questions,
            &[("label", "是否參加河套參訪"), ("kind", "yes_no")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let visit = app.store.questions(id).await.unwrap().remove(0);
    let manage = format!("/zh-Hant/events/{id}/manage");
    let (_, page) = app.page(&manage).await;
    let yes = format!("{}:yes", visit.id);
    assert!(
        page.contains(&format!(
            "<option value=\"{yes}\">是否參加河套參訪：是</option>"
        )),
        "{page}"
    );
    // Waiting on an answer a yes-or-no cannot have: refused on its field.
    let r = app
        .post_form(
            &questions,
            &[
                ("label", "回鄉證號碼"),
                ("kind", "text"),
                ("required", "1"),
                ("shown_if", &format!("{}:maybe", visit.id)),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.store.questions(id).await.unwrap().len(), 1);
    let r = app
        .post_form(
            &questions,
            &[
                ("label", "回鄉證號碼"),
                ("kind", "text"),
                ("required", "1"),
                ("shown_if", &yes),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let document = app.store.questions(id).await.unwrap().remove(1);
    assert_eq!(document.condition(), Some((visit.id, "yes")));
    let (_, page) = app.page(&manage).await;
    assert!(
        page.contains("僅在「是否參加河套參訪」答「是」時提問"),
        "{page}"
    );
    // Its own page shows what it waits on, and offers only the questions before it.
    let (_, edit) = app
        .page(&format!("/zh-Hant/events/{id}/questions/{}", document.id))
        .await;
    assert!(
        edit.contains(&format!("<option value=\"{yes}\" selected>")),
        "{edit}"
    );
    let (_, edit_first) = app
        .page(&format!("/zh-Hant/events/{id}/questions/{}", visit.id))
        .await;
    assert!(!edit_first.contains(&yes), "{edit_first}");
    // Moving it above what it waits on is refused, said why.
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{id}/questions/{}/up", document.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("問題不能排在其所依據的問題之前")
    );

    // The form marks it for the script, without the browser's "required".
    let visitor = kit::client();
    let register = app.url(&format!("/zh-Hant/events/{id}/register"));
    let form = visitor
        .get(&register)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let field = document.field();
    assert!(
        form.contains(&format!(
            "data-shown-if=\"{}\" data-shown-answer=\"yes\"",
            visit.field()
        )),
        "{form}"
    );
    assert!(
        form.contains(&format!("name=\"{field}\" value=\"\" maxlength=\"500\"")),
        "{form}"
    );
    // Not joining: registered without the number, whatever a script-less form sent.
    let r = visitor
        .post(&register)
        .form(&[
            ("name", "黃家明"),
            ("email", "wong@example.hk"),
            ("consent", "1"),
            (visit.field().as_str(), "no"),
            (field.as_str(), "H11111111"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let reg = &app
        .store
        .registrations_by_address("wong@example.hk")
        .await
        .unwrap()[0];
    let kept: Vec<(i64, String)> = app
        .store
        .answers_of(reg.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.question_id, a.answer))
        .collect();
    assert_eq!(kept, [(visit.id, "no".to_owned())]);
    // Joining: the number is required.
    let r = visitor
        .post(&register)
        .form(&[
            ("name", "何詠琪"),
            ("email", "ho@example.hk"),
            ("consent", "1"),
            (visit.field().as_str(), "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("此欄必須填寫"));
}

/// The member organisation organising an event runs its registrations and door with an
/// account of its own: the secretariat makes it a manager of that event on the manage
/// page, and it then sees the registrations, exports them and checks people in there
/// (its "my registrations" page lists the event), but not another event's, nor the
/// programme; taken away, it is refused again.
#[tokio::test]
async fn an_organisations_account_manages_one_event() {
    let mut staff = kit::demo_app().await;
    staff.sign_in(SECRETARIAT).await;
    let mut rep = kit::app_on(staff.db.clone(), staff.store.clone()).await;
    rep.sign_in(kit::REP).await;
    let account = staff
        .store
        .find_user_by_email(kit::REP)
        .await
        .unwrap()
        .unwrap();
    // The demo's representative manages the open seminar.
    let managed = staff.store.managed_events(account.id).await.unwrap();
    assert_eq!(managed.len(), 1, "{managed:?}");
    let seminar = managed[0];
    let (_, mine) = rep.page("/zh-Hant/registrations/mine").await;
    assert!(
        mine.contains("您管理的活動")
            && mine.contains(&format!("/zh-Hant/events/{seminar}/registrations")),
        "{mine}"
    );
    let (_, page) = rep.page(&format!("/zh-Hant/events/{seminar}")).await;
    assert!(page.contains("id=\"event-registrations\""), "{page}");
    assert!(
        !page.contains(&format!("/events/{seminar}/manage")),
        "{page}"
    );

    // Its registrations, their export and the door.
    let visitor = crate::matchmaking::register(&staff, seminar, "區嘉欣", "au@example.hk").await;
    let token = visitor.rsplit('/').next().unwrap();
    let reg = staff.store.registration_by_token(token).await.unwrap();
    for path in [
        format!("/zh-Hant/events/{seminar}/registrations"),
        format!("/zh-Hant/events/{seminar}/check-in"),
        format!("/api/v1/events/{seminar}/registrations.csv?lang=zh-Hant"),
        format!("/zh-Hant/events/{seminar}/registrations/{}/details", reg.id),
        format!("/zh-Hant/events/{seminar}/matchmaking"),
    ] {
        let (status, body) = rep.page(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let (status, body) = rep
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{seminar}/registrations/{}/check-in", reg.id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        staff
            .store
            .get_registration(reg.id)
            .await
            .unwrap()
            .checked_in_at
            .is_some()
    );

    // Not another event's, not the programme, not the directory.
    let other = open_events(&rep.client, &rep.url(""))
        .await
        .into_iter()
        .find(|e| *e != seminar)
        .unwrap();
    for path in [
        format!("/zh-Hant/events/{other}/registrations"),
        format!("/api/v1/events/{other}/registrations.csv"),
        format!("/zh-Hant/events/{other}/matchmaking"),
        format!("/zh-Hant/events/{seminar}/manage"),
    ] {
        let (status, _) = rep.page(&path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let r = rep
        .post_form(
            &format!("/zh-Hant/events/{seminar}/managers"),
            &[("manager_email", kit::PARTICIPANT)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The secretariat: an address without an account is refused, said why; the
    // representative's management is taken away from the manage page.
    let manage = format!("/zh-Hant/events/{seminar}/manage");
    let (_, page) = staff.page(&manage).await;
    assert!(
        page.contains("id=\"event-managers\"") && page.contains(kit::REP),
        "{page}"
    );
    let r = staff
        .post_form(
            &format!("/zh-Hant/events/{seminar}/managers"),
            &[("manager_email", "nobody@example.hk")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("沒有以此電郵登入的帳戶"));
    let r = staff
        .post_form(
            &format!("/zh-Hant/events/{seminar}/managers/{}/delete", account.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _) = rep
        .page(&format!("/zh-Hant/events/{seminar}/registrations"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // And given to another account by its address.
    let r = staff
        .post_form(
            &format!("/zh-Hant/events/{seminar}/managers"),
            &[("manager_email", kit::PARTICIPANT)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = staff.page(&manage).await;
    assert!(
        page.contains(kit::PARTICIPANT) && !page.contains(kit::REP),
        "{page}"
    );
}

/// A manager of an event that needs approval is told by mail, in their language, how many
/// registrations await them, with the link to the list narrowed to those; once decided,
/// a notice still queued has nothing to say.
#[tokio::test]
async fn managers_are_told_that_registrations_await_approval() {
    let mut app = kit::demo_app().await;
    let gated = gated_event(&app).await;
    app.store
        .add_event_manager(&baylink_store::Actor::cli(), gated, kit::PARTICIPANT)
        .await
        .unwrap();
    let page =
        crate::matchmaking::register(&app, gated, "梁志強", "leung.approve@example.mo").await;
    let token = page.rsplit('/').next().unwrap();
    let reg = app.store.registration_by_token(token).await.unwrap();
    assert_eq!(reg.status, baylink_store::RegStatus::Pending);
    let now = baylink_store::sql::now() + 5;
    kit::sent_mails(app.store.as_ref(), now).await;
    assert_eq!(app.store.queue_approval_notices(now).await.unwrap(), 1);
    let notice = kit::sent_mails(app.store.as_ref(), now)
        .await
        .into_iter()
        .find(|m| m.kind == "approvals")
        .expect("the notice");
    let mail = baylink_web::mail::compose(app.store.as_ref(), &notice, "https://baylink.test")
        .await
        .unwrap();
    assert_eq!(mail.to, kit::PARTICIPANT);
    let link = format!("https://baylink.test/zh-Hant/events/{gated}/registrations?status=pending");
    assert!(
        mail.subject.starts_with("1 份報名待您審批："),
        "{}",
        mail.subject
    );
    assert!(mail.body.contains(&link), "{}", mail.body);

    // The link: the list of those waiting, for the manager.
    app.sign_in(kit::PARTICIPANT).await;
    let path = link.trim_start_matches("https://baylink.test");
    let (status, list) = app.page(path).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert!(list.contains("梁志強"), "{list}");
    assert!(
        list.contains("<option value=\"pending\" selected>"),
        "{list}"
    );
    let (_, confirmed) = app
        .page(&format!(
            "/zh-Hant/events/{gated}/registrations?status=confirmed"
        ))
        .await;
    assert!(!confirmed.contains("梁志強"));

    // Decided: a notice still queued has nothing to say.
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{gated}/registrations/{}/decide", reg.id),
            &[("approve", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(matches!(
        baylink_web::mail::compose(app.store.as_ref(), &notice, "https://baylink.test").await,
        Err(baylink_store::StoreError::NotFound)
    ));
}

/// Staff copy an event to another day from its manage page and land on the copy's form;
/// a day that is no date is refused on its field, and nothing is copied.
#[tokio::test]
async fn staff_copy_an_event_to_another_day() {
    let mut app = kit::demo_app().await;
    app.sign_in(SECRETARIAT).await;
    let seminar = app
        .store
        .managed_events(
            app.store
                .find_user_by_email(kit::REP)
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap()[0];
    let before = app
        .store
        .list_events(&baylink_store::EventFilter {
            limit: 200,
            ..Default::default()
        })
        .await
        .unwrap()
        .total;
    let (_, manage) = app.page(&format!("/zh-Hant/events/{seminar}/manage")).await;
    assert!(
        manage.contains("id=\"copy-form\"") && manage.contains("複製此活動"),
        "{manage}"
    );
    let copy = format!("/zh-Hant/events/{seminar}/copy");
    let r = app
        .post_form(
            &copy,
            &[("copy_date", "2027-02-30"), ("copy_programme", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let events = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            store
                .list_events(&baylink_store::EventFilter {
                    limit: 200,
                    ..Default::default()
                })
                .await
                .unwrap()
                .total
        }
    };
    assert_eq!(events(&app).await, before);
    let original = app.store.get_event(seminar).await.unwrap();
    let day = format!("{}-03-05", kit::next_year() + 1);
    let r = app
        .post_form(
            &copy,
            &[("copy_date", day.as_str()), ("copy_questions", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = to
        .trim_start_matches("/zh-Hant/events/")
        .trim_end_matches("/edit")
        .parse()
        .unwrap();
    assert_eq!(events(&app).await, before + 1);
    let copied = app.store.get_event(id).await.unwrap();
    assert_eq!(baylink_web::views::events::day(copied.starts_at), day);
    assert_eq!(
        baylink_web::views::events::clock(copied.starts_at),
        baylink_web::views::events::clock(original.starts_at)
    );
    assert_eq!(
        copied.ends_at - copied.starts_at,
        original.ends_at - original.starts_at
    );
    assert_eq!(
        app.store.questions(id).await.unwrap().len(),
        app.store.questions(seminar).await.unwrap().len()
    );
    assert!(
        app.store.event_managers(id).await.unwrap().is_empty(),
        "not ticked"
    );
    let (status, form) = app.page(&to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !form.contains("name=\"registration_open\" value=\"1\" checked"),
        "{form}"
    );
    let (_, log) = app.page("/zh-Hant/audit").await;
    assert!(log.contains("複製"), "{log}");

    // A monthly series in one go: a copy on the 31st, then on each month's last day
    // where it has no 31st; too many copies at once are refused, said why.
    let year = kit::next_year() + 1;
    let first = format!("{year}-01-31");
    let r = app
        .post_form(
            &copy,
            &[
                ("copy_date", first.as_str()),
                ("repeat_count", "30"),
                ("repeat_unit", "months"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("請輸入 1 至 24 之間的份數")
    );
    let r = app
        .post_form(
            &copy,
            &[
                ("copy_date", first.as_str()),
                ("repeat_count", "3"),
                ("repeat_interval", "1"),
                ("repeat_unit", "months"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(events(&app).await, before + 4);
    let all = app
        .store
        .list_events(&baylink_store::EventFilter {
            limit: 200,
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    let mut days: Vec<String> = all
        .iter()
        .filter(|e| e.title == original.title && e.id != seminar)
        .map(|e| baylink_web::views::events::day(e.starts_at))
        .filter(|d| d.starts_with(&year.to_string()))
        .collect();
    days.sort();
    let february = if year % 4 == 0 { "29" } else { "28" };
    assert_eq!(
        days,
        [
            format!("{year}-01-31"),
            format!("{year}-02-{february}"),
            day.clone(),
            format!("{year}-03-31"),
        ]
    );
}

/// The event a "new event" form made, read off where it sends the browser (its manage
/// page).
fn made_event(r: &reqwest::Response) -> i64 {
    let to = r.headers()["location"].to_str().unwrap();
    to.rsplit_once("/events/")
        .unwrap()
        .1
        .trim_end_matches("/manage")
        .parse()
        .unwrap()
}

/// The printed sign-in sheet (簽到表): those with a seat, by name, with a column to sign
/// and the time of those already in; one parallel forum's room narrows it to the seats
/// there; a manager of another event may not print it.
#[tokio::test]
async fn the_door_prints_a_sign_in_sheet() {
    let mut app = kit::demo_app().await;
    app.sign_in(SECRETARIAT).await;
    let p = {
        let mut best: Option<baylink_store::Programme> = None;
        let all = app
            .store
            .list_events(&baylink_store::EventFilter {
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .items;
        for e in all {
            let p = app.store.programme(e.id).await.unwrap();
            if best
                .as_ref()
                .is_none_or(|b| p.sessions.len() > b.sessions.len())
            {
                best = Some(p);
            }
        }
        best.unwrap()
    };
    let event = p.event.id;
    let seated = app
        .store
        .list_registrations(
            event,
            None,
            Some(baylink_store::RegStatus::Confirmed),
            10_000,
            0,
        )
        .await
        .unwrap()
        .items;
    assert!(!seated.is_empty());
    let waiting = seated.iter().find(|r| r.checked_in_at.is_none()).unwrap();
    app.store
        .check_in(event, waiting.id, baylink_store::sql::now())
        .await
        .unwrap();
    let came = seated.iter().filter(|r| r.checked_in_at.is_some()).count() + 1;
    let (status, sheet) = app
        .page(&format!("/zh-Hant/events/{event}/sign-in-sheet"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        sheet.contains("簽到表") && sheet.contains("<th>簽名</th>"),
        "{sheet}"
    );
    assert_eq!(sheet.matches("<td class=\"n\">").count(), seated.len());
    assert_eq!(sheet.matches("✓ ").count(), came, "those already in");
    // In the order Hong Kong lists names (strokes), or pinyin when asked.
    let names = |sheet: &str| {
        sheet
            .split("<td class=\"n\">")
            .skip(1)
            .map(|row| {
                row.split("</td><td>")
                    .nth(1)
                    .unwrap()
                    .split("</td>")
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect::<Vec<_>>()
    };
    let by = |order| {
        let mut v: Vec<_> = seated.iter().filter(|r| !r.is_erased()).collect();
        v.sort_by_cached_key(|r| {
            let script = baylink_text::Script::parse(&r.name_script).unwrap();
            (
                baylink_text::collation::sort_key(order, &r.name, script, None),
                r.id,
            )
        });
        v.into_iter()
            .map(|r| {
                baylink_text::display(
                    &r.name,
                    baylink_text::Script::parse(&r.name_script).unwrap(),
                    baylink_text::Script::Hant,
                )
                .into_owned()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&sheet), by(baylink_text::NameOrder::Strokes));
    let (_, pinyin) = app
        .page(&format!(
            "/zh-Hant/events/{event}/sign-in-sheet?order=pinyin"
        ))
        .await;
    assert_eq!(names(&pinyin), by(baylink_text::NameOrder::Pinyin));
    assert_ne!(names(&pinyin), names(&sheet));
    // One forum's room: its seats only.
    let forum = &p.sessions[0];
    let in_room = app
        .store
        .event_session_registrations(event)
        .await
        .unwrap()
        .into_iter()
        .filter(|x| x.session_id == forum.id && x.status == baylink_store::RegStatus::Confirmed)
        .count();
    let (_, room) = app
        .page(&format!(
            "/zh-Hant/events/{event}/sign-in-sheet?session={}",
            forum.id
        ))
        .await;
    assert_eq!(room.matches("<td class=\"n\">").count(), in_room);
    assert!(in_room < seated.len(), "{in_room} of {}", seated.len());
    let (status, _) = app
        .page(&format!(
            "/zh-Hant/events/{event}/sign-in-sheet?session=999999"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The seminar's manager is no manager of this one.
    app.client = kit::client();
    app.sign_in(kit::REP).await;
    let (status, _) = app
        .page(&format!("/zh-Hant/events/{event}/sign-in-sheet"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The demo's upcoming event that needs the organiser's approval.
async fn gated_event(app: &TestApp) -> i64 {
    let events: Value = app
        .get("/api/v1/events?when=upcoming")
        .await
        .json()
        .await
        .unwrap();
    events["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["requires_approval"].as_bool().unwrap())
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// Feedback after an event, on the pages: the organiser asks once the event is over, the
/// registrant answers through the link in their mail (a rating refused out of range, in
/// their language), sees it on their registration's page, and the organiser reads the
/// tally and the words; the demo's conference shows its synthetic feedback, and a manager
/// of another event may not read it.
#[tokio::test]
async fn organisers_ask_for_feedback_after_the_event() {
    let mut app = kit::demo_app().await;
    let now = baylink_store::sql::now();
    let d = baylink_store::EventInput {
        kind: "seminar".into(),
        title: "回饋測試研討會".into(),
        region: "hong_kong".into(),
        starts_at: now - 5 * 3600,
        ends_at: now - 3600,
        registration_open: true,
        ..Default::default()
    }
    .validate(baylink_text::Script::Hant)
    .unwrap();
    let me = baylink_store::Actor::cli();
    let ev = app
        .store
        .create_event(&me, &d, &baylink_tickets::generate_key())
        .await
        .unwrap();
    // Two parallel forums; the registrant sits in the first.
    let mut forums = Vec::new();
    for title in ["分論壇甲", "分論壇乙"] {
        let x = baylink_store::SessionInput {
            event_id: ev.id,
            kind: "forum".into(),
            title: title.into(),
            starts_at: now - 5 * 3600,
            ends_at: now - 3 * 3600,
            ..Default::default()
        }
        .validate(baylink_text::Script::Hant)
        .unwrap();
        forums.push(app.store.create_event_session(&me, &x).await.unwrap());
    }
    let reg = baylink_store::RegistrationInput {
        name: "李嘉欣".into(),
        email: "ka.yan@example.org".into(),
        sessions: vec![forums[0].id],
        consent: true,
        ..Default::default()
    }
    .validate(baylink_text::Script::Hant)
    .unwrap();
    let reg = app
        .store
        .register(
            ev.id,
            &reg,
            baylink_store::Channel::Public,
            "feedback-holder",
            "zh-Hans",
            now - 6 * 3600,
        )
        .await
        .unwrap();
    kit::sent_mails(app.store.as_ref(), now).await;

    app.sign_in(SECRETARIAT).await;
    let (status, page) = app
        .page(&format!("/zh-Hant/events/{}/feedback", ev.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"feedback-none\"") && page.contains("id=\"ask-feedback\""));
    let r = app
        .post_form(&format!("/zh-Hant/events/{}/feedback/ask", ev.id), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(r.headers()["location"].to_str().unwrap()).await;
    assert!(page.contains("已邀請 1 位參加者給予回饋。"), "{page}");
    let mails = kit::sent_mails(app.store.as_ref(), baylink_store::sql::now() + 60).await;
    let mail = mails.iter().find(|m| m.kind == "feedback").unwrap();
    let mail = baylink_web::mail::compose(app.store.as_ref(), mail, "https://baylink.test")
        .await
        .unwrap();
    assert_eq!(mail.to, "ka.yan@example.org");
    assert!(
        mail.subject.contains("回馈测试研讨会") || mail.subject.contains("回饋測試研討會"),
        "{}",
        mail.subject
    );
    assert!(
        mail.body
            .contains("https://baylink.test/zh-Hans/registrations/feedback-holder/feedback"),
        "{}",
        mail.body
    );

    // A reminder to the one who has not answered yet, with its own subject.
    let r = app
        .post_form(&format!("/zh-Hant/events/{}/feedback/remind", ev.id), &[])
        .await;
    let (_, page) = app.page(r.headers()["location"].to_str().unwrap()).await;
    assert!(page.contains("已提醒 1 位參加者。"), "{page}");
    let mails = kit::sent_mails(app.store.as_ref(), baylink_store::sql::now() + 60).await;
    let reminder = mails
        .iter()
        .find(|m| m.kind == "feedback_reminder")
        .unwrap();
    let reminder = baylink_web::mail::compose(app.store.as_ref(), reminder, "https://baylink.test")
        .await
        .unwrap();
    assert!(
        reminder.subject.starts_with("提醒："),
        "{}",
        reminder.subject
    );

    // The registrant, in Simplified: the form, a refused rating, then their word.
    let holder = kit::client();
    let form = |fields: Vec<(&'static str, &'static str)>| {
        let holder = holder.clone();
        let url = app.url("/zh-Hans/registrations/feedback-holder/feedback");
        async move { holder.post(url).form(&fields).send().await.unwrap() }
    };
    let (_, page) = app.page("/zh-Hans/registrations/feedback-holder").await;
    assert!(page.contains("id=\"feedback-invite\""), "{page}");
    let r = form(vec![("rating", "9"), ("useful", "案例很实用")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("请选择 1 至 5 分。") && body.contains("案例很实用"),
        "{body}"
    );
    // The forum they sat in is rated on its own; not the other.
    let mine: &'static str = Box::leak(format!("session_{}", forums[0].id).into_boxed_str());
    let (_, page) = app
        .page("/zh-Hans/registrations/feedback-holder/feedback")
        .await;
    assert!(
        page.contains(&format!("name=\"{mine}\""))
            && !page.contains(&format!("name=\"session_{}\"", forums[1].id)),
        "{page}"
    );
    let r = form(vec![
        ("rating", "4"),
        ("useful", "案例很实用"),
        ("improve", ""),
        (mine, "5"),
    ])
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.session_ratings_of(reg.id).await.unwrap(),
        [baylink_store::SessionRating {
            session_id: forums[0].id,
            rating: 5
        }]
    );
    let kept = app.store.feedback_of(reg.id).await.unwrap().unwrap();
    assert_eq!(
        (kept.rating, kept.useful.as_deref()),
        (4, Some("案例很实用"))
    );

    // The organiser reads it in their script; the API gives the same.
    let (_, page) = app
        .page(&format!("/zh-Hant/events/{}/feedback", ev.id))
        .await;
    assert!(
        page.contains("平均 4.0 分") && page.contains("案例很實用"),
        "{page}"
    );
    let (status, api) = app
        .api(
            reqwest::Method::GET,
            &format!("/api/v1/events/{}/feedback", ev.id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(api["tally"]["count"], 1);
    // Asking again through the API asks nobody twice.
    let (status, again) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{}/feedback/ask", ev.id),
            None,
        )
        .await;
    assert_eq!((status, again["asked"].as_i64()), (StatusCode::OK, Some(0)));
    assert_eq!(api["feedback"][0]["useful"], "案例很实用");
    // As a sheet, in the reader's script, without names.
    let csv = app
        .get(&format!(
            "/api/v1/events/{}/feedback.csv?lang=zh-Hant",
            ev.id
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(
        csv.contains("4,案例很實用,,") && !csv.contains("李嘉欣"),
        "{csv}"
    );
    let xlsx = app
        .get(&format!("/api/v1/events/{}/feedback.xlsx", ev.id))
        .await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    // Through the API, by the registration's secret: changed.
    let r = kit::client()
        .put(app.url("/api/v1/registrations/feedback-holder/feedback"))
        .json(&serde_json::json!({"rating": 5, "improve": "More time for questions"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        (v["rating"].as_i64(), v["useful"].is_null()),
        (Some(5), true)
    );

    // The demo's conference: its synthetic feedback, for its organisers only.
    let conference = app
        .store
        .list_events(&Default::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|e| e.title.contains("年會"))
        .unwrap()
        .id;
    let (_, page) = app.page(&format!("/en/events/{conference}/feedback")).await;
    assert!(
        page.contains("id=\"feedback-average\"")
            && page.contains("The matchmaking schedule saved a lot of time."),
        "{page}"
    );
    // Its form closed long ago: nobody may be asked or reminded any more.
    assert!(page.contains("id=\"feedback-closed\"") && !page.contains("id=\"ask-feedback\""));
    // Each parallel forum rated on its own, for its organiser.
    let at = page
        .find("id=\"feedback-sessions\"")
        .expect("the forums' ratings");
    assert_eq!(
        page[at..]
            .split("</table>")
            .next()
            .unwrap()
            .matches("<tr>")
            .count(),
        3
    );
    let (_, api) = app
        .api(
            reqwest::Method::GET,
            &format!("/api/v1/events/{conference}/feedback"),
            None,
        )
        .await;
    assert_eq!(api["sessions"].as_array().unwrap().len(), 3);
    app.client = kit::client();
    app.sign_in(kit::REP).await;
    let (status, _) = app.page(&format!("/en/events/{conference}/feedback")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// An organiser asks for a travel document's number only of those whose seat is confirmed:
/// ticked on the manage page, the question is not on the registration form nor on the
/// holder's details page while they wait for approval; once approved, their mail and
/// their page ask for it, and they answer it on their details page.
#[tokio::test]
async fn a_question_is_asked_once_the_seat_is_confirmed() {
    let mut app = kit::demo_app().await;
    let gated = gated_event(&app).await;
    app.sign_in(SECRETARIAT).await;
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{gated}/questions"),
            &[
                ("label", "回鄉證號碼"),
                ("kind", "text"),
                ("required", "1"),
                ("after_confirmation", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let question = app.store.questions(gated).await.unwrap().pop().unwrap();
    assert!(question.after_confirmation && question.required);
    let (_, manage) = app.page(&format!("/zh-Hant/events/{gated}/manage")).await;
    assert!(
        manage.contains("回鄉證號碼") && manage.contains("名額確認後提問"),
        "{manage}"
    );
    let (_, edit) = app
        .page(&format!("/en/events/{gated}/questions/{}", question.id))
        .await;
    assert!(
        edit.contains(
            "name=\"after_confirmation\" value=\"1\" id=\"question-after-confirmation\" checked"
        ),
        "{edit}"
    );

    let field = format!("name=\"{}\"", question.field());
    let (_, form) = app.page(&format!("/zh-Hant/events/{gated}")).await;
    assert!(!form.contains(&field), "not on the registration form");
    let page = crate::matchmaking::register(&app, gated, "梁志強", "leung.visit@example.mo").await;
    let token = page.rsplit('/').next().unwrap().to_owned();
    let reg = app.store.registration_by_token(&token).await.unwrap();
    assert_eq!(reg.status, baylink_store::RegStatus::Pending);
    let visitor = kit::client();
    let read = |path: String| {
        let visitor = visitor.clone();
        let url = app.url(&path);
        async move { visitor.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let holder = format!("/zh-Hant/registrations/{token}");
    assert!(!read(holder.clone()).await.contains("questions-unanswered"));
    assert!(!read(format!("{holder}/details")).await.contains(&field));

    let r = app
        .post_form(
            &format!("/zh-Hant/events/{gated}/registrations/{}/decide", reg.id),
            &[("approve", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = crate::matchmaking::drain_mail(&app).await;
    let confirmed = mails
        .iter()
        .filter_map(|(_, m)| m.as_ref())
        .find(|m| m.to == "leung.visit@example.mo" && m.subject.contains("確認"))
        .expect("the confirmation");
    assert!(
        confirmed.body.contains("主辦方有問題你尚未作答"),
        "{}",
        confirmed.body
    );
    let page = read(holder.clone()).await;
    assert!(page.contains("id=\"questions-unanswered\""), "{page}");
    let details = read(format!("{holder}/details")).await;
    assert!(details.contains(&field), "{details}");
    assert!(
        !details.contains(&format!("{field} required")),
        "not required to the browser"
    );

    // Every question asked after confirmation (the demo's exchange asks one of its own).
    let later: Vec<String> = app
        .store
        .questions(gated)
        .await
        .unwrap()
        .iter()
        .filter(|q| q.after_confirmation)
        .map(|q| q.field())
        .collect();
    assert!(later.len() >= 2);
    let mut form: Vec<(&str, &str)> = vec![("name", "梁志強")];
    form.extend(later.iter().map(|f| (f.as_str(), "H01234567")));
    let r = visitor
        .post(app.url(&format!("{holder}/details")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = read(holder).await;
    assert!(!page.contains("id=\"questions-unanswered\""), "{page}");
    assert!(page.contains("H01234567"), "{page}");
}

/// A holder who cannot come hands their place to a colleague from their registration's
/// page: the colleague is mailed their own link, in the language chosen for them, which
/// names who handed it on; the old page says whose the place is now and no longer offers
/// it. The same through the API; at an event that needs approval the holder is sent to the
/// organiser, whose list offers the transfer.
#[tokio::test]
async fn a_holder_hands_their_place_to_a_colleague() {
    let mut app = kit::demo_app().await;
    let event = open_event(&app).await;
    let page = crate::matchmaking::register(&app, event, "陳大文", "chan.place@example.hk").await;
    let token = page.rsplit('/').next().unwrap().to_owned();
    crate::matchmaking::drain_mail(&app).await;
    let holder = kit::client();
    let read = |path: String| {
        let holder = holder.clone();
        let url = app.url(&path);
        async move { holder.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let mine = format!("/zh-Hant/registrations/{token}");
    let page = read(mine.clone()).await;
    assert!(page.contains("id=\"transfer-place\""), "{page}");
    let form = read(format!("{mine}/transfer")).await;
    assert!(form.contains("id=\"transfer-form\""), "{form}");
    assert!(
        !form.contains("id=\"meetings\""),
        "the choice of the meetings is the organiser's"
    );
    // Without the colleague's consent: refused, nothing done.
    let post = |fields: Vec<(&'static str, &'static str)>| {
        holder
            .post(app.url(&format!("{mine}/transfer")))
            .form(&fields)
            .send()
    };
    let colleague = vec![
        ("name", "李小梅"),
        ("email", "lee.place@example.hk"),
        ("locale", "en"),
        ("region", "hong_kong"),
    ];
    let r = post(colleague.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.store
            .registrations_by_address("lee.place@example.hk")
            .await
            .unwrap()
            .is_empty()
    );
    let mut agreed = colleague.clone();
    agreed.push(("consent", "1"));
    let r = post(agreed).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = read(mine.clone()).await;
    assert!(
        page.contains("id=\"transferred-to\"") && page.contains("李小梅"),
        "{page}"
    );
    assert!(!page.contains("id=\"transfer-place\""));
    let mails = crate::matchmaking::drain_mail(&app).await;
    let to = |addr: &str| {
        mails
            .iter()
            .filter_map(|(_, m)| m.as_ref())
            .find(|m| m.to == addr)
            .unwrap_or_else(|| panic!("a mail to {addr}: {mails:?}"))
            .clone()
    };
    let theirs = to("lee.place@example.hk");
    assert!(
        theirs.subject.contains("handed you their place"),
        "{}",
        theirs.subject
    );
    assert!(
        theirs.body.contains("陳大文")
            && theirs
                .body
                .contains("https://baylink.test/en/registrations/"),
        "{}",
        theirs.body
    );
    let old = to("chan.place@example.hk");
    assert!(
        old.subject.contains("你的名額已轉給李小梅"),
        "{}",
        old.subject
    );
    let new = app
        .store
        .registrations_by_address("lee.place@example.hk")
        .await
        .unwrap();
    assert_eq!(new[0].status, baylink_store::RegStatus::Confirmed);

    // The API: the colleague hands it on again, and is answered with the new registration.
    let r = holder
        .post(app.url(&format!(
            "/api/v1/registrations/{}/transfer",
            new[0].manage_token
        )))
        .json(&json!({"name": "張三", "email": "cheung.place@example.hk", "consent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["email"], "cheung.place@example.hk", "{body}");
    assert!(body.get("manage_url").is_none() && !body.to_string().contains("manage_token\":\""));

    // Approved by the organiser: the holder is sent to them; staff hand it on.
    let gated = gated_event(&app).await;
    let page = crate::matchmaking::register(&app, gated, "梁志強", "leung.place@example.mo").await;
    let token = page.rsplit('/').next().unwrap().to_owned();
    let reg = app.store.registration_by_token(&token).await.unwrap();
    app.store
        .decide_registration(
            &baylink_store::Actor::cli(),
            reg.id,
            true,
            baylink_store::sql::now(),
        )
        .await
        .unwrap();
    let form = read(format!("/zh-Hant/registrations/{token}/transfer")).await;
    assert!(
        form.contains("id=\"transfer-refused\"") && form.contains("請聯絡主辦方"),
        "{form}"
    );
    app.sign_in(SECRETARIAT).await;
    let (_, list) = app
        .page(&format!("/zh-Hant/events/{gated}/registrations"))
        .await;
    assert!(
        list.contains(&format!("/registrations/{}/transfer", reg.id)),
        "{list}"
    );
    let (_, staff_form) = app
        .page(&format!(
            "/zh-Hant/events/{gated}/registrations/{}/transfer",
            reg.id
        ))
        .await;
    assert!(
        staff_form.contains("id=\"meetings\"") && staff_form.contains("隨名額轉移"),
        "staff choose what becomes of the meetings: {staff_form}"
    );
    let r = app
        .post_form(
            &format!("/zh-Hant/events/{gated}/registrations/{}/transfer", reg.id),
            &[
                ("name", "梁志明"),
                ("email", "leung.ming@example.mo"),
                ("consent", "1"),
                ("meetings", "cancel"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = app.store.registration_by_token(&token).await.unwrap();
    assert_eq!(after.status, baylink_store::RegStatus::Cancelled);
    assert!(after.transferred_to.is_some());
    let (_, list) = app
        .page(&format!("/zh-Hant/events/{gated}/registrations"))
        .await;
    assert!(
        list.contains("已轉給 梁志明") && list.contains("代替 梁志強"),
        "{list}"
    );
    // Through the API, for the new holder, by staff; not for another event's.
    let ming = after.transferred_to.unwrap();
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{gated}/registrations/{ming}/transfer"),
            Some(json!({"name": "梁志華", "email": "leung.wah@example.mo", "consent": true})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["email"], "leung.wah@example.mo");
    let (status, _) = app
        .api(
            reqwest::Method::POST,
            &format!("/api/v1/events/{event}/registrations/{ming}/transfer"),
            Some(json!({"name": "梁志華", "email": "leung.hua@example.mo", "consent": true})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The organiser of one parallel forum (承辦) runs its room and nothing else: their
/// "my registrations" lists the forum, whose roster shows who has a seat and how it was
/// rated, and whose sign-in sheet they print; another forum's, the whole event's sheet
/// and the event's registrations are refused them, and the forum's roster to others.
#[tokio::test]
async fn a_forums_organiser_reads_its_roster_and_nothing_else() {
    let mut app = kit::demo_app().await;
    let organiser = app
        .store
        .find_user_by_email("rep.szinfo@demo.baylink")
        .await
        .unwrap()
        .expect("the demo's forum organiser");
    let forums = app
        .store
        .sessions_organised_by(organiser.org_id.unwrap())
        .await
        .unwrap();
    assert_eq!(forums.len(), 1, "{forums:?}");
    let (event, forum) = (forums[0].event_id, forums[0].id);
    let other = app
        .store
        .programme(event)
        .await
        .unwrap()
        .sessions
        .into_iter()
        .find(|x| x.id != forum && x.organiser_org_id.is_some())
        .unwrap()
        .id;
    app.sign_in("rep.szinfo@demo.baylink").await;
    let (status, mine) = app.page("/zh-Hant/registrations/mine").await;
    assert_eq!(status, StatusCode::OK);
    let roster = format!("/zh-Hant/events/{event}/sessions/{forum}/roster");
    assert!(
        mine.contains("id=\"mine-forums\"") && mine.contains(&roster),
        "{mine}"
    );
    let (status, page) = app.page(&roster).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("互聯網行業人工智能應用") && page.contains("id=\"roster\""),
        "{page}"
    );
    assert!(page.contains("id=\"roster-counts\""), "{page}");
    let seated = app
        .store
        .event_session_registrations(event)
        .await
        .unwrap()
        .into_iter()
        .filter(|x| x.session_id == forum && x.status == baylink_store::RegStatus::Confirmed)
        .count();
    assert!(seated > 0);
    // Each with a seat a row (erased ones, who have no name, left out).
    assert!(page.matches("<tr><td>").count() <= seated && page.matches("<tr><td>").count() > 0);
    let (status, sheet) = app
        .page(&format!(
            "/zh-Hant/events/{event}/sign-in-sheet?session={forum}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    // Its room alone to pick: neither another forum nor the whole event.
    assert!(
        sheet.contains(&format!("<option value=\"{forum}\" selected>"))
            && !sheet.contains(&format!("<option value=\"{other}\""))
            && !sheet.contains("整個活動"),
        "{sheet}"
    );
    // The roster as a sheet for the door, as on the page.
    let r = app.get(&format!("{roster}.csv")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    assert_eq!(
        csv.lines().count(),
        page.matches("<tr><td>").count() + 1,
        "{csv}"
    );
    let r = app.get(&format!("{roster}.xlsx")).await;
    assert_eq!(r.status(), StatusCode::OK);
    for refused in [
        format!("/zh-Hant/events/{event}/sessions/{other}/roster"),
        format!("/zh-Hant/events/{event}/sign-in-sheet?session={other}"),
        format!("/zh-Hant/events/{event}/sign-in-sheet"),
        format!("/zh-Hant/events/{event}/registrations"),
    ] {
        let (status, _) = app.page(&refused).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    }
    // Another organisation's representative: not theirs.
    app.client = kit::client();
    app.sign_in(kit::REP).await;
    let (status, _) = app.page(&roster).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let r = app.get(&format!("{roster}.csv")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// The events list's filters make a calendar to subscribe to: the coming events (and the
/// last year's) of one region only, in the reader's language; the list links to it with
/// the filters it shows.
#[tokio::test]
async fn the_events_list_is_a_calendar_to_subscribe_to() {
    let app = kit::demo_app().await;
    let events: Value = app
        .get("/api/v1/events?when=upcoming")
        .await
        .json()
        .await
        .unwrap();
    let items = events["items"].as_array().unwrap();
    let macao: Vec<i64> = items
        .iter()
        .filter(|e| e["region"] == "macao")
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(!macao.is_empty() && macao.len() < items.len(), "{events}");
    let r = app.get("/en/events/calendar.ics?region=macao").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let feed = r.text().await.unwrap();
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), macao.len(), "{feed}");
    let all = app
        .get("/en/events/calendar.ics")
        .await
        .text()
        .await
        .unwrap();
    assert!(all.matches("BEGIN:VEVENT").count() >= items.len(), "{all}");
    let (_, list) = app
        .page("/zh-Hant/events?region=macao&q=%E4%B8%AD%E9%86%AB")
        .await;
    assert!(
        list.contains("/zh-Hant/events/calendar.ics?q=%E4%B8%AD%E9%86%AB&#38;region=macao"),
        "{list}"
    );
}
