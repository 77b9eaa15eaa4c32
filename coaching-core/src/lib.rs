//! # coaching-core
//!
//! The back office of a coaching practice, as a library: practices with coaches and clients,
//! engagements that move through their lifecycle under plan limits, progress by sessions or
//! hours, and an activity log of everything — persisted in an embedded SQLite file (the
//! default) or in memory, behind one [`Storage`] trait.
//!
//! ```
//! use coaching_core::{Actor, Coaching, NewClient, NewEngagement, NewPractice, NewProgram, Plan};
//!
//! let lib = Coaching::in_memory();
//! let (practice, owner) = lib.create_practice(NewPractice {
//!     name: "Bright Path Coaching".into(),
//!     time_zone: "Europe/London".into(),
//!     plan: Plan::free(),
//!     owner_name: "Ada Coach".into(),
//!     owner_email: None,
//! })?;
//! let me = Actor::Coach(owner.id);
//! let client = lib.add_client(me, practice.id, NewClient { name: "Ben Client".into(), ..Default::default() })?;
//! let program = lib.create_program(me, practice.id, NewProgram::sessions("Leadership", 16))?;
//! let e = lib.create_engagement(me, practice.id, NewEngagement {
//!     program_id: Some(program.id),
//!     coach_id: Some(owner.id),
//!     client_id: Some(client.id),
//!     ..Default::default()
//! })?;
//! lib.activate(me, e.id)?;
//! let line = lib.engagement(me, e.id)?;
//! assert_eq!(line.progress.to_string(), "0/16");
//! # Ok::<(), coaching_core::Error>(())
//! ```
//!
//! ## Rules, and where they live
//! - Who may do what: the crate's `auth` module (owner, other coach, client, system); each
//!   operation's documentation says who may call it.
//! - The status table: [`engagement::status`].
//! - Plan limits: [`plan`].
//! - Progress arithmetic and counting rules: [`progress`].
//! - The activity log: [`activity`]. Every operation appends to it in the same transaction.
//!
//! Rules the specification leaves open, decided here:
//! - Only the practice owner adds coaches, changes the plan and reads the practice-wide log.
//! - Any coach of the practice manages the client directory and programs.
//! - The owner may leave a new engagement unassigned; another coach's engagements are always
//!   their own.
//! - The engagement activity log is a coach's tool: clients do not read it (it would name
//!   private notes).
//! - The display phase is In Progress once anything counts towards progress (a completed
//!   session, or a counted no-show or late cancellation).
//!
//! Every failed operation returns a typed [`Error`] and changes nothing.

#![warn(missing_docs)]

pub mod activity;
pub mod booking;
pub mod actor;
pub(crate) mod auth;
pub mod clock;
pub mod content;
pub mod diagnostics;
pub mod engagement;
pub mod error;
pub mod fields;
pub mod html;
mod ical;
pub mod ids;
pub mod model;
pub mod plan;
pub mod progress;
pub mod replica;
mod service;
pub mod session;
pub mod storage;
pub mod sync;
mod validate;

pub use activity::{Action, Audience, LogEntry, LogScope, Page, TargetRef};
pub use actor::Actor;
pub use booking::{
    Availability, BookingRules, DateOverride, DayRange, EffectiveRules, RulesSource, WeeklyHours,
};
pub use clock::{Clock, ManualClock, SystemClock};
pub use content::*;
pub use engagement::{
    Engagement, EngagementOverview, OverviewPage, OverviewQuery, OverviewSort, Phase, Status,
    MAX_OVERVIEW_PAGE,
};
pub use error::{Error, LimitKind, Result};
pub use fields::*;
pub use ids::*;
pub use model::{Client, Coach, Practice, Program};
pub use plan::Plan;
pub use progress::{Planned, Progress, ProgressUnit, SessionTally};
pub use replica::{Refusal, Replica, SyncOutcome};
pub use service::*;
pub use session::{
    Location, Recurrence, SeriesEnd, Session, SessionLine, SessionRange, SessionStatus,
};
#[cfg(feature = "postgres")]
pub use storage::PostgresStore;
pub use storage::{MemoryStore, SqliteStore, Storage};
pub use sync::{
    DirectorySnapshot, EngagementSnapshot, OpOutcome, OpResult, PendingOp, SyncOp, SyncRecord,
    SyncRequest, SyncResponse, MAX_SYNC_OPS, SYNC_PROTOCOL,
};
pub use validate::{MAX_DATE, MAX_DUE_AFTER_DAYS, MAX_NAME_CHARS, MAX_TEXT_CHARS, MIN_DATE};

/// The README's Rust snippets, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The crate's own README (the one crates.io shows), its snippet run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;
