//! The pages as a reader meets them: locales, scripts, forms, errors, sign-in.

use reqwest::StatusCode;

use crate::kit::{self, ADMIN, PASSWORD, SECRETARIAT};

#[tokio::test]
async fn root_redirects_by_accept_language() {
    let app = kit::demo_app().await;
    for (accept, to) in [
        ("zh-HK,zh;q=0.9", "/zh-Hant/"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-Hans/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr", "/en/"),
    ] {
        let r = app
            .client
            .get(app.url("/"))
            .header("accept-language", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(r.headers()["location"], to, "{accept}");
        assert_eq!(r.headers()["vary"], "accept-language");
    }
}

#[tokio::test]
async fn content_follows_the_readers_script() {
    let app = kit::demo_app().await;
    let hkitf = app.org_id("香港資訊科技聯會").await;
    let szia = app.org_id("深圳市信息行业协会").await;
    // Traditional content shown to a Simplified reader, and the reverse.
    let (_, hans) = app.page(&format!("/zh-Hans/organisations/{hkitf}")).await;
    assert!(
        hans.contains("香港资讯科技联会"),
        "Traditional name converted for zh-Hans"
    );
    assert!(hans.contains("会长") || hans.contains("人物"));
    let (_, hant) = app.page(&format!("/zh-Hant/organisations/{szia}")).await;
    assert!(
        hant.contains("深圳市信息行業協會"),
        "Simplified name converted for zh-Hant"
    );
    assert!(
        !hant.contains("資訊行業"),
        "names are converted character by character, never into another region's terms"
    );
    // 會 → 会 in the interface and in content alike.
    let (_, home_hant) = app.page("/zh-Hant/").await;
    let (_, home_hans) = app.page("/zh-Hans/").await;
    assert!(home_hant.contains("年會") && home_hant.contains("聯盟"));
    assert!(home_hans.contains("年会") && home_hans.contains("联盟"));
    assert!(!home_hans.contains("年會"));
    // English readers see English names where given.
    let (_, en) = app.page(&format!("/en/organisations/{hkitf}")).await;
    assert!(en.contains("Hong Kong Information Technology Federation"));
    assert!(en.contains("Duncan Chiu"));
}

#[tokio::test]
async fn the_language_switch_keeps_the_page() {
    let app = kit::demo_app().await;
    let (_, body) = app.page("/zh-Hant/organisations?region=macao").await;
    assert!(body.contains("href=\"/zh-Hans/organisations?region=macao\""));
    assert!(body.contains("href=\"/en/organisations?region=macao\""));
    assert!(body.contains("lang=\"zh-Hant\""));
}

#[tokio::test]
async fn filters_find_names_in_either_script() {
    let app = kit::demo_app().await;
    let (_, body) = app
        .page("/zh-Hant/organisations?q=%E8%B3%87%E8%A8%8A")
        .await; // 資訊
    assert!(body.contains("香港資訊科技聯會"));
    let (_, body) = app.page("/en/organisations?q=%E8%81%94%E4%BC%9A").await; // 联会 finds 聯會
    assert!(body.contains("Hong Kong Information Technology Federation"));
    let (_, body) = app
        .page("/zh-Hant/organisations?region=macao&type=university")
        .await;
    assert!(body.contains("澳門科技大學") && !body.contains("香港資訊科技聯會"));
    let (_, body) = app
        .page("/zh-Hans/people?q=%E9%82%B1%E8%BE%BE%E6%A0%B9")
        .await; // 邱达根
    assert!(body.contains("邱达根"));
}

/// Lists of names follow the reader: strokes in Traditional (香 9 before 澳 16), pinyin in
/// Simplified (ào before xiāng), A–Z by English name in English; `?order=` picks another.
#[tokio::test]
async fn lists_come_in_the_readers_order() {
    let app = kit::demo_app().await;
    let before = |body: &str, a: &str, b: &str| {
        // As a link's text, not inside another name (中藥…實驗室(澳門科技大學)).
        let (i, j) = (body.find(&format!(">{a}<")), body.find(&format!(">{b}<")));
        assert!(i.is_some() && j.is_some(), "{a} and {b} are listed");
        i < j
    };
    let (_, hant) = app
        .page("/zh-Hant/organisations?q=%E7%A7%91%E6%8A%80")
        .await; // 科技
    assert!(before(&hant, "香港資訊科技聯會", "澳門科技大學"));
    assert!(hant.contains("<option value=\"\" selected>按筆劃</option>"));
    let (_, hans) = app
        .page("/zh-Hans/organisations?q=%E7%A7%91%E6%8A%80")
        .await;
    assert!(before(&hans, "澳门科技大学", "香港资讯科技联会"));
    let (_, en) = app.page("/en/organisations?q=%E7%A7%91%E6%8A%80").await;
    assert!(before(
        &en,
        "Hong Kong Information Technology Federation",
        "Macau University of Science and Technology"
    ));
    let (_, picked) = app
        .page("/zh-Hans/organisations?q=%E7%A7%91%E6%8A%80&order=strokes")
        .await;
    assert!(before(&picked, "香港资讯科技联会", "澳门科技大学"));
    assert!(picked.contains("<option value=\"strokes\" selected>按笔画</option>"));
    // A picked order stays on the other pages of the list.
    assert!(!picked.contains("offset=") || picked.contains("order=strokes"));

    let api = app
        .get("/api/v1/organisations?q=%E7%A7%91%E6%8A%80&order=strokes")
        .await
        .text()
        .await
        .unwrap();
    let (i, j) = (
        api.find("\"香港資訊科技聯會\""),
        api.find("\"澳門科技大學\""),
    );
    assert!(i.is_some() && i < j, "{api}");
    let bad = app.get("/api/v1/organisations?order=radical").await;
    assert_eq!(bad.status(), reqwest::StatusCode::BAD_REQUEST);

    // The list as a sheet: the same filters and order, every row, in the reader's script.
    assert!(
        hant.contains("href=\"/zh-Hant/organisations.csv?q=%E7%A7%91%E6%8A%80\""),
        "{hant}"
    );
    let csv = app
        .get("/zh-Hant/organisations.csv?q=%E7%A7%91%E6%8A%80")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.lines().collect();
    let count = hant
        .split("id=\"result-count\">")
        .nth(1)
        .and_then(|x| {
            x.split(|ch: char| !ch.is_ascii_digit())
                .find(|x| !x.is_empty())
        })
        .unwrap()
        .parse::<usize>()
        .unwrap();
    assert_eq!(lines.len(), count + 1, "a header and every organisation");
    let (i, j) = (csv.find("\n香港資訊科技聯會,"), csv.find("\n澳門科技大學,"));
    assert!(i.is_some() && i < j, "{csv}");
    let xlsx = app.get("/en/organisations.xlsx?region=macao").await;
    assert_eq!(xlsx.status(), reqwest::StatusCode::OK);
    // The year's members likewise.
    let (_, members) = app.page("/zh-Hans/memberships?year=2024").await;
    let shown = members.matches("<tr><td>2024</td>").count();
    assert!(shown > 0);
    let csv = app
        .get("/zh-Hans/memberships.csv?year=2024")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), shown + 1, "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("2024,"));

    // An organisation's branches too: 王 (4 strokes, wáng) and 黃 (12, huáng).
    let me = baylink_store::Actor::cli();
    let draft = |name: &str, parent: Option<i64>| {
        let mut d = baylink_store::OrganisationInput {
            name: name.into(),
            org_type: "society".into(),
            region: "hong_kong".into(),
            ..Default::default()
        }
        .validate(baylink_text::Script::Hant)
        .unwrap();
        d.parent_id = parent;
        d
    };
    let parent = app
        .store
        .create_organisation(&me, &draft("宗親總會", None))
        .await
        .unwrap();
    for name in ["黃氏分會", "王氏分會"] {
        app.store
            .create_organisation(&me, &draft(name, Some(parent.id)))
            .await
            .unwrap();
    }
    let (_, hant) = app
        .page(&format!("/zh-Hant/organisations/{}", parent.id))
        .await;
    assert!(hant.find("王氏分會").unwrap() < hant.find("黃氏分會").unwrap());
    let (_, hans) = app
        .page(&format!("/zh-Hans/organisations/{}", parent.id))
        .await;
    assert!(hans.find("黄氏分会").unwrap() < hans.find("王氏分会").unwrap());
}

#[tokio::test]
async fn errors_are_localised_pages() {
    let app = kit::demo_app().await;
    for (lang, text) in [
        ("zh-Hant", "此頁面或記錄不存在"),
        ("zh-Hans", "此页面或记录不存在"),
        ("en", "does not exist"),
    ] {
        let (status, body) = app.page(&format!("/{lang}/organisations/999999")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains(text), "{lang}: {body}");
        let (status, _) = app.page(&format!("/{lang}/organisations/abc")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, body) = app.page("/zh-Hans/audit").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("请先登录"));
}

#[tokio::test]
async fn forms_show_every_error_in_the_readers_language_and_write_nothing() {
    let mut app = kit::demo_app().await;
    app.sign_in(SECRETARIAT).await;
    let before = app.store.stats().await.unwrap();
    let r = app
        .post_form(
            "/zh-Hant/organisations",
            &[
                ("name", ""),
                ("org_type", "club"),
                ("region", ""),
                ("website", "not a url"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for msg in ["此欄必須填寫", "請從列出的選項中選擇", "請輸入網址"] {
        assert!(body.contains(msg), "missing {msg}");
    }
    assert!(
        body.contains("value=\"not a url\""),
        "the form keeps what was typed"
    );
    // The same name in the other script is a duplicate.
    let r = app
        .post_form(
            "/en/organisations",
            &[
                ("name", "香港资讯科技联会"),
                ("org_type", "society"),
                ("region", "hong_kong"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("already exists"));
    assert_eq!(app.store.stats().await.unwrap(), before);
}

#[tokio::test]
async fn staff_create_edit_and_delete_with_confirmation_and_audit() {
    let mut app = kit::demo_app().await;
    app.sign_in(SECRETARIAT).await;
    // Pasted with converter debris: stored clean, in its script.
    let r = app
        .post_form(
            "/zh-Hant/organisations",
            &[
                ("name", "澳門創新科技協(xié)會"),
                ("org_type", "society"),
                ("region", "macao"),
                ("website", "www.example.mo"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/zh-Hant/organisations/") && location.ends_with("?saved=1"));
    let id: i64 = location
        .trim_start_matches("/zh-Hant/organisations/")
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap();
    let org = app.store.get_organisation(id).await.unwrap();
    assert_eq!(org.name, "澳門創新科技協會");
    assert_eq!(org.name_script, "zh-Hant");
    assert_eq!(org.website.as_deref(), Some("https://www.example.mo"));
    let (_, page) = app.page(&location).await;
    assert!(page.contains("已儲存"));
    // Edit, then a stale edit is refused with a clear message.
    let fields = [
        ("name", "澳門創新科技協會"),
        ("org_type", "society"),
        ("region", "macao"),
        ("name_en", "Macao Innovation Association"),
        ("version", "1"),
    ];
    assert_eq!(
        app.post_form(&format!("/en/organisations/{id}"), &fields)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let r = app
        .post_form(&format!("/en/organisations/{id}"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Someone else changed this record")
    );
    // Deleting asks first, then deletes; the audit log shows all three changes.
    let (status, confirm) = app
        .page(&format!("/zh-Hans/organisations/{id}/delete"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm.contains("确定删除此记录") && confirm.contains("澳门创新科技协会"));
    assert_eq!(
        app.post_form(&format!("/zh-Hans/organisations/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert!(app.store.get_organisation(id).await.is_err());
    let audit = app.store.list_audit(3, 0).await.unwrap().items;
    let actions: Vec<_> = audit
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("delete", "Demo secretariat"),
            ("update", "Demo secretariat"),
            ("create", "Demo secretariat")
        ]
    );
    let (_, log) = app.page("/zh-Hant/audit").await;
    assert!(log.contains("Demo secretariat") && log.contains("刪除"));
}

#[tokio::test]
async fn state_changes_need_the_sessions_csrf_token() {
    let mut app = kit::demo_app().await;
    app.sign_in(ADMIN).await;
    let fields = [
        ("name", "CSRF Org"),
        ("org_type", "society"),
        ("region", "macao"),
    ];
    // No token.
    let r = app
        .client
        .post(app.url("/en/organisations"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("expired or came from another site")
    );
    // A wrong token.
    let mut with_bad: Vec<(&str, &str)> = fields.to_vec();
    with_bad.push(("_csrf", "0000"));
    let r = app
        .client
        .post(app.url("/en/organisations"))
        .form(&with_bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // From another site, even with the token.
    let r = app
        .client
        .post(app.url("/en/organisations"))
        .header("origin", "https://evil.example")
        .form(&[
            ("name", "CSRF Org"),
            ("org_type", "society"),
            ("region", "macao"),
            ("_csrf", app.csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .client
        .delete(app.url("/api/v1/organisations/1"))
        .header("sec-fetch-site", "cross-site")
        .header("x-csrf-token", &app.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The API without the header.
    let r = app
        .client
        .post(app.url("/api/v1/people"))
        .json(&serde_json::json!({"name": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        app.store
            .find_organisation_by_name("CSRF Org")
            .await
            .unwrap()
            .is_none()
    );
    // With the token, from the same origin, it works.
    assert_eq!(
        app.post_form("/en/organisations", &fields).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn sign_in_out_and_throttling() {
    let app = kit::demo_app().await;
    // The form signs in, sets a hardened cookie and goes where it was asked to.
    let r = app
        .client
        .post(app.url("/zh-Hant/login"))
        .form(&[
            ("email", ADMIN),
            ("password", PASSWORD),
            ("next", "/zh-Hant/audit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/zh-Hant/audit");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let (status, page) = app.page("/zh-Hant/audit").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_in(&page);
    // An offsite `next` is ignored.
    let other = kit::client();
    let r = other
        .post(app.url("/en/login"))
        .form(&[
            ("email", ADMIN),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/en/");
    // The language signed in with last is the one the account's mails are written in.
    let admin = app.store.find_user_by_email(ADMIN).await.unwrap().unwrap();
    assert_eq!(admin.locale.as_deref(), Some("en"));
    // A page only read in another language changes nothing; a form sent from one makes
    // it the account's language, once the form is taken (a refused one changes nothing).
    let (status, page) = {
        let r = other
            .get(app.url("/zh-Hans/organisations/new"))
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    let locale = |app: &kit::TestApp| {
        let store = app.store.clone();
        async move {
            let admin = store.find_user_by_email(ADMIN).await.unwrap().unwrap();
            admin.locale
        }
    };
    assert_eq!(locale(&app).await.as_deref(), Some("en"));
    let token = csrf_in(&page);
    let mut fields = vec![
        ("org_type", "society"),
        ("region", "macao"),
        ("_csrf", token.as_str()),
    ];
    let r = other
        .post(app.url("/zh-Hans/organisations"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "no name");
    assert_eq!(locale(&app).await.as_deref(), Some("en"));
    fields.push(("name", "澳門語言測試協會"));
    let r = other
        .post(app.url("/zh-Hans/organisations"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(locale(&app).await.as_deref(), Some("zh-Hans"));
    // Signing out ends the session in the store, not just in the browser.
    let r = app
        .client
        .post(app.url("/en/logout"))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.page("/en/audit").await.0, StatusCode::UNAUTHORIZED);

    // Five wrong passwords, then even the right one is refused for a while.
    let c = kit::client();
    for _ in 0..5 {
        let r = c
            .post(app.url("/zh-Hans/login"))
            .form(&[("email", SECRETARIAT), ("password", "wrong password!")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(r.text().await.unwrap().contains("邮箱或密码不正确"));
    }
    let r = c
        .post(app.url("/zh-Hans/login"))
        .form(&[("email", SECRETARIAT), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("分钟后重试"));
    let r = c
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": SECRETARIAT, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn health_metrics_and_security_headers() {
    let app = kit::demo_app().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    assert!(r.text().await.unwrap().starts_with("ok sqlite"));
    app.get("/zh-Hant/organisations").await;
    let text = app.running.state.metrics.render();
    assert!(text.contains("area=\"organisations\",method=\"GET\",status=\"200\""));
}

#[tokio::test]
async fn staff_keep_the_alliance_history() {
    let mut app = kit::demo_app().await;
    app.sign_in(SECRETARIAT).await;
    let r = app
        .post_form(
            "/zh-Hant/alliance/milestones",
            &[("year", "1800"), ("text", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("請輸入 1900 至 2200 之間的年份") && body.contains("此欄必須填寫"));
    let r = app
        .post_form(
            "/zh-Hant/alliance/milestones",
            &[
                ("year", "2025"),
                ("date", "2025-12-08"),
                ("text", "2025深港澳科技界交流年會於香港舉行"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page("/zh-Hans/alliance").await;
    assert!(
        page.contains("2025深港澳科技界交流年会于香港举行")
            || page.contains("2025深港澳科技界交流年会於香港举行")
    );
}

#[tokio::test]
async fn running_text_takes_regional_terms_on_request_and_keeps_the_original() {
    use baylink_store::{Actor, OrganisationInput};
    let app = kit::demo_app().await;
    let id = app.org_id("深圳市信息行业协会").await;
    let stored = app.store.get_organisation(id).await.unwrap();
    let edit = OrganisationInput {
        name: stored.name.clone(),
        org_type: "society".into(),
        region: "shenzhen".into(),
        description: Some("推动信息技术与信息安全合作。".into()),
        description_script: Some("zh-Hans".into()),
        version: Some(stored.version),
        ..Default::default()
    }
    .validate(baylink_text::Script::Hans)
    .unwrap();
    app.store
        .update_organisation(&Actor::cli(), id, &edit)
        .await
        .unwrap();
    let page = format!("/zh-Hant/organisations/{id}");

    // By default: characters only, the original one click away.
    let (_, plain) = app.page(&page).await;
    assert!(
        plain.contains("推動信息技術與信息安全合作。"),
        "character conversion by default"
    );
    assert!(
        plain.contains("<details class=\"original\">")
            && plain.contains("推动信息技术与信息安全合作。")
    );
    assert!(plain.contains("id=\"terms-switch\""));

    // The reader turns regional terms on; the setting sticks and brings them back.
    let r = app
        .client
        .get(app.url(&format!(
            "/zh-Hant/settings/terms?on=1&back=/organisations/{id}"
        )))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection());
    assert_eq!(r.headers()["location"], page.as_str(), "back to the page");
    let (_, terms) = app.page(&page).await;
    assert!(
        terms.contains("推動資訊科技與資訊保安合作。"),
        "Hong Kong terms on request"
    );
    assert!(
        terms.contains("深圳市信息行業協會"),
        "the name is never rewritten"
    );
    // An outside address is not a place to go back to.
    let r = app
        .client
        .get(app.url("/zh-Hant/settings/terms?on=0&back=//evil.example/"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/zh-Hant/");
    let (_, off) = app.page(&page).await;
    assert!(off.contains("推動信息技術與信息安全合作。"));
}

/// The CSRF token a page's forms carry.
fn csrf_in(page: &str) -> String {
    page.split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form with the session's CSRF token")
        .to_owned()
}

/// Lists given a hand-made page far past their end, or a year no calendar has, answer with
/// an empty page, never a server error (the next page's offset once overflowed).
#[tokio::test]
async fn hand_made_paging_is_not_a_server_error() {
    let mut app = kit::demo_app().await;
    app.sign_in(kit::ADMIN).await;
    let huge = i64::MAX;
    for path in [
        format!("/en/organisations?offset={huge}"),
        format!("/en/people?offset={huge}"),
        format!("/en/postings?page={huge}"),
        format!("/en/audit?offset={huge}"),
        format!("/en/publications?offset={huge}"),
        format!("/en/publications?year={}", i32::MAX),
        format!(
            "/api/v1/publications?year={}&offset={huge}&limit={}",
            i32::MAX,
            i64::MIN
        ),
        format!("/en/organisations?offset=-{huge}"),
    ] {
        let (status, _) = app.page(&path).await;
        assert_eq!(status, reqwest::StatusCode::OK, "{path}");
    }
}
