//! The conformance suite, run against every backend: memory, SQLite, and PostgreSQL (feature
//! `postgres`, on the test server).

#[macro_use]
mod conformance;

use std::sync::Arc;

use coaching_core::{MemoryStore, SqliteStore, Storage};

fn memory() -> (Arc<dyn Storage>, Box<dyn std::any::Any>) {
    (Arc::new(MemoryStore::new()), Box::new(()))
}

fn sqlite() -> (Arc<dyn Storage>, Box<dyn std::any::Any>) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("practice.db")).unwrap();
    (Arc::new(store), Box::new(dir))
}

mod memory {
    conformance_suite!(super::memory);
}

mod sqlite {
    conformance_suite!(super::sqlite);
}

#[cfg(feature = "postgres")]
#[path = "pg/mod.rs"]
mod pg;

/// A store in a schema of its own on the test server (`COACHING_TEST_DATABASE_URL`).
#[cfg(feature = "postgres")]
fn postgres() -> (Arc<dyn Storage>, Box<dyn std::any::Any>) {
    let schema = pg::TestSchema::new();
    let store = coaching_core::PostgresStore::open(&schema.url)
        .unwrap_or_else(|e| panic!("cannot open the test schema: {e}"));
    (Arc::new(store), Box::new(schema))
}

#[cfg(feature = "postgres")]
mod postgres {
    conformance_suite!(super::postgres);
}
