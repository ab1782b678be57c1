//! `baylink schedule`: the command reads a benchmark instance, prints the schedule as JSON
//! that an independent check accepts, and names the line of a malformed file.

use std::process::Command;

use baylink_matchmaking::{Instance, Placement, check};

fn instances() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../matchmaking/tests/instances")
}

#[test]
fn schedule_prints_a_checked_optimal_schedule_as_json() {
    let file = instances().join("tic-12.fixed020-Forb.dzn");
    let output = Command::new(env!("CARGO_BIN_EXE_baylink"))
        .args(["schedule", "--dzn"])
        .arg(&file)
        .args(["--json", "--time-limit", "60"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["status"], "optimal");
    assert_eq!(json["breaks"], 1);
    assert_eq!(json["lower_bound"], 1);
    assert_eq!(json["meetings_scheduled"], 125);
    assert!(json["fairness_gap"].as_u64().unwrap() <= 2);
    assert!(json["seconds"].as_f64().is_some());
    // Re-read the assignments, numbered from 1, and check them independently.
    let instance = Instance::from_dzn(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut placements = vec![None; instance.meetings.len()];
    for a in json["assignments"].as_array().unwrap() {
        let m = a["meeting"].as_u64().unwrap() as usize - 1;
        placements[m] = Some(Placement {
            slot: a["slot"].as_u64().unwrap() as usize - 1,
            table: a["table"].as_u64().unwrap() as usize - 1,
        });
    }
    let report = check(&instance, &placements, true, Some(2));
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.total_breaks, 1);
}

#[test]
fn schedule_reports_infeasible_and_malformed_files() {
    let output = Command::new(env!("CARGO_BIN_EXE_baylink"))
        .args(["schedule", "--dzn"])
        .arg(instances().join("forum-13.prec25.dzn"))
        .arg("--json")
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["status"], "infeasible");
    assert_eq!(json["meetings_scheduled"], 0);

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.dzn");
    std::fs::write(
        &bad,
        "nBusiness = 2;\nnMeetings = 1;\nnTables = 1;\nnTotalSlots = 2;\nnMorningSlots = 2;\nrequested = [| 1, 3, 3 |];\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_baylink"))
        .args(["schedule", "--dzn"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 6: requested row 1: participant 3 is not between 1 and 2"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}
