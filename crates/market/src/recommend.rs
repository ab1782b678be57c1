//! The recommender: counterparts for a posting, with the reasons.

use std::collections::HashMap;

use baylink_search::analysis::Analysis;
use baylink_store::{CoopMode, OrgType, Posting, PostingKind, PostingSide, Region, Sector};

use crate::text::{TextIndex, analyse, analyse_all};

/// How many of a posting's terms a recommendation queries with: the most telling ones
/// (rarest), like Lucene's "more like this". All of them still count in `S(q,q)` and in
/// the reasons.
pub const QUERY_TERMS: usize = 32;

/// How much each part counts. The defaults follow the alliance's priorities (what the
/// two say first, then shared fields, then whether the kinds fit, then the alliance's
/// preferences); they were set before the evaluation was run and are not fitted to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub text: f32,
    pub sectors: f32,
    pub kind: f32,
    pub org_types: f32,
    pub border: f32,
    pub modes: f32,
    pub fresh: f32,
    /// Days after which freshness halves.
    pub half_life_days: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            text: 0.50,
            sectors: 0.20,
            kind: 0.10,
            org_types: 0.05,
            border: 0.07,
            modes: 0.04,
            fresh: 0.04,
            half_life_days: 180.0,
        }
    }
}

/// What the recommender knows of a posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: i64,
    pub side: PostingSide,
    pub kind: PostingKind,
    pub sectors: Vec<Sector>,
    pub modes: Vec<CoopMode>,
    /// Where its owner wants partners; empty for anywhere.
    pub targets: Vec<Region>,
    pub org_id: i64,
    pub org_type: OrgType,
    pub region: Region,
    /// Unix seconds: when it was published (or written).
    pub since: i64,
    /// Title, summary and description.
    pub text: String,
    /// Bumped on every edit: the analysis of an unchanged posting is reused on reload.
    pub version: i64,
    /// Names the words of its attachments in `text` (0 for none): they are read after the
    /// posting is written, without an edit, and change its analysis as an edit does.
    pub words_stamp: u64,
}

impl Profile {
    pub fn from_posting(p: &Posting) -> Profile {
        Profile {
            id: p.id,
            side: p.side,
            kind: p.kind,
            sectors: p.sectors.0.clone(),
            modes: p.modes.0.clone(),
            targets: p.target_regions.0.clone(),
            org_id: p.org_id,
            org_type: p.org_type,
            region: p.org_region,
            since: p.published_at.unwrap_or(p.created_at),
            text: format!("{}\n{}\n{}", p.title, p.summary, p.description),
            version: p.version,
            words_stamp: 0,
        }
    }

    /// Adds the words read out of the posting's attachments (a PDF's technical
    /// specification says more than a summary), the first [`ATTACHMENT_CHARS`] of them.
    pub fn with_attachment_words(mut self, words: &str) -> Profile {
        let words = match words.char_indices().nth(ATTACHMENT_CHARS) {
            Some((end, _)) => &words[..end],
            None => words,
        };
        if words.trim().is_empty() {
            return self;
        }
        self.text.push('\n');
        self.text.push_str(words);
        // FNV-1a, never 0 for words.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in words.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.words_stamp = hash | 1;
        self
    }
}

/// How much of a posting's attachments' words the recommender reads: enough for the
/// terms of a specification, and a bound on the analysis of every reload.
pub const ATTACHMENT_CHARS: usize = 20_000;

/// One counterpart, with the parts of its score: the page says why from these.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub posting_id: i64,
    pub score: f32,
    /// Text similarity, 0..1.
    pub text: f32,
    /// Terms both say (as analysed: Simplified, mainland terms), rarest first.
    pub shared_terms: Vec<String>,
    pub shared_sectors: Vec<Sector>,
    /// 1 for the same kind, less for related kinds.
    pub kind_fit: f32,
    /// A university or institute and a company (產學研).
    pub academia_industry: bool,
    /// Two different places among Shenzhen, Hong Kong and Macao.
    pub cross_border: bool,
    /// Whether the counterpart is where the posting's owner looks for partners (None:
    /// no target named).
    pub in_target: Option<bool>,
    pub shared_modes: Vec<CoopMode>,
    /// How old the counterpart is, in days.
    pub age_days: i64,
}

fn mask<T: Copy>(items: &[T], index: impl Fn(T) -> usize) -> u32 {
    items.iter().fold(0, |m, &i| m | 1 << index(i))
}

fn sector_index(s: Sector) -> usize {
    Sector::ALL.iter().position(|x| *x == s).unwrap_or(0)
}
fn mode_index(m: CoopMode) -> usize {
    CoopMode::ALL.iter().position(|x| *x == m).unwrap_or(0)
}
fn region_index(r: Region) -> usize {
    Region::ALL.iter().position(|x| *x == r).unwrap_or(0)
}

/// The compact form the scorer reads, one per indexed posting.
#[derive(Debug, Clone)]
struct Meta {
    id: i64,
    version: i64,
    words_stamp: u64,
    side: PostingSide,
    kind: PostingKind,
    sectors: u32,
    modes: u32,
    targets: u32,
    org_id: i64,
    org_type: OrgType,
    region: Region,
    since: i64,
}

impl Meta {
    fn of(p: &Profile) -> Meta {
        Meta {
            id: p.id,
            version: p.version,
            words_stamp: p.words_stamp,
            side: p.side,
            kind: p.kind,
            sectors: mask(&p.sectors, sector_index),
            modes: mask(&p.modes, mode_index),
            targets: mask(&p.targets, region_index),
            org_id: p.org_id,
            org_type: p.org_type,
            region: p.region,
            since: p.since,
        }
    }
}

/// How well an offer of kind `b` answers a need of kind `a` (symmetric).
pub fn kind_fit(a: PostingKind, b: PostingKind) -> f32 {
    use PostingKind::*;
    if a == b {
        return 1.0;
    }
    match (a.min_code(b), a.max_code(b)) {
        // A technology need is met by research cooperation and the other way round; a
        // project is built with technology or research; investment funds projects.
        (Research, Technology) | (Project, Technology) | (Project, Research) => 0.6,
        (Investment, Project) => 0.6,
        (Agency, Technology) | (Agency, Project) => 0.3,
        (Research, Talent) => 0.3,
        _ => 0.0,
    }
}

trait Order {
    fn min_code(self, other: Self) -> Self;
    fn max_code(self, other: Self) -> Self;
}

impl Order for PostingKind {
    fn min_code(self, other: Self) -> Self {
        if self.code() <= other.code() {
            self
        } else {
            other
        }
    }
    fn max_code(self, other: Self) -> Self {
        if self.code() > other.code() {
            self
        } else {
            other
        }
    }
}

fn academic(t: OrgType) -> bool {
    matches!(t, OrgType::University | OrgType::Institute)
}

/// How complementary two organisation types are: academia with industry most.
fn org_fit(a: OrgType, b: OrgType) -> f32 {
    if academic(a) != academic(b) && (a == OrgType::Company || b == OrgType::Company) {
        1.0
    } else if a == OrgType::Company || b == OrgType::Company {
        0.6
    } else {
        0.4
    }
}

fn bay(r: Region) -> bool {
    matches!(r, Region::Shenzhen | Region::HongKong | Region::Macao)
}

/// Shenzhen–Hong Kong–Macao pairs first, then a bay city with anywhere else.
fn border_fit(a: Region, b: Region) -> f32 {
    if a != b && bay(a) && bay(b) {
        1.0
    } else if bay(a) != bay(b) {
        0.5
    } else {
        0.3
    }
}

fn jaccard(a: u32, b: u32) -> f32 {
    let union = (a | b).count_ones();
    if union == 0 {
        0.0
    } else {
        (a & b).count_ones() as f32 / union as f32
    }
}

/// The live postings, indexed for recommendation.
#[derive(Debug, Default)]
pub struct Recommender {
    metas: Vec<Meta>,
    index: TextIndex,
    by_id: HashMap<i64, u32>,
    /// Per side and sector: the postings on that side carrying that sector.
    by_sector: [Vec<Vec<u32>>; 2],
    weights: Weights,
    analysis: Option<Analysis>,
}

fn side_index(s: PostingSide) -> usize {
    match s {
        PostingSide::Offer => 0,
        PostingSide::Need => 1,
    }
}

impl Recommender {
    /// Indexes `profiles` with Baylink's analysis and the default weights.
    pub fn build(profiles: &[Profile]) -> Recommender {
        Recommender::build_with(profiles, Analysis::Baylink, Weights::default(), None)
    }

    /// Indexes `profiles`, reusing the analysis of those unchanged since `previous` (same id
    /// and version), so a reload after one edit analyses one posting.
    pub fn build_with(
        profiles: &[Profile],
        analysis: Analysis,
        weights: Weights,
        previous: Option<&Recommender>,
    ) -> Recommender {
        Recommender::build_inner(profiles, analysis, weights, previous, None)
    }

    /// Indexes `profiles` (a few, such as one event's participants) with the rarity of
    /// their terms counted over `background`'s postings too (see
    /// [`TextIndex::finish_against`]).
    pub fn build_against(profiles: &[Profile], background: &Recommender) -> Recommender {
        Recommender::build_inner(
            profiles,
            Analysis::Baylink,
            Weights::default(),
            None,
            Some(&background.index),
        )
    }

    fn build_inner(
        profiles: &[Profile],
        analysis: Analysis,
        weights: Weights,
        previous: Option<&Recommender>,
        background: Option<&TextIndex>,
    ) -> Recommender {
        let reuse = previous.filter(|p| p.analysis == Some(analysis));
        let mut index = TextIndex::default();
        // In parts, so only one part's analysed text is held at a time.
        for part in profiles.chunks(20_000) {
            let fresh: Vec<&str> = part
                .iter()
                .filter(|p| reuse.and_then(|prev| prev.unchanged(p)).is_none())
                .map(|p| p.text.as_str())
                .collect();
            let mut fresh = analyse_all(analysis, &fresh).into_iter();
            for p in part {
                let a = match reuse.and_then(|prev| prev.unchanged(p)) {
                    Some(doc) => reuse.expect("reuse").index.analysed(doc),
                    None => fresh.next().expect("one analysis per changed posting"),
                };
                index.push(&a);
            }
        }
        index.finish_against(background);
        let metas: Vec<Meta> = profiles.iter().map(Meta::of).collect();
        let mut by_sector = [
            vec![Vec::new(); Sector::ALL.len()],
            vec![Vec::new(); Sector::ALL.len()],
        ];
        for (i, m) in metas.iter().enumerate() {
            for (s, list) in by_sector[side_index(m.side)].iter_mut().enumerate() {
                if m.sectors & (1 << s) != 0 {
                    list.push(i as u32);
                }
            }
        }
        Recommender {
            by_id: metas
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id, i as u32))
                .collect(),
            metas,
            index,
            by_sector,
            weights,
            analysis: Some(analysis),
        }
    }

    /// The document of `p` if it is indexed at the same version.
    fn unchanged(&self, p: &Profile) -> Option<u32> {
        let &doc = self.by_id.get(&p.id)?;
        let m = &self.metas[doc as usize];
        (m.version == p.version && m.words_stamp == p.words_stamp).then_some(doc)
    }

    pub fn len(&self) -> usize {
        self.metas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.by_id.contains_key(&id)
    }

    /// Counterparts for indexed posting `id`, best first; empty if it is not indexed.
    pub fn recommend(&self, id: i64, now: i64, limit: usize) -> Vec<Recommendation> {
        let Some(&doc) = self.by_id.get(&id) else {
            return Vec::new();
        };
        let terms = self.index.doc_terms(doc);
        self.rank(
            &self.metas[doc as usize],
            terms,
            self.index.self_score(doc),
            now,
            limit,
        )
    }

    /// Counterparts for a posting that is not indexed (one awaiting review, or a draft).
    pub fn recommend_profile(&self, p: &Profile, now: i64, limit: usize) -> Vec<Recommendation> {
        if self.by_id.contains_key(&p.id) {
            return self.recommend(p.id, now, limit);
        }
        let analysed = analyse(self.analysis.unwrap_or(Analysis::Baylink), &p.text);
        let (terms, self_score) = self.index.query_of(&analysed);
        self.rank(&Meta::of(p), &terms, self_score, now, limit)
    }

    /// Text-only ranking (the baselines of the evaluation): the same candidates, ordered
    /// by BM25 `S(q,d)` alone.
    pub fn rank_by_text(&self, id: i64, limit: usize) -> Vec<i64> {
        let Some(&doc) = self.by_id.get(&id) else {
            return Vec::new();
        };
        let me = &self.metas[doc as usize];
        let mut hits: Vec<(u32, f32)> = self
            .index
            .score_doc(doc)
            .hits
            .into_iter()
            .filter(|(d, _)| self.eligible(me, &self.metas[*d as usize]))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter()
            .take(limit)
            .map(|(d, _)| self.metas[d as usize].id)
            .collect()
    }

    /// Another posting may be recommended to `me`: the other side, another organisation.
    fn eligible(&self, me: &Meta, other: &Meta) -> bool {
        other.side != me.side && other.org_id != me.org_id && other.id != me.id
    }

    /// The full score of candidate `d` given its text similarity, or `None` when it may
    /// not be recommended to `me` or shares neither a term nor a field.
    fn score(&self, me: &Meta, d: u32, text: f32, now: i64) -> Option<f32> {
        let w = &self.weights;
        let o = &self.metas[d as usize];
        if !self.eligible(me, o) {
            return None;
        }
        let sectors = jaccard(me.sectors, o.sectors);
        if text <= 0.0 && sectors <= 0.0 {
            return None;
        }
        let target = |targets: u32, r: Region| {
            if targets == 0 {
                0.5
            } else if targets & (1 << region_index(r)) != 0 {
                1.0
            } else {
                0.0
            }
        };
        let border = 0.5 * border_fit(me.region, o.region)
            + 0.25 * target(me.targets, o.region)
            + 0.25 * target(o.targets, me.region);
        let modes = if me.modes == 0 || o.modes == 0 {
            0.5
        } else {
            jaccard(me.modes, o.modes)
        };
        let age = ((now - o.since).max(0) as f32) / 86_400.0;
        let fresh = 0.5f32.powf(age / w.half_life_days);
        Some(
            w.text * text
                + w.sectors * sectors
                + w.kind * kind_fit(me.kind, o.kind)
                + w.org_types * org_fit(me.org_type, o.org_type)
                + w.border * border
                + w.modes * modes
                + w.fresh * fresh,
        )
    }

    /// Ranks the other side for `me` (its sorted term ids and `S(q,q)`).
    ///
    /// Candidates are every posting sharing a term, then every posting sharing a field.
    /// The second group has no text score, so none of it can beat the best `limit` found
    /// in the first once the weakest of those scores more than everything but text can
    /// add up to; on a large index it is then skipped, with the same result.
    fn rank(
        &self,
        me: &Meta,
        terms: &[u32],
        self_score: f32,
        now: i64,
        limit: usize,
    ) -> Vec<Recommendation> {
        if limit == 0 {
            return Vec::new();
        }
        let w = self.weights;
        let order =
            |a: &(u32, f32, f32), b: &(u32, f32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let without_text = w.sectors + w.kind + w.org_types + w.border + w.modes + w.fresh;
        let query = self.index.strongest(terms, QUERY_TERMS);
        let (ranked, texts) = self.index.with_scores(&query, |acc, touched| {
            let keep = |ranked: &mut Vec<(u32, f32, f32)>| {
                if ranked.len() > limit {
                    ranked.select_nth_unstable_by(limit - 1, order);
                    ranked.truncate(limit);
                }
            };
            let weakest_of = |ranked: &Vec<(u32, f32, f32)>| {
                if ranked.len() >= limit {
                    ranked.iter().map(|r| r.1).fold(f32::INFINITY, f32::min)
                } else {
                    f32::NEG_INFINITY
                }
            };
            // Text similarity of every posting sharing a term; the full score only for
            // those whose text could still carry them into the top `limit`: the most
            // similar first, then the rest while `text + everything else` can beat the
            // weakest kept.
            let mut by_text: Vec<(u32, f32)> = touched
                .iter()
                .map(|&d| (d, self.index.similarity(self_score, d, acc[d as usize])))
                .collect();
            let probe = by_text.len().min((limit * 10).max(200));
            let text_order =
                |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if probe > 0 && probe < by_text.len() {
                by_text.select_nth_unstable_by(probe - 1, text_order);
            }
            let mut ranked: Vec<(u32, f32, f32)> = Vec::new();
            for &(d, text) in &by_text[..probe] {
                if let Some(s) = self.score(me, d, text, now) {
                    ranked.push((d, s, text));
                }
            }
            keep(&mut ranked);
            let mut weakest = weakest_of(&ranked);
            for &(d, text) in &by_text[probe..] {
                if w.text * text + without_text < weakest {
                    continue;
                }
                if let Some(s) = self.score(me, d, text, now)
                    && s >= weakest
                {
                    ranked.push((d, s, text));
                    if ranked.len() >= 4 * limit {
                        keep(&mut ranked);
                        weakest = weakest_of(&ranked);
                    }
                }
            }
            keep(&mut ranked);
            let weakest = weakest_of(&ranked);
            if weakest < without_text {
                let other = side_index(match me.side {
                    PostingSide::Offer => PostingSide::Need,
                    PostingSide::Need => PostingSide::Offer,
                });
                let mut seen: Vec<u32> = Vec::new();
                for (s, list) in self.by_sector[other].iter().enumerate() {
                    if me.sectors & (1 << s) == 0 {
                        continue;
                    }
                    for &d in list {
                        if acc[d as usize] != 0.0 {
                            continue;
                        }
                        seen.push(d);
                    }
                }
                seen.sort_unstable();
                seen.dedup();
                // Fields and kind are two bit operations; the rest is bounded by its
                // weight, so most candidates are dismissed before the full score.
                let rest = w.org_types + w.border + w.modes + w.fresh;
                let mut weakest = weakest;
                for d in seen {
                    let o = &self.metas[d as usize];
                    let bound = w.sectors * jaccard(me.sectors, o.sectors)
                        + w.kind * kind_fit(me.kind, o.kind)
                        + rest;
                    if bound < weakest {
                        continue;
                    }
                    if let Some(s) = self.score(me, d, 0.0, now)
                        && s >= weakest
                    {
                        ranked.push((d, s, 0.0));
                        if ranked.len() >= 4 * limit {
                            keep(&mut ranked);
                            weakest = weakest_of(&ranked);
                        }
                    }
                }
                keep(&mut ranked);
            }
            ranked.sort_by(order);
            let texts: Vec<f32> = ranked.iter().map(|r| r.2).collect();
            (ranked, texts)
        });
        ranked
            .into_iter()
            .zip(texts)
            .map(|((d, s, _), text)| self.explain(me, terms, d, s, text, now))
            .collect()
    }

    fn explain(
        &self,
        me: &Meta,
        terms: &[u32],
        d: u32,
        score: f32,
        text: f32,
        now: i64,
    ) -> Recommendation {
        let o = &self.metas[d as usize];
        let bit = |mask: u32, i: usize| mask & (1 << i) != 0;
        Recommendation {
            posting_id: o.id,
            score,
            text,
            shared_terms: self
                .index
                .shared_terms(terms, d, 3)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            shared_sectors: Sector::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| bit(me.sectors & o.sectors, *i))
                .map(|(_, s)| *s)
                .collect(),
            kind_fit: kind_fit(me.kind, o.kind),
            academia_industry: academic(me.org_type) != academic(o.org_type)
                && (me.org_type == OrgType::Company || o.org_type == OrgType::Company),
            cross_border: me.region != o.region && bay(me.region) && bay(o.region),
            in_target: (me.targets != 0).then(|| bit(me.targets, region_index(o.region))),
            shared_modes: CoopMode::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| bit(me.modes & o.modes, *i))
                .map(|(_, m)| *m)
                .collect(),
            age_days: (now - o.since).max(0) / 86_400,
        }
    }

    /// Counterparts for several postings at once (a participant's organisation's
    /// postings): each counterpart once, with its best score.
    pub fn recommend_many(
        &self,
        ids: &[i64],
        now: i64,
        limit: usize,
    ) -> Vec<(i64, Recommendation)> {
        let mut best: HashMap<i64, (i64, Recommendation)> = HashMap::new();
        for &id in ids {
            for r in self.recommend(id, now, limit) {
                if ids.contains(&r.posting_id) {
                    continue;
                }
                match best.get(&r.posting_id) {
                    Some((_, b)) if b.score >= r.score => {}
                    _ => {
                        best.insert(r.posting_id, (id, r));
                    }
                }
            }
        }
        let mut out: Vec<(i64, Recommendation)> = best.into_values().collect();
        out.sort_by(|a, b| {
            b.1.score
                .total_cmp(&a.1.score)
                .then(a.1.posting_id.cmp(&b.1.posting_id))
        });
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(
        id: i64,
        side: PostingSide,
        org: i64,
        region: Region,
        t: OrgType,
        text: &str,
    ) -> Profile {
        Profile {
            id,
            side,
            kind: PostingKind::Technology,
            sectors: vec![Sector::Cybersecurity],
            modes: vec![],
            targets: vec![],
            org_id: org,
            org_type: t,
            region,
            since: 0,
            text: text.to_owned(),
            version: 1,
            words_stamp: 0,
        }
    }

    #[test]
    fn a_shenzhen_need_meets_a_hong_kong_offer_in_its_own_terms() {
        let need = profile(
            1,
            PostingSide::Need,
            1,
            Region::Shenzhen,
            OrgType::Company,
            "寻求信息安全态势感知技术\n我司为金融机构寻找信息安全方案。",
        );
        let offer = profile(
            2,
            PostingSide::Offer,
            2,
            Region::HongKong,
            OrgType::University,
            "資訊保安態勢感知技術成果\n本實驗室的資訊保安方案適用於金融機構。",
        );
        let unrelated = profile(
            3,
            PostingSide::Offer,
            3,
            Region::Macao,
            OrgType::Company,
            "中醫藥經典名方\n慢性病調理。",
        );
        let same_side = profile(
            4,
            PostingSide::Need,
            4,
            Region::HongKong,
            OrgType::Company,
            "徵求資訊保安方案\n金融機構資訊保安。",
        );
        let own_org = profile(
            5,
            PostingSide::Offer,
            1,
            Region::Shenzhen,
            OrgType::Company,
            "信息安全态势感知\n金融机构信息安全。",
        );
        let rec = Recommender::build(&[need, offer, unrelated, same_side, own_org]);
        let got = rec.recommend(1, 0, 10);
        let ids: Vec<i64> = got.iter().map(|r| r.posting_id).collect();
        assert_eq!(ids[0], 2, "{got:?}");
        assert!(
            !ids.contains(&4) && !ids.contains(&5) && !ids.contains(&1),
            "{ids:?}"
        );
        let top = &got[0];
        assert!(!top.shared_terms.is_empty(), "{top:?}");
        // The regional term alone is enough: 信息安全 (Shenzhen) is 資訊保安 in Hong Kong.
        let n = profile(
            6,
            PostingSide::Need,
            6,
            Region::Shenzhen,
            OrgType::Company,
            "信息安全",
        );
        let o = profile(
            7,
            PostingSide::Offer,
            7,
            Region::HongKong,
            OrgType::Company,
            "資訊保安",
        );
        let alone = Recommender::build(&[n, o]).recommend(6, 0, 1);
        assert!(
            alone[0].text > 0.5 && alone[0].shared_terms == ["信息安全"],
            "{alone:?}"
        );
        assert!(top.academia_industry && top.cross_border);
        assert_eq!(top.shared_sectors, vec![Sector::Cybersecurity]);
        assert!(top.text > 0.2);
    }

    #[test]
    fn reloading_reuses_unchanged_analysis_and_sees_edits() {
        let a = profile(
            1,
            PostingSide::Need,
            1,
            Region::Shenzhen,
            OrgType::Company,
            "寻求无人机物流配送",
        );
        let mut b = profile(
            2,
            PostingSide::Offer,
            2,
            Region::HongKong,
            OrgType::Company,
            "中醫藥經典名方",
        );
        b.sectors = vec![Sector::Biomedicine];
        let first = Recommender::build(&[a.clone(), b.clone()]);
        assert!(first.recommend(1, 0, 5).is_empty());
        b.text = "無人機物流配送技術".to_owned();
        b.version = 2;
        let second =
            Recommender::build_with(&[a, b], Analysis::Baylink, Weights::default(), Some(&first));
        assert_eq!(second.recommend(1, 0, 5).len(), 1);
    }

    /// An attachment's words count as the posting's text: a specification read after the
    /// posting was written, with no edit, changes what it is found for on the next
    /// reload; and only its first [`ATTACHMENT_CHARS`] are read.
    #[test]
    fn attachment_words_count_without_an_edit() {
        let need = profile(
            1,
            PostingSide::Need,
            1,
            Region::Shenzhen,
            OrgType::Company,
            "寻求固态电池",
        );
        let mut offer = profile(
            2,
            PostingSide::Offer,
            2,
            Region::HongKong,
            OrgType::University,
            "中醫藥經典名方",
        );
        offer.sectors = vec![Sector::Biomedicine];
        let before = Recommender::build(&[need.clone(), offer.clone()]);
        assert!(before.recommend(1, 0, 5).is_empty());
        let read = offer
            .clone()
            .with_attachment_words("技術規格書：硫化物固態電池電解質，能量密度 400 Wh/kg。");
        assert_eq!(read.version, offer.version);
        assert_ne!(read.words_stamp, 0);
        let after = Recommender::build_with(
            &[need, read],
            Analysis::Baylink,
            Weights::default(),
            Some(&before),
        );
        let got = after.recommend(1, 0, 5);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].shared_terms.iter().any(|t| t.contains("电池")),
            "{got:?}"
        );

        let long = "電".repeat(ATTACHMENT_CHARS + 10);
        let cut = offer.clone().with_attachment_words(&long);
        assert_eq!(
            cut.text.chars().count(),
            offer.text.chars().count() + 1 + ATTACHMENT_CHARS
        );
        assert_eq!(offer.clone().with_attachment_words("  \n"), offer);
    }

    #[test]
    fn kinds_fit_symmetrically() {
        use PostingKind::*;
        for a in PostingKind::ALL {
            for b in PostingKind::ALL {
                assert_eq!(kind_fit(*a, *b), kind_fit(*b, *a));
            }
        }
        assert_eq!(kind_fit(Technology, Technology), 1.0);
        assert!(kind_fit(Technology, Research) > kind_fit(Technology, Talent));
    }
}
