//! Accounts over HTTP: passwords forgotten and set again from the mail, changed when
//! signed in, chosen from an administrator's invitation; accounts changed and suspended
//! by an administrator; on the pages and through the API.

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, LOCATION, SET_COOKIE};
use serde_json::json;

use crate::kit::{self, PASSWORD, TestApp};

const HOLDER: &str = "participant@demo.baylink";

/// The token at the end of the link in a password mail's body, whose link is on the
/// site under `lang`.
fn link_token(body: &str, lang: &str) -> String {
    let start = format!("https://baylink.test/{lang}/password/reset/");
    let at = body
        .find(&start)
        .unwrap_or_else(|| panic!("a link in {body}"));
    body[at + start.len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// Signs in through the API with `password` on a fresh client; the status.
async fn sign_in_with(app: &TestApp, email: &str, password: &str) -> StatusCode {
    kit::client()
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_forgotten_password_is_set_again_from_its_mail() {
    let mut app = kit::demo_app().await;
    app.sign_in(HOLDER).await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    let anonymous = kit::client();
    let ask = |email: &'static str| {
        let client = anonymous.clone();
        let url = app.url("/zh-Hant/password/forgot");
        async move {
            let r = client
                .post(url)
                .form(&[("email", email)])
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    // The way there: the sign-in page links to the form, with the address typed.
    let (_, page) = app.page("/zh-Hant/login").await;
    assert!(page.contains("href=\"/zh-Hant/password/forgot\""), "{page}");
    let (status, page) = app.page("/zh-Hant/password/forgot?email=a%40b.org").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("value=\"a@b.org\""));
    // Not an address: said in the reader's language, nothing queued.
    let (status, page) = ask("holder-at-demo").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("name@example.org"), "{page}");
    // An address without an account gets the same answer as one with, and no mail.
    let (status, unknown) = ask("nobody@demo.baylink").await;
    assert_eq!(status, StatusCode::OK);
    assert!(unknown.contains("id=\"forgot-sent\""));
    assert!(kit::sent_mails(app.store.as_ref(), now).await.is_empty());
    let (status, known) = ask("participant@demo.baylink").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        known.replace("participant@demo.baylink", "X"),
        unknown.replace("nobody@demo.baylink", "X")
    );
    // Asked again at once: the same answer, but one mail in ten minutes.
    assert_eq!(ask("participant@demo.baylink").await.0, StatusCode::OK);
    let (message, mail) = kit::sent_mail_of(app.store.as_ref(), "password_reset", now).await;
    assert_eq!(message.to_addr, HOLDER);
    assert!(kit::sent_mails(app.store.as_ref(), now).await.is_empty());
    assert_eq!(mail.subject, "設定新的灣聯密碼");
    assert!(mail.body.contains("（香港時間）"), "{}", mail.body);
    let token = link_token(&mail.body, "zh-Hant");
    assert_eq!(token.len(), 64);

    // The link's page: a bearer secret, kept out of caches.
    let path = format!("/zh-Hant/password/reset/{token}");
    let r = anonymous.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CACHE_CONTROL], "private, no-store");
    let page = r.text().await.unwrap();
    assert!(page.contains("id=\"reset-form\"") && page.contains(HOLDER));
    // Too short: refused, the link still works.
    // (A fresh client each time: the one that sets the password is signed in after.)
    let set = |password: &'static str| {
        let client = kit::client();
        let url = app.url(&path);
        async move {
            client
                .post(url)
                .form(&[("password", password)])
                .send()
                .await
                .unwrap()
        }
    };
    let r = set("short").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("至少 10 個字元"));
    assert_eq!(sign_in_with(&app, HOLDER, PASSWORD).await, StatusCode::OK);
    // Set: signed in on this browser, signed out everywhere else.
    let r = set("a new password 2026").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/zh-Hant/account/password?done=set");
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let page = kit::client()
        .get(app.url("/zh-Hant/account/password?done=set"))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("你的密碼已設定，你已登入。"), "{page}");
    let (status, _) = app.api(reqwest::Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the other session ended");
    assert_eq!(
        sign_in_with(&app, HOLDER, PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in_with(&app, HOLDER, "a new password 2026").await,
        StatusCode::OK
    );
    let holder = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    assert_eq!(holder.locale.as_deref(), Some("zh-Hant"));
    // The holder is told, in case it was not them.
    let later = baylink_store::sql::now() + 1;
    let (_, notice) = kit::sent_mail_of(app.store.as_ref(), "password_changed", later).await;
    assert_eq!(notice.to, HOLDER);
    assert_eq!(notice.subject, "你的灣聯密碼已更改");
    assert!(
        notice
            .body
            .contains("https://baylink.test/zh-Hant/password/forgot")
    );
    // Used: the page says so, and where to ask again; a second use changes nothing.
    let (status, page) = app.page(&path).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("此連結已失效") && page.contains("id=\"ask-again\""));
    let r = set("yet another password").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(
        sign_in_with(&app, HOLDER, "a new password 2026").await,
        StatusCode::OK
    );
    let (status, _) = app.page("/zh-Hant/password/reset/00ff").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // One connection may not walk a list of addresses.
    let mut last = StatusCode::OK;
    for _ in 0..20 {
        last = ask("nobody@demo.baylink").await.0;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_signed_in_holder_changes_their_password() {
    let mut app = kit::demo_app().await;
    app.sign_in(HOLDER).await;
    let mut elsewhere = kit::app_on(app.db.clone(), app.store.clone()).await;
    elsewhere.sign_in(HOLDER).await;
    let (status, page) = app.page("/en/account/password").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"password-link\"") && page.contains("id=\"password-form\""));
    // A wrong current password and a short new one: both said, nothing changed.
    let r = app
        .post_form(
            "/en/account/password",
            &[("current_password", "not it at all"), ("password", "short")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("This is not your current password."),
        "{page}"
    );
    assert!(page.contains("At least 10 characters."), "{page}");
    assert_eq!(sign_in_with(&app, HOLDER, PASSWORD).await, StatusCode::OK);
    // Changed: this session stays, the other one ends.
    let r = app
        .post_form(
            "/en/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "my own password 1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/en/account/password?done=changed");
    assert_eq!(
        app.api(reqwest::Method::GET, "/api/v1/me", None).await.0,
        StatusCode::OK
    );
    assert_eq!(
        elsewhere
            .api(reqwest::Method::GET, "/api/v1/me", None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in_with(&app, HOLDER, PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    // The audit log says it was set, never what to.
    let audit = app.store.list_audit(20, 0).await.unwrap();
    let line = audit
        .items
        .iter()
        .find(|a| a.entity == "user" && a.after_json.as_deref() == Some(r#"{"password":"set"}"#))
        .expect("an audit line");
    assert_eq!(line.actor, "Demo participant", "the holder, by their name");
    assert!(
        audit
            .items
            .iter()
            .all(|a| !format!("{a:?}").contains("$argon2"))
    );

    // The same through the API: a wrong current password is a field error.
    let (status, body) = app
        .api(
            reqwest::Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "password": "another one 22"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "current_password", "{body}");
    let (status, _) = app
        .api(
            reqwest::Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": "my own password 1", "password": "another one 22"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        sign_in_with(&app, HOLDER, "another one 22").await,
        StatusCode::OK
    );
    // An API token acts for the account but does not change its password; nor does
    // anyone signed out.
    let token = kit::new_api_token(&app, &[("name", "script")]).await;
    let r = kit::client()
        .put(app.url("/api/v1/me/password"))
        .bearer_auth(&token)
        .json(&json!({"current_password": "another one 22", "password": "by a token 123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = kit::client()
        .put(app.url("/api/v1/me/password"))
        .json(&json!({"current_password": "another one 22", "password": "anonymous 123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        sign_in_with(&app, HOLDER, "another one 22").await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_administrator_invites_an_account_by_mail() {
    let mut app = kit::demo_app().await;
    app.sign_in("admin@demo.baylink").await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    // No password typed: the account is made without one, and its holder is mailed a
    // link in the language chosen for them.
    let r = app
        .post_form(
            "/en/admin/users",
            &[
                ("email", "New.Colleague@szinfo.example"),
                ("display_name", "李新"),
                ("role", "participant"),
                ("password", ""),
                ("locale", "zh-Hans"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()[LOCATION].to_str().unwrap().to_owned();
    assert_eq!(to, "/en/admin/users?invited=new.colleague%40szinfo.example");
    let (_, page) = app.page(&to).await;
    assert!(
        page.contains("id=\"link-sent\"") && page.contains("no password yet"),
        "{page}"
    );
    assert!(page.contains("never"), "not signed in yet: {page}");
    assert_eq!(
        sign_in_with(&app, "new.colleague@szinfo.example", "").await,
        StatusCode::UNAUTHORIZED
    );
    let (_, mail) = kit::sent_mail_of(app.store.as_ref(), "account_invite", now).await;
    assert_eq!(mail.to, "new.colleague@szinfo.example");
    assert_eq!(mail.subject, "你的湾联账户");
    let token = link_token(&mail.body, "zh-Hans");
    let (status, page) = app.page(&format!("/zh-Hans/password/reset/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("已为 new.colleague@szinfo.example 开设账户"),
        "{page}"
    );
    // Through the API: set once, refused the second time.
    let reset = |password: &'static str| {
        let token = token.clone();
        let url = app.url("/api/v1/password/reset");
        async move {
            let r = kit::client()
                .post(url)
                .json(&json!({"token": token, "password": password}))
                .send()
                .await
                .unwrap();
            let status = r.status();
            (
                status,
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    assert_eq!(reset("short").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reset("chosen by me 2026").await.0, StatusCode::NO_CONTENT);
    let (status, body) = reset("chosen again 2026").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "err-password-link", "{body}");
    assert_eq!(
        sign_in_with(&app, "new.colleague@szinfo.example", "chosen by me 2026").await,
        StatusCode::OK
    );

    // A link for an existing account: its password stands until the link is used.
    let holder = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    let r = app
        .post_form(&format!("/en/admin/users/{}/password-link", holder.id), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mail) = kit::sent_mail_of(app.store.as_ref(), "account_invite", now).await;
    assert_eq!(mail.to, HOLDER);
    assert_eq!(sign_in_with(&app, HOLDER, PASSWORD).await, StatusCode::OK);
    // Only administrators make accounts and send such links.
    let mut staff = kit::app_on(app.db.clone(), app.store.clone()).await;
    staff.sign_in("secretariat.hk@demo.baylink").await;
    let r = staff
        .post_form(&format!("/en/admin/users/{}/password-link", holder.id), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // "Forgotten password" through the API: 202 whether the address has an account or
    // not; a malformed address or an unknown language is a field error.
    let forgot = |body: serde_json::Value| {
        let url = app.url("/api/v1/password/forgot");
        async move {
            kit::client()
                .post(url)
                .header("accept-language", "en")
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        forgot(json!({"email": "nobody@szinfo.example"})).await,
        StatusCode::ACCEPTED
    );
    assert_eq!(forgot(json!({"email": HOLDER})).await, StatusCode::ACCEPTED);
    assert_eq!(
        forgot(json!({"email": "not an address"})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        forgot(json!({"email": HOLDER, "locale": "fr"})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (message, mail) = kit::sent_mail_of(app.store.as_ref(), "password_reset", now).await;
    assert_eq!(
        (message.to_addr.as_str(), message.locale.as_str()),
        (HOLDER, "en")
    );
    assert_eq!(mail.subject, "Choose a new Baylink password");
}

#[tokio::test]
async fn an_administrator_changes_and_suspends_an_account() {
    let mut app = kit::demo_app().await;
    app.sign_in("admin@demo.baylink").await;
    let mut holder = kit::app_on(app.db.clone(), app.store.clone()).await;
    holder.sign_in(HOLDER).await;
    let user = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    let page_path = format!("/en/admin/users/{}", user.id);
    let (_, list) = app.page("/en/admin/users").await;
    assert!(list.contains(&format!("href=\"{page_path}\"")), "{list}");
    let (status, page) = app.page(&page_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("value=\"{HOLDER}\"")), "{page}");
    // Changed: a representative of an organisation needs the organisation.
    let r = app
        .post_form(
            &page_path,
            &[
                ("email", HOLDER),
                ("display_name", "Participant Renamed"),
                ("role", "org_rep"),
                ("side_id", ""),
                ("org_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.store.get_user(user.id).await.unwrap().display_name,
        user.display_name
    );
    let r = app
        .post_form(
            &page_path,
            &[
                ("email", HOLDER),
                ("display_name", "Participant Renamed"),
                ("role", "participant"),
                ("side_id", ""),
                ("org_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(&format!("{page_path}?saved=1")).await;
    assert!(page.contains("id=\"user-saved\"") && page.contains("Participant Renamed"));
    // The administrator's own role stays; nor do they suspend themselves.
    let admin = app
        .store
        .find_user_by_email("admin@demo.baylink")
        .await
        .unwrap()
        .unwrap();
    let own = format!("/en/admin/users/{}", admin.id);
    let r = app
        .post_form(
            &own,
            &[
                ("email", "admin@demo.baylink"),
                ("display_name", &admin.display_name),
                ("role", "participant"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("You cannot change your own role")
    );
    let r = app
        .post_form(&format!("{own}/suspend"), &[("suspend", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("You cannot suspend your own account.")
    );

    // Suspended: signed out at once, told so when signing in, no link by mail.
    let r = app
        .post_form(&format!("{page_path}/suspend"), &[("suspend", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        holder.api(reqwest::Method::GET, "/api/v1/me", None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let r = kit::client()
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": HOLDER, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "err-account-suspended");
    let r = kit::client()
        .post(app.url("/zh-Hans/login"))
        .form(&[("email", HOLDER), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("此账户已暂停"));
    assert_eq!(
        sign_in_with(&app, HOLDER, "a wrong password").await,
        StatusCode::UNAUTHORIZED,
        "a wrong password tells nothing more"
    );
    let (_, page) = app.page(&page_path).await;
    assert!(page.contains("id=\"suspended-note\"") && page.contains("id=\"reinstate\""));
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    let r = kit::client()
        .post(app.url("/en/password/forgot"))
        .form(&[("email", HOLDER)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(kit::sent_mails(app.store.as_ref(), now).await.is_empty());
    // Reinstated: signs in again.
    let r = app
        .post_form(&format!("{page_path}/suspend"), &[("suspend", "0")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(sign_in_with(&app, HOLDER, PASSWORD).await, StatusCode::OK);
    // Only administrators.
    let mut staff = kit::app_on(app.db.clone(), app.store.clone()).await;
    staff.sign_in("secretariat.hk@demo.baylink").await;
    assert_eq!(staff.page(&page_path).await.0, StatusCode::FORBIDDEN);
    let r = staff
        .post_form(&format!("{page_path}/suspend"), &[("suspend", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// The code an authenticator app with `secret` shows `offset` steps from now.
fn app_code(secret: &str, offset: i64) -> String {
    let step = baylink_web::totp::step_of(baylink_store::sql::now()) + offset;
    baylink_web::totp::code(secret, step).unwrap()
}

/// The key the two-step sign-in page offers.
fn offered_secret(page: &str) -> String {
    let at = page.find("name=\"secret\" value=\"").unwrap() + "name=\"secret\" value=\"".len();
    page[at..].chars().take_while(|c| *c != '"').collect()
}

/// Turns two-step sign-in on for the signed-in account of `app` with the offered `secret`
/// and an app's `code`.
async fn turn_on(app: &TestApp, secret: &str, code: &str) -> reqwest::Response {
    app.post_form(
        "/en/account/two-factor",
        &[("action", "on"), ("secret", secret), ("code", code)],
    )
    .await
}

/// The recovery codes a page shows, in order.
fn shown_recovery_codes(page: &str) -> Vec<String> {
    let Some(start) = page.find("id=\"recovery-codes\"") else {
        return Vec::new();
    };
    let list = &page[start..page[start..].find("</ol>").unwrap() + start];
    list.split("<li><code>")
        .skip(1)
        .map(|item| item[..item.find("</code>").unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_in_place_of_the_app() {
    let mut app = kit::demo_app().await;
    app.sign_in(HOLDER).await;
    let (_, page) = app.page("/en/account/two-factor").await;
    let secret = offered_secret(&page);
    assert!(shown_recovery_codes(&page).is_empty());
    // Turned on: the answer shows ten codes, this once, and no cache keeps them.
    let r = turn_on(&app, &secret, &app_code(&secret, 0)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CACHE_CONTROL], "private, no-store");
    let page = r.text().await.unwrap();
    let codes = shown_recovery_codes(&page);
    assert_eq!(codes.len(), 10, "{page}");
    assert!(page.contains("They are shown only this once."));
    // Also as a text file to keep.
    let at = page.find("id=\"recovery-codes-download\"").unwrap();
    let link = &page[at..page[at..].find('>').unwrap() + at];
    assert!(
        link.contains("download=\"baylink-recovery-codes.txt\""),
        "{link}"
    );
    assert!(
        link.contains(&format!("%0A{}%0A{}", codes[0], codes[1])),
        "{link}"
    );
    let (_, later) = app.page("/en/account/two-factor").await;
    assert!(later.contains("10 recovery codes are left"), "{later}");
    assert!(codes.iter().all(|code| !later.contains(code.as_str())));

    // On the code page, typed in capitals without its dashes: signed in.
    let send = |client: reqwest::Client, code: String| {
        let url = app.url("/en/login/code");
        async move {
            client
                .post(url)
                .form(&[
                    ("code", code.as_str()),
                    ("recovery", "1"),
                    ("next", "/en/events"),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let first = codes[0].replace('-', "").to_uppercase();
    let (client, r) = page_sign_in(&app, PASSWORD).await;
    assert_eq!(r.headers()[LOCATION], "/en/login/code?next=%2Fen%2Fevents");
    let r = client.get(app.url("/en/login/code")).send().await.unwrap();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("id=\"recovery-code-form\"")
    );
    let r = send(client.clone(), first.clone()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Signed in without the app: its page first, with how many codes are left.
    let to = r.headers()[LOCATION].to_str().unwrap().to_owned();
    assert_eq!(to, "/en/account/two-factor?done=recovery&left=9");
    let page = client.get(app.url(&to)).send().await.unwrap();
    let page = page.text().await.unwrap();
    assert!(
        page.contains("You signed in with a recovery code; 9 are left."),
        "{page}"
    );
    // Used: not twice; the wrong code's answer keeps the recovery form open.
    let (client, _) = page_sign_in(&app, PASSWORD).await;
    let r = send(client, first).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let page = r.text().await.unwrap();
    assert!(page.contains("This code is not right"));
    assert!(page.contains("id=\"recovery-code-box\" open"));

    // Through the API, as its `code`.
    let api = |code: &str| {
        let url = app.url("/api/v1/session");
        let body = json!({"email": HOLDER, "password": PASSWORD, "code": code});
        async move {
            kit::client()
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(api(&codes[1]).await, StatusCode::OK);
    assert_eq!(api(&codes[1]).await, StatusCode::UNAUTHORIZED);
    let (_, page) = app.page("/en/account/two-factor").await;
    assert!(page.contains("8 recovery codes are left"), "{page}");
    // The holder is told of each, with the way to take the account back.
    let now = baylink_store::sql::now() + 1;
    let (m, mail) = kit::sent_mail_of(app.store.as_ref(), "recovery_code_used", now).await;
    assert_eq!(m.to_addr, HOLDER);
    assert!(mail.subject.contains("recovery code"), "{}", mail.subject);
    assert!(
        mail.body
            .contains("https://baylink.test/en/password/forgot"),
        "{}",
        mail.body
    );

    // New codes, with the password: the earlier ones stop working.
    let r = app
        .post_form(
            "/en/account/two-factor",
            &[("action", "codes"), ("password", "not mine at all")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(shown_recovery_codes(&r.text().await.unwrap()).is_empty());
    let r = app
        .post_form(
            "/en/account/two-factor",
            &[("action", "codes"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("the earlier ones no longer work"));
    let fresh = shown_recovery_codes(&page);
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|code| !codes.contains(code)));
    assert_eq!(api(&codes[2]).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api(&fresh[0]).await, StatusCode::OK);
    // An administrator sees how many are left, for a holder who calls about a lost phone.
    let holder = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    let mut admin = kit::app_on(app.db.clone(), app.store.clone()).await;
    admin.sign_in("admin@demo.baylink").await;
    let (_, page) = admin.page(&format!("/en/admin/users/{}", holder.id)).await;
    assert!(page.contains("It has 9 recovery codes left."), "{page}");

    // Turned off: none is left to use.
    let r = app
        .post_form(
            "/en/account/two-factor",
            &[("action", "off"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.store.recovery_codes_left(holder.id).await.unwrap(), 0);
}

/// Signs in on the page with a fresh client; the client and the answer.
async fn page_sign_in(app: &TestApp, password: &str) -> (reqwest::Client, reqwest::Response) {
    let client = kit::client();
    let r = client
        .post(app.url("/en/login"))
        .form(&[
            ("email", HOLDER),
            ("password", password),
            ("next", "/en/events"),
        ])
        .send()
        .await
        .unwrap();
    (client, r)
}

#[tokio::test]
async fn two_step_sign_in_takes_the_apps_code() {
    let mut app = kit::demo_app().await;
    app.sign_in(HOLDER).await;
    // Turned on: the page offers a secret as a QR code, and takes it once the app's code
    // proves the app has it.
    let (_, page) = app.page("/en/account/password").await;
    assert!(page.contains("href=\"/en/account/two-factor\""));
    let r = app.get("/en/account/two-factor").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CACHE_CONTROL], "private, no-store");
    let page = r.text().await.unwrap();
    assert!(page.contains("<svg"), "a QR code");
    let secret = offered_secret(&page);
    assert_eq!(secret.len(), 32);
    let r = turn_on(&app, &secret, &app_code(&secret, 5)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("This code is not right"));
    assert!(
        !app.store
            .find_user_by_email(HOLDER)
            .await
            .unwrap()
            .unwrap()
            .two_factor()
    );
    // The codes are kept as typed: a test that crosses a step's end must not compute
    // another code for "the same" step.
    let setup_code = app_code(&secret, -1);
    let r = turn_on(&app, &secret, &setup_code).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("id=\"two-factor-done\""));
    assert!(
        app.store
            .find_user_by_email(HOLDER)
            .await
            .unwrap()
            .unwrap()
            .two_factor()
    );

    // The password alone no longer signs in: the page asks for the code.
    let (client, r) = page_sign_in(&app, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/en/login/code?next=%2Fen%2Fevents");
    let me = |client: &reqwest::Client| {
        let client = client.clone();
        let url = app.url("/api/v1/me");
        async move { client.get(url).send().await.unwrap().status() }
    };
    assert_eq!(me(&client).await, StatusCode::UNAUTHORIZED);
    let r = client.get(app.url("/en/login/code")).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("id=\"code-form\""));
    let send = |code: String| {
        let client = client.clone();
        let url = app.url("/en/login/code");
        async move {
            client
                .post(url)
                .form(&[("code", code.as_str()), ("next", "/en/events")])
                .send()
                .await
                .unwrap()
        }
    };
    let r = send("12345".into()).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("This code is not right"));
    let used = setup_code.clone();
    assert_eq!(
        send(used).await.status(),
        StatusCode::UNAUTHORIZED,
        "a code used once"
    );
    let page_code = app_code(&secret, 0);
    let r = send(page_code.clone()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/en/events");
    let cookies: Vec<_> = r
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("baylink_session="))
            && cookies
                .iter()
                .any(|c| c.starts_with("baylink_signin=;") && c.contains("Max-Age=0")),
        "signed in, and the waiting sign-in ended: {cookies:?}"
    );
    assert_eq!(me(&client).await, StatusCode::OK);
    // Without a waiting sign-in, the code page sends back to the password.
    let r = kit::client()
        .post(app.url("/en/login/code"))
        .form(&[("code", "123456")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("Sign in again"));

    // Through the API: the code with the password.
    let api = |code: Option<String>| {
        let url = app.url("/api/v1/session");
        async move {
            let mut body = json!({"email": HOLDER, "password": PASSWORD});
            if let Some(code) = code {
                body["code"] = json!(code);
            }
            let r = kit::client().post(url).json(&body).send().await.unwrap();
            let status = r.status();
            (
                status,
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    let (status, body) = api(None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "err-two-factor-required");
    let (status, body) = api(Some(page_code.clone())).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "taken on the page already"
    );
    assert_eq!(body["code"], "err-two-factor-code");
    let code = app_code(&secret, 1);
    assert_eq!(api(Some(code.clone())).await.0, StatusCode::OK);
    assert_eq!(api(Some(code)).await.0, StatusCode::UNAUTHORIZED);

    // Off with the password (a wrong one refused).
    let r = app
        .post_form(
            "/en/account/two-factor",
            &[("action", "off"), ("password", "not mine at all")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            "/en/account/two-factor",
            &[("action", "off"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, r) = page_sign_in(&app, PASSWORD).await;
    assert_eq!(r.headers()[LOCATION], "/en/events");

    // A lost phone: an administrator turns it off; nobody else may.
    let holder = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    app.store
        .set_totp(&baylink_store::Actor::cli(), holder.id, Some(&secret), &[])
        .await
        .unwrap();
    let path = format!("/en/admin/users/{}/two-factor-off", holder.id);
    let mut staff = kit::app_on(app.db.clone(), app.store.clone()).await;
    staff.sign_in("secretariat.hk@demo.baylink").await;
    assert_eq!(
        staff.post_form(&path, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let mut admin = kit::app_on(app.db.clone(), app.store.clone()).await;
    admin.sign_in("admin@demo.baylink").await;
    let (_, page) = admin.page(&format!("/en/admin/users/{}", holder.id)).await;
    assert!(page.contains("id=\"two-factor-state\""));
    assert_eq!(
        admin.post_form(&path, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(!app.store.get_user(holder.id).await.unwrap().two_factor());
}

#[tokio::test]
async fn the_holder_chooses_the_language_of_their_mails() {
    let mut app = kit::demo_app().await;
    app.sign_in(HOLDER).await;
    let (_, page) = app.page("/zh-Hant/account").await;
    assert!(page.contains("id=\"language-of-mails-form\""));
    let r = app
        .post_form("/zh-Hans/account/mail-language", &[("mail_locale", "en")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/zh-Hans/account?done=language");
    // A form sent from a page in another language leaves the choice alone.
    let r = app
        .post_form("/zh-Hant/account", &[("display_name", "陳大文")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let user = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    assert_eq!(
        (user.locale.as_deref(), user.locale_chosen),
        (Some("en"), true)
    );
    let (_, page) = app.page("/en/account").await;
    assert!(page.contains("as you chose"), "{page}");
    assert!(
        page.contains("<option value=\"en\" lang=\"en\" selected>English</option>"),
        "{page}"
    );
    // A notice queued now is written in English.
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    app.store
        .set_totp(
            &baylink_store::Actor::cli(),
            user.id,
            Some("JBSWY3DPEHPK3PXP"),
            &[],
        )
        .await
        .unwrap();
    let (m, mail) = kit::sent_mail_of(app.store.as_ref(), "two_factor_on", now).await;
    assert_eq!(m.locale, "en");
    assert!(
        mail.subject.starts_with("Two-step sign-in is on"),
        "{}",
        mail.subject
    );
    // An unknown language is refused and changes nothing.
    let r = app
        .post_form("/en/account/mail-language", &[("mail_locale", "fr")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Over the API: back to following the pages, and the next form moves it.
    let (status, body) = app
        .api(
            reqwest::Method::PUT,
            "/api/v1/me/mail-language",
            Some(json!({"locale": "xx"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = app
        .api(
            reqwest::Method::PUT,
            "/api/v1/me/mail-language",
            Some(json!({"locale": null})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["locale_chosen"], false);
    assert_eq!(body["locale"], "en");
    let r = app
        .post_form("/zh-Hant/account", &[("display_name", "陳大文")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let user = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    assert_eq!(
        (user.locale.as_deref(), user.locale_chosen),
        (Some("zh-Hant"), false)
    );
}

#[tokio::test]
async fn the_holder_renames_the_account_and_signs_other_browsers_out() {
    let mut app = kit::demo_app().await;
    app.sign_in(HOLDER).await;
    let mut elsewhere = kit::app_on(app.db.clone(), app.store.clone()).await;
    elsewhere.sign_in(HOLDER).await;
    let (status, page) = app.page("/en/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("id=\"signed-in-as\" href=\"/en/account\""),
        "{page}"
    );
    assert!(
        page.contains("You are also signed in on one other browser."),
        "{page}"
    );
    assert!(page.contains("href=\"/en/account/two-factor\""));
    // The name: required, then changed; the role stays.
    let r = app
        .post_form("/en/account", &[("display_name", "  ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form("/en/account", &[("display_name", "陳大文 Chan Tai Man")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let user = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    assert_eq!(user.display_name, "陳大文 Chan Tai Man");
    assert_eq!(user.role.code(), "participant");
    // Every other browser signed out; this one stays.
    let r = app.post_form("/en/account/sessions/end", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/en/account?done=ended&n=1");
    let (_, page) = app.page("/en/account?done=ended&n=1").await;
    assert!(page.contains("One other browser was signed out."), "{page}");
    assert!(page.contains("You are signed in on this browser only."));
    assert_eq!(
        elsewhere
            .api(reqwest::Method::GET, "/api/v1/me", None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.api(reqwest::Method::GET, "/api/v1/me", None).await.0,
        StatusCode::OK
    );
    // A token acts for the account, it does not manage it.
    let token = kit::new_api_token(&app, &[("name", "script")]).await;
    let r = kit::client()
        .get(app.url("/en/account"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_audit_log_is_read_by_record_and_by_who() {
    let mut app = kit::demo_app().await;
    app.sign_in("admin@demo.baylink").await;
    let holder = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    let r = app
        .post_form(
            &format!("/en/admin/users/{}", holder.id),
            &[
                ("email", HOLDER),
                ("display_name", "Renamed for the audit"),
                ("role", "participant"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The account's page links to its history, which holds the change and no other
    // record's.
    let (_, page) = app.page(&format!("/en/admin/users/{}", holder.id)).await;
    let link = format!("/en/audit?entity=user&#38;entity_id={}", holder.id);
    assert!(page.contains(&link), "{page}");
    let (status, page) = app
        .page(&format!("/en/audit?entity=user&entity_id={}", holder.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Renamed for the audit"), "{page}");
    // Each record's kind in the reader's language, its code beside it.
    assert!(page.contains(&format!(
        "<span title=\"user\">Account</span> #{}",
        holder.id
    )));
    assert!(page.contains("<option value=\"organisation\">Organisation</option>"));
    assert!(
        !page.contains("<span title=\"organisation\">"),
        "only the account's lines"
    );
    let (_, page) = app
        .page(&format!(
            "/zh-Hant/audit?entity=user&entity_id={}",
            holder.id
        ))
        .await;
    assert!(page.contains(&format!("<span title=\"user\">帳戶</span> #{}", holder.id)));
    // By who: part of their name, in any case.
    let (_, page) = app.page("/en/audit?actor=DEMO%20ADM").await;
    assert!(page.contains("<td>Demo admin</td>"), "{page}");
    assert!(
        !page.contains("<td>cli</td>"),
        "the demo loader's lines are left out"
    );
    // Not a date: said on the form, in the reader's language.
    let (status, page) = app.page("/zh-Hant/audit?from=yesterday").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("YYYY-MM-DD"), "{page}");
    // An organisation's page links to its history for those who may read the log.
    let org_id = app.org_id("香港資訊科技聯會").await;
    let (_, page) = app.page(&format!("/en/organisations/{org_id}")).await;
    assert!(page.contains("id=\"organisation-history\""));
    let mut public = kit::app_on(app.db.clone(), app.store.clone()).await;
    let (_, page) = public.page(&format!("/en/organisations/{org_id}")).await;
    assert!(!page.contains("id=\"organisation-history\""));
    public.sign_in(HOLDER).await;
    assert_eq!(
        public.page("/en/audit?entity=user").await.0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn accounts_are_managed_through_the_api() {
    let mut app = kit::demo_app().await;
    app.sign_in("admin@demo.baylink").await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    let org = app.org_id("香港資訊科技聯會").await;
    use reqwest::Method;
    // Made with an invitation in the language asked; a representative needs the
    // organisation.
    let (status, body) = app
        .api(
            Method::POST,
            "/api/v1/users",
            Some(json!({"email": "Rep2@HKITF.example", "display_name": "何小姐", "role": "org_rep", "locale": "en"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "org_id", "{body}");
    let (status, body) = app
        .api(
            Method::POST,
            "/api/v1/users",
            Some(json!({"email": "Rep2@HKITF.example", "display_name": "何小姐", "role": "org_rep", "org_id": org, "locale": "en"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["email"], "rep2@hkitf.example");
    assert_eq!(body["has_password"], false);
    assert_eq!(body["two_factor"], false);
    assert!(body.get("password_hash").is_none() && body.get("totp_secret").is_none());
    let id = body["id"].as_i64().unwrap();
    let (_, mail) = kit::sent_mail_of(app.store.as_ref(), "account_invite", now).await;
    assert_eq!(
        (mail.to.as_str(), mail.subject.as_str()),
        ("rep2@hkitf.example", "Your Baylink account")
    );
    // Listed and filtered.
    let list = |query: String| {
        let app = &app;
        async move {
            let (status, body) = app
                .api(Method::GET, &format!("/api/v1/users{query}"), None)
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body.as_array()
                .unwrap()
                .iter()
                .map(|u| u["email"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list("?q=%E4%BD%95".into()).await,
        ["rep2@hkitf.example"],
        "by a part of the name"
    );
    let of_org = list(format!("?org={org}&role=org_rep")).await;
    assert!(
        of_org.contains(&"rep2@hkitf.example".to_owned())
            && of_org.contains(&"rep.hkitf@demo.baylink".to_owned())
    );
    assert!(list("?suspended=true".into()).await.is_empty());
    // Changed, suspended, reinstated.
    let path = format!("/api/v1/users/{id}");
    let (status, body) = app
        .api(
            Method::PUT,
            &path,
            Some(json!({"email": "rep2@hkitf.example", "display_name": "何麗君", "role": "org_rep", "org_id": org})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["display_name"], "何麗君");
    let (status, body) = app
        .api(Method::POST, &format!("{path}/suspension"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["suspended_at"].is_i64());
    assert_eq!(list("?suspended=true".into()).await, ["rep2@hkitf.example"]);
    let (status, _) = app
        .api(Method::POST, &format!("{path}/password-link"), None)
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "no link for a suspended account"
    );
    let (status, body) = app
        .api(Method::DELETE, &format!("{path}/suspension"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["suspended_at"].is_null());
    let (status, _) = app
        .api(Method::POST, &format!("{path}/password-link"), None)
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, _) = app
        .api(Method::DELETE, &format!("{path}/two-factor"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // Not one's own suspension; administrators only.
    let me = app
        .store
        .find_user_by_email("admin@demo.baylink")
        .await
        .unwrap()
        .unwrap();
    let (status, body) = app
        .api(
            Method::POST,
            &format!("/api/v1/users/{}/suspension", me.id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "err-suspend-self");
    let mut staff = kit::app_on(app.db.clone(), app.store.clone()).await;
    staff.sign_in("secretariat.hk@demo.baylink").await;
    assert_eq!(
        staff.api(Method::GET, "/api/v1/users", None).await.0,
        StatusCode::FORBIDDEN
    );
    let anonymous = kit::client()
        .get(app.url("/api/v1/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_secretariat_sees_mail_that_waits_and_tries_it_again() {
    let mut app = kit::demo_app().await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    // A mail the server refused.
    let r = kit::client()
        .post(app.url("/en/password/forgot"))
        .form(&[("email", HOLDER)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let m = app.store.claim_mail(now, now + 300).await.unwrap().unwrap();
    app.store
        .mark_mail_failed(m.id, "550 relay not permitted", now + 3600)
        .await
        .unwrap();
    app.sign_in("secretariat.hk@demo.baylink").await;
    let (status, page) = app.page("/en/admin/mail").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("One mail is waiting to be sent."), "{page}");
    assert!(page.contains("550 relay not permitted") && page.contains("id=\"outbox-retry\""));
    assert!(page.contains("id=\"nav-mail\""));
    assert!(
        page.contains("Account and sign-in"),
        "what the mail is about, in words"
    );
    let secret = m.secret.clone().expect("the link rides in the mail's row");
    assert!(!page.contains(&secret), "the link is never shown");
    let metrics = baylink_web::views::outbox::metrics(&app.running.state).await;
    assert!(metrics.contains("baylink_mail_waiting 1\n"), "{metrics}");
    assert!(metrics.contains("baylink_mail_failing 1\n"));
    let r = app.post_form("/en/admin/mail/retry", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/en/admin/mail?retried=1");
    let again = app.store.claim_mail(now + 5, now + 300).await.unwrap();
    assert_eq!(again.map(|a| a.id), Some(m.id), "due at once");
    // Not for everyone.
    let mut holder = kit::app_on(app.db.clone(), app.store.clone()).await;
    holder.sign_in(HOLDER).await;
    assert_eq!(holder.page("/en/admin/mail").await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_list_of_accounts_is_filtered() {
    let mut app = kit::demo_app().await;
    app.sign_in("admin@demo.baylink").await;
    let listed = |page: &str| -> Vec<String> {
        let table = &page[page.find("id=\"users\"").expect("the table")..];
        [
            "admin",
            "secretariat.hk",
            "rep.hkitf",
            "rep.szinfo",
            "participant",
        ]
        .into_iter()
        .filter(|who| table.contains(&format!(">{who}@demo.baylink<")))
        .map(str::to_owned)
        .collect()
    };
    let (_, page) = app.page("/en/admin/users").await;
    assert_eq!(listed(&page).len(), 5, "{page}");
    let (_, page) = app.page("/en/admin/users?q=PARTICIPANT").await;
    assert_eq!(listed(&page), ["participant"]);
    assert!(
        page.contains("value=\"PARTICIPANT\""),
        "the filter stays on the form"
    );
    let (_, page) = app.page("/en/admin/users?role=org_rep").await;
    assert_eq!(listed(&page), ["rep.hkitf", "rep.szinfo"]);
    let (_, page) = app.page("/en/admin/users?state=suspended").await;
    assert!(listed(&page).is_empty());
    let holder = app.store.find_user_by_email(HOLDER).await.unwrap().unwrap();
    app.store
        .suspend_user(&baylink_store::Actor::cli(), holder.id, true)
        .await
        .unwrap();
    let (_, page) = app.page("/en/admin/users?state=suspended").await;
    assert_eq!(listed(&page), ["participant"]);
    let (_, page) = app
        .page("/en/admin/users?state=active&role=participant")
        .await;
    assert!(listed(&page).is_empty());
}

#[tokio::test]
async fn the_holder_moves_to_another_address_once_its_mailbox_confirms() {
    let mut app = kit::demo_app().await;
    app.sign_in(HOLDER).await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    let (_, page) = app.page("/en/account").await;
    assert!(
        page.contains("You sign in as participant@demo.baylink."),
        "{page}"
    );
    // The current password first; a wrong one is said, nothing sent.
    let r = app
        .post_form(
            "/en/account/email",
            &[
                ("email", "new.home@example.hk"),
                ("current_password", "not it at all"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("This is not your current password.")
    );
    let r = app
        .post_form(
            "/en/account/email",
            &[
                ("email", "admin@demo.baylink"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(kit::sent_mails(app.store.as_ref(), now).await.is_empty());
    let r = app
        .post_form(
            "/en/account/email",
            &[
                ("email", "New.Home@example.hk"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(r.headers()[LOCATION].to_str().unwrap()).await;
    assert!(
        page.contains("A mail was sent to new.home@example.hk"),
        "{page}"
    );
    let (_, mail) = kit::sent_mail_of(app.store.as_ref(), "email_confirm", now).await;
    assert_eq!(mail.to, "new.home@example.hk");
    let start = mail
        .body
        .find("https://baylink.test/en/account/email/confirm/")
        .unwrap();
    let path: String = mail.body[start + "https://baylink.test".len()..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    // Opening the link changes nothing (a mail scanner may follow it); the button does.
    let (status, page) = app.page(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Sign in as new.home@example.hk from now on?"));
    assert!(
        app.store
            .find_user_by_email(HOLDER)
            .await
            .unwrap()
            .is_some()
    );
    let r = app.post_form(&path, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/en/account?done=email-changed");
    assert_eq!(
        sign_in_with(&app, "new.home@example.hk", PASSWORD).await,
        StatusCode::OK
    );
    assert_eq!(
        sign_in_with(&app, HOLDER, PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    let (_, notice) = kit::sent_mail_of(
        app.store.as_ref(),
        "email_changed",
        baylink_store::sql::now() + 1,
    )
    .await;
    assert_eq!(notice.to, HOLDER);
    assert!(notice.body.contains("new.home@example.hk"));
    let (status, _) = app.page(&path).await;
    assert_eq!(status, StatusCode::GONE, "used");
    // The API: a token may not; a session may, and the token confirms.
    let (status, body) = app
        .api(
            reqwest::Method::PUT,
            "/api/v1/me/email",
            Some(json!({"email": "third@example.hk", "current_password": PASSWORD})),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let (_, mail) = kit::sent_mail_of(
        app.store.as_ref(),
        "email_confirm",
        baylink_store::sql::now() + 1,
    )
    .await;
    let at = mail.body.find("/email/confirm/").unwrap() + "/email/confirm/".len();
    let token: String = mail.body[at..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    let r = kit::client()
        .post(app.url("/api/v1/email/confirm"))
        .json(&json!({"token": token}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let user: serde_json::Value = r.json().await.unwrap();
    assert_eq!(user["email"], "third@example.hk");
    let api_token = kit::new_api_token(&app, &[("name", "script")]).await;
    let r = kit::client()
        .put(app.url("/api/v1/me/email"))
        .bearer_auth(&api_token)
        .json(&json!({"email": "fourth@example.hk", "current_password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_site_requires_two_step_sign_in_of_its_staff() {
    let mut admin = kit::demo_app().await;
    admin.sign_in("admin@demo.baylink").await;
    let (status, page) = admin.page("/en/admin/security").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"security-without\""));
    assert!(page.contains("secretariat.hk@demo.baylink"));
    // Not before the administrator's own account has it: the rule would shut them out.
    let r = admin
        .post_form("/en/admin/security", &[("staff_two_factor", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("for your own account first")
    );
    let cli = baylink_store::Actor::cli();
    let me = admin
        .store
        .find_user_by_email("admin@demo.baylink")
        .await
        .unwrap()
        .unwrap();
    admin
        .store
        .set_totp(&cli, me.id, Some("JBSWY3DPEHPK3PXP"), &[])
        .await
        .unwrap();
    let r = admin
        .post_form("/en/admin/security", &[("staff_two_factor", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.page("/en/admin/security?saved=1").await;
    assert!(page.contains("id=\"staff-two-factor\" checked"));
    assert!(
        !page.contains("admin@demo.baylink ·"),
        "the admin has it now"
    );

    // Staff without it act as participants, told why on every page, API tokens too.
    let mut staff = kit::app_on(admin.db.clone(), admin.store.clone()).await;
    staff.sign_in("secretariat.hk@demo.baylink").await;
    let (status, _) = staff.page("/en/audit").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, page) = staff.page("/en/events").await;
    assert!(page.contains("id=\"two-factor-due\""), "{page}");
    assert_eq!(staff.page("/en/account/two-factor").await.0, StatusCode::OK);
    let holder = admin
        .store
        .find_user_by_email("secretariat.hk@demo.baylink")
        .await
        .unwrap()
        .unwrap();
    admin
        .store
        .create_api_token(
            &cli,
            holder.id,
            "door",
            &baylink_web::auth::token_hash("blk_staffdoor"),
            None,
            false,
        )
        .await
        .unwrap();
    let event = admin
        .store
        .list_events(&baylink_store::EventFilter {
            limit: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .id;
    let by_token = |path: String| {
        let url = admin.url(&path);
        async move {
            kit::client()
                .get(url)
                .bearer_auth("blk_staffdoor")
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let registrations = format!("/api/v1/events/{event}/registrations");
    assert_eq!(by_token(registrations.clone()).await, StatusCode::FORBIDDEN);
    // A name changed meanwhile leaves the role as stored.
    let r = staff
        .post_form("/en/account", &[("display_name", "HK Secretariat")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let holder = admin.store.get_user(holder.id).await.unwrap();
    assert_eq!(holder.role.code(), "secretariat");

    // A participant who manages an event reads its registrants: the same rule.
    admin
        .store
        .add_event_manager(&cli, event, HOLDER)
        .await
        .unwrap();
    let mut manager = kit::app_on(admin.db.clone(), admin.store.clone()).await;
    manager.sign_in(HOLDER).await;
    let (status, _) = manager
        .api(reqwest::Method::GET, &registrations, None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, page) = manager.page("/en/events").await;
    assert!(page.contains("id=\"two-factor-due\""));
    let holder_id = admin
        .store
        .find_user_by_email(HOLDER)
        .await
        .unwrap()
        .unwrap()
        .id;
    admin
        .store
        .set_totp(&cli, holder_id, Some("JBSWY3DPEHPK3PXP"), &[])
        .await
        .unwrap();
    let (status, _) = manager
        .api(reqwest::Method::GET, &registrations, None)
        .await;
    assert_eq!(status, StatusCode::OK);

    // Turned on, the account is staff again; lifted, the rule asks nothing more.
    admin
        .store
        .set_totp(&cli, holder.id, Some("JBSWY3DPEHPK3PXP"), &[])
        .await
        .unwrap();
    assert_eq!(staff.page("/en/audit").await.0, StatusCode::OK);
    assert_eq!(by_token(registrations.clone()).await, StatusCode::OK);
    admin
        .store
        .set_totp(&cli, holder.id, None, &[])
        .await
        .unwrap();
    assert_eq!(by_token(registrations.clone()).await, StatusCode::FORBIDDEN);
    let r = admin.post_form("/en/admin/security", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(by_token(registrations).await, StatusCode::OK);
    let (_, page) = staff.page("/en/events").await;
    assert!(!page.contains("id=\"two-factor-due\""));
}

#[tokio::test]
async fn the_holder_sees_where_they_are_signed_in_and_signs_one_browser_out() {
    let app = kit::demo_app().await;
    let sign_in = |agent: &'static str| {
        let url = app.url("/en/login");
        async move {
            let client = kit::client();
            let r = client
                .post(url)
                .header("user-agent", agent)
                .form(&[("email", HOLDER), ("password", PASSWORD)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            client
        }
    };
    let desk = sign_in("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0").await;
    let phone = sign_in("Mozilla/5.0 (Linux; Android 14; HUAWEI) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47").await;
    let page = desk
        .get(app.url("/en/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Edge · Windows <strong>(this one)</strong>"),
        "{page}"
    );
    assert!(page.contains("WeChat · Android"), "{page}");
    assert!(page.contains("<td>127.0.0.1</td>"), "{page}");
    // The phone's line signs it out; this browser's has no button.
    let at = page.find("WeChat · Android").unwrap();
    let rest = &page[at..];
    let action = rest
        .split("action=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(action.starts_with("/en/account/sessions/") && action.ends_with("/end"));
    let csrf = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(page.matches("class=\"link end-session\"").count(), 1);
    let end_phone = || {
        desk.post(app.url(&action))
            .header("origin", app.url(""))
            .form(&[("_csrf", csrf.as_str())])
            .send()
    };
    assert_eq!(end_phone().await.unwrap().status(), StatusCode::SEE_OTHER);
    let me = |client: &reqwest::Client| {
        let request = client.get(app.url("/api/v1/me"));
        async move { request.send().await.unwrap().status() }
    };
    assert_eq!(me(&phone).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&desk).await, StatusCode::OK);
    // Again: nothing to end.
    assert_eq!(end_phone().await.unwrap().status(), StatusCode::NOT_FOUND);
    // The copy of one's data says where one is signed in.
    let data: serde_json::Value = desk
        .get(app.url("/api/v1/me/data"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(data["sessions"][0]["client_ip"], "127.0.0.1");
}

#[tokio::test]
async fn a_sign_in_from_a_new_browser_is_mailed_to_the_holder() {
    let app = kit::demo_app().await;
    let now = baylink_store::sql::now() + 1;
    kit::sent_mails(app.store.as_ref(), now).await;
    // Signs in on the page from a browser with its mark, if it has one; the mark it is
    // given, if any.
    let sign_in = |mark: Option<String>| {
        let url = app.url("/en/login");
        async move {
            let mut request = kit::client().post(url).header(
                "user-agent",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
            );
            if let Some(mark) = mark {
                request = request.header("cookie", format!("baylink_device={mark}"));
            }
            let r = request
                .form(&[("email", HOLDER), ("password", PASSWORD)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            r.headers()
                .get_all(SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().unwrap().strip_prefix("baylink_device="))
                .map(|v| v.split(';').next().unwrap().to_owned())
                .next()
        }
    };
    let new_mails = || async {
        kit::sent_mails(app.store.as_ref(), baylink_store::sql::now() + 1)
            .await
            .into_iter()
            .filter(|m| m.kind == "new_sign_in")
            .count()
    };
    // The account's first browser: noted, nothing to tell.
    let desk = sign_in(None).await.expect("the browser gets its mark");
    assert_eq!(desk.len(), 64);
    assert_eq!(new_mails().await, 0);
    // The same browser again: known, its mark kept.
    assert_eq!(sign_in(Some(desk.clone())).await, None);
    assert_eq!(new_mails().await, 0);
    // Another browser: the holder hears of it, with which and from where.
    assert!(sign_in(None).await.is_some());
    let (m, mail) = kit::sent_mail_of(
        app.store.as_ref(),
        "new_sign_in",
        baylink_store::sql::now() + 1,
    )
    .await;
    assert_eq!(m.to_addr, HOLDER);
    assert!(mail.subject.contains("new browser"), "{}", mail.subject);
    assert!(mail.body.contains("Safari · macOS"), "{}", mail.body);
    assert!(mail.body.contains("127.0.0.1"), "{}", mail.body);
    assert!(
        mail.body.contains("https://baylink.test/en/account"),
        "{}",
        mail.body
    );
}
