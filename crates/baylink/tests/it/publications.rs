//! Publications: the store on both backends (organisations in order, drafts kept from the
//! public, nothing written when a reference is wrong, edits against their version, the
//! search log), the pages and the API.

use std::sync::Arc;

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

    // The event going takes the link, not the publication; deleting it takes its links.
    s.delete_event(&me, ev.id).await.unwrap();
    assert_eq!(s.get_publication(p.id).await.unwrap().event_id, None);
    s.delete_publication(&me, p.id).await.unwrap();
    assert!(matches!(
        s.get_publication(p.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(s.publication_orgs(p.id).await.unwrap().is_empty());
    let audit = s.list_audit(100, 0).await.unwrap();
    let lines = audit
        .items
        .iter()
        .filter(|a| a.entity == "publication")
        .count();
    assert_eq!(lines, 4, "two creations, an update and a deletion");
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
