//! The scheduler at the size of a large brokerage event: 2,000 participants, 10,000
//! accepted requests, 2 days × 16 slots (the night between is no break), 120 tables (so at most 3,840 meetings fit, and the
//! engine must choose the heaviest), a tenth of the participants away for four slots each.
//!
//! ```text
//! cargo run --release -p baylink-matchmaking --example scale_bench -- [--time-limit 25] [--online N]
//! ```
//!
//! With `--online N`, N participants (none of the most popular) take part online: each
//! has a room of their own, a table reserved for them besides the 120, where all their
//! meetings go.
//!
//! The requests are drawn from a fixed seed, with a few very popular participants as in
//! real events. The schedule is re-verified by the independent checker; the figures are the
//! meetings placed (and their weight), breaks, and the time to a complete schedule with
//! table numbers.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use baylink_matchmaking::{Instance, Meeting, Options, Session, check, schedule};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: f64 = args
        .iter()
        .position(|a| a == "--time-limit")
        .and_then(|i| args.get(i + 1))
        .map_or(25.0, |s| s.parse().expect("--time-limit SECONDS"));
    let online: usize = args
        .iter()
        .position(|a| a == "--online")
        .and_then(|i| args.get(i + 1))
        .map_or(0, |s| s.parse().expect("--online N"));
    let (participants, requests, slots, hall) = (2000usize, 10_000usize, 32usize, 120usize);
    assert!(online <= participants - 100, "--online N: at most 1,900");
    let tables = hall + online;
    let mut rng = 0x1234_5678_9ABC_DEF1u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut seen = HashSet::new();
    let mut meetings = Vec::with_capacity(requests);
    while meetings.len() < requests {
        // One side in five is one of the 100 most popular participants.
        let a = if next() % 5 == 0 {
            (next() % 100) as usize
        } else {
            (next() % participants as u64) as usize
        };
        let b = (next() % participants as u64) as usize;
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        meetings.push(Meeting {
            a,
            b,
            session: Session::Any,
            weight: 1 + (next() % 3) as u32,
        });
    }
    let mut forbidden = vec![Vec::new(); participants];
    for row in forbidden.iter_mut().take(participants / 10) {
        let mut away: Vec<usize> = (0..4).map(|_| (next() % slots as u64) as usize).collect();
        away.sort_unstable();
        away.dedup();
        *row = away;
    }
    let instance = Instance {
        participants,
        fixed: vec![None; meetings.len()],
        precedences: vec![Vec::new(); meetings.len()],
        meetings,
        tables,
        slots,
        morning_slots: slots,
        forbidden,
        // Every n-th participant after the 100 most popular, each in their own room.
        reserved_tables: (0..online)
            .map(|i| (hall + i, 100 + i * (participants - 100) / online.max(1)))
            .collect(),
        fixed_tables: Vec::new(),
        day_starts: vec![slots / 2],
        morning: Vec::new(),
    };
    let options = Options {
        fairness: Some(2),
        time_limit: Duration::from_secs_f64(seconds),
        partial: true,
    };
    let started = Instant::now();
    let mut first_report = None;
    let result = schedule(&instance, &options, &mut |p| {
        if first_report.is_none() {
            first_report = Some(p.elapsed);
        }
    });
    let elapsed = started.elapsed();
    let report = check(&instance, &result.placements, false, None);
    assert!(
        report.violations.is_empty(),
        "{:?}",
        report.violations.first()
    );
    let total_weight: u64 = instance.meetings.iter().map(|m| m.weight as u64).sum();
    println!(
        "{participants} participants ({online} online), {requests} requests, {slots} slots, {hall} tables and {online} online rooms (room for {} meetings in the hall)",
        slots * hall
    );
    println!(
        "placed {} meetings (weight {} of {total_weight}), {} breaks, largest difference {}, status {:?}",
        report.scheduled,
        report.scheduled_weight,
        report.total_breaks,
        report.fairness_gap,
        result.status
    );
    println!(
        "time to a complete schedule with tables: {:.2} s (limit {seconds} s)",
        elapsed.as_secs_f64()
    );
    let mut by_breaks = std::collections::BTreeMap::new();
    for &b in &report.breaks {
        *by_breaks.entry(b).or_insert(0usize) += 1;
    }
    let spread: Vec<String> = by_breaks
        .iter()
        .map(|(b, n)| format!("{n} with {b}"))
        .collect();
    println!("participants by breaks: {}", spread.join(", "));
    println!("checker: {} violations", report.violations.len());
}
