//! Reading one document in a child process of its own, so that a hostile file costs that
//! process and not the server.
//!
//! [`words`](crate::words) catches a reader's panic, but not a loop, and not a PDF whose
//! stream inflates to gigabytes: `lopdf` inflates a stream whole, so a 20 MB upload can
//! ask for tens of gigabytes, and the kernel's answer to that would end the server and
//! every request in it. The server therefore runs `baylink read-words --kind pdf` (the
//! program's hidden command, which calls [`run`]), writes the file to its standard input
//! and reads the words from its standard output. The child is [`confine`]d: at most
//! [`Limits::memory_bytes`] of address space (an allocation past it fails, and the child
//! aborts), at most [`Limits::cpu_seconds`] of CPU time (then the kernel ends it), no core
//! file, and on Linux it dies with its parent. The server sets these between fork and
//! exec, so that they hold from the child's first instruction (mimalloc reserves a
//! gigabyte at start-up, and a limit set after that would not bound what it hands out
//! of it); the child sets them again, for when it is run by hand. The server kills it
//! besides when its own time limit passes.
//!
//! The protocol is the exit status: [`READ`] with the words on standard output,
//! [`NO_WORDS`] when the file has none that are read here, anything else (a signal
//! included) when the reading failed. Either way the file stays stored; only its words are
//! missing.

use std::io::{Read, Write};

use crate::{MAX_CHARS, words_of_kind};

/// The child read the file; its words (maybe none) are on standard output.
pub const READ: u8 = 0;
/// The file could not be taken from standard input, or was larger than [`MAX_INPUT_BYTES`].
pub const BAD_INPUT: u8 = 2;
/// The file has no words that are read here (not a kind read, or unreadable).
pub const NO_WORDS: u8 = 3;
/// The limits could not be set, so the file was not read.
pub const NOT_CONFINED: u8 = 4;

/// The most bytes a child takes from standard input: more than any upload (20 MB).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The most bytes of words a child writes: [`MAX_CHARS`] characters of UTF-8, at most four
/// bytes each. A parent may stop reading past it.
pub const MAX_OUTPUT_BYTES: usize = MAX_CHARS * 4;

/// What a reading child may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Address space, in bytes.
    pub memory_bytes: u64,
    /// CPU time, in seconds.
    pub cpu_seconds: u64,
}

impl Limits {
    /// One gigabyte of address space: `bench/documents.sh`'s largest PDF (493 pages,
    /// 7.6 MB) is read within it. A PDF of 1 MB whose stream inflates to a gigabyte of
    /// blanks took 3.2 GB and 30 s when nothing stopped it; within the limit, the read of
    /// the stream stops at the limit. And a little more CPU time than the server waits (its
    /// `READ_LIMIT`), so that a child whose parent was killed ends too.
    pub const DEFAULT: Limits = Limits {
        memory_bytes: 1024 * 1024 * 1024,
        cpu_seconds: 130,
    };
}

/// The child's whole work, as `baylink read-words` does it: confines the process to
/// `limits`, reads the file of `kind` (one of [`READ_KINDS`](crate::READ_KINDS)) from
/// standard input and writes its words to standard output. Returns the exit status.
pub fn run(kind: &str, limits: Limits) -> u8 {
    if let Err(e) = confine(limits) {
        eprintln!("read-words: the reader's limits could not be set: {e}");
        return NOT_CONFINED;
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    read_and_write(kind, &mut stdin.lock(), &mut stdout.lock())
}

/// [`run`] without the confinement: reads a file of `kind` from `input`, writes its words
/// to `output`, returns the exit status.
pub fn read_and_write(kind: &str, input: &mut impl Read, output: &mut impl Write) -> u8 {
    let mut data = Vec::new();
    match input.take(MAX_INPUT_BYTES + 1).read_to_end(&mut data) {
        Ok(n) if n as u64 <= MAX_INPUT_BYTES => {}
        Ok(_) => {
            eprintln!("read-words: the file is larger than {MAX_INPUT_BYTES} bytes");
            return BAD_INPUT;
        }
        Err(e) => {
            eprintln!("read-words: the file could not be read from standard input: {e}");
            return BAD_INPUT;
        }
    }
    let Some(words) = words_of_kind(kind, &data) else {
        return NO_WORDS;
    };
    // Written only once it is whole: a parent never takes part of the words for all.
    match output
        .write_all(words.as_bytes())
        .and_then(|()| output.flush())
    {
        Ok(()) => READ,
        Err(e) => {
            eprintln!("read-words: the words could not be written: {e}");
            BAD_INPUT
        }
    }
}

/// Sets this process's limits (see the module's documentation). Only for a process that
/// does nothing else: the limits hold for its whole life. It makes system calls and
/// allocates nothing, so it may run between fork and exec.
#[cfg(unix)]
pub fn confine(limits: Limits) -> std::io::Result<()> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    type Resource = libc::__rlimit_resource_t;
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    type Resource = libc::c_int;
    fn set(resource: Resource, soft: u64, hard: u64) -> std::io::Result<()> {
        let limit = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: hard as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and nothing else.
        if unsafe { libc::setrlimit(resource, &limit) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
    #[cfg(target_os = "linux")]
    {
        // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number and touches no memory.
        if unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    set(libc::RLIMIT_CORE, 0, 0)?;
    set(libc::RLIMIT_AS, limits.memory_bytes, limits.memory_bytes)?;
    // SIGXCPU at the soft limit ends the process; SIGKILL at the hard one, should a
    // handler have been set for SIGXCPU.
    set(
        libc::RLIMIT_CPU,
        limits.cpu_seconds,
        limits.cpu_seconds.saturating_add(5),
    )
}

/// Elsewhere the limits are not set (the server is meant for Linux).
#[cfg(not(unix))]
pub fn confine(_limits: Limits) -> std::io::Result<()> {
    Ok(())
}
