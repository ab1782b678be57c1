//! A matchmaking scheduling problem: participants, the meetings they accepted, time slots
//! and tables, and the rules a schedule must keep. The benchmark's `.dzn` files and the
//! web pages both become one of these, so the engine and the checker see one shape.

use crate::dzn::{self, DznError, Value};

/// The half-day a meeting should be held in, when its participants asked for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Session {
    Morning,
    Afternoon,
    Any,
}

/// One accepted meeting between two participants (0-based ids).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meeting {
    pub a: usize,
    pub b: usize,
    pub session: Session,
    /// How much the meeting matters when not all fit (both sides' priorities); 1 for the
    /// benchmark, where every meeting must be held.
    pub weight: u32,
}

/// A scheduling problem. Slots and tables are 0-based here; the file format and the
/// command's output are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Instance {
    pub participants: usize,
    pub meetings: Vec<Meeting>,
    pub tables: usize,
    pub slots: usize,
    /// Slots `0..morning_slots` are the morning session; equal to `slots` when there is no
    /// morning/afternoon split.
    pub morning_slots: usize,
    /// A slot a meeting must be held in.
    pub fixed: Vec<Option<usize>>,
    /// Slots a participant is not available in.
    pub forbidden: Vec<Vec<usize>>,
    /// For each meeting, the meetings that must be held before it.
    pub precedences: Vec<Vec<usize>>,
    /// Tables reserved for one participant (an exhibitor's booth): that table holds only
    /// that participant's meetings.
    pub reserved_tables: Vec<(usize, usize)>,
    /// A table a meeting must keep (a locked or published meeting); empty means none.
    #[serde(default)]
    pub fixed_tables: Vec<Option<usize>>,
    /// The slots that open a new day (after the first): idle time across the night is no
    /// break. Empty for a one-day event, as in the benchmark.
    #[serde(default)]
    pub day_starts: Vec<usize>,
    /// Per slot, whether it is a morning slot, for events over several days (each day has
    /// its morning). Empty: slots `0..morning_slots` are the morning, as in the benchmark.
    #[serde(default)]
    pub morning: Vec<bool>,
}

/// A reason an instance cannot be scheduled in full, found before any search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Impossibility {
    NoTables,
    NoSlots,
    /// A participant has more meetings than slots they can attend.
    TooManyMeetings {
        participant: usize,
        meetings: usize,
        free_slots: usize,
    },
    /// No slot suits a meeting (its session, its fixed slot and both sides' availability).
    NoSlotForMeeting {
        meeting: usize,
    },
    /// More meetings than slots × tables.
    TooFewTables {
        meetings: usize,
        capacity: usize,
    },
    /// Meetings that must precede each other in a circle.
    PrecedenceCycle {
        meeting: usize,
    },
}

impl std::fmt::Display for Impossibility {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Impossibility::NoTables => write!(f, "there are no tables"),
            Impossibility::NoSlots => write!(f, "there are no time slots"),
            Impossibility::TooManyMeetings {
                participant,
                meetings,
                free_slots,
            } => write!(
                f,
                "participant {} has {meetings} meetings but only {free_slots} slots they can attend",
                participant + 1
            ),
            Impossibility::NoSlotForMeeting { meeting } => {
                write!(
                    f,
                    "no slot suits meeting {} (session, fixed slot and availability)",
                    meeting + 1
                )
            }
            Impossibility::TooFewTables { meetings, capacity } => {
                write!(
                    f,
                    "{meetings} meetings but only {capacity} places (slots × tables)"
                )
            }
            Impossibility::PrecedenceCycle { meeting } => {
                write!(
                    f,
                    "meeting {} must come before itself through its precedences",
                    meeting + 1
                )
            }
        }
    }
}

impl Instance {
    /// Reads an instance in the benchmark's MiniZinc data format; a problem names its line.
    pub fn from_dzn(text: &str) -> Result<Instance, DznError> {
        let items = dzn::parse(text)?;
        let last_line = text.lines().count().max(1);
        let get = |name: &str| {
            items.get(name).ok_or_else(|| DznError {
                line: last_line,
                problem: format!("{name} is missing"),
            })
        };
        let int = |name: &str, min: i64| -> Result<usize, DznError> {
            match get(name)? {
                (Value::Int(n), _) if *n >= min => Ok(*n as usize),
                (Value::Int(n), line) => Err(DznError {
                    line: *line,
                    problem: format!("{name} is {n}, less than {min}"),
                }),
                (_, line) => Err(DznError {
                    line: *line,
                    problem: format!("{name} must be a number"),
                }),
            }
        };
        let participants = int("nBusiness", 1)?;
        let count = int("nMeetings", 0)?;
        let tables = int("nTables", 0)?;
        let slots = int("nTotalSlots", 0)?;
        let morning_slots = int("nMorningSlots", 0)?;
        if morning_slots > slots {
            let line = get("nMorningSlots")?.1;
            return Err(DznError {
                line,
                problem: format!(
                    "nMorningSlots ({morning_slots}) is more than nTotalSlots ({slots})"
                ),
            });
        }
        let (requested, line) = get("requested")?;
        let rows: Vec<Vec<i64>> = match requested {
            Value::Rows(rows) => rows.clone(),
            Value::Array(items) if items.is_empty() => Vec::new(),
            _ => {
                return Err(DznError {
                    line: *line,
                    problem: "requested must be a two-dimensional array [| a, b, session | … |]"
                        .into(),
                });
            }
        };
        if rows.len() != count {
            return Err(DznError {
                line: *line,
                problem: format!("requested has {} rows but nMeetings is {count}", rows.len()),
            });
        }
        let participant = |p: i64, row: usize| -> Result<usize, DznError> {
            if p < 1 || p as usize > participants {
                return Err(DznError {
                    line: *line,
                    problem: format!(
                        "requested row {row}: participant {p} is not between 1 and {participants}"
                    ),
                });
            }
            Ok(p as usize - 1)
        };
        let mut meetings = Vec::with_capacity(count);
        for (i, row) in rows.iter().enumerate() {
            let [a, b, session] = row[..] else {
                return Err(DznError {
                    line: *line,
                    problem: format!("requested row {} has {} values, not 3", i + 1, row.len()),
                });
            };
            let (a, b) = (participant(a, i + 1)?, participant(b, i + 1)?);
            if a == b {
                return Err(DznError {
                    line: *line,
                    problem: format!(
                        "requested row {}: a participant cannot meet themselves",
                        i + 1
                    ),
                });
            }
            let session = match session {
                1 => Session::Morning,
                2 => Session::Afternoon,
                3 => Session::Any,
                other => {
                    return Err(DznError {
                        line: *line,
                        problem: format!(
                            "requested row {}: session {other} is not 1, 2 or 3",
                            i + 1
                        ),
                    });
                }
            };
            meetings.push(Meeting {
                a,
                b,
                session,
                weight: 1,
            });
        }
        let array = |name: &str, len: usize| -> Result<Option<(Vec<Value>, usize)>, DznError> {
            match items.get(name) {
                None => Ok(None),
                Some((Value::Array(values), line)) if values.len() == len => {
                    Ok(Some((values.clone(), *line)))
                }
                Some((Value::Array(values), line)) => Err(DznError {
                    line: *line,
                    problem: format!("{name} has {} entries, not {len}", values.len()),
                }),
                Some((_, line)) => Err(DznError {
                    line: *line,
                    problem: format!("{name} must be an array"),
                }),
            }
        };
        let slot_in_range = |name: &str, line: usize, s: i64| -> Result<usize, DznError> {
            if s < 1 || s as usize > slots {
                return Err(DznError {
                    line,
                    problem: format!("{name}: slot {s} is not between 1 and {slots}"),
                });
            }
            Ok(s as usize - 1)
        };
        let mut fixed = vec![None; count];
        if let Some((values, line)) = array("fixed", count)? {
            for (m, value) in values.iter().enumerate() {
                match value {
                    Value::Int(0) => {}
                    Value::Int(s) => fixed[m] = Some(slot_in_range("fixed", line, *s)?),
                    _ => {
                        return Err(DznError {
                            line,
                            problem: "fixed must hold numbers".into(),
                        });
                    }
                }
            }
        }
        type Sets = Option<(Vec<Vec<i64>>, usize)>;
        let sets = |name: &str, len: usize| -> Result<Sets, DznError> {
            let Some((values, line)) = array(name, len)? else {
                return Ok(None);
            };
            let sets = values
                .into_iter()
                .map(|v| match v {
                    Value::Set(items) => Ok(items),
                    Value::Int(0) => Ok(Vec::new()),
                    _ => Err(DznError {
                        line,
                        problem: format!("{name} must hold sets"),
                    }),
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some((sets, line)))
        };
        let mut forbidden = vec![Vec::new(); participants];
        if let Some((values, line)) = sets("forbidden", participants)? {
            for (p, set) in values.into_iter().enumerate() {
                // `{0}` is the files' placeholder for "none".
                let mut slots_of: Vec<usize> = set
                    .into_iter()
                    .filter(|s| *s != 0)
                    .map(|s| slot_in_range("forbidden", line, s))
                    .collect::<Result<_, _>>()?;
                slots_of.sort_unstable();
                slots_of.dedup();
                forbidden[p] = slots_of;
            }
        }
        let mut precedences = vec![Vec::new(); count];
        if let Some((values, line)) = sets("precedences", count)? {
            for (m, set) in values.into_iter().enumerate() {
                for before in set {
                    if before < 1 || before as usize > count {
                        return Err(DznError {
                            line,
                            problem: format!(
                                "precedences of meeting {}: meeting {before} is not between 1 and {count}",
                                m + 1
                            ),
                        });
                    }
                    precedences[m].push(before as usize - 1);
                }
            }
        }
        // The redundant counts must agree with `requested` when given.
        if let Some((values, line)) = array("nMeetingsBusiness", participants)? {
            let mut counts = vec![0i64; participants];
            for m in &meetings {
                counts[m.a] += 1;
                counts[m.b] += 1;
            }
            for (p, value) in values.iter().enumerate() {
                if *value != Value::Int(counts[p]) {
                    return Err(DznError {
                        line,
                        problem: format!(
                            "nMeetingsBusiness says participant {} has {value:?} meetings; requested gives {}",
                            p + 1,
                            counts[p]
                        ),
                    });
                }
            }
        }
        Ok(Instance {
            participants,
            meetings,
            tables,
            slots,
            morning_slots,
            fixed,
            forbidden,
            precedences,
            reserved_tables: Vec::new(),
            fixed_tables: Vec::new(),
            day_starts: Vec::new(),
            morning: Vec::new(),
        })
    }

    /// Whether slot `t` opens a new day (so a gap before it is no break).
    pub fn opens_day(&self, t: usize) -> bool {
        self.day_starts.contains(&t)
    }

    /// The meetings of each participant.
    pub fn meetings_of(&self) -> Vec<Vec<usize>> {
        let mut of = vec![Vec::new(); self.participants];
        for (m, meeting) in self.meetings.iter().enumerate() {
            of[meeting.a].push(m);
            of[meeting.b].push(m);
        }
        of
    }

    /// Whether slot `t` is a morning slot.
    pub fn is_morning(&self, t: usize) -> bool {
        match self.morning.get(t) {
            Some(m) => *m,
            None => t < self.morning_slots,
        }
    }

    /// Whether slot `t` is in the meeting's session.
    pub fn in_session(&self, m: usize, t: usize) -> bool {
        match self.meetings[m].session {
            Session::Morning => self.is_morning(t),
            Session::Afternoon => !self.is_morning(t),
            Session::Any => true,
        }
    }

    /// Whether meeting `m` may be held in slot `t`: its session, its fixed slot and both
    /// sides' availability.
    pub fn allowed(&self, m: usize, t: usize) -> bool {
        let meeting = &self.meetings[m];
        t < self.slots
            && self.in_session(m, t)
            && self.fixed[m].is_none_or(|f| f == t)
            && self.forbidden[meeting.a].binary_search(&t).is_err()
            && self.forbidden[meeting.b].binary_search(&t).is_err()
    }

    /// Reasons the instance cannot be scheduled in full that need no search.
    pub fn impossibilities(&self) -> Vec<Impossibility> {
        let mut found = Vec::new();
        if self.tables == 0 && !self.meetings.is_empty() {
            found.push(Impossibility::NoTables);
        }
        if self.slots == 0 && !self.meetings.is_empty() {
            found.push(Impossibility::NoSlots);
        }
        if !found.is_empty() {
            return found;
        }
        for (p, ms) in self.meetings_of().iter().enumerate() {
            let free = (0..self.slots)
                .filter(|t| self.forbidden[p].binary_search(t).is_err())
                .count();
            if ms.len() > free {
                found.push(Impossibility::TooManyMeetings {
                    participant: p,
                    meetings: ms.len(),
                    free_slots: free,
                });
            }
        }
        for m in 0..self.meetings.len() {
            if !(0..self.slots).any(|t| self.allowed(m, t)) {
                found.push(Impossibility::NoSlotForMeeting { meeting: m });
            }
        }
        let capacity = self.slots * self.tables;
        if self.meetings.len() > capacity {
            found.push(Impossibility::TooFewTables {
                meetings: self.meetings.len(),
                capacity,
            });
        }
        if let Some(meeting) = self.precedence_cycle() {
            found.push(Impossibility::PrecedenceCycle { meeting });
        }
        found
    }

    /// A meeting on a cycle of precedences, if there is one.
    fn precedence_cycle(&self) -> Option<usize> {
        // 0 unvisited, 1 on the stack, 2 done.
        let mut state = vec![0u8; self.meetings.len()];
        for root in 0..self.meetings.len() {
            if state[root] != 0 {
                continue;
            }
            let mut stack = vec![(root, 0usize)];
            state[root] = 1;
            while let Some((m, next)) = stack.pop() {
                if let Some(&before) = self.precedences[m].get(next) {
                    stack.push((m, next + 1));
                    match state[before] {
                        0 => {
                            state[before] = 1;
                            stack.push((before, 0));
                        }
                        1 => return Some(before),
                        _ => {}
                    }
                } else {
                    state[m] = 2;
                }
            }
        }
        None
    }
}
