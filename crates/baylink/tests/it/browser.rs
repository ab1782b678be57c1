//! A real browser: Debian's Chromium, driven through ChromeDriver's WebDriver protocol,
//! opens the demo, switches language, signs in as staff and edits an organisation.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::kit::{self, PASSWORD, SECRETARIAT};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A ChromeDriver process and one browser session, ended on drop.
struct Browser {
    driver: Child,
    http: reqwest::Client,
    base: String,
}

impl Browser {
    async fn start() -> Browser {
        let driver_path = std::env::var("BAYLINK_TEST_CHROMEDRIVER").expect(
            "BAYLINK_TEST_CHROMEDRIVER must name chromedriver for this test (.ci/run sets it)",
        );
        let chromium =
            std::env::var("BAYLINK_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        // In a process group of its own, so that ending the test ends the browser it
        // started too, even when the test failed before closing its session.
        let driver = Command::new(&driver_path)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        let http = reqwest::Client::new();
        let root = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if let Ok(r) = http.get(format!("{root}/status")).send().await
                && r.json::<Value>()
                    .await
                    .map(|v| v["value"]["ready"] == true)
                    .unwrap_or(false)
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap().keep();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                         "--window-size=412,915", format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let r: Value = http
            .post(format!("{root}/session"))
            .json(&caps)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {r}"))
            .to_owned();
        Browser {
            driver,
            http,
            base: format!("{root}/session/{id}"),
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let r = self
            .http
            .request(method, format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let v: Value = r.json().await.unwrap();
        assert!(v["value"].get("error").is_none(), "WebDriver {path}: {v}");
        v["value"].clone()
    }

    async fn goto(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", json!({"url": url}))
            .await;
    }

    async fn url(&self) -> String {
        self.call(reqwest::Method::GET, "/url", json!({}))
            .await
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Waits (up to ten seconds) for the page at a URL containing `part`: a click that
    /// submits a form returns before the next page has loaded.
    async fn wait_url(&self, part: &str) -> String {
        for _ in 0..100 {
            let url = self.url().await;
            if url.contains(part) {
                return url;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self
            .call(reqwest::Method::GET, "/screenshot", json!({}))
            .await;
        let path = std::env::temp_dir().join("baylink-browser-failure.png.b64");
        let _ = std::fs::write(&path, shot.as_str().unwrap_or_default());
        panic!(
            "the browser never reached {part}; it is at {} (screenshot in {})",
            self.url().await,
            path.display()
        );
    }

    /// Waits (up to ten seconds) for an element to appear.
    async fn wait_for(&self, css: &str) {
        for _ in 0..100 {
            let r = self
                .http
                .post(format!("{}/element", self.base))
                .json(&json!({"using": "css selector", "value": css}))
                .send()
                .await
                .unwrap();
            let v: Value = r.json().await.unwrap();
            if v["value"].get("error").is_none() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never appeared at {}", self.url().await);
    }

    async fn find(&self, css: &str) -> String {
        let v = self
            .call(
                reqwest::Method::POST,
                "/element",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        v[ELEMENT].as_str().unwrap().to_owned()
    }

    async fn text(&self, css: &str) -> String {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::GET,
            &format!("/element/{e}/text"),
            json!({}),
        )
        .await
        .as_str()
        .unwrap()
        .to_owned()
    }

    async fn click(&self, css: &str) {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{e}/click"),
            json!({}),
        )
        .await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{e}/clear"),
            json!({}),
        )
        .await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{e}/value"),
            json!({"text": text}),
        )
        .await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn staff_switch_language_sign_in_and_edit_in_a_real_browser() {
    let app = kit::demo_app().await;
    let b = Browser::start().await;

    // The Hong Kong link opens in Traditional.
    b.goto(&app.url("/zh-Hant/")).await;
    assert_eq!(b.text("h1").await, "深港澳科技聯盟");
    // The switch keeps the page and converts interface and content alike.
    b.click("#language-switch a[hreflang='zh-Hans']").await;
    b.wait_url("/zh-Hans/").await;
    assert_eq!(b.text("h1").await, "深港澳科技联盟");

    // Sign in as Hong Kong secretariat staff.
    b.click("#language-switch a[href$='/login']").await;
    b.type_into("#email", SECRETARIAT).await;
    b.type_into("#password", PASSWORD).await;
    b.click("#sign-in").await;
    b.wait_for("#signed-in-as").await;
    assert_eq!(b.text("#signed-in-as").await, "Demo secretariat");

    // Edit an organisation through the page.
    let hkitf = app.org_id("香港資訊科技聯會").await;
    b.goto(&app.url(&format!("/zh-Hant/organisations/{hkitf}")))
        .await;
    b.click("#edit-organisation").await;
    b.wait_url("/edit").await;
    b.type_into("#short_name", "資訊科技聯會").await;
    b.click("#save").await;
    b.wait_url("saved=1").await;
    assert!(b.text(".notice").await.contains("已儲存"));
    let stored = app.store.get_organisation(hkitf).await.unwrap();
    assert_eq!(stored.short_name.as_deref(), Some("資訊科技聯會"));
    assert_eq!(stored.version, 2);

    // The same record, read in Simplified.
    b.click("#language-switch a[hreflang='zh-Hans']").await;
    b.wait_url("/zh-Hans/organisations/").await;
    assert_eq!(b.text("#org-name").await, "香港资讯科技联会");
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}

#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn register_receive_the_mail_open_the_ticket_and_check_in() {
    use crate::events::SmtpSink;
    let app = kit::demo_app().await;
    let events: Value = app
        .get("/api/v1/events?when=upcoming")
        .await
        .json()
        .await
        .unwrap();
    // The demo's open seminar: no approval, and questions of the organiser's own.
    let mut event = None;
    for e in events["items"].as_array().unwrap() {
        let id = e["id"].as_i64().unwrap();
        if !e["requires_approval"].as_bool().unwrap()
            && !app.store.questions(id).await.unwrap().is_empty()
        {
            event = Some(id);
            break;
        }
    }
    let event = event.expect("an open event with questions");
    let questions = app.store.questions(event).await.unwrap();
    let transport = questions
        .iter()
        .find(|q| q.kind == baylink_store::QuestionKind::YesNo)
        .expect("a yes-or-no question");
    // The document's number, asked only of those who join the visit after it.
    let document = questions
        .iter()
        .find(|q| q.shown_if_question.is_some())
        .expect("a question asked on another's answer");
    let (on, visit) = document.condition().unwrap();
    let sessions = questions.iter().find(|q| q.id == on).unwrap();
    let visit_tick = sessions
        .option_fields()
        .into_iter()
        .find(|(_, o)| *o == visit)
        .unwrap()
        .0;
    let b = Browser::start().await;

    // Register through the form, on a phone-sized window.
    b.goto(&app.url(&format!("/zh-Hant/events/{event}"))).await;
    b.click("#register").await;
    b.wait_url("/register").await;
    b.type_into("#name", "梁詠詩").await;
    b.type_into("#email", "leung@example.hk").await;
    b.click(&format!(
        "input[name=\"{}\"][value=\"yes\"]",
        transport.field()
    ))
    .await;
    let shown = format!(
        "return !document.getElementById({:?}).closest('[data-shown-if]').hidden",
        document.field()
    );
    assert_eq!(
        b.script(&shown).await,
        json!(false),
        "hidden until the visit is chosen"
    );
    b.click(&format!("input[name=\"{visit_tick}\"]")).await;
    assert_eq!(b.script(&shown).await, json!(true), "asked once it is");
    b.type_into(&format!("#{}", document.field()), "H76543210")
        .await;
    b.click("#consent").await;
    b.click("#submit-registration").await;
    b.wait_url("/registrations/").await;
    assert!(b.text("#registration-status").await.contains("已確認"));

    // The confirmation arrives by mail; its link opens the ticket.
    let sink =
        SmtpSink::start_on(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap()).await;
    let mut config = crate::events::mail_config(sink.port);
    config.base_url = app.running.url();
    baylink_web::mail::send_due_at(app.store.as_ref(), &config, baylink_store::sql::now() + 5)
        .await
        .unwrap();
    let raw = sink
        .messages
        .lock()
        .unwrap()
        .iter()
        .find(|m| m.contains("leung@example.hk"))
        .cloned()
        .expect("the mail arrived");
    use base64::Engine;
    let body = raw
        .split_once("\n\n")
        .unwrap()
        .1
        .split_whitespace()
        .collect::<String>();
    let body = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap(),
    )
    .unwrap();
    let link = body
        .lines()
        .find(|l| l.contains("/registrations/"))
        .unwrap()
        .trim()
        .to_owned();
    b.goto(&link).await;
    let ticket = b.text("#ticket-code").await;
    assert_eq!(ticket.len(), 98);

    // Door staff sign in and check the ticket in on the check-in page, which verifies
    // the signature in the browser before it asks the server.
    b.goto(&app.url("/zh-Hant/login")).await;
    b.type_into("#email", SECRETARIAT).await;
    b.type_into("#password", PASSWORD).await;
    b.click("#sign-in").await;
    b.wait_for("#signed-in-as").await;
    b.goto(&app.url(&format!("/zh-Hant/events/{event}/check-in")))
        .await;
    b.wait_for("#ticket").await;
    b.type_into("#ticket", &ticket).await;
    b.click("#manual button").await;
    let mut result = String::new();
    for _ in 0..50 {
        result = b.text("#result").await;
        if !result.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        result.contains("歡迎") && result.contains("梁詠詩"),
        "{result}"
    );
    // Under the name, the answers the door may need.
    let answers = b.text("#answers").await;
    assert!(
        answers.contains("需要協助安排跨境交通") && answers.contains("是"),
        "{answers}"
    );
    assert!(answers.contains("H76543210"), "{answers}");
    let reg = app
        .store
        .list_registrations(event, Some("leung"), None, 10, 0)
        .await
        .unwrap()
        .items
        .remove(0);
    assert!(reg.checked_in_at.is_some());
    // A forged code is refused in the browser itself.
    let mut forged = ticket.into_bytes();
    forged[30] = if forged[30] == b'A' { b'B' } else { b'A' };
    b.type_into("#ticket", &String::from_utf8(forged).unwrap())
        .await;
    b.click("#manual button").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(b.text("#result").await.contains("無效入場券"));
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}

#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn the_search_box_finds_the_same_record_from_every_script() {
    let app = kit::demo_app().await;
    let b = Browser::start().await;
    // Each reader types in their own script or in English, from the box on any page.
    for (locale, typed, shown) in [
        ("zh-Hant", "信息技术", "香港資訊科技聯會"),
        ("zh-Hans", "資訊科技", "香港资讯科技联会"),
        (
            "en",
            "information technology",
            "Hong Kong Information Technology Federation",
        ),
    ] {
        b.goto(&app.url(&format!("/{locale}/events"))).await;
        // The in-memory index is built in the background at start.
        let started = std::time::Instant::now();
        loop {
            b.type_into(".site-search input", &format!("{typed}\u{E007}"))
                .await;
            b.wait_url("/search?q=").await;
            if b.text("main").await.contains(shown) {
                break;
            }
            assert!(
                started.elapsed().as_secs() < 10,
                "{locale}: {typed} did not find {shown}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        let group = b.text("#results-organisation").await;
        assert!(group.contains(shown), "{locale}: {group}");
    }
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}

impl Browser {
    /// Runs a script in the page (to set date and time inputs, whose typing is locale-bound).
    async fn script(&self, script: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
        .await
    }

    /// Waits (up to ten seconds) until the element's text contains `needle`. Read in the
    /// page by script, so a page that reloads meanwhile (after a form post) leaves no stale
    /// element to fail on.
    async fn wait_text(&self, css: &str, needle: &str) {
        let script = format!(
            "const e = document.querySelector({}); return e ? e.textContent : '';",
            serde_json::to_string(css).unwrap()
        );
        let mut last = String::new();
        for _ in 0..100 {
            last = self
                .script(&script)
                .await
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if last.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed {needle:?}: {last:?}");
    }
}

#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn matchmaking_request_accept_schedule_publish_and_agenda() {
    let app = kit::demo_app().await;
    let event = crate::events::open_event(&app).await;
    // Two participants register (their links are what they act through).
    let mut links = Vec::new();
    for (name, email) in [
        ("陳大文", "mm-chan@example.hk"),
        ("李小明", "mm-li@example.cn"),
        ("王芳", "mm-wong@example.mo"),
    ] {
        links.push(crate::matchmaking::register(&app, event, name, email).await);
    }
    let b = Browser::start().await;

    // The organiser turns matchmaking on, cuts 10:00–10:40 into two slots of the meeting
    // length (the form's default) and adds a table, on the page.
    b.goto(&app.url("/zh-Hant/login")).await;
    b.type_into("#email", SECRETARIAT).await;
    b.type_into("#password", PASSWORD).await;
    b.click("#sign-in").await;
    b.wait_for("#signed-in-as").await;
    let admin = app.url(&format!("/zh-Hant/events/{event}/matchmaking"));
    b.goto(&admin).await;
    b.click("#mm-save-settings").await;
    b.wait_text("#mm-status", "接受對接申請中").await;
    b.script(
        "const f = document.querySelector('#mm-add-slot'); f.date.value = '2030-01-15'; f.start_time.value = '10:00'; f.end_time.value = '10:40'; f.submit();",
    )
    .await;
    b.wait_text("#mm-grid", "10:40").await;
    b.wait_text("#mm-slot-list", "2 個時段").await;
    b.type_into("#mm-add-table input[name=label]", "A1").await;
    b.click("#mm-add-table button").await;
    b.wait_text("#mm-grid", "A1").await;

    // 陳大文 asks 李小明 for a meeting; 李小明 accepts. On a phone the participants are
    // stacked, one card each, and the filter hides those who do not match.
    b.goto(&app.url(&format!("{}/matchmaking", links[0]))).await;
    b.type_into("#mm-filter", "李小明").await;
    let shown = b
        .script("return Array.from(document.querySelectorAll('#mm-participants tbody tr')).map(r => [r.textContent.includes('李小明'), getComputedStyle(r).display]);")
        .await;
    let shown = shown.as_array().unwrap();
    assert!(shown.len() > 1, "{shown:?}");
    for row in shown {
        let expected = if row[0] == true { "block" } else { "none" };
        assert_eq!(row[1], expected, "{shown:?}");
    }
    b.script("const s = document.querySelector('select[name=to_reg]'); for (const o of s.options) { if (o.text.includes('李小明')) s.value = o.value; }").await;
    b.type_into("#mm-request-form textarea", "想談低空經濟合作")
        .await;
    b.click("#mm-send").await;
    b.wait_text("#mm-sent", "李小明").await;
    b.goto(&app.url(&format!("{}/matchmaking", links[1]))).await;
    b.wait_text("#mm-incoming", "想談低空經濟合作").await;
    b.click(".accept-request").await;
    b.wait_text("main", "沒有待您回覆的申請").await;
    // Before the day they write to each other: typed in Simplified, read in Traditional.
    b.click("#mm-received .mm-messages-link").await;
    b.wait_for("#mm-message-form").await;
    b.type_into("#body", "好的，我们在A1见").await;
    b.click("#send-message").await;
    b.wait_text("#mm-messages", "好的，我們在A1見").await;
    b.goto(&app.url(&format!("{}/matchmaking", links[0]))).await;
    b.wait_text("#mm-sent .mm-unread", "1").await;

    // The organiser schedules and publishes.
    b.goto(&admin).await;
    b.click("#mm-schedule").await;
    b.wait_text("#mm-status", "日程已擬定").await;
    b.wait_text("#mm-grid", "陳大文").await;
    b.click("#mm-publish").await;
    b.wait_text("#mm-status", "日程已公佈").await;

    // Each side's agenda shows the meeting, at table A1, with the other.
    for (link, other) in [(&links[0], "李小明"), (&links[1], "陳大文")] {
        b.goto(&app.url(&format!("{link}/matchmaking"))).await;
        b.wait_text("#mm-agenda", other).await;
        assert!(b.text("#mm-agenda").await.contains("A1"));
    }

    // The secretariat arranges a meeting between 陳大文 and 王芳 from its page; 王芳
    // finds it on hers, marked as arranged.
    b.goto(&admin).await;
    b.script(
        "document.querySelector('#mm-arrange').open = true; const f = document.querySelector('#mm-arrange-form'); for (const [n, who] of [['from_reg', '陳大文'], ['to_reg', '王芳']]) { for (const o of f[n].options) { if (o.text.includes(who)) f[n].value = o.value; } } f.message.value = '兩位都做跨境數據'; f.submit();",
    )
    .await;
    b.wait_text("#mm-requests", "由主辦方安排").await;
    b.goto(&app.url(&format!("{}/matchmaking", links[2]))).await;
    b.wait_text("#mm-received", "由主辦方安排").await;
    assert!(b.text("#mm-received").await.contains("陳大文"));

    // That meeting took place an hour ago (placed by the store: the page offers only slots
    // to come). 王芳 says cooperation is possible, then records the agreement signed.
    let me = baylink_store::Actor::cli();
    let now = baylink_store::sql::now();
    let past = app
        .store
        .add_meeting_slot(&me, event, now - 3600, now - 2400)
        .await
        .unwrap();
    let arranged = app
        .store
        .meeting_requests(event)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.arranged)
        .unwrap();
    let table = app.store.meeting_tables(event).await.unwrap()[0].id;
    let version = app.store.matchmaking(event).await.unwrap().unwrap().version;
    app.store
        .place_meeting(
            &me,
            event,
            arranged.id,
            Some((past.id, table)),
            true,
            version,
            now,
        )
        .await
        .unwrap();
    b.goto(&app.url(&format!("{}/matchmaking", links[2]))).await;
    b.wait_text("#mm-agenda", "陳大文").await;
    b.script(&format!(
        "const f = document.querySelector('#mm-agenda form[action$=\"/requests/{}/outcome\"]'); f.outcome.value = 'cooperation_possible'; f.submit();",
        arranged.id
    ))
    .await;
    b.wait_text(".mm-coop-stage", "洽談中").await;
    b.script(
        "const f = document.querySelector('.mm-coop-form'); f.stage.value = 'signed'; f.agreement_type.value = 'joint_rd'; f.note.value = '簽署合作備忘錄'; f.submit();",
    )
    .await;
    b.wait_text(".mm-coop-stage", "已簽約").await;
    let coop = b.text(".mm-coop").await;
    assert!(
        coop.contains("聯合研發") && coop.contains("簽署合作備忘錄"),
        "{coop}"
    );
    // Signed by mistake: taken back with the reason, from the box that says where to.
    b.click(".mm-coop-back summary").await;
    b.type_into(".mm-coop-back input[name=note]", "備忘錄尚未簽署")
        .await;
    b.click(".mm-coop-back button").await;
    b.wait_text(".mm-coop-stage", "洽談中").await;
    let coop = b.text(".mm-coop").await;
    assert!(
        coop.contains("撤回上一步，回到「洽談中」") && coop.contains("備忘錄尚未簽署"),
        "{coop}"
    );
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}

impl Browser {
    /// Signs out (drops the cookies) and signs in as `email`.
    async fn sign_in_as(&self, app: &kit::TestApp, email: &str) {
        self.call(reqwest::Method::DELETE, "/cookie", json!({}))
            .await;
        self.goto(&app.url("/zh-Hant/login")).await;
        self.type_into("#email", email).await;
        self.type_into("#password", PASSWORD).await;
        self.click("#sign-in").await;
        self.wait_for("#signed-in-as").await;
    }
}

#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn market_post_approve_recommend_interest_accept_and_sign() {
    let app = kit::demo_app().await;
    let b = Browser::start().await;

    // A Hong Kong representative posts an offer in Traditional Chinese.
    b.sign_in_as(&app, kit::REP).await;
    b.goto(&app.url("/zh-Hant/postings/new")).await;
    b.script("const f = document.querySelector('#posting-form'); f.side.value = 'offer'; f.kind.value = 'technology'; f.stage.value = 'pilot';").await;
    b.type_into("#title", "資訊保安態勢感知技術授權").await;
    b.type_into(
        "#summary",
        "本實驗室的資訊保安態勢感知平台已在香港銀行試行，適用於金融機構。",
    )
    .await;
    b.click("input[name='sector-cybersecurity']").await;
    b.click("input[name='mode-licensing']").await;
    b.type_into("#contact", "browser-test@example.org").await;
    b.click("#save").await;
    let url = b.wait_url("saved=1").await;
    let path = url.split('?').next().unwrap().to_owned();
    b.wait_text("#posting-status", "待審核").await;

    // The secretariat approves; the page recommends the Shenzhen need for it.
    b.sign_in_as(&app, kit::ADMIN).await;
    b.goto(&path).await;
    b.click("#approve").await;
    b.wait_text("#posting-status", "已公開").await;
    b.wait_text("#recommendations", "態勢感知").await;
    b.wait_text("#recommendations", "同屬領域").await;

    // Another member expresses interest.
    b.sign_in_as(&app, "rep1@demo.baylink").await;
    b.goto(&path).await;
    b.type_into("#message", "我们希望洽谈技术许可。").await;
    b.click("#express-interest").await;
    b.wait_text("#my-interest", "等待發佈者回覆").await;

    // The owner accepts: the introduction opens; both move it to a signed agreement.
    b.sign_in_as(&app, kit::REP).await;
    b.goto(&path).await;
    b.click(".accept-interest").await;
    b.wait_url("/interests/").await;
    b.wait_text("#pipeline-stage", "已對接").await;
    assert!(
        b.text("#interested-contact")
            .await
            .contains("rep1@demo.baylink")
    );
    b.script("const f = document.querySelector('#stage-form'); f.stage.value = 'signed'; f.agreement_type.value = 'joint_rd';").await;
    b.click("#move-stage").await;
    b.wait_text("#pipeline-stage", "已簽約").await;
    b.wait_text("#agreement-type", "聯合研發").await;
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}

/// A representative's delegation form (ten rows of three fields) fits a phone's width, and
/// registers a colleague from it.
#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn a_delegation_is_entered_on_a_phone() {
    let app = kit::demo_app().await;
    let b = Browser::start().await;
    b.sign_in_as(&app, kit::REP).await;
    let event = crate::events::open_event(&app).await;
    for lang in ["zh-Hant", "en"] {
        b.goto(&app.url(&format!("/{lang}/events/{event}/delegation")))
            .await;
        b.wait_for("#delegation-form").await;
        let widths = b
            .script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
            .await;
        assert!(
            widths[0].as_i64().unwrap() <= widths[1].as_i64().unwrap(),
            "{lang}: {widths}"
        );
    }
    b.type_into("input[name=name_1]", "陳大文").await;
    b.type_into("input[name=email_1]", "tai.man@hkitf.example")
        .await;
    b.click("#consent").await;
    b.click("#submit-delegation").await;
    b.wait_for("#delegation-entered").await;
    b.wait_text("#delegation-entered", "tai.man@hkitf.example")
        .await;
    // The representative corrects the colleague's name and position from the list.
    b.click("#delegation-entered a.delegate-details").await;
    b.wait_for("#details-form").await;
    let widths = b
        .script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
        )
        .await;
    assert!(
        widths[0].as_i64().unwrap() <= widths[1].as_i64().unwrap(),
        "{widths}"
    );
    b.script("document.querySelector('#details-form input[name=name]').value = ''; return 0;")
        .await;
    b.type_into("#details-form input[name=name]", "陳小文")
        .await;
    b.type_into("#details-form input[name=position]", "總監")
        .await;
    b.click("#submit-details").await;
    b.wait_text("#delegation-entered", "陳小文").await;
    b.wait_text("#delegation-entered", "總監").await;

    // The seminar asks for a visitor's document only of those who join its visit: on
    // each colleague's row, once the visit is ticked on that row.
    let mut seminar = None;
    for id in crate::events::open_events(&app.client, &app.url("")).await {
        let qs = app.store.questions(id).await.unwrap();
        if qs.iter().any(|q| q.shown_if_question.is_some()) {
            seminar = Some((id, qs));
        }
    }
    let (seminar, qs) = seminar.expect("the demo's seminar with a conditional question");
    let visit = qs.iter().find(|q| q.shown_if_question.is_none()).unwrap();
    let document = qs.iter().find(|q| q.shown_if_question.is_some()).unwrap();
    b.goto(&app.url(&format!("/zh-Hant/events/{seminar}/delegation")))
        .await;
    b.wait_for("#delegation-form").await;
    let shown = |row: i64| {
        format!(
            "return !document.querySelector('[name=d{row}_{}]').closest('[data-shown-if]').hidden;",
            document.field()
        )
    };
    assert_eq!(b.script(&shown(1)).await, json!(false));
    b.click("#answers-1 summary").await;
    b.click(&format!("input[name=d1_{}_1]", visit.field()))
        .await;
    assert_eq!(b.script(&shown(1)).await, json!(true));
    assert_eq!(b.script(&shown(2)).await, json!(false), "row 2 is its own");
    b.type_into("input[name=name_1]", "黃志明").await;
    b.type_into("input[name=email_1]", "chi.ming@hkitf.example")
        .await;
    b.type_into(&format!("input[name=d1_{}]", document.field()), "H1234567")
        .await;
    b.click("#consent").await;
    b.click("#submit-delegation").await;
    b.wait_text("#delegation-entered", "chi.ming@hkitf.example")
        .await;
    let reg = app
        .store
        .registrations_by_address("chi.ming@hkitf.example")
        .await
        .unwrap()
        .remove(0);
    let answers: Vec<String> = app
        .store
        .answers_of(reg.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.answer)
        .collect();
    assert_eq!(answers, ["會後參訪前海深港青年夢工場", "H1234567"]);
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}

/// The staff's busiest pages, and the public ones they lead to, fit a phone's width: a wide
/// table scrolls inside its box, the page itself never sideways (the organiser's
/// matchmaking page and the funnel once did).
#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn staff_pages_fit_a_phone() {
    let app = kit::demo_app().await;
    let b = Browser::start().await;
    b.sign_in_as(&app, kit::SECRETARIAT).await;
    let event = app
        .store
        .list_events(&Default::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|e| e.title.contains("年會"))
        .expect("the demo's conference")
        .id;
    // A registration of an upcoming event, whose place staff may hand on.
    let seminar = crate::events::open_event(&app).await;
    let holder =
        crate::matchmaking::register(&app, seminar, "陳大文", "chan.phone@example.hk").await;
    let rid = app
        .store
        .registration_by_token(holder.rsplit('/').next().unwrap())
        .await
        .unwrap()
        .id;
    let forum = app.store.programme(event).await.unwrap().sessions[0].id;
    for lang in ["zh-Hant", "en"] {
        for path in [
            format!("/{lang}/events/{event}/sessions/{forum}/roster"),
            format!("/{lang}/events/{seminar}/registrations/{rid}/transfer"),
            format!("/{lang}/account/alerts"),
            // With the form that keeps the search's words as an alert.
            format!("/{lang}/search?q=%E6%95%B8%E6%93%9A%E7%99%BD%E7%9A%AE%E6%9B%B8"),
            format!("/{lang}/events/{event}/matchmaking"),
            format!("/{lang}/events/{event}/matchmaking/suggest"),
            format!("/{lang}/events/{event}/registrations"),
            format!("/{lang}/events/{event}/feedback"),
            format!("/{lang}/events/{event}/manage"),
            format!("/{lang}/postings/funnel"),
            format!("/{lang}/postings/review"),
            format!("/{lang}/reports/2024?side=hk"),
            format!("/{lang}/publications"),
            format!("/{lang}/publications/new?event={event}"),
            format!("/{lang}/events/{event}"),
            format!("/{lang}/postings"),
            format!("/{lang}/organisations"),
            format!("/{lang}/alliance"),
            format!("/{lang}/registrations/find"),
            format!("/{lang}/registrations/mine"),
        ] {
            b.goto(&app.url(&path)).await;
            b.wait_for("main").await;
            let widths = b
                .script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
                .await;
            assert!(
                widths[0].as_i64().unwrap() <= widths[1].as_i64().unwrap(),
                "{path}: {widths}"
            );
        }
    }
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}

/// Signs the browser out, then `email` in on the Simplified Chinese page with `password`,
/// up to the page that asks for the second step's code.
async fn to_the_code_page(b: &Browser, app: &kit::TestApp, email: &str, password: &str) {
    b.call(reqwest::Method::DELETE, "/cookie", json!({})).await;
    b.goto(&app.url("/zh-Hans/login")).await;
    b.type_into("#email", email).await;
    b.type_into("#password", password).await;
    b.click("#sign-in").await;
    b.wait_for("#code-form").await;
}

#[tokio::test]
#[ignore = "needs Chromium and ChromeDriver: run by .ci/run"]
async fn a_forgotten_password_and_two_step_sign_in_in_a_real_browser() {
    const HOLDER: &str = "participant@demo.baylink";
    let app = kit::demo_app().await;
    let b = Browser::start().await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;

    // Forgotten: from the sign-in page to the mail.
    b.goto(&app.url("/zh-Hans/login")).await;
    b.click("#forgot-link").await;
    b.wait_url("/zh-Hans/password/forgot").await;
    b.type_into("#email", HOLDER).await;
    b.click("#send-link").await;
    b.wait_for("#forgot-sent").await;
    let later = baylink_store::sql::now() + 1;
    let (_, mail) = kit::sent_mail_of(app.store.as_ref(), "password_reset", later).await;
    let start = mail.body.find("https://baylink.test").expect("a link");
    let link: String = mail.body[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    // The link, opened on this site: a new password, and signed in.
    b.goto(&link.replace("https://baylink.test", &app.url("")))
        .await;
    b.wait_for("#reset-form").await;
    b.type_into("#password", "browser password 2026").await;
    b.click("#set-password").await;
    b.wait_url("/zh-Hans/account/password?done=set").await;
    b.wait_text("#password-done", "你的密码已设置").await;
    assert_eq!(b.text("#signed-in-as").await, "Demo participant");

    // Two-step sign-in: the key from the page, the code as an app computes it.
    b.click("#two-factor-link").await;
    b.wait_for("#two-factor-on-form").await;
    let secret = b
        .script("return document.querySelector('#two-factor-on-form input[name=secret]').value;")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    let code = |offset: i64| {
        let step = baylink_web::totp::step_of(baylink_store::sql::now()) + offset;
        baylink_web::totp::code(&secret, step).unwrap()
    };
    b.type_into("#code", &code(-1)).await;
    b.click("#turn-on").await;
    b.wait_text("#two-factor-done", "已启用两步验证登录").await;
    // Its recovery codes, shown this once.
    let recovery = b
        .script("return document.querySelector('#recovery-codes li code').textContent;")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(recovery.len(), 14, "{recovery}");

    // Signed out, then in again: the password, then the app's code.
    to_the_code_page(&b, &app, HOLDER, "browser password 2026").await;
    b.type_into("#code", &code(0)).await;
    b.click("#send-code").await;
    b.wait_for("#signed-in-as").await;
    assert_eq!(b.text("#signed-in-as").await, "Demo participant");

    // No phone at hand: a recovery code, once.
    to_the_code_page(&b, &app, HOLDER, "browser password 2026").await;
    b.click("#recovery-code-box summary").await;
    b.type_into("#recovery-code", &recovery).await;
    b.click("#send-recovery-code").await;
    b.wait_text("#two-factor-done", "你用恢复码登录了，还剩 9 个")
        .await;
    assert_eq!(b.text("#signed-in-as").await, "Demo participant");
    b.call(reqwest::Method::DELETE, "", json!({})).await;
}
