//! Several `baylink serve` nodes on one PostgreSQL database behave as one site.

use std::sync::Arc;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::kit::{self, SECRETARIAT, TestDb};

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn two_nodes_share_sessions_records_and_throttling() {
    let db = Arc::new(TestDb::postgres().await);
    let store_a = db.open().await;
    baylink::demo::load_with(store_a.as_ref(), 30)
        .await
        .unwrap();
    let mut a = kit::app_on(db.clone(), store_a).await;
    // The second node has its own connection pool and its own process state.
    let b = kit::app_on(db.clone(), db.open().await).await;
    assert_ne!(a.running.addr, b.running.addr);

    // Sign in on A; the same browser session edits on B.
    a.sign_in(SECRETARIAT).await;
    let hkitf = a.org_id("香港資訊科技聯會").await;
    let r = a
        .client
        .post(b.url(&format!("/en/organisations/{hkitf}")))
        .form(&[
            ("name", "香港資訊科技聯會"),
            ("org_type", "society"),
            ("region", "hong_kong"),
            ("name_en", "HKITF (edited on node B)"),
            ("_csrf", a.csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "node B accepts node A's session"
    );
    let (_, page) = a.page(&format!("/en/organisations/{hkitf}")).await;
    assert!(
        page.contains("HKITF (edited on node B)"),
        "node A shows node B's edit"
    );

    // A concurrent edit on both nodes: one wins, the other is told.
    let body = |en: &str| json!({"name": "香港資訊科技聯會", "org_type": "society", "region": "hong_kong", "name_en": en, "version": 2});
    let path = format!("/api/v1/organisations/{hkitf}");
    let on_a = a.api(Method::PUT, &path, Some(body("from A")));
    let on_b = async {
        let r = a
            .client
            .put(b.url(&format!("/api/v1/organisations/{hkitf}")))
            .header("x-csrf-token", &a.csrf)
            .json(&body("from B"))
            .send()
            .await
            .unwrap();
        r.status()
    };
    let ((sa, _), sb) = tokio::join!(on_a, on_b);
    let mut statuses = [sa, sb];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);

    // Signing out on B ends the session on A too.
    let r = a
        .client
        .delete(b.url("/api/v1/session"))
        .header("x-csrf-token", &a.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(a.page("/en/audit").await.0, StatusCode::UNAUTHORIZED);

    // Failed sign-ins count across nodes.
    let c = kit::client();
    for node in [&a, &b, &a, &b, &a] {
        let r = c
            .post(node.url("/api/v1/session"))
            .json(&json!({"email": SECRETARIAT, "password": "wrong password"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = c
        .post(b.url("/api/v1/session"))
        .json(&json!({"email": SECRETARIAT, "password": kit::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // A programme cached on node A follows a change made through node B.
    let (_, before) = a.page("/zh-Hant/events/1").await;
    assert!(!before.contains("跨節點新場次"));
    let session = baylink_store::SessionInput {
        event_id: 1,
        kind: "other".into(),
        title: "跨節點新場次".into(),
        starts_at: 1_733_724_000,
        ends_at: 1_733_727_600,
        ..Default::default()
    }
    .validate(baylink_text::Script::Hant)
    .unwrap();
    b.store
        .create_event_session(&baylink_store::Actor::cli(), &session)
        .await
        .unwrap();
    let (_, after) = a.page("/zh-Hant/events/1").await;
    assert!(
        after.contains("跨節點新場次"),
        "node A's cached programme was refreshed"
    );
    let r = b.get("/healthz").await;
    assert!(r.text().await.unwrap().starts_with("ok postgres"));
}

/// The rush through the HTTP API: 2,000 people at once for 500 seats, spread over
/// two app nodes on one PostgreSQL database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn two_thousand_registrations_over_two_nodes() {
    let db = Arc::new(TestDb::postgres().await);
    let a = kit::app_on(db.clone(), db.open().await).await;
    let b = kit::app_on(db.clone(), db.open().await).await;
    let ev = crate::events_store::event(a.store.as_ref(), Some(500), false).await;
    let urls = [
        a.url(&format!("/api/v1/events/{}/registrations", ev.id)),
        b.url(&format!("/api/v1/events/{}/registrations", ev.id)),
    ];
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..2000 {
        let url = urls[i % 2].clone();
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let r = client.post(url).json(&json!({"name": format!("搶位者{i}"), "email": format!("rush{i}@example.org"), "consent": true})).send().await.unwrap();
            let status = r.status();
            let body: serde_json::Value = r.json().await.unwrap();
            (status, body)
        }));
    }
    let mut confirmed = Vec::new();
    let mut waiting = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        match body["registration"]["status"].as_str() {
            Some("confirmed") => confirmed.push(
                body["manage_url"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
            ),
            Some("waiting") => waiting += 1,
            other => panic!("unexpected status {other:?}"),
        }
    }
    assert_eq!((confirmed.len(), waiting), (500, 1500));
    let store = a.store.as_ref();
    let all = store
        .list_registrations(
            ev.id,
            None,
            Some(baylink_store::RegStatus::Waiting),
            10_000,
            0,
        )
        .await
        .unwrap()
        .items;
    let mut seqs: Vec<i64> = all.iter().filter_map(|r| r.waiting_seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=1500).collect::<Vec<_>>());
    let mut next: Vec<_> = all.clone();
    next.sort_by_key(|r| r.waiting_seq);
    let next: Vec<i64> = next.iter().take(50).map(|r| r.id).collect();
    // Fifty cancel from their own links, on either node.
    let mut cancels = Vec::new();
    for (i, token) in confirmed.iter().take(50).enumerate() {
        let node = if i % 2 == 0 {
            a.running.url()
        } else {
            b.running.url()
        };
        let client = client.clone();
        let token = token.clone();
        cancels.push(tokio::spawn(async move {
            client
                .delete(format!("{node}/api/v1/registrations/{token}"))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for c in cancels {
        assert_eq!(c.await.unwrap(), StatusCode::OK);
    }
    let seated: Vec<i64> = store
        .list_registrations(
            ev.id,
            None,
            Some(baylink_store::RegStatus::Confirmed),
            10_000,
            0,
        )
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(seated.len(), 500);
    assert!(
        next.iter().all(|id| seated.contains(id)),
        "exactly the next 50 were promoted"
    );
}

/// A NUL byte, which PostgreSQL's text cannot hold, in a form, a JSON body or a query is
/// refused as bad input in the reader's language, never a server error.
#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn a_nul_byte_is_bad_input_not_a_server_error() {
    let db = Arc::new(TestDb::postgres().await);
    let store = db.open().await;
    baylink::demo::load_with(store.as_ref(), 5).await.unwrap();
    let app = kit::app_on(db.clone(), store).await;
    let event = crate::events::open_event(&app).await;
    let r = app
        .client
        .post(app.url(&format!("/zh-Hant/events/{event}/register")))
        .form(&[
            ("name", "陳\u{0}大文"),
            ("email", "nul@example.hk"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status();
    let body = r.text().await.unwrap();
    assert!(status.is_client_error(), "{status}: {body}");
    assert!(body.contains("含有無法儲存的字元"), "{body}");
    let r = app
        .client
        .post(app.url(&format!("/api/v1/events/{event}/registrations")))
        .json(&json!({"name": "a\u{0}b", "email": "nul2@example.hk", "consent": true}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    for path in [
        "/api/v1/events?q=a%00b".to_owned(),
        "/en/events?q=a%00b".to_owned(),
        "/en/search?q=a%00b".to_owned(),
        "/api/v1/postings?q=a%00b".to_owned(),
    ] {
        let r = app.get(&path).await;
        assert!(!r.status().is_server_error(), "{path}: {}", r.status());
    }
    assert!(
        app.store
            .registrations_by_address("nul@example.hk")
            .await
            .unwrap()
            .is_empty()
    );
}

/// An API token's budget of a minute is one for the site: requests through node A count
/// against node B once the nodes have added up their counts (each does every second; here
/// they are asked to at once), and both then refuse the token until the minute ends.
#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn a_tokens_budget_is_one_for_all_nodes() {
    let db = Arc::new(TestDb::postgres().await);
    let store_a = db.open().await;
    baylink::demo::load_with(store_a.as_ref(), 30)
        .await
        .unwrap();
    let mut a = kit::app_on(db.clone(), store_a).await;
    let b = kit::app_on(db.clone(), db.open().await).await;
    a.sign_in(SECRETARIAT).await;
    let token = kit::new_api_token(&a, &[("name", "scanner")]).await;
    // Not too near the end of a minute, whose turn would start the count afresh.
    let second = baylink_store::sql::now().rem_euclid(60);
    if second > 40 {
        tokio::time::sleep(std::time::Duration::from_secs((61 - second) as u64)).await;
    }
    for node in [&a, &b] {
        node.running.state.tokens.set_limit(5);
    }
    let program = reqwest::Client::new();
    let call = |node: &kit::TestApp| {
        program
            .get(node.url("/api/v1/me"))
            .header("authorization", format!("Bearer {token}"))
            .send()
    };
    let share = |node: &kit::TestApp| {
        let tokens = node.running.state.tokens.clone();
        let store = node.store.clone();
        async move {
            tokens
                .share(store.as_ref(), baylink_store::sql::now())
                .await
                .unwrap()
        }
    };
    for _ in 0..3 {
        assert_eq!(call(&a).await.unwrap().status(), StatusCode::OK);
    }
    share(&a).await;
    for _ in 0..2 {
        assert_eq!(call(&b).await.unwrap().status(), StatusCode::OK);
    }
    share(&b).await;
    let over = call(&b).await.unwrap();
    assert_eq!(over.status(), StatusCode::TOO_MANY_REQUESTS);
    share(&a).await;
    assert_eq!(
        call(&a).await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS,
        "node A knows of node B's requests"
    );
}
