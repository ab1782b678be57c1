//! The command line: importing and exporting the directory, and creating accounts.

use std::path::Path;
use std::process::{Command, Output};

use baylink_store::PersonFilter;

use crate::kit::{self, TestDb};

fn baylink(db: &TestDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baylink"))
        .args(args)
        .env("BAYLINK_DATABASE_URL", &db.url)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .expect("running baylink")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const SHEET: &str = "\u{feff}機構,英文名稱,類型,地區,所屬機構,姓名,職銜\n\
深圳市人工智能行业协会,Shenzhen AI Industry Association,社团／协会,深圳,,,\n\
深圳市人工智能行业协会青年委员会,,society,Shenzhen,深圳市人工智能行业协会,,\n\
香港創新科技協(xié)會,,Society or association,香港,,,\n\
香港創新科技協會,,,,,示例·何志強,會長\n\
深圳市人工智能行业协会,,,,,示例·何志強,顾问\n";

#[tokio::test]
async fn import_checks_then_writes_in_one_go_and_is_idempotent() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("members.csv");
    std::fs::write(&file, SHEET).unwrap();
    let path = file.to_str().unwrap();

    let out = baylink(&db, &["import", "directory", path, "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out)
            .contains("5 rows read, 0 rejected; to write: 3 organisations, 1 people, 2 positions"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("nothing was written"));
    let store = db.open().await;
    assert_eq!(
        store.stats().await.unwrap().organisations,
        0,
        "a dry run writes nothing"
    );

    let out = baylink(&db, &["import", "directory", path]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("imported 3 organisations, 1 people, 2 positions"),
        "{}",
        text(&out)
    );
    let youth = store
        .find_organisation_by_name("深圳市人工智能行业协会青年委员会")
        .await
        .unwrap()
        .unwrap();
    let parent = store
        .find_organisation_by_name("深圳市人工智能行業協會")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(youth.parent_id, Some(parent.id));
    assert_eq!(
        parent.name_en.as_deref(),
        Some("Shenzhen AI Industry Association")
    );
    let hk = store
        .find_organisation_by_name("香港創新科技協會")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (hk.name.as_str(), hk.region.code()),
        ("香港創新科技協會", "hong_kong")
    );

    // The same file again adds nothing.
    let out = baylink(&db, &["import", "directory", path]);
    assert!(
        text(&out).contains("imported 0 organisations, 0 people, 0 positions"),
        "{}",
        text(&out)
    );
    assert_eq!(
        store
            .list_people(&PersonFilter::default())
            .await
            .unwrap()
            .total,
        1
    );
}

#[tokio::test]
async fn rejected_rows_are_reported_by_line_and_nothing_is_written() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "organisation,org_type,region,parent,person,title\n\
         Good Org,company,overseas,,,\n\
         ,company,overseas,,,\n\
         Bad Region Org,company,Atlantis,,,\n\
         Orphan,company,overseas,Nobody Ltd,,\n\
         Good Org,,,,Someone,\n",
    )
    .unwrap();
    let out = baylink(&db, &["import", "directory", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("line 3: organisation: This field is required."),
        "{t}"
    );
    assert!(
        t.contains("line 4: region: Choose one of the listed values."),
        "{t}"
    );
    assert!(
        t.contains("line 5: parent: The chosen record does not exist"),
        "{t}"
    );
    assert!(t.contains("line 6: title: This field is required."), "{t}");
    assert!(t.contains("nothing was written"));
    let store = db.open().await;
    assert_eq!(store.stats().await.unwrap().organisations, 0);
    // The operator may choose to import the good rows anyway.
    let out = baylink(
        &db,
        &[
            "import",
            "directory",
            file.to_str().unwrap(),
            "--skip-invalid",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("imported 2 organisations"),
        "{}",
        text(&out)
    );
}

#[tokio::test]
async fn export_round_trips_through_csv_and_xlsx() {
    let app = kit::demo_app().await;
    let dir = tempfile::tempdir().unwrap();
    for ext in ["csv", "xlsx"] {
        let file = dir.path().join(format!("directory.{ext}"));
        let out = baylink(&app.db, &["export", "directory", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
        if ext == "csv" {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                bytes.starts_with("\u{feff}".as_bytes()),
                "CSV starts with a BOM so Excel reads it as UTF-8"
            );
            assert!(
                String::from_utf8(bytes)
                    .unwrap()
                    .contains("香港資訊科技聯會")
            );
        } else {
            use calamine::Reader;
            let mut book = calamine::open_workbook_auto(&file).unwrap();
            let range = book.worksheet_range_at(0).unwrap().unwrap();
            assert_eq!(
                range.get((0, 0)).map(|c| c.to_string()),
                Some("organisation".into())
            );
        }
        assert!(!Path::new(&format!("{}.partial", file.display())).exists());
        // Into an empty directory: the same organisations, people and positions.
        let fresh = TestDb::sqlite();
        let out = baylink(&fresh, &["import", "directory", file.to_str().unwrap()]);
        assert!(out.status.success(), "{ext}: {}", text(&out));
        let copy = fresh.open().await;
        let (a, b) = (
            app.store.stats().await.unwrap(),
            copy.stats().await.unwrap(),
        );
        assert_eq!(
            (a.organisations, a.people),
            (b.organisations, b.people),
            "{ext}"
        );
        let lab = copy
            .find_organisation_by_name("中藥質量研究國家重點實驗室(澳門科技大學)")
            .await
            .unwrap()
            .unwrap();
        assert!(
            lab.parent_id.is_some(),
            "{ext}: parents survive the round trip"
        );
    }
}

#[tokio::test]
async fn user_add_creates_the_first_admin() {
    let db = TestDb::sqlite();
    let run = |pw: &str, email: &str| {
        Command::new(env!("CARGO_BIN_EXE_baylink"))
            .args(["user", "add", "--admin", email, "--name", "First Admin"])
            .env("BAYLINK_DATABASE_URL", &db.url)
            .env("BAYLINK_PASSWORD", pw)
            .env("LANG", "zh_HK.UTF-8")
            .output()
            .unwrap()
    };
    let short = run("short", "first@example.org");
    assert!(!short.status.success());
    assert!(text(&short).contains("最少 10 個字元"), "{}", text(&short));
    let ok = run("a long enough pass phrase", "First@Example.org");
    assert!(ok.status.success(), "{}", text(&ok));
    let store = db.open().await;
    let user = store
        .find_user_by_email("first@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.role.code(), "admin");
    assert!(user.password_hash.starts_with("$argon2id$"));
    let again = run("a long enough pass phrase", "first@example.org");
    assert!(
        text(&again).contains("已有帳戶使用此電郵地址"),
        "{}",
        text(&again)
    );
}

#[tokio::test]
async fn an_invitee_list_is_checked_then_invited_in_one_go() {
    let app = kit::demo_app().await;
    let events: serde_json::Value = app
        .get("/api/v1/events?when=upcoming")
        .await
        .json()
        .await
        .unwrap();
    let event = events["items"][0]["id"].as_i64().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "\u{feff}姓名,電郵,語言\n黃小明,wong@example.hk,zh-Hant\n,missing@example.hk,\n李四,not-an-address,\n黃小明,WONG@example.hk,\n").unwrap();
    let out = baylink(
        &app.db,
        &[
            "import",
            "invitees",
            "--event",
            &event,
            "--valid-until",
            "2099-12-31",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("line 3: name: This field is required.")
            && t.contains("line 4: email:")
            && t.contains("line 5: email: This address has already been invited"),
        "{t}"
    );
    assert!(
        app.store
            .list_invitations(event.parse().unwrap())
            .await
            .unwrap()
            .is_empty(),
        "nothing was written"
    );
    // A good sheet, as XLSX.
    let good = dir.path().join("good.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["name", "email", "locale"],
        ["黃小明", "wong@example.hk", "zh-Hant"],
        ["Tan Mei", "tan@example.sg", "en"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&good).unwrap();
    let out = baylink(
        &app.db,
        &[
            "import",
            "invitees",
            "--event",
            &event,
            "--valid-until",
            "2099-12-31",
            good.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("invited 2"));
    let invs = app
        .store
        .list_invitations(event.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(
        invs.iter()
            .map(|i| (i.email.as_str(), i.locale.as_str()))
            .collect::<Vec<_>>(),
        vec![("wong@example.hk", "zh-Hant"), ("tan@example.sg", "en")]
    );
}

/// Needs Tesseract (with `chi_tra`, `chi_sim`, `eng`) and `pdftoppm`, which `.ci/run`
/// installs. A scan kept without words, as before the machine had OCR, is read again by
/// `baylink reread`, and search then finds its publication by what its pages say.
#[tokio::test]
#[ignore = "needs tesseract and pdftoppm: run by .ci/run"]
async fn reread_reads_the_scans_kept_without_words() {
    use baylink_store::{Actor, FileUpload, PublicationInput};
    assert!(baylink_documents::ocr::available().is_some());
    let db = TestDb::sqlite();
    let store = db.open().await;
    let p = store
        .create_publication(
            &Actor::cli(),
            &PublicationInput {
                kind: "whitepaper".into(),
                title: "掃描刊物".into(),
                published_on: "2024-12-09".into(),
                ..Default::default()
            }
            .validate(baylink_text::Script::Hant)
            .unwrap(),
        )
        .await
        .unwrap();
    let scan = include_bytes!("../../../documents/tests/fixtures/scan.pdf");
    store
        .add_publication_file(
            &Actor::cli(),
            p.id,
            FileUpload {
                filename: "掃描.pdf",
                content_type: "application/pdf",
                data: scan,
                words: Some(""),
            },
            1,
        )
        .await
        .unwrap();
    let out = baylink(&db, &["reread"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("read 1 PDF files"), "{}", text(&out));
    let record = store.search_records("publication", &[p.id]).await.unwrap();
    let body = record[0].body.clone().unwrap_or_default();
    assert!(body.contains("深圳市信息行业协会"), "{body}");
}
