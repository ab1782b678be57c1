//! An event's matchmaking, by the ids the store uses, in and out of the engine: the web
//! pages collect the accepted requests, slots, tables and unavailability, and get back a
//! slot and a table id for each request (or none, when it does not fit).
//!
//! Meetings the organiser locked keep their slot and table. After publication, published
//! meetings are kept too unless the organiser allows moving them, so a late request or a
//! cancellation changes only what it must.

use std::collections::HashMap;
use std::time::Duration;

use crate::instance::{Instance, Meeting, Session};
use crate::solve::{Options, Progress, Schedule, Status, schedule};

/// An accepted request, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestIn {
    pub id: i64,
    pub from: i64,
    pub to: i64,
    /// What the meeting weighs when not all fit: both sides' priorities added.
    pub priority: u32,
    /// The half-day the requester asked for.
    pub session: Session,
    /// Its current slot and table, if it has them.
    pub placed: Option<(i64, i64)>,
    pub locked: bool,
}

/// Everything the engine needs of one event.
#[derive(Debug, Clone, Default)]
pub struct EventIn {
    pub requests: Vec<RequestIn>,
    /// Slot ids with their start times (any order).
    pub slots: Vec<(i64, i64)>,
    /// Table ids with the registration a table is reserved for.
    pub tables: Vec<(i64, Option<i64>)>,
    /// (registration, slot) pairs a participant cannot attend.
    pub unavailable: Vec<(i64, i64)>,
    /// Keep every placed meeting where it is (after publication).
    pub keep_placed: bool,
    pub fairness: Option<usize>,
    pub time_limit: Duration,
}

/// The engine's answer by ids.
#[derive(Debug, Clone)]
pub struct EventPlan {
    /// Each request's slot and table ids, `None` when it does not fit.
    pub placements: Vec<(i64, Option<(i64, i64)>)>,
    pub schedule: Schedule,
}

/// Schedules one event.
pub fn plan(event: &EventIn) -> EventPlan {
    plan_with(event, &mut |_| {})
}

/// [`plan`], telling `progress` how the search goes (the best schedule's breaks so far
/// and the proved lower bound), for a page that shows it.
pub fn plan_with(event: &EventIn, progress: &mut dyn FnMut(Progress)) -> EventPlan {
    let (instance, slots) = instance_of(event);
    let options = Options {
        fairness: event.fairness,
        time_limit: event.time_limit,
        partial: true,
    };
    let result = schedule(&instance, &options, progress);
    let placements = event
        .requests
        .iter()
        .zip(&result.placements)
        .map(|(r, p)| (r.id, p.map(|p| (slots[p.slot].0, event.tables[p.table].0))))
        .collect();
    EventPlan {
        placements,
        schedule: result,
    }
}

/// Why an accepted request has no slot, as far as can be told without a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unplaced {
    /// It asks for a half-day in which the event has no meeting slot.
    NoSlotInSession,
    /// No slot of the half-day it asks for has both sides available.
    NoCommonSlot,
    /// This side (a registration) has more accepted meetings than slots they can attend.
    TooManyMeetings(i64),
    /// Its slots and tables went to other meetings: heavier ones, or ones with fewer
    /// possible slots, or the rest of the schedule left no gap that suits both sides.
    Full,
}

/// For each request of `event` without a place (`placed` is `None`), why: the first of
/// the [`Unplaced`] reasons that holds, in the order of the enum (the most specific
/// first). The organiser's page shows these next to the meetings that wait.
pub fn unplaced_reasons(event: &EventIn) -> Vec<(i64, Unplaced)> {
    let (instance, _) = instance_of(event);
    let meetings_of = instance.meetings_of();
    let registration: Vec<i64> = {
        let mut of = vec![0; instance.participants];
        for (r, m) in event.requests.iter().zip(&instance.meetings) {
            of[m.a] = r.from;
            of[m.b] = r.to;
        }
        of
    };
    event
        .requests
        .iter()
        .enumerate()
        .filter(|(_, r)| r.placed.is_none())
        .map(|(m, r)| {
            let meeting = &instance.meetings[m];
            let why = if !(0..instance.slots).any(|t| instance.in_session(m, t)) {
                Unplaced::NoSlotInSession
            } else if !(0..instance.slots).any(|t| {
                instance.in_session(m, t)
                    && !instance.forbidden[meeting.a].contains(&t)
                    && !instance.forbidden[meeting.b].contains(&t)
            }) {
                Unplaced::NoCommonSlot
            } else if let Some(side) = [meeting.a, meeting.b].into_iter().find(|&p| {
                meetings_of[p].len() > instance.slots.saturating_sub(instance.forbidden[p].len())
            }) {
                Unplaced::TooManyMeetings(registration[side])
            } else {
                Unplaced::Full
            };
            (r.id, why)
        })
        .collect()
}

/// The engine's instance of `event`, with its slots in time order (ids and start times).
fn instance_of(event: &EventIn) -> (Instance, Vec<(i64, i64)>) {
    let mut slots = event.slots.clone();
    slots.sort_by_key(|(_, starts)| *starts);
    let slot_index: HashMap<i64, usize> = slots
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let table_index: HashMap<i64, usize> = event
        .tables
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut people: HashMap<i64, usize> = HashMap::new();
    let mut person = |reg: i64| {
        let next = people.len();
        *people.entry(reg).or_insert(next)
    };
    let meetings: Vec<Meeting> = event
        .requests
        .iter()
        .map(|r| Meeting {
            a: person(r.from),
            b: person(r.to),
            session: r.session,
            weight: r.priority.max(1),
        })
        .collect();
    let reserved_tables: Vec<(usize, usize)> = event
        .tables
        .iter()
        .enumerate()
        .filter_map(|(i, (_, owner))| owner.and_then(|o| people.get(&o)).map(|p| (i, *p)))
        .collect();
    let mut forbidden = vec![Vec::new(); people.len()];
    for (reg, slot) in &event.unavailable {
        if let (Some(&p), Some(&t)) = (people.get(reg), slot_index.get(slot)) {
            forbidden[p].push(t);
        }
    }
    for row in &mut forbidden {
        row.sort_unstable();
        row.dedup();
    }
    let kept = |r: &RequestIn| (r.locked || event.keep_placed) && r.placed.is_some();
    let fixed: Vec<Option<usize>> = event
        .requests
        .iter()
        .map(|r| {
            if kept(r) {
                r.placed.and_then(|(s, _)| slot_index.get(&s).copied())
            } else {
                None
            }
        })
        .collect();
    let fixed_tables: Vec<Option<usize>> = event
        .requests
        .iter()
        .map(|r| {
            if kept(r) {
                r.placed.and_then(|(_, t)| table_index.get(&t).copied())
            } else {
                None
            }
        })
        .collect();
    // A new day wherever the Hong Kong date changes between two slots.
    let day = |unix: i64| (unix + 8 * 3600).div_euclid(86_400);
    let day_starts: Vec<usize> = (1..slots.len())
        .filter(|&i| day(slots[i].1) != day(slots[i - 1].1))
        .collect();
    let instance = Instance {
        participants: people.len(),
        precedences: vec![Vec::new(); meetings.len()],
        meetings,
        tables: event.tables.len(),
        slots: slots.len(),
        morning_slots: slots.len(),
        fixed,
        forbidden,
        reserved_tables,
        fixed_tables,
        day_starts,
        // A slot starting before noon, Hong Kong time, is a morning slot on any day.
        morning: slots
            .iter()
            .map(|(_, starts)| (starts + 8 * 3600).rem_euclid(86_400) < 12 * 3600)
            .collect(),
    };
    (instance, slots)
}

impl EventPlan {
    /// Whether every request got a place.
    pub fn complete(&self) -> bool {
        self.placements.iter().all(|(_, p)| p.is_some()) && self.schedule.status != Status::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> EventIn {
        // Registrations 10, 11, 12, 13; four slots; two tables, the second reserved for 13.
        EventIn {
            requests: vec![
                RequestIn {
                    id: 1,
                    from: 10,
                    to: 11,
                    priority: 3,
                    session: Session::Any,
                    placed: None,
                    locked: false,
                },
                RequestIn {
                    id: 2,
                    from: 10,
                    to: 12,
                    priority: 1,
                    session: Session::Any,
                    placed: None,
                    locked: false,
                },
                RequestIn {
                    id: 3,
                    from: 12,
                    to: 13,
                    priority: 2,
                    session: Session::Any,
                    placed: None,
                    locked: false,
                },
                RequestIn {
                    id: 4,
                    from: 11,
                    to: 13,
                    priority: 2,
                    session: Session::Any,
                    placed: None,
                    locked: false,
                },
            ],
            slots: vec![(103, 400), (101, 200), (100, 100), (102, 300)],
            tables: vec![(7, None), (8, Some(13))],
            unavailable: vec![(10, 100)],
            keep_placed: false,
            fairness: Some(2),
            time_limit: Duration::from_secs(10),
        }
    }

    #[test]
    fn session_wishes_hold_on_every_day() {
        // Two days, each with a 10:00 and a 14:00 slot (Hong Kong time); 10 is away on the
        // first morning, so a morning wish must go to the second day's morning.
        let hk = |day: i64, hour: i64| 1_733_702_400 + day * 86_400 + (hour - 8) * 3600;
        let mut input = event();
        input.slots = vec![
            (100, hk(0, 10)),
            (101, hk(0, 14)),
            (102, hk(1, 10)),
            (103, hk(1, 14)),
        ];
        input.requests.truncate(2);
        input.requests[0].session = Session::Morning;
        input.requests[1].session = Session::Afternoon;
        let result = plan(&input);
        assert!(result.complete());
        let place: HashMap<i64, i64> = result
            .placements
            .iter()
            .map(|(id, p)| (*id, p.unwrap().0))
            .collect();
        assert_eq!(place[&1], 102, "the second day's morning");
        assert!([101, 103].contains(&place[&2]), "an afternoon");
    }

    #[test]
    fn where_both_sides_have_a_table_the_first_in_the_list_is_taken() {
        // 13 has a booth (8); 12 takes part online, in room 9, listed first: their meeting
        // is in the room, whichever side asked.
        let mut input = event();
        input.tables = vec![(9, Some(12)), (7, None), (8, Some(13))];
        input.requests = vec![input.requests[2].clone()];
        for (from, to) in [(12, 13), (13, 12)] {
            input.requests[0].from = from;
            input.requests[0].to = to;
            let result = plan(&input);
            assert_eq!(result.placements[0].1.map(|(_, table)| table), Some(9));
        }
    }

    #[test]
    fn places_every_request_by_id_within_the_rules() {
        let input = event();
        let result = plan(&input);
        assert!(result.complete());
        let place: HashMap<i64, (i64, i64)> = result
            .placements
            .iter()
            .map(|(id, p)| (*id, p.unwrap()))
            .collect();
        // Registration 10 is away in slot 100.
        assert_ne!(place[&1].0, 100);
        assert_ne!(place[&2].0, 100);
        // 13's meetings are at 13's booth.
        assert_eq!(place[&3].1, 8);
        assert_eq!(place[&4].1, 8);
        // No one twice in a slot, no table twice in a slot.
        let mut seen = std::collections::HashSet::new();
        for (id, (slot, table)) in &place {
            assert!(
                seen.insert((*slot, *table)),
                "table {table} twice in slot {slot}"
            );
            let r = input.requests.iter().find(|r| r.id == *id).unwrap();
            for reg in [r.from, r.to] {
                assert!(
                    seen.insert((*slot, -reg)),
                    "registration {reg} twice in slot {slot}"
                );
            }
        }
    }

    #[test]
    fn says_why_a_request_has_no_place() {
        // Four slots before noon (Hong Kong time) and one after; 10 is away in all but
        // one morning slot, 11 in that one.
        let hk = |hour: i64| 1_733_702_400 + (hour - 8) * 3600;
        let mut input = event();
        input.slots = vec![(100, hk(9)), (101, hk(10)), (102, hk(11)), (103, hk(14))];
        input.unavailable = vec![(10, 100), (10, 101), (11, 102), (12, 103)];
        input.requests[0].session = Session::Morning; // 10 and 11: no common morning slot
        input.requests[2].session = Session::Afternoon; // 12 and 13: 12 away then
        input.requests[3].placed = Some((101, 7)); // placed: no reason
        let mut many = input.clone();
        let why: HashMap<i64, Unplaced> = unplaced_reasons(&input).into_iter().collect();
        assert_eq!(why[&1], Unplaced::NoCommonSlot);
        assert_eq!(why[&2], Unplaced::Full);
        assert_eq!(why[&3], Unplaced::NoCommonSlot);
        assert!(!why.contains_key(&4));
        // Only morning slots: an afternoon wish has none at all.
        input.slots.truncate(3);
        let why: HashMap<i64, Unplaced> = unplaced_reasons(&input).into_iter().collect();
        assert_eq!(why[&3], Unplaced::NoSlotInSession);
        // 10 can attend two slots (102, 103) and has three meetings.
        many.requests[0].session = Session::Any;
        many.requests.push(RequestIn {
            id: 5,
            from: 13,
            to: 10,
            priority: 1,
            session: Session::Any,
            placed: None,
            locked: false,
        });
        let why: HashMap<i64, Unplaced> = unplaced_reasons(&many).into_iter().collect();
        assert_eq!(why[&5], Unplaced::TooManyMeetings(10));
        assert_eq!(why[&1], Unplaced::TooManyMeetings(10));
    }

    #[test]
    fn locked_and_published_meetings_stay_put() {
        let mut input = event();
        input.requests[1].placed = Some((103, 7));
        input.requests[1].locked = true;
        let result = plan(&input);
        assert_eq!(result.placements[1], (2, Some((103, 7))));
        // After publication, every placed meeting stays; a new request fits around them.
        let mut input = event();
        for (r, (slot, table)) in
            input
                .requests
                .iter_mut()
                .zip([(101, 7), (102, 7), (101, 8), (102, 8)])
        {
            r.placed = Some((slot, table));
        }
        input.keep_placed = true;
        input.requests.push(RequestIn {
            id: 5,
            from: 12,
            to: 11,
            priority: 1,
            session: Session::Any,
            placed: None,
            locked: false,
        });
        let result = plan(&input);
        for (i, expected) in [(101, 7), (102, 7), (101, 8), (102, 8)]
            .into_iter()
            .enumerate()
        {
            assert_eq!(result.placements[i].1, Some(expected));
        }
        let (slot, _) = result.placements[4].1.unwrap();
        assert!(
            slot == 100 || slot == 103,
            "the late meeting goes where both are free"
        );
    }
}
