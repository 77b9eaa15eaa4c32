//! The property behind free slots: for random hours (weekly and date overrides, in zones with
//! a clock change inside the window), random rules and random sessions of the coach, every
//! start `free_slots` lists can be booked by the client, and no other minute of the window
//! can. Many cases on the memory backend; the conformance suite runs a few on every backend.

#[macro_use]
#[allow(unused_macros)]
mod conformance;

use std::sync::Arc;

use coaching_core::{MemoryStore, Storage};
use proptest::prelude::*;

fn memory() -> (Arc<dyn Storage>, Box<dyn std::any::Any>) {
    (Arc::new(MemoryStore::new()), Box::new(()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_listed_slot_books_and_no_other_minute_does(seed in any::<u64>()) {
        conformance::booking::slots_are_exactly_the_bookable_starts(memory, seed, 3);
    }
}
