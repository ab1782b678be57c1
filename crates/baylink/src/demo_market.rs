//! The demo's supply and demand: synthetic organisations of every type and place, each
//! with a representative's account, the evaluation set's postings (three scripts and
//! English, all clearly marked synthetic) shared out among them, a few waiting for review
//! or returned, and interests moving along the pipeline to signed agreements.

use std::collections::HashMap;

use anyhow::Context;
use baylink_store::market::{AgreementType, PipelineMove, PipelineStage, PostingInput};
use baylink_store::{Actor, OrganisationInput, Store, User, UserInput};

/// (name, English name, type, region). The demo conference's synthetic participants come
/// from these organisations too, so their matchmaking profiles show what they posted.
pub(crate) const ORGS: &[(&str, &str, &str, &str)] = &[
    (
        "（示范）深圳星河智联科技有限公司",
        "(Demo) Xinghe Smart Link Technology, Shenzhen",
        "company",
        "shenzhen",
    ),
    (
        "（示范）深圳鹏城低空物流有限公司",
        "(Demo) Pengcheng Low-Altitude Logistics, Shenzhen",
        "company",
        "shenzhen",
    ),
    (
        "（示范）深圳南山芯测半导体有限公司",
        "(Demo) Nanshan Chip Test Semiconductor, Shenzhen",
        "company",
        "shenzhen",
    ),
    (
        "（示范）深圳前海数链金融科技有限公司",
        "(Demo) Qianhai Data Chain Fintech, Shenzhen",
        "company",
        "shenzhen",
    ),
    (
        "（示范）深圳光明新能源储能有限公司",
        "(Demo) Guangming New Energy Storage, Shenzhen",
        "company",
        "shenzhen",
    ),
    (
        "（示范）深圳坪山生物医药有限公司",
        "(Demo) Pingshan Biomedicine, Shenzhen",
        "company",
        "shenzhen",
    ),
    (
        "（示范）深圳市示范产业园管理中心",
        "(Demo) Shenzhen Demonstration Industrial Park Office",
        "government",
        "shenzhen",
    ),
    (
        "（示范）广州天河智能制造研究院",
        "(Demo) Tianhe Institute of Intelligent Manufacturing",
        "institute",
        "mainland",
    ),
    (
        "（示范）东莞松湖精密制造有限公司",
        "(Demo) Songhu Precision Manufacturing, Dongguan",
        "company",
        "mainland",
    ),
    (
        "（示範）香港數碼港智能保安有限公司",
        "(Demo) Cyberport Smart Security Ltd",
        "company",
        "hong_kong",
    ),
    (
        "（示範）香港科研大學智能系統實驗室",
        "(Demo) HK Research University Intelligent Systems Lab",
        "university",
        "hong_kong",
    ),
    (
        "（示範）香港應用科技研究中心",
        "(Demo) Hong Kong Applied Technology Centre",
        "institute",
        "hong_kong",
    ),
    (
        "（示範）香港中藥研究所",
        "(Demo) Hong Kong Chinese Medicine Institute",
        "institute",
        "hong_kong",
    ),
    (
        "（示範）香港灣區創投基金",
        "(Demo) Bay Area Ventures Fund, Hong Kong",
        "company",
        "hong_kong",
    ),
    (
        "（示範）澳門智慧城市研究中心",
        "(Demo) Macao Smart City Research Centre",
        "institute",
        "macao",
    ),
    (
        "（示範）澳門中醫藥產業有限公司",
        "(Demo) Macao Chinese Medicine Industries",
        "company",
        "macao",
    ),
    (
        "（示範）澳門科技創新大學",
        "(Demo) Macao University of Technology and Innovation",
        "university",
        "macao",
    ),
    (
        "(Demo) Lion City Robotics Pte Ltd",
        "(Demo) Lion City Robotics Pte Ltd",
        "company",
        "overseas",
    ),
    (
        "(Demo) Nordic Fintech Partners",
        "(Demo) Nordic Fintech Partners",
        "company",
        "overseas",
    ),
    (
        "(Demo) Gulf Gateway Trading",
        "(Demo) Gulf Gateway Trading",
        "company",
        "overseas",
    ),
    (
        "(Demo) Pacific Medical Devices Lab",
        "(Demo) Pacific Medical Devices Lab",
        "university",
        "overseas",
    ),
];

const CONTACTS: &[&str] = &[
    "+852 5555 0100 · bd@example.org",
    "+86 755 5555 0100 · hezuo@example.org",
    "+853 5555 0100 · partners@example.org",
];

/// Loads `how_many` postings of the evaluation set (all of them for the demo; tests load
/// a few), with interests and introductions. `now` is when the demo is loaded, so the
/// postings are current whatever the date.
pub async fn load(
    store: &dyn Store,
    actor: &Actor,
    password_hash: &str,
    hkitf: i64,
    how_many: usize,
    now: i64,
) -> anyhow::Result<()> {
    let staff = store
        .find_user_by_email("admin@demo.baylink")
        .await?
        .context("the demo's admin account")?;
    let mut orgs: Vec<(i64, String, String, User)> = Vec::new();
    for (i, (name, en, org_type, region)) in ORGS.iter().enumerate() {
        let draft = OrganisationInput {
            name: (*name).into(),
            name_en: Some((*en).into()),
            org_type: (*org_type).into(),
            region: (*region).into(),
            description: Some(
                "示範資料：為展示供需對接而虛構的機構。 Synthetic demo organisation.".into(),
            ),
            synthetic: true,
            ..Default::default()
        }
        .validate(baylink_text::Script::Hant)
        .map_err(|e| anyhow::anyhow!("demo organisation: {e:?}"))?;
        let org = store.create_organisation(actor, &draft).await?;
        let user = UserInput {
            email: format!("rep{}@demo.baylink", i + 1),
            display_name: format!("Demo rep {} · {}", i + 1, en.trim_start_matches("(Demo) ")),
            role: "org_rep".into(),
            side_id: None,
            org_id: Some(org.id),
        }
        .validate()
        .map_err(|e| anyhow::anyhow!("demo rep: {e:?}"))?;
        let user = store.create_user(actor, &user, password_hash).await?;
        orgs.push((org.id, (*org_type).to_owned(), (*region).to_owned(), user));
    }
    // The demo representative's own organisation takes part too.
    let hkitf_rep = store
        .find_user_by_email("rep.hkitf@demo.baylink")
        .await?
        .context("the demo's representative")?;

    let day = |t: i64| baylink_web::views::events::day(t);
    // A third of the postings were brought to the 2024 conference.
    let conference = store
        .list_events(&baylink_store::EventFilter {
            limit: 500,
            now,
            ..Default::default()
        })
        .await?
        .items
        .into_iter()
        .find(|e| e.title == "2024深港澳科技界交流年會")
        .map(|e| e.id);
    let lines = baylink_market::eval::rows();
    let mut key_to_posting: HashMap<String, (i64, User)> = HashMap::new();
    for (n, f) in lines.iter().enumerate().take(how_many) {
        let (key, side, kind, sectors, org_type, region, days_old, title, summary) =
            (f[0], f[1], f[2], f[3], f[4], f[5], f[7], f[8], f[9]);
        // Every seventh Hong Kong offer is the demo representative's, so their page has
        // something to show.
        let (org_id, author) = if n % 7 == 3 && region == "hong_kong" {
            (hkitf, hkitf_rep.clone())
        } else {
            let pick = orgs
                .iter()
                .filter(|o| o.1 == org_type && o.2 == region)
                .chain(orgs.iter().filter(|o| o.2 == region))
                .chain(orgs.iter())
                .nth(n % 2)
                .expect("demo organisations");
            (pick.0, pick.3.clone())
        };
        let input = PostingInput {
            org_id,
            side: side.into(),
            kind: kind.into(),
            title: title.into(),
            summary: summary.into(),
            description: String::new(),
            sectors: sectors.split(',').map(str::to_owned).collect(),
            modes: match kind {
                "investment" => vec!["investment".into()],
                "agency" => vec!["agency".into()],
                "talent" => vec!["training".into()],
                _ => vec!["licensing".into(), "joint_development".into()],
            },
            target_regions: Vec::new(),
            stage: Some(["prototype", "pilot", "production", "market"][n % 4].into()),
            ip_status: Some(
                ["patent_granted", "patent_pending", "software", "know_how"][n % 4].into(),
            ),
            contact: CONTACTS[n % CONTACTS.len()].into(),
            expires_on: day(now + (60 + (n as i64 * 7) % 300) * 86_400),
            event_id: conference.filter(|_| n % 3 == 0),
        };
        let mut draft = input
            .validate(&day(now), baylink_text::Script::Hant)
            .map_err(|e| anyhow::anyhow!("demo posting {key}: {e:?}"))?;
        draft.synthetic = true;
        let created = now - days_old.parse::<i64>().unwrap_or(0) * 86_400;
        let p = store.create_posting(&author, &draft, created).await?;
        // Most are published; a few wait for review or were sent back.
        match n % 25 {
            7 => {}
            19 => {
                store
                    .review_posting(
                        &staff,
                        p.id,
                        false,
                        "請補充技術成熟度及知識產權資料。",
                        created + 3600,
                    )
                    .await?;
            }
            _ => {
                store
                    .review_posting(&staff, p.id, true, "", created + 3600)
                    .await?;
            }
        }
        key_to_posting.insert(key.to_owned(), (p.id, author));
    }

    // Interests: needs' owners write to the offers judged right for them; most are
    // accepted and move along, some to signed agreements.
    let judged = baylink_market::eval::judged();
    let agreements = [
        AgreementType::Licensing,
        AgreementType::JointRd,
        AgreementType::Agency,
        AgreementType::Investment,
        AgreementType::JointVenture,
    ];
    let mut n = 0usize;
    for (key, relevant) in &judged {
        let Some((_, from)) = key_to_posting.get(key) else {
            continue;
        };
        let mut targets: Vec<&String> = relevant.iter().collect();
        targets.sort();
        for target in targets.into_iter().take(1) {
            let Some((pid, owner)) = key_to_posting.get(target) else {
                continue;
            };
            let posting = store.get_posting(*pid).await?;
            if !posting.live(&day(now)) || from.org_id == Some(posting.org_id) {
                continue;
            }
            n += 1;
            let message = if n.is_multiple_of(2) {
                "我們對此很有興趣，希望進一步了解合作方式及時間表。"
            } else {
                "We are interested and would like to discuss licensing terms and a pilot."
            };
            let i = match store
                .express_interest(
                    from,
                    *pid,
                    message,
                    baylink_text::detect(message, baylink_text::Script::Hant),
                    &day(now),
                    now - 20 * 86_400,
                )
                .await
            {
                Ok(i) => i,
                Err(baylink_store::StoreError::Conflict(_)) => continue,
                Err(e) => return Err(e.into()),
            };
            if n % 6 == 5 {
                continue; // still waiting for the owner
            }
            let accept = n % 6 != 4;
            let i = store
                .decide_interest(owner, i.id, accept, now - 18 * 86_400)
                .await?;
            if !accept {
                continue;
            }
            let steps: &[PipelineStage] = match n % 5 {
                0 => &[PipelineStage::InTalks, PipelineStage::Signed],
                1 => &[PipelineStage::InTalks],
                2 => &[
                    PipelineStage::InTalks,
                    PipelineStage::Signed,
                    PipelineStage::Implemented,
                ],
                3 => &[PipelineStage::Closed],
                _ => &[],
            };
            let mut version = i.version;
            for (k, stage) in steps.iter().enumerate() {
                let step = PipelineMove {
                    stage: *stage,
                    agreement_type: (*stage == PipelineStage::Signed)
                        .then(|| agreements[n % agreements.len()]),
                    note: if *stage == PipelineStage::Closed {
                        "雙方暫無合作計劃。".into()
                    } else {
                        String::new()
                    },
                };
                let moved = store
                    .move_pipeline(
                        owner,
                        i.id,
                        version,
                        &step,
                        now - (15 - 3 * k as i64) * 86_400,
                    )
                    .await?;
                version = moved.version;
            }
        }
    }
    Ok(())
}
