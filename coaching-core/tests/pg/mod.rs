//! The PostgreSQL server of the tests: `COACHING_TEST_DATABASE_URL` (the test command starts a
//! throwaway server and sets it when it is not set), and one database per test on it, dropped
//! when the test ends (also when it fails). A test that cannot reach the server fails: nothing
//! is mocked or skipped.

#![allow(dead_code)] // each test binary uses part of it

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use postgres::{Client, Config, NoTls};

/// The server's URL; a test without one has failed.
pub fn url() -> String {
    std::env::var("COACHING_TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "COACHING_TEST_DATABASE_URL is not set: run the test command (scripts/test-all.sh), \
             which starts a throwaway PostgreSQL server, or point it at a server"
        )
    })
}

/// A connection to the server's maintenance database (the one the URL names).
pub fn admin() -> Client {
    let url = url();
    Config::from_str(&url)
        .unwrap_or_else(|e| panic!("COACHING_TEST_DATABASE_URL is not a PostgreSQL URL: {e}"))
        .connect_timeout(std::time::Duration::from_secs(10))
        .connect(NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the PostgreSQL test server: {e}"))
}

/// A database of its own for one test.
pub struct TestDb {
    pub name: String,
    config: Config,
}

impl TestDb {
    pub fn new(tag: &str) -> TestDb {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "coaching_test_{}_{}_{tag}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        admin()
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
        let mut config = Config::from_str(&url()).unwrap();
        config.dbname(&name);
        TestDb { name, config }
    }

    /// The database's own URL-equivalent configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn client(&self) -> Client {
        self.config.connect(NoTls).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = admin().batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

/// The database this test process's schemas live in: created once per process, with the
/// `unaccent` extension (what a database owner installs once). Databases that earlier
/// processes left behind are dropped when nobody uses them.
fn suite_database() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let mut admin = admin();
        let name = format!("coaching_suite_{}", std::process::id());
        let stale: Vec<String> = admin
            .query(
                "SELECT datname FROM pg_database WHERE datname LIKE 'coaching\\_suite\\_%'",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        for old in stale {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {old}"));
        }
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
        let mut config = Config::from_str(&url()).unwrap();
        config.dbname(&name);
        config
            .connect(NoTls)
            .unwrap()
            .batch_execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
            .unwrap_or_else(|e| panic!("cannot install unaccent: {e}"));
        name
    })
}

/// A schema of its own for one test, in the process's database, dropped when the test ends:
/// `url` opens a store in it (its `search_path`).
pub struct TestSchema {
    pub name: String,
    pub url: String,
}

impl TestSchema {
    pub fn new() -> TestSchema {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let db = suite_database();
        let name = format!("t_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        let mut u = url::Url::parse(&url()).expect("COACHING_TEST_DATABASE_URL is a URL");
        u.set_path(&format!("/{db}"));
        u.query_pairs_mut()
            .append_pair("options", &format!("-csearch_path={name},public"));
        let s = TestSchema {
            name,
            url: u.to_string(),
        };
        s.client()
            .batch_execute(&format!("CREATE SCHEMA {}", s.name))
            .unwrap_or_else(|e| panic!("cannot create the test schema: {e}"));
        s
    }

    pub fn client(&self) -> Client {
        Config::from_str(&self.url).unwrap().connect(NoTls).unwrap()
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = Config::from_str(&self.url).unwrap().connect(NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

/// A PostgreSQL server of the test's own, for what cannot be done to a shared one: restart
/// it, require a password. Built from the installed server binaries (the test command installs
/// Debian's `postgresql` when it starts its throwaway server), in a temporary directory,
/// listening on a Unix socket there only; stopped and removed when dropped.
pub struct OwnServer {
    root: std::path::PathBuf,
    bin: std::path::PathBuf,
    pub password: String,
}

impl OwnServer {
    pub fn start() -> OwnServer {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL's server binaries (/usr/lib/postgresql/*/bin): run the test command, which installs them")
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .max()
            .map(|v| std::path::PathBuf::from(format!("/usr/lib/postgresql/{v}/bin")))
            .expect("a PostgreSQL version under /usr/lib/postgresql");
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let root = std::env::temp_dir().join(format!(
            "coaching-own-pg-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let password = format!("pw-{}", std::process::id());
        std::fs::write(root.join("pwfile"), &password).unwrap();
        let server = OwnServer {
            root,
            bin,
            password,
        };
        if unsafe { libc::geteuid() } == 0 {
            let ok = std::process::Command::new("chown")
                .args(["-R", "postgres"])
                .arg(&server.root)
                .status()
                .unwrap()
                .success();
            assert!(ok, "chown the server directory to postgres");
        }
        let data = server.root.join("data");
        server.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "coaching",
                "-A",
                "scram-sha-256",
                "--pwfile",
                server.root.join("pwfile").to_str().unwrap(),
                "--no-sync",
                "-E",
                "UTF8",
            ],
        );
        server.pg_ctl("start", &[]);
        server
    }

    /// A server tool, run as the `postgres` user when the tests run as root.
    fn command(&self, tool: &str) -> std::process::Command {
        let exe = self.bin.join(tool);
        if unsafe { libc::geteuid() } == 0 {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            std::process::Command::new(&exe)
        }
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let out = self.command(tool).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn pg_ctl(&self, action: &str, extra: &[&str]) {
        let data = self.root.join("data");
        let log = self.root.join("server.log");
        let opts = format!(
            "-c listen_addresses='' -k {} -c fsync=off",
            self.root.display()
        );
        let mut args = vec![
            action,
            "-D",
            data.to_str().unwrap(),
            "-l",
            log.to_str().unwrap(),
            "-w",
            "-o",
            &opts,
        ];
        args.extend_from_slice(extra);
        self.run("pg_ctl", &args);
    }

    /// Restarts the server; `mode` is pg_ctl's shutdown mode (`fast`: every session is ended).
    pub fn restart(&self, mode: &str) {
        self.pg_ctl("restart", &["-m", mode]);
    }

    /// The URL of database `postgres` as user `coaching`, with `password`.
    pub fn url_with(&self, password: &str) -> String {
        let dir: String =
            url::form_urlencoded::byte_serialize(self.root.to_str().unwrap().as_bytes()).collect();
        format!("postgresql://coaching:{password}@{dir}/postgres")
    }

    pub fn url(&self) -> String {
        self.url_with(&self.password)
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let data = self.root.join("data");
        let _ = self
            .command("pg_ctl")
            .args([
                "stop",
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
            ])
            .output();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}
