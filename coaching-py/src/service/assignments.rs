//! Assignments and their files. Mirrors `coaching-core/src/service/assignments.rs`.

use chrono::NaiveDate;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Creates an Open assignment in an engagement (its coach or the owner).
    #[pyo3(signature = (actor, engagement_id, name, *, description=None, due_date=None))]
    fn create_assignment(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, name: String,
        description: Option<String>, due_date: Option<NaiveDate>,
    ) -> PyResult<Assignment> {
        let input = core::AssignmentInput {
            name: Some(name),
            description: Some(description),
            due_date: Some(due_date),
        };
        self.run(py, move |l| {
            l.create_assignment(actor.0, engagement_id.0, input)
        })
        .map(|x| Assignment::of(&x, &[]))
    }

    /// Edits an assignment: `name`, `description`, `due_date` (None clears).
    #[pyo3(signature = (actor, assignment_id, **changes))]
    fn update_assignment(
        &self, py: Python<'_>, actor: Who, assignment_id: Id<core::AssignmentId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Assignment> {
        let c = Changes::new(changes, &["name", "description", "due_date"])?;
        let u = core::AssignmentInput {
            name: c.set("name")?,
            description: c.get("description")?,
            due_date: c.get("due_date")?,
        };
        self.run(py, move |l| {
            l.update_assignment(actor.0, assignment_id.0, u)
        })
        .map(|x| Assignment::of(&x, &[]))
    }

    /// Marks an assignment Completed, or Open again (`status`: "open", "completed").
    fn set_assignment_status(
        &self, py: Python<'_>, actor: Who, assignment_id: Id<core::AssignmentId>,
        status: Pick<core::AssignmentStatus>,
    ) -> PyResult<Assignment> {
        let st = status.get("status")?;
        self.run(py, move |l| {
            l.set_assignment_status(actor.0, assignment_id.0, st)
        })
        .map(|x| Assignment::of(&x, &[]))
    }

    /// Deletes an assignment with its attachments and comments; the library files it pointed
    /// at stay in the library.
    fn delete_assignment(
        &self, py: Python<'_>, actor: Who, assignment_id: Id<core::AssignmentId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.delete_assignment(actor.0, assignment_id.0))
    }

    /// Attaches a library file (`resource_id`) or a new upload (`name` + `data`) to an
    /// assignment, with an optional `message` for the client.
    #[pyo3(signature = (actor, assignment_id, *, resource_id=None, name=None, data=None, media_type="", message=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_assignment_file(
        &self, py: Python<'_>, actor: Who, assignment_id: Id<core::AssignmentId>,
        resource_id: Option<Id<core::ResourceId>>, name: Option<String>, data: Option<Vec<u8>>,
        media_type: &str, message: Option<String>,
    ) -> PyResult<AssignmentFile> {
        let source = match (resource_id, name, data) {
            (Some(r), None, None) => core::AssignmentFileSource::Library(r.0),
            (None, Some(name), Some(bytes)) => {
                core::AssignmentFileSource::Upload(core::NewResource::File(core::NewFile {
                    name,
                    media_type: media_type.into(),
                    bytes,
                }))
            }
            _ => return Err(invalid("file", "give resource_id, or name and data")),
        };
        self.one(py, move |l| {
            l.add_assignment_file(actor.0, assignment_id.0, source, message.as_deref())
        })
    }

    /// Detaches a file from an assignment.
    fn remove_assignment_file(
        &self, py: Python<'_>, actor: Who, file_id: Id<core::AssignmentFileId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.remove_assignment_file(actor.0, file_id.0))
    }

    /// An engagement's assignments with their files.
    fn assignments(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Vec<Assignment>> {
        self.run(py, move |l| l.assignments(actor.0, engagement_id.0))
            .map(|v| {
                v.iter()
                    .map(|x| Assignment::of(&x.assignment, &x.files))
                    .collect()
            })
    }
}
