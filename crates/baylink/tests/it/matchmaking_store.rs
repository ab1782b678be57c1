//! The matchmaking store on both backends: settings, slots and tables, requests and their
//! rules (nothing written when one is broken), availability, a schedule saved against its
//! version, publication and outcomes.

use std::sync::Arc;

use baylink_store::*;
use baylink_text::Script;

use crate::events_store::{event, person};
use crate::kit::TestDb;

const NOON: i64 = 1_733_716_800; // 2024-12-09 12:00 HKT

fn conflict_code(e: StoreError) -> &'static str {
    match e {
        StoreError::Conflict(code) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn field_code(e: StoreError) -> String {
    match e {
        StoreError::Invalid(errors) => errors[0].code.clone(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn ask(to: i64, priority: i64, message: &str) -> RequestDraft {
    RequestInput {
        to_reg: to,
        message: message.into(),
        priority,
        session: None,
    }
    .validate(Script::Hant)
    .unwrap()
}

/// Matchmaking as most of these stories run it: 20-minute meetings, five requests each,
/// no deadlines, the organiser schedules, no video service, requests answered by hand.
fn plain_settings() -> MatchmakingDraft {
    MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 5,
        request_deadline: None,
        accept_deadline: None,
        self_booking: false,
        video_url: None,
        auto_accept: false,
    }
    .validate()
    .unwrap()
}

/// `n` participants registered to event `ev`, their links made from `tag`.
async fn participants(s: &dyn Store, ev: i64, n: usize, tag: &str) -> Vec<i64> {
    let mut regs = Vec::new();
    for i in 0..n {
        let r = s
            .register(
                ev,
                &person(i),
                Channel::Public,
                &format!("{tag}-{i}"),
                "zh-Hant",
                NOON,
            )
            .await
            .unwrap();
        regs.push(r.id);
    }
    regs
}

async fn story(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 4, "mm").await;
    let (a, b, c, d) = (regs[0], regs[1], regs[2], regs[3]);

    // Requests need matchmaking turned on.
    assert!(matches!(
        s.request_meeting(ev.id, a, &ask(b, 2, "想談合作"), NOON)
            .await,
        Err(StoreError::NotFound)
    ));
    let bad = MatchmakingInput {
        meeting_minutes: 1,
        max_requests: 0,
        ..Default::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(bad.len(), 2);
    let settings = MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 2,
        request_deadline: Some(NOON + 3600),
        accept_deadline: Some(NOON + 7200),
        self_booking: false,
        video_url: None,
        auto_accept: false,
    }
    .validate()
    .unwrap();
    let mm = s
        .save_matchmaking(&me, ev.id, &settings, NOON)
        .await
        .unwrap();
    assert_eq!((mm.status, mm.version), (MatchmakingStatus::Open, 0));

    let slot1 = s
        .add_meeting_slot(&me, ev.id, NOON, NOON + 1200)
        .await
        .unwrap();
    let slot2 = s
        .add_meeting_slot(&me, ev.id, NOON + 1200, NOON + 2400)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.add_meeting_slot(&me, ev.id, NOON + 600, NOON + 1800)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-overlap"
    );
    assert_eq!(
        s.meeting_slots(ev.id).await.unwrap(),
        vec![slot1.clone(), slot2.clone()]
    );
    let table = s.add_meeting_table(&me, ev.id, "A1", None).await.unwrap();
    let booth = s
        .add_meeting_table(&me, ev.id, "展位 B", Some(d))
        .await
        .unwrap();
    assert_eq!(s.meeting_tables(ev.id).await.unwrap().len(), 2);
    assert_eq!(booth.reserved_for, Some(d));

    // Requests: to oneself, twice, past the limit, past the deadline are refused, and
    // nothing is written.
    let ab = s
        .request_meeting(ev.id, a, &ask(b, 3, "想談6G合作"), NOON)
        .await
        .unwrap();
    assert_eq!((ab.status, ab.priority), (RequestStatus::Pending, 3));
    assert_eq!(
        field_code(
            s.request_meeting(ev.id, a, &ask(a, 1, ""), NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-self"
    );
    assert_eq!(
        conflict_code(
            s.request_meeting(ev.id, b, &ask(a, 1, ""), NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-duplicate"
    );
    s.request_meeting(ev.id, a, &ask(c, 1, ""), NOON)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.request_meeting(ev.id, a, &ask(d, 1, ""), NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-limit"
    );
    assert_eq!(
        conflict_code(
            s.request_meeting(ev.id, c, &ask(d, 1, ""), NOON + 3601)
                .await
                .unwrap_err()
        ),
        "err-mm-request-closed"
    );
    assert!(
        RequestInput {
            to_reg: b,
            message: String::new(),
            priority: 4,
            session: None,
        }
        .validate(Script::Hant)
        .is_err()
    );
    let cd = s
        .request_meeting(ev.id, c, &ask(d, 2, "Let's talk"), NOON)
        .await
        .unwrap();
    assert_eq!(cd.message_script, "en");
    assert_eq!(s.meeting_requests(ev.id).await.unwrap().len(), 3);

    // Only the receiver decides, once.
    assert!(matches!(
        s.decide_meeting(ab.id, a, true, 2, NOON).await,
        Err(StoreError::NotFound)
    ));
    let accepted = s
        .decide_meeting(ab.id, b, true, 3, NOON + 60)
        .await
        .unwrap();
    assert_eq!(accepted.status, RequestStatus::Accepted);
    // Both sides' priorities weigh the meeting; the receiver's must be 1 to 3.
    assert_eq!(accepted.to_priority, Some(3));
    assert_eq!(accepted.weight(), ab.priority + 3);
    assert_eq!(accepted.session, MeetingSession::Any);
    assert_eq!(
        field_code(
            s.decide_meeting(cd.id, d, true, 7, NOON + 60)
                .await
                .unwrap_err()
        ),
        "err-mm-priority"
    );
    let evening = RequestInput {
        to_reg: b,
        message: String::new(),
        priority: 2,
        session: Some("evening".into()),
    }
    .validate(Script::Hant)
    .unwrap_err();
    assert_eq!(evening[0].code, "err-mm-session");
    assert_eq!(
        conflict_code(
            s.decide_meeting(ab.id, b, false, 2, NOON + 60)
                .await
                .unwrap_err()
        ),
        "err-mm-not-pending"
    );
    s.decide_meeting(cd.id, d, true, 2, NOON + 60)
        .await
        .unwrap();
    // Each request queued one mail to the side asked, each answer one to the side asking,
    // and nothing refused queued anything.
    let mut mails = Vec::new();
    while let Some(m) = s.claim_mail(NOON + 61, NOON + 661).await.unwrap() {
        if m.kind.starts_with("mm_") {
            mails.push((m.kind.clone(), m.registration_id, m.meeting_request_id));
        }
        s.mark_mail_sent(m.id, NOON + 61).await.unwrap();
    }
    mails.sort();
    let ac = s
        .meeting_requests(ev.id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.to_reg == c)
        .unwrap()
        .id;
    let mut expected = vec![
        ("mm_answer".to_owned(), Some(a), Some(ab.id)),
        ("mm_answer".to_owned(), Some(c), Some(cd.id)),
        ("mm_request".to_owned(), Some(b), Some(ab.id)),
        ("mm_request".to_owned(), Some(c), Some(ac)),
        ("mm_request".to_owned(), Some(d), Some(cd.id)),
    ];
    expected.sort();
    assert_eq!(mails, expected);
    // A reminder goes to each participant with a request waiting for their answer: c.
    assert_eq!(s.remind_pending(ev.id, NOON + 62).await.unwrap(), 1);
    // Pressed again within a day: nobody is reminded twice.
    assert_eq!(s.remind_pending(ev.id, NOON + 600).await.unwrap(), 0);
    assert_eq!(
        s.recently_mailed(ev.id, "mm_reminder", NOON).await.unwrap(),
        vec![c]
    );
    // After the request deadline nobody is invited to book any more.
    assert_eq!(
        conflict_code(s.nudge_idle(ev.id, NOON + 3601).await.unwrap_err()),
        "err-mm-request-closed"
    );
    let m = s.claim_mail(NOON + 62, NOON + 662).await.unwrap().unwrap();
    assert_eq!(
        (m.kind.as_str(), m.registration_id),
        ("mm_reminder", Some(c))
    );
    s.mark_mail_sent(m.id, NOON + 62).await.unwrap();
    // The pending a→c expires after the acceptance deadline.
    assert_eq!(
        s.expire_meeting_requests(ev.id, NOON + 60).await.unwrap(),
        0
    );
    // After the acceptance deadline a reminder first expires the request it would be
    // about, so it reminds no one, and expiring again finds nothing left.
    assert_eq!(s.remind_pending(ev.id, NOON + 7201).await.unwrap(), 0);
    assert_eq!(
        s.expire_meeting_requests(ev.id, NOON + 7201).await.unwrap(),
        0
    );
    assert!(
        s.meeting_requests(ev.id)
            .await
            .unwrap()
            .iter()
            .any(|r| r.to_reg == c && r.status == RequestStatus::Expired)
    );

    // Availability.
    s.set_unavailable(b, slot1.id, true).await.unwrap();
    s.set_unavailable(b, slot1.id, true).await.unwrap();
    assert_eq!(s.unavailability(ev.id).await.unwrap(), vec![(b, slot1.id)]);
    s.set_away_slots(c, &[slot1.id, slot2.id]).await.unwrap();
    // A slot of another event is refused, and the participant's old choice stays.
    assert!(matches!(
        s.set_away_slots(c, &[slot1.id, 999_999]).await,
        Err(StoreError::NotFound)
    ));
    s.set_away_slots(c, &[]).await.unwrap();
    assert_eq!(s.unavailability(ev.id).await.unwrap(), vec![(b, slot1.id)]);

    // A schedule is saved against the version it was computed from.
    let version = s
        .save_schedule(
            &me,
            ev.id,
            0,
            &[
                (ab.id, Some((slot2.id, table.id))),
                (cd.id, Some((slot1.id, booth.id))),
            ],
        )
        .await
        .unwrap();
    assert_eq!(version, 1);
    assert_eq!(
        conflict_code(
            s.save_schedule(&me, ev.id, 0, &[(ab.id, None)])
                .await
                .unwrap_err()
        ),
        "err-mm-schedule-changed"
    );
    let placed = s.meeting_requests(ev.id).await.unwrap();
    let ab_now = placed.iter().find(|r| r.id == ab.id).unwrap();
    assert_eq!(
        (ab_now.slot_id, ab_now.table_id),
        (Some(slot2.id), Some(table.id))
    );
    let mm = s.matchmaking(ev.id).await.unwrap().unwrap();
    assert_eq!(mm.status, MatchmakingStatus::Scheduled);
    let published = s.publish_schedule(&me, ev.id, NOON + 9000).await.unwrap();
    assert_eq!(
        (published.status, published.published_at),
        (MatchmakingStatus::Published, Some(NOON + 9000))
    );

    // Outcomes, one per side.
    let r = s
        .record_outcome(ab.id, a, MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    assert_eq!(r.outcome_from.as_deref(), Some("cooperation_possible"));
    let r = s
        .record_outcome(ab.id, b, MeetingOutcome::Informative)
        .await
        .unwrap();
    assert_eq!(r.outcome_to.as_deref(), Some("informative"));
    assert!(matches!(
        s.record_outcome(ab.id, c, MeetingOutcome::Informative)
            .await,
        Err(StoreError::NotFound)
    ));
    // A comment for the organisers beside the outcome, in its own script; too long is
    // refused and changes nothing (not even the outcome); empty takes it back.
    s.record_feedback(
        ab.id,
        b,
        MeetingOutcome::CooperationPossible,
        "  對方的6G方案很有潛力 ",
        NOON + 9100,
    )
    .await
    .unwrap();
    let feedback = s.meeting_feedback(ev.id).await.unwrap();
    assert_eq!(feedback.len(), 1);
    assert_eq!(
        (
            feedback[0].registration_id,
            feedback[0].comment.as_str(),
            feedback[0].comment_script.as_str()
        ),
        (b, "對方的6G方案很有潛力", "zh-Hant")
    );
    let long = "長".repeat(baylink_store::matchmaking::MAX_FEEDBACK_CHARS + 1);
    assert_eq!(
        field_code(
            s.record_feedback(ab.id, b, MeetingOutcome::NotHeld, &long, NOON + 9200)
                .await
                .unwrap_err()
        ),
        "err-too-long"
    );
    let r = find_now(s, ev.id, ab.id).await;
    assert_eq!(r.outcome_to.as_deref(), Some("cooperation_possible"));
    assert_eq!(s.meeting_feedback(ev.id).await.unwrap(), feedback);
    s.record_feedback(ab.id, b, MeetingOutcome::Informative, "", NOON + 9300)
        .await
        .unwrap();
    assert!(s.meeting_feedback(ev.id).await.unwrap().is_empty());
    s.record_feedback(
        ab.id,
        a,
        MeetingOutcome::CooperationPossible,
        "Follow up in January",
        NOON + 9400,
    )
    .await
    .unwrap();

    // Cancelling: only a side may, the receiver of a pending request declines instead,
    // a held meeting (an outcome on record) stays, an expired request cannot be; an
    // accepted meeting is cancelled by either side, its slot and table freed, and the other
    // side is told.
    let ac = s
        .meeting_requests(ev.id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.to_reg == c && r.from_reg == a)
        .unwrap();
    assert_eq!(ac.status, RequestStatus::Expired);
    assert!(matches!(
        s.cancel_meeting(cd.id, a, NOON + 9100).await,
        Err(StoreError::NotFound)
    ));
    for (request, by) in [(ab.id, a), (ac.id, a)] {
        assert_eq!(
            conflict_code(
                s.cancel_meeting(request, by, NOON + 9100)
                    .await
                    .unwrap_err()
            ),
            "err-mm-cannot-cancel"
        );
    }
    // Before its time (after it, a meeting is told about, not cancelled).
    assert_eq!(
        conflict_code(s.cancel_meeting(cd.id, d, NOON + 9100).await.unwrap_err()),
        "err-mm-cancel-begun"
    );
    // Nor by the organiser.
    assert_eq!(
        conflict_code(
            s.cancel_meeting_as_organiser(&me, ev.id, cd.id, NOON + 9100)
                .await
                .unwrap_err()
        ),
        "err-mm-cancel-begun"
    );
    let gone = s.cancel_meeting(cd.id, d, NOON - 60).await.unwrap();
    assert_eq!(
        (gone.status, gone.slot_id, gone.table_id),
        (RequestStatus::Cancelled, None, None)
    );
    assert_eq!(
        conflict_code(s.cancel_meeting(cd.id, c, NOON + 9100).await.unwrap_err()),
        "err-mm-cannot-cancel"
    );
    // A participant who cancels their registration takes their meetings with them, but not
    // one already held.
    let e = s
        .register(ev.id, &person(4), Channel::Public, "mm-4", "zh-Hant", NOON)
        .await
        .unwrap()
        .id;
    let ec = s
        .request_meeting(ev.id, e, &ask(c, 2, ""), NOON + 100)
        .await
        .unwrap();
    let pending_to_e = s
        .request_meeting(ev.id, d, &ask(e, 2, ""), NOON + 100)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.cancel_meeting(pending_to_e.id, e, NOON + 110)
                .await
                .unwrap_err()
        ),
        "err-mm-cannot-cancel",
        "the receiver declines instead"
    );
    s.decide_meeting(ec.id, c, true, 2, NOON + 120)
        .await
        .unwrap();
    s.cancel_registration(None, e, NOON + 9200).await.unwrap();
    s.cancel_registration(None, b, NOON + 9200).await.unwrap();
    let now: Vec<_> = s.meeting_requests(ev.id).await.unwrap();
    let status = |id: i64| now.iter().find(|r| r.id == id).unwrap().status;
    assert_eq!(status(ec.id), RequestStatus::Cancelled);
    assert_eq!(status(pending_to_e.id), RequestStatus::Cancelled);
    assert_eq!(status(ab.id), RequestStatus::Accepted, "held: it stays");
    let mut told = Vec::new();
    while let Some(m) = s.claim_mail(NOON + 9300, NOON + 9900).await.unwrap() {
        if m.kind == "mm_cancelled" {
            told.push((m.registration_id, m.meeting_request_id));
        }
        s.mark_mail_sent(m.id, NOON + 9300).await.unwrap();
    }
    told.sort();
    let mut expected = vec![
        (Some(c), Some(cd.id)),
        (Some(c), Some(ec.id)),
        (Some(d), Some(pending_to_e.id)),
    ];
    expected.sort();
    assert_eq!(told, expected);

    // The organiser cancels a request for a participant: both sides are told; a held
    // meeting cannot be cancelled, and a request of another event is not found.
    let ad = s
        .request_meeting(ev.id, a, &ask(d, 1, ""), NOON + 100)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.cancel_meeting_as_organiser(&me, ev.id, ab.id, NOON + 9400)
                .await
                .unwrap_err()
        ),
        "err-mm-not-cancellable"
    );
    assert!(matches!(
        s.cancel_meeting_as_organiser(&me, ev.id + 1, ad.id, NOON + 9400)
            .await,
        Err(StoreError::NotFound)
    ));
    let gone = s
        .cancel_meeting_as_organiser(&me, ev.id, ad.id, NOON + 9400)
        .await
        .unwrap();
    assert_eq!(gone.status, RequestStatus::Cancelled);
    let mut told = Vec::new();
    while let Some(m) = s.claim_mail(NOON + 9500, NOON + 9900).await.unwrap() {
        if m.kind == "mm_cancelled_by_organiser" {
            told.push(m.registration_id);
        }
        s.mark_mail_sent(m.id, NOON + 9500).await.unwrap();
    }
    told.sort();
    assert_eq!(told, vec![Some(a), Some(d)]);

    // Erasing a's personal data: their pending request from d is cancelled (d is told),
    // the mail to them still unsent is dropped, their held meeting stays without its
    // message, and their name and address are gone.
    let da = s
        .request_meeting(ev.id, d, &ask(a, 1, ""), NOON + 100)
        .await
        .unwrap();
    let audited = |id: i64| async move {
        s.list_audit(1000, 0)
            .await
            .unwrap()
            .items
            .into_iter()
            .filter(|e| e.entity == "meeting" && e.entity_id == id)
            .map(|e| (e.before_json, e.after_json))
            .collect::<Vec<_>>()
    };
    // The organiser locks a–b where it is: the audit log keeps the request, message and all.
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    let placed = find_now(s, ev.id, ab.id).await;
    s.place_meeting(
        &me,
        ev.id,
        ab.id,
        placed.slot_id.zip(placed.table_id),
        true,
        version,
        NOON + 9550,
    )
    .await
    .unwrap();
    assert!(
        audited(ab.id)
            .await
            .iter()
            .any(|(b, _)| b.as_deref().is_some_and(|b| b.contains("想談6G合作"))),
        "the organiser's lock of a–b is in the audit log, with its message"
    );
    assert!(
        s.meeting_feedback(ev.id)
            .await
            .unwrap()
            .iter()
            .any(|f| f.registration_id == a)
    );
    // What A says of themselves for matchmaking: too long refused, kept as written.
    let long = "長".repeat(baylink_store::matchmaking::MAX_PROFILE_CHARS + 1);
    assert_eq!(
        field_code(
            s.set_matchmaking_profile(a, &long, false, &[], NOON + 9500)
                .await
                .unwrap_err()
        ),
        "err-too-long"
    );
    s.set_matchmaking_profile(
        a,
        " 我們提供6G基站測試服務，尋找低空物流夥伴 ",
        false,
        &[],
        NOON + 9500,
    )
    .await
    .unwrap();
    s.set_matchmaking_profile(b, "Looking for drone logistics", false, &[], NOON + 9500)
        .await
        .unwrap();
    s.set_matchmaking_profile(b, "", false, &[], NOON + 9501)
        .await
        .unwrap();
    let profiles = s.matchmaking_profiles(ev.id).await.unwrap();
    assert_eq!(profiles.len(), 1, "an empty profile is removed");
    assert_eq!(
        (
            profiles[0].about.as_str(),
            profiles[0].about_script.as_str()
        ),
        ("我們提供6G基站測試服務，尋找低空物流夥伴", "zh-Hant")
    );
    // The languages one meets in, kept in display order; a profile of languages alone
    // stays, and goes once they are taken back too.
    use MeetingLanguage::*;
    s.set_matchmaking_profile(b, "", false, &[English, Cantonese], NOON + 9502)
        .await
        .unwrap();
    let profiles = s.matchmaking_profiles(ev.id).await.unwrap();
    let theirs = profiles.iter().find(|p| p.registration_id == b).unwrap();
    assert_eq!(theirs.languages, "yue,en");
    assert_eq!(theirs.languages(), vec![Cantonese, English]);
    s.set_matchmaking_profile(b, "", false, &[], NOON + 9503)
        .await
        .unwrap();
    assert_eq!(s.matchmaking_profiles(ev.id).await.unwrap().len(), 1);
    let erased = s.erase_registration(None, a, NOON + 9600).await.unwrap();
    assert!(
        s.matchmaking_profiles(ev.id).await.unwrap().is_empty(),
        "the profile goes with the personal data"
    );
    assert!(
        s.meeting_feedback(ev.id)
            .await
            .unwrap()
            .iter()
            .all(|f| f.registration_id != a),
        "their comments go with their personal data"
    );
    assert!(
        audited(ab.id)
            .await
            .iter()
            .all(|(b, a)| b.is_none() && a.is_none()),
        "and no longer after the erasure"
    );
    assert!(erased.is_erased());
    assert_eq!(
        (erased.name.as_str(), erased.status),
        ("", RegStatus::Cancelled)
    );
    let now: Vec<_> = s.meeting_requests(ev.id).await.unwrap();
    let find = |id: i64| now.iter().find(|r| r.id == id).unwrap();
    assert_eq!(find(da.id).status, RequestStatus::Cancelled);
    assert_eq!(
        (find(ab.id).status, find(ab.id).message.as_str()),
        (RequestStatus::Accepted, "")
    );
    let mut left = Vec::new();
    while let Some(m) = s.claim_mail(NOON + 9700, NOON + 9900).await.unwrap() {
        left.push((m.kind.clone(), m.registration_id));
        s.mark_mail_sent(m.id, NOON + 9700).await.unwrap();
    }
    assert_eq!(left, vec![("mm_cancelled".to_owned(), Some(d))]);

    // A schedule run is claimed once for all nodes, its progress read back; a run whose
    // node stopped (no heartbeat for a minute) is hidden and taken over; ending it frees
    // the event.
    assert!(
        s.begin_schedule_run(ev.id, 3, NOON, NOON - 60)
            .await
            .unwrap()
    );
    assert!(
        !s.begin_schedule_run(ev.id, 3, NOON + 5, NOON + 5 - 60)
            .await
            .unwrap()
    );
    let run = ScheduleRun {
        meetings: 3,
        best_breaks: Some(2),
        lower_bound: 1,
        seconds: 1.5,
    };
    s.update_schedule_run(ev.id, &run, NOON + 10).await.unwrap();
    assert_eq!(
        s.schedule_run(ev.id, NOON + 10 - 60).await.unwrap(),
        Some(run)
    );
    assert_eq!(s.schedule_run(ev.id, NOON + 71 - 60).await.unwrap(), None);
    assert!(
        s.begin_schedule_run(ev.id, 4, NOON + 71, NOON + 71 - 60)
            .await
            .unwrap()
    );
    let taken = s.schedule_run(ev.id, NOON + 11).await.unwrap().unwrap();
    assert_eq!((taken.meetings, taken.best_breaks), (4, None));
    s.end_schedule_run(ev.id).await.unwrap();
    assert_eq!(s.schedule_run(ev.id, 0).await.unwrap(), None);
    assert!(
        s.begin_schedule_run(ev.id, 4, NOON + 72, NOON + 12)
            .await
            .unwrap()
    );
    s.end_schedule_run(ev.id).await.unwrap();
}

async fn find_now(s: &dyn Store, event_id: i64, id: i64) -> MeetingRequest {
    s.meeting_requests(event_id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap()
}

/// Slots and tables in bulk (all or none) and their removal: never where a meeting is
/// placed, and a schedule computed before a removal is refused when saved.
async fn slots_and_tables(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 2, "st").await;
    let settings = plain_settings();
    s.save_matchmaking(&me, ev.id, &settings, NOON)
        .await
        .unwrap();
    // Before any request, both are invited to book, once a day at most.
    assert_eq!(s.nudge_idle(ev.id, NOON).await.unwrap(), 2);
    assert_eq!(s.nudge_idle(ev.id, NOON + 3600).await.unwrap(), 0);
    let mut nudged = Vec::new();
    while let Some(m) = s.claim_mail(NOON, NOON + 600).await.unwrap() {
        if m.kind == "mm_nudge" {
            nudged.push((m.kind.clone(), m.registration_id));
        }
        s.mark_mail_sent(m.id, NOON).await.unwrap();
    }
    nudged.sort();
    assert_eq!(
        nudged,
        [
            ("mm_nudge".to_owned(), Some(regs[0])),
            ("mm_nudge".to_owned(), Some(regs[1]))
        ]
    );
    let three: Vec<(i64, i64)> = (0..3)
        .map(|i| (NOON + i * 1500, NOON + i * 1500 + 1200))
        .collect();
    let slots = s.add_meeting_slots(&me, ev.id, &three).await.unwrap();
    assert_eq!(slots.len(), 3);
    // A batch overlapping itself, or a slot already there, or empty: nothing is added.
    let overlapping = [(NOON + 5000, NOON + 6000), (NOON + 5500, NOON + 6500)];
    assert_eq!(
        conflict_code(
            s.add_meeting_slots(&me, ev.id, &overlapping)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-overlap"
    );
    let late_and_clashing = [(NOON + 9000, NOON + 10_000), (NOON + 100, NOON + 200)];
    assert_eq!(
        conflict_code(
            s.add_meeting_slots(&me, ev.id, &late_and_clashing)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-overlap"
    );
    assert_eq!(
        field_code(s.add_meeting_slots(&me, ev.id, &[]).await.unwrap_err()),
        "err-mm-slots-none"
    );
    assert_eq!(s.meeting_slots(ev.id).await.unwrap(), slots);
    // Tables likewise: one bad label refuses the whole batch.
    let bad = [("T1".to_owned(), None), ("  ".to_owned(), None)];
    assert_eq!(
        field_code(s.add_meeting_tables(&me, ev.id, &bad).await.unwrap_err()),
        "err-mm-table-label"
    );
    assert!(s.meeting_tables(ev.id).await.unwrap().is_empty());
    let labels: Vec<(String, Option<i64>)> =
        ["T1", "T2", "T3"].map(|l| (l.to_owned(), None)).to_vec();
    let tables = s.add_meeting_tables(&me, ev.id, &labels).await.unwrap();
    assert_eq!(s.meeting_tables(ev.id).await.unwrap(), tables);

    // A meeting placed in the first slot at the first table holds both.
    let ab = s
        .request_meeting(ev.id, regs[0], &ask(regs[1], 2, "想談合作"), NOON)
        .await
        .unwrap();
    s.decide_meeting(ab.id, regs[1], true, 2, NOON)
        .await
        .unwrap();
    assert_eq!(
        s.nudge_idle(ev.id, NOON + 86_401).await.unwrap(),
        0,
        "both have a meeting"
    );
    s.set_unavailable(regs[1], slots[2].id, true).await.unwrap();
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    let version = s
        .save_schedule(
            &me,
            ev.id,
            version,
            &[(ab.id, Some((slots[0].id, tables[0].id)))],
        )
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.remove_meeting_slot(&me, ev.id, slots[0].id)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-in-use"
    );
    assert_eq!(
        conflict_code(
            s.remove_meeting_table(&me, ev.id, tables[0].id)
                .await
                .unwrap_err()
        ),
        "err-mm-table-in-use"
    );
    // Another event's slot is not this event's to remove.
    let other = event(s, None, false).await;
    assert!(matches!(
        s.remove_meeting_slot(&me, other.id, slots[1].id).await,
        Err(StoreError::NotFound)
    ));
    // Free ones go, with the marks of those away then, and the version moves on: a
    // schedule computed before is refused.
    s.remove_meeting_slot(&me, ev.id, slots[2].id)
        .await
        .unwrap();
    s.remove_meeting_table(&me, ev.id, tables[2].id)
        .await
        .unwrap();
    assert_eq!(s.meeting_slots(ev.id).await.unwrap(), slots[..2].to_vec());
    assert_eq!(s.meeting_tables(ev.id).await.unwrap(), tables[..2].to_vec());
    assert!(s.unavailability(ev.id).await.unwrap().is_empty());
    assert!(matches!(
        s.save_schedule(
            &me,
            ev.id,
            version,
            &[(ab.id, Some((slots[1].id, tables[1].id)))]
        )
        .await,
        Err(StoreError::Conflict(_))
    ));
    // Once the meeting is cancelled, its slot and table are free to go too.
    s.cancel_meeting(ab.id, regs[0], NOON - 60).await.unwrap();
    s.remove_meeting_slot(&me, ev.id, slots[0].id)
        .await
        .unwrap();
    s.remove_meeting_table(&me, ev.id, tables[0].id)
        .await
        .unwrap();
    assert_eq!(
        s.meeting_slots(ev.id).await.unwrap(),
        vec![slots[1].clone()]
    );
}

/// Every mail due at `now`, claimed and marked sent: (kind, registration).
async fn sent_at(s: &dyn Store, now: i64) -> Vec<(String, Option<i64>)> {
    let mut out = Vec::new();
    while let Some(m) = s.claim_mail(now, now + 600).await.unwrap() {
        out.push((m.kind.clone(), m.registration_id));
        s.mark_mail_sent(m.id, now).await.unwrap();
    }
    out
}

/// Mails by the day. A participant who takes their requests once a day gets one mail for
/// all of them, at the next 09:00 in Hong Kong; a request made while that mail is being
/// sent goes into the next one; everyone else is mailed each request at once. And on each
/// day with a published meeting, its sides get that day's meetings at 07:30, once.
async fn daily_mail(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 5, "dm").await;
    let (a, b, c, d, e) = (regs[0], regs[1], regs[2], regs[3], regs[4]);
    let answer_by = NOON + 10 * 86_400;
    let settings = MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 5,
        request_deadline: None,
        accept_deadline: Some(answer_by),
        self_booking: false,
        video_url: None,
        auto_accept: false,
    }
    .validate()
    .unwrap();
    s.save_matchmaking(&me, ev.id, &settings, NOON)
        .await
        .unwrap();
    sent_at(s, NOON).await;
    // C says nothing of themselves but wants one mail a day: the choice is kept.
    s.set_matchmaking_profile(c, "", true, &[], NOON)
        .await
        .unwrap();
    let profiles = s.matchmaking_profiles(ev.id).await.unwrap();
    assert_eq!(profiles.len(), 1);
    assert!(profiles[0].daily && profiles[0].about.is_empty());
    for from in [a, b] {
        s.request_meeting(ev.id, from, &ask(c, 2, ""), NOON)
            .await
            .unwrap();
    }
    s.request_meeting(ev.id, a, &ask(b, 2, ""), NOON)
        .await
        .unwrap();
    // B hears at once; C not yet.
    assert_eq!(sent_at(s, NOON).await, vec![("mm_request".into(), Some(b))]);
    // NOON is 12:00 in Hong Kong: C's mail is due at 09:00 the next morning, one for both.
    let due = baylink_store::matchmaking::digest_due(NOON, Some(answer_by));
    assert_eq!(due, NOON + 21 * 3600);
    assert!(sent_at(s, due - 1).await.is_empty());
    // A request once that mail is due may come after it has read C's requests: it is
    // told in the next one.
    s.request_meeting(ev.id, d, &ask(c, 2, ""), due + 1)
        .await
        .unwrap();
    assert_eq!(
        sent_at(s, due + 1).await,
        vec![("mm_digest".into(), Some(c))]
    );
    assert!(sent_at(s, due + 86_399).await.is_empty());
    // A sender holds the next one (its time moves on while it does) when E asks: E's
    // request goes into the mail after it.
    let held = s
        .claim_mail(due + 86_400, due + 86_400 + 600)
        .await
        .unwrap()
        .expect("the day's mail");
    assert_eq!(held.kind, "mm_digest");
    s.request_meeting(ev.id, e, &ask(c, 2, ""), due + 86_401)
        .await
        .unwrap();
    s.mark_mail_sent(held.id, due + 86_402).await.unwrap();
    assert_eq!(
        sent_at(s, due + 2 * 86_400).await,
        vec![("mm_digest".into(), Some(c))]
    );
    // Back to a mail each.
    s.set_matchmaking_profile(c, "", false, &[], due + 86_400)
        .await
        .unwrap();
    assert!(s.matchmaking_profiles(ev.id).await.unwrap().is_empty());

    // A meeting placed on a later day and published: its two sides get the day's mail at
    // 07:30 in Hong Kong that day, once however often they are queued.
    let now = due + 86_400;
    sent_at(s, now).await;
    let (start, _) = baylink_store::matchmaking::hk_day(now + 3 * 86_400);
    let slot = s
        .add_meeting_slot(&me, ev.id, start + 10 * 3600, start + 10 * 3600 + 1200)
        .await
        .unwrap();
    let table = s.add_meeting_table(&me, ev.id, "A1", None).await.unwrap();
    let ac = s.meeting_requests(ev.id).await.unwrap();
    let ac = ac
        .iter()
        .find(|r| r.from_reg == a && r.to_reg == c)
        .unwrap();
    s.decide_meeting(ac.id, c, true, 2, now).await.unwrap();
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    s.save_schedule(&me, ev.id, version, &[(ac.id, Some((slot.id, table.id)))])
        .await
        .unwrap();
    s.publish_schedule(&me, ev.id, now).await.unwrap();
    // Moved to another table after publication: their agendas are mailed again.
    let other_table = s.add_meeting_table(&me, ev.id, "A2", None).await.unwrap();
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    s.place_meeting(
        &me,
        ev.id,
        ac.id,
        Some((slot.id, other_table.id)),
        true,
        version,
        now,
    )
    .await
    .unwrap();
    let mut agendas = sent_at(s, now).await;
    agendas.sort();
    assert_eq!(
        agendas,
        vec![
            ("agenda".into(), Some(a)),
            ("agenda".into(), Some(a)),
            ("agenda".into(), Some(c)),
            ("agenda".into(), Some(c)),
            ("mm_answer".into(), Some(a)),
        ]
    );
    let morning = start + 7 * 3600 + 1800;
    assert!(sent_at(s, morning - 1).await.is_empty());
    // Taken back to a draft, the day's mails queued are dropped and both sides are told;
    // published again, each side gets their agenda anew, and the day's mails are queued
    // again.
    let draft = s.unpublish_schedule(&me, ev.id, now).await.unwrap();
    assert_eq!(draft.status, MatchmakingStatus::Scheduled);
    assert_eq!(
        conflict_code(s.unpublish_schedule(&me, ev.id, now).await.unwrap_err()),
        "err-mm-not-published"
    );
    let mut told = sent_at(s, morning).await;
    told.sort();
    assert_eq!(
        told,
        vec![
            ("mm_unpublished".into(), Some(a)),
            ("mm_unpublished".into(), Some(c))
        ]
    );
    s.publish_schedule(&me, ev.id, now).await.unwrap();
    let mut again = sent_at(s, now).await;
    again.sort();
    assert_eq!(
        again,
        vec![("agenda".into(), Some(a)), ("agenda".into(), Some(c))]
    );
    let mut today = sent_at(s, morning).await;
    today.sort();
    assert_eq!(
        today,
        vec![("mm_today".into(), Some(a)), ("mm_today".into(), Some(c))]
    );
    // An hour after their last meeting, each side is asked how it went, once, however
    // often the schedule was published or changed; moved later, the question waits.
    let later = s
        .add_meeting_slot(&me, ev.id, slot.ends_at + 3600, slot.ends_at + 4800)
        .await
        .unwrap();
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    s.place_meeting(
        &me,
        ev.id,
        ac.id,
        Some((later.id, other_table.id)),
        true,
        version,
        now,
    )
    .await
    .unwrap();
    sent_at(s, now).await;
    let after = later.ends_at + baylink_store::matchmaking::FOLLOW_UP_AFTER;
    assert!(
        sent_at(s, after - 1)
            .await
            .iter()
            .all(|(kind, _)| kind != "mm_followup")
    );
    // Waiting for later, it is not "asked lately"; the organiser asking for outcomes
    // sends it now instead of a second one.
    assert!(
        s.asked_for_outcomes(ev.id, after - 1 - 86_400, after - 1)
            .await
            .unwrap()
            .is_empty()
    );
    // (It is due exactly then: not before, and by then.)
    let mut due = s
        .asked_for_outcomes(ev.id, after - 86_400, after)
        .await
        .unwrap();
    due.sort();
    assert_eq!(due, vec![a, c]);
    assert_eq!(s.ask_outcomes(ev.id, after - 1).await.unwrap(), 2);
    let mut asked = sent_at(s, after - 1).await;
    asked.sort();
    assert_eq!(
        asked,
        vec![
            ("mm_followup".into(), Some(a)),
            ("mm_followup".into(), Some(c))
        ]
    );
    assert!(sent_at(s, after + 60).await.is_empty(), "once");
    assert_eq!(s.ask_outcomes(ev.id, after + 60).await.unwrap(), 0);
}

/// Participants book the slot when they accept, where the event allows it: at a free
/// table (one kept for either side first), never where either is away or busy, and
/// nothing changes when a booking is refused.
/// Either side moves a booked meeting later on, under the same checks, unless it was
/// held or the organiser has taken the booking back.
async fn self_booking(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 6, "sb").await;
    let (a, b, c, d, e, f) = (regs[0], regs[1], regs[2], regs[3], regs[4], regs[5]);
    let settings = |self_booking| {
        MatchmakingInput {
            meeting_minutes: 20,
            max_requests: 5,
            request_deadline: None,
            accept_deadline: None,
            self_booking,
            video_url: None,
            auto_accept: false,
        }
        .validate()
        .unwrap()
    };
    s.save_matchmaking(&me, ev.id, &settings(false), NOON)
        .await
        .unwrap();
    let slot1 = s
        .add_meeting_slot(&me, ev.id, NOON + 3600, NOON + 4800)
        .await
        .unwrap();
    let slot2 = s
        .add_meeting_slot(&me, ev.id, NOON + 4800, NOON + 6000)
        .await
        .unwrap();
    let open = s.add_meeting_table(&me, ev.id, "T1", None).await.unwrap();
    let booth = s
        .add_meeting_table(&me, ev.id, "展位 D", Some(d))
        .await
        .unwrap();
    let ab = s
        .request_meeting(ev.id, a, &ask(b, 2, ""), NOON)
        .await
        .unwrap();
    let pending = |id: i64| async move {
        let r = find_now(s, ev.id, id).await;
        r.status == RequestStatus::Pending && r.slot_id.is_none()
    };
    assert_eq!(
        conflict_code(
            s.book_meeting(ab.id, b, 2, slot2.id, NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-no-self-booking"
    );
    assert!(pending(ab.id).await, "a refused booking answers nothing");
    let saved = s
        .save_matchmaking(&me, ev.id, &settings(true), NOON)
        .await
        .unwrap();
    assert!(saved.self_booking);
    s.set_unavailable(b, slot1.id, true).await.unwrap();
    assert_eq!(
        conflict_code(
            s.book_meeting(ab.id, b, 2, slot1.id, NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-taken"
    );
    assert!(pending(ab.id).await);
    assert!(matches!(
        s.book_meeting(ab.id, a, 2, slot2.id, NOON).await,
        Err(StoreError::NotFound)
    ));
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    let booked = s.book_meeting(ab.id, b, 3, slot2.id, NOON).await.unwrap();
    assert_eq!(
        (
            booked.status,
            booked.slot_id,
            booked.table_id,
            booked.locked,
            booked.to_priority
        ),
        (
            RequestStatus::Accepted,
            Some(slot2.id),
            Some(open.id),
            true,
            Some(3)
        )
    );
    assert!(s.matchmaking(ev.id).await.unwrap().unwrap().version > version);
    // C and D: the open table is taken then, D's booth is theirs.
    let cd = s
        .request_meeting(ev.id, c, &ask(d, 2, ""), NOON)
        .await
        .unwrap();
    let booked = s.book_meeting(cd.id, d, 2, slot2.id, NOON).await.unwrap();
    assert_eq!(booked.table_id, Some(booth.id));
    // A is busy then; E and F find no table they may use.
    let ca = s
        .request_meeting(ev.id, c, &ask(a, 2, ""), NOON)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.book_meeting(ca.id, a, 2, slot2.id, NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-taken"
    );
    let ef = s
        .request_meeting(ev.id, e, &ask(f, 2, ""), NOON)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.book_meeting(ef.id, f, 2, slot2.id, NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-full"
    );
    assert!(pending(ef.id).await);
    let booked = s.book_meeting(ef.id, f, 2, slot1.id, NOON).await.unwrap();
    assert_eq!(booked.table_id, Some(open.id));
    // A slot of another event is refused.
    let other = event(s, None, false).await;
    s.save_matchmaking(&me, other.id, &settings(true), NOON)
        .await
        .unwrap();
    let elsewhere = s
        .add_meeting_slot(&me, other.id, NOON, NOON + 1200)
        .await
        .unwrap();
    assert_eq!(
        field_code(
            s.book_meeting(ca.id, a, 2, elsewhere.id, NOON)
                .await
                .unwrap_err()
        ),
        "err-unknown-reference"
    );
    assert!(pending(ca.id).await);

    // Either side moves a booked meeting, under the same checks; the other side is told.
    sent_at(s, NOON + 60).await;
    let slot3 = s
        .add_meeting_slot(&me, ev.id, NOON + 6000, NOON + 7200)
        .await
        .unwrap();
    // A slot that has begun is booked no more.
    let past = s
        .add_meeting_slot(&me, ev.id, NOON - 600, NOON + 600)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.book_meeting(ca.id, a, 2, past.id, NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-slot-past"
    );
    assert!(pending(ca.id).await);
    let place = |id: i64| async move {
        let r = find_now(s, ev.id, id).await;
        (r.slot_id, r.table_id, r.locked)
    };
    assert!(matches!(
        s.move_meeting(ab.id, c, slot3.id, NOON).await,
        Err(StoreError::NotFound)
    ));
    for (request, by, slot, code) in [
        (ab.id, a, past.id, "err-mm-slot-past"),
        (ab.id, a, slot1.id, "err-mm-slot-taken"), // B is away then
        (ef.id, e, slot2.id, "err-mm-slot-full"),  // T1 is A and B's, the booth D's
        (ca.id, c, slot3.id, "err-mm-cannot-move"), // not accepted
    ] {
        let before = place(request).await;
        assert_eq!(
            conflict_code(s.move_meeting(request, by, slot, NOON).await.unwrap_err()),
            code
        );
        assert_eq!(
            place(request).await,
            before,
            "a refused move changes nothing"
        );
    }
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    let moved = s.move_meeting(ab.id, a, slot3.id, NOON).await.unwrap();
    assert_eq!(
        (moved.slot_id, moved.table_id, moved.locked, moved.status),
        (Some(slot3.id), Some(open.id), true, RequestStatus::Accepted)
    );
    assert!(s.matchmaking(ev.id).await.unwrap().unwrap().version > version);
    // Its old place is free: E and F move in; D's booth goes with D.
    s.move_meeting(ef.id, f, slot2.id, NOON).await.unwrap();
    let moved = s.move_meeting(cd.id, c, slot1.id, NOON).await.unwrap();
    assert_eq!(moved.table_id, Some(booth.id));
    let mut told = sent_at(s, NOON + 60).await;
    told.sort();
    assert_eq!(
        told,
        vec![
            ("mm_moved".into(), Some(b)),
            ("mm_moved".into(), Some(d)),
            ("mm_moved".into(), Some(e)),
        ]
    );
    // After publication one change makes one mail each: the other side's mail (the answer,
    // the move) gives the new place, and the one who booked or moved gets their agenda.
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    s.save_schedule(&me, ev.id, version, &[]).await.unwrap();
    s.publish_schedule(&me, ev.id, NOON).await.unwrap();
    sent_at(s, NOON + 60).await;
    s.move_meeting(ef.id, f, slot1.id, NOON).await.unwrap();
    s.book_meeting(ca.id, a, 2, slot2.id, NOON).await.unwrap();
    let mut told = sent_at(s, NOON + 60).await;
    told.sort();
    assert_eq!(
        told,
        vec![
            ("agenda".into(), Some(a)),
            ("agenda".into(), Some(f)),
            ("mm_answer".into(), Some(c)),
            ("mm_moved".into(), Some(e)),
        ]
    );
    // A meeting accepted for the organiser to place is booked by either side: the other
    // is told it is booked, not moved.
    let fd = s
        .request_meeting(ev.id, f, &ask(d, 2, ""), NOON)
        .await
        .unwrap();
    s.decide_meeting(fd.id, d, true, 2, NOON).await.unwrap();
    sent_at(s, NOON + 60).await;
    let booked = s.move_meeting(fd.id, f, slot2.id, NOON).await.unwrap();
    assert_eq!(
        (booked.slot_id, booked.table_id, booked.locked),
        (Some(slot2.id), Some(booth.id), true)
    );
    let mut told = sent_at(s, NOON + 60).await;
    told.sort();
    assert_eq!(
        told,
        vec![("agenda".into(), Some(f)), ("mm_booked".into(), Some(d))]
    );
    // A meeting that did not take place (F did not come) is booked again at a time still
    // to come, its outcomes cleared; the other side is told it moved.
    let slot4 = s
        .add_meeting_slot(&me, ev.id, NOON + 9000, NOON + 10_200)
        .await
        .unwrap();
    s.record_outcome(ef.id, e, MeetingOutcome::NotHeld)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(s.move_meeting(ef.id, e, past.id, NOON).await.unwrap_err()),
        "err-mm-slot-past"
    );
    let again = s.move_meeting(ef.id, e, slot4.id, NOON).await.unwrap();
    assert_eq!(
        (
            again.slot_id,
            again.outcome_from.clone(),
            again.outcome_to.clone()
        ),
        (Some(slot4.id), None, None)
    );
    let mut told = sent_at(s, NOON + 60).await;
    told.sort();
    assert_eq!(
        told,
        vec![("agenda".into(), Some(e)), ("mm_moved".into(), Some(f))]
    );
    // A meeting whose time has come stays where it is.
    let begun = find_now(s, ev.id, ab.id).await;
    let begun_at = s
        .meeting_slots(ev.id)
        .await
        .unwrap()
        .into_iter()
        .find(|x| Some(x.id) == begun.slot_id)
        .unwrap()
        .starts_at;
    assert_eq!(
        conflict_code(
            s.move_meeting(ab.id, a, slot2.id, begun_at)
                .await
                .unwrap_err()
        ),
        "err-mm-cannot-move"
    );
    // Held meetings stay; and where the organiser takes the booking back, nothing moves.
    s.record_outcome(cd.id, d, MeetingOutcome::Informative)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(s.move_meeting(cd.id, c, slot3.id, NOON).await.unwrap_err()),
        "err-mm-cannot-move"
    );
    s.save_matchmaking(&me, ev.id, &settings(false), NOON)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(s.move_meeting(ab.id, a, slot2.id, NOON).await.unwrap_err()),
        "err-mm-no-self-booking"
    );
    assert_eq!(place(ab.id).await, (Some(slot3.id), Some(open.id), true));
}

#[tokio::test]
async fn self_booking_on_sqlite() {
    let db = TestDb::sqlite();
    self_booking(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn self_booking_on_postgres() {
    let db = TestDb::postgres().await;
    self_booking(db.open().await).await;
}

#[tokio::test]
async fn daily_mail_on_sqlite() {
    let db = TestDb::sqlite();
    daily_mail(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn daily_mail_on_postgres() {
    let db = TestDb::postgres().await;
    daily_mail(db.open().await).await;
}

#[tokio::test]
async fn slots_and_tables_on_sqlite() {
    let db = TestDb::sqlite();
    slots_and_tables(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn slots_and_tables_on_postgres() {
    let db = TestDb::postgres().await;
    slots_and_tables(db.open().await).await;
}

#[tokio::test]
async fn matchmaking_story_on_sqlite() {
    let db = TestDb::sqlite();
    story(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn matchmaking_story_on_postgres() {
    let db = TestDb::postgres().await;
    story(db.open().await).await;
}

/// A participant who takes part from afar gets a room on the event's video service: a
/// table of their own with its address, where a booking seats their meetings; they go back
/// on site only once no meeting is in it.
async fn online_rooms(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 3, "on").await;
    let (a, b, c) = (regs[0], regs[1], regs[2]);
    let settings = |video_url: Option<&str>| MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 5,
        request_deadline: None,
        accept_deadline: None,
        self_booking: true,
        video_url: video_url.map(str::to_owned),
        auto_accept: false,
    };
    for bad in [
        "http://meet.example.org",
        "https://",
        "https://meet example.org",
    ] {
        assert_eq!(
            settings(Some(bad)).validate().unwrap_err()[0].code,
            "err-mm-video-url",
            "{bad}"
        );
    }
    s.save_matchmaking(&me, ev.id, &settings(None).validate().unwrap(), NOON)
        .await
        .unwrap();
    let room = "https://meet.example.org/baylink-0123456789abcdef0123";
    assert_eq!(
        conflict_code(s.set_online_room(a, Some(room), NOON).await.unwrap_err()),
        "err-mm-no-online"
    );
    let saved = s
        .save_matchmaking(
            &me,
            ev.id,
            &settings(Some(" https://meet.example.org/ "))
                .validate()
                .unwrap(),
            NOON,
        )
        .await
        .unwrap();
    assert_eq!(saved.video_url.as_deref(), Some("https://meet.example.org"));
    let slot = s
        .add_meeting_slot(&me, ev.id, NOON + 3600, NOON + 4800)
        .await
        .unwrap();
    let open = s.add_meeting_table(&me, ev.id, "T1", None).await.unwrap();
    let booth = s
        .add_meeting_table(&me, ev.id, "展位 C", Some(c))
        .await
        .unwrap();
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    let made = s
        .set_online_room(a, Some(room), NOON)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (made.reserved_for, made.link.as_deref()),
        (Some(a), Some(room))
    );
    assert!(s.matchmaking(ev.id).await.unwrap().unwrap().version > version);
    // Asked again, the room stays as it was.
    let kept = s
        .set_online_room(a, Some("https://meet.example.org/baylink-other"), NOON)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept, made);
    assert_eq!(s.meeting_tables(ev.id).await.unwrap().len(), 3);
    // B books A in: in A's room, leaving the table in the hall to B and C's meetings.
    let ba = s
        .request_meeting(ev.id, b, &ask(a, 2, ""), NOON)
        .await
        .unwrap();
    let booked = s.book_meeting(ba.id, a, 2, slot.id, NOON).await.unwrap();
    assert_eq!(booked.table_id, Some(made.id));
    let tables = s.meeting_tables(ev.id).await.unwrap();
    assert!(tables.iter().any(|t| t.id == open.id && t.link.is_none()));
    assert_eq!(
        conflict_code(s.set_online_room(a, None, NOON).await.unwrap_err()),
        "err-mm-online-in-use"
    );
    assert_eq!(s.meeting_tables(ev.id).await.unwrap(), tables);
    s.cancel_meeting(ba.id, b, NOON).await.unwrap();
    // C, who has a booth, meets A online too: A cannot sit at C's booth.
    let ca = s
        .request_meeting(ev.id, c, &ask(a, 2, ""), NOON)
        .await
        .unwrap();
    let booked = s.book_meeting(ca.id, a, 2, slot.id, NOON).await.unwrap();
    assert_eq!(booked.table_id, Some(made.id));
    s.cancel_meeting(ca.id, a, NOON).await.unwrap();
    assert_eq!(s.set_online_room(a, None, NOON).await.unwrap(), None);
    assert_eq!(
        s.meeting_tables(ev.id).await.unwrap(),
        vec![open.clone(), booth.clone()],
        "the room is gone"
    );
    // On site already: nothing to do (C's booth is not a room). Not a participant: not
    // found.
    assert_eq!(s.set_online_room(c, None, NOON).await.unwrap(), None);
    assert_eq!(s.meeting_tables(ev.id).await.unwrap().len(), 2);
    assert!(matches!(
        s.set_online_room(i64::MAX, Some(room), NOON).await,
        Err(StoreError::NotFound)
    ));
    // One who goes online takes their meetings still to come into their room, at the same
    // time: B's with C leaves C's booth.
    let cb = s
        .request_meeting(ev.id, c, &ask(b, 2, ""), NOON)
        .await
        .unwrap();
    let booked = s.book_meeting(cb.id, b, 2, slot.id, NOON).await.unwrap();
    assert_eq!(booked.table_id, Some(booth.id));
    let b_room = s
        .set_online_room(b, Some("https://meet.example.org/baylink-b"), NOON)
        .await
        .unwrap()
        .unwrap();
    let moved = find_now(s, ev.id, cb.id).await;
    assert_eq!(
        (moved.slot_id, moved.table_id),
        (Some(slot.id), Some(b_room.id))
    );
    // The video service turned off: refused while a meeting is in a room, then the rooms
    // go with it.
    let before = s.meeting_tables(ev.id).await.unwrap();
    assert_eq!(
        conflict_code(
            s.save_matchmaking(&me, ev.id, &settings(None).validate().unwrap(), NOON)
                .await
                .unwrap_err()
        ),
        "err-mm-video-in-use"
    );
    assert_eq!(s.meeting_tables(ev.id).await.unwrap(), before);
    assert!(
        s.matchmaking(ev.id)
            .await
            .unwrap()
            .unwrap()
            .video_url
            .is_some()
    );
    s.cancel_meeting(cb.id, c, NOON).await.unwrap();
    s.save_matchmaking(&me, ev.id, &settings(None).validate().unwrap(), NOON)
        .await
        .unwrap();
    assert_eq!(
        s.meeting_tables(ev.id).await.unwrap(),
        vec![open.clone(), booth.clone()],
        "the rooms went with the service"
    );
}

#[tokio::test]
async fn online_rooms_on_sqlite() {
    let db = TestDb::sqlite();
    online_rooms(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn online_rooms_on_postgres() {
    let db = TestDb::postgres().await;
    online_rooms(db.open().await).await;
}

/// Whom one met at other events, by the address each registered with: meetings that
/// were accepted and placed, and whose time had come.
async fn met_before(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let first = event(s, None, false).await;
    let second = event(s, None, false).await;
    let then = participants(s, first.id, 4, "mb1").await;
    let now_regs = participants(s, second.id, 3, "mb2").await;
    let settings = plain_settings();
    s.save_matchmaking(&me, first.id, &settings, NOON)
        .await
        .unwrap();
    let slot1 = s
        .add_meeting_slot(&me, first.id, NOON, NOON + 1200)
        .await
        .unwrap();
    let slot2 = s
        .add_meeting_slot(&me, first.id, NOON + 1200, NOON + 2400)
        .await
        .unwrap();
    let table = s
        .add_meeting_table(&me, first.id, "T1", None)
        .await
        .unwrap();
    // A participant of the first event who registered with an organisation, and the
    // meeting they had there, at a table of its own.
    let with_org = |email: &str, org: &str| {
        RegistrationInput {
            name: "何家明".into(),
            email: email.into(),
            organisation: Some(org.into()),
            consent: true,
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap()
    };
    let colleague_then = s
        .register(
            first.id,
            &with_org("ust-then@example.hk", "香港科技大學"),
            Channel::Public,
            "mb-ust-then",
            "zh-Hant",
            NOON,
        )
        .await
        .unwrap()
        .id;
    let table2 = s
        .add_meeting_table(&me, first.id, "T2", None)
        .await
        .unwrap();
    let theirs = s
        .request_meeting(first.id, colleague_then, &ask(then[3], 2, ""), NOON - 600)
        .await
        .unwrap();
    s.decide_meeting(theirs.id, then[3], true, 2, NOON - 600)
        .await
        .unwrap();
    let mut placed = vec![(theirs.id, Some((slot1.id, table2.id)))];
    for (to, slot) in [
        (then[1], Some(slot1.id)),
        (then[2], Some(slot2.id)),
        (then[3], None),
    ] {
        let r = s
            .request_meeting(first.id, then[0], &ask(to, 2, ""), NOON - 600)
            .await
            .unwrap();
        s.decide_meeting(r.id, to, true, 2, NOON - 600)
            .await
            .unwrap();
        placed.push((r.id, slot.map(|slot| (slot, table.id))));
    }
    let version = s.matchmaking(first.id).await.unwrap().unwrap().version;
    s.save_schedule(&me, first.id, version, &placed)
        .await
        .unwrap();
    s.record_outcome(placed[1].0, then[1], MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    let email = |id: i64| async move { s.get_registration(id).await.unwrap().email };

    // The first one, at the second event, after both meetings: both, earliest first (the
    // third was never placed).
    let met = s.earlier_meetings(now_regs[0], NOON + 3600).await.unwrap();
    assert_eq!(
        met.iter()
            .map(|m| (m.event_id, m.other_email.clone(), m.outcome_to.clone()))
            .collect::<Vec<_>>(),
        vec![
            (
                first.id,
                email(then[1]).await,
                Some("cooperation_possible".to_owned())
            ),
            (first.id, email(then[2]).await, None),
        ]
    );
    assert_eq!(met[0].event_title, first.title);
    assert!(met.iter().all(|m| m.same_person));
    // Where it led since: in talks, as one side said cooperation was possible.
    assert_eq!(
        (
            met[0].cooperation_stage.as_deref(),
            met[1].cooperation_stage.as_deref()
        ),
        (Some("in_talks"), None)
    );
    // Between the two meetings, only the first had begun.
    assert_eq!(
        s.earlier_meetings(now_regs[0], NOON + 1200)
            .await
            .unwrap()
            .len(),
        1
    );
    // The other side sees it the other way round; the first event itself is no "before".
    let theirs = s.earlier_meetings(now_regs[1], NOON + 3600).await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].other_email, email(then[0]).await);
    assert!(
        s.earlier_meetings(then[0], NOON + 3600)
            .await
            .unwrap()
            .is_empty()
    );
    // A colleague at the second event, the organisation written in Simplified script, has
    // their organisation's meeting, marked as not their own; "N/A" is no one's colleague.
    let colleague_now = s
        .register(
            second.id,
            &with_org("ust-now@example.hk", "香港科技大学"),
            Channel::Public,
            "mb-ust-now",
            "zh-Hans",
            NOON,
        )
        .await
        .unwrap()
        .id;
    let met = s
        .earlier_meetings(colleague_now, NOON + 3600)
        .await
        .unwrap();
    assert_eq!(
        met.iter()
            .map(|m| (m.other_email.clone(), m.same_person))
            .collect::<Vec<_>>(),
        vec![(email(then[3]).await, false)]
    );
    // Where the directory knows the organisation, its English or short name finds it too.
    let ust = OrganisationInput {
        name: "香港科技大學".into(),
        name_en: Some("The Hong Kong University of Science and Technology".into()),
        short_name: Some("HKUST".into()),
        org_type: "university".into(),
        region: "hong_kong".into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    let ust = s.create_organisation(&me, &ust).await.unwrap();
    for typed in [
        "hkust",
        "香港科技大学",
        "the hong kong university of science and technology ",
        "Hong Kong University of Science & Technology Ltd.",
        "香港科技大學（HKUST）",
        "HKUST (Clear Water Bay)",
    ] {
        assert_eq!(
            s.find_organisation_by_any_name(typed)
                .await
                .unwrap()
                .map(|o| o.id),
            Some(ust.id),
            "{typed}"
        );
    }
    assert_eq!(s.find_organisation_by_any_name("HKU").await.unwrap(), None);
    assert_eq!(
        s.find_organisation_by_any_name("香港大學（HKU）")
            .await
            .unwrap(),
        None
    );
    let by_short_name = s
        .register(
            second.id,
            &with_org("ust-short@example.hk", "HKUST"),
            Channel::Public,
            "mb-ust-short",
            "en",
            NOON,
        )
        .await
        .unwrap()
        .id;
    assert_eq!(
        s.earlier_meetings(by_short_name, NOON + 3600)
            .await
            .unwrap()
            .iter()
            .map(|m| (m.other_email.clone(), m.same_person))
            .collect::<Vec<_>>(),
        vec![(email(then[3]).await, false)]
    );
    let nobody = s
        .register(
            second.id,
            &with_org("na@example.hk", "N/A"),
            Channel::Public,
            "mb-na",
            "zh-Hant",
            NOON,
        )
        .await
        .unwrap()
        .id;
    assert!(
        s.earlier_meetings(nobody, NOON + 3600)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn met_before_on_sqlite() {
    let db = TestDb::sqlite();
    met_before(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn met_before_on_postgres() {
    let db = TestDb::postgres().await;
    met_before(db.open().await).await;
}

/// An event with three participants, the first two of whom met at noon (the meeting placed
/// by the organiser at table T1): the event, the participants and the meeting.
pub(crate) async fn one_meeting_held(
    s: &dyn Store,
    tag: &str,
) -> (Event, Vec<i64>, MeetingRequest) {
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 3, tag).await;
    s.save_matchmaking(&me, ev.id, &plain_settings(), NOON)
        .await
        .unwrap();
    let slot = s
        .add_meeting_slot(&me, ev.id, NOON, NOON + 1200)
        .await
        .unwrap();
    let table = s.add_meeting_table(&me, ev.id, "T1", None).await.unwrap();
    let ab = s
        .request_meeting(ev.id, regs[0], &ask(regs[1], 2, ""), NOON - 600)
        .await
        .unwrap();
    s.decide_meeting(ab.id, regs[1], true, 2, NOON - 600)
        .await
        .unwrap();
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    s.save_schedule(&me, ev.id, version, &[(ab.id, Some((slot.id, table.id)))])
        .await
        .unwrap();
    (ev, regs, ab)
}

/// Two moves of one cooperation sent at once from the same page: one is taken, the other
/// refused as stale, and one step is written, not two.
async fn cooperation_race(store: Arc<dyn Store>) {
    let (ev, regs, ab) = one_meeting_held(store.as_ref(), "race").await;
    store
        .record_outcome(ab.id, regs[0], MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    let version = store.cooperations(ev.id).await.unwrap()[0].version;
    let signed = PipelineMove {
        stage: PipelineStage::Signed,
        agreement_type: Some(AgreementType::Licensing),
        note: String::new(),
    };
    let closed = PipelineMove {
        stage: PipelineStage::Closed,
        agreement_type: None,
        note: "另有安排".into(),
    };
    let (x, y) = tokio::join!(
        store.move_cooperation(
            ab.id,
            CooperationBy::Side(regs[0]),
            version,
            &signed,
            NOON + 3600
        ),
        store.move_cooperation(
            ab.id,
            CooperationBy::Side(regs[1]),
            version,
            &closed,
            NOON + 3600
        ),
    );
    let taken = [&x, &y].iter().filter(|r| r.is_ok()).count();
    assert_eq!(taken, 1, "{x:?} {y:?}");
    let refused = if x.is_ok() { y } else { x };
    assert_eq!(conflict_code(refused.unwrap_err()), "err-stale-edit");
    assert_eq!(
        store.cooperations(ev.id).await.unwrap()[0].version,
        version + 1
    );
    assert_eq!(store.cooperation_steps(ab.id).await.unwrap().len(), 2);
    // Both sides take that move back at once: one take-back is taken, not two (which
    // would go one move further than either meant).
    let back = PipelineBack {
        note: "誤按".into(),
    };
    let (x, y) = tokio::join!(
        store.take_back_cooperation(
            ab.id,
            CooperationBy::Side(regs[0]),
            version + 1,
            &back,
            NOON + 3700
        ),
        store.take_back_cooperation(
            ab.id,
            CooperationBy::Side(regs[1]),
            version + 1,
            &back,
            NOON + 3700
        ),
    );
    let taken = [&x, &y].iter().filter(|r| r.is_ok()).count();
    assert_eq!(taken, 1, "{x:?} {y:?}");
    let refused = if x.is_ok() { y } else { x };
    assert_eq!(conflict_code(refused.unwrap_err()), "err-stale-edit");
    let now = store.cooperations(ev.id).await.unwrap().remove(0);
    assert_eq!(now.stage(), Some(PipelineStage::InTalks));
    assert_eq!(store.cooperation_steps(ab.id).await.unwrap().len(), 3);
}

#[tokio::test]
async fn cooperation_race_on_sqlite() {
    let db = TestDb::sqlite();
    cooperation_race(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn cooperation_race_on_postgres() {
    let db = TestDb::postgres().await;
    cooperation_race(db.open().await).await;
}

/// The closed loop after a meeting: "cooperation possible" from either side starts it in
/// talks (and a corrected answer takes it back while nothing moved), either side or the
/// event's organiser moves it on, in order, against its version, and nothing is written
/// when a move is refused; an erased side's notes go.
async fn cooperation(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let (ev, regs, ab) = one_meeting_held(s, "coop").await;
    let other_event = event(s, None, false).await;
    let (a, b, c) = (regs[0], regs[1], regs[2]);
    let step = |stage, agreement_type, note: &str| PipelineMove {
        stage,
        agreement_type,
        note: note.to_owned(),
    };
    let signed = step(
        PipelineStage::Signed,
        Some(AgreementType::JointRd),
        "已簽框架協議",
    );

    // Nothing to move before either side says cooperation is possible.
    let e = s
        .move_cooperation(ab.id, CooperationBy::Side(a), 1, &signed, NOON + 3600)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(e), "err-mm-no-cooperation");
    s.record_outcome(ab.id, a, MeetingOutcome::Informative)
        .await
        .unwrap();
    assert!(s.cooperations(ev.id).await.unwrap().is_empty());
    s.record_outcome(ab.id, b, MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    let started = s.cooperations(ev.id).await.unwrap();
    assert_eq!(started.len(), 1);
    assert_eq!(started[0].stage(), Some(PipelineStage::InTalks));
    assert_eq!(started[0].request_id, ab.id);
    assert_eq!(
        started[0].next(),
        [
            PipelineStage::Signed,
            PipelineStage::Implemented,
            PipelineStage::Closed
        ]
    );
    let steps = s.cooperation_steps(ab.id).await.unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(
        (steps[0].stage.as_str(), steps[0].by_reg),
        ("in_talks", Some(b))
    );
    // A side corrects their answer before anything moved: the cooperation goes; said
    // again, it comes back.
    s.record_outcome(ab.id, b, MeetingOutcome::Informative)
        .await
        .unwrap();
    assert!(s.cooperations(ev.id).await.unwrap().is_empty());
    s.record_outcome(ab.id, b, MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    let coop = s.cooperations(ev.id).await.unwrap().remove(0);

    // Refused, each writing nothing: someone who is not a side, the organiser of another
    // event, signing without the kind of agreement, closing without a reason, a stale
    // version.
    for by in [
        CooperationBy::Side(c),
        CooperationBy::Organiser {
            actor: &me,
            event_id: other_event.id,
        },
    ] {
        let e = s
            .move_cooperation(ab.id, by, coop.version, &signed, NOON + 3600)
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::NotFound), "{by:?}: {e:?}");
    }
    let e = s
        .move_cooperation(
            ab.id,
            CooperationBy::Side(a),
            coop.version,
            &step(PipelineStage::Signed, None, ""),
            NOON + 3600,
        )
        .await
        .unwrap_err();
    assert_eq!(field_code(e), "err-required");
    let e = s
        .move_cooperation(
            ab.id,
            CooperationBy::Side(a),
            coop.version,
            &step(PipelineStage::Closed, None, " "),
            NOON + 3600,
        )
        .await
        .unwrap_err();
    assert_eq!(field_code(e), "err-market-close-reason");
    let e = s
        .move_cooperation(
            ab.id,
            CooperationBy::Side(a),
            coop.version + 1,
            &signed,
            NOON + 3600,
        )
        .await
        .unwrap_err();
    assert_eq!(conflict_code(e), "err-stale-edit");
    assert_eq!(s.cooperations(ev.id).await.unwrap(), vec![coop.clone()]);
    assert_eq!(s.cooperation_steps(ab.id).await.unwrap().len(), 1);

    // The other side signs; a side's later answer no longer takes it back.
    let moved = s
        .move_cooperation(
            ab.id,
            CooperationBy::Side(a),
            coop.version,
            &signed,
            NOON + 3600,
        )
        .await
        .unwrap();
    assert_eq!(moved.stage(), Some(PipelineStage::Signed));
    assert_eq!(moved.agreement(), Some(AgreementType::JointRd));
    assert_eq!(moved.version, coop.version + 1);
    s.record_outcome(ab.id, b, MeetingOutcome::Informative)
        .await
        .unwrap();
    assert_eq!(s.cooperations(ev.id).await.unwrap(), vec![moved.clone()]);
    // Asked where it stands: both sides, once a month.
    assert_eq!(s.ask_cooperations(ev.id, NOON + 3650).await.unwrap(), 2);
    assert_eq!(s.ask_cooperations(ev.id, NOON + 86_400).await.unwrap(), 0);
    // No way back; the organiser records it implemented; then nothing moves.
    let e = s
        .move_cooperation(
            ab.id,
            CooperationBy::Side(b),
            moved.version,
            &step(PipelineStage::InTalks, None, ""),
            NOON + 3700,
        )
        .await
        .unwrap_err();
    assert_eq!(field_code(e), "err-market-stage-order");
    let done = s
        .move_cooperation(
            ab.id,
            CooperationBy::Organiser {
                actor: &me,
                event_id: ev.id,
            },
            moved.version,
            &step(PipelineStage::Implemented, None, "項目已落地"),
            NOON + 3800,
        )
        .await
        .unwrap();
    assert_eq!(done.stage(), Some(PipelineStage::Implemented));
    assert_eq!(
        done.agreement(),
        Some(AgreementType::JointRd),
        "the kind stays"
    );
    assert!(done.next().is_empty());
    assert_eq!(
        s.ask_cooperations(
            ev.id,
            NOON + 3650 + baylink_store::matchmaking::COOPERATION_ASK_GAP + 1
        )
        .await
        .unwrap(),
        0,
        "nothing open to ask about"
    );
    let steps = s.cooperation_steps(ab.id).await.unwrap();
    assert_eq!(
        steps
            .iter()
            .map(|x| (x.stage.as_str(), x.by_reg, x.note.as_str()))
            .collect::<Vec<_>>(),
        [
            ("in_talks", Some(b), ""),
            ("signed", Some(a), "已簽框架協議"),
            ("implemented", None, "項目已落地"),
        ]
    );
    assert_eq!(steps[1].note_script, "zh-Hant");
    assert_eq!(s.event_cooperation_steps(ev.id).await.unwrap(), steps);
    assert!(
        s.event_cooperation_steps(other_event.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(steps[1].agreement_type.as_deref(), Some("joint_rd"));

    // Erased, a side's notes go; the figures stay.
    s.erase_registration(None, a, NOON + 4000).await.unwrap();
    let steps = s.cooperation_steps(ab.id).await.unwrap();
    assert_eq!(steps[1].note, "");
    assert_eq!(steps[2].note, "項目已落地");
    assert_eq!(s.cooperations(ev.id).await.unwrap().len(), 1);
}

/// The mails queued and not yet sent ([`kit::sent_mails`]): (kind, to whom).
async fn claimed_mails(s: &dyn Store) -> Vec<(String, Option<i64>)> {
    crate::kit::sent_mails(s, NOON + 10_000)
        .await
        .into_iter()
        .map(|m| (m.kind, m.registration_id))
        .collect()
}

/// Taking a cooperation's last move back: a close after signing is taken back to signed
/// with its agreement, a signing to in talks without it, each a step of its own with its
/// reason and told to the other side; its start is never taken back; a refusal writes
/// nothing.
async fn cooperation_taken_back(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let (ev, regs, ab) = one_meeting_held(s, "coopback").await;
    let (a, b, c) = (regs[0], regs[1], regs[2]);
    s.record_outcome(ab.id, a, MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    let start = s.cooperations(ev.id).await.unwrap().remove(0);
    let back = |note: &str| PipelineBack {
        note: note.to_owned(),
    };
    let e = s
        .take_back_cooperation(
            ab.id,
            CooperationBy::Side(a),
            start.version,
            &back("誤按"),
            NOON + 3600,
        )
        .await
        .unwrap_err();
    assert_eq!(conflict_code(e), "err-pipeline-nothing-back");
    let signed = s
        .move_cooperation(
            ab.id,
            CooperationBy::Side(a),
            start.version,
            &PipelineMove {
                stage: PipelineStage::Signed,
                agreement_type: Some(AgreementType::Investment),
                note: String::new(),
            },
            NOON + 3600,
        )
        .await
        .unwrap();
    let closed = s
        .move_cooperation(
            ab.id,
            CooperationBy::Side(b),
            signed.version,
            &PipelineMove {
                stage: PipelineStage::Closed,
                agreement_type: None,
                note: "資金未到位".to_owned(),
            },
            NOON + 3700,
        )
        .await
        .unwrap();
    claimed_mails(s).await;

    // Refused, each writing nothing.
    for (by, version, note, code) in [
        (
            CooperationBy::Side(a),
            closed.version,
            " ",
            "err-pipeline-back-reason",
        ),
        (
            CooperationBy::Side(a),
            signed.version,
            "x",
            "err-stale-edit",
        ),
    ] {
        let e = s
            .take_back_cooperation(ab.id, by, version, &back(note), NOON + 3800)
            .await
            .unwrap_err();
        let got = match e {
            StoreError::Invalid(errors) => errors[0].code.clone(),
            StoreError::Conflict(code) => code.to_owned(),
            other => panic!("{other:?}"),
        };
        assert_eq!(got, code);
    }
    let e = s
        .take_back_cooperation(
            ab.id,
            CooperationBy::Side(c),
            closed.version,
            &back("x"),
            NOON + 3800,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound), "{e:?}");
    assert_eq!(s.cooperations(ev.id).await.unwrap(), vec![closed.clone()]);
    assert_eq!(s.cooperation_steps(ab.id).await.unwrap().len(), 3);

    // Talks resumed: a side takes the close back; the agreement signed stands.
    let reopened = s
        .take_back_cooperation(
            ab.id,
            CooperationBy::Side(a),
            closed.version,
            &back("資金已落實"),
            NOON + 3800,
        )
        .await
        .unwrap();
    assert_eq!(reopened.stage(), Some(PipelineStage::Signed));
    assert_eq!(reopened.agreement(), Some(AgreementType::Investment));
    assert_eq!(reopened.version, closed.version + 1);
    assert_eq!(
        claimed_mails(s).await,
        [("mm_coop".to_owned(), Some(b))],
        "the other side is told"
    );
    // The organiser hears the signing was recorded by mistake: back to in talks, the
    // agreement gone; audited.
    let talks = s
        .take_back_cooperation(
            ab.id,
            CooperationBy::Organiser {
                actor: &me,
                event_id: ev.id,
            },
            reopened.version,
            &back("協議尚未簽署"),
            NOON + 3900,
        )
        .await
        .unwrap();
    assert_eq!(talks.stage(), Some(PipelineStage::InTalks));
    assert_eq!(talks.agreement(), None);
    let e = s
        .take_back_cooperation(
            ab.id,
            CooperationBy::Side(b),
            talks.version,
            &back("x"),
            NOON + 4000,
        )
        .await
        .unwrap_err();
    assert_eq!(conflict_code(e), "err-pipeline-nothing-back");
    let steps = s.cooperation_steps(ab.id).await.unwrap();
    assert_eq!(
        steps
            .iter()
            .map(|x| (
                x.stage.as_str(),
                x.takes_back,
                x.agreement_type.as_deref(),
                x.by_reg
            ))
            .collect::<Vec<_>>(),
        [
            ("in_talks", false, None, Some(a)),
            ("signed", false, Some("investment"), Some(a)),
            ("closed", false, Some("investment"), Some(b)),
            ("signed", true, Some("investment"), Some(a)),
            ("in_talks", true, None, None),
        ]
    );
    assert_eq!(steps[4].note, "協議尚未簽署");
    // Still open, so asked about again; and a side's corrected outcome no longer drops it,
    // since it moved.
    assert_eq!(s.ask_cooperations(ev.id, NOON + 4100).await.unwrap(), 2);
    s.record_outcome(ab.id, a, MeetingOutcome::Informative)
        .await
        .unwrap();
    assert_eq!(s.cooperations(ev.id).await.unwrap(), vec![talks]);
}

#[tokio::test]
async fn cooperation_taken_back_on_sqlite() {
    let db = TestDb::sqlite();
    cooperation_taken_back(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn cooperation_taken_back_on_postgres() {
    let db = TestDb::postgres().await;
    cooperation_taken_back(db.open().await).await;
}

#[tokio::test]
async fn cooperation_on_sqlite() {
    let db = TestDb::sqlite();
    cooperation(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn cooperation_on_postgres() {
    let db = TestDb::postgres().await;
    cooperation(db.open().await).await;
}

/// "Not for me": kept once however often it is said, only between confirmed participants
/// of one event, taken back at once, and gone with either side's personal data.
async fn passes(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 4, "pass").await;
    let (a, b, c, d) = (regs[0], regs[1], regs[2], regs[3]);
    let elsewhere = event(s, None, false).await;
    let stranger = participants(s, elsewhere.id, 1, "pass-x").await[0];
    s.cancel_registration(None, d, NOON).await.unwrap();

    s.pass_participant(a, b, NOON).await.unwrap();
    s.pass_participant(a, b, NOON + 1).await.unwrap();
    s.pass_participant(a, c, NOON + 2).await.unwrap();
    assert_eq!(s.passes(a).await.unwrap(), vec![b, c]);
    assert_eq!(
        conflict_code(s.pass_participant(a, a, NOON).await.unwrap_err()),
        "err-mm-self"
    );
    for (me, other) in [(a, stranger), (a, d), (d, a), (a, 999_999)] {
        assert!(
            matches!(
                s.pass_participant(me, other, NOON).await,
                Err(StoreError::NotFound)
            ),
            "{me} passing {other}"
        );
    }
    assert_eq!(s.passes(a).await.unwrap(), vec![b, c]);
    assert!(s.passes(b).await.unwrap().is_empty(), "it is one-sided");

    assert_eq!(s.clear_passes(a).await.unwrap(), 2);
    assert!(s.passes(a).await.unwrap().is_empty());
    assert_eq!(s.clear_passes(a).await.unwrap(), 0);

    // Erased, a participant's own and those said of them go.
    s.pass_participant(a, b, NOON).await.unwrap();
    s.pass_participant(c, a, NOON).await.unwrap();
    s.pass_participant(c, b, NOON).await.unwrap();
    s.erase_registration(None, a, NOON).await.unwrap();
    assert!(s.passes(a).await.unwrap().is_empty());
    assert_eq!(s.passes(c).await.unwrap(), vec![b]);
}

#[tokio::test]
async fn passes_on_sqlite() {
    let db = TestDb::sqlite();
    passes(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn passes_on_postgres() {
    let db = TestDb::postgres().await;
    passes(db.open().await).await;
}

/// The organisers arrange a meeting: accepted at once whatever the deadlines, outside
/// either side's limit, both told, audited; refused for the same two twice, oneself or
/// someone not taking part, with nothing written.
async fn arranged(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 5, "arr").await;
    let (a, b, c, d, e) = (regs[0], regs[1], regs[2], regs[3], regs[4]);
    s.cancel_registration(None, d, NOON).await.unwrap();
    let settings = |deadline: Option<i64>| {
        MatchmakingInput {
            meeting_minutes: 20,
            max_requests: 1,
            request_deadline: deadline,
            accept_deadline: deadline,
            self_booking: false,
            video_url: None,
            auto_accept: false,
        }
        .validate()
        .unwrap()
    };
    s.save_matchmaking(&me, ev.id, &settings(Some(NOON + 3600)), NOON)
        .await
        .unwrap();
    sent_at(s, NOON).await;

    // After the deadlines, too.
    let late = NOON + 7200;
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    let note = RequestInput {
        to_reg: b,
        message: "兩位都做低空經濟，值得一談。".into(),
        priority: 2,
        session: Some("afternoon".into()),
    }
    .validate(Script::Hant)
    .unwrap();
    let made = s.arrange_meeting(&me, ev.id, a, &note, late).await.unwrap();
    assert_eq!(
        (
            made.status,
            made.arranged,
            made.priority,
            made.to_priority,
            made.decided_at,
            made.session
        ),
        (
            RequestStatus::Accepted,
            true,
            2,
            Some(2),
            Some(late),
            MeetingSession::Afternoon
        )
    );
    assert_eq!(made.message, "兩位都做低空經濟，值得一談。");
    assert!(s.matchmaking(ev.id).await.unwrap().unwrap().version > version);
    let mut told = sent_at(s, late).await;
    told.sort();
    assert_eq!(
        told,
        vec![
            ("mm_arranged".into(), Some(a)),
            ("mm_arranged".into(), Some(b))
        ]
    );
    assert!(
        s.list_audit(50, 0)
            .await
            .unwrap()
            .items
            .iter()
            .any(|l| l.action == "arrange" && l.entity_id == made.id)
    );
    // Not one of A's requests: A may still ask someone, within the limit of one.
    s.save_matchmaking(&me, ev.id, &settings(None), late)
        .await
        .unwrap();
    s.request_meeting(ev.id, a, &ask(c, 2, ""), late)
        .await
        .unwrap();
    assert_eq!(
        conflict_code(
            s.request_meeting(ev.id, a, &ask(e, 2, ""), late)
                .await
                .unwrap_err()
        ),
        "err-mm-limit"
    );

    let before = s.meeting_requests(ev.id).await.unwrap();
    let with = |to: i64| {
        RequestInput {
            to_reg: to,
            message: String::new(),
            priority: 2,
            session: None,
        }
        .validate(Script::Hant)
        .unwrap()
    };
    // The same two either way, or two with a request waiting between them.
    for (from, to) in [(a, b), (b, a), (c, a)] {
        assert_eq!(
            conflict_code(
                s.arrange_meeting(&me, ev.id, from, &with(to), late)
                    .await
                    .unwrap_err()
            ),
            "err-mm-pair-taken"
        );
    }
    for (from, to, field, code) in [
        (a, a, "to_reg", "err-mm-self"),
        (a, d, "to_reg", "err-mm-not-participant"),
        (d, e, "from_reg", "err-mm-not-participant"),
    ] {
        match s.arrange_meeting(&me, ev.id, from, &with(to), late).await {
            Err(StoreError::Invalid(errors)) => {
                assert_eq!(
                    (errors[0].field.as_str(), errors[0].code.as_str()),
                    (field, code)
                )
            }
            other => panic!("expected invalid input, got {other:?}"),
        }
    }
    assert_eq!(s.meeting_requests(ev.id).await.unwrap(), before);
    assert!(
        sent_at(s, late)
            .await
            .iter()
            .all(|(k, _)| k != "mm_arranged")
    );
}

#[tokio::test]
async fn arranged_on_sqlite() {
    let db = TestDb::sqlite();
    arranged(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn arranged_on_postgres() {
    let db = TestDb::postgres().await;
    arranged(db.open().await).await;
}

/// Where requests are accepted on arrival, a request is a meeting at once: the one asked
/// is told straight away (even if they take requests once a day) and may cancel it.
async fn accepted_on_arrival(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 3, "auto").await;
    let (a, b, c) = (regs[0], regs[1], regs[2]);
    let settings = MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 1,
        auto_accept: true,
        ..Default::default()
    }
    .validate()
    .unwrap();
    let saved = s
        .save_matchmaking(&me, ev.id, &settings, NOON)
        .await
        .unwrap();
    assert!(saved.auto_accept);
    s.set_matchmaking_profile(b, "", true, &[], NOON)
        .await
        .unwrap();
    sent_at(s, NOON).await;
    let ab = s
        .request_meeting(ev.id, a, &ask(b, 3, "想談合作"), NOON + 10)
        .await
        .unwrap();
    assert_eq!(
        (ab.status, ab.decided_at, ab.priority, ab.to_priority),
        (RequestStatus::Accepted, Some(NOON + 10), 3, Some(2))
    );
    assert_eq!(
        sent_at(s, NOON + 10).await,
        vec![("mm_auto".into(), Some(b))]
    );
    // Still within the sender's limit, which the meeting counts against.
    assert_eq!(
        conflict_code(
            s.request_meeting(ev.id, a, &ask(c, 2, ""), NOON + 20)
                .await
                .unwrap_err()
        ),
        "err-mm-limit"
    );
    // Nothing waits for an answer, so nothing expires.
    s.expire_meeting_requests(ev.id, NOON + 86_400 * 30)
        .await
        .unwrap();
    assert_eq!(
        find_now(s, ev.id, ab.id).await.status,
        RequestStatus::Accepted
    );
    s.cancel_meeting(ab.id, b, NOON + 30).await.unwrap();
    assert_eq!(
        sent_at(s, NOON + 30).await,
        vec![("mm_cancelled".into(), Some(a))]
    );
}

#[tokio::test]
async fn accepted_on_arrival_on_sqlite() {
    let db = TestDb::sqlite();
    accepted_on_arrival(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn accepted_on_arrival_on_postgres() {
    let db = TestDb::postgres().await;
    accepted_on_arrival(db.open().await).await;
}

/// The organiser asks for the outcomes of meetings held: those with a meeting behind them
/// whose outcome they have not told, once a day at most.
async fn outcomes_asked_for(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    let regs = participants(s, ev.id, 4, "fu").await;
    let (a, b, c, d) = (regs[0], regs[1], regs[2], regs[3]);
    let settings = MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 5,
        ..Default::default()
    }
    .validate()
    .unwrap();
    s.save_matchmaking(&me, ev.id, &settings, NOON - 86_400)
        .await
        .unwrap();
    let held = s
        .add_meeting_slot(&me, ev.id, NOON - 3600, NOON - 2400)
        .await
        .unwrap();
    let later = s
        .add_meeting_slot(&me, ev.id, NOON + 3600, NOON + 4800)
        .await
        .unwrap();
    let table = s.add_meeting_table(&me, ev.id, "A1", None).await.unwrap();
    let mut placed = Vec::new();
    for (from, to, slot) in [(a, b, held.id), (c, d, later.id)] {
        let r = s
            .request_meeting(ev.id, from, &ask(to, 2, ""), NOON - 86_400)
            .await
            .unwrap();
        s.decide_meeting(r.id, to, true, 2, NOON - 86_400)
            .await
            .unwrap();
        placed.push((r.id, Some((slot, table.id))));
    }
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    s.save_schedule(&me, ev.id, version, &placed).await.unwrap();
    // Placed only in a draft nobody has seen, a meeting is asked about by no one.
    assert_eq!(s.ask_outcomes(ev.id, NOON).await.unwrap(), 0);
    s.publish_schedule(&me, ev.id, NOON - 7200).await.unwrap();
    sent_at(s, NOON).await;
    // A and B met an hour ago; C and D meet later.
    assert_eq!(s.ask_outcomes(ev.id, NOON).await.unwrap(), 2);
    let mut asked = sent_at(s, NOON).await;
    asked.sort();
    assert_eq!(
        asked,
        vec![
            ("mm_followup".into(), Some(a)),
            ("mm_followup".into(), Some(b))
        ]
    );
    assert_eq!(
        s.ask_outcomes(ev.id, NOON + 60).await.unwrap(),
        0,
        "not twice a day"
    );
    // A tells; the next day B is asked again, and C and D, whose meeting is behind them
    // by then, but not A. (C's and D's questions were queued at publication for an hour
    // after their meeting, and are due already: only B's is new.)
    s.record_outcome(placed[0].0, a, MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    assert_eq!(s.ask_outcomes(ev.id, NOON + 86_401).await.unwrap(), 1);
    // A schedule published and taken back meanwhile does not take these questions with
    // it: they were asked for now, not queued for after the meetings.
    s.publish_schedule(&me, ev.id, NOON + 86_401).await.unwrap();
    s.unpublish_schedule(&me, ev.id, NOON + 86_401)
        .await
        .unwrap();
    let mut asked: Vec<_> = sent_at(s, NOON + 86_401)
        .await
        .into_iter()
        .filter(|(kind, _)| kind == "mm_followup")
        .collect();
    asked.sort();
    assert_eq!(
        asked,
        vec![
            ("mm_followup".into(), Some(b)),
            ("mm_followup".into(), Some(c)),
            ("mm_followup".into(), Some(d))
        ]
    );
}

#[tokio::test]
async fn outcomes_asked_for_on_sqlite() {
    let db = TestDb::sqlite();
    outcomes_asked_for(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn outcomes_asked_for_on_postgres() {
    let db = TestDb::postgres().await;
    outcomes_asked_for(db.open().await).await;
}

/// A place handed to a colleague of the same organisation (however its name was typed)
/// takes its matchmaking along: requests and meetings where they are placed, away slots,
/// profile, "not for me" both ways and a reserved booth, each other side told; a request
/// already declined stays the old holder's history. Handed on again to someone of another
/// organisation, the meetings go, the other sides told.
async fn handed_on(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    s.save_matchmaking(&me, ev.id, &plain_settings(), NOON - 86_400)
        .await
        .unwrap();
    let slot1 = s
        .add_meeting_slot(&me, ev.id, NOON, NOON + 1200)
        .await
        .unwrap();
    let slot2 = s
        .add_meeting_slot(&me, ev.id, NOON + 1200, NOON + 2400)
        .await
        .unwrap();
    let table = s.add_meeting_table(&me, ev.id, "A1", None).await.unwrap();
    let of = |i: usize, org: &str| {
        RegistrationInput {
            name: format!("參加者{i}"),
            email: format!("p{i}@example.org"),
            organisation: Some(org.into()),
            consent: true,
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap()
    };
    let before = NOON - 86_400;
    let mut regs = Vec::new();
    for (i, org) in [
        "香港科技大學（HKUST）",
        "深圳甲公司",
        "澳門乙公司",
        "丙研究院",
    ]
    .into_iter()
    .enumerate()
    {
        let r = s
            .register(
                ev.id,
                &of(i, org),
                Channel::Public,
                &format!("ho-{i}"),
                "zh-Hant",
                before,
            )
            .await
            .unwrap();
        regs.push(r.id);
    }
    let (a, b, c, d) = (regs[0], regs[1], regs[2], regs[3]);
    let booth = s
        .add_meeting_table(&me, ev.id, "展位 A", Some(a))
        .await
        .unwrap();
    let ab = s
        .request_meeting(ev.id, a, &ask(b, 2, "想談合作"), before)
        .await
        .unwrap();
    let ca = s
        .request_meeting(ev.id, c, &ask(a, 3, "交流"), before)
        .await
        .unwrap();
    s.decide_meeting(ca.id, a, true, 2, before).await.unwrap();
    let ad = s
        .request_meeting(ev.id, a, &ask(d, 1, "認識一下"), before)
        .await
        .unwrap();
    s.decide_meeting(ad.id, d, false, 1, before).await.unwrap();
    let version = s.matchmaking(ev.id).await.unwrap().unwrap().version;
    s.place_meeting(
        &me,
        ev.id,
        ca.id,
        Some((slot1.id, booth.id)),
        true,
        version,
        before,
    )
    .await
    .unwrap();
    s.set_away_slots(a, &[slot2.id]).await.unwrap();
    s.set_matchmaking_profile(a, "我們做6G通感", false, &[], before)
        .await
        .unwrap();
    s.pass_participant(a, d, before).await.unwrap();
    s.pass_participant(b, a, before).await.unwrap();
    let now = before + 600;
    sent_at(s, now).await;

    // A colleague of the same university, typed another way: the matchmaking follows.
    let (_, e) = s
        .transfer_registration(None, a, &of(9, "HKUST"), "ho-9", "en", None, now)
        .await
        .unwrap();
    let find = |id: i64| async move { find_now(s, ev.id, id).await };
    let moved = find(ab.id).await;
    assert_eq!(
        (moved.from_reg, moved.to_reg, moved.status),
        (e.id, b, RequestStatus::Pending)
    );
    let moved = find(ca.id).await;
    assert_eq!(
        (
            moved.from_reg,
            moved.to_reg,
            moved.status,
            moved.slot_id,
            moved.table_id,
            moved.locked
        ),
        (
            c,
            e.id,
            RequestStatus::Accepted,
            Some(slot1.id),
            Some(booth.id),
            true
        )
    );
    let history = find(ad.id).await;
    assert_eq!(
        (history.from_reg, history.status),
        (a, RequestStatus::Declined)
    );
    assert_eq!(
        s.unavailability(ev.id).await.unwrap(),
        vec![(e.id, slot2.id)]
    );
    let profiles = s.matchmaking_profiles(ev.id).await.unwrap();
    assert_eq!(
        profiles
            .iter()
            .map(|p| (p.registration_id, p.about.as_str()))
            .collect::<Vec<_>>(),
        [(e.id, "我們做6G通感")]
    );
    assert_eq!(s.passes(e.id).await.unwrap(), vec![d]);
    assert_eq!(s.passes(b).await.unwrap(), vec![e.id]);
    let tables = s.meeting_tables(ev.id).await.unwrap();
    assert_eq!(
        tables
            .iter()
            .map(|t| (t.id, t.reserved_for))
            .collect::<Vec<_>>(),
        [(table.id, None), (booth.id, Some(e.id))]
    );
    let mut mails = sent_at(s, now).await;
    mails.sort();
    let mut want = vec![
        ("mm_handed_on".to_owned(), Some(b)),
        ("mm_handed_on".to_owned(), Some(c)),
        ("transfer_in".to_owned(), Some(e.id)),
        ("transfer_out".to_owned(), Some(a)),
    ];
    want.sort();
    assert_eq!(mails, want);

    // Handed on again, to someone of another organisation: the meetings go.
    let (_, f) = s
        .transfer_registration(
            None,
            e.id,
            &of(8, "深圳甲公司"),
            "ho-8",
            "zh-Hans",
            None,
            now,
        )
        .await
        .unwrap();
    for id in [ab.id, ca.id] {
        let r = find(id).await;
        assert_eq!(
            (r.status, r.slot_id, r.from_reg == f.id || r.to_reg == f.id),
            (RequestStatus::Cancelled, None, false),
            "request {id}"
        );
    }
    let mut mails = sent_at(s, now).await;
    mails.sort();
    let mut want = vec![
        ("mm_cancelled".to_owned(), Some(b)),
        ("mm_cancelled".to_owned(), Some(c)),
        ("transfer_in".to_owned(), Some(f.id)),
        ("transfer_out".to_owned(), Some(e.id)),
    ];
    want.sort();
    assert_eq!(mails, want);
    // Nobody of another organisation inherits what was the university's.
    assert!(s.passes(f.id).await.unwrap().is_empty());
    assert!(
        s.matchmaking_profiles(ev.id)
            .await
            .unwrap()
            .iter()
            .all(|p| p.registration_id != f.id)
    );

    // The directory knows an organisation by its Chinese and English names: a colleague
    // who writes the other one keeps the meetings too.
    let council = OrganisationInput {
        name: "香港生產力促進局".into(),
        name_en: Some("Hong Kong Productivity Council".into()),
        org_type: "government".into(),
        region: "hong_kong".into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    s.create_organisation(&me, &council).await.unwrap();
    let g = s
        .register(
            ev.id,
            &of(5, "Hong Kong Productivity Council"),
            Channel::Public,
            "ho-5",
            "en",
            before,
        )
        .await
        .unwrap();
    let gb = s
        .request_meeting(ev.id, g.id, &ask(b, 2, "合作"), now)
        .await
        .unwrap();
    let (_, h) = s
        .transfer_registration(
            None,
            g.id,
            &of(6, "香港生產力促進局"),
            "ho-6",
            "zh-Hant",
            None,
            now,
        )
        .await
        .unwrap();
    let moved = find(gb.id).await;
    assert_eq!(
        (moved.from_reg, moved.status),
        (h.id, RequestStatus::Pending)
    );

    // Staff decide otherwise where they know better: the meetings go with a place handed
    // to another organisation's person, or are cancelled for a colleague.
    let (_, k) = s
        .transfer_registration(
            Some(&me),
            h.id,
            &of(7, "澳門乙公司"),
            "ho-7",
            "en",
            Some(true),
            now,
        )
        .await
        .unwrap();
    assert_eq!(find(gb.id).await.from_reg, k.id);
    s.transfer_registration(
        Some(&me),
        k.id,
        &of(10, "澳門乙公司"),
        "ho-10",
        "en",
        Some(false),
        now,
    )
    .await
    .unwrap();
    assert_eq!(find(gb.id).await.status, RequestStatus::Cancelled);
}

#[tokio::test]
async fn handed_on_on_sqlite() {
    let db = TestDb::sqlite();
    handed_on(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn handed_on_on_postgres() {
    let db = TestDb::postgres().await;
    handed_on(db.open().await).await;
}

/// Messages on a meeting request on both backends: only its two sides write, while it is
/// pending or accepted; one mail waits per side and request, ten minutes, and goes only
/// with what is still unread; reading marks the other side's; a colleague who takes the
/// place keeps the conversation on the same side; an erasure empties what its author
/// wrote.
async fn meeting_messages(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let me = Actor::cli();
    let ev = event(s, None, false).await;
    s.save_matchmaking(&me, ev.id, &plain_settings(), NOON - 86_400)
        .await
        .unwrap();
    let with_org = |i: usize| {
        RegistrationInput {
            name: format!("參加者{i}"),
            email: format!("p{i}@example.org"),
            organisation: Some("香港科技大學".into()),
            consent: true,
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap()
    };
    let regs = participants(s, ev.id, 2, "msg").await;
    let (a, c) = (regs[0], regs[1]);
    let b = s
        .register(
            ev.id,
            &with_org(5),
            Channel::Public,
            "msg-b",
            "zh-Hant",
            NOON - 86_000,
        )
        .await
        .unwrap()
        .id;
    let ab = s
        .request_meeting(ev.id, a, &ask(b, 2, "想談合作"), NOON - 86_000)
        .await
        .unwrap();
    let now = NOON - 80_000;
    sent_at(s, now).await;
    assert_eq!(
        s.meeting_request(ab.id).await.unwrap(),
        ab,
        "one request by its id"
    );
    assert!(matches!(
        s.meeting_request(999_999).await,
        Err(StoreError::NotFound)
    ));

    // Either side writes; nobody else.
    let first = s
        .send_meeting_message(ab.id, a, "我們在A3桌", "zh-Hant", now)
        .await
        .unwrap();
    assert!(first.by_requester && first.read_at.is_none());
    s.send_meeting_message(ab.id, a, "會遲到五分鐘", "zh-Hant", now + 1)
        .await
        .unwrap();
    assert!(matches!(
        s.send_meeting_message(ab.id, c, "我也想來", "zh-Hant", now)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.send_meeting_message(999_999, a, "?", "en", now).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.unread_meeting_messages(b).await.unwrap(),
        vec![(ab.id, 2)]
    );
    assert!(
        s.unread_meeting_messages(a).await.unwrap().is_empty(),
        "one's own"
    );
    // One mail waits for b, not before ten minutes.
    assert!(sent_at(s, now + 1).await.is_empty());
    assert_eq!(
        sent_at(s, now + MESSAGE_MAIL_DELAY).await,
        vec![("mm_message".to_owned(), Some(b))]
    );
    // b answers and reads: a's are read, a gets one mail for b's.
    s.send_meeting_message(ab.id, b, "好的，到時見", "zh-Hant", now + 700)
        .await
        .unwrap();
    s.read_meeting_messages(ab.id, b, now + 700).await.unwrap();
    assert!(s.unread_meeting_messages(b).await.unwrap().is_empty());
    assert_eq!(
        s.unread_meeting_messages(a).await.unwrap(),
        vec![(ab.id, 1)]
    );
    s.read_meeting_messages(ab.id, c, now + 700).await.unwrap();
    assert_eq!(
        s.unread_meeting_messages(a).await.unwrap(),
        vec![(ab.id, 1)],
        "not c's to read"
    );
    let messages = s.meeting_messages(ab.id).await.unwrap();
    assert_eq!(
        messages
            .iter()
            .map(|m| (m.body.as_str(), m.by_requester, m.read_at.is_some()))
            .collect::<Vec<_>>(),
        vec![
            ("我們在A3桌", true, true),
            ("會遲到五分鐘", true, true),
            ("好的，到時見", false, false)
        ]
    );
    assert_eq!(
        sent_at(s, now + 700 + MESSAGE_MAIL_DELAY).await,
        vec![("mm_message".to_owned(), Some(a))]
    );

    // A colleague of b's organisation takes the place: the conversation stays b's side's.
    let (_, b2) = s
        .transfer_registration(None, b, &with_org(6), "msg-b2", "en", None, now + 800)
        .await
        .unwrap();
    s.send_meeting_message(ab.id, b2.id, "我接替同事出席", "zh-Hant", now + 900)
        .await
        .unwrap();
    assert!(matches!(
        s.send_meeting_message(ab.id, b, "我還在嗎", "zh-Hant", now + 900)
            .await,
        Err(StoreError::NotFound)
    ));
    let by_b_side: Vec<_> = s
        .meeting_messages(ab.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| !m.by_requester)
        .map(|m| m.author_reg)
        .collect();
    assert_eq!(by_b_side, vec![b, b2.id]);
    assert_eq!(
        s.unread_meeting_messages(a).await.unwrap(),
        vec![(ab.id, 2)]
    );
    assert_eq!(s.unread_meeting_messages(b2.id).await.unwrap(), vec![]);

    // Closed: a declined request takes no more.
    let ca = s
        .request_meeting(ev.id, c, &ask(a, 1, ""), now)
        .await
        .unwrap();
    s.send_meeting_message(ca.id, c, "Hello", "en", now)
        .await
        .unwrap();
    s.decide_meeting(ca.id, a, false, 1, now + 1).await.unwrap();
    assert!(matches!(
        s.send_meeting_message(ca.id, a, "Sorry", "en", now + 2)
            .await,
        Err(StoreError::Conflict("err-messages-closed"))
    ));
    assert_eq!(s.meeting_messages(ca.id).await.unwrap().len(), 1, "kept");

    // Erased: what a wrote is emptied, the rest stays.
    s.erase_registration(None, a, now + 1000).await.unwrap();
    let bodies: Vec<_> = s
        .meeting_messages(ab.id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.body)
        .collect();
    assert_eq!(bodies, vec!["", "", "好的，到時見", "我接替同事出席"]);
}

#[tokio::test]
async fn meeting_messages_on_sqlite() {
    let db = TestDb::sqlite();
    meeting_messages(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn meeting_messages_on_postgres() {
    let db = TestDb::postgres().await;
    meeting_messages(db.open().await).await;
}
