//! The conformance suite, run against both backends.

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
