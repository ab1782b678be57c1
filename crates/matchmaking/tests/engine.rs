//! The engine against published optima, every schedule re-verified by the independent
//! checker, and the checker itself shown to catch each kind of broken rule.

use std::time::Duration;

use baylink_matchmaking::{Instance, Options, Placement, Status, Violation, check, schedule};

fn instance(name: &str) -> Instance {
    let path = format!("{}/tests/instances/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    Instance::from_dzn(&text).unwrap()
}

fn solve(instance: &Instance) -> baylink_matchmaking::Schedule {
    let options = Options {
        fairness: Some(2),
        time_limit: Duration::from_secs(60),
        ..Options::default()
    };
    schedule(instance, &options, &mut |_| {})
}

#[test]
fn reaches_the_published_optima_and_every_schedule_checks() {
    for (name, optimum) in [
        ("tic-12.original.dzn", 0),
        ("tic-12.fixed020-Forb.dzn", 1),
        ("tic-12.prec15.dzn", 0),
    ] {
        let instance = instance(name);
        let result = solve(&instance);
        assert_eq!(result.status, Status::Optimal, "{name}");
        assert_eq!(result.breaks, Some(optimum), "{name}");
        assert_eq!(result.lower_bound, Some(optimum), "{name}");
        let report = check(&instance, &result.placements, true, Some(2));
        assert!(
            report.violations.is_empty(),
            "{name}: {:?}",
            report.violations
        );
        assert_eq!(report.total_breaks, optimum, "{name}");
        assert_eq!(report.scheduled, instance.meetings.len());
    }
}

#[test]
fn an_infeasible_instance_is_reported_as_such() {
    let result = solve(&instance("forum-13.prec25.dzn"));
    assert_eq!(result.status, Status::Infeasible);
    assert!(result.reason.is_some());
    assert_eq!(result.meetings_scheduled(), 0);
}

#[test]
fn impossible_configurations_are_explained_before_search() {
    let mut tiny = Instance::from_dzn(
        "nBusiness = 3; nMeetings = 3; nTables = 1; nTotalSlots = 2; nMorningSlots = 2;\n\
         requested = [| 1, 2, 3 | 1, 3, 3 | 2, 3, 3 |];",
    )
    .unwrap();
    let result = solve(&tiny);
    assert_eq!(result.status, Status::Infeasible);
    // Three meetings, two slots with one table each.
    assert!(
        result
            .reason
            .as_deref()
            .unwrap()
            .contains("3 meetings but only 2 places")
    );
    tiny.tables = 0;
    let result = solve(&tiny);
    assert_eq!(result.reason.as_deref(), Some("there are no tables"));
    tiny.tables = 2;
    tiny.forbidden[0] = vec![0];
    let result = solve(&tiny);
    assert!(
        result
            .reason
            .as_deref()
            .unwrap()
            .contains("participant 1 has 2 meetings but only 1 slots"),
        "{:?}",
        result.reason
    );
}

#[test]
fn the_checker_catches_every_broken_rule() {
    let mut instance = instance("tic-12.prec15.dzn");
    let good = solve(&instance).placements;
    assert!(check(&instance, &good, true, Some(2)).violations.is_empty());
    // Two meetings of one participant in one slot.
    let of_first = instance.meetings_of()[instance.meetings[0].a].clone();
    let (m1, m2) = (of_first[0], of_first[1]);
    let mut bad = good.clone();
    bad[m2] = Some(Placement {
        slot: good[m1].unwrap().slot,
        table: (good[m1].unwrap().table + 1) % instance.tables,
    });
    let found = check(&instance, &bad, true, None).violations;
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::DoubleBooked { .. })),
        "{found:?}"
    );
    // Two meetings at one table in one slot.
    let other = (0..instance.meetings.len())
        .find(|&m| m != m1 && good[m].unwrap().slot == good[m1].unwrap().slot)
        .unwrap();
    let mut bad = good.clone();
    bad[other] = Some(Placement {
        table: good[m1].unwrap().table,
        ..good[other].unwrap()
    });
    let found = check(&instance, &bad, true, None).violations;
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::TableTaken { .. })),
        "{found:?}"
    );
    // A precedence broken: swap a constrained meeting with its predecessor.
    let (m, before) = instance
        .precedences
        .iter()
        .enumerate()
        .find_map(|(m, b)| b.first().map(|b| (m, *b)))
        .unwrap();
    let mut bad = good.clone();
    bad.swap(m, before);
    let found = check(&instance, &bad, false, None).violations;
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::Precedence { .. })),
        "{found:?}"
    );
    // An unscheduled meeting, a forbidden slot, a wrong session, a fixed slot missed.
    let mut bad = good.clone();
    bad[0] = None;
    assert!(
        check(&instance, &bad, true, None)
            .violations
            .contains(&Violation::Unscheduled { meeting: 0 })
    );
    let slot0 = good[0].unwrap().slot;
    instance.forbidden[instance.meetings[0].a] = vec![slot0];
    assert!(
        check(&instance, &good, true, None)
            .violations
            .iter()
            .any(|v| matches!(v, Violation::Unavailable { meeting: 0, .. }))
    );
    instance.forbidden[instance.meetings[0].a].clear();
    instance.fixed[0] = Some((slot0 + 1) % instance.slots);
    assert!(
        check(&instance, &good, true, None)
            .violations
            .contains(&Violation::NotFixedSlot { meeting: 0 })
    );
    instance.fixed[0] = None;
    instance.morning_slots = 0;
    instance.meetings[0].session = baylink_matchmaking::Session::Morning;
    assert!(
        check(&instance, &good, true, None)
            .violations
            .contains(&Violation::WrongSession { meeting: 0 })
    );
}

#[test]
fn breaks_and_fairness_are_counted_as_defined() {
    // Participant 1 meets 2 in slot 1, 3 in slot 3 and 4 in slot 6: one break of one slot,
    // one of two slots. Idle slots before the first and after the last are no breaks.
    let instance = Instance::from_dzn(
        "nBusiness = 4; nMeetings = 3; nTables = 1; nTotalSlots = 7; nMorningSlots = 7;\n\
         requested = [| 1, 2, 3 | 1, 3, 3 | 1, 4, 3 |];",
    )
    .unwrap();
    let at = |slot| Some(Placement { slot, table: 0 });
    let report = check(&instance, &[at(0), at(2), at(5)], true, Some(1));
    assert_eq!(report.breaks, vec![2, 0, 0, 0]);
    assert_eq!(report.total_breaks, 2);
    assert_eq!(report.fairness_gap, 2);
    assert!(
        report
            .violations
            .contains(&Violation::Unfair { gap: 2, allowed: 1 })
    );
    // The engine closes the gaps.
    let result = solve(&instance);
    assert_eq!((result.status, result.breaks), (Status::Optimal, Some(0)));

    // Over two days (slots 1–4 and 5–7), the night is no break: meetings in slots 1, 3
    // and 6 make one break (slot 2), not two.
    let mut two_days = instance.clone();
    two_days.day_starts = vec![4];
    let report = check(&two_days, &[at(0), at(2), at(5)], true, None);
    assert_eq!(report.breaks[0], 1);
    // Free only in slots 1, 2 and 5: across the night that is no break.
    two_days.forbidden[0] = vec![2, 3, 5, 6];
    let result = solve(&two_days);
    assert_eq!((result.status, result.breaks), (Status::Optimal, Some(0)));
    let one_day = Instance {
        day_starts: Vec::new(),
        morning: Vec::new(),
        ..two_days
    };
    let result = solve(&one_day);
    assert_eq!(result.breaks, Some(1), "the same on one day needs a break");
}

#[test]
fn reserved_tables_hold_only_their_owners_meetings() {
    let mut instance = instance("tic-12.original.dzn");
    // Participant 1's booth is table 1.
    instance.reserved_tables = vec![(0, 0)];
    let result = solve(&instance);
    assert_eq!(result.status, Status::Optimal);
    let report = check(&instance, &result.placements, true, Some(2));
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    for (m, p) in result.placements.iter().enumerate() {
        let meeting = &instance.meetings[m];
        if meeting.a == 0 || meeting.b == 0 {
            assert_eq!(
                p.unwrap().table,
                0,
                "meeting {m} of the booth's owner is at the booth"
            );
        }
    }
}

/// A generated event: `participants` people, `requests` distinct pairs with weights 1–3.
fn generated(participants: usize, requests: usize, slots: usize, tables: usize) -> Instance {
    let mut rng = 0x5EED_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut seen = std::collections::HashSet::new();
    let mut meetings = Vec::new();
    while meetings.len() < requests {
        let a = (next() % participants as u64) as usize;
        let b = (next() % participants as u64) as usize;
        if a != b && seen.insert((a.min(b), a.max(b))) {
            meetings.push(baylink_matchmaking::Meeting {
                a,
                b,
                session: baylink_matchmaking::Session::Any,
                weight: 1 + (next() % 3) as u32,
            });
        }
    }
    Instance {
        participants,
        fixed: vec![None; meetings.len()],
        precedences: vec![Vec::new(); meetings.len()],
        meetings,
        tables,
        slots,
        morning_slots: slots,
        forbidden: vec![Vec::new(); participants],
        reserved_tables: Vec::new(),
        fixed_tables: Vec::new(),
        day_starts: Vec::new(),
        morning: Vec::new(),
    }
}

#[test]
fn an_oversubscribed_event_gets_its_heaviest_meetings_placed() {
    // 300 requests, room for 8 slots × 10 tables = 80 meetings.
    let instance = generated(60, 300, 8, 10);
    let strict = solve(&instance);
    assert_eq!(strict.status, Status::Infeasible);
    let options = Options {
        time_limit: Duration::from_secs(5),
        partial: true,
        ..Options::default()
    };
    let result = schedule(&instance, &options, &mut |_| {});
    assert_eq!(result.status, Status::Feasible);
    let report = check(&instance, &result.placements, false, None);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.scheduled, 80, "every table of every slot is used");
    // Heaviest first: the placed meetings weigh more on average than the requests.
    let average_all = instance
        .meetings
        .iter()
        .map(|m| m.weight as f64)
        .sum::<f64>()
        / 300.0;
    assert!(report.scheduled_weight as f64 / 80.0 > average_all);
    assert!(
        result
            .reason
            .as_deref()
            .unwrap()
            .contains("80 of 300 meetings placed")
    );
}

#[test]
fn a_large_event_is_scheduled_by_the_greedy_engine_within_the_rules() {
    // 2,000 meetings over 24 slots: too large a formula for the exact search. The local
    // search stops by itself when a few rounds find nothing (under 4 s in a debug build);
    // the limit is only a guard.
    let instance = generated(600, 2000, 24, 60);
    let options = Options {
        time_limit: Duration::from_secs(30),
        partial: true,
        ..Options::default()
    };
    let result = schedule(&instance, &options, &mut |_| {});
    let report = check(&instance, &result.placements, false, None);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert!(
        result.meetings_scheduled() > 1200,
        "{}",
        result.meetings_scheduled()
    );
    // Breaks are the local search's target: far fewer than one per meeting.
    assert!(
        report.total_breaks < result.meetings_scheduled() / 2,
        "{}",
        report.total_breaks
    );
    // Nobody is left far behind: the fairness rule (2 by default) holds here, where the
    // local search counting breaks alone left someone with 3 breaks while others had none.
    assert!(report.fairness_gap <= 2, "{}", report.fairness_gap);
}

/// The pages ask for a schedule even when the time is gone before the solver has a first
/// model (the break-free search may take half of it): they get the greedy engine's
/// schedule, within every hard rule, instead of none.
#[test]
fn the_pages_get_a_schedule_when_the_time_runs_out_before_a_first_model() {
    let instance = instance("tic-12.original.dzn");
    let options = Options {
        fairness: Some(2),
        time_limit: Duration::ZERO,
        partial: true,
    };
    let result = schedule(&instance, &options, &mut |_| {});
    assert_ne!(result.status, Status::Unknown);
    assert!(result.meetings_scheduled() > instance.meetings.len() / 2);
    let report = check(&instance, &result.placements, false, None);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    // Without `partial` (the command line), no model in time is reported as such.
    let strict = schedule(
        &instance,
        &Options {
            partial: false,
            ..options
        },
        &mut |_| {},
    );
    assert_eq!(strict.status, Status::Unknown);
}
