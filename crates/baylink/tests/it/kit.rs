//! The test kit: a real server on 127.0.0.1:0 over a fresh database per test, and a client
//! that keeps cookies, with typed helpers.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use baylink::Running;
use baylink_store::Store;
use baylink_web::documents::WordReader;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::Value;

pub const PASSWORD: &str = baylink::demo::DEMO_PASSWORD;
pub const ADMIN: &str = "admin@demo.baylink";
pub const SECRETARIAT: &str = "secretariat.hk@demo.baylink";
pub const REP: &str = "rep.hkitf@demo.baylink";
pub const PARTICIPANT: &str = "participant@demo.baylink";

/// Next year in Hong Kong, for the dates of events a test creates: a date written out
/// would pass one day, and with it the event's registration.
pub fn next_year() -> i32 {
    let hk = time::UtcOffset::from_hms(8, 0, 0).expect("UTC+8");
    time::OffsetDateTime::now_utc().to_offset(hk).year() + 1
}

/// A fresh, empty database: a SQLite file in a temporary directory, or a new PostgreSQL
/// database on the server `BAYLINK_TEST_POSTGRES` names. Dropped with the value.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_admin: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        TestDb {
            url: baylink::sqlite_url(dir.path()),
            _dir: Some(dir),
            pg_admin: None,
        }
    }

    /// A new database on the test PostgreSQL server. Panics (failing the test) when the
    /// server is not configured or not reachable: these tests never pass without it.
    pub async fn postgres() -> TestDb {
        let admin = std::env::var("BAYLINK_TEST_POSTGRES").expect(
            "BAYLINK_TEST_POSTGRES must name a PostgreSQL server for this test (.ci/run sets it)",
        );
        static N: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "baylink_test_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst),
            nanos
        );
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
            .await
            .expect("connecting to the test PostgreSQL server");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("creating a test database");
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
        TestDb {
            url: format!("{base}/{name}"),
            _dir: None,
            pg_admin: Some((admin.clone(), name)),
        }
    }

    pub async fn open(&self) -> Arc<dyn Store> {
        baylink::open_store(&self.url)
            .await
            .expect("opening the test store")
    }

    /// Runs `sql` on the database behind the store's back: to make it look as an older
    /// release left it.
    pub async fn execute(&self, sql: &str) {
        use sqlx::Connection;
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        if self.pg_admin.is_some() {
            let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
        } else {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
        }
    }

    /// Reads one number with `sql` behind the store's back: what no store call shows
    /// (a column cleared once its use is over).
    pub async fn scalar(&self, sql: &str) -> i64 {
        use sqlx::Connection;
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        if self.pg_admin.is_some() {
            let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap()
        } else {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap()
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_admin.take() {
            // Best effort, on a thread of its own: the test's runtime may be gone.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(mut c) =
                            <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await
                        {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(&mut c)
                            .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// A running app and a client for it.
pub struct TestApp {
    pub running: Running,
    pub store: Arc<dyn Store>,
    pub client: reqwest::Client,
    /// The CSRF token of the client's session, once signed in.
    pub csrf: String,
    pub db: Arc<TestDb>,
}

/// The demo, loaded once per test process and snapshotted: each test copies the file
/// instead of loading the demo again.
pub(crate) async fn demo_template() -> &'static std::path::Path {
    static TEMPLATE: tokio::sync::OnceCell<(tempfile::TempDir, std::path::PathBuf)> =
        tokio::sync::OnceCell::const_new();
    let (_, path) = TEMPLATE
        .get_or_init(|| async {
            let dir = tempfile::tempdir().expect("temporary directory");
            let store = baylink_store_sqlite::SqliteStore::open_file(&dir.path().join("build.db"))
                .await
                .expect("template store");
            baylink::demo::load_with(&store, 30)
                .await
                .expect("loading the demo");
            let snapshot = dir.path().join("demo.db");
            store.snapshot_to(&snapshot).await.expect("snapshot");
            (dir, snapshot)
        })
        .await;
    path
}

/// Starts the app on a fresh SQLite database with the demo loaded (with 30 conference
/// participants rather than the demo's 520, to stay quick).
/// The mails queued and not yet sent, as the sender would take them at `now`, marked sent
/// so that each is seen once, in the order queued.
pub async fn sent_mails(s: &dyn Store, now: i64) -> Vec<baylink_store::OutboxMessage> {
    let mut sent = Vec::new();
    while let Some(m) = s.claim_mail(now, now + 600).await.unwrap() {
        s.mark_mail_sent(m.id, now).await.unwrap();
        sent.push(m);
    }
    sent
}

/// Marks every mail due at `now` sent and returns the first of `kind` with the mail the
/// sender writes for it, as of now.
pub async fn sent_mail_of(
    s: &dyn Store,
    kind: &str,
    now: i64,
) -> (baylink_store::OutboxMessage, baylink_web::mail::Composed) {
    let m = sent_mails(s, now)
        .await
        .into_iter()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("a {kind} mail"));
    let mail = baylink_web::mail::compose(s, &m, "https://baylink.test")
        .await
        .unwrap();
    (m, mail)
}

pub async fn demo_app() -> TestApp {
    let db = TestDb::sqlite();
    let file = db
        .url
        .strip_prefix("sqlite:")
        .expect("a SQLite URL")
        .to_owned();
    std::fs::copy(demo_template().await, &file).expect("copying the demo");
    let db = Arc::new(db);
    let store = db.open().await;
    app_on(db, store).await
}

/// Starts another app node on `db`, with a client of its own.
pub async fn app_on(db: Arc<TestDb>, store: Arc<dyn Store>) -> TestApp {
    app_reading_with(db, store, word_reader()).await
}

/// How a test node reads uploaded files' words: as `baylink serve` does, in child
/// processes of the `baylink` program cargo built for these tests.
pub fn word_reader() -> WordReader {
    WordReader::child(env!("CARGO_BIN_EXE_baylink").into())
}

/// [`app_on`] with uploaded files' words read as `words` says.
pub async fn app_reading_with(
    db: Arc<TestDb>,
    store: Arc<dyn Store>,
    words: WordReader,
) -> TestApp {
    // Internal errors are logged, never shown: print the log with a failing test's output.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn"))
        .try_init();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding");
    let running = baylink::start(listener, store.clone(), words).expect("starting");
    TestApp {
        running,
        store,
        client: client(),
        csrf: String::new(),
        db,
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.running.url(), path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// The page's status and body.
    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        let status = r.status();
        (status, r.text().await.unwrap_or_default())
    }

    /// Signs in through the API; keeps the cookie and the CSRF token.
    pub async fn sign_in(&mut self, email: &str) -> Value {
        let r = self
            .client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .expect("sign in");
        assert_eq!(r.status(), StatusCode::OK, "signing in as {email}");
        let body: Value = r.json().await.expect("session JSON");
        self.csrf = body["csrf_token"].as_str().unwrap_or_default().to_owned();
        body
    }

    /// Posts a form the way the browser does, with the session's CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", &self.csrf));
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("POST form")
    }

    /// Sends JSON to the API with the session's CSRF token.
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .client
            .request(method, self.url(path))
            .header("x-csrf-token", &self.csrf);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("API call");
        let status = r.status();
        let text = r.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A live posting (published, not past its last day) that `pick` accepts.
    pub async fn live_posting(
        &self,
        pick: impl Fn(&baylink_store::Posting) -> bool,
    ) -> baylink_store::Posting {
        self.store
            .live_postings(&baylink_web::views::events::today())
            .await
            .expect("live postings")
            .into_iter()
            .find(|p| pick(p))
            .expect("a live posting as asked")
    }

    /// The id of the organisation with this exact stored name.
    pub async fn org_id(&self, name: &str) -> i64 {
        self.store
            .find_organisation_by_name(name)
            .await
            .expect("lookup")
            .unwrap_or_else(|| panic!("no organisation {name}"))
            .id
    }
}

/// The token shown once on the account's tokens page (`page`, the answer to making one).
pub fn shown_token(page: &str) -> String {
    page.split("id=\"new-token\"")
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next())
        .expect("the new token is shown")
        .to_owned()
}

/// Makes an API token for the signed-in account of `app` with the form's `fields`, and
/// returns it.
pub async fn new_api_token(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let r = app.post_form("/zh-Hant/account/tokens", fields).await;
    shown_token(&r.text().await.unwrap())
}
