//! A thin layer over the CaDiCaL SAT solver: fresh variables, clauses, and the two
//! counting encodings the scheduler needs (at-most-one and the totalizer).
//!
//! Why SAT: the schedule's hard part is a chain of tight counting rules (one meeting per
//! participant and slot, tables per slot, breaks per participant, fairness between them),
//! and clause learning is what closed every instance of Bofill et al. (their best method
//! was MaxSAT). CaDiCaL is compiled from the C++ sources vendored in the `cadical` crate,
//! so nothing is downloaded at build time.

use std::time::Instant;

/// A literal: a variable number, negative when negated (DIMACS convention).
pub type Lit = i32;

/// What a search ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Sat,
    Unsat,
    /// The time ran out first.
    Unknown,
}

pub struct Sat {
    solver: cadical::Solver,
    vars: i32,
    /// A literal fixed true, for constants.
    truth: Lit,
}

impl Default for Sat {
    fn default() -> Self {
        Sat::new()
    }
}

impl Sat {
    pub fn new() -> Sat {
        Sat::with_solver(cadical::Solver::new())
    }

    /// A solver with CaDiCaL's option preset for formulas expected to have a model (the
    /// `sat` configuration), for searches that only look for one and prove nothing.
    pub fn for_models() -> Sat {
        let solver = cadical::Solver::with_config("sat").expect("CaDiCaL knows its sat preset");
        Sat::with_solver(solver)
    }

    fn with_solver(solver: cadical::Solver) -> Sat {
        let mut sat = Sat {
            solver,
            vars: 0,
            truth: 0,
        };
        sat.truth = sat.var();
        sat.clause(&[sat.truth]);
        sat
    }

    pub fn var(&mut self) -> Lit {
        self.vars += 1;
        self.vars
    }

    pub fn truth(&self) -> Lit {
        self.truth
    }

    pub fn clause(&mut self, lits: &[Lit]) {
        self.solver.add_clause(lits.iter().copied());
    }

    /// Solves under `assumptions`, giving up at `deadline`.
    pub fn solve(&mut self, assumptions: &[Lit], deadline: Instant) -> Outcome {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f32();
        if left <= 0.0 {
            return Outcome::Unknown;
        }
        self.solver.set_callbacks(Some(cadical::Timeout::new(left)));
        match self.solver.solve_with(assumptions.iter().copied()) {
            Some(true) => Outcome::Sat,
            Some(false) => Outcome::Unsat,
            None => Outcome::Unknown,
        }
    }

    /// Solves under `assumptions`, giving up after `conflicts` conflicts or at `deadline`
    /// (the conflict budget holds for this call only).
    pub fn solve_limited(
        &mut self,
        assumptions: &[Lit],
        conflicts: i32,
        deadline: Instant,
    ) -> Outcome {
        // The limit is known to CaDiCaL, so setting it cannot fail.
        let _ = self.solver.set_limit("conflicts", conflicts);
        self.solve(assumptions, deadline)
    }

    /// The value of `lit` in the last model.
    pub fn value(&self, lit: Lit) -> bool {
        self.solver.value(lit).unwrap_or(false)
    }

    /// At most one of `lits` (a ladder of prefix variables for long lists, pairs for short).
    pub fn at_most_one(&mut self, lits: &[Lit]) {
        if lits.len() <= 5 {
            for (i, a) in lits.iter().enumerate() {
                for b in &lits[i + 1..] {
                    self.clause(&[-a, -b]);
                }
            }
            return;
        }
        // s[i]: one of lits[..=i] is true.
        let mut previous: Option<Lit> = None;
        for (i, &lit) in lits.iter().enumerate() {
            if i + 1 == lits.len() {
                if let Some(p) = previous {
                    self.clause(&[-p, -lit]);
                }
                break;
            }
            let s = self.var();
            self.clause(&[-lit, s]);
            if let Some(p) = previous {
                self.clause(&[-p, s]);
                self.clause(&[-p, -lit]);
            }
            previous = Some(s);
        }
    }

    /// A totalizer over `inputs`: returns `out` where `out[k]` stands for "at least k + 1
    /// inputs are true", up to `limit` outputs. With `both`, the outputs are also false
    /// when fewer inputs are true (needed when a count is bounded from below).
    pub fn totalizer(&mut self, inputs: &[Lit], limit: usize, both: bool) -> Vec<Lit> {
        match inputs.len() {
            0 => Vec::new(),
            1 => inputs.to_vec(),
            n => {
                let (left, right) = inputs.split_at(n / 2);
                let a = self.totalizer(left, limit, both);
                let b = self.totalizer(right, limit, both);
                self.merge(&a, &b, limit, both)
            }
        }
    }

    /// Merges two unary counts into their sum, keeping `limit` outputs.
    pub fn merge(&mut self, a: &[Lit], b: &[Lit], limit: usize, both: bool) -> Vec<Lit> {
        let size = (a.len() + b.len()).min(limit);
        if a.is_empty() {
            return b[..b.len().min(limit)].to_vec();
        }
        if b.is_empty() {
            return a[..a.len().min(limit)].to_vec();
        }
        let out: Vec<Lit> = (0..size).map(|_| self.var()).collect();
        // Upward: a >= i and b >= j imply out >= i + j.
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                let sum = i + j;
                if sum == 0 {
                    continue;
                }
                if sum <= size {
                    let mut clause = vec![out[sum - 1]];
                    if i > 0 {
                        clause.push(-a[i - 1]);
                    }
                    if j > 0 {
                        clause.push(-b[j - 1]);
                    }
                    self.clause(&clause);
                }
            }
        }
        if both {
            // Downward: a < i + 1 and b < j + 1 imply out < i + j + 1.
            for i in 0..=a.len() {
                for j in 0..=b.len() {
                    let sum = i + j;
                    if sum >= size {
                        continue;
                    }
                    let mut clause = vec![-out[sum]];
                    if i < a.len() {
                        clause.push(a[i]);
                    }
                    if j < b.len() {
                        clause.push(b[j]);
                    }
                    self.clause(&clause);
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

    fn later() -> Instant {
        Instant::now() + Duration::from_secs(10)
    }

    #[test]
    fn totalizer_counts_both_ways() {
        for n in 1..7usize {
            for k in 0..=n {
                let mut sat = Sat::new();
                let inputs: Vec<Lit> = (0..n).map(|_| sat.var()).collect();
                let out = sat.totalizer(&inputs, n, true);
                // Exactly k inputs true: out[j] must equal j < k.
                let assumptions: Vec<Lit> = inputs
                    .iter()
                    .enumerate()
                    .map(|(i, l)| if i < k { *l } else { -l })
                    .collect();
                assert_eq!(sat.solve(&assumptions, later()), Outcome::Sat);
                for (j, o) in out.iter().enumerate() {
                    assert_eq!(sat.value(*o), j < k, "n {n} k {k} j {j}");
                }
            }
        }
    }

    #[test]
    fn at_most_one_allows_one_and_no_more() {
        for n in [3usize, 8] {
            let mut sat = Sat::new();
            let lits: Vec<Lit> = (0..n).map(|_| sat.var()).collect();
            sat.at_most_one(&lits);
            assert_eq!(sat.solve(&[lits[n - 1]], later()), Outcome::Sat);
            assert_eq!(sat.solve(&[lits[0], lits[n - 1]], later()), Outcome::Unsat);
            assert_eq!(sat.solve(&[lits[1], lits[2]], later()), Outcome::Unsat);
        }
    }
}
