-- The organiser's own questions on an event's registration form (a travel document's
-- number for a visit across the border, a choice of site visit, a dinner), asked after
-- the fields every event may ask, and each registration's answers (SQLite).
-- kind: 'text' (one line), 'choice' (one of the options), 'choices' (any of them),
-- 'yes_no'. options: one per line, as written. An answer to 'choices' holds the options
-- chosen, one per line.
-- Keep in step with crates/store-postgres/migrations/0038_registration_questions.sql.
CREATE TABLE registration_questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'choice', 'choices', 'yes_no')),
    label TEXT NOT NULL,
    label_script TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '',
    required INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX registration_questions_event ON registration_questions (event_id, sort_order, id);
CREATE TABLE registration_answers (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES registration_questions(id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    PRIMARY KEY (registration_id, question_id)
);
CREATE INDEX registration_answers_question ON registration_answers (question_id);
