//! Supply and demand over HTTP: a representative posts (bad input is shown again with
//! localised messages and writes nothing), the secretariat approves, the posting page
//! recommends counterparts across scripts with the reasons, another member expresses
//! interest, the owner accepts, contacts appear only inside the introduction, and the
//! introduction moves to a signed agreement that the funnel counts.

use reqwest::StatusCode;

use crate::kit::{self, ADMIN, REP, TestApp};

/// The id at the end of a redirect's location (`/en/postings/12?saved=1` → 12).
fn id_in(r: &reqwest::Response) -> i64 {
    let loc = r.headers()["location"].to_str().unwrap();
    loc.split('?')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// A hundred days from now, as the form's date field sends it.
fn expiry() -> &'static str {
    let d = baylink_web::views::events::day(baylink_store::sql::now() + 100 * 86_400);
    Box::leak(d.into_boxed_str())
}

fn form<'a>(title: &'a str, summary: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("side", "offer"),
        ("kind", "technology"),
        ("title", title),
        ("summary", summary),
        ("sector-cybersecurity", "1"),
        ("mode-licensing", "1"),
        ("target-shenzhen", "1"),
        ("stage", "pilot"),
        ("contact", "secret-line@example.org"),
        ("expires_on", expiry()),
    ]
}

async fn other(app: &TestApp, email: &str) -> TestApp {
    let mut o = kit::app_on(app.db.clone(), app.store.clone()).await;
    o.sign_in(email).await;
    o
}

#[tokio::test]
async fn post_review_recommend_interest_accept_and_sign() {
    let mut rep = kit::demo_app().await;
    let me = rep.sign_in(REP).await;
    let org = me["user"]["org_id"]
        .as_i64()
        .expect("the representative's organisation");
    let org_s = org.to_string();
    let before = rep.store.market_stamp().await.unwrap();

    // Bad input: the form comes back with its messages, in the reader's language.
    let mut bad = form(" ", "x");
    bad.push(("org_id", &org_s));
    bad.push(("sector-quantum", "1"));
    let r = rep.post_form("/zh-Hant/postings", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("此欄必須填寫"), "a localised message");
    assert!(
        page.contains("此項不在可選清單內"),
        "the unknown field is named"
    );
    // Posting for an organisation one does not represent.
    let mut foreign = form("資訊保安方案", "適用於金融機構。");
    foreign.push(("org_id", "1"));
    let r = rep.post_form("/en/postings", &foreign).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("only for the organisation you represent")
    );
    assert_eq!(
        rep.store.market_stamp().await.unwrap(),
        before,
        "nothing written"
    );

    // A Hong Kong offer in Traditional Chinese with Hong Kong terms.
    let mut good = form(
        "資訊保安態勢感知技術授權",
        "本實驗室的資訊保安態勢感知平台已在香港銀行試行，適用於金融機構，歡迎深圳企業洽談授權。",
    );
    good.push(("org_id", &org_s));
    let r = rep.post_form("/zh-Hant/postings", &good).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let pid = id_in(&r);
    let path = format!("/en/postings/{pid}");
    let (status, page) = rep.page(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Waiting for review"));
    let (status, _) = kit::client()
        .get(rep.url(&path))
        .send()
        .await
        .map(|r| (r.status(), ()))
        .unwrap();
    assert_eq!(status, StatusCode::NOT_FOUND, "not public before review");
    // The owner cannot approve it.
    let r = rep
        .post_form(&format!("/en/postings/{pid}/review"), &[("approve", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The owner attaches a brochure; a program is refused with a localised message.
    let upload = |name: &'static str, bytes: &'static [u8]| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
        reqwest::multipart::Form::new().part("file", part)
    };
    let attach = format!("/en/postings/{pid}/attachments?_csrf={}", rep.csrf);
    let r = rep
        .client
        .post(rep.url(&attach))
        .multipart(upload("setup.exe", b"MZ"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("PDF, pictures, Word, Excel or PowerPoint files only")
    );
    let r = kit::client()
        .post(rep.url(&format!("/en/postings/{pid}/attachments")))
        .multipart(upload("x.pdf", b"%PDF"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "anonymous uploads are refused"
    );
    // (Sent from a page in Traditional Chinese, as the posting was: the representative's
    // mails follow the language of the forms they send.)
    let r = rep
        .client
        .post(rep.url(&attach.replacen("/en/", "/zh-Hant/", 1)))
        .multipart(upload("簡介 2024.pdf", crate::publications::WHITEPAPER_PDF))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Kept at once; its words are read in the background.
    let read_by = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let files = loop {
        let files = rep.store.attachments(pid).await.unwrap();
        assert_eq!(files.len(), 1);
        if files[0].words_length.is_some() {
            break files;
        }
        assert!(std::time::Instant::now() < read_by, "its words are read");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(files[0].words_length.unwrap() > 100, "{files:?}");
    let (_, page) = rep.page(&format!("/en/postings/{pid}")).await;
    assert!(page.contains("searchable: "), "the owner sees so");
    let download = format!("/en/postings/{pid}/attachments/{}", files[0].id);
    let r = kit::client().get(rep.url(&download)).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "not public before review"
    );

    // The secretariat approves; the page now recommends Shenzhen needs written in
    // Simplified (信息安全 for 資訊保安) with the reasons.
    let admin = other(&rep, ADMIN).await;
    let r = admin
        .post_form(
            &format!("/en/postings/{pid}/review"),
            &[("approve", "0"), ("note", "")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a return needs a reason"
    );
    // Returned with the reason: the representative reads it, and where to edit.
    let r = admin
        .post_form(
            &format!("/en/postings/{pid}/review"),
            &[("approve", "0"), ("note", "请补充试点银行的名称。")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let told = crate::matchmaking::announced(&rep, "market_review", "the owner's mail").await;
    assert!(
        told.len() == 1
            && told[0].subject.starts_with("您的供需已退回")
            && told[0].body.contains("「請補充試點銀行的名稱。」")
            && told[0]
                .body
                .contains(&format!("/zh-Hant/postings/{pid}/edit")),
        "{told:?}"
    );
    let r = admin
        .post_form(
            &format!("/en/postings/{pid}/review"),
            &[("approve", "1"), ("note", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The representative is told it is published, and where readers find it.
    let told = crate::matchmaking::announced(&rep, "market_review", "the owner's mail").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].to, REP);
    assert!(
        told[0]
            .subject
            .starts_with("您的供需已公開：資訊保安態勢感知技術授權")
            && told[0]
                .body
                .contains(&format!("https://baylink.test/zh-Hant/postings/{pid}")),
        "{}\n{}",
        told[0].subject,
        told[0].body
    );
    // Search finds it by the words of its attachment alone, in the other script.
    crate::search::found_within(
        &rep,
        "跨境数据流通",
        ("posting", pid),
        std::time::Duration::from_secs(10),
    )
    .await;
    let (status, page) = kit::client()
        .get(rep.url(&format!("/zh-Hant/postings/{pid}")))
        .send()
        .await
        .map(|r| (r.status(), r))
        .unwrap();
    assert_eq!(status, StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(
        !page.contains("secret-line@example.org"),
        "contacts are private"
    );
    let recs = &page[page
        .find("id=\"recommendations\"")
        .expect("recommendations")..];
    assert!(
        recs.contains("class=\"card recommendation\""),
        "at least one counterpart"
    );
    // The Shenzhen need (信息安全态势感知, Simplified) is shown in Traditional.
    let start = recs.find("<article").unwrap();
    let first = &recs[start..start + recs[start..].find("</article>").unwrap()];
    assert!(
        first.contains("信息安全態勢感知"),
        "{}",
        recs.chars().take(1500).collect::<String>()
    );
    assert!(recs.contains("同屬領域"), "the shared field is a reason");

    let r = kit::client().get(rep.url(&download)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("UTF-8''%E7%B0%A1%E4%BB%8B%202024.pdf")
    );
    assert!(
        r.bytes().await.unwrap().as_ref() == crate::publications::WHITEPAPER_PDF,
        "the bytes as uploaded"
    );

    // Another member expresses interest; not twice; the owner cannot in their own.
    let reader = other(&rep, "rep1@demo.baylink").await;
    let r = reader
        .post_form(&format!("/en/postings/{pid}/interest"), &[("message", " ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = reader
        .post_form(
            &format!("/en/postings/{pid}/interest"),
            &[("message", "我们希望洽谈技术许可。")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = reader
        .post_form(
            &format!("/en/postings/{pid}/interest"),
            &[("message", "again")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = rep
        .post_form(
            &format!("/en/postings/{pid}/interest"),
            &[("message", "mine")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The owners are told by mail, with the message, in Traditional script (the language
    // of the last form the representative sent), and where to answer.
    let told = crate::matchmaking::announced(&rep, "market_interest", "the owners' mail").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].to, REP);
    assert!(
        told[0]
            .subject
            .starts_with("有人對您的供需表達意向：資訊保安態勢感知技術授權"),
        "{}",
        told[0].subject
    );
    assert!(
        told[0].body.contains("「我們希望洽談技術許可。」")
            && told[0]
                .body
                .contains(&format!("https://baylink.test/zh-Hant/postings/{pid}")),
        "{}",
        told[0].body
    );

    // The owner sees it and accepts: an introduction, with contacts on both sides.
    let (_, page) = rep.page(&path).await;
    let at = page.find("/decide").expect("the owner can answer");
    let iid: i64 = page[..at].rsplit('/').next().unwrap().parse().unwrap();
    let r = reader
        .post_form(&format!("/en/interests/{iid}/decide"), &[("accept", "1")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "only the owners answer"
    );
    let r = rep
        .post_form(&format!("/en/interests/{iid}/decide"), &[("accept", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The interested party is told, with the way to the introduction.
    let told =
        crate::matchmaking::announced(&rep, "market_decided", "the interested party's mail").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].to, "rep1@demo.baylink");
    assert!(
        told[0].body.contains(&format!("/interests/{iid}")),
        "{}",
        told[0].body
    );
    let (status, page) = reader.page(&format!("/en/interests/{iid}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("secret-line@example.org"));
    assert!(page.contains("Introduced"));
    let (_, page) = reader.page(&path).await;
    assert!(
        page.contains("secret-line@example.org"),
        "the posting page shows the contact inside the introduction"
    );
    let (status, _) = other(&rep, "rep2@demo.baylink")
        .await
        .page(&format!("/en/interests/{iid}"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Along the pipeline: signed needs its type; then signed.
    let version = |page: &str| -> String {
        let at = page.find("name=\"version\" value=\"").unwrap() + 22;
        page[at..].split('"').next().unwrap().to_owned()
    };
    let (_, page) = reader.page(&format!("/en/interests/{iid}")).await;
    let v = version(&page);
    let r = reader
        .post_form(
            &format!("/en/interests/{iid}/stage"),
            &[("stage", "signed"), ("agreement_type", ""), ("version", &v)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = reader
        .post_form(
            &format!("/en/interests/{iid}/stage"),
            &[
                ("stage", "signed"),
                ("agreement_type", "licensing"),
                ("version", &v),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = rep.page(&format!("/en/interests/{iid}")).await;
    assert!(page.contains("Agreement signed") && page.contains("Licensing"));

    // Signed by mistake: the owner takes it back, with the reason, from the page that
    // offers it; introduced again, as before the signing, the history keeps both.
    assert!(
        page.contains("Take the last move back (to “Introduced”)"),
        "{page}"
    );
    let v = version(&page);
    let r = rep
        .post_form(&format!("/en/interests/{iid}/back"), &[("version", &v)])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Say why the last move is taken back.")
    );
    let r = rep
        .post_form(
            &format!("/en/interests/{iid}/back"),
            &[("version", &v), ("note", "Not signed yet")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The reader is told of the take-back, with its reason, in English, the language of
    // the forms they send (their organisation's region alone would give Simplified); the
    // owner, who made it, is not (the mail that told them of the reader's signing, still
    // waiting, is dropped: they have moved it since).
    let told: Vec<_> = crate::matchmaking::drain_mail(&rep)
        .await
        .into_iter()
        .filter(|(kind, _)| kind == "market_stage")
        .filter_map(|(_, m)| m)
        .collect();
    assert_eq!(
        told.iter().map(|m| m.to.as_str()).collect::<Vec<_>>(),
        ["rep1@demo.baylink"],
        "{told:?}"
    );
    assert!(
        told[0].body.contains("Not signed yet") && told[0].body.contains("took back the last step"),
        "{}",
        told[0].body
    );
    let (_, page) = reader.page(&format!("/en/interests/{iid}")).await;
    let stage = &page[page.find("id=\"pipeline-stage\">").unwrap()..];
    assert!(
        stage.starts_with("id=\"pipeline-stage\">Introduced<"),
        "{stage}"
    );
    assert!(
        page.contains("Last move taken back: “Introduced” again · Not signed yet"),
        "{page}"
    );
    let v = version(&page);
    let r = reader
        .post_form(
            &format!("/en/interests/{iid}/stage"),
            &[
                ("stage", "signed"),
                ("agreement_type", "licensing"),
                ("version", &v),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // The funnel: staff only, and it counts the signature.
    let (status, _) = rep.page("/en/postings/funnel").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, page) = admin.page("/en/postings/funnel").await;
    assert_eq!(status, StatusCode::OK);
    let at = page.find("id=\"funnel-signed\">").unwrap() + "id=\"funnel-signed\">".len();
    let signed: i64 = page[at..].split('<').next().unwrap().parse().unwrap();
    assert!(signed >= 1);
    // The review queue lists expiring postings with a reminder button.
    let (status, _) = admin.page("/en/postings/review").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn lists_filter_and_unknown_filters_match_nothing() {
    let app = kit::demo_app().await;
    let (status, page) = app.page("/en/postings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("posting-card"));
    let (status, page) = app.page("/zh-Hans/postings?sector=low_altitude").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("低空经济"));
    let (status, page) = app.page("/en/postings?sector=%3Cscript%3E").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("posting-card"));
    assert!(!page.contains("<script>"));
}

#[tokio::test]
async fn the_api_lists_postings_and_recommends_without_contacts() {
    let app = kit::demo_app().await;
    let (status, list) = app
        .api(
            reqwest::Method::GET,
            "/api/v1/postings?sector=cybersecurity&side=need",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let items = list["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|p| p["side"] == "need" && p.get("contact").is_none())
    );
    let id = items[0]["id"].as_i64().unwrap();
    let (status, recs) = app
        .api(
            reqwest::Method::GET,
            &format!("/api/v1/postings/{id}/recommendations?limit=5"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let recs = recs.as_array().unwrap();
    assert!(!recs.is_empty() && recs.len() <= 5);
    assert!(
        recs.iter()
            .all(|r| r["posting"]["side"] == "offer" && r["posting"].get("contact").is_none())
    );
    assert!(
        recs[0]["shared_sectors"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("cybersecurity"))
    );
    let (status, _) = app
        .api(
            reqwest::Method::GET,
            "/api/v1/postings?sector=quantum",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, doc) = app
        .api(reqwest::Method::GET, "/api/openapi.json", None)
        .await;
    assert!(
        doc["paths"]
            .get("/api/v1/postings/{id}/recommendations")
            .is_some()
    );
}

/// Two nodes on one PostgreSQL database: a posting approved through node A is
/// recommended by node B (whose recommender reloads when postings change), and an
/// introduction started on one node is signed on the other.
#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn two_nodes_on_postgres_recommend_and_sign_what_either_wrote() {
    use std::sync::Arc;
    let db = Arc::new(kit::TestDb::postgres().await);
    let store = db.open().await;
    baylink::demo::load_with(store.as_ref(), 30).await.unwrap();
    let mut a = kit::app_on(db.clone(), store).await;
    let mut b = kit::app_on(db.clone(), db.open().await).await;
    let me = a.sign_in(REP).await;
    let org = me["user"]["org_id"].as_i64().unwrap().to_string();

    // Node B answers first, so its recommender is loaded before the new posting exists.
    let (_, needs) = b
        .api(
            reqwest::Method::GET,
            "/api/v1/postings?sector=cybersecurity&side=need",
            None,
        )
        .await;
    let need = needs["items"][0]["id"]
        .as_i64()
        .expect("a cybersecurity need in the demo");
    let recs = format!("/api/v1/postings/{need}/recommendations?limit=50");
    let (status, before) = b.api(reqwest::Method::GET, &recs, None).await;
    assert_eq!(status, StatusCode::OK);

    let mut fields = form(
        "資訊保安態勢感知技術（雙節點）",
        "本實驗室的資訊保安態勢感知平台適用於金融機構，可提供技術授權。",
    );
    fields.push(("org_id", &org));
    let r = a.post_form("/zh-Hant/postings", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let pid = id_in(&r);
    let admin = other(&a, ADMIN).await;
    let r = admin
        .post_form(
            &format!("/en/postings/{pid}/review"),
            &[("approve", "1"), ("note", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let (_, after) = b.api(reqwest::Method::GET, &recs, None).await;
    let ids = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["posting"]["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(!ids(&before).contains(&pid));
    assert!(
        ids(&after).contains(&pid),
        "node B recommends the posting approved through node A"
    );

    // Interest through node B, acceptance through node A, signature through node B.
    b.sign_in("rep1@demo.baylink").await;
    let r = b
        .post_form(
            &format!("/en/postings/{pid}/interest"),
            &[("message", "Interested in licensing.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = a.page(&format!("/en/postings/{pid}")).await;
    let at = page.find("/decide").expect("the owner sees the interest");
    let iid: i64 = page[..at].rsplit('/').next().unwrap().parse().unwrap();
    let r = a
        .post_form(&format!("/en/interests/{iid}/decide"), &[("accept", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = b.page(&format!("/en/interests/{iid}")).await;
    let at = page.find("name=\"version\" value=\"").unwrap() + 22;
    let v = page[at..].split('"').next().unwrap().to_owned();
    let r = b
        .post_form(
            &format!("/en/interests/{iid}/stage"),
            &[
                ("stage", "signed"),
                ("agreement_type", "licensing"),
                ("version", &v),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = a.page(&format!("/en/interests/{iid}")).await;
    assert!(page.contains("Agreement signed"));
}

/// A representative whose organisation has posted nothing still gets counterparts, from
/// what the directory says of the organisation.
#[tokio::test]
async fn an_organisation_without_postings_is_recommended_from_its_description() {
    let mut app = kit::demo_app().await;
    let s = app.store.clone();
    let org = baylink_store::OrganisationInput {
        name: "示範資訊保安研究所".into(),
        org_type: "institute".into(),
        region: "macao".into(),
        description: Some("本所研究資訊保安態勢感知，服務金融機構。".into()),
        ..Default::default()
    }
    .validate(baylink_text::Script::Hant)
    .unwrap();
    let org = s
        .create_organisation(&baylink_store::Actor::cli(), &org)
        .await
        .unwrap();
    let user = baylink_store::UserInput {
        email: "rep.security@example.org".into(),
        display_name: "Security rep".into(),
        role: "org_rep".into(),
        side_id: None,
        org_id: Some(org.id),
    }
    .validate()
    .unwrap();
    let hash = baylink_web::auth::hash_password(kit::PASSWORD).unwrap();
    s.create_user(&baylink_store::Actor::cli(), &user, &hash)
        .await
        .unwrap();
    app.sign_in("rep.security@example.org").await;
    let (status, page) = app.page("/zh-Hant/postings/mine").await;
    assert_eq!(status, StatusCode::OK);
    let recs = &page[page.find("id=\"recommendations\"").unwrap()..];
    assert!(
        recs.contains("class=\"card recommendation\""),
        "counterparts are recommended"
    );
    assert!(
        recs.contains("態勢感知"),
        "{}",
        recs.chars().take(800).collect::<String>()
    );
}

/// An expiry reminder is written for the posting's owner, in the language the posting is
/// written in, whichever locale the staff member pressed the button in.
#[tokio::test]
async fn an_expiry_reminder_is_written_in_each_owners_language() {
    let mut staff = kit::demo_app().await;
    staff.sign_in(kit::SECRETARIAT).await;
    let posting = staff.live_posting(|p| p.script == "zh-Hans").await;
    let r = staff
        .post_form(&format!("/en/postings/{}/remind", posting.id), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Not in the English of the staff member's page: each owner's, from their
    // organisation's region until they sign in (this one's is in Shenzhen).
    let now = baylink_store::sql::now();
    let mut reminders = Vec::new();
    while let Some(m) = staff.store.claim_mail(now + 1, now + 60).await.unwrap() {
        if m.kind == "market_expiry" {
            let mail = baylink_web::mail::compose(staff.store.as_ref(), &m, "https://baylink.test")
                .await
                .unwrap();
            reminders.push((m.locale, mail));
        }
    }
    assert!(!reminders.is_empty(), "the reminder is queued");
    for (locale, mail) in reminders {
        assert_eq!(locale, "zh-Hans");
        assert!(
            mail.subject.starts_with("您的供需“") && mail.subject.contains(&posting.title),
            "{}",
            mail.subject
        );
        assert!(
            mail.body
                .contains(&format!("/zh-Hans/postings/{}/edit", posting.id)),
            "{}",
            mail.body
        );
    }
}

/// A reader keeps the postings list's filters as an alert from the list; a posting
/// published afterwards that matches comes to them by mail at the next day's sweep, its
/// title in the reader's script, with a link that stops the alert without signing in; a
/// filter the list does not know is refused.
#[tokio::test]
async fn a_reader_is_mailed_new_postings_that_match_an_alert() {
    let mut app = kit::demo_app().await;
    app.sign_in(kit::PARTICIPANT).await;
    let (_, list) = app.page("/zh-Hant/postings?side=offer&sector=ai").await;
    assert!(
        list.contains("id=\"alert-form\"")
            && list.contains("type=\"hidden\" name=\"side\" value=\"offer\"")
            && list.contains("type=\"hidden\" name=\"sector\" value=\"ai\""),
        "{list}"
    );
    let r = app
        .post_form(
            "/zh-Hant/account/alerts",
            &[
                ("side", "offer"),
                ("sector", "quantum"),
                ("frequency", "daily"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = app
        .post_form(
            "/zh-Hant/account/alerts",
            &[("side", "offer"), ("sector", "ai"), ("frequency", "daily")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = app.page("/zh-Hant/account/alerts").await;
    assert!(
        mine.contains("/zh-Hant/postings?side=offer&#38;sector=ai")
            && mine.contains("供給 · 人工智能"),
        "{mine}"
    );
    assert!(mine.contains("每日"), "{mine}");

    // A representative's offer in AI, written in Simplified, published a little later.
    let now = baylink_store::sql::now();
    let p = published_offer(
        &app,
        "机器视觉质检方案",
        "面向工厂的机器视觉质检。",
        now + 5,
    )
    .await;
    kit::sent_mails(app.store.as_ref(), now + 10).await;

    let day = now + 86_400 + 10;
    assert_eq!(
        baylink_web::views::alerts::sweep(app.store.as_ref(), day)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        baylink_web::views::alerts::sweep(app.store.as_ref(), day)
            .await
            .unwrap(),
        0
    );
    let (m, mail) = kit::sent_mail_of(app.store.as_ref(), "posting_alert", day).await;
    assert_eq!(m.to_addr, kit::PARTICIPANT);
    assert!(
        mail.subject.starts_with("1 項新供需資訊"),
        "{}",
        mail.subject
    );
    assert!(mail.body.contains("機器視覺質檢方案"), "{}", mail.body);
    assert!(
        mail.body
            .contains(&format!("https://baylink.test/zh-Hant/postings/{}", p.id)),
        "{}",
        mail.body
    );
    let stop = mail
        .body
        .lines()
        .find_map(|l| {
            l.split("https://baylink.test")
                .nth(1)
                .filter(|rest| rest.contains("/alerts/"))
        })
        .expect("the stop link")
        .trim()
        .to_owned();

    // The stop link, opened by anyone: a page that asks, then stops it.
    let visitor = kit::client();
    let page = visitor
        .get(app.url(&stop))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"stop-alert\""), "{page}");
    let r = visitor.post(app.url(&stop)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("id=\"alert-stopped\""));
    let (_, mine) = app.page("/zh-Hant/account/alerts").await;
    assert!(mine.contains("id=\"no-alerts\""), "{mine}");

    // Following an organisation from its page: an alert of its new postings, named by it.
    let hkitf = app.org_id("香港資訊科技聯會").await;
    let (_, org_page) = app.page(&format!("/zh-Hant/organisations/{hkitf}")).await;
    assert!(org_page.contains("id=\"follow-org\""), "{org_page}");
    let r = app
        .post_form(
            "/zh-Hant/account/alerts",
            &[("org", &hkitf.to_string()), ("frequency", "weekly")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = app.page("/zh-Hant/account/alerts").await;
    assert!(
        mine.contains("香港資訊科技聯會") && mine.contains("每週"),
        "{mine}"
    );
    let followed = app.store.posting_alerts(
        app.store
            .find_user_by_email(kit::PARTICIPANT)
            .await
            .unwrap()
            .unwrap()
            .id,
    );
    let followed = followed.await.unwrap();
    assert_eq!(followed[0].filters, format!("org={hkitf}"));
    let path = format!("/zh-Hant/account/alerts/{}/delete", followed[0].id);
    assert_eq!(
        app.post_form(&path, &[]).await.status(),
        StatusCode::SEE_OTHER
    );

    // The same through the API.
    let (status, alert) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/me/alerts",
            Some(serde_json::json!({"side": "need", "region": "macao", "frequency": "daily"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{alert}");
    assert_eq!(alert["filters"], "side=need&region=macao");
    assert!(alert.get("stop_token").is_none());
    let (status, _) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/me/alerts",
            Some(serde_json::json!({"sector": "quantum"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, list) = app
        .api(reqwest::Method::GET, "/api/v1/me/alerts", None)
        .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let path = format!("/api/v1/me/alerts/{}", alert["id"]);
    let (status, _) = app.api(reqwest::Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, list) = app
        .api(reqwest::Method::GET, "/api/v1/me/alerts", None)
        .await;
    assert!(list.as_array().unwrap().is_empty());
}

/// A reader saves a posting from its page (收藏) and finds it on their market page; the
/// page then offers to remove it; the same through the API; signed out, nothing to save.
#[tokio::test]
async fn a_reader_saves_a_posting_and_finds_it_again() {
    let mut app = kit::demo_app().await;
    let posting = app.live_posting(|_| true).await;
    let path = format!("/zh-Hant/postings/{}", posting.id);
    let (_, page) = app.page(&path).await;
    assert!(!page.contains("id=\"save-form\""), "signed out: no saving");
    app.sign_in(kit::PARTICIPANT).await;
    let (_, page) = app.page(&path).await;
    assert!(page.contains("id=\"save-posting\""), "{page}");
    let r = app.post_form(&format!("{path}/save"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(&path).await;
    assert!(
        page.contains("id=\"saved-badge\"") && page.contains("id=\"unsave-posting\""),
        "{page}"
    );
    let (_, mine) = app.page("/zh-Hant/postings/mine").await;
    let list = &mine[mine.find("id=\"saved-postings\"").expect("the saved list")..];
    assert!(
        list.contains(&format!("/zh-Hant/postings/{}\"", posting.id)),
        "{mine}"
    );

    let (_, saved) = app
        .api(reqwest::Method::GET, "/api/v1/me/saved-postings", None)
        .await;
    assert_eq!(saved[0]["id"], posting.id, "{saved}");
    let (status, _) = app
        .api(
            reqwest::Method::DELETE,
            &format!("/api/v1/postings/{}/saved", posting.id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, saved) = app
        .api(reqwest::Method::GET, "/api/v1/me/saved-postings", None)
        .await;
    assert!(saved.as_array().unwrap().is_empty());
    let (status, _) = app
        .api(
            reqwest::Method::PUT,
            &format!("/api/v1/postings/{}/saved", posting.id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, data) = app.api(reqwest::Method::GET, "/api/v1/me/data", None).await;
    assert_eq!(data["saved_postings"][0], posting.id, "{data}");
    // Its owners and staff see how many saved it; other readers do not.
    let (_, page) = app.page(&path).await;
    assert!(!page.contains("id=\"saved-by\""));
    app.client = kit::client();
    app.sign_in(ADMIN).await;
    let (_, page) = app.page(&path).await;
    assert!(page.contains("已有 1 位讀者收藏"), "{page}");
}

/// A representative asks, from their market page, to be mailed their organisation's new
/// counterparts each week: a posting published afterwards that answers one of its postings
/// comes in the week's mail, in the representative's language, with the stop link; a week
/// with nothing new sends nothing.
#[tokio::test]
async fn a_representative_is_mailed_new_counterparts() {
    let mut app = kit::demo_app().await;
    app.sign_in(REP).await;
    let (_, mine) = app.page("/zh-Hant/postings/mine").await;
    assert!(mine.contains("id=\"counterparts-alert\""), "{mine}");
    let r = app
        .post_form(
            "/zh-Hant/account/alerts",
            &[("counterparts", "1"), ("frequency", "weekly")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, alerts) = app.page("/zh-Hant/account/alerts").await;
    assert!(
        alerts.contains("本機構供需的新對接對象")
            && alerts.contains("href=\"/zh-Hant/postings/mine\""),
        "{alerts}"
    );

    // Another organisation answers one of HKITF's postings, in the same words.
    let rep = app.store.find_user_by_email(REP).await.unwrap().unwrap();
    let theirs = app.live_posting(|p| p.org_id == rep.org_id.unwrap()).await;
    let admin = app.store.find_user_by_email(ADMIN).await.unwrap().unwrap();
    let other = app.org_id("深圳市信息行业协会").await;
    let side = if theirs.side.code() == "offer" {
        "need"
    } else {
        "offer"
    };
    let d = baylink_store::PostingInput {
        org_id: other,
        side: side.into(),
        kind: theirs.kind.code().into(),
        title: theirs.title.clone(),
        summary: theirs.summary.clone(),
        sectors: theirs
            .sectors
            .0
            .iter()
            .map(|x| x.code().to_owned())
            .collect(),
        modes: theirs.modes.0.iter().map(|x| x.code().to_owned()).collect(),
        contact: "bd@example.org".into(),
        expires_on: expiry().into(),
        ..Default::default()
    }
    .validate(
        &baylink_web::views::events::today(),
        baylink_text::Script::Hant,
    )
    .unwrap();
    let now = baylink_store::sql::now();
    let answer = app.store.create_posting(&admin, &d, now + 5).await.unwrap();
    app.store
        .review_posting(&admin, answer.id, true, "", now + 6)
        .await
        .unwrap();
    kit::sent_mails(app.store.as_ref(), now + 10).await;

    let state = &app.running.state;
    let week = now + 7 * 86_400 + 10;
    assert_eq!(
        baylink_web::views::alerts::counterparts(state, week)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        baylink_web::views::alerts::counterparts(state, week)
            .await
            .unwrap(),
        0
    );
    let (m, mail) = kit::sent_mail_of(app.store.as_ref(), "alert_postings", week).await;
    assert_eq!(m.to_addr, REP);
    assert!(mail.subject.contains("新對接對象"), "{}", mail.subject);
    assert!(
        mail.body.contains(&format!(
            "https://baylink.test/zh-Hant/postings/{}",
            answer.id
        )),
        "{}",
        mail.body
    );
    assert!(
        mail.body.contains("https://baylink.test/zh-Hant/alerts/"),
        "{}",
        mail.body
    );
    // Written when sent: a posting withdrawn meanwhile is not offered, and a mail left
    // with nothing to offer is not sent.
    app.store
        .withdraw_posting(&admin, answer.id, week + 1)
        .await
        .unwrap();
    match baylink_web::mail::compose(app.store.as_ref(), &m, "https://baylink.test").await {
        Err(baylink_store::StoreError::NotFound) => {}
        Ok(mail) => assert!(
            !mail.body.contains(&format!("/postings/{}", answer.id)),
            "{}",
            mail.body
        ),
        Err(e) => panic!("{e}"),
    }
    // The next week, nothing new: no mail.
    let later = week + 7 * 86_400 + 10;
    assert_eq!(
        baylink_web::views::alerts::counterparts(state, later)
            .await
            .unwrap(),
        0
    );
    // The general sweep leaves these alerts to the web node.
    assert_eq!(
        baylink_web::views::alerts::sweep(app.store.as_ref(), later + 7 * 86_400)
            .await
            .unwrap(),
        0
    );
}

/// A reader keeps a search's words as an alert, from the search page in Traditional: a
/// posting published later in Simplified with those words is mailed to them in their
/// script, one without them is not, and the store's sweep leaves such alerts to the web
/// node. Words too long are refused, and nothing is kept.
#[tokio::test]
async fn a_reader_is_mailed_new_postings_with_the_words_they_searched() {
    let mut app = kit::demo_app().await;
    app.sign_in(kit::PARTICIPANT).await;
    let (_, page) = app
        .page("/zh-Hant/search?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0")
        .await;
    assert!(
        page.contains("id=\"search-alert\"") && page.contains("name=\"q\" value=\"鋰電池\""),
        "{page}"
    );
    let (_, in_macao) = app
        .page("/zh-Hant/search?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0&region=macao")
        .await;
    assert!(
        in_macao.contains("type=\"hidden\" name=\"region\" value=\"macao\""),
        "the search's region is kept with its words: {in_macao}"
    );
    // Not signed in: the way to sign in and come back to this search.
    let anonymous = kit::client()
        .get(app.url("/zh-Hant/search?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        anonymous.contains("id=\"search-alert-sign-in\"")
            && anonymous.contains("/zh-Hant/login?next=%2Fzh-Hant%2Fsearch%3Fq%3D%25E9%258B%25B0")
            && !anonymous.contains("id=\"search-alert\""),
        "{anonymous}"
    );
    let (_, events_only) = app
        .page("/zh-Hant/search?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0&kind=event")
        .await;
    assert!(!events_only.contains("id=\"search-alert\""));
    let long = "電".repeat(baylink_web::views::alerts::MAX_ALERT_WORDS + 1);
    let r = app
        .post_form("/zh-Hant/account/alerts", &[("q", long.as_str())])
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("訂閱的字詞請勿超過 100 個字元"),
        "told why, in the reader's language"
    );
    let user = app
        .store
        .find_user_by_email(kit::PARTICIPANT)
        .await
        .unwrap()
        .unwrap();
    assert!(app.store.posting_alerts(user.id).await.unwrap().is_empty());
    let r = app
        .post_form(
            "/zh-Hant/account/alerts",
            &[("q", "  鋰電池  "), ("frequency", "daily")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = app.page("/zh-Hant/account/alerts").await;
    assert!(
        mine.contains("「鋰電池」")
            && mine.contains(
                "/zh-Hant/search?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0&#38;kind=posting&#38;all=1"
            ),
        "{mine}"
    );

    // Two offers written in Simplified, published a little later: one with the words.
    let now = baylink_store::sql::now();
    let mut published = Vec::new();
    for (title, summary) in [
        ("锂电池回收技术", "退役锂电池的梯次利用与材料回收。"),
        ("机器视觉质检方案", "面向工厂的机器视觉质检。"),
    ] {
        published.push(published_offer(&app, title, summary, now + 5).await.id);
    }
    kit::sent_mails(app.store.as_ref(), now + 10).await;

    let day = now + 86_400 + 10;
    assert_eq!(
        baylink_web::views::alerts::sweep(app.store.as_ref(), day)
            .await
            .unwrap(),
        0,
        "the store's sweep leaves words to the web node"
    );
    let state = &app.running.state;
    assert_eq!(
        baylink_web::views::alerts::searches(state, day)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        baylink_web::views::alerts::searches(state, day)
            .await
            .unwrap(),
        0
    );
    let (m, mail) = kit::sent_mail_of(app.store.as_ref(), "alert_postings", day).await;
    assert_eq!(m.to_addr, kit::PARTICIPANT);
    assert!(
        mail.subject.starts_with("1 項新供需資訊") && mail.subject.contains("「鋰電池」"),
        "{}",
        mail.subject
    );
    assert!(
        mail.body.contains("鋰電池回收技術")
            && mail.body.contains(&format!(
                "https://baylink.test/zh-Hant/postings/{}",
                published[0]
            ))
            && !mail.body.contains("機器視覺質檢方案"),
        "{}",
        mail.body
    );
    // A busy week: more than a mail lists. The first twenty are listed, and the rest
    // counted, with the search to see them all.
    let later = day + 60;
    for i in 0..21 {
        published_offer(
            &app,
            &format!("锂电池储能方案{i}"),
            "锂电池储能系统。",
            later + i,
        )
        .await;
    }
    let week = later + 86_400 + 300;
    assert_eq!(
        baylink_web::views::alerts::searches(state, week)
            .await
            .unwrap(),
        1
    );
    let (_, mail) = kit::sent_mail_of(app.store.as_ref(), "alert_postings", week).await;
    assert!(
        mail.subject.starts_with("21 項新供需資訊"),
        "{}",
        mail.subject
    );
    assert_eq!(
        mail.body.matches("/zh-Hant/postings/").count(),
        20,
        "{}",
        mail.body
    );
    assert!(
        mail.body
            .contains("另有 1 項：https://baylink.test/zh-Hant/search?q="),
        "{}",
        mail.body
    );
    // The search the alert links to reads every word, as the alert does, and so does the
    // API when asked.
    let (_, all) = app
        .page("/zh-Hant/search?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0&kind=posting&all=1")
        .await;
    assert!(all.contains("id=\"search-all\" checked"), "{all}");
    let api = |query: &'static str| {
        let client = app.client.clone();
        let url = app.url("/api/v1/search");
        async move {
            let found: serde_json::Value = client
                .get(url)
                .query(&[
                    ("q", query),
                    ("kind", "posting"),
                    ("all", "true"),
                    ("limit", "200"),
                ])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            found["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["title"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let both = api("鋰電池 回收").await;
    assert!(both.contains(&"锂电池回收技术".to_owned()), "{both:?}");
    assert!(
        !both.iter().any(|t| t.starts_with("锂电池储能方案")),
        "every word: {both:?}"
    );
}

/// An AI technology offer of the representative's organisation, written in Simplified,
/// made at `at` and published by the admin a second later.
async fn published_offer(
    app: &kit::TestApp,
    title: &str,
    summary: &str,
    at: i64,
) -> baylink_store::Posting {
    let rep = app.store.find_user_by_email(REP).await.unwrap().unwrap();
    let admin = app.store.find_user_by_email(ADMIN).await.unwrap().unwrap();
    let d = baylink_store::PostingInput {
        org_id: rep.org_id.unwrap(),
        side: "offer".into(),
        kind: "technology".into(),
        title: title.into(),
        summary: summary.into(),
        sectors: vec!["ai".into()],
        modes: vec!["licensing".into()],
        contact: "bd@example.org".into(),
        expires_on: expiry().into(),
        ..Default::default()
    }
    .validate(
        &baylink_web::views::events::today(),
        baylink_text::Script::Hans,
    )
    .unwrap();
    let p = app.store.create_posting(&rep, &d, at).await.unwrap();
    app.store
        .review_posting(&admin, p.id, true, "", at + 1)
        .await
        .unwrap()
}

/// A search's field (of the regional-terms table) is kept with its words: only new
/// postings with the words in that field are mailed. A field without words, or one the
/// search does not know, is refused.
#[tokio::test]
async fn a_search_alert_keeps_its_field() {
    let mut app = kit::demo_app().await;
    app.sign_in(kit::PARTICIPANT).await;
    let (_, page) = app
        .page("/zh-Hans/search?q=%E6%96%B9%E6%A1%88&field=ai")
        .await;
    assert!(
        page.contains("type=\"hidden\" name=\"field\" value=\"ai\""),
        "{page}"
    );
    for bad in [
        vec![("field", "ai")],
        vec![("q", "方案"), ("field", "astrology")],
    ] {
        let r = app.post_form("/zh-Hans/account/alerts", &bad).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad:?}");
    }
    let r = app
        .post_form(
            "/zh-Hans/account/alerts",
            &[("q", "方案"), ("field", "ai"), ("frequency", "daily")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, mine) = app.page("/zh-Hans/account/alerts").await;
    assert!(
        mine.contains("人工智能") && mine.contains("&#38;field=ai"),
        "described and linked with its field: {mine}"
    );
    let now = baylink_store::sql::now();
    let ai = published_offer(&app, "人工智能质检方案", "基于人工智能的质检。", now + 5).await;
    published_offer(&app, "软件开发方案", "企业软件开发。", now + 6).await;
    kit::sent_mails(app.store.as_ref(), now + 10).await;
    let day = now + 86_400 + 10;
    assert_eq!(
        baylink_web::views::alerts::searches(&app.running.state, day)
            .await
            .unwrap(),
        1
    );
    let (_, mail) = kit::sent_mail_of(app.store.as_ref(), "alert_postings", day).await;
    assert!(
        mail.body.contains(&format!("/zh-Hans/postings/{}", ai.id))
            && !mail.body.contains("软件开发方案"),
        "{}",
        mail.body
    );
    // The API takes the field too.
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/me/alerts",
            Some(serde_json::json!({"q": "平台", "field": "it"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["filters"], "field=it&q=%E5%B9%B3%E5%8F%B0");
}
