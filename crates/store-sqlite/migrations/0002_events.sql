-- Events, their programme, registrations and the mail outbox (SQLite).
-- Keep in step with crates/store-postgres/migrations/0002_events.sql.

CREATE TABLE event_series (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_script TEXT NOT NULL,
    name_en TEXT
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    series_id INTEGER REFERENCES event_series(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    title_script TEXT NOT NULL,
    title_en TEXT,
    summary TEXT,
    summary_script TEXT NOT NULL,
    venue TEXT,
    venue_script TEXT NOT NULL,
    venue_en TEXT,
    region TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    capacity INTEGER,
    confirmed_count INTEGER NOT NULL DEFAULT 0,
    waiting_seq INTEGER NOT NULL DEFAULT 0,
    registration_open INTEGER NOT NULL DEFAULT 1,
    requires_approval INTEGER NOT NULL DEFAULT 0,
    signing_key TEXT NOT NULL,
    synthetic INTEGER NOT NULL DEFAULT 0,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX events_start ON events(starts_at);

CREATE TABLE event_roles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, org_id, role)
);
CREATE INDEX event_roles_org ON event_roles(org_id);

CREATE TABLE event_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    title_script TEXT NOT NULL,
    title_en TEXT,
    theme TEXT,
    theme_script TEXT NOT NULL,
    room TEXT,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    capacity INTEGER,
    confirmed_count INTEGER NOT NULL DEFAULT 0,
    waiting_seq INTEGER NOT NULL DEFAULT 0,
    organiser_org_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_sessions_event ON event_sessions(event_id);

CREATE TABLE programme_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    title_script TEXT NOT NULL,
    title_en TEXT,
    starts_at INTEGER,
    ends_at INTEGER,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX programme_items_session ON programme_items(session_id);

CREATE TABLE item_speakers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES programme_items(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title TEXT,
    title_script TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX item_speakers_person ON item_speakers(person_id);

CREATE TABLE event_guests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title TEXT,
    title_script TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    name TEXT NOT NULL,
    name_script TEXT NOT NULL,
    email TEXT NOT NULL,
    organisation TEXT,
    region TEXT,
    org_type TEXT,
    position TEXT,
    phone TEXT,
    dietary TEXT,
    consent_at INTEGER NOT NULL,
    consent_version TEXT NOT NULL,
    invited INTEGER NOT NULL DEFAULT 0,
    waiting_seq INTEGER,
    manage_token TEXT NOT NULL UNIQUE,
    locale TEXT NOT NULL,
    search_key TEXT NOT NULL,
    checked_in_at INTEGER,
    synthetic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (event_id, email)
);
CREATE INDEX registrations_waiting ON registrations(event_id, status, waiting_seq);

CREATE TABLE session_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    waiting_seq INTEGER,
    UNIQUE (registration_id, session_id)
);
CREATE INDEX session_registrations_waiting ON session_registrations(session_id, status, waiting_seq);

-- Mail to send. A row is written in the same transaction as what it announces and sent
-- by a worker that retries with backoff, so a mail server that is down delays mail and
-- loses none. `kind` and `registration_id` say what to write; the text is composed when
-- it is sent, in `locale`, from the registration as it is then.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_addr TEXT NOT NULL,
    kind TEXT NOT NULL,
    registration_id INTEGER REFERENCES registrations(id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    subject TEXT,
    body TEXT,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);
