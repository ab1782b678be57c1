//! Matchmaking schedules (項目對接): every accepted 1:1 meeting gets a time slot and a
//! table, no one is in two places at once, and each participant's day has as few and as
//! fairly shared idle gaps as possible.

pub mod check;
pub mod dzn;
pub mod heuristic;
pub mod instance;
pub mod plan;
pub mod runs;
pub mod sat;
pub mod solve;
pub mod symmetry;

pub use check::{Placement, Report, Violation, check};
pub use instance::{Impossibility, Instance, Meeting, Session};
pub use plan::{EventIn, EventPlan, RequestIn, Unplaced, plan, plan_with, unplaced_reasons};
pub use solve::{Options, Progress, Schedule, Status, assign_tables, schedule};
