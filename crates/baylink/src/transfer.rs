//! Importing and exporting the directory as the secretariat's spreadsheets.
//!
//! One table, one row per organisation or per position:
//!
//! | organisation | organisation_en | short_name | org_type | region | parent | website | person | person_en | title | title_en |
//!
//! A row with only organisation columns describes an organisation; a row with a person
//! and a title records that person's position at the row's organisation (created if the
//! file or the directory does not have it yet). Types and regions may be written as codes
//! (`society`, `hong_kong`) or as their names in any of the three languages (社團／協會,
//! 香港, Hong Kong). Headers may be the English column names above or their Chinese names.
//!
//! An import is checked whole before anything is written; every rejected row is reported
//! with its line number and reasons; and the rows are written in one transaction, so a
//! failure half-way leaves the directory as it was.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use baylink_store::{
    FieldError, ImportOrganisation, ImportOutcome, ImportPerson, ImportPlan, OrgRef, OrgType,
    OrganisationInput, PersonFilter, PersonInput, PositionInput, Region, Store, StoreError,
};
use baylink_text::fold;
use baylink_web::Locale;
use baylink_web::error::field_message;

/// The columns, in export order.
pub const COLUMNS: [&str; 11] = [
    "organisation",
    "organisation_en",
    "short_name",
    "org_type",
    "region",
    "parent",
    "website",
    "person",
    "person_en",
    "title",
    "title_en",
];

/// Chinese headers the secretariat's own sheets use, mapped to our column names.
const HEADER_ALIASES: &[(&str, &str)] = &[
    ("機構", "organisation"),
    ("机构", "organisation"),
    ("機構名稱", "organisation"),
    ("机构名称", "organisation"),
    ("單位", "organisation"),
    ("单位", "organisation"),
    ("英文名稱", "organisation_en"),
    ("英文名称", "organisation_en"),
    ("organization", "organisation"),
    ("organization_en", "organisation_en"),
    ("簡稱", "short_name"),
    ("简称", "short_name"),
    ("類型", "org_type"),
    ("类型", "org_type"),
    ("type", "org_type"),
    ("地區", "region"),
    ("地区", "region"),
    ("所屬機構", "parent"),
    ("上级机构", "parent"),
    ("上級機構", "parent"),
    ("網站", "website"),
    ("网站", "website"),
    ("姓名", "person"),
    ("人物", "person"),
    ("name", "person"),
    ("英文姓名", "person_en"),
    ("職銜", "title"),
    ("职务", "title"),
    ("職務", "title"),
    ("职位", "title"),
    ("職位", "title"),
    ("英文職銜", "title_en"),
    ("英文职务", "title_en"),
];

/// A row of the file: its line number (1 = the header) and its cells by column.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: HashMap<&'static str, String>,
}

impl Row {
    fn get(&self, col: &str) -> &str {
        self.cells.get(col).map(|s| s.trim()).unwrap_or("")
    }

    fn opt(&self, col: &str) -> Option<String> {
        Some(self.get(col).to_owned()).filter(|v| !v.is_empty())
    }
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub line: usize,
    pub reasons: Vec<String>,
}

/// The result of checking a file.
#[derive(Debug, Default)]
pub struct Checked {
    pub plan: ImportPlan,
    pub rejected: Vec<Rejected>,
    pub rows: usize,
}

fn column_for(header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    COLUMNS.iter().find(|c| **c == h).copied().or_else(|| {
        HEADER_ALIASES
            .iter()
            .find(|(a, _)| a.to_lowercase() == h)
            .map(|(_, c)| *c)
    })
}

/// Turns a header row and data rows into [`Row`]s.
fn rows_from(header: Vec<String>, data: Vec<Vec<String>>) -> anyhow::Result<Vec<Row>> {
    let cols: Vec<Option<&'static str>> = header.iter().map(|h| column_for(h)).collect();
    if !cols.contains(&Some("organisation")) {
        bail!(
            "the first row must name the columns; an `organisation` (機構) column is required. Known columns: {}",
            COLUMNS.join(", ")
        );
    }
    Ok(data
        .into_iter()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, cells)| Row {
            line: i + 2,
            cells: cols
                .iter()
                .zip(cells)
                .filter_map(|(c, v)| c.map(|c| (c, v)))
                .collect(),
        })
        .collect())
}

/// Reads a CSV or XLSX file, by its extension: the header row and the data rows.
pub fn read_table(path: &Path) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>)> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    baylink_web::sheets::read_table(&ext, bytes)
}

/// Reads the directory sheet at `path`.
pub fn read_rows(path: &Path) -> anyhow::Result<Vec<Row>> {
    let (header, data) = read_table(path)?;
    rows_from(header, data)
}

/// Reads an invitee list (see [`baylink_web::sheets::invitees`]).
pub fn read_invitees(path: &Path) -> anyhow::Result<Vec<baylink_web::sheets::InviteeRow>> {
    let (header, data) = read_table(path)?;
    baylink_web::sheets::invitees(header, data)
}

/// A code list's values by every name they go by: the code and its label in each locale.
fn aliases<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> String,
) -> HashMap<String, T> {
    let mut map = HashMap::new();
    for v in all {
        map.insert(code(*v).to_owned(), *v);
        map.insert(code(*v).replace('_', " "), *v);
        for l in Locale::ALL {
            map.insert(fold(&l.t(&label(*v))), *v);
        }
    }
    map
}

/// Checks every row against the directory and builds the plan; writes nothing.
pub async fn check(
    store: &dyn Store,
    rows: &[Row],
    lang: Locale,
    mut progress: impl FnMut(),
) -> anyhow::Result<Checked> {
    let types = aliases(OrgType::ALL, OrgType::code, OrgType::label_key);
    let regions = aliases(Region::ALL, Region::code, Region::label_key);
    let author = lang.script();
    let mut out = Checked {
        rows: rows.len(),
        ..Default::default()
    };
    // Organisations new in this file, by folded name; and their parents' names.
    let mut new_orgs: HashMap<String, usize> = HashMap::new();
    let mut parents: Vec<(usize, usize, String)> = Vec::new();
    let mut existing: HashMap<String, Option<i64>> = HashMap::new();
    let mut people: HashMap<String, usize> = HashMap::new();
    let msg = |e: &FieldError| format!("{}: {}", e.field, field_message(lang, e));

    for row in rows {
        progress();
        let mut reasons = Vec::new();
        let org_name = row.get("organisation");
        let key = fold(&baylink_text::clean_pinyin_artefacts(org_name));
        if key.is_empty() {
            reasons.push(msg(&FieldError::new("organisation", "err-required")));
        }
        let stored = match existing.get(&key) {
            Some(id) => *id,
            None => {
                let id = store
                    .find_organisation_by_name(org_name)
                    .await?
                    .map(|o| o.id);
                existing.insert(key.clone(), id);
                id
            }
        };
        let mut org_ref = stored
            .map(OrgRef::Existing)
            .or(new_orgs.get(&key).map(|i| OrgRef::New(*i)));
        if org_ref.is_none() && !key.is_empty() {
            let org_type = types
                .get(&fold(row.get("org_type")))
                .map(|t| t.code())
                .unwrap_or(row.get("org_type"));
            let region = regions
                .get(&fold(row.get("region")))
                .map(|r| r.code())
                .unwrap_or(row.get("region"));
            let input = OrganisationInput {
                name: org_name.to_owned(),
                name_en: row.opt("organisation_en"),
                short_name: row.opt("short_name"),
                org_type: org_type.to_owned(),
                region: region.to_owned(),
                website: row.opt("website"),
                ..Default::default()
            };
            match input.validate(author) {
                Ok(draft) if reasons.is_empty() => {
                    let index = out.plan.organisations.len();
                    out.plan.organisations.push(ImportOrganisation {
                        draft,
                        parent: None,
                    });
                    new_orgs.insert(key.clone(), index);
                    if let Some(p) = row.opt("parent") {
                        parents.push((index, row.line, p));
                    }
                    org_ref = Some(OrgRef::New(index));
                }
                Ok(_) => {}
                Err(StoreError::Invalid(errors)) => reasons.extend(errors.iter().map(msg)),
                Err(e) => return Err(e.into()),
            }
        }
        if let Some(person_name) = row.opt("person") {
            let position = PositionInput {
                person_id: 0,
                org_id: 1,
                title: row.get("title").to_owned(),
                title_en: row.opt("title_en"),
                ..Default::default()
            }
            .validate(author);
            let person = PersonInput {
                name: person_name.clone(),
                name_en: row.opt("person_en"),
                ..Default::default()
            }
            .validate(author);
            match (position, person, org_ref) {
                (Ok(position), Ok(person), Some(org)) if reasons.is_empty() => {
                    let pkey = fold(&person.name);
                    let index = match people.get(&pkey) {
                        Some(i) => *i,
                        None => {
                            let found = store
                                .list_people(&PersonFilter {
                                    q: Some(person.name.clone()),
                                    limit: 50,
                                    ..Default::default()
                                })
                                .await?
                                .items
                                .into_iter()
                                .find(|p| fold(&p.name) == pkey)
                                .map(|p| p.id);
                            out.plan.people.push(ImportPerson {
                                existing: found,
                                draft: person,
                                positions: Vec::new(),
                            });
                            people.insert(pkey, out.plan.people.len() - 1);
                            out.plan.people.len() - 1
                        }
                    };
                    let already = match (out.plan.people[index].existing, org) {
                        (Some(pid), OrgRef::Existing(oid)) => store
                            .positions_of_person(pid)
                            .await?
                            .iter()
                            .any(|p| p.org_id == oid && fold(&p.title) == fold(&position.title)),
                        _ => false,
                    };
                    if !already {
                        out.plan.people[index].positions.push((org, position));
                    }
                }
                (position, person, _) => {
                    for r in [position.err(), person.err()].into_iter().flatten() {
                        match r {
                            StoreError::Invalid(errors) => reasons.extend(errors.iter().map(msg)),
                            e => return Err(e.into()),
                        }
                    }
                }
            }
        } else if !row.get("title").is_empty() {
            reasons.push(msg(&FieldError::new("person", "err-required")));
        }
        if !reasons.is_empty() {
            out.rejected.push(Rejected {
                line: row.line,
                reasons,
            });
        }
    }
    for (index, line, parent) in parents {
        let pkey = fold(&parent);
        let found = match new_orgs.get(&pkey) {
            Some(i) => Some(OrgRef::New(*i)),
            None => store
                .find_organisation_by_name(&parent)
                .await?
                .map(|o| OrgRef::Existing(o.id)),
        };
        match found {
            Some(r) if r != OrgRef::New(index) => out.plan.organisations[index].parent = Some(r),
            _ => out.rejected.push(Rejected {
                line,
                reasons: vec![msg(&FieldError::new("parent", "err-unknown-reference"))],
            }),
        }
    }
    out.rejected.sort_by_key(|r| r.line);
    Ok(out)
}

/// Writes a checked plan in one transaction.
pub async fn apply(store: &dyn Store, plan: &ImportPlan) -> anyhow::Result<ImportOutcome> {
    let actor = baylink_store::Actor::cli();
    store.apply_import(&actor, plan).await.map_err(|e| match e {
        StoreError::Invalid(errors) => anyhow::anyhow!(
            "nothing was imported: {}",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.code))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow::anyhow!("nothing was imported: {other}"),
    })
}

/// The directory as rows in [`COLUMNS`] order: one per organisation, then one per position.
pub async fn export_rows(store: &dyn Store) -> anyhow::Result<Vec<Vec<String>>> {
    let orgs = store.all_organisations().await?;
    let names: HashMap<i64, String> = orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let mut rows = Vec::new();
    for o in &orgs {
        rows.push(vec![
            o.name.clone(),
            o.name_en.clone().unwrap_or_default(),
            o.short_name.clone().unwrap_or_default(),
            o.org_type.code().to_owned(),
            o.region.code().to_owned(),
            o.parent_id
                .and_then(|p| names.get(&p).cloned())
                .unwrap_or_default(),
            o.website.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for o in &orgs {
        for p in store.positions_at_organisation(o.id).await? {
            rows.push(vec![
                o.name.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                p.person_name.clone(),
                p.person_name_en.clone().unwrap_or_default(),
                p.title.clone(),
                p.title_en.clone().unwrap_or_default(),
            ]);
        }
    }
    Ok(rows)
}

/// Writes the directory to `path`: CSV with a UTF-8 BOM (so Excel shows Chinese), or XLSX.
pub async fn export(store: &dyn Store, path: &Path) -> anyhow::Result<usize> {
    let rows = export_rows(store).await?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // Written to a temporary file beside the target and renamed, so a failed export never
    // leaves a half-written file where a good one was.
    let tmp = path.with_extension(format!("{ext}.partial"));
    match ext.as_str() {
        "csv" => {
            let mut file = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            file.write_all("\u{feff}".as_bytes())?;
            let mut w = csv::Writer::from_writer(file);
            w.write_record(COLUMNS)?;
            for r in &rows {
                w.write_record(r)?;
            }
            w.flush()?;
            w.into_inner()
                .map_err(|e| anyhow::anyhow!("writing CSV: {e}"))?
                .sync_all()?;
        }
        "xlsx" => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("directory")?;
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (c, h) in COLUMNS.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, *h, &bold)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        sheet.write_string(r as u32 + 1, c as u16, v)?;
                    }
                }
            }
            sheet.set_freeze_panes(1, 0)?;
            book.save(&tmp)?;
        }
        other => bail!("cannot write “.{other}” files: use .csv or .xlsx"),
    }
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(rows.len())
}

/// The operator's language from the environment (`LANG`, `LC_ALL`), for messages.
pub fn cli_locale() -> Locale {
    let lang = std::env::var("LC_ALL")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("LANG").ok())
        .unwrap_or_default();
    let tag = lang.split('.').next().unwrap_or("").replace('_', "-");
    Locale::negotiate(Some(if tag.is_empty() { "en" } else { &tag }))
}
