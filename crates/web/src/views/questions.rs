//! The organiser's own registration questions on the pages (see
//! [`baylink_store::questions`]): read off a form, written back into one, and shown as
//! answers.
//!
//! A question's field is `q{id}`; each option of a `choices` question is a checkbox of
//! its own, `q{id}_{n}`, so that a form's fields stay one value each.

use std::collections::HashMap;

use baylink_store::{Answer, AnswerInput, QuestionKind, RegistrationQuestion};

use super::FormData;
use crate::i18n::Locale;

/// The answers a form sends, one per question shown (empty when left blank, which a
/// correction takes as "cleared").
pub fn answers_from_form(form: &FormData, questions: &[RegistrationQuestion]) -> Vec<AnswerInput> {
    answers_from_fields(form, questions, "")
}

/// The answers of one row of a form that asks the questions several times (a delegation's
/// `d3_q12`), each field named `prefix` and the question's own.
pub fn answers_from_fields(
    form: &FormData,
    questions: &[RegistrationQuestion],
    prefix: &str,
) -> Vec<AnswerInput> {
    questions
        .iter()
        .map(|q| {
            let field = format!("{prefix}{}", q.field());
            let values = match q.kind {
                QuestionKind::Choices => q
                    .option_fields()
                    .into_iter()
                    .map(|(tick, _)| form.get(&format!("{prefix}{tick}")).to_owned())
                    .filter(|v| !v.is_empty())
                    .collect(),
                _ => vec![form.get(&field).to_owned()],
            };
            AnswerInput {
                question_id: q.id,
                values,
            }
        })
        .collect()
}

/// A form's values for answers already given (a correction's form starts from them).
pub fn form_values(
    questions: &[RegistrationQuestion],
    answers: &[Answer],
) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for q in questions {
        let Some(a) = answers.iter().find(|a| a.question_id == q.id) else {
            continue;
        };
        match q.kind {
            QuestionKind::Choices => {
                for (tick, option) in q.option_fields() {
                    if a.answer.lines().any(|chosen| chosen == option) {
                        values.insert(tick, option.to_owned());
                    }
                }
            }
            _ => {
                values.insert(q.field(), a.answer.clone());
            }
        }
    }
    values
}

/// An answer as a reader sees it: yes and no in their language, options in their script
/// (several joined as the language lists things), written text as written.
pub fn shown(lang: Locale, q: &RegistrationQuestion, answer: &str) -> String {
    match q.kind {
        QuestionKind::YesNo => lang.t(if answer == "yes" {
            "answer-yes"
        } else {
            "answer-no"
        }),
        QuestionKind::Choice | QuestionKind::Choices => answer
            .lines()
            .map(|o| lang.typed(o))
            .collect::<Vec<_>>()
            .join(lang.list_separator()),
        QuestionKind::Text => answer.to_owned(),
    }
}

/// Each question with its answer as shown, for a registration's page and its
/// confirmation mail (unanswered ones left out).
pub fn answered(
    lang: Locale,
    questions: &[RegistrationQuestion],
    answers: &[Answer],
) -> Vec<(String, String)> {
    questions
        .iter()
        .filter_map(|q| {
            let a = answers.iter().find(|a| a.question_id == q.id)?;
            Some((
                lang.text(&q.label, &q.label_script).into_owned(),
                shown(lang, q, &a.answer),
            ))
        })
        .collect()
}

/// What a question may depend on ("ask only when"): each answer of the questions with
/// options before `this` (all of them for a new question), as the value the form sends
/// (`{question}:{answer}`) and as the reader sees it.
pub fn condition_choices(
    lang: Locale,
    questions: &[RegistrationQuestion],
    this: Option<i64>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in questions.iter().take_while(|q| Some(q.id) != this) {
        let answers: Vec<&str> = match q.kind {
            QuestionKind::Text => continue,
            QuestionKind::YesNo => vec!["yes", "no"],
            QuestionKind::Choice | QuestionKind::Choices => q.option_list(),
        };
        for a in answers {
            let label = lang.t_args(
                "shown-if-choice",
                &[
                    (
                        "question",
                        lang.text(&q.label, &q.label_script).into_owned().into(),
                    ),
                    ("answer", shown(lang, q, a).into()),
                ],
            );
            out.push((format!("{}:{a}", q.id), label));
        }
    }
    out
}

impl super::Ctx {
    /// [`condition_choices`] for a new question, in the page's language.
    pub fn condition_choices(&self, questions: &[RegistrationQuestion]) -> Vec<(String, String)> {
        condition_choices(self.lang, questions, None)
    }

    /// [`condition_choices`] for the question `this`: those before it.
    pub fn conditions_before(
        &self,
        questions: &[RegistrationQuestion],
        this: &RegistrationQuestion,
    ) -> Vec<(String, String)> {
        condition_choices(self.lang, questions, Some(this.id))
    }

    /// Whether any question is asked only on another's answer (the form then carries
    /// the script that shows and hides them).
    pub fn has_conditions(&self, questions: &[RegistrationQuestion]) -> bool {
        questions.iter().any(|q| q.shown_if_question.is_some())
    }

    /// "Asked only when …" for staff's list of questions; none for one always asked.
    pub fn condition_note(
        &self,
        questions: &[RegistrationQuestion],
        q: &RegistrationQuestion,
    ) -> Option<String> {
        let (on, answer) = q.condition()?;
        let on = questions.iter().find(|x| x.id == on)?;
        Some(
            self.lang.t_args(
                "shown-if-note",
                &[
                    (
                        "question",
                        self.lang
                            .text(&on.label, &on.label_script)
                            .into_owned()
                            .into(),
                    ),
                    ("answer", shown(self.lang, on, answer).into()),
                ],
            ),
        )
    }
}
