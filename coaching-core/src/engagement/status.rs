//! The engagement status machine: one enum, one table, one function.
//!
//! | from \ to  | Draft | Active           | Inactive | Completed |
//! |------------|-------|------------------|----------|-----------|
//! | Draft      | –     | yes (activation) | no       | no        |
//! | Active     | never | –                | yes      | yes       |
//! | Inactive   | never | yes (reactivation) | –      | yes       |
//! | Completed  | never | yes (reopen)     | yes      | –         |

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Lifecycle status of an engagement, set by people (and by the system on completion).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being set up: every field may still be missing. Never visible to the client.
    Draft,
    /// Running: sessions can be booked and the client can write. Counts against the plan's cap.
    Active,
    /// Paused: nothing can be booked; the client can read but not write.
    Inactive,
    /// Finished, by a coach or by the system when the last planned session is used; the client can
    /// still read what was shared.
    Completed,
}

impl Status {
    /// The status's place in the lifecycle: Draft 0, Active 1, Inactive 2, Completed 3 (the
    /// overview's status order).
    pub fn rank(self) -> u8 {
        match self {
            Status::Draft => 0,
            Status::Active => 1,
            Status::Inactive => 2,
            Status::Completed => 3,
        }
    }

    /// Every status, in table order.
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Active,
        Status::Inactive,
        Status::Completed,
    ];

    /// Stable lower-case name used in storage and bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Completed => "completed",
        }
    }

    /// Parses [`Status::as_str`]'s output.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Status::Draft,
            "active" => Status::Active,
            "inactive" => Status::Inactive,
            "completed" => Status::Completed,
            _ => return None,
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Draft => "Draft",
            Status::Active => "Active",
            Status::Inactive => "Inactive",
            Status::Completed => "Completed",
        })
    }
}

/// What a permitted transition means; it names the log action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Draft → Active.
    Activation,
    /// Inactive → Active.
    Reactivation,
    /// Completed → Active.
    Reopening,
    /// Active or Completed → Inactive.
    Deactivation,
    /// Active or Inactive → Completed.
    Completion,
}

impl Transition {
    /// Whether the transition makes the engagement Active (and so counts against the plan).
    pub fn activates(self) -> bool {
        matches!(
            self,
            Transition::Activation | Transition::Reactivation | Transition::Reopening
        )
    }
}

/// The status table. `Err(InvalidTransition)` for every cell marked no, never or –.
pub fn transition(from: Status, to: Status) -> Result<Transition> {
    use Status::*;
    let t = match (from, to) {
        (Draft, Active) => Transition::Activation,
        (Inactive, Active) => Transition::Reactivation,
        (Completed, Active) => Transition::Reopening,
        (Active | Completed, Inactive) => Transition::Deactivation,
        (Active | Inactive, Completed) => Transition::Completion,
        _ => return Err(Error::InvalidTransition { from, to }),
    };
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    /// The table of DOMAIN.md, cell by cell: `true` = allowed.
    const TABLE: [(Status, [bool; 4]); 4] = [
        (Draft, [false, true, false, false]),
        (Active, [false, false, true, true]),
        (Inactive, [false, true, false, true]),
        (Completed, [false, true, true, false]),
    ];

    #[test]
    fn every_cell_of_the_table() {
        for (from, row) in TABLE {
            for (to, allowed) in Status::ALL.into_iter().zip(row) {
                let got = transition(from, to);
                assert_eq!(got.is_ok(), allowed, "{from} -> {to}: {got:?}");
                if !allowed {
                    assert_eq!(got, Err(Error::InvalidTransition { from, to }));
                }
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("Active"), None);
    }
}
