//! Baylink's web edge: the pages in three scripts, the JSON API and its OpenAPI document,
//! sign-in and sessions, health and metrics.
//!
//! The router is built once by [`router`] over an [`AppState`] holding the store as a
//! trait object, so this crate compiles once whatever the backend. [`serve`] runs it on
//! a listener the caller bound (port 0 in tests), which is how tests, the browser test and
//! the load benchmark all start the real application.

pub mod api;
pub mod auth;
pub mod documents;
pub mod error;
pub mod i18n;
pub mod idempotency;
pub mod mail;
pub mod metrics;
pub mod nul;
pub mod retention;
pub mod sheets;
pub mod totp;
pub mod views;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use baylink_store::Store;
use tokio::net::TcpListener;

pub use error::WebError;
pub use i18n::Locale;

/// Settings of the web edge.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Whether session cookies carry `Secure` (off only when served on loopback without
    /// TLS, where browsers would otherwise drop them).
    pub secure_cookies: bool,
    /// How uploaded files' words are read for search.
    pub words: documents::WordReader,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<metrics::Metrics>,
    pub programmes: Arc<views::events::ProgrammeCache>,
    /// This node's search index and what keeps it in step with the store.
    pub search: Arc<baylink_search::sync::Sync>,
    /// This node's recommender for supply and demand, reloaded when postings change.
    pub market: Arc<views::market::Recommendations>,
    /// Matchmaking schedules being computed on this node, with their progress.
    pub scheduling: Arc<views::matchmaking::Scheduling>,
    /// Each event's matchmaking profiles, indexed for suggestions on this node.
    pub people: Arc<views::meeting_suggestions::PeopleIndex>,
    /// Reads uploaded files' words for search in the background.
    pub documents: Arc<documents::Reader>,
    /// What each API token has spent of its requests this minute.
    pub tokens: Arc<auth::TokenBudget>,
}

impl AppState {
    /// State with an in-memory search index (built from the store when the node starts
    /// following the change log).
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> AppState {
        let index = baylink_search::SearchIndex::in_ram().expect("an in-memory index opens");
        AppState::with_index(store, config, Arc::new(index))
    }

    /// State with the given search index (on disk for a node that keeps its index).
    pub fn with_index(
        store: Arc<dyn Store>,
        config: WebConfig,
        index: Arc<baylink_search::SearchIndex>,
    ) -> AppState {
        AppState {
            search: Arc::new(baylink_search::sync::Sync::new(index, store.clone())),
            documents: Arc::new(documents::Reader::new(store.clone(), config.words.clone())),
            store,
            config: Arc::new(config),
            metrics: Arc::new(metrics::Metrics::default()),
            programmes: Arc::new(views::events::ProgrammeCache::default()),
            market: Arc::new(views::market::Recommendations::default()),
            scheduling: Arc::new(views::matchmaking::Scheduling::default()),
            people: Arc::new(views::meeting_suggestions::PeopleIndex::default()),
            tokens: Arc::new(auth::TokenBudget::default()),
        }
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let mut app = Router::new()
        .route("/", get(views::root_redirect))
        .route("/healthz", get(views::healthz))
        .merge(api::router())
        .fallback(views::not_found);
    for locale in Locale::ALL {
        // `nest` serves `/zh-Hant` itself; the home page with the trailing slash, which is
        // where `/` redirects, is its own route.
        app = app
            .nest(&format!("/{}", locale.code()), views::router())
            .route(&format!("/{}/", locale.code()), get(views::home));
    }
    app.layer(from_fn_with_state(state.clone(), idempotency::replay))
        .layer(from_fn(auth::csrf_guard))
        .layer(from_fn(nul::refuse_nul))
        .layer(from_fn_with_state(state.clone(), auth::load_session))
        .layer(from_fn(error::render_errors))
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(from_fn(views::security_headers))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Serves Prometheus metrics on their own listener, so they are never exposed by mistake
/// on the public one.
pub async fn serve_metrics(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = Router::new()
        .route("/metrics", get(metrics::render))
        .with_state(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
