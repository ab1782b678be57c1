//! What users submit, and how it is checked and cleaned before anything is written.
//!
//! Each `*Input` is what a form, an API call or an import row carries: plain strings, as
//! typed. `validate` turns it into a `*Draft` with typed values, or into the list of
//! every field that is wrong (all at once, so a form can mark them all). Cleaning happens
//! here, once, for every way in: white space is trimmed, the converter debris `設(shè)` is
//! removed, and the script of each text is recorded.

use baylink_text::{Script, clean_pinyin_artefacts, detect, fold};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{FieldError, StoreError};
use crate::model::{OfficerRole, OrgType, Region, Role};

/// Longest name accepted; the longest real one in the seed is 41 characters.
pub const MAX_NAME: usize = 200;
/// Longest description or biography accepted.
pub const MAX_TEXT: usize = 20_000;
/// The years a year or a date may be in.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Collects field errors while a draft is built.
#[derive(Default)]
pub(crate) struct Checker {
    pub(crate) errors: Vec<FieldError>,
}

impl Checker {
    /// A required text field: cleaned, not empty, not over `max` characters.
    pub(crate) fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        match self.optional(field, Some(value), max) {
            Some(v) => v,
            None => {
                self.errors.push(FieldError::new(field, "err-required"));
                String::new()
            }
        }
    }

    /// An optional text field: cleaned; empty becomes `None`.
    pub(crate) fn optional(
        &mut self,
        field: &str,
        value: Option<&str>,
        max: usize,
    ) -> Option<String> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        let cleaned = clean_pinyin_artefacts(value).into_owned();
        if cleaned.chars().count() > max {
            self.errors
                .push(FieldError::new(field, "err-too-long").with_limit(max as i64));
        }
        if cleaned
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.errors
                .push(FieldError::new(field, "err-control-chars"));
        }
        Some(cleaned)
    }

    /// A code from a closed list.
    pub(crate) fn code<T>(
        &mut self,
        field: &str,
        value: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = value.trim();
        if value.is_empty() {
            self.errors.push(FieldError::new(field, "err-required"));
            return None;
        }
        let parsed = parse(value);
        if parsed.is_none() {
            self.errors
                .push(FieldError::new(field, "err-unknown-choice"));
        }
        parsed
    }

    /// The script of a text: the one the author named, else the one detected, else the
    /// author's interface script.
    pub(crate) fn script(
        &mut self,
        field: &str,
        named: Option<&str>,
        text: &str,
        fallback: Script,
    ) -> String {
        match named.map(str::trim).filter(|s| !s.is_empty()) {
            Some(code) => match Script::parse(code) {
                Some(s) => s.code().to_owned(),
                None => {
                    self.errors
                        .push(FieldError::new(field, "err-unknown-choice"));
                    fallback.code().to_owned()
                }
            },
            None => detect(text, fallback).code().to_owned(),
        }
    }

    pub(crate) fn year(&mut self, field: &str, value: Option<i32>) -> Option<i32> {
        let y = value?;
        if !DATE_YEARS.contains(&y) {
            self.errors.push(FieldError::new(field, "err-bad-year"));
        }
        Some(y)
    }

    /// A date as `YYYY-MM-DD`, in [`DATE_YEARS`].
    pub(crate) fn date(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        let format = time::macros::format_description!("[year]-[month]-[day]");
        match time::Date::parse(v, format) {
            // A ceremony or a publication of year 1 or 9999 is a slip of the keyboard.
            Ok(d) if !DATE_YEARS.contains(&d.year()) => {
                self.errors
                    .push(FieldError::new(field, "err-date-out-of-range"));
                None
            }
            Ok(d) => Some(d.format(format).unwrap_or_else(|_| v.to_owned())),
            Err(_) => {
                self.errors.push(FieldError::new(field, "err-bad-date"));
                None
            }
        }
    }

    pub(crate) fn url(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let v = self.optional(field, value, 500)?;
        let lower = v.to_ascii_lowercase();
        let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
            && v.len() > lower.find("://").unwrap_or(0) + 4
            && !v.chars().any(char::is_whitespace);
        if ok {
            Some(v)
        } else if !v.contains("://") && v.contains('.') && !v.chars().any(char::is_whitespace) {
            // People paste `www.hkitf.org.hk`; a link needs the scheme.
            Some(format!("https://{v}"))
        } else {
            self.errors.push(FieldError::new(field, "err-bad-url"));
            None
        }
    }

    /// A required e-mail address, lower case: one `@` with something before it and a
    /// domain with a dot after it, no spaces.
    pub(crate) fn address(&mut self, field: &str, value: &str) -> String {
        let email = self.required(field, value, 254).to_lowercase();
        let plausible = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        }) && !email.chars().any(char::is_whitespace);
        if !email.is_empty() && !plausible {
            self.errors.push(FieldError::new(field, "err-bad-email"));
        }
        email
    }

    pub(crate) fn finish<T>(self, draft: T) -> Result<T, StoreError> {
        if self.errors.is_empty() {
            Ok(draft)
        } else {
            Err(StoreError::Invalid(self.errors))
        }
    }
}

/// An organisation as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct OrganisationInput {
    /// The name as the organisation writes it, in any script.
    pub name: String,
    /// `zh-Hans`, `zh-Hant` or `en`; detected from the name when left out.
    pub name_script: Option<String>,
    pub name_en: Option<String>,
    pub short_name: Option<String>,
    /// One of `alliance`, `society`, `company`, `university`, `institute`, `government`, `other`.
    /// (Taken as text, so that another value gets a localised error, not a parse failure;
    /// documented as the enum it must be.)
    #[schema(value_type = OrgType)]
    pub org_type: String,
    /// One of `shenzhen`, `hong_kong`, `macao`, `mainland`, `overseas`.
    #[schema(value_type = Region)]
    pub region: String,
    pub parent_id: Option<i64>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub description_script: Option<String>,
    pub synthetic: bool,
    /// The version the edit is based on; an update with an older one is refused.
    pub version: Option<i64>,
}

/// A checked organisation, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationDraft {
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
    pub short_name: Option<String>,
    pub org_type: OrgType,
    pub region: Region,
    pub parent_id: Option<i64>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub description_script: String,
    pub synthetic: bool,
    pub version: Option<i64>,
    /// What filters compare: all the names, folded to one script.
    pub search_key: String,
}

impl OrganisationInput {
    /// Checks and cleans; `author` is the script of the author's interface, used when a
    /// text's script cannot be told from the text.
    pub fn validate(&self, author: Script) -> Result<OrganisationDraft, StoreError> {
        let mut c = Checker::default();
        let name = c.required("name", &self.name, MAX_NAME);
        let name_script = c.script("name_script", self.name_script.as_deref(), &name, author);
        let name_en = c.optional("name_en", self.name_en.as_deref(), MAX_NAME);
        let short_name = c.optional("short_name", self.short_name.as_deref(), 60);
        let org_type = c.code("org_type", &self.org_type, OrgType::parse);
        let region = c.code("region", &self.region, Region::parse);
        let website = c.url("website", self.website.as_deref());
        let description = c.optional("description", self.description.as_deref(), MAX_TEXT);
        let description_script = c.script(
            "description_script",
            self.description_script.as_deref(),
            description.as_deref().unwrap_or(&name),
            author,
        );
        let search_key = fold(
            &[Some(&name), name_en.as_ref(), short_name.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let (Some(org_type), Some(region)) = (org_type, region) else {
            return Err(StoreError::Invalid(c.errors));
        };
        c.finish(OrganisationDraft {
            name,
            name_script,
            name_en,
            short_name,
            org_type,
            region,
            parent_id: self.parent_id,
            website,
            description,
            description_script,
            synthetic: self.synthetic,
            version: self.version,
            search_key,
        })
    }
}

/// A person as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub name_script: Option<String>,
    pub name_en: Option<String>,
    pub bio: Option<String>,
    pub bio_script: Option<String>,
    pub synthetic: bool,
    pub version: Option<i64>,
}

/// A checked person, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonDraft {
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
    pub bio: Option<String>,
    pub bio_script: String,
    pub synthetic: bool,
    pub version: Option<i64>,
    pub search_key: String,
}

impl PersonInput {
    pub fn validate(&self, author: Script) -> Result<PersonDraft, StoreError> {
        let mut c = Checker::default();
        let name = c.required("name", &self.name, MAX_NAME);
        let name_script = c.script("name_script", self.name_script.as_deref(), &name, author);
        let name_en = c.optional("name_en", self.name_en.as_deref(), MAX_NAME);
        let bio = c.optional("bio", self.bio.as_deref(), MAX_TEXT);
        let bio_script = c.script(
            "bio_script",
            self.bio_script.as_deref(),
            bio.as_deref().unwrap_or(&name),
            author,
        );
        let search_key = fold(&format!("{name} {}", name_en.as_deref().unwrap_or("")));
        c.finish(PersonDraft {
            name,
            name_script,
            name_en,
            bio,
            bio_script,
            synthetic: self.synthetic,
            version: self.version,
            search_key,
        })
    }
}

/// A position as submitted: who, where, and the title there.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PositionInput {
    pub person_id: i64,
    pub org_id: i64,
    pub title: String,
    pub title_script: Option<String>,
    pub title_en: Option<String>,
    pub since_year: Option<i32>,
    pub until_year: Option<i32>,
    pub sort_order: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PositionDraft {
    pub person_id: i64,
    pub org_id: i64,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub since_year: Option<i32>,
    pub until_year: Option<i32>,
    pub sort_order: i32,
}

impl PositionInput {
    pub fn validate(&self, author: Script) -> Result<PositionDraft, StoreError> {
        let mut c = Checker::default();
        let title = c.required("title", &self.title, MAX_NAME);
        let title_script = c.script("title_script", self.title_script.as_deref(), &title, author);
        let title_en = c.optional("title_en", self.title_en.as_deref(), MAX_NAME);
        let since_year = c.year("since_year", self.since_year);
        let until_year = c.year("until_year", self.until_year);
        if let (Some(s), Some(u)) = (since_year, until_year)
            && u < s
        {
            c.errors
                .push(FieldError::new("until_year", "err-end-before-start"));
        }
        if self.org_id <= 0 {
            c.errors.push(FieldError::new("org_id", "err-required"));
        }
        c.finish(PositionDraft {
            person_id: self.person_id,
            org_id: self.org_id,
            title,
            title_script,
            title_en,
            since_year,
            until_year,
            sort_order: self.sort_order.unwrap_or(0),
        })
    }
}

/// A side officer as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct SideOfficerInput {
    pub side_id: i64,
    pub person_id: i64,
    /// One of `chair`, `vice_chair`, `representative`, `secretary_general`.
    #[schema(value_type = OfficerRole)]
    pub role: String,
    pub title: String,
    pub title_script: Option<String>,
    pub title_en: Option<String>,
    pub since_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SideOfficerDraft {
    pub side_id: i64,
    pub person_id: i64,
    pub role: OfficerRole,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub since_year: Option<i32>,
}

impl SideOfficerInput {
    pub fn validate(&self, author: Script) -> Result<SideOfficerDraft, StoreError> {
        let mut c = Checker::default();
        let role = c.code("role", &self.role, OfficerRole::parse);
        let title = c.required("title", &self.title, MAX_NAME);
        let title_script = c.script("title_script", self.title_script.as_deref(), &title, author);
        let title_en = c.optional("title_en", self.title_en.as_deref(), MAX_NAME);
        let since_year = c.year("since_year", self.since_year);
        if self.person_id <= 0 {
            c.errors.push(FieldError::new("person_id", "err-required"));
        }
        let Some(role) = role else {
            return Err(StoreError::Invalid(c.errors));
        };
        c.finish(SideOfficerDraft {
            side_id: self.side_id,
            person_id: self.person_id,
            role,
            title,
            title_script,
            title_en,
            since_year,
        })
    }
}

/// A designation (kind of yearly award) as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct DesignationInput {
    /// Lower-case letters, digits and `_`; used in URLs and imports.
    pub code: String,
    pub name: String,
    pub name_script: Option<String>,
    pub name_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DesignationDraft {
    pub code: String,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
}

impl DesignationInput {
    pub fn validate(&self, author: Script) -> Result<DesignationDraft, StoreError> {
        let mut c = Checker::default();
        let code = c.required("code", &self.code, 40);
        if !code.is_empty()
            && !code
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        {
            c.errors.push(FieldError::new("code", "err-bad-code"));
        }
        let name = c.required("name", &self.name, MAX_NAME);
        let name_script = c.script("name_script", self.name_script.as_deref(), &name, author);
        let name_en = c.optional("name_en", self.name_en.as_deref(), MAX_NAME);
        c.finish(DesignationDraft {
            code,
            name,
            name_script,
            name_en,
        })
    }
}

/// A membership award as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct MembershipInput {
    pub org_id: i64,
    pub designation_id: i64,
    pub year: i32,
    /// `YYYY-MM-DD`.
    pub ceremony_date: Option<String>,
    pub side_id: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MembershipDraft {
    pub org_id: i64,
    pub designation_id: i64,
    pub year: i32,
    pub ceremony_date: Option<String>,
    pub side_id: Option<i64>,
    pub note: Option<String>,
}

impl MembershipInput {
    pub fn validate(&self) -> Result<MembershipDraft, StoreError> {
        let mut c = Checker::default();
        let year = c.year("year", Some(self.year)).unwrap_or(0);
        let ceremony_date = c.date("ceremony_date", self.ceremony_date.as_deref());
        if let Some(d) = &ceremony_date
            && !d.starts_with(&year.to_string())
            && !d.starts_with(&year.saturating_add(1).to_string())
        {
            c.errors
                .push(FieldError::new("ceremony_date", "err-date-outside-year"));
        }
        let note = c.optional("note", self.note.as_deref(), 1000);
        if self.org_id <= 0 {
            c.errors.push(FieldError::new("org_id", "err-required"));
        }
        if self.designation_id <= 0 {
            c.errors
                .push(FieldError::new("designation_id", "err-required"));
        }
        c.finish(MembershipDraft {
            org_id: self.org_id,
            designation_id: self.designation_id,
            year,
            ceremony_date,
            side_id: self.side_id,
            note,
        })
    }
}

/// A new account as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct UserInput {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub side_id: Option<i64>,
    pub org_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserDraft {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub side_id: Option<i64>,
    pub org_id: Option<i64>,
}

impl UserInput {
    pub fn validate(&self) -> Result<UserDraft, StoreError> {
        let mut c = Checker::default();
        let email = c.address("email", &self.email);
        let display_name = c.required("display_name", &self.display_name, MAX_NAME);
        let role = c.code("role", &self.role, Role::parse);
        if role == Some(Role::OrgRep) && self.org_id.is_none() {
            c.errors.push(FieldError::new("org_id", "err-required"));
        }
        if role == Some(Role::Secretariat) && self.side_id.is_none() {
            c.errors.push(FieldError::new("side_id", "err-required"));
        }
        let Some(role) = role else {
            return Err(StoreError::Invalid(c.errors));
        };
        c.finish(UserDraft {
            email,
            display_name,
            role,
            side_id: self.side_id,
            org_id: self.org_id,
        })
    }
}

/// Minimum password length; long pass-phrases are encouraged, not short complex ones.
pub const MIN_PASSWORD: usize = 10;

/// Checks a new password; the hash is made by the caller.
pub fn validate_password(password: &str) -> Result<(), StoreError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(StoreError::Invalid(vec![
            FieldError::new("password", "err-password-short").with_limit(MIN_PASSWORD as i64),
        ]));
    }
    if password.len() > 1024 {
        return Err(StoreError::Invalid(vec![
            FieldError::new("password", "err-too-long").with_limit(1024),
        ]));
    }
    Ok(())
}

/// The address whose registration links are to be sent again.
pub fn validate_address(email: &str) -> Result<String, StoreError> {
    let mut c = Checker::default();
    let email = c.address("email", email);
    c.finish(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str) -> OrganisationInput {
        OrganisationInput {
            name: name.into(),
            org_type: "society".into(),
            region: "hong_kong".into(),
            ..Default::default()
        }
    }

    #[test]
    fn organisation_is_cleaned_and_its_script_recorded() {
        let d = org("  香港資訊科技聯(lián)會 ")
            .validate(Script::Hans)
            .unwrap();
        assert_eq!(d.name, "香港資訊科技聯會");
        assert_eq!(d.name_script, "zh-Hant");
        assert_eq!(d.search_key, fold("香港资讯科技联会"));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut input = org("");
        input.org_type = "club".into();
        input.region = String::new();
        input.website = Some("not a url".into());
        let Err(StoreError::Invalid(errors)) = input.validate(Script::Hant) else {
            panic!("should be invalid");
        };
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert!(fields.contains(&("name", "err-required")));
        assert!(fields.contains(&("org_type", "err-unknown-choice")));
        assert!(fields.contains(&("region", "err-required")));
        assert!(fields.contains(&("website", "err-bad-url")));
    }

    #[test]
    fn website_without_scheme_gets_one() {
        let mut input = org("HKITF");
        input.website = Some("www.hkitf.org.hk".into());
        assert_eq!(
            input.validate(Script::Latin).unwrap().website.as_deref(),
            Some("https://www.hkitf.org.hk")
        );
    }

    #[test]
    fn membership_dates_are_checked() {
        let m = MembershipInput {
            org_id: 1,
            designation_id: 1,
            year: 2024,
            ceremony_date: Some("2024-13-09".into()),
            ..Default::default()
        };
        assert!(matches!(m.validate(), Err(StoreError::Invalid(_))));
        let ok = MembershipInput {
            ceremony_date: Some("2024-12-09".into()),
            ..m
        };
        assert_eq!(
            ok.validate().unwrap().ceremony_date.as_deref(),
            Some("2024-12-09")
        );
    }

    #[test]
    fn users_need_a_plausible_email_and_a_known_role() {
        let u = UserInput {
            email: "Staff@Example.ORG".into(),
            display_name: "Staff".into(),
            role: "admin".into(),
            ..Default::default()
        };
        assert_eq!(u.validate().unwrap().email, "staff@example.org");
        let bad = UserInput {
            email: "nobody".into(),
            role: "king".into(),
            ..u
        };
        assert!(matches!(bad.validate(), Err(StoreError::Invalid(e)) if e.len() == 2));
        assert!(validate_password("short").is_err());
        assert!(validate_password("a long enough pass phrase").is_ok());
    }
}
