//! Resources, program items and the client to-dos. Mirrors
//! `coaching-core/src/service/resources.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Adds to the practice library: a file (`data`), a link (`url`) or, with neither, a folder.
    #[pyo3(signature = (actor, practice_id, name, *, data=None, media_type="", url=None, parent_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_to_library(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, name: String,
        data: Option<Vec<u8>>, media_type: &str, url: Option<String>,
        parent_id: Option<Id<core::ResourceId>>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let parent = parent_id.map(|x| x.0);
        self.one(py, move |l| {
            l.add_to_library(actor.0, practice_id.0, parent, new)
        })
    }

    /// The practice library's items at the top, or in the folder `parent_id`.
    #[pyo3(signature = (actor, practice_id, parent_id=None))]
    fn library(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
        parent_id: Option<Id<core::ResourceId>>,
    ) -> PyResult<Vec<Resource>> {
        let parent = parent_id.map(|x| x.0);
        self.many(py, move |l| l.library(actor.0, practice_id.0, parent))
    }

    /// Adds a file (`data`), a link (`url`) or, with neither, a folder to the acting client's
    /// own library (a client with a portal).
    #[pyo3(signature = (actor, name, *, data=None, media_type="", url=None, parent_id=None))]
    fn add_to_client_library(
        &self, py: Python<'_>, actor: Who, name: String, data: Option<Vec<u8>>, media_type: &str,
        url: Option<String>, parent_id: Option<Id<core::ResourceId>>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let parent = parent_id.map(|x| x.0);
        self.one(py, move |l| l.add_to_client_library(actor.0, parent, new))
    }

    /// The acting client's own library, at the top or in the folder `parent_id`.
    #[pyo3(signature = (actor, parent_id=None))]
    fn client_library(
        &self, py: Python<'_>, actor: Who, parent_id: Option<Id<core::ResourceId>>,
    ) -> PyResult<Vec<Resource>> {
        let parent = parent_id.map(|x| x.0);
        self.many(py, move |l| l.client_library(actor.0, parent))
    }

    /// Shares a library file, link or whole folder into an engagement (the client needs a
    /// portal).
    fn share_resource(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        resource_id: Id<core::ResourceId>,
    ) -> PyResult<()> {
        self.run(py, move |l| {
            l.share_resource(actor.0, engagement_id.0, resource_id.0)
        })
    }

    /// Stops sharing a library item into an engagement.
    fn unshare_resource(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        resource_id: Id<core::ResourceId>,
    ) -> PyResult<()> {
        self.run(py, move |l| {
            l.unshare_resource(actor.0, engagement_id.0, resource_id.0)
        })
    }

    /// Uploads a file (`data`) or link (`url`) into an engagement.
    #[pyo3(signature = (actor, engagement_id, name, *, data=None, media_type="", url=None))]
    fn upload_to_engagement(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, name: String,
        data: Option<Vec<u8>>, media_type: &str, url: Option<String>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        self.one(py, move |l| {
            l.upload_to_engagement(actor.0, engagement_id.0, new)
        })
    }

    /// A client shares a file they uploaded into an engagement with the coach.
    fn share_with_coach(
        &self, py: Python<'_>, actor: Who, resource_id: Id<core::ResourceId>,
    ) -> PyResult<Resource> {
        self.one(py, move |l| l.share_with_coach(actor.0, resource_id.0))
    }

    /// An engagement's resources as its Resources page lists them: library items shared in,
    /// then uploads.
    fn engagement_resources(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Vec<EngagementResource>> {
        self.many(py, move |l| {
            l.engagement_resources(actor.0, engagement_id.0)
        })
    }

    /// The contents of a folder shared into an engagement (or of a folder inside one).
    fn engagement_folder(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        folder_id: Id<core::ResourceId>,
    ) -> PyResult<Vec<Resource>> {
        self.many(py, move |l| {
            l.engagement_folder(actor.0, engagement_id.0, folder_id.0)
        })
    }

    /// A file's bytes; `engagement_id` names the engagement it is seen through, if any.
    #[pyo3(signature = (actor, resource_id, engagement_id=None))]
    fn download<'py>(
        &self, py: Python<'py>, actor: Who, resource_id: Id<core::ResourceId>,
        engagement_id: Option<Id<core::EngagementId>>,
    ) -> PyResult<(Resource, Bound<'py, PyBytes>)> {
        let e = engagement_id.map(|x| x.0);
        let (res, bytes) = self.run(py, move |l| l.download(actor.0, resource_id.0, e))?;
        Ok((Resource::from(&res), PyBytes::new(py, &bytes)))
    }

    /// Deletes a resource (a folder with everything in it).
    fn delete_resource(
        &self, py: Python<'_>, actor: Who, resource_id: Id<core::ResourceId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.delete_resource(actor.0, resource_id.0))
    }

    /// Adds a program item: `kind` "goal" or "assignment" (with `name`, `description`,
    /// `due_after_days`), "resource" (with `resource_id`) or "form" (with `template_id`,
    /// `due_after_days`).
    #[pyo3(signature = (actor, program_id, kind, *, name=None, description=None, due_after_days=None, resource_id=None, template_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_program_item(
        &self, py: Python<'_>, actor: Who, program_id: Id<core::ProgramId>, kind: &str,
        name: Option<String>, description: Option<String>, due_after_days: Option<Count<u32>>,
        resource_id: Option<&str>, template_id: Option<&str>,
    ) -> PyResult<ProgramItem> {
        let need_name = || {
            name.clone()
                .ok_or_else(|| invalid("name", "a goal or assignment item needs a name"))
        };
        // `kind` has no enum of its own; `resource_id` and `template_id` are read only for
        // their kind of item.
        let item = match kind {
            "goal" => core::ProgramItemKind::Goal {
                name: need_name()?,
                description: description.clone(),
                due_after_days: due_after_days.map(|c| c.0),
            },
            "assignment" => core::ProgramItemKind::Assignment {
                name: need_name()?,
                description: description.clone(),
                due_after_days: due_after_days.map(|c| c.0),
            },
            "resource" => core::ProgramItemKind::Resource {
                resource_id: id(resource_id
                    .ok_or_else(|| invalid("resource_id", "a resource item needs resource_id"))?)?,
            },
            "form" => core::ProgramItemKind::Form {
                template_id: id(template_id
                    .ok_or_else(|| invalid("template_id", "a form item needs template_id"))?)?,
                due_after_days: due_after_days.map(|c| c.0),
            },
            other => {
                return Err(invalid(
                    "kind",
                    format!("`{other}` is not goal, assignment, resource or form"),
                ))
            }
        };
        self.one(py, move |l| l.add_program_item(actor.0, program_id.0, item))
    }

    /// Removes a program item (existing engagements keep their copies).
    fn remove_program_item(
        &self, py: Python<'_>, actor: Who, program_id: Id<core::ProgramId>,
        item_id: Id<core::ProgramItemId>,
    ) -> PyResult<()> {
        self.run(py, move |l| {
            l.remove_program_item(actor.0, program_id.0, item_id.0)
        })
    }

    /// A program's items in order.
    fn program_items(
        &self, py: Python<'_>, actor: Who, program_id: Id<core::ProgramId>,
    ) -> PyResult<Vec<ProgramItem>> {
        self.many(py, move |l| l.program_items(actor.0, program_id.0))
    }

    /// The Client To-Dos of a coach's dashboard: open goals, milestones and assignments
    /// across the coach's Active engagements, by due date (undated last), paged.
    #[pyo3(signature = (actor, coach_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, coach_id, *, offset=0, limit=50)")]
    fn client_todos(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>, offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<Todo>> {
        let page = core::Page::new(offset.0, limit.0);
        self.many(py, move |l| l.client_todos(actor.0, coach_id.0, page))
    }

    /// What is due in `[start, end)`, as reminders per person: Scheduled sessions starting
    /// in the window (to their coach and client), open goals, milestones and assignments due
    /// by its last day in the practice's time zone, overdue ones included (to the coach, and
    /// to the client when they have a portal). The owner gets the practice, another coach
    /// their engagements, a client their own reminders.
    fn due(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, start: Dt<'_>,
        end: Dt<'_>,
    ) -> PyResult<Vec<Reminder>> {
        let (f, t) = (start.utc("start")?, end.utc("end")?);
        self.many(py, move |l| l.due(actor.0, practice_id.0, f, t))
    }
}
