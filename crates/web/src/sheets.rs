//! Reading the spreadsheets the secretariat keeps: CSV (UTF-8, with or without a BOM) and
//! Excel workbooks, from a file or an upload.

use std::io::Cursor;

use anyhow::{Context, bail};

/// The header row and the data rows of a sheet. `ext` is the file's extension
/// (`csv`, `xlsx`…); the first sheet of a workbook is read.
pub fn read_table(ext: &str, bytes: Vec<u8>) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>)> {
    match ext {
        "csv" => {
            let text = std::str::from_utf8(&bytes)
                .context("the CSV file is not UTF-8; save it as “CSV UTF-8”")?;
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
            let mut records = reader.records();
            let header = match records.next() {
                Some(h) => h?.iter().map(str::to_owned).collect(),
                None => bail!("the file is empty"),
            };
            let data = records
                .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
                .collect::<Result<Vec<Vec<String>>, _>>()?;
            Ok((header, data))
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            use calamine::Reader;
            let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
                .context("reading the workbook")?;
            let range = book
                .worksheet_range_at(0)
                .context("the workbook has no sheet")??;
            let mut rows = range
                .rows()
                .map(|r| r.iter().map(cell_text).collect::<Vec<String>>());
            let header = rows.next().context("the sheet is empty")?;
            Ok((header, rows.collect()))
        }
        other => bail!("cannot read “.{other}” files: use .csv or .xlsx"),
    }
}

/// How a table is downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// CSV with a UTF-8 byte-order mark: without it, Excel reads the Chinese as mojibake.
    Csv,
    /// An Excel workbook, the header row in bold.
    Xlsx,
}

impl SheetFormat {
    /// For handlers that take the format as a const parameter (`false`: CSV).
    pub fn new(xlsx: bool) -> SheetFormat {
        if xlsx {
            SheetFormat::Xlsx
        } else {
            SheetFormat::Csv
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            SheetFormat::Csv => "text/csv; charset=utf-8",
            SheetFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// A header row and data rows as a file of `format`: what [`read_table`] reads back.
pub fn write_table(
    format: SheetFormat,
    head: &[String],
    rows: &[Vec<String>],
) -> anyhow::Result<Vec<u8>> {
    match format {
        SheetFormat::Csv => {
            let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
            w.write_record(head)?;
            for r in rows {
                w.write_record(r)?;
            }
            Ok(w.into_inner().map_err(|e| e.into_error())?)
        }
        SheetFormat::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (c, h) in head.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, h, &bold)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    sheet.write_string(r as u32 + 1, c as u16, v)?;
                }
            }
            Ok(book.save_to_buffer()?)
        }
    }
}

fn cell_text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::Empty => String::new(),
        calamine::Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// One invitee of an imported list, with the line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct InviteeRow {
    pub line: usize,
    pub name: String,
    pub email: String,
    pub locale: Option<String>,
}

/// An invitee list's rows: columns `name` (姓名), `email` (電郵, 邮箱) and optionally
/// `locale` (語言: zh-Hant, zh-Hans or en).
pub fn invitees(header: Vec<String>, data: Vec<Vec<String>>) -> anyhow::Result<Vec<InviteeRow>> {
    let find = |names: &[&str]| {
        header.iter().position(|h| {
            names.contains(
                &h.trim()
                    .trim_start_matches('\u{feff}')
                    .to_lowercase()
                    .as_str(),
            )
        })
    };
    let name = find(&["name", "姓名", "名稱", "名称"])
        .context("the first row must name a `name` (姓名) column")?;
    let email = find(&[
        "email",
        "e-mail",
        "電郵",
        "电邮",
        "邮箱",
        "電子郵件",
        "电子邮件",
    ])
    .context("the first row must name an `email` (電郵) column")?;
    let locale = find(&["locale", "language", "語言", "语言"]);
    Ok(data
        .into_iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| InviteeRow {
            line: i + 2,
            name: r.get(name).cloned().unwrap_or_default(),
            email: r.get(email).cloned().unwrap_or_default(),
            locale: locale
                .and_then(|l| r.get(l).cloned())
                .filter(|v| !v.trim().is_empty()),
        })
        .collect())
}

/// Checks an invitee list against the event's invitations: every row must have a name and
/// a plausible address, not already invited (in the list or before), and a known locale if
/// one is given. Returns the invitations to make and, for each rejected row, its line and
/// reasons in `lang`. Writes nothing.
pub async fn check_invitees(
    store: &dyn baylink_store::Store,
    event_id: i64,
    rows: &[InviteeRow],
    lang: crate::Locale,
) -> Result<(Vec<baylink_store::Invitee>, Vec<(usize, Vec<String>)>), baylink_store::StoreError> {
    use baylink_store::{Invitee, RegistrationInput, StoreError};
    let already: std::collections::HashSet<String> = store
        .list_invitations(event_id)
        .await?
        .into_iter()
        .map(|i| i.email)
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    for r in rows {
        let mut reasons = Vec::new();
        let check = RegistrationInput {
            name: r.name.clone(),
            email: r.email.clone(),
            consent: true,
            ..Default::default()
        }
        .validate(lang.script());
        if let Err(StoreError::Invalid(errors)) = &check {
            reasons.extend(
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, crate::error::field_message(lang, e))),
            );
        }
        let email = r.email.trim().to_lowercase();
        if already.contains(&email) || !seen.insert(email.clone()) {
            reasons.push(format!("email: {}", lang.t("err-already-invited")));
        }
        let locale = match &r.locale {
            None => lang,
            Some(l) => crate::Locale::from_prefix(l.trim()).unwrap_or_else(|| {
                reasons.push(format!("locale: {}", lang.t("err-unknown-choice")));
                lang
            }),
        };
        match check {
            Ok(d) if reasons.is_empty() => ok.push(Invitee {
                email,
                name: d.name,
                name_script: d.name_script,
                token: crate::auth::random_token(),
                locale: locale.code().to_owned(),
            }),
            _ => rejected.push((r.line, reasons)),
        }
    }
    Ok((ok, rejected))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is written is read back the same, in both formats, Chinese and commas included.
    #[test]
    fn a_written_table_reads_back_the_same() {
        let head: Vec<String> = ["日期", "Name, full"].map(String::from).to_vec();
        let rows = vec![
            vec!["2024-12-09".to_owned(), "陳大文".to_owned()],
            vec![String::new(), "\"Quoted\", and more".to_owned()],
        ];
        for format in [SheetFormat::Csv, SheetFormat::Xlsx] {
            let bytes = write_table(format, &head, &rows).unwrap();
            let (h, r) = read_table(format.ext(), bytes).unwrap();
            assert_eq!((h, r), (head.clone(), rows.clone()), "{format:?}");
        }
    }
}
