//! The PostgreSQL backend of Baylink's store.
//!
//! Production runs several `baylink serve` nodes on one PostgreSQL database; nothing that
//! must be shared lives in a node, so every node sees the same sessions and records.
//! Migrations are compiled into the binary and run at start-up; sqlx takes an advisory
//! lock while it migrates, so nodes starting together do not race.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;

/// Baylink's store on a PostgreSQL database.
pub struct PgStore {
    pool: sqlx::PgPool,
}

baylink_store::impl_sql_store!(PgStore, sqlx::Postgres, "postgres", "BEGIN");
baylink_store::impl_sql_search!(PgStore);
baylink_store::impl_sql_events!(PgStore, sqlx::Postgres);
baylink_store::impl_sql_matchmaking!(PgStore, sqlx::Postgres);
baylink_store::impl_sql_market!(PgStore, sqlx::Postgres);
baylink_store::impl_sql_publications!(PgStore, sqlx::Postgres);
baylink_store::impl_sql_reports!(PgStore);
baylink_store::impl_sql_passwords!(PgStore, sqlx::Postgres);
baylink_store::impl_sql_two_factor!(PgStore, sqlx::Postgres);
baylink_store::impl_sql_meeting_messages!(PgStore);

impl PgStore {
    /// Connects to `url` (`postgres://…`) and brings the schema up to date.
    pub async fn open(url: &str) -> Result<PgStore, sqlx::Error> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // A registration rush serialises on one event row; requests must queue for a
            // connection rather than fail. Two rushes of 2,000 at once on these 2-core
            // machines queued past 10 s and got 500s, so wait up to 30 s.
            .acquire_timeout(Duration::from_secs(30))
            .connect(url)
            .await?;
        let store = PgStore { pool };
        store.migrate().await?;
        store.fill_derived_keys().await?;
        Ok(store)
    }

    /// Applies the migrations this binary carries that the database lacks.
    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        Ok(())
    }
}
