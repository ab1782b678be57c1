//! Publications: the store on both backends (organisations in order, drafts kept from the
//! public, nothing written when a reference is wrong, edits against their version, the
//! search log), the pages and the API.

use std::sync::Arc;

use baylink_store::publications::MAX_PUBLICATION_FILES;
use baylink_store::*;
use baylink_text::Script;

use crate::events_store::event;
use crate::kit::TestDb;

async fn org(s: &dyn Store, name: &str) -> Organisation {
    let d = OrganisationInput {
        name: name.into(),
        org_type: "society".into(),
        region: "hong_kong".into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    s.create_organisation(&Actor::cli(), &d).await.unwrap()
}

fn input(title: &str, day: &str) -> PublicationInput {
    PublicationInput {
        kind: "whitepaper".into(),
        title: title.into(),
        summary: Some("人工智能與互聯網的融合發展。".into()),
        published_on: day.into(),
        ..Default::default()
    }
}

fn field(e: StoreError) -> String {
    match e {
        StoreError::Invalid(f) => f[0].field.clone(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn titles(s: &dyn Store, f: PublicationFilter) -> Vec<String> {
    s.list_publications(&f)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.title)
        .collect()
}

async fn story(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let (a, b) = (
        org(s, "香港資訊科技聯會").await,
        org(s, "深圳市科技協會").await,
    );
    let ev = event(s, None, false).await;
    let head = s.search_change_head().await.unwrap();

    let mut paper = input("《互聯網智慧白皮書》", "2024-12-09");
    paper.event_id = Some(ev.id);
    paper.org_ids = vec![b.id, a.id];
    let p = s
        .create_publication(&me, &paper.validate(Script::Hant).unwrap())
        .await
        .unwrap();
    assert_eq!(p.event_title.as_deref(), Some(ev.title.as_str()));
    let orgs: Vec<i64> = s
        .publication_orgs(p.id)
        .await
        .unwrap()
        .iter()
        .map(|o| o.org_id)
        .collect();
    assert_eq!(orgs, [b.id, a.id], "in the order given");

    // A wrong reference refuses the whole publication.
    let mut wrong = input("不存在的活動", "2024-12-10");
    wrong.event_id = Some(ev.id + 1000);
    let e = s
        .create_publication(&me, &wrong.validate(Script::Hant).unwrap())
        .await
        .unwrap_err();
    assert_eq!(field(e), "event_id");
    wrong.event_id = None;
    wrong.org_ids = vec![a.id, b.id + 1000];
    let e = s
        .create_publication(&me, &wrong.validate(Script::Hant).unwrap())
        .await
        .unwrap_err();
    assert_eq!(field(e), "org_ids");
    let all = PublicationFilter {
        drafts: true,
        ..Default::default()
    };
    assert_eq!(titles(s, all.clone()).await, ["《互聯網智慧白皮書》"]);

    // A draft is staff's alone, in lists and in search.
    let mut draft = input("2025年工作計劃", "2025-01-15");
    draft.kind = "news".into();
    draft.draft = true;
    draft.org_ids = vec![a.id];
    let d = s
        .create_publication(&me, &draft.validate(Script::Hant).unwrap())
        .await
        .unwrap();
    assert_eq!(
        titles(s, PublicationFilter::default()).await,
        ["《互聯網智慧白皮書》"]
    );
    assert_eq!(
        titles(s, all.clone()).await,
        ["2025年工作計劃", "《互聯網智慧白皮書》"]
    );
    assert!(
        s.search_records("publication", &[d.id])
            .await
            .unwrap()
            .is_empty()
    );
    let found = s.search_records("publication", &[p.id]).await.unwrap();
    assert_eq!(
        found[0].body.as_deref(),
        Some("人工智能與互聯網的融合發展。")
    );
    assert_eq!(found[0].parent_id, Some(ev.id));
    let logged = s.search_changes_after(head, 100).await.unwrap();
    assert!(
        logged
            .iter()
            .any(|c| c.kind == "publication" && c.entity_id == d.id)
    );

    // Filters: kind, year, event, organisation, and title words in the other script.
    let only = |f: PublicationFilter| PublicationFilter { drafts: true, ..f };
    let kind = only(PublicationFilter {
        kind: Some(PublicationKind::News),
        ..Default::default()
    });
    assert_eq!(titles(s, kind).await, ["2025年工作計劃"]);
    let year = only(PublicationFilter {
        year: Some(2024),
        ..Default::default()
    });
    assert_eq!(titles(s, year).await, ["《互聯網智慧白皮書》"]);
    let at = only(PublicationFilter {
        event_id: Some(ev.id),
        ..Default::default()
    });
    assert_eq!(titles(s, at).await, ["《互聯網智慧白皮書》"]);
    let by_b = only(PublicationFilter {
        org_id: Some(b.id),
        ..Default::default()
    });
    assert_eq!(titles(s, by_b).await, ["《互聯網智慧白皮書》"]);
    let q = only(PublicationFilter {
        q: Some("白皮书".into()),
        ..Default::default()
    });
    assert_eq!(titles(s, q).await, ["《互聯網智慧白皮書》"]);

    // Publishing the draft, against its version; a second edit from the same page is stale.
    let mut publish = draft.clone();
    publish.draft = false;
    publish.org_ids = vec![b.id];
    publish.version = Some(d.version);
    let after = s
        .update_publication(&me, d.id, &publish.validate(Script::Hant).unwrap())
        .await
        .unwrap();
    assert_eq!(after.version, d.version + 1);
    assert!(!after.draft);
    let orgs: Vec<i64> = s
        .publication_orgs(d.id)
        .await
        .unwrap()
        .iter()
        .map(|o| o.org_id)
        .collect();
    assert_eq!(orgs, [b.id]);
    assert_eq!(
        s.search_records("publication", &[d.id])
            .await
            .unwrap()
            .len(),
        1
    );
    // Its text is searched too: an edit of the text alone is logged for the index.
    let head = s.search_change_head().await.unwrap();
    let texted = PublicationInput {
        body: Some("粵港澳大灣區低空經濟的合作".into()),
        version: Some(after.version),
        ..publish.clone()
    };
    s.update_publication(&me, d.id, &texted.validate(Script::Hant).unwrap())
        .await
        .unwrap();
    let logged = s.search_changes_after(head, 10).await.unwrap();
    assert!(
        logged
            .iter()
            .any(|c| c.kind == "publication" && c.entity_id == d.id)
    );
    let found = s.search_records("publication", &[d.id]).await.unwrap();
    let body = found[0].body.clone().unwrap();
    assert!(
        body.starts_with("人工智能") && body.ends_with("低空經濟的合作"),
        "{body}"
    );
    publish.title = "另一個標題".into();
    let e = s
        .update_publication(&me, d.id, &publish.validate(Script::Hant).unwrap())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict("err-stale-edit")), "{e:?}");
    assert_eq!(
        s.get_publication(d.id).await.unwrap().title,
        "2025年工作計劃"
    );

    // Files: the bytes as given, at most five, each audited; they go with the publication.
    // Their words join the publication's body for search, in the files' order.
    let pdf = b"%PDF-1.7 whitepaper".to_vec();
    let upload = |filename: &'static str, words: &'static str| FileUpload {
        filename,
        content_type: "application/pdf",
        data: &pdf,
        words: Some(words),
    };
    let body_of = |id: i64| async move {
        let found = s.search_records("publication", &[id]).await.unwrap();
        found[0].body.clone().unwrap_or_default()
    };
    let head = s.search_change_head().await.unwrap();
    let file = s
        .add_publication_file(&me, p.id, upload("白皮書.pdf", "跨境數據流通的具體建議"), 1)
        .await
        .unwrap();
    assert!(
        s.search_changes_after(head, 10)
            .await
            .unwrap()
            .iter()
            .any(|c| c.kind == "publication" && c.entity_id == p.id),
        "a file's words are logged for the index"
    );
    let (got, data) = s.publication_file_data(file.id).await.unwrap();
    assert_eq!(
        (got.filename.as_str(), got.size, data, got.words_length),
        ("白皮書.pdf", pdf.len() as i64, pdf.clone(), Some(11))
    );
    for i in 2..=MAX_PUBLICATION_FILES {
        let words = if i == 2 { "Greater Bay Area" } else { "" };
        s.add_publication_file(&me, p.id, upload("more.pdf", words), i)
            .await
            .unwrap();
    }
    assert!(
        body_of(p.id)
            .await
            .ends_with("跨境數據流通的具體建議\nGreater Bay Area"),
        "{}",
        body_of(p.id).await
    );
    let e = s
        .add_publication_file(&me, p.id, upload("6.pdf", "六"), 9)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, StoreError::Invalid(f) if f[0].code == "err-publication-too-many-files"),
        "{e:?}"
    );
    assert_eq!(
        s.publication_files(p.id).await.unwrap().len() as i64,
        MAX_PUBLICATION_FILES
    );
    s.delete_publication_file(&me, file.id).await.unwrap();
    assert!(matches!(
        s.publication_file_data(file.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        !body_of(p.id).await.contains("跨境數據"),
        "its words went with it"
    );
    let kept = s.publication_files(p.id).await.unwrap()[0].id;
    // A file kept without its words (NULL) has them read later, once: a second reader's
    // words for it are not taken.
    assert!(s.publication_files_unread(10).await.unwrap().is_empty());
    s.set_publication_file_words(kept, "讀過的不再讀")
        .await
        .unwrap();
    assert!(!body_of(p.id).await.contains("讀過的不再讀"));
    s.delete_publication_file(&me, kept).await.unwrap();
    let later = FileUpload {
        words: None,
        ..upload("later.pdf", "")
    };
    let later = s.add_publication_file(&me, p.id, later, 10).await.unwrap();
    assert_eq!(later.words_length, None);
    let unread = s.publication_files_unread(10).await.unwrap();
    assert_eq!(unread.iter().map(|f| f.id).collect::<Vec<_>>(), [later.id]);
    s.set_publication_file_words(later.id, "後來讀到的字")
        .await
        .unwrap();
    assert!(body_of(p.id).await.contains("後來讀到的字"));
    assert!(s.publication_files_unread(10).await.unwrap().is_empty());
    s.set_publication_file_words(later.id, "再讀一次")
        .await
        .unwrap();
    assert!(!body_of(p.id).await.contains("再讀一次"), "read once only");
    let kept = later.id;
    // PDFs kept without any words (scans, before the machine had OCR) are marked unread
    // on request (`baylink reread`), for the sweep to read again; a file with words is not.
    let empty: Vec<i64> = s
        .publication_files(p.id)
        .await
        .unwrap()
        .iter()
        .filter(|f| f.words_length == Some(0))
        .map(|f| f.id)
        .collect();
    assert_eq!(empty.len(), 3);
    assert_eq!(s.forget_empty_pdf_words().await.unwrap(), 3);
    let unread = s.publication_files_unread(10).await.unwrap();
    assert_eq!(unread.iter().map(|f| f.id).collect::<Vec<_>>(), empty);
    assert_eq!(s.forget_empty_pdf_words().await.unwrap(), 0);

    // The event going takes the link, not the publication; deleting it takes its links.
    s.delete_event(&me, ev.id).await.unwrap();
    assert_eq!(s.get_publication(p.id).await.unwrap().event_id, None);
    s.delete_publication(&me, p.id).await.unwrap();
    assert!(matches!(
        s.get_publication(p.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(s.publication_orgs(p.id).await.unwrap().is_empty());
    assert!(matches!(
        s.publication_file_data(kept).await,
        Err(StoreError::NotFound)
    ));
    let audit = s.list_audit(100, 0).await.unwrap();
    let lines = audit
        .items
        .iter()
        .filter(|a| a.entity == "publication")
        .count();
    assert_eq!(lines, 5, "two creations, two updates and a deletion");
    let files = audit
        .items
        .iter()
        .filter(|a| a.entity == "publication_file")
        .count();
    assert_eq!(files, 8, "six files added, two deleted");
}

#[tokio::test]
async fn publications_on_sqlite() {
    let db = TestDb::sqlite();
    story(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn publications_on_postgres() {
    let db = TestDb::postgres().await;
    story(db.open().await).await;
}

/// A page as a reader without an account gets it.
async fn read(reader: &reqwest::Client, url: &str) -> String {
    reader.get(url).send().await.unwrap().text().await.unwrap()
}

/// How many publications there are, drafts too.
async fn all_publications(app: &crate::kit::TestApp) -> i64 {
    let f = PublicationFilter {
        drafts: true,
        ..Default::default()
    };
    app.store.list_publications(&f).await.unwrap().total
}

/// The demo's publications: the conference report, its whitepaper and its challenge, in
/// every script, on the event's and the hosts' pages, and found by search in the other
/// script.
#[tokio::test]
async fn readers_find_the_conferences_publications() {
    use crate::kit;
    let app = kit::demo_app().await;
    let list = app
        .store
        .list_publications(&PublicationFilter::default())
        .await
        .unwrap();
    assert_eq!(list.total, 3);
    let paper = list
        .items
        .iter()
        .find(|p| p.kind == PublicationKind::Whitepaper)
        .unwrap()
        .clone();
    let conference = paper.event_id.expect("released at the conference");

    for (lang, title) in [
        ("zh-Hant", "《互聯網智慧白皮書》"),
        ("zh-Hans", "《互联网智慧白皮书》"),
        ("en", "Internet Intelligence Whitepaper"),
    ] {
        let (status, page) = app.page(&format!("/{lang}/publications")).await;
        assert_eq!(status, reqwest::StatusCode::OK, "{lang}");
        assert!(page.contains(title), "{lang}: {page}");
        let (status, page) = app
            .page(&format!("/{lang}/publications/{}", paper.id))
            .await;
        assert_eq!(status, reqwest::StatusCode::OK);
        assert!(page.contains("id=\"publication-event\""));
        let (_, page) = app.page(&format!("/{lang}/events/{conference}")).await;
        assert!(
            page.contains(&format!("/{lang}/publications/{}\"", paper.id)),
            "{lang}"
        );
    }
    // The report names its four hosts, and is on their pages.
    let report = list
        .items
        .iter()
        .find(|p| p.kind == PublicationKind::EventReport)
        .unwrap();
    let hosts = app.store.publication_orgs(report.id).await.unwrap();
    assert_eq!(hosts.len(), 4);
    let hkitf = app.org_id("香港資訊科技聯會").await;
    assert!(hosts.iter().any(|o| o.org_id == hkitf));
    let (_, page) = app.page(&format!("/en/organisations/{hkitf}")).await;
    let theirs = format!("/en/publications?org={hkitf}");
    assert!(page.contains(&format!("href=\"{theirs}\"")), "{page}");
    let (_, page) = app.page(&theirs).await;
    assert!(page.contains(&format!("/en/publications/{}\"", report.id)));
    assert!(
        !page.contains(&format!("/en/publications/{}\"", paper.id)),
        "names no one"
    );
    assert!(page.contains("id=\"publications-of\""));
    // Filters, and a bad one refused.
    let (_, page) = app.page("/zh-Hant/publications?kind=challenge").await;
    assert!(page.contains("全球智能挑戰賽") && !page.contains("《互聯網智慧白皮書》"));
    let (status, _) = app.page("/zh-Hant/publications?kind=poem").await;
    assert_eq!(status, reqwest::StatusCode::BAD_REQUEST);
    // Search finds the whitepaper from Simplified Chinese.
    crate::search::found_within(
        &app,
        "互联网智慧白皮书",
        ("publication", paper.id),
        std::time::Duration::from_secs(10),
    )
    .await;
    let (_, page) = app
        .page("/zh-Hans/search?q=%E7%99%BD%E7%9A%AE%E4%B9%A6")
        .await;
    assert!(
        page.contains(&format!("/zh-Hans/publications/{}", paper.id)),
        "{page}"
    );
}

/// Staff write a publication as a draft that nobody else sees, publish it against its
/// version, and delete it; bad input is refused with the fields named, in the reader's
/// language, and nothing is written.
#[tokio::test]
async fn staff_draft_publish_and_delete_a_publication() {
    use crate::kit;
    use reqwest::StatusCode;
    let mut app = kit::demo_app().await;
    let conference = app
        .store
        .list_publications(&PublicationFilter::default())
        .await
        .unwrap()
        .items[0]
        .event_id
        .unwrap();
    let before = all_publications(&app).await;

    // A reader opens the conference's page (each node caches its programme).
    let reader = kit::client();
    let event_page = app.url(&format!("/en/events/{conference}"));
    let page = read(&reader, &event_page).await;
    assert!(page.contains("id=\"publications-here\""));

    // Not for participants.
    app.sign_in(kit::PARTICIPANT).await;
    let (status, _) = app.page("/en/publications/new").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/publications",
            Some(serde_json::json!({"kind": "news", "title": "x", "published_on": "2024-12-10"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    app.client = kit::client();
    app.sign_in(kit::SECRETARIAT).await;
    let (status, form) = app
        .page(&format!("/zh-Hant/publications/new?event={conference}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains(&format!("<option value=\"{conference}\" selected")));
    // Bad input: named fields, in Traditional Chinese; nothing written.
    let r = app
        .post_form(
            "/zh-Hant/publications",
            &[
                ("kind", "news"),
                ("title", ""),
                ("published_on", "2024-13-01"),
                ("url", "not a link"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("必須填寫") || page.contains("必填"), "{page}");
    let (status, body) = app
        .api(
            reqwest::Method::POST,
            "/api/v1/publications",
            Some(serde_json::json!({"kind": "poem", "title": "x", "published_on": "2024-12-10", "org_ids": [999999]})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "kind");
    let hkitf = app.org_id("香港資訊科技聯會").await;
    let conf = conference.to_string();
    let org = hkitf.to_string();
    let r = app
        .post_form(
            "/zh-Hant/publications",
            &[
                ("kind", "news"),
                ("title", "聯盟2025年工作計劃"),
                ("summary", "三地合作的新一年。"),
                ("published_on", "2025-01-15"),
                ("event_id", &conf),
                ("org_1", &org),
                ("draft", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let at = r.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = at
        .split('/')
        .nth(3)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (_, page) = app.page(&at).await;
    assert!(page.contains("id=\"publication-draft\""));
    let after = all_publications(&app).await;
    assert_eq!(after, before + 1, "one written, none by the refused forms");

    // The whitepaper's PDF, attached to the draft; a program is refused, in the reader's
    // language, and nothing is kept.
    let upload = |name: &'static str, bytes: &'static [u8]| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
        reqwest::multipart::Form::new().part("file", part)
    };
    let files = format!("/zh-Hant/publications/{id}/files?_csrf={}", app.csrf);
    let r = app
        .client
        .post(app.url(&files))
        .multipart(upload("setup.exe", b"MZ"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("只可附加 PDF"));
    let r = app
        .client
        .post(app.url(&files))
        .multipart(upload("2025 工作計劃.pdf", b"%PDF-1.7 plan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let kept = app.store.publication_files(id).await.unwrap();
    assert_eq!(kept.len(), 1, "the program was not kept");
    let file_url = app.url(&format!("/en/publications/{id}/files/{}", kept[0].id));
    let (_, page) = app.page(&format!("/en/publications/{id}")).await;
    assert!(page.contains("2025 工作計劃.pdf") && page.contains("id=\"file-form\""));

    // Nobody else sees the draft; staff see it on the event's page.
    let (_, page) = app.page(&format!("/en/events/{conference}")).await;
    assert!(page.contains(&format!("/en/publications/{id}\"")));
    let page = read(&reader, &event_page).await;
    assert!(!page.contains(&format!("/en/publications/{id}\"")));
    let r = reader
        .get(app.url(&format!("/en/publications/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = reader
        .get(app.url(&format!("/api/v1/publications/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let list = reader
        .get(app.url("/en/publications"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!list.contains(&format!("/en/publications/{id}\"")));
    let r = reader
        .get(app.url("/api/v1/publications?drafts=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = reader.get(&file_url).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "a draft's file is not public"
    );

    // Published from the edit form; a second send of the same form is stale.
    let version = app
        .store
        .get_publication(id)
        .await
        .unwrap()
        .version
        .to_string();
    let publish = [
        ("kind", "news"),
        ("title", "聯盟2025年工作計劃"),
        ("published_on", "2025-01-15"),
        ("org_1", org.as_str()),
        ("event_id", conf.as_str()),
        ("version", version.as_str()),
    ];
    let r = app
        .post_form(&format!("/zh-Hant/publications/{id}"), &publish)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(&format!("/zh-Hant/publications/{id}"), &publish)
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = reader
        .get(app.url(&format!("/api/v1/publications/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["draft"], false);
    // Published, it is on the conference's page at once, cached as that page was.
    let page = read(&reader, &event_page).await;
    assert!(page.contains(&format!("/en/publications/{id}\"")));
    assert_eq!(json["event_id"], conference);
    assert_eq!(json["organisations"][0]["org_id"], hkitf);
    assert_eq!(json["files"][0]["filename"], "2025 工作計劃.pdf");
    // Published, its file is anyone's, named as it was uploaded.
    let r = reader.get(&file_url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains("filename*=UTF-8''2025%20%E5%B7%A5"),
        "{disposition}"
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"%PDF-1.7 plan");
    let page = read(&reader, &app.url(&format!("/en/publications/{id}"))).await;
    assert!(page.contains("2025 工作計劃.pdf") && !page.contains("id=\"file-form\""));
    // Removed by staff.
    let r = app
        .post_form(
            &format!("/en/publications/{id}/files/{}/delete", kept[0].id),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        reader.get(&file_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // Deleted after its confirmation page.
    let (status, _) = app.page(&format!("/en/publications/{id}/delete")).await;
    assert_eq!(status, StatusCode::OK);
    let r = app
        .post_form(&format!("/en/publications/{id}/delete"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _) = app.page(&format!("/en/publications/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The whitepaper's PDF, printed by Chromium (see `crates/documents/tests/fixtures`).
pub(crate) const WHITEPAPER_PDF: &[u8] =
    include_bytes!("../../../documents/tests/fixtures/whitepaper.pdf");

/// Search finds a publication by the words of its PDF, in the reader's script: a Shenzhen
/// reader's 跨境数据流通 finds the Hong Kong text's 跨境數據流通, which is in the file
/// alone. Removing the file takes its words out of search; a file kept before files were
/// read is read by the sweep a node runs at start-up.
#[tokio::test]
async fn search_finds_a_publication_by_the_words_of_its_files() {
    use std::time::Duration;

    use reqwest::StatusCode;
    use sqlx::Connection;

    use crate::kit;
    use crate::search::{found_within, hits};
    let mut app = kit::demo_app().await;
    app.sign_in(kit::SECRETARIAT).await;
    let p = app
        .store
        .create_publication(
            &Actor::cli(),
            &input("年度刊物", "2024-12-09")
                .validate(Script::Hant)
                .unwrap(),
        )
        .await
        .unwrap();
    let query = "跨境数据流通";
    let want = ("publication", p.id);
    let wait = Duration::from_secs(10);
    // Indexed, by its title; its summary and title have none of the query's words.
    found_within(&app, "年度刊物", want, wait).await;
    assert!(!hits(&app, query).await.contains(&(want.0.into(), want.1)));

    let part = reqwest::multipart::Part::bytes(WHITEPAPER_PDF).file_name("數據白皮書.pdf");
    let r = app
        .client
        .post(app.url(&format!(
            "/zh-Hant/publications/{}/files?_csrf={}",
            p.id, app.csrf
        )))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    found_within(&app, query, want, wait).await;
    found_within(&app, "Greater Bay Area cross-border data", want, wait).await;
    // The hit shows the file's words where they matched, marked, in the reader's script.
    let hit = |page: &str, id: i64| {
        let at = page.find(&format!("/zh-Hans/publications/{id}\"")).unwrap();
        let hit = &page[at..];
        hit[..hit.find("</li>").unwrap()].to_owned()
    };
    let (_, page) = app.page(&format!("/zh-Hans/search?q={query}")).await;
    let shown = hit(&page, p.id);
    assert!(
        shown.contains("<mark>跨境</mark><mark>数据</mark><mark>流通</mark>"),
        "{shown}"
    );
    assert!(!shown.contains("found-further"), "{shown}");
    // Words far into a long text (or a file) are searched but not kept with the hit,
    // which says where they were found.
    let mut long = input("長文刊物", "2024-12-10");
    long.body = Some(format!("{}低空經濟試點", "人工智能的發展。".repeat(300)));
    let long = app
        .store
        .create_publication(&Actor::cli(), &long.validate(Script::Hant).unwrap())
        .await
        .unwrap();
    found_within(&app, "低空经济试点", ("publication", long.id), wait).await;
    let (_, page) = app.page("/zh-Hans/search?q=低空经济试点").await;
    let shown = hit(&page, long.id);
    assert!(shown.contains("在正文后段或附件中找到"), "{shown}");
    // ... and shows the passage where they are, read from the store, marked.
    assert!(shown.contains("<mark>低空</mark>"), "{shown}");
    // The API says so too, and gives the snippet around the match with its ranges.
    let api = |q: &'static str| {
        let client = app.client.clone();
        let url = app.url("/api/v1/search");
        async move {
            let r = client.get(url).query(&[("q", q)]).send().await.unwrap();
            r.json::<serde_json::Value>().await.unwrap()["hits"]
                .as_array()
                .unwrap()
                .clone()
        }
    };
    let found = api("低空经济试点").await;
    let far = found
        .iter()
        .find(|h| h["id"] == long.id && h["kind"] == "publication")
        .unwrap();
    assert_eq!(far["found_further"], true, "{far}");
    assert!(
        far["snippet"].as_str().unwrap().ends_with("低空經濟試點")
            && !far["snippet_highlights"].as_array().unwrap().is_empty(),
        "{far}"
    );
    let found = api("跨境数据流通").await;
    let near = found
        .iter()
        .find(|h| h["id"] == p.id && h["kind"] == "publication")
        .unwrap();
    assert_eq!(near["found_further"], false, "{near}");
    let snippet = near["snippet"].as_str().unwrap();
    let marked: Vec<&str> = near["snippet_highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    // (The English "cross-border data" of the terms table is 跨境数据: marked too.)
    assert_eq!(
        marked,
        ["跨境", "數據", "流通", "Cross-border data"],
        "{near}"
    );
    let files = app.store.publication_files(p.id).await.unwrap();
    let read = files[0].words_length.unwrap();
    assert!(read > 100, "{read} characters read");
    // Staff see that the file's words were read.
    let (_, page) = app.page(&format!("/en/publications/{}", p.id)).await;
    assert!(page.contains("searchable"), "{page}");

    // A file kept before files were read (its words NULL, as migration 0037 left them).
    let mut db = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
    sqlx::query("UPDATE publication_files SET words = NULL")
        .execute(&mut db)
        .await
        .unwrap();
    sqlx::query("UPDATE publications SET files_words = NULL")
        .execute(&mut db)
        .await
        .unwrap();
    let gone = std::time::Instant::now();
    while hits(&app, query).await.contains(&(want.0.into(), want.1)) {
        assert!(gone.elapsed() < wait, "the index follows the log");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.store.publication_files_unread(10).await.unwrap().len(),
        1
    );
    baylink_web::documents::read_unread_files(app.store.clone(), &crate::kit::word_reader()).await;
    assert!(
        app.store
            .publication_files_unread(10)
            .await
            .unwrap()
            .is_empty()
    );
    found_within(&app, query, want, wait).await;

    // Removing the file takes its words out of search.
    let r = app
        .post_form(
            &format!(
                "/zh-Hant/publications/{}/files/{}/delete",
                p.id, files[0].id
            ),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let gone = std::time::Instant::now();
    while hits(&app, query).await.contains(&(want.0.into(), want.1)) {
        assert!(gone.elapsed() < wait, "the file's words left search");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Needs Tesseract (with `chi_tra`, `chi_sim`, `eng`) and `pdftoppm`, which `.ci/run`
/// installs: a scanned whitepaper, pictures of pages with no text in the PDF, uploaded to
/// a publication, is read by OCR in the server's confined reader, so that a Shenzhen
/// reader's Simplified words find it by what its second page says.
#[tokio::test]
#[ignore = "needs tesseract and pdftoppm: run by .ci/run"]
async fn search_finds_a_scanned_publication_by_the_words_on_its_pages() {
    use std::time::Duration;

    use reqwest::StatusCode;

    use crate::kit;
    use crate::search::found_within;
    assert!(
        baylink_documents::ocr::available().is_some(),
        "tesseract, its models and pdftoppm on the PATH"
    );
    let mut app = kit::demo_app().await;
    app.sign_in(kit::SECRETARIAT).await;
    let p = app
        .store
        .create_publication(
            &Actor::cli(),
            &input("掃描刊物", "2024-12-09")
                .validate(Script::Hant)
                .unwrap(),
        )
        .await
        .unwrap();
    let part = reqwest::multipart::Part::bytes(
        &include_bytes!("../../../documents/tests/fixtures/scan.pdf")[..],
    )
    .file_name("掃描.pdf");
    let r = app
        .client
        .post(app.url(&format!(
            "/zh-Hant/publications/{}/files?_csrf={}",
            p.id, app.csrf
        )))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let wait = Duration::from_secs(30);
    found_within(&app, "深圳市信息行业协会", ("publication", p.id), wait).await;
    found_within(&app, "Greater Bay Area", ("publication", p.id), wait).await;
}
