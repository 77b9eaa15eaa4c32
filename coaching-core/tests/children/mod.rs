//! Child processes of the multi-process tests: the test binary run again, as one ignored test
//! named `child`, with its role in `COACHING_CHILD`.

use std::process::{Child, Command, Stdio};

/// Spawns this test binary as a child running `role` (its test `child`).
pub fn spawn(role: &str, vars: &[(&str, String)]) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "child",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("COACHING_CHILD", role)
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.spawn().expect("spawn a child process")
}

pub fn finish(child: Child, what: &str) {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{what} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set"))
}
