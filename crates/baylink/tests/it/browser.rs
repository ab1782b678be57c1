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
            if let Ok(r) = http.get(format!("{root}/status")).send().await {
                if r.json::<Value>()
                    .await
                    .map(|v| v["value"]["ready"] == true)
                    .unwrap_or(false)
                {
                    break;
                }
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
    b.wait_url("/zh-Hans/").await;
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
