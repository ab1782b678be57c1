//! The demo: the alliance as the seed report (`shared/seed/000_51b369abeeca7819.txt`, the
//! report of the 2024 annual conference) describes it, plus clearly synthetic member units
//! and contacts where the report names none.
//!
//! Every record goes in through the same validation as a form or an import, so the
//! converter debris the report carries (`聯(lián)盟`) is cleaned on the way, and each text
//! keeps the script it is written in here: Shenzhen bodies write their own names in
//! Simplified, Hong Kong and Macao bodies in Traditional, and the report's titles stay as
//! the (Traditional) report gives them.

use std::collections::HashMap;

use anyhow::Context;
use baylink_store::{
    Actor, DesignationInput, MembershipInput, OrganisationInput, PersonInput, PositionInput,
    Region, SideOfficerInput, Store, UserInput,
};
use baylink_text::Script;

/// The date of the 2024 conference, when the plaques were handed over.
pub const CONFERENCE_DATE: &str = "2024-12-09";
/// The password of the demo accounts. The demo is for showing, never for real data.
pub const DEMO_PASSWORD: &str = "baylink-demo-2024";

/// The demo's sign-in accounts: (e-mail, role, what they show).
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("admin@demo.baylink", "admin"),
    ("secretariat.hk@demo.baylink", "secretariat"),
    ("rep.hkitf@demo.baylink", "org_rep"),
    ("rep.szinfo@demo.baylink", "org_rep"),
    ("participant@demo.baylink", "participant"),
];

/// The organisation each demo representative speaks for: HKITF's, for delegations and the
/// seminar it runs; the Shenzhen Information Industry Association's, which organises (承辦)
/// a parallel forum of the conference and reads its roster.
fn demo_account_org(email: &str) -> &'static str {
    if email.starts_with("rep.szinfo") {
        "sz_info"
    } else {
        "hkitf"
    }
}

struct Org {
    key: &'static str,
    name: &'static str,
    en: &'static str,
    short: Option<&'static str>,
    org_type: &'static str,
    region: &'static str,
    parent: Option<&'static str>,
    website: Option<&'static str>,
    description: Option<&'static str>,
    synthetic: bool,
}

const fn org(
    key: &'static str,
    name: &'static str,
    en: &'static str,
    org_type: &'static str,
    region: &'static str,
) -> Org {
    Org {
        key,
        name,
        en,
        short: None,
        org_type,
        region,
        parent: None,
        website: None,
        description: None,
        synthetic: false,
    }
}

fn organisations() -> Vec<Org> {
    vec![
        Org {
            short: Some("深港澳科技聯盟"),
            description: Some(
                "2019年在深港科技社團聯盟基礎上引入澳門元素成立，每年舉辦“深港澳科技界交流年會”，已成為深港澳民間科技交流的重要渠道和合作平臺。",
            ),
            ..org(
                "alliance",
                "深港澳科技聯盟",
                "Shenzhen–Hong Kong–Macao Science and Technology Alliance",
                "alliance",
                "shenzhen",
            )
        },
        // The report's own sentence, pasted with the converter's pinyin debris; the
        // import cleaning must store it without.
        Org {
            description: Some(
                "早在2009年，深圳市科協(xié)與香港資訊科技聯(lián)會就聯(lián)合發(fā)起成立了深港科技社團聯(lián)盟，每年定期舉辦“深港科技界交流年會”。",
            ),
            ..org(
                "sz_hk_alliance",
                "深港科技社團聯盟",
                "Shenzhen–Hong Kong Alliance of Science and Technology Societies",
                "alliance",
                "shenzhen",
            )
        },
        Org {
            short: Some("粤港澳合作促进会"),
            description: Some(
                "经广东省委、省政府同意，并在香港、澳门特区政府大力支持下成立的社会团体，致力于推动粤港澳三地的交流合作。",
            ),
            ..org(
                "gd_promo",
                "广东省粤港澳合作促进会",
                "Guangdong Association for the Promotion of Cooperation among Guangdong, Hong Kong and Macao",
                "society",
                "mainland",
            )
        },
        Org {
            parent: Some("gd_promo"),
            ..org(
                "gd_promo_it",
                "广东省粤港澳合作促进会信息科技专委会",
                "Information Technology Committee, Guangdong Association for the Promotion of Cooperation among Guangdong, Hong Kong and Macao",
                "society",
                "mainland",
            )
        },
        Org {
            short: Some("HKITF"),
            website: Some("https://www.hkitf.org.hk"),
            ..org(
                "hkitf",
                "香港資訊科技聯會",
                "Hong Kong Information Technology Federation",
                "society",
                "hong_kong",
            )
        },
        Org {
            short: Some("深圳市科协"),
            ..org(
                "szast",
                "深圳市科学技术协会",
                "Shenzhen Association for Science and Technology",
                "society",
                "shenzhen",
            )
        },
        Org {
            parent: Some("szast"),
            ..org(
                "szast_centre",
                "深圳市科协学会服务中心",
                "Society Service Centre, Shenzhen Association for Science and Technology",
                "other",
                "shenzhen",
            )
        },
        org(
            "sz_youth",
            "深圳市青少年科技教育协会",
            "Shenzhen Youth Science and Technology Education Association",
            "society",
            "shenzhen",
        ),
        org(
            "sz_iot",
            "深圳市物联网产业协会",
            "Shenzhen Internet of Things Industry Association",
            "society",
            "shenzhen",
        ),
        org(
            "sz_info",
            "深圳市信息行业协会",
            "Shenzhen Information Industry Association",
            "society",
            "shenzhen",
        ),
        Org {
            short: Some("深圳市人大常委会"),
            ..org(
                "sz_npc",
                "深圳市人民代表大会常务委员会",
                "Standing Committee of the Shenzhen Municipal People's Congress",
                "government",
                "shenzhen",
            )
        },
        Org {
            short: Some("深圳市政协"),
            ..org(
                "sz_cppcc",
                "中国人民政治协商会议深圳市委员会",
                "Shenzhen Municipal Committee of the Chinese People's Political Consultative Conference",
                "government",
                "shenzhen",
            )
        },
        Org {
            parent: Some("sz_cppcc"),
            ..org(
                "sz_cppcc_hkmo",
                "深圳市政协港澳台侨和外事委员会",
                "Committee for Hong Kong, Macao, Taiwan, Overseas Chinese and Foreign Affairs, Shenzhen CPPCC",
                "government",
                "shenzhen",
            )
        },
        Org {
            short: Some("立法會"),
            ..org(
                "legco",
                "香港特別行政區立法會",
                "Legislative Council of the Hong Kong Special Administrative Region",
                "government",
                "hong_kong",
            )
        },
        Org {
            short: Some("澳科大"),
            website: Some("https://www.must.edu.mo"),
            ..org(
                "must",
                "澳門科技大學",
                "Macau University of Science and Technology",
                "university",
                "macao",
            )
        },
        Org {
            parent: Some("must"),
            ..org(
                "must_lab",
                "中藥質量研究國家重點實驗室(澳門科技大學)",
                "State Key Laboratory of Quality Research in Chinese Medicine (Macau University of Science and Technology)",
                "institute",
                "macao",
            )
        },
        Org {
            short: Some("电子科大（深圳）高研院"),
            ..org(
                "uestc_sz",
                "电子科技大学（深圳）高等研究院",
                "Shenzhen Institute for Advanced Study, UESTC",
                "institute",
                "shenzhen",
            )
        },
        org(
            "ceic",
            "中欧创新中心",
            "China–Europe Innovation Centre",
            "other",
            "shenzhen",
        ),
        org(
            "gd_volunteers",
            "广东省科学技术普及志愿者协会",
            "Guangdong Science Popularisation Volunteers Association",
            "society",
            "mainland",
        ),
        Org {
            parent: Some("gd_volunteers"),
            description: Some("2024年12月9日在深港澳科技界交流年会主会场揭牌。"),
            ..org(
                "gd_volunteers_aiot",
                "广东省科学技术普及志愿者协会智联网分会",
                "Intelligent Internet Branch, Guangdong Science Popularisation Volunteers Association",
                "society",
                "mainland",
            )
        },
        // Synthetic member units: the report names none.
        synthetic(
            "demo_qianhai",
            "示例·前海跨境数据科技有限公司",
            "Demo Qianhai Cross-border Data Technology Co.",
            "company",
            "shenzhen",
        ),
        synthetic(
            "demo_nanshan",
            "示例·南山低空经济研究院",
            "Demo Nanshan Low-Altitude Economy Institute",
            "institute",
            "shenzhen",
        ),
        synthetic(
            "demo_dongguan",
            "示例·东莞智能制造产业联盟",
            "Demo Dongguan Smart Manufacturing Alliance",
            "alliance",
            "mainland",
        ),
        synthetic(
            "demo_smartcity",
            "示例·香港智慧城市創科協會",
            "Demo Hong Kong Smart City Innovation Association",
            "society",
            "hong_kong",
        ),
        synthetic(
            "demo_semicon",
            "示例·九龍半導體設計有限公司",
            "Demo Kowloon Semiconductor Design Ltd",
            "company",
            "hong_kong",
        ),
        synthetic(
            "demo_tcm",
            "示例·澳門中醫藥科創協會",
            "Demo Macao Chinese Medicine Innovation Association",
            "society",
            "macao",
        ),
        synthetic(
            "demo_hengqin",
            "示例·橫琴澳門青年創科中心",
            "Demo Hengqin–Macao Youth Innovation Centre",
            "other",
            "macao",
        ),
        synthetic(
            "demo_singapore",
            "Demo Singapore Deep Tech Exchange",
            "Demo Singapore Deep Tech Exchange",
            "society",
            "overseas",
        ),
    ]
}

const fn synthetic(
    key: &'static str,
    name: &'static str,
    en: &'static str,
    org_type: &'static str,
    region: &'static str,
) -> Org {
    Org {
        synthetic: true,
        description: Some("Synthetic demo record / 示範資料。"),
        ..org(key, name, en, org_type, region)
    }
}

/// (person key, name, English name, synthetic, [(organisation key, title as given, English title)]).
type PersonSeed = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static [(&'static str, &'static str, &'static str)],
);

const PEOPLE: &[PersonSeed] = &[
    (
        "jiang_yuyang",
        "蔣宇揚",
        "Jiang Yuyang",
        false,
        &[
            (
                "sz_npc",
                "深圳市人大常委會副主任",
                "Vice-Chairman, Standing Committee of the Shenzhen Municipal People's Congress",
            ),
            (
                "szast",
                "深圳市科學技術協會主席",
                "President, Shenzhen Association for Science and Technology",
            ),
        ],
    ),
    (
        "lin_difu",
        "林迪夫",
        "Lin Difu",
        false,
        &[(
            "gd_promo",
            "廣東省粵港澳合作促進會執行會長",
            "Executive President, Guangdong Association for the Promotion of Cooperation among Guangdong, Hong Kong and Macao",
        )],
    ),
    (
        "fan_kun",
        "范坤",
        "Fan Kun",
        false,
        &[
            (
                "sz_cppcc",
                "深圳市政協常委",
                "Member of the Standing Committee, Shenzhen CPPCC",
            ),
            (
                "sz_cppcc_hkmo",
                "港澳臺僑和外事委員會主任",
                "Director, Committee for Hong Kong, Macao, Taiwan, Overseas Chinese and Foreign Affairs",
            ),
        ],
    ),
    (
        "duncan_chiu",
        "邱達根",
        "Duncan Chiu",
        false,
        &[
            (
                "alliance",
                "深港澳科技聯盟港方理事長",
                "Chair of the Hong Kong side, Shenzhen–Hong Kong–Macao Science and Technology Alliance",
            ),
            (
                "hkitf",
                "香港資訊科技聯會會長",
                "President, Hong Kong Information Technology Federation",
            ),
            (
                "legco",
                "香港立法會議員",
                "Member of the Legislative Council of Hong Kong",
            ),
        ],
    ),
    (
        "jiang_zhihong",
        "姜志宏",
        "Jiang Zhihong",
        false,
        &[
            (
                "must",
                "澳門科技大學副校長",
                "Vice-President, Macau University of Science and Technology",
            ),
            (
                "must_lab",
                "中藥質量研究國家重點實驗室(澳門科技大學)主任",
                "Director, State Key Laboratory of Quality Research in Chinese Medicine (MUST)",
            ),
        ],
    ),
    (
        "sun_nan",
        "孫楠",
        "Sun Nan",
        false,
        &[
            (
                "alliance",
                "深港澳科技聯盟深方理事長",
                "Chair of the Shenzhen side, Shenzhen–Hong Kong–Macao Science and Technology Alliance",
            ),
            (
                "gd_promo",
                "廣東省粵港澳合作促進會副會長",
                "Vice-President, Guangdong Association for the Promotion of Cooperation among Guangdong, Hong Kong and Macao",
            ),
        ],
    ),
    (
        "demo_chan",
        "示例·陳志明",
        "Demo Chan Chi-ming",
        true,
        &[("demo_smartcity", "秘書長", "Secretary-General")],
    ),
    (
        "demo_li",
        "示例·李晓华",
        "Demo Li Xiaohua",
        true,
        &[("demo_qianhai", "总经理", "General Manager")],
    ),
    (
        "demo_wong",
        "示例·黃嘉敏",
        "Demo Wong Ka-man",
        true,
        &[("demo_tcm", "會長", "President")],
    ),
    (
        "demo_tan",
        "Demo Tan Wei Ling",
        "Demo Tan Wei Ling",
        true,
        &[("demo_singapore", "Programme Director", "Programme Director")],
    ),
];

/// Whether the store already holds the demo (or any directory at all).
pub async fn is_loaded(store: &dyn Store) -> anyhow::Result<bool> {
    Ok(store.stats().await?.organisations > 0)
}

/// How many synthetic participants the 2024 conference gets in the demo (the report says
/// 500 and more attended).
pub const CONFERENCE_PARTICIPANTS: usize = 520;

/// Loads the demo into an empty store.
pub async fn load(store: &dyn Store) -> anyhow::Result<()> {
    load_with(store, CONFERENCE_PARTICIPANTS).await
}

/// Loads the demo with `participants` synthetic registrations for the conference (tests
/// use a few, to stay fast).
pub async fn load_with(store: &dyn Store, participants: usize) -> anyhow::Result<()> {
    let actor = Actor {
        user_id: None,
        name: "demo".into(),
    };
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for o in organisations() {
        let input = OrganisationInput {
            name: o.name.into(),
            name_en: Some(o.en.into()),
            short_name: o.short.map(Into::into),
            org_type: o.org_type.into(),
            region: o.region.into(),
            parent_id: o.parent.map(|p| ids[p]),
            website: o.website.map(Into::into),
            description: o.description.map(Into::into),
            synthetic: o.synthetic,
            ..Default::default()
        };
        let draft = input
            .validate(Script::Hant)
            .map_err(|e| anyhow::anyhow!("demo organisation {}: {e}", o.key))?;
        let created = store.create_organisation(&actor, &draft).await?;
        ids.insert(o.key, created.id);
    }

    let mut people: HashMap<&str, i64> = HashMap::new();
    for (key, name, en, synthetic, positions) in PEOPLE {
        let person = PersonInput {
            name: (*name).into(),
            name_en: Some((*en).into()),
            synthetic: *synthetic,
            ..Default::default()
        }
        .validate(Script::Hant)
        .map_err(|e| anyhow::anyhow!("demo person {key}: {e}"))?;
        let drafts = positions
            .iter()
            .enumerate()
            .map(|(i, (org, title, title_en))| {
                PositionInput {
                    person_id: 0,
                    org_id: ids[org],
                    title: (*title).into(),
                    title_script: None,
                    title_en: Some((*title_en).into()),
                    since_year: None,
                    until_year: None,
                    sort_order: Some(i as i32),
                }
                .validate(Script::Hant)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow::anyhow!("demo positions of {key}: {e}"))?;
        let created = store
            .create_person_with_positions(&actor, &person, &drafts)
            .await?;
        people.insert(key, created.id);
    }

    // The three sides and who speaks for them, as the 2024 conference shows.
    let sides = [
        (
            "sz",
            "深方",
            "Shenzhen side",
            "深港澳科技聯盟深方",
            Region::Shenzhen,
        ),
        (
            "hk",
            "港方",
            "Hong Kong side",
            "深港澳科技聯盟港方工作組",
            Region::HongKong,
        ),
        (
            "mo",
            "澳方",
            "Macao side",
            "深港澳科技聯盟澳門工作小組",
            Region::Macao,
        ),
    ];
    let mut side_ids = HashMap::new();
    for (code, name, en, body, region) in sides {
        let side = store
            .create_side(&actor, code, name, "zh-Hant", Some(en), Some(body), region)
            .await?;
        side_ids.insert(code, side.id);
    }
    let officers = [
        (
            "sz",
            "sun_nan",
            "chair",
            "深港澳科技聯盟深方理事長",
            "Chair of the Shenzhen side",
        ),
        (
            "hk",
            "duncan_chiu",
            "chair",
            "深港澳科技聯盟港方理事長",
            "Chair of the Hong Kong side",
        ),
        (
            "mo",
            "jiang_zhihong",
            "representative",
            "澳門科技大學副校長（2024年年會澳方報告人）",
            "Vice-President, MUST (reported for the Macao side at the 2024 conference)",
        ),
    ];
    for (side, person, role, title, title_en) in officers {
        let d = SideOfficerInput {
            side_id: side_ids[side],
            person_id: people[person],
            role: role.into(),
            title: title.into(),
            title_script: Some("zh-Hant".into()),
            title_en: Some(title_en.into()),
            since_year: Some(2024),
        }
        .validate(Script::Hant)
        .map_err(|e| anyhow::anyhow!("demo officer: {e}"))?;
        store.create_side_officer(&actor, &d).await?;
    }

    let milestones = [
        (
            2009,
            None,
            "深圳市科協與香港資訊科技聯會聯合發起成立深港科技社團聯盟，每年定期舉辦“深港科技界交流年會”。",
            "The Shenzhen Association for Science and Technology and the Hong Kong Information Technology Federation found the Shenzhen–Hong Kong Alliance of Science and Technology Societies, which holds an annual exchange conference.",
        ),
        (
            2019,
            None,
            "進一步引入澳門元素，成立深港澳科技聯盟，年會拓展為“深港澳科技界交流年會”。",
            "Macao joins: the Shenzhen–Hong Kong–Macao Science and Technology Alliance is founded and the conference becomes the Shenzhen–Hong Kong–Macao exchange conference.",
        ),
        (
            2024,
            Some(CONFERENCE_DATE),
            "“2024深港澳科技界交流年會”在深圳舉辦，設三個平行論壇及一場主會場活動，500餘人出席。",
            "The 2024 conference is held in Shenzhen: three parallel forums and a main session, over 500 participants.",
        ),
    ];
    for (year, date, text, en) in milestones {
        store
            .create_milestone(&actor, year, date, text, "zh-Hant", Some(en))
            .await?;
    }

    let member_unit = store
        .create_designation(
            &actor,
            &DesignationInput {
                code: "member_unit".into(),
                name: "深港澳科技聯盟成員單位".into(),
                name_script: None,
                name_en: Some("Member unit of the alliance".into()),
            }
            .validate(Script::Hant)
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        )
        .await?;
    let workstation = store
        .create_designation(
            &actor,
            &DesignationInput {
                code: "haizhi_workstation".into(),
                name: "海智工作站".into(),
                name_script: Some("zh-Hant".into()),
                name_en: Some("Overseas-talent (Haizhi) workstation".into()),
            }
            .validate(Script::Hant)
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        )
        .await?;

    let award = |org: &str,
                 designation: i64,
                 year: i32,
                 date: Option<&str>,
                 side: &str,
                 note: Option<&str>| MembershipInput {
        org_id: ids[org],
        designation_id: designation,
        year,
        ceremony_date: date.map(Into::into),
        side_id: Some(side_ids[side]),
        note: note.map(Into::into),
    };
    let mut awards = vec![
        award(
            "uestc_sz",
            workstation.id,
            2024,
            Some(CONFERENCE_DATE),
            "sz",
            Some("年會報道所列海智工作站，聯合舉辦“科創跨境”系列活動"),
        ),
        award(
            "ceic",
            workstation.id,
            2024,
            Some(CONFERENCE_DATE),
            "sz",
            Some("年會報道所列海智工作站，聯合舉辦“科創跨境”系列活動"),
        ),
    ];
    for (org, side) in [
        ("demo_qianhai", "sz"),
        ("demo_nanshan", "sz"),
        ("demo_dongguan", "sz"),
        ("demo_singapore", "sz"),
        ("demo_smartcity", "hk"),
        ("demo_semicon", "hk"),
        ("demo_tcm", "mo"),
        ("demo_hengqin", "mo"),
    ] {
        awards.push(award(
            org,
            member_unit.id,
            2024,
            Some(CONFERENCE_DATE),
            side,
            Some("Synthetic demo award / 示範資料"),
        ));
    }
    for (org, side) in [
        ("demo_smartcity", "hk"),
        ("demo_qianhai", "sz"),
        ("demo_tcm", "mo"),
    ] {
        awards.push(award(
            org,
            member_unit.id,
            2023,
            None,
            side,
            Some("Synthetic demo award / 示範資料"),
        ));
    }
    for a in awards {
        let d = a
            .validate()
            .map_err(|e| anyhow::anyhow!("demo award: {e}"))?;
        store.create_membership(&actor, &d).await?;
    }

    for (email, role) in DEMO_ACCOUNTS {
        let input = UserInput {
            email: (*email).into(),
            display_name: format!("Demo {role}"),
            role: (*role).into(),
            side_id: (*role == "secretariat").then(|| side_ids["hk"]),
            org_id: (*role == "org_rep").then(|| ids[demo_account_org(email)]),
        };
        let draft = input
            .validate()
            .map_err(|e| anyhow::anyhow!("demo account: {e}"))?;
        let hash = baylink_web::auth::hash_password(DEMO_PASSWORD)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("hashing the demo password")?;
        store.create_user(&actor, &draft, &hash).await?;
    }
    crate::demo_events::load(store, &actor, &ids, &people, participants).await?;
    let hash = baylink_web::auth::hash_password(DEMO_PASSWORD)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("hashing the demo password")?;
    // The whole evaluation set for the demo; tests that load the demo take a sixth.
    let postings = if participants >= CONFERENCE_PARTICIPANTS {
        300
    } else {
        48
    };
    crate::demo_market::load(
        store,
        &actor,
        &hash,
        ids["hkitf"],
        postings,
        baylink_store::sql::now(),
    )
    .await
}
