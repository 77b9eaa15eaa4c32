//! The uniffi surface for Swift and Kotlin: an object (`CoachingLibrary`, behind `Arc`,
//! `Send + Sync`), records for plain data, enums, and one error enum with the core error's
//! structured fields. Instants are uniffi timestamps (`java.time.Instant`, Swift `Date`);
//! calendar dates are a `CalendarDate` record (year, month, day).

mod replica;
mod service;
mod types;

pub use replica::*;
pub use service::*;
pub use types::*;
