//! The three locales and everything said in them.
//!
//! Interface strings live in Fluent files (`locales/{en,zh-Hans,zh-Hant}/main.ftl`)
//! compiled into the binary. User content is not translated but converted: it is stored
//! in its author's script and shown in the reader's (see [`baylink_text::display`]).

use std::borrow::Cow;
use std::collections::HashMap;

use baylink_text::Script;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidirectional isolation marks around arguments show up as stray characters in
        // CJK text and in e-mail subjects; none of our locales is right-to-left.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A locale of the interface, chosen by the URL prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    ZhHant,
    ZhHans,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::ZhHant, Locale::ZhHans, Locale::En];

    /// The URL prefix and the `lang` attribute.
    pub fn code(self) -> &'static str {
        self.script().code()
    }

    /// The script content is shown in.
    pub fn script(self) -> Script {
        match self {
            Locale::ZhHant => Script::Hant,
            Locale::ZhHans => Script::Hans,
            Locale::En => Script::Latin,
        }
    }

    /// The locale named by a URL prefix, exactly (`/zh-hant/` is not a page).
    pub fn from_prefix(prefix: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == prefix)
    }

    /// The locale whose prefix starts `path`, if any.
    pub fn from_path(path: &str) -> Option<Locale> {
        let first = path.trim_start_matches('/').split('/').next()?;
        Locale::from_prefix(first)
    }

    /// The locale's own name, for the language switch.
    pub fn autonym(self) -> &'static str {
        match self {
            Locale::ZhHant => "繁體",
            Locale::ZhHans => "简体",
            Locale::En => "English",
        }
    }

    /// Picks the best locale for an `Accept-Language` header: Hong Kong, Macao and Taiwan
    /// and explicit `zh-Hant` get Traditional, other Chinese gets Simplified, everything
    /// else English. Weights are honoured; ties keep the header's order.
    pub fn negotiate(accept_language: Option<&str>) -> Locale {
        let Some(header) = accept_language else {
            return Locale::ZhHant;
        };
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let locale = if tag.starts_with("zh") {
                if tag.contains("hant")
                    || tag.ends_with("-hk")
                    || tag.ends_with("-mo")
                    || tag.ends_with("-tw")
                {
                    Some(Locale::ZhHant)
                } else {
                    Some(Locale::ZhHans)
                }
            } else if tag.starts_with("en") {
                Some(Locale::En)
            } else {
                None
            };
            if let Some(l) = locale
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Locale::En)
    }

    fn langid(self) -> &'static LanguageIdentifier {
        use std::sync::LazyLock;
        static IDS: LazyLock<[LanguageIdentifier; 3]> = LazyLock::new(|| {
            ["zh-Hant", "zh-Hans", "en"].map(|s| s.parse().expect("valid language id"))
        });
        let i = match self {
            Locale::ZhHant => 0,
            Locale::ZhHans => 1,
            Locale::En => 2,
        };
        &IDS[i]
    }

    /// The interface string `key`. A missing key shows as the key itself, which the
    /// locale-completeness test keeps from ever reaching a reader.
    pub fn t(self, key: &str) -> String {
        // A message without arguments always formats the same, and every page formats
        // dozens of them: each is formatted once per process and then copied.
        use std::sync::{LazyLock, RwLock};
        static CACHE: LazyLock<RwLock<HashMap<(Locale, String), String>>> =
            LazyLock::new(|| RwLock::new(HashMap::new()));
        if let Some(hit) = CACHE
            .read()
            .ok()
            .and_then(|c| c.get(&(self, key.to_owned())).cloned())
        {
            return hit;
        }
        let text = LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_owned());
        if let Ok(mut c) = CACHE.write() {
            // Keys come from the code and the templates, a closed set; the bound only
            // guards against a bug that would make them up.
            if c.len() < 10_000 {
                c.insert((self, key.to_owned()), text.clone());
            }
        }
        text
    }

    /// The interface string `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// Whether `key` exists in this locale's own file (no fallback).
    pub fn has(self, key: &str) -> bool {
        // With every argument our messages take, so those that need one resolve too.
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = [
            "count",
            "limit",
            "minutes",
            "event",
            "name",
            "when",
            "link",
            "status",
            "expires",
            "line",
            "email",
            "agenda",
            "terms",
            "sectors",
            "modes",
            "title",
            "date",
            "other",
            "message",
            "deadline",
            "before",
            "thread",
            "browser",
            "address",
            "account",
            "words",
            "organisation",
            "lines",
            "place",
            "languages",
            "stage",
            "note",
            "year",
            "side",
            "month",
            "change",
            "answers",
            "question",
            "answer",
            "days",
            "average",
            "until",
            "filters",
            "postings",
            "stop",
            "alerts",
            "site",
        ]
        .into_iter()
        .map(|k| (Cow::Borrowed(k), FluentValue::from(2)))
        .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &args)
            .is_some()
    }

    /// Stored text in its author's `script`, shown in this locale's script.
    pub fn text<'a>(self, text: &'a str, script: &str) -> Cow<'a, str> {
        let from = Script::parse(script).unwrap_or(Script::Hant);
        baylink_text::display(text, from, self.script())
    }

    /// Free text whose script was not recorded (an option a registrant chose, an
    /// organisation typed at registration): its script is read off the text, then it is
    /// shown in this locale's.
    pub fn typed(self, text: &str) -> String {
        let script = baylink_text::detect(text, self.script());
        self.text(text, script.code()).into_owned()
    }

    /// Between the items of a list in running text: 、 in Chinese, a comma in English.
    pub fn list_separator(self) -> &'static str {
        if self == Locale::En { ", " } else { "、" }
    }

    /// A name: the English form for English readers where there is one, else the name
    /// converted to the reader's script.
    pub fn name(self, name: &str, script: &str, name_en: Option<&str>) -> String {
        match (self, name_en) {
            (Locale::En, Some(en)) if !en.trim().is_empty() => en.to_owned(),
            _ => self.text(name, script).into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_script() {
        assert_eq!(
            Locale::negotiate(Some("zh-HK,zh;q=0.9,en;q=0.8")),
            Locale::ZhHant
        );
        assert_eq!(Locale::negotiate(Some("zh-CN,zh;q=0.9")), Locale::ZhHans);
        assert_eq!(Locale::negotiate(Some("en-GB,en;q=0.9")), Locale::En);
        assert_eq!(
            Locale::negotiate(Some("fr-FR,en;q=0.5,zh-TW;q=0.7")),
            Locale::ZhHant
        );
        assert_eq!(Locale::negotiate(Some("de")), Locale::En);
        assert_eq!(Locale::negotiate(None), Locale::ZhHant);
    }

    #[test]
    fn prefixes_are_exact() {
        assert_eq!(
            Locale::from_path("/zh-Hans/organisations"),
            Some(Locale::ZhHans)
        );
        assert_eq!(Locale::from_path("/zh-hans/"), None);
        assert_eq!(Locale::from_path("/api/v1"), None);
    }

    #[test]
    fn content_is_converted_for_the_reader() {
        assert_eq!(Locale::ZhHans.text("年會", "zh-Hant"), "年会");
        assert_eq!(Locale::ZhHant.text("年会", "zh-Hans"), "年會");
        assert_eq!(
            Locale::En.name("香港資訊科技聯會", "zh-Hant", Some("HKITF")),
            "HKITF"
        );
        assert_eq!(
            Locale::En.name("香港資訊科技聯會", "zh-Hant", None),
            "香港資訊科技聯會"
        );
    }
}

#[cfg(test)]
mod completeness {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::Locale;

    fn keys(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every message exists in all three locales, and nowhere else.
    #[test]
    fn the_three_locales_have_the_same_messages() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let en = keys(&read(&dir.join("en/main.ftl")));
        assert!(en.len() > 100);
        for l in ["zh-Hans", "zh-Hant"] {
            let other = keys(&read(&dir.join(l).join("main.ftl")));
            assert_eq!(
                en.difference(&other).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "missing in {l}"
            );
            assert_eq!(
                other.difference(&en).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "only in {l}"
            );
        }
    }

    /// Every key the templates and the code name, and every label of every code list,
    /// resolves in every locale without falling back.
    #[test]
    fn every_key_used_resolves_in_every_locale() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = BTreeSet::new();
        let mut files = Vec::new();
        for dir in ["templates", "src", "../store/src"] {
            let mut stack = vec![root.join(dir)];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).unwrap().flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        files.push(p);
                    }
                }
            }
        }
        for f in files {
            let text = read(&f);
            // The kinds of record the store writes to the audit log, which the audit page
            // names (`audit-entity-…`): the fourth argument of its `audit(` calls.
            if f.components().any(|c| c.as_os_str() == "store") {
                for call in text.split("audit(").skip(1) {
                    let args: Vec<&str> = call.splitn(5, ',').map(str::trim).collect();
                    if let Some(kind) = args.get(3).and_then(|a| a.strip_prefix('"')) {
                        let kind = kind.trim_end_matches('"');
                        if kind.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                            used.insert(format!("audit-entity-{kind}"));
                        }
                    }
                }
            }
            for pat in ["t(\"", "tn(\"", "targ(\"", "tname(\"", "\"err-", "\"mail-"] {
                for piece in text.split(pat).skip(1) {
                    let key: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                        .collect();
                    let key = match pat {
                        "\"err-" => format!("err-{key}"),
                        "\"mail-" => format!("mail-{key}"),
                        _ => key,
                    };
                    if key.len() > 2 && key.contains('-')
                        || [
                            "edit", "delete", "save", "add", "cancel", "filter", "remove", "none",
                        ]
                        .contains(&key.as_str())
                    {
                        used.insert(key);
                    }
                }
            }
        }
        let kinds = used
            .iter()
            .filter(|k| k.starts_with("audit-entity-"))
            .count();
        assert!(
            kinds >= 30,
            "the audit log's kinds of record were found: {kinds}"
        );
        use baylink_store::{OfficerRole, OrgType, Region, Role};
        used.extend(OrgType::ALL.iter().map(|v| v.label_key()));
        used.extend(Region::ALL.iter().map(|v| v.label_key()));
        used.extend(Role::ALL.iter().map(|v| v.label_key()));
        used.extend(OfficerRole::ALL.iter().map(|v| v.label_key()));
        use baylink_store::{EventKind, EventRole, ItemKind, RegStatus, SessionKind};
        used.extend(EventKind::ALL.iter().map(|v| v.label_key()));
        used.extend(EventRole::ALL.iter().map(|v| v.label_key()));
        used.extend(SessionKind::ALL.iter().map(|v| v.label_key()));
        used.extend(ItemKind::ALL.iter().map(|v| v.label_key()));
        used.extend(RegStatus::ALL.iter().map(|v| v.label_key()));
        use baylink_store::market::{AgreementType, InterestStatus, IpStatus, PipelineStage};
        use baylink_store::{CoopMode, PostingKind, PostingSide, PostingStatus, Sector, Stage};
        used.extend(PostingSide::ALL.iter().map(|v| v.label_key()));
        used.extend(PostingKind::ALL.iter().map(|v| v.label_key()));
        used.extend(Sector::ALL.iter().map(|v| v.label_key()));
        used.extend(Stage::ALL.iter().map(|v| v.label_key()));
        used.extend(CoopMode::ALL.iter().map(|v| v.label_key()));
        used.extend(IpStatus::ALL.iter().map(|v| v.label_key()));
        used.extend(PostingStatus::ALL.iter().map(|v| v.label_key()));
        used.extend(InterestStatus::ALL.iter().map(|v| v.label_key()));
        used.extend(PipelineStage::ALL.iter().map(|v| v.label_key()));
        used.extend(AgreementType::ALL.iter().map(|v| v.label_key()));
        used.extend(
            [
                "why-terms",
                "why-sectors",
                "why-modes",
                "mail-expiry-subject",
                "mail-expiry-body",
            ]
            .map(String::from),
        );
        use baylink_store::{
            MatchmakingStatus, MeetingLanguage, MeetingOutcome, MeetingSession, RequestStatus,
        };
        used.extend(MeetingSession::ALL.iter().map(|v| v.label_key()));
        used.extend(MeetingLanguage::ALL.iter().map(|v| v.label_key()));
        used.extend(MatchmakingStatus::ALL.iter().map(|v| v.label_key()));
        used.extend(RequestStatus::ALL.iter().map(|v| v.label_key()));
        used.extend(MeetingOutcome::ALL.iter().map(|v| v.label_key()));
        // The check-in page's script messages and the mail.
        used.extend(
            [
                "mail-confirmed-subject",
                "mail-waiting-subject",
                "mail-pending-subject",
                "mail-declined-subject",
                "mail-promoted-subject",
                "mail-cancelled-subject",
                "mail-body",
                "mail-agenda-subject",
                "mail-agenda-body",
                "checkin-ok",
                "checkin-again",
                "checkin-queued",
                "checkin-pending",
                "offline",
                "online",
                "no-camera",
                "unknown",
                "registrations",
                "registered",
                "attended",
                "attendance",
                "participants",
                "approve",
                "decline",
                "programme",
                "register",
                "ticket",
            ]
            .map(String::from),
        );
        used.extend(
            [
                "script-zh-Hant",
                "script-zh-Hans",
                "script-en",
                "audit-create",
                "audit-update",
                "audit-delete",
            ]
            .map(String::from),
        );
        // Header and field names that the scan picks up but are not messages.
        for not_a_key in [
            "x-csrf-token",
            "x-content-type-options",
            "x-frame-options",
            "referrer-policy",
            "sec-fetch-site",
            "content-security-policy",
            "err-",
            "mail-",
        ] {
            used.remove(not_a_key);
        }
        for l in Locale::ALL {
            let missing: Vec<_> = used.iter().filter(|k| !l.has(k)).collect();
            assert!(missing.is_empty(), "{l:?} lacks {missing:?}");
        }
    }
}
