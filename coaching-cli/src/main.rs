//! `coaching`: the operators' command for a coaching store — an SQLite file or a
//! `postgresql://` URL.
//!
//! ```text
//! coaching export DB [--practice ID] [--output FILE]   a practice as one JSON document
//! coaching import FILE DB                               load a document ("-": standard input)
//! coaching copy SRC DST [--practice ID]                 every practice (or one) of SRC into DST
//! coaching check DB                                     schema, integrity and every rule
//! ```
//!
//! Exit codes: 0 done; 1 `check` found problems; 2 a usage error; 3 the work failed (a store
//! that does not open, a document refused, …), with the reason on standard error. Long work
//! shows a progress bar on a terminal.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use coaching_core::{shown_location, Actor, Coaching, Error, Page, Practice, PracticeId};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Parser)]
#[command(name = "coaching", version, about = "Export, import, copy and check the practices of a coaching store (an SQLite file or a postgresql:// URL).")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a practice as one JSON document (docs/export-format.md) to standard output or a file.
    Export {
        /// The store: an SQLite file or a postgresql:// URL.
        db: String,
        /// The practice (needed when the store holds more than one).
        #[arg(long)]
        practice: Option<String>,
        /// Where to write (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Loads an export document into a store that does not hold its practice yet.
    Import {
        /// The document ("-": standard input).
        file: String,
        /// The store: an SQLite file (created if needed) or a postgresql:// URL.
        db: String,
    },
    /// Copies every practice of SRC (or one) into DST, e.g. an SQLite file into PostgreSQL.
    Copy {
        src: String,
        dst: String,
        #[arg(long)]
        practice: Option<String>,
    },
    /// Checks a store: its schema, its integrity, and every practice against every rule.
    Check { db: String },
}

/// A failure with its message; exit code 3.
struct Failed(String);

impl From<Error> for Failed {
    fn from(e: Error) -> Self {
        Failed(match e {
            Error::Validation { field, reason } => format!("refused at {field}: {reason}"),
            other => other.to_string(),
        })
    }
}

impl From<std::io::Error> for Failed {
    fn from(e: std::io::Error) -> Self {
        Failed(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Export { db, practice, output } => export(&db, practice.as_deref(), output.as_deref()).map(|()| true),
        Command::Import { file, db } => import(&file, &db).map(|()| true),
        Command::Copy { src, dst, practice } => copy(&src, &dst, practice.as_deref()).map(|()| true),
        Command::Check { db } => check(&db),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failed(m)) => {
            eprintln!("coaching: {m}");
            ExitCode::from(3)
        }
    }
}

fn open(db: &str) -> Result<Coaching, Failed> {
    Coaching::open(db).map_err(|e| Failed(format!("cannot open {}: {e}", shown_location(db))))
}

/// The practice to work on: the one named, or the store's only one.
fn pick(lib: &Coaching, db: &str, named: Option<&str>) -> Result<Practice, Failed> {
    let all = lib.practices()?;
    match named {
        Some(id) => {
            let id: PracticeId = id.parse().map_err(|e: Error| Failed(e.to_string()))?;
            all.into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| Failed(format!("{} holds no practice {id}", shown_location(db))))
        }
        None => match all.len() {
            1 => Ok(all.into_iter().next().unwrap_or_else(|| unreachable!())),
            0 => Err(Failed(format!("{} holds no practice", shown_location(db)))),
            n => Err(Failed(format!(
                "{} holds {n} practices; name one with --practice:\n{}",
                shown_location(db),
                all.iter().map(|p| format!("  {}  {}", p.id, p.name)).collect::<Vec<_>>().join("\n")
            ))),
        },
    }
}

fn bar(len: Option<u64>, what: &str) -> ProgressBar {
    let b = match len {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {msg} {bytes} ({bytes_per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    if !std::io::stderr().is_terminal() {
        b.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    b.set_message(what.to_string());
    b
}

fn export_to(lib: &Coaching, p: &Practice, out: &mut dyn Write) -> Result<coaching_core::TransferCounts, Failed> {
    let b = bar(None, &format!("exporting {}", p.name));
    let mut w = b.wrap_write(out);
    let counts = lib.export_practice(Actor::Coach(p.owner_id), p.id, &mut w)?;
    b.finish_and_clear();
    Ok(counts)
}

fn summary(c: &coaching_core::TransferCounts) -> String {
    format!(
        "{} coaches, {} clients, {} programs, {} resources, {} engagements, {} sessions, {} notes, {} goals, {} assignments, {} comments, {} log entries",
        c.coaches, c.clients, c.programs, c.resources, c.engagements, c.sessions, c.notes, c.goals, c.assignments, c.comments, c.log_entries
    )
}

fn export(db: &str, practice: Option<&str>, output: Option<&Path>) -> Result<(), Failed> {
    let lib = open(db)?;
    let p = pick(&lib, db, practice)?;
    let counts = match output {
        Some(path) => coaching_core::export_to_path(&lib, Actor::Coach(p.owner_id), p.id, path)?,
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            let c = export_to(&lib, &p, &mut out)?;
            out.flush()?;
            c
        }
    };
    eprintln!("exported practice {} ({}): {}", p.id, p.name, summary(&counts));
    Ok(())
}

fn import_from(lib: &Coaching, input: &mut dyn Read, len: Option<u64>) -> Result<coaching_core::Imported, Failed> {
    let b = bar(len, "importing");
    let mut r = b.wrap_read(input);
    let imported = lib.import_practice(&mut r);
    b.finish_and_clear();
    Ok(imported?)
}

fn import(file: &str, db: &str) -> Result<(), Failed> {
    let lib = open(db)?;
    let imported = if file == "-" {
        import_from(&lib, &mut std::io::stdin().lock(), None)?
    } else {
        let mut f = File::open(file).map_err(|e| Failed(format!("cannot read {file}: {e}")))?;
        let len = f.metadata().ok().map(|m| m.len());
        import_from(&lib, &mut f, len)?
    };
    eprintln!(
        "imported practice {} ({}) into {}: {}",
        imported.practice.id,
        imported.practice.name,
        shown_location(db),
        summary(&imported.counts)
    );
    Ok(())
}

/// Exports `p` from `src` straight into `dst` (a pipe between two threads: streamed).
fn copy_one(src: &Coaching, dst: &Coaching, p: &Practice) -> Result<coaching_core::Imported, Failed> {
    let (mut reader, writer) = std::io::pipe()?;
    let out = std::thread::scope(|s| {
        let exporting = s.spawn(move || {
            let mut w = BufWriter::with_capacity(1 << 16, writer);
            let r = src.export_practice(Actor::Coach(p.owner_id), p.id, &mut w);
            drop(w); // closes the pipe: the importer sees the end
            r
        });
        let imported = import_from(dst, &mut reader, None);
        // Unblock the exporter if the import stopped early.
        drop(reader);
        let exported = exporting.join().unwrap_or_else(|_| Err(Error::Storage { message: "the exporter panicked".into() }));
        match (exported, imported) {
            (_, Ok(i)) => Ok(i),
            (Err(e), Err(_)) => Err(Failed::from(e)),
            (Ok(_), Err(e)) => Err(e),
        }
    });
    out
}

fn copy(src: &str, dst: &str, practice: Option<&str>) -> Result<(), Failed> {
    let from = open(src)?;
    let to = open(dst)?;
    let practices = match practice {
        Some(_) => vec![pick(&from, src, practice)?],
        None => from.practices()?,
    };
    if practices.is_empty() {
        return Err(Failed(format!("{} holds no practice", shown_location(src))));
    }
    for p in &practices {
        let imported = copy_one(&from, &to, p)
            .map_err(|Failed(m)| Failed(format!("copying practice {} ({}): {m}", p.id, p.name)))?;
        eprintln!("copied practice {} ({}): {}", p.id, p.name, summary(&imported.counts));
    }
    Ok(())
}

/// Checks the store; `Ok(false)` when it found problems (each printed).
fn check(db: &str) -> Result<bool, Failed> {
    let lib = open(db)?;
    let mut problems = 0u32;
    let mut report = |ok: bool, line: String| {
        if ok {
            println!("ok       {line}");
        } else {
            problems += 1;
            println!("PROBLEM  {line}");
        }
    };
    report(true, format!("{} opens at the library's schema version", shown_location(db)));
    if !coaching_core::is_database_url(db) {
        let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| Failed(e.to_string()))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| Failed(e.to_string()))?;
        report(true, format!("schema version {version}"));
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| Failed(e.to_string()))?;
        report(integrity == "ok", format!("integrity_check: {integrity}"));
        let fts = conn.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)", []);
        report(fts.is_ok(), format!("full-text index: {}", fts.map_or_else(|e| e.to_string(), |_| "consistent".into())));
    }
    // Every practice through the importer, which checks every rule, into a scratch store;
    // then what the store derives (progress, to-dos) against what the copy derives anew.
    let scratch = tempfile::tempdir()?;
    for p in lib.practices()? {
        let copy_path = scratch.path().join(format!("{}.db", p.id));
        let copy = open(copy_path.to_str().unwrap_or_default())?;
        let name = format!("practice {} ({})", p.id, p.name);
        match copy_one(&lib, &copy, &p) {
            Err(Failed(m)) => {
                report(false, format!("{name}: {m}"));
                continue;
            }
            Ok(i) => report(true, format!("{name}: every record follows the rules ({})", summary(&i.counts))),
        }
        let owner = Actor::Coach(p.owner_id);
        let here = lib.overview_for_practice(owner, p.id)?;
        let there = copy.overview_for_practice(owner, p.id)?;
        let differing: Vec<_> = here
            .iter()
            .zip(&there)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.engagement.id.to_string())
            .collect();
        report(
            differing.is_empty() && here.len() == there.len(),
            format!("{name}: progress of {} engagements matches a recount{}", here.len(),
                if differing.is_empty() { String::new() } else { format!(" except {}", differing.join(", ")) }),
        );
        let mut todo_mismatch = Vec::new();
        for c in lib.coaches(owner, p.id)? {
            let a = lib.client_todos(owner, c.id, Page::first(Page::MAX_LIMIT))?;
            let b = copy.client_todos(owner, c.id, Page::first(Page::MAX_LIMIT))?;
            if a != b {
                todo_mismatch.push(c.name);
            }
        }
        report(
            todo_mismatch.is_empty(),
            format!("{name}: Client To-Dos match a recount{}", if todo_mismatch.is_empty() { String::new() } else { format!(" except for {}", todo_mismatch.join(", ")) }),
        );
    }
    println!("{}", if problems == 0 { "no problems found".to_string() } else { format!("{problems} problem(s) found") });
    Ok(problems == 0)
}
