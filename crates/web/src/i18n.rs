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
            if let Some(l) = locale {
                if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, l));
                }
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
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_owned())
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
        LOCALES.try_lookup(self.langid(), key).is_some()
    }

    /// Stored text in its author's `script`, shown in this locale's script.
    pub fn text<'a>(self, text: &'a str, script: &str) -> Cow<'a, str> {
        let from = Script::parse(script).unwrap_or(Script::Hant);
        baylink_text::display(text, from, self.script())
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
