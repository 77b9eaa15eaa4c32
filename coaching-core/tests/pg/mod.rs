//! The PostgreSQL server of the tests: `COACHING_TEST_DATABASE_URL` (the test command starts a
//! throwaway server and sets it when it is not set), and one database per test on it, dropped
//! when the test ends (also when it fails). A test that cannot reach the server fails: nothing
//! is mocked or skipped.

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
