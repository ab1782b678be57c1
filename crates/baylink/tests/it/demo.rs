//! The demo holds what the seed report says about the alliance.

use baylink_store::{MembershipFilter, OrgFilter, PersonFilter};
use baylink_text::clean_pinyin_artefacts;

use crate::kit;

/// Organisations as the seed report writes them (Traditional, with its converter debris).
const SEED_ORGANISATIONS: &[&str] = &[
    // The four co-hosts (共同主辦).
    "深港科技社團聯(lián)盟",
    "深港澳科技聯(lián)盟",
    "廣東省粵港澳合作促進會信息科技專委會",
    "香港資訊科技聯(lián)會",
    // The four organisers (聯合承辦).
    "深圳市科協(xié)學會服務中心",
    "深圳市青少年科技教育協(xié)會",
    "深圳市物聯(lián)網(wǎng)產(chǎn)業(yè)協(xié)會",
    "深圳市信息行業(yè)協(xié)會",
    "澳門科技大學",
    "廣東省粵港澳合作促進會",
];

#[tokio::test]
async fn every_organisation_the_report_names_is_found_by_its_reports_spelling() {
    let app = kit::demo_app().await;
    for name in SEED_ORGANISATIONS {
        let found = app
            .store
            .find_organisation_by_name(&clean_pinyin_artefacts(name))
            .await
            .unwrap();
        assert!(found.is_some(), "{name} is missing");
    }
    // Shenzhen bodies keep their own Simplified names, Hong Kong's its Traditional one.
    let szia = app
        .store
        .find_organisation_by_name("深圳市信息行業協會")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (szia.name.as_str(), szia.name_script.as_str()),
        ("深圳市信息行业协会", "zh-Hans")
    );
    let hkitf = app
        .store
        .find_organisation_by_name("香港資訊科技聯會")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hkitf.name_script, "zh-Hant");
}

#[tokio::test]
async fn guests_hold_the_titles_the_report_gives() {
    let app = kit::demo_app().await;
    for (name, titles) in [
        (
            "蔣宇揚",
            &["深圳市人大常委會副主任", "深圳市科學技術協會主席"][..],
        ),
        ("林迪夫", &["廣東省粵港澳合作促進會執行會長"]),
        ("范坤", &["深圳市政協常委", "港澳臺僑和外事委員會主任"]),
        (
            "邱達根",
            &[
                "深港澳科技聯盟港方理事長",
                "香港資訊科技聯會會長",
                "香港立法會議員",
            ],
        ),
        (
            "姜志宏",
            &[
                "澳門科技大學副校長",
                "中藥質量研究國家重點實驗室(澳門科技大學)主任",
            ],
        ),
        (
            "孫楠",
            &["深港澳科技聯盟深方理事長", "廣東省粵港澳合作促進會副會長"],
        ),
    ] {
        let people = app
            .store
            .list_people(&PersonFilter {
                q: Some(name.into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(people.total, 1, "{name}");
        let held: Vec<String> = app
            .store
            .positions_of_person(people.items[0].id)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.title)
            .collect();
        assert_eq!(
            held,
            titles.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
            "{name}, in the report's order"
        );
    }
}

#[tokio::test]
async fn the_sides_history_and_2024_awards() {
    let app = kit::demo_app().await;
    let sides = app.store.list_sides().await.unwrap();
    assert_eq!(
        sides.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(),
        ["sz", "hk", "mo"]
    );
    let officers = app.store.list_side_officers().await.unwrap();
    let chair = |code: &str| {
        let side = sides.iter().find(|s| s.code == code).unwrap().id;
        officers
            .iter()
            .find(|o| o.side_id == side)
            .map(|o| (o.person_name.clone(), o.role.code()))
    };
    assert_eq!(chair("sz"), Some(("孫楠".into(), "chair")));
    assert_eq!(chair("hk"), Some(("邱達根".into(), "chair")));
    assert_eq!(chair("mo"), Some(("姜志宏".into(), "representative")));
    let years: Vec<i32> = app
        .store
        .list_milestones()
        .await
        .unwrap()
        .iter()
        .map(|m| m.year)
        .collect();
    assert_eq!(years, [2009, 2019, 2024]);
    let awards = app
        .store
        .list_memberships(&MembershipFilter {
            year: Some(2024),
            ..Default::default()
        })
        .await
        .unwrap();
    let stations: Vec<&str> = awards
        .iter()
        .filter(|m| m.designation_code == "haizhi_workstation")
        .map(|m| m.org_name.as_str())
        .collect();
    assert_eq!(stations.len(), 2, "{stations:?}");
    assert!(
        awards
            .iter()
            .all(|m| m.ceremony_date.as_deref() == Some("2024-12-09"))
    );
    let units = awards
        .iter()
        .filter(|m| m.designation_code == "member_unit")
        .count();
    assert!(units >= 8);
    // Member units the report does not name are marked synthetic, on every page.
    let synthetic = app
        .store
        .list_organisations(&OrgFilter {
            q: Some("示例".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(synthetic.items.iter().all(|o| o.synthetic));
    let (_, page) = app.page("/zh-Hant/memberships").await;
    assert!(page.contains("海智工作站") && page.contains("2024-12-09"));
}

#[tokio::test]
async fn no_pinyin_debris_reaches_the_store() {
    let app = kit::demo_app().await;
    let sz_hk = app
        .store
        .find_organisation_by_name("深港科技社團聯盟")
        .await
        .unwrap()
        .unwrap();
    let description = sz_hk.description.unwrap();
    assert!(
        description.contains("深圳市科協與香港資訊科技聯會就聯合發起成立了深港科技社團聯盟"),
        "{description}"
    );
    for o in app.store.all_organisations().await.unwrap() {
        let text = format!("{} {}", o.name, o.description.unwrap_or_default());
        assert!(
            !text.contains("(lián)") && !text.contains("(xié)"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn loading_is_idempotent_through_the_cli_path() {
    let db = kit::TestDb::sqlite();
    let store = db.open().await;
    assert!(!baylink::demo::is_loaded(store.as_ref()).await.unwrap());
    baylink::demo::load(store.as_ref()).await.unwrap();
    assert!(baylink::demo::is_loaded(store.as_ref()).await.unwrap());
}
