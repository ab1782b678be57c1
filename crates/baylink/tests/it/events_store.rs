//! The event store on both backends: seats, waiting lists, promotion, check-in, the outbox,
//! and the database deciding who gets the last seat under concurrency.

use std::sync::Arc;

use baylink_store::*;
use baylink_text::Script;

use crate::kit::{self, TestDb};

const NOON: i64 = 1_733_716_800; // 2024-12-09 12:00 HKT

pub async fn event(store: &dyn Store, capacity: Option<i64>, approval: bool) -> Event {
    let d = EventInput {
        kind: "forum".into(),
        title: "深港澳6G通感智算一體化平行論壇".into(),
        region: "shenzhen".into(),
        starts_at: NOON,
        ends_at: NOON + 3 * 3600,
        capacity,
        registration_open: true,
        requires_approval: approval,
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    store
        .create_event(&Actor::cli(), &d, &baylink_tickets::generate_key())
        .await
        .unwrap()
}

pub fn person(i: usize) -> RegistrationDraft {
    RegistrationInput {
        name: format!("參加者{i}"),
        email: format!("p{i}@example.org"),
        consent: true,
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap()
}

async fn story(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, Some(2), false).await;
    let room = s
        .create_event_session(
            &me,
            &SessionInput {
                event_id: ev.id,
                kind: "forum".into(),
                title: "分論壇".into(),
                starts_at: NOON,
                ends_at: NOON + 3600,
                capacity: Some(1),
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap(),
        )
        .await
        .unwrap();
    let with_room = |i| RegistrationDraft {
        sessions: vec![room.id],
        ..person(i)
    };

    let a = s
        .register(
            ev.id,
            &with_room(1),
            Channel::Public,
            "tok-a",
            "zh-Hant",
            NOON,
        )
        .await
        .unwrap();
    let b = s
        .register(
            ev.id,
            &with_room(2),
            Channel::Public,
            "tok-b",
            "zh-Hans",
            NOON,
        )
        .await
        .unwrap();
    let c = s
        .register(ev.id, &with_room(3), Channel::Public, "tok-c", "en", NOON)
        .await
        .unwrap();
    let d = s
        .register(ev.id, &person(4), Channel::Public, "tok-d", "en", NOON)
        .await
        .unwrap();
    assert_eq!(
        (a.status, b.status, c.status, d.status),
        (
            RegStatus::Confirmed,
            RegStatus::Confirmed,
            RegStatus::Waiting,
            RegStatus::Waiting
        )
    );
    assert!(c.waiting_seq < d.waiting_seq);
    // The room has one seat: the first has it, the second waits for it.
    let room_status = |regs: Vec<SessionRegistration>| regs[0].status;
    assert_eq!(
        room_status(s.session_registrations(a.id).await.unwrap()),
        RegStatus::Confirmed
    );
    assert_eq!(
        room_status(s.session_registrations(b.id).await.unwrap()),
        RegStatus::Waiting
    );
    assert_eq!(
        room_status(s.session_registrations(c.id).await.unwrap()),
        RegStatus::Pending
    );

    // Bad input changes nothing.
    let dup = s
        .register(ev.id, &person(1), Channel::Public, "tok-x", "en", NOON)
        .await;
    assert!(
        matches!(dup, Err(StoreError::Invalid(ref f)) if f[0].code == "err-already-registered"),
        "{dup:?}"
    );
    let other = event(s, None, false).await;
    let foreign = s
        .register(
            other.id,
            &with_room(9),
            Channel::Public,
            "tok-y",
            "en",
            NOON,
        )
        .await;
    assert!(matches!(foreign, Err(StoreError::Invalid(ref f)) if f[0].field == "sessions"));
    assert_eq!(
        s.list_registrations(other.id, None, None, 50, 0)
            .await
            .unwrap()
            .total,
        0
    );

    // An invitation passes the public limit.
    let guest = s
        .register(ev.id, &person(5), Channel::Invited, "tok-e", "en", NOON)
        .await
        .unwrap();
    assert_eq!(guest.status, RegStatus::Confirmed);
    assert_eq!(s.get_event(ev.id).await.unwrap().confirmed_count, 3);

    // Cancelling a seat gives it to the waiting list in order — not while over the limit.
    s.cancel_registration(None, guest.id, NOON + 1)
        .await
        .unwrap();
    assert_eq!(
        s.get_registration(c.id).await.unwrap().status,
        RegStatus::Waiting,
        "the invitation's seat was beyond the limit"
    );
    let cancelled = s.cancel_registration(None, a.id, NOON + 2).await.unwrap();
    assert_eq!(cancelled.status, RegStatus::Cancelled);
    assert_eq!(
        s.get_registration(c.id).await.unwrap().status,
        RegStatus::Confirmed
    );
    assert_eq!(
        s.get_registration(d.id).await.unwrap().status,
        RegStatus::Waiting
    );
    // The room seat went to the room's waiting list (b), not to c who was only just seated.
    assert_eq!(
        room_status(s.session_registrations(b.id).await.unwrap()),
        RegStatus::Confirmed
    );
    assert_eq!(
        room_status(s.session_registrations(c.id).await.unwrap()),
        RegStatus::Waiting
    );
    assert!(matches!(
        s.cancel_registration(None, a.id, NOON + 3).await,
        Err(StoreError::Conflict("err-already-cancelled"))
    ));
    assert_eq!(s.registration_by_token("tok-c").await.unwrap().id, c.id);

    // Check-in: once, then a warning; never for someone without a seat.
    let first = s.check_in(ev.id, b.id, NOON + 10).await.unwrap();
    assert_eq!(first.already_at, None);
    let second = s.check_in(ev.id, b.id, NOON + 20).await.unwrap();
    assert_eq!(second.already_at, Some(NOON + 10));
    assert!(matches!(
        s.check_in(ev.id, d.id, NOON).await,
        Err(StoreError::Conflict("err-not-confirmed"))
    ));
    assert!(matches!(
        s.check_in(other.id, b.id, NOON).await,
        Err(StoreError::NotFound)
    ));

    // An organiser moves b to another room: b's seat in the first room goes to c, who
    // was waiting for it.
    let room2 = s
        .create_event_session(
            &me,
            &SessionInput {
                event_id: ev.id,
                kind: "forum".into(),
                title: "第二分論壇".into(),
                starts_at: NOON,
                ends_at: NOON + 3600,
                capacity: Some(1),
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap(),
        )
        .await
        .unwrap();
    let moved = s
        .move_session(&me, b.id, Some(room.id), room2.id)
        .await
        .unwrap();
    assert!(
        moved
            .iter()
            .any(|sr| sr.session_id == room2.id && sr.status == RegStatus::Confirmed)
    );
    assert_eq!(
        room_status(s.session_registrations(c.id).await.unwrap()),
        RegStatus::Confirmed
    );
    assert!(
        matches!(s.move_session(&me, b.id, None, room2.id).await, Err(StoreError::Invalid(ref f)) if f[0].code == "err-already-in-session")
    );
    assert!(matches!(
        s.move_session(&me, d.id, None, room2.id).await,
        Err(StoreError::Conflict("err-not-confirmed"))
    ));

    // Approval: pending until decided.
    let gated = event(s, Some(1), true).await;
    let p = s
        .register(gated.id, &person(6), Channel::Public, "tok-p", "en", NOON)
        .await
        .unwrap();
    assert_eq!(p.status, RegStatus::Pending);
    assert_eq!(
        s.decide_registration(&me, p.id, true, NOON)
            .await
            .unwrap()
            .status,
        RegStatus::Confirmed
    );

    // Closed registration refuses the public, not invitations.
    let mut closed = EventInput {
        kind: "seminar".into(),
        title: "閉門研討會".into(),
        region: "macao".into(),
        starts_at: NOON,
        ends_at: NOON + 60,
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    closed.registration_open = false;
    let closed = s
        .create_event(&me, &closed, &baylink_tickets::generate_key())
        .await
        .unwrap();
    assert!(matches!(
        s.register(closed.id, &person(7), Channel::Public, "tok-q", "en", NOON)
            .await,
        Err(StoreError::Conflict("err-registration-closed"))
    ));
    assert!(
        s.register(closed.id, &person(7), Channel::Invited, "tok-q", "en", NOON)
            .await
            .is_ok()
    );

    // Search registrations in either script.
    let found = s
        .list_registrations(ev.id, Some("参加者3"), None, 50, 0)
        .await
        .unwrap();
    assert_eq!(
        found.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![c.id]
    );

    // The outbox holds one message per announcement, claimed by one sender at a time.
    let first = s.claim_mail(NOON + 100, NOON + 400).await.unwrap().unwrap();
    assert_eq!(
        (
            first.kind.as_str(),
            first.registration_id,
            first.locale.as_str()
        ),
        ("registration", Some(a.id), "zh-Hant")
    );
    let second = s.claim_mail(NOON + 100, NOON + 400).await.unwrap().unwrap();
    assert_ne!(first.id, second.id);
    s.mark_mail_failed(second.id, "mail server down", NOON + 200)
        .await
        .unwrap();
    s.mark_mail_sent(first.id, NOON + 101).await.unwrap();
    let mut kinds = Vec::new();
    while let Some(m) = s.claim_mail(NOON + 500, NOON + 900).await.unwrap() {
        kinds.push((m.kind, m.registration_id));
        s.mark_mail_sent(m.id, NOON + 500).await.unwrap();
    }
    assert!(kinds.contains(&("promoted".into(), Some(c.id))));
    assert!(kinds.contains(&("cancelled".into(), Some(a.id))));
    assert!(
        kinds.contains(&("registration".into(), Some(b.id))),
        "the failed message is retried"
    );
    assert!(
        s.claim_mail(NOON + 10_000, NOON + 20_000)
            .await
            .unwrap()
            .is_none()
    );

    // One query gives every session place of the event, as the per-registration calls do.
    let mut places = Vec::new();
    for r in s
        .list_registrations(ev.id, None, None, 50, 0)
        .await
        .unwrap()
        .items
    {
        places.extend(s.session_registrations(r.id).await.unwrap());
    }
    let mut all = s.event_session_registrations(ev.id).await.unwrap();
    all.sort_by_key(|x| x.id);
    places.sort_by_key(|x| x.id);
    assert_eq!(all, places);

    // The programme comes back whole.
    let prog = s.programme(ev.id).await.unwrap();
    assert_eq!(prog.sessions.len(), 2);
    let filter = EventFilter {
        year: Some(2024),
        now: NOON,
        limit: 50,
        ..Default::default()
    };
    assert_eq!(s.list_events(&filter).await.unwrap().total, 4);
    assert_eq!(
        s.list_events(&EventFilter {
            year: Some(2023),
            ..filter.clone()
        })
        .await
        .unwrap()
        .total,
        0
    );
    assert_eq!(
        s.list_events(&EventFilter {
            q: Some("通感智算".into()),
            ..filter.clone()
        })
        .await
        .unwrap()
        .total,
        3
    );
}

/// 2,000 people at once for 500 seats: exactly 500 seated, the rest waiting in the order
/// they arrived, no error, no duplicate; then 50 cancellations seat exactly the next 50.
pub async fn rush(stores: Vec<Arc<dyn Store>>, attempts: usize) {
    let seats = attempts as i64 / 4;
    let ev = event(stores[0].as_ref(), Some(seats), false).await;
    let mut tasks = Vec::new();
    for i in 0..attempts {
        let store = stores[i % stores.len()].clone();
        tasks.push(tokio::spawn(async move {
            store
                .register(
                    ev.id,
                    &person(i),
                    Channel::Public,
                    &format!("rush-{i}"),
                    "en",
                    NOON,
                )
                .await
        }));
    }
    let mut confirmed = 0;
    for t in tasks {
        match t.await.unwrap().expect("no registration fails") {
            r if r.status == RegStatus::Confirmed => confirmed += 1,
            r => assert_eq!(r.status, RegStatus::Waiting),
        }
    }
    assert_eq!(confirmed, seats);
    let s = stores[0].as_ref();
    let all = s
        .list_registrations(ev.id, None, None, 10_000, 0)
        .await
        .unwrap();
    assert_eq!(all.total as usize, attempts);
    let mut seqs: Vec<i64> = all.items.iter().filter_map(|r| r.waiting_seq).collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=(attempts as i64 - seats)).collect::<Vec<_>>(),
        "one place each, no gaps, no repeats"
    );
    let waiting = s
        .list_registrations(ev.id, None, Some(RegStatus::Waiting), 10_000, 0)
        .await
        .unwrap()
        .items;
    let mut by_seq = waiting.clone();
    by_seq.sort_by_key(|r| r.waiting_seq);
    let next: Vec<i64> = by_seq.iter().take(50).map(|r| r.id).collect();
    let seated = s
        .list_registrations(ev.id, None, Some(RegStatus::Confirmed), 10_000, 0)
        .await
        .unwrap()
        .items;
    let mut cancels = Vec::new();
    for (i, r) in seated.iter().take(50).enumerate() {
        let store = stores[i % stores.len()].clone();
        let id = r.id;
        cancels.push(tokio::spawn(async move {
            store.cancel_registration(None, id, NOON + 60).await
        }));
    }
    for c in cancels {
        c.await.unwrap().unwrap();
    }
    let now_seated: Vec<i64> = s
        .list_registrations(ev.id, None, Some(RegStatus::Confirmed), 10_000, 0)
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(now_seated.len() as i64, seats);
    for id in next {
        assert!(
            now_seated.contains(&id),
            "the next 50 in line, and only they, are seated"
        );
    }
    assert_eq!(s.get_event(ev.id).await.unwrap().confirmed_count, seats);
}

#[tokio::test]
async fn event_story_on_sqlite() {
    let db = TestDb::sqlite();
    story(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn event_story_on_postgres() {
    let db = TestDb::postgres().await;
    story(db.open().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_for_five_hundred_seats_on_sqlite() {
    let db = TestDb::sqlite();
    rush(vec![db.open().await], 2000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn two_thousand_for_five_hundred_seats_on_two_postgres_nodes() {
    let db = TestDb::postgres().await;
    rush(vec![db.open().await, db.open().await], 2000).await;
}

/// The links resent to an address: found in any case, never for the demo's made-up
/// addresses nor an address that never registered, at most once in
/// `RESEND_LINKS_SECONDS`, and an erased registration is no longer found.
async fn links(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let ev = event(s, None, false).await;
    let other = event(s, None, false).await;
    let mut held = Vec::new();
    for (e, token) in [(&ev, "links-a"), (&other, "links-b")] {
        let r = s
            .register(
                e.id,
                &person(1),
                Channel::Public,
                token,
                "zh-Hant",
                NOON - 86_400,
            )
            .await
            .unwrap();
        held.push(r.id);
    }
    let demo = RegistrationDraft {
        synthetic: true,
        ..person(2)
    };
    s.register(
        ev.id,
        &demo,
        Channel::Public,
        "links-c",
        "zh-Hant",
        NOON - 86_400,
    )
    .await
    .unwrap();
    let found = s.registrations_by_address(" P1@Example.org").await.unwrap();
    assert_eq!(found.iter().map(|r| r.id).rev().collect::<Vec<_>>(), held);
    let now = NOON;
    // Drop what registering queued, so only the links' mail is seen below.
    while let Some(m) = s.claim_mail(now, now + 600).await.unwrap() {
        s.mark_mail_sent(m.id, now).await.unwrap();
    }
    assert!(
        !s.queue_registration_links("p2@example.org", "en", now)
            .await
            .unwrap(),
        "only the demo's"
    );
    assert!(
        !s.queue_registration_links("p3@example.org", "en", now)
            .await
            .unwrap(),
        "none"
    );
    assert!(
        s.queue_registration_links("P1@example.org", "en", now)
            .await
            .unwrap()
    );
    assert!(
        !s.queue_registration_links("p1@example.org", "en", now + 60)
            .await
            .unwrap(),
        "too soon"
    );
    let m = s
        .claim_mail(now + 60, now + 600)
        .await
        .unwrap()
        .expect("the links' mail");
    assert_eq!(
        (m.kind.as_str(), m.to_addr.as_str(), m.locale.as_str()),
        ("registration_links", "p1@example.org", "en")
    );
    s.mark_mail_sent(m.id, now + 60).await.unwrap();
    assert!(
        s.claim_mail(now + 60, now + 600).await.unwrap().is_none(),
        "one mail"
    );
    let later = now + RESEND_LINKS_SECONDS + 1;
    assert!(
        s.queue_registration_links("p1@example.org", "zh-Hans", later)
            .await
            .unwrap()
    );
    s.erase_registration(None, held[0], later).await.unwrap();
    let found = s.registrations_by_address("p1@example.org").await.unwrap();
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), [held[1]]);
    // An invitation still waiting counts too; an expired one does not.
    let me = Actor::cli();
    let until = later + 86_400;
    s.invite(
        &me,
        ev.id,
        "Guest@Example.org",
        "嘉賓",
        "zh-Hant",
        "links-inv",
        "zh-Hant",
        until,
        later,
    )
    .await
    .unwrap();
    s.invite(
        &me,
        other.id,
        "gone@example.org",
        "嘉賓",
        "zh-Hant",
        "links-old",
        "zh-Hant",
        later + 10,
        later,
    )
    .await
    .unwrap();
    let waiting = s
        .invitations_by_address("guest@example.org", later)
        .await
        .unwrap();
    assert_eq!(
        waiting.iter().map(|i| i.token.as_str()).collect::<Vec<_>>(),
        ["links-inv"]
    );
    assert!(
        s.queue_registration_links("guest@example.org", "en", later)
            .await
            .unwrap()
    );
    assert!(
        s.invitations_by_address("gone@example.org", later + 60)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !s.queue_registration_links("gone@example.org", "en", later + 60)
            .await
            .unwrap(),
        "expired"
    );
}

#[tokio::test]
async fn links_resent_on_sqlite() {
    let db = TestDb::sqlite();
    links(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn links_resent_on_postgres() {
    let db = TestDb::postgres().await;
    links(db.open().await).await;
}

/// A delegation is all or nothing, takes seats as the public form does, and is listed by
/// the account that entered it.
async fn delegations(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let ev = event(s, Some(2), false).await;
    let rep = participant_account(s, "rep@example.org", "代表").await;
    let entry = |i: usize| DelegateEntry {
        draft: person(i),
        manage_token: format!("delegate-{i}"),
        locale: if i == 2 { "en" } else { "zh-Hant" }.into(),
    };
    s.register(
        ev.id,
        &person(3),
        Channel::Public,
        "own-3",
        "en",
        NOON - 86_400,
    )
    .await
    .unwrap();
    // The third is registered already: nobody is, the error names the third.
    let refused = s
        .register_delegation(
            ev.id,
            rep.id,
            &[entry(1), entry(2), entry(3)],
            NOON - 86_400,
        )
        .await
        .unwrap_err();
    match refused {
        StoreError::Invalid(errors) => {
            assert_eq!(errors[0].field, "email_3");
            assert_eq!(errors[0].code, "err-already-registered");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        s.registrations_by_address("p1@example.org")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(s.delegation(ev.id, rep.id).await.unwrap().is_empty());
    // Two more for the one seat left: the first takes it, the second waits.
    let taken = s
        .register_delegation(ev.id, rep.id, &[entry(1), entry(2)], NOON - 86_400)
        .await
        .unwrap();
    // Each in the language the representative chose for their mails.
    assert_eq!(
        taken.iter().map(|r| r.locale.as_str()).collect::<Vec<_>>(),
        ["zh-Hant", "en"]
    );
    assert_eq!(
        taken.iter().map(|r| r.status).collect::<Vec<_>>(),
        [RegStatus::Confirmed, RegStatus::Waiting]
    );
    assert_eq!(s.waiting_position(taken[1].id).await.unwrap(), Some(1));
    assert_eq!(s.waiting_position(taken[0].id).await.unwrap(), None);
    let listed = s.delegation(ev.id, rep.id).await.unwrap();
    assert_eq!(
        listed.iter().map(|r| r.email.as_str()).collect::<Vec<_>>(),
        ["p1@example.org", "p2@example.org"]
    );
    assert!(s.delegation(ev.id, rep.id + 1).await.unwrap().is_empty());
    // Each has their own confirmation mail.
    let mails = crate::kit::sent_mails(s, NOON).await;
    for email in ["p1@example.org", "p2@example.org"] {
        assert_eq!(
            mails.iter().filter(|m| m.to_addr == email).count(),
            1,
            "{mails:?}"
        );
    }
    // Cancelling one the representative entered promotes the next, as any cancellation.
    s.cancel_registration(None, taken[0].id, NOON - 3600)
        .await
        .unwrap();
    let listed = s.delegation(ev.id, rep.id).await.unwrap();
    assert_eq!(
        listed.iter().map(|r| r.status).collect::<Vec<_>>(),
        [RegStatus::Cancelled, RegStatus::Confirmed]
    );
}

/// Places per organisation (名額): counted over every representative of the organisation,
/// a delegation that would pass them refused whole, a cancelled place given back, and two
/// representatives entering at once never holding more than the quota between them.
async fn delegation_places(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let mut input = EventInput {
        kind: "forum".into(),
        title: "深港澳科技合作大會".into(),
        region: "shenzhen".into(),
        starts_at: NOON,
        ends_at: NOON + 3 * 3600,
        registration_open: true,
        delegation_quota: Some(3),
        ..Default::default()
    };
    let ev = s
        .create_event(
            &me,
            &input.validate(Script::Hant).unwrap(),
            &baylink_tickets::generate_key(),
        )
        .await
        .unwrap();
    assert_eq!(ev.delegation_quota, Some(3));
    let org = |name: &str| {
        OrganisationInput {
            name: name.into(),
            org_type: "society".into(),
            region: "hong_kong".into(),
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap()
    };
    let member = s
        .create_organisation(&me, &org("香港資訊科技聯會"))
        .await
        .unwrap();
    let other = s
        .create_organisation(&me, &org("澳門科技協會"))
        .await
        .unwrap();
    let account = |email: &str, org_id: i64| UserInput {
        email: email.into(),
        display_name: "代表".into(),
        role: "participant".into(),
        side_id: None,
        org_id: Some(org_id),
    };
    let mut reps = Vec::new();
    for (email, org_id) in [
        ("a@member.hk", member.id),
        ("b@member.hk", member.id),
        ("c@other.mo", other.id),
    ] {
        let u = account(email, org_id).validate().unwrap();
        reps.push(s.create_user(&me, &u, "x").await.unwrap().id);
    }
    let entry = |i: usize| DelegateEntry {
        draft: person(i),
        manage_token: format!("places-{i}"),
        locale: "en".into(),
    };
    let at = NOON - 86_400;
    let first = s
        .register_delegation(ev.id, reps[0], &[entry(1), entry(2)], at)
        .await
        .unwrap();
    assert_eq!(s.delegation_places(ev.id, reps[1]).await.unwrap(), 2);
    // The colleague sees what the first entered, and who entered it; the other
    // organisation sees none of it.
    let seen = s.colleagues_delegation(ev.id, reps[1]).await.unwrap();
    assert_eq!(
        seen.iter()
            .map(|(r, by)| (r.id, by.as_str()))
            .collect::<Vec<_>>(),
        [(first[0].id, "代表"), (first[1].id, "代表")]
    );
    assert!(
        s.colleagues_delegation(ev.id, reps[0])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        s.colleagues_delegation(ev.id, reps[2])
            .await
            .unwrap()
            .is_empty()
    );
    // The colleague has one place left, not two: nothing of the two is written.
    match s
        .register_delegation(ev.id, reps[1], &[entry(3), entry(4)], at)
        .await
        .unwrap_err()
    {
        StoreError::Invalid(errors) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, "people");
            assert_eq!(errors[0].code, "err-delegation-quota");
            assert_eq!(errors[0].limit, Some(1));
        }
        other => panic!("{other:?}"),
    }
    assert!(s.delegation(ev.id, reps[1]).await.unwrap().is_empty());
    assert!(
        s.registrations_by_address("p3@example.org")
            .await
            .unwrap()
            .is_empty()
    );
    // Another organisation has its own places.
    s.register_delegation(ev.id, reps[2], &[entry(5), entry(6), entry(7)], at)
        .await
        .unwrap();
    assert_eq!(s.delegation_places(ev.id, reps[2]).await.unwrap(), 3);
    // A cancelled place is given back.
    s.cancel_registration(None, first[0].id, at).await.unwrap();
    assert_eq!(s.delegation_places(ev.id, reps[0]).await.unwrap(), 1);
    s.register_delegation(ev.id, reps[1], &[entry(3), entry(4)], at)
        .await
        .unwrap();
    assert_eq!(s.delegation_places(ev.id, reps[0]).await.unwrap(), 3);
    // The organiser raises the quota; two representatives enter two each at once: the
    // database lets one of them through.
    input.delegation_quota = Some(5);
    input.version = Some(ev.version);
    s.update_event(&me, ev.id, &input.validate(Script::Hant).unwrap())
        .await
        .unwrap();
    let (these, those) = ([entry(8), entry(9)], [entry(10), entry(11)]);
    let (a, b) = tokio::join!(
        s.register_delegation(ev.id, reps[0], &these, at),
        s.register_delegation(ev.id, reps[1], &those, at),
    );
    assert!(a.is_ok() != b.is_ok(), "{a:?} {b:?}");
    assert_eq!(s.delegation_places(ev.id, reps[0]).await.unwrap(), 5);
    // One organisation's own places: the other one gets one more than the event's five.
    assert_eq!(
        s.delegation_quota_for(ev.id, reps[2]).await.unwrap(),
        Some(5)
    );
    s.set_organisation_places(&me, ev.id, other.id, Some(6))
        .await
        .unwrap();
    assert_eq!(
        s.delegation_quota_for(ev.id, reps[2]).await.unwrap(),
        Some(6)
    );
    assert_eq!(
        s.delegation_quota_for(ev.id, reps[0]).await.unwrap(),
        Some(5)
    );
    assert_eq!(s.organisation_places(ev.id).await.unwrap(), [(other.id, 6)]);
    let more: Vec<DelegateEntry> = (20..23).map(entry).collect();
    s.register_delegation(ev.id, reps[2], &more, at)
        .await
        .unwrap();
    assert_eq!(s.delegation_places(ev.id, reps[2]).await.unwrap(), 6);
    // Refused: a negative number, an organisation that does not exist.
    for (org, places, field) in [
        (other.id, Some(-1), "places"),
        (other.id + 100, Some(1), "org_id"),
    ] {
        match s
            .set_organisation_places(&me, ev.id, org, places)
            .await
            .unwrap_err()
        {
            StoreError::Invalid(errors) => assert_eq!(errors[0].field, field),
            e => panic!("{e:?}"),
        }
    }
    // Back to the event's number.
    s.set_organisation_places(&me, ev.id, other.id, None)
        .await
        .unwrap();
    assert_eq!(
        s.delegation_quota_for(ev.id, reps[2]).await.unwrap(),
        Some(5)
    );
    assert!(s.organisation_places(ev.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn delegation_places_on_sqlite() {
    let db = TestDb::sqlite();
    delegation_places(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn delegation_places_on_postgres() {
    let db = TestDb::postgres().await;
    delegation_places(db.open().await).await;
}

/// Correcting a registration's details: what the event requires is still required, the
/// address, seat and sessions stay, a cancelled or erased one is refused, and a correction
/// by someone else than the holder is in the audit log.
async fn corrections(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let mut input = EventInput {
        kind: "forum".into(),
        title: "深港澳科技合作論壇".into(),
        region: "shenzhen".into(),
        starts_at: NOON,
        ends_at: NOON + 3 * 3600,
        capacity: Some(1),
        registration_open: true,
        ..Default::default()
    };
    let ev = s
        .create_event(
            &me,
            &input.validate(Script::Hant).unwrap(),
            &baylink_tickets::generate_key(),
        )
        .await
        .unwrap();
    let first = s
        .register(
            ev.id,
            &person(1),
            Channel::Public,
            "c-1",
            "en",
            NOON - 86_400,
        )
        .await
        .unwrap();
    let second = s
        .register(
            ev.id,
            &person(2),
            Channel::Public,
            "c-2",
            "en",
            NOON - 86_400,
        )
        .await
        .unwrap();
    assert_eq!(second.status, RegStatus::Waiting);
    let corrected = |name: &str, position: Option<&str>| {
        RegistrationInput {
            name: name.into(),
            email: "p1@example.org".into(),
            position: position.map(Into::into),
            consent: true,
            ..Default::default()
        }
        .validate(Script::Hans)
        .unwrap()
    };
    let after = s
        .correct_registration(
            None,
            first.id,
            &corrected("陈大文", Some("总监")),
            NOON - 3600,
        )
        .await
        .unwrap();
    assert_eq!(
        (
            after.name.as_str(),
            after.name_script.as_str(),
            after.position.as_deref()
        ),
        ("陈大文", "zh-Hans", Some("总监"))
    );
    assert_eq!(
        (
            after.email.as_str(),
            after.status,
            after.manage_token.as_str()
        ),
        ("p1@example.org", RegStatus::Confirmed, "c-1")
    );
    assert_eq!(after.updated_at, NOON - 3600);
    // A control character is refused on every backend (a NUL would fail PostgreSQL).
    let bad = RegistrationInput {
        name: "陳\u{1}大文".into(),
        email: "p1@example.org".into(),
        consent: true,
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap_err();
    match bad {
        StoreError::Invalid(errors) => assert_eq!(
            (errors[0].field.as_str(), errors[0].code.as_str()),
            ("name", "err-control-chars")
        ),
        other => panic!("{other:?}"),
    }
    // Staff search finds the new name.
    let found = s
        .list_registrations(ev.id, Some("陈大文"), None, 10, 0)
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1);
    // Nothing in the audit log for the holder's own correction.
    let audited = || async {
        s.list_audit(1000, 0)
            .await
            .unwrap()
            .items
            .into_iter()
            .filter(|e| e.entity == "registration" && e.action == "correct")
            .count()
    };
    assert_eq!(audited().await, 0);
    // The organiser now requires a position: a correction without one is refused whole.
    input.required_fields = vec!["position".into()];
    input.version = Some(ev.version);
    s.update_event(&me, ev.id, &input.validate(Script::Hant).unwrap())
        .await
        .unwrap();
    match s
        .correct_registration(Some(&me), first.id, &corrected("陳大明", None), NOON)
        .await
        .unwrap_err()
    {
        StoreError::Invalid(errors) => assert_eq!(errors[0].field, "position"),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.get_registration(first.id).await.unwrap().name, "陈大文");
    // Someone else's correction is audited with what changed.
    s.correct_registration(
        Some(&me),
        first.id,
        &corrected("陳大明", Some("總監")),
        NOON,
    )
    .await
    .unwrap();
    assert_eq!(audited().await, 1);
    // Cancelled or erased: refused.
    s.cancel_registration(None, second.id, NOON).await.unwrap();
    s.erase_registration(None, first.id, NOON).await.unwrap();
    for id in [first.id, second.id] {
        assert!(matches!(
            s.correct_registration(None, id, &corrected("X", Some("Y")), NOON)
                .await,
            Err(StoreError::Conflict("err-registration-not-correctable"))
        ));
    }
    assert_eq!(s.get_registration(first.id).await.unwrap().name, "");
}

#[tokio::test]
async fn corrections_on_sqlite() {
    let db = TestDb::sqlite();
    corrections(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn corrections_on_postgres() {
    let db = TestDb::postgres().await;
    corrections(db.open().await).await;
}

/// Reminders before an event: for confirmed registrations only, not the demo's, not one
/// just made, within the day before the event and not in its last two hours, and once
/// per registration even when two nodes sweep at once.
async fn event_reminders(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let ev = event(s, None, false).await;
    let day = 86_400;
    let reg = |i: usize, at: i64| async move {
        s.register(
            ev.id,
            &person(i),
            Channel::Public,
            &format!("r-{i}"),
            "en",
            at,
        )
        .await
        .unwrap()
    };
    let first = reg(1, NOON - 3 * day).await;
    let gone = reg(2, NOON - 3 * day).await;
    s.cancel_registration(None, gone.id, NOON - 2 * day)
        .await
        .unwrap();
    s.register(
        ev.id,
        &RegistrationDraft {
            synthetic: true,
            ..person(3)
        },
        Channel::Public,
        "r-3",
        "en",
        NOON - 3 * day,
    )
    .await
    .unwrap();
    let late = reg(4, NOON - 20 * 3600).await;
    crate::kit::sent_mails(s, NOON).await;
    let reminded = |at: i64| async move {
        crate::kit::sent_mails(s, at)
            .await
            .into_iter()
            .filter(|m| m.kind == "reminder")
            .map(|m| m.registration_id.unwrap())
            .collect::<Vec<_>>()
    };
    // Too early: the event is more than a day away.
    assert_eq!(s.queue_event_reminders(NOON - 30 * 3600).await.unwrap(), 0);
    // A day before: the first only (the late one registered less than 12 hours ago), once
    // however many sweep at the same time.
    let at = NOON - 16 * 3600;
    let (a, b) = tokio::join!(s.queue_event_reminders(at), s.queue_event_reminders(at));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(s.queue_event_reminders(at).await.unwrap(), 0);
    assert_eq!(reminded(at).await, [first.id]);
    // Later that day, the late one too; nothing after.
    assert_eq!(s.queue_event_reminders(NOON - 6 * 3600).await.unwrap(), 1);
    assert_eq!(reminded(NOON - 6 * 3600).await, [late.id]);
    assert_eq!(s.queue_event_reminders(NOON - 3 * 3600).await.unwrap(), 0);
    // One who registers in the last two hours is not reminded at all.
    reg(5, NOON - 3 * day).await;
    assert_eq!(s.queue_event_reminders(NOON - 3600).await.unwrap(), 0);
    // An event whose organiser turned reminders off reminds no one.
    let quiet = s
        .create_event(
            &Actor::cli(),
            &EventInput {
                kind: "forum".into(),
                title: "內部會議".into(),
                region: "macao".into(),
                starts_at: NOON + day,
                ends_at: NOON + day + 3600,
                registration_open: true,
                reminders_off: true,
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap(),
            &baylink_tickets::generate_key(),
        )
        .await
        .unwrap();
    assert!(quiet.reminders_off);
    s.register(
        quiet.id,
        &person(6),
        Channel::Public,
        "r-6",
        "en",
        NOON - 3 * day,
    )
    .await
    .unwrap();
    assert_eq!(
        s.queue_event_reminders(NOON + day - 16 * 3600)
            .await
            .unwrap(),
        0
    );
    // A visit whose organiser wants registrants reminded three days ahead: at 60 hours
    // before it, its registrant is reminded; a seminar at the same time, a day ahead as usual.
    let visit = EventInput {
        kind: "visit".into(),
        title: "前海參訪".into(),
        region: "shenzhen".into(),
        starts_at: NOON + 4 * day,
        ends_at: NOON + 4 * day + 3600,
        registration_open: true,
        reminder_hours: Some(72),
        ..Default::default()
    };
    let e = EventInput {
        reminder_hours: Some(2),
        ..visit.clone()
    }
    .validate(Script::Hant)
    .unwrap_err();
    assert!(matches!(e, StoreError::Invalid(f) if f[0].field == "reminder_hours"));
    let visit = s
        .create_event(
            &Actor::cli(),
            &visit.validate(Script::Hant).unwrap(),
            &baylink_tickets::generate_key(),
        )
        .await
        .unwrap();
    assert_eq!(visit.reminder_hours, Some(72));
    let visitor = s
        .register(
            visit.id,
            &person(7),
            Channel::Public,
            "r-7",
            "en",
            NOON - 3 * day,
        )
        .await
        .unwrap();
    // A seminar at the same time, reminded a day ahead as usual.
    let seminar = EventInput {
        kind: "seminar".into(),
        title: "前海研討會".into(),
        region: "shenzhen".into(),
        starts_at: NOON + 4 * day,
        ends_at: NOON + 4 * day + 3600,
        registration_open: true,
        ..Default::default()
    };
    let seminar = s
        .create_event(
            &Actor::cli(),
            &seminar.validate(Script::Hant).unwrap(),
            &baylink_tickets::generate_key(),
        )
        .await
        .unwrap();
    let attendee = s
        .register(
            seminar.id,
            &person(8),
            Channel::Public,
            "r-8",
            "en",
            NOON - 3 * day,
        )
        .await
        .unwrap();
    assert_eq!(
        s.queue_event_reminders(NOON + 4 * day - 80 * 3600)
            .await
            .unwrap(),
        0
    );
    let at = NOON + 4 * day - 60 * 3600;
    assert_eq!(s.queue_event_reminders(at).await.unwrap(), 1);
    assert_eq!(reminded(at).await, [visitor.id]);
    let at = NOON + 4 * day - 20 * 3600;
    assert_eq!(s.queue_event_reminders(at).await.unwrap(), 1);
    assert_eq!(reminded(at).await, [attendee.id]);
}

#[tokio::test]
async fn event_reminders_on_sqlite() {
    let db = TestDb::sqlite();
    event_reminders(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn event_reminders_on_postgres() {
    let db = TestDb::postgres().await;
    event_reminders(db.open().await).await;
}

#[tokio::test]
async fn delegations_on_sqlite() {
    let db = TestDb::sqlite();
    delegations(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn delegations_on_postgres() {
    let db = TestDb::postgres().await;
    delegations(db.open().await).await;
}

/// A registration's answers as (question, answer) pairs.
async fn kept_answers(s: &dyn Store, registration_id: i64) -> Vec<(i64, String)> {
    s.answers_of(registration_id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.question_id, a.answer))
        .collect()
}

/// The organiser's own registration questions: answers checked against them in the same
/// transaction as the registration (a refused one leaves nothing), options kept as
/// written whatever script they came in, corrections replacing only what they answer,
/// and answers gone with their question or the registration's erasure.
async fn questions(db: &TestDb) {
    let store = db.open().await;
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, Some(10), false).await;
    let ask = |kind: &str, label: &str, options: &[&str], required: bool| QuestionInput {
        kind: kind.into(),
        label: label.into(),
        options: options.iter().map(|o| o.to_string()).collect(),
        required,
        retention_days: None,
        ..Default::default()
    };
    let mut qs = Vec::new();
    for q in [
        ask("text", "回鄉證號碼", &[], true),
        ask(
            "choice",
            "參訪路線",
            &["前海深港青年夢工場", "大疆創新總部"],
            true,
        ),
        ask("choices", "出席環節", &["午餐", "晚宴"], false),
        ask("yes_no", "需要住宿", &[], false),
    ] {
        let d = q.validate(Script::Hant).unwrap();
        qs.push(s.add_question(&me, ev.id, &d).await.unwrap());
    }
    let p = s.programme(ev.id).await.unwrap();
    assert_eq!(p.questions, qs, "the programme lists them in order");
    assert_eq!(s.questions(ev.id).await.unwrap(), qs);
    assert!(p.event.programme_version > ev.programme_version);
    let answer = |q: &RegistrationQuestion, values: &[&str]| AnswerInput {
        question_id: q.id,
        values: values.iter().map(|v| v.to_string()).collect(),
    };

    // Required questions unanswered: refused, nothing kept, each question named.
    let refused = s
        .register(
            ev.id,
            &person(1),
            Channel::Public,
            "q-1",
            "zh-Hans",
            NOON - 86_400,
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(fields) = refused else {
        panic!("{refused:?}")
    };
    let named: Vec<String> = fields.iter().map(|f| f.field.clone()).collect();
    assert_eq!(named, [qs[0].field(), qs[1].field()]);
    assert!(
        s.registrations_by_address("p1@example.org")
            .await
            .unwrap()
            .is_empty()
    );

    // Answered, the choice in Simplified as a Shenzhen reader saw it: kept as written.
    let mut d = person(1);
    d.answers = vec![
        answer(&qs[0], &[" H01234567 "]),
        answer(&qs[1], &["大疆创新总部"]),
        answer(&qs[2], &["晚宴", "午餐"]),
        answer(&qs[3], &["no"]),
    ];
    let reg = s
        .register(ev.id, &d, Channel::Public, "q-1", "zh-Hans", NOON - 86_400)
        .await
        .unwrap();
    assert_eq!(
        kept_answers(s, reg.id).await,
        [
            (qs[0].id, "H01234567".to_owned()),
            (qs[1].id, "大疆創新總部".to_owned()),
            (qs[2].id, "午餐\n晚宴".to_owned()),
            (qs[3].id, "no".to_owned()),
        ]
    );
    // Staff and the door find the registrant by an answer, in any case or script.
    let found = |q: &'static str| async move {
        s.list_registrations(ev.id, Some(q), None, 10, 0)
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("h0123").await, [reg.id]);
    assert_eq!(found("大疆创新").await, [reg.id]);
    assert!(found("H99999").await.is_empty());
    // Answers written before they were folded (migration 0044) are folded when the
    // store next opens, and found in either script too.
    db.execute("UPDATE registration_answers SET search_key = NULL")
        .await;
    assert!(found("大疆创新").await.is_empty());
    let reopened = db.open().await;
    let found_again = reopened
        .list_registrations(ev.id, Some("大疆创新"), None, 10, 0)
        .await
        .unwrap();
    assert_eq!(
        found_again.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [reg.id]
    );

    // A representative's colleague is registered without answers.
    let rep = participant_account(s, "rep-q@example.org", "代表").await;
    let delegate = s
        .register_delegation(
            ev.id,
            rep.id,
            &[DelegateEntry {
                draft: person(2),
                manage_token: "q-2".into(),
                locale: "zh-Hant".into(),
            }],
            NOON - 86_400,
        )
        .await
        .unwrap()
        .remove(0);
    assert!(s.answers_of(delegate.id).await.unwrap().is_empty());
    assert_eq!(s.event_answers(ev.id).await.unwrap().len(), 4);
    // Or answered at entry by the representative: then wholly, the required ones too,
    // each error on its delegate (`q12_2`), and a refused delegation writes nobody.
    let entry = |n: usize, answers: Vec<AnswerInput>| {
        let mut draft = person(n);
        draft.answers = answers;
        DelegateEntry {
            draft,
            manage_token: format!("q-{n}"),
            locale: "zh-Hans".into(),
        }
    };
    let full = vec![
        answer(&qs[0], &["H7654321"]),
        answer(&qs[1], &["前海深港青年夢工場"]),
    ];
    let refused = s
        .register_delegation(
            ev.id,
            rep.id,
            &[
                entry(5, full.clone()),
                entry(6, vec![answer(&qs[3], &["yes"])]),
            ],
            NOON - 86_400,
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(fields) = refused else {
        panic!("{refused:?}")
    };
    let named: Vec<String> = fields.iter().map(|f| f.field.clone()).collect();
    assert_eq!(
        named,
        [
            format!("{}_2", qs[0].field()),
            format!("{}_2", qs[1].field())
        ]
    );
    assert!(
        s.registrations_by_address("p5@example.org")
            .await
            .unwrap()
            .is_empty()
    );
    let answered = s
        .register_delegation(ev.id, rep.id, &[entry(5, full)], NOON - 86_400)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        kept_answers(s, answered.id).await,
        [
            (qs[0].id, "H7654321".to_owned()),
            (qs[1].id, "前海深港青年夢工場".to_owned()),
        ]
    );
    // Their details corrected with every question left blank (as a form sends them):
    // still nothing asked of them. Once anything is answered for them, the required
    // questions must be too.
    let mut blank = person(2);
    blank.answers = qs.iter().map(|q| answer(q, &[])).collect();
    s.correct_registration(Some(&me), delegate.id, &blank, NOON - 3600)
        .await
        .unwrap();
    let mut partly = person(2);
    partly.answers = vec![answer(&qs[3], &["yes"])];
    let refused = s
        .correct_registration(Some(&me), delegate.id, &partly, NOON - 3600)
        .await
        .unwrap_err();
    let StoreError::Invalid(fields) = refused else {
        panic!("{refused:?}")
    };
    let named: Vec<String> = fields.iter().map(|f| f.field.clone()).collect();
    assert_eq!(named, [qs[0].field(), qs[1].field()]);
    assert!(s.answers_of(delegate.id).await.unwrap().is_empty());

    // A correction replaces what it answers and keeps the rest; clearing a required
    // answer is refused and changes nothing.
    let mut fix = person(1);
    fix.answers = vec![answer(&qs[1], &["前海深港青年夢工場"]), answer(&qs[3], &[])];
    s.correct_registration(None, reg.id, &fix, NOON - 3600)
        .await
        .unwrap();
    assert_eq!(
        kept_answers(s, reg.id).await,
        [
            (qs[0].id, "H01234567".to_owned()),
            (qs[1].id, "前海深港青年夢工場".to_owned()),
            (qs[2].id, "午餐\n晚宴".to_owned()),
        ]
    );
    let mut clear = person(1);
    clear.answers = vec![answer(&qs[0], &[])];
    let refused = s
        .correct_registration(None, reg.id, &clear, NOON - 3600)
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::Invalid(_)), "{refused:?}");
    assert_eq!(s.answers_of(reg.id).await.unwrap().len(), 3);

    // A question reworded, an option added, made optional: its answers stay. An option
    // someone chose cannot go, nor can the way it is answered change.
    let reworded = ask(
        "choice",
        "參訪地點",
        &["前海深港青年夢工場", "大疆創新總部", "騰訊濱海大廈"],
        false,
    )
    .validate(Script::Hant)
    .unwrap();
    let after = s
        .update_question(&me, ev.id, qs[1].id, &reworded)
        .await
        .unwrap();
    assert_eq!((after.label.as_str(), after.required), ("參訪地點", false));
    assert_eq!(after.option_list().len(), 3);
    assert_eq!(s.answers_of(reg.id).await.unwrap().len(), 3);
    let dropped = ask(
        "choice",
        "參訪地點",
        &["大疆創新總部", "騰訊濱海大廈"],
        false,
    )
    .validate(Script::Hant)
    .unwrap();
    let refused = s
        .update_question(&me, ev.id, qs[1].id, &dropped)
        .await
        .unwrap_err();
    let StoreError::Invalid(fields) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(fields[0].code, "err-option-in-use");
    let retyped = ask("text", "參訪地點", &[], false)
        .validate(Script::Hant)
        .unwrap();
    assert!(
        s.update_question(&me, ev.id, qs[1].id, &retyped)
            .await
            .is_err()
    );
    assert_eq!(
        s.questions(ev.id).await.unwrap()[1],
        after,
        "nothing changed"
    );

    // Moved up: the form asks the yes-or-no question before the choice of parts.
    s.move_question_up(&me, ev.id, qs[3].id).await.unwrap();
    s.move_question_up(&me, ev.id, qs[0].id).await.unwrap(); // the first stays first
    let order: Vec<i64> = s
        .questions(ev.id)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    assert_eq!(order, [qs[0].id, qs[1].id, qs[3].id, qs[2].id]);
    assert!(matches!(
        s.move_question_up(&me, ev.id, 999_999).await,
        Err(StoreError::NotFound)
    ));

    // At most ten questions.
    for i in 4..10 {
        let d = ask("text", &format!("問題{i}"), &[], false)
            .validate(Script::Hant)
            .unwrap();
        s.add_question(&me, ev.id, &d).await.unwrap();
    }
    let d = ask("text", "第十一題", &[], false)
        .validate(Script::Hant)
        .unwrap();
    assert!(matches!(
        s.add_question(&me, ev.id, &d).await,
        Err(StoreError::Conflict("err-too-many-questions"))
    ));

    // A question removed takes its answers along; an erasure takes the rest.
    s.remove_programme_part(&me, ev.id, "question", qs[2].id)
        .await
        .unwrap();
    assert_eq!(s.answers_of(reg.id).await.unwrap().len(), 2);
    // Its history is one record's: made and removed under the same name.
    let history = s
        .search_audit(
            &baylink_store::AuditFilter {
                entity: Some("registration_question".into()),
                entity_id: Some(qs[2].id),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    let actions: Vec<_> = history.items.iter().map(|a| a.action.as_str()).collect();
    assert!(
        actions.contains(&"create") && actions.contains(&"delete"),
        "{actions:?}"
    );
    // Another event's question is not this event's to remove.
    let other = event(s, None, false).await;
    assert!(matches!(
        s.remove_programme_part(&me, other.id, "question", qs[0].id)
            .await,
        Err(StoreError::NotFound)
    ));
    s.erase_registration(None, reg.id, NOON).await.unwrap();
    assert!(s.answers_of(reg.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn questions_on_sqlite() {
    questions(&TestDb::sqlite()).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn questions_on_postgres() {
    questions(&TestDb::postgres().await).await;
}

/// The organiser's retention periods: a question's answers go at their own time after the
/// event, then every registrant's personal data at the event's, once however often the
/// sweep runs, while what the reports count (status, region, check-in) stays; events
/// without a period, or whose period is still running, keep everything.
async fn retention(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let kept_for = |days: Option<i64>| EventInput {
        kind: "visit".into(),
        title: "前海深港青年夢工場參訪".into(),
        region: "shenzhen".into(),
        starts_at: NOON,
        ends_at: NOON + 3 * 3600,
        registration_open: true,
        retention_days: days,
        ..Default::default()
    };
    // Out of range: refused on its field, in days.
    for days in [0, -1, 3651] {
        let err = kept_for(Some(days)).validate(Script::Hant).unwrap_err();
        let StoreError::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        assert_eq!(fields[0].field, "retention_days");
        assert_eq!(fields[0].code, "err-retention-days");
    }
    let question = |label: &str, days: Option<i64>| QuestionInput {
        kind: "text".into(),
        label: label.into(),
        required: false,
        retention_days: days,
        ..Default::default()
    };
    assert!(
        question("回鄉證號碼", Some(-1))
            .validate(Script::Hant)
            .is_err()
    );
    assert!(
        question("回鄉證號碼", Some(3651))
            .validate(Script::Hant)
            .is_err()
    );

    let mut events = Vec::new();
    for days in [Some(30), None, Some(90)] {
        let d = kept_for(days).validate(Script::Hant).unwrap();
        let ev = s
            .create_event(&me, &d, &baylink_tickets::generate_key())
            .await
            .unwrap();
        // The travel document's number goes once the visit is over; the dinner's
        // answer stays with the registration.
        let travel = question("回鄉證號碼", Some(0))
            .validate(Script::Hant)
            .unwrap();
        let dinner = question("晚宴", None).validate(Script::Hant).unwrap();
        let travel = s.add_question(&me, ev.id, &travel).await.unwrap();
        let dinner = s.add_question(&me, ev.id, &dinner).await.unwrap();
        let mut regs = Vec::new();
        for i in 0..3 {
            let mut d = RegistrationInput {
                name: format!("參加者{i}"),
                email: format!("r{i}-{}@example.org", ev.id),
                organisation: Some("香港科技園公司".into()),
                region: Some("hong_kong".into()),
                phone: Some("+852 5555 0000".into()),
                consent: true,
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap();
            d.answers = vec![
                AnswerInput {
                    question_id: travel.id,
                    values: vec![format!("H0000000{i}")],
                },
                AnswerInput {
                    question_id: dinner.id,
                    values: vec!["素食".into()],
                },
            ];
            let tok = format!("ret-{}-{i}", ev.id);
            regs.push(
                s.register(ev.id, &d, Channel::Public, &tok, "zh-Hant", NOON - 86_400)
                    .await
                    .unwrap(),
            );
        }
        s.check_in(ev.id, regs[0].id, NOON + 60).await.unwrap();
        s.cancel_registration(None, regs[1].id, NOON - 3600)
            .await
            .unwrap();
        events.push((ev, regs, travel, dinner));
    }
    let (kept30, regs, travel, dinner) = &events[0];
    // One registrant had asked to be erased before: not counted again.
    s.erase_registration(None, regs[2].id, NOON + 7200)
        .await
        .unwrap();
    let end = kept30.ends_at;

    // While the event runs, nothing goes.
    assert_eq!(
        s.sweep_retention(end - 60).await.unwrap(),
        RetentionSwept::default()
    );
    let by_number = |q: &'static str| async move {
        s.list_registrations(kept30.id, Some(q), None, 10, 0)
            .await
            .unwrap()
            .total
    };
    assert_eq!(by_number("H00000000").await, 1);
    // After it: the travel documents' numbers of the nine registrants of the three
    // events, less the erased one's (gone with its erasure), and nothing else.
    let swept = s.sweep_retention(end + 1).await.unwrap();
    assert_eq!(
        swept,
        RetentionSwept {
            events: 0,
            registrations: 0,
            answers: 8
        }
    );
    assert_eq!(
        kept_answers(s, regs[0].id).await,
        [(dinner.id, "素食".to_owned())]
    );
    assert_eq!(
        s.get_registration(regs[0].id).await.unwrap().name,
        "參加者0"
    );
    assert_eq!(by_number("H00000000").await, 0, "no longer found by it");
    assert_eq!(
        s.sweep_retention(end + 2).await.unwrap(),
        RetentionSwept::default(),
        "a second sweep finds nothing left"
    );

    // Thirty days after: this event's registrants, cancelled or not, keep nothing that
    // names them; their status, region and check-in stay for the counts.
    let before = s.get_event(kept30.id).await.unwrap();
    let day30 = retained_until(end, 30);
    assert_eq!(
        s.sweep_retention(day30 - 1).await.unwrap(),
        RetentionSwept::default()
    );
    let swept = s.sweep_retention(day30).await.unwrap();
    assert_eq!(
        swept,
        RetentionSwept {
            events: 1,
            registrations: 2,
            answers: 0
        }
    );
    let came = s.get_registration(regs[0].id).await.unwrap();
    assert!(came.is_erased(), "{came:?}");
    assert_eq!(came.email, format!("erased-{}@erased.invalid", regs[0].id));
    assert_eq!(
        (came.name.as_str(), &came.organisation, &came.phone),
        ("", &None, &None)
    );
    assert_eq!(came.status, RegStatus::Confirmed);
    assert_eq!(came.region.as_deref(), Some("hong_kong"));
    assert_eq!(came.checked_in_at, Some(NOON + 60));
    assert!(s.answers_of(regs[0].id).await.unwrap().is_empty());
    let left = s.get_registration(regs[1].id).await.unwrap();
    assert!(left.is_erased());
    assert_eq!(left.status, RegStatus::Cancelled);
    assert_eq!(
        s.get_event(kept30.id).await.unwrap().confirmed_count,
        before.confirmed_count
    );
    // The sweep's line in the audit log says how many, and names no one.
    let audit = s.list_audit(20, 0).await.unwrap();
    let line = audit
        .items
        .iter()
        .find(|a| a.actor == "retention" && a.entity == "event" && a.entity_id == kept30.id)
        .expect("the sweep's audit line");
    assert_eq!(
        line.after_json.as_deref(),
        Some(r#"{"registrations_anonymised":2}"#)
    );
    assert!(
        !audit.items.iter().any(|a| a.entity == "registration"
            && regs.iter().any(|r| r.id == a.entity_id)
            && a.after_json
                .as_deref()
                .is_some_and(|j| j.contains("參加者"))),
        "no line keeps a name"
    );
    // Again: nothing left to do, however many nodes sweep.
    assert_eq!(
        s.sweep_retention(day30 + 60).await.unwrap(),
        RetentionSwept::default()
    );

    // The event without a period, and the one whose ninety days still run, keep their
    // registrants (less the travel documents' numbers).
    for (ev, regs, _, dinner) in &events[1..] {
        for r in regs {
            let r = s.get_registration(r.id).await.unwrap();
            assert!(!r.is_erased(), "{} of event {}", r.id, ev.id);
            assert_eq!(
                kept_answers(s, r.id).await,
                [(dinner.id, "素食".to_owned())]
            );
        }
    }
    let day90 = retained_until(end, 90);
    let swept = s.sweep_retention(day90).await.unwrap();
    assert_eq!(
        swept,
        RetentionSwept {
            events: 1,
            registrations: 3,
            answers: 0
        }
    );
    assert!(
        s.get_registration(events[2].1[0].id)
            .await
            .unwrap()
            .is_erased()
    );
    assert!(
        !s.get_registration(events[1].1[0].id)
            .await
            .unwrap()
            .is_erased()
    );
    let _ = travel;
}

#[tokio::test]
async fn retention_on_sqlite() {
    let db = TestDb::sqlite();
    retention(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn retention_on_postgres() {
    let db = TestDb::postgres().await;
    retention(db.open().await).await;
}

/// A question asked only on another's answer, on both backends: the condition is kept as
/// the organiser wrote the option, checked against the event's earlier questions, keeps
/// the order and the option it waits for, and a registration answers it only when asked.
/// A forum organised by a member organisation is listed as theirs (承辦), and no other's.
async fn sessions_organised(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let organiser = s
        .create_organisation(
            &me,
            &OrganisationInput {
                name: "深圳市信息行業協會".into(),
                org_type: "society".into(),
                region: "shenzhen".into(),
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap(),
        )
        .await
        .unwrap();
    assert!(
        s.sessions_organised_by(organiser.id)
            .await
            .unwrap()
            .is_empty()
    );
    let conference = event(s, None, false).await;
    let forum = s
        .create_event_session(
            &me,
            &SessionInput {
                event_id: conference.id,
                kind: "forum".into(),
                title: "互聯網行業人工智能應用平行論壇".into(),
                starts_at: NOON,
                ends_at: NOON + 3600,
                organiser_org_id: Some(organiser.id),
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap(),
        )
        .await
        .unwrap();
    let theirs: Vec<i64> = s
        .sessions_organised_by(organiser.id)
        .await
        .unwrap()
        .iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(theirs, [forum.id]);
}

#[tokio::test]
async fn sessions_organised_on_sqlite() {
    let db = TestDb::sqlite();
    sessions_organised(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn sessions_organised_on_postgres() {
    let db = TestDb::postgres().await;
    sessions_organised(db.open().await).await;
}

/// A place handed to someone else (換人出席): the new registration takes the seat, or the
/// place in line, as it is, with nobody promoted; the old one is cancelled and points to
/// it; both holders are mailed. Refused for the same or an already registered address,
/// for a cancelled one, once checked in, once the event has started, and, for the holder
/// alone, where the organiser approved the person; staff may hand that on.
async fn transfers(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, Some(1), false).await;
    let before = NOON - 86_400;
    let reg = |i: usize, token: &'static str| async move {
        s.register(ev.id, &person(i), Channel::Public, token, "zh-Hant", before)
            .await
            .unwrap()
    };
    let (a, b, c) = (
        reg(1, "t-1").await,
        reg(2, "t-2").await,
        reg(3, "t-3").await,
    );
    assert_eq!(
        (a.status, b.status, c.status),
        (RegStatus::Confirmed, RegStatus::Waiting, RegStatus::Waiting)
    );
    let now = before + 600;
    kit::sent_mails(s, now).await;
    let (old, new) = s
        .transfer_registration(None, a.id, &person(9), "t-9", "en", None, now)
        .await
        .unwrap();
    assert_eq!(
        (old.status, old.transferred_to),
        (RegStatus::Cancelled, Some(new.id))
    );
    assert_eq!(
        (new.status, new.email.as_str(), new.locale.as_str()),
        (RegStatus::Confirmed, "p9@example.org", "en")
    );
    assert_eq!(
        s.transferred_from(new.id).await.unwrap().map(|r| r.id),
        Some(a.id)
    );
    // The old ticket at the door: handed on, not merely cancelled.
    assert!(matches!(
        s.check_in(ev.id, a.id, now).await,
        Err(StoreError::Conflict("err-ticket-handed-on"))
    ));
    // The seat moved: nobody promoted, the count as it was.
    assert_eq!(s.get_event(ev.id).await.unwrap().confirmed_count, 1);
    assert_eq!(
        s.get_registration(b.id).await.unwrap().status,
        RegStatus::Waiting
    );
    let mails: Vec<(String, Option<i64>)> = kit::sent_mails(s, now)
        .await
        .into_iter()
        .map(|m| (m.kind, m.registration_id))
        .collect();
    assert_eq!(
        mails,
        [
            ("transfer_in".to_owned(), Some(new.id)),
            ("transfer_out".to_owned(), Some(a.id))
        ]
    );
    // A place in line keeps its turn.
    let (_, nb) = s
        .transfer_registration(None, b.id, &person(8), "t-8", "zh-Hans", None, now)
        .await
        .unwrap();
    assert_eq!(
        (nb.status, nb.waiting_seq),
        (RegStatus::Waiting, b.waiting_seq)
    );
    assert_eq!(s.waiting_position(nb.id).await.unwrap(), Some(1));
    assert_eq!(s.waiting_position(c.id).await.unwrap(), Some(2));

    let refused = |r: StoreResult<(Registration, Registration)>| match r {
        Err(StoreError::Invalid(f)) => f[0].code.clone(),
        Err(StoreError::Conflict(code)) => code.to_owned(),
        other => panic!("{other:?}"),
    };
    let hand = |id: i64, i: usize, token: &'static str, at: i64| async move {
        s.transfer_registration(None, id, &person(i), token, "zh-Hant", None, at)
            .await
    };
    assert_eq!(
        refused(hand(new.id, 9, "t-x", now).await),
        "err-transfer-same-person"
    );
    assert_eq!(
        refused(hand(new.id, 3, "t-x", now).await),
        "err-already-registered"
    );
    assert_eq!(
        refused(hand(a.id, 7, "t-x", now).await),
        "err-transfer-not-possible"
    );
    assert_eq!(
        refused(hand(c.id, 7, "t-x", NOON).await),
        "err-transfer-too-late"
    );
    s.check_in(ev.id, new.id, now).await.unwrap();
    assert_eq!(
        refused(hand(new.id, 7, "t-x", now).await),
        "err-transfer-checked-in"
    );
    // Nothing of a refused one stays.
    assert!(
        s.registrations_by_address("p7@example.org")
            .await
            .unwrap()
            .is_empty()
    );

    // Where the organiser approved the person: theirs to hand on, not the holder's.
    let gated = event(s, Some(5), true).await;
    let p = s
        .register(
            gated.id,
            &person(1),
            Channel::Public,
            "g-1",
            "zh-Hant",
            before,
        )
        .await
        .unwrap();
    s.decide_registration(&me, p.id, true, now).await.unwrap();
    assert_eq!(
        refused(
            s.transfer_registration(None, p.id, &person(2), "g-2", "zh-Hant", None, now)
                .await
        ),
        "err-transfer-organiser-only"
    );
    let (_, q) = s
        .transfer_registration(Some(&me), p.id, &person(2), "g-2", "zh-Hant", None, now)
        .await
        .unwrap();
    assert_eq!(q.status, RegStatus::Confirmed);

    // Where the organiser turned transfers off: the same, and a copy keeps the setting.
    let d = EventInput {
        kind: "seminar".into(),
        title: "閉門研討會".into(),
        region: "macao".into(),
        starts_at: NOON,
        ends_at: NOON + 3600,
        registration_open: true,
        transfers_off: true,
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    let closed = s
        .create_event(&me, &d, &baylink_tickets::generate_key())
        .await
        .unwrap();
    assert!(closed.transfers_off);
    let p = s
        .register(
            closed.id,
            &person(1),
            Channel::Public,
            "c-1",
            "zh-Hant",
            before,
        )
        .await
        .unwrap();
    assert_eq!(
        refused(
            s.transfer_registration(None, p.id, &person(2), "c-2", "zh-Hant", None, now)
                .await
        ),
        "err-transfer-organiser-only"
    );
    s.transfer_registration(Some(&me), p.id, &person(2), "c-2", "zh-Hant", None, now)
        .await
        .unwrap();
    let copy = s
        .copy_event(
            &me,
            closed.id,
            &[(7 * 86_400, baylink_tickets::generate_key())],
            CopyParts::ALL,
        )
        .await
        .unwrap()
        .remove(0);
    assert!(copy.transfers_off);
}

#[tokio::test]
async fn transfers_on_sqlite() {
    let db = TestDb::sqlite();
    transfers(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn transfers_on_postgres() {
    let db = TestDb::postgres().await;
    transfers(db.open().await).await;
}

/// Questions asked once the seat is confirmed: not the registration form's (an answer sent
/// there refuses the registration whole), nor a correction's before the seat is confirmed;
/// once approved, the holder answers them, the required ones once any is answered, while a
/// correction of the name alone needs none; a question of the form may not wait on one of
/// them, nor become one while a question of the form waits on it; a copy keeps the choice.
async fn questions_after_confirmation(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, Some(10), true).await;
    let ask = |label: &str,
               kind: &str,
               options: &[&str],
               required: bool,
               after_confirmation: bool,
               on: Option<(i64, &str)>| {
        QuestionInput {
            kind: kind.into(),
            label: label.into(),
            options: options.iter().map(|o| o.to_string()).collect(),
            required,
            shown_if_question: on.map(|(q, _)| q),
            shown_if_answer: on.map(|(_, a)| a.to_owned()),
            after_confirmation,
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap()
    };
    let join = s
        .add_question(
            &me,
            ev.id,
            &ask("參加前海參訪", "yes_no", &[], true, false, None),
        )
        .await
        .unwrap();
    let document = s
        .add_question(
            &me,
            ev.id,
            &ask(
                "回鄉證號碼",
                "text",
                &[],
                true,
                true,
                Some((join.id, "yes")),
            ),
        )
        .await
        .unwrap();
    let hotel = s
        .add_question(
            &me,
            ev.id,
            &ask(
                "住宿安排",
                "choice",
                &["自行安排", "大會安排"],
                true,
                true,
                None,
            ),
        )
        .await
        .unwrap();
    assert!(document.after_confirmation && hotel.after_confirmation && !join.after_confirmation);
    let answer = |q: &RegistrationQuestion, v: &str| AnswerInput {
        question_id: q.id,
        values: vec![v.to_owned()],
    };
    let field = |q: &RegistrationQuestion| format!("q{}", q.id);
    let refused = |r: StoreResult<Registration>| match r {
        Err(StoreError::Invalid(f)) => (f[0].field.clone(), f[0].code.clone()),
        other => panic!("{other:?}"),
    };

    // The form does not ask them: an answer to one refuses the registration, whole.
    let mut d = person(1);
    d.answers = vec![answer(&join, "yes"), answer(&document, "H01234567")];
    assert_eq!(
        refused(
            s.register(
                ev.id,
                &d,
                Channel::Public,
                "after-1",
                "zh-Hant",
                NOON - 86_400
            )
            .await
        ),
        (field(&document), "err-unknown-reference".to_owned())
    );
    assert!(
        s.registrations_by_address("p1@example.org")
            .await
            .unwrap()
            .is_empty()
    );
    d.answers.truncate(1);
    let reg = s
        .register(
            ev.id,
            &d,
            Channel::Public,
            "after-1",
            "zh-Hant",
            NOON - 86_400,
        )
        .await
        .unwrap();
    assert_eq!(reg.status, RegStatus::Pending);
    let with = |answers: Vec<AnswerInput>| {
        let mut c = person(1);
        c.answers = answers;
        c
    };
    let now = NOON - 80_000;
    // Not yet confirmed: not asked.
    assert_eq!(
        refused(
            s.correct_registration(None, reg.id, &with(vec![answer(&hotel, "大會安排")]), now)
                .await
        ),
        (field(&hotel), "err-unknown-reference".to_owned())
    );
    s.decide_registration(&me, reg.id, true, now).await.unwrap();
    // Confirmed: a correction of the rest needs none of them...
    s.correct_registration(None, reg.id, &with(vec![]), now)
        .await
        .unwrap();
    // ...but one answered asks for the other required ones (the document, since the
    // visit was chosen), and a refused correction keeps nothing.
    assert_eq!(
        refused(
            s.correct_registration(None, reg.id, &with(vec![answer(&hotel, "大會安排")]), now)
                .await
        ),
        (field(&document), "err-required".to_owned())
    );
    assert_eq!(kept_answers(s, reg.id).await, [(join.id, "yes".to_owned())]);
    s.correct_registration(
        None,
        reg.id,
        &with(vec![
            answer(&document, " H01234567 "),
            answer(&hotel, "大会安排"),
        ]),
        now,
    )
    .await
    .unwrap();
    let mut kept = kept_answers(s, reg.id).await;
    kept.sort();
    let mut want = vec![
        (join.id, "yes".to_owned()),
        (document.id, "H01234567".to_owned()),
        (hotel.id, "大會安排".to_owned()),
    ];
    want.sort();
    assert_eq!(kept, want);

    // A question of the form may not wait on one asked after confirmation; one asked
    // after may wait on either.
    let q_refused = |r: StoreResult<RegistrationQuestion>| match r {
        Err(StoreError::Invalid(f)) => (f[0].field.clone(), f[0].code.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        q_refused(
            s.add_question(
                &me,
                ev.id,
                &ask(
                    "晚宴",
                    "yes_no",
                    &[],
                    false,
                    false,
                    Some((hotel.id, "大會安排"))
                )
            )
            .await
        ),
        (
            "shown_if".to_owned(),
            "err-condition-after-confirmation".to_owned()
        )
    );
    s.add_question(
        &me,
        ev.id,
        &ask(
            "同房者",
            "text",
            &[],
            false,
            true,
            Some((hotel.id, "大會安排")),
        ),
    )
    .await
    .unwrap();
    let lunch = s
        .add_question(
            &me,
            ev.id,
            &ask(
                "參訪午餐",
                "yes_no",
                &[],
                false,
                false,
                Some((join.id, "yes")),
            ),
        )
        .await
        .unwrap();
    // `join` cannot become a later question while `lunch`, on the form, waits on it.
    assert_eq!(
        q_refused(
            s.update_question(
                &me,
                ev.id,
                join.id,
                &ask("參加前海參訪", "yes_no", &[], true, true, None)
            )
            .await
        ),
        (
            "after_confirmation".to_owned(),
            "err-condition-after-confirmation".to_owned()
        )
    );
    assert!(!s.questions(ev.id).await.unwrap()[0].after_confirmation);
    // Nor `lunch` stay on the form once made to wait on the hotel.
    assert_eq!(
        q_refused(
            s.update_question(
                &me,
                ev.id,
                lunch.id,
                &ask(
                    "參訪午餐",
                    "yes_no",
                    &[],
                    false,
                    false,
                    Some((hotel.id, "自行安排"))
                )
            )
            .await
        ),
        (
            "shown_if".to_owned(),
            "err-condition-after-confirmation".to_owned()
        )
    );

    // A copy keeps which questions wait for the confirmation.
    let copy = s
        .copy_event(
            &me,
            ev.id,
            &[(7 * 86_400, baylink_tickets::generate_key())],
            CopyParts::ALL,
        )
        .await
        .unwrap()
        .remove(0);
    let flags = |qs: Vec<RegistrationQuestion>| -> Vec<bool> {
        qs.into_iter().map(|q| q.after_confirmation).collect()
    };
    assert_eq!(
        flags(s.questions(copy.id).await.unwrap()),
        flags(s.questions(ev.id).await.unwrap())
    );
    assert_eq!(
        flags(s.questions(ev.id).await.unwrap()),
        [false, true, true, true, false]
    );
}

#[tokio::test]
async fn questions_after_confirmation_on_sqlite() {
    let db = TestDb::sqlite();
    questions_after_confirmation(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn questions_after_confirmation_on_postgres() {
    let db = TestDb::postgres().await;
    questions_after_confirmation(db.open().await).await;
}

async fn question_conditions(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, Some(10), false).await;
    let add =
        |label: &str, kind: &str, options: &[&str], required: bool, on: Option<(i64, &str)>| {
            QuestionInput {
                kind: kind.into(),
                label: label.into(),
                options: options.iter().map(|o| o.to_string()).collect(),
                required,
                shown_if_question: on.map(|(q, _)| q),
                shown_if_answer: on.map(|(_, a)| a.to_owned()),
                ..Default::default()
            }
            .validate(Script::Hant)
            .unwrap()
        };
    let join = s
        .add_question(
            &me,
            ev.id,
            &add("出席環節", "choices", &["午餐", "前海參訪"], false, None),
        )
        .await
        .unwrap();
    let note = s
        .add_question(&me, ev.id, &add("備註", "text", &[], false, None))
        .await
        .unwrap();
    // Waiting on an option given in Simplified: kept as written.
    let document = s
        .add_question(
            &me,
            ev.id,
            &add("回鄉證號碼", "text", &[], true, Some((join.id, "前海参访"))),
        )
        .await
        .unwrap();
    assert_eq!(document.condition(), Some((join.id, "前海參訪")));
    assert_eq!(s.questions(ev.id).await.unwrap()[2], document);
    // Refused: a text's answer, an option the question lacks, another event's question.
    let refused = |r: StoreResult<RegistrationQuestion>| match r {
        Err(StoreError::Invalid(f)) => (f[0].field.clone(), f[0].code.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refused(
            s.add_question(
                &me,
                ev.id,
                &add("甲", "text", &[], false, Some((note.id, "x")))
            )
            .await
        ),
        ("shown_if".to_owned(), "err-condition-question".to_owned())
    );
    assert_eq!(
        refused(
            s.add_question(
                &me,
                ev.id,
                &add("乙", "text", &[], false, Some((join.id, "晚宴")))
            )
            .await
        ),
        ("shown_if".to_owned(), "err-unknown-choice".to_owned())
    );
    let other = event(s, None, false).await;
    assert_eq!(
        refused(
            s.add_question(
                &me,
                other.id,
                &add("丙", "text", &[], false, Some((join.id, "午餐")))
            )
            .await
        ),
        ("shown_if".to_owned(), "err-condition-question".to_owned())
    );
    // A question cannot wait on itself or on one after it.
    assert_eq!(
        refused(
            s.update_question(
                &me,
                ev.id,
                join.id,
                &add(
                    "出席環節",
                    "choices",
                    &["午餐", "前海參訪"],
                    false,
                    Some((join.id, "午餐"))
                )
            )
            .await
        ),
        ("shown_if".to_owned(), "err-condition-question".to_owned())
    );
    // The option it waits for stays; the others may go.
    assert_eq!(
        refused(
            s.update_question(
                &me,
                ev.id,
                join.id,
                &add("出席環節", "choices", &["午餐", "晚宴"], false, None)
            )
            .await
        ),
        ("options".to_owned(), "err-option-in-use".to_owned())
    );
    s.update_question(
        &me,
        ev.id,
        join.id,
        &add("出席環節", "choices", &["前海參訪", "晚宴"], false, None),
    )
    .await
    .unwrap();
    // It cannot move above what it waits for; the text between may move below it.
    assert!(matches!(
        s.move_question_up(&me, ev.id, note.id).await,
        Ok(())
    ));
    let order: Vec<i64> = s
        .questions(ev.id)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    assert_eq!(order, [note.id, join.id, document.id]);
    assert!(matches!(
        s.move_question_up(&me, ev.id, document.id).await,
        Err(StoreError::Conflict("err-question-before-condition"))
    ));

    // Registering: without the visit the number is neither asked nor kept; with it, it is
    // required.
    let answer = |q: &RegistrationQuestion, v: &[&str]| AnswerInput {
        question_id: q.id,
        values: v.iter().map(|x| x.to_string()).collect(),
    };
    let mut d = person(1);
    d.answers = vec![answer(&join, &["晚宴"]), answer(&document, &["H01234567"])];
    let lunch = s
        .register(
            ev.id,
            &d,
            Channel::Public,
            "cond-1",
            "zh-Hant",
            NOON - 86_400,
        )
        .await
        .unwrap();
    assert_eq!(
        kept_answers(s, lunch.id).await,
        [(join.id, "晚宴".to_owned())]
    );
    let mut d = person(2);
    d.answers = vec![answer(&join, &["前海參訪"])];
    let err = s
        .register(
            ev.id,
            &d,
            Channel::Public,
            "cond-2",
            "zh-Hant",
            NOON - 86_400,
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(fields) = err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].field, document.field());
    d.answers.push(answer(&document, &["H07654321"]));
    let visit = s
        .register(
            ev.id,
            &d,
            Channel::Public,
            "cond-2",
            "zh-Hant",
            NOON - 86_400,
        )
        .await
        .unwrap();
    assert_eq!(kept_answers(s, visit.id).await.len(), 2);

    // The question waited on removed: the other is asked of everyone from then on.
    s.remove_programme_part(&me, ev.id, "question", join.id)
        .await
        .unwrap();
    let left = s.questions(ev.id).await.unwrap();
    let document = left.iter().find(|q| q.id == document.id).unwrap();
    assert_eq!(document.condition(), None);
}

#[tokio::test]
async fn question_conditions_on_sqlite() {
    let db = TestDb::sqlite();
    question_conditions(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn question_conditions_on_postgres() {
    let db = TestDb::postgres().await;
    question_conditions(db.open().await).await;
}

/// An event's managers on both backends: added by an account's address (once however
/// often), listed, taken away, and gone with the account's erasure, audit lines included.
async fn event_managers(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, Some(10), false).await;
    let other = event(s, Some(10), false).await;
    let user = participant_account(s, "organiser@hkitf.example", "承辦單位職員").await;
    assert!(s.managed_events(user.id).await.unwrap().is_empty());
    // Unknown address: refused on its field; nothing added.
    assert!(matches!(
        s.add_event_manager(&me, ev.id, "nobody@example.org").await,
        Err(StoreError::Invalid(f)) if f[0].field == "email" && f[0].code == "err-no-such-account"
    ));
    // Any case, spaces around: the account's address.
    let m = s
        .add_event_manager(&me, ev.id, " Organiser@HKITF.example ")
        .await
        .unwrap();
    assert_eq!((m.event_id, m.user_id), (ev.id, user.id));
    assert_eq!(m.display_name, "承辦單位職員");
    let again = s
        .add_event_manager(&me, ev.id, "organiser@hkitf.example")
        .await
        .unwrap();
    assert_eq!(again, m, "added once");
    s.add_event_manager(&me, other.id, "organiser@hkitf.example")
        .await
        .unwrap();
    assert_eq!(
        s.event_managers(ev.id).await.unwrap(),
        std::slice::from_ref(&m)
    );
    assert_eq!(s.managed_events(user.id).await.unwrap(), [ev.id, other.id]);
    s.remove_event_manager(&me, other.id, user.id)
        .await
        .unwrap();
    assert!(matches!(
        s.remove_event_manager(&me, other.id, user.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(s.managed_events(user.id).await.unwrap(), [ev.id]);
    assert!(matches!(
        s.add_event_manager(&me, 999_999, "organiser@hkitf.example")
            .await,
        Err(StoreError::NotFound)
    ));

    // The account erased: its management goes, and the audit lines that named it.
    s.erase_user(&me, user.id).await.unwrap();
    assert!(s.event_managers(ev.id).await.unwrap().is_empty());
    let audit = s.list_audit(50, 0).await.unwrap();
    assert!(
        audit
            .items
            .iter()
            .filter(|a| a.entity == "event_manager")
            .all(|a| a.before_json.is_none() && a.after_json.is_none()),
        "{:?}",
        audit.items
    );
    assert!(audit.items.iter().any(|a| a.entity == "event_manager"));
}

#[tokio::test]
async fn event_managers_on_sqlite() {
    let db = TestDb::sqlite();
    event_managers(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn event_managers_on_postgres() {
    let db = TestDb::postgres().await;
    event_managers(db.open().await).await;
}

/// The managers of an event that needs approval are told by mail that registrations await
/// them: once for what came, then at most once an hour and only for new ones; not for
/// events without approval, nor for the demo's synthetic registrations; and a
/// registrant's erasure leaves the managers' notice alone.
async fn approval_notices(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let gated = event(s, Some(10), true).await;
    let open = event(s, Some(10), false).await;
    participant_account(s, "approver@hkitf.example", "審批人").await;
    for ev in [gated.id, open.id] {
        s.add_event_manager(&me, ev, "approver@hkitf.example")
            .await
            .unwrap();
    }
    let t0 = NOON - 10 * 86_400;
    let notices = |at: i64| async move {
        crate::kit::sent_mails(s, at)
            .await
            .into_iter()
            .filter(|m| m.kind == "approvals")
            .collect::<Vec<_>>()
    };
    // Nothing waits: nothing to say.
    assert_eq!(s.queue_approval_notices(t0).await.unwrap(), 0);
    let mut synthetic = person(90);
    synthetic.synthetic = true;
    s.register(
        gated.id,
        &synthetic,
        Channel::Public,
        "ap-90",
        "zh-Hant",
        t0,
    )
    .await
    .unwrap();
    s.register(
        open.id,
        &person(91),
        Channel::Public,
        "ap-91",
        "zh-Hant",
        t0,
    )
    .await
    .unwrap();
    assert_eq!(s.queue_approval_notices(t0 + 1).await.unwrap(), 0);

    let first = s
        .register(
            gated.id,
            &person(1),
            Channel::Public,
            "ap-1",
            "zh-Hant",
            t0 + 10,
        )
        .await
        .unwrap();
    assert_eq!(first.status, RegStatus::Pending);
    assert_eq!(s.queue_approval_notices(t0 + 20).await.unwrap(), 1);
    let sent = notices(t0 + 20).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to_addr, "approver@hkitf.example");
    assert_eq!(sent[0].registration_id, Some(first.id));
    // Told: not again for the same one, nor within the hour for a new one.
    assert_eq!(s.queue_approval_notices(t0 + 30).await.unwrap(), 0);
    let second = s
        .register(
            gated.id,
            &person(2),
            Channel::Public,
            "ap-2",
            "zh-Hant",
            t0 + 40,
        )
        .await
        .unwrap();
    assert_eq!(s.queue_approval_notices(t0 + 1000).await.unwrap(), 0);
    assert_eq!(
        s.queue_approval_notices(t0 + 20 + APPROVAL_NOTICE_SECONDS)
            .await
            .unwrap(),
        1
    );
    let sent = notices(t0 + 20 + APPROVAL_NOTICE_SECONDS).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].registration_id, Some(second.id));
    // An hour on with nothing new: nothing.
    assert_eq!(
        s.queue_approval_notices(t0 + 20 + 3 * APPROVAL_NOTICE_SECONDS)
            .await
            .unwrap(),
        0
    );
    // The registrant asks to be erased before the notice goes: it still goes to the
    // manager, naming the newest waiting.
    let third = s
        .register(
            gated.id,
            &person(3),
            Channel::Public,
            "ap-3",
            "zh-Hant",
            t0 + 4 * APPROVAL_NOTICE_SECONDS,
        )
        .await
        .unwrap();
    let at = t0 + 5 * APPROVAL_NOTICE_SECONDS;
    assert_eq!(s.queue_approval_notices(at).await.unwrap(), 1);
    s.erase_registration(None, third.id, at + 1).await.unwrap();
    let sent = notices(at + 2).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to_addr, "approver@hkitf.example");
}

#[tokio::test]
async fn approval_notices_on_sqlite() {
    let db = TestDb::sqlite();
    approval_notices(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn approval_notices_on_postgres() {
    let db = TestDb::postgres().await;
    approval_notices(db.open().await).await;
}

/// An event copied to another day, on both backends, from the demo: the 2024
/// conference's programme with every time shifted and the speakers kept, its organising
/// roles, but not its guests nor registrations; the seminar's questions with the one
/// that waits on another pointing at the copy of it, and its managers; registration
/// closed on the copy. What is not ticked is not copied.
async fn copies(store: Arc<dyn Store>) {
    let s = store.as_ref();
    baylink::demo::load_with(s, 5).await.unwrap();
    let me = Actor::cli();
    let all = s
        .list_events(&EventFilter {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    let mut conference = None;
    let mut seminar = None;
    for e in &all {
        let p = s.programme(e.id).await.unwrap();
        if conference
            .as_ref()
            .is_none_or(|c: &Programme| p.sessions.len() > c.sessions.len())
        {
            conference = Some(p.clone());
        }
        if p.questions.iter().any(|q| q.shown_if_question.is_some()) {
            seminar = Some(p);
        }
    }
    let (p0, seminar) = (conference.unwrap(), seminar.unwrap());
    assert!(p0.sessions.len() >= 3 && !p0.speakers.is_empty() && !p0.guests.is_empty());
    let year = 364 * 86_400;
    let copy = s
        .copy_event(
            &me,
            p0.event.id,
            &[(year, baylink_tickets::generate_key())],
            CopyParts::ALL,
        )
        .await
        .unwrap()
        .remove(0);
    assert_ne!(copy.id, p0.event.id);
    assert_eq!(
        (copy.title.as_str(), copy.starts_at, copy.ends_at),
        (
            p0.event.title.as_str(),
            p0.event.starts_at + year,
            p0.event.ends_at + year
        )
    );
    assert!(!copy.registration_open);
    assert_eq!((copy.confirmed_count, copy.version), (0, 1));
    let p1 = s.programme(copy.id).await.unwrap();
    let times = |p: &Programme, shift: i64| -> Vec<(String, i64, i64)> {
        p.sessions
            .iter()
            .map(|x| (x.title.clone(), x.starts_at + shift, x.ends_at + shift))
            .collect()
    };
    assert_eq!(times(&p1, 0), times(&p0, year));
    let items = |p: &Programme, shift: i64| -> Vec<(String, Option<i64>)> {
        p.items
            .iter()
            .map(|x| (x.title.clone(), x.starts_at.map(|t| t + shift)))
            .collect()
    };
    assert_eq!(items(&p1, 0), items(&p0, year));
    // Each copied item has the speakers of its original.
    let speakers = |p: &Programme| -> Vec<(String, i64)> {
        let mut v: Vec<(String, i64)> = p
            .speakers
            .iter()
            .map(|a| {
                let item = p.items.iter().find(|i| i.id == a.parent_id).unwrap();
                (item.title.clone(), a.person_id)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(speakers(&p1), speakers(&p0));
    assert!(
        p1.items
            .iter()
            .all(|i| p1.sessions.iter().any(|x| x.id == i.session_id))
    );
    let roles = |p: &Programme| -> Vec<(i64, EventRole)> {
        p.roles.iter().map(|r| (r.org_id, r.role)).collect()
    };
    assert_eq!(roles(&p1), roles(&p0));
    assert!(p1.guests.is_empty());
    // Matchmaking: its settings open again, its slots at their hour, the hall's tables;
    // no request, no schedule.
    let mm0 = s.matchmaking(p0.event.id).await.unwrap().unwrap();
    let mm1 = s.matchmaking(copy.id).await.unwrap().unwrap();
    assert_eq!(
        (
            mm1.meeting_minutes,
            mm1.max_requests,
            mm1.self_booking,
            mm1.auto_accept
        ),
        (
            mm0.meeting_minutes,
            mm0.max_requests,
            mm0.self_booking,
            mm0.auto_accept
        )
    );
    assert_eq!(mm1.status, MatchmakingStatus::Open);
    assert_eq!(mm1.published_at, None);
    assert_eq!(mm1.request_deadline, mm0.request_deadline.map(|d| d + year));
    let slots = |id: i64| async move {
        s.meeting_slots(id)
            .await
            .unwrap()
            .into_iter()
            .map(|x| (x.starts_at, x.ends_at))
            .collect::<Vec<_>>()
    };
    let shifted: Vec<(i64, i64)> = slots(p0.event.id)
        .await
        .into_iter()
        .map(|(a, b)| (a + year, b + year))
        .collect();
    assert!(!shifted.is_empty());
    assert_eq!(slots(copy.id).await, shifted);
    let hall = |id: i64| async move {
        s.meeting_tables(id)
            .await
            .unwrap()
            .into_iter()
            .filter(|t| t.link.is_none())
            .map(|t| t.label)
            .collect::<Vec<_>>()
    };
    assert!(!hall(p0.event.id).await.is_empty());
    assert_eq!(hall(copy.id).await, hall(p0.event.id).await);
    assert!(
        s.meeting_tables(copy.id)
            .await
            .unwrap()
            .iter()
            .all(|t| t.reserved_for.is_none() && t.link.is_none())
    );
    assert!(s.meeting_requests(copy.id).await.unwrap().is_empty());
    assert_eq!(
        s.list_registrations(copy.id, None, None, 10, 0)
            .await
            .unwrap()
            .total,
        0
    );

    // The seminar: its questions in order, the condition on the copy of its question.
    let next = s
        .copy_event(
            &me,
            seminar.event.id,
            &[(7 * 86_400, baylink_tickets::generate_key())],
            CopyParts::ALL,
        )
        .await
        .unwrap()
        .remove(0);
    let qs = s.questions(next.id).await.unwrap();
    let labels =
        |v: &[RegistrationQuestion]| -> Vec<String> { v.iter().map(|q| q.label.clone()).collect() };
    assert_eq!(labels(&qs), labels(&seminar.questions));
    let waiting = qs.iter().find(|q| q.shown_if_question.is_some()).unwrap();
    let on = qs
        .iter()
        .position(|q| Some(q.id) == waiting.shown_if_question)
        .unwrap();
    let original = seminar
        .questions
        .iter()
        .find(|q| q.shown_if_question.is_some())
        .unwrap();
    assert_eq!(Some(seminar.questions[on].id), original.shown_if_question);
    assert_eq!(waiting.shown_if_answer, original.shown_if_answer);
    assert_eq!(waiting.retention_days, original.retention_days);
    let managers = |id: i64| async move {
        s.event_managers(id)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.user_id)
            .collect::<Vec<_>>()
    };
    assert!(!managers(seminar.event.id).await.is_empty());
    assert_eq!(managers(next.id).await, managers(seminar.event.id).await);
    assert_eq!(
        s.organisation_places(next.id).await.unwrap(),
        s.organisation_places(seminar.event.id).await.unwrap()
    );

    // Nothing ticked: the event alone.
    let bare = CopyParts {
        programme: false,
        roles: false,
        questions: false,
        managers: false,
        matchmaking: false,
    };
    let lone = s
        .copy_event(
            &me,
            seminar.event.id,
            &[(14 * 86_400, baylink_tickets::generate_key())],
            bare,
        )
        .await
        .unwrap()
        .remove(0);
    let p = s.programme(lone.id).await.unwrap();
    assert!(p.sessions.is_empty() && p.roles.is_empty() && p.questions.is_empty());
    assert!(managers(lone.id).await.is_empty());
    assert!(s.matchmaking(lone.id).await.unwrap().is_none());
    assert_eq!(lone.retention_days, seminar.event.retention_days);
    // Monthly: several copies in one go, each its own event with its own key.
    let before = s
        .list_events(&EventFilter {
            limit: 200,
            ..Default::default()
        })
        .await
        .unwrap()
        .total;
    let shifts = [28, 56, 91].map(|d| (d * 86_400, baylink_tickets::generate_key()));
    let many = s
        .copy_event(&me, seminar.event.id, &shifts, bare)
        .await
        .unwrap();
    let starts: Vec<i64> = many
        .iter()
        .map(|e| e.starts_at - seminar.event.starts_at)
        .collect();
    assert_eq!(starts, [28 * 86_400, 56 * 86_400, 91 * 86_400]);
    let keys: std::collections::HashSet<String> = {
        let mut k = std::collections::HashSet::new();
        for e in &many {
            k.insert(s.event_signing_key(e.id).await.unwrap());
        }
        k
    };
    assert_eq!(keys.len(), 3, "each copy signs its own tickets");
    assert_eq!(
        s.list_events(&EventFilter {
            limit: 200,
            ..Default::default()
        })
        .await
        .unwrap()
        .total,
        before + 3
    );
    assert!(matches!(
        s.copy_event(&me, 999_999, &[(0, baylink_tickets::generate_key())], bare)
            .await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn copies_on_sqlite() {
    let db = TestDb::sqlite();
    copies(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn copies_on_postgres() {
    let db = TestDb::postgres().await;
    copies(db.open().await).await;
}

/// A participant's account with this address and name.
async fn participant_account(s: &dyn Store, email: &str, name: &str) -> User {
    let input = UserInput {
        email: email.into(),
        display_name: name.into(),
        role: "participant".into(),
        side_id: None,
        org_id: None,
    }
    .validate()
    .unwrap();
    s.create_user(&Actor::cli(), &input, "x").await.unwrap()
}

/// Two nodes sweeping for approval notices at the same moment, over and over, on one
/// database: each manager is told once per round, never twice (the rows are claimed).
async fn approval_notices_race(stores: Vec<Arc<dyn Store>>) {
    let s = stores[0].as_ref();
    let me = Actor::cli();
    let mut managers = Vec::new();
    for i in 0..5 {
        let email = format!("racer{i}@hkitf.example");
        participant_account(s, &email, "審批人").await;
        managers.push(email);
    }
    let mut events = Vec::new();
    for _ in 0..4 {
        let ev = event(s, Some(100), true).await;
        for m in &managers {
            s.add_event_manager(&me, ev.id, m).await.unwrap();
        }
        events.push(ev);
    }
    let t0 = NOON - 30 * 86_400;
    for round in 0..6i64 {
        let at = t0 + round * (APPROVAL_NOTICE_SECONDS + 60);
        for (n, ev) in events.iter().enumerate() {
            let i = (round as usize) * 10 + n;
            s.register(
                ev.id,
                &person(i),
                Channel::Public,
                &format!("race-{i}"),
                "zh-Hant",
                at,
            )
            .await
            .unwrap();
        }
        let sweeps = stores.iter().map(|st| {
            let st = st.clone();
            tokio::spawn(async move { st.queue_approval_notices(at + 30).await.unwrap() })
        });
        let mut queued = 0;
        for sweep in sweeps.collect::<Vec<_>>() {
            queued += sweep.await.unwrap();
        }
        assert_eq!(
            queued,
            (managers.len() * events.len()) as u64,
            "round {round}"
        );
        let sent = crate::kit::sent_mails(s, at + 40).await;
        assert_eq!(
            sent.iter().filter(|m| m.kind == "approvals").count(),
            managers.len() * events.len()
        );
    }
}

#[tokio::test]
async fn approval_notices_race_on_sqlite() {
    let db = TestDb::sqlite();
    approval_notices_race(vec![db.open().await, db.open().await]).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn approval_notices_race_on_two_postgres_nodes() {
    let db = TestDb::postgres().await;
    approval_notices_race(vec![db.open().await, db.open().await]).await;
}

/// Two nodes sweeping for retention at the same moment: each event's registrants are
/// anonymised once, with one audit line, whichever node takes it.
async fn retention_race(stores: Vec<Arc<dyn Store>>) {
    let s = stores[0].as_ref();
    let me = Actor::cli();
    let mut ids = Vec::new();
    for n in 0..6 {
        let d = EventInput {
            kind: "visit".into(),
            title: format!("參訪{n}"),
            region: "shenzhen".into(),
            starts_at: NOON,
            ends_at: NOON + 3600,
            registration_open: true,
            retention_days: Some(1),
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap();
        let ev = s
            .create_event(&me, &d, &baylink_tickets::generate_key())
            .await
            .unwrap();
        for i in 0..5 {
            let k = n * 10 + i;
            s.register(
                ev.id,
                &person(k),
                Channel::Public,
                &format!("keep-{k}"),
                "zh-Hant",
                NOON - 86_400,
            )
            .await
            .unwrap();
        }
        ids.push(ev.id);
    }
    let at = retained_until(NOON + 3600, 1);
    let sweeps: Vec<_> = stores
        .iter()
        .map(|st| {
            let st = st.clone();
            tokio::spawn(async move { st.sweep_retention(at).await.unwrap() })
        })
        .collect();
    let mut total = RetentionSwept::default();
    for sweep in sweeps {
        let swept = sweep.await.unwrap();
        total.events += swept.events;
        total.registrations += swept.registrations;
    }
    assert_eq!((total.events, total.registrations), (6, 30));
    let audit = s.list_audit(200, 0).await.unwrap().items;
    for id in ids {
        let lines = audit
            .iter()
            .filter(|a| a.actor == "retention" && a.entity == "event" && a.entity_id == id)
            .count();
        assert_eq!(lines, 1, "event {id}");
    }
}

#[tokio::test]
async fn retention_race_on_sqlite() {
    let db = TestDb::sqlite();
    retention_race(vec![db.open().await, db.open().await]).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn retention_race_on_two_postgres_nodes() {
    let db = TestDb::postgres().await;
    retention_race(vec![db.open().await, db.open().await]).await;
}

/// Feedback after an event: asked by its organiser once it is over, of those the door
/// checked in (where it checked in anyone), one mail each however often asked; given and
/// changed through the registration until 30 days after; an erasure keeps the rating and
/// drops the words.
async fn feedback(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, Some(10), false).await;
    // Two parallel forums; each registrant sits in the first.
    let mut forums = Vec::new();
    for title in ["分論壇甲", "分論壇乙"] {
        let x = SessionInput {
            event_id: ev.id,
            kind: "forum".into(),
            title: title.into(),
            starts_at: NOON,
            ends_at: NOON + 3600,
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap();
        forums.push(s.create_event_session(&me, &x).await.unwrap());
    }
    let before = NOON - 86_400;
    let mut regs = Vec::new();
    for i in 1..=4 {
        let d = RegistrationDraft {
            sessions: vec![forums[0].id],
            ..person(i)
        };
        regs.push(
            s.register(
                ev.id,
                &d,
                Channel::Public,
                &format!("fb-{i}"),
                "zh-Hant",
                before,
            )
            .await
            .unwrap(),
        );
    }
    s.cancel_registration(None, regs[3].id, before)
        .await
        .unwrap();
    kit::sent_mails(s, before).await;
    let good = |rating: i64, useful: &str| {
        FeedbackInput {
            rating,
            useful: Some(useful.into()),
            improve: Some("  ".into()),
            sessions: Vec::new(),
        }
        .validate(Script::Hant)
    };
    let code = |e: StoreError| match e {
        StoreError::Conflict(c) => c.to_owned(),
        StoreError::Invalid(f) => f[0].code.clone(),
        other => panic!("{other:?}"),
    };
    // Not asked yet, and not before the end.
    let d = good(5, "案例實用").unwrap();
    assert_eq!(
        code(
            s.give_feedback(regs[0].id, &d, NOON + 4 * 3600)
                .await
                .unwrap_err()
        ),
        "err-feedback-not-asked"
    );
    assert_eq!(
        code(
            s.ask_for_feedback(&me, ev.id, NOON + 3600)
                .await
                .unwrap_err()
        ),
        "err-feedback-too-early"
    );
    assert_eq!(s.get_event(ev.id).await.unwrap().feedback_asked_at, None);
    // Two of three checked in: those two are asked, once.
    s.check_in(ev.id, regs[0].id, NOON).await.unwrap();
    s.check_in(ev.id, regs[1].id, NOON).await.unwrap();
    let after = NOON + 4 * 3600;
    assert_eq!(s.ask_for_feedback(&me, ev.id, after).await.unwrap(), 2);
    assert_eq!(s.ask_for_feedback(&me, ev.id, after + 60).await.unwrap(), 0);
    let mails = kit::sent_mails(s, after + 120).await;
    let mut to: Vec<i64> = mails
        .iter()
        .filter(|m| m.kind == "feedback")
        .filter_map(|m| m.registration_id)
        .collect();
    to.sort();
    assert_eq!(to, [regs[0].id, regs[1].id]);
    assert_eq!(
        s.get_event(ev.id).await.unwrap().feedback_asked_at,
        Some(after)
    );

    // Given, then changed: one row, the latest words, blank text dropped.
    let kept = s.give_feedback(regs[0].id, &d, after + 600).await.unwrap();
    assert_eq!(
        (
            kept.rating,
            kept.useful.as_deref(),
            kept.improve.as_deref(),
            kept.script.as_str()
        ),
        (5, Some("案例實用"), None, "zh-Hant")
    );
    // A reminder, once, to the one asked who has not answered.
    assert_eq!(s.remind_feedback(&me, ev.id, after + 700).await.unwrap(), 1);
    assert_eq!(s.remind_feedback(&me, ev.id, after + 800).await.unwrap(), 0);
    let reminded: Vec<i64> = kit::sent_mails(s, after + 800)
        .await
        .iter()
        .filter(|m| m.kind == "feedback_reminder")
        .filter_map(|m| m.registration_id)
        .collect();
    assert_eq!(reminded, [regs[1].id]);
    let changed = s
        .give_feedback(regs[0].id, &good(4, "案例实用").unwrap(), after + 900)
        .await
        .unwrap();
    assert_eq!(
        (changed.rating, changed.created_at, changed.updated_at),
        (4, after + 600, after + 900)
    );
    assert_eq!(changed.script, "zh-Hans");
    s.give_feedback(regs[1].id, &good(2, "").unwrap(), after + 900)
        .await
        .unwrap();
    let all = s.event_feedback(ev.id).await.unwrap();
    assert_eq!(all.len(), 2);
    // A forum rated by one who sat in it; the other forum, where they held no seat, is
    // refused, and the refusal keeps what was given before.
    let rate = |session_id: i64, rating: i64| FeedbackInput {
        rating: 2,
        sessions: vec![SessionRating { session_id, rating }],
        ..Default::default()
    };
    s.give_feedback(
        regs[1].id,
        &rate(forums[0].id, 5).validate(Script::Hant).unwrap(),
        after + 950,
    )
    .await
    .unwrap();
    let refused = s
        .give_feedback(
            regs[1].id,
            &rate(forums[1].id, 3).validate(Script::Hant).unwrap(),
            after + 960,
        )
        .await
        .unwrap_err();
    assert_eq!(code(refused), "err-unknown-choice");
    assert_eq!(
        s.session_ratings_of(regs[1].id).await.unwrap(),
        [SessionRating {
            session_id: forums[0].id,
            rating: 5
        }]
    );
    assert_eq!(
        code(rate(forums[0].id, 0).validate(Script::Hant).unwrap_err()),
        "err-feedback-rating"
    );
    assert_eq!(
        s.session_feedback(ev.id).await.unwrap(),
        [SessionTally {
            session_id: forums[0].id,
            count: 1,
            average: 5.0
        }]
    );
    let all = s.event_feedback(ev.id).await.unwrap();
    // The year's report counts them with the event.
    let rows = s.report_rows(2024, None).await.unwrap();
    let row = rows.events.iter().find(|e| e.id == ev.id).unwrap();
    assert_eq!((row.feedback_count, row.feedback_sum), (2, 6));
    let tally = FeedbackTally::of(&all);
    assert_eq!(
        (tally.count, tally.average, tally.by_rating),
        (2, Some(3.0), [0, 1, 0, 1, 0])
    );
    // A rating out of range, a cancelled registration, and too late.
    assert_eq!(code(good(6, "").unwrap_err()), "err-feedback-rating");
    assert_eq!(
        code(s.give_feedback(regs[3].id, &d, after).await.unwrap_err()),
        "err-feedback-not-asked"
    );
    let closed = ev.ends_at + FEEDBACK_DAYS * 86_400 + 1;
    assert_eq!(
        code(s.give_feedback(regs[1].id, &d, closed).await.unwrap_err()),
        "err-feedback-closed"
    );
    assert_eq!(
        code(s.remind_feedback(&me, ev.id, closed).await.unwrap_err()),
        "err-feedback-closed"
    );
    assert_eq!(
        code(s.ask_for_feedback(&me, ev.id, closed).await.unwrap_err()),
        "err-feedback-closed"
    );
    assert!(matches!(
        s.give_feedback(999_999, &d, after).await,
        Err(StoreError::NotFound)
    ));
    // An erasure keeps the rating, for the tally, and drops the words.
    s.erase_registration(None, regs[0].id, after + 1000)
        .await
        .unwrap();
    let left = s.feedback_of(regs[0].id).await.unwrap().unwrap();
    assert_eq!((left.rating, left.useful, left.improve), (4, None, None));
}

#[tokio::test]
async fn feedback_on_sqlite() {
    let db = TestDb::sqlite();
    feedback(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn feedback_on_postgres() {
    let db = TestDb::postgres().await;
    feedback(db.open().await).await;
}
