//! The runs of slots a participant's day without a break can be.
//!
//! A day without a break is one run of consecutive slots, as many as the participant has
//! meetings, and only a run whose slots can each take one of their meetings in a slot
//! that meeting allows (session, availability, fixed slot) will do. That is a bipartite
//! matching per run, a few dozen at most per participant. The break-free search
//! ([`crate::solve`]) gives each participant one of these runs, which settles at once
//! every slot of their day.

use crate::instance::Instance;

/// Per participant, the first slots of the runs a break-free day of theirs can be: as many
/// slots as they have meetings, each meeting in an allowed slot of the run. `None` when
/// nothing is known (fewer than two meetings, or an event of several days); an empty list
/// when no run holds their meetings, so they must have a break.
pub fn runs(instance: &Instance) -> Vec<Option<Vec<usize>>> {
    let slots = instance.slots;
    instance
        .meetings_of()
        .iter()
        .map(|ms| {
            let n = ms.len();
            if n < 2 || !instance.day_starts.is_empty() {
                return None;
            }
            Some(
                (0..(slots + 1).saturating_sub(n))
                    .filter(|&start| holds(instance, ms, start..start + n))
                    .collect(),
            )
        })
        .collect()
}

/// Whether `meetings` can each be given a distinct allowed slot of `run` (Kuhn's
/// augmenting paths; a participant has at most a few dozen meetings).
fn holds(instance: &Instance, meetings: &[usize], run: std::ops::Range<usize>) -> bool {
    let mut holder: Vec<Option<usize>> = vec![None; instance.slots];
    fn place(
        instance: &Instance,
        m: usize,
        run: &std::ops::Range<usize>,
        holder: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for t in run.clone() {
            if seen[t] || !instance.allowed(m, t) {
                continue;
            }
            seen[t] = true;
            let free = match holder[t] {
                None => true,
                Some(other) => place(instance, other, run, holder, seen),
            };
            if free {
                holder[t] = Some(m);
                return true;
            }
        }
        false
    }
    meetings.iter().all(|&m| {
        let mut seen = vec![false; instance.slots];
        place(instance, m, &run, &mut holder, &mut seen)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::{Meeting, Session};

    fn meeting(a: usize, b: usize, session: Session) -> Meeting {
        Meeting {
            a,
            b,
            session,
            weight: 1,
        }
    }

    /// Four slots, two in the morning. Participant 0 meets 1 in the morning and 2 in the
    /// afternoon; 3 meets 4 at any time.
    fn instance() -> Instance {
        let meetings = vec![
            meeting(0, 1, Session::Morning),
            meeting(0, 2, Session::Afternoon),
            meeting(3, 4, Session::Any),
        ];
        Instance {
            participants: 5,
            precedences: vec![Vec::new(); meetings.len()],
            fixed: vec![None; meetings.len()],
            fixed_tables: vec![None; meetings.len()],
            meetings,
            tables: 1,
            slots: 4,
            morning_slots: 2,
            forbidden: vec![Vec::new(); 5],
            reserved_tables: Vec::new(),
            day_starts: Vec::new(),
            morning: vec![true, true, false, false],
        }
    }

    #[test]
    fn a_break_free_day_across_the_sessions_covers_the_change() {
        let rows = runs(&instance());
        // 0's day without a break can only be slots 1–2 (0-based): the one run of two
        // that holds a morning and an afternoon meeting.
        assert_eq!(rows[0], Some(vec![1]));
        assert_eq!(rows[1], None, "one meeting: nothing to say");
        // Away in slot 1, 0 has no break-free day at all.
        let mut away = instance();
        away.forbidden[0] = vec![1];
        assert_eq!(runs(&away)[0], Some(Vec::new()));
        // Over several days, a day's run is not known from the slots alone.
        let mut two_days = instance();
        two_days.day_starts = vec![2];
        assert_eq!(runs(&two_days)[0], None);
    }
}
