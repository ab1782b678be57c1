//! The analysis that documents and queries share, so that 信息技术, 資訊科技, 资讯科技 and
//! "information technology" produce the same terms:
//!
//! 1. [`baylink_text::fold_terms`]: compatibility normalisation (full width → half width),
//!    lower case, pinyin debris removed, OpenCC hk2s, and every regional form of a term
//!    replaced by its mainland form;
//! 2. English terms of the regional-terms table, found at word boundaries, also emit their
//!    mainland form's words, so an English query meets Chinese text and back;
//! 3. jieba segmentation in search mode (a compound and its parts: 人工智能, 人工, 智能);
//! 4. tokens without a letter or digit dropped; English words stemmed.
//!
//! Token offsets point into the text as it was given, not the folded text, whenever folding
//! kept the number of characters (OpenCC maps almost everything one to one), so matches
//! can be highlighted in the original. When it did not, offsets are empty and the token
//! still matches; it is only not highlighted.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer};

/// The name the analyser is registered under in the index.
pub const ANALYZER: &str = "baylink";

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// English forms of the regional terms (lower case, without a parenthetical note) and the
/// mainland form each stands for.
static ENGLISH: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut mainland = Vec::new();
    for term in baylink_text::terms() {
        let english = term
            .english
            .split(" (")
            .next()
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        if english.len() >= 3 {
            patterns.push(english);
            mainland.push(term.mainland);
        }
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("English terms build an automaton");
    (automaton, mainland)
});

/// Loads jieba's dictionary and the term tables now rather than on the first search.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
    LazyLock::force(&ENGLISH);
    baylink_text::fold_terms("預熱");
}

/// Which analysis an index uses: Baylink's, or one of the two baselines the evaluation
/// measures it against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analysis {
    /// Folding, English terms, jieba, pairs, stemming (this module).
    Baylink,
    /// Baseline: tantivy's default tokenizer (split on non-alphanumerics, lower case).
    TantivyDefault,
    /// Baseline: jieba search mode and lower case, without script conversion.
    JiebaOnly,
    /// Baseline: script conversion only (OpenCC hk2s, lower case), then jieba: no
    /// regional terms, no English terms, no pairs, no stemming.
    ConvertedOnly,
}

/// The analyser to register in a tantivy index.
pub fn analyzer() -> TextAnalyzer {
    analyzer_for(Analysis::Baylink)
}

/// The analyser of `analysis`.
pub fn analyzer_for(analysis: Analysis) -> TextAnalyzer {
    match analysis {
        Analysis::Baylink => TextAnalyzer::builder(FoldingTokenizer { fold: true })
            .filter(Stemmer::new(Language::English))
            .build(),
        Analysis::TantivyDefault => {
            TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
                .filter(tantivy::tokenizer::RemoveLongFilter::limit(40))
                .filter(tantivy::tokenizer::LowerCaser)
                .build()
        }
        Analysis::JiebaOnly => TextAnalyzer::builder(FoldingTokenizer { fold: false })
            .filter(tantivy::tokenizer::LowerCaser)
            .build(),
        Analysis::ConvertedOnly => TextAnalyzer::builder(ConvertingTokenizer).build(),
    }
}

/// The terms `text` analyses to, with their byte ranges in `text` (empty when unknown).
pub fn analyze(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    analyze_with(Analysis::Baylink, text)
}

/// [`analyze`] with another analysis.
pub fn analyze_with(analysis: Analysis, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut analyzer = analyzer_for(analysis);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.offset_from..t.offset_to));
    }
    out
}

#[derive(Clone)]
pub struct FoldingTokenizer {
    /// Off for the jieba-only baseline: segment the text as written.
    fold: bool,
}

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for FoldingTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: if self.fold {
                tokens(text)
            } else {
                jieba_tokens(text)
            },
            next: 0,
        }
    }
}

/// The conversion-only baseline's tokenizer: jieba over [`baylink_text::fold`] (script
/// conversion and lower case, without the regional-terms table).
#[derive(Clone)]
pub struct ConvertingTokenizer;

impl Tokenizer for ConvertingTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let folded = baylink_text::fold(text);
        let mut tokens = jieba_tokens(&folded);
        // Offsets point into the folded text; this baseline is only ever scored.
        for t in &mut tokens {
            t.offset_from = 0;
            t.offset_to = 0;
        }
        VecTokenStream { tokens, next: 0 }
    }
}

/// The jieba-only baseline: search-mode words of the text as written.
fn jieba_tokens(text: &str) -> Vec<Token> {
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    JIEBA
        .tokenize(text, TokenizeMode::Search, true)
        .into_iter()
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .enumerate()
        .map(|(position, t)| Token {
            offset_from: offsets[t.start],
            offset_to: offsets[t.end],
            position,
            text: t.word.to_owned(),
            position_length: 1,
        })
        .collect()
}

fn tokens(text: &str) -> Vec<Token> {
    let folded = baylink_text::fold_terms(text);
    // Byte offset in `text` of each character index of `folded`, when they align.
    let original: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let aligned = original.len() == folded.chars().count() + 1;
    let span = |start: usize, end: usize| {
        if aligned {
            (original[start], original[end])
        } else {
            (0, 0)
        }
    };
    let mut out = Vec::new();
    let mut push = |word: &str, from: usize, to: usize| {
        if !word.chars().any(char::is_alphanumeric) {
            return;
        }
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position: out.len(),
            text: word.to_owned(),
            position_length: 1,
        });
    };
    for t in JIEBA.tokenize(&folded, TokenizeMode::Search, true) {
        let (from, to) = span(t.start, t.end);
        push(t.word, from, to);
        // A word jieba does not split (a name, a new coinage) also yields its character
        // pairs, so 小文 finds 陳小文 and 深港 finds 深港澳.
        let chars: Vec<(usize, char)> = t.word.char_indices().collect();
        if chars.len() >= 3 && chars.iter().all(|(_, c)| is_han(*c)) {
            for i in 0..chars.len() - 1 {
                let end = chars.get(i + 2).map_or(t.word.len(), |(b, _)| *b);
                let (from, to) = span(t.start + i, t.start + i + 2);
                push(&t.word[chars[i].0..end], from, to);
            }
        }
    }
    // English terms: their mainland form's words, at the English words' place.
    let (automaton, mainland) = &*ENGLISH;
    let char_index = |byte: usize| folded[..byte].chars().count();
    for m in automaton.find_iter(&folded) {
        let before = folded[..m.start()].chars().next_back();
        let after = folded[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let (from, to) = span(char_index(m.start()), char_index(m.end()));
        for t in JIEBA.tokenize(mainland[m.pattern().as_usize()], TokenizeMode::Search, true) {
            push(t.word, from, to);
        }
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn regions_and_languages_meet() {
        let mainland = terms("信息技术");
        for other in [
            "資訊科技",
            "资讯科技",
            "Information Technology",
            "ＩＮＦＯＲＭＡＴＩＯＮ technology",
        ] {
            let got = terms(other);
            assert!(
                mainland.iter().any(|t| got.contains(t)),
                "{other}: {got:?} vs {mainland:?}"
            );
        }
        assert!(terms("軟體開發").contains(&"软件".to_owned()));
        assert!(terms("人工智慧").contains(&"人工智能".to_owned()));
    }

    #[test]
    fn offsets_point_into_the_original() {
        let text = "香港資訊科技聯會";
        for (term, range) in analyze(text) {
            if term == "科技" {
                assert_eq!(&text[range], "科技");
            }
        }
    }

    #[test]
    fn english_is_stemmed_and_punctuation_dropped() {
        assert_eq!(terms("Learning, learned!"), ["learn", "learn"]);
        assert!(terms("—，。").is_empty());
    }
}
