//! The `baylink` binary's library: opening the store a URL names, starting the server,
//! the demo data, and the directory's import and export. The binary (`main.rs`) only
//! parses the command line; tests call these functions directly.

pub mod demo;
pub mod demo_events;
pub mod demo_market;
pub mod transfer;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use baylink_store::Store;
use baylink_store_postgres::PgStore;
use baylink_store_sqlite::SqliteStore;
use baylink_web::documents::WordReader;
use baylink_web::{AppState, WebConfig};
use tokio::net::TcpListener;

/// The database URL for a data directory: the embedded SQLite file inside it.
pub fn sqlite_url(data: &Path) -> String {
    format!("sqlite:{}", data.join("baylink.db").display())
}

/// Opens the store `url` names (`sqlite:…` or `postgres://…`) and migrates it.
pub async fn open_store(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = PgStore::open(url)
            .await
            .with_context(|| format!("opening PostgreSQL database {}", redact(url)))?;
        Ok(Arc::new(store))
    } else if url.starts_with("sqlite:") {
        if let Some(path) = url
            .strip_prefix("sqlite:")
            .filter(|p| !p.starts_with(":memory:"))
        {
            let path = path.split('?').next().unwrap_or(path);
            if let Some(dir) = Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating data directory {}", dir.display()))?;
            }
        }
        let store = SqliteStore::open(url)
            .await
            .with_context(|| format!("opening SQLite database {url}"))?;
        Ok(Arc::new(store))
    } else {
        bail!(
            "unsupported database URL {:?}: use sqlite:PATH or postgres://…",
            redact(url)
        )
    }
}

/// Backs the embedded SQLite database at `url` up to `to` while it stays in use
/// ([`SqliteStore::backup_to`]); returns the backup's size. A PostgreSQL database is
/// backed up with PostgreSQL's own tools, which this says.
pub async fn backup(url: &str, to: &Path) -> anyhow::Result<u64> {
    let Some(path) = url
        .strip_prefix("sqlite:")
        .map(|p| p.split('?').next().unwrap_or(p))
    else {
        bail!(
            "{} is PostgreSQL: back it up with pg_dump (or the server's own backups); this command copies the embedded SQLite database",
            redact(url)
        );
    };
    if path.starts_with(":memory:") || !Path::new(path).exists() {
        bail!("no database at {path}: nothing to back up");
    }
    let store = SqliteStore::open(url)
        .await
        .with_context(|| format!("opening SQLite database {url}"))?;
    store
        .backup_to(to)
        .await
        .with_context(|| format!("backing up to {}", to.display()))
}

/// A database URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Whether cookies may go without `Secure`: only when served on loopback, where there is
/// no TLS and browsers treat the origin as secure anyway.
pub fn secure_cookies_for(addr: &SocketAddr) -> bool {
    !addr.ip().is_loopback()
}

/// A running server: its address and the handle to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, finishes requests in flight, and waits.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.unwrap_or(Ok(()))
    }
}

/// Starts the application for `store` on `listener`, reading uploaded files' words as
/// `words` says (`baylink serve`: in child processes of its own program).
pub fn start(
    listener: TcpListener,
    store: Arc<dyn Store>,
    words: WordReader,
) -> std::io::Result<Running> {
    let index = baylink_search::SearchIndex::in_ram().map_err(std::io::Error::other)?;
    start_with_index(listener, store, Arc::new(index), words)
}

/// [`start`] with a given search index (on disk, for a node that keeps its index between
/// runs). The node brings the index up to date in the background: a new, empty index is
/// built from the store, an existing one applies the change log from where it stopped;
/// then it follows the log for as long as the node runs. The node also erases personal
/// data past its organiser's retention period, at its start and every hour.
pub fn start_with_index(
    listener: TcpListener,
    store: Arc<dyn Store>,
    index: Arc<baylink_search::SearchIndex>,
    words: WordReader,
) -> std::io::Result<Running> {
    let addr = listener.local_addr()?;
    baylink_text::warm_up();
    baylink_search::warm_up();
    let state = AppState::with_index(
        store,
        WebConfig {
            secure_cookies: secure_cookies_for(&addr),
            words,
        },
        index,
    );
    let search = state.search.clone();
    tokio::spawn(async move {
        if search.index.applied() == 0 && search.index.is_empty() {
            match search.rebuild(|_| {}).await {
                Ok(n) => tracing::info!(records = n, "search index built"),
                Err(e) => {
                    tracing::error!(error = %e, "search index could not be built; following the change log")
                }
            }
        }
        search.follow().await;
    });
    state.documents.wake();
    // Alerts of new counterparts and of searched words, which need this node's
    // recommender and search index.
    tokio::spawn(baylink_web::views::alerts::run_on_web_node(
        state.clone(),
        std::time::Duration::from_secs(600),
    ));
    // API tokens' requests, added to the site's count every second, so that a token's
    // budget is one for all nodes.
    tokio::spawn(state.tokens.clone().run_sharing(state.store.clone()));
    // Personal data past the organiser's period goes, now and every hour.
    tokio::spawn(baylink_web::retention::run(
        state.store.clone(),
        baylink_web::retention::SWEEP_EVERY,
    ));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(baylink_web::serve(listener, state.clone(), async move {
        let _ = rx.await;
    }));
    Ok(Running {
        addr,
        state,
        stop: Some(tx),
        task,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/baylink"),
            "postgres://app:***@db:5432/baylink"
        );
        assert_eq!(redact("postgres://db/baylink"), "postgres://db/baylink");
        assert_eq!(redact("sqlite:data/baylink.db"), "sqlite:data/baylink.db");
    }
}
