//! Typed identifiers.
//!
//! Every entity has its own id type, a newtype over a UUID v7 (so ids sort by creation time).
//! A `GoalId` cannot be passed where a `NoteId` is expected. Ids print and parse as the
//! hyphenated UUID text (`0192f0c4-...`), which is how hosts hold them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Error;

/// The kind of entity an id or a log reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A practice (the tenant).
    Practice,
    /// A coach of a practice.
    Coach,
    /// A client of a practice.
    Client,
    /// A program (an engagement template).
    Program,
    /// An engagement.
    Engagement,
    /// A session (an appointment).
    Session,
    /// A note.
    Note,
    /// A goal.
    Goal,
    /// A milestone of a goal.
    Milestone,
    /// An assignment.
    Assignment,
    /// A file attached to an assignment (the attachment, not the resource).
    AssignmentFile,
    /// A resource: a folder, file or link.
    Resource,
    /// A comment on a note, goal or assignment.
    Comment,
    /// A program item (a goal, assignment or resource template of a program).
    ProgramItem,
    /// An entry of a client's journal in an engagement.
    JournalEntry,
    /// A custom field's definition.
    Field,
    /// A form template of the practice library.
    FormTemplate,
    /// A form sent into an engagement (its questions and the client's answers).
    Form,
}

impl EntityKind {
    /// Every kind.
    pub const ALL: [EntityKind; 18] = [
        EntityKind::Practice,
        EntityKind::Coach,
        EntityKind::Client,
        EntityKind::Program,
        EntityKind::Engagement,
        EntityKind::Session,
        EntityKind::Note,
        EntityKind::Goal,
        EntityKind::Milestone,
        EntityKind::Assignment,
        EntityKind::AssignmentFile,
        EntityKind::Resource,
        EntityKind::Comment,
        EntityKind::ProgramItem,
        EntityKind::JournalEntry,
        EntityKind::Field,
        EntityKind::FormTemplate,
        EntityKind::Form,
    ];

    /// Stable lower-case name, used in storage and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Practice => "practice",
            EntityKind::Coach => "coach",
            EntityKind::Client => "client",
            EntityKind::Program => "program",
            EntityKind::Engagement => "engagement",
            EntityKind::Session => "session",
            EntityKind::Note => "note",
            EntityKind::Goal => "goal",
            EntityKind::Milestone => "milestone",
            EntityKind::Assignment => "assignment",
            EntityKind::AssignmentFile => "assignment_file",
            EntityKind::Resource => "resource",
            EntityKind::Comment => "comment",
            EntityKind::ProgramItem => "program_item",
            EntityKind::JournalEntry => "journal_entry",
            EntityKind::Field => "field",
            EntityKind::FormTemplate => "form_template",
            EntityKind::Form => "form",
        }
    }

    /// Parses the name written by [`EntityKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

thread_local! {
    /// Ids to use instead of fresh ones, by id type name, first come first used.
    static PRESET: std::cell::RefCell<Vec<(&'static str, Uuid)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn take_preset(type_name: &'static str) -> Option<Uuid> {
    PRESET.with(|p| {
        let mut p = p.borrow_mut();
        let i = p.iter().position(|(t, _)| *t == type_name)?;
        Some(p.remove(i).1)
    })
}

/// Runs `f` with `ids` preset on this thread: the next `new()` of each named id type (e.g.
/// `"NoteId"`) returns the preset id instead of a fresh one. What `f` does not use is dropped
/// when it returns (or panics). Offline sync uses it to create a thing with the id the device
/// gave it.
pub(crate) fn with_preset_ids<T>(ids: &[(&'static str, Uuid)], f: impl FnOnce() -> T) -> T {
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            PRESET.with(|p| p.borrow_mut().clear());
        }
    }
    PRESET.with(|p| *p.borrow_mut() = ids.to_vec());
    let _clear = Clear;
    f()
}

/// Id types made from a UUID (generic code over every id type).
pub trait FromUuid {
    /// Wraps an existing UUID as this id type, unchecked.
    fn from_uuid(u: Uuid) -> Self;
}

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident, $kind:expr) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// The kind of entity this id names.
            pub const KIND: EntityKind = $kind;

            /// A fresh, time-ordered id (or, while offline sync runs a device's creation,
            /// the id the device gave it).
            pub fn new() -> Self {
                Self(take_preset(stringify!($name)).unwrap_or_else(Uuid::now_v7))
            }
            /// Wraps an existing UUID (for imports and storage backends).
            pub fn from_uuid(u: Uuid) -> Self {
                Self(u)
            }
            /// The UUID behind this id.
            pub fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl FromUuid for $name {
            fn from_uuid(u: Uuid) -> Self {
                Self(u)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Uuid::try_parse(s.trim()).map(Self).map_err(|_| Error::Validation {
                    field: concat!(stringify!($name)).into(),
                    reason: format!("`{}` is not a valid {} id", truncate_for_message(s), $kind),
                })
            }
        }
    };
}

/// Shortens untrusted input before it is quoted in an error message.
pub(crate) fn truncate_for_message(s: &str) -> String {
    const MAX: usize = 64;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

id_type!(/// Identifies a practice (the tenant).
    PracticeId, EntityKind::Practice);
id_type!(/// Identifies a coach.
    CoachId, EntityKind::Coach);
id_type!(/// Identifies a client.
    ClientId, EntityKind::Client);
id_type!(/// Identifies a program (an engagement template).
    ProgramId, EntityKind::Program);
id_type!(/// Identifies an engagement.
    EngagementId, EntityKind::Engagement);
id_type!(/// Identifies a session (an appointment).
    SessionId, EntityKind::Session);
id_type!(/// Identifies a note.
    NoteId, EntityKind::Note);
id_type!(/// Identifies a goal.
    GoalId, EntityKind::Goal);
id_type!(/// Identifies a milestone of a goal.
    MilestoneId, EntityKind::Milestone);
id_type!(/// Identifies an assignment.
    AssignmentId, EntityKind::Assignment);
id_type!(/// Identifies a file attached to an assignment.
    AssignmentFileId, EntityKind::AssignmentFile);
id_type!(/// Identifies a resource (folder, file or link).
    ResourceId, EntityKind::Resource);
id_type!(/// Identifies a comment.
    CommentId, EntityKind::Comment);
id_type!(/// Identifies a program item (a goal, assignment or resource template).
    ProgramItemId, EntityKind::ProgramItem);
id_type!(/// Identifies an entry of a client's journal.
    JournalEntryId, EntityKind::JournalEntry);
id_type!(/// Identifies a custom field's definition.
    FieldId, EntityKind::Field);
id_type!(/// Identifies a form template of a practice's library.
    FormTemplateId, EntityKind::FormTemplate);
id_type!(/// Identifies a form sent into an engagement.
    FormId, EntityKind::Form);
id_type!(/// Identifies an activity-log entry.
    LogEntryId, EntityKind::Engagement);

/// Calls `$m!` with every id type: what the storage backends implement their column
/// conversions for.
macro_rules! every_id {
    ($m:ident) => {
        $m!(
            PracticeId,
            CoachId,
            ClientId,
            ProgramId,
            EngagementId,
            SessionId,
            LogEntryId,
            NoteId,
            GoalId,
            MilestoneId,
            AssignmentId,
            AssignmentFileId,
            ResourceId,
            CommentId,
            ProgramItemId,
            JournalEntryId,
            FieldId,
            FormTemplateId,
            FormId
        );
    };
}
pub(crate) use every_id;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text() {
        let id = EngagementId::new();
        let parsed: EngagementId = id.to_string().parse().unwrap();
        assert_eq!(id, parsed);
    }

    #[test]
    fn bad_id_text_is_a_validation_error() {
        let err = "not-a-uuid".parse::<CoachId>().unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err:?}");
    }

    #[test]
    fn ids_sort_by_creation() {
        let a = ClientId::new();
        let b = ClientId::new();
        assert!(a < b);
    }
}
