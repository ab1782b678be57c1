//! The words of uploaded files, for search: read in the background after an upload (a
//! long PDF takes seconds, which an upload should not wait for), off the async runtime,
//! with a time limit; and at start-up, for any file kept but not read yet.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use baylink_store::{Store, StoreError, StoreResult};

/// How long reading one file may take before it is kept without words. The 493 pages of
/// `bench/documents.sh`'s largest PDF (7 MB) read in 18 s; a file that takes far longer is
/// broken or hostile, and the reader moves on.
pub const READ_LIMIT: Duration = Duration::from_secs(120);

/// A node's reader of files' words: one sweep at a time over the files not read yet
/// (their words are NULL), woken after each upload and once at start-up. The file is
/// stored, and the upload answered, before its words are read; if the node stops
/// meanwhile, the next start's sweep reads it.
pub struct Reader {
    store: Arc<dyn Store>,
    busy: AtomicBool,
    again: AtomicBool,
}

impl Reader {
    pub fn new(store: Arc<dyn Store>) -> Reader {
        Reader {
            store,
            busy: AtomicBool::new(false),
            again: AtomicBool::new(false),
        }
    }

    /// Starts a sweep in the background, or, when one is running, has it go round once
    /// more (so a file uploaded during a sweep is not missed).
    pub fn wake(self: &Arc<Self>) {
        self.again.store(true, Ordering::SeqCst);
        if self.busy.swap(true, Ordering::SeqCst) {
            return;
        }
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                while me.again.swap(false, Ordering::SeqCst) {
                    read_unread_files(me.store.clone()).await;
                }
                me.busy.store(false, Ordering::SeqCst);
                // A wake between the last look and here left the work to this sweep.
                if !me.again.load(Ordering::SeqCst) || me.busy.swap(true, Ordering::SeqCst) {
                    break;
                }
            }
        });
    }
}

/// The words of an uploaded file for search (see [`baylink_documents::words`]); empty
/// when it has none that could be read in [`READ_LIMIT`].
pub async fn words_of(filename: &str, data: Arc<[u8]>) -> String {
    let name = filename.to_owned();
    let read = tokio::task::spawn_blocking(move || baylink_documents::words(&name, &data));
    match tokio::time::timeout(READ_LIMIT, read).await {
        Ok(Ok(words)) => words.unwrap_or_default(),
        Ok(Err(e)) => {
            tracing::warn!(filename, error = %e, "reading a file's words failed");
            String::new()
        }
        Err(_) => {
            // The blocking thread cannot be stopped; it ends on its own, its answer unused.
            tracing::warn!(
                filename,
                "reading a file's words took too long; kept without"
            );
            String::new()
        }
    }
}

/// Reads the words of the files not read yet (publications' files and postings'
/// attachments), a few at a time, until none is left. Two nodes reading the same file
/// write the same words, and the store keeps the first.
pub async fn read_unread_files(store: Arc<dyn Store>) {
    let mut read = 0usize;
    for kind in [Owner::Publication, Owner::Posting] {
        loop {
            let files = match kind.unread(store.as_ref()).await {
                Ok(files) if files.is_empty() => break,
                Ok(files) => files,
                Err(e) => {
                    tracing::error!(error = %e, "listing files to read failed");
                    return;
                }
            };
            for (id, filename) in files {
                let result = async {
                    let data = kind.data(store.as_ref(), id).await?;
                    let words = words_of(&filename, data.into()).await;
                    kind.keep(store.as_ref(), id, &words).await
                }
                .await;
                match result {
                    Ok(()) => read += 1,
                    // Deleted meanwhile: nothing to read.
                    Err(StoreError::NotFound) => {}
                    Err(e) => {
                        tracing::error!(error = %e, file = id, "reading a file's words failed");
                        return;
                    }
                }
            }
        }
    }
    if read > 0 {
        tracing::info!(
            files = read,
            "words read out of files kept before files were read"
        );
    }
}

/// Whose files the sweep reads.
#[derive(Clone, Copy)]
enum Owner {
    Publication,
    Posting,
}

impl Owner {
    /// Up to ten files not read yet: their ids and names.
    async fn unread(self, store: &dyn Store) -> StoreResult<Vec<(i64, String)>> {
        Ok(match self {
            Owner::Publication => store
                .publication_files_unread(10)
                .await?
                .into_iter()
                .map(|f| (f.id, f.filename))
                .collect(),
            Owner::Posting => store
                .attachments_unread(10)
                .await?
                .into_iter()
                .map(|f| (f.id, f.filename))
                .collect(),
        })
    }

    async fn data(self, store: &dyn Store, id: i64) -> StoreResult<Vec<u8>> {
        Ok(match self {
            Owner::Publication => store.publication_file_data(id).await?.1,
            Owner::Posting => store.attachment_data(id).await?.1,
        })
    }

    async fn keep(self, store: &dyn Store, id: i64, words: &str) -> StoreResult<()> {
        match self {
            Owner::Publication => store.set_publication_file_words(id, words).await,
            Owner::Posting => store.set_attachment_words(id, words).await,
        }
    }
}
