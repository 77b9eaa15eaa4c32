//! Program items: goal, assignment and resource templates copied into every engagement
//! created from the program.

use serde::{Deserialize, Serialize};

use crate::ids::{FormTemplateId, PracticeId, ProgramId, ProgramItemId, ResourceId};

/// What a program item makes in a new engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProgramItemKind {
    /// A goal; due `due_after_days` after the engagement's start date (if both are set).
    Goal {
        /// The goal's name (required).
        name: String,
        /// The goal's description; `None`: none.
        description: Option<String>,
        /// Days after the engagement's start date that the goal is due; `None`: no due date.
        due_after_days: Option<u32>,
    },
    /// An assignment; due like a goal.
    Assignment {
        /// The assignment's name (required).
        name: String,
        /// The assignment's description; `None`: none.
        description: Option<String>,
        /// Days after the engagement's start date that the assignment is due; `None`: no due date.
        due_after_days: Option<u32>,
    },
    /// A library file or folder shared into the engagement.
    Resource {
        /// The item of the practice library (a file, link or folder) to share.
        resource_id: ResourceId,
    },
    /// A form of the practice library sent into the engagement; due like a goal.
    Form {
        /// The form template to send.
        template_id: FormTemplateId,
        /// Days after the engagement's start date that the form is due; `None`: no due date.
        due_after_days: Option<u32>,
    },
}

impl ProgramItemKind {
    /// The item as SQL backends store it: kind name, name, description, due-after days,
    /// resource, form template.
    #[allow(clippy::type_complexity)]
    pub(crate) fn columns(
        &self,
    ) -> (
        &'static str,
        Option<&str>,
        Option<&str>,
        Option<u32>,
        Option<ResourceId>,
        Option<FormTemplateId>,
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
                None,
            ),
            ProgramItemKind::Resource { resource_id } => {
                ("resource", None, None, None, Some(*resource_id), None)
            }
            ProgramItemKind::Form {
                template_id,
                due_after_days,
            } => ("form", None, None, *due_after_days, None, Some(*template_id)),
        }
    }
}

/// One template of a program: a goal, an assignment, a resource or a form, copied into every engagement
/// created from the program afterwards. Any coach of the practice adds or removes items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramItem {
    /// This item's id.
    pub id: ProgramItemId,
    /// The practice the program belongs to.
    pub practice_id: PracticeId,
    /// The program the item belongs to.
    pub program_id: ProgramId,
    /// Order within the program, from 0: the order the copies are made in.
    pub position: u32,
    /// What the item makes in a new engagement.
    pub item: ProgramItemKind,
}
