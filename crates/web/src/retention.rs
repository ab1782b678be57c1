//! The organiser's retention periods kept by every node: registrants' personal data, and
//! the answers to questions with a period of their own, go when their time after the
//! event has passed ([`baylink_store::EventStore::sweep_retention`]). A sweep takes only
//! what is still there, so several nodes sweeping at once do the work once, and a node
//! that was down catches up at its start.

use std::sync::Arc;
use std::time::Duration;

use baylink_store::{RetentionSwept, Store};

/// How often a node sweeps: periods are counted in days, so an hour late is on time.
pub const SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Sweeps once now, then every `every`, until the task is dropped.
pub async fn run(store: Arc<dyn Store>, every: Duration) {
    loop {
        sweep(store.as_ref(), baylink_store::sql::now()).await;
        tokio::time::sleep(every).await;
    }
}

/// One sweep as of `now`, logged; a failure is logged and tried again at the next.
pub async fn sweep(store: &dyn Store, now: i64) -> Option<RetentionSwept> {
    match store.sweep_retention(now).await {
        Ok(swept) => {
            if swept != RetentionSwept::default() {
                tracing::info!(
                    events = swept.events,
                    registrations = swept.registrations,
                    answers = swept.answers,
                    "personal data past its retention period erased"
                );
            }
            Some(swept)
        }
        Err(e) => {
            tracing::error!(error = %e, "retention sweep");
            None
        }
    }
}
