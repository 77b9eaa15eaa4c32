//! Export and import of the 5,000-engagement benchmark practice (`coaching-core/benches/
//! generate.rs`, seed 42): each step in a process of its own, with its wall time and its peak
//! resident memory (the kernel's high-water mark of the process).
//!
//!     cargo run --release --example bench_export [-- FILE]
//!
//! The practice file is generated on first use (shared with `--example bench`). The steps:
//! export the practice from the file to JSON, import the JSON into a new SQLite file, export
//! that file again (the documents must be byte-identical).

#[path = "../../coaching-core/benches/generate.rs"]
mod generate;
#[path = "timing.rs"]
mod timing;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use coaching_core::*;
use generate::IoErr as _;

fn export_step(db: &Path, out: &Path) -> Result<String> {
    let lib = Coaching::open(db)?;
    let p = lib.practices()?.into_iter().next().expect("a practice");
    let mut w = BufWriter::with_capacity(1 << 16, std::fs::File::create(out).map_err(Error::storage_io)?);
    let started = Instant::now();
    let counts = lib.export_practice(Actor::Coach(p.owner_id), p.id, &mut w)?;
    w.flush().map_err(Error::storage_io)?;
    Ok(format!(
        "{:.2} {:.1} {} engagements, {} sessions, {} notes, {} log entries",
        started.elapsed().as_secs_f64(),
        timing::peak_rss_mb(),
        counts.engagements,
        counts.sessions,
        counts.notes,
        counts.log_entries
    ))
}

fn import_step(json: &Path, db: &Path) -> Result<String> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let lib = Coaching::open(db)?;
    let mut f = std::fs::File::open(json).map_err(Error::storage_io)?;
    let started = Instant::now();
    let imported = lib.import_practice(&mut f)?;
    Ok(format!(
        "{:.2} {:.1} {} engagements",
        started.elapsed().as_secs_f64(),
        timing::peak_rss_mb(),
        imported.counts.engagements
    ))
}

/// Runs one step in a child process (this program again) and reads its line.
fn child(step: &str, a: &Path, b: &Path) -> (f64, f64, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([step, a.to_str().unwrap(), b.to_str().unwrap()])
        .output()
        .expect("run a step");
    assert!(out.status.success(), "{step}: {}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let mut parts = line.splitn(3, ' ');
    let secs = parts.next().unwrap().parse().unwrap();
    let mb = parts.next().unwrap().parse().unwrap();
    (secs, mb, parts.next().unwrap_or("").to_string())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 4 && (args[1] == "--export" || args[1] == "--import") {
        let (a, b) = (PathBuf::from(&args[2]), PathBuf::from(&args[3]));
        let line = if args[1] == "--export" { export_step(&a, &b)? } else { import_step(&a, &b)? };
        println!("{line}");
        return Ok(());
    }
    let path = args.get(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("target/bench/practice-seed42.db"));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(Error::storage_io)?;
    }
    drop(generate::open_or_generate(&path, 42, generate::ENGAGEMENTS)?);
    let dir = path.parent().unwrap_or(Path::new("."));
    let json = dir.join("practice-seed42.json");
    let again_json = dir.join("practice-seed42-again.json");
    let imported = dir.join("practice-seed42-imported.db");
    let db_mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    let (export_s, export_mb, what) = child("--export", &path, &json);
    let json_mb = std::fs::metadata(&json).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    let (import_s, import_mb, _) = child("--import", &json, &imported);
    let (again_s, again_mb, _) = child("--export", &imported, &again_json);
    let identical = std::fs::read(&json).ok() == std::fs::read(&again_json).ok();
    println!("The practice: {what}; the file {db_mb:.0} MB, the document {json_mb:.0} MB.");
    println!();
    println!("| step | wall time | peak memory of the process | target |");
    println!("|---|---|---|---|");
    println!("| export (SQLite file → JSON) | {export_s:.1} s | {export_mb:.0} MB | ≤ 60 s, ≤ 200 MB |");
    println!("| import (JSON → new SQLite file, one transaction) | {import_s:.1} s | {import_mb:.0} MB | ≤ 60 s, ≤ 200 MB |");
    println!("| export of the imported file | {again_s:.1} s | {again_mb:.0} MB | – |");
    println!();
    println!("The two exports are {}.", if identical { "byte-identical" } else { "DIFFERENT" });
    for p in [&json, &again_json] {
        let _ = std::fs::remove_file(p);
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", imported.display()));
    }
    if !identical {
        std::process::exit(1);
    }
    Ok(())
}
