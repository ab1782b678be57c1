//! Baylink's storage contract.
//!
//! The web edge and the command line see only [`Store`], a trait object, so neither
//! knows nor cares whether the alliance's data lives in the embedded SQLite file or in a
//! PostgreSQL server shared by several app nodes. The [`sql`] module implements the trait
//! once, as macros generic over the sqlx backend; the `baylink-store-sqlite` and
//! `baylink-store-postgres` crates each bring their connection settings and their own
//! migrations. One conformance suite (in the `baylink` crate's tests) runs on both.
//!
//! Every write that changes the directory takes an [`Actor`] and writes its audit-log line
//! in the same transaction as the change: a change without its audit line cannot exist.

pub mod error;
pub mod events;
pub mod input;
pub mod market;
pub mod matchmaking;
pub mod meeting_messages;
pub mod model;
pub mod passwords;
pub mod publications;
pub mod questions;
pub mod reports;
pub mod search;
pub mod sql;
pub mod sql_events;
pub mod sql_market;
pub mod sql_matchmaking;
pub mod sql_meeting_messages;
pub mod sql_passwords;
pub mod sql_publications;
pub mod sql_reports;
pub mod sql_two_factor;
pub mod two_factor;

use async_trait::async_trait;

pub use error::{FieldError, StoreError, StoreResult};
pub use events::*;
pub use input::*;
pub use market::{
    AgreementType, Attachment, Codes, CoopMode, FunnelRow, Interest, InterestStatus, IpStatus,
    MarketStamp, MarketStore, PipelineBack, PipelineMove, PipelineStage, PipelineStep, Posting,
    PostingDraft, PostingFilter, PostingInput, PostingKind, PostingSide, PostingStatus, Sector,
    Stage,
};
pub use matchmaking::{
    CooperationBy, CooperationStep, EarlierMeeting, Matchmaking, MatchmakingDraft,
    MatchmakingInput, MatchmakingProfile, MatchmakingStatus, MatchmakingStore, MeetingCooperation,
    MeetingFeedback, MeetingLanguage, MeetingOutcome, MeetingRequest, MeetingSession, MeetingSlot,
    MeetingTable, RequestDraft, RequestInput, RequestStatus, ScheduleRun, ScheduledMeeting,
};
pub use meeting_messages::{MESSAGE_MAIL_DELAY, MeetingMessage, MeetingMessageStore};
pub use model::*;
pub use passwords::{
    EMAIL_CHANGE_SECONDS, INVITE_SECONDS, LinkPurpose, NewLink, PasswordLink, PasswordStore,
    RESET_MAIL_GAP_SECONDS, RESET_SECONDS,
};
pub use publications::{
    Publication, PublicationDraft, PublicationFile, PublicationFilter, PublicationInput,
    PublicationKind, PublicationOrg, PublicationStore,
};
pub use questions::{
    Answer, AnswerInput, QuestionDraft, QuestionInput, QuestionKind, RegistrationQuestion,
};
pub use reports::{
    CodeCount, CodeTally, DesignationCount, MeetingCounts, ParticipantRow, ReportEvent, ReportRows,
    ReportStore, SeriesTally, SideFigures, SignedAgreement, YearFigures, YearReport,
};
pub use search::{SEARCH_KINDS, SearchChange, SearchRecord, SearchStore};
pub use two_factor::{CHALLENGE_SECONDS, TwoFactorStore};

/// Who is making a change, for the audit log.
/// An account's token for programs that use the API in its name (only its hash is kept).
#[derive(
    Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema, sqlx::FromRow,
)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    /// What it is for, as its maker wrote it.
    pub name: String,
    pub created_at: i64,
    /// None: until revoked.
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    /// It may only read: every write it sends is refused.
    pub read_only: bool,
}

/// How often a token's last use is written down (a program may call many times a
/// second; the day is what its owner needs to see).
pub const TOKEN_USE_SECONDS: i64 = 300;

/// How long the answer to an API write sent with an `Idempotency-Key` is kept: a program
/// retries within minutes, and a day covers one that was offline overnight.
pub const IDEMPOTENCY_SECONDS: i64 = 86_400;

/// How long a request holding an `Idempotency-Key` may go unanswered before the key is
/// taken over by the next request that sends it: its node then died mid-request, and the
/// key would otherwise block its program for a day. Longer than any write takes
/// (scheduling a large matchmaking session is the longest, under a minute).
pub const IDEMPOTENCY_STALE_SECONDS: i64 = 600;

/// The answer kept for an API write sent with an `Idempotency-Key`, to send again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAnswer {
    pub status: u16,
    /// The headers worth sending again (content type, location, a download's name).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What became of an earlier request with the same account and `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyClaim {
    /// None (or one that expired, or a stale claim): the key is this request's now. Answer
    /// it, then keep the answer or release the key.
    Claimed,
    /// The same request was answered: its answer, to send again.
    Answered(KeptAnswer),
    /// The same request is being answered right now, on another connection.
    InProgress,
    /// The key was used for another request (another method, path or body).
    Mismatch,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The signed-in account, or `None` for the command line and the demo loader.
    pub user_id: Option<i64>,
    /// What the audit log shows.
    pub name: String,
}

impl Actor {
    /// The operator at the command line (imports, the demo loader).
    pub fn cli() -> Actor {
        Actor {
            user_id: None,
            name: "cli".to_owned(),
        }
    }
}

/// Filters for the organisation list. All are optional and combine with AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgFilter {
    /// Matches any of the names, in either script (see [`baylink_text::fold`]).
    pub q: Option<String>,
    pub org_type: Option<OrgType>,
    pub region: Option<Region>,
    pub parent_id: Option<i64>,
    /// Only organisations holding this designation (in `year`, if given).
    pub designation_id: Option<i64>,
    pub year: Option<i32>,
    pub limit: i64,
    pub offset: i64,
    /// The order of the list; the reader's, as `NameOrder::for_reader` gives it.
    pub order: baylink_text::NameOrder,
}

/// Filters for the people list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonFilter {
    pub q: Option<String>,
    /// Only people holding a position at this organisation.
    pub org_id: Option<i64>,
    pub limit: i64,
    pub offset: i64,
    /// The order of the list; the reader's, as `NameOrder::for_reader` gives it.
    pub order: baylink_text::NameOrder,
}

/// Filters for the membership list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MembershipFilter {
    pub year: Option<i32>,
    pub designation_id: Option<i64>,
    pub org_id: Option<i64>,
    pub region: Option<Region>,
    /// The order of the list; the reader's, as `NameOrder::for_reader` gives it.
    pub order: baylink_text::NameOrder,
}

/// The site setting that makes administrators and secretariat staff use two-step sign-in
/// (`"on"`; anything else, or none, is off): they read every registrant's personal data,
/// so the alliance may want more than a password between that and a guess, as pretix lets
/// an organiser require it of a team. Until they turn it on, such an account acts as a
/// participant.
pub const STAFF_TWO_FACTOR: &str = "staff_two_factor";

/// Everything Baylink keeps, behind one interface with a SQLite and a PostgreSQL
/// implementation.
#[async_trait]
pub trait Store:
    EventStore
    + SearchStore
    + MatchmakingStore
    + MarketStore
    + PublicationStore
    + ReportStore
    + PasswordStore
    + TwoFactorStore
    + MeetingMessageStore
    + Send
    + Sync
    + 'static
{
    /// `sqlite` or `postgres`, for logs and the health page.
    fn backend(&self) -> &'static str;
    /// A trivial query, for `/healthz`.
    async fn ping(&self) -> StoreResult<()>;

    // Organisations.
    async fn list_organisations(&self, filter: &OrgFilter) -> StoreResult<Page<Organisation>>;
    async fn get_organisation(&self, id: i64) -> StoreResult<Organisation>;
    async fn all_organisations(&self) -> StoreResult<Vec<Organisation>>;
    /// An organisation with its parent and its sub-organisations, in one query: the
    /// detail page is the directory's busiest read.
    async fn organisation_family(
        &self,
        id: i64,
    ) -> StoreResult<(Organisation, Option<Organisation>, Vec<Organisation>)>;
    async fn create_organisation(
        &self,
        actor: &Actor,
        draft: &OrganisationDraft,
    ) -> StoreResult<Organisation>;
    async fn update_organisation(
        &self,
        actor: &Actor,
        id: i64,
        draft: &OrganisationDraft,
    ) -> StoreResult<Organisation>;
    async fn delete_organisation(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    /// Finds an organisation by its exact name (as folded), for imports.
    async fn find_organisation_by_name(&self, name: &str) -> StoreResult<Option<Organisation>>;
    /// Finds the organisation someone means by `name` as they typed it when registering:
    /// by any of its names (in either script, English, short: "HKUST", "hkitf") in any of
    /// their forms ([`OrganisationNames`]: without "the", a legal form, punctuation or a
    /// part in brackets), the whole name before a part of it.
    async fn find_organisation_by_any_name(&self, name: &str) -> StoreResult<Option<Organisation>>;

    // People and their positions.
    async fn list_people(&self, filter: &PersonFilter) -> StoreResult<Page<Person>>;
    async fn get_person(&self, id: i64) -> StoreResult<Person>;
    async fn create_person(&self, actor: &Actor, draft: &PersonDraft) -> StoreResult<Person>;
    async fn update_person(
        &self,
        actor: &Actor,
        id: i64,
        draft: &PersonDraft,
    ) -> StoreResult<Person>;
    async fn delete_person(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    async fn positions_of_person(&self, person_id: i64) -> StoreResult<Vec<Position>>;
    async fn positions_at_organisation(&self, org_id: i64) -> StoreResult<Vec<Position>>;
    async fn create_position(&self, actor: &Actor, draft: &PositionDraft) -> StoreResult<Position>;
    async fn delete_position(&self, actor: &Actor, id: i64) -> StoreResult<()>;

    /// Creates a person with their positions in one transaction, for imports: either the
    /// person and every position are written, or nothing is.
    async fn create_person_with_positions(
        &self,
        actor: &Actor,
        person: &PersonDraft,
        positions: &[PositionDraft],
    ) -> StoreResult<Person>;

    /// Writes an import in one transaction: all of it, or nothing.
    async fn apply_import(&self, actor: &Actor, plan: &ImportPlan) -> StoreResult<ImportOutcome>;

    // The alliance.
    async fn list_sides(&self) -> StoreResult<Vec<Side>>;
    async fn list_side_officers(&self) -> StoreResult<Vec<SideOfficer>>;
    #[allow(clippy::too_many_arguments)]
    async fn create_side(
        &self,
        actor: &Actor,
        code: &str,
        name: &str,
        name_script: &str,
        name_en: Option<&str>,
        body_name: Option<&str>,
        region: Region,
    ) -> StoreResult<Side>;
    async fn create_side_officer(
        &self,
        actor: &Actor,
        draft: &SideOfficerDraft,
    ) -> StoreResult<SideOfficer>;
    async fn delete_side_officer(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    async fn list_milestones(&self) -> StoreResult<Vec<Milestone>>;
    async fn delete_milestone(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    async fn create_milestone(
        &self,
        actor: &Actor,
        year: i32,
        date: Option<&str>,
        text: &str,
        text_script: &str,
        text_en: Option<&str>,
    ) -> StoreResult<Milestone>;

    // Designations and memberships.
    async fn list_designations(&self) -> StoreResult<Vec<Designation>>;
    async fn create_designation(
        &self,
        actor: &Actor,
        draft: &DesignationDraft,
    ) -> StoreResult<Designation>;
    async fn delete_designation(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    async fn list_memberships(&self, filter: &MembershipFilter) -> StoreResult<Vec<Membership>>;
    async fn create_membership(
        &self,
        actor: &Actor,
        draft: &MembershipDraft,
    ) -> StoreResult<Membership>;
    async fn delete_membership(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    /// Years that have at least one membership, newest first.
    async fn membership_years(&self) -> StoreResult<Vec<i32>>;
    /// The designations and the membership years together, in one query, for the filters
    /// of the organisation list.
    async fn directory_facets(&self) -> StoreResult<(Vec<Designation>, Vec<i32>)>;

    // Accounts and sessions.
    async fn create_user(
        &self,
        actor: &Actor,
        draft: &UserDraft,
        password_hash: &str,
    ) -> StoreResult<User>;
    async fn get_user(&self, id: i64) -> StoreResult<User>;
    async fn find_user_by_email(&self, email: &str) -> StoreResult<Option<User>>;
    /// Remembers the language `user_id` signed in with, for the mails they are sent;
    /// nothing changes when its holder chose one ([`Store::choose_user_locale`]).
    async fn set_user_locale(&self, user_id: i64, locale: &str) -> StoreResult<()>;
    /// The holder's own choice of the language of their mails, kept whatever language
    /// they then read the site in; `None` lets the mails follow the site's language again.
    async fn choose_user_locale(&self, user_id: i64, locale: Option<&str>) -> StoreResult<User>;
    async fn list_users(&self) -> StoreResult<Vec<User>>;
    /// Erases an account's personal data on its holder's request (PIPL, PDPO, Macao PDPA),
    /// in one transaction: the address becomes `erased-user-{id}@erased.invalid`, the name
    /// and password go (no one can sign in with it again), as do its sessions, its failed
    /// sign-ins, the messages of its expressions of interest, its unsent mails, the data in
    /// the audit log's lines about the account and its interests, and its name as the actor
    /// of the audit log's lines (which keep the account's number). Kept: the role, what the
    /// account wrote for its organisation (postings, pipeline notes) and the counts the
    /// reports need. An admin cannot erase their own account (`err-erase-self`).
    async fn erase_user(&self, actor: &Actor, id: i64) -> StoreResult<User>;
    /// Changes an account's address, name, role, side and organisation, with its audit
    /// line, in one transaction: another account's address is `err-email-taken`; an
    /// administrator does not change their own role (`err-own-role`), so the site always
    /// keeps one who can. `NotFound` for an erased account.
    async fn update_user(&self, actor: &Actor, id: i64, draft: &UserDraft) -> StoreResult<User>;
    /// Suspends an account (`suspend`) or reinstates it, with its audit line, in one
    /// transaction. Suspended, it cannot sign in, its sessions end, its API tokens and
    /// password links do not work and it is sent no mail for its organisation, but it keeps
    /// its name and what it did (unlike [`Store::erase_user`]). Not one's own
    /// (`err-suspend-self`); `NotFound` for an erased account.
    async fn suspend_user(&self, actor: &Actor, id: i64, suspend: bool) -> StoreResult<User>;
    /// Keeps a new session and notes it as its account's last sign-in.
    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        self.create_session_from(session, None, None).await
    }
    /// [`Store::create_session`], with the browser's `User-Agent` (the first 300
    /// characters) and address, for its holder's list of signed-in browsers
    /// ([`Store::list_sessions`]), in one transaction.
    async fn create_session_from(
        &self,
        session: &Session,
        user_agent: Option<&str>,
        client_ip: Option<&str>,
    ) -> StoreResult<()>;
    /// Notes a sign-in of `user_id` from the browser whose mark hashes to `device_hash`:
    /// true when the account had signed in from other browsers and never from this one,
    /// in which case the holder is mailed (`new_sign_in`) in the same transaction.
    async fn note_device(&self, user_id: i64, device_hash: &str, now: i64) -> StoreResult<bool>;
    /// The browsers `user_id` is signed in on at `now`, newest first.
    async fn list_sessions(&self, user_id: i64, now: i64) -> StoreResult<Vec<BrowserSession>>;
    /// Signs `user_id` out of the browser whose [`BrowserSession::id`] is `id`; false when
    /// none of theirs has it.
    async fn end_session_of(&self, user_id: i64, id: &str) -> StoreResult<bool>;
    /// The session with this token hash and its user, if it exists and has not expired.
    async fn get_session(&self, token_hash: &str, now: i64)
    -> StoreResult<Option<(Session, User)>>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Ends every session of `user_id` but `keep` (by its token hash); returns how many.
    async fn end_other_sessions(&self, user_id: i64, keep: &str) -> StoreResult<u64>;
    /// Keeps a new API token of `user_id` by its hash; `name` says what it is for.
    async fn create_api_token(
        &self,
        actor: &Actor,
        user_id: i64,
        name: &str,
        token_hash: &str,
        expires_at: Option<i64>,
        read_only: bool,
    ) -> StoreResult<ApiToken>;
    /// An account's API tokens, newest first.
    async fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>>;
    /// Revokes one of `user_id`'s tokens (another account's: `NotFound`).
    async fn delete_api_token(&self, actor: &Actor, user_id: i64, id: i64) -> StoreResult<()>;
    /// The token with this hash and its account, if it exists and has not expired at
    /// `now`; notes when it was used (at most every [`TOKEN_USE_SECONDS`]).
    async fn api_token_user(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<(ApiToken, User)>>;
    /// Marks the PDF files (publications' files and postings' attachments) kept without any
    /// words as not read, so that the nodes' sweep reads them again: scans kept before the
    /// machine had OCR. Returns how many.
    async fn forget_empty_pdf_words(&self) -> StoreResult<u64>;
    /// Adds each `(token id, requests)` of `uses` to the tokens' requests in `minute` (Unix
    /// minutes), counted by every node, and returns each token's total over the nodes; in
    /// one transaction, dropping the counts of minutes before the last. A token revoked
    /// meanwhile is left out.
    async fn add_token_use(&self, minute: i64, uses: &[(i64, i64)])
    -> StoreResult<Vec<(i64, i64)>>;
    /// Records a failed sign-in for `key` (an e-mail address) and returns how many failures
    /// it has had since `since`.
    async fn record_login_failure(&self, key: &str, now: i64, since: i64) -> StoreResult<i64>;
    async fn count_login_failures(&self, key: &str, since: i64) -> StoreResult<i64>;
    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;
    /// Claims `key` for a request of `user_id` that hashes to `fingerprint` (its method,
    /// path and body), at `now`, dropping keys older than [`IDEMPOTENCY_SECONDS`] on the way.
    /// Two requests claiming one key at once: one gets `Claimed`, the other `InProgress`.
    async fn claim_idempotency_key(
        &self,
        user_id: i64,
        key: &str,
        fingerprint: &str,
        now: i64,
    ) -> StoreResult<IdempotencyClaim>;
    /// Keeps the answer of the request that claimed `key`.
    async fn keep_idempotent_answer(
        &self,
        user_id: i64,
        key: &str,
        answer: &KeptAnswer,
    ) -> StoreResult<()>;
    /// Lets go of a claimed key whose answer is not to be kept (the server's fault, or a
    /// busy database): the same request may then be sent again and run.
    async fn release_idempotency_key(&self, user_id: i64, key: &str) -> StoreResult<()>;

    // Audit and totals.
    async fn list_audit(&self, limit: i64, offset: i64) -> StoreResult<Page<AuditEntry>> {
        self.search_audit(&AuditFilter::default(), limit, offset)
            .await
    }
    /// The audit log's lines that `filter` keeps, newest first.
    async fn search_audit(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Page<AuditEntry>>;
    /// The kinds of record the audit log has lines about, for its filter.
    async fn audit_entities(&self) -> StoreResult<Vec<String>>;
    /// A site setting changed on the pages ([`STAFF_TWO_FACTOR`]…), if ever set.
    async fn site_setting(&self, name: &str) -> StoreResult<Option<String>>;
    /// Sets a site setting, with its audit line (`site_setting`, its old and new value),
    /// in one transaction.
    async fn set_site_setting(&self, actor: &Actor, name: &str, value: &str) -> StoreResult<()>;
    async fn stats(&self) -> StoreResult<DirectoryStats>;
}

/// An organisation an import row refers to: one already stored, or one the same import
/// creates (by its index in [`ImportPlan::organisations`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgRef {
    Existing(i64),
    New(usize),
}

/// A new organisation in an import, with its parent if the file names one.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOrganisation {
    pub draft: OrganisationDraft,
    pub parent: Option<OrgRef>,
}

/// A person in an import: new, or one already stored who gains positions.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPerson {
    pub existing: Option<i64>,
    pub draft: PersonDraft,
    /// Positions to add; each draft's `person_id` and `org_id` are filled in on writing.
    pub positions: Vec<(OrgRef, PositionDraft)>,
}

/// Everything an import writes, checked beforehand and written in one transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    pub organisations: Vec<ImportOrganisation>,
    pub people: Vec<ImportPerson>,
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub organisations: usize,
    pub people: usize,
    pub positions: usize,
}
