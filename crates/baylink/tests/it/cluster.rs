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
    let r = b.get("/healthz").await;
    assert!(r.text().await.unwrap().starts_with("ok postgres"));
}
