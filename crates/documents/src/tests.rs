//! The readers on real files: a PDF that Chromium printed from
//! `tests/fixtures/whitepaper.html` (Noto CJK, embedded as a subset with its ToUnicode
//! map, as office software and browsers write Chinese PDFs), an Excel file written by
//! `rust_xlsxwriter`, and Word and PowerPoint parts written out as those programs do.

use std::io::Write;

use super::*;

const PDF: &[u8] = include_bytes!("../tests/fixtures/whitepaper.pdf");
/// Two pages drawn as pictures (Noto Sans CJK HK, 150 dpi), as a scanner writes them: no
/// text layer at all.
const SCAN: &[u8] = include_bytes!("../tests/fixtures/scan.pdf");

fn ooxml_file(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_chinese_pdf_reads_whole_words_across_its_line_breaks() {
    let text = words("白皮書.PDF", PDF).expect("the PDF is read");
    // Printed as "…發布，探討粵" / "港澳大灣區的資訊科技…": the break is inside a word.
    for phrase in [
        "互聯網智慧白皮書",
        "粵港澳大灣區",
        "資訊科技與人工智能產業協同發展",
        "Greater Bay Area",
        "technology alliance",
    ] {
        assert!(text.contains(phrase), "{phrase:?} not in {text:?}");
    }
    assert!(!text.contains("  "), "{text:?}");
}

#[test]
fn a_word_file_reads_its_runs_paragraphs_and_entities() {
    let doc = ooxml_file(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"),
        (
            "word/document.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
             <w:p><w:r><w:t>深圳市信息</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">行业协会 &amp; </w:t></w:r>\
             <w:r><w:t>HKITF</w:t></w:r></w:p><!-- <w:t>a comment</w:t> -->\
             <w:p><w:r><w:t>A&lt;B</w:t><w:tab/><w:t>&#x4E2D;&#25991;</w:t></w:r></w:p>\
             <w:p><w:r><w:instrText>PAGE</w:instrText></w:r></w:p></w:body></w:document>",
        ),
    ]);
    let text = words("plan.docx", &doc).unwrap();
    assert_eq!(text, "深圳市信息行业协会 & HKITF\nA<B 中文");
}

#[test]
fn a_presentation_reads_its_slides_in_their_order() {
    let slide = |t: &str| {
        format!(
            "<p:sld xmlns:a=\"a\" xmlns:p=\"p\"><p:txBody><a:p><a:r><a:t>{t}</a:t></a:r></a:p></p:txBody></p:sld>"
        )
    };
    let deck = ooxml_file(&[
        ("ppt/slides/slide10.xml", &slide("第十頁")),
        ("ppt/slides/slide2.xml", &slide("second")),
        ("ppt/slides/slide1.xml", &slide("first")),
        ("ppt/notesSlides/notesSlide1.xml", &slide("speaker notes")),
    ]);
    assert_eq!(words("deck.pptx", &deck).unwrap(), "first\nsecond\n第十頁");
}

#[test]
fn a_spreadsheet_reads_its_strings() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "跨境數據").unwrap();
    sheet.write_string(1, 0, "Cross-border data").unwrap();
    sheet.write_number(2, 0, 42.0).unwrap();
    let data = book.save_to_buffer().unwrap();
    let text = words("figures.xlsx", &data).unwrap();
    assert!(text.contains("跨境數據"), "{text:?}");
    assert!(text.contains("Cross-border data"), "{text:?}");
}

#[test]
fn what_cannot_be_read_is_none_and_never_a_panic() {
    assert_eq!(words("photo.png", PDF), None, "images are not read");
    assert_eq!(words("no-extension", PDF), None);
    assert_eq!(words("broken.pdf", b"%PDF-1.7 not really"), None);
    assert_eq!(words("broken.docx", b"PK\x03\x04 not a zip"), None);
    // A PDF cut anywhere (an upload broken off): some answer, no panic out of here.
    for cut in [10, 1_000, PDF.len() / 3, PDF.len() / 2, PDF.len() - 200] {
        let _ = words("cut.pdf", &PDF[..cut]);
    }
    // A Word file without its document part.
    let empty = ooxml_file(&[("word/styles.xml", "<w:styles/>")]);
    assert_eq!(words("empty.docx", &empty), Some(String::new()));
}

#[test]
fn tidy_joins_chinese_lines_and_keeps_other_breaks() {
    assert_eq!(
        tidy("  粵\n港澳 大灣區\u{0}\t \n\nGreater   Bay\nArea  "),
        "粵港澳大灣區\nGreater Bay\nArea"
    );
    // A line ending a sentence keeps its break; a blank between a Chinese and a Latin
    // word stays.
    assert_eq!(tidy("完成。\n下一段 AI 產業"), "完成。\n下一段 AI 產業");
    // A paragraph (an empty line) keeps its break; look-alikes a font mapped to become
    // the characters a query types.
    assert_eq!(tidy("標題\n\n正文"), "標題\n正文");
    assert_eq!(tidy("⽩⽪書 ﬂows"), "白皮書 flows");
}

#[test]
fn at_most_max_chars_are_kept() {
    let long = "數".repeat(MAX_CHARS + 10);
    assert_eq!(tidy(&long).chars().count(), MAX_CHARS);
    let doc = ooxml_file(&[(
        "word/document.xml",
        &format!("<w:p><w:t>{}</w:t></w:p>", "字 ".repeat(MAX_CHARS)),
    )]);
    assert_eq!(words("long.docx", &doc).unwrap().chars().count(), MAX_CHARS);
}

/// The child's side of the protocol, without its limits (a test must not confine the test
/// process): the words of a file on standard output and the exit status that says so.
#[test]
fn the_child_writes_the_words_and_says_what_it_read() {
    let mut out = Vec::new();
    let status = child::read_and_write("pdf", &mut &PDF[..], &mut out);
    assert_eq!(status, child::READ);
    let read = String::from_utf8(out).unwrap();
    assert_eq!(Some(read), words("whitepaper.pdf", PDF));

    // A kind not read, and a file that is not what its kind says: no words, nothing written.
    for (kind, data) in [("png", PDF), ("pdf", &b"not a pdf"[..])] {
        let mut out = Vec::new();
        let status = child::read_and_write(kind, &mut &data[..], &mut out);
        assert_eq!((status, out.len()), (child::NO_WORDS, 0), "{kind}");
    }

    // More than any upload: refused before it is read.
    let mut big = std::io::repeat(b' ').take(child::MAX_INPUT_BYTES + 1);
    let mut out = Vec::new();
    assert_eq!(
        child::read_and_write("pdf", &mut big, &mut out),
        child::BAD_INPUT
    );
    assert!(out.is_empty());
}

#[test]
fn a_scanned_page_is_told_from_a_typed_one_by_its_text_layer() {
    let pages = |data: &[u8]| pdf_pages(data).unwrap();
    let scan = pages(SCAN);
    assert_eq!(scan.len(), 2);
    assert!(scan.iter().all(|page| ocr::looks_scanned(page)));
    assert!(pages(PDF).iter().all(|page| !ocr::looks_scanned(page)));
    // Cut into pages, the text is the whole reading's.
    assert_eq!(
        pages(PDF).concat(),
        pdf_extract::extract_text_from_mem(PDF).unwrap()
    );
}

/// Needs Tesseract with its `chi_tra`, `chi_sim` and `eng` models and Poppler's
/// `pdftoppm` (Debian: tesseract-ocr, tesseract-ocr-chi-tra, tesseract-ocr-chi-sim,
/// poppler-utils), which `.ci/run` installs before it runs this.
#[test]
#[ignore = "needs tesseract and pdftoppm: run by .ci/run"]
fn a_scanned_pdf_is_read_by_ocr_in_both_scripts_and_english() {
    let ocr = ocr::available().expect("tesseract, its models and pdftoppm on the PATH");
    assert_eq!(ocr.models(), "chi_tra+chi_sim+eng");
    let text = words("掃描.pdf", SCAN).expect("the scan is read");
    for phrase in [
        "深港澳科技聯盟",
        "互聯網智慧白皮書",
        // The second page: a scan is read past its cover.
        "深圳市信息行业协会",
        "Greater Bay Area",
    ] {
        assert!(text.contains(phrase), "{phrase:?} not in {text:?}");
    }
    // Simplified print may come out in Traditional characters (the models read both), which
    // search folds together.
    assert!(
        text.contains("锂电池回收技术") || text.contains("鋰電池回收技術"),
        "{text:?}"
    );
    // As the server reads it: in a child, through the same protocol.
    let mut out = Vec::new();
    assert_eq!(
        child::read_and_write("pdf", &mut &SCAN[..], &mut out),
        child::READ
    );
    assert_eq!(String::from_utf8(out).unwrap(), text);
}
