//! Supply and demand in the store, on both backends: postings and their review, who may
//! post, edit, express interest and move an introduction, the pipeline's order, and that a
//! refused write changes nothing.

use std::sync::Arc;

use baylink_store::market::{
    AgreementType, PipelineBack, PipelineMove, PipelineStage, PostingStatus,
};
use baylink_store::*;
use baylink_text::Script;

use crate::kit::TestDb;

const NOW: i64 = 1_733_716_800; // 2024-12-09 12:00 HKT
const TODAY: &str = "2024-12-09";

fn code(e: StoreError) -> String {
    match e {
        StoreError::Invalid(errors) => errors[0].code.clone(),
        StoreError::Conflict(code) => code.to_owned(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn input(org_id: i64, side: &str, title: &str, summary: &str, sectors: &[&str]) -> PostingInput {
    PostingInput {
        org_id,
        side: side.into(),
        kind: "technology".into(),
        title: title.into(),
        summary: summary.into(),
        sectors: sectors.iter().map(|s| s.to_string()).collect(),
        modes: vec!["licensing".into()],
        contact: "bd@example.org".into(),
        expires_on: "2025-06-30".into(),
        ..Default::default()
    }
}

async fn org(s: &dyn Store, name: &str, org_type: &str, region: &str) -> i64 {
    let d = OrganisationInput {
        name: name.into(),
        org_type: org_type.into(),
        region: region.into(),
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    s.create_organisation(&Actor::cli(), &d).await.unwrap().id
}

async fn user(s: &dyn Store, email: &str, role: &str, org_id: Option<i64>) -> User {
    let d = UserInput {
        email: email.into(),
        display_name: email.into(),
        role: role.into(),
        side_id: None,
        org_id,
    }
    .validate()
    .unwrap();
    s.create_user(&Actor::cli(), &d, "not-a-real-hash")
        .await
        .unwrap()
}

/// The mails queued and not yet sent ([`kit::sent_mails`]): (kind, to, language).
async fn mails(s: &dyn Store) -> Vec<(String, String, String)> {
    crate::kit::sent_mails(s, NOW + 100_000)
        .await
        .into_iter()
        .map(|m| (m.kind, m.to_addr, m.locale))
        .collect()
}

async fn count(s: &dyn Store, status: Option<PostingStatus>) -> i64 {
    s.list_postings(&PostingFilter {
        status,
        today: TODAY.into(),
        ..Default::default()
    })
    .await
    .unwrap()
    .total
}

async fn story(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let company = org(s, "深圳星河智联科技有限公司", "company", "shenzhen").await;
    let university = org(s, "香港科研大學", "university", "hong_kong").await;
    let staff = user(s, "staff@example.org", "admin", None).await;
    let rep_a = user(s, "a@example.org", "org_rep", Some(company)).await;
    let rep_b = user(s, "b@example.org", "org_rep", Some(university)).await;
    // A representative who left: suspended, so none of the mails below go to them.
    let gone = user(s, "gone@example.org", "org_rep", Some(university)).await;
    s.suspend_user(&Actor::cli(), gone.id, true).await.unwrap();
    let outsider = user(s, "c@example.org", "participant", None).await;

    // Bad input is refused before the store, with the field and a Fluent key.
    let bad = |i: PostingInput| i.validate(TODAY, Script::Hans).unwrap_err()[0].code.clone();
    assert_eq!(
        bad(input(company, "need", " ", "x", &["ai"])),
        "err-required"
    );
    assert_eq!(
        bad(input(company, "need", "t", "x", &["quantum"])),
        "err-market-unknown-tag"
    );
    assert_eq!(
        bad(input(company, "need", "t", "x", &[])),
        "err-market-no-sector"
    );
    assert_eq!(
        bad(input(company, "need", "t", &"長".repeat(501), &["ai"])),
        "err-too-long"
    );
    assert_eq!(
        bad(input(company, "maybe", "t", "x", &["ai"])),
        "err-market-unknown-tag"
    );
    let mut past = input(company, "need", "t", "x", &["ai"]);
    past.expires_on = "2024-01-01".into();
    assert_eq!(bad(past), "err-market-expiry-past");

    // Only a representative of the organisation (or staff) posts for it.
    let need = input(
        company,
        "need",
        "寻求信息安全态势感知技术",
        "我司为金融机构寻找信息安全方案。",
        &["cybersecurity"],
    )
    .validate(TODAY, Script::Hans)
    .unwrap();
    assert_eq!(need.script, Script::Hans);
    let mut for_other = need.clone();
    for_other.org_id = university;
    assert_eq!(
        code(s.create_posting(&rep_a, &for_other, NOW).await.unwrap_err()),
        "err-market-not-your-org"
    );
    assert_eq!(
        code(s.create_posting(&outsider, &need, NOW).await.unwrap_err()),
        "err-market-not-your-org"
    );
    assert_eq!(
        count(s, Some(PostingStatus::Pending)).await,
        0,
        "nothing written"
    );

    let need = s.create_posting(&rep_a, &need, NOW).await.unwrap();
    assert_eq!(need.status, PostingStatus::Pending);
    assert_eq!(need.org_type, OrgType::Company);
    let offer = input(
        university,
        "offer",
        "資訊保安態勢感知技術成果",
        "本實驗室的資訊保安方案適用於金融機構。",
        &["cybersecurity", "ai"],
    )
    .validate(TODAY, Script::Hant)
    .unwrap();
    let offer = s.create_posting(&rep_b, &offer, NOW).await.unwrap();
    assert!(
        s.live_postings(TODAY).await.unwrap().is_empty(),
        "nothing public before review"
    );

    // Review: staff only, and a return needs a reason.
    assert_eq!(
        code(
            s.review_posting(&rep_a, need.id, true, "", NOW)
                .await
                .unwrap_err()
        ),
        "err-market-staff-only"
    );
    assert_eq!(
        code(
            s.review_posting(&staff, need.id, false, " ", NOW)
                .await
                .unwrap_err()
        ),
        "err-market-return-reason"
    );
    let returned = s
        .review_posting(&staff, need.id, false, "請補充資料", NOW)
        .await
        .unwrap();
    assert_eq!(returned.status, PostingStatus::Returned);
    assert_eq!(returned.review_note.as_deref(), Some("請補充資料"));
    // The owners are told, in their organisation's region's script (A's is in Shenzhen).
    assert_eq!(
        mails(s).await,
        [(
            "market_review".to_owned(),
            "a@example.org".to_owned(),
            "zh-Hans".to_owned()
        )]
    );
    let need = s
        .review_posting(&staff, need.id, true, "", NOW)
        .await
        .unwrap();
    assert_eq!(need.status, PostingStatus::Published);
    assert!(need.published_at.is_some());
    let offer = s
        .review_posting(&staff, offer.id, true, "", NOW)
        .await
        .unwrap();
    assert_eq!(s.live_postings(TODAY).await.unwrap().len(), 2);
    assert_eq!(
        mails(s)
            .await
            .into_iter()
            .map(|(kind, to, _)| (kind, to))
            .collect::<Vec<_>>(),
        [
            ("market_review".to_owned(), "a@example.org".to_owned()),
            ("market_review".to_owned(), "b@example.org".to_owned())
        ]
    );
    assert!(
        s.live_postings("2025-07-01").await.unwrap().is_empty(),
        "expired postings are not live"
    );

    // Filters.
    let f =
        |sector: Option<Sector>, side: Option<PostingSide>, region: Option<Region>| PostingFilter {
            sector,
            side,
            region,
            today: TODAY.into(),
            ..Default::default()
        };
    let n = |p: Page<Posting>| p.items.iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        n(s.list_postings(&f(Some(Sector::Ai), None, None))
            .await
            .unwrap()),
        vec![offer.id]
    );
    assert_eq!(
        n(s.list_postings(&f(
            Some(Sector::Cybersecurity),
            Some(PostingSide::Need),
            None
        ))
        .await
        .unwrap()),
        vec![need.id]
    );
    assert_eq!(
        n(s.list_postings(&f(None, None, Some(Region::HongKong)))
            .await
            .unwrap()),
        vec![offer.id]
    );
    assert!(
        n(s.list_postings(&f(Some(Sector::LowAltitude), None, None))
            .await
            .unwrap())
        .is_empty()
    );

    // Edits: owners and staff only, against the version read; an owner's edit is reviewed again.
    let stamp = s.market_stamp().await.unwrap();
    let mut edit = input(
        university,
        "offer",
        "資訊保安態勢感知技術成果（更新）",
        "適用於金融機構及政府。",
        &["cybersecurity"],
    )
    .validate(TODAY, Script::Hant)
    .unwrap();
    edit.synthetic = false;
    assert_eq!(
        code(
            s.update_posting(&outsider, offer.id, offer.version, &edit, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-not-owner"
    );
    assert_eq!(
        code(
            s.update_posting(&rep_a, offer.id, offer.version, &edit, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-not-owner"
    );
    assert_eq!(
        code(
            s.update_posting(&rep_b, offer.id, offer.version - 1, &edit, NOW)
                .await
                .unwrap_err()
        ),
        "err-stale-edit"
    );
    assert_eq!(
        s.market_stamp().await.unwrap(),
        stamp,
        "refused edits change nothing"
    );
    // Two edits sent at once from the same page: one is taken, the other is stale.
    let mut other_edit = edit.clone();
    other_edit.title = format!("{} (2)", edit.title);
    let (x, y) = tokio::join!(
        s.update_posting(&rep_b, offer.id, offer.version, &edit, NOW),
        s.update_posting(&staff, offer.id, offer.version, &other_edit, NOW),
    );
    assert_eq!(
        [&x, &y].iter().filter(|r| r.is_ok()).count(),
        1,
        "{x:?} {y:?}"
    );
    let refused = if x.is_ok() { y } else { x };
    assert_eq!(code(refused.unwrap_err()), "err-stale-edit");
    assert_eq!(
        s.get_posting(offer.id).await.unwrap().version,
        offer.version + 1
    );
    let edited = s
        .update_posting(&rep_b, offer.id, offer.version + 1, &edit, NOW)
        .await
        .unwrap();
    assert_eq!(edited.status, PostingStatus::Pending);
    assert_ne!(s.market_stamp().await.unwrap(), stamp);

    // Interest: not in one's own posting, not in one that is not live, not twice.
    let say = |t: &str| (t.to_owned(), Script::Hans);
    let (m, sc) = say("我们很感兴趣");
    assert_eq!(
        code(
            s.express_interest(&rep_a, offer.id, &m, sc, TODAY, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-not-live"
    );
    let offer = s
        .review_posting(&staff, offer.id, true, "", NOW)
        .await
        .unwrap();
    assert_eq!(
        code(
            s.express_interest(&rep_b, offer.id, &m, sc, TODAY, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-own-posting"
    );
    let interest = s
        .express_interest(&rep_a, offer.id, &m, sc, TODAY, NOW)
        .await
        .unwrap();
    assert_eq!(interest.from_org_id, Some(company));
    assert_eq!(
        code(
            s.express_interest(&rep_a, offer.id, &m, sc, TODAY, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-interest-twice"
    );
    let outsider_interest = s
        .express_interest(&outsider, offer.id, "Interested", Script::Latin, TODAY, NOW)
        .await
        .unwrap();
    // Each tells the posting's owners by mail, in their language (by their
    // organisation's region until they sign in), after the mail of the edit's review.
    let tell = |kind: &str, to: &str, lang: &str| (kind.to_owned(), to.to_owned(), lang.to_owned());
    assert_eq!(
        mails(s).await,
        [
            tell("market_review", "b@example.org", "zh-Hant"),
            tell("market_interest", "b@example.org", "zh-Hant"),
            tell("market_interest", "b@example.org", "zh-Hant")
        ]
    );
    s.set_user_locale(rep_a.id, "en").await.unwrap();

    // Only the owners answer; an answer is final.
    assert_eq!(
        code(
            s.decide_interest(&rep_a, interest.id, true, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-not-owner"
    );
    assert_eq!(
        code(
            s.move_pipeline(
                &rep_a,
                interest.id,
                interest.version,
                &PipelineMove {
                    stage: PipelineStage::InTalks,
                    agreement_type: None,
                    note: String::new()
                },
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-market-not-introduced"
    );
    let intro = s
        .decide_interest(&rep_b, interest.id, true, NOW)
        .await
        .unwrap();
    assert_eq!(intro.stage(), Some(PipelineStage::Introduced));
    assert_eq!(
        code(
            s.decide_interest(&rep_b, interest.id, false, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-already-decided"
    );
    let declined = s
        .decide_interest(&staff, outsider_interest.id, false, NOW)
        .await
        .unwrap();
    assert_eq!(declined.stage(), None);
    // The answers tell the interested, each in their language; the language they signed
    // in with comes first.
    assert_eq!(
        mails(s).await,
        [
            tell("market_decided", "a@example.org", "en"),
            tell("market_decided", "c@example.org", "zh-Hant")
        ]
    );
    assert_eq!(s.interests_of_user(&rep_b).await.unwrap().len(), 2);
    assert_eq!(s.interests_of_user(&rep_a).await.unwrap().len(), 1);

    // The pipeline: parties or staff, forward only, signed needs its type, closed its reason.
    let go = |stage, agreement_type, note: &str| PipelineMove {
        stage,
        agreement_type,
        note: note.into(),
    };
    assert_eq!(
        code(
            s.move_pipeline(
                &outsider,
                intro.id,
                intro.version,
                &go(PipelineStage::InTalks, None, ""),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-market-not-party"
    );
    assert_eq!(
        code(
            s.move_pipeline(
                &rep_a,
                intro.id,
                intro.version,
                &go(PipelineStage::Signed, None, ""),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-required"
    );
    assert_eq!(
        code(
            s.move_pipeline(
                &rep_a,
                intro.id,
                intro.version,
                &go(PipelineStage::Closed, None, " "),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-market-close-reason"
    );
    let talks = s
        .move_pipeline(
            &rep_a,
            intro.id,
            intro.version,
            &go(PipelineStage::InTalks, None, "首次會議"),
            NOW + 60,
        )
        .await
        .unwrap();
    assert_eq!(
        code(
            s.move_pipeline(
                &rep_a,
                intro.id,
                intro.version,
                &go(PipelineStage::Signed, Some(AgreementType::Licensing), ""),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-stale-edit"
    );
    assert_eq!(
        code(
            s.move_pipeline(
                &rep_b,
                intro.id,
                talks.version,
                &go(PipelineStage::Introduced, None, ""),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-market-stage-order"
    );
    let signed = s
        .move_pipeline(
            &rep_b,
            intro.id,
            talks.version,
            &go(PipelineStage::Signed, Some(AgreementType::Licensing), ""),
            NOW + 120,
        )
        .await
        .unwrap();
    assert_eq!(signed.stage(), Some(PipelineStage::Signed));
    assert_eq!(signed.agreement_type.as_deref(), Some("licensing"));
    let steps: Vec<String> = s
        .pipeline_steps(intro.id)
        .await
        .unwrap()
        .into_iter()
        .map(|st| st.stage)
        .collect();
    assert_eq!(steps, ["introduced", "in_talks", "signed"]);
    // Each move tells the other side: A's the owners, B's the interested party (one mail
    // each: a refused move tells no one).
    assert_eq!(
        mails(s).await,
        [
            tell("market_stage", "b@example.org", "zh-Hant"),
            tell("market_stage", "a@example.org", "en")
        ]
    );
    let done = s
        .move_pipeline(
            &staff,
            intro.id,
            signed.version,
            &go(PipelineStage::Implemented, None, ""),
            NOW + 180,
        )
        .await
        .unwrap();
    // The secretariat's move tells both sides.
    let mut both = mails(s).await;
    both.sort();
    assert_eq!(
        both,
        [
            tell("market_stage", "a@example.org", "en"),
            tell("market_stage", "b@example.org", "zh-Hant")
        ]
    );
    assert_eq!(
        code(
            s.move_pipeline(
                &rep_a,
                intro.id,
                done.version,
                &go(PipelineStage::Closed, None, "x"),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-market-stage-order"
    );

    // "Implemented" was recorded too soon: a side takes it back, with the reason; that is
    // a step of its own, back to signed with the agreement kept. Without a reason, by a
    // stranger or on a stale version, nothing changes.
    let back = |note: &str| PipelineBack {
        note: note.to_owned(),
    };
    assert_eq!(
        code(
            s.take_back_pipeline(&rep_a, intro.id, done.version, &back(" "), NOW + 200)
                .await
                .unwrap_err()
        ),
        "err-pipeline-back-reason"
    );
    assert_eq!(
        code(
            s.take_back_pipeline(&outsider, intro.id, done.version, &back("x"), NOW + 200)
                .await
                .unwrap_err()
        ),
        "err-market-not-party"
    );
    assert_eq!(
        code(
            s.take_back_pipeline(&rep_a, intro.id, signed.version, &back("x"), NOW + 200)
                .await
                .unwrap_err()
        ),
        "err-stale-edit"
    );
    assert_eq!(s.get_interest(intro.id).await.unwrap(), done);
    let undone = s
        .take_back_pipeline(&rep_a, intro.id, done.version, &back("尚未投產"), NOW + 200)
        .await
        .unwrap();
    assert_eq!(undone.stage(), Some(PipelineStage::Signed));
    assert_eq!(undone.agreement_type.as_deref(), Some("licensing"));
    assert_eq!(undone.version, done.version + 1);
    let steps = s.pipeline_steps(intro.id).await.unwrap();
    assert_eq!(
        steps
            .iter()
            .map(|st| (st.stage.as_str(), st.takes_back, st.note.as_str()))
            .collect::<Vec<_>>(),
        [
            ("introduced", false, ""),
            ("in_talks", false, "首次會議"),
            ("signed", false, ""),
            ("implemented", false, ""),
            ("signed", true, "尚未投產"),
        ]
    );
    // Taken back again, signing goes too, with its agreement; then in talks; then
    // nothing is left to take back before the introduction itself.
    let talks_again = s
        .take_back_pipeline(
            &staff,
            intro.id,
            undone.version,
            &back("合約未生效"),
            NOW + 210,
        )
        .await
        .unwrap();
    assert_eq!(talks_again.stage(), Some(PipelineStage::InTalks));
    assert_eq!(talks_again.agreement_type, None);
    let introduced = s
        .take_back_pipeline(
            &rep_b,
            intro.id,
            talks_again.version,
            &back("誤按"),
            NOW + 220,
        )
        .await
        .unwrap();
    assert_eq!(introduced.stage(), Some(PipelineStage::Introduced));
    assert_eq!(
        code(
            s.take_back_pipeline(&rep_b, intro.id, introduced.version, &back("x"), NOW + 230)
                .await
                .unwrap_err()
        ),
        "err-pipeline-nothing-back"
    );
    // And forward again as it really went.
    let mut at = introduced;
    for (stage, agreement) in [
        (PipelineStage::Signed, Some(AgreementType::Licensing)),
        (PipelineStage::Implemented, None),
    ] {
        at = s
            .move_pipeline(
                &staff,
                intro.id,
                at.version,
                &go(stage, agreement, ""),
                NOW + 240,
            )
            .await
            .unwrap();
    }
    assert_eq!(at.stage(), Some(PipelineStage::Implemented));
    // Each side heard of the other's steps; one mail each, written when sent.
    assert_eq!(
        mails(s).await,
        [
            tell("market_stage", "b@example.org", "zh-Hant"),
            tell("market_stage", "a@example.org", "en")
        ]
    );

    let funnel = s.funnel_rows().await.unwrap();
    assert_eq!(funnel.len(), 2);
    assert!(
        funnel
            .iter()
            .any(|r| r.stage.as_deref() == Some("implemented")
                && r.agreement_type.as_deref() == Some("licensing")
                && r.posting_region == Region::HongKong
                && r.from_region.as_deref() == Some("shenzhen"))
    );

    // Reminders go to the author and representatives, once queued in the same write.
    assert_eq!(
        code(s.remind_posting(&rep_a, offer.id, NOW).await.unwrap_err()),
        "err-market-staff-only"
    );
    let reminded = s.remind_posting(&staff, offer.id, NOW).await.unwrap();
    assert_eq!(reminded.reminded_at, Some(NOW));
    // In B's language: B has not signed in, so their organisation's region's.
    assert_eq!(
        mails(s).await,
        [tell("market_expiry", "b@example.org", "zh-Hant")]
    );
    assert_eq!(
        s.expiring_postings(TODAY, "2025-06-30")
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(
        s.expiring_postings(TODAY, "2025-01-01")
            .await
            .unwrap()
            .is_empty()
    );

    // Attachments: checked by name, type and size; owners only; five at most.
    use baylink_store::market::{MAX_ATTACHMENT_BYTES, checked_attachment};
    assert_eq!(
        checked_attachment("C:\\docs\\簡介.pdf", 10).unwrap(),
        ("簡介.pdf".to_owned(), "application/pdf")
    );
    assert_eq!(
        checked_attachment("tool.exe", 10).unwrap_err()[0].code,
        "err-market-file-type"
    );
    assert_eq!(
        checked_attachment("big.pdf", MAX_ATTACHMENT_BYTES + 1).unwrap_err()[0].code,
        "err-market-file-too-big"
    );
    assert_eq!(
        checked_attachment("empty.pdf", 0).unwrap_err()[0].code,
        "err-required"
    );
    let pdf = b"%PDF-1.4 demo";
    let file = |filename, content_type, data, words| FileUpload {
        filename,
        content_type,
        data,
        words: Some(words),
    };
    let body = || async {
        let found = s.search_records("posting", &[offer.id]).await.unwrap();
        found[0].body.clone().unwrap_or_default()
    };
    assert_eq!(
        code(
            s.add_attachment(
                &rep_a,
                offer.id,
                file("x.pdf", "application/pdf", pdf, ""),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-market-not-owner"
    );
    let first = s
        .add_attachment(
            &rep_b,
            offer.id,
            file("簡介.pdf", "application/pdf", pdf, "巡檢無人機的技術參數"),
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(first.size, pdf.len() as i64);
    assert_eq!(first.words_length, Some(10));
    // The attachment's words are the posting's for search, after its summary.
    assert!(
        body().await.ends_with(" 巡檢無人機的技術參數"),
        "{}",
        body().await
    );
    // And the recommender's, while the posting is live.
    let words = |today: &'static str| async move {
        s.live_attachment_words(today)
            .await
            .unwrap()
            .into_iter()
            .filter(|(id, _)| *id == offer.id)
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
    };
    assert_eq!(words(TODAY).await, ["巡檢無人機的技術參數"]);
    assert!(words("2099-01-01").await.is_empty());
    let (meta, data) = s.attachment_data(first.id).await.unwrap();
    assert_eq!(
        (meta.filename.as_str(), data.as_slice()),
        ("簡介.pdf", &pdf[..])
    );
    for i in 0..4 {
        let name = format!("{i}.png");
        let png = FileUpload {
            filename: &name,
            content_type: "image/png",
            data: b"png",
            words: Some(""),
        };
        s.add_attachment(&staff, offer.id, png, NOW).await.unwrap();
    }
    assert_eq!(
        code(
            s.add_attachment(
                &rep_b,
                offer.id,
                file("6.pdf", "application/pdf", pdf, ""),
                NOW
            )
            .await
            .unwrap_err()
        ),
        "err-market-too-many-files"
    );
    assert_eq!(s.attachments(offer.id).await.unwrap().len(), 5);
    assert_eq!(
        code(s.delete_attachment(&rep_a, first.id).await.unwrap_err()),
        "err-market-not-owner"
    );
    s.delete_attachment(&rep_b, first.id).await.unwrap();
    assert_eq!(s.attachments(offer.id).await.unwrap().len(), 4);
    assert!(!body().await.contains("巡檢"), "its words went with it");
    assert!(words(TODAY).await.is_empty());
    // Attachments kept before files were read are read once by the start-up sweep.
    assert!(s.attachments_unread(10).await.unwrap().is_empty());
    let png = s.attachments(offer.id).await.unwrap()[0].id;
    s.set_attachment_words(png, "不再讀").await.unwrap();
    assert!(!body().await.contains("不再讀"));

    // A 1:1 meeting requested from an introduction: "cooperation possible" after it moves
    // the introduction from introduced to in talks.
    let need2 = input(
        company,
        "need",
        "寻求无人机物流配送方案",
        "海岛配送。",
        &["low_altitude"],
    )
    .validate(TODAY, Script::Hans)
    .unwrap();
    let need2 = s.create_posting(&rep_a, &need2, NOW).await.unwrap();
    s.review_posting(&staff, need2.id, true, "", NOW)
        .await
        .unwrap();
    let (m, sc) = say("我們有無人機方案");
    let i2 = s
        .express_interest(&rep_b, need2.id, &m, sc, TODAY, NOW)
        .await
        .unwrap();
    let i2 = s.decide_interest(&rep_a, i2.id, true, NOW).await.unwrap();
    let me = Actor::cli();
    let ev = crate::events_store::event(s, None, false).await;
    let mut regs = Vec::new();
    for i in 0..2 {
        let r = s
            .register(
                ev.id,
                &crate::events_store::person(100 + i),
                Channel::Public,
                &format!("mk-{i}"),
                "zh-Hant",
                NOW,
            )
            .await
            .unwrap();
        regs.push(r.id);
    }
    let settings = MatchmakingInput {
        meeting_minutes: 20,
        max_requests: 5,
        ..Default::default()
    }
    .validate()
    .unwrap();
    s.save_matchmaking(&me, ev.id, &settings, NOW)
        .await
        .unwrap();
    let slot = s
        .add_meeting_slot(&me, ev.id, NOW + 86_400, NOW + 87_600)
        .await
        .unwrap();
    let table = s.add_meeting_table(&me, ev.id, "A1", None).await.unwrap();
    let mut ask = RequestInput {
        to_reg: regs[1],
        message: "從供需對接而來".into(),
        priority: 2,
        session: None,
    }
    .validate(Script::Hant)
    .unwrap();
    ask.interest_id = Some(i2.id);
    let req = s.request_meeting(ev.id, regs[0], &ask, NOW).await.unwrap();
    assert_eq!(req.interest_id, Some(i2.id));
    s.decide_meeting(req.id, regs[1], true, 2, NOW)
        .await
        .unwrap();
    s.save_schedule(&me, ev.id, 0, &[(req.id, Some((slot.id, table.id)))])
        .await
        .unwrap();
    s.record_outcome(req.id, regs[1], MeetingOutcome::Informative)
        .await
        .unwrap();
    assert_eq!(
        s.get_interest(i2.id).await.unwrap().stage(),
        Some(PipelineStage::Introduced)
    );
    s.record_outcome(req.id, regs[0], MeetingOutcome::CooperationPossible)
        .await
        .unwrap();
    let after = s.get_interest(i2.id).await.unwrap();
    assert_eq!(after.stage(), Some(PipelineStage::InTalks));
    assert!(after.version > i2.version);
    let steps = s.pipeline_steps(i2.id).await.unwrap();
    assert_eq!(steps.last().unwrap().stage, "in_talks");
    // The introduction carries the cooperation: the meeting starts none of its own.
    assert!(s.cooperations(ev.id).await.unwrap().is_empty());

    // Withdrawn: owners only; no longer live.
    assert_eq!(
        code(
            s.withdraw_posting(&outsider, need.id, NOW)
                .await
                .unwrap_err()
        ),
        "err-market-not-owner"
    );
    let live = s.live_postings(TODAY).await.unwrap().len();
    s.withdraw_posting(&rep_a, need.id, NOW).await.unwrap();
    assert_eq!(s.live_postings(TODAY).await.unwrap().len(), live - 1);
    assert!(
        s.shared_matchmaking("a@example.org", "b@example.org")
            .await
            .unwrap()
            .is_empty()
    );
}

/// An account erased on its holder's request: nothing of its name, address or words is
/// left where the store wrote them, it can no longer sign in, and what it did for its
/// organisation stays; an admin cannot erase their own.
async fn account_erasure(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let company = org(s, "深圳星河智聯科技有限公司", "company", "shenzhen").await;
    let university = org(s, "香港科研大學", "university", "hong_kong").await;
    let admin = user(s, "admin@example.org", "admin", None).await;
    let rep_a = user(s, "chan.taiman@example.org", "org_rep", Some(company)).await;
    let rep_b = user(s, "b@example.org", "org_rep", Some(university)).await;
    let as_user = |u: &User| Actor {
        user_id: Some(u.id),
        name: u.display_name.clone(),
    };
    let offer = s
        .create_posting(
            &rep_b,
            &input(university, "offer", "無人機視覺導航", "提供技術", &["ai"])
                .validate(TODAY, Script::Hant)
                .unwrap(),
            NOW,
        )
        .await
        .unwrap();
    s.review_posting(&admin, offer.id, true, "", NOW)
        .await
        .unwrap();
    let interest = s
        .express_interest(
            &rep_a,
            offer.id,
            "我是陳大文，電話 9123 4567",
            Script::Hant,
            TODAY,
            NOW,
        )
        .await
        .unwrap();
    // Two needs A wrote for the company: one names A as its contact, one the company's desk.
    let mut named = input(company, "need", "工業視覺檢測", "尋找算法團隊", &["ai"]);
    named.contact = "陳先生 CHAN.TAIMAN@example.org / 9123 4567".into();
    let named = s
        .create_posting(&rep_a, &named.validate(TODAY, Script::Hant).unwrap(), NOW)
        .await
        .unwrap();
    let desk = s
        .create_posting(
            &rep_a,
            &input(company, "need", "低空物流", "尋找航線規劃", &["ai"])
                .validate(TODAY, Script::Hant)
                .unwrap(),
            NOW,
        )
        .await
        .unwrap();
    let session = Session {
        token_hash: "erasure-session".into(),
        user_id: rep_a.id,
        csrf_token: "csrf".into(),
        created_at: NOW,
        expires_at: NOW + 3600,
    };
    s.create_session(&session).await.unwrap();
    let key = "email:chan.taiman@example.org";
    s.record_login_failure(key, NOW, NOW - 60).await.unwrap();
    // The owners' answer is on its way to A by mail (B's mail of the interest went).
    s.decide_interest(&rep_b, interest.id, true, NOW)
        .await
        .unwrap();
    let sent = s
        .claim_mail(NOW, NOW + 60)
        .await
        .unwrap()
        .expect("B's mail of the interest");
    assert_eq!(sent.to_addr, "b@example.org");
    s.mark_mail_sent(sent.id, NOW).await.unwrap();
    // A organisation changed by A: A is that line's actor.
    let d = OrganisationInput {
        name: "深圳星河智聯科技有限公司".into(),
        org_type: "company".into(),
        region: "shenzhen".into(),
        website: Some("https://xinghe.example.cn".into()),
        ..Default::default()
    }
    .validate(Script::Hant)
    .unwrap();
    s.update_organisation(&as_user(&rep_a), company, &d)
        .await
        .unwrap();

    assert_eq!(
        code(s.erase_user(&as_user(&admin), admin.id).await.unwrap_err()),
        "err-erase-self"
    );
    assert!(matches!(
        s.erase_user(&as_user(&admin), i64::MAX).await,
        Err(StoreError::NotFound)
    ));
    let erased = s.erase_user(&as_user(&admin), rep_a.id).await.unwrap();
    assert!(erased.is_erased());
    assert_eq!(
        erased.email,
        format!("erased-user-{}@erased.invalid", rep_a.id)
    );
    assert_eq!(
        (
            erased.display_name.as_str(),
            erased.password_hash.as_str(),
            erased.org_id,
            erased.role
        ),
        ("", "", None, rep_a.role)
    );
    assert!(
        s.find_user_by_email("chan.taiman@example.org")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        s.get_session("erasure-session", NOW)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(s.count_login_failures(key, NOW - 60).await.unwrap(), 0);
    // A's mail went with the account.
    while let Some(m) = s.claim_mail(NOW + 1, NOW + 60).await.unwrap() {
        assert!(!m.to_addr.contains("chan.taiman"), "{m:?}");
        s.mark_mail_sent(m.id, NOW + 1).await.unwrap();
    }
    // The interest stays, for the pipeline and the reports, without its words.
    let kept = s.get_interest(interest.id).await.unwrap();
    assert_eq!(
        (kept.message.as_str(), kept.from_org_id),
        ("", Some(company))
    );
    // The audit log keeps what was done and by which account number, not by whom.
    let log = s.list_audit(1000, 0).await.unwrap().items;
    for line in &log {
        let text = format!("{line:?}");
        assert!(
            !text.contains("chan.taiman") && !text.contains("9123 4567"),
            "{text}"
        );
    }
    let by_a: Vec<_> = log.iter().filter(|l| l.user_id == Some(rep_a.id)).collect();
    assert!(!by_a.is_empty());
    assert!(
        by_a.iter()
            .all(|l| l.actor == format!("erased-user-{}", rep_a.id))
    );
    assert!(log.iter().any(|l| l.action == "erase"
        && l.entity == "user"
        && l.entity_id == rep_a.id
        && l.user_id == Some(admin.id)));
    // A's postings stay with the company; the contact naming A goes, the desk's stays.
    let contact = |id: i64| async move { s.get_posting(id).await.unwrap().contact };
    assert_eq!(contact(named.id).await, "");
    assert_eq!(contact(desk.id).await, "bd@example.org");
    assert_eq!(contact(offer.id).await, "bd@example.org");
    assert!(
        s.get_posting(named.id).await.unwrap().version > named.version,
        "other nodes see the change"
    );
    // What A did for the organisation stays.
    assert_eq!(
        s.get_organisation(company)
            .await
            .unwrap()
            .website
            .as_deref(),
        Some("https://xinghe.example.cn")
    );
}

#[tokio::test]
async fn account_erasure_on_sqlite() {
    let db = TestDb::sqlite();
    account_erasure(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn account_erasure_on_postgres() {
    let db = TestDb::postgres().await;
    account_erasure(db.open().await).await;
}

#[tokio::test]
async fn market_story_on_sqlite() {
    let db = TestDb::sqlite();
    story(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn market_story_on_postgres() {
    let db = TestDb::postgres().await;
    story(db.open().await).await;
}

/// Alerts of new postings on both backends: kept per account and filter (the same filter
/// again changes only how often), at most twenty; due once their period has passed; one
/// look per period however many nodes sweep, with a mail queued, in the account's
/// language, only where something new matches; postings filtered by when they were
/// published; stopped by their owner or their mail's link; gone with the account.
async fn posting_alerts(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let company = org(s, "深圳星河智联科技有限公司", "company", "shenzhen").await;
    let staff = user(s, "staff.alerts@example.org", "admin", None).await;
    let rep = user(s, "rep.alerts@example.org", "org_rep", Some(company)).await;
    let reader = user(s, "reader.alerts@example.org", "participant", None).await;
    let other = user(s, "other.alerts@example.org", "participant", None).await;
    let t0 = NOW;
    let offers = "side=offer&sector=ai";
    let alert = s
        .save_posting_alert(
            reader.id,
            offers,
            market::AlertFrequency::Daily,
            "stop-1",
            t0,
        )
        .await
        .unwrap();
    assert_eq!(
        (alert.checked_at, alert.frequency),
        (t0, market::AlertFrequency::Daily)
    );
    let again = s
        .save_posting_alert(
            reader.id,
            offers,
            market::AlertFrequency::Weekly,
            "stop-2",
            t0 + 5,
        )
        .await
        .unwrap();
    assert_eq!(
        (again.id, again.frequency),
        (alert.id, market::AlertFrequency::Weekly)
    );
    assert_eq!(s.posting_alerts(reader.id).await.unwrap().len(), 1);
    let daily = s
        .save_posting_alert(reader.id, "", market::AlertFrequency::Daily, "stop-3", t0)
        .await
        .unwrap();
    for n in 2..market::MAX_ALERTS {
        s.save_posting_alert(
            reader.id,
            &format!("kind=technology&sector=s{n}"),
            market::AlertFrequency::Daily,
            &format!("stop-x{n}"),
            t0,
        )
        .await
        .unwrap();
    }
    assert_eq!(
        code(
            s.save_posting_alert(
                reader.id,
                "side=need",
                market::AlertFrequency::Daily,
                "stop-y",
                t0
            )
            .await
            .unwrap_err()
        ),
        "err-too-many-alerts"
    );

    // A posting published a little later: new to both alerts that match it.
    let p = s
        .create_posting(
            &rep,
            &input(company, "offer", "機器視覺質檢方案", "工廠質檢。", &["ai"])
                .validate(TODAY, Script::Hant)
                .unwrap(),
            t0 + 10,
        )
        .await
        .unwrap();
    s.review_posting(&staff, p.id, true, "", t0 + 20)
        .await
        .unwrap();
    mails(s).await;
    let news = |since: i64, until: i64| PostingFilter {
        today: TODAY.into(),
        published_since: Some(since),
        published_until: Some(until),
        ..Default::default()
    };
    assert_eq!(s.list_postings(&news(t0, t0 + 20)).await.unwrap().total, 1);
    assert_eq!(
        s.list_postings(&news(t0 + 20, t0 + 90_000))
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(s.list_postings(&news(t0, t0 + 19)).await.unwrap().total, 0);

    // A day on, the daily alerts are due, the weekly one not yet.
    let day = t0 + 86_400;
    let due: Vec<i64> = s
        .due_posting_alerts(day, 100)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert!(
        due.contains(&daily.id) && !due.contains(&alert.id),
        "{due:?}"
    );
    // One look per period: a second node with the same view takes nothing.
    assert!(
        s.look_at_posting_alert(daily.id, daily.checked_at, day, true)
            .await
            .unwrap()
    );
    assert!(
        !s.look_at_posting_alert(daily.id, daily.checked_at, day, true)
            .await
            .unwrap()
    );
    let queued = crate::kit::sent_mails(s, day).await;
    let alert_mails: Vec<_> = queued
        .iter()
        .filter(|m| m.kind == "posting_alert")
        .collect();
    assert_eq!(alert_mails.len(), 1);
    assert_eq!(alert_mails[0].to_addr, "reader.alerts@example.org");
    assert_eq!(
        (alert_mails[0].alert_id, alert_mails[0].alert_since),
        (Some(daily.id), Some(t0))
    );
    assert_eq!(s.get_posting_alert(daily.id).await.unwrap().checked_at, day);
    // Nothing new: the look moves on, no mail.
    let week = t0 + 7 * 86_400 + 5;
    let weekly = s.get_posting_alert(alert.id).await.unwrap();
    assert!(
        s.look_at_posting_alert(weekly.id, weekly.checked_at, week, false)
            .await
            .unwrap()
    );
    assert!(crate::kit::sent_mails(s, week).await.is_empty());

    // A look with the postings the web node found (new counterparts): one mail, which
    // keeps them and takes the account's language as the store's other mails do.
    let later = week + 86_400;
    let d = s.get_posting_alert(daily.id).await.unwrap();
    assert!(
        s.look_at_alert_with_postings(d.id, d.checked_at, later, &[7, 11])
            .await
            .unwrap()
    );
    assert!(
        !s.look_at_alert_with_postings(d.id, d.checked_at, later, &[7, 11])
            .await
            .unwrap()
    );
    let written = crate::kit::sent_mails(s, later).await;
    assert_eq!(written.len(), 1);
    assert_eq!(
        (
            written[0].kind.as_str(),
            written[0].posting_ids.as_deref(),
            written[0].alert_id,
            written[0].alert_since
        ),
        (
            "alert_postings",
            Some("7,11"),
            Some(daily.id),
            Some(d.checked_at)
        )
    );
    let reader = s.get_user(d.user_id).await.unwrap();
    assert_eq!(
        written[0].locale.as_str(),
        reader.locale.as_deref().unwrap_or("zh-Hant")
    );

    // Stopped by its owner (not by another account), or by its mail's link.
    assert!(matches!(
        s.delete_posting_alert(other.id, alert.id).await,
        Err(StoreError::NotFound)
    ));
    s.delete_posting_alert(reader.id, alert.id).await.unwrap();
    assert_eq!(
        s.posting_alert_by_token("stop-3").await.unwrap().id,
        daily.id
    );
    assert!(matches!(
        s.posting_alert_by_token("stop-1").await,
        Err(StoreError::NotFound)
    ));
    // Gone with the account.
    s.erase_user(&Actor::cli(), reader.id).await.unwrap();
    assert!(s.posting_alerts(reader.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn posting_alerts_on_sqlite() {
    let db = TestDb::sqlite();
    posting_alerts(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn posting_alerts_on_postgres() {
    let db = TestDb::postgres().await;
    posting_alerts(db.open().await).await;
}

/// Saved postings (收藏) on both backends: a reader saves a published posting (twice is
/// once) and finds it, the last saved first; one not yet published is saved only by its
/// owners; a withdrawn one drops out of the list; unsaving it, or the account's erasure,
/// drops the bookmark.
async fn saved_postings(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let company = org(s, "深圳星河智联科技有限公司", "company", "shenzhen").await;
    let staff = user(s, "staff.saved@example.org", "admin", None).await;
    let rep = user(s, "rep.saved@example.org", "org_rep", Some(company)).await;
    let reader = user(s, "reader.saved@example.org", "participant", None).await;
    let draft = |title: &str| {
        input(company, "offer", title, "說明。", &["ai"])
            .validate(TODAY, Script::Hant)
            .unwrap()
    };
    let a = s
        .create_posting(&rep, &draft("機器視覺質檢"), NOW)
        .await
        .unwrap();
    let b = s
        .create_posting(&rep, &draft("無人機物流"), NOW)
        .await
        .unwrap();
    // Not yet published: not the reader's to save; its owner may.
    assert!(matches!(
        s.save_posting(&reader, a.id, true, NOW).await,
        Err(StoreError::NotFound)
    ));
    s.save_posting(&rep, a.id, true, NOW).await.unwrap();
    for p in [&a, &b] {
        s.review_posting(&staff, p.id, true, "", NOW + 1)
            .await
            .unwrap();
    }
    s.save_posting(&reader, a.id, true, NOW + 2).await.unwrap();
    s.save_posting(&reader, b.id, true, NOW + 3).await.unwrap();
    s.save_posting(&reader, b.id, true, NOW + 4).await.unwrap();
    let ids = |v: Vec<Posting>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        ids(s.saved_postings(reader.id).await.unwrap()),
        [b.id, a.id]
    );
    assert!(s.has_saved(reader.id, a.id).await.unwrap());
    assert_eq!(s.saved_count(a.id).await.unwrap(), 2);
    assert!(matches!(
        s.save_posting(&reader, 999_999, true, NOW).await,
        Err(StoreError::NotFound)
    ));
    // Withdrawn: out of the list (the bookmark stays, should it come back).
    s.withdraw_posting(&rep, b.id, NOW + 5).await.unwrap();
    assert_eq!(ids(s.saved_postings(reader.id).await.unwrap()), [a.id]);
    s.save_posting(&reader, a.id, false, NOW + 6).await.unwrap();
    assert!(!s.has_saved(reader.id, a.id).await.unwrap());
    s.save_posting(&reader, a.id, true, NOW + 7).await.unwrap();
    s.erase_user(&Actor::cli(), reader.id).await.unwrap();
    assert!(!s.has_saved(reader.id, a.id).await.unwrap());
}

#[tokio::test]
async fn saved_postings_on_sqlite() {
    let db = TestDb::sqlite();
    saved_postings(db.open().await).await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run by .ci/run"]
async fn saved_postings_on_postgres() {
    let db = TestDb::postgres().await;
    saved_postings(db.open().await).await;
}
