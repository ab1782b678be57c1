//! Every page the demo links to, followed link by link as a reader would: for the public,
//! for the secretariat, for a participant and for a member organisation's representative,
//! in each of the three languages. No link may
//! lead to an error page; no page may show a message key where its text should be (a key
//! that resolves nowhere is shown as itself, see `Locale::t`), nor characters of the
//! other Chinese script, nor a field without a name or an image without a text for screen
//! readers, nor more or fewer than one main heading.
//!
//! Why a crawl beside the page tests: those open the pages they know of; a crawl also finds
//! the links nobody wrote a test for (a list's "next page", a download in a corner, a link
//! built from a record's field), and keys chosen at run time, which the static check of
//! the templates' keys cannot see.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use reqwest::StatusCode;

use crate::kit::{self, PARTICIPANT, REP, SECRETARIAT, TestApp};

/// Pages opened per shape of address (a path with its numbers and tokens masked, plus its
/// query's names): a list of 300 postings needs one posting opened, not 300.
const PER_SHAPE: usize = 8;
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

/// The text a reader sees, without what is marked as another language (`lang="…"`: the
/// language switch, a name in its own script, an original shown on request) and without
/// scripts and styles.
fn visible_text(page: &str) -> Vec<String> {
    let body = page.split("<body").nth(1).unwrap_or(page);
    let mut out = Vec::new();
    let mut rest = body;
    // The closing tag up to which text is skipped, and how deep inside it we are.
    let mut skip: Option<(String, usize)> = None;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if skip.is_none() && !text.trim().is_empty() {
            out.push(text.trim().to_owned());
        }
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let closing = tag.starts_with("</");
        let self_closing = tag.ends_with("/>")
            || ["br", "img", "input", "meta", "link", "hr"].contains(&name.as_str());
        match &mut skip {
            Some((skipped, depth)) if *skipped == name && !self_closing => {
                if closing {
                    if *depth == 0 {
                        skip = None;
                    } else {
                        *depth -= 1;
                    }
                } else {
                    *depth += 1;
                }
            }
            Some(_) => {}
            None if !closing && !self_closing => {
                let other_language = tag.contains(" lang=\"") || tag.contains("class=\"original\"");
                // Data shown as stored (a record's JSON, a form's text being edited).
                let verbatim =
                    ["script", "style", "pre", "code", "textarea"].contains(&name.as_str());
                if other_language || verbatim {
                    skip = Some((name, 0));
                }
            }
            None => {}
        }
        rest = &rest[close..];
    }
    out
}

/// Characters of the other Chinese script in what a reader of `lang` sees: Traditional
/// ones on a Simplified page, Simplified ones on a Traditional page. Content is stored as
/// written and shown converted for the reader, so there should be none. A Traditional
/// character is one that simplifying changes. A Simplified one is one that converting the
/// text to Traditional changes both in its words (北斗 stays) and alone (了 and 表 are
/// Traditional too, whatever 了解 and 名表 become), and that simplifying keeps (so Hong
/// Kong's variants, 户 for 戶, count as Traditional either way).
fn other_script(page: &str, lang: &str) -> BTreeSet<char> {
    use baylink_text::{Script, display};
    let simplified = |c: &str| display(c, Script::Hant, Script::Hans).into_owned();
    let traditional = |c: &str| display(c, Script::Hans, Script::Hant).into_owned();
    let mut found = BTreeSet::new();
    for text in visible_text(page) {
        let text = text.replace("&amp;", "&");
        match lang {
            "zh-Hans" => found.extend(
                text.chars()
                    .filter(|c| !c.is_ascii() && simplified(&c.to_string()) != c.to_string()),
            ),
            "zh-Hant" => {
                let converted = traditional(&text);
                // Conversion keeps the length in characters but for a few phrases; where
                // it does not, compare character by character what it changed.
                if converted.chars().count() == text.chars().count() {
                    found.extend(text.chars().zip(converted.chars()).filter_map(|(a, b)| {
                        let one = a.to_string();
                        let simplified_only = simplified(&one) == one && traditional(&one) != one;
                        (a != b && simplified_only).then_some(a)
                    }));
                } else if converted != text {
                    found.extend(text.chars().filter(|c| {
                        let one = c.to_string();
                        !c.is_ascii() && simplified(&one) == one && traditional(&one) != one
                    }));
                }
            }
            _ => {}
        }
    }
    found
}

/// What a screen reader and a phone need of a page: a title, a viewport, one main
/// heading, a name for every field (a `<label>` around it or pointing at it, or
/// `aria-label`), and a text for every image.
fn unlabelled(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    let head = page.split("<body").next().unwrap_or_default();
    let title = head
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or_default();
    if title.trim().is_empty() {
        found.push("no title".to_owned());
    }
    // A sheet made for printing (its own `@page` size) is better seen zoomed out whole.
    if !head.contains("name=\"viewport\"") && !head.contains("@page") {
        found.push("no viewport for phones".to_owned());
    }
    let body = page.split("<body").nth(1).unwrap_or(page);
    let headings = body.matches("<h1").count();
    if headings != 1 {
        found.push(format!("{headings} main headings"));
    }
    let labelled_ids: BTreeSet<&str> = body
        .split("<label")
        .skip(1)
        .filter_map(|l| l.split('>').next())
        .filter_map(|head| head.split(" for=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    // Whether the tag at `at` sits inside an open <label>…</label>.
    let inside_label = |at: usize| {
        let before = &body[..at];
        let open = before.rfind("<label");
        let close = before.rfind("</label>");
        match (open, close) {
            (Some(o), Some(c)) => o > c,
            (Some(_), None) => true,
            _ => false,
        }
    };
    for kind in ["<input", "<select", "<textarea"] {
        let mut from = 0;
        while let Some(pos) = body[from..].find(kind) {
            let at = from + pos;
            from = at + kind.len();
            let head = body[at..].split('>').next().unwrap_or_default();
            let attr = |name: &str| {
                head.split(&format!(" {name}=\""))
                    .nth(1)
                    .and_then(|r| r.split('"').next())
            };
            if kind == "<input"
                && matches!(
                    attr("type"),
                    Some("hidden" | "submit" | "button" | "image" | "reset")
                )
            {
                continue;
            }
            let named = attr("aria-label").is_some_and(|l| !l.trim().is_empty())
                || attr("aria-labelledby").is_some()
                || attr("id").is_some_and(|id| labelled_ids.contains(id))
                || inside_label(at);
            if !named {
                found.push(format!(
                    "a field without a name: {}",
                    head.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    for img in body.split("<img").skip(1) {
        let head = img.split('>').next().unwrap_or_default();
        if !head.contains(" alt=\"") {
            found.push(format!(
                "an image without alt: {}",
                head.chars().take(80).collect::<String>()
            ));
        }
    }
    found
}

/// Follows every link from `start` within its language; returns the problems found, each
/// with the page that linked to it, and the number of pages opened.
async fn crawl(app: &TestApp, start: &str, keys: &BTreeSet<String>) -> (Vec<String>, usize) {
    let (problems, opened, _) = crawl_with_forms(app, start, keys).await;
    (problems, opened)
}

/// A form a page offers: where it posts, and the page it is on.
struct Form {
    action: String,
    on: String,
    /// It uploads a file (`enctype="multipart/form-data"`), so a browser sends it as
    /// multipart even when no file is chosen.
    multipart: bool,
}

/// [`crawl`], also collecting the forms that post, once per shape of their address.
async fn crawl_with_forms(
    app: &TestApp,
    start: &str,
    keys: &BTreeSet<String>,
) -> (Vec<String>, usize, Vec<Form>) {
    let mut forms: BTreeMap<String, Form> = BTreeMap::new();
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
        for form in page.split("<form").skip(1) {
            let head = form.split('>').next().unwrap_or_default();
            if !head.contains("method=\"post\"") {
                continue;
            }
            let Some(action) = head
                .split("action=\"")
                .nth(1)
                .and_then(|a| a.split('"').next())
                .map(|a| a.replace("&amp;", "&"))
            else {
                continue;
            };
            forms.entry(shape(&action)).or_insert(Form {
                action,
                on: path.clone(),
                multipart: head.contains("multipart/form-data"),
            });
        }
        let raw = shown_keys(&page, keys);
        if !raw.is_empty() {
            problems.push(format!("{path}: shows message keys {raw:?}"));
        }
        for p in unlabelled(&page) {
            problems.push(format!("{path}: {p}"));
        }
        let lang = prefix.trim_matches('/');
        let mixed = other_script(&page, lang);
        if !mixed.is_empty() {
            problems.push(format!("{path}: shows {mixed:?}, not in {lang}'s script"));
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
    (problems, opened, forms.into_values().collect())
}

#[tokio::test]
async fn every_page_the_demo_links_to_opens_in_every_language() {
    let keys = message_keys();
    assert!(keys.len() > 500, "the keys were read: {}", keys.len());
    let mut problems = Vec::new();
    let mut report = Vec::new();
    for who in [None, Some(SECRETARIAT), Some(PARTICIPANT), Some(REP)] {
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

/// Bad input gets a clear, localised error and never an internal one: every form the
/// public, the secretariat, a participant and a representative are offered in the demo (once per shape of
/// its address) is sent empty, with only the session's CSRF token, and must be answered
/// by a page or a redirect, a refusal in the reader's language, never a server error,
/// never "method not allowed" (a form posting where nothing listens). Forms that remove
/// a record go last (see [`send_empty`]).
#[tokio::test]
async fn every_form_sent_empty_is_refused_or_taken_never_an_error() {
    let keys = message_keys();
    let mut problems = Vec::new();
    let mut sent = 0;
    for who in [None, Some(SECRETARIAT), Some(PARTICIPANT), Some(REP)] {
        let mut app = kit::demo_app().await;
        if let Some(email) = who {
            app.sign_in(email).await;
        }
        let (_, _, forms) = crawl_with_forms(&app, "/zh-Hant/", &keys).await;
        sent += forms.len();
        let found = send_empty(&app, forms, &keys).await;
        let who = who.unwrap_or("public");
        problems.extend(found.into_iter().map(|p| format!("{who}: {p}")));
    }
    assert!(sent > 40, "the forms were found: {sent}");
    assert!(
        problems.is_empty(),
        "{} of {sent} forms:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Sends each of `forms` with nothing but the session's CSRF token; returns what went
/// wrong.
async fn send_empty(app: &TestApp, forms: Vec<Form>, keys: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    // Those that remove a record go last, the record's parts before the record, so that
    // the others still find theirs.
    let mut forms = forms;
    forms.sort_by_key(|f| {
        let path = f.action.split('?').next().unwrap_or_default();
        let removes = ["/delete", "/erase", "/withdraw", "/cancel"]
            .iter()
            .any(|end| path.ends_with(end));
        (removes, std::cmp::Reverse(path.matches('/').count()))
    });
    for form in &forms {
        // Signing out would end the session the other forms are sent with.
        if form.action.ends_with("/logout") {
            continue;
        }
        let request = app
            .client
            .post(app.url(&form.action))
            .header("x-csrf-token", app.csrf.as_str());
        let request = if form.multipart {
            request.multipart(reqwest::multipart::Form::new().text("_csrf", app.csrf.clone()))
        } else {
            request.form(&[("_csrf", app.csrf.as_str())])
        };
        let r = request.send().await.unwrap();
        let status = r.status();
        let page = r.text().await.unwrap_or_default();
        if std::env::var_os("CRAWL_SHAPES").is_some() {
            eprintln!("{status} {}", form.action);
        }
        if status.is_server_error() || status == StatusCode::METHOD_NOT_ALLOWED {
            problems.push(format!("{} (on {}): {status}", form.action, form.on));
        } else if status.is_client_error() && status != StatusCode::NOT_FOUND {
            let raw = shown_keys(&page, keys);
            if !raw.is_empty() {
                problems.push(format!("{}: shows message keys {raw:?}", form.action));
            }
            if !page.contains("lang=\"zh-Hant\"") {
                problems.push(format!(
                    "{}: {status}, not a page in the reader's language: {}",
                    form.action,
                    page.chars().take(200).collect::<String>()
                ));
            }
        }
    }
    problems
}

/// The checks above, on pages made to fail them, so that a crawl finding nothing means
/// the pages are right and not that the checks see nothing.
#[test]
fn the_checks_see_what_they_look_for() {
    let page = |body: &str| {
        format!(
            "<html><head><title>T</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>T</h1>{body}</body></html>"
        )
    };
    assert!(
        unlabelled(&page(
            "<label for=\"a\">A</label><input id=\"a\" name=\"a\">"
        ))
        .is_empty()
    );
    assert!(unlabelled(&page("<label>A <select name=\"a\"></select></label>")).is_empty());
    assert!(unlabelled(&page("<input type=\"hidden\" name=\"_csrf\">")).is_empty());
    assert_eq!(
        unlabelled(&page("<input name=\"a\"><img src=\"x\">")).len(),
        2
    );
    assert_eq!(
        unlabelled("<head><title>T</title></head><body><h1>T</h1></body>"),
        ["no viewport for phones"]
    );
    assert_eq!(
        unlabelled(&page("<p>no heading</p>").replace("<h1>T</h1>", "")).len(),
        1
    );
    assert_eq!(
        other_script(&page("<p>深港澳科技聯盟</p>"), "zh-Hans"),
        BTreeSet::from(['聯'])
    );
    assert_eq!(
        other_script(&page("<p>深港澳科技联盟</p>"), "zh-Hant"),
        BTreeSet::from(['联'])
    );
    // Marked as another language, shown as stored, or Traditional in its words: not counted.
    assert!(
        other_script(
            &page("<a lang=\"zh-Hant\">繁體</a><pre>聯盟</pre>"),
            "zh-Hans"
        )
        .is_empty()
    );
    assert!(other_script(&page("<p>北斗導航，進一步了解報名表</p>"), "zh-Hant").is_empty());
    let keys = BTreeSet::from(["mm-title".to_owned()]);
    assert_eq!(shown_keys("<h1>mm-title</h1>", &keys), ["mm-title"]);
    assert_eq!(
        shape("/en/events/12/registrations?page=2&q=x"),
        "/en/events/N/registrations?page&q"
    );
}
