//! An independent check of a schedule against its instance: every rule re-verified from
//! the assignments alone, and the objective recomputed. It shares nothing with the engine
//! but the [`Instance`], so a bug in the engine's bookkeeping cannot hide here.

use crate::instance::Instance;

/// Where a meeting was placed: 0-based slot and table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Placement {
    pub slot: usize,
    pub table: usize,
}

/// A broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    OutOfRange { meeting: usize },
    DoubleBooked { participant: usize, slot: usize },
    TableTaken { slot: usize, table: usize },
    WrongSession { meeting: usize },
    NotFixedSlot { meeting: usize },
    Unavailable { meeting: usize, participant: usize },
    Precedence { meeting: usize, before: usize },
    ReservedTable { meeting: usize, table: usize },
    Unscheduled { meeting: usize },
    Unfair { gap: usize, allowed: usize },
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Violation::OutOfRange { meeting } => write!(
                f,
                "meeting {} has a slot or table out of range",
                meeting + 1
            ),
            Violation::DoubleBooked { participant, slot } => {
                write!(
                    f,
                    "participant {} has two meetings in slot {}",
                    participant + 1,
                    slot + 1
                )
            }
            Violation::TableTaken { slot, table } => {
                write!(
                    f,
                    "table {} holds two meetings in slot {}",
                    table + 1,
                    slot + 1
                )
            }
            Violation::WrongSession { meeting } => {
                write!(f, "meeting {} is outside its session", meeting + 1)
            }
            Violation::NotFixedSlot { meeting } => {
                write!(f, "meeting {} is not in its fixed slot", meeting + 1)
            }
            Violation::Unavailable {
                meeting,
                participant,
            } => write!(
                f,
                "meeting {} is in a slot participant {} is not available in",
                meeting + 1,
                participant + 1
            ),
            Violation::Precedence { meeting, before } => {
                write!(
                    f,
                    "meeting {} is not after meeting {}",
                    meeting + 1,
                    before + 1
                )
            }
            Violation::ReservedTable { meeting, table } => {
                write!(
                    f,
                    "meeting {} is at table {}, reserved for someone else",
                    meeting + 1,
                    table + 1
                )
            }
            Violation::Unscheduled { meeting } => write!(f, "meeting {} has no slot", meeting + 1),
            Violation::Unfair { gap, allowed } => {
                write!(
                    f,
                    "breaks differ by {gap} between two participants, more than {allowed}"
                )
            }
        }
    }
}

/// What a check found: the broken rules and the schedule's measures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub violations: Vec<Violation>,
    pub scheduled: usize,
    pub scheduled_weight: u64,
    /// Breaks of each participant: maximal runs of idle slots between two of their
    /// meetings.
    pub breaks: Vec<usize>,
    pub total_breaks: usize,
    /// The largest difference between two participants' breaks.
    pub fairness_gap: usize,
}

/// Checks `placements` (one per meeting, `None` when not scheduled). With `require_all`,
/// an unscheduled meeting is a violation; `fairness` bounds the breaks gap when given.
pub fn check(
    instance: &Instance,
    placements: &[Option<Placement>],
    require_all: bool,
    fairness: Option<usize>,
) -> Report {
    let mut violations = Vec::new();
    let slots = instance.slots;
    let mut busy = vec![vec![false; slots]; instance.participants];
    let mut taken = vec![vec![false; instance.tables]; slots];
    let mut slot_of = vec![None; instance.meetings.len()];
    let mut scheduled = 0;
    let mut scheduled_weight = 0u64;
    for (m, meeting) in instance.meetings.iter().enumerate() {
        let Some(Placement { slot, table }) = placements.get(m).copied().flatten() else {
            if require_all {
                violations.push(Violation::Unscheduled { meeting: m });
            }
            continue;
        };
        if slot >= slots || table >= instance.tables {
            violations.push(Violation::OutOfRange { meeting: m });
            continue;
        }
        scheduled += 1;
        scheduled_weight += meeting.weight as u64;
        slot_of[m] = Some(slot);
        for p in [meeting.a, meeting.b] {
            if std::mem::replace(&mut busy[p][slot], true) {
                violations.push(Violation::DoubleBooked {
                    participant: p,
                    slot,
                });
            }
            if instance.forbidden[p].contains(&slot) {
                violations.push(Violation::Unavailable {
                    meeting: m,
                    participant: p,
                });
            }
        }
        if std::mem::replace(&mut taken[slot][table], true) {
            violations.push(Violation::TableTaken { slot, table });
        }
        let morning = instance.is_morning(slot);
        match meeting.session {
            crate::Session::Morning if !morning => {
                violations.push(Violation::WrongSession { meeting: m })
            }
            crate::Session::Afternoon if morning => {
                violations.push(Violation::WrongSession { meeting: m })
            }
            _ => {}
        }
        if instance.fixed[m].is_some_and(|f| f != slot) {
            violations.push(Violation::NotFixedSlot { meeting: m });
        }
        for &(reserved, owner) in &instance.reserved_tables {
            if reserved == table && meeting.a != owner && meeting.b != owner {
                violations.push(Violation::ReservedTable { meeting: m, table });
            }
        }
    }
    for (m, befores) in instance.precedences.iter().enumerate() {
        for &before in befores {
            match (slot_of[before], slot_of[m]) {
                (Some(b), Some(s)) if b < s => {}
                (_, None) => {}
                _ => violations.push(Violation::Precedence { meeting: m, before }),
            }
        }
    }
    let breaks: Vec<usize> = busy
        .iter()
        .map(|row| {
            let mut count = 0;
            let mut seen_meeting = false;
            let mut idle = false;
            for (t, &b) in row.iter().enumerate() {
                if instance.opens_day(t) {
                    // A new day: the night between is no break.
                    seen_meeting = false;
                    idle = false;
                }
                if b {
                    if seen_meeting && idle {
                        count += 1;
                    }
                    seen_meeting = true;
                    idle = false;
                } else {
                    idle = true;
                }
            }
            count
        })
        .collect();
    let total_breaks = breaks.iter().sum();
    let fairness_gap =
        breaks.iter().max().copied().unwrap_or(0) - breaks.iter().min().copied().unwrap_or(0);
    if let Some(allowed) = fairness
        && fairness_gap > allowed
    {
        violations.push(Violation::Unfair {
            gap: fairness_gap,
            allowed,
        });
    }
    Report {
        violations,
        scheduled,
        scheduled_weight,
        breaks,
        total_breaks,
        fairness_gap,
    }
}
