//! One story over the `Store` trait, run on SQLite here and on PostgreSQL by `.ci/run`:
//! both backends must behave the same in everything the platform relies on.

use std::sync::Arc;

use baylink_store::*;
use baylink_text::Script;

use crate::kit::TestDb;

fn org(name: &str, region: &str) -> OrganisationDraft {
    OrganisationInput {
        name: name.into(),
        org_type: "society".into(),
        region: region.into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .expect("valid organisation")
}

fn person(name: &str) -> PersonDraft {
    PersonInput {
        name: name.into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .expect("valid person")
}

fn position(org_id: i64, title: &str) -> PositionDraft {
    PositionInput {
        person_id: 0,
        org_id,
        title: title.into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .expect("valid position")
}

/// A participant's account with this address, as the stories below make them.
fn participant(email: &str) -> UserDraft {
    UserInput {
        email: email.into(),
        display_name: "陳大文".into(),
        role: "participant".into(),
        side_id: None,
        org_id: None,
    }
    .validate()
    .expect("valid account")
}

pub async fn story(store: Arc<dyn Store>) {
    let me = Actor::cli();

    // Organisations keep their script; the same name in the other script is a duplicate.
    let hkitf = store
        .create_organisation(&me, &org("香港資訊科技聯(lián)會", "hong_kong"))
        .await
        .unwrap();
    assert_eq!(hkitf.name, "香港資訊科技聯會");
    assert_eq!(hkitf.name_script, "zh-Hant");
    assert_eq!(hkitf.version, 1);
    let dup = store
        .create_organisation(&me, &org("香港资讯科技联会", "hong_kong"))
        .await;
    assert!(
        matches!(dup, Err(StoreError::Invalid(ref f)) if f[0].code == "err-duplicate-name"),
        "{dup:?}"
    );
    let szia = store
        .create_organisation(&me, &org("深圳市信息行业协会", "shenzhen"))
        .await
        .unwrap();
    assert_eq!(szia.name_script, "zh-Hans");
    let mut child = org("深圳市信息行业协会青年委员会", "shenzhen");
    child.parent_id = Some(szia.id);
    let child = store.create_organisation(&me, &child).await.unwrap();

    // Filters: a Traditional query finds a Simplified name and the reverse.
    let found = store
        .list_organisations(&OrgFilter {
            q: Some("資訊".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].id, hkitf.id);
    let found = store
        .list_organisations(&OrgFilter {
            q: Some("信息行業協會".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 2);
    let found = store
        .list_organisations(&OrgFilter {
            q: Some("100%_".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 0, "LIKE wildcards in a query are literal");
    let found = store
        .list_organisations(&OrgFilter {
            region: Some(Region::Shenzhen),
            parent_id: Some(szia.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        found.items.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![child.id]
    );
    let paged = store
        .list_organisations(&OrgFilter {
            limit: 1,
            offset: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!((paged.total, paged.items.len()), (3, 1));

    // Updates are versioned; an edit based on an old version is refused.
    let mut edit = org("香港資訊科技聯會", "hong_kong");
    edit.name_en = Some("Hong Kong Information Technology Federation".into());
    edit.version = Some(1);
    let updated = store
        .update_organisation(&me, hkitf.id, &edit)
        .await
        .unwrap();
    assert_eq!(updated.version, 2);
    let stale = store.update_organisation(&me, hkitf.id, &edit).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict("err-stale-edit"))),
        "{stale:?}"
    );
    // A parent cycle is refused, and so is an unknown parent.
    let mut cyclic = org("深圳市信息行业协会", "shenzhen");
    cyclic.parent_id = Some(child.id);
    assert!(
        matches!(store.update_organisation(&me, szia.id, &cyclic).await, Err(StoreError::Invalid(ref f)) if f[0].code == "err-parent-cycle")
    );
    cyclic.parent_id = Some(999_999);
    assert!(
        matches!(store.update_organisation(&me, szia.id, &cyclic).await, Err(StoreError::Invalid(ref f)) if f[0].code == "err-unknown-reference")
    );
    assert!(matches!(
        store.get_organisation(999_999).await,
        Err(StoreError::NotFound)
    ));

    // People and positions, written together or not at all.
    let chiu = store
        .create_person_with_positions(&me, &person("邱達根"), &[position(hkitf.id, "會長")])
        .await
        .unwrap();
    let positions = store.positions_of_person(chiu.id).await.unwrap();
    assert_eq!(positions.len(), 1);
    assert_eq!(positions[0].org_name, "香港資訊科技聯會");
    let before = store
        .list_people(&PersonFilter::default())
        .await
        .unwrap()
        .total;
    let failed = store
        .create_person_with_positions(
            &me,
            &person("不應存在"),
            &[position(hkitf.id, "會員"), position(999_999, "幽靈")],
        )
        .await;
    assert!(matches!(failed, Err(StoreError::Invalid(_))), "{failed:?}");
    assert_eq!(
        store
            .list_people(&PersonFilter::default())
            .await
            .unwrap()
            .total,
        before,
        "a failed write leaves nothing behind"
    );
    let by_org = store
        .list_people(&PersonFilter {
            org_id: Some(hkitf.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_org.items.len(), 1);
    let found = store
        .list_people(&PersonFilter {
            q: Some("邱达根".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 1);

    // Sides, officers, milestones.
    let side = store
        .create_side(
            &me,
            "hk",
            "港方",
            "zh-Hant",
            Some("Hong Kong side"),
            None,
            Region::HongKong,
        )
        .await
        .unwrap();
    let officer = SideOfficerInput {
        side_id: side.id,
        person_id: chiu.id,
        role: "chair".into(),
        title: "港方理事長".into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    let officer = store.create_side_officer(&me, &officer).await.unwrap();
    assert_eq!(officer.person_name, "邱達根");
    assert_eq!(store.list_side_officers().await.unwrap().len(), 1);
    store
        .create_milestone(&me, 2009, None, "成立", "zh-Hant", None)
        .await
        .unwrap();
    assert_eq!(store.list_milestones().await.unwrap()[0].year, 2009);
    let extra = store
        .create_milestone(&me, 2019, Some("2019-06-01"), "澳門加入", "zh-Hant", None)
        .await
        .unwrap();
    store.delete_milestone(&me, extra.id).await.unwrap();
    assert!(matches!(
        store.delete_milestone(&me, extra.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.list_milestones().await.unwrap().len(), 1);

    // Designations and memberships: one award per organisation, designation and year.
    let des = store
        .create_designation(
            &me,
            &DesignationInput {
                code: "member_unit".into(),
                name: "成員單位".into(),
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap(),
        )
        .await
        .unwrap();
    let again = store
        .create_designation(
            &me,
            &DesignationInput {
                code: "member_unit".into(),
                name: "重複".into(),
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap(),
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict("err-duplicate"))),
        "{again:?}"
    );
    let award = MembershipInput {
        org_id: hkitf.id,
        designation_id: des.id,
        year: 2024,
        ceremony_date: Some("2024-12-09".into()),
        side_id: Some(side.id),
        note: None,
    };
    let m = store
        .create_membership(&me, &award.validate().unwrap())
        .await
        .unwrap();
    assert_eq!(
        (m.org_name.as_str(), m.designation_code.as_str(), m.year),
        ("香港資訊科技聯會", "member_unit", 2024)
    );
    let twice = store
        .create_membership(&me, &award.validate().unwrap())
        .await;
    assert!(
        matches!(twice, Err(StoreError::Conflict("err-duplicate-membership"))),
        "{twice:?}"
    );
    assert_eq!(store.membership_years().await.unwrap(), vec![2024]);
    let (facet_designations, facet_years) = store.directory_facets().await.unwrap();
    assert_eq!(
        (facet_designations, facet_years),
        (vec![des.clone()], vec![2024])
    );
    let members = store
        .list_organisations(&OrgFilter {
            designation_id: Some(des.id),
            year: Some(2024),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        members.items.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![hkitf.id]
    );
    assert_eq!(
        store
            .list_memberships(&MembershipFilter {
                region: Some(Region::Shenzhen),
                ..Default::default()
            })
            .await
            .unwrap()
            .len(),
        0
    );
    assert!(matches!(
        store.delete_designation(&me, des.id).await,
        Err(StoreError::Conflict("err-designation-in-use"))
    ));

    // Accounts, sessions, throttling.
    let user = store
        .create_user(
            &me,
            &UserInput {
                email: "Staff@Example.org".into(),
                display_name: "Staff".into(),
                role: "admin".into(),
                ..Default::default()
            }
            .validate()
            .unwrap(),
            "hash",
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .find_user_by_email("staff@example.org")
            .await
            .unwrap()
            .map(|u| u.id),
        Some(user.id)
    );
    let taken = store
        .create_user(
            &me,
            &UserInput {
                email: "staff@example.org".into(),
                display_name: "Other".into(),
                role: "participant".into(),
                ..Default::default()
            }
            .validate()
            .unwrap(),
            "hash",
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Invalid(ref f)) if f[0].code == "err-email-taken"));
    let session = Session {
        token_hash: "t1".into(),
        user_id: user.id,
        csrf_token: "c1".into(),
        created_at: 100,
        expires_at: 200,
    };
    store.create_session(&session).await.unwrap();
    assert_eq!(
        store
            .get_session("t1", 150)
            .await
            .unwrap()
            .map(|(s, u)| (s.csrf_token, u.id)),
        Some(("c1".into(), user.id))
    );
    assert!(
        store.get_session("t1", 250).await.unwrap().is_none(),
        "expired sessions are not valid"
    );
    store.delete_session("t1").await.unwrap();
    assert!(store.get_session("t1", 150).await.unwrap().is_none());
    assert_eq!(
        store
            .record_login_failure("email:x", 1000, 900)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .record_login_failure("email:x", 1001, 900)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store.count_login_failures("email:x", 1001).await.unwrap(),
        1
    );
    store.clear_login_failures("email:x").await.unwrap();
    assert_eq!(store.count_login_failures("email:x", 0).await.unwrap(), 0);

    // Imports are all or nothing.
    let plan = ImportPlan {
        organisations: vec![
            ImportOrganisation {
                draft: org("澳門科技大學", "macao"),
                parent: None,
            },
            ImportOrganisation {
                draft: org("中藥質量研究國家重點實驗室", "macao"),
                parent: Some(OrgRef::New(0)),
            },
        ],
        people: vec![ImportPerson {
            existing: None,
            draft: person("姜志宏"),
            positions: vec![(OrgRef::New(0), position(1, "副校長"))],
        }],
    };
    let outcome = store.apply_import(&me, &plan).await.unwrap();
    assert_eq!(
        (outcome.organisations, outcome.people, outcome.positions),
        (2, 1, 1)
    );
    let lab = store
        .find_organisation_by_name("中藥質量研究國家重點實驗室")
        .await
        .unwrap()
        .unwrap();
    assert!(lab.parent_id.is_some());
    let orgs_before = store.stats().await.unwrap();
    let bad = ImportPlan {
        organisations: vec![
            ImportOrganisation {
                draft: org("新機構", "macao"),
                parent: None,
            },
            ImportOrganisation {
                draft: org("香港資訊科技聯會", "hong_kong"),
                parent: None,
            },
        ],
        people: vec![],
    };
    assert!(store.apply_import(&me, &bad).await.is_err());
    assert_eq!(
        store.stats().await.unwrap(),
        orgs_before,
        "a failed import writes nothing"
    );

    // Deleting cascades to positions and memberships; the audit log keeps every change.
    let audit_before = store.list_audit(500, 0).await.unwrap().total;
    store.delete_organisation(&me, hkitf.id).await.unwrap();
    assert!(store.positions_of_person(chiu.id).await.unwrap().is_empty());
    assert!(
        store
            .list_memberships(&MembershipFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    let audit = store.list_audit(1, 0).await.unwrap();
    assert_eq!(audit.total, audit_before + 1);
    let last = &audit.items[0];
    assert_eq!(
        (last.action.as_str(), last.entity.as_str(), last.entity_id),
        ("delete", "organisation", hkitf.id)
    );
    assert!(
        last.before_json
            .as_deref()
            .is_some_and(|j| j.contains("香港資訊科技聯會"))
    );
    let stats = store.stats().await.unwrap();
    assert_eq!((stats.organisations, stats.sides), (4, 1));

    // The search change log is pruned to its newest entries; numbering goes on.
    let head = store.search_change_head().await.unwrap();
    assert!(head > 3, "the story wrote to the log");
    let gone = store.prune_search_changes(2).await.unwrap();
    // The last two numbers are kept (PostgreSQL's sequence may skip one, for a write
    // that was rolled back).
    let left: Vec<i64> = store
        .search_changes_after(0, 100)
        .await
        .unwrap()
        .iter()
        .map(|c| c.seq)
        .collect();
    assert!(
        left.last() == Some(&head) && left.iter().all(|&seq| seq > head - 2),
        "{left:?} of {head}"
    );
    assert!(gone >= 2, "{gone} entries pruned");
    assert_eq!(store.prune_search_changes(2).await.unwrap(), 0);
    store
        .create_organisation(&me, &org("澳門科技協會", "macao"))
        .await
        .unwrap();
    assert_eq!(store.search_change_head().await.unwrap(), head + 1);
    store.ping().await.unwrap();
}

#[tokio::test]
async fn store_story_on_sqlite() {
    let db = TestDb::sqlite();
    story(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn store_story_on_postgres() {
    let db = TestDb::postgres().await;
    let store = db.open().await;
    assert_eq!(store.backend(), "postgres");
    story(store).await;
}

/// Many writers at once: each either succeeds or is refused for a reason the user can act
/// on; none fails because the database was busy.
pub async fn concurrent_writers(store: Arc<dyn Store>) {
    let me = Actor::cli();
    let target = store
        .create_organisation(&me, &org("並發測試協會", "macao"))
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..24 {
        let store = store.clone();
        let me = me.clone();
        tasks.push(tokio::spawn(async move {
            let mut d = org("並發測試協會", "macao");
            d.name_en = Some(format!("writer {i}"));
            let update = store.update_organisation(&me, target.id, &d).await;
            let create = store
                .create_organisation(&me, &org(&format!("並發新機構{i}"), "macao"))
                .await;
            (update.map(|o| o.version), create.map(|o| o.id))
        }));
    }
    for t in tasks {
        let (update, create) = t.await.unwrap();
        update.expect("an unversioned update always applies");
        create.expect("independent creations all succeed");
    }
    assert_eq!(store.get_organisation(target.id).await.unwrap().version, 25);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_on_sqlite() {
    let db = TestDb::sqlite();
    concurrent_writers(db.open().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn concurrent_writers_on_postgres() {
    let db = TestDb::postgres().await;
    concurrent_writers(db.open().await).await;
}

/// API tokens on both backends: kept by hash, found while valid (their use noted at most
/// every few minutes), refused once expired or revoked, revocable by their owner alone,
/// gone with the account's erasure.
async fn api_tokens(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let mut users = Vec::new();
    for email in ["door@hkitf.example", "other@hkitf.example"] {
        let u = UserInput {
            email: email.into(),
            display_name: "程式".into(),
            role: "participant".into(),
            side_id: None,
            org_id: None,
        }
        .validate()
        .unwrap();
        users.push(s.create_user(&me, &u, "x").await.unwrap());
    }
    let (owner, other) = (&users[0], &users[1]);
    let t0 = 1_800_000_000;
    assert!(matches!(
        s.create_api_token(&me, owner.id, "  ", "h0", None, false).await,
        Err(StoreError::Invalid(f)) if f[0].field == "name"
    ));
    let scanner = s
        .create_api_token(
            &me,
            owner.id,
            "入場掃描器",
            "hash-scanner",
            Some(t0 + 86_400),
            false,
        )
        .await
        .unwrap();
    let site = s
        .create_api_token(&me, owner.id, "website", "hash-site", None, true)
        .await
        .unwrap();
    assert_eq!(scanner.last_used_at, None);
    assert!(!scanner.read_only && site.read_only);
    let names: Vec<String> = s
        .api_tokens(owner.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names.len(), 2);
    assert!(s.api_tokens(other.id).await.unwrap().is_empty());

    let (found, user) = s.api_token_user("hash-scanner", t0).await.unwrap().unwrap();
    assert_eq!((found.id, user.id), (scanner.id, owner.id));
    let used = |id: i64| async move {
        s.api_tokens(owner.id)
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.id == id)
            .unwrap()
            .last_used_at
    };
    assert_eq!(used(scanner.id).await, Some(t0));
    s.api_token_user("hash-scanner", t0 + 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        used(scanner.id).await,
        Some(t0),
        "noted at most every few minutes"
    );
    s.api_token_user("hash-scanner", t0 + TOKEN_USE_SECONDS)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used(scanner.id).await, Some(t0 + TOKEN_USE_SECONDS));
    // Expired, unknown: nobody.
    assert!(
        s.api_token_user("hash-scanner", t0 + 86_400)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        s.api_token_user("hash-nothing", t0)
            .await
            .unwrap()
            .is_none()
    );
    // Revoked by its owner only.
    assert!(matches!(
        s.delete_api_token(&me, other.id, site.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(s.api_token_user("hash-site", t0).await.unwrap().is_some());
    s.delete_api_token(&me, owner.id, site.id).await.unwrap();
    assert!(s.api_token_user("hash-site", t0).await.unwrap().is_none());
    // The requests of a minute, added up over the nodes; an earlier minute's go when a
    // later one is counted, and a revoked token is left out.
    let minute = t0 / 60;
    assert_eq!(
        s.add_token_use(minute, &[(scanner.id, 3)]).await.unwrap(),
        [(scanner.id, 3)]
    );
    assert_eq!(
        s.add_token_use(minute, &[(scanner.id, 2), (site.id, 1)])
            .await
            .unwrap(),
        [(scanner.id, 5)]
    );
    assert_eq!(
        s.add_token_use(minute, &[(scanner.id, 0)]).await.unwrap(),
        [(scanner.id, 5)]
    );
    assert_eq!(
        s.add_token_use(minute + 1, &[(scanner.id, 1)])
            .await
            .unwrap(),
        [(scanner.id, 1)]
    );
    assert_eq!(s.add_token_use(minute + 2, &[]).await.unwrap(), []);
    assert_eq!(
        s.add_token_use(minute, &[(scanner.id, 1)]).await.unwrap(),
        [(scanner.id, 1)],
        "the count of a minute two before the last was dropped"
    );
    // The account erased: its tokens go.
    s.create_api_token(&me, owner.id, "again", "hash-again", None, false)
        .await
        .unwrap();
    s.erase_user(&me, owner.id).await.unwrap();
    assert!(s.api_token_user("hash-again", t0).await.unwrap().is_none());
    assert!(s.api_tokens(owner.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn api_tokens_on_sqlite() {
    let db = TestDb::sqlite();
    api_tokens(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn api_tokens_on_postgres() {
    let db = TestDb::postgres().await;
    api_tokens(db.open().await).await;
}

/// Idempotency keys on both backends: the first request claims its key, the same one
/// meanwhile is told it is in progress, another request under the key is a mismatch; the
/// kept answer comes back whole; a key let go, stale or a day old is claimed afresh; keys
/// are each account's; two claims at once give one claim; an erasure drops them.
async fn idempotency_keys(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let mut users = Vec::new();
    for email in ["scanner@hkitf.example", "script@hkitf.example"] {
        let u = UserInput {
            email: email.into(),
            display_name: "程式".into(),
            role: "participant".into(),
            side_id: None,
            org_id: None,
        }
        .validate()
        .unwrap();
        users.push(s.create_user(&me, &u, "x").await.unwrap());
    }
    let (a, b) = (users[0].id, users[1].id);
    let t0 = 1_800_000_000;
    let claim = |user: i64, key: &'static str, print: &'static str, now: i64| async move {
        s.claim_idempotency_key(user, key, print, now)
            .await
            .unwrap()
    };
    assert_eq!(
        claim(a, "k1", "POST /x {1}", t0).await,
        IdempotencyClaim::Claimed
    );
    assert_eq!(
        claim(a, "k1", "POST /x {1}", t0 + 1).await,
        IdempotencyClaim::InProgress
    );
    assert_eq!(
        claim(a, "k1", "POST /x {2}", t0 + 1).await,
        IdempotencyClaim::Mismatch
    );
    // Another account's key of the same name is its own.
    assert_eq!(
        claim(b, "k1", "POST /y", t0 + 1).await,
        IdempotencyClaim::Claimed
    );
    let answer = KeptAnswer {
        status: 201,
        headers: vec![("content-type".into(), "application/json".into())],
        body: "{\"manage_url\":\"/zh-Hant/registrations/abc\"}"
            .as_bytes()
            .to_vec(),
    };
    s.keep_idempotent_answer(a, "k1", &answer).await.unwrap();
    assert_eq!(
        claim(a, "k1", "POST /x {1}", t0 + 2).await,
        IdempotencyClaim::Answered(answer.clone())
    );
    assert_eq!(
        claim(a, "k1", "POST /x {2}", t0 + 2).await,
        IdempotencyClaim::Mismatch
    );
    // Letting go of an answered key keeps it; of one in progress frees it.
    s.release_idempotency_key(a, "k1").await.unwrap();
    assert!(matches!(
        claim(a, "k1", "POST /x {1}", t0 + 3).await,
        IdempotencyClaim::Answered(_)
    ));
    s.release_idempotency_key(b, "k1").await.unwrap();
    assert_eq!(
        claim(b, "k1", "POST /y {other}", t0 + 3).await,
        IdempotencyClaim::Claimed
    );
    // A claim whose node died is taken over once stale, not before.
    assert_eq!(
        claim(a, "k2", "PUT /z", t0).await,
        IdempotencyClaim::Claimed
    );
    assert_eq!(
        claim(a, "k2", "PUT /z", t0 + IDEMPOTENCY_STALE_SECONDS - 1).await,
        IdempotencyClaim::InProgress
    );
    assert_eq!(
        claim(a, "k2", "PUT /z", t0 + IDEMPOTENCY_STALE_SECONDS + 1).await,
        IdempotencyClaim::Claimed
    );
    // A day on, the kept answer is gone and the key is free for anything.
    assert_eq!(
        claim(a, "k1", "POST /x {2}", t0 + IDEMPOTENCY_SECONDS + 3).await,
        IdempotencyClaim::Claimed
    );
    // Two claims at once: exactly one holds the key.
    let t1 = t0 + 2 * IDEMPOTENCY_SECONDS;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .claim_idempotency_key(a, "k3", "POST /race", t1)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut claimed = 0;
    for t in tasks {
        match t.await.unwrap() {
            IdempotencyClaim::Claimed => claimed += 1,
            other => assert_eq!(other, IdempotencyClaim::InProgress),
        }
    }
    assert_eq!(claimed, 1);
    // A registrant erased: the answers kept for others' writes that show them go (the
    // organiser's program registering them, say); the others stay.
    let ev = crate::events_store::event(s, None, false).await;
    let reg = s
        .register(
            ev.id,
            &crate::events_store::person(4),
            baylink_store::Channel::Public,
            "kept-4",
            "zh-Hant",
            t1,
        )
        .await
        .unwrap();
    let showing = KeptAnswer {
        body: format!("{{\"id\":{},\"email\":\"{}\"}}", reg.id, reg.email).into_bytes(),
        ..answer.clone()
    };
    for (key, kept) in [("k4", &showing), ("k5", &answer)] {
        assert_eq!(
            claim(b, key, "POST /register", t1).await,
            IdempotencyClaim::Claimed
        );
        s.keep_idempotent_answer(b, key, kept).await.unwrap();
    }
    s.erase_registration(None, reg.id, t1 + 1).await.unwrap();
    assert_eq!(
        claim(b, "k4", "POST /register", t1 + 2).await,
        IdempotencyClaim::Claimed,
        "the answer that showed the registrant is gone"
    );
    assert!(matches!(
        claim(b, "k5", "POST /register", t1 + 2).await,
        IdempotencyClaim::Answered(_)
    ));
    // The account erased: its keys and answers go.
    s.keep_idempotent_answer(a, "k3", &answer).await.unwrap();
    s.erase_user(&me, a).await.unwrap();
    assert_eq!(
        claim(a, "k3", "POST /other", t1 + 1).await,
        IdempotencyClaim::Claimed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotency_keys_on_sqlite() {
    let db = TestDb::sqlite();
    idempotency_keys(db.open().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn idempotency_keys_on_postgres() {
    let db = TestDb::postgres().await;
    idempotency_keys(db.open().await).await;
}

/// Lists of names come in the order each reader expects (pinyin, strokes, A–Z by the
/// English name), paged in the database; a rename re-keys the name; a database whose keys
/// are missing or were made by other collation data is re-keyed when it opens.
pub async fn name_order(db: &TestDb) {
    let store = db.open().await;
    let me = Actor::cli();
    let mut ids = std::collections::HashMap::new();
    for (name, en, region) in [
        ("澳門大學", Some("University of Macau"), "macao"),
        ("深圳大学", Some("Shenzhen University"), "shenzhen"),
        ("香港科技大學", None, "hong_kong"),
        ("一元科技有限公司", None, "shenzhen"),
    ] {
        let mut d = org(name, region);
        d.name_en = en.map(Into::into);
        let o = store.create_organisation(&me, &d).await.unwrap();
        ids.insert(name, o.id);
    }
    let listed = |order: baylink_text::NameOrder, offset: i64| {
        let store = store.clone();
        async move {
            store
                .list_organisations(&OrgFilter {
                    order,
                    limit: 2,
                    offset,
                    ..Default::default()
                })
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|o| o.name)
                .collect::<Vec<_>>()
        }
    };
    use baylink_text::NameOrder::*;
    let both = |a: Vec<String>, b: Vec<String>| [a, b].concat();
    // ào, shēn, xiāng, yī
    let pinyin = ["澳門大學", "深圳大学", "香港科技大學", "一元科技有限公司"];
    assert_eq!(
        both(listed(Pinyin, 0).await, listed(Pinyin, 2).await),
        pinyin
    );
    // 一 1, 香 9, 深 11 (counted as 深圳大學), 澳 16
    let strokes = ["一元科技有限公司", "香港科技大學", "深圳大学", "澳門大學"];
    assert_eq!(
        both(listed(Strokes, 0).await, listed(Strokes, 2).await),
        strokes
    );
    // The English names A–Z, then those without one by pinyin.
    let alphabetical = ["深圳大学", "澳門大學", "香港科技大學", "一元科技有限公司"];
    assert_eq!(
        both(listed(Alphabetical, 0).await, listed(Alphabetical, 2).await),
        alphabetical
    );

    // A rename moves the organisation: 香港 (9 strokes) becomes 大灣區 (3).
    let hk = store.get_organisation(ids["香港科技大學"]).await.unwrap();
    let mut edit = org("大灣區科技大學", "hong_kong");
    edit.version = Some(hk.version);
    store.update_organisation(&me, hk.id, &edit).await.unwrap();
    assert_eq!(
        listed(Strokes, 0).await,
        ["一元科技有限公司", "大灣區科技大學"]
    );

    // People too, and the memberships of a year within each designation.
    for name in ["黃大仙", "王小明"] {
        store.create_person(&me, &person(name)).await.unwrap();
    }
    let people = |order| {
        let store = store.clone();
        async move {
            store
                .list_people(&PersonFilter {
                    order,
                    limit: 10,
                    ..Default::default()
                })
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(people(Pinyin).await, ["黃大仙", "王小明"]); // huáng, wáng
    assert_eq!(people(Strokes).await, ["王小明", "黃大仙"]); // 王 4, 黃 12

    // As an older release left it: no keys, and keys made by other collation data.
    drop(store);
    db.execute(
        "UPDATE organisations SET sort_pinyin = NULL, sort_strokes = NULL, sort_alphabetical = NULL; \
         UPDATE people SET sort_strokes = sort_pinyin; \
         UPDATE name_order SET fingerprint = 'older'",
    )
    .await;
    let store = db.open().await;
    let all = store
        .list_organisations(&OrgFilter {
            order: Strokes,
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        all.items
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>(),
        ["一元科技有限公司", "大灣區科技大學", "深圳大学", "澳門大學"]
    );
    let people = store
        .list_people(&PersonFilter {
            order: Strokes,
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        people
            .items
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["王小明", "黃大仙"]
    );
}

#[tokio::test]
async fn name_order_on_sqlite() {
    name_order(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn name_order_on_postgres() {
    name_order(&TestDb::postgres().await).await;
}

/// Passwords on both backends: a change ends the account's other sessions; a link is
/// queued for an account's address however typed, for no other, and a "forgotten
/// password" link at most once in ten minutes; its token rides in the mail's row only
/// until sent; a link works once, before it expires, and ends every session; setting a
/// password uses up the links still out; an invited account is made with its link in one
/// transaction; an erasure drops the links.
pub async fn password_links(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let holder = s
        .create_user(&me, &participant("holder@hkpc.example"), "hash-old")
        .await
        .unwrap();
    let now = baylink_store::sql::now();
    let session = |token: &str| Session {
        token_hash: token.into(),
        user_id: holder.id,
        csrf_token: "csrf".into(),
        created_at: now,
        expires_at: now + 86_400,
    };
    for token in ["kept", "other", "third"] {
        s.create_session(&session(token)).await.unwrap();
    }
    assert_eq!(s.list_sessions(holder.id, now).await.unwrap().len(), 3);
    assert_eq!(holder.last_sign_in_at, None);
    assert_eq!(
        s.get_user(holder.id).await.unwrap().last_sign_in_at,
        Some(now),
        "a session is a sign-in"
    );
    assert_eq!(
        s.list_sessions(holder.id, now + 86_400)
            .await
            .unwrap()
            .len(),
        0,
        "expired"
    );
    assert_eq!(s.end_other_sessions(holder.id, "third").await.unwrap(), 2);
    assert!(s.get_session("third", now).await.unwrap().is_some());
    for token in ["kept", "other"] {
        s.create_session(&session(token)).await.unwrap();
    }
    s.set_password(&me, holder.id, "hash-new", Some("kept"))
        .await
        .unwrap();
    assert_eq!(
        s.get_user(holder.id).await.unwrap().password_hash,
        "hash-new"
    );
    assert!(s.get_session("kept", now).await.unwrap().is_some());
    assert!(s.get_session("other", now).await.unwrap().is_none());
    assert_eq!(s.list_sessions(holder.id, now).await.unwrap().len(), 1);

    let link = |purpose, token: &'static str, token_hash: &'static str, now| NewLink {
        purpose,
        token,
        token_hash,
        now,
    };
    let reset = LinkPurpose::Reset;
    let invite = LinkPurpose::Invite;
    assert!(
        !s.queue_password_link("nobody@hkpc.example", "en", link(reset, "t0", "h0", now))
            .await
            .unwrap()
    );
    assert!(
        s.queue_password_link(
            " Holder@HKPC.example ",
            "zh-Hant",
            link(reset, "t1", "h1", now)
        )
        .await
        .unwrap()
    );
    assert!(
        !s.queue_password_link(
            "holder@hkpc.example",
            "en",
            link(reset, "t2", "h2", now + 60)
        )
        .await
        .unwrap(),
        "one forgotten-password mail in ten minutes"
    );
    assert!(s.password_link("h2").await.unwrap().is_none());
    assert!(
        s.queue_password_link(
            "holder@hkpc.example",
            "en",
            link(invite, "t3", "h3", now + 60)
        )
        .await
        .unwrap(),
        "an administrator's link is not held back"
    );
    let (first, user) = s.password_link("h1").await.unwrap().unwrap();
    assert_eq!(user.id, holder.id);
    assert_eq!(first.purpose, reset);
    assert_eq!(first.expires_at, now + RESET_SECONDS);
    assert_eq!(first.used_at, None);
    let (third, _) = s.password_link("h3").await.unwrap().unwrap();
    assert_eq!(third.expires_at, now + 60 + INVITE_SECONDS);

    let mails = crate::kit::sent_mails(s, now + 60).await;
    let mails: Vec<_> = mails
        .iter()
        .map(|m| {
            (
                m.kind.as_str(),
                m.to_addr.as_str(),
                m.locale.as_str(),
                m.secret.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        mails,
        [
            // The change of the password at the start, told to the holder.
            ("password_changed", "holder@hkpc.example", "zh-Hant", None),
            (
                "password_reset",
                "holder@hkpc.example",
                "zh-Hant",
                Some("t1")
            ),
            ("account_invite", "holder@hkpc.example", "en", Some("t3")),
        ]
    );
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM outbox WHERE secret IS NOT NULL")
            .await,
        0,
        "a link is not kept once its mail is sent"
    );

    // Expired: refused, nothing changed.
    assert!(matches!(
        s.use_password_link("h1", "hash-late", now + RESET_SECONDS)
            .await,
        Err(StoreError::Conflict("err-password-link"))
    ));
    assert_eq!(
        s.get_user(holder.id).await.unwrap().password_hash,
        "hash-new"
    );
    s.create_session(&session("again")).await.unwrap();
    let key = "email:holder@hkpc.example";
    s.record_login_failure(key, now, now - 900).await.unwrap();
    let user = s
        .use_password_link("h3", "hash-set", now + 120)
        .await
        .unwrap();
    assert_eq!(user.id, holder.id);
    assert_eq!(
        s.get_user(holder.id).await.unwrap().password_hash,
        "hash-set"
    );
    for token in ["kept", "again"] {
        assert!(
            s.get_session(token, now).await.unwrap().is_none(),
            "{token}"
        );
    }
    assert_eq!(s.count_login_failures(key, now - 900).await.unwrap(), 0);
    for hash in ["h1", "h3"] {
        let (l, _) = s.password_link(hash).await.unwrap().unwrap();
        assert_eq!(l.used_at, Some(now + 120), "{hash} used up");
    }
    for hash in ["h3", "h-unknown"] {
        assert!(matches!(
            s.use_password_link(hash, "hash-twice", now + 130).await,
            Err(StoreError::Conflict("err-password-link"))
        ));
    }
    // Choosing a password otherwise uses up the links still out.
    assert!(
        s.queue_password_link(
            "holder@hkpc.example",
            "en",
            link(invite, "t4", "h4", now + 200)
        )
        .await
        .unwrap()
    );
    s.set_password(&me, holder.id, "hash-mine", None)
        .await
        .unwrap();
    assert!(matches!(
        s.use_password_link("h4", "hash-x", now + 210).await,
        Err(StoreError::Conflict("err-password-link"))
    ));
    assert_eq!(
        s.get_user(holder.id).await.unwrap().password_hash,
        "hash-mine"
    );

    // An invited account: made without a password, with its link and mail, together.
    let invited = s
        .create_invited_user(
            &me,
            &participant("new@szia.example"),
            "zh-Hans",
            link(reset, "t5", "h5", now),
        )
        .await
        .unwrap();
    assert_eq!(invited.password_hash, "");
    let (l, _) = s.password_link("h5").await.unwrap().unwrap();
    assert_eq!((l.purpose, l.user_id), (invite, invited.id));
    let taken = s
        .create_invited_user(
            &me,
            &participant("new@szia.example"),
            "en",
            link(invite, "t6", "h6", now),
        )
        .await;
    assert!(
        matches!(taken, Err(StoreError::Invalid(ref f)) if f[0].code == "err-email-taken"),
        "{taken:?}"
    );
    assert!(s.password_link("h6").await.unwrap().is_none());
    let mails = crate::kit::sent_mails(s, now + 220).await;
    assert_eq!(
        mails
            .iter()
            .map(|m| (m.kind.as_str(), m.to_addr.as_str(), m.locale.as_str()))
            .collect::<Vec<_>>(),
        [
            ("password_changed", "holder@hkpc.example", "zh-Hant"),
            ("account_invite", "holder@hkpc.example", "en"),
            ("password_changed", "holder@hkpc.example", "zh-Hant"),
            // The invited account's first password will not be news: no notice then.
            ("account_invite", "new@szia.example", "zh-Hans")
        ]
    );

    // Erased: the links go, and none is made for the account again.
    s.erase_user(&me, invited.id).await.unwrap();
    assert!(s.password_link("h5").await.unwrap().is_none());
    assert!(matches!(
        s.use_password_link("h5", "hash-x", now + 230).await,
        Err(StoreError::Conflict("err-password-link"))
    ));
    assert!(matches!(
        s.set_password(&me, invited.id, "hash-x", None).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM password_links WHERE user_id = {}",
            invited.id
        ))
        .await,
        0
    );
}

#[tokio::test]
async fn password_links_on_sqlite() {
    password_links(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn password_links_on_postgres() {
    password_links(&TestDb::postgres().await).await;
}

/// Accounts changed and suspended on both backends: an administrator changes an account's
/// address, name and role (another's address refused, their own role never); a suspended
/// account has no session, token or password link that works and gets no new link, keeps
/// its first suspension time, and works again once reinstated; one does not suspend
/// oneself; an erased account is neither changed nor suspended.
pub async fn accounts_changed_and_suspended(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let cli = Actor::cli();
    let draft = |email: &str, name: &str, role: &str, side_id: Option<i64>| {
        UserInput {
            email: email.into(),
            display_name: name.into(),
            role: role.into(),
            side_id,
            org_id: None,
        }
        .validate()
        .unwrap()
    };
    let side = s.list_sides().await.unwrap().first().map(|x| x.id);
    let admin = s
        .create_user(
            &cli,
            &draft("root@alliance.example", "管理員", "admin", None),
            "h",
        )
        .await
        .unwrap();
    let by_admin = Actor {
        user_id: Some(admin.id),
        name: admin.email.clone(),
    };
    let staff = s
        .create_user(
            &cli,
            &draft("staff@alliance.example", "職員", "participant", None),
            "h",
        )
        .await
        .unwrap();
    s.create_user(
        &cli,
        &draft("taken@alliance.example", "另一位", "participant", None),
        "h",
    )
    .await
    .unwrap();

    // Changed: address, name, role; audited with before and after.
    let role = if side.is_some() {
        "secretariat"
    } else {
        "participant"
    };
    let moved = s
        .update_user(
            &by_admin,
            staff.id,
            &draft("Staff.HK@alliance.example", "職員（香港）", role, side),
        )
        .await
        .unwrap();
    assert_eq!(moved.email, "staff.hk@alliance.example");
    assert_eq!(moved.display_name, "職員（香港）");
    assert_eq!(moved.role.code(), role);
    assert_eq!(moved.side_id, side);
    assert_eq!(s.get_user(staff.id).await.unwrap(), moved);
    let audit = s.list_audit(5, 0).await.unwrap();
    assert!(audit.items.iter().any(|a| a.entity == "user"
        && a.entity_id == staff.id
        && a.action == "update"
        && a.actor == "root@alliance.example"));
    let taken = s
        .update_user(
            &by_admin,
            staff.id,
            &draft("taken@alliance.example", "職員", role, side),
        )
        .await;
    assert!(
        matches!(taken, Err(StoreError::Invalid(ref f)) if f[0].code == "err-email-taken"),
        "{taken:?}"
    );
    assert!(matches!(
        s.update_user(
            &by_admin,
            admin.id,
            &draft("root@alliance.example", "管理員", "participant", None)
        )
        .await,
        Err(StoreError::Conflict("err-own-role"))
    ));
    let renamed = s
        .update_user(
            &by_admin,
            admin.id,
            &draft("root@alliance.example", "總管理員", "admin", None),
        )
        .await
        .unwrap();
    assert_eq!(renamed.display_name, "總管理員");

    // Suspended: nothing of theirs works, and no new link is made.
    let now = baylink_store::sql::now();
    s.create_session(&Session {
        token_hash: "staff-session".into(),
        user_id: staff.id,
        csrf_token: "c".into(),
        created_at: now,
        expires_at: now + 3600,
    })
    .await
    .unwrap();
    s.create_api_token(&cli, staff.id, "script", "staff-token", None, false)
        .await
        .unwrap();
    let link = |token: &'static str, token_hash: &'static str| NewLink {
        purpose: LinkPurpose::Invite,
        token,
        token_hash,
        now,
    };
    assert!(
        s.queue_password_link(&moved.email, "en", link("t1", "h1"))
            .await
            .unwrap()
    );
    assert!(matches!(
        s.suspend_user(&by_admin, admin.id, true).await,
        Err(StoreError::Conflict("err-suspend-self"))
    ));
    let suspended = s.suspend_user(&by_admin, staff.id, true).await.unwrap();
    let since = suspended.suspended_at.expect("suspended");
    assert!(!suspended.is_active());
    assert!(s.get_session("staff-session", now).await.unwrap().is_none());
    s.create_session(&Session {
        token_hash: "later-session".into(),
        user_id: staff.id,
        csrf_token: "c".into(),
        created_at: now,
        expires_at: now + 3600,
    })
    .await
    .unwrap();
    assert!(s.get_session("later-session", now).await.unwrap().is_none());
    assert!(
        s.api_token_user("staff-token", now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(s.password_link("h1").await.unwrap().is_none());
    assert!(matches!(
        s.use_password_link("h1", "hash-x", now + 1).await,
        Err(StoreError::Conflict("err-password-link"))
    ));
    assert!(
        !s.queue_password_link(&moved.email, "en", link("t2", "h2"))
            .await
            .unwrap()
    );
    let again = s.suspend_user(&by_admin, staff.id, true).await.unwrap();
    assert_eq!(again.suspended_at, Some(since), "the first time is kept");

    // Reinstated: the account and its token work again; the used-up session does not.
    let back = s.suspend_user(&by_admin, staff.id, false).await.unwrap();
    assert!(back.is_active());
    assert!(
        s.api_token_user("staff-token", now)
            .await
            .unwrap()
            .is_some()
    );
    assert!(s.get_session("staff-session", now).await.unwrap().is_none());

    // Erased: neither changed nor suspended.
    s.erase_user(&by_admin, staff.id).await.unwrap();
    assert!(matches!(
        s.update_user(
            &by_admin,
            staff.id,
            &draft("x@alliance.example", "X", "participant", None)
        )
        .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.suspend_user(&by_admin, staff.id, true).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn accounts_changed_and_suspended_on_sqlite() {
    accounts_changed_and_suspended(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn accounts_changed_and_suspended_on_postgres() {
    accounts_changed_and_suspended(&TestDb::postgres().await).await;
}

/// Two-step sign-in on both backends: the secret is kept and dropped with an audit line
/// that never holds it; a time step is taken once and only after those taken before; a
/// waiting sign-in lasts its few minutes, ends when told, and not for a suspended
/// account; a recovery code is taken once, by its account only, new ones take the place
/// of the old, and turning it off leaves none; an erasure drops the secret, the codes and
/// the waiting sign-ins.
pub async fn two_factor(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let user = s
        .create_user(&me, &participant("twostep@hkitf.example"), "h")
        .await
        .unwrap();
    assert!(!user.two_factor());
    assert!(
        !s.take_totp_step(user.id, 1).await.unwrap(),
        "no secret, no step"
    );
    let hashes = |names: &[&str]| names.iter().map(|h| h.to_string()).collect::<Vec<_>>();
    s.set_totp(
        &me,
        user.id,
        Some("JBSWY3DPEHPK3PXP"),
        &hashes(&["r1", "r2", "r3"]),
    )
    .await
    .unwrap();
    let on = s.get_user(user.id).await.unwrap();
    assert_eq!(on.totp_secret.as_deref(), Some("JBSWY3DPEHPK3PXP"));
    assert!(s.take_totp_step(user.id, 100).await.unwrap());
    assert!(!s.take_totp_step(user.id, 100).await.unwrap(), "once");
    assert!(
        !s.take_totp_step(user.id, 99).await.unwrap(),
        "not an earlier one"
    );
    assert!(s.take_totp_step(user.id, 101).await.unwrap());
    // Recovery codes: each taken once, by its hash, and counted.
    assert_eq!(s.recovery_codes_left(user.id).await.unwrap(), 3);
    assert_eq!(
        s.take_recovery_code(user.id, "r1", 1_800_000_000)
            .await
            .unwrap(),
        Some(2)
    );
    assert_eq!(
        s.take_recovery_code(user.id, "r1", 1_800_000_001)
            .await
            .unwrap(),
        None,
        "once"
    );
    assert_eq!(
        s.take_recovery_code(user.id, "nope", 1_800_000_001)
            .await
            .unwrap(),
        None
    );
    let other = s
        .create_user(&me, &participant("other-twostep@hkitf.example"), "h")
        .await
        .unwrap();
    assert_eq!(
        s.take_recovery_code(other.id, "r2", 1_800_000_001)
            .await
            .unwrap(),
        None,
        "another account's code"
    );
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = {} AND used_at = 1800000000",
            user.id
        ))
        .await,
        1
    );
    // New ones take the place of all before.
    s.replace_recovery_codes(&me, user.id, &hashes(&["r4", "r5"]))
        .await
        .unwrap();
    assert_eq!(s.recovery_codes_left(user.id).await.unwrap(), 2);
    assert_eq!(
        s.take_recovery_code(user.id, "r2", 1_800_000_002)
            .await
            .unwrap(),
        None
    );
    assert!(matches!(
        s.replace_recovery_codes(&me, other.id, &hashes(&["r9"]))
            .await,
        Err(StoreError::Conflict("err-two-factor-off"))
    ));
    let audit = s.list_audit(10, 0).await.unwrap();
    assert!(audit.items.iter().any(
        |a| a.entity_id == user.id && a.after_json.as_deref() == Some(r#"{"two_factor":"on"}"#)
    ));
    assert!(audit.items.iter().any(|a| a.entity_id == user.id
        && a.actor == user.display_name
        && a.after_json.as_deref() == Some(r#"{"recovery_codes":"used"}"#)));
    assert!(audit.items.iter().any(|a| a.entity_id == user.id
        && a.after_json.as_deref() == Some(r#"{"recovery_codes":"new"}"#)));
    assert!(
        audit
            .items
            .iter()
            .all(|a| !format!("{a:?}").contains("JBSWY3DPEHPK3PXP"))
    );
    // Off, then on again: the steps start afresh, and no recovery code is left.
    s.set_totp(&me, user.id, None, &hashes(&["ignored"]))
        .await
        .unwrap();
    assert!(!s.get_user(user.id).await.unwrap().two_factor());
    assert!(!s.take_totp_step(user.id, 102).await.unwrap());
    assert_eq!(s.recovery_codes_left(user.id).await.unwrap(), 0);
    assert_eq!(
        s.take_recovery_code(user.id, "r4", 1_800_000_003)
            .await
            .unwrap(),
        None
    );
    s.set_totp(&me, user.id, Some("JBSWY3DPEHPK3PXP"), &[])
        .await
        .unwrap();
    assert!(s.take_totp_step(user.id, 50).await.unwrap());
    // Each change told to the holder; setting the same again is no news.
    s.set_totp(&me, user.id, Some("JBSWY3DPEHPK3PXP"), &hashes(&["r6"]))
        .await
        .unwrap();
    let notices: Vec<_> = crate::kit::sent_mails(s, baylink_store::sql::now() + 1)
        .await
        .into_iter()
        .map(|m| (m.kind, m.to_addr))
        .collect();
    let to = |kind: &str| (kind.to_owned(), "twostep@hkitf.example".to_owned());
    assert_eq!(
        notices,
        [
            to("two_factor_on"),
            to("recovery_code_used"),
            to("two_factor_off"),
            to("two_factor_on")
        ]
    );

    // A sign-in waiting for its code.
    let now = 1_800_000_000;
    s.create_challenge("wait-1", user.id, now).await.unwrap();
    let waiting = s.challenge_user("wait-1", now + 10).await.unwrap().unwrap();
    assert_eq!(waiting.id, user.id);
    assert!(waiting.two_factor());
    assert!(
        s.challenge_user("wait-1", now + CHALLENGE_SECONDS)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(s.challenge_user("wait-none", now).await.unwrap().is_none());
    s.end_challenge("wait-1").await.unwrap();
    assert!(
        s.challenge_user("wait-1", now + 10)
            .await
            .unwrap()
            .is_none()
    );
    s.create_challenge("wait-2", user.id, now).await.unwrap();
    s.suspend_user(&me, user.id, true).await.unwrap();
    assert!(
        s.challenge_user("wait-2", now + 10)
            .await
            .unwrap()
            .is_none()
    );
    s.suspend_user(&me, user.id, false).await.unwrap();
    assert!(
        s.challenge_user("wait-2", now + 10)
            .await
            .unwrap()
            .is_some()
    );
    // Erased: secret, codes, waiting sign-ins and when it last signed in go.
    let now = baylink_store::sql::now();
    s.create_session(&Session {
        token_hash: "erased-soon".into(),
        user_id: user.id,
        csrf_token: "csrf".into(),
        created_at: now,
        expires_at: now + 60,
    })
    .await
    .unwrap();
    assert!(s.get_user(user.id).await.unwrap().last_sign_in_at.is_some());
    s.erase_user(&me, user.id).await.unwrap();
    let erased = s.get_user(user.id).await.unwrap();
    assert_eq!((erased.totp_secret, erased.last_sign_in_at), (None, None));
    for table in ["sign_in_challenges", "recovery_codes"] {
        assert_eq!(
            db.scalar(&format!(
                "SELECT COUNT(*) FROM {table} WHERE user_id = {}",
                user.id
            ))
            .await,
            0
        );
    }
    assert!(matches!(
        s.set_totp(&me, user.id, Some("JBSWY3DPEHPK3PXP"), &[])
            .await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn two_factor_on_sqlite() {
    two_factor(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn two_factor_on_postgres() {
    two_factor(&TestDb::postgres().await).await;
}

/// The audit log filtered on both backends: by kind of record and one record of it, by
/// part of who did it (any case, `%` and `_` taken literally), by time; newest first,
/// counted whole; the kinds listed for the filter.
pub async fn audit_filter(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let named = |name: &str| Actor {
        user_id: None,
        name: name.into(),
    };
    let before = baylink_store::sql::now();
    let first = s
        .create_organisation(
            &named("Chan@HKITF.example"),
            &org("審計測試協會", "hong_kong"),
        )
        .await
        .unwrap();
    let second = s
        .create_organisation(
            &named("lee_100%@szia.example"),
            &org("审计测试学会", "shenzhen"),
        )
        .await
        .unwrap();
    let mut renamed = org("審計測試協會", "hong_kong");
    renamed.name_en = Some("Audit Test Society".into());
    s.update_organisation(&named("lee_100%@szia.example"), first.id, &renamed)
        .await
        .unwrap();
    let all = s
        .search_audit(&AuditFilter::default(), 100, 0)
        .await
        .unwrap();
    assert_eq!(all.total, s.list_audit(100, 0).await.unwrap().total);
    let of = |f: AuditFilter| async move {
        let page = s.search_audit(&f, 100, 0).await.unwrap();
        let lines: Vec<_> = page
            .items
            .iter()
            .map(|e| (e.action.clone(), e.entity_id))
            .collect();
        (page.total, lines)
    };
    let first_only = AuditFilter {
        entity: Some("organisation".into()),
        entity_id: Some(first.id),
        ..Default::default()
    };
    assert_eq!(
        of(first_only).await,
        (
            2,
            vec![
                ("update".to_owned(), first.id),
                ("create".to_owned(), first.id)
            ]
        ),
        "newest first"
    );
    let by_lee = AuditFilter {
        actor: Some(" LEE_100% ".into()),
        ..Default::default()
    };
    assert_eq!(of(by_lee).await.0, 2);
    let wildcard = AuditFilter {
        actor: Some("lee_1000".into()),
        ..Default::default()
    };
    assert_eq!(of(wildcard).await.0, 0, "`_` and `%` are not wildcards");
    let by_chan = AuditFilter {
        actor: Some("chan@hkitf".into()),
        entity: Some("organisation".into()),
        ..Default::default()
    };
    assert_eq!(
        of(by_chan).await,
        (1, vec![("create".to_owned(), first.id)])
    );
    let later = AuditFilter {
        since: Some(before + 3600),
        ..Default::default()
    };
    assert_eq!(of(later).await.0, 0);
    let window = AuditFilter {
        entity: Some("organisation".into()),
        entity_id: Some(second.id),
        since: Some(before - 1),
        until: Some(before + 3600),
        ..Default::default()
    };
    assert_eq!(of(window).await.0, 1);
    let paged = s
        .search_audit(
            &AuditFilter {
                entity: Some("organisation".into()),
                ..Default::default()
            },
            1,
            1,
        )
        .await
        .unwrap();
    assert_eq!((paged.total, paged.items.len()), (3, 1));
    assert!(
        s.audit_entities()
            .await
            .unwrap()
            .contains(&"organisation".to_owned())
    );
}

#[tokio::test]
async fn audit_filter_on_sqlite() {
    audit_filter(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn audit_filter_on_postgres() {
    audit_filter(&TestDb::postgres().await).await;
}

/// The outbox at a glance on both backends: what waits and since when, what failed and
/// why, what went; a retry makes the failed mails due and leaves one being sent alone.
pub async fn outbox_status(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let now = baylink_store::sql::now();
    crate::kit::sent_mails(s, now + 1).await;
    let user = s
        .create_user(&me, &participant("mailbox@hkitf.example"), "h")
        .await
        .unwrap();
    let link = |token: &'static str, token_hash: &'static str| NewLink {
        purpose: LinkPurpose::Invite,
        token,
        token_hash,
        now,
    };
    for (t, h) in [("o1", "oh1"), ("o2", "oh2")] {
        assert!(
            s.queue_password_link(&user.email, "en", link(t, h))
                .await
                .unwrap()
        );
    }
    let summary = s.outbox_summary(now).await.unwrap();
    assert_eq!((summary.waiting, summary.failing), (2, 0));
    assert_eq!(summary.oldest_waiting_at, Some(now));
    // The first fails; it shows with its error.
    let first = s.claim_mail(now, now + 300).await.unwrap().unwrap();
    s.mark_mail_failed(first.id, "connection refused", now + 3600)
        .await
        .unwrap();
    let summary = s.outbox_summary(now).await.unwrap();
    assert_eq!((summary.waiting, summary.failing), (2, 1));
    let waiting = s.outbox_list(false, 10).await.unwrap();
    assert_eq!(waiting.len(), 2);
    assert_eq!(waiting[0].id, first.id, "oldest first");
    assert_eq!(waiting[0].last_error.as_deref(), Some("connection refused"));
    // The second is being sent (leased): a retry leaves it alone and makes the first due.
    let second = s.claim_mail(now, now + 300).await.unwrap().unwrap();
    assert_ne!(second.id, first.id);
    assert_eq!(s.retry_mail_now(now + 10).await.unwrap(), 1);
    let again = s.claim_mail(now + 10, now + 310).await.unwrap().unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(again.last_error, None, "cleared while it is tried");
    assert!(s.claim_mail(now + 10, now + 310).await.unwrap().is_none());
    assert_eq!(s.retry_mail_now(now + 20).await.unwrap(), 0, "both in hand");
    for id in [first.id, second.id] {
        s.mark_mail_sent(id, now + 20).await.unwrap();
    }
    let summary = s.outbox_summary(now + 30).await.unwrap();
    assert_eq!((summary.waiting, summary.failing), (0, 0));
    assert_eq!(summary.oldest_waiting_at, None);
    assert!(summary.sent_last_day >= 2);
    let sent = s.outbox_list(true, 2).await.unwrap();
    assert!(sent.iter().all(|m| m.sent_at == Some(now + 20)));
    assert_eq!(
        s.outbox_summary(now + 20 + 86_401)
            .await
            .unwrap()
            .sent_last_day,
        0
    );
}

#[tokio::test]
async fn outbox_status_on_sqlite() {
    outbox_status(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn outbox_status_on_postgres() {
    outbox_status(&TestDb::postgres().await).await;
}

/// A holder's new sign-in address on both backends: refused when it is theirs already or
/// another account's; kept by its link's hash and mailed to the new address; confirmed
/// once, before it expires, while the address is still free; the old address told.
pub async fn email_changes(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let user = s
        .create_user(&me, &participant("old@hkpc.example"), "h")
        .await
        .unwrap();
    s.create_user(&me, &participant("taken@hkpc.example"), "h")
        .await
        .unwrap();
    let now = baylink_store::sql::now();
    crate::kit::sent_mails(s, now + 1).await;
    let code = |r: StoreResult<()>| match r {
        Err(StoreError::Invalid(f)) => f[0].code.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        code(
            s.queue_email_change(user.id, " OLD@hkpc.example", "en", "t0", "e0", now)
                .await
        ),
        "err-email-same"
    );
    assert_eq!(
        code(
            s.queue_email_change(user.id, "taken@hkpc.example", "en", "t0", "e0", now)
                .await
        ),
        "err-email-taken"
    );
    s.queue_email_change(user.id, "New@HKPC.example", "zh-Hans", "t1", "e1", now)
        .await
        .unwrap();
    let (to, works, who) = s.email_change("e1", now).await.unwrap().unwrap();
    assert_eq!(
        (to.as_str(), works, who.id),
        ("new@hkpc.example", true, user.id)
    );
    let expired = s
        .email_change("e1", now + EMAIL_CHANGE_SECONDS)
        .await
        .unwrap()
        .unwrap();
    assert!(!expired.1, "not after its day");
    let mails = crate::kit::sent_mails(s, now + 1).await;
    assert_eq!(
        mails
            .iter()
            .map(|m| (m.kind.as_str(), m.to_addr.as_str(), m.secret.as_deref()))
            .collect::<Vec<_>>(),
        [("email_confirm", "new@hkpc.example", Some("t1"))]
    );
    // Expired: refused, nothing changed.
    assert!(matches!(
        s.confirm_email_change("e1", now + EMAIL_CHANGE_SECONDS)
            .await,
        Err(StoreError::Conflict("err-email-link"))
    ));
    assert_eq!(s.get_user(user.id).await.unwrap().email, "old@hkpc.example");
    let moved = s.confirm_email_change("e1", now + 60).await.unwrap();
    assert_eq!(moved.email, "new@hkpc.example");
    assert!(
        s.find_user_by_email("old@hkpc.example")
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        s.confirm_email_change("e1", now + 61).await,
        Err(StoreError::Conflict("err-email-link"))
    ));
    let mails = crate::kit::sent_mails(s, now + 61).await;
    assert_eq!(
        mails
            .iter()
            .map(|m| (m.kind.as_str(), m.to_addr.as_str(), m.body.as_deref()))
            .collect::<Vec<_>>(),
        [(
            "email_changed",
            "old@hkpc.example",
            Some("new@hkpc.example")
        )]
    );
    // Taken meanwhile: refused when confirmed, nothing changed.
    s.queue_email_change(user.id, "later@hkpc.example", "en", "t2", "e2", now)
        .await
        .unwrap();
    s.create_user(&me, &participant("later@hkpc.example"), "h")
        .await
        .unwrap();
    assert!(matches!(
        s.confirm_email_change("e2", now + 70).await,
        Err(StoreError::Invalid(ref f)) if f[0].code == "err-email-taken"
    ));
    assert_eq!(s.get_user(user.id).await.unwrap().email, "new@hkpc.example");
    // Erased: the pending change goes.
    s.queue_email_change(user.id, "third@hkpc.example", "en", "t3", "e3", now)
        .await
        .unwrap();
    s.erase_user(&me, user.id).await.unwrap();
    assert!(s.email_change("e3", now).await.unwrap().is_none());
    assert!(matches!(
        s.confirm_email_change("e3", now + 80).await,
        Err(StoreError::Conflict("err-email-link"))
    ));
}

#[tokio::test]
async fn email_changes_on_sqlite() {
    email_changes(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn email_changes_on_postgres() {
    email_changes(&TestDb::postgres().await).await;
}

/// The language of an account's mails on both backends: it follows the pages until its
/// holder chooses one, which then stays until they let it follow again.
pub async fn mail_language(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let user = s
        .create_user(&me, &participant("language@hkitf.example"), "h")
        .await
        .unwrap();
    assert_eq!((user.locale.as_deref(), user.locale_chosen), (None, false));
    s.set_user_locale(user.id, "en").await.unwrap();
    assert_eq!(
        s.get_user(user.id).await.unwrap().locale.as_deref(),
        Some("en")
    );
    let chosen = s
        .choose_user_locale(user.id, Some("zh-Hant"))
        .await
        .unwrap();
    assert_eq!(
        (chosen.locale.as_deref(), chosen.locale_chosen),
        (Some("zh-Hant"), true)
    );
    // A page in another language no longer moves it.
    s.set_user_locale(user.id, "zh-Hans").await.unwrap();
    assert_eq!(
        s.get_user(user.id).await.unwrap().locale.as_deref(),
        Some("zh-Hant")
    );
    // Let follow again: it keeps the language until the next page says otherwise.
    let follows = s.choose_user_locale(user.id, None).await.unwrap();
    assert_eq!(
        (follows.locale.as_deref(), follows.locale_chosen),
        (Some("zh-Hant"), false)
    );
    s.set_user_locale(user.id, "zh-Hans").await.unwrap();
    assert_eq!(
        s.get_user(user.id).await.unwrap().locale.as_deref(),
        Some("zh-Hans")
    );
    assert!(matches!(
        s.choose_user_locale(999_999, Some("en")).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn mail_language_on_sqlite() {
    mail_language(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn mail_language_on_postgres() {
    mail_language(&TestDb::postgres().await).await;
}

/// The site's settings on both backends: none until set, then the value set last, each
/// change audited with the value before and after.
pub async fn site_settings(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    assert_eq!(s.site_setting(STAFF_TWO_FACTOR).await.unwrap(), None);
    s.set_site_setting(&me, STAFF_TWO_FACTOR, "on")
        .await
        .unwrap();
    assert_eq!(
        s.site_setting(STAFF_TWO_FACTOR).await.unwrap().as_deref(),
        Some("on")
    );
    s.set_site_setting(&me, STAFF_TWO_FACTOR, "off")
        .await
        .unwrap();
    assert_eq!(
        s.site_setting(STAFF_TWO_FACTOR).await.unwrap().as_deref(),
        Some("off")
    );
    assert_eq!(s.site_setting("something_else").await.unwrap(), None);
    let audit = s
        .search_audit(
            &AuditFilter {
                entity: Some("site_setting".into()),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    let changes: Vec<_> = audit
        .items
        .iter()
        .map(|a| (a.before_json.as_deref(), a.after_json.as_deref()))
        .collect();
    assert_eq!(
        changes,
        [
            (
                Some(r#"{"staff_two_factor":"on"}"#),
                Some(r#"{"staff_two_factor":"off"}"#)
            ),
            (None, Some(r#"{"staff_two_factor":"on"}"#)),
        ]
    );
}

#[tokio::test]
async fn site_settings_on_sqlite() {
    site_settings(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn site_settings_on_postgres() {
    site_settings(&TestDb::postgres().await).await;
}

/// The browsers an account is signed in on, on both backends: each with where it signed
/// in from, newest first, named by the start of its hash; one of them ended by that name,
/// never another account's.
pub async fn browser_sessions(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let holder = s
        .create_user(&me, &participant("browsers@hkpc.example"), "h")
        .await
        .unwrap();
    let other = s
        .create_user(&me, &participant("someone@hkpc.example"), "h")
        .await
        .unwrap();
    let now = baylink_store::sql::now();
    let session = |user_id: i64, hash: &str, at: i64| Session {
        token_hash: hash.into(),
        user_id,
        csrf_token: "csrf".into(),
        created_at: at,
        expires_at: at + 86_400,
    };
    let phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40";
    s.create_session_from(
        &session(holder.id, "aaaaaaaaaaaaaaaa1111", now),
        Some(phone),
        Some("203.0.113.7"),
    )
    .await
    .unwrap();
    let long = "x".repeat(500);
    s.create_session_from(
        &session(holder.id, "bbbbbbbbbbbbbbbb2222", now + 10),
        Some(&format!("{long}\u{7}")),
        None,
    )
    .await
    .unwrap();
    s.create_session(&session(other.id, "cccccccccccccccc3333", now))
        .await
        .unwrap();
    let listed = s.list_sessions(holder.id, now + 20).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|b| (b.id.as_str(), b.client_ip.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("bbbbbbbbbbbbbbbb", None),
            ("aaaaaaaaaaaaaaaa", Some("203.0.113.7"))
        ]
    );
    assert_eq!(listed[1].user_agent.as_deref(), Some(phone));
    assert_eq!(
        listed[0].user_agent.as_deref().map(|ua| ua.chars().count()),
        Some(300),
        "cut short, without control characters"
    );
    assert!(
        s.list_sessions(holder.id, now + 86_400 + 20)
            .await
            .unwrap()
            .is_empty()
    );
    // Ended by its name, only its holder's.
    assert!(
        !s.end_session_of(holder.id, "cccccccccccccccc")
            .await
            .unwrap()
    );
    assert!(
        !s.end_session_of(holder.id, "aaaa").await.unwrap(),
        "a whole name"
    );
    assert!(
        !s.end_session_of(holder.id, "%%%%%%%%%%%%%%%%")
            .await
            .unwrap()
    );
    assert!(
        s.end_session_of(holder.id, "aaaaaaaaaaaaaaaa")
            .await
            .unwrap()
    );
    assert!(
        s.get_session("aaaaaaaaaaaaaaaa1111", now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        s.get_session("bbbbbbbbbbbbbbbb2222", now)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        s.get_session("cccccccccccccccc3333", now)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn browser_sessions_on_sqlite() {
    browser_sessions(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn browser_sessions_on_postgres() {
    browser_sessions(&TestDb::postgres().await).await;
}

/// The browsers an account signed in from, on both backends: its first is only noted; a
/// browser never seen before is noted and told to the holder by mail in the same
/// transaction; a known one is not; an erasure forgets them.
pub async fn known_devices(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let user = s
        .create_user(&me, &participant("devices@hkpc.example"), "h")
        .await
        .unwrap();
    let now = baylink_store::sql::now();
    assert!(
        !s.note_device(user.id, "desk", now).await.unwrap(),
        "the first"
    );
    assert!(!s.note_device(user.id, "desk", now + 1).await.unwrap());
    assert!(s.note_device(user.id, "phone", now + 2).await.unwrap());
    assert!(!s.note_device(user.id, "phone", now + 3).await.unwrap());
    let mails: Vec<_> = crate::kit::sent_mails(s, now + 10)
        .await
        .into_iter()
        .map(|m| (m.kind, m.to_addr))
        .collect();
    assert_eq!(
        mails,
        [("new_sign_in".to_owned(), "devices@hkpc.example".to_owned())]
    );
    s.erase_user(&me, user.id).await.unwrap();
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM known_devices WHERE user_id = {}",
            user.id
        ))
        .await,
        0
    );
}

#[tokio::test]
async fn known_devices_on_sqlite() {
    known_devices(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn known_devices_on_postgres() {
    known_devices(&TestDb::postgres().await).await;
}
