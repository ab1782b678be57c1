//! `baylink`: serve the platform, migrate its database, manage accounts, import and export
//! the directory, build the demo.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use baylink::{demo, open_store, sqlite_url, transfer};
use baylink_store::{Actor, UserInput, validate_password};
use clap::{Args, Parser, Subcommand};
use tokio::net::TcpListener;

/// mimalloc instead of glibc's allocator: page rendering allocates many small strings
/// across threads, where glibc's arenas spent a quarter of the CPU in the load benchmark.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "baylink",
    version,
    about = "Baylink (灣聯 / 湾联): the Shenzhen–Hong Kong–Macao science and technology alliance platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the data lives: a database URL, or the embedded SQLite file in a data directory.
#[derive(Args, Clone)]
struct DataArgs {
    /// Directory of the embedded SQLite database (used when no database URL is given).
    #[arg(long, default_value = "data", env = "BAYLINK_DATA")]
    data: PathBuf,
    /// Database URL: `postgres://…` or `sqlite:PATH`. Overrides --data.
    #[arg(long, env = "BAYLINK_DATABASE_URL")]
    database: Option<String>,
}

impl DataArgs {
    fn url(&self) -> String {
        self.database
            .clone()
            .unwrap_or_else(|| sqlite_url(&self.data))
    }
}

/// Where mail goes. Without `--smtp`, mail waits in the outbox (nothing is lost) until a
/// node with `--smtp` sends it.
#[derive(Args, Clone)]
struct MailArgs {
    /// SMTP relay, HOST:PORT (plain SMTP, e.g. a local relay on 127.0.0.1:25).
    #[arg(long, env = "BAYLINK_SMTP")]
    smtp: Option<String>,
    /// The sender of Baylink's mail.
    #[arg(
        long,
        env = "BAYLINK_MAIL_FROM",
        default_value = "Baylink <noreply@localhost>"
    )]
    mail_from: String,
    /// The site's public address, for links in mail (default: the listen address).
    #[arg(long, env = "BAYLINK_PUBLIC_URL")]
    public_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the API.
    Serve {
        #[command(flatten)]
        data: DataArgs,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", env = "BAYLINK_LISTEN")]
        listen: SocketAddr,
        /// Address for Prometheus metrics (`/metrics`), kept off the public listener.
        #[arg(long, default_value = "127.0.0.1:9464", env = "BAYLINK_METRICS_LISTEN")]
        metrics_listen: SocketAddr,
        /// Load the demo (the 2024 conference's alliance) into an empty database first.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        mail: MailArgs,
        /// Keep this node's search index in this directory between runs (default: in
        /// memory, built from the database at every start).
        #[arg(long, env = "BAYLINK_INDEX_DIR")]
        index_dir: Option<std::path::PathBuf>,
        /// Requests one API token may send the site a minute (counted over all nodes;
        /// give every node the same number); past it, 429 until the minute ends.
        #[arg(long, default_value_t = baylink_web::auth::TOKEN_REQUESTS_PER_MINUTE, env = "BAYLINK_TOKEN_RATE")]
        token_rate: u32,
    },
    /// Rebuild a node's search index from the database (with the node stopped), then exit.
    Reindex {
        #[command(flatten)]
        data: DataArgs,
        /// The index directory the node serves with (`serve --index-dir`).
        #[arg(long, env = "BAYLINK_INDEX_DIR")]
        index_dir: std::path::PathBuf,
    },
    /// Read again the words of the PDF files kept without any (scans kept before this
    /// machine had OCR: Tesseract with its Chinese models, and pdftoppm), now, in child
    /// processes as a node reads them, then exit.
    Reread {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Schedule matchmaking meetings from a B2B benchmark instance (MiniZinc data format)
    /// with the engine the web pages use, and print the schedule and its objective.
    Schedule {
        /// The instance file (`.dzn`).
        #[arg(long)]
        dzn: std::path::PathBuf,
        /// Stop searching after this many seconds and report the best schedule found.
        #[arg(long, default_value_t = 30.0)]
        time_limit: f64,
        /// The largest allowed difference between two participants' breaks.
        #[arg(long, default_value_t = 2)]
        fairness: usize,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// When not every meeting fits, place as many as possible (heaviest first) instead
        /// of reporting the instance infeasible.
        #[arg(long)]
        partial: bool,
    },
    /// Bring the database schema up to date, then exit.
    Migrate {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Back the embedded database up to a file while it is in use: a consistent copy,
    /// checked, written under its final name only once whole. To restore, stop the
    /// server and copy the file back as `baylink.db` in the data directory.
    Backup {
        #[command(flatten)]
        data: DataArgs,
        /// The backup file to write (never overwritten).
        to: PathBuf,
    },
    /// Build the demo database without serving.
    Demo {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import records from a spreadsheet.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export records to a spreadsheet.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// A side's yearly work report (the whole alliance's without --side), as the web page
    /// counts it: to a CSV (with BOM) or XLSX file, or as CSV or JSON on standard output.
    /// In the language of LANG.
    Report {
        #[command(flatten)]
        data: DataArgs,
        /// The year, in Hong Kong's calendar.
        #[arg(long)]
        year: i32,
        /// `sz`, `hk` or `mo`.
        #[arg(long)]
        side: Option<String>,
        /// Print the report as JSON (the API's answer) instead of a table.
        #[arg(long)]
        json: bool,
        /// Write the table to this `.csv` or `.xlsx` file instead of standard output.
        file: Option<PathBuf>,
    },
    /// Read one uploaded file from standard input and print its words for search. Run by
    /// `serve` in a child process for each file, with limits on its memory and CPU time,
    /// so that a hostile file ends this process and not the server.
    #[command(hide = true)]
    ReadWords {
        /// The file's kind: pdf, docx, pptx or xlsx.
        #[arg(long)]
        kind: String,
        /// Address space the reader may take, in MiB.
        #[arg(long, default_value_t = baylink_documents::child::Limits::DEFAULT.memory_bytes >> 20)]
        memory_mib: u64,
        /// CPU time the reader may take, in seconds.
        #[arg(long, default_value_t = baylink_documents::child::Limits::DEFAULT.cpu_seconds)]
        cpu_seconds: u64,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. The password is read from BAYLINK_PASSWORD or asked for.
    Add {
        #[command(flatten)]
        data: DataArgs,
        /// Sign-in e-mail address.
        email: String,
        /// Name shown in the audit log.
        #[arg(long)]
        name: Option<String>,
        /// Make a platform administrator (the first account should be one).
        #[arg(long, conflicts_with = "role")]
        admin: bool,
        /// Role: admin, secretariat, org_rep or participant.
        #[arg(long, default_value = "participant")]
        role: String,
        /// For secretariat staff: their side's id.
        #[arg(long)]
        side: Option<i64>,
        /// For organisation representatives: their organisation's id.
        #[arg(long)]
        org: Option<i64>,
    },
    /// Set an account's password (read from BAYLINK_PASSWORD or asked for), for an
    /// operator whose administrators cannot sign in and whose site sends no mail. Ends
    /// the account's sessions; its API tokens keep working.
    Password {
        #[command(flatten)]
        data: DataArgs,
        /// The account's sign-in e-mail address.
        email: String,
    },
    /// Turn two-step sign-in off for an account whose holder lost their authenticator app
    /// and whose administrators cannot sign in to do it on its page.
    TwoFactorOff {
        #[command(flatten)]
        data: DataArgs,
        /// The account's sign-in e-mail address.
        email: String,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// An invitee list (name, e-mail, optional locale) from a CSV or XLSX file: each gets
    /// a personal invitation by mail that passes the public limit.
    Invitees {
        #[command(flatten)]
        data: DataArgs,
        /// The event's id.
        #[arg(long)]
        event: i64,
        /// Last day (Hong Kong time) the invitations can be used, YYYY-MM-DD.
        #[arg(long)]
        valid_until: String,
        file: PathBuf,
        /// Check the file and report; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Organisations, people and positions from a CSV or XLSX file.
    Directory {
        #[command(flatten)]
        data: DataArgs,
        file: PathBuf,
        /// Check the file and report; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows even if some are rejected.
        #[arg(long)]
        skip_invalid: bool,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// Organisations, people and positions to a CSV (with BOM) or XLSX file.
    Directory {
        #[command(flatten)]
        data: DataArgs,
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "baylink=info,baylink_web=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Command::ReadWords {
        kind,
        memory_mib,
        cpu_seconds,
    } = &cli.command
    {
        // Before the runtime: the child is one thread that reads one file, and its
        // memory limit need not make room for a runtime's threads.
        let limits = baylink_documents::child::Limits {
            memory_bytes: memory_mib.saturating_mul(1 << 20),
            cpu_seconds: *cpu_seconds,
        };
        return ExitCode::from(baylink_documents::child::run(kind, limits));
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve {
            data,
            listen,
            metrics_listen,
            demo: with_demo,
            mail,
            index_dir,
            token_rate,
        } => {
            serve(
                data,
                listen,
                metrics_listen,
                with_demo,
                mail,
                index_dir,
                token_rate,
            )
            .await
        }
        Command::Schedule {
            dzn,
            time_limit,
            fairness,
            json,
            partial,
        } => schedule_file(&dzn, time_limit, fairness, json, partial),
        Command::Reindex { data, index_dir } => {
            let store = open_store(&data.url()).await?;
            let index = baylink_search::SearchIndex::open(&index_dir)
                .with_context(|| format!("opening the index in {}", index_dir.display()))?;
            let sync = baylink_search::sync::Sync::new(std::sync::Arc::new(index), store);
            let total = sync.record_count().await?;
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} records {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let started = std::time::Instant::now();
            let done = sync.rebuild(|n| bar.set_position(n)).await?;
            bar.finish();
            println!(
                "indexed {done} records in {:.1} s; the index is at change {}",
                started.elapsed().as_secs_f64(),
                sync.index.applied()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Reread { data } => {
            let store = open_store(&data.url()).await?;
            if baylink_documents::ocr::available().is_none() {
                eprintln!(
                    "note: no OCR here (tesseract with chi_tra, chi_sim or eng, and pdftoppm): scans will stay without words"
                );
            }
            let marked = store.forget_empty_pdf_words().await?;
            let reader = baylink_web::documents::WordReader::child(
                std::env::current_exe().context("finding this program to read files with")?,
            );
            baylink_web::documents::read_unread_files(store.clone(), &reader).await;
            println!("read {marked} PDF files kept without words again");
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { data, to } => {
            let bytes = baylink::backup(&data.url(), &to).await?;
            println!(
                "backed up {} to {} ({:.1} MB, integrity checked)",
                baylink::redact(&data.url()),
                to.display(),
                bytes as f64 / 1_000_000.0
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate { data } => {
            open_store(&data.url()).await?;
            println!("database is up to date");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { data } => {
            let store = open_store(&data.url()).await?;
            ensure_demo(store.as_ref()).await?;
            println!("demo database ready at {}", baylink::redact(&data.url()));
            Ok(ExitCode::SUCCESS)
        }
        Command::User {
            command:
                UserCommand::Add {
                    data,
                    email,
                    name,
                    admin,
                    role,
                    side,
                    org,
                },
        } => {
            let store = open_store(&data.url()).await?;
            let role = if admin { "admin".to_owned() } else { role };
            let input = UserInput {
                display_name: name
                    .unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned()),
                email,
                role,
                side_id: side,
                org_id: org,
            };
            let draft = input.validate().map_err(describe)?;
            let password = read_password()?;
            validate_password(&password).map_err(describe)?;
            let hash =
                baylink_web::auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            let user = store
                .create_user(&Actor::cli(), &draft, &hash)
                .await
                .map_err(describe)?;
            println!(
                "created {} ({}) with id {}",
                user.email,
                user.role.code(),
                user.id
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::User {
            command: UserCommand::Password { data, email },
        } => {
            let store = open_store(&data.url()).await?;
            let user = account(store.as_ref(), &email).await?;
            let password = read_password()?;
            validate_password(&password).map_err(describe)?;
            let hash =
                baylink_web::auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            store
                .set_password(&Actor::cli(), user.id, &hash, None)
                .await
                .map_err(describe)?;
            println!("set the password of {} (id {})", user.email, user.id);
            Ok(ExitCode::SUCCESS)
        }
        Command::User {
            command: UserCommand::TwoFactorOff { data, email },
        } => {
            let store = open_store(&data.url()).await?;
            let user = account(store.as_ref(), &email).await?;
            store
                .set_totp(&Actor::cli(), user.id, None, &[])
                .await
                .map_err(describe)?;
            println!(
                "two-step sign-in is off for {} (id {})",
                user.email, user.id
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            what:
                ImportWhat::Directory {
                    data,
                    file,
                    dry_run,
                    skip_invalid,
                },
        } => import_directory(data, &file, dry_run, skip_invalid).await,
        Command::Import {
            what:
                ImportWhat::Invitees {
                    data,
                    event,
                    valid_until,
                    file,
                    dry_run,
                },
        } => import_invitees(data, event, &valid_until, &file, dry_run).await,
        Command::Report {
            data,
            year,
            side,
            json,
            file,
        } => report(&data, year, side.as_deref(), json, file.as_deref()).await,
        Command::Export {
            what: ExportWhat::Directory { data, file },
        } => {
            let store = open_store(&data.url()).await?;
            let n = transfer::export(store.as_ref(), &file).await?;
            println!("exported {n} rows to {}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::ReadWords { .. } => unreachable!("read-words runs before the runtime starts"),
    }
}

/// Writes a yearly work report (`baylink report`).
async fn report(
    data: &DataArgs,
    year: i32,
    side: Option<&str>,
    json: bool,
    file: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    use baylink_web::api::reports;
    let lang = transfer::cli_locale();
    if !reports::YEARS.contains(&year) {
        anyhow::bail!("{}", lang.t("err-report-year"));
    }
    let store = open_store(&data.url()).await?;
    let sides = store.list_sides().await.map_err(describe)?;
    let side = match side {
        None | Some("all") => None,
        Some(code) => Some(
            sides
                .iter()
                .find(|s| s.code == code)
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("{}", lang.t("err-report-side")))?,
        ),
    };
    let r = reports::year_report(store.as_ref(), year, side.as_ref(), &sides)
        .await
        .map_err(describe)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&r)?);
        return Ok(ExitCode::SUCCESS);
    }
    let (head, rows) = reports::report_table(lang, &r, side.as_ref());
    match file {
        Some(path) => {
            let xlsx = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let bytes = baylink_web::sheets::write_table(
                baylink_web::sheets::SheetFormat::new(xlsx),
                &head,
                &rows,
            )?;
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {} rows to {}", rows.len(), path.display());
        }
        None => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(&head)?;
            for row in &rows {
                w.write_record(row)?;
            }
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A store error as an operator reads it, in their language.
/// The account with the sign-in address `email`, as typed; an erased or suspended one
/// is refused (reinstate it first, on its page).
async fn account(
    store: &dyn baylink_store::Store,
    email: &str,
) -> anyhow::Result<baylink_store::User> {
    store
        .find_user_by_email(&email.trim().to_lowercase())
        .await
        .map_err(describe)?
        .filter(|u| u.is_active())
        .ok_or_else(|| anyhow::anyhow!("no account with the address {email}, or it is suspended"))
}

fn describe(e: baylink_store::StoreError) -> anyhow::Error {
    let lang = transfer::cli_locale();
    match e {
        baylink_store::StoreError::Invalid(fields) => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .map(|f| format!(
                    "{}: {}",
                    f.field,
                    baylink_web::error::field_message(lang, f)
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        baylink_store::StoreError::Conflict(code) => anyhow::anyhow!("{}", lang.t(code)),
        other => anyhow::anyhow!(other),
    }
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("BAYLINK_PASSWORD") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    eprint!("password (shown as typed; or set BAYLINK_PASSWORD): ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn ensure_demo(store: &dyn baylink_store::Store) -> anyhow::Result<()> {
    if demo::is_loaded(store).await? {
        tracing::info!("the database already holds a directory; the demo is not loaded again");
        return Ok(());
    }
    demo::load(store).await.context("loading the demo")?;
    Ok(())
}

async fn serve(
    data: DataArgs,
    listen: SocketAddr,
    metrics_listen: SocketAddr,
    with_demo: bool,
    mail: MailArgs,
    index_dir: Option<std::path::PathBuf>,
    token_rate: u32,
) -> anyhow::Result<ExitCode> {
    let url = data.url();
    let store = open_store(&url).await?;
    if with_demo {
        ensure_demo(store.as_ref()).await?;
    }
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("listening on {listen}"))?;
    let metrics = TcpListener::bind(metrics_listen)
        .await
        .with_context(|| format!("listening for metrics on {metrics_listen}"))?;
    // Uploaded files are read by this very program's `read-words`, in child processes.
    let words = baylink_web::documents::WordReader::child(
        std::env::current_exe().context("finding this program's path")?,
    );
    let running = match &index_dir {
        Some(dir) => {
            let index = baylink_search::SearchIndex::open(dir)
                .with_context(|| format!("opening the search index in {}", dir.display()))?;
            baylink::start_with_index(listener, store, std::sync::Arc::new(index), words)?
        }
        None => baylink::start(listener, store, words)?,
    };
    running.state.tokens.set_limit(token_rate);
    let mail_task = match &mail.smtp {
        Some(smtp) => {
            let (host, port) = smtp
                .rsplit_once(':')
                .and_then(|(h, p)| p.parse::<u16>().ok().map(|p| (h.to_owned(), p)))
                .with_context(|| format!("--smtp {smtp:?}: expected HOST:PORT"))?;
            let config = baylink_web::mail::MailConfig {
                smtp_host: host,
                smtp_port: port,
                from: mail.mail_from.clone(),
                base_url: mail.public_url.clone().unwrap_or_else(|| running.url()),
            };
            Some(tokio::spawn(baylink_web::mail::run(
                running.state.store.clone(),
                config,
                std::time::Duration::from_secs(2),
            )))
        }
        None => {
            tracing::warn!(
                "no --smtp: mail is kept in the outbox until a node with --smtp sends it"
            );
            None
        }
    };
    let metrics_task = tokio::spawn(baylink_web::serve_metrics(
        metrics,
        running.state.clone(),
        shutdown_signal(),
    ));
    println!(
        "Baylink is serving {} on {}/",
        baylink::redact(&url),
        running.url()
    );
    println!(
        "  繁體 {0}/zh-Hant/   简体 {0}/zh-Hans/   English {0}/en/",
        running.url()
    );
    println!(
        "  API {0}/api   metrics http://{1}/metrics",
        running.url(),
        metrics_listen
    );
    if with_demo {
        println!("  demo accounts (password {}):", demo::DEMO_PASSWORD);
        for (email, role) in demo::DEMO_ACCOUNTS {
            println!("    {email} ({role})");
        }
    }
    shutdown_signal().await;
    println!("shutting down");
    running.stop().await?;
    metrics_task.abort();
    if let Some(t) = mail_task {
        t.abort();
    }
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

async fn import_directory(
    data: DataArgs,
    file: &Path,
    dry_run: bool,
    skip_invalid: bool,
) -> anyhow::Result<ExitCode> {
    let store = open_store(&data.url()).await?;
    let rows = transfer::read_rows(file)?;
    let bar = indicatif::ProgressBar::new(rows.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rows")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("checking");
    let lang = transfer::cli_locale();
    let checked = transfer::check(store.as_ref(), &rows, lang, || bar.inc(1)).await?;
    bar.finish_and_clear();
    for r in &checked.rejected {
        eprintln!("line {}: {}", r.line, r.reasons.join("; "));
    }
    let new_positions: usize = checked.plan.people.iter().map(|p| p.positions.len()).sum();
    let new_people = checked
        .plan
        .people
        .iter()
        .filter(|p| p.existing.is_none())
        .count();
    println!(
        "{} rows read, {} rejected; to write: {} organisations, {} people, {} positions",
        checked.rows,
        checked.rejected.len(),
        checked.plan.organisations.len(),
        new_people,
        new_positions
    );
    if dry_run {
        println!("dry run: nothing was written");
        return Ok(if checked.rejected.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        });
    }
    if !checked.rejected.is_empty() && !skip_invalid {
        println!(
            "nothing was written: correct the rejected rows, or pass --skip-invalid to import the others"
        );
        return Ok(ExitCode::from(2));
    }
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message("writing");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let outcome = transfer::apply(store.as_ref(), &checked.plan).await;
    spinner.finish_and_clear();
    let outcome = outcome?;
    println!(
        "imported {} organisations, {} people, {} positions",
        outcome.organisations, outcome.people, outcome.positions
    );
    if checked.rejected.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "{} rows were rejected and not imported",
            checked.rejected.len()
        );
        Ok(ExitCode::from(2))
    }
}

async fn import_invitees(
    data: DataArgs,
    event: i64,
    valid_until: &str,
    file: &Path,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let store = open_store(&data.url()).await?;
    let lang = transfer::cli_locale();
    let ev = store.get_event(event).await.map_err(|e| match e {
        baylink_store::StoreError::NotFound => anyhow::anyhow!("no event {event}"),
        other => anyhow::anyhow!(other),
    })?;
    let expires = baylink_web::views::event_admin::parse_hk(valid_until, "23:59")
        .with_context(|| format!("--valid-until {valid_until:?}: expected YYYY-MM-DD"))?;
    let rows = transfer::read_invitees(file)?;
    let (invitees, rejected) =
        baylink_web::sheets::check_invitees(store.as_ref(), ev.id, &rows, lang).await?;
    for (line, reasons) in &rejected {
        eprintln!("line {line}: {}", reasons.join("; "));
    }
    println!(
        "{} rows read, {} rejected; {} invitations to send",
        rows.len(),
        rejected.len(),
        invitees.len()
    );
    if dry_run {
        println!("dry run: nothing was written");
        return Ok(if rejected.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        });
    }
    if !rejected.is_empty() {
        println!("nothing was written: correct the rejected rows first");
        return Ok(ExitCode::from(2));
    }
    let made = store
        .invite_many(
            &Actor::cli(),
            ev.id,
            &invitees,
            expires,
            baylink_store::sql::now(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("nothing was written: {e}"))?;
    println!("invited {}; the invitations are in the outbox", made.len());
    Ok(ExitCode::SUCCESS)
}

/// `baylink schedule`: an instance file in, a schedule out. A malformed file names its line
/// and exits with status 2 before any search.
fn schedule_file(
    path: &std::path::Path,
    time_limit: f64,
    fairness: usize,
    json: bool,
    partial: bool,
) -> anyhow::Result<ExitCode> {
    use baylink_matchmaking::{Instance, Options, schedule};
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let instance = match Instance::from_dzn(&text) {
        Ok(instance) => instance,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return Ok(ExitCode::from(2));
        }
    };
    if !time_limit.is_finite() || time_limit <= 0.0 {
        anyhow::bail!("--time-limit must be a positive number of seconds");
    }
    let options = Options {
        fairness: Some(fairness),
        time_limit: std::time::Duration::from_secs_f64(time_limit),
        partial,
    };
    // Progress on stderr, so it never mixes with the JSON on stdout.
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.set_message(format!(
        "{} participants, {} meetings, {} slots, {} tables: searching",
        instance.participants,
        instance.meetings.len(),
        instance.slots,
        instance.tables
    ));
    let result = schedule(&instance, &options, &mut |p| {
        bar.set_message(format!(
            "best {} breaks, proved at least {}, {:.1} s",
            p.best_breaks.map_or("-".to_owned(), |b| b.to_string()),
            p.lower_bound,
            p.elapsed.as_secs_f64()
        ));
        bar.tick();
    });
    bar.finish_and_clear();
    if json {
        println!("{}", result.to_json());
    } else {
        print!("{}", result.to_text(&instance));
    }
    Ok(ExitCode::SUCCESS)
}
