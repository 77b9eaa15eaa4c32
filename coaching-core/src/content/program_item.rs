//! Program items: goal, assignment and resource templates copied into every engagement
//! created from the program.

use serde::{Deserialize, Serialize};

use crate::ids::{PracticeId, ProgramId, ProgramItemId, ResourceId};

/// What a program item makes in a new engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProgramItemKind {
    /// A goal; due `due_after_days` after the engagement's start date (if both are set).
    Goal {
        name: String,
        description: Option<String>,
        due_after_days: Option<u32>,
    },
    /// An assignment; due like a goal.
    Assignment {
        name: String,
        description: Option<String>,
        due_after_days: Option<u32>,
    },
    /// A library file or folder shared into the engagement.
    Resource { resource_id: ResourceId },
}

impl ProgramItemKind {
    /// The item as SQL backends store it: kind name, name, description, due-after days, resource.
    pub(crate) fn columns(
        &self,
    ) -> (
        &'static str,
        Option<&str>,
        Option<&str>,
        Option<u32>,
        Option<ResourceId>,
    ) {
        match self {
            ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => (
                "goal",
                Some(name.as_str()),
                description.as_deref(),
                *due_after_days,
                None,
            ),
            ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => (
                "assignment",
                Some(name.as_str()),
                description.as_deref(),
                *due_after_days,
                None,
            ),
            ProgramItemKind::Resource { resource_id } => {
                ("resource", None, None, None, Some(*resource_id))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramItem {
    pub id: ProgramItemId,
    pub practice_id: PracticeId,
    pub program_id: ProgramId,
    pub position: u32,
    pub item: ProgramItemKind,
}
