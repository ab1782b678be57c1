//! The engine for events too large for the exact search (thousands of participants) and
//! for over-subscribed ones, where not every accepted meeting fits: a greedy placement in
//! order of weight and difficulty, then a local search that moves meetings to close gaps
//! and places left-over meetings where room appears. It keeps every hard rule (no one in two
//! places, tables per slot, availability, sessions, fixed slots, precedences); fewest and
//! fairest breaks are its goals, not guarantees. Fairness comes first among them: a break
//! above the fairness rule's difference costs sixteen ordinary ones, so the search gives a
//! break to someone with none to take one from someone over the limit.

use std::time::Instant;

use crate::check::Placement;
use crate::instance::Instance;

const FREE: u32 = u32::MAX;

/// The search state: who is busy when, and how full each slot is.
struct State<'a> {
    instance: &'a Instance,
    slot_of: Vec<Option<usize>>,
    /// `busy[p * slots + t]`: the meeting participant p has in slot t.
    busy: Vec<u32>,
    used: Vec<usize>,
    /// Tables per slot for meetings without a reserved table's owner.
    capacity: Vec<usize>,
    owner: Vec<bool>,
    successors: Vec<Vec<usize>>,
    /// The meetings in each slot.
    at_slot: Vec<Vec<usize>>,
    /// The most breaks anyone should have: the fairness rule's difference, since in an
    /// event this large someone always has none.
    cap: usize,
}

impl<'a> State<'a> {
    fn new(instance: &'a Instance, fairness: Option<usize>) -> State<'a> {
        let mut owner = vec![false; instance.participants];
        for &(_, p) in &instance.reserved_tables {
            owner[p] = true;
        }
        let free_tables = instance
            .tables
            .saturating_sub(instance.reserved_tables.len());
        let mut successors = vec![Vec::new(); instance.meetings.len()];
        for (m, befores) in instance.precedences.iter().enumerate() {
            for &b in befores {
                successors[b].push(m);
            }
        }
        State {
            instance,
            slot_of: vec![None; instance.meetings.len()],
            busy: vec![FREE; instance.participants * instance.slots],
            used: vec![0; instance.slots],
            capacity: vec![free_tables; instance.slots],
            owner,
            successors,
            at_slot: vec![Vec::new(); instance.slots],
            cap: fairness.unwrap_or(usize::MAX),
        }
    }

    fn row(&self, p: usize) -> &[u32] {
        let slots = self.instance.slots;
        &self.busy[p * slots..(p + 1) * slots]
    }

    /// Whether meeting `m` sits at a reserved table (one of its sides owns one).
    fn at_owner_table(&self, m: usize) -> bool {
        let meeting = &self.instance.meetings[m];
        self.owner[meeting.a] || self.owner[meeting.b]
    }

    /// Whether `m` may go to slot `t` now (ignoring where `m` itself is).
    fn fits(&self, m: usize, t: usize) -> bool {
        let instance = self.instance;
        let meeting = &instance.meetings[m];
        let slots = instance.slots;
        if !instance.allowed(m, t) {
            return false;
        }
        for p in [meeting.a, meeting.b] {
            let b = self.busy[p * slots + t];
            if b != FREE && b as usize != m {
                return false;
            }
        }
        let already_here = self.slot_of[m] == Some(t);
        if !already_here && !self.at_owner_table(m) && self.used[t] >= self.capacity[t] {
            return false;
        }
        instance.precedences[m]
            .iter()
            .all(|&b| self.slot_of[b].is_none_or(|s| s < t))
            && self.successors[m]
                .iter()
                .all(|&n| self.slot_of[n].is_none_or(|s| s > t))
            // A meeting whose predecessors are not placed waits for them.
            && instance.precedences[m].iter().all(|&b| self.slot_of[b].is_some())
    }

    fn place(&mut self, m: usize, t: usize) {
        let meeting = &self.instance.meetings[m];
        let slots = self.instance.slots;
        self.busy[meeting.a * slots + t] = m as u32;
        self.busy[meeting.b * slots + t] = m as u32;
        if !self.at_owner_table(m) {
            self.used[t] += 1;
        }
        self.slot_of[m] = Some(t);
        self.at_slot[t].push(m);
    }

    fn remove(&mut self, m: usize) {
        let Some(t) = self.slot_of[m].take() else {
            return;
        };
        let meeting = &self.instance.meetings[m];
        let slots = self.instance.slots;
        self.busy[meeting.a * slots + t] = FREE;
        self.busy[meeting.b * slots + t] = FREE;
        if !self.at_owner_table(m) {
            self.used[t] -= 1;
        }
        if let Some(i) = self.at_slot[t].iter().position(|&x| x == m) {
            self.at_slot[t].swap_remove(i);
        }
    }

    /// What `breaks` of one participant cost the search: one each, and a breach of the
    /// fairness cap far more, so a move that brings someone back under the cap is taken
    /// even when it gives another participant a break.
    fn cost(&self, breaks: usize) -> isize {
        (breaks + breaks.saturating_sub(self.cap) * 16) as isize
    }

    /// The cost of the breaks of the participants of `ms` (each counted once).
    fn cost_of(&self, ms: &[usize]) -> isize {
        let mut people: Vec<usize> = ms
            .iter()
            .flat_map(|&m| [self.instance.meetings[m].a, self.instance.meetings[m].b])
            .collect();
        people.sort_unstable();
        people.dedup();
        people
            .iter()
            .map(|&p| self.cost(self.breaks_with(p, 0, None)))
            .sum()
    }

    /// Breaks of participant `p` if slot `t` were busy (`Some(true)`), idle (`Some(false)`)
    /// or as it is (`None`).
    fn breaks_with(&self, p: usize, t: usize, busy_at_t: Option<bool>) -> usize {
        let mut count = 0;
        let mut seen = false;
        let mut idle = false;
        for (s, &b) in self.row(p).iter().enumerate() {
            if self.instance.opens_day(s) {
                seen = false;
                idle = false;
            }
            let here = if s == t {
                busy_at_t.unwrap_or(b != FREE)
            } else {
                b != FREE
            };
            if here {
                if seen && idle {
                    count += 1;
                }
                seen = true;
                idle = false;
            } else {
                idle = true;
            }
        }
        count
    }

    /// The change in the cost of both sides' breaks if `m` (not placed) went to `t`.
    fn insert_cost(&self, m: usize, t: usize) -> isize {
        let meeting = &self.instance.meetings[m];
        [meeting.a, meeting.b]
            .into_iter()
            .map(|p| {
                self.cost(self.breaks_with(p, t, Some(true)))
                    - self.cost(self.breaks_with(p, t, None))
            })
            .sum()
    }
}

/// Places as many meetings as possible (by weight), with few breaks, until `deadline`.
/// Returns slots only (tables come later) and whether every meeting was placed.
pub fn place(
    instance: &Instance,
    fairness: Option<usize>,
    deadline: Instant,
) -> Vec<Option<Placement>> {
    let mut state = State::new(instance, fairness);
    let slots = instance.slots;
    if slots == 0 || instance.tables == 0 {
        return vec![None; instance.meetings.len()];
    }
    // Heaviest first; among equals, the meetings with the fewest allowed slots and the
    // busiest participants, which are hardest to place late.
    let degree: Vec<usize> = instance.meetings_of().iter().map(Vec::len).collect();
    let allowed: Vec<usize> = (0..instance.meetings.len())
        .map(|m| (0..slots).filter(|&t| instance.allowed(m, t)).count())
        .collect();
    let mut order: Vec<usize> = (0..instance.meetings.len()).collect();
    order.sort_by_key(|&m| {
        let meeting = &instance.meetings[m];
        (
            std::cmp::Reverse(meeting.weight),
            instance.fixed[m].is_none(),
            allowed[m],
            std::cmp::Reverse(degree[meeting.a] + degree[meeting.b]),
            m,
        )
    });
    // Precedences: a meeting goes after its predecessors, so place in an order that
    // respects them (repeat passes until nothing more can be placed).
    let mut pending = order;
    loop {
        let mut next = Vec::new();
        let mut placed_any = false;
        for m in pending {
            if instance.precedences[m]
                .iter()
                .any(|&b| state.slot_of[b].is_none())
            {
                next.push(m);
                continue;
            }
            let best = (0..slots)
                .filter(|&t| state.fits(m, t))
                .min_by_key(|&t| (state.insert_cost(m, t), t));
            match best {
                Some(t) => {
                    state.place(m, t);
                    placed_any = true;
                }
                None => next.push(m),
            }
        }
        if !placed_any || next.is_empty() {
            break;
        }
        pending = next;
    }
    improve(&mut state, deadline);
    state
        .slot_of
        .iter()
        .map(|s| s.map(|slot| Placement { slot, table: 0 }))
        .collect()
}

/// Local search: move meetings of participants with breaks to slots where the two
/// participants' breaks drop, and place unplaced meetings where room has appeared.
fn improve(state: &mut State, deadline: Instant) {
    let instance = state.instance;
    let slots = instance.slots;
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut idle_rounds = 0;
    while Instant::now() < deadline && idle_rounds < 3 {
        let mut improved = false;
        // Unplaced meetings, where they now fit.
        for m in 0..instance.meetings.len() {
            if state.slot_of[m].is_none()
                && let Some(t) = (0..slots)
                    .filter(|&t| state.fits(m, t))
                    .min_by_key(|&t| state.insert_cost(m, t))
            {
                state.place(m, t);
                improved = true;
            }
        }
        // Moves that close gaps; ties accepted now and then to leave plateaus.
        let start = next() as usize % instance.participants.max(1);
        for k in 0..instance.participants {
            if k % 256 == 0 && Instant::now() >= deadline {
                return;
            }
            let p = (start + k) % instance.participants;
            let row: Vec<u32> = state.row(p).to_vec();
            if state.breaks_with(p, 0, None) == 0 {
                continue;
            }
            for &b in row.iter().filter(|b| **b != FREE) {
                let m = b as usize;
                if instance.fixed[m].is_some() {
                    continue;
                }
                let from = state.slot_of[m].expect("placed");
                let meeting = &instance.meetings[m];
                let before: isize = [meeting.a, meeting.b]
                    .iter()
                    .map(|&q| state.cost(state.breaks_with(q, 0, None)))
                    .sum();
                state.remove(m);
                let mut best: Option<(isize, usize)> = None;
                for t in (0..slots).filter(|&t| t != from) {
                    if !state.fits(m, t) {
                        continue;
                    }
                    let after: isize = [meeting.a, meeting.b]
                        .iter()
                        .map(|&q| state.cost(state.breaks_with(q, t, Some(true))))
                        .sum();
                    let delta = after - before;
                    if best.is_none_or(|(d, _)| delta < d) {
                        best = Some((delta, t));
                    }
                }
                match best {
                    Some((delta, t)) if delta < 0 || (delta == 0 && next() % 8 == 0) => {
                        state.place(m, t);
                        if delta < 0 {
                            improved = true;
                        }
                    }
                    _ => {
                        state.place(m, from);
                        if swap(state, m, p, &mut next) {
                            improved = true;
                        }
                    }
                }
            }
        }
        // Someone still over the fairness cap in a full event: give up one of their
        // meetings for a waiting one at least as heavy, so the placed weight never drops.
        for p in 0..instance.participants {
            if state.breaks_with(p, 0, None) > state.cap && exchange(state, p) {
                improved = true;
            }
        }
        idle_rounds = if improved { 0 } else { idle_rounds + 1 };
    }
}

/// Tries to close a gap of participant `p` by exchanging the slot of its meeting `m` with
/// a meeting in a slot next to one of p's other meetings, when that slot is full (so a
/// plain move cannot). Keeps the exchange when the four participants' breaks drop.
fn swap(state: &mut State, m: usize, p: usize, next: &mut impl FnMut() -> u64) -> bool {
    let instance = state.instance;
    let slots = instance.slots;
    let Some(from) = state.slot_of[m] else {
        return false;
    };
    if instance.fixed[m].is_some() {
        return false;
    }
    // Slots next to p's other meetings, where p is free.
    let row: Vec<u32> = state.row(p).to_vec();
    let mut targets: Vec<usize> = Vec::new();
    for (t, &b) in row.iter().enumerate() {
        if b == FREE || b as usize == m {
            continue;
        }
        for n in [t.wrapping_sub(1), t + 1] {
            if n < slots && n != from && row[n] == FREE && !targets.contains(&n) {
                targets.push(n);
            }
        }
    }
    // p's breaks change only when an exchange succeeds, which ends the search.
    let over = state.breaks_with(p, 0, None) > state.cap;
    for t in targets {
        let candidates = state.at_slot[t].clone();
        if candidates.is_empty() {
            continue;
        }
        // A sample of the meetings there, enough to find one that can move; all of them
        // for a participant over the fairness cap.
        let tries = if over {
            candidates.len()
        } else {
            candidates.len().min(24)
        };
        for i in 0..tries {
            let other = if over {
                candidates[i]
            } else {
                candidates[next() as usize % candidates.len()]
            };
            if instance.fixed[other].is_some() {
                continue;
            }
            let before = state.cost_of(&[m, other]);
            state.remove(m);
            state.remove(other);
            if state.fits(m, t) {
                state.place(m, t);
                if state.fits(other, from) {
                    state.place(other, from);
                    if state.cost_of(&[m, other]) < before {
                        return true;
                    }
                    state.remove(other);
                }
                state.remove(m);
            }
            state.place(m, from);
            state.place(other, t);
        }
    }
    false
}

/// For participant `p` over the fairness cap: unplaces one of p's meetings and places an
/// unplaced meeting at least as heavy where it fits, when that lowers the cost of breaks.
/// The number of meetings placed and their weight never drop.
fn exchange(state: &mut State, p: usize) -> bool {
    let instance = state.instance;
    let slots = instance.slots;
    let mine: Vec<usize> = state
        .row(p)
        .iter()
        .filter(|&&b| b != FREE)
        .map(|&b| b as usize)
        .collect();
    let waiting: Vec<usize> = (0..instance.meetings.len())
        .filter(|&u| state.slot_of[u].is_none())
        .collect();
    if waiting.is_empty() {
        return false;
    }
    for m in mine {
        if instance.fixed[m].is_some() || !state.successors[m].is_empty() {
            continue;
        }
        let from = state.slot_of[m].expect("placed");
        let weight = instance.meetings[m].weight;
        let before = state.cost_of(&[m]);
        state.remove(m);
        let without = state.cost_of(&[m]);
        let mut best: Option<(isize, usize, usize)> = None;
        for &u in &waiting {
            if instance.meetings[u].weight < weight {
                continue;
            }
            for t in 0..slots {
                if state.fits(u, t) {
                    // Cost of u's two sides with u at t, over their cost now.
                    let delta = state.insert_cost(u, t);
                    let total = without - before + delta;
                    if best.is_none_or(|(d, _, _)| total < d) {
                        best = Some((total, u, t));
                    }
                }
            }
        }
        match best {
            Some((delta, u, t)) if delta < 0 => {
                state.place(u, t);
                return true;
            }
            _ => state.place(m, from),
        }
    }
    false
}
