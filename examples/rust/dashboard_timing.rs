//! Times one dashboard call (the practice overview) on an existing file, for comparison
//! with the same call from a binding. Prints the median of `runs` calls in microseconds.
//!
//!     cargo run --release --example dashboard_timing -- FILE OWNER_ID PRACTICE_ID [RUNS]

use std::time::Instant;

use coaching_core::*;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: dashboard_timing FILE OWNER_ID PRACTICE_ID [RUNS]");
        std::process::exit(2);
    }
    let lib = Coaching::open(&args[1])?;
    let owner = Actor::Coach(args[2].parse()?);
    let practice: PracticeId = args[3].parse()?;
    let runs: usize = args.get(4).and_then(|r| r.parse().ok()).unwrap_or(200);
    let mut times = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let t = Instant::now();
        rows = lib.overview_for_practice(owner, practice)?.len();
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "rust overview_for_practice: {rows} rows, median {:.0} us over {runs} runs",
        times[runs / 2]
    );
    Ok(())
}
