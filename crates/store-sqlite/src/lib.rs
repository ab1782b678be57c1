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

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite:PATH` or
    /// `sqlite::memory:`) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<SqliteStore, sqlx::Error> {
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

    /// Applies the migrations this binary carries that the database lacks.
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        Ok(())
    }
}
