//! The words of uploaded files, for search: read off the async runtime, with a time
//! limit, and, for files kept before files were read, once in the background.

use std::sync::Arc;
use std::time::Duration;

use baylink_store::{Store, StoreError, StoreResult};

/// How long reading one file may take before it is kept without words. A whitepaper of a
/// few hundred pages reads in a few seconds; a file that takes longer is broken or
/// hostile, and its upload is not held up for it.
pub const READ_LIMIT: Duration = Duration::from_secs(30);

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

/// Reads the words of the files kept before files were read (publications' files and
/// postings' attachments), a few at a time, until none is left. Each node runs it once at
/// start-up; two nodes reading the same file write the same words, and the store keeps
/// the first.
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
