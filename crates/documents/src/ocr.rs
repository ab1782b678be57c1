//! The words of a scanned PDF, read by optical character recognition (OCR).
//!
//! Why: the alliance's whitepapers and the government notices its postings cite are often
//! scans, whose PDF holds pictures of pages and no text, so search would know them by
//! their title alone. Where the machine has Tesseract (`tesseract`, with the `chi_tra`,
//! `chi_sim` and `eng` models that Debian packages as `tesseract-ocr-chi-tra`,
//! `tesseract-ocr-chi-sim` and `tesseract-ocr`) and Poppler's `pdftoppm`, a PDF whose text
//! is (almost) empty has its pages drawn as pictures and read. Without them nothing changes:
//! such a PDF keeps no words, as before, and the file is stored all the same.
//!
//! Both programs run as children of the process that reads the document, which the server
//! confines ([`crate::child`]): they inherit its limits on memory and CPU time, and die
//! with it. At most [`MAX_PAGES`] pages are read, within [`TIME_BUDGET`] in all, so the
//! server's own limit on a reading is kept; a page that does not finish in time is left.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A page whose text layer has fewer non-blank characters than this is taken for a
/// scanned one: a typed page has hundreds, a scanned page none or a scanner's stamp.
pub const SCANNED_BELOW_CHARS: usize = 32;

/// The most pages read from one scan: the cover, the summary and the first chapters,
/// which is what search needs to find it.
pub const MAX_PAGES: u32 = 30;

/// The most time the pages of one scan take in all (the server waits 120 s for a file's
/// words).
pub const TIME_BUDGET: Duration = Duration::from_secs(90);

/// Resolution of the drawn pages: enough for 10-point Chinese characters.
const DPI: &str = "200";

/// The models read with, those installed of these, best first.
const WANTED_MODELS: [&str; 3] = ["chi_tra", "chi_sim", "eng"];

/// The OCR programs found on this machine, with the models to read with.
#[derive(Debug, Clone)]
pub struct Ocr {
    tesseract: PathBuf,
    pdftoppm: PathBuf,
    /// `chi_tra+chi_sim+eng`, as many of them as are installed.
    models: String,
}

/// The OCR of this machine, looked up once: `None` without Tesseract, its models or
/// `pdftoppm`.
pub fn available() -> Option<&'static Ocr> {
    static FOUND: OnceLock<Option<Ocr>> = OnceLock::new();
    FOUND.get_or_init(find).as_ref()
}

fn find() -> Option<Ocr> {
    let tesseract = on_path("tesseract")?;
    let pdftoppm = on_path("pdftoppm")?;
    let listed = Command::new(&tesseract)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let listed = String::from_utf8_lossy(&listed.stdout);
    let installed: Vec<&str> = listed.lines().map(str::trim).collect();
    let models: Vec<&str> = WANTED_MODELS
        .into_iter()
        .filter(|m| installed.contains(m))
        .collect();
    if models.is_empty() {
        return None;
    }
    Some(Ocr {
        tesseract,
        pdftoppm,
        models: models.join("+"),
    })
}

/// The program `name` in one of the `PATH`'s directories, if it is there.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Whether a page whose text layer reads `text` is taken for a scanned one.
pub fn looks_scanned(text: &str) -> bool {
    text.chars().filter(|c| !c.is_whitespace()).count() < SCANNED_BELOW_CHARS
}

impl Ocr {
    /// The models read with (`chi_tra+chi_sim+eng`).
    pub fn models(&self) -> &str {
        &self.models
    }

    /// The words on `pages` (numbered from 1, in order) of the PDF `data`, read one by
    /// one until [`MAX_PAGES`] of them, the last page or [`TIME_BUDGET`]; those read.
    pub fn pdf_pages(&self, data: &[u8], pages: &[u32]) -> BTreeMap<u32, String> {
        let started = Instant::now();
        let mut read = BTreeMap::new();
        let Some(dir) = ScratchDir::new() else {
            return read;
        };
        let pdf = dir.path().join("in.pdf");
        if std::fs::write(&pdf, data).is_err() {
            return read;
        }
        for &page in pages.iter().take(MAX_PAGES as usize) {
            let Some(left) = TIME_BUDGET.checked_sub(started.elapsed()) else {
                break;
            };
            let number = page.to_string();
            let stem = dir.path().join(format!("page{page}"));
            let drawn = run(
                Command::new(&self.pdftoppm)
                    .args(["-r", DPI, "-gray", "-png", "-singlefile"])
                    .args(["-f", &number, "-l", &number])
                    .arg(&pdf)
                    .arg(&stem),
                left,
            );
            let png = stem.with_extension("png");
            // Past the last page pdftoppm draws nothing (and says so).
            if drawn.is_none() || !png.is_file() {
                break;
            }
            let Some(left) = TIME_BUDGET.checked_sub(started.elapsed()) else {
                break;
            };
            let text = run(
                Command::new(&self.tesseract)
                    .arg(&png)
                    .arg("stdout")
                    .args(["-l", &self.models])
                    // One thread: the node keeps its other core for pages, and on these
                    // 2-core machines a page took 0.41 s so against 1.0 s with OpenMP's
                    // threads.
                    .env("OMP_THREAD_LIMIT", "1"),
                left,
            );
            let _ = std::fs::remove_file(&png);
            match text {
                Some(text) => {
                    read.insert(page, text);
                }
                None => break,
            }
        }
        read
    }
}

/// Runs `command` for at most `limit`; its standard output when it ends well.
fn run(command: &mut Command, limit: Duration) -> Option<String> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number and touches no memory;
        // it may run between fork and exec. The program dies with the reader that ran it,
        // which the server may kill when its time is up.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = command.spawn().ok()?;
    // Read while it runs, so that a full pipe does not stall it.
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut text).ok()?;
        Some(text)
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let text = reader.join().ok().flatten()?;
    match status {
        Some(s) if s.success() => Some(String::from_utf8_lossy(&text).into_owned()),
        _ => None,
    }
}

/// A directory of its own under the system's temporary one, removed when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new() -> Option<ScratchDir> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("baylink-ocr-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir).ok()?;
        Some(ScratchDir(dir))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
