//! The scheduling engine: every accepted meeting into a slot, then the fewest breaks, with
//! breaks shared fairly, then a table for each meeting.
//!
//! A schedule without any break is looked for first, on a formula of its own where each
//! participant's day is one of the runs of slots that can hold their meetings
//! ([`crate::runs`]). Otherwise the instance becomes one SAT formula (see [`crate::sat`]):
//! a variable per meeting and allowed slot, a "busy" variable per participant and slot, the
//! break starts of each participant counted by a totalizer, fairness as "if anyone has v
//! breaks, everyone has at least v − d", and the number of meetings per participant stated
//! outright (implied, but it is what lets the solver see a full day early; Bofill et al.
//! report the same). The first model gives an upper bound on total breaks; each further
//! search asks for a schedule with no more breaks than the lower bound (most events can be
//! scheduled without any break). An unsatisfiable bound raises the lower bound by one, so
//! the first bound that holds is proved optimal, and a search cut short by the time limit
//! still leaves the best schedule found with a proved bound. The last tenth of the time is
//! kept for that case, since the proof's own models come only with the optimum: the gap is
//! halved from above with what the proof has learnt, then a large-neighbourhood search
//! (`polish`) improves the schedule in hand. Tables are assigned per slot afterwards: the
//! formula only bounds how many meetings share a slot, which is all a table plan needs.

use std::time::{Duration, Instant};

use crate::check::{Placement, check};
use crate::instance::Instance;
use crate::sat::{Lit, Outcome, Sat};

/// How to schedule.
#[derive(Debug, Clone)]
pub struct Options {
    /// The largest allowed difference between two participants' breaks (`None`: no rule).
    pub fairness: Option<usize>,
    /// The time the search may take in all.
    pub time_limit: Duration,
    /// When not every meeting can be held, place as many as possible (the heaviest first)
    /// instead of reporting the instance infeasible.
    pub partial: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fairness: Some(2),
            time_limit: Duration::from_secs(30),
            partial: false,
        }
    }
}

/// How good a schedule is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every meeting placed, and no schedule has fewer breaks.
    Optimal,
    /// Every meeting placed; fewer breaks may be possible.
    Feasible,
    /// No schedule places every meeting under these rules.
    Infeasible,
    /// The time ran out before any schedule was found.
    Unknown,
}

/// What the search has reached, for a progress display.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub best_breaks: Option<usize>,
    pub lower_bound: usize,
    pub elapsed: Duration,
}

/// The engine's answer.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub status: Status,
    /// One per meeting, in the instance's order.
    pub placements: Vec<Option<Placement>>,
    pub breaks: Option<usize>,
    pub fairness_gap: Option<usize>,
    /// Proved: no schedule has fewer breaks.
    pub lower_bound: Option<usize>,
    /// Why there is no schedule, when known.
    pub reason: Option<String>,
    pub elapsed: Duration,
}

impl Schedule {
    pub fn meetings_scheduled(&self) -> usize {
        self.placements.iter().flatten().count()
    }
}

/// The share of the time the break-free formula may take before the general search.
const BREAK_FREE_SHARE: f64 = 0.5;

/// Above this many (meeting, allowed slot) pairs the exact search is not tried: its formula
/// would not fit the time (the benchmark's largest instance has 6,644; an event of 10,000
/// meetings over 32 slots has 320,000).
const EXACT_LIMIT: usize = 40_000;

/// The answer of the greedy engine: optimal only when it placed everything without a
/// single break (nothing can beat that), else feasible.
fn heuristic_answer(
    instance: &Instance,
    options: &Options,
    slots: Vec<Option<Placement>>,
    started: Instant,
) -> Schedule {
    let placements = assign_tables(instance, &slots);
    let report = check(instance, &placements, false, options.fairness);
    let all = report.scheduled == instance.meetings.len();
    let status = match (all, report.total_breaks) {
        (true, 0) => Status::Optimal,
        (true, _) => Status::Feasible,
        (false, _) if options.partial => Status::Feasible,
        (false, _) => Status::Unknown,
    };
    Schedule {
        status,
        placements,
        breaks: Some(report.total_breaks),
        fairness_gap: Some(report.fairness_gap),
        lower_bound: (status == Status::Optimal).then_some(0),
        reason: (!all).then(|| {
            format!(
                "{} of {} meetings placed; the rest do not fit the slots, tables and availability",
                report.scheduled,
                instance.meetings.len()
            )
        }),
        elapsed: started.elapsed(),
    }
}

struct Model {
    sat: Sat,
    /// Per meeting, its allowed slots with their variables.
    x: Vec<Vec<(usize, Lit)>>,
    /// Every break-start variable, for the total.
    break_starts: Vec<Lit>,
}

/// Schedules every meeting of `instance`, reporting progress as the bound improves.
pub fn schedule(
    instance: &Instance,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Schedule {
    let started = Instant::now();
    let deadline = started + options.time_limit;
    let none = vec![None; instance.meetings.len()];
    let answer =
        |status, placements: Vec<Option<Placement>>, breaks, gap, lower, reason| Schedule {
            status,
            placements,
            breaks,
            fairness_gap: gap,
            lower_bound: lower,
            reason,
            elapsed: started.elapsed(),
        };
    let impossible = instance.impossibilities();
    let exact_size: usize = (0..instance.meetings.len())
        .map(|m| {
            (0..instance.slots)
                .filter(|&t| instance.allowed(m, t))
                .count()
        })
        .sum();
    if exact_size > EXACT_LIMIT || (options.partial && !impossible.is_empty()) {
        // Too large for the exact search, or over-subscribed: the greedy engine.
        progress(Progress {
            best_breaks: None,
            lower_bound: 0,
            elapsed: started.elapsed(),
        });
        let slots = crate::heuristic::place(instance, options.fairness, deadline);
        return heuristic_answer(instance, options, slots, started);
    }
    if !impossible.is_empty() {
        let reason = impossible
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        return answer(Status::Infeasible, none, None, None, None, Some(reason));
    }
    if instance.meetings.is_empty() {
        return answer(Status::Optimal, none, Some(0), Some(0), Some(0), None);
    }
    // First, a schedule without any break, on a formula of its own: most events have one,
    // and stating outright that each day is one run settles a participant's whole day
    // with one choice, where the general formula has to count breaks. On the benchmark's
    // events with such a schedule it was found in at most 2.1 s, where the general formula
    // took up to 10 s or more; where there is none, the formula is refuted in hundredths
    // of a second, or not built at all when someone's meetings fit no run. It gets half
    // the time, so an event where it can neither find nor refute keeps the other half.
    if instance.day_starts.is_empty() {
        let runs = crate::runs::runs(instance);
        if runs.iter().flatten().all(|starts| !starts.is_empty()) {
            progress(Progress {
                best_breaks: None,
                lower_bound: 0,
                elapsed: started.elapsed(),
            });
            let (mut sat, x) = encode_break_free(instance, &runs);
            let until = started + options.time_limit.mul_f64(BREAK_FREE_SHARE);
            if sat.solve(&[], until) == Outcome::Sat {
                let placements = assign_tables(instance, &extract_from(instance, &sat, &x));
                report(progress, 0, 0, started);
                return answer(Status::Optimal, placements, Some(0), Some(0), Some(0), None);
            }
            // Refuted, or out of its time: the general search runs as it would have. (Its
            // bound could start at 1, but skipping that first, quick refutation changed the
            // later search on the benchmark, for the worse as often as for the better.)
        }
    }
    let mut model = encode(instance, options.fairness);
    let first = model.sat.solve(&[], deadline);
    match first {
        // For the pages, the greedy engine's schedule rather than none: when not every
        // meeting fits (over-subscribed), or when the time ran out before any schedule
        // (the break-free search may have taken half of it).
        Outcome::Unsat | Outcome::Unknown if options.partial => {
            let slots = crate::heuristic::place(instance, options.fairness, deadline);
            return heuristic_answer(instance, options, slots, started);
        }
        Outcome::Unsat => {
            let reason = match options.fairness {
                Some(d) => format!(
                    "no schedule places every meeting with slots, tables, availability, sessions, fixed meetings, precedences and breaks within {d} of each other"
                ),
                None => "no schedule places every meeting with slots, tables, availability, sessions, fixed meetings and precedences".to_owned(),
            };
            return answer(Status::Infeasible, none, None, None, None, Some(reason));
        }
        Outcome::Unknown => return answer(Status::Unknown, none, None, None, None, None),
        Outcome::Sat => {}
    }
    let mut best = extract(instance, &model);
    let mut upper = check(instance, &best, true, None).total_breaks;
    let mut lower = 0;
    report(progress, upper, lower, started);
    // Linear search from below: each "no schedule with `lower` breaks" raises the bound, and
    // the first bound that holds is the optimum. (Measured on the benchmark: halving the gap
    // from above from the start, slicing the proof to interleave a neighbourhood search, and
    // a totalizer cut to the bound's neighbourhood were each slower.)
    let total = model
        .sat
        .totalizer(&model.break_starts.clone(), upper, false);
    // The last tenth of the time is kept for improving the schedule in hand when the
    // proof does not finish (every instance of the benchmark that finishes does so in
    // under 60 % of its time).
    let proof_deadline = deadline - options.time_limit / 10;
    while lower < upper {
        match model.sat.solve(&[-total[lower]], proof_deadline) {
            Outcome::Sat => {
                best = extract(instance, &model);
                upper = check(instance, &best, true, None).total_breaks;
            }
            Outcome::Unsat => lower += 1,
            Outcome::Unknown => break,
        }
        report(progress, upper, lower, started);
    }
    if lower < upper {
        let mut on_step = |upper, lower| report(progress, upper, lower, started);
        (best, upper, lower) = descend(
            instance,
            &mut model,
            &total,
            (best, upper, lower),
            deadline,
            &mut on_step,
        );
    }
    if lower < upper {
        let mut on_better = |upper| report(progress, upper, lower, started);
        if let Some((better, breaks)) = polish(
            instance,
            &mut model,
            &total,
            &best,
            upper,
            deadline,
            &mut on_better,
        ) {
            best = better;
            upper = breaks;
        }
    }
    let placements = assign_tables(instance, &best);
    let report = check(instance, &placements, true, options.fairness);
    let status = if lower >= upper {
        Status::Optimal
    } else {
        Status::Feasible
    };
    answer(
        status,
        placements,
        Some(report.total_breaks),
        Some(report.fairness_gap),
        Some(lower.min(report.total_breaks)),
        None,
    )
}

/// Halves the gap between the bounds from above until `deadline`, each step with half of
/// the time left; returns the best schedule with its breaks and the lower bound.
///
/// Why: when the proof runs out of its time, the schedule in hand is usually the first
/// model, which nothing has optimised, while the solver has learnt much about the bound.
/// On forum-13crafb, with the bound proved, a schedule with half the breaks comes in a
/// tenth of a second; over the remaining time this ends two to three times below where the
/// neighbourhood search alone ends. A step that proves a bound raises it, so with time
/// enough this alone reaches the optimum.
fn descend(
    instance: &Instance,
    model: &mut Model,
    total: &[Lit],
    (mut best, mut upper, mut lower): (Vec<Option<Placement>>, usize, usize),
    deadline: Instant,
    on_step: &mut dyn FnMut(usize, usize),
) -> (Vec<Option<Placement>>, usize, usize) {
    while lower < upper {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        let target = lower + (upper - lower) / 2;
        match model
            .sat
            .solve(&[-total[target]], now + (deadline - now) / 2)
        {
            Outcome::Sat => {
                best = extract(instance, model);
                upper = check(instance, &best, true, None).total_breaks;
            }
            Outcome::Unsat => lower = target + 1,
            Outcome::Unknown => break,
        }
        on_step(upper, lower);
    }
    (best, upper, lower)
}

/// Improves a schedule whose optimality was not proved in time, until `deadline`: a
/// large-neighbourhood search on the same formula. Each step frees the meetings of a few
/// participants (those with breaks first, with the people they meet) or of a few
/// neighbouring slots, keeps every other meeting in its slot, and asks the solver for a
/// schedule with fewer breaks under a small conflict budget. A step that finds nothing
/// widens the next neighbourhood; one that runs out of budget narrows it. Every answer is
/// a model of the whole formula, so tables, fairness and all other rules hold. Returns
/// the best schedule found when it has fewer breaks than `upper`.
fn polish(
    instance: &Instance,
    model: &mut Model,
    total: &[Lit],
    start: &[Option<Placement>],
    mut upper: usize,
    deadline: Instant,
    on_better: &mut dyn FnMut(usize),
) -> Option<(Vec<Option<Placement>>, usize)> {
    let n = instance.meetings.len();
    let mut slots: Vec<usize> = start.iter().map(|p| p.map_or(0, |p| p.slot)).collect();
    let meetings_of = instance.meetings_of();
    // Who has a break in the schedule in hand (the checker counts them), renewed with it.
    let with_breaks = |schedule: &[Option<Placement>]| -> Vec<usize> {
        let breaks = check(instance, schedule, false, None).breaks;
        (0..instance.participants)
            .filter(|&p| breaks[p] > 0)
            .collect()
    };
    let mut with_break = with_breaks(start);
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut pick = move |below: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % below.max(1) as u64) as usize
    };
    let mut found = None;
    let mut size = 6usize;
    while upper > 0 && Instant::now() < deadline {
        let mut free = vec![false; n];
        if pick(2) == 0 {
            let width = size.min(instance.slots);
            let first = pick(instance.slots - width + 1);
            for m in 0..n {
                free[m] = (first..first + width).contains(&slots[m]);
            }
        } else {
            let seed = if !with_break.is_empty() && pick(3) > 0 {
                with_break[pick(with_break.len())]
            } else {
                pick(instance.participants)
            };
            let mut chosen = vec![seed];
            while chosen.len() < size.min(instance.participants) {
                let p = chosen[pick(chosen.len())];
                let next = match meetings_of[p].get(pick(meetings_of[p].len())) {
                    Some(&m) if instance.meetings[m].a == p => instance.meetings[m].b,
                    Some(&m) => instance.meetings[m].a,
                    None => pick(instance.participants),
                };
                if !chosen.contains(&next) {
                    chosen.push(next);
                } else if pick(4) == 0 {
                    // A closed circle of partners: widen it with someone at random.
                    let other = pick(instance.participants);
                    if !chosen.contains(&other) {
                        chosen.push(other);
                    }
                }
            }
            for &p in &chosen {
                for &m in &meetings_of[p] {
                    free[m] = true;
                }
            }
        }
        let mut assumptions: Vec<Lit> = (0..n)
            .filter(|&m| !free[m])
            .filter_map(|m| {
                model.x[m]
                    .iter()
                    .find(|(t, _)| *t == slots[m])
                    .map(|(_, lit)| *lit)
            })
            .collect();
        assumptions.push(-total[upper - 1]);
        match model.sat.solve_limited(&assumptions, 300, deadline) {
            Outcome::Sat => {
                let better = extract(instance, model);
                let breaks = check(instance, &better, true, None).total_breaks;
                if breaks < upper {
                    upper = breaks;
                    for (slot, p) in slots.iter_mut().zip(&better) {
                        *slot = p.map_or(*slot, |p| p.slot);
                    }
                    with_break = with_breaks(&better);
                    found = Some((better, breaks));
                    on_better(upper);
                }
            }
            Outcome::Unsat => size += 1,
            Outcome::Unknown => size = size.saturating_sub(1).max(2),
        }
        size = size.min(instance.participants.max(2));
    }
    found
}

fn report(progress: &mut dyn FnMut(Progress), upper: usize, lower: usize, started: Instant) {
    progress(Progress {
        best_breaks: Some(upper),
        lower_bound: lower,
        elapsed: started.elapsed(),
    });
}

/// The part of the formula every search shares: meetings in allowed slots, precedences,
/// busy slots, tables.
struct Core {
    sat: Sat,
    x: Vec<Vec<(usize, Lit)>>,
    /// Per participant and slot, "has a meeting then" (`never` where no meeting may be).
    busy: Vec<Vec<Lit>>,
    never: Lit,
}

/// Written into `sat`. `count_busy`: state that each participant is busy in as many slots
/// as they have meetings (implied; the break-free formula says it through the runs
/// instead).
fn encode_core(instance: &Instance, mut sat: Sat, count_busy: bool) -> Core {
    let slots = instance.slots;
    let never = -sat.truth();
    // Meeting variables, each meeting in exactly one allowed slot.
    let x: Vec<Vec<(usize, Lit)>> = (0..instance.meetings.len())
        .map(|m| {
            (0..slots)
                .filter(|&t| instance.allowed(m, t))
                .map(|t| (t, sat.var()))
                .collect()
        })
        .collect();
    for slots_of in &x {
        let lits: Vec<Lit> = slots_of.iter().map(|(_, l)| *l).collect();
        sat.clause(&lits);
        sat.at_most_one(&lits);
    }
    // Precedences: before[t] is "the earlier meeting is in a slot up to t". Twins'
    // meetings are ordered the same way (see [`crate::symmetry`]).
    let mut precedences = instance.precedences.clone();
    precedences.resize(instance.meetings.len(), Vec::new());
    for (before, after) in crate::symmetry::twin_orders(instance) {
        precedences[after].push(before);
    }
    for (m, befores) in precedences.iter().enumerate() {
        for &before in befores {
            let mut prefix = Vec::with_capacity(slots);
            let mut previous: Option<Lit> = None;
            for t in 0..slots {
                let here = x[before].iter().find(|(s, _)| *s == t).map(|(_, l)| *l);
                let p = match (previous, here) {
                    (None, None) => never,
                    (Some(p), None) => p,
                    (previous, Some(h)) => {
                        let p = sat.var();
                        sat.clause(&[-h, p]);
                        let mut back = vec![-p, h];
                        if let Some(q) = previous {
                            sat.clause(&[-q, p]);
                            back.push(q);
                        }
                        sat.clause(&back);
                        p
                    }
                };
                prefix.push(p);
                previous = Some(p);
            }
            for &(t, lit) in &x[m] {
                if t == 0 {
                    sat.clause(&[-lit]);
                } else {
                    sat.clause(&[-lit, prefix[t - 1]]);
                }
            }
        }
    }
    // Busy variables: a participant is busy in a slot when one of their meetings is there,
    // and has at most one meeting there.
    let meetings_of = instance.meetings_of();
    let mut busy: Vec<Vec<Lit>> = Vec::with_capacity(instance.participants);
    for ms in &meetings_of {
        let mut row = Vec::with_capacity(slots);
        for t in 0..slots {
            let here: Vec<Lit> = ms
                .iter()
                .filter_map(|&m| x[m].iter().find(|(s, _)| *s == t).map(|(_, l)| *l))
                .collect();
            if here.is_empty() {
                row.push(never);
                continue;
            }
            let b = sat.var();
            let mut back = vec![-b];
            for &h in &here {
                sat.clause(&[-h, b]);
                back.push(h);
            }
            sat.clause(&back);
            sat.at_most_one(&here);
            row.push(b);
        }
        // Busy in exactly as many slots as the participant has meetings (implied).
        let n = ms.len();
        if n > 0 && count_busy {
            let out = sat.totalizer(&row, n + 1, true);
            sat.clause(&[out[n - 1]]);
            if out.len() > n {
                sat.clause(&[-out[n]]);
            }
        }
        busy.push(row);
    }
    // Tables: at most `tables` meetings per slot, i.e. at most twice as many busy
    // participants; with reserved tables, meetings without an owner share the others.
    let mut owns = vec![false; instance.participants];
    for &(_, owner) in &instance.reserved_tables {
        if let Some(o) = owns.get_mut(owner) {
            *o = true;
        }
    }
    for t in 0..slots {
        if instance.reserved_tables.is_empty() {
            let lits: Vec<Lit> = busy
                .iter()
                .map(|row| row[t])
                .filter(|l| *l != never)
                .collect();
            let limit = 2 * instance.tables;
            if lits.len() > limit {
                let out = sat.totalizer(&lits, limit + 1, false);
                sat.clause(&[-out[limit]]);
            }
        } else {
            let free_tables = instance
                .tables
                .saturating_sub(instance.reserved_tables.len());
            let lits: Vec<Lit> = x
                .iter()
                .enumerate()
                .filter(|(m, _)| {
                    let meeting = &instance.meetings[*m];
                    !owns[meeting.a] && !owns[meeting.b]
                })
                .filter_map(|(_, slots_of)| slots_of.iter().find(|(s, _)| *s == t).map(|(_, l)| *l))
                .collect();
            if lits.len() > free_tables {
                let out = sat.totalizer(&lits, free_tables + 1, false);
                sat.clause(&[-out[free_tables]]);
            }
        }
    }
    Core {
        sat,
        x,
        busy,
        never,
    }
}

/// The formula of a schedule without any break: each participant with two meetings or
/// more is busy in exactly one of the `runs` ([`crate::runs::runs`], all non-empty, one
/// day) and idle in every other slot.
///
/// Solved with CaDiCaL's preset for satisfiable formulas: on the benchmark's break-free
/// events the default options found a schedule in 0.2 to 6.9 s depending on the instance,
/// the preset in 0.5 to 2.1 s, which is what a time limit needs (the easiest ones take a
/// second longer).
fn encode_break_free(
    instance: &Instance,
    runs: &[Option<Vec<usize>>],
) -> (Sat, Vec<Vec<(usize, Lit)>>) {
    let Core {
        mut sat,
        x,
        busy,
        never,
    } = encode_core(instance, Sat::for_models(), false);
    let meetings_of = instance.meetings_of();
    for (p, starts) in runs.iter().enumerate() {
        let Some(starts) = starts else { continue };
        let n = meetings_of[p].len();
        let ys: Vec<Lit> = starts.iter().map(|_| sat.var()).collect();
        sat.clause(&ys);
        sat.at_most_one(&ys);
        for (&start, &y) in starts.iter().zip(&ys) {
            for (t, &b) in busy[p].iter().enumerate() {
                let inside = (start..start + n).contains(&t);
                match (inside, b == never) {
                    // The run needs a slot no meeting of theirs may take; `runs` has
                    // ruled that out, but the clause keeps the formula exact.
                    (true, true) => sat.clause(&[-y]),
                    (true, false) => sat.clause(&[-y, b]),
                    (false, false) => sat.clause(&[-y, -b]),
                    (false, true) => {}
                }
            }
        }
    }
    (sat, x)
}

fn encode(instance: &Instance, fairness: Option<usize>) -> Model {
    let Core {
        mut sat,
        x,
        busy,
        never,
    } = encode_core(instance, Sat::new(), true);
    let slots = instance.slots;
    let meetings_of = instance.meetings_of();
    // Breaks: a break starts in slot t when the participant was busy in t − 1, is idle in
    // t, and has a meeting later. Exact both ways, so counts can be bounded from below.
    let mut break_starts = Vec::new();
    let mut counts: Vec<Vec<Lit>> = Vec::with_capacity(instance.participants);
    for (p, row) in busy.iter().enumerate() {
        if meetings_of[p].len() < 2 || slots < 3 {
            counts.push(Vec::new());
            continue;
        }
        // after[t]: busy in some slot after t.
        let mut after = vec![never; slots];
        for t in (0..slots - 1).rev() {
            // "Later" means later the same day.
            if instance.opens_day(t + 1) {
                continue;
            }
            let next_busy = row[t + 1];
            let next_after = after[t + 1];
            if next_busy == never && next_after == never {
                continue;
            }
            let a = sat.var();
            sat.clause(&[-next_busy, a]);
            sat.clause(&[-next_after, a]);
            sat.clause(&[-a, next_busy, next_after]);
            after[t] = a;
        }
        let mut starts = Vec::new();
        for t in 1..slots - 1 {
            if row[t - 1] == never || after[t] == never || instance.opens_day(t) {
                continue;
            }
            let s = sat.var();
            sat.clause(&[-row[t - 1], row[t], -after[t], s]);
            sat.clause(&[-s, row[t - 1]]);
            sat.clause(&[-s, -row[t]]);
            sat.clause(&[-s, after[t]]);
            starts.push(s);
        }
        break_starts.extend(&starts);
        let limit = starts.len();
        counts.push(sat.totalizer(&starts, limit, true));
    }
    // Fairness: anyone with v breaks means everyone has at least v − d.
    if let Some(d) = fairness {
        let most = counts.iter().map(Vec::len).max().unwrap_or(0);
        for v in d + 1..=most {
            let someone = sat.var();
            for count in &counts {
                if count.len() >= v {
                    sat.clause(&[-count[v - 1], someone]);
                }
            }
            let need = v - d;
            for count in &counts {
                if count.len() >= need {
                    sat.clause(&[-someone, count[need - 1]]);
                } else {
                    sat.clause(&[-someone]);
                }
            }
        }
    }
    Model {
        sat,
        x,
        break_starts,
    }
}

/// The slots of the last model (tables come later).
fn extract(instance: &Instance, model: &Model) -> Vec<Option<Placement>> {
    extract_from(instance, &model.sat, &model.x)
}

fn extract_from(instance: &Instance, sat: &Sat, x: &[Vec<(usize, Lit)>]) -> Vec<Option<Placement>> {
    (0..instance.meetings.len())
        .map(|m| {
            x[m].iter()
                .find(|(_, lit)| sat.value(*lit))
                .map(|&(slot, _)| Placement { slot, table: 0 })
        })
        .collect()
}

/// Gives each placed meeting a table: a reserved table's owner meets at it (the first
/// of either side's in the list, where both have one); otherwise a
/// participant keeps the table of their previous slot when it is free, so people move as
/// little as possible; otherwise the lowest free table.
pub fn assign_tables(
    instance: &Instance,
    placements: &[Option<Placement>],
) -> Vec<Option<Placement>> {
    let mut result: Vec<Option<Placement>> = placements.to_vec();
    let mut last_table: Vec<Option<usize>> = vec![None; instance.participants];
    // Read once: an event may keep hundreds of tables for their owners (online rooms).
    let mut reserved = vec![false; instance.tables];
    let mut kept_for: Vec<Vec<(usize, usize)>> = vec![Vec::new(); instance.participants];
    for (at, &(table, owner)) in instance.reserved_tables.iter().enumerate() {
        if table < instance.tables && owner < instance.participants {
            reserved[table] = true;
            kept_for[owner].push((at, table));
        }
    }
    let is_reserved = |table: usize| reserved[table];
    for t in 0..instance.slots {
        let mut taken = vec![false; instance.tables];
        let mut here: Vec<usize> = (0..placements.len())
            .filter(|&m| placements[m].is_some_and(|p| p.slot == t))
            .collect();
        // Meetings that keep their table (locked or published) go first.
        here.retain(|&m| match instance.fixed_tables.get(m).copied().flatten() {
            Some(table) if table < instance.tables && !taken[table] => {
                taken[table] = true;
                result[m] = Some(Placement { slot: t, table });
                false
            }
            _ => true,
        });
        let mut pending = Vec::new();
        for &m in &here {
            let meeting = &instance.meetings[m];
            // The first free table kept for either side, in the order of the list (an
            // event puts online rooms first: one who takes part from afar cannot sit at
            // the other's booth).
            if let Some((_, table)) = kept_for[meeting.a]
                .iter()
                .chain(&kept_for[meeting.b])
                .filter(|(_, table)| !taken[*table])
                .min()
                .copied()
            {
                taken[table] = true;
                result[m] = Some(Placement { slot: t, table });
            } else {
                pending.push(m);
            }
        }
        let mut rest = Vec::new();
        for &m in &pending {
            let meeting = &instance.meetings[m];
            let keep = [last_table[meeting.a], last_table[meeting.b]]
                .into_iter()
                .flatten()
                .find(|&table| !taken[table] && !is_reserved(table));
            match keep {
                Some(table) => {
                    taken[table] = true;
                    result[m] = Some(Placement { slot: t, table });
                }
                None => rest.push(m),
            }
        }
        for &m in &rest {
            let table = (0..instance.tables)
                .find(|&table| !taken[table] && !is_reserved(table))
                .or_else(|| (0..instance.tables).find(|&table| !taken[table]))
                .unwrap_or(0);
            if table < taken.len() {
                taken[table] = true;
            }
            result[m] = Some(Placement { slot: t, table });
        }
        for m in (0..placements.len()).filter(|&m| placements[m].is_some_and(|p| p.slot == t)) {
            if let Some(p) = result[m] {
                let meeting = &instance.meetings[m];
                last_table[meeting.a] = Some(p.table);
                last_table[meeting.b] = Some(p.table);
            }
        }
    }
    result
}

impl Schedule {
    /// The command's JSON answer: meetings, slots and tables numbered from 1.
    pub fn to_json(&self) -> serde_json::Value {
        let assignments: Vec<serde_json::Value> = self
            .placements
            .iter()
            .enumerate()
            .filter_map(|(m, p)| {
                p.map(|p| serde_json::json!({"meeting": m + 1, "slot": p.slot + 1, "table": p.table + 1}))
            })
            .collect();
        let mut value = serde_json::json!({
            "status": self.status,
            "meetings_scheduled": self.meetings_scheduled(),
            "breaks": self.breaks,
            "fairness_gap": self.fairness_gap,
            "lower_bound": self.lower_bound,
            "seconds": (self.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            "assignments": assignments,
        });
        if let Some(reason) = &self.reason {
            value["reason"] = serde_json::Value::String(reason.clone());
        }
        value
    }

    /// The command's text answer: the objective, then the grid of slots by meeting.
    pub fn to_text(&self, instance: &Instance) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let status = match self.status {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible (optimality not proved)",
            Status::Infeasible => "infeasible",
            Status::Unknown => "unknown (no schedule found in the time limit)",
        };
        let _ = writeln!(out, "status: {status}");
        if let Some(reason) = &self.reason {
            let _ = writeln!(out, "reason: {reason}");
        }
        let _ = writeln!(
            out,
            "meetings scheduled: {} of {}",
            self.meetings_scheduled(),
            instance.meetings.len()
        );
        if let Some(breaks) = self.breaks {
            let _ = writeln!(out, "breaks: {breaks}");
        }
        if let Some(gap) = self.fairness_gap {
            let _ = writeln!(out, "largest difference in breaks: {gap}");
        }
        match self.lower_bound {
            Some(lower) => {
                let _ = writeln!(out, "lower bound (proved): {lower}");
            }
            None => {
                let _ = writeln!(out, "lower bound: none proved");
            }
        }
        let _ = writeln!(out, "seconds: {:.3}", self.elapsed.as_secs_f64());
        if self.meetings_scheduled() > 0 {
            let _ = writeln!(out, "\nmeeting  participants  slot  table");
            for (m, placement) in self.placements.iter().enumerate() {
                if let Some(p) = placement {
                    let meeting = &instance.meetings[m];
                    let _ = writeln!(
                        out,
                        "{:>7}  {:>5} {:>5}  {:>4}  {:>5}",
                        m + 1,
                        meeting.a + 1,
                        meeting.b + 1,
                        p.slot + 1,
                        p.table + 1
                    );
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// An event of one day without sessions: `pairs` meet, any time, nobody is away.
    fn any_time(people: usize, slots: usize, tables: usize, pairs: &[(usize, usize)]) -> Instance {
        let meetings: Vec<crate::instance::Meeting> = pairs
            .iter()
            .map(|&(a, b)| crate::instance::Meeting {
                a,
                b,
                session: crate::instance::Session::Any,
                weight: 1,
            })
            .collect();
        Instance {
            participants: people,
            tables,
            slots,
            morning_slots: slots,
            fixed: vec![None; meetings.len()],
            forbidden: vec![Vec::new(); people],
            precedences: vec![Vec::new(); meetings.len()],
            meetings,
            ..Instance::default()
        }
    }

    /// Twins' meetings with their common partner come in the order of the twins' numbers
    /// in the formula itself, and the engine still finds the best schedule.
    #[test]
    fn twins_are_ordered_in_the_formula_and_the_optimum_is_kept() {
        // 0 meets four one-meeting visitors (1..=4) and 5; 5 also meets 6.
        let pairs = [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (5, 6)];
        let instance = any_time(7, 6, 1, &pairs);
        let soon = Instant::now() + Duration::from_secs(10);
        let mut model = encode(&instance, Some(2));
        let at = |model: &Model, m: usize, t: usize| {
            model.x[m]
                .iter()
                .find(|(s, _)| *s == t)
                .map(|(_, l)| *l)
                .unwrap()
        };
        // The second visitor before the first: no model, though it is a fine schedule.
        let swapped = [at(&model, 1, 0), at(&model, 0, 1)];
        assert_eq!(model.sat.solve(&swapped, soon), Outcome::Unsat);
        let ordered = [at(&model, 0, 0), at(&model, 1, 1)];
        assert_eq!(model.sat.solve(&ordered, soon), Outcome::Sat);
        let schedule = schedule(&instance, &Options::default(), &mut |_| {});
        assert_eq!(schedule.status, Status::Optimal);
        assert_eq!(schedule.breaks, Some(0));
        let report = check(&instance, &schedule.placements, true, Some(2));
        assert!(report.violations.is_empty(), "{:?}", report.violations);
    }

    /// A day without a break is one run of slots: where such a schedule exists, the
    /// break-free formula finds one, and the engine returns it as optimal.
    #[test]
    fn a_break_free_schedule_comes_from_the_runs_formula() {
        // tic-12.original: published optimum 0.
        let text = include_str!("../tests/instances/tic-12.original.dzn");
        let instance = Instance::from_dzn(text).unwrap();
        let runs = crate::runs::runs(&instance);
        assert!(runs.iter().flatten().all(|starts| !starts.is_empty()));
        let (mut sat, x) = encode_break_free(&instance, &runs);
        let soon = Instant::now() + Duration::from_secs(30);
        assert_eq!(sat.solve(&[], soon), Outcome::Sat);
        let placements = assign_tables(&instance, &extract_from(&instance, &sat, &x));
        let report = check(&instance, &placements, true, Some(2));
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        assert_eq!(report.total_breaks, 0);
        let schedule = schedule(&instance, &Options::default(), &mut |_| {});
        assert_eq!(
            (schedule.status, schedule.breaks, schedule.lower_bound),
            (Status::Optimal, Some(0), Some(0))
        );
    }

    /// Three people who all meet each other, three slots, one table: whoever is not in
    /// the middle meeting waits through it. Everyone has a run of two slots, so only the
    /// formula can tell that no schedule is break-free; the general search then proves 1.
    #[test]
    fn the_runs_formula_has_no_model_when_every_schedule_has_a_break() {
        let instance = any_time(3, 3, 1, &[(0, 1), (0, 2), (1, 2)]);
        let runs = crate::runs::runs(&instance);
        assert_eq!(runs, vec![Some(vec![0, 1]); 3]);
        let (mut sat, _) = encode_break_free(&instance, &runs);
        let soon = Instant::now() + Duration::from_secs(10);
        assert_eq!(sat.solve(&[], soon), Outcome::Unsat);
        let schedule = schedule(&instance, &Options::default(), &mut |_| {});
        assert_eq!(
            (schedule.status, schedule.breaks, schedule.lower_bound),
            (Status::Optimal, Some(1), Some(1))
        );
    }

    /// tic-12.fixed020-Forb (published optimum 1), its formula, the solver's first
    /// schedule (which nothing has optimised), its breaks and the totalizer over them.
    fn first_model() -> (Instance, Model, Vec<Option<Placement>>, usize, Vec<Lit>) {
        let text = include_str!("../tests/instances/tic-12.fixed020-Forb.dzn");
        let instance = Instance::from_dzn(text).unwrap();
        let mut model = encode(&instance, Some(2));
        let soon = Instant::now() + Duration::from_secs(30);
        assert_eq!(model.sat.solve(&[], soon), Outcome::Sat);
        let first = extract(&instance, &model);
        let upper = check(&instance, &first, true, Some(2)).total_breaks;
        let total = model
            .sat
            .totalizer(&model.break_starts.clone(), upper, false);
        (instance, model, first, upper, total)
    }

    /// Halving from above is complete: with time enough it ends at the proved optimum,
    /// from the solver's first, unoptimised schedule, and every step keeps the rules.
    #[test]
    fn descending_from_above_reaches_the_proved_optimum() {
        let (instance, mut model, first, upper, total) = first_model();
        assert!(upper > 2, "the first schedule has {upper} breaks");
        let soon = Instant::now() + Duration::from_secs(60);
        let mut steps = Vec::new();
        let (best, breaks, lower) = descend(
            &instance,
            &mut model,
            &total,
            (first, upper, 0),
            soon,
            &mut |upper, lower| steps.push((upper, lower)),
        );
        // The published optimum of this instance (Bofill et al., Table 7).
        assert_eq!((breaks, lower), (1, 1));
        assert!(steps.len() > 1, "{steps:?}");
        assert!(
            steps
                .windows(2)
                .all(|w| w[1].0 <= w[0].0 && w[1].1 >= w[0].1)
        );
        let report = check(&instance, &assign_tables(&instance, &best), true, Some(2));
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        assert_eq!(report.total_breaks, 1);
    }

    /// The polish starts from the solver's first schedule, which nothing has optimised,
    /// and must end with fewer breaks and a schedule that still keeps every rule.
    #[test]
    fn polishing_lowers_the_breaks_of_a_schedule_and_keeps_the_rules() {
        let (instance, mut model, first, upper, total) = first_model();
        assert!(upper > 1, "the first schedule has {upper} breaks");
        let mut seen = Vec::new();
        let (better, breaks) = polish(
            &instance,
            &mut model,
            &total,
            &first,
            upper,
            Instant::now() + Duration::from_secs(2),
            &mut |b| seen.push(b),
        )
        .expect("a better schedule");
        assert!(breaks < upper, "{breaks} from {upper}");
        assert_eq!(seen.last(), Some(&breaks));
        let report = check(&instance, &assign_tables(&instance, &better), true, Some(2));
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        assert_eq!(report.total_breaks, breaks);
    }
}
