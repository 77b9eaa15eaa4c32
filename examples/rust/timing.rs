//! What the benchmark examples share: call-by-call timing of a library call against its
//! baseline, alternating, and the table they print.

#![allow(dead_code)]

use std::time::Instant;

pub fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let median = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95) as usize).min(v.len() - 1)];
    (median, p95)
}

/// The calling thread's CPU time, in microseconds.
pub fn thread_cpu_us() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e6 + t.tv_nsec as f64 / 1e3
}

/// Wall and thread-CPU microseconds of each call.
#[derive(Default)]
pub struct Times {
    pub wall: Vec<f64>,
    pub cpu: Vec<f64>,
}

impl Times {
    pub fn once<T>(&mut self, f: impl FnOnce() -> T) {
        let (c, t) = (thread_cpu_us(), Instant::now());
        std::hint::black_box(f());
        self.wall.push(t.elapsed().as_secs_f64() * 1e6);
        self.cpu.push(thread_cpu_us() - c);
    }
    pub fn summary(&self) -> Summary {
        let (median, p95) = stats(self.wall.clone());
        Summary {
            median,
            p95,
            cpu: stats(self.cpu.clone()).0,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Summary {
    pub median: f64,
    pub p95: f64,
    pub cpu: f64,
}

/// Runs the library call and its baseline alternately, `n` times each after 3 warm-ups.
pub fn compare<A, B>(
    n: usize,
    mut lib: impl FnMut(usize) -> A,
    mut raw: impl FnMut(usize) -> B,
) -> (Summary, Summary) {
    for i in 0..3 {
        std::hint::black_box(lib(i));
        std::hint::black_box(raw(i));
    }
    let (mut l, mut r) = (Times::default(), Times::default());
    for i in 0..n {
        l.once(|| lib(i));
        r.once(|| raw(i));
    }
    (l.summary(), r.summary())
}

/// Times `f` alone, `n` times after 3 warm-ups.
pub fn alone<T>(n: usize, mut f: impl FnMut(usize) -> T) -> Summary {
    for i in 0..3 {
        std::hint::black_box(f(i));
    }
    let mut t = Times::default();
    for i in 0..n {
        t.once(|| f(i));
    }
    t.summary()
}

pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

pub fn fmt_us(us: f64) -> String {
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.0} µs")
    }
}

pub struct Row {
    pub op: String,
    pub lib: Summary,
    pub raw: Option<Summary>,
    pub target: &'static str,
}

pub fn row(op: impl Into<String>, (lib, raw): (Summary, Summary), target: &'static str) -> Row {
    Row {
        op: op.into(),
        lib,
        raw: Some(raw),
        target,
    }
}

/// Prints `rows` as the benchmark table (markdown).
pub fn print_table(rows: &[Row]) {
    println!();
    println!(
        "| operation | median | p95 | CPU | baseline median | baseline CPU | ratio | target |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for r in rows {
        let (raw_s, raw_cpu, ratio) = match r.raw {
            Some(x) => (
                fmt_us(x.median),
                fmt_us(x.cpu),
                format!("{:.2}×", r.lib.median / x.median),
            ),
            None => ("–".into(), "–".into(), "–".into()),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.op,
            fmt_us(r.lib.median),
            fmt_us(r.lib.p95),
            fmt_us(r.lib.cpu),
            raw_s,
            raw_cpu,
            ratio,
            r.target
        );
    }
}
