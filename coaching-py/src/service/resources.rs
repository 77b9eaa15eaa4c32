//! Resources, program items and the client to-dos. Mirrors
//! `coaching-core/src/service/resources.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
    /// Adds to the practice library: a file (`data`), a link (`url`) or, with neither, a folder.
    #[pyo3(signature = (actor, practice_id, name, *, data=None, media_type="", url=None, parent_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_to_library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        name: String,
        data: Option<Vec<u8>>,
        media_type: &str,
        url: Option<String>,
        parent_id: Option<&str>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let (a, p, parent) = (actor_arg(actor)?, id(practice_id)?, opt_id(parent_id)?);
        self.run(py, move |l| l.add_to_library(a, p, parent, new))
            .map(|x| Resource::from(&x))
    }

    #[pyo3(signature = (actor, practice_id, parent_id=None))]
    fn library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        parent_id: Option<&str>,
    ) -> PyResult<Vec<Resource>> {
        let (a, p, parent) = (actor_arg(actor)?, id(practice_id)?, opt_id(parent_id)?);
        self.run(py, move |l| l.library(a, p, parent))
            .map(|v| v.iter().map(Resource::from).collect())
    }

    #[pyo3(signature = (actor, name, *, data=None, media_type="", url=None, parent_id=None))]
    fn add_to_client_library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        name: String,
        data: Option<Vec<u8>>,
        media_type: &str,
        url: Option<String>,
        parent_id: Option<&str>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let (a, parent) = (actor_arg(actor)?, opt_id(parent_id)?);
        self.run(py, move |l| l.add_to_client_library(a, parent, new))
            .map(|x| Resource::from(&x))
    }

    #[pyo3(signature = (actor, parent_id=None))]
    fn client_library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        parent_id: Option<&str>,
    ) -> PyResult<Vec<Resource>> {
        let (a, parent) = (actor_arg(actor)?, opt_id(parent_id)?);
        self.run(py, move |l| l.client_library(a, parent))
            .map(|v| v.iter().map(Resource::from).collect())
    }

    fn share_resource(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        resource_id: &str,
    ) -> PyResult<()> {
        let (a, e, r) = (actor_arg(actor)?, id(engagement_id)?, id(resource_id)?);
        self.run(py, move |l| l.share_resource(a, e, r))
    }

    fn unshare_resource(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        resource_id: &str,
    ) -> PyResult<()> {
        let (a, e, r) = (actor_arg(actor)?, id(engagement_id)?, id(resource_id)?);
        self.run(py, move |l| l.unshare_resource(a, e, r))
    }

    /// Uploads a file (`data`) or link (`url`) into an engagement.
    #[pyo3(signature = (actor, engagement_id, name, *, data=None, media_type="", url=None))]
    fn upload_to_engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        name: String,
        data: Option<Vec<u8>>,
        media_type: &str,
        url: Option<String>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.upload_to_engagement(a, e, new))
            .map(|x| Resource::from(&x))
    }

    fn share_with_coach(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        resource_id: &str,
    ) -> PyResult<Resource> {
        let (a, r) = (actor_arg(actor)?, id(resource_id)?);
        self.run(py, move |l| l.share_with_coach(a, r))
            .map(|x| Resource::from(&x))
    }

    fn engagement_resources(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<EngagementResource>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.engagement_resources(a, e))
            .map(|v| v.iter().map(EngagementResource::from).collect())
    }

    fn engagement_folder(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        folder_id: &str,
    ) -> PyResult<Vec<Resource>> {
        let (a, e, f) = (actor_arg(actor)?, id(engagement_id)?, id(folder_id)?);
        self.run(py, move |l| l.engagement_folder(a, e, f))
            .map(|v| v.iter().map(Resource::from).collect())
    }

    /// A file's bytes; `engagement_id` names the engagement it is seen through, if any.
    #[pyo3(signature = (actor, resource_id, engagement_id=None))]
    fn download<'py>(
        &self,
        py: Python<'py>,
        actor: &Bound<'_, PyAny>,
        resource_id: &str,
        engagement_id: Option<&str>,
    ) -> PyResult<(Resource, Bound<'py, PyBytes>)> {
        let (a, r, e) = (actor_arg(actor)?, id(resource_id)?, opt_id(engagement_id)?);
        let (res, bytes) = self.run(py, move |l| l.download(a, r, e))?;
        Ok((Resource::from(&res), PyBytes::new(py, &bytes)))
    }

    fn delete_resource(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        resource_id: &str,
    ) -> PyResult<()> {
        let (a, r) = (actor_arg(actor)?, id(resource_id)?);
        self.run(py, move |l| l.delete_resource(a, r))
    }

    /// Adds a program item: `kind` "goal" or "assignment" (with `name`, `description`,
    /// `due_after_days`) or "resource" (with `resource_id`).
    #[pyo3(signature = (actor, program_id, kind, *, name=None, description=None, due_after_days=None, resource_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_program_item(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
        kind: &str,
        name: Option<String>,
        description: Option<String>,
        due_after_days: Option<Count<u32>>,
        resource_id: Option<&str>,
    ) -> PyResult<ProgramItem> {
        let need_name = || {
            name.clone()
                .ok_or_else(|| invalid("name", "a goal or assignment item needs a name"))
        };
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
            other => {
                return Err(invalid(
                    "kind",
                    format!("`{other}` is not goal, assignment or resource"),
                ))
            }
        };
        let (a, p) = (actor_arg(actor)?, id(program_id)?);
        self.run(py, move |l| l.add_program_item(a, p, item))
            .map(|x| ProgramItem::from(&x))
    }

    fn remove_program_item(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
        item_id: &str,
    ) -> PyResult<()> {
        let (a, p, i) = (actor_arg(actor)?, id(program_id)?, id(item_id)?);
        self.run(py, move |l| l.remove_program_item(a, p, i))
    }

    fn program_items(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
    ) -> PyResult<Vec<ProgramItem>> {
        let (a, p) = (actor_arg(actor)?, id(program_id)?);
        self.run(py, move |l| l.program_items(a, p))
            .map(|v| v.iter().map(ProgramItem::from).collect())
    }

    #[pyo3(signature = (actor, coach_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, coach_id, *, offset=0, limit=50)")]
    fn client_todos(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        coach_id: &str,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<Todo>> {
        let (a, c) = (actor_arg(actor)?, id(coach_id)?);
        self.run(py, move |l| {
            l.client_todos(a, c, core::Page::new(offset.0, limit.0))
        })
        .map(|v| v.iter().map(Todo::from).collect())
    }
}
