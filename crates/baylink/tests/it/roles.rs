//! Every route, walked with every role: the server, not the page, decides who may write.

use baylink_store::{Actor, DesignationInput, OrganisationInput};
use baylink_text::Script;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::kit::{self, ADMIN, PARTICIPANT, REP, SECRETARIAT, TestApp};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Anonymous,
    Participant,
    Rep,
    Secretariat,
    Admin,
}

/// Who may use a route.
#[derive(Clone, Copy, Debug)]
enum Access {
    Everyone,
    /// The HKITF representative (their organisation; the seminar they manage), secretariat
    /// and admin.
    OwnOrg,
    /// Secretariat and admin.
    Staff,
    Admin,
    /// Anyone signed in.
    SignedIn,
}

impl Access {
    fn allows(self, role: Role) -> bool {
        match self {
            Access::Everyone => true,
            Access::OwnOrg => matches!(role, Role::Rep | Role::Secretariat | Role::Admin),
            Access::Staff => matches!(role, Role::Secretariat | Role::Admin),
            Access::Admin => role == Role::Admin,
            Access::SignedIn => role != Role::Anonymous,
        }
    }
}

enum Body {
    None,
    Form(Vec<(&'static str, String)>),
    Json(serde_json::Value),
}

struct Route {
    method: Method,
    path: String,
    body: Body,
    access: Access,
    ok: StatusCode,
}

/// Ids of records the routes act on, made fresh in each app.
struct Ids {
    hkitf: i64,
    other_org: i64,
    doomed_org: i64,
    doomed_org_api: i64,
    person: i64,
    doomed_person: i64,
    doomed_person_api: i64,
    position: i64,
    position_api: i64,
    officer: i64,
    membership: i64,
    membership_api: i64,
    designation: i64,
    /// A posting of the HKITF waiting for review.
    pending_posting: i64,
    /// An account whose holder asks for its erasure.
    doomed_user: i64,
    /// The open seminar, whose registrations and door the HKITF representative runs.
    seminar: i64,
}

async fn make_ids(app: &TestApp) -> Ids {
    let s = app.store.as_ref();
    let me = Actor::cli();
    let new_org = |name: &str| {
        OrganisationInput {
            name: name.into(),
            org_type: "company".into(),
            region: "overseas".into(),
            ..Default::default()
        }
        .validate(Script::Latin)
        .unwrap()
    };
    let new_person = |name: &str| {
        baylink_store::PersonInput {
            name: name.into(),
            ..Default::default()
        }
        .validate(Script::Latin)
        .unwrap()
    };
    let hkitf = app.org_id("香港資訊科技聯會").await;
    let doomed_user = s
        .create_user(
            &me,
            &baylink_store::UserInput {
                email: "leaving@walk.test".into(),
                display_name: "Leaving".into(),
                role: "participant".into(),
                side_id: None,
                org_id: None,
            }
            .validate()
            .unwrap(),
            "not-a-real-hash",
        )
        .await
        .unwrap()
        .id;
    let person = s.create_person(&me, &new_person("Walker")).await.unwrap();
    let pos = |title: &str| {
        baylink_store::PositionInput {
            person_id: person.id,
            org_id: hkitf,
            title: title.into(),
            ..Default::default()
        }
        .validate(Script::Latin)
        .unwrap()
    };
    let position = s.create_position(&me, &pos("A")).await.unwrap().id;
    let position_api = s.create_position(&me, &pos("B")).await.unwrap().id;
    let designation = s
        .create_designation(
            &me,
            &DesignationInput {
                code: "temp".into(),
                name: "Temp".into(),
                ..Default::default()
            }
            .validate(Script::Latin)
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let award = |org: i64| {
        baylink_store::MembershipInput {
            org_id: org,
            designation_id: designation,
            year: 2020,
            ..Default::default()
        }
        .validate()
        .unwrap()
    };
    let other_org = app.org_id("澳門科技大學").await;
    let membership = s.create_membership(&me, &award(hkitf)).await.unwrap().id;
    let membership_api = s
        .create_membership(&me, &award(other_org))
        .await
        .unwrap()
        .id;
    let officer = s.list_side_officers().await.unwrap()[0].id;
    let admin = s.find_user_by_email(kit::ADMIN).await.unwrap().unwrap();
    let posting = baylink_store::PostingInput {
        org_id: hkitf,
        side: "offer".into(),
        kind: "technology".into(),
        title: "Role walk posting".into(),
        summary: "Waiting for review.".into(),
        sectors: vec!["ai".into()],
        contact: "x@example.org".into(),
        expires_on: baylink_web::views::events::day(baylink_store::sql::now() + 30 * 86_400),
        ..Default::default()
    }
    .validate(&baylink_web::views::events::today(), Script::Latin)
    .unwrap();
    let pending_posting = s
        .create_posting(&admin, &posting, baylink_store::sql::now())
        .await
        .unwrap()
        .id;
    let rep = s.find_user_by_email(REP).await.unwrap().unwrap();
    let seminar = s.managed_events(rep.id).await.unwrap()[0];
    Ids {
        seminar,
        pending_posting,
        doomed_user,
        hkitf,
        other_org,
        doomed_org: s
            .create_organisation(&me, &new_org("Doomed page org"))
            .await
            .unwrap()
            .id,
        doomed_org_api: s
            .create_organisation(&me, &new_org("Doomed API org"))
            .await
            .unwrap()
            .id,
        person: person.id,
        doomed_person: s
            .create_person(&me, &new_person("Doomed page person"))
            .await
            .unwrap()
            .id,
        doomed_person_api: s
            .create_person(&me, &new_person("Doomed API person"))
            .await
            .unwrap()
            .id,
        position,
        position_api,
        officer,
        membership,
        membership_api,
        designation,
    }
}

fn routes(ids: &Ids) -> Vec<Route> {
    use Access::*;
    let get = |path: String, access: Access| Route {
        method: Method::GET,
        path,
        body: Body::None,
        access,
        ok: StatusCode::OK,
    };
    let form = |path: String, fields: Vec<(&'static str, String)>, access: Access| Route {
        method: Method::POST,
        path,
        body: Body::Form(fields),
        access,
        ok: StatusCode::SEE_OTHER,
    };
    let api = |method: Method,
               path: String,
               body: Option<serde_json::Value>,
               access: Access,
               ok: StatusCode| Route {
        method,
        path,
        body: body.map(Body::Json).unwrap_or(Body::None),
        access,
        ok,
    };
    let org_fields = |name: &str| {
        vec![
            ("name", name.to_owned()),
            ("org_type", "society".to_owned()),
            ("region", "hong_kong".to_owned()),
        ]
    };
    let org_json = |name: &str| json!({"name": name, "org_type": "society", "region": "hong_kong"});
    let mut r = Vec::new();
    for l in ["zh-Hant", "zh-Hans", "en"] {
        for p in [
            "/",
            "/organisations",
            "/people",
            "/alliance",
            "/memberships",
            "/designations",
            "/login",
        ] {
            r.push(get(format!("/{l}{p}"), Everyone));
        }
    }
    let l = "/zh-Hant";
    // Supply and demand: reading is public; posting needs an organisation (or staff);
    // review, reminders and the funnel are the secretariat's.
    r.extend([
        get(format!("{l}/postings"), Everyone),
        get(format!("{l}/postings/new"), OwnOrg),
        get(format!("{l}/postings/review"), Staff),
        get(format!("{l}/postings/funnel"), Staff),
        form(
            format!("{l}/postings/{}/review", ids.pending_posting),
            vec![("approve", "1".to_owned()), ("note", String::new())],
            Staff,
        ),
    ]);
    r.extend([
        get(format!("{l}/organisations/{}", ids.hkitf), Everyone),
        get(format!("{l}/people/{}", ids.person), Everyone),
        get(format!("{l}/organisations/new"), Staff),
        get(format!("{l}/people/new"), Staff),
        get(format!("{l}/organisations/{}/edit", ids.hkitf), OwnOrg),
        get(format!("{l}/organisations/{}/edit", ids.other_org), Staff),
        get(format!("{l}/organisations/{}/delete", ids.other_org), Staff),
        get(format!("{l}/people/{}/edit", ids.person), Staff),
        get(format!("{l}/people/{}/delete", ids.person), Staff),
        get(format!("{l}/audit"), Staff),
        get(format!("{l}/admin/users"), Admin),
        get(format!("{l}/events/new"), Staff),
        get(format!("{l}/events/1/manage"), Staff),
        get(format!("{l}/events/1/edit"), Staff),
        get(format!("{l}/events/1/registrations"), Staff),
        get(format!("{l}/events/1/check-in"), Staff),
        form(
            format!("{l}/events/new"),
            vec![
                ("kind", "seminar".into()),
                ("title", "走訪測試研討會".into()),
                ("region", "macao".into()),
                ("start_date", format!("{}-12-20", kit::next_year())),
                ("start_time", "10:00".into()),
                ("end_date", format!("{}-12-20", kit::next_year())),
                ("end_time", "12:00".into()),
            ],
            Staff,
        ),
        form(
            format!("{l}/alliance/milestones"),
            vec![("year", "2025".into()), ("text", "聯盟新里程".into())],
            Staff,
        ),
        form(format!("{l}/alliance/milestones/3/delete"), vec![], Staff),
        get(format!("{l}/events/1/badges"), Staff),
        get(format!("{l}/events/1/sign-in-sheet"), Staff),
        get(format!("{l}/events/1/feedback"), Staff),
        get(format!("{l}/organisations.csv"), Everyone),
        get(format!("{l}/memberships.xlsx?year=2024"), Everyone),
        Route {
            ok: StatusCode::CONFLICT,
            ..form(format!("{l}/events/1/feedback/ask"), vec![], Staff)
        },
        // The 2024 conference's feedback closed long ago: refused for what it is.
        Route {
            ok: StatusCode::CONFLICT,
            ..form(format!("{l}/events/1/feedback/remind"), vec![], Staff)
        },
        get("/api/v1/events/1/feedback".to_owned(), Staff),
        get("/api/v1/events/1/feedback.csv".to_owned(), Staff),
        // The seminar's door and list: its manager (the HKITF representative) and staff.
        get(format!("{l}/events/{}/registrations", ids.seminar), OwnOrg),
        get(format!("{l}/events/{}/check-in", ids.seminar), OwnOrg),
        get(format!("{l}/events/{}/sign-in-sheet", ids.seminar), OwnOrg),
        get(format!("{l}/events/{}/feedback", ids.seminar), OwnOrg),
        get(format!("{l}/events/{}/matchmaking", ids.seminar), OwnOrg),
        get(
            format!("/api/v1/events/{}/registrations", ids.seminar),
            OwnOrg,
        ),
        get(format!("{l}/events/{}/manage", ids.seminar), Staff),
        get(format!("{l}/account/tokens"), SignedIn),
        form(
            format!("{l}/events/1/managers"),
            vec![("manager_email", PARTICIPANT.to_owned())],
            Staff,
        ),
        form(
            format!("{l}/events/1/copy"),
            vec![
                ("copy_date", format!("{}-12-09", kit::next_year() + 1)),
                ("copy_programme", "1".into()),
            ],
            Staff,
        ),
        form(
            format!("{l}/events/1/announce"),
            vec![("subject", "通知".into()), ("body", "內容".into())],
            Staff,
        ),
        form(
            format!("{l}/events/1/invite"),
            vec![
                ("name", "受邀者".into()),
                ("email", "guest@walk.test".into()),
                ("expires", "2099-01-01".into()),
            ],
            Staff,
        ),
        form(
            format!("{l}/events/1/roles"),
            vec![
                ("org_id", ids.other_org.to_string()),
                ("role", "supporter".into()),
            ],
            Staff,
        ),
        form(
            format!("{l}/events/1/guests"),
            vec![("person_id", ids.person.to_string())],
            Staff,
        ),
        form(
            format!("{l}/events/1/sessions"),
            vec![
                ("kind", "other".into()),
                ("title", "茶敘".into()),
                ("date", "2024-12-09".into()),
                ("start_time", "18:00".into()),
                ("end_time", "18:45".into()),
            ],
            Staff,
        ),
        get("/api/v1/events".into(), Everyone),
        get("/api/v1/events/1".into(), Everyone),
        get("/api/v1/events/1/registrations".into(), Staff),
        form(format!("{l}/organisations"), org_fields("Walk Org"), Staff),
        form(
            format!("{l}/organisations/{}", ids.hkitf),
            org_fields("香港資訊科技聯會"),
            OwnOrg,
        ),
        form(
            format!("{l}/organisations/{}", ids.other_org),
            org_fields("澳門科技大學"),
            Staff,
        ),
        form(
            format!("{l}/organisations/{}/delete", ids.doomed_org),
            vec![],
            Staff,
        ),
        form(
            format!("{l}/people"),
            vec![("name", "Walk Person".into())],
            Staff,
        ),
        form(
            format!("{l}/people/{}", ids.person),
            vec![("name", "Walker".into())],
            Staff,
        ),
        form(
            format!("{l}/people/{}/positions", ids.person),
            vec![("org_id", ids.hkitf.to_string()), ("title", "C".into())],
            Staff,
        ),
        form(
            format!("{l}/positions/{}/delete", ids.position),
            vec![("back", ids.person.to_string())],
            Staff,
        ),
        form(
            format!("{l}/people/{}/delete", ids.doomed_person),
            vec![],
            Staff,
        ),
        form(
            format!("{l}/alliance/officers"),
            vec![
                ("side_id", "1".into()),
                ("person_id", ids.person.to_string()),
                ("role", "representative".into()),
                ("title", "代表".into()),
            ],
            Staff,
        ),
        form(
            format!("{l}/alliance/officers/{}/delete", ids.officer),
            vec![],
            Staff,
        ),
        form(
            format!("{l}/memberships"),
            vec![
                ("org_id", ids.other_org.to_string()),
                ("designation_id", ids.designation.to_string()),
                ("year", "2021".into()),
            ],
            Staff,
        ),
        form(
            format!("{l}/memberships/{}/delete", ids.membership),
            vec![],
            Staff,
        ),
        form(
            format!("{l}/designations"),
            vec![("code", "walk".into()), ("name", "Walk".into())],
            Staff,
        ),
        form(
            format!("{l}/admin/users/{}/erase", ids.doomed_user),
            vec![],
            Admin,
        ),
        form(
            format!("{l}/admin/users"),
            vec![
                ("email", "new@walk.test".into()),
                ("display_name", "New".into()),
                ("role", "participant".into()),
                ("password", "a long enough password".into()),
            ],
            Admin,
        ),
        get("/api/v1/organisations".into(), Everyone),
        get(format!("/api/v1/organisations/{}", ids.hkitf), Everyone),
        get(
            format!("/api/v1/organisations/{}/positions", ids.hkitf),
            Everyone,
        ),
        get("/api/v1/people".into(), Everyone),
        get(format!("/api/v1/people/{}", ids.person), Everyone),
        get(format!("/api/v1/people/{}/positions", ids.person), Everyone),
        get("/api/v1/sides".into(), Everyone),
        get("/api/v1/milestones".into(), Everyone),
        get("/api/v1/designations".into(), Everyone),
        get("/api/v1/memberships".into(), Everyone),
        get("/api/openapi.json".into(), Everyone),
        get("/api".into(), Everyone),
        get("/healthz".into(), Everyone),
        api(
            Method::POST,
            "/api/v1/organisations".into(),
            Some(org_json("API Org")),
            Staff,
            StatusCode::CREATED,
        ),
        api(
            Method::PUT,
            format!("/api/v1/organisations/{}", ids.hkitf),
            Some(org_json("香港資訊科技聯會")),
            OwnOrg,
            StatusCode::OK,
        ),
        api(
            Method::PUT,
            format!("/api/v1/organisations/{}", ids.other_org),
            Some(org_json("澳門科技大學")),
            Staff,
            StatusCode::OK,
        ),
        api(
            Method::DELETE,
            format!("/api/v1/organisations/{}", ids.doomed_org_api),
            None,
            Staff,
            StatusCode::NO_CONTENT,
        ),
        api(
            Method::POST,
            "/api/v1/people".into(),
            Some(json!({"name": "API Person"})),
            Staff,
            StatusCode::CREATED,
        ),
        api(
            Method::PUT,
            format!("/api/v1/people/{}", ids.person),
            Some(json!({"name": "Walker"})),
            Staff,
            StatusCode::OK,
        ),
        api(
            Method::DELETE,
            format!("/api/v1/people/{}", ids.doomed_person_api),
            None,
            Staff,
            StatusCode::NO_CONTENT,
        ),
        api(
            Method::POST,
            "/api/v1/positions".into(),
            Some(json!({"person_id": ids.person, "org_id": ids.hkitf, "title": "D"})),
            Staff,
            StatusCode::CREATED,
        ),
        api(
            Method::DELETE,
            format!("/api/v1/positions/{}", ids.position_api),
            None,
            Staff,
            StatusCode::NO_CONTENT,
        ),
        api(
            Method::POST,
            "/api/v1/designations".into(),
            Some(json!({"code": "walk_api", "name": "Walk"})),
            Staff,
            StatusCode::CREATED,
        ),
        api(
            Method::POST,
            "/api/v1/memberships".into(),
            Some(json!({"org_id": ids.hkitf, "designation_id": ids.designation, "year": 2022})),
            Staff,
            StatusCode::CREATED,
        ),
        api(
            Method::DELETE,
            format!("/api/v1/memberships/{}", ids.membership_api),
            None,
            Staff,
            StatusCode::NO_CONTENT,
        ),
    ]);
    r
}

async fn walk(role: Role) {
    let mut app = kit::demo_app().await;
    let ids = make_ids(&app).await;
    match role {
        Role::Anonymous => {}
        Role::Participant => drop(app.sign_in(PARTICIPANT).await),
        Role::Rep => drop(app.sign_in(REP).await),
        Role::Secretariat => drop(app.sign_in(SECRETARIAT).await),
        Role::Admin => drop(app.sign_in(ADMIN).await),
    }
    // The demo's own writes (its postings are written by its representatives' accounts)
    // are before this mark; only what the walk wrote counts.
    let mark = app
        .store
        .list_audit(1, 0)
        .await
        .unwrap()
        .items
        .first()
        .map_or(0, |e| e.id);
    for route in routes(&ids) {
        let status = match &route.body {
            Body::Form(fields) => {
                let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                if route.method == Method::POST {
                    app.post_form(&route.path, &f).await.status()
                } else {
                    unreachable!()
                }
            }
            Body::Json(v) => {
                app.api(route.method.clone(), &route.path, Some(v.clone()))
                    .await
                    .0
            }
            Body::None if route.method == Method::GET => app.get(&route.path).await.status(),
            Body::None => app.api(route.method.clone(), &route.path, None).await.0,
        };
        let expected = if route.access.allows(role) {
            route.ok
        } else if role == Role::Anonymous {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, expected, "{role:?} {} {}", route.method, route.path);
    }
    // Whatever was refused changed nothing: the refused roles' writes left no trace.
    let audit = app.store.list_audit(500, 0).await.unwrap();
    let by_web = audit
        .items
        .iter()
        .filter(|e| e.id > mark && e.user_id.is_some())
        .count();
    match role {
        Role::Anonymous | Role::Participant => assert_eq!(by_web, 0, "{role:?} changed something"),
        Role::Rep => assert!(
            audit
                .items
                .iter()
                .filter(|e| e.id > mark && e.user_id.is_some())
                .all(|e| e.entity == "organisation" && e.action == "update")
        ),
        _ => assert!(by_web > 10),
    }
}

#[tokio::test]
async fn anonymous_may_only_read() {
    walk(Role::Anonymous).await;
}

#[tokio::test]
async fn participants_may_only_read() {
    walk(Role::Participant).await;
}

#[tokio::test]
async fn representatives_edit_their_own_organisation_only() {
    walk(Role::Rep).await;
}

#[tokio::test]
async fn secretariat_edits_the_directory_but_not_accounts() {
    walk(Role::Secretariat).await;
}

#[tokio::test]
async fn admins_may_do_everything() {
    walk(Role::Admin).await;
}

/// An admin erases an account on its holder's request: it is signed out at once, cannot
/// sign in again, and is listed without its name or address; an admin's own is refused,
/// with the reason in the reader's language.
#[tokio::test]
async fn an_admin_erases_an_account_on_request() {
    let mut admin = kit::demo_app().await;
    admin.sign_in(ADMIN).await;
    let mut holder = kit::app_on(admin.db.clone(), admin.store.clone()).await;
    holder.sign_in(PARTICIPANT).await;
    let (status, _) = holder.api(Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::OK);
    let id = |email: &'static str| {
        let store = admin.store.clone();
        async move {
            store
                .find_user_by_email(email)
                .await
                .unwrap()
                .expect("a demo account")
                .id
        }
    };
    let participant = id(PARTICIPANT).await;
    // Before: the holder downloads what is held about their account, and only theirs.
    let r = holder.get("/api/v1/me/data").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: serde_json::Value = r.json().await.unwrap();
    assert_eq!(data["user"]["email"], PARTICIPANT);
    assert!(data["user"].get("password_hash").is_none());
    assert!(
        data["interests"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["from_user_id"] == participant)
    );
    let (_, page) = holder.page("/en/events").await;
    assert!(page.contains("id=\"my-data\""));
    let r = kit::client()
        .get(admin.url("/api/v1/me/data"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = admin
        .post_form(&format!("/en/admin/users/{participant}/erase"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _) = holder.api(Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out");
    let r = kit::client()
        .post(admin.url("/api/v1/session"))
        .json(&serde_json::json!({"email": PARTICIPANT, "password": kit::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "no sign-in again");
    let (_, page) = admin.page("/zh-Hant/admin/users").await;
    let row = &page[page
        .find(&format!("data-id=\"{participant}\""))
        .expect("still listed")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("個人資料已刪除") && !row.contains(PARTICIPANT),
        "{row}"
    );
    // One's own account: refused, and nothing changes.
    let me = id(ADMIN).await;
    let r = admin
        .post_form(&format!("/zh-Hans/admin/users/{me}/erase"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("不能删除自己的账户"));
    assert!(!admin.store.get_user(me).await.unwrap().is_erased());
}

/// A program uses the API with an account's token: made on the account's page and shown
/// once, it acts with that account's rights (here a manager checking someone in at the
/// seminar, a write without any CSRF token), not beyond them; it does not make tokens; a
/// wrong token is refused even where no sign-in is needed; revoked, it is refused.
#[tokio::test]
async fn a_program_uses_the_api_with_an_accounts_token() {
    let mut app = kit::demo_app().await;
    app.sign_in(REP).await;
    let (status, page) = app.page("/zh-Hant/account/tokens").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("您沒有權杖"), "{page}");
    let r = app
        .post_form(
            "/zh-Hant/account/tokens",
            &[("name", "門口掃描器"), ("days", "1000")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("請輸入 1 至 730 之間的日數")
    );
    let r = app
        .post_form(
            "/zh-Hant/account/tokens",
            &[("name", "門口掃描器"), ("days", "30")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let token = crate::kit::shown_token(&r.text().await.unwrap());
    assert!(token.starts_with("blk_") && token.len() == 68, "{token}");
    // Shown once: the list names it, never the token again.
    let (_, list) = app.page("/zh-Hant/account/tokens").await;
    assert!(
        list.contains("門口掃描器") && !list.contains(&token),
        "{list}"
    );

    let program = reqwest::Client::new();
    let call = |method: Method, path: &str, token: &str| {
        program
            .request(method, app.url(path))
            .header("authorization", format!("Bearer {token}"))
    };
    let me: serde_json::Value = call(Method::GET, "/api/v1/me", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], REP);
    // The seminar the representative manages: a registrant checked in by the program.
    let rep = app.store.find_user_by_email(REP).await.unwrap().unwrap();
    let seminar = app.store.managed_events(rep.id).await.unwrap()[0];
    let visitor = crate::matchmaking::register(&app, seminar, "方家豪", "fong@example.hk").await;
    let reg = app
        .store
        .registration_by_token(visitor.rsplit('/').next().unwrap())
        .await
        .unwrap();
    let r = call(
        Method::POST,
        &format!("/api/v1/events/{seminar}/registrations/{}/check-in", reg.id),
        &token,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    // Not beyond the account's rights; no token making with a token.
    let r = call(Method::GET, "/api/v1/events/1/registrations", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = call(Method::GET, "/zh-Hant/account/tokens", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A wrong token is refused, even where anyone may read.
    let r = call(Method::GET, "/api/v1/events", "blk_nothing")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (_, list) = app.page("/zh-Hant/account/tokens").await;
    assert!(!list.contains("未曾使用"), "its use is shown: {list}");

    // A read-only token reads, and every write it sends is refused.
    let r = app
        .post_form(
            "/zh-Hant/account/tokens",
            &[("name", "會員網站"), ("read_only", "1")],
        )
        .await;
    let reader = crate::kit::shown_token(&r.text().await.unwrap());
    let r = call(
        Method::GET,
        &format!("/api/v1/events/{seminar}/registrations"),
        &reader,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = call(
        Method::POST,
        &format!("/api/v1/events/{seminar}/registrations/{}/check-in", reg.id),
        &reader,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, list) = app.page("/zh-Hant/account/tokens").await;
    assert!(
        list.contains("會員網站 <span class=\"badge\">唯讀</span>"),
        "{list}"
    );

    // A token past its requests of the minute waits for the next, told in its account's
    // language; another token goes on. (A token of its own: the site's count of the
    // minute, kept in the database, is not cleared by a new limit.)
    let burst = crate::kit::new_api_token(&app, &[("name", "節流測試")]).await;
    app.running.state.tokens.set_limit(2);
    let mut served = 0;
    let over = loop {
        let r = call(Method::GET, "/api/v1/me", &burst)
            .send()
            .await
            .unwrap();
        if r.status() != StatusCode::OK {
            break r;
        }
        served += 1;
        // Two a minute: a third is refused (a fifth, should a minute end meanwhile).
        assert!(served <= 4, "the budget holds");
    };
    assert!(served >= 2);
    assert_eq!(over.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = over.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(over.text().await.unwrap().contains("err-too-many-requests"));
    let r = call(Method::GET, "/api/v1/me", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.running
        .state
        .tokens
        .set_limit(baylink_web::auth::TOKEN_REQUESTS_PER_MINUTE);

    // Revoked: refused.
    let id = app
        .store
        .api_tokens(rep.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "門口掃描器")
        .unwrap()
        .id;
    let r = app
        .post_form(&format!("/zh-Hant/account/tokens/{id}/delete"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = call(Method::GET, "/api/v1/me", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // The API's description says how.
    let doc: serde_json::Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        doc["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );
}
