//! Regional terms: the same concept as Shenzhen, Hong Kong and Taiwan write it.
//!
//! OpenCC converts characters and, in its Taiwan configurations, Taiwan vocabulary; nothing
//! in it maps Shenzhen's 信息技术 to Hong Kong's 資訊科技. The alliance needs exactly that,
//! so the table in `data/regional-terms.tsv` holds each term of its fields in mainland, Hong
//! Kong, Taiwan and English form, and three conversions are built on it, each an extra stage
//! after an OpenCC configuration (so the table's keys are in that configuration's output
//! script and longest-match segmentation applies to terms as to OpenCC's own phrases):
//!
//! * mainland text for a Hong Kong reader who asks for regional terms: s2hk, then
//!   mainland → Hong Kong terms;
//! * Hong Kong or Taiwan text for a mainland reader who asks: hk2s, then Hong Kong and
//!   Taiwan → mainland terms;
//! * search folding: hk2s, then every regional form → the mainland form, including the
//!   words the table marks `search` (too ambiguous to rewrite what a reader sees, harmless
//!   when they only widen a search), and OpenCC's own Taiwan-phrase table (tw2sp's).

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use baylink_opencc::{Config, Converter, Dict, Matcher, converter};
use unicode_normalization::UnicodeNormalization;

use crate::{Script, clean_pinyin_artefacts, has_han};

/// The alliance's fields, as the table groups its terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    It,
    Ai,
    Comms,
    Semiconductors,
    Biomedicine,
    Finance,
    Education,
    Government,
}

/// Where a term may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermUse {
    /// In running text shown to a reader who asked for regional terms, and in search.
    Display,
    /// In search folding only: the word has other everyday meanings.
    Search,
}

/// One row of the regional-terms table.
#[derive(Debug, Clone)]
pub struct Term {
    pub field: Field,
    pub mainland: &'static str,
    pub hong_kong: &'static str,
    pub taiwan: &'static str,
    pub english: &'static str,
    /// `opencc:TWPhrases`, `opencc:HKPhrases` (both joined by `+`) or `hand`.
    pub source: &'static str,
    pub usage: TermUse,
}

const TABLE: &str = include_str!("../data/regional-terms.tsv");

/// The regional-terms table, in file order.
pub fn terms() -> &'static [Term] {
    static TERMS: OnceLock<Vec<Term>> = OnceLock::new();
    TERMS.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .enumerate()
            .map(|(i, line)| {
                parse_row(line).unwrap_or_else(|| {
                    panic!("regional-terms.tsv row {} is malformed: {line}", i + 1)
                })
            })
            .collect()
    })
}

fn parse_row(line: &'static str) -> Option<Term> {
    let mut cols = line.split('\t');
    let field = match cols.next()? {
        "it" => Field::It,
        "ai" => Field::Ai,
        "comms" => Field::Comms,
        "semi" => Field::Semiconductors,
        "bio" => Field::Biomedicine,
        "finance" => Field::Finance,
        "edu" => Field::Education,
        "gov" => Field::Government,
        _ => return None,
    };
    let term = Term {
        field,
        mainland: cols.next().filter(|s| !s.is_empty())?,
        hong_kong: cols.next().filter(|s| !s.is_empty())?,
        taiwan: cols.next().filter(|s| !s.is_empty())?,
        english: cols.next().filter(|s| !s.is_empty())?,
        source: cols.next().filter(|s| !s.is_empty())?,
        usage: match cols.next()? {
            "display" => TermUse::Display,
            "search" => TermUse::Search,
            _ => return None,
        },
    };
    cols.next().is_none().then_some(term)
}

struct Conversions {
    to_hong_kong: Converter,
    to_mainland: Converter,
    fold: Converter,
}

/// Builds `base` plus one stage mapping each (key, value) pair, keys already in the base
/// configuration's output script. Pairs whose key equals the value are left out, and the
/// first pair for a key wins (the table lists the more specific reading first).
fn with_terms(
    base: Config,
    name: &str,
    pairs: impl Iterator<Item = (String, String)>,
) -> Converter {
    let mut text = String::new();
    for (key, value) in pairs {
        if key != value && !key.contains(['\t', '\n']) {
            text.push_str(&key);
            text.push('\t');
            text.push_str(&value);
            text.push('\n');
        }
    }
    let dict = Dict::parse(name, text).expect("terms are one line each");
    Converter::new(base).with_stage(Matcher::from_dict(Arc::new(dict)))
}

fn conversions() -> &'static Conversions {
    static CONVERSIONS: OnceLock<Conversions> = OnceLock::new();
    CONVERSIONS.get_or_init(|| {
        let s2hk = converter(Config::S2hk);
        let hk2s = converter(Config::Hk2s);
        let shown = || terms().iter().filter(|t| t.usage == TermUse::Display);
        let to_hong_kong = with_terms(
            Config::S2hk,
            "terms:mainland→hk",
            shown().map(|t| (s2hk.convert(t.mainland), t.hong_kong.to_owned())),
        );
        let to_mainland = with_terms(
            Config::Hk2s,
            "terms:hk,tw→mainland",
            shown()
                .map(|t| (hk2s.convert(t.hong_kong), t.mainland.to_owned()))
                .chain(shown().map(|t| (hk2s.convert(t.taiwan), t.mainland.to_owned()))),
        );
        let all = terms().iter();
        // Search also folds OpenCC's own Taiwan phrases to mainland usage (its tw2sp
        // table, 軟體 → 软件, 資料庫 → 数据库), after the table's terms, which win.
        let t2s = converter(Config::T2s);
        let taiwan_phrases = baylink_opencc::dictionary_source("TWPhrasesRev.txt")
            .expect("vendored")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, v)| {
                (
                    hk2s.convert(k),
                    t2s.convert(v.split(' ').next().unwrap_or(v)),
                )
            });
        let fold = with_terms(
            Config::Hk2s,
            "terms:fold",
            all.clone()
                .map(|t| (hk2s.convert(t.hong_kong), t.mainland.to_owned()))
                .chain(all.map(|t| (hk2s.convert(t.taiwan), t.mainland.to_owned())))
                .chain(taiwan_phrases),
        );
        Conversions {
            to_hong_kong,
            to_mainland,
            fold,
        }
    })
}

pub(crate) fn warm_up() {
    conversions();
}

/// Converts running text (descriptions, summaries, postings) for a reader of `to`.
///
/// Without `regional_terms` this is [`crate::display`]: characters only. With it, a Hong
/// Kong reader of mainland text also gets Hong Kong vocabulary (信息技术 → 資訊科技) and a
/// mainland reader of Hong Kong or Taiwan text gets mainland vocabulary. Names and titles
/// must go through [`crate::display`], never here.
pub fn display_text(text: &str, from: Script, to: Script, regional_terms: bool) -> Cow<'_, str> {
    if !regional_terms || from == to || to == Script::Latin || !has_han(text) {
        return crate::display(text, from, to);
    }
    let converted = crate::cached(text, to, true, || {
        let c = conversions();
        match to {
            Script::Hant => c.to_hong_kong.convert(text),
            Script::Hans => c.to_mainland.convert(text),
            Script::Latin => unreachable!("handled above"),
        }
    });
    if converted == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(converted)
    }
}

/// The form search compares: compatibility-normalised (full-width letters and digits to
/// half width), lower case, pinyin debris removed, Simplified, and every regional form of a
/// term replaced by its mainland form. A query and a document folded the same way meet
/// whichever region wrote them: 資訊科技, 资讯科技 and 信息技术 all fold to 信息技术.
pub fn fold_terms(text: &str) -> String {
    let normalised: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let cleaned = clean_pinyin_artefacts(&normalised);
    if has_han(&cleaned) {
        conversions().fold.convert(&cleaned)
    } else {
        cleaned.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    #[test]
    fn the_table_is_large_covers_every_field_and_has_no_duplicate_rows() {
        let terms = terms();
        assert!(terms.len() >= 300, "{} terms", terms.len());
        let fields: HashSet<_> = terms.iter().map(|t| t.field).collect();
        assert_eq!(fields.len(), 8);
        let mut seen = HashSet::new();
        for t in terms {
            assert!(seen.insert(t.mainland), "{} twice", t.mainland);
            assert_eq!(
                crate::detect(t.hong_kong, Script::Hant),
                Script::Hant,
                "{}",
                t.hong_kong
            );
        }
    }

    /// A row that says it comes from OpenCC must say what OpenCC's phrase dictionary says.
    #[test]
    fn sources_claimed_from_opencc_are_true() {
        let load = |file| {
            let text = std::fs::read_to_string(format!(
                "{}/../opencc/data/dictionary/{file}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .map(|(k, v)| (k.to_owned(), v.split(' ').next().unwrap().to_owned()))
                .collect::<HashMap<_, _>>()
        };
        let tw = load("TWPhrases.txt");
        let hk = load("HKPhrases.txt");
        let s2t = converter(Config::S2t);
        for t in terms() {
            let key = s2t.convert(t.mainland);
            let from_tw = tw.get(&key).is_some_and(|v| v == t.taiwan);
            let from_hk = hk.get(&key).is_some_and(|v| v == t.hong_kong);
            let expected = match (from_tw, from_hk) {
                (true, true) => "opencc:TWPhrases+opencc:HKPhrases",
                (true, false) => "opencc:TWPhrases",
                (false, true) => "opencc:HKPhrases",
                (false, false) => "hand",
            };
            assert_eq!(t.source, expected, "{}", t.mainland);
        }
    }

    #[test]
    fn running_text_takes_regional_terms_when_asked() {
        let text = "深圳信息技术公司的服务器和软件";
        assert_eq!(
            display_text(text, Script::Hans, Script::Hant, false),
            "深圳信息技術公司的服務器和軟件"
        );
        assert_eq!(
            display_text(text, Script::Hans, Script::Hant, true),
            "深圳資訊科技公司的伺服器和軟件"
        );
        assert_eq!(
            display_text("資訊保安方案與短訊服務", Script::Hant, Script::Hans, true),
            "信息安全方案与短信服务"
        );
        assert_eq!(
            display_text("人工智慧與軟體", Script::Hant, Script::Hans, true),
            "人工智能与软件"
        );
    }

    #[test]
    fn names_are_never_rewritten() {
        assert_eq!(
            crate::display("深圳市信息行业协会", Script::Hans, Script::Hant),
            "深圳市信息行業協會"
        );
    }

    #[test]
    fn search_folds_every_form_to_one() {
        let canonical = fold_terms("信息技术");
        for form in ["資訊科技", "资讯科技", "信息技術", "ＩＴ資訊科技"] {
            assert!(
                fold_terms(form).contains(&canonical),
                "{form} → {}",
                fold_terms(form)
            );
        }
        assert_eq!(fold_terms("軟體"), fold_terms("软件"));
        assert_eq!(fold_terms("人工智慧"), fold_terms("人工智能"));
        assert_eq!(fold_terms("數碼化"), fold_terms("數位化"));
        assert_eq!(fold_terms("ＡＢＣ１２３"), "abc123");
    }
}
