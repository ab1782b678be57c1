//! Whom to meet at an event: each participant linked to their organisation in the
//! directory, that organisation's offers and needs shown in their profile, and the other
//! participants whose organisations answer one's own, as the supply-and-demand
//! recommender ranks them (across scripts and regional terms, with its reasons).
//!
//! Why here and not in the recommender: a participant is not a posting. What they bring
//! to an event is what their organisation has posted, so the event's matchmaking reads the
//! market's postings through the directory; an organisation that has posted nothing is
//! read from what it says of itself in the directory. And what participants say of
//! themselves (their matchmaking profiles) is indexed per event ([`PeopleIndex`]), so that
//! those who have posted nothing are suggested to each other too ([`people`]).

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use baylink_market::{Profile, Recommendation, Recommender};
use baylink_store::market::{PostingKind, PostingSide};
use baylink_store::{
    MatchmakingProfile, MeetingRequest, OrgType, OrganisationNames, Region, Registration,
};

use super::Ctx;
use super::market::{Market, directory_counterparts, reasons, terms_reason, text_counterparts};
use crate::AppState;
use crate::error::WebError;

/// How many of an organisation's postings a profile shows.
const POSTINGS_PER_PROFILE: usize = 3;

/// Each participant's organisation in the directory (registration id → organisation id):
/// the one their account represents, else the one named by the organisation they
/// registered with (any of its names, in whatever script, in any of their forms:
/// "HKUST", "香港科技大學（HKUST）", "The Hong Kong University of Science and Technology";
/// [`OrganisationNames`]). Erased registrations have none.
pub async fn directory_orgs(
    s: &AppState,
    regs: &[Registration],
    names: &OrganisationNames,
) -> Result<HashMap<i64, i64>, WebError> {
    // The accounts that represent an organisation, by address: one query, not one per
    // participant (the directory's `names` were read once for the page).
    let represents: HashMap<String, i64> = s
        .store
        .list_users()
        .await?
        .into_iter()
        .filter_map(|u| Some((u.email.to_lowercase(), u.org_id?)))
        .collect();
    let mut out = HashMap::new();
    for r in regs.iter().filter(|r| !r.is_erased()) {
        let org = match represents.get(&r.email.to_lowercase()).copied() {
            Some(org) => Some(org),
            None => r.organisation.as_deref().and_then(|name| names.find(name)),
        };
        if let Some(org) = org {
            out.insert(r.id, org);
        }
    }
    Ok(out)
}

/// An organisation's live postings for a profile: (posting id, title in the reader's
/// script), newest first.
pub fn postings_of(c: &Ctx, market: &Market, org: i64) -> Vec<(i64, String)> {
    let mut mine: Vec<_> = market
        .postings
        .values()
        .filter(|p| p.org_id == org)
        .collect();
    mine.sort_by_key(|p| std::cmp::Reverse(p.id));
    mine.into_iter()
        .take(POSTINGS_PER_PROFILE)
        .map(|p| (p.id, c.text(&p.title, &p.script)))
        .collect()
}

/// What an event's suggestions read of its participants, each read once per page.
pub struct EventPeople<'a> {
    pub event_id: i64,
    /// The confirmed participants.
    pub regs: &'a [Registration],
    /// Each participant's organisation in the directory ([`directory_orgs`]).
    pub orgs: &'a HashMap<i64, i64>,
    /// What participants say of themselves, by registration.
    pub abouts: &'a HashMap<i64, MatchmakingProfile>,
    /// The event's meeting requests.
    pub requests: &'a [MeetingRequest],
}

/// Whom one participant is suggested to meet at the event.
pub struct ForParticipant {
    /// Organisations whose offers and needs answer theirs, with their people there.
    pub organisations: Vec<Suggestion>,
    /// Participants whose own words answer theirs.
    pub people: Vec<PersonSuggestion>,
    /// How many participants they said "not for me" of.
    pub passed: usize,
}

/// Whom `reg` is suggested to meet at the event, up to `limit` of each kind: nobody they
/// have asked, been asked by or meet already, nor anyone they said "not for me" of; the
/// organisations answering theirs (from their organisation's postings, its directory
/// entry, or their own words), then the participants whose own words answer theirs, with
/// where they met before (`met`, by address) among the reasons: a follow-up, the
/// alliance's closed loop. The participant's page and the organiser's both show it.
#[allow(clippy::too_many_arguments)]
pub async fn for_participant(
    s: &AppState,
    c: &Ctx,
    market: &Arc<Market>,
    event: &EventPeople<'_>,
    reg: &Registration,
    met: &super::matchmaking::MetBefore,
    who: impl Fn(i64) -> String + Copy,
    limit: usize,
) -> Result<ForParticipant, WebError> {
    let now = baylink_store::sql::now();
    let counterparts = match (event.orgs.get(&reg.id), event.abouts.get(&reg.id)) {
        (Some(&org), _) => counterparts(s, market, org, now).await?,
        // Without an organisation in the directory: what they say of themselves.
        (None, Some(mine)) => about_counterparts(market, reg, &mine.about, now),
        (None, None) => Vec::new(),
    };
    let passes = s.store.passes(reg.id).await?;
    let engaged: HashSet<i64> = event
        .requests
        .iter()
        .filter(|r| r.engages(reg.id))
        .map(|r| r.other_side(reg.id))
        .chain(passes.iter().copied())
        .collect();
    let organisations = suggestions(
        c,
        market,
        reg.id,
        event.orgs,
        &engaged,
        who,
        counterparts,
        limit,
    );
    // And those who have posted nothing but say in their profile what they bring.
    let named: HashSet<i64> = organisations
        .iter()
        .flat_map(|x| x.people.iter().map(|(rid, _)| *rid))
        .chain(engaged.iter().copied())
        .collect();
    let my_words = own_words(
        market,
        event
            .abouts
            .get(&reg.id)
            .map(|p| p.about.as_str())
            .unwrap_or_default(),
        event.orgs.get(&reg.id).copied(),
    );
    let mut people = people(
        s,
        c,
        market,
        event.event_id,
        reg,
        my_words,
        event.regs,
        event.abouts,
        event.orgs,
        &named,
        who,
        limit,
    )
    .await?;
    for x in &mut people {
        if let Some(r) = event.regs.iter().find(|r| r.id == x.registration_id) {
            x.reasons.extend(met.of(r));
        }
    }
    Ok(ForParticipant {
        organisations,
        people,
        passed: passes.len(),
    })
}

/// An organisation worth meeting at the event, and why: its posting that answers one of
/// the reader's organisation's, and its participants there.
pub struct Suggestion {
    pub posting_id: i64,
    pub title: String,
    pub reasons: Vec<String>,
    /// (registration id, name and organisation), the first few.
    pub people: Vec<(i64, String)>,
}

/// How many of a suggested organisation's participants are named.
const PEOPLE_PER_SUGGESTION: usize = 3;

/// The postings the recommender ranks as counterparts of `org`'s live postings, or, when
/// it has posted nothing, of what it says of itself in the directory; best first.
pub async fn counterparts(
    s: &AppState,
    market: &Market,
    org: i64,
    now: i64,
) -> Result<Vec<Recommendation>, WebError> {
    let mine: Vec<i64> = market
        .postings
        .values()
        .filter(|p| p.org_id == org && market.recommender.contains(p.id))
        .map(|p| p.id)
        .collect();
    if mine.is_empty() {
        let o = s.store.get_organisation(org).await?;
        return Ok(directory_counterparts(market, &o, now, COUNTERPARTS));
    }
    Ok(market
        .recommender
        .recommend_many(&mine, now, COUNTERPARTS)
        .into_iter()
        .map(|(_, r)| r)
        .collect())
}

/// The postings the recommender ranks as counterparts of what a participant without an
/// organisation in the directory says of themselves; best first.
pub fn about_counterparts(
    market: &Market,
    reg: &Registration,
    about: &str,
    now: i64,
) -> Vec<Recommendation> {
    let org_type = reg
        .org_type
        .as_deref()
        .and_then(baylink_store::OrgType::parse)
        .unwrap_or(baylink_store::OrgType::Other);
    // Overseas counts for no cross-border pair, so an unknown place adds nothing.
    let region = reg
        .region
        .as_deref()
        .and_then(baylink_store::Region::parse)
        .unwrap_or(baylink_store::Region::Overseas);
    let text = format!(
        "{}\n{about}",
        reg.organisation.as_deref().unwrap_or_default()
    );
    // No posting or organisation has a negative id below every organisation's.
    text_counterparts(
        market,
        i64::MIN + reg.id,
        0,
        (org_type, region),
        text,
        now,
        COUNTERPARTS,
    )
}

/// How many counterparts from the whole market are looked through for the event's.
const COUNTERPARTS: usize = 200;

/// Up to `limit` other organisations at the event among `counterparts` (of `me`'s
/// organisation, best first), each once, each with its participants other than those in
/// `engaged` (whom the reader has asked, been asked by or meets already); an organisation
/// with no one else there is left out.
#[allow(clippy::too_many_arguments)]
pub fn suggestions(
    c: &Ctx,
    market: &Market,
    me: i64,
    orgs: &HashMap<i64, i64>,
    engaged: &HashSet<i64>,
    who: impl Fn(i64) -> String,
    counterparts: Vec<Recommendation>,
    limit: usize,
) -> Vec<Suggestion> {
    // Without an organisation in the directory, every organisation is another.
    let my_org = orgs.get(&me).copied().unwrap_or(0);
    let mut by_org: HashMap<i64, Vec<i64>> = HashMap::new();
    for (&reg, &org) in orgs {
        if reg != me && org != my_org && !engaged.contains(&reg) {
            by_org.entry(org).or_default().push(reg);
        }
    }
    for regs in by_org.values_mut() {
        regs.sort_unstable();
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Counterparts from the whole market, of which only the event's organisations count.
    for r in counterparts {
        if out.len() == limit {
            break;
        }
        let Some(p) = market.postings.get(&r.posting_id) else {
            continue;
        };
        let Some(regs) = by_org.get(&p.org_id) else {
            continue;
        };
        if seen.insert(p.org_id) {
            out.push(Suggestion {
                posting_id: p.id,
                title: c.text(&p.title, &p.script),
                reasons: reasons(c, &r, p),
                people: regs
                    .iter()
                    .take(PEOPLE_PER_SUGGESTION)
                    .map(|&reg| (reg, who(reg)))
                    .collect(),
            });
        }
    }
    out
}

/// A participant worth meeting for what they say of themselves, and why.
pub struct PersonSuggestion {
    pub registration_id: i64,
    /// Name and organisation.
    pub who: String,
    /// The start of what they say of themselves, in the reader's script.
    pub about: String,
    pub reasons: Vec<String>,
}

/// How much of a suggested participant's profile the card shows, in characters.
const ABOUT_CHARS: usize = 80;

/// The participants' profiles of each event as a recommender, kept while they are unchanged:
/// reading them is the costly part (segmentation of every profile), and a page of the
/// event is read far more often than a profile is written.
#[derive(Default)]
pub struct PeopleIndex {
    events: Mutex<HashMap<i64, (u64, Arc<Recommender>)>>,
}

impl PeopleIndex {
    /// The recommender over `people` (the event's participants with a profile), with the
    /// rarity of words taken from the whole market as well, built on a blocking thread
    /// unless the event's people and the market are as they were.
    async fn of(
        &self,
        event: i64,
        people: Vec<Profile>,
        market: &Arc<Market>,
    ) -> Result<Arc<Recommender>, WebError> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        // A reloaded market is another allocation.
        (Arc::as_ptr(market) as usize).hash(&mut h);
        for p in &people {
            (
                p.id,
                p.org_id,
                p.org_type.code(),
                p.region.code(),
                p.since,
                &p.text,
            )
                .hash(&mut h);
        }
        let key = h.finish();
        if let Some((k, r)) = self.lock().get(&event)
            && *k == key
        {
            return Ok(r.clone());
        }
        let market = market.clone();
        let built = tokio::task::spawn_blocking(move || {
            Arc::new(Recommender::build_against(&people, &market.recommender))
        })
        .await
        .map_err(|e| WebError::Internal(format!("people index: {e}")))?;
        self.lock().insert(event, (key, built.clone()));
        Ok(built)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, (u64, Arc<Recommender>)>> {
        // A panic elsewhere while holding it leaves a map that is still whole.
        self.events.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a participant brings, for the people index: what they say of themselves and, when
/// their organisation is in the directory, its live postings. Not the organisation's name:
/// "有限公司" or "University" would pair everyone with everyone.
pub fn own_words(market: &Market, about: &str, org: Option<i64>) -> String {
    let mut text = about.to_owned();
    if let Some(org) = org {
        for p in market.postings.values().filter(|p| p.org_id == org) {
            text.push_str(&format!("\n{}\n{}", p.title, p.summary));
        }
    }
    text
}

/// Up to `limit` other participants whose profiles answer `my_words` (what `me` brings),
/// best first, leaving out `named` (already suggested with their organisation, or already
/// asked, asking or met) and anyone of the reader's organisation. Every profile is both an offer and a need here: a
/// profile says both, in one text, so each is indexed as an offer and asked as a need.
#[allow(clippy::too_many_arguments)]
pub async fn people(
    s: &AppState,
    c: &Ctx,
    market: &Arc<Market>,
    event: i64,
    me: &Registration,
    my_words: String,
    regs: &[Registration],
    abouts: &HashMap<i64, MatchmakingProfile>,
    orgs: &HashMap<i64, i64>,
    named: &HashSet<i64>,
    who: impl Fn(i64) -> String,
    limit: usize,
) -> Result<Vec<PersonSuggestion>, WebError> {
    let profile_of = |r: &Registration, side: PostingSide, id: i64, since: i64, text: String| {
        Profile {
            id,
            side,
            kind: PostingKind::Technology,
            sectors: Vec::new(),
            modes: Vec::new(),
            targets: Vec::new(),
            // Someone outside the directory is an organisation of their own.
            org_id: orgs.get(&r.id).copied().unwrap_or(-r.id),
            org_type: r
                .org_type
                .as_deref()
                .and_then(OrgType::parse)
                .unwrap_or(OrgType::Other),
            // Overseas counts for no cross-border pair, so an unknown place adds nothing.
            region: r
                .region
                .as_deref()
                .and_then(Region::parse)
                .unwrap_or(Region::Overseas),
            since,
            text,
            version: since,
            words_stamp: 0,
        }
    };
    let mut texts = HashMap::new();
    let indexed: Vec<Profile> = regs
        .iter()
        .filter(|r| r.id != me.id && !r.is_erased())
        .filter_map(|r| {
            let about = abouts.get(&r.id).filter(|p| !p.about.trim().is_empty())?;
            let text = about.about.clone();
            texts.insert(r.id, text.clone());
            Some(profile_of(
                r,
                PostingSide::Offer,
                r.id,
                about.updated_at,
                text,
            ))
        })
        .collect();
    if indexed.is_empty() || my_words.trim().is_empty() {
        return Ok(Vec::new());
    }
    let index = s.people.of(event, indexed, market).await?;
    let now = baylink_store::sql::now();
    // Not an indexed id: the reader is asked as a need, not found as an offer.
    let ask = profile_of(me, PostingSide::Need, i64::MIN, now, my_words);
    let my_org_name = me.organisation.as_deref().map(fold_name);
    let mut orgs_seen = HashSet::new();
    Ok(index
        .recommend_profile(&ask, now, COUNTERPARTS)
        .into_iter()
        .filter(|r| !named.contains(&r.posting_id))
        // One person of each organisation: the best placed one.
        .filter(|r| orgs_seen.insert(orgs.get(&r.posting_id).copied().unwrap_or(-r.posting_id)))
        .filter(|r| {
            let other = regs.iter().find(|x| x.id == r.posting_id);
            my_org_name.is_none()
                || other.and_then(|o| o.organisation.as_deref().map(fold_name)) != my_org_name
        })
        .take(limit)
        .map(|r| {
            let mut reasons: Vec<String> = texts
                .get(&r.posting_id)
                .and_then(|t| terms_reason(c, &r, t))
                .into_iter()
                .collect();
            if r.academia_industry {
                reasons.push(c.t("why-academia-industry"));
            }
            if r.cross_border {
                reasons.push(c.t("why-cross-border"));
            }
            let about = abouts
                .get(&r.posting_id)
                .map(|p| {
                    let shown = c.text(&p.about, &p.about_script);
                    let mut cut: String = shown.chars().take(ABOUT_CHARS).collect();
                    if cut.len() < shown.len() {
                        cut.push('…');
                    }
                    cut
                })
                .unwrap_or_default();
            PersonSuggestion {
                registration_id: r.posting_id,
                who: who(r.posting_id),
                about,
                reasons,
            }
        })
        .collect())
}

/// An organisation's name as typed, for telling whether two participants typed the same.
fn fold_name(name: &str) -> String {
    baylink_text::fold(name.trim())
}
