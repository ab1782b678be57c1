//! The organiser's own questions on an event's registration form, after the fields every
//! event may ask ([`crate::events::REGISTRATION_FIELDS`]): the number of a travel document
//! for a visit across the border, which site visit one joins, whether one stays for the
//! dinner. Indico and pretix ask such questions; the alliance's visits (參訪) need them.
//!
//! A question is written once, in its author's script, and shown converted for each
//! reader, its options too. An answer keeps an option as the organiser wrote it, so that
//! the staff's list and exports group the same choice together whatever script the
//! registrant read it in.

use baylink_text::{Script, fold};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{FieldError, StoreError, StoreResult};
use crate::model::code_enum;

/// At most this many questions per event: a registration form, not a survey.
pub const MAX_QUESTIONS: usize = 10;
/// At most this many options per question, each at most [`MAX_OPTION`] characters.
pub const MAX_OPTIONS: usize = 20;
pub const MAX_OPTION: usize = 100;
/// The longest question.
pub const MAX_LABEL: usize = 200;
/// The longest written answer.
pub const MAX_ANSWER: usize = 500;

code_enum!(
    /// How a question is answered.
    QuestionKind, "question-kind" {
        /// A line of text.
        Text = "text",
        /// One of the options.
        Choice = "choice",
        /// Any of the options.
        Choices = "choices",
        /// Yes or no.
        YesNo = "yes_no",
    }
);

/// A question of an event's registration form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct RegistrationQuestion {
    pub id: i64,
    pub event_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: QuestionKind,
    pub label: String,
    pub label_script: String,
    /// The options of a choice, one per line, as written.
    pub options: String,
    /// Whether a registration must answer it (one a representative enters for a
    /// colleague need not at once: the representative, on the colleague's correction
    /// page, or the colleague, on their own, answers it later).
    pub required: bool,
    pub sort_order: i32,
    /// Days after the event's end its answers are kept; none for as long as the
    /// registration keeps its personal data (see `EventStore::sweep_retention`).
    pub retention_days: Option<i64>,
    /// Asked only when this earlier question is answered with `shown_if_answer`.
    pub shown_if_question: Option<i64>,
    /// One of that question's options as written, or `yes` / `no`.
    pub shown_if_answer: String,
    /// Asked only once the registration's seat is confirmed (approved, or given a place
    /// from the waiting list), on the holder's page, not on the registration form: a
    /// travel document's number from those who will go on the visit, not from everyone
    /// who applied.
    #[serde(default)]
    pub after_confirmation: bool,
}

impl RegistrationQuestion {
    /// The options of a choice, in order.
    pub fn option_list(&self) -> Vec<&str> {
        self.options.lines().filter(|o| !o.is_empty()).collect()
    }

    /// The field a form names this question's answer by, and its errors are reported on.
    pub fn field(&self) -> String {
        format!("q{}", self.id)
    }

    /// Whether it is asked of a registration whose seat is (`confirmed`) or is not yet
    /// confirmed: those asked after confirmation only of the first.
    pub fn asked_of(&self, confirmed: bool) -> bool {
        !self.after_confirmation || confirmed
    }

    /// Whether it is asked, given the answers an earlier question has (`answer_of`): always,
    /// or when the question it depends on was answered with its `shown_if_answer` (one of
    /// the options chosen, for a `choices` question).
    pub fn is_asked<'a>(&self, answer_of: impl Fn(i64) -> Option<&'a str>) -> bool {
        match self.shown_if_question {
            None => true,
            Some(q) => answer_of(q).is_some_and(|a| a.lines().any(|l| l == self.shown_if_answer)),
        }
    }

    /// The question it depends on and the answer it asks for, when it depends on one.
    pub fn condition(&self) -> Option<(i64, &str)> {
        self.shown_if_question
            .map(|q| (q, self.shown_if_answer.as_str()))
    }

    /// Each option with the field of its own checkbox (`q12_0`, `q12_1`…), for a
    /// `choices` question, whose form fields stay one value each.
    pub fn option_fields(&self) -> Vec<(String, &str)> {
        self.option_list()
            .into_iter()
            .enumerate()
            .map(|(n, o)| (format!("{}_{n}", self.field()), o))
            .collect()
    }
}

/// A question as the organiser writes it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct QuestionInput {
    /// `text`, `choice`, `choices` or `yes_no`.
    pub kind: String,
    pub label: String,
    /// The options of a choice (two or more); none for the other kinds.
    pub options: Vec<String>,
    pub required: bool,
    /// Days after the event's end the answers are kept, from 0 (deleted once it is over)
    /// to 3650; none for as long as the registration keeps its personal data.
    pub retention_days: Option<i64>,
    /// Asked only when this earlier question of the event (one with options) is answered
    /// with `shown_if_answer` (an option, in any script, or `yes` / `no`).
    pub shown_if_question: Option<i64>,
    pub shown_if_answer: Option<String>,
    /// Asked only once the seat is confirmed, on the holder's page
    /// ([`RegistrationQuestion::after_confirmation`]).
    pub after_confirmation: bool,
}

/// A checked question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionDraft {
    pub kind: QuestionKind,
    pub label: String,
    pub label_script: String,
    pub options: String,
    pub required: bool,
    pub retention_days: Option<i64>,
    /// The question it depends on and the answer as given, checked against the event's
    /// questions by the store ([`resolve_condition`]).
    pub shown_if: Option<(i64, String)>,
    pub after_confirmation: bool,
}

impl QuestionInput {
    /// Checks the question; `author` is the script its writer reads, for a label that does
    /// not tell.
    pub fn validate(&self, author: Script) -> StoreResult<QuestionDraft> {
        let mut errors = Vec::new();
        let kind = QuestionKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "err-unknown-choice"));
        }
        let label = one_line(&mut errors, "label", &self.label, MAX_LABEL);
        if label.is_empty() && errors.iter().all(|e| e.field != "label") {
            errors.push(FieldError::new("label", "err-required"));
        }
        let mut options: Vec<String> = Vec::new();
        if matches!(kind, Some(QuestionKind::Choice | QuestionKind::Choices)) {
            for option in self.options.iter().flat_map(|o| o.lines()) {
                let option = one_line(&mut errors, "options", option, MAX_OPTION);
                if !option.is_empty() && !options.iter().any(|o| fold(o) == fold(&option)) {
                    options.push(option);
                }
            }
            if options.len() < 2 {
                errors.push(FieldError::new("options", "err-question-options"));
            } else if options.len() > MAX_OPTIONS {
                errors.push(
                    FieldError::new("options", "err-too-many-options")
                        .with_limit(MAX_OPTIONS as i64),
                );
            }
        }
        let shown_if = match (self.shown_if_question, self.shown_if_answer.as_deref()) {
            (None, _) => None,
            (Some(q), Some(a)) if !a.trim().is_empty() => Some((q, a.trim().to_owned())),
            (Some(_), _) => {
                errors.push(FieldError::new("shown_if", "err-unknown-choice"));
                None
            }
        };
        let keep = &crate::events::ANSWER_RETENTION_DAYS;
        if self.retention_days.is_some_and(|d| !keep.contains(&d)) {
            errors.push(
                FieldError::new("retention_days", "err-answer-retention-days")
                    .with_limit(*keep.end()),
            );
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(QuestionDraft {
                kind,
                label_script: baylink_text::detect(&label, author).code().to_owned(),
                label,
                options: options.join("\n"),
                required: self.required,
                retention_days: self.retention_days,
                shown_if,
                after_confirmation: self.after_confirmation,
            }),
            _ => Err(StoreError::Invalid(errors)),
        }
    }
}

/// One answer as submitted: its question and what was chosen or written (one value, or
/// the options chosen of a `choices` question).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct AnswerInput {
    pub question_id: i64,
    pub values: Vec<String>,
}

/// A registration's answer to a question, as stored: the text written, `yes` or `no`, or
/// the options chosen, one per line, as the organiser wrote them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Answer {
    pub registration_id: i64,
    pub question_id: i64,
    pub answer: String,
}

/// Whether anything is answered among `answers` (a form sends a blank value for each
/// question left alone): what makes a representative answer every required question for
/// a colleague, once they answer any.
pub fn any_answered(answers: &[AnswerInput]) -> bool {
    answers
        .iter()
        .any(|a| a.values.iter().any(|v| !v.trim().is_empty()))
}

/// Whether anything is answered among `answers` to the questions asked after confirmation:
/// what makes the holder answer every required one of them, once they answer any (a
/// correction of one's name, or staff's on request, need not answer them).
pub fn any_answered_after_confirmation(
    questions: &[RegistrationQuestion],
    answers: &[AnswerInput],
) -> bool {
    answers.iter().any(|a| {
        a.values.iter().any(|v| !v.trim().is_empty())
            && questions
                .iter()
                .any(|q| q.id == a.question_id && q.after_confirmation)
    })
}

/// The questions asked of a registration whose seat is (`confirmed`) or is not yet
/// confirmed, in their order.
pub fn asked_of(questions: &[RegistrationQuestion], confirmed: bool) -> Vec<RegistrationQuestion> {
    questions
        .iter()
        .filter(|q| q.asked_of(confirmed))
        .cloned()
        .collect()
}

/// Checks `answers` against an event's `questions`: what to store, one per question
/// answered, or every error, each on the question's field (`q12`). An option may be
/// given in any script or case (an API client may send it as its reader saw it) and is
/// kept as the organiser wrote it. A required question left unanswered is an error where
/// `enforce_required` says so for it.
pub fn check_answers(
    questions: &[RegistrationQuestion],
    answers: &[AnswerInput],
    enforce_required: &dyn Fn(&RegistrationQuestion) -> bool,
) -> StoreResult<Vec<(i64, String)>> {
    let mut errors = Vec::new();
    let mut kept = Vec::new();
    if let Some(stray) = answers
        .iter()
        .find(|a| !questions.iter().any(|q| q.id == a.question_id))
    {
        errors.push(FieldError::new(
            &format!("q{}", stray.question_id),
            "err-unknown-reference",
        ));
    }
    for q in questions {
        let field = q.field();
        // Not asked (the answer it depends on was not given): whatever came is dropped,
        // and it is not required. Questions depend on earlier ones only, so the answer
        // they depend on is already kept.
        let asked = q.is_asked(|id| {
            kept.iter()
                .find(|(k, _)| *k == id)
                .map(|(_, a): &(i64, String)| a.as_str())
        });
        if !asked {
            continue;
        }
        let values: Vec<&str> = answers
            .iter()
            .filter(|a| a.question_id == q.id)
            .flat_map(|a| a.values.iter())
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        let option_of = |v: &str| {
            q.option_list()
                .into_iter()
                .find(|o| fold(o) == fold(v))
                .map(str::to_owned)
        };
        let answer: Result<Option<String>, &'static str> = match (q.kind, values.as_slice()) {
            (_, []) => Ok(None),
            (QuestionKind::Text, _) => {
                let text = values.join(" ");
                if text.chars().count() > MAX_ANSWER {
                    errors.push(
                        FieldError::new(&field, "err-too-long").with_limit(MAX_ANSWER as i64),
                    );
                    Ok(None)
                } else if text.chars().any(char::is_control) {
                    Err("err-control-chars")
                } else {
                    Ok(Some(text))
                }
            }
            (QuestionKind::YesNo, [v]) if matches!(*v, "yes" | "no") => Ok(Some((*v).to_owned())),
            (QuestionKind::Choice, [v]) => option_of(v).map(Some).ok_or("err-unknown-choice"),
            (QuestionKind::Choices, _) => {
                let chosen: Option<Vec<String>> = values.iter().map(|v| option_of(v)).collect();
                match chosen {
                    // In the options' order, each once.
                    Some(chosen) => Ok(Some(
                        q.option_list()
                            .into_iter()
                            .filter(|o| chosen.iter().any(|c| c == o))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )),
                    None => Err("err-unknown-choice"),
                }
            }
            _ => Err("err-unknown-choice"),
        };
        match answer {
            Ok(Some(a)) => kept.push((q.id, a)),
            Ok(None) if q.required && enforce_required(q) && values.is_empty() => {
                errors.push(FieldError::new(&field, "err-required"))
            }
            Ok(None) => {}
            Err(code) => errors.push(FieldError::new(&field, code)),
        }
    }
    if errors.is_empty() {
        Ok(kept)
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// Whether a required question has no answer yet (a colleague a representative entered,
/// or a question added after the registration): their page and mail say so.
pub fn required_unanswered(questions: &[RegistrationQuestion], answers: &[Answer]) -> bool {
    let answer_of = |id: i64| {
        answers
            .iter()
            .find(|a| a.question_id == id)
            .map(|a| a.answer.as_str())
    };
    questions.iter().any(|q| {
        q.required && q.is_asked(answer_of) && !answers.iter().any(|a| a.question_id == q.id)
    })
}

/// Checks that a question (`this`, none for a new one, placed last) may depend on the
/// answer `shown_if` of another of the event's `questions` (in their order): an earlier
/// one with options, and an answer it can have. Returns the question and the answer as
/// it is stored (an option as the organiser wrote it, whatever script it came in).
///
/// A question on the registration form (`after_confirmation` false) may not wait on one
/// asked only after confirmation, which the form does not ask.
pub fn resolve_condition(
    questions: &[RegistrationQuestion],
    this: Option<i64>,
    shown_if: Option<&(i64, String)>,
    after_confirmation: bool,
) -> StoreResult<Option<(i64, String)>> {
    let Some((on, answer)) = shown_if else {
        return Ok(None);
    };
    let earlier = match this {
        Some(id) => questions
            .iter()
            .take_while(|q| q.id != id)
            .collect::<Vec<_>>(),
        None => questions.iter().collect(),
    };
    let Some(q) = earlier.into_iter().find(|q| q.id == *on) else {
        return Err(StoreError::invalid("shown_if", "err-condition-question"));
    };
    if q.after_confirmation && !after_confirmation {
        return Err(StoreError::invalid(
            "shown_if",
            "err-condition-after-confirmation",
        ));
    }
    let stored = match q.kind {
        QuestionKind::Text => None,
        QuestionKind::YesNo => matches!(answer.as_str(), "yes" | "no").then(|| answer.clone()),
        QuestionKind::Choice | QuestionKind::Choices => q
            .option_list()
            .into_iter()
            .find(|o| fold(o) == fold(answer))
            .map(str::to_owned),
    };
    match (q.kind, stored) {
        (QuestionKind::Text, _) => Err(StoreError::invalid("shown_if", "err-condition-question")),
        (_, None) => Err(StoreError::invalid("shown_if", "err-unknown-choice")),
        (_, Some(a)) => Ok(Some((q.id, a))),
    }
}

/// A line of text, trimmed, with its length and characters checked.
fn one_line(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) -> String {
    let v = baylink_text::clean_pinyin_artefacts(value.trim()).into_owned();
    if v.chars().count() > max {
        errors.push(FieldError::new(field, "err-too-long").with_limit(max as i64));
    } else if v.chars().any(char::is_control) {
        errors.push(FieldError::new(field, "err-control-chars"));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(
        id: i64,
        kind: QuestionKind,
        options: &str,
        required: bool,
    ) -> RegistrationQuestion {
        RegistrationQuestion {
            id,
            event_id: 1,
            kind,
            label: "問題".into(),
            label_script: "zh-Hant".into(),
            options: options.into(),
            required,
            sort_order: 0,
            retention_days: None,
            shown_if_question: None,
            shown_if_answer: String::new(),
            after_confirmation: false,
        }
    }

    fn answer(question_id: i64, values: &[&str]) -> AnswerInput {
        AnswerInput {
            question_id,
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn codes(e: StoreError) -> Vec<(String, String)> {
        let StoreError::Invalid(fields) = e else {
            panic!("{e:?}")
        };
        fields.into_iter().map(|f| (f.field, f.code)).collect()
    }

    #[test]
    fn a_question_is_checked_and_its_options_kept_once_in_order() {
        let d = QuestionInput {
            kind: "choices".into(),
            label: " 參訪路線 ".into(),
            options: vec![
                "前海深港青年夢工場\n大疆創新".into(),
                "前海深港青年梦工场".into(),
                " ".into(),
            ],
            required: true,
            retention_days: None,
            ..Default::default()
        }
        .validate(Script::Hans)
        .unwrap();
        assert_eq!(d.label, "參訪路線");
        assert_eq!(d.label_script, "zh-Hant");
        // The same option in the other script is the same option.
        assert_eq!(d.options, "前海深港青年夢工場\n大疆創新");

        let e = QuestionInput {
            kind: "essay".into(),
            label: String::new(),
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap_err();
        assert_eq!(
            codes(e),
            [
                ("kind".into(), "err-unknown-choice".into()),
                ("label".into(), "err-required".into())
            ]
        );
        let e = QuestionInput {
            kind: "choice".into(),
            label: "晚宴".into(),
            options: vec!["出席".into()],
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap_err();
        assert_eq!(
            codes(e),
            [("options".into(), "err-question-options".into())]
        );
        // A text question keeps no options.
        let d = QuestionInput {
            kind: "text".into(),
            label: "回鄉證號碼".into(),
            options: vec!["a".into(), "b".into()],
            required: false,
            retention_days: None,
            ..Default::default()
        }
        .validate(Script::Hant)
        .unwrap();
        assert_eq!(d.options, "");
    }

    #[test]
    fn answers_are_kept_as_the_organiser_wrote_the_options() {
        let qs = [
            question(1, QuestionKind::Text, "", true),
            question(
                2,
                QuestionKind::Choice,
                "前海深港青年夢工場\n大疆創新",
                true,
            ),
            question(3, QuestionKind::Choices, "午餐\n晚宴\n參訪", false),
            question(4, QuestionKind::YesNo, "", false),
        ];
        let kept = check_answers(
            &qs,
            &[
                answer(1, &[" H1234567 "]),
                // In Simplified, as a Shenzhen reader saw it.
                answer(2, &["大疆创新"]),
                answer(3, &["参访", "午餐"]),
                answer(4, &["no"]),
            ],
            &|_| true,
        )
        .unwrap();
        assert_eq!(
            kept,
            [
                (1, "H1234567".to_owned()),
                (2, "大疆創新".to_owned()),
                (3, "午餐\n參訪".to_owned()),
                (4, "no".to_owned()),
            ]
        );

        // Required ones missing, an option not offered, two for one choice, a question of
        // another event: each named.
        let e = check_answers(
            &qs,
            &[
                answer(2, &["華為", "大疆創新"]),
                answer(3, &["午餐", "宵夜"]),
                answer(9, &["x"]),
            ],
            &|_| true,
        )
        .unwrap_err();
        assert_eq!(
            codes(e),
            [
                ("q9".into(), "err-unknown-reference".into()),
                ("q1".into(), "err-required".into()),
                ("q2".into(), "err-unknown-choice".into()),
                ("q3".into(), "err-unknown-choice".into()),
            ]
        );
        // A representative entering a colleague need not answer.
        assert_eq!(check_answers(&qs, &[], &|_| false).unwrap(), []);
        assert!(check_answers(&qs, &[answer(4, &["maybe"])], &|_| false).is_err());
        let long = "字".repeat(MAX_ANSWER + 1);
        assert_eq!(
            codes(check_answers(&qs, &[answer(1, &[&long])], &|_| false).unwrap_err()),
            [("q1".into(), "err-too-long".into())]
        );
    }

    /// A question asked only on another's answer: not asked, whatever came for it is
    /// dropped and it is not required; asked, it is checked like any other. Chains follow
    /// the order.
    #[test]
    fn a_question_asked_on_another_answer() {
        let join = question(1, QuestionKind::Choices, "午餐\n前海參訪", false);
        let mut document = question(2, QuestionKind::Text, "", true);
        document.shown_if_question = Some(1);
        document.shown_if_answer = "前海參訪".into();
        let mut escort = question(3, QuestionKind::YesNo, "", true);
        escort.shown_if_question = Some(2);
        escort.shown_if_answer = "yes".into();
        let qs = [join.clone(), document.clone(), escort];

        // Lunch only: the document is not asked, what came for it is dropped.
        let kept = check_answers(
            &qs,
            &[answer(1, &["午餐"]), answer(2, &["H01234567"])],
            &|_| true,
        )
        .unwrap();
        assert_eq!(kept, [(1, "午餐".to_owned())]);
        // The visit: the document is required, and checked.
        let err = check_answers(&qs, &[answer(1, &["前海参访"])], &|_| true).unwrap_err();
        assert_eq!(codes(err), [("q2".to_owned(), "err-required".to_owned())]);
        let kept = check_answers(
            &qs,
            &[answer(1, &["前海参访", "午餐"]), answer(2, &["H01234567"])],
            &|_| true,
        )
        .unwrap();
        assert_eq!(
            kept,
            [
                (1, "午餐\n前海參訪".to_owned()),
                (2, "H01234567".to_owned())
            ]
        );
        // A question on a text's answer never matches a number: not asked.
        assert!(!qs[2].is_asked(|id| (id == 2).then_some("H01234567")));

        let stored = |pairs: &[(i64, &str)]| -> Vec<Answer> {
            pairs
                .iter()
                .map(|(q, a)| Answer {
                    registration_id: 9,
                    question_id: *q,
                    answer: (*a).into(),
                })
                .collect()
        };
        assert!(!required_unanswered(&qs, &stored(&[(1, "午餐")])));
        assert!(required_unanswered(&qs, &stored(&[(1, "午餐\n前海參訪")])));
        assert!(!required_unanswered(
            &qs,
            &stored(&[(1, "前海參訪"), (2, "H01234567")])
        ));
    }

    /// What a question may depend on: an earlier one with options, on an answer it can
    /// have, kept as the organiser wrote it.
    #[test]
    fn a_condition_names_an_earlier_question_and_one_of_its_answers() {
        let join = question(1, QuestionKind::Choice, "午餐\n前海參訪", false);
        let note = question(2, QuestionKind::Text, "", false);
        let dinner = question(3, QuestionKind::YesNo, "", false);
        let qs = [join, note, dinner];
        let on = |q: i64, a: &str| Some((q, a.to_owned()));
        assert_eq!(resolve_condition(&qs, None, None, false).unwrap(), None);
        assert_eq!(
            resolve_condition(&qs, None, on(1, "前海参访").as_ref(), false).unwrap(),
            on(1, "前海參訪")
        );
        assert_eq!(
            resolve_condition(&qs, Some(2), on(1, "午餐").as_ref(), false).unwrap(),
            on(1, "午餐")
        );
        assert_eq!(
            resolve_condition(&qs, None, on(3, "no").as_ref(), false).unwrap(),
            on(3, "no")
        );
        let code = |r: StoreResult<Option<(i64, String)>>| codes(r.unwrap_err())[0].1.clone();
        // A text has no answers to wait for; a later question is not asked first; an
        // answer a question cannot have never comes.
        assert_eq!(
            code(resolve_condition(&qs, None, on(2, "x").as_ref(), false)),
            "err-condition-question"
        );
        assert_eq!(
            code(resolve_condition(
                &qs,
                Some(1),
                on(3, "yes").as_ref(),
                false
            )),
            "err-condition-question"
        );
        assert_eq!(
            code(resolve_condition(
                &qs,
                Some(1),
                on(1, "午餐").as_ref(),
                false
            )),
            "err-condition-question"
        );
        assert_eq!(
            code(resolve_condition(&qs, None, on(1, "晚宴").as_ref(), false)),
            "err-unknown-choice"
        );
        assert_eq!(
            code(resolve_condition(&qs, None, on(3, "maybe").as_ref(), false)),
            "err-unknown-choice"
        );
        assert_eq!(
            code(resolve_condition(&qs, None, on(99, "yes").as_ref(), false)),
            "err-condition-question"
        );
        // Asked after confirmation: it may wait on a question of the form, but no question
        // of the form may wait on it, since the form does not ask it.
        let mut later = qs.clone();
        later[0].after_confirmation = true;
        assert_eq!(
            code(resolve_condition(
                &later,
                None,
                on(1, "午餐").as_ref(),
                false
            )),
            "err-condition-after-confirmation"
        );
        assert!(resolve_condition(&later, None, on(1, "午餐").as_ref(), true).is_ok());
        assert!(resolve_condition(&qs, None, on(1, "午餐").as_ref(), true).is_ok());
        assert!(later[0].asked_of(true) && !later[0].asked_of(false) && qs[0].asked_of(false));
    }
}
