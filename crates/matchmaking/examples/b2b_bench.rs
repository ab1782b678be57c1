//! Runs the scheduler on every instance of the B2B benchmark folder and compares it with
//! the published optima (Bofill et al., JAIR 2022; MaxSAT column, fairness d = 2).
//!
//! ```text
//! cargo run --release -p baylink-matchmaking --example b2b_bench -- \
//!     [--dir ../shared/b2b-instances] [--time-limit 10] [--fairness 2] [--two-days] \
//!     [--shuffle SEED] [--write BENCHMARKS.md]
//! ```
//!
//! The paper also re-ran its original instances with fairness d = 0, 1 and 3: with 1 and 3
//! the optima are those of d = 2, and with 0 an instance whose optimum is positive has no
//! schedule at all (someone must have a break, and a participant with one meeting never
//! has one). `--fairness` runs those; the crafted variants have no published value then.
//!
//! `--two-days` makes each instance with a morning and an afternoon an event of two days,
//! the afternoon on the second (so a gap over noon is no break): a benchmark of events
//! over several days, which has no published values.
//!
//! `--shuffle SEED` numbers each instance's participants and meetings in a random order
//! drawn from SEED (the same problem, so the published optima hold): a measure of how much
//! the engine's times owe to the numbering in the files, since events from the pages come
//! numbered in whatever order their records have.
//!
//! Every schedule is re-verified by the independent checker. With `--write`, the table
//! replaces the part of that file between `<!-- b2b-bench:start -->` and
//! `<!-- b2b-bench:end -->`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use baylink_matchmaking::{Instance, Options, Status, check, schedule};

/// `instance` with its participants and its meetings numbered in an order drawn from
/// `seed` (a xorshift generator, so a seed gives the same order on every machine), and the
/// two sides of every other meeting swapped.
fn shuffled(instance: &Instance, seed: u64) -> Instance {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut below = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    // Fisher–Yates: `person[old]` and `position[old]` are the new numbers.
    let mut person: Vec<usize> = (0..instance.participants).collect();
    for i in (1..person.len()).rev() {
        person.swap(i, below(i + 1));
    }
    let count = instance.meetings.len();
    let mut position: Vec<usize> = (0..count).collect();
    for i in (1..position.len()).rev() {
        position.swap(i, below(i + 1));
    }
    let mut out = instance.clone();
    for (old, meeting) in instance.meetings.iter().enumerate() {
        let new = position[old];
        let (a, b) = (person[meeting.a], person[meeting.b]);
        out.meetings[new].a = if old % 2 == 0 { a } else { b };
        out.meetings[new].b = if old % 2 == 0 { b } else { a };
        out.meetings[new].session = meeting.session;
        out.meetings[new].weight = meeting.weight;
        out.fixed[new] = instance.fixed[old];
        if let Some(&table) = instance.fixed_tables.get(old) {
            out.fixed_tables[new] = table;
        }
        out.precedences[new] = instance.precedences[old]
            .iter()
            .map(|&before| position[before])
            .collect();
    }
    for (old, slots) in instance.forbidden.iter().enumerate() {
        out.forbidden[person[old]] = slots.clone();
    }
    out.reserved_tables = instance
        .reserved_tables
        .iter()
        .map(|&(table, owner)| (table, person[owner]))
        .collect();
    out
}

/// The published optimum of each file: total breaks, or `None` when proved infeasible
/// (from the folder's README, which copies the paper's Tables 2 and 6–8).
fn published(file: &str, fairness: usize) -> Option<Option<usize>> {
    let (base, variant) = file.trim_end_matches(".dzn").split_once('.')?;
    if fairness != 2 {
        if variant != "original" {
            return None;
        }
        let at_two = published(file, 2)?;
        return Some(match (fairness, at_two) {
            (0, Some(v)) if v > 0 => None,
            _ => at_two,
        });
    }
    let column = match variant {
        "original" => 0,
        "forb0003" => 1,
        "forb0007" => 2,
        "fixed020-Forb" => 3,
        "fixed040-Forb" => 4,
        "prec15" => 5,
        "prec25" => 6,
        _ => return None,
    };
    // original, forb0003, forb0007, fixed020, fixed040, prec15, prec25; -1 = infeasible.
    let row: [i64; 7] = match base {
        "forum-13" => [0, 0, 0, 20, 49, 0, -1],
        "forum-13crafb" => [6, 5, 5, 30, -1, -1, -1],
        "forum-14" => [2, 0, -1, 20, -1, 2, -1],
        "forumt-14" => [5, 0, -1, 7, -1, 5, 5],
        "forumt-14crafd" => [4, -1, -1, 9, -1, 4, 4],
        "tic-12" => [0, -1, -1, 1, -1, 0, 0],
        "tic-13" => [0, -1, -1, 2, 13, 0, 0],
        "tic-13crafc" => [4, -1, -1, 6, 16, 4, 4],
        "tic-14crafc" => [0, 0, -1, 3, -1, 0, 0],
        "ticf-13crafa" => [0, 0, 0, 20, 49, 0, -1],
        _ => return None,
    };
    let value = row[column];
    Some((value >= 0).then_some(value as usize))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let dir = PathBuf::from(flag("--dir").map_or("../shared/b2b-instances", String::as_str));
    let seconds: f64 =
        flag("--time-limit").map_or(10.0, |s| s.parse().expect("--time-limit SECONDS"));
    let fairness: usize = flag("--fairness").map_or(2, |s| s.parse().expect("--fairness D"));
    let two_days = args.iter().any(|a| a == "--two-days");
    let shuffle: Option<u64> = flag("--shuffle").map(|s| s.parse().expect("--shuffle SEED"));
    let mut files: Vec<PathBuf> = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let mut rows = Vec::new();
    let (mut reached, mut total, mut worst) = (0, 0, 0.0f64);
    // Instances without a published value (two-day events, crafted variants at another
    // fairness): counted apart, as settled when proved optimal or infeasible.
    let (mut settled, mut unpublished) = (0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).expect("readable instance");
        let mut instance = match Instance::from_dzn(&text) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        if let Some(seed) = shuffle {
            instance = shuffled(&instance, seed);
        }
        if two_days {
            if instance.morning_slots >= instance.slots {
                continue;
            }
            instance.day_starts = vec![instance.morning_slots];
        }
        let options = Options {
            fairness: Some(fairness),
            time_limit: Duration::from_secs_f64(seconds),
            ..Options::default()
        };
        // B2B_TRACE=1 prints each improvement of either bound on stderr.
        let trace = std::env::var_os("B2B_TRACE").is_some();
        let result = schedule(&instance, &options, &mut |p| {
            if trace {
                eprintln!(
                    "  {name}: {:.2} s, best {:?}, lower bound {}",
                    p.elapsed.as_secs_f64(),
                    p.best_breaks,
                    p.lower_bound
                );
            }
        });
        let verified = match result.status {
            Status::Optimal | Status::Feasible => {
                let report = check(&instance, &result.placements, true, Some(fairness));
                if report.violations.is_empty() && Some(report.total_breaks) == result.breaks {
                    "yes".to_owned()
                } else {
                    format!("NO: {:?}", report.violations.first())
                }
            }
            _ => "—".to_owned(),
        };
        let found = match result.status {
            Status::Optimal => format!("{} (optimal)", result.breaks.unwrap_or(0)),
            Status::Feasible => format!(
                "{} (bound {})",
                result.breaks.unwrap_or(0),
                result.lower_bound.unwrap_or(0)
            ),
            Status::Infeasible => "infeasible".to_owned(),
            Status::Unknown => "unknown".to_owned(),
        };
        let expected = if two_days {
            None
        } else {
            published(&name, fairness)
        };
        let reference = match expected {
            Some(Some(v)) => v.to_string(),
            Some(None) => "infeasible".to_owned(),
            None => "?".to_owned(),
        };
        let hit = match (expected, result.status) {
            (Some(Some(v)), Status::Optimal) => result.breaks == Some(v),
            (Some(None), Status::Infeasible) => true,
            (None, status) => matches!(status, Status::Optimal | Status::Infeasible),
            _ => false,
        };
        if expected.is_some() {
            total += 1;
            reached += usize::from(hit);
        } else {
            unpublished += 1;
            settled += usize::from(hit);
        }
        let secs = result.elapsed.as_secs_f64();
        worst = worst.max(secs);
        let size = format!(
            "{}/{}/{}/{}",
            instance.participants,
            instance.meetings.len(),
            instance.slots,
            instance.tables
        );
        let row = format!(
            "| {name} | {size} | {found} | {reference} | {} | {secs:.2} | {verified} |",
            match (expected.is_some(), hit) {
                (true, true) => "yes",
                (false, true) => "settled",
                _ => "**no**",
            }
        );
        println!("{row}");
        rows.push(row);
    }
    let mut parts = Vec::new();
    if total > 0 {
        parts.push(format!(
            "{reached} of {total} instances at the published optimum (or proved infeasible as published)"
        ));
    }
    if unpublished > 0 {
        let kind = if two_days { " over two days" } else { "" };
        parts.push(format!(
            "{settled} of {unpublished} instances{kind} without a published value proved optimal or infeasible"
        ));
    }
    let summary = format!(
        "{}; slowest {worst:.2} s; time limit {seconds} s per instance; fairness d = {fairness}.",
        parts.join("; ")
    );
    println!("{summary}");
    if let Some(target) = flag("--write") {
        let mut table = String::from(
            "| instance | P/M/T/L | found | published optimum | reached | seconds | checker |\n|---|---|---|---|---|---|---|\n",
        );
        for row in &rows {
            table.push_str(row);
            table.push('\n');
        }
        table.push('\n');
        table.push_str(&summary);
        table.push('\n');
        let text = std::fs::read_to_string(target).expect("readable target");
        let (start, end) = ("<!-- b2b-bench:start -->", "<!-- b2b-bench:end -->");
        let (Some(a), Some(b)) = (text.find(start), text.find(end)) else {
            panic!("{target} has no {start} … {end} markers");
        };
        let updated = format!("{}{start}\n{table}{}", &text[..a], &text[b..]);
        std::fs::write(target, updated).expect("writable target");
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("cannot read {}", dir.display());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "dzn") {
            out.push(path);
        }
    }
}
