//! Whom to meet at an event: each participant linked to their organisation in the
//! directory, that organisation's offers and needs shown in their profile, and the other
//! participants whose organisations answer one's own, as the supply-and-demand
//! recommender ranks them (across scripts and regional terms, with its reasons).
//!
//! Why here and not in the recommender: a participant is not a posting. What they bring
//! to an event is what their organisation has posted, so the event's matchmaking reads the
//! market's postings through the directory; an organisation that has posted nothing is
//! read from what it says of itself in the directory.

use std::collections::{HashMap, HashSet};

use baylink_market::Recommendation;
use baylink_store::Registration;

use super::Ctx;
use super::market::{Market, directory_counterparts, reasons, text_counterparts};
use crate::AppState;
use crate::error::WebError;

/// How many of an organisation's postings a profile shows.
const POSTINGS_PER_PROFILE: usize = 3;

/// Each participant's organisation in the directory (registration id → organisation id):
/// the one their account represents, else the one whose name is the organisation they
/// registered with (in whatever script either is written). Erased registrations have none.
pub async fn directory_orgs(
    s: &AppState,
    regs: &[Registration],
) -> Result<HashMap<i64, i64>, WebError> {
    let mut by_name: HashMap<String, Option<i64>> = HashMap::new();
    // The accounts that represent an organisation, by address: one query, not one each.
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
            None => match r.organisation.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => match by_name.get(name) {
                    Some(org) => *org,
                    None => {
                        let org = s.store.find_organisation_by_name(name).await?.map(|o| o.id);
                        by_name.insert(name.to_owned(), org);
                        org
                    }
                },
                _ => None,
            },
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
/// organisation, best first), each once.
pub fn suggestions(
    c: &Ctx,
    market: &Market,
    me: i64,
    orgs: &HashMap<i64, i64>,
    who: impl Fn(i64) -> String,
    counterparts: Vec<Recommendation>,
    limit: usize,
) -> Vec<Suggestion> {
    // Without an organisation in the directory, every organisation is another.
    let my_org = orgs.get(&me).copied().unwrap_or(0);
    let mut by_org: HashMap<i64, Vec<i64>> = HashMap::new();
    for (&reg, &org) in orgs {
        if reg != me && org != my_org {
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
                reasons: reasons(c, &r),
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
