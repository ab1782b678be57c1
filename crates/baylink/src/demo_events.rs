//! The demo's events: the 2024 annual conference as the seed report describes it, a few
//! clearly synthetic events of the 科創跨境 series, and upcoming synthetic events open for
//! registration.
//!
//! The report gives the date (2024-12-09), the city, the organisers, the forums and their
//! themes and talks, and the evening main session's programme; it gives no clock times or
//! rooms, so those are marked as illustrative in the event's summary.

use std::collections::HashMap;

use anyhow::anyhow;
use baylink_store::*;
use baylink_text::Script;

/// Unix seconds of a Hong Kong (UTC+8) date and time.
pub fn hk(y: i32, m: u8, d: u8, h: u8, min: u8) -> i64 {
    let month = time::Month::try_from(m).unwrap_or(time::Month::January);
    let date = time::Date::from_calendar_date(y, month, d).unwrap_or(time::Date::MIN);
    let t = time::Time::from_hms(h, min, 0).unwrap_or(time::Time::MIDNIGHT);
    date.with_time(t).assume_utc().unix_timestamp() - 8 * 3600
}

/// `days` after today (Hong Kong's date; negative for before), at `h:min` Hong Kong time.
/// The demo's coming events are placed from the day it is loaded, so that they stay ahead
/// of whoever loads it: a date written out would pass, and with it the demo's open
/// registration and matchmaking (and the tests that use them).
pub fn days_ahead(days: i64, h: u8, min: u8) -> i64 {
    let now = baylink_store::sql::now();
    let midnight = (now + 8 * 3600).div_euclid(86_400) * 86_400 - 8 * 3600;
    midnight + days * 86_400 + i64::from(h) * 3600 + i64::from(min) * 60
}

/// The day of the demo's matchmaking session, in days from the day the demo is loaded: far
/// enough for its request and acceptance deadlines (two days and one day before) and the
/// seminars before it to be ahead too.
const MATCHMAKING_DAY: i64 = 23;

/// The languages a demo participant from `region` says they meet in (synthetic, a rough
/// rule: Hong Kong and Macao add Cantonese, Macao Portuguese, and those from abroad speak
/// English only, so that some pairs need an interpreter).
fn languages_in(region: &str) -> &'static [MeetingLanguage] {
    use MeetingLanguage::*;
    match region {
        "hong_kong" => &[Cantonese, Mandarin, English],
        "macao" => &[Cantonese, Mandarin, Portuguese],
        "overseas" => &[English],
        _ => &[Mandarin],
    }
}

fn bad(e: StoreError) -> anyhow::Error {
    anyhow!("demo event data: {e}")
}

/// Loads the events; `orgs` and `people` map the directory demo's keys to ids.
/// `registrations` is how many synthetic participants the conference gets.
/// What the report says was published at the 2024 conference, and the report itself. Their
/// dates are the conference's (the report gives no other); nothing here is made up, so none
/// is marked synthetic.
async fn publications(
    store: &dyn Store,
    actor: &Actor,
    orgs: &HashMap<&str, i64>,
    conference: i64,
) -> anyhow::Result<()> {
    let hosts = ["sz_hk_alliance", "alliance", "gd_promo_it", "hkitf"].map(|k| orgs[k]);
    // (kind, title, English title, summary and body, whether it names the hosts)
    let items = [
        (
            "event_report",
            "「2024深港澳科技界交流年會」在深圳成功舉辦",
            "2024 Shenzhen–Hong Kong–Macao Science and Technology Exchange Annual Conference held in Shenzhen",
            "乘八面來風，應萬眾期盼，「2024深港澳科技界交流年會」於2024年12月9日在深圳成功舉辦。年會設有三個平行論壇及一場主會場活動。\n\n年會由深港科技社團聯盟、深港澳科技聯盟、廣東省粵港澳合作促進會信息科技專委會、香港資訊科技聯會共同主辦，深圳市科協學會服務中心、深圳市青少年科技教育協會、深圳市物聯網產業協會、深圳市信息行業協會聯合承辦。深港澳三地的科技界、產業界、各科技社團代表等500餘人出席活動現場。",
            true,
        ),
        (
            "whitepaper",
            "《互聯網智慧白皮書》",
            "Internet Intelligence Whitepaper",
            "於2024深港澳科技界交流年會主會場最新發佈。",
            false,
        ),
        (
            "challenge",
            "全球智能挑戰賽",
            "Global Intelligence Challenge",
            "於2024深港澳科技界交流年會主會場最新發佈。",
            false,
        ),
    ];
    for (kind, title, en, text, names_hosts) in items {
        let (summary, body) = match text.split_once("\n\n") {
            Some((first, rest)) => (first.to_owned(), Some(rest.to_owned())),
            None => (text.to_owned(), None),
        };
        let org_ids = if names_hosts {
            hosts.to_vec()
        } else {
            Vec::new()
        };
        let d = PublicationInput {
            kind: kind.into(),
            title: title.into(),
            title_en: Some(en.into()),
            summary: Some(summary),
            body,
            published_on: "2024-12-09".into(),
            event_id: Some(conference),
            org_ids,
            ..Default::default()
        }
        .validate(Script::Hant)
        .map_err(bad)?;
        store.create_publication(actor, &d).await.map_err(bad)?;
    }
    Ok(())
}

pub async fn load(
    store: &dyn Store,
    actor: &Actor,
    orgs: &HashMap<&str, i64>,
    people: &HashMap<&str, i64>,
    registrations: usize,
) -> anyhow::Result<()> {
    let annual = store
        .create_series(
            actor,
            "annual_conference",
            "深港澳科技界交流年會",
            "zh-Hant",
            Some("Shenzhen–Hong Kong–Macao S&T Exchange Annual Conference"),
        )
        .await?;
    let cross = store
        .create_series(
            actor,
            "kechuang_kuajing",
            "科創跨境",
            "zh-Hant",
            Some("Innovation Across Borders"),
        )
        .await?;

    let conf = EventInput {
        kind: "annual_conference".into(),
        series_id: Some(annual.id),
        title: "2024深港澳科技界交流年會".into(),
        title_en: Some("2024 Shenzhen–Hong Kong–Macao Science and Technology Exchange Annual Conference".into()),
        summary: Some("年會設有三個平行論壇及一場主會場活動，深港澳三地的科技界、產業界、各科技社團代表等500餘人出席。（各場次時間及會場為示意。）".into()),
        venue: Some("深圳".into()),
        venue_en: Some("Shenzhen".into()),
        region: "shenzhen".into(),
        starts_at: hk(2024, 12, 9, 13, 30),
        ends_at: hk(2024, 12, 9, 21, 30),
        capacity: Some(600),
        registration_open: false,
        ..Default::default()
    }
    .validate(Script::Hant)
    .map_err(bad)?;
    let conf = store
        .create_event(actor, &conf, &baylink_tickets::generate_key())
        .await?;
    // Registration was open at the time; it is closed now that the conference is over, and
    // the synthetic participants come in as invitations.

    for (i, key) in ["sz_hk_alliance", "alliance", "gd_promo_it", "hkitf"]
        .iter()
        .enumerate()
    {
        store
            .add_event_role(actor, conf.id, orgs[key], EventRole::Host, i as i32)
            .await?;
    }
    for (i, key) in ["szast_centre", "sz_youth", "sz_iot", "sz_info"]
        .iter()
        .enumerate()
    {
        store
            .add_event_role(actor, conf.id, orgs[key], EventRole::Organiser, i as i32)
            .await?;
    }
    publications(store, actor, orgs, conf.id).await?;

    let forums = [
        (
            "sz_iot",
            "“深港澳6G通感智算一體化”平行論壇",
            "Forum: 6G integrated sensing, communication and computing",
            "匯聚了深港澳三地的科技精英、產業領袖、專家學者和政策制定者，共同探討6G技術的最新進展及其在通信、感知與計算深度融合方面的應用前景。",
            "分會場一（示意）",
        ),
        (
            "sz_youth",
            "“灣區共融人才培養，創新共育新質生產力”平行論壇",
            "Forum: Talent development across the Greater Bay Area",
            "聚焦於粵港澳大灣區科技創新與人才培養的融合，就灣區共融人才培養、科教創新合作等議題進行了熱烈的討論和交流。",
            "分會場二（示意）",
        ),
        (
            "sz_info",
            "“互聯網行業人工智能應用及商業閉環探討”平行論壇",
            "Forum: AI in the Internet industry and closing the business loop",
            "重點關注人工智能在互聯網行業的應用及其商業模式的創新。",
            "分會場三（示意）",
        ),
    ];
    let mut forum_ids = Vec::new();
    for (i, (org, title, en, theme, room)) in forums.iter().enumerate() {
        let s = SessionInput {
            event_id: conf.id,
            kind: "forum".into(),
            title: (*title).into(),
            title_en: Some((*en).into()),
            theme: Some((*theme).into()),
            room: Some((*room).into()),
            starts_at: hk(2024, 12, 9, 13, 30),
            ends_at: hk(2024, 12, 9, 17, 30),
            capacity: Some(200),
            organiser_org_id: Some(orgs[org]),
            sort_order: i as i32,
        }
        .validate(Script::Hant)
        .map_err(bad)?;
        forum_ids.push(store.create_event_session(actor, &s).await?.id);
    }
    let item = |session_id: i64, kind: &str, title: &str, en: &str, order: i32| {
        ItemInput {
            session_id,
            kind: kind.into(),
            title: title.into(),
            title_en: Some(en.into()),
            sort_order: order,
            ..Default::default()
        }
        .validate(Script::Hant)
        .map_err(bad)
    };
    for (i, (kind, title, en)) in [
        (
            "talk",
            "《AI帶動的全球數據中心的變化—中資出海》",
            "AI and the changing global data centre: Chinese capital going overseas",
        ),
        (
            "talk",
            "AI技術給互聯網行業帶來的變革",
            "How AI is transforming the Internet industry",
        ),
        (
            "talk",
            "大模型推理商業落地",
            "Bringing large-model inference to market",
        ),
        (
            "panel",
            "AI在互聯網行業的深度應用與商業價值實現路徑",
            "Panel: deep applications of AI in the Internet industry and paths to business value",
        ),
    ]
    .iter()
    .enumerate()
    {
        store
            .create_item(actor, &item(forum_ids[2], kind, title, en, i as i32)?)
            .await?;
    }

    let main = SessionInput {
        event_id: conf.id,
        kind: "main".into(),
        title: "主會場：深港澳科技聯盟工作總結會".into(),
        title_en: Some("Main session: the alliance's annual review".into()),
        room: Some("主會場（示意）".into()),
        starts_at: hk(2024, 12, 9, 19, 0),
        ends_at: hk(2024, 12, 9, 21, 30),
        capacity: Some(600),
        sort_order: 10,
        ..Default::default()
    }
    .validate(Script::Hant)
    .map_err(bad)?;
    let main = store.create_event_session(actor, &main).await?;
    /// Kind, title, English title, and the speakers: (person key, their title).
    type Item<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);
    let programme: [Item; 10] = [
        (
            "address",
            "致辭",
            "Address",
            &[(
                "jiang_yuyang",
                "深圳市人大常委會副主任、深圳市科學技術協會主席",
            )],
        ),
        (
            "address",
            "致辭",
            "Address",
            &[("lin_difu", "廣東省粵港澳合作促進會執行會長")],
        ),
        (
            "report",
            "港方工作報告",
            "Report of the Hong Kong side",
            &[(
                "duncan_chiu",
                "深港澳科技聯盟港方理事長、香港資訊科技聯會會長",
            )],
        ),
        (
            "report",
            "澳方工作報告",
            "Report of the Macao side",
            &[(
                "jiang_zhihong",
                "澳門科技大學副校長、中藥質量研究國家重點實驗室(澳門科技大學)主任",
            )],
        ),
        (
            "report",
            "深方工作報告",
            "Report of the Shenzhen side",
            &[(
                "sun_nan",
                "深港澳科技聯盟深方理事長、廣東省粵港澳合作促進會副會長",
            )],
        ),
        (
            "ceremony",
            "“深港澳科技聯盟成員單位”授牌儀式",
            "Plaques for the alliance's member units",
            &[],
        ),
        (
            "ceremony",
            "“2024年海智工作站”授牌儀式",
            "Plaques for the 2024 overseas-talent workstations",
            &[],
        ),
        (
            "release",
            "《互聯網智慧白皮書》最新發布",
            "Release of the Internet Intelligence Whitepaper",
            &[],
        ),
        (
            "ceremony",
            "“廣東省科學技術普及志願者協會智聯網分會”揭牌儀式",
            "Unveiling of the Intelligent Internet Branch",
            &[],
        ),
        (
            "release",
            "“全球智能挑戰賽”最新發布",
            "Launch of the Global Intelligence Challenge",
            &[],
        ),
    ];
    for (i, (kind, title, en, speakers)) in programme.iter().enumerate() {
        let it = store
            .create_item(actor, &item(main.id, kind, title, en, i as i32)?)
            .await?;
        for (j, (person, t)) in speakers.iter().enumerate() {
            store
                .add_speaker(actor, it.id, people[person], Some(t), "zh-Hant", j as i32)
                .await?;
        }
    }
    for (i, (person, title)) in [
        (
            "jiang_yuyang",
            "深圳市人大常委會副主任、深圳市科學技術協會主席",
        ),
        ("lin_difu", "廣東省粵港澳合作促進會執行會長"),
        ("fan_kun", "深圳市政協常委、港澳臺僑和外事委員會主任"),
        (
            "duncan_chiu",
            "深港澳科技聯盟港方理事長、香港資訊科技聯會會長、香港立法會議員",
        ),
        (
            "jiang_zhihong",
            "澳門科技大學副校長、中藥質量研究國家重點實驗室(澳門科技大學)主任",
        ),
    ]
    .iter()
    .enumerate()
    {
        store
            .add_guest(
                actor,
                conf.id,
                people[person],
                Some(title),
                "zh-Hant",
                i as i32,
            )
            .await?;
    }

    // About 500 synthetic participants, as the report counts, most of them checked in.
    // Each from one of the demo's organisations (whose offers and needs their
    // matchmaking profiles then show), in its place and of its type.
    let demo_orgs = crate::demo_market::ORGS;
    let mut participant_ids = Vec::with_capacity(registrations);
    for i in 0..registrations {
        let (org_name, _, org_type, region) = demo_orgs[i % demo_orgs.len()];
        let name = match region {
            "hong_kong" | "macao" => format!("示範參加者{:03}", i + 1),
            "overseas" => format!("Demo Participant {:03}", i + 1),
            _ => format!("示例参会者{:03}", i + 1),
        };
        let d = RegistrationInput {
            name,
            email: format!("participant{:03}@demo.baylink", i + 1),
            organisation: Some(org_name.into()),
            region: Some(region.into()),
            org_type: Some(org_type.into()),
            sessions: vec![forum_ids[i % 3], main.id],
            consent: true,
            ..Default::default()
        }
        .validate(Script::Hans)
        .map_err(bad)?;
        let d = RegistrationDraft {
            synthetic: true,
            ..d
        };
        let locale = if region == "hong_kong" || region == "macao" {
            "zh-Hant"
        } else if region == "overseas" {
            "en"
        } else {
            "zh-Hans"
        };
        let r = store
            .register(
                conf.id,
                &d,
                Channel::Invited,
                &baylink_tickets::generate_key(),
                locale,
                hk(2024, 11, 20, 10, 0) + i as i64 * 60,
            )
            .await?;
        if i % 10 != 9 {
            store
                .check_in(conf.id, r.id, hk(2024, 12, 9, 13, 0) + i as i64 * 5)
                .await?;
        }
        participant_ids.push(r.id);
    }
    matchmaking(store, actor, conf.id, &participant_ids).await?;
    conference_feedback(store, actor, conf.id, &participant_ids, &forum_ids).await?;

    // 科創跨境: the report counts 11 such events in 2024; three synthetic ones stand for them.
    for (i, (title, en, region, month)) in [
        (
            "示例·科創跨境：深圳—新加坡科技人才交流會",
            "Demo · Innovation Across Borders: Shenzhen–Singapore talent exchange",
            "overseas",
            5u8,
        ),
        (
            "示例·科創跨境：低空經濟深港對接會",
            "Demo · Innovation Across Borders: low-altitude economy matchmaking",
            "hong_kong",
            8,
        ),
        (
            "示例·科創跨境：電子科大（深圳）高研院海智沙龍",
            "Demo · Innovation Across Borders: overseas-talent salon at UESTC Shenzhen",
            "shenzhen",
            10,
        ),
    ]
    .iter()
    .enumerate()
    {
        let e = EventInput {
            kind: if i == 1 {
                "matchmaking".into()
            } else {
                "exchange".into()
            },
            series_id: Some(cross.id),
            title: (*title).into(),
            title_en: Some((*en).into()),
            summary: Some("Synthetic demo event / 示範資料。".into()),
            region: (*region).into(),
            starts_at: hk(2024, *month, 18, 14, 0),
            ends_at: hk(2024, *month, 18, 17, 0),
            capacity: Some(80),
            registration_open: false,
            synthetic: true,
            ..Default::default()
        }
        .validate(Script::Hant)
        .map_err(bad)?;
        let ev = store
            .create_event(actor, &e, &baylink_tickets::generate_key())
            .await?;
        store
            .add_event_role(actor, ev.id, orgs["alliance"], EventRole::Host, 0)
            .await?;
        let partner = ["ceic", "demo_nanshan", "uestc_sz"][i];
        store
            .add_event_role(actor, ev.id, orgs[partner], EventRole::Organiser, 0)
            .await?;
    }

    // Upcoming, open for registration: one open to all, one that needs approval.
    for (title, en, approval, capacity) in [
        (
            "示例·科創跨境：深港澳低空經濟研討會",
            "Demo · Innovation Across Borders: low-altitude economy seminar",
            false,
            60,
        ),
        (
            "示例·澳門中醫藥科創閉門交流會",
            "Demo · Closed exchange on Chinese-medicine innovation in Macao",
            true,
            30,
        ),
    ] {
        let e = EventInput {
            kind: "seminar".into(),
            series_id: if approval { None } else { Some(cross.id) },
            title: title.into(),
            title_en: Some(en.into()),
            summary: Some("Synthetic demo event / 示範資料。".into()),
            venue: Some(
                if approval {
                    "澳門（示意）"
                } else {
                    "深圳前海（示意）"
                }
                .into(),
            ),
            region: if approval { "macao" } else { "shenzhen" }.into(),
            starts_at: days_ahead(if approval { 20 } else { 17 }, 14, 0),
            ends_at: days_ahead(if approval { 20 } else { 17 }, 17, 30),
            capacity: Some(capacity),
            // Five places per member organisation at the open seminar (名額), so the
            // demo's representative sees them counted.
            delegation_quota: (!approval).then_some(5),
            // The open seminar keeps its registrants' personal data two years after it,
            // so that the form says when it goes.
            retention_days: (!approval).then_some(730),
            registration_open: true,
            requires_approval: approval,
            synthetic: true,
            ..Default::default()
        }
        .validate(Script::Hant)
        .map_err(bad)?;
        let ev = store
            .create_event(actor, &e, &baylink_tickets::generate_key())
            .await?;
        store
            .add_event_role(
                actor,
                ev.id,
                orgs[if approval { "demo_tcm" } else { "alliance" }],
                EventRole::Host,
                0,
            )
            .await?;
        if !approval {
            // The seminar's organiser (承辦) runs its registrations and door with the
            // demo's representative account, without secretariat rights.
            store
                .add_event_role(actor, ev.id, orgs["hkitf"], EventRole::Organiser, 1)
                .await?;
            store
                .add_event_manager(actor, ev.id, "rep.hkitf@demo.baylink")
                .await?;
            // Questions of the organiser's own, optional so that anyone can register
            // without them (synthetic, like the event).
            for q in [
                QuestionInput {
                    kind: "choices".into(),
                    label: "出席環節".into(),
                    options: vec!["午餐交流\n會後參訪前海深港青年夢工場".into()],
                    required: false,
                    retention_days: None,
                    ..Default::default()
                },
                QuestionInput {
                    kind: "yes_no".into(),
                    label: "需要協助安排跨境交通".into(),
                    options: Vec::new(),
                    required: false,
                    // Needed for the journey alone.
                    retention_days: Some(30),
                    ..Default::default()
                },
            ] {
                let d = q.validate(Script::Hant).map_err(bad)?;
                store.add_question(actor, ev.id, &d).await?;
            }
            // Asked only of those who join the visit, whose hosts register each visitor's
            // document at the gate; gone once the seminar is over.
            let sessions = store.questions(ev.id).await?;
            let d = QuestionInput {
                kind: "text".into(),
                label: "證件號碼（參訪入場登記用）".into(),
                required: true,
                retention_days: Some(0),
                shown_if_question: sessions.first().map(|q| q.id),
                shown_if_answer: Some("會後參訪前海深港青年夢工場".into()),
                ..Default::default()
            }
            .validate(Script::Hant)
            .map_err(bad)?;
            store.add_question(actor, ev.id, &d).await?;
        } else {
            // The closed exchange asks for a travel document only of those it admits, once
            // their seat is confirmed, and keeps it until the day is over.
            let d = QuestionInput {
                kind: "text".into(),
                label: "旅行證件號碼（入境及會場登記用）".into(),
                required: true,
                retention_days: Some(0),
                after_confirmation: true,
                ..Default::default()
            }
            .validate(Script::Hant)
            .map_err(bad)?;
            store.add_question(actor, ev.id, &d).await?;
        }
    }
    open_matchmaking(store, actor, orgs).await?;
    Ok(())
}

/// The conference's organiser asked for feedback the day after it (no mail goes to the
/// synthetic participants), and about one in four who came gave it within the week, in
/// the script of their place: a tally and words to show on the feedback page.
async fn conference_feedback(
    store: &dyn Store,
    actor: &Actor,
    conf: i64,
    participants: &[i64],
    forums: &[i64],
) -> anyhow::Result<()> {
    let asked = hk(2024, 12, 10, 10, 0);
    store.ask_for_feedback(actor, conf, asked).await?;
    let words: [(i64, &str, &str, Script); 6] = [
        (
            5,
            "平行論壇的低空經濟案例很實用，會後即約了兩家深圳企業。",
            "茶歇時間可以長一些，方便交流。",
            Script::Hant,
        ),
        (
            4,
            "项目对接环节效率高，提前排好的时段很方便。",
            "希望提前公布演讲材料。",
            Script::Hans,
        ),
        (
            5,
            "The matchmaking schedule saved a lot of time.",
            "More English subtitles on the slides, please.",
            Script::Latin,
        ),
        (
            3,
            "白皮書發佈有參考價值。",
            "場地較遠，希望安排接駁車。",
            Script::Hant,
        ),
        (4, "认识了澳门的合作伙伴。", "", Script::Hans),
        (2, "", "分論壇時間衝突，未能兩邊都聽。", Script::Hant),
    ];
    for (n, id) in participants.iter().enumerate().filter(|(n, _)| n % 4 == 1) {
        let (rating, useful, improve, script) = words[(n / 4) % words.len()];
        let d = baylink_store::FeedbackInput {
            rating,
            useful: Some(useful.to_owned()),
            improve: Some(improve.to_owned()),
            // Their parallel forum (each participant sat in one), rated near the whole.
            sessions: forums
                .get(n % forums.len().max(1))
                .map(|&session_id| baylink_store::SessionRating {
                    session_id,
                    rating: (rating + (n as i64 % 3) - 1).clamp(1, 5),
                })
                .into_iter()
                .collect(),
        }
        .validate(script)
        .map_err(bad)?;
        store
            .give_feedback(*id, &d, asked + 3600 + n as i64 * 600)
            .await?;
    }
    Ok(())
}

/// The conference's project matchmaking (項目對接): up to 80 of the synthetic participants,
/// ten 20-minute slots in the afternoon, twenty tables (the first a booth reserved for one
/// exhibitor), requests drawn from a fixed seed (most accepted, some declined, a few never
/// answered), a published schedule and some outcomes. All of it synthetic.
async fn matchmaking(
    store: &dyn Store,
    actor: &Actor,
    event_id: i64,
    all: &[i64],
) -> anyhow::Result<()> {
    let people = &all[..all.len().min(80)];
    if people.len() < 4 {
        return Ok(());
    }
    let settings = MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 6,
        request_deadline: Some(hk(2024, 12, 6, 23, 59)),
        accept_deadline: Some(hk(2024, 12, 8, 23, 59)),
        self_booking: false,
        video_url: None,
        auto_accept: false,
    }
    .validate()
    .map_err(|e| anyhow!("demo matchmaking settings: {e:?}"))?;
    store
        .save_matchmaking(actor, event_id, &settings, hk(2024, 11, 15, 10, 0))
        .await?;
    for k in 0..10 {
        let start = hk(2024, 12, 9, 14, 0) + k * 20 * 60;
        store
            .add_meeting_slot(actor, event_id, start, start + 20 * 60)
            .await?;
    }
    store
        .add_meeting_table(actor, event_id, "展位 Booth 1", Some(people[0]))
        .await?;
    for t in 2..=20 {
        store
            .add_meeting_table(actor, event_id, &format!("T{t:02}"), None)
            .await?;
    }
    // What some say of themselves (synthetic, as the names of those who write it say), so
    // that those whose profiles answer each other are suggested to each other, across
    // scripts and terms (資訊保安 / 信息安全, 晶片 / 芯片). Participant i is of the demo's
    // organisation i mod ORGS; two participants of each of these organisations write one.
    let abouts = [
        (
            1,
            "我们提供低空无人机物流配送方案，寻找香港的空域管理与保险合作伙伴。",
        ),
        (
            2,
            "提供芯片测试与失效分析服务，希望对接高校的人工智能芯片设计团队。",
        ),
        (4, "寻找电池管理系统算法团队，共同开发工商业储能项目。"),
        (
            9,
            "提供資訊保安及網絡安全測試服務，尋找深圳的物聯網設備廠商合作。",
        ),
        (
            10,
            "實驗室研究無人機視覺導航與人工智能晶片，希望與企業進行產學研合作。",
        ),
        (
            12,
            "我們研究中藥質量標準，尋找澳門及深圳的中藥生產企業共同開發。",
        ),
        (15, "中藥產品生產企業，希望引進香港的中藥質量檢測技術。"),
        (
            17,
            "We build warehouse robots and look for Shenzhen partners in battery systems and drone logistics.",
        ),
    ];
    let orgs = crate::demo_market::ORGS.len();
    for (org, about) in abouts {
        for &reg in people.iter().skip(org).step_by(orgs).take(2) {
            let region = store
                .get_registration(reg)
                .await?
                .region
                .unwrap_or_default();
            store
                .set_matchmaking_profile(
                    reg,
                    about,
                    false,
                    languages_in(&region),
                    hk(2024, 11, 22, 9, 0),
                )
                .await?;
        }
    }
    let mut seed = 0x00C0_FFEE_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let messages = [
        ("希望探討6G通感一體化的產學研合作。", Script::Hant),
        (
            "想了解贵方在低空经济领域的项目，寻求联合开发。",
            Script::Hans,
        ),
        (
            "We are looking for a Hong Kong partner for a TCM data platform.",
            Script::Hans,
        ),
        ("", Script::Hans),
    ];
    let mut requests = Vec::new();
    for (i, &from) in people.iter().enumerate() {
        for _ in 0..3 {
            let to = people[next() as usize % people.len()];
            let (message, script) = messages[(i + requests.len()) % messages.len()];
            let draft = RequestInput {
                to_reg: to,
                message: message.to_owned(),
                priority: 1 + (next() % 3) as i64,
                // One request in eight asks for a half-day.
                session: match next() % 16 {
                    0 => Some("morning".into()),
                    1 => Some("afternoon".into()),
                    _ => None,
                },
            }
            .validate(script);
            let Ok(draft) = draft else { continue };
            // Self, duplicates and limits are refused by the store, as on the pages.
            if let Ok(r) = store
                .request_meeting(
                    event_id,
                    from,
                    &draft,
                    hk(2024, 11, 25, 9, 0) + i as i64 * 60,
                )
                .await
            {
                requests.push(r);
            }
        }
    }
    for (k, r) in requests.iter().enumerate() {
        let answered = hk(2024, 11, 28, 9, 0) + k as i64 * 60;
        match k % 10 {
            9 => {} // never answered: expires
            7 => {
                store
                    .decide_meeting(r.id, r.to_reg, false, 2, answered)
                    .await?;
            }
            _ => {
                store
                    .decide_meeting(r.id, r.to_reg, true, 1 + (r.id % 3), answered)
                    .await?;
            }
        }
    }
    // A few conversations before the day, each side in its own script.
    for (k, r) in requests
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 10 < 7 && k % 5 == 0)
    {
        let at = hk(2024, 12, 2, 10, 0) + k as i64 * 60;
        store
            .send_meeting_message(
                r.id,
                r.from_reg,
                "我們會帶樣品來，大約需要十分鐘示範。",
                "zh-Hant",
                at,
            )
            .await?;
        store
            .send_meeting_message(
                r.id,
                r.to_reg,
                "好的，我会提前五分钟到。请问可以用普通话交流吗？",
                "zh-Hans",
                at + 3600,
            )
            .await?;
        store
            .read_meeting_messages(r.id, r.to_reg, at + 3600)
            .await?;
    }
    // Availability: every seventh participant is away in the first slot.
    let slots = store.meeting_slots(event_id).await?;
    for &p in people.iter().skip(3).step_by(7) {
        store.set_away_slots(p, &[slots[0].id]).await?;
    }
    store
        .expire_meeting_requests(event_id, hk(2024, 12, 9, 0, 0))
        .await?;
    let accepted: Vec<MeetingRequest> = store
        .meeting_requests(event_id)
        .await?
        .into_iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .collect();
    let tables = store.meeting_tables(event_id).await?;
    let input = baylink_web::views::matchmaking::event_in(
        &accepted,
        &slots,
        &tables,
        store.unavailability(event_id).await?,
        false,
        std::time::Duration::from_secs(3),
    );
    let plan = tokio::task::spawn_blocking(move || baylink_matchmaking::plan(&input)).await?;
    store
        .save_schedule(actor, event_id, 0, &plan.placements)
        .await?;
    store
        .publish_schedule(actor, event_id, hk(2024, 12, 8, 18, 0))
        .await?;
    // Outcomes for the first meetings of the afternoon.
    let outcomes = [
        MeetingOutcome::CooperationPossible,
        MeetingOutcome::Informative,
        MeetingOutcome::CooperationPossible,
        MeetingOutcome::InsufficientInterest,
        MeetingOutcome::NotHeld,
    ];
    // Some with a comment for the organisers, in the writer's script (synthetic).
    let comments = [
        "示范数据：对方的低空物流方案与我们的需求吻合，约定下月实地考察。",
        "",
        "示範資料：雙方同意先簽保密協議，再交換技術細節。",
        "Demo data: useful exchange, but their budget cycle starts only next year.",
        "",
    ];
    for (k, (id, place)) in plan.placements.iter().enumerate().take(30) {
        if place.is_some() {
            let r = accepted
                .iter()
                .find(|r| r.id == *id)
                .expect("planned from these");
            store
                .record_feedback(
                    *id,
                    r.from_reg,
                    outcomes[k % outcomes.len()],
                    comments[k % comments.len()],
                    hk(2024, 12, 9, 18, 0),
                )
                .await?;
        }
    }
    // In the months after (synthetic), the secretariat hears how some of those with
    // cooperation possible went on: two agreements, one of them since implemented, and
    // one pair that came to nothing.
    let moves = [
        (
            PipelineStage::Signed,
            Some(AgreementType::JointRd),
            "示範資料：雙方簽署聯合研發協議。",
            hk(2025, 3, 18, 10, 0),
        ),
        (
            PipelineStage::Signed,
            Some(AgreementType::Licensing),
            "Demo data: a licence for the dispatch software, signed in Hong Kong.",
            hk(2025, 5, 6, 10, 0),
        ),
        (
            PipelineStage::Closed,
            None,
            "示范数据：对方已选定其他供应商。",
            hk(2025, 2, 10, 10, 0),
        ),
        (
            PipelineStage::Implemented,
            None,
            "示範資料：聯合實驗室已揭牌。",
            hk(2025, 9, 1, 10, 0),
        ),
    ];
    let coops = store.cooperations(event_id).await?;
    for (k, (stage, agreement_type, note, at)) in moves.into_iter().enumerate() {
        // The last move takes the first agreement on.
        let Some(coop) = coops.get(k % 3) else { break };
        let version = store
            .cooperations(event_id)
            .await?
            .into_iter()
            .find(|x| x.request_id == coop.request_id)
            .map_or(coop.version, |x| x.version);
        store
            .move_cooperation(
                coop.request_id,
                CooperationBy::Organiser { actor, event_id },
                version,
                &PipelineMove {
                    stage,
                    agreement_type,
                    note: note.to_owned(),
                },
                at,
            )
            .await?;
    }
    // And one pair closed for want of a budget and back in talks once it came: the
    // closing taken back, with the reason, as a step of its own in the history.
    if let Some(coop) = coops.get(3) {
        let closed = store
            .move_cooperation(
                coop.request_id,
                CooperationBy::Organiser { actor, event_id },
                coop.version,
                &PipelineMove {
                    stage: PipelineStage::Closed,
                    agreement_type: None,
                    note: "示範資料：預算未獲批。".to_owned(),
                },
                hk(2025, 1, 15, 10, 0),
            )
            .await?;
        store
            .take_back_cooperation(
                coop.request_id,
                CooperationBy::Organiser { actor, event_id },
                closed.version,
                &PipelineBack {
                    note: "示範資料：預算已獲批，恢復洽談。".to_owned(),
                },
                hk(2025, 4, 2, 10, 0),
            )
            .await?;
    }
    Ok(())
}

/// An upcoming matchmaking session open for whoever registers in the demo, after the
/// other upcoming events: eight 20-minute slots at ten tables, which participants book
/// themselves as they accept a request, and rooms on a Jitsi server for those who take
/// part from afar. Twelve synthetic participants are there to be asked (two of them
/// online), with what they say of themselves.
async fn open_matchmaking(
    store: &dyn Store,
    actor: &Actor,
    orgs: &HashMap<&str, i64>,
) -> anyhow::Result<()> {
    let e = EventInput {
        kind: "matchmaking".into(),
        title: "示例·深港澳科創項目對接會".into(),
        title_en: Some("Demo · Shenzhen–Hong Kong–Macao project matchmaking".into()),
        summary: Some(
            "Synthetic demo event / 示範資料：一對一項目對接，參加者接受邀約時自選時段，遠程參加者於網上會議室會談。"
                .into(),
        ),
        venue: Some("香港科學園（示意）".into()),
        region: "hong_kong".into(),
        starts_at: days_ahead(MATCHMAKING_DAY, 14, 0),
        ends_at: days_ahead(MATCHMAKING_DAY, 17, 30),
        capacity: Some(120),
        registration_open: true,
        synthetic: true,
        ..Default::default()
    }
    .validate(Script::Hant)
    .map_err(bad)?;
    let ev = store
        .create_event(actor, &e, &baylink_tickets::generate_key())
        .await?;
    store
        .add_event_role(actor, ev.id, orgs["alliance"], EventRole::Host, 0)
        .await?;
    let settings = MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 5,
        request_deadline: Some(days_ahead(MATCHMAKING_DAY - 2, 23, 59)),
        accept_deadline: Some(days_ahead(MATCHMAKING_DAY - 1, 23, 59)),
        self_booking: true,
        video_url: Some("https://meet.jit.si".into()),
        auto_accept: false,
    }
    .validate()
    .map_err(|e| anyhow!("demo matchmaking settings: {e:?}"))?;
    store
        .save_matchmaking(actor, ev.id, &settings, days_ahead(-8, 10, 0))
        .await?;
    let slots: Vec<(i64, i64)> = (0..8)
        .map(|k| days_ahead(MATCHMAKING_DAY, 14, 30) + k * 20 * 60)
        .map(|start| (start, start + 20 * 60))
        .collect();
    store.add_meeting_slots(actor, ev.id, &slots).await?;
    let tables: Vec<(String, Option<i64>)> = (1..=10).map(|t| (format!("B{t:02}"), None)).collect();
    store.add_meeting_tables(actor, ev.id, &tables).await?;
    let abouts = [
        "我們提供低空無人機物流配送方案，尋找香港的空域管理與保險合作夥伴。",
        "提供芯片测试与失效分析服务，希望对接高校的人工智能芯片设计团队。",
        "寻找电池管理系统算法团队，共同开发工商业储能项目。",
        "提供資訊保安及網絡安全測試服務，尋找深圳的物聯網設備廠商合作。",
        "We build warehouse robots and look for Shenzhen partners in battery systems and drone logistics.",
        "我們研究中藥質量標準，尋找澳門及深圳的中藥生產企業共同開發。",
    ];
    let demo_orgs = crate::demo_market::ORGS;
    let mut partners = Vec::new();
    for i in 0..12 {
        let (org_name, _, org_type, region) = demo_orgs[(i * 3 + 1) % demo_orgs.len()];
        let d = RegistrationInput {
            name: match region {
                "hong_kong" | "macao" => format!("示範對接者{:02}", i + 1),
                "overseas" => format!("Demo Partner {:02}", i + 1),
                _ => format!("示例对接者{:02}", i + 1),
            },
            email: format!("partner{:02}@demo.baylink", i + 1),
            organisation: Some(org_name.into()),
            region: Some(region.into()),
            org_type: Some(org_type.into()),
            consent: true,
            ..Default::default()
        }
        .validate(Script::Hans)
        .map_err(bad)?;
        let d = RegistrationDraft {
            synthetic: true,
            ..d
        };
        let r = store
            .register(
                ev.id,
                &d,
                Channel::Invited,
                &baylink_tickets::generate_key(),
                if region == "overseas" {
                    "en"
                } else {
                    "zh-Hant"
                },
                days_ahead(-7, 10, 0) + i as i64 * 600,
            )
            .await?;
        store
            .set_matchmaking_profile(
                r.id,
                abouts[i % abouts.len()],
                false,
                languages_in(region),
                days_ahead(-7, 11, 0),
            )
            .await?;
        partners.push(r.id);
        // Two take part from afar, each in a room of their own.
        if i % 6 == 4 {
            let room = format!(
                "https://meet.jit.si/baylink-{}",
                &baylink_tickets::generate_key()[..20]
            );
            store
                .set_online_room(r.id, Some(&room), days_ahead(-7, 11, 0))
                .await?;
        }
    }
    // The demo's participant account is registered too (with its own address, so signing in
    // as it lists the registration under "my registrations" and leads to its matchmaking
    // page); synthetic like the rest, so no mail is written to it.
    let d = RegistrationInput {
        name: "Demo participant".into(),
        email: "participant@demo.baylink".into(),
        region: Some("hong_kong".into()),
        consent: true,
        ..Default::default()
    }
    .validate(Script::Latin)
    .map_err(bad)?;
    store
        .register(
            ev.id,
            &RegistrationDraft {
                synthetic: true,
                ..d
            },
            Channel::Public,
            &baylink_tickets::generate_key(),
            "en",
            days_ahead(-5, 9, 0),
        )
        .await?;
    // The secretariat brings together the drone logistics firm and the maker of warehouse
    // robots who looks for drone logistics: a meeting arranged, not asked for.
    let note = RequestInput {
        to_reg: partners[4],
        message: "兩位都做無人機物流，秘書處認為值得一談。".into(),
        priority: 2,
        session: None,
    }
    .validate(Script::Hant)
    .map_err(|e| anyhow!("demo arranged meeting: {e:?}"))?;
    store
        .arrange_meeting(actor, ev.id, partners[0], &note, days_ahead(-6, 10, 0))
        .await?;
    Ok(())
}
