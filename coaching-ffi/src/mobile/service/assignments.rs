//! Assignments and their files. Mirrors `coaching-core/src/service/assignments.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    pub fn create_assignment(
        &self, actor: Actor, engagement_id: String, name: String, description: Option<String>,
        due_date: Option<CalendarDate>,
    ) -> R<Assignment> {
        let input = core::AssignmentInput {
            name: Some(name),
            description: Some(description),
            due_date: Some(opt_date(due_date)?),
        };
        Ok(assignment(
            self.inner
                .create_assignment(actor.core()?, id(&engagement_id)?, input)?,
            Vec::new(),
        ))
    }

    pub fn update_assignment(
        &self, actor: Actor, assignment_id: String, changes: ItemChanges,
    ) -> R<Assignment> {
        let u = core::AssignmentInput {
            name: changes.name,
            description: tri(changes.description, changes.clear_description),
            due_date: tri_date(changes.due_date, changes.clear_due_date)?,
        };
        Ok(assignment(
            self.inner
                .update_assignment(actor.core()?, id(&assignment_id)?, u)?,
            Vec::new(),
        ))
    }

    pub fn set_assignment_status(
        &self, actor: Actor, assignment_id: String, status: AssignmentStatus,
    ) -> R<Assignment> {
        Ok(assignment(
            self.inner
                .set_assignment_status(actor.core()?, id(&assignment_id)?, status.into())?,
            Vec::new(),
        ))
    }

    pub fn delete_assignment(&self, actor: Actor, assignment_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_assignment(actor.core()?, id(&assignment_id)?)?)
    }

    /// Attaches a library file (`resource_id`) or an upload (`upload`) with an optional message.
    pub fn add_assignment_file(
        &self, actor: Actor, assignment_id: String, resource_id: Option<String>,
        upload: Option<ResourceInput>, message: Option<String>,
    ) -> R<AssignmentFile> {
        let source = match (resource_id, upload) {
            (Some(r), None) => core::AssignmentFileSource::Library(id(&r)?),
            (None, Some(u)) => core::AssignmentFileSource::Upload(u.into()),
            _ => return Err(invalid("file", "give resource_id or upload")),
        };
        Ok(self
            .inner
            .add_assignment_file(
                actor.core()?,
                id(&assignment_id)?,
                source,
                message.as_deref(),
            )?
            .into())
    }

    pub fn remove_assignment_file(&self, actor: Actor, file_id: String) -> R<()> {
        Ok(self
            .inner
            .remove_assignment_file(actor.core()?, id(&file_id)?)?)
    }

    pub fn assignments(&self, actor: Actor, engagement_id: String) -> R<Vec<Assignment>> {
        Ok(self
            .inner
            .assignments(actor.core()?, id(&engagement_id)?)?
            .into_iter()
            .map(|a| assignment(a.assignment, a.files))
            .collect())
    }
}
