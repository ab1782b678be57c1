//! What the platform promises when things break under it: nothing acknowledged is lost,
//! and nothing half-done is kept, when the server process is killed, when its disk fills
//! up, or when PostgreSQL restarts. (A mail server that is down:
//! `events::mail_waits_out_a_mail_server_outage`.)
//!
//! The first two run the real `baylink` binary on a copy of the demo, as an operator
//! would, so that a kill is a real `SIGKILL` and a full disk a real failed write: the
//! process gets a file-size limit (`ulimit -f`) with the signal that limit sends ignored,
//! so a write past it fails with `EFBIG`, as it would with `ENOSPC` on a full disk.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;

use crate::kit::{self, TestDb};

/// A `baylink serve` process on the SQLite database in `dir`.
struct Server {
    child: Child,
    url: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Server {
    /// Starts the binary on `dir`, with every file it writes limited to `limit_kib` KiB
    /// when given, and waits until it answers.
    async fn start(dir: &Path, limit_kib: Option<u64>) -> Server {
        Server::start_with(dir, limit_kib, &[]).await
    }

    /// [`Server::start`] with more arguments for `serve`.
    async fn start_with(dir: &Path, limit_kib: Option<u64>, more: &[&str]) -> Server {
        let port = free_port();
        let limit = limit_kib.map_or(String::new(), |k| format!("ulimit -f {k}; "));
        let script = format!(
            "trap '' XFSZ; {limit}exec \"$0\" serve --data \"$1\" --listen 127.0.0.1:{port} --metrics-listen 127.0.0.1:{} \"${{@:2}}\"",
            free_port()
        );
        let child = Command::new("bash")
            .args(["-c", &script, env!("CARGO_BIN_EXE_baylink")])
            .arg(dir)
            .args(more)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(dir.with_extension("log"))
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null()),
            )
            .spawn()
            .expect("starting baylink");
        let server = Server {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        // Up to two minutes: with the browser and PostgreSQL suites beside it on two
        // cores, a debug build once took more than thirty seconds to answer (its search
        // index is built at start). A server that never starts still fails the test.
        for _ in 0..2400 {
            if let Ok(r) = kit::client().get(server.at("/healthz")).send().await
                && r.status() == StatusCode::OK
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("baylink did not start on {}", dir.display());
    }

    fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// `SIGKILL`: no shutdown, no flush, nothing of the process's own survives.
    fn kill(mut self) {
        self.child.kill().expect("killing baylink");
        let _ = self.child.wait();
    }

    /// The upcoming demo event anyone may register for.
    async fn open_event(&self) -> i64 {
        crate::events::open_events(&kit::client(), &self.url).await[0]
    }

    async fn register(&self, event: i64, email: &str) -> (StatusCode, Option<String>, String) {
        register_at(&self.url, event, email).await
    }
}

/// Registers `email` for `event` from the page's form on the server at `base`: the
/// status, the link of the registration when it was taken, and the page.
async fn register_at(base: &str, event: i64, email: &str) -> (StatusCode, Option<String>, String) {
    {
        let r = kit::client()
            .post(format!("{base}/zh-Hant/events/{event}/register"))
            .form(&[
                ("name", "陳大文"),
                ("email", email),
                ("region", "hong_kong"),
                ("consent", "1"),
            ])
            .send()
            .await
            .expect("an answer, never a dropped connection");
        let status = r.status();
        let link = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        (status, link, r.text().await.unwrap_or_default())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A data directory holding a copy of the demo.
async fn demo_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(kit::demo_template().await, data.join("baylink.db")).expect("copying the demo");
    (dir, data)
}

/// The registrations of `emails` in the database of `data`, and their queued mails.
async fn held(data: &Path, emails: &[String]) -> (usize, usize) {
    let store = baylink::open_store(&baylink::sqlite_url(data))
        .await
        .expect("opening the database after the outage");
    let mut found = 0;
    let mut ids = Vec::new();
    for email in emails {
        for r in store.registrations_by_address(email).await.unwrap() {
            found += 1;
            ids.push(r.id);
        }
    }
    let now = baylink_store::sql::now() + 1;
    let mut mails = 0;
    while let Some(m) = store.claim_mail(now, now + 600).await.unwrap() {
        if m.registration_id.is_some_and(|id| ids.contains(&id)) {
            mails += 1;
        }
        store.mark_mail_sent(m.id, now).await.unwrap();
    }
    (found, mails)
}

/// Killed right after acknowledging: every registration it answered for is there after a
/// restart, with its confirmation mail still queued, and the server starts again on the
/// same file.
#[tokio::test]
async fn a_killed_server_keeps_every_registration_it_acknowledged() {
    let (_dir, data) = demo_dir().await;
    let server = Server::start(&data, None).await;
    let event = server.open_event().await;
    let mut emails = Vec::new();
    let mut links = Vec::new();
    for i in 0..12 {
        let email = format!("crash{i}@example.hk");
        let (status, link, _) = server.register(event, &email).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "registration {i}");
        emails.push(email);
        links.push(link.unwrap());
    }
    server.kill();
    let server = Server::start(&data, None).await;
    for link in &links {
        let r = kit::client().get(server.at(link)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{link} after the restart");
    }
    server.kill();
    assert_eq!(held(&data, &emails).await, (12, 12));

    // Killed in the middle of a rush: what was acknowledged is there, and what was cut
    // off half-way left nothing behind: the event's count of seats taken is the number
    // of registrations holding one.
    let server = Server::start(&data, None).await;
    let (taken, mut taken_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut rush = Vec::new();
    for i in 0..200 {
        let base = server.url.clone();
        let taken = taken.clone();
        rush.push(tokio::spawn(async move {
            let email = format!("rush{i}@example.hk");
            let r = kit::client()
                .post(format!("{base}/zh-Hant/events/{event}/register"))
                .form(&[
                    ("name", "陳大文"),
                    ("email", email.as_str()),
                    ("region", "hong_kong"),
                    ("consent", "1"),
                ])
                .send()
                .await;
            // Cut off by the kill: no answer, so not acknowledged.
            let status = r.map(|r| r.status()).ok();
            if status == Some(StatusCode::SEE_OTHER) {
                let _ = taken.send(());
            }
            (email, status)
        }));
    }
    // Killed once a score are through, with the rest on their way.
    for _ in 0..20 {
        taken_rx.recv().await.expect("registrations go through");
    }
    server.kill();
    let mut acknowledged = Vec::new();
    let mut cut = 0;
    for task in rush {
        match task.await.unwrap() {
            (email, Some(StatusCode::SEE_OTHER)) => acknowledged.push(email),
            _ => cut += 1,
        }
    }
    assert!(
        cut > 0 && !acknowledged.is_empty(),
        "killed mid-rush: {} taken, {cut} cut",
        acknowledged.len()
    );
    let (found, _) = held(&data, &acknowledged).await;
    assert_eq!(found, acknowledged.len(), "every acknowledged one kept");
    let store = baylink::open_store(&baylink::sqlite_url(&data))
        .await
        .unwrap();
    let seated = store
        .list_registrations(
            event,
            None,
            Some(baylink_store::RegStatus::Confirmed),
            10_000,
            0,
        )
        .await
        .unwrap()
        .total;
    assert_eq!(
        store.get_event(event).await.unwrap().confirmed_count,
        seated
    );
}

/// A full disk: the registration that cannot be written is refused with a clear,
/// localised page (never a dropped connection, never an acknowledgement), the pages
/// still read, and every registration acknowledged before is kept, nothing of the
/// refused one. With space again, registering works.
#[tokio::test]
async fn a_full_disk_refuses_what_it_cannot_write_and_loses_nothing() {
    let (_dir, data) = demo_dir().await;
    let size = std::fs::metadata(data.join("baylink.db")).unwrap().len();
    // Room for the database as it is and a few registrations in its write-ahead log.
    let server = Server::start(&data, Some(size / 1024 + 96)).await;
    let event = server.open_event().await;
    let mut taken = Vec::new();
    let mut refused = None;
    for i in 0..400 {
        let email = format!("full{i}@example.hk");
        let (status, _, page) = server.register(event, &email).await;
        if status == StatusCode::SEE_OTHER {
            taken.push(email);
            continue;
        }
        refused = Some((email, status, page));
        break;
    }
    let (email, status, page) = refused.expect("the disk filled up");
    assert!(!taken.is_empty(), "some were written before");
    let log = std::fs::read_to_string(data.with_extension("log")).unwrap_or_default();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{page}\n{log}");
    assert!(
        page.contains("lang=\"zh-Hant\"") && page.contains("未能儲存"),
        "{page}"
    );
    // Reading still works, and so does the health check's read.
    let r = kit::client()
        .get(server.at("/zh-Hant/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    server.kill();
    let mut all = taken.clone();
    all.push(email.clone());
    let (found, mails) = held(&data, &all).await;
    assert_eq!(
        (found, mails),
        (taken.len(), taken.len()),
        "acknowledged kept, refused not"
    );
    // Space again: the same registration goes through.
    let server = Server::start(&data, None).await;
    let (status, _, _) = server.register(event, &email).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    server.kill();
}

/// PostgreSQL restarts (every connection of the app dropped at once): the next request
/// is served on new connections, and what was written before is there.
#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn a_postgres_restart_is_survived() {
    let db = std::sync::Arc::new(TestDb::postgres().await);
    let store = db.open().await;
    baylink::demo::load_with(store.as_ref(), 10).await.unwrap();
    let app = kit::app_on(db.clone(), store).await;
    let event = crate::events::open_event(&app).await;
    let before = crate::matchmaking::register(&app, event, "陳大文", "restart@example.hk").await;
    let name = db.url.rsplit('/').next().unwrap().to_owned();
    let admin = std::env::var("BAYLINK_TEST_POSTGRES").unwrap();
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
        .await
        .unwrap();
    let dropped: Vec<(bool,)> = sqlx::query_as(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    )
    .bind(&name)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(!dropped.is_empty(), "the app had connections to drop");
    // Pages and writes right after: served on fresh connections.
    assert_eq!(app.page(&before).await.0, StatusCode::OK);
    let after = crate::matchmaking::register(&app, event, "李小明", "restart2@example.hk").await;
    assert_eq!(app.page(&after).await.0, StatusCode::OK);
}

/// A backup taken while the server runs holds everything acknowledged before it and
/// restores by copying it back: the operator's way back from a lost disk.
#[tokio::test]
async fn a_backup_taken_while_serving_restores() {
    let (dir, data) = demo_dir().await;
    let server = Server::start(&data, None).await;
    let event = server.open_event().await;
    let mut before = Vec::new();
    for i in 0..3 {
        let (status, link, _) = server.register(event, &format!("kept{i}@example.hk")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        before.push(link.unwrap());
    }
    let file = dir.path().join("baylink-backup.db");
    let backup = |to: &Path, data: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_baylink"))
            .arg("backup")
            .args(data)
            .arg(to)
            .output()
            .expect("running baylink backup")
    };
    let data_arg = ["--data", data.to_str().unwrap()];
    let done = backup(&file, &data_arg);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).contains("integrity checked"));
    // Never over an existing file; PostgreSQL is pointed to its own tools.
    let again = backup(&file, &data_arg);
    assert!(!again.status.success());
    let pg = backup(
        &dir.path().join("pg.db"),
        &["--database", "postgres://nobody@127.0.0.1:1/none"],
    );
    assert!(!pg.status.success() && String::from_utf8_lossy(&pg.stderr).contains("pg_dump"));
    let (status, after, _) = server.register(event, "later@example.hk").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    server.kill();
    // Restored into a new data directory.
    let restored = dir.path().join("restored");
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(&file, restored.join("baylink.db")).unwrap();
    let server = Server::start(&restored, None).await;
    for link in &before {
        let r = kit::client().get(server.at(link)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{link} in the backup");
    }
    let r = kit::client()
        .get(server.at(&after.unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "taken after the backup");
    server.kill();
}

/// A node keeping its search index on disk, killed right after a record was written:
/// started again on the same index, it finds the record, in either script (the index
/// catches up from the database's log of changes; nothing is searched for in vain).
#[tokio::test]
async fn a_killed_node_finds_what_was_written_before_it_died() {
    let (dir, data) = demo_dir().await;
    let index = dir.path().join("index");
    let index_arg = ["--index-dir", index.to_str().unwrap()];
    let server = Server::start_with(&data, None, &index_arg).await;
    let client = kit::client();
    let session: serde_json::Value = client
        .post(server.at("/api/v1/session"))
        .json(&serde_json::json!({"email": kit::SECRETARIAT, "password": kit::PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    let r = client
        .post(server.at("/api/v1/organisations"))
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({"name": "崩潰復原測試協會", "org_type": "society", "region": "macao"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    server.kill();
    let server = Server::start_with(&data, None, &index_arg).await;
    for q in ["崩潰復原測試", "崩溃复原测试"] {
        let mut found = false;
        for _ in 0..100 {
            let hits: serde_json::Value = kit::client()
                .get(server.at(&format!("/api/v1/search?q={q}")))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if hits["hits"].to_string().contains("崩潰復原測試協會") {
                found = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(found, "{q} after the restart");
    }
    server.kill();
}

/// `serve --token-rate N`: an operator's number of requests a token may send a node in a
/// minute, past which it waits (429, `Retry-After`).
#[tokio::test]
async fn an_operator_sets_the_tokens_rate() {
    let (_dir, data) = demo_dir().await;
    let token = "blk_operator-rate-test";
    {
        let store = baylink::open_store(&baylink::sqlite_url(&data))
            .await
            .unwrap();
        let admin = store.find_user_by_email(kit::ADMIN).await.unwrap().unwrap();
        store
            .create_api_token(
                &baylink_store::Actor::cli(),
                admin.id,
                "rate",
                &baylink_web::auth::token_hash(token),
                None,
                true,
            )
            .await
            .unwrap();
    }
    let server = Server::start_with(&data, None, &["--token-rate", "2"]).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let r = kit::client()
            .get(server.at("/api/v1/me"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        statuses.push(r.status());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers().contains_key("retry-after"));
            break;
        }
    }
    server.kill();
    // Two a minute: the third is refused (the fifth, should a minute end meanwhile).
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    assert!(statuses.len() >= 3, "{statuses:?}");
}
