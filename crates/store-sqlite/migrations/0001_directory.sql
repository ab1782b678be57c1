-- The directory, accounts, sessions and audit log (SQLite).
-- Keep in step with crates/store-postgres/migrations/0001_directory.sql.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_script TEXT NOT NULL,
    name_en TEXT,
    short_name TEXT,
    org_type TEXT NOT NULL,
    region TEXT NOT NULL,
    parent_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    website TEXT,
    description TEXT,
    description_script TEXT NOT NULL,
    synthetic INTEGER NOT NULL DEFAULT 0,
    search_key TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX organisations_parent ON organisations(parent_id);
CREATE INDEX organisations_region ON organisations(region, org_type);

CREATE TABLE people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_script TEXT NOT NULL,
    name_en TEXT,
    bio TEXT,
    bio_script TEXT NOT NULL,
    synthetic INTEGER NOT NULL DEFAULT 0,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX people_search ON people(search_key);

CREATE TABLE positions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    title_script TEXT NOT NULL,
    title_en TEXT,
    since_year INTEGER,
    until_year INTEGER,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX positions_person ON positions(person_id);
CREATE INDEX positions_org ON positions(org_id);

CREATE TABLE sides (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_script TEXT NOT NULL,
    name_en TEXT,
    body_name TEXT,
    region TEXT NOT NULL
);

CREATE TABLE side_officers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    side_id INTEGER NOT NULL REFERENCES sides(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    title TEXT NOT NULL,
    title_script TEXT NOT NULL,
    title_en TEXT,
    since_year INTEGER
);

CREATE TABLE milestones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    date TEXT,
    text TEXT NOT NULL,
    text_script TEXT NOT NULL,
    text_en TEXT
);

CREATE TABLE designations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_script TEXT NOT NULL,
    name_en TEXT
);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    designation_id INTEGER NOT NULL REFERENCES designations(id),
    year INTEGER NOT NULL,
    ceremony_date TEXT,
    side_id INTEGER REFERENCES sides(id) ON DELETE SET NULL,
    note TEXT,
    UNIQUE (org_id, designation_id, year)
);
CREATE INDEX memberships_year ON memberships(year, designation_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    side_id INTEGER REFERENCES sides(id) ON DELETE SET NULL,
    org_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    user_id INTEGER,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    before_json TEXT,
    after_json TEXT
);
