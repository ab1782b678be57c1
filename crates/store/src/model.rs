//! The directory's records as they are stored and read back.
//!
//! Every text a person wrote is kept as written, with the script it was written in
//! (`*_script`, a [`baylink_text::Script`] code); pages convert it for the reader.
//! Timestamps are Unix seconds and calendar dates ISO `YYYY-MM-DD` text, so the same
//! statement reads them back from SQLite and PostgreSQL alike.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares a closed set of codes stored as text: the enum, its stored code, its parser
/// and the Fluent key prefix its label is looked up under.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $label:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and used in URLs and the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a stored or submitted code.
            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The Fluent message that names this value for a reader.
            pub fn label_key(self) -> String {
                format!("{}-{}", $label, self.code().replace('_', "-"))
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(code: String) -> Result<Self, String> {
                Self::parse(&code).ok_or_else(|| format!("unknown {} code {code:?}", stringify!($name)))
            }
        }
    };
}

code_enum!(
    /// What kind of body an organisation is; the alliance's members are mostly societies.
    OrgType, "org-type" {
        Alliance = "alliance",
        Society = "society",
        Company = "company",
        University = "university",
        Institute = "institute",
        Government = "government",
        Other = "other",
    }
);

code_enum!(
    /// Where an organisation is based. The alliance reports attendance and membership by
    /// these five, so they are a closed list rather than free text.
    Region, "region" {
        Shenzhen = "shenzhen",
        HongKong = "hong_kong",
        Macao = "macao",
        Mainland = "mainland",
        Overseas = "overseas",
    }
);

code_enum!(
    /// What an account may do. Checked on the server for every write.
    Role, "role" {
        /// Everything, including accounts.
        Admin = "admin",
        /// A side's secretariat staff: the whole directory.
        Secretariat = "secretariat",
        /// A member organisation's representative: their own organisation.
        OrgRep = "org_rep",
        /// Reads, registers, and (later) books meetings.
        Participant = "participant",
    }
);

code_enum!(
    /// What a side's officer is to it.
    OfficerRole, "officer-role" {
        Chair = "chair",
        ViceChair = "vice_chair",
        Representative = "representative",
        SecretaryGeneral = "secretary_general",
    }
);

/// A member organisation, co-host, government body or any other organisation the
/// alliance deals with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Organisation {
    pub id: i64,
    /// The name as the organisation writes it.
    pub name: String,
    /// The script `name` is written in.
    pub name_script: String,
    /// The English name, where one is known; English readers see it instead.
    pub name_en: Option<String>,
    /// A short form in common use (深圳市科協, HKITF).
    pub short_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub org_type: OrgType,
    #[sqlx(try_from = "String")]
    pub region: Region,
    /// The body this one belongs to (a committee's association, a lab's university).
    pub parent_id: Option<i64>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub description_script: String,
    /// Made up for the demo where the seed is silent; shown as such on every page.
    pub synthetic: bool,
    /// Bumped on every update; an edit based on an older version is refused.
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The directory's organisations by every form of their names
/// ([`baylink_text::organisation_forms`] of the name, the English name and the short
/// name), to recognise an organisation however a registrant typed it: "HKUST",
/// "香港科技大學（HKUST）" and "The Hong Kong University of Science and Technology" all find
/// the one entry. A form two organisations share names neither.
#[derive(Debug, Clone, Default)]
pub struct OrganisationNames {
    by_form: std::collections::HashMap<String, Option<i64>>,
}

impl OrganisationNames {
    pub fn new(orgs: &[Organisation]) -> Self {
        let mut by_form = std::collections::HashMap::new();
        for org in orgs {
            let names = [
                Some(org.name.as_str()),
                org.name_en.as_deref(),
                org.short_name.as_deref(),
            ];
            // Each organisation counts once per form, whichever of its names gave it.
            let mut own: Vec<String> = names
                .into_iter()
                .flatten()
                .flat_map(baylink_text::organisation_forms)
                .collect();
            own.sort();
            own.dedup();
            for form in own {
                by_form
                    .entry(form)
                    .and_modify(|id: &mut Option<i64>| {
                        if *id != Some(org.id) {
                            *id = None;
                        }
                    })
                    .or_insert(Some(org.id));
            }
        }
        OrganisationNames { by_form }
    }

    /// The organisation `typed` names, by its forms in order (the whole name before a part
    /// of it).
    pub fn find(&self, typed: &str) -> Option<i64> {
        baylink_text::organisation_forms(typed)
            .iter()
            .find_map(|form| self.by_form.get(form).copied().flatten())
    }
}

/// A person the alliance knows: speakers, officers, representatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
    pub bio: Option<String>,
    pub bio_script: String,
    pub synthetic: bool,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A position a person holds (or held) at an organisation, with the title as the
/// organisation gives it. A person can hold several at once, as the seed's guests do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Position {
    pub id: i64,
    pub person_id: i64,
    pub org_id: i64,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    /// Years the position began and ended, where known.
    pub since_year: Option<i32>,
    pub until_year: Option<i32>,
    /// Order among the person's positions, smallest first (the seed lists the senior
    /// title first).
    pub sort_order: i32,
    /// Denormalised for lists: the organisation's and the person's names.
    pub org_name: String,
    pub org_name_script: String,
    pub org_name_en: Option<String>,
    pub person_name: String,
    pub person_name_script: String,
    pub person_name_en: Option<String>,
}

/// One of the alliance's three sides (深方, 港方, 澳方), each with its own secretariat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Side {
    pub id: i64,
    /// `sz`, `hk` or `mo`.
    pub code: String,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
    /// The side's working body (港方工作組, 澳門工作小組), as named by the side.
    pub body_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub region: Region,
}

/// A person serving a side, with the title the side gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct SideOfficer {
    pub id: i64,
    pub side_id: i64,
    pub person_id: i64,
    #[sqlx(try_from = "String")]
    pub role: OfficerRole,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub since_year: Option<i32>,
    pub person_name: String,
    pub person_name_script: String,
    pub person_name_en: Option<String>,
}

/// A kind of yearly award the secretariat gives: 成員單位 (member unit), 海智工作站
/// (overseas-talent workstation), or any other it defines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Designation {
    pub id: i64,
    /// A stable code for URLs and imports (`member_unit`, `haizhi_workstation`).
    pub code: String,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
}

/// A designation awarded to an organisation for a year, with the plaque ceremony's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Membership {
    pub id: i64,
    pub org_id: i64,
    pub designation_id: i64,
    pub year: i32,
    /// ISO date of the plaque ceremony, where there was one.
    pub ceremony_date: Option<String>,
    /// The side that awarded it, where one side did.
    pub side_id: Option<i64>,
    pub note: Option<String>,
    pub org_name: String,
    pub org_name_script: String,
    pub org_name_en: Option<String>,
    #[sqlx(try_from = "String")]
    pub org_region: Region,
    pub designation_code: String,
    pub designation_name: String,
    pub designation_name_script: String,
    pub designation_name_en: Option<String>,
}

/// An event in the alliance's history (2009: the Shenzhen–Hong Kong alliance founded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Milestone {
    pub id: i64,
    pub year: i32,
    pub date: Option<String>,
    pub text: String,
    pub text_script: String,
    pub text_en: Option<String>,
}

/// An account. The password hash never leaves the store in API answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    /// The sign-in name, stored lower case.
    pub email: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    /// For secretariat staff: their side.
    pub side_id: Option<i64>,
    /// For organisation representatives: the organisation they may edit.
    pub org_id: Option<i64>,
    #[serde(skip)]
    pub password_hash: String,
    pub created_at: i64,
    /// The language of the last page the account signed in or sent a form from (`zh-Hant`,
    /// `zh-Hans`, `en`), or the one its holder chose, for the mails it is sent; `None`
    /// until either.
    pub locale: Option<String>,
    /// When an administrator suspended it ([`Store::suspend_user`](crate::Store::suspend_user));
    /// `None` while it may sign in.
    pub suspended_at: Option<i64>,
    /// The secret shared with the holder's authenticator app, when two-step sign-in is on
    /// ([`crate::two_factor`]); never shown.
    #[serde(skip)]
    pub totp_secret: Option<String>,
    /// When it last signed in (a session started); `None` if never.
    pub last_sign_in_at: Option<i64>,
    /// Its holder chose `locale` for their mails ([`Store::choose_user_locale`](crate::Store::choose_user_locale)):
    /// it no longer follows the pages they use.
    pub locale_chosen: bool,
}

impl User {
    /// Its holder had its personal data erased ([`Store::erase_user`](crate::Store::erase_user)).
    pub fn is_erased(&self) -> bool {
        self.email.ends_with(crate::events::ERASED_DOMAIN)
    }

    /// Signing in takes a code from an authenticator app after the password.
    pub fn two_factor(&self) -> bool {
        self.totp_secret.is_some()
    }

    /// It may sign in and act: neither erased nor suspended.
    pub fn is_active(&self) -> bool {
        !self.is_erased() && self.suspended_at.is_none()
    }
}

/// A signed-in browser. Only a hash of the cookie's token is stored, so a copy of the
/// database does not let anyone sign in.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Session {
    pub token_hash: String,
    pub user_id: i64,
    /// The token every form and API write must echo back.
    pub csrf_token: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A browser an account is signed in on, as its holder's account page lists them.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, sqlx::FromRow)]
pub struct BrowserSession {
    /// The first 16 characters of its token's hash: enough to tell it from the account's
    /// others, and of no use to sign in with.
    pub id: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub user_agent: Option<String>,
    pub client_ip: Option<String>,
}

/// Characters of a session's hash that name it on its holder's page.
pub const SESSION_ID_CHARS: usize = 16;

/// Which lines of the audit log to show: those of one kind of record (and one record of
/// it), by someone whose name or address holds `actor`, within Unix times `[since,
/// until)`. Empty: every line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub actor: Option<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
}

/// One line of the audit log: who changed what, and the record before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub user_id: Option<i64>,
    /// Who did it, as shown: a user's name, or `cli` for the command line.
    pub actor: String,
    /// `create`, `update` or `delete`.
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    /// JSON of the record before the change (none for a creation).
    pub before_json: Option<String>,
    /// JSON of the record after the change (none for a deletion).
    pub after_json: Option<String>,
}

/// Totals for the home page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DirectoryStats {
    pub organisations: i64,
    pub people: i64,
    pub memberships: i64,
    pub sides: i64,
}

/// A page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many match in all, across pages.
    pub total: i64,
}

pub(crate) use code_enum;

/// A file to attach to a publication or a posting, checked by the caller with
/// [`crate::market::checked_file`], with the words read out of it for search (by the
/// `baylink-documents` crate; empty when it has none), or `None` when they are read later
/// (the web edge reads them in the background and keeps them with
/// `set_publication_file_words` and `set_attachment_words`).
#[derive(Debug, Clone, Copy)]
pub struct FileUpload<'a> {
    pub filename: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
    pub words: Option<&'a str>,
}
