//! The words of an uploaded document, so that search finds a whitepaper by what its PDF
//! says and not only by the title and summary staff typed in.
//!
//! Read here: PDF (through `pdf-extract`, pure Rust on `lopdf`), Word (`.docx`),
//! PowerPoint (`.pptx`) and Excel (`.xlsx`) files, the kinds a publication or a posting may
//! carry. A scanned PDF, whose pages are pictures, is read by OCR where the machine has
//! Tesseract ([`ocr`]); pictures on their own are not read (a product photo would only
//! give the index noise).
//!
//! A document is untrusted input. Whatever it holds, [`words`] returns rather than panics
//! (a PDF reader's panic is caught), reads at most [`MAX_ENTRY_BYTES`] out of any one part
//! of a zip (so a zip bomb stops there) and keeps at most [`MAX_CHARS`] characters. What
//! it cannot read is `None`, and the file is kept all the same: its words are a help to
//! search, never a condition of the upload.
//!
//! What a panic guard cannot catch, a file that makes a reader loop or swell (a PDF
//! stream that inflates to gigabytes), is met by reading each file in a child process
//! of its own, with limits on its memory and time ([`child`]): the server reads uploads
//! that way, and a reader that runs out of either ends alone.

pub mod child;
pub mod ocr;

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use unicode_normalization::UnicodeNormalization;

/// At most this many characters of one document are kept: a few hundred pages of
/// Chinese, more than any whitepaper, while a pathological file cannot swell the index.
pub const MAX_CHARS: usize = 300_000;

/// At most this many bytes are inflated out of one part of a Word, PowerPoint or Excel
/// file (its text is XML, a few megabytes for a long document).
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// The kinds of file read, by extension.
pub const READ_KINDS: [&str; 4] = ["pdf", "docx", "pptx", "xlsx"];

/// The words of `data`, a file named `filename` (its extension tells the kind), tidied
/// for an index: control characters out, runs of blanks made one, and no blank left
/// between two Chinese characters (a PDF breaks lines inside words). `None` when the kind
/// carries no text that is read here, or the file could not be read.
pub fn words(filename: &str, data: &[u8]) -> Option<String> {
    words_of_kind(kind_of(filename)?, data)
}

/// The kind of file `filename` is, by its extension, if it is one whose words are read
/// here (one of [`READ_KINDS`]).
pub fn kind_of(filename: &str) -> Option<&'static str> {
    let ext = filename.rsplit_once('.')?.1.to_ascii_lowercase();
    READ_KINDS.iter().copied().find(|k| *k == ext)
}

/// [`words`] for a file of the given kind (one of [`READ_KINDS`]; `None` for another).
pub fn words_of_kind(kind: &str, data: &[u8]) -> Option<String> {
    if !READ_KINDS.contains(&kind) {
        return None;
    }
    let read = catch_unwind(AssertUnwindSafe(|| match kind {
        "pdf" => pdf_text(data),
        "docx" => ooxml(data, |name| name == "word/document.xml"),
        "pptx" => ooxml(data, |name| {
            name.starts_with("ppt/slides/slide") && name.ends_with(".xml")
        }),
        "xlsx" => ooxml(data, |name| name == "xl/sharedStrings.xml"),
        _ => Err("not read".into()),
    }));
    match read {
        Ok(Ok(text)) => Some(tidy(&text)),
        Ok(Err(e)) => {
            tracing::info!(kind, error = %e, "a document's words could not be read");
            None
        }
        Err(_) => {
            tracing::warn!(kind, "reading a document's words panicked");
            None
        }
    }
}

/// A PDF's text, page after page; where the machine has OCR ([`ocr`]) and at least half
/// the pages' text layers are (almost) empty, a scan, those pages are read off their
/// pictures, and a PDF that cannot be read as text has its first pages read so. (A typed
/// report's few pages of charts or blank separators are not worth the OCR's time.)
fn pdf_text(data: &[u8]) -> Result<String, String> {
    let pages = pdf_pages(data).map_err(|e| e.to_string());
    let Some(ocr) = ocr::available() else {
        return pages.map(|pages| pages.concat());
    };
    match pages {
        Ok(pages) => {
            let scanned: Vec<u32> = (1..)
                .zip(&pages)
                .filter(|(_, text)| ocr::looks_scanned(text))
                .map(|(n, _)| n)
                .collect();
            let mut read = if scanned.is_empty() || scanned.len() * 2 < pages.len() {
                Default::default()
            } else {
                ocr.pdf_pages(data, &scanned)
            };
            Ok((1..)
                .zip(pages)
                .map(|(n, text)| match read.remove(&n) {
                    Some(seen) => format!("{text}\n{seen}\n"),
                    None => text,
                })
                .collect::<String>())
        }
        Err(e) => {
            let read = ocr.pdf_pages(data, &(1..=ocr::MAX_PAGES).collect::<Vec<_>>());
            if read.is_empty() {
                Err(e)
            } else {
                Ok(read.into_values().collect::<Vec<_>>().join("\n"))
            }
        }
    }
}

/// A PDF's text as `pdf-extract` reads it whole (`extract_text_from_mem`'s one pass over
/// the pages, with the same output), cut where each page begins. (Its page-by-page reading
/// starts afresh at each page and stops at the first page it cannot read; this keeps the
/// whole reading's rules, and `bench/documents.sh` measured it as fast as before.)
fn pdf_pages(data: &[u8]) -> Result<Vec<String>, pdf_extract::OutputError> {
    let mut doc = pdf_extract::Document::load_mem(data)?;
    // As `pdf_extract::extract_text_from_mem` does: a PDF locked with an empty password
    // (most "protected" ones) opens.
    if doc.is_encrypted() {
        doc.decrypt("")?;
    }
    let pages = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut output = PageCut {
        pages: pages.clone(),
        text: pdf_extract::PlainTextOutput::new(PageWriter(pages.clone())),
    };
    pdf_extract::output_doc(&doc, &mut output)?;
    drop(output);
    Ok(std::rc::Rc::try_unwrap(pages)
        .map(std::cell::RefCell::into_inner)
        .unwrap_or_default())
}

/// The pages read so far, the last one being written.
type Pages = std::rc::Rc<std::cell::RefCell<Vec<String>>>;

/// Writes `pdf-extract`'s plain text into the last page.
struct PageWriter(Pages);

impl std::fmt::Write for PageWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let mut pages = self.0.borrow_mut();
        if pages.is_empty() {
            pages.push(String::new());
        }
        pages.last_mut().expect("a page").push_str(s);
        Ok(())
    }
}

impl pdf_extract::ConvertToFmt for PageWriter {
    type Writer = PageWriter;
    fn convert(self) -> PageWriter {
        self
    }
}

/// `pdf-extract`'s plain text output, which begins a new page in [`Pages`] at each page.
struct PageCut {
    pages: Pages,
    text: pdf_extract::PlainTextOutput<PageWriter>,
}

impl pdf_extract::OutputDev for PageCut {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.pages.borrow_mut().push(String::new());
        self.text.begin_page(page_num, media_box, art_box)
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.text.end_page()
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.text
            .output_character(trm, width, spacing, font_size, char)
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.text.begin_word()
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.text.end_word()
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.text.end_line()
    }
}

/// The text of the parts of an Office Open XML file that `wanted` names, in document
/// order (slides by their number, not the zip's order).
fn ooxml(data: &[u8], wanted: impl Fn(&str) -> bool) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).map_err(|e| e.to_string())?;
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| wanted(n))
        .map(|n| n.into_owned())
        .collect();
    names.sort_by_key(|n| (number_in(n), n.clone()));
    let mut out = String::new();
    for name in names {
        let entry = zip.by_name(&name).map_err(|e| e.to_string())?;
        let mut xml = Vec::new();
        entry
            .take(MAX_ENTRY_BYTES)
            .read_to_end(&mut xml)
            .map_err(|e| e.to_string())?;
        out.push_str(&xml_text(&String::from_utf8_lossy(&xml)));
        out.push('\n');
        if out.len() > MAX_CHARS * 4 {
            break;
        }
    }
    Ok(out)
}

/// The number in a part's name (`slide12.xml` is 12), for reading slides in order.
fn number_in(name: &str) -> u64 {
    let digits: String = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

/// The running text of an OOXML part: what is inside its text elements (`w:t` in Word,
/// `a:t` in PowerPoint, `t` in Excel's shared strings), a line per paragraph (`w:p`,
/// `a:p`) or string (`si`), a blank for a tab. Only the XML this needs is understood:
/// elements, comments, processing instructions and the predefined and numeric entities.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut inside_text = false;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        if inside_text {
            unescape_into(&rest[..open], &mut out);
        }
        rest = &rest[open..];
        let skip_to = |rest: &str, end: &str| rest.find(end).map(|i| i + end.len());
        let close = if rest.starts_with("<!--") {
            skip_to(rest, "-->")
        } else if rest.starts_with("<![CDATA[") {
            let end = skip_to(rest, "]]>");
            if inside_text && let Some(end) = end {
                out.push_str(&rest[9..end - 3]);
            }
            end
        } else {
            skip_to(rest, ">")
        };
        let Some(close) = close else { break };
        let tag = &rest[..close];
        rest = &rest[close..];
        if tag.starts_with("<!") || tag.starts_with("<?") {
            continue;
        }
        let closing = tag.starts_with("</");
        let self_closing = tag.ends_with("/>");
        let name = tag
            .trim_start_matches(['<', '/'])
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or_default();
        let local = name.rsplit(':').next().unwrap_or(name);
        match local {
            "t" if !self_closing => inside_text = !closing,
            "p" | "si" | "br" | "cr" if closing || self_closing => out.push('\n'),
            "tab" if self_closing => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Appends `text` with its entities (`&amp;`, `&#x4E2D;`, …) turned back into characters;
/// one that is not understood is kept as written.
fn unescape_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Whether `c` is written without blanks between words: Han characters, kana, Hangul,
/// and the full-width punctuation that goes with them.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The text as an index wants it:
/// - in Unicode's compatibility form (NFKC): PDF fonts often map a character to its
///   look-alike, 白 to the Kangxi radical ⽩ and "fl" to the ligature ﬂ, which no query
///   types;
/// - control characters out (NUL among them, which PostgreSQL's text cannot hold);
/// - each run of blanks one blank, or one line break if it held one;
/// - no blank between two Chinese characters, and no line break either unless it ends a
///   sentence or a paragraph (an empty line): a PDF breaks its lines inside words;
/// - at most [`MAX_CHARS`] characters.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_CHARS * 3));
    let mut count = 0;
    let (mut blank, mut newlines) = (false, 0);
    let mut last: Option<char> = None;
    for c in text.nfkc() {
        if c.is_whitespace() || c.is_control() || c == '\u{FFFD}' {
            blank = true;
            newlines += usize::from(c == '\n');
            continue;
        }
        if blank && last.is_some() {
            let joined = last.is_some_and(unspaced) && unspaced(c);
            let separator = match newlines {
                0 if joined => None,
                0 => Some(' '),
                1 if joined && !ends_sentence(last) => None,
                _ => Some('\n'),
            };
            if let Some(separator) = separator {
                out.push(separator);
                count += 1;
            }
        }
        (blank, newlines) = (false, 0);
        if count >= MAX_CHARS {
            break;
        }
        out.push(c);
        count += 1;
        last = Some(c);
    }
    out
}

/// Whether a line that ends with `c` ends a sentence (so the break is kept).
fn ends_sentence(c: Option<char>) -> bool {
    matches!(
        c,
        Some('。' | '！' | '？' | '：' | '；' | '」' | '』' | '）')
    )
}

#[cfg(test)]
mod tests;
