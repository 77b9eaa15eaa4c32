//! Assignments and their files. Mirrors `coaching-core/src/service/assignments.rs`.

use chrono::NaiveDate;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
    #[pyo3(signature = (actor, engagement_id, name, *, description=None, due_date=None))]
    fn create_assignment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        name: String,
        description: Option<String>,
        due_date: Option<NaiveDate>,
    ) -> PyResult<Assignment> {
        let input = core::AssignmentInput {
            name: Some(name),
            description: Some(description),
            due_date: Some(due_date),
        };
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.create_assignment(a, e, input))
            .map(|x| Assignment::of(&x, &[]))
    }

    /// Edits an assignment: `name`, `description`, `due_date` (None clears).
    #[pyo3(signature = (actor, assignment_id, **changes))]
    fn update_assignment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Assignment> {
        let c = Changes::new(changes, &["name", "description", "due_date"])?;
        let u = core::AssignmentInput {
            name: c.set("name")?,
            description: c.get("description")?,
            due_date: c.get("due_date")?,
        };
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| l.update_assignment(a, x, u))
            .map(|x| Assignment::of(&x, &[]))
    }

    fn set_assignment_status(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
        status: &str,
    ) -> PyResult<Assignment> {
        let st = enum_arg(
            status,
            &[
                ("open", core::AssignmentStatus::Open),
                ("completed", core::AssignmentStatus::Completed),
            ],
            "status",
        )?;
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| l.set_assignment_status(a, x, st))
            .map(|x| Assignment::of(&x, &[]))
    }

    fn delete_assignment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
    ) -> PyResult<()> {
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| l.delete_assignment(a, x))
    }

    /// Attaches a library file (`resource_id`) or a new upload (`name` + `data`) to an
    /// assignment, with an optional `message` for the client.
    #[pyo3(signature = (actor, assignment_id, *, resource_id=None, name=None, data=None, media_type="", message=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_assignment_file(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
        resource_id: Option<&str>,
        name: Option<String>,
        data: Option<Vec<u8>>,
        media_type: &str,
        message: Option<String>,
    ) -> PyResult<AssignmentFile> {
        let source = match (resource_id, name, data) {
            (Some(r), None, None) => core::AssignmentFileSource::Library(id(r)?),
            (None, Some(name), Some(bytes)) => {
                core::AssignmentFileSource::Upload(core::NewResource::File(core::NewFile {
                    name,
                    media_type: media_type.into(),
                    bytes,
                }))
            }
            _ => return Err(invalid("file", "give resource_id, or name and data")),
        };
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| {
            l.add_assignment_file(a, x, source, message.as_deref())
        })
        .map(|x| AssignmentFile::from(&x))
    }

    fn remove_assignment_file(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        file_id: &str,
    ) -> PyResult<()> {
        let (a, f) = (actor_arg(actor)?, id(file_id)?);
        self.run(py, move |l| l.remove_assignment_file(a, f))
    }

    fn assignments(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<Assignment>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.assignments(a, e)).map(|v| {
            v.iter()
                .map(|x| Assignment::of(&x.assignment, &x.files))
                .collect()
        })
    }
}
