//! The order in which each reader expects a list of names.
//!
//! A list of organisations or people has no neutral order across the alliance's three
//! sides. Shenzhen lists names by their pinyin (拼音, as GB/T 13418 and every mainland
//! directory do); Hong Kong and Macao list them by the number of strokes of each
//! character (筆劃, as the Legislative Council, the Government and most boards do); an
//! English reader expects A–Z by the English name. Code-point order is none of these: it
//! groups characters by radical, so 深圳大学 and 澳门大学 fall where no reader looks.
//!
//! The orders are those of the Unicode CLDR as ICU4X compiles them (`icu_collator`): the
//! `zh` collation for pinyin and `zh-u-co-stroke` for strokes. A name is keyed in the
//! script its reader sees it in, since strokes are counted in that script (學 has 16,
//! 学 has 8): the stroke key of a name written in Simplified is taken from its Hong Kong
//! Traditional form.
//!
//! The stores keep each name's three keys ([`NameKeys`]) beside it, so a long list pages
//! in the database in the reader's order. A key is only comparable with keys made by the
//! same collation data, so [`fingerprint`] names that data; a store whose keys were made
//! with another fingerprint remakes them when it opens.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

use crate::{Script, display};

/// An order for lists of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NameOrder {
    /// By pinyin, as Simplified readers expect (the default where no reader is known).
    #[default]
    Pinyin,
    /// By the number of strokes of each character in Traditional script, as Hong Kong
    /// and Macao readers expect.
    Strokes,
    /// A–Z by the English name where one is recorded; names without one follow, by
    /// pinyin.
    Alphabetical,
}

impl NameOrder {
    /// Every order, in the order a form offers them.
    pub const ALL: [NameOrder; 3] = [
        NameOrder::Pinyin,
        NameOrder::Strokes,
        NameOrder::Alphabetical,
    ];

    /// The order a reader of `script` expects.
    pub fn for_reader(script: Script) -> NameOrder {
        match script {
            Script::Hans => NameOrder::Pinyin,
            Script::Hant => NameOrder::Strokes,
            Script::Latin => NameOrder::Alphabetical,
        }
    }

    /// The code used in URLs and the API (`?order=strokes`).
    pub fn code(self) -> &'static str {
        match self {
            NameOrder::Pinyin => "pinyin",
            NameOrder::Strokes => "strokes",
            NameOrder::Alphabetical => "alphabetical",
        }
    }

    /// Parses a code; `None` for anything else, so a caller falls back to the reader's.
    pub fn parse(code: &str) -> Option<NameOrder> {
        NameOrder::ALL.into_iter().find(|o| o.code() == code.trim())
    }
}

/// A name's sort key in each order: byte strings that compare as the names do
/// (`memcmp`, which is how SQLite's BLOB and PostgreSQL's BYTEA compare).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKeys {
    pub pinyin: Vec<u8>,
    pub strokes: Vec<u8>,
    pub alphabetical: Vec<u8>,
}

impl NameKeys {
    /// The key of `order`.
    pub fn get(&self, order: NameOrder) -> &[u8] {
        match order {
            NameOrder::Pinyin => &self.pinyin,
            NameOrder::Strokes => &self.strokes,
            NameOrder::Alphabetical => &self.alphabetical,
        }
    }
}

struct Collators {
    pinyin: CollatorBorrowed<'static>,
    strokes: CollatorBorrowed<'static>,
}

fn collators() -> &'static Collators {
    static COLLATORS: OnceLock<Collators> = OnceLock::new();
    COLLATORS.get_or_init(|| Collators {
        // The data is compiled into the binary; these cannot fail for locales it holds,
        // which the tests below check.
        pinyin: Collator::try_new(locale!("zh").into(), CollatorOptions::default())
            .expect("the zh collation is compiled in"),
        strokes: Collator::try_new(locale!("zh-u-co-stroke").into(), CollatorOptions::default())
            .expect("the zh stroke collation is compiled in"),
    })
}

fn key(collator: &CollatorBorrowed<'static>, text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3);
    // Writing into a Vec cannot fail.
    let _ = collator.write_sort_key_to(text.trim(), &mut out);
    out
}

/// The keys of a name written in `script`, with its English name if one is recorded.
pub fn name_keys(name: &str, script: Script, name_en: Option<&str>) -> NameKeys {
    NameKeys {
        pinyin: sort_key(NameOrder::Pinyin, name, script, name_en),
        strokes: sort_key(NameOrder::Strokes, name, script, name_en),
        alphabetical: sort_key(NameOrder::Alphabetical, name, script, name_en),
    }
}

/// The key of a name in one order, for lists sorted in memory
/// (`sort_by_cached_key`).
pub fn sort_key(order: NameOrder, name: &str, script: Script, name_en: Option<&str>) -> Vec<u8> {
    let c = collators();
    match order {
        NameOrder::Pinyin => key(&c.pinyin, &display(name, script, Script::Hans)),
        NameOrder::Strokes => key(&c.strokes, &display(name, script, Script::Hant)),
        NameOrder::Alphabetical => {
            let english = name_en.map(str::trim).filter(|n| !n.is_empty());
            alphabetical(&c.pinyin, english.unwrap_or(name))
        }
    }
}

/// The script of a stored name from its stored code, read off the name where the code is
/// none of ours.
fn stored_script(code: &str, name: &str) -> Script {
    Script::parse(code).unwrap_or_else(|| crate::detect(name, Script::Hans))
}

/// The keys of a name as the stores keep it: its script as a stored code.
pub fn stored_keys(name: &str, script_code: &str, name_en: Option<&str>) -> NameKeys {
    name_keys(name, stored_script(script_code, name), name_en)
}

/// The key in `order` of a name as the stores keep it, for lists sorted in memory.
pub fn stored_key(
    order: NameOrder,
    name: &str,
    script_code: &str,
    name_en: Option<&str>,
) -> Vec<u8> {
    sort_key(order, name, stored_script(script_code, name), name_en)
}

/// The key of a text as a page shows it (a name already in the reader's script, perhaps
/// with its organisation), its script read off the text.
pub fn shown_key(order: NameOrder, shown: &str) -> Vec<u8> {
    sort_key(order, shown, crate::detect(shown, Script::Hans), None)
}

/// Compares two names in `order`. Each name is given as written (`name`, its script,
/// its English name).
pub fn compare(
    order: NameOrder,
    a: (&str, Script, Option<&str>),
    b: (&str, Script, Option<&str>),
) -> Ordering {
    sort_key(order, a.0, a.1, a.2).cmp(&sort_key(order, b.0, b.1, b.2))
}

/// The English reader's key. The pinyin collation orders Latin letters A–Z, case only
/// breaking ties, but puts every Han character before them (CLDR's `zh` reorders Han
/// first); an English list wants the names it can read first, so a leading byte puts
/// names without Han characters before those with.
fn alphabetical(collator: &CollatorBorrowed<'static>, text: &str) -> Vec<u8> {
    let mut out = vec![if crate::has_han(text) { 2 } else { 1 }];
    out.extend(key(collator, text));
    out
}

/// Names the collation data the keys are made with: a hash of the keys of every
/// character of the CJK Unified Ideographs block and the Latin letters, in both
/// collations. Two builds that order any of them differently have different
/// fingerprints, so stored keys are remade after an upgrade of the data.
pub fn fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let c = collators();
        let sample: String = ('A'..='Z')
            .chain('a'..='z')
            .chain((0x4E00..=0x9FFF).filter_map(char::from_u32))
            .collect();
        // FNV-1a: stable across Rust releases, unlike the standard library's hasher.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in key(&c.pinyin, &sample)
            .into_iter()
            .chain(key(&c.strokes, &sample))
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("cldr-zh-{hash:016x}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(order: NameOrder, names: &[(&str, Script, Option<&str>)]) -> Vec<String> {
        let mut v = names.to_vec();
        v.sort_by(|a, b| compare(order, *a, *b));
        v.into_iter().map(|n| n.0.to_owned()).collect()
    }

    const NAMES: [(&str, Script, Option<&str>); 6] = [
        ("澳門大學", Script::Hant, Some("University of Macau")),
        ("深圳大学", Script::Hans, Some("Shenzhen University")),
        (
            "香港科技大學",
            Script::Hant,
            Some("The Hong Kong University of Science and Technology"),
        ),
        ("大疆创新", Script::Hans, None),
        ("一元科技", Script::Hans, None),
        ("騰訊", Script::Hant, Some("Tencent")),
    ];

    #[test]
    fn pinyin_orders_by_reading_in_either_script() {
        // ào, dà, shēn, téng, xiāng, yī
        assert_eq!(
            sorted(NameOrder::Pinyin, &NAMES),
            [
                "澳門大學",
                "大疆创新",
                "深圳大学",
                "騰訊",
                "香港科技大學",
                "一元科技"
            ]
        );
    }

    #[test]
    fn strokes_count_the_traditional_form() {
        // 一 1, 大 3, 香 9, 深 11, 澳 16, 騰 20: 深圳大学 is counted as 深圳大學.
        assert_eq!(
            sorted(NameOrder::Strokes, &NAMES),
            [
                "一元科技",
                "大疆创新",
                "香港科技大學",
                "深圳大学",
                "澳門大學",
                "騰訊"
            ]
        );
        // Written in either script, a name has one stroke key.
        assert_eq!(
            name_keys("深圳大学", Script::Hans, None).strokes,
            name_keys("深圳大學", Script::Hant, None).strokes
        );
    }

    #[test]
    fn alphabetical_uses_the_english_name_then_pinyin() {
        assert_eq!(
            sorted(NameOrder::Alphabetical, &NAMES),
            [
                "深圳大学",
                "騰訊",
                "香港科技大學",
                "澳門大學",
                "大疆创新",
                "一元科技"
            ]
        );
        // Case does not lead the order: "acme" comes before "Beta".
        assert_eq!(
            sorted(
                NameOrder::Alphabetical,
                &[("Beta", Script::Latin, None), ("acme", Script::Latin, None)]
            ),
            ["acme", "Beta"]
        );
    }

    #[test]
    fn orders_round_trip_and_follow_the_reader() {
        for o in NameOrder::ALL {
            assert_eq!(NameOrder::parse(o.code()), Some(o));
        }
        assert_eq!(NameOrder::parse("radical"), None);
        assert_eq!(NameOrder::for_reader(Script::Hant), NameOrder::Strokes);
        assert_eq!(NameOrder::for_reader(Script::Hans), NameOrder::Pinyin);
        assert_eq!(
            NameOrder::for_reader(Script::Latin),
            NameOrder::Alphabetical
        );
    }

    #[test]
    fn the_fingerprint_is_stable_within_a_build() {
        assert!(fingerprint().starts_with("cldr-zh-"));
        assert_eq!(fingerprint(), fingerprint());
    }
}
