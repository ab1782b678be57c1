//! The embedded SQLite backend of Baylink's store.
//!
//! The demo and single-node installations keep everything in one file. The database runs
//! in WAL mode, so readers never wait for the writer, with `synchronous = FULL` (every
//! commit is on disk before it is acknowledged: NORMAL would let a power cut take back
//! the last acknowledged writes) and foreign keys on. Migrations are compiled into the binary and run at start-up.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// Baylink's store on a SQLite file.
pub struct SqliteStore {
    pool: sqlx::SqlitePool,
}

baylink_store::impl_sql_store!(SqliteStore, sqlx::Sqlite, "sqlite", "BEGIN IMMEDIATE");
baylink_store::impl_sql_search!(SqliteStore);
baylink_store::impl_sql_events!(SqliteStore, sqlx::Sqlite);
baylink_store::impl_sql_matchmaking!(SqliteStore, sqlx::Sqlite);
baylink_store::impl_sql_market!(SqliteStore, sqlx::Sqlite);
baylink_store::impl_sql_publications!(SqliteStore, sqlx::Sqlite);
baylink_store::impl_sql_reports!(SqliteStore);
baylink_store::impl_sql_passwords!(SqliteStore, sqlx::Sqlite);
baylink_store::impl_sql_two_factor!(SqliteStore, sqlx::Sqlite);
baylink_store::impl_sql_meeting_messages!(SqliteStore);

/// Process-wide SQLite settings, made once before the first connection opens.
///
/// SQLite counts the memory it holds under one global mutex on every allocation
/// (`SQLITE_CONFIG_MEMSTATUS`, on by default). With a pool of connections, each on its
/// own thread, that mutex is taken for every row built: under load on a list page, a
/// profile showed the threads queueing on it (futex wake-ups, a fifth of the samples).
/// Baylink never reads those statistics, so they are turned off.
fn process_settings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` is called before any connection exists in this process
        // (the `Once` runs first in `open`); if SQLite was initialised already it returns
        // SQLITE_MISUSE and changes nothing, which is harmless.
        let rc =
            unsafe { libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0) };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(rc, "SQLite memory statistics stay on");
        }
    });
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite:PATH` or
    /// `sqlite::memory:`) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<SqliteStore, sqlx::Error> {
        process_settings();
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // An in-memory database exists per connection, so it must have exactly one.
        let max = if url.contains(":memory:") { 1 } else { 8 };
        let pool = SqlitePoolOptions::new()
            .max_connections(max)
            .connect_with(options)
            .await?;
        let store = SqliteStore { pool };
        store.migrate().await?;
        store.fill_derived_keys().await?;
        Ok(store)
    }

    /// Opens the database file `path`.
    pub async fn open_file(path: &Path) -> Result<SqliteStore, sqlx::Error> {
        Self::open(&format!("sqlite:{}", path.display())).await
    }

    /// Writes a consistent copy of the whole database to `path` (SQLite's `VACUUM INTO`),
    /// while it stays in use: a backup, or a template to copy for tests.
    pub async fn snapshot_to(&self, path: &Path) -> Result<(), sqlx::Error> {
        sqlx::query("VACUUM INTO $1")
            .bind(path.display().to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A backup at `path` an operator can restore by copying it back (with the server
    /// stopped) as `baylink.db`: a consistent copy taken while the database stays in use,
    /// written beside `path` under a temporary name, checked (`PRAGMA integrity_check`)
    /// and only then renamed to `path`. So a file by that name is always a whole, sound
    /// copy, whatever interrupts the backup; an existing file is never overwritten.
    /// Returns the backup's size in bytes.
    pub async fn backup_to(&self, path: &Path) -> Result<u64, BackupError> {
        use sqlx::Connection;
        if path.exists() {
            return Err(BackupError::Exists);
        }
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        self.snapshot_to(&partial).await?;
        let check = async {
            let options = SqliteConnectOptions::new()
                .filename(&partial)
                .read_only(true);
            let mut copy = sqlx::SqliteConnection::connect_with(&options).await?;
            let verdict: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
                .fetch_all(&mut copy)
                .await?;
            copy.close().await?;
            Ok::<_, sqlx::Error>(verdict)
        };
        let verdict = check.await?;
        if verdict.len() != 1 || verdict[0].0 != "ok" {
            let _ = std::fs::remove_file(&partial);
            let found = verdict.into_iter().map(|(v,)| v).collect::<Vec<_>>();
            return Err(BackupError::Unsound(found.join("; ")));
        }
        let bytes = std::fs::metadata(&partial)?.len();
        std::fs::rename(&partial, path)?;
        Ok(bytes)
    }

    /// Applies the migrations this binary carries that the database lacks.
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        Ok(())
    }
}

/// Why a backup was not written.
#[derive(Debug)]
pub enum BackupError {
    /// A file already has the backup's name.
    Exists,
    /// The copy, read back, failed SQLite's integrity check (what it found).
    Unsound(String),
    Database(sqlx::Error),
    File(std::io::Error),
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackupError::Exists => write!(f, "a file by that name exists; choose another name"),
            BackupError::Unsound(found) => {
                write!(f, "the copy failed its integrity check: {found}")
            }
            BackupError::Database(e) => write!(f, "database: {e}"),
            BackupError::File(e) => write!(f, "file: {e}"),
        }
    }
}

impl std::error::Error for BackupError {}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        BackupError::Database(e)
    }
}

impl From<std::io::Error> for BackupError {
    fn from(e: std::io::Error) -> Self {
        BackupError::File(e)
    }
}
