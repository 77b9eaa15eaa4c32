//! The change feed: what happened in a practice after a cursor, in commit order, filtered by
//! who asks.
//!
//! The feed is the activity log read forwards. Every operation appends its entries in the
//! transaction that makes the change, and each entry carries its [`Audience`], decided when it
//! is written; a reader is given the entries of its audience:
//!
//! - the **owner** reads every entry but a client's `own` ones;
//! - **another coach** reads the `coaches` entries (coaches, clients, programs, the library)
//!   and the `coach` and `client` entries of the engagements assigned to them now;
//! - a **client** reads the `client` entries of their own engagements that are not Draft
//!   (without a portal, only those about the engagement and its sessions: what they may read
//!   otherwise), and their `own` ones. A client is never given an entry's `detail`.
//!
//! A [`Cursor`] is an opaque string: the position after the last change a reader was given.
//! It stays valid across reopening the store, and a reader that resumes from it is given every
//! change it has not seen, in the order the changes were committed, none twice. On SQLite the
//! writes of a file are serialised; on PostgreSQL the writes of one practice are (each locks
//! its practice before it appends to the log), so within a practice the log's sequence is its
//! commit order, and no transaction still open can commit an entry behind what a reader has
//! already read. A cursor belongs to its store: a practice moved to another store (export and
//! import) starts its feed again.

use crate::activity::{Audience, LogEntry, Page};
use crate::actor::Actor;
use crate::auth;
use crate::error::{Error, Result};
use crate::ids::PracticeId;
use crate::storage::FeedScope;

use super::Coaching;

/// A position in a practice's change feed. Opaque: hosts store and pass back the string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cursor(i64);

impl Cursor {
    const PREFIX: &'static str = "c1.";

    /// The position before every change.
    pub const START: Cursor = Cursor(0);

    /// The cursor as hosts hold it.
    pub fn as_string(&self) -> String {
        format!("{}{}", Self::PREFIX, self.0)
    }

    /// Reads a cursor written by [`Cursor::as_string`]; anything else is a
    /// [`Error::Validation`] of `cursor`.
    pub fn parse(s: &str) -> Result<Cursor> {
        let bad = || Error::invalid("cursor", "not a change-feed cursor of this library");
        let digits = s.strip_prefix(Self::PREFIX).ok_or_else(bad)?;
        if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(bad());
        }
        digits.parse::<i64>().map(Cursor).map_err(|_| bad())
    }

    /// The log sequence number this cursor stands after.
    pub(crate) fn seq(&self) -> i64 {
        self.0
    }

    /// The cursor after log sequence number `seq`.
    pub(crate) fn at(seq: i64) -> Cursor {
        Cursor(seq)
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl std::str::FromStr for Cursor {
    type Err = Error;
    fn from_str(s: &str) -> Result<Cursor> {
        Cursor::parse(s)
    }
}

/// One page of the change feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangePage {
    /// The changes after the cursor asked for, oldest first.
    pub changes: Vec<LogEntry>,
    /// Where the next call resumes: after the last change of this page (the cursor asked
    /// for when the page is empty).
    pub next: Cursor,
    /// Whether the page is full, so more changes may follow at once.
    pub more: bool,
}

impl Coaching {
    /// What happened in `practice` after `after` (`None`: from the beginning), oldest first,
    /// at most `limit` changes (1 to 1,000), with the cursor to resume from. Each change is a
    /// log entry: the typed action, the target (kind and id) and its engagement, the actor
    /// and the time.
    ///
    /// Filtered by `actor` as every read is (see the module documentation): the owner sees
    /// the practice, another coach what concerns their engagements (and the practice's
    /// clients, programs and library), a client only what they may read — a note once it is
    /// shared, never a private one; nothing of a Draft engagement; not a coach's private
    /// work — and never a change's `detail`. Outsiders get [`Error::NotFound`] for the
    /// practice; a malformed cursor is a [`Error::Validation`] of `cursor`.
    pub fn changes(
        &self,
        actor: Actor,
        practice: PracticeId,
        after: Option<&Cursor>,
        limit: u32,
    ) -> Result<ChangePage> {
        Page::first(limit).validate().map_err(|_| {
            Error::invalid("limit", format!("must be between 1 and {}", Page::MAX_LIMIT))
        })?;
        let after = after.cloned().unwrap_or(Cursor::START);
        self.read(|r| {
            let scope = feed_scope(r, actor, practice)?;
            let rows = r.changes(practice, scope, after.seq(), limit)?;
            let more = rows.len() as u32 == limit;
            let next = rows.last().map_or(after.clone(), |(seq, _)| Cursor(*seq));
            let client = matches!(scope, FeedScope::Client { .. });
            let changes = rows
                .into_iter()
                .map(|(_, mut e)| {
                    if client {
                        e.detail = None;
                    }
                    e
                })
                .collect();
            Ok(ChangePage {
                changes,
                next,
                more,
            })
        })
    }
}

/// Whose change feed `actor` reads in `practice` (see the module documentation); outsiders
/// get `NotFound` for the practice.
pub(crate) fn feed_scope(
    r: &dyn crate::storage::Reader,
    actor: Actor,
    practice: PracticeId,
) -> Result<FeedScope> {
    let p = auth::practice(r, practice)?;
    Ok(match actor {
        Actor::Client(_) => {
            let c = auth::client_in(r, actor, practice)?;
            FeedScope::Client {
                id: c.id,
                portal: c.has_portal,
            }
        }
        _ => {
            let me = auth::coach_in(r, actor, practice)?;
            if me.id == p.owner_id {
                FeedScope::Owner
            } else {
                FeedScope::Coach(me.id)
            }
        }
    })
}

/// Whether a client may read an entry of a note that is shared before or after the change.
pub(crate) fn note_audience(shared_before: bool, shared_after: bool) -> Audience {
    if shared_before || shared_after {
        Audience::Client
    } else {
        Audience::Coach
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_anything_else() {
        for seq in [0, 1, 42, i64::MAX / 10] {
            let c = Cursor(seq);
            assert_eq!(Cursor::parse(&c.as_string()).unwrap(), c);
        }
        for bad in [
            "", "c1.", "c1.-1", "c1.+1", "c1.01", "c2.5", "5", "c1.5 ", "c1.1e3",
            "c1.9999999999999999999", "c1.٣",
        ] {
            assert!(
                matches!(Cursor::parse(bad), Err(Error::Validation { ref field, .. }) if field == "cursor"),
                "{bad:?} was accepted"
            );
        }
    }
}
