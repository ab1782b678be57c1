//! Supply and demand (供需對接) as stored: postings (what an organisation offers or needs),
//! the secretariat's review, expressions of interest, and the cooperation pipeline that an
//! accepted interest starts (introduced → in talks → agreement signed → implemented, or
//! closed with a reason).
//!
//! The taxonomy (kinds, fields, stages, cooperation modes) is a closed set of codes, so a
//! posting written in Simplified in Shenzhen and one written in English in Macao share the
//! same tags and the recommender (`baylink-market`) can compare them whatever the script.
//! Every rule about who may do what is checked here, inside the writing transaction: the
//! web edge checks them too, but only to show a friendlier page.

use async_trait::async_trait;
use baylink_text::{Script, detect};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{FieldError, StoreError, StoreResult};
use crate::model::{FileUpload, OrgType, Region, Role, User, code_enum};

code_enum!(
    /// Whether a posting offers something or looks for it.
    PostingSide, "side" {
        Offer = "offer",
        Need = "need",
    }
);

code_enum!(
    /// What a posting is about (after the EEN's partnering profiles and the Chinese
    /// technology markets' categories).
    PostingKind, "kind" {
        /// A technology, product or result (技術成果 / technology offer or request).
        Technology = "technology",
        /// 產學研: university or institute research cooperation.
        Research = "research",
        /// 出海代理: agency for going overseas or into the mainland.
        Agency = "agency",
        Investment = "investment",
        Talent = "talent",
        Project = "project",
    }
);

code_enum!(
    /// The alliance's shared field taxonomy.
    Sector, "sector" {
        Comms = "comms",
        Ai = "ai",
        Iot = "iot",
        LowAltitude = "low_altitude",
        Biomedicine = "biomedicine",
        NewEnergy = "new_energy",
        Manufacturing = "manufacturing",
        Fintech = "fintech",
        Education = "education",
        Semiconductors = "semiconductors",
        Digital = "digital",
        Cybersecurity = "cybersecurity",
        SmartCity = "smart_city",
        Materials = "materials",
    }
);

code_enum!(
    /// How far a technology has come.
    Stage, "stage" {
        Concept = "concept",
        Prototype = "prototype",
        Pilot = "pilot",
        Production = "production",
        Market = "market",
    }
);

code_enum!(
    /// How the two sides would work together.
    CoopMode, "mode" {
        Licensing = "licensing",
        JointDevelopment = "joint_development",
        Consulting = "consulting",
        Investment = "investment",
        Agency = "agency",
        JointVenture = "joint_venture",
        Outsourcing = "outsourcing",
        Training = "training",
    }
);

code_enum!(
    /// The intellectual property behind a posting.
    IpStatus, "ip" {
        None = "none",
        PatentPending = "patent_pending",
        PatentGranted = "patent_granted",
        Software = "software",
        KnowHow = "know_how",
    }
);

code_enum!(
    /// Where a posting stands with the secretariat.
    PostingStatus, "posting-status" {
        /// Submitted or edited; waiting for review, seen only by its owners and staff.
        Pending = "pending",
        Published = "published",
        /// Sent back to its owners with a reason.
        Returned = "returned",
        /// Taken down by its owners or staff.
        Withdrawn = "withdrawn",
    }
);

code_enum!(
    /// Where an expression of interest stands.
    InterestStatus, "interest" {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
    }
);

code_enum!(
    /// The cooperation pipeline an accepted interest (an introduction) moves through.
    PipelineStage, "pipeline" {
        Introduced = "introduced",
        InTalks = "in_talks",
        Signed = "signed",
        Implemented = "implemented",
        Closed = "closed",
    }
);

code_enum!(
    /// What was signed.
    AgreementType, "agreement" {
        Licensing = "licensing",
        JointRd = "joint_rd",
        Agency = "agency",
        Investment = "investment",
        JointVenture = "joint_venture",
        Consulting = "consulting",
        Employment = "employment",
        Other = "other",
    }
);

/// A list of codes stored as one comma-separated text column (`ai,iot`), so a posting's
/// tags are read in the same row as the posting on both backends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct Codes<T>(pub Vec<T>);

/// The codes a [`Codes`] list may hold.
pub trait Code: Sized + Copy + PartialEq {
    fn parse_code(code: &str) -> Option<Self>;
    fn as_code(self) -> &'static str;
}

macro_rules! impl_code {
    ($($t:ty),*) => {$(
        impl Code for $t {
            fn parse_code(code: &str) -> Option<Self> { <$t>::parse(code) }
            fn as_code(self) -> &'static str { self.code() }
        }
    )*};
}
impl_code!(Sector, CoopMode, Region);

impl<T: Code> Codes<T> {
    /// The stored form.
    pub fn joined(&self) -> String {
        self.0
            .iter()
            .map(|c| c.as_code())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn contains(&self, c: T) -> bool {
        self.0.contains(&c)
    }

    /// Parses submitted codes; an unknown one is an error naming it.
    pub fn parse_all<'a>(codes: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut out = Vec::new();
        for code in codes {
            let code = code.trim();
            if code.is_empty() {
                continue;
            }
            let c = T::parse_code(code).ok_or_else(|| code.to_owned())?;
            if !out.contains(&c) {
                out.push(c);
            }
        }
        Ok(Codes(out))
    }
}

impl<T: Code> TryFrom<String> for Codes<T> {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Codes::parse_all(s.split(',')).map_err(|c| format!("unknown code {c:?}"))
    }
}

/// An offer or a need, with its organisation's name, type and region (read in the same
/// query: every list and the recommender need them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Posting {
    pub id: i64,
    pub org_id: i64,
    /// The account that wrote it.
    pub author_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub side: PostingSide,
    #[sqlx(try_from = "String")]
    pub kind: PostingKind,
    pub title: String,
    pub summary: String,
    pub description: String,
    /// The script title, summary and description are written in.
    pub script: String,
    #[sqlx(try_from = "String")]
    pub sectors: Codes<Sector>,
    #[sqlx(try_from = "String")]
    pub modes: Codes<CoopMode>,
    /// Where the owner wants to find partners (empty: anywhere).
    #[sqlx(try_from = "String")]
    pub target_regions: Codes<Region>,
    pub stage: Option<String>,
    pub ip_status: Option<String>,
    /// Private: shown only to staff, the owners and the other side of an accepted
    /// introduction.
    #[serde(skip)]
    pub contact: String,
    /// The last day it is shown (ISO date).
    pub expires_on: String,
    #[sqlx(try_from = "String")]
    pub status: PostingStatus,
    /// The secretariat's reason when it returned the posting.
    pub review_note: Option<String>,
    /// The event it was brought to, if any.
    pub event_id: Option<i64>,
    pub synthetic: bool,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
    /// When its owners were last reminded that it expires.
    pub reminded_at: Option<i64>,
    pub org_name: String,
    pub org_name_script: String,
    pub org_name_en: Option<String>,
    #[sqlx(try_from = "String")]
    pub org_type: OrgType,
    #[sqlx(try_from = "String")]
    pub org_region: Region,
}

impl Posting {
    /// Whether `user` may edit or withdraw it: staff, its author, or a representative of
    /// its organisation.
    pub fn owned_by(&self, user: &User) -> bool {
        is_staff(user) || self.author_id == Some(user.id) || user.org_id == Some(self.org_id)
    }

    /// Past its last day (`today` is an ISO date in Hong Kong time).
    pub fn expired(&self, today: &str) -> bool {
        self.expires_on.as_str() < today
    }

    /// Published and not expired: what the public lists and the recommender see.
    pub fn live(&self, today: &str) -> bool {
        self.status == PostingStatus::Published && !self.expired(today)
    }
}

/// Secretariat staff and administrators review postings and see every introduction.
pub fn is_staff(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Secretariat)
}

/// The longest title, summary and description, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_SUMMARY_CHARS: usize = 500;
pub const MAX_DESCRIPTION_CHARS: usize = 8000;
pub const MAX_CONTACT_CHARS: usize = 300;
/// The longest a posting may stay up, in days from publication.
pub const MAX_DAYS: i64 = 366 * 2;

/// A posting as submitted by a form or the API, before [`PostingInput::validate`].
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PostingInput {
    pub org_id: i64,
    pub side: String,
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub modes: Vec<String>,
    #[serde(default)]
    pub target_regions: Vec<String>,
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub ip_status: Option<String>,
    #[serde(default)]
    pub contact: String,
    /// ISO date.
    pub expires_on: String,
    #[serde(default)]
    pub event_id: Option<i64>,
}

/// A checked posting.
#[derive(Debug, Clone, PartialEq)]
pub struct PostingDraft {
    pub org_id: i64,
    pub side: PostingSide,
    pub kind: PostingKind,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub script: Script,
    pub sectors: Codes<Sector>,
    pub modes: Codes<CoopMode>,
    pub target_regions: Codes<Region>,
    pub stage: Option<Stage>,
    pub ip_status: Option<IpStatus>,
    pub contact: String,
    pub expires_on: String,
    pub event_id: Option<i64>,
    pub synthetic: bool,
}

fn text_field(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    let v = value.trim().to_owned();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, "err-required"));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, "err-too-long").with_limit(max as i64));
    }
    v
}

fn optional_code<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &Option<String>,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    match value.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => {
            let parsed = parse(code);
            if parsed.is_none() {
                errors.push(FieldError::new(field, "err-market-unknown-tag"));
            }
            parsed
        }
    }
}

fn codes<T: Code>(errors: &mut Vec<FieldError>, field: &str, values: &[String]) -> Codes<T> {
    match Codes::<T>::parse_all(values.iter().flat_map(|v| v.split(','))) {
        Ok(c) => c,
        Err(_) => {
            errors.push(FieldError::new(field, "err-market-unknown-tag"));
            Codes(Vec::new())
        }
    }
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
fn is_iso_date(s: &str) -> bool {
    time::Date::parse(
        s,
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .is_ok()
}

impl PostingInput {
    /// Checks the input against the taxonomy and the limits; `today` (ISO, Hong Kong) bounds
    /// the expiry date, `fallback` is the writer's script when the text does not tell.
    pub fn validate(self, today: &str, fallback: Script) -> Result<PostingDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let side = PostingSide::parse(self.side.trim());
        if side.is_none() {
            errors.push(FieldError::new("side", "err-market-unknown-tag"));
        }
        let kind = PostingKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "err-market-unknown-tag"));
        }
        let title = text_field(&mut errors, "title", &self.title, MAX_TITLE_CHARS, true);
        let summary = text_field(
            &mut errors,
            "summary",
            &self.summary,
            MAX_SUMMARY_CHARS,
            true,
        );
        let description = text_field(
            &mut errors,
            "description",
            &self.description,
            MAX_DESCRIPTION_CHARS,
            false,
        );
        let contact = text_field(
            &mut errors,
            "contact",
            &self.contact,
            MAX_CONTACT_CHARS,
            true,
        );
        let sectors = codes::<Sector>(&mut errors, "sectors", &self.sectors);
        if sectors.0.is_empty() && !errors.iter().any(|e| e.field == "sectors") {
            errors.push(FieldError::new("sectors", "err-market-no-sector"));
        }
        let modes = codes::<CoopMode>(&mut errors, "modes", &self.modes);
        let target_regions = codes::<Region>(&mut errors, "target_regions", &self.target_regions);
        let stage = optional_code(&mut errors, "stage", &self.stage, Stage::parse);
        let ip_status = optional_code(&mut errors, "ip_status", &self.ip_status, IpStatus::parse);
        let expires_on = self.expires_on.trim().to_owned();
        if !is_iso_date(&expires_on) {
            errors.push(FieldError::new("expires_on", "err-bad-date"));
        } else if expires_on.as_str() < today {
            errors.push(FieldError::new("expires_on", "err-market-expiry-past"));
        } else if let (Ok(e), Ok(t)) = (
            time::Date::parse(
                &expires_on,
                &time::macros::format_description!("[year]-[month]-[day]"),
            ),
            time::Date::parse(
                today,
                &time::macros::format_description!("[year]-[month]-[day]"),
            ),
        ) && (e - t).whole_days() > MAX_DAYS
        {
            errors
                .push(FieldError::new("expires_on", "err-market-expiry-far").with_limit(MAX_DAYS));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let script = detect(&format!("{title}\n{summary}\n{description}"), fallback);
        Ok(PostingDraft {
            org_id: self.org_id,
            side: side.expect("checked"),
            kind: kind.expect("checked"),
            title,
            summary,
            description,
            script,
            sectors,
            modes,
            target_regions,
            stage,
            ip_status,
            contact,
            expires_on,
            event_id: self.event_id.filter(|id| *id > 0),
            synthetic: false,
        })
    }
}

code_enum!(
    /// How often an alert of new postings is mailed.
    AlertFrequency, "alert-frequency" {
        Daily = "daily",
        Weekly = "weekly",
    }
);

impl AlertFrequency {
    /// Seconds between two looks.
    pub fn seconds(self) -> i64 {
        match self {
            AlertFrequency::Daily => 86_400,
            AlertFrequency::Weekly => 7 * 86_400,
        }
    }
}

/// At most this many alerts per account.
pub const MAX_ALERTS: i64 = 20;

/// An account's alert of new postings (供需訂閱): a filter of the postings list, mailed
/// daily or weekly with what was published since its last look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct PostingAlert {
    pub id: i64,
    pub user_id: i64,
    /// The list's query string: known keys with their codes (`side=offer&sector=ict`).
    pub filters: String,
    #[sqlx(try_from = "String")]
    pub frequency: AlertFrequency,
    /// The secret of the link in its mails that stops it without signing in.
    #[serde(skip)]
    pub stop_token: String,
    pub created_at: i64,
    /// When it last looked: postings published after it are new.
    pub checked_at: i64,
}

/// Filters for the posting list; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostingFilter {
    pub side: Option<PostingSide>,
    pub kind: Option<PostingKind>,
    pub sector: Option<Sector>,
    /// Where the posting's organisation is.
    pub region: Option<Region>,
    pub stage: Option<Stage>,
    pub mode: Option<CoopMode>,
    pub org_type: Option<OrgType>,
    pub org_id: Option<i64>,
    pub event_id: Option<i64>,
    /// `None`: published and not expired (today is `today`). Staff lists ask for others.
    pub status: Option<PostingStatus>,
    pub today: String,
    /// Published after this moment, and no later than `published_until` (an alert's news).
    pub published_since: Option<i64>,
    pub published_until: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

/// An expression of interest in a posting and, once the owners accept it, the
/// introduction it becomes, with where the cooperation stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Interest {
    pub id: i64,
    pub posting_id: i64,
    pub from_user_id: i64,
    /// The organisation the interested reader speaks for, if they represent one.
    pub from_org_id: Option<i64>,
    pub message: String,
    pub message_script: String,
    #[sqlx(try_from = "String")]
    pub status: InterestStatus,
    /// Set when accepted; moves along the pipeline.
    pub stage: Option<String>,
    pub agreement_type: Option<String>,
    pub close_reason: Option<String>,
    pub created_at: i64,
    pub decided_at: Option<i64>,
    pub updated_at: i64,
    pub version: i64,
    pub synthetic: bool,
    /// Denormalised for lists: the posting's title and organisation, and who wrote the
    /// interest.
    pub posting_title: String,
    pub posting_script: String,
    pub posting_org_id: i64,
    pub from_name: String,
    pub from_email: String,
}

impl Interest {
    pub fn stage(&self) -> Option<PipelineStage> {
        self.stage.as_deref().and_then(PipelineStage::parse)
    }
}

/// One move of an introduction along the pipeline, for its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct PipelineStep {
    pub id: i64,
    pub interest_id: i64,
    pub stage: String,
    pub note: String,
    pub user_id: Option<i64>,
    pub at: i64,
    /// This step took the last move back ([`PipelineBack`]); `stage` is where that left
    /// the pipeline.
    pub takes_back: bool,
}

/// The longest interest message or pipeline note, in characters.
pub const MAX_INTEREST_CHARS: usize = 1000;

/// A checked message: trimmed, with its script.
pub fn checked_message(
    field: &str,
    text: &str,
    required: bool,
    fallback: Script,
) -> Result<(String, Script), Vec<FieldError>> {
    let mut errors = Vec::new();
    let t = text_field(&mut errors, field, text, MAX_INTEREST_CHARS, required);
    if errors.is_empty() {
        let script = detect(&t, fallback);
        Ok((t, script))
    } else {
        Err(errors)
    }
}

/// A pipeline move as asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineMove {
    pub stage: PipelineStage,
    /// Required for [`PipelineStage::Signed`].
    pub agreement_type: Option<AgreementType>,
    /// Required for [`PipelineStage::Closed`].
    pub note: String,
}

impl PipelineMove {
    /// Whether the pipeline may go from `from` to this move's stage: forward one or more
    /// steps, or closed from anywhere open. Nothing moves out of closed or implemented.
    pub fn allowed_from(&self, from: PipelineStage) -> bool {
        use PipelineStage::*;
        let rank = |s: PipelineStage| match s {
            Introduced => 0,
            InTalks => 1,
            Signed => 2,
            Implemented => 3,
            Closed => 4,
        };
        match (from, self.stage) {
            (Closed | Implemented, _) => false,
            (_, Closed) => true,
            (f, t) => rank(t) > rank(f),
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.stage == PipelineStage::Signed && self.agreement_type.is_none() {
            errors.push(FieldError::new("agreement_type", "err-required"));
        }
        let reason = (self.stage == PipelineStage::Closed).then_some("err-market-close-reason");
        note_errors(&mut errors, &self.note, reason);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The errors of a pipeline step's note: too long, or empty where a reason is `required`
/// (with that error's key).
fn note_errors(errors: &mut Vec<FieldError>, note: &str, required: Option<&str>) {
    if let Some(key) = required
        && note.trim().is_empty()
    {
        errors.push(FieldError::new("note", key));
    }
    if note.chars().count() > MAX_INTEREST_CHARS {
        errors.push(FieldError::new("note", "err-too-long").with_limit(MAX_INTEREST_CHARS as i64));
    }
}

/// Taking back the last move of a pipeline (an introduction's or a meeting's cooperation):
/// a side who recorded "signed" by mistake, or talks that resume after being closed.
///
/// Why not a move backwards: the pipeline only moves forwards, so that its history reads
/// as what happened. A take-back is a step of its own in that history, with its reason,
/// and it returns to exactly where the pipeline stood before the move it takes back, with
/// the agreement as it stood then; taking back again goes one move further back. The
/// history's first step (introduced, or in talks after a meeting) is never taken back.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineBack {
    /// Why: required, as for a closing.
    pub note: String,
}

impl PipelineBack {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        note_errors(&mut errors, &self.note, Some("err-pipeline-back-reason"));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The moves still standing in a history of (stage code, took back) steps, oldest
    /// first: each take-back cancels the move before it that still stood.
    fn standing<'a>(steps: impl IntoIterator<Item = (&'a str, bool)>) -> Vec<PipelineStage> {
        let mut standing = Vec::new();
        for (stage, takes_back) in steps {
            if takes_back {
                standing.pop();
            } else if let Some(stage) = PipelineStage::parse(stage) {
                standing.push(stage);
            }
        }
        standing
    }

    /// Where taking the last move back returns a pipeline with `steps` (stage code, took
    /// back; oldest first) and `agreement` now: the stage before that move, with the
    /// agreement as it stood then; `err-pipeline-nothing-back` when only its start stands.
    pub fn restore<'a>(
        steps: impl IntoIterator<Item = (&'a str, bool)>,
        agreement: Option<String>,
    ) -> Result<(PipelineStage, Option<String>), crate::StoreError> {
        let to =
            Self::back_to(steps).ok_or(crate::StoreError::Conflict("err-pipeline-nothing-back"))?;
        Ok((to, Self::agreement_at(to, agreement)))
    }

    /// Where taking the last move back would return a pipeline with `steps`, if there is
    /// a move to take back (what a page offers).
    pub fn back_to<'a>(steps: impl IntoIterator<Item = (&'a str, bool)>) -> Option<PipelineStage> {
        Self::target(&Self::standing(steps))
    }

    /// Where taking back the last move standing would return to, if there is one to take
    /// back.
    fn target(standing: &[PipelineStage]) -> Option<PipelineStage> {
        match standing {
            [.., before, _last] => Some(*before),
            _ => None,
        }
    }

    /// The agreement once back at `stage`: an agreement is kept only where one had been
    /// signed by that point, since only signing sets it.
    fn agreement_at(stage: PipelineStage, agreement: Option<String>) -> Option<String> {
        match stage {
            PipelineStage::Signed | PipelineStage::Implemented => agreement,
            _ => None,
        }
    }
}

/// One introduction as the funnel counts it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FunnelRow {
    #[sqlx(try_from = "String")]
    pub status: InterestStatus,
    pub stage: Option<String>,
    pub agreement_type: Option<String>,
    /// The posting's organisation's region and the interested organisation's, if any.
    #[sqlx(try_from = "String")]
    pub posting_region: Region,
    pub from_region: Option<String>,
    #[sqlx(try_from = "String")]
    pub sectors: Codes<Sector>,
    pub event_id: Option<i64>,
}

/// What changes when postings change, so a node's recommender knows when to reload: a
/// counter every insert, update and delete of a posting bumps, by trigger.
pub type MarketStamp = i64;

#[async_trait]
pub trait MarketStore: Send + Sync {
    /// Keeps an alert of `user_id` for `filters`, looking from `now` on; the same filters
    /// again only change how often. At most [`MAX_ALERTS`] per account
    /// (`err-too-many-alerts`).
    async fn save_posting_alert(
        &self,
        user_id: i64,
        filters: &str,
        frequency: AlertFrequency,
        stop_token: &str,
        now: i64,
    ) -> StoreResult<PostingAlert>;
    /// Keeps (`saved`) or drops `user_id`'s bookmark of a posting (收藏); a posting the
    /// reader cannot see (not published, and not their organisation's) is not found.
    async fn save_posting(
        &self,
        user: &User,
        posting_id: i64,
        saved: bool,
        now: i64,
    ) -> StoreResult<()>;
    /// The published postings `user_id` saved, the last saved first.
    async fn saved_postings(&self, user_id: i64) -> StoreResult<Vec<Posting>>;
    /// How many readers saved the posting, for its owners.
    async fn saved_count(&self, posting_id: i64) -> StoreResult<i64>;
    /// Whether `user_id` saved the posting.
    async fn has_saved(&self, user_id: i64, posting_id: i64) -> StoreResult<bool>;
    /// An account's alerts, oldest first.
    async fn posting_alerts(&self, user_id: i64) -> StoreResult<Vec<PostingAlert>>;
    async fn get_posting_alert(&self, id: i64) -> StoreResult<PostingAlert>;
    /// The alert its mails' stop link names.
    async fn posting_alert_by_token(&self, stop_token: &str) -> StoreResult<PostingAlert>;
    /// Stops one of `user_id`'s alerts (another account's: `NotFound`).
    async fn delete_posting_alert(&self, user_id: i64, id: i64) -> StoreResult<()>;
    /// Alerts due for a look at `now` (their period passed since the last), at most `limit`.
    async fn due_posting_alerts(&self, now: i64, limit: i64) -> StoreResult<Vec<PostingAlert>>;
    /// Takes the alert's look at `now`, if no other node took it since `checked_at`, and
    /// then, when `news` (postings were published since), queues its mail, in its
    /// account's language, about what was published between `checked_at` and `now`.
    /// Returns whether this call took the look.
    async fn look_at_posting_alert(
        &self,
        id: i64,
        checked_at: i64,
        now: i64,
        news: bool,
    ) -> StoreResult<bool>;
    /// As [`Self::look_at_posting_alert`], for what only the web node can tell: the
    /// `postings` the recommender found (new counterparts), kept with the mail
    /// (`alert_postings`, in the account's language) that lists them when it is sent.
    async fn look_at_alert_with_postings(
        &self,
        id: i64,
        checked_at: i64,
        now: i64,
        postings: &[i64],
    ) -> StoreResult<bool>;

    /// Writes a new posting, pending review. `by` must be staff or represent the posting's
    /// organisation.
    async fn create_posting(
        &self,
        by: &User,
        draft: &PostingDraft,
        now: i64,
    ) -> StoreResult<Posting>;
    /// Edits a posting, based on `expected_version`. An owner's edit of a published posting
    /// sends it back to review; staff edits keep its status.
    async fn update_posting(
        &self,
        by: &User,
        id: i64,
        expected_version: i64,
        draft: &PostingDraft,
        now: i64,
    ) -> StoreResult<Posting>;
    /// Staff: publish, or return with a reason (required).
    async fn review_posting(
        &self,
        by: &User,
        id: i64,
        approve: bool,
        note: &str,
        now: i64,
    ) -> StoreResult<Posting>;
    /// An owner or staff takes a posting down.
    async fn withdraw_posting(&self, by: &User, id: i64, now: i64) -> StoreResult<Posting>;
    /// Staff: queues a reminder that the posting expires (`market_expiry`, written when
    /// sent in each recipient's language) to its author and its organisation's
    /// representatives, and records when; `err-market-nobody-to-remind` when it has none.
    async fn remind_posting(&self, by: &User, id: i64, now: i64) -> StoreResult<Posting>;
    async fn get_posting(&self, id: i64) -> StoreResult<Posting>;
    async fn list_postings(&self, filter: &PostingFilter) -> StoreResult<crate::Page<Posting>>;
    /// Every published, unexpired posting: what the recommender indexes.
    async fn live_postings(&self, today: &str) -> StoreResult<Vec<Posting>>;
    /// The words read out of the attachments of every published, unexpired posting that
    /// has some, as (posting, words): what the recommender reads beside their text.
    async fn live_attachment_words(&self, today: &str) -> StoreResult<Vec<(i64, String)>>;
    /// Published postings expiring on or before `until`, soonest first.
    async fn expiring_postings(&self, today: &str, until: &str) -> StoreResult<Vec<Posting>>;
    async fn market_stamp(&self) -> StoreResult<MarketStamp>;

    /// A reader expresses interest. Refused for one's own posting, a second time, or a
    /// posting that is not live.
    async fn express_interest(
        &self,
        by: &User,
        posting_id: i64,
        message: &str,
        message_script: Script,
        today: &str,
        now: i64,
    ) -> StoreResult<Interest>;
    /// The posting's owners accept (an introduction starts) or decline.
    async fn decide_interest(
        &self,
        by: &User,
        id: i64,
        accept: bool,
        now: i64,
    ) -> StoreResult<Interest>;
    /// Either side of an introduction, or staff, moves it along the pipeline.
    async fn move_pipeline(
        &self,
        by: &User,
        id: i64,
        expected_version: i64,
        step: &PipelineMove,
        now: i64,
    ) -> StoreResult<Interest>;
    /// Either side of an introduction, or staff, takes its last move back
    /// ([`PipelineBack`]).
    async fn take_back_pipeline(
        &self,
        by: &User,
        id: i64,
        expected_version: i64,
        back: &PipelineBack,
        now: i64,
    ) -> StoreResult<Interest>;
    async fn get_interest(&self, id: i64) -> StoreResult<Interest>;
    async fn interests_for_posting(&self, posting_id: i64) -> StoreResult<Vec<Interest>>;
    /// Interests `user` sent or received (on postings they own).
    async fn interests_of_user(&self, user: &User) -> StoreResult<Vec<Interest>>;
    async fn pipeline_steps(&self, interest_id: i64) -> StoreResult<Vec<PipelineStep>>;
    /// Every interest with what the funnel groups by.
    async fn funnel_rows(&self) -> StoreResult<Vec<FunnelRow>>;
    /// Events whose matchmaking is open where both addresses hold a confirmed
    /// registration: (event id, registration of `a`, registration of `b`). An introduction
    /// becomes a meeting request there.
    async fn shared_matchmaking(&self, a: &str, b: &str) -> StoreResult<Vec<(i64, i64, i64)>>;

    /// An owner (or staff) attaches a checked file ([`checked_attachment`]); at most
    /// [`MAX_ATTACHMENTS`] per posting.
    /// Attaches a file (the owners only; at most [`MAX_ATTACHMENTS`]). Its words join the
    /// posting's for search in the same transaction. Audited.
    async fn add_attachment(
        &self,
        by: &User,
        posting_id: i64,
        file: FileUpload<'_>,
        now: i64,
    ) -> StoreResult<Attachment>;
    async fn attachments(&self, posting_id: i64) -> StoreResult<Vec<Attachment>>;
    /// A file and its bytes.
    async fn attachment_data(&self, id: i64) -> StoreResult<(Attachment, Vec<u8>)>;
    async fn delete_attachment(&self, by: &User, id: i64) -> StoreResult<()>;
    /// Up to `limit` attachments whose words were never read (kept before files were
    /// read), the oldest first.
    async fn attachments_unread(&self, limit: i64) -> StoreResult<Vec<Attachment>>;
    /// Keeps the words read out of an attachment that had none read (one read meanwhile
    /// by another node is left as it is) and refreshes its posting's for search.
    async fn set_attachment_words(&self, id: i64, words: &str) -> StoreResult<()>;
}

/// A file attached to a posting (without its bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub posting_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: i64,
    /// How many characters of words were read out of it for search: `None` not read yet,
    /// 0 none (a picture, or a document that could not be read).
    pub words_length: Option<i64>,
}

/// At most this many files per posting, each at most [`MAX_ATTACHMENT_BYTES`].
pub const MAX_ATTACHMENTS: i64 = 5;
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;

/// The kinds of file a posting may carry, by extension: documents and pictures a
/// partner can open anywhere, nothing that runs.
const ATTACHMENT_TYPES: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
];

/// Checks an upload: its name (path parts dropped, at most 200 characters), its type (from
/// the extension) and its size. Returns the name to keep and the content type.
pub fn checked_attachment(
    filename: &str,
    size: usize,
) -> Result<(String, &'static str), Vec<FieldError>> {
    checked_file(filename, size, MAX_ATTACHMENT_BYTES)
}

/// [`checked_attachment`] with another bound on the size (a publication's files may be
/// larger than a posting's).
pub fn checked_file(
    filename: &str,
    size: usize,
    max_bytes: usize,
) -> Result<(String, &'static str), Vec<FieldError>> {
    let name: String = filename
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned();
    if size == 0 || name.is_empty() {
        return Err(vec![FieldError::new("file", "err-required")]);
    }
    if name.chars().count() > 200 {
        return Err(vec![
            FieldError::new("file", "err-too-long").with_limit(200),
        ]);
    }
    if size > max_bytes {
        return Err(vec![
            FieldError::new("file", "err-market-file-too-big")
                .with_limit((max_bytes / 1024 / 1024) as i64),
        ]);
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ATTACHMENT_TYPES.iter().find(|(e, _)| *e == ext) {
        Some((_, ct)) => Ok((name, ct)),
        None => Err(vec![FieldError::new("file", "err-market-file-type")]),
    }
}

/// Whether `user` is a party to the interest (wrote it, or owns the posting) or staff.
pub fn party_to(user: &User, interest: &Interest, posting: &Posting) -> bool {
    is_staff(user) || interest.from_user_id == user.id || posting.owned_by(user)
}

impl From<Vec<FieldError>> for StoreError {
    fn from(errors: Vec<FieldError>) -> Self {
        StoreError::Invalid(errors)
    }
}

/// Whether a posting's `contact` names the person with this address or name (ignoring
/// case and spaces), so that erasing their account must take it away. A name of one
/// character would match too much, and is not looked for.
pub fn contact_names(contact: &str, email: &str, name: &str) -> bool {
    let flat = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let contact = flat(contact);
    let (email, name) = (flat(email), flat(name));
    (!email.is_empty() && contact.contains(&email))
        || (name.chars().count() > 1 && contact.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::contact_names;

    #[test]
    fn a_contact_names_the_address_or_the_name_whatever_the_case_and_spaces() {
        let (email, name) = ("Chan.TaiMan@example.org", "陳 大文");
        assert!(contact_names("chan.taiman@example.org", email, name));
        assert!(contact_names("聯絡：陳大文 9123 4567", email, name));
        assert!(!contact_names("bd@example.org", email, name));
        // A one-character name, or none, is not looked for.
        assert!(!contact_names("陳先生", "x@example.org", "陳"));
        assert!(!contact_names("bd@example.org", "", ""));
    }
}
