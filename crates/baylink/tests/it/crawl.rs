//! Every page the demo links to, followed link by link as a reader would: for the public,
//! for the secretariat and for a participant, in each of the three languages. No link may
//! lead to an error page, and no page may show a message key where its text should be (a
//! key that resolves nowhere is shown as itself, see `Locale::t`).
//!
//! Why a crawl beside the page tests: those open the pages they know of; a crawl also finds
//! the links nobody wrote a test for (a list's "next page", a download in a corner, a link
//! built from a record's field), and keys chosen at run time, which the static check of
//! the templates' keys cannot see.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use reqwest::StatusCode;

use crate::kit::{self, PARTICIPANT, SECRETARIAT, TestApp};

/// Pages opened per shape of address (a path with its numbers and tokens masked, plus its
/// query's names): a list of 300 postings needs one posting opened, not 300.
const PER_SHAPE: usize = 2;
/// A bound on one crawl, so that a page linking to endless variants of itself fails here
/// rather than hanging.
const MAX_PAGES: usize = 600;

/// Every message key of the English file (all three files hold the same keys: the unit
/// tests of `i18n` see to that).
fn message_keys() -> BTreeSet<String> {
    let ftl = include_str!("../../../web/locales/en/main.ftl");
    ftl.lines()
        .filter_map(|l| l.split_once(" ="))
        .map(|(k, _)| k.trim())
        .filter(|k| !k.is_empty() && !k.starts_with([' ', '#', '.', '-', '[', '*']))
        .map(str::to_owned)
        .collect()
}

/// The address with what varies between records masked.
fn shape(path: &str) -> String {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let out: Vec<String> = path
        .split('/')
        .map(|seg| {
            let long_token = seg.len() >= 16
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if seg.chars().any(|c| c.is_ascii_digit())
                && (seg.chars().all(|c| c.is_ascii_digit()) || long_token)
            {
                "N".to_owned()
            } else if long_token {
                "T".to_owned()
            } else {
                seg.to_owned()
            }
        })
        .collect();
    let mut names: Vec<&str> = query
        .split('&')
        .filter_map(|kv| kv.split('=').next())
        .filter(|k| !k.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut shaped = out.join("/");
    if !names.is_empty() {
        shaped.push('?');
        shaped.push_str(&names.join("&"));
    }
    shaped
}

/// The page's own links: `href="/…"` in the same language, HTML entities undone.
fn links(page: &str, prefix: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .filter(|h| h.starts_with(prefix))
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .collect()
}

/// Text shown on the page that is exactly a message key: the text between tags and the
/// attributes a reader sees.
fn shown_keys(page: &str, keys: &BTreeSet<String>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for chunk in page.split('>').skip(1) {
        let text = chunk.split('<').next().unwrap_or_default().trim();
        if keys.contains(text) {
            found.insert(text.to_owned());
        }
    }
    for attr in [
        "title=\"",
        "placeholder=\"",
        "aria-label=\"",
        "alt=\"",
        "data-confirm=\"",
    ] {
        for rest in page.split(attr).skip(1) {
            let text = rest.split('"').next().unwrap_or_default().trim();
            if keys.contains(text) {
                found.insert(text.to_owned());
            }
        }
    }
    found.into_iter().collect()
}

/// Follows every link from `start` within its language; returns the problems found, each
/// with the page that linked to it, and the number of pages opened.
async fn crawl(app: &TestApp, start: &str, keys: &BTreeSet<String>) -> (Vec<String>, usize) {
    let prefix = format!(
        "/{}/",
        start
            .trim_matches('/')
            .split('/')
            .next()
            .unwrap_or_default()
    );
    let mut seen_shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([(start.to_owned(), String::from("(start)"))]);
    let mut problems = Vec::new();
    let mut opened = 0;
    while let Some((path, from)) = queue.pop_front() {
        if !seen.insert(path.clone()) {
            continue;
        }
        // Signing out would end the crawl's session.
        if path.ends_with("/logout") {
            continue;
        }
        let count = seen_shapes.entry(shape(&path)).or_default();
        if *count >= PER_SHAPE {
            continue;
        }
        *count += 1;
        opened += 1;
        assert!(
            opened <= MAX_PAGES,
            "more than {MAX_PAGES} pages from {start}: {path}"
        );
        let r = app.get(&path).await;
        let status = r.status();
        if status.is_redirection() {
            let to = r.headers()["location"]
                .to_str()
                .unwrap_or_default()
                .to_owned();
            if to.starts_with(&prefix) {
                queue.push_back((to, path.clone()));
            } else if !to.starts_with('/') || !to.contains("/login") {
                problems.push(format!("{path} (from {from}): redirected out to {to}"));
            }
            continue;
        }
        if status != StatusCode::OK {
            problems.push(format!("{path} (from {from}): {status}"));
            continue;
        }
        let html = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if !html {
            continue;
        }
        let page = r.text().await.unwrap_or_default();
        let raw = shown_keys(&page, keys);
        if !raw.is_empty() {
            problems.push(format!("{path}: shows message keys {raw:?}"));
        }
        for link in links(&page, &prefix) {
            if !seen.contains(&link) {
                queue.push_back((link, path.clone()));
            }
        }
    }
    if std::env::var_os("CRAWL_SHAPES").is_some() {
        eprintln!("{start}: {:#?}", seen_shapes.keys().collect::<Vec<_>>());
    }
    (problems, opened)
}

#[tokio::test]
async fn every_page_the_demo_links_to_opens_in_every_language() {
    let keys = message_keys();
    assert!(keys.len() > 500, "the keys were read: {}", keys.len());
    let mut problems = Vec::new();
    let mut report = Vec::new();
    for who in [None, Some(SECRETARIAT), Some(PARTICIPANT)] {
        let mut app = kit::demo_app().await;
        if let Some(email) = who {
            app.sign_in(email).await;
        }
        for lang in ["zh-Hant", "zh-Hans", "en"] {
            let (found, opened) = crawl(&app, &format!("/{lang}/"), &keys).await;
            report.push(format!(
                "{}/{lang}: {opened} pages",
                who.unwrap_or("public")
            ));
            problems.extend(
                found
                    .into_iter()
                    .map(|p| format!("{} {p}", who.unwrap_or("public"))),
            );
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
