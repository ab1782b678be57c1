//! Interchangeable participants, and the order that removes their symmetry from the search.
//!
//! Two participants are *twins* when nothing but their names tells them apart: they meet
//! the same people with the same session wishes and weights, are unavailable in the same
//! slots, and none of their meetings is fixed, locked to a table, or bound by a precedence,
//! and neither owns a reserved table. Swapping two twins in any schedule gives another
//! schedule with the same breaks for everyone (theirs swapped), the same tables per slot
//! and the same fairness, so it is just as good. Events have many: exhibitors' booth
//! visitors with a single meeting at the same booth, or the copies of a delegation.
//!
//! Why it matters: proving that no schedule has fewer breaks means ruling out every
//! schedule, and a class of k twins multiplies them by k!. The solver cannot see that
//! those are one schedule; seven one-meeting visitors of one exhibitor already make 5,040
//! orders of the same day. Demanding that twins meet a common partner in the order of
//! their numbers keeps exactly one schedule of each such family.
//!
//! Why the orders of several classes can be demanded at once: a class is ordered by its
//! meetings with a partner `r` who belongs to no class of two or more. Reordering another
//! class moves neither the members of this class nor `r`, so each class can be sorted on
//! its own and every schedule has a sorted twin with the same breaks.

use std::collections::HashMap;

use crate::instance::{Instance, Session};

/// Pairs `(before, after)` of meetings: in some best schedule, `before` is held in an
/// earlier slot than `after`, so demanding it loses no schedule that matters.
pub fn twin_orders(instance: &Instance) -> Vec<(usize, usize)> {
    let meetings_of = instance.meetings_of();
    let n = instance.meetings.len();
    // Meetings whose slot or table is constrained beyond their participants' rules.
    let mut pinned = vec![false; n];
    for m in 0..n {
        if instance.fixed.get(m).copied().flatten().is_some()
            || instance.fixed_tables.get(m).copied().flatten().is_some()
        {
            pinned[m] = true;
        }
        if let Some(befores) = instance.precedences.get(m)
            && !befores.is_empty()
        {
            pinned[m] = true;
            for &b in befores {
                pinned[b] = true;
            }
        }
    }
    let owner = |p: usize| instance.reserved_tables.iter().any(|(_, o)| *o == p);
    let session_key = |s: Session| match s {
        Session::Morning => 0u8,
        Session::Afternoon => 1,
        Session::Any => 2,
    };
    type Signature = (Vec<(usize, u8, u32)>, Vec<usize>);
    let mut classes: HashMap<Signature, Vec<usize>> = HashMap::new();
    for (p, mine) in meetings_of.iter().enumerate() {
        if mine.is_empty() || owner(p) || mine.iter().any(|&m| pinned[m]) {
            continue;
        }
        let mut partners: Vec<(usize, u8, u32)> = mine
            .iter()
            .map(|&m| {
                let meeting = &instance.meetings[m];
                let other = if meeting.a == p { meeting.b } else { meeting.a };
                (other, session_key(meeting.session), meeting.weight)
            })
            .collect();
        partners.sort_unstable();
        let mut forbidden = instance.forbidden.get(p).cloned().unwrap_or_default();
        forbidden.sort_unstable();
        classes.entry((partners, forbidden)).or_default().push(p);
    }
    let mut in_class = vec![false; instance.participants];
    for members in classes.values().filter(|c| c.len() > 1) {
        for &p in members {
            in_class[p] = true;
        }
    }
    let mut orders = Vec::new();
    let mut sorted: Vec<(&Signature, &Vec<usize>)> =
        classes.iter().filter(|(_, c)| c.len() > 1).collect();
    // A fixed order, so the same instance always gets the same formula.
    sorted.sort_by_key(|(_, members)| members[0]);
    for ((partners, _), members) in sorted {
        let Some(&(anchor, _, _)) = partners.iter().find(|(r, _, _)| !in_class[*r]) else {
            continue;
        };
        // Each member's first meeting with the anchor, in the members' order.
        let with_anchor: Vec<usize> = members
            .iter()
            .filter_map(|&q| {
                meetings_of[q].iter().copied().find(|&m| {
                    let meeting = &instance.meetings[m];
                    meeting.a == anchor || meeting.b == anchor
                })
            })
            .collect();
        for pair in with_anchor.windows(2) {
            orders.push((pair[0], pair[1]));
        }
    }
    orders
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Meeting;

    fn meeting(a: usize, b: usize) -> Meeting {
        Meeting {
            a,
            b,
            session: Session::Any,
            weight: 1,
        }
    }

    fn instance(meetings: Vec<Meeting>, participants: usize) -> Instance {
        let n = meetings.len();
        Instance {
            participants,
            meetings,
            tables: 4,
            slots: 6,
            morning_slots: 6,
            fixed: vec![None; n],
            forbidden: vec![Vec::new(); participants],
            precedences: vec![Vec::new(); n],
            ..Instance::default()
        }
    }

    #[test]
    fn one_meeting_visitors_of_one_partner_are_ordered_in_a_chain() {
        // 0 meets 1, 2, 3 (twins) and 4, who also meets 5.
        let inst = instance(
            vec![
                meeting(0, 1),
                meeting(2, 0),
                meeting(0, 3),
                meeting(0, 4),
                meeting(4, 5),
            ],
            6,
        );
        assert_eq!(twin_orders(&inst), vec![(0, 1), (1, 2)]);
    }

    #[test]
    fn a_difference_in_availability_session_or_pinning_breaks_the_twinship() {
        let base = instance(vec![meeting(0, 1), meeting(0, 2)], 3);
        assert_eq!(twin_orders(&base), vec![(0, 1)]);

        let mut unavailable = base.clone();
        unavailable.forbidden[2] = vec![3];
        assert!(twin_orders(&unavailable).is_empty());

        let mut session = base.clone();
        session.meetings[1].session = Session::Morning;
        assert!(twin_orders(&session).is_empty());

        let mut fixed = base.clone();
        fixed.fixed[0] = Some(2);
        assert!(twin_orders(&fixed).is_empty());

        let mut preceded = base.clone();
        preceded.precedences[1] = vec![0];
        assert!(twin_orders(&preceded).is_empty());

        let mut owner = base.clone();
        owner.reserved_tables = vec![(0, 1)];
        assert!(twin_orders(&owner).is_empty());
    }

    #[test]
    fn a_class_is_ordered_only_through_a_partner_outside_every_class() {
        // 0 and 1 both meet 2 and 3; 2 and 3 both meet 0 and 1: two classes, each the
        // other's only partners, so ordering one by the other could lose every schedule.
        let inst = instance(
            vec![meeting(0, 2), meeting(0, 3), meeting(1, 2), meeting(1, 3)],
            4,
        );
        assert!(twin_orders(&inst).is_empty());
        // With a partner 4 of both 0 and 1 outside any class (4 also meets 5), {0, 1} is
        // ordered by it; {2, 3} still is not.
        let inst = instance(
            vec![
                meeting(0, 2),
                meeting(0, 3),
                meeting(1, 2),
                meeting(1, 3),
                meeting(0, 4),
                meeting(1, 4),
                meeting(4, 5),
            ],
            6,
        );
        assert_eq!(twin_orders(&inst), vec![(4, 5)]);
    }
}
