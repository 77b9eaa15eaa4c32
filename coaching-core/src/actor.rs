//! Who performs an operation.

use serde::{Deserialize, Serialize};

use crate::ids::{ClientId, CoachId};

/// The actor of an operation: a coach, a client, or the system (automatic transitions).
///
/// Hosts pass [`Actor::Coach`] or [`Actor::Client`]; the library itself uses
/// [`Actor::System`] for what it does on its own (e.g. completing an engagement when its last
/// planned session is used). Operations called by a host with `Actor::System` are refused,
/// except where a function says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Actor {
    /// A coach of the practice, by id (the owner is one of the coaches).
    Coach(CoachId),
    /// A client of the practice, by id: reads only their own engagements, and writes only in Active
    /// ones.
    Client(ClientId),
    /// The library itself, for what it does on its own (e.g. completing an engagement when its last
    /// planned session is used); refused when a host passes it, unless a function says otherwise.
    System,
}

impl Actor {
    /// Stable name of the actor's kind: `coach`, `client` or `system`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Actor::Coach(_) => "coach",
            Actor::Client(_) => "client",
            Actor::System => "system",
        }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Actor::Coach(id) => write!(f, "coach {id}"),
            Actor::Client(id) => write!(f, "client {id}"),
            Actor::System => f.write_str("system"),
        }
    }
}
