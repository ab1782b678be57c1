//! Script handling for Baylink.
//!
//! Baylink stores every piece of user content exactly as its author wrote it, together
//! with the script it was written in, and converts it only when it is shown. This crate is
//! the one place that knows how:
//!
//! * [`Script`] names the three scripts content can be written in;
//! * [`display`] converts stored text to the reader's script (Hong Kong standard for
//!   Traditional readers, since the alliance's Traditional readers are in Hong Kong and
//!   Macao);
//! * [`detect`] guesses the script of a text when its author did not say;
//! * [`clean_pinyin_artefacts`] removes the `設(shè)` debris that web converters leave;
//! * [`fold`] makes the key that filters compare, so a query in either script finds a name
//!   in the other.
//! * [`collation`] orders lists of names as each reader expects: by pinyin, by strokes or
//!   A–Z.
//!
//! Conversion gives exactly OpenCC 1.4.2's output (`baylink-opencc`). [`display`] is for
//! names and titles and converts characters only: names of organisations and people must
//! never be rewritten into another region's vocabulary (深圳市信息行业协会 stays 信息, never
//! 資訊). Running text may also carry regional terms when its reader asks for them
//! ([`display_text`]), and search folds every regional form of a term to one
//! ([`fold_terms`]); both use the regional-terms table in `data/regional-terms.tsv`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use baylink_opencc::{Config, Converter, converter};

pub mod collation;
mod terms;
pub use collation::{NameKeys, NameOrder};
pub use terms::{Field, Term, TermUse, display_text, fold_terms, terms};

/// The script a text is written in, recorded next to every stored text.
///
/// The codes are BCP 47 script subtags as used in Baylink's locale prefixes
/// (`zh-Hans`, `zh-Hant`, `en`), so a stored value and a URL prefix read the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Simplified Chinese, as written in Shenzhen and the mainland.
    Hans,
    /// Traditional Chinese, as written in Hong Kong and Macao.
    Hant,
    /// Latin script: English and other Western text, never converted.
    Latin,
}

impl Script {
    /// The code stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Script::Hans => "zh-Hans",
            Script::Hant => "zh-Hant",
            Script::Latin => "en",
        }
    }

    /// Parses a stored or submitted code; accepts the common aliases people type.
    pub fn parse(code: &str) -> Option<Script> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh-hans" | "zh-cn" | "zh-sg" | "hans" | "sc" | "zh" => Some(Script::Hans),
            "zh-hant" | "zh-hk" | "zh-mo" | "zh-tw" | "hant" | "tc" => Some(Script::Hant),
            "en" | "latin" | "latn" => Some(Script::Latin),
            _ => None,
        }
    }
}

/// The converters, built once from OpenCC 1.4.2's data (see `baylink-opencc`): loading
/// costs milliseconds, a conversion microseconds.
struct Converters {
    s2hk: &'static Converter,
    hk2s: &'static Converter,
    t2s: &'static Converter,
}

fn converters() -> Converters {
    Converters {
        s2hk: converter(Config::S2hk),
        hk2s: converter(Config::Hk2s),
        t2s: converter(Config::T2s),
    }
}

/// Loads the dictionaries now rather than on the first request that needs them.
pub fn warm_up() {
    converters();
    terms::warm_up();
}

pub(crate) fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Converts `text`, written in `from`, for a reader of `to`.
///
/// Latin text and text already in the reader's script come back borrowed. A Latin reader
/// gets Chinese text unchanged: there is no machine translation here, and the English
/// name, where one is recorded, is chosen by the caller instead.
pub fn display(text: &str, from: Script, to: Script) -> Cow<'_, str> {
    if from == to || to == Script::Latin || !has_han(text) {
        return Cow::Borrowed(text);
    }
    let converted = cached(text, to, false, || {
        let c = converters();
        match to {
            Script::Hant => c.s2hk.convert(text),
            Script::Hans => c.hk2s.convert(text),
            Script::Latin => unreachable!("handled above"),
        }
    });
    if converted == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(converted)
    }
}

/// Conversions already made, by kind (characters only, or with regional terms), target
/// script and text.
///
/// Pages show the same names over and over, and a conversion costs microseconds where a
/// lookup costs well under one. The cache holds short texts only (names, titles, not long
/// descriptions) and each map is emptied when full, so it never grows without bound.
struct Cache {
    maps: [HashMap<String, String>; 4],
}

const CACHE_ENTRIES: usize = 50_000;
const CACHE_TEXT_BYTES: usize = 512;

pub(crate) fn cached(
    text: &str,
    to: Script,
    with_terms: bool,
    convert: impl FnOnce() -> String,
) -> String {
    static CACHE: OnceLock<RwLock<Cache>> = OnceLock::new();
    if text.len() > CACHE_TEXT_BYTES {
        return convert();
    }
    let cache = CACHE.get_or_init(|| {
        RwLock::new(Cache {
            maps: Default::default(),
        })
    });
    let slot = usize::from(to == Script::Hans) + 2 * usize::from(with_terms);
    if let Some(hit) = cache
        .read()
        .ok()
        .and_then(|c| c.maps[slot].get(text).cloned())
    {
        return hit;
    }
    let converted = convert();
    if let Ok(mut c) = cache.write() {
        let map = &mut c.maps[slot];
        if map.len() >= CACHE_ENTRIES {
            map.clear();
        }
        map.insert(text.to_owned(), converted.clone());
    }
    converted
}

/// Guesses the script of `text`: Traditional if converting it to Simplified changes it,
/// Simplified if converting it to Traditional does, Latin if it holds no Han character.
/// Text that reads the same in both (常見 characters only) gets `fallback`.
pub fn detect(text: &str, fallback: Script) -> Script {
    if !has_han(text) {
        return if text.trim().is_empty() {
            fallback
        } else {
            Script::Latin
        };
    }
    let c = converters();
    let traditional_only = c.t2s.convert(text) != text;
    let simplified_only = c.s2hk.convert(text) != text;
    match (traditional_only, simplified_only) {
        (true, false) => Script::Hant,
        (false, true) => Script::Hans,
        _ => match fallback {
            Script::Latin => Script::Hant,
            other => other,
        },
    }
}

/// The forms by which an organisation's name is recognised however someone typed it, best
/// first: [`fold`]ed, "&" read as "and", punctuation dropped, without a leading "the"
/// and without a trailing legal form (Limited, Ltd., Co., Inc., 有限公司, 股份有限公司,
/// 有限责任公司); then, for a name with a part in brackets ("香港科技大學（HKUST）",
/// "HKITF (Hong Kong IT Federation)"), the name without it, and the part on its own where
/// it is an abbreviation. Forms shorter than two characters are left out.
///
/// Why: registrants type their organisation as they please, and the directory holds one
/// spelling of each; both sides are put in these forms so that "The Hong Kong Information
/// Technology Federation Ltd." and "香港資訊科技聯會 (HKITF)" both find the federation.
pub fn organisation_forms(name: &str) -> Vec<String> {
    const LEGAL: [&str; 12] = [
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "limited",
        "ltd",
        "co",
        "inc",
        "incorporated",
        "corp",
        "llc",
        "plc",
        "gmbh",
    ];
    let folded = fold(name);
    let mut parts = vec![folded.clone()];
    let (mut outer, mut inner, mut depth) = (String::new(), Vec::new(), 0usize);
    for ch in folded.chars() {
        match ch {
            '(' | '（' | '[' | '【' => {
                depth += 1;
                if depth == 1 {
                    inner.push(String::new());
                }
            }
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => inner.last_mut().expect("opened").push(ch),
            _ => outer.push(ch),
        }
    }
    if !inner.is_empty() {
        parts.push(outer);
        // A part in brackets on its own only where it is an abbreviation ("HKUST"): a
        // longer one is as often the parent body or the place ("（深圳市政府）",
        // "(Hong Kong)"), which is not the organisation itself.
        parts.extend(inner.into_iter().filter(|part| {
            let part = part.trim();
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric())
        }));
    }
    let mut forms: Vec<String> = Vec::new();
    for part in parts {
        let spaced: String = part
            .replace('&', " and ")
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let mut form = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(rest) = form.strip_prefix("the ") {
            form = rest.to_owned();
        }
        // A legal form may follow another ("Co., Ltd."): strip until none is left.
        while let Some(rest) = LEGAL.iter().find_map(|legal| {
            form.strip_suffix(legal)
                .filter(|rest| rest.is_empty() || rest.ends_with(' ') || !legal.is_ascii())
                .map(str::trim_end)
                .filter(|rest| rest.chars().count() >= 2)
        }) {
            form = rest.to_owned();
        }
        if form.chars().count() >= 2 && !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// The key that directory filters compare against: Simplified, lower case, with runs of
/// white space folded to one space. Both the stored key and the query are folded the same
/// way, so 協會, 协会 and 協(xié)會 all find each other.
pub fn fold(text: &str) -> String {
    let cleaned = clean_pinyin_artefacts(text);
    let simplified = if has_han(&cleaned) {
        converters().hk2s.convert(&cleaned)
    } else {
        cleaned.into_owned()
    };
    let mut out = String::with_capacity(simplified.len());
    let mut last_space = true;
    for ch in simplified.chars().flat_map(char::to_lowercase) {
        if ch.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(ch);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Vowels with a pinyin tone mark (or ü): what tells a converter's `(xié)` from a real
/// parenthesis such as `(AI)` or `(澳門科技大學)`.
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";

/// Removes pinyin that web converters leave in brackets after characters
/// (`設(shè)有` → `設有`, `聯(lián)盟` → `聯盟`).
///
/// Only a bracket that directly follows a Han character, holds one lower-case syllable of
/// at most seven letters and carries a tone mark is removed; `人工智能(AI)`,
/// `實驗室(澳門科技大學)` and `(de)` stay as written.
pub fn clean_pinyin_artefacts(text: &str) -> Cow<'_, str> {
    if !text.contains('(') && !text.contains('（') {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        if !is_han(c) {
            continue;
        }
        if let Some(len) = pinyin_bracket_len(&chars[i..]) {
            i += len;
            changed = true;
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// If `rest` starts with a bracketed toned pinyin syllable, its length in chars.
fn pinyin_bracket_len(rest: &[char]) -> Option<usize> {
    let open = *rest.first()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let end = rest.iter().take(10).position(|&c| c == close)?;
    let inner = &rest[1..end];
    let plausible = (1..=7).contains(&inner.len())
        && inner
            .iter()
            .all(|&c| c.is_ascii_lowercase() || TONED.contains(c))
        && inner.iter().any(|&c| TONED.contains(c));
    plausible.then_some(end + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn organisation_forms_meet_however_typed() {
        let forms = |n: &str| super::organisation_forms(n);
        let shared = |a: &str, b: &str| forms(a).iter().any(|f| forms(b).contains(f));
        assert!(shared(
            "The Hong Kong Information Technology Federation Ltd.",
            "Hong Kong Information Technology Federation"
        ));
        assert!(shared("香港資訊科技聯會 (HKITF)", "HKITF"));
        assert!(shared("香港資訊科技聯會（HKITF）", "香港资讯科技联会"));
        assert!(shared("深圳市大疆創新科技有限公司", "深圳市大疆创新科技"));
        assert!(shared("Acme Co., Ltd.", "ACME"));
        assert!(shared(
            "Science & Technology Park",
            "science and technology park"
        ));
        // Not the same organisation: a legal form is not all of a name, and a short part
        // is not a form.
        assert!(!shared("Limited", "Ltd"));
        assert!(!shared("香港大學", "香港科技大學"));
        assert!(!shared("深圳市科技創新委員會（深圳市政府）", "深圳市政府"));
        assert!(!shared("Huawei (Hong Kong)", "Hong Kong"));
        assert_eq!(forms("A (B)"), ["a b"]);
        assert_eq!(forms("Hong Kong Limited"), ["hong kong"]);
        assert!(forms("  ").is_empty());
    }

    use super::*;

    #[test]
    fn seed_artefacts_are_removed() {
        assert_eq!(
            clean_pinyin_artefacts("年會設(shè)有三個平行論壇"),
            "年會設有三個平行論壇"
        );
        assert_eq!(
            clean_pinyin_artefacts("深港科技社團聯(lián)盟、深圳市科協(xié)學會"),
            "深港科技社團聯盟、深圳市科協學會"
        );
    }

    #[test]
    fn real_parentheses_stay() {
        for text in [
            "中藥質量研究國家重點實驗室(澳門科技大學)",
            "人工智能(AI)",
            "電子科大(深圳)高研院",
            "的(de)",
            "plain (text)",
        ] {
            assert_eq!(clean_pinyin_artefacts(text), text);
        }
    }

    #[test]
    fn display_converts_between_scripts() {
        assert_eq!(
            display("深圳市信息行业协会", Script::Hans, Script::Hant),
            "深圳市信息行業協會"
        );
        assert_eq!(
            display("香港資訊科技聯會", Script::Hant, Script::Hans),
            "香港资讯科技联会"
        );
        assert_eq!(display("會", Script::Hant, Script::Latin), "會");
        assert!(matches!(
            display("Hong Kong", Script::Latin, Script::Hans),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn detect_tells_the_scripts_apart() {
        assert_eq!(detect("香港資訊科技聯會", Script::Hans), Script::Hant);
        assert_eq!(detect("深圳市信息行业协会", Script::Hant), Script::Hans);
        assert_eq!(detect("Hong Kong", Script::Hant), Script::Latin);
        assert_eq!(detect("中文", Script::Hant), Script::Hant);
    }

    #[test]
    fn fold_meets_across_scripts_and_artefacts() {
        assert_eq!(fold("協會"), fold("协会"));
        assert_eq!(fold("協(xié)會"), fold("协会"));
        assert_eq!(fold("  Hong   KONG "), "hong kong");
    }

    #[test]
    fn script_codes_round_trip() {
        for s in [Script::Hans, Script::Hant, Script::Latin] {
            assert_eq!(Script::parse(s.code()), Some(s));
        }
        assert_eq!(Script::parse("zh-HK"), Some(Script::Hant));
        assert_eq!(Script::parse("xx"), None);
    }
}
