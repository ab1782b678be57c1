//! One OpenCC text dictionary, laid out for fast longest-prefix lookups.
//!
//! OpenCC's `.txt` dictionaries are lines of `key<TAB>value[ value…]`; the first value is
//! the one conversion uses (OpenCC's `GetDefault`). OpenCC itself matches with a marisa
//! trie; we keep two flat tables instead, because almost every position in real text
//! either starts no key at all or starts only a one-character key:
//!
//! * `chars`: one slot per Basic Multilingual Plane code point, holding the value of the
//!   one-character key and whether the character starts a longer key. One array load
//!   answers most positions.
//! * `phrases`: every key of two or more characters, *and every proper prefix of such a
//!   key*, in one hash map keyed by a rolling hash of the characters. Walking a candidate
//!   one character at a time extends the hash and stops at the first prefix that is not in
//!   the map, so a lookup costs one or two probes however long the longest key is. A hit
//!   is checked against the stored key, so a hash collision can cost a probe, never a
//!   wrong conversion.

use std::borrow::Cow;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Packed phrase slot: the low 31 bits hold a value index ([`NONE`] when the exact key has no
/// value), the top bit says that a longer key continues this one.
const NONE: u32 = 0x7FFF_FFFF;
const CONTINUES: u32 = 0x8000_0000;
const EMPTY: u32 = NONE;

/// The slot of a one-character key. Nearly every lookup in real text ends here, so the
/// value (one character of at most four UTF-8 bytes in every OpenCC dictionary) sits in the
/// slot itself: a conversion reads one slot instead of a slot, an entry and the arena.
#[derive(Clone, Copy)]
#[repr(C)]
struct CharSlot {
    /// The value's UTF-8 bytes when `inline` is set, else the entry index (native order).
    bytes: [u8; 4],
    /// The length of an inline value, 0 when the value is in the arena.
    inline: u8,
    has_value: bool,
    continues: bool,
    /// The longest key starting with this character, in characters (capped at 255).
    reach: u8,
}

const EMPTY_CHAR: CharSlot = CharSlot {
    bytes: [0; 4],
    inline: 0,
    has_value: false,
    continues: false,
    reach: 0,
};

/// Phrase slots are keyed by a 64-bit hash of the key's characters, computed one character
/// at a time, so a walk extends its hash instead of rehashing the prefix at every step.
/// The hash is already well mixed; the map must not hash it again.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type PhraseMap = std::collections::HashMap<u64, u32, BuildHasherDefault<Identity>>;

const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn step(hash: u64, code: u32) -> u64 {
    let h = (hash ^ code as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 31)
}

const PAIR_BITS: usize = 1 << 16;

#[inline(always)]
fn pair_bit(hash: u64) -> usize {
    (hash >> 48) as usize
}

#[derive(Clone, Copy)]
struct Entry {
    key: (u32, u32),
    value: (u32, u32),
}

/// The lookup tables of a dictionary, built on its first use.
pub(crate) struct Table {
    /// Keys and values, back to back; entries point into it.
    arena: String,
    entries: Vec<Entry>,
    /// Slots for one-character keys in the BMP, in pages of 256 code points: `pages`
    /// gives each page's place in `chars`, page 0 being all empty. Most dictionaries touch
    /// a few pages, so their tables stay in cache where a flat 65,536-slot table would not.
    pages: Vec<u16>,
    chars: Vec<CharSlot>,
    /// Slots for one-character keys outside the BMP (a handful of rare ideographs).
    astral: FxHashMap<u32, CharSlot>,
    /// Slots for keys of two or more characters and their proper prefixes.
    phrases: PhraseMap,
    /// A bit per hash of the first two characters of those keys (65,536 bits, 8 KiB, in
    /// the first-level cache): lets a caller that has both characters decoded skip most
    /// lookups that cannot match, without a call or a probe.
    pairs: Vec<u64>,
    /// The shortest and longest key, in characters: no walk goes further than the longest,
    /// and a group may be flattened only when its children's lengths do not overlap.
    min_chars: usize,
    max_chars: usize,
}

/// An OpenCC dictionary: one or more text sources (a merge keeps its sources' order),
/// checked when made and turned into lookup tables on first use, so a process pays only for
/// the dictionaries its conversions touch, and a merge of several files is parsed once as
/// one table rather than built from per-file tables.
pub struct Dict {
    name: String,
    sources: Vec<Cow<'static, str>>,
    /// For each source, the child of a first-matching merge it came from (all zero in a
    /// plain merge): a key is left out when a key of an earlier child is a proper prefix of
    /// it, which makes the longest match equal to OpenCC's short-circuit group.
    children: Vec<u16>,
    min_chars: usize,
    max_chars: usize,
    /// The first characters of the keys: a bit per BMP code point, and the rest.
    starts: Vec<u64>,
    astral_starts: Vec<u32>,
    table: OnceLock<Table>,
}

/// A line of a dictionary file that is not `key<TAB>value`.
#[derive(Debug)]
pub struct DictError {
    pub dict: String,
    pub line: usize,
    pub problem: &'static str,
}

impl std::fmt::Display for DictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} line {}: {}", self.dict, self.line, self.problem)
    }
}

impl std::error::Error for DictError {}

/// The (key, first value) pairs of a dictionary text, with the line number of each, or
/// the first malformed line.
fn lines(text: &str) -> impl Iterator<Item = (usize, Result<(&str, &str), &'static str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(number, line)| {
            let parsed = match line.split_once('\t') {
                None => Err("no tab"),
                Some(("", _)) => Err("empty key"),
                Some((key, values)) => match values.split(' ').next().unwrap_or_default() {
                    "" => Err("empty value"),
                    value => Ok((key, value)),
                },
            };
            (number + 1, parsed)
        })
}

impl Dict {
    /// Checks a dictionary in OpenCC's text format (comment lines start with `#`). The
    /// tables are built on first use. When a key appears twice, the first line wins, as in
    /// OpenCC's own matcher.
    pub fn parse(name: &str, text: impl Into<Cow<'static, str>>) -> Result<Dict, DictError> {
        let text = text.into();
        let (mut min_chars, mut max_chars) = (usize::MAX, 0);
        let mut starts = vec![0u64; 0x1_0000 / 64];
        let mut astral_starts = Vec::new();
        for (line, parsed) in lines(&text) {
            let (key, _) = parsed.map_err(|problem| DictError {
                dict: name.to_owned(),
                line,
                problem,
            })?;
            let count = key.chars().count();
            min_chars = min_chars.min(count);
            max_chars = max_chars.max(count);
            let first = key.chars().next().expect("keys are not empty") as u32;
            if first < 0x1_0000 {
                starts[first as usize / 64] |= 1 << (first % 64);
            } else {
                astral_starts.push(first);
            }
        }
        Ok(Dict {
            name: name.to_owned(),
            sources: vec![text],
            children: vec![0],
            min_chars,
            max_chars,
            starts,
            astral_starts,
            table: OnceLock::new(),
        })
    }

    /// One dictionary holding the keys of `dicts`, the earlier dictionary winning when two
    /// hold the same key. Its longest match is the longest match of any of them.
    pub fn merge(name: &str, dicts: &[&Dict]) -> Dict {
        Dict::merge_as(name, dicts, false)
    }

    /// One dictionary whose longest match is OpenCC's short-circuit group of `dicts`: the
    /// longest match of the first of them that matches at all.
    ///
    /// Why a merge can do this: if the first matching child matches `m` there, any longer
    /// match of a later child has `m` as a proper prefix, and such keys are left out; a key
    /// left out can never be the answer, since its earlier-child prefix would match first.
    /// Equal lengths go to the earlier child, as in any merge. One lookup then replaces one
    /// per child.
    pub fn first_matching(name: &str, dicts: &[&Dict]) -> Dict {
        Dict::merge_as(name, dicts, true)
    }

    fn merge_as(name: &str, dicts: &[&Dict], first_matching: bool) -> Dict {
        Dict {
            name: name.to_owned(),
            sources: dicts
                .iter()
                .flat_map(|d| d.sources.iter().cloned())
                .collect(),
            children: dicts
                .iter()
                .enumerate()
                .flat_map(|(i, d)| {
                    let child = if first_matching { i as u16 } else { 0 };
                    d.children
                        .iter()
                        .map(move |c| if first_matching { child } else { *c })
                })
                .collect(),
            min_chars: dicts
                .iter()
                .map(|d| d.min_chars)
                .min()
                .unwrap_or(usize::MAX),
            max_chars: dicts.iter().map(|d| d.max_chars).max().unwrap_or(0),
            starts: (0..0x1_0000 / 64)
                .map(|i| dicts.iter().fold(0, |bits, d| bits | d.starts[i]))
                .collect(),
            astral_starts: dicts
                .iter()
                .flat_map(|d| d.astral_starts.iter().copied())
                .collect(),
            table: OnceLock::new(),
        }
    }

    /// Builds the lookup tables now rather than on the first conversion.
    pub fn prepare(&self) {
        self.table();
    }

    #[inline]
    fn table(&self) -> &Table {
        self.table.get_or_init(|| {
            let size = self.sources.iter().map(|s| s.len()).sum();
            let mut table = Table::empty(size);
            let mut child = 0;
            let mut pending: Vec<(&str, &str)> = Vec::new();
            for (source, &source_child) in self.sources.iter().zip(&self.children) {
                if source_child != child {
                    // The table now holds the earlier children only.
                    table.insert_unshadowed(&pending);
                    pending.clear();
                    child = source_child;
                }
                for (_, parsed) in lines(source) {
                    let entry = parsed.expect("checked when the dictionary was made");
                    if child == 0 {
                        table.insert(entry.0, entry.1).expect("keys hash apart");
                    } else {
                        pending.push(entry);
                    }
                }
            }
            table.insert_unshadowed(&pending);
            table
        })
    }

    /// The characters some key starts with, as a bit per BMP code point plus the
    /// characters beyond it (for a stage's quick-reject table; known without the tables).
    pub fn starting_chars(&self) -> (&[u64], &[u32]) {
        (&self.starts, &self.astral_starts)
    }

    /// The longest key that is a prefix of `text`, as (its length in bytes, its value).
    ///
    /// `code` and `width` are the first character of `text` and its UTF-8 length, which the
    /// caller has already decoded.
    #[inline]
    pub fn longest<'d>(&'d self, text: &[u8], code: u32, width: usize) -> Option<(usize, &'d str)> {
        self.table().longest(text, code, width)
    }

    /// The lookup tables, built now if they were not (lets a loop fetch them once).
    #[inline]
    pub(crate) fn tables(&self) -> &Table {
        self.table()
    }

    /// The file name the dictionary was loaded from, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The number of distinct keys.
    pub fn len(&self) -> usize {
        self.table().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The shortest and longest key in characters.
    pub fn key_chars(&self) -> (usize, usize) {
        (self.min_chars, self.max_chars)
    }
}

impl Table {
    /// The value of the one-character key `code`, if there is one (a lookup that skips
    /// everything about longer keys).
    #[inline(always)]
    pub(crate) fn char_value(&self, code: u32) -> Option<&str> {
        let slot = self.char_slot(code);
        slot.has_value.then(|| self.slot_value(slot))
    }

    /// Whether a key may match text that starts with `code` then `next` (`None` at the end
    /// of the text): false only when none can.
    #[inline(always)]
    pub(crate) fn may_match(&self, code: u32, next: Option<u32>) -> bool {
        let slot = self.char_slot(code);
        slot.has_value
            || (slot.continues
                && next.is_some_and(|next| {
                    let bit = pair_bit(step(step(SEED, code), next));
                    self.pairs[bit / 64] & (1 << (bit % 64)) != 0
                }))
    }

    /// Whether some key starts with an ASCII character.
    pub(crate) fn has_ascii_keys(&self) -> bool {
        let base = self.pages[0] as usize * 256;
        self.pages[0] != 0
            && self.chars[base..base + 128]
                .iter()
                .any(|slot| slot.reach > 0)
    }

    /// The longest key that starts with `code`, in characters (0 when none does).
    #[inline]
    pub(crate) fn reach(&self, code: u32) -> usize {
        self.char_slot(code).reach as usize
    }

    fn empty(capacity: usize) -> Table {
        Table {
            arena: String::with_capacity(capacity),
            entries: Vec::new(),
            pages: vec![0; 256],
            chars: vec![EMPTY_CHAR; 256],
            astral: FxHashMap::default(),
            phrases: PhraseMap::default(),
            pairs: vec![0; PAIR_BITS / 64],
            min_chars: usize::MAX,
            max_chars: 0,
        }
    }

    #[inline]
    fn text(&self, (start, len): (u32, u32)) -> &str {
        &self.arena[start as usize..(start + len) as usize]
    }

    fn push(&mut self, s: &str) -> (u32, u32) {
        let start = self.arena.len() as u32;
        self.arena.push_str(s);
        (start, s.len() as u32)
    }

    fn insert(&mut self, key: &str, value: &str) -> Result<(), &'static str> {
        let count = key.chars().count();
        let mut chars = key.chars();
        let first = chars.next().expect("keys are not empty") as u32;
        let index = self.entries.len() as u32;
        if count == 1 {
            let slot = self.char_slot_mut(first);
            slot.reach = slot.reach.max(1);
            if !slot.has_value {
                slot.has_value = true;
                if value.len() <= 4 {
                    slot.bytes[..value.len()].copy_from_slice(value.as_bytes());
                    slot.inline = value.len() as u8;
                } else {
                    slot.bytes = index.to_ne_bytes();
                }
                let entry = Entry {
                    key: self.push(key),
                    value: self.push(value),
                };
                self.entries.push(entry);
                self.note_length(count);
            }
            return Ok(());
        }
        let slot = self.char_slot_mut(first);
        slot.continues = true;
        slot.reach = slot.reach.max(count.min(255) as u8);
        let mut hash = step(SEED, first);
        for (n, c) in chars.enumerate() {
            hash = step(hash, c as u32);
            let is_key = n + 2 == count;
            if n == 0 {
                let bit = pair_bit(hash);
                self.pairs[bit / 64] |= 1 << (bit % 64);
            }
            let slot = self.phrases.entry(hash).or_insert(EMPTY);
            if !is_key {
                *slot |= CONTINUES;
                continue;
            }
            if *slot & NONE != NONE {
                let existing = self.entries[(*slot & NONE) as usize].key;
                if self.text(existing) != key {
                    return Err("two keys share a hash");
                }
                return Ok(());
            }
            *slot = (*slot & CONTINUES) | index;
            let entry = Entry {
                key: self.push(key),
                value: self.push(value),
            };
            self.entries.push(entry);
            self.note_length(count);
        }
        Ok(())
    }

    /// Inserts the entries whose keys have no proper prefix among the keys already in the
    /// table (see [`Dict::first_matching`]).
    fn insert_unshadowed(&mut self, entries: &[(&str, &str)]) {
        let kept: Vec<(&str, &str)> = entries
            .iter()
            .filter(|(key, _)| {
                let last = key.chars().next_back().map_or(0, char::len_utf8);
                let prefix = &key.as_bytes()[..key.len() - last];
                prefix.is_empty() || {
                    let (code, width) = decode(prefix);
                    self.longest(prefix, code, width).is_none()
                }
            })
            .copied()
            .collect();
        for (key, value) in kept {
            self.insert(key, value).expect("keys hash apart");
        }
    }

    fn note_length(&mut self, count: usize) {
        self.min_chars = self.min_chars.min(count);
        self.max_chars = self.max_chars.max(count);
    }

    fn char_slot_mut(&mut self, code: u32) -> &mut CharSlot {
        if code < 0x1_0000 {
            let page = (code >> 8) as usize;
            if self.pages[page] == 0 {
                self.pages[page] = (self.chars.len() / 256) as u16;
                self.chars.extend_from_slice(&[EMPTY_CHAR; 256]);
            }
            &mut self.chars[self.pages[page] as usize * 256 + (code & 0xFF) as usize]
        } else {
            self.astral.entry(code).or_insert(EMPTY_CHAR)
        }
    }

    #[inline]
    fn char_slot(&self, code: u32) -> &CharSlot {
        if code < 0x1_0000 {
            &self.chars[self.pages[(code >> 8) as usize] as usize * 256 + (code & 0xFF) as usize]
        } else {
            self.astral.get(&code).unwrap_or(&EMPTY_CHAR)
        }
    }

    /// The value of a one-character key's slot.
    #[inline]
    fn slot_value<'d>(&'d self, slot: &'d CharSlot) -> &'d str {
        if slot.inline > 0 {
            let bytes = &slot.bytes[..slot.inline as usize];
            // SAFETY: an inline value is copied whole from a `str` (see `insert`).
            unsafe { std::str::from_utf8_unchecked(bytes) }
        } else {
            let index = u32::from_ne_bytes(slot.bytes);
            self.text(self.entries[index as usize].value)
        }
    }

    /// The longest key that is a prefix of `text`, as (its length in bytes, its value).
    ///
    /// `code` and `width` are the first character of `text` and its UTF-8 length, which the
    /// caller has already decoded.
    #[inline]
    pub fn longest<'d>(&'d self, text: &[u8], code: u32, width: usize) -> Option<(usize, &'d str)> {
        let first = self.char_slot(code);
        if !first.continues {
            return first.has_value.then(|| (width, self.slot_value(first)));
        }
        let mut best = None;
        let mut end = width;
        let mut chars = 1;
        let mut hash = step(SEED, code);
        while chars < self.max_chars && end < text.len() {
            let (c, w) = decode(&text[end..]);
            end += w;
            chars += 1;
            hash = step(hash, c);
            let Some(&slot) = self.phrases.get(&hash) else {
                break;
            };
            if slot & NONE != NONE {
                let index = slot & NONE;
                if self.text(self.entries[index as usize].key).as_bytes() == &text[..end] {
                    best = Some((end, index));
                }
            }
            if slot & CONTINUES == 0 {
                break;
            }
        }
        match best {
            Some((len, index)) => Some((len, self.text(self.entries[index as usize].value))),
            None => first.has_value.then(|| (width, self.slot_value(first))),
        }
    }
}

/// The length of the UTF-8 sequence that starts with `lead`.
#[inline(always)]
pub(crate) fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Decodes the character at the start of `text` (valid UTF-8), with its width.
#[inline(always)]
pub(crate) fn decode(text: &[u8]) -> (u32, usize) {
    let lead = text[0];
    match lead {
        0x00..=0x7F => (lead as u32, 1),
        0xC0..=0xDF => (((lead as u32 & 0x1F) << 6) | (text[1] as u32 & 0x3F), 2),
        0xE0..=0xEF => (
            ((lead as u32 & 0x0F) << 12) | ((text[1] as u32 & 0x3F) << 6) | (text[2] as u32 & 0x3F),
            3,
        ),
        _ => (
            ((lead as u32 & 0x07) << 18)
                | ((text[1] as u32 & 0x3F) << 12)
                | ((text[2] as u32 & 0x3F) << 6)
                | (text[3] as u32 & 0x3F),
            4,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_key_wins_and_first_line_wins() {
        let dict = Dict::parse(
            "t",
            "# c\n意\t義\n意大利\t義大利\n意大利面\t義大利麵 義大利面\n意\t意\n",
        )
        .unwrap();
        let text = "意大利面條".as_bytes();
        assert_eq!(dict.longest(text, '意' as u32, 3), Some((12, "義大利麵")));
        assert_eq!(
            dict.longest("意大".as_bytes(), '意' as u32, 3),
            Some((3, "義"))
        );
        assert_eq!(dict.longest("大".as_bytes(), '大' as u32, 3), None);
        assert_eq!(dict.len(), 3);
    }

    #[test]
    fn a_line_without_a_tab_is_named() {
        let error = Dict::parse("X.txt", "a\tb\nbroken\n").err().unwrap();
        assert_eq!(error.to_string(), "X.txt line 2: no tab");
    }

    #[test]
    fn decode_agrees_with_std() {
        for s in ["a", "é", "信", "𠀀"] {
            let (code, width) = decode(s.as_bytes());
            assert_eq!(char::from_u32(code).unwrap().to_string(), s);
            assert_eq!(width, s.len());
            assert_eq!(utf8_width(s.as_bytes()[0]), s.len());
        }
    }
}
