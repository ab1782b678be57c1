-- A question of the organiser's own asked only on another's answer, as Indico's "show
-- if" fields: the documents a visit across the border needs only from those who join it
-- (PostgreSQL). shown_if_question is an earlier question of the same event with options
-- (choice, choices, yes_no); shown_if_answer one of its options as written, or 'yes' /
-- 'no'. A question removed leaves those that depended on it always asked.
-- Keep in step with crates/store-sqlite/migrations/0040_question_conditions.sql.
ALTER TABLE registration_questions ADD COLUMN shown_if_question BIGINT REFERENCES registration_questions(id) ON DELETE SET NULL;
ALTER TABLE registration_questions ADD COLUMN shown_if_answer TEXT NOT NULL DEFAULT '';
