//! The JSON API and its OpenAPI document.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::kit::{self, REP, SECRETARIAT};

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = kit::demo_app().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/api/v1/organisations", &["get", "post"][..]),
        ("/api/v1/organisations/{id}", &["get", "put", "delete"]),
        ("/api/v1/people", &["get", "post"]),
        ("/api/v1/people/{id}", &["get", "put", "delete"]),
        ("/api/v1/positions", &["post"]),
        ("/api/v1/sides", &["get"]),
        ("/api/v1/memberships", &["get", "post"]),
        ("/api/v1/session", &["post", "delete"]),
        ("/api/v1/events/{id}/matchmaking", &["get"]),
        ("/api/v1/registrations/{token}/data", &["get"]),
    ] {
        for m in methods {
            assert!(paths[path].get(*m).is_some(), "{m} {path} missing");
        }
    }
    // Every operation documents its errors: any status it does not list carries the
    // error body (a client generated from the document can read every answer).
    for (path, methods) in paths {
        for (method, op) in methods.as_object().unwrap() {
            assert_eq!(
                op["responses"]["default"]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ApiError",
                "{method} {path}"
            );
        }
    }
    // Every schema a path refers to is defined.
    let text = doc.to_string();
    for r in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = r.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "schema {name} undefined"
        );
    }
    let (status, page) = app.page("/api").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("/api/v1/organisations") && !page.contains("cdn"),
        "the API page is served from the binary"
    );
}

#[tokio::test]
async fn reads_return_text_as_stored_with_its_script() {
    let app = kit::demo_app().await;
    let page: Value = app
        .get("/api/v1/organisations?q=%E4%BF%A1%E6%81%AF&region=shenzhen")
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"深圳市信息行业协会"), "{names:?}");
    let org = &page["items"][0];
    assert_eq!(org["name_script"], "zh-Hans");
    let sides: Value = app.get("/api/v1/sides").await.json().await.unwrap();
    let hk = sides
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "hk")
        .unwrap();
    assert_eq!(hk["officers"][0]["person_name"], "邱達根");
    assert_eq!(hk["officers"][0]["role"], "chair");
    let m: Value = app
        .get("/api/v1/memberships?year=2024")
        .await
        .json()
        .await
        .unwrap();
    assert!(m.as_array().unwrap().len() >= 10);
}

#[tokio::test]
async fn bad_input_gets_a_localised_error_and_changes_nothing() {
    let mut app = kit::demo_app().await;
    let (status, body) = app
        .api(
            Method::GET,
            "/api/v1/organisations?year=abc&lang=zh-Hans",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "err-bad-query");
    assert_eq!(body["message"], "查询参数的值无法识别。");
    // A year off the calendar is refused or finds nothing, never an overflow (found by
    // schemathesis: the server dropped the connection).
    let (status, body) = app
        .api(Method::GET, "/api/v1/events?year=-2147483649", None)
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("err-bad-query"))
    );
    let (status, body) = app
        .api(Method::GET, "/api/v1/events?year=2147483647", None)
        .await;
    assert_eq!((status, body["total"].as_i64()), (StatusCode::OK, Some(0)));
    assert_eq!(
        app.page("/en/events?year=2147483647").await.0,
        StatusCode::OK
    );
    // A number that is not one is refused everywhere, not taken as the default.
    for path in [
        "/api/v1/postings?offset=9223372036854775808",
        "/api/v1/search?q=x&limit=false",
    ] {
        let (status, body) = app.api(Method::GET, path, None).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("err-bad-query")),
            "{path}"
        );
    }
    let (status, body) = app.api(Method::GET, "/api/v1/people/999999", None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("err-not-found"))
    );
    app.sign_in(SECRETARIAT).await;
    let before = app.store.stats().await.unwrap();
    let r = app
        .client
        .post(app.url("/api/v1/organisations"))
        .header("x-csrf-token", &app.csrf)
        .header("accept-language", "zh-HK")
        .json(&json!({"name": "", "org_type": "club", "region": "hong_kong", "website": "ftp:/x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "err-invalid");
    let fields: Vec<(&str, &str)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert!(fields.contains(&("name", "此欄必須填寫。")), "{fields:?}");
    assert!(fields.iter().any(|(f, _)| *f == "org_type"));
    assert!(fields.iter().any(|(f, _)| *f == "website"));
    let r = app
        .client
        .post(app.url("/api/v1/organisations"))
        .header("x-csrf-token", &app.csrf)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let (status, body) = app
        .api(
            Method::POST,
            "/api/v1/memberships",
            Some(json!({"org_id": 999999, "designation_id": 1, "year": 2024})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["code"], "err-unknown-reference");
    // A year at the end of the integers is out of range, not an overflow (schemathesis).
    let (status, body) = app
        .api(
            Method::POST,
            "/api/v1/memberships",
            Some(json!({"org_id": 1, "designation_id": 1, "year": 2147483647, "ceremony_date": "2024-12-09"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["field"] == "year"),
        "{body}"
    );
    assert_eq!(app.store.stats().await.unwrap(), before);
}

#[tokio::test]
async fn writes_round_trip_with_versions() {
    let mut app = kit::demo_app().await;
    let me = app.sign_in(SECRETARIAT).await;
    assert_eq!(me["user"]["role"], "secretariat");
    assert!(me["user"].get("password_hash").is_none());
    let (status, org) = app.api(Method::POST, "/api/v1/organisations", Some(json!({"name": "深圳市人工智能行业协会", "org_type": "society", "region": "shenzhen"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(org["name_script"], "zh-Hans");
    let id = org["id"].as_i64().unwrap();
    let (status, person) = app
        .api(
            Method::POST,
            "/api/v1/people",
            Some(json!({"name": "示例·王小明", "name_en": "Demo Wang"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, pos) = app
        .api(
            Method::POST,
            "/api/v1/positions",
            Some(json!({"person_id": person["id"], "org_id": id, "title": "秘书长"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(pos["org_name"], "深圳市人工智能行业协会");
    let update = json!({"name": "深圳市人工智能行业协会", "org_type": "society", "region": "shenzhen", "name_en": "Shenzhen AI Industry Association", "version": 1});
    let (status, updated) = app
        .api(
            Method::PUT,
            &format!("/api/v1/organisations/{id}"),
            Some(update.clone()),
        )
        .await;
    assert_eq!(
        (status, updated["version"].as_i64()),
        (StatusCode::OK, Some(2))
    );
    let (status, body) = app
        .api(
            Method::PUT,
            &format!("/api/v1/organisations/{id}"),
            Some(update),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("err-stale-edit"))
    );
    let (status, _) = app
        .api(Method::DELETE, &format!("/api/v1/organisations/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, positions) = app
        .api(
            Method::GET,
            &format!("/api/v1/people/{}/positions", person["id"]),
            None,
        )
        .await;
    assert_eq!(
        (status, positions.as_array().map(Vec::len)),
        (StatusCode::OK, Some(0))
    );
    let (status, _) = app.api(Method::DELETE, "/api/v1/session", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.api(Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_representative_cannot_move_their_organisation() {
    let mut app = kit::demo_app().await;
    app.sign_in(kit::REP).await;
    let hkitf = app.org_id("香港資訊科技聯會").await;
    let other = app.org_id("澳門科技大學").await;
    let (status, org) = app
        .api(Method::PUT, &format!("/api/v1/organisations/{hkitf}"), Some(json!({"name": "香港資訊科技聯會", "org_type": "society", "region": "hong_kong", "parent_id": other, "synthetic": true, "website": "https://www.hkitf.org.hk/about"})))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(org["parent_id"], Value::Null);
    assert_eq!(org["synthetic"], false);
    assert_eq!(org["website"], "https://www.hkitf.org.hk/about");
}

/// Signing in through the API may say which language the account's mails are to be in,
/// as signing in on a page does; a language we do not write is refused before anything
/// changes.
#[tokio::test]
async fn signing_in_through_the_api_sets_the_mail_language_when_asked() {
    let app = kit::demo_app().await;
    let sign_in = |locale: Option<&str>| {
        let mut body = json!({"email": SECRETARIAT, "password": kit::PASSWORD});
        if let Some(l) = locale {
            body["locale"] = json!(l);
        }
        kit::client()
            .post(app.url("/api/v1/session"))
            .json(&body)
            .send()
    };
    let r = sign_in(Some("fr")).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.headers().get("set-cookie").is_none(), "no session");
    let stored = || async {
        app.store
            .find_user_by_email(SECRETARIAT)
            .await
            .unwrap()
            .unwrap()
            .locale
    };
    assert_eq!(stored().await, None);
    let r = sign_in(Some("zh-hans")).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["user"]["locale"], "zh-Hans");
    assert_eq!(stored().await.as_deref(), Some("zh-Hans"));
    // Left out, it stays.
    assert_eq!(sign_in(None).await.unwrap().status(), StatusCode::OK);
    assert_eq!(stored().await.as_deref(), Some("zh-Hans"));
}

/// A program that lost the answer to a write sends it again with the same
/// `Idempotency-Key` and gets the first answer back, marked as sent again: one
/// registration, the same link, where the write alone would be refused as a second one.
/// A refusal is kept too and said again in the retry's language; the key sent with
/// another body is refused and changes nothing; a key needs an account and a sound form;
/// reads ignore it.
#[tokio::test]
async fn a_write_sent_again_with_its_idempotency_key_is_done_once() {
    let app = kit::demo_app().await;
    let rep = app.store.find_user_by_email(REP).await.unwrap().unwrap();
    let seminar = app.store.managed_events(rep.id).await.unwrap()[0];
    let token = baylink_web::auth::random_token();
    app.store
        .create_api_token(
            &baylink_store::Actor::cli(),
            rep.id,
            "報名程式",
            &baylink_web::auth::token_hash(&token),
            None,
            false,
        )
        .await
        .unwrap();
    let program = reqwest::Client::new();
    let path = format!("/api/v1/events/{seminar}/registrations");
    let send = |key: &str, body: &Value, lang: &str| {
        program
            .post(app.url(&path))
            .header("authorization", format!("Bearer {token}"))
            .header("idempotency-key", key)
            .header("accept-language", lang)
            .json(body)
            .send()
    };
    let guest = json!({"name": "陳大文", "email": "chan.taiman@example.hk", "consent": true});
    let first = send("4f1c9a2e-1", &guest, "zh-Hant").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();
    assert!(
        first["manage_url"]
            .as_str()
            .unwrap()
            .starts_with("/zh-Hant/registrations/")
    );
    let again = send("\"4f1c9a2e-1\"", &guest, "zh-Hant").await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.headers()["content-type"], "application/json");
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    let held = |email: &'static str| {
        let store = app.store.clone();
        async move { store.registrations_by_address(email).await.unwrap().len() }
    };
    assert_eq!(held("chan.taiman@example.hk").await, 1);
    // Sent again without the key, the same write is a second registration, refused.
    let r = program
        .post(app.url(&path))
        .header("authorization", format!("Bearer {token}"))
        .json(&guest)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_eq!(held("chan.taiman@example.hk").await, 1);

    // The key with another body: refused, nothing done.
    let other = json!({"name": "李小梅", "email": "lee.siumui@example.hk", "consent": true});
    let r = send("4f1c9a2e-1", &other, "en").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body["fields"][0]["code"], "err-idempotency-mismatch",
        "{body}"
    );
    assert!(
        body["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("different request")
    );
    assert_eq!(held("lee.siumui@example.hk").await, 0);

    // A refusal is kept, and said again in the retry's language.
    let wrong = json!({"name": "", "email": "not an address", "consent": true});
    let r = send("4f1c9a2e-2", &wrong, "en").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = r.json().await.unwrap();
    assert_eq!(refused["message"], "Some fields need correcting.");
    let r = send("4f1c9a2e-2", &wrong, "zh-Hant").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers()["idempotent-replayed"], "true");
    let again: Value = r.json().await.unwrap();
    assert_eq!(again["message"], "部分欄位需要更正。");
    let codes = |v: &Value| -> Vec<(String, String)> {
        v["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["field"].to_string(), f["code"].to_string()))
            .collect()
    };
    assert!(!codes(&refused).is_empty());
    assert_eq!(codes(&again), codes(&refused));

    // No account to keep it under, or a key out of form: refused before anything is done.
    let r = reqwest::Client::new()
        .post(app.url(&path))
        .header("idempotency-key", "4f1c9a2e-3")
        .json(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json::<Value>().await.unwrap()["code"],
        "err-idempotency-anonymous"
    );
    let r = send("two words", &other, "zh-Hans").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "err-idempotency-key");
    assert!(
        body["message"].as_str().unwrap().contains("ASCII 字符"),
        "{body}"
    );
    assert_eq!(held("lee.siumui@example.hk").await, 0);
    // A read with a key is a read.
    let r = program
        .get(app.url("/api/v1/me"))
        .header("authorization", format!("Bearer {token}"))
        .header("idempotency-key", "4f1c9a2e-1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("idempotent-replayed").is_none());
}
