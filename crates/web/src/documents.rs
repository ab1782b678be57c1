//! The words of uploaded files, for search: read in the background after an upload (a
//! long PDF takes seconds, which an upload should not wait for), each in a child process
//! with limits on its memory and time (a hostile file ends the child, not the node); and
//! at start-up, for any file kept but not read yet.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use baylink_documents::child::{self, Limits};
use baylink_store::{Store, StoreError, StoreResult};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long reading one file may take before it is kept without words. The 493 pages of
/// `bench/documents.sh`'s largest PDF (7 MB) read in 18 s; a file that takes far longer is
/// broken or hostile, and the reader moves on.
pub const READ_LIMIT: Duration = Duration::from_secs(120);

/// How a node reads files' words: in a child process, `program read-words --kind KIND`,
/// confined to `limits` and killed after `time` (`baylink serve` runs its own program).
#[derive(Clone, Debug)]
pub struct WordReader {
    pub program: PathBuf,
    pub limits: Limits,
    pub time: Duration,
}

impl WordReader {
    /// A child process of `program` with the default limits.
    pub fn child(program: PathBuf) -> WordReader {
        WordReader {
            program,
            limits: Limits::DEFAULT,
            time: READ_LIMIT,
        }
    }

    /// The words of an uploaded file for search (see [`baylink_documents::words`]); empty
    /// when it has none that could be read within the limits.
    pub async fn words_of(&self, filename: &str, data: Arc<[u8]>) -> String {
        // Pictures and the like: no process started for them.
        let Some(kind) = baylink_documents::kind_of(filename) else {
            return String::new();
        };
        match self.read(kind, data).await {
            Ok(words) => words,
            Err(why) => {
                tracing::warn!(filename, why, "a file's words were not read; kept without");
                String::new()
            }
        }
    }

    /// The words of a file of `kind` (one of [`baylink_documents::READ_KINDS`]), or why
    /// they could not be read.
    pub async fn read(&self, kind: &'static str, data: Arc<[u8]>) -> Result<String, String> {
        in_child(&self.program, self.limits, self.time, kind, &data).await
    }
}

/// Reads a file of `kind` in a child process (see [`baylink_documents::child`]).
async fn in_child(
    program: &std::path::Path,
    limits: Limits,
    time: Duration,
    kind: &str,
    data: &[u8],
) -> Result<String, String> {
    let mut command = tokio::process::Command::new(program);
    // The limits are set between fork and exec, so that they hold from the child's first
    // instruction: set by the child itself, they would come after its allocator had
    // reserved its arena (a gigabyte, within which it then grows unchecked).
    #[cfg(unix)]
    // SAFETY: between fork and exec only async-signal-safe calls are allowed; `confine`
    // makes system calls (prctl, setrlimit) and reads errno, nothing else.
    unsafe {
        command.pre_exec(move || child::confine(limits));
    }
    let mut reader = command
        .arg("read-words")
        .arg("--kind")
        .arg(kind)
        .arg("--memory-mib")
        .arg((limits.memory_bytes >> 20).to_string())
        .arg("--cpu-seconds")
        .arg(limits.cpu_seconds.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        // Its complaints go to the node's log.
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("the reader could not be started: {e}"))?;
    let (Some(mut stdin), Some(stdout)) = (reader.stdin.take(), reader.stdout.take()) else {
        return Err("the reader's pipes were not opened".into());
    };
    let talk = async {
        // Written and read at once, so that neither side waits on a full pipe.
        let write = async {
            // A child that ended early (it refused the file) closes the pipe: its exit
            // status tells why, not this error.
            let _ = stdin.write_all(data).await;
            drop(stdin);
        };
        let mut words = Vec::new();
        let mut stdout = stdout.take(child::MAX_OUTPUT_BYTES as u64 + 1);
        let read = stdout.read_to_end(&mut words);
        let ((), read) = tokio::join!(write, read);
        read.map_err(|e| format!("the reader's words could not be taken: {e}"))?;
        let status = reader
            .wait()
            .await
            .map_err(|e| format!("the reader could not be waited for: {e}"))?;
        Ok::<_, String>((status, words))
    };
    let (status, words) = match tokio::time::timeout(time, talk).await {
        Ok(done) => done?,
        Err(_) => {
            let _ = reader.kill().await;
            return Err(format!(
                "the reader took longer than {time:?} and was stopped"
            ));
        }
    };
    match status.code().map(|c| c as u8) {
        Some(child::READ) if words.len() <= child::MAX_OUTPUT_BYTES => {
            String::from_utf8(words).map_err(|_| "the reader's words were not UTF-8".into())
        }
        Some(child::READ) => Err("the reader wrote more than it may".into()),
        Some(child::NO_WORDS) => Ok(String::new()),
        _ => Err(format!("the reader ended with {status}")),
    }
}

/// A node's reader of files' words: one sweep at a time over the files not read yet
/// (their words are NULL), woken after each upload and once at start-up. The file is
/// stored, and the upload answered, before its words are read; if the node stops
/// meanwhile, the next start's sweep reads it.
pub struct Reader {
    store: Arc<dyn Store>,
    how: WordReader,
    busy: AtomicBool,
    again: AtomicBool,
}

impl Reader {
    pub fn new(store: Arc<dyn Store>, how: WordReader) -> Reader {
        Reader {
            store,
            how,
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
                    read_unread_files(me.store.clone(), &me.how).await;
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

/// Reads the words of the files not read yet (publications' files and postings'
/// attachments), a few at a time, until none is left. Two nodes reading the same file
/// write the same words, and the store keeps the first.
pub async fn read_unread_files(store: Arc<dyn Store>, how: &WordReader) {
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
                    let words = how.words_of(&filename, data.into()).await;
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
