//! Assignments (created by the coach, completed by either side) and their files.

use chrono::NaiveDate;

use crate::activity::{Action, TargetRef};
use crate::actor::Actor;
use crate::auth;
use crate::content::*;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::ids::{AssignmentFileId, AssignmentId, EngagementId, EntityKind, ResourceId};
use crate::storage::Reader;
use crate::validate;

use super::engagement::{fetch, load};
use super::resources::{build, load_resource};
use super::Coaching;

/// An assignment's fields, for creating (`name` required) and editing (`None` leaves a field).
#[derive(Debug, Clone, Default)]
pub struct AssignmentInput {
    /// The name: required (not empty) when creating; `None` leaves it when editing.
    pub name: Option<String>,
    /// `Some(None)` clears it.
    pub description: Option<Option<String>>,
    /// `Some(None)` clears it.
    pub due_date: Option<Option<NaiveDate>>,
}

/// Where an assignment file comes from.
#[derive(Debug, Clone)]
pub enum AssignmentFileSource {
    /// A file or link of the practice library.
    Library(ResourceId),
    /// A file (or link) uploaded for this assignment; stored in the engagement.
    Upload(NewResource),
}

fn target(a: &Assignment) -> TargetRef {
    TargetRef::new(EntityKind::Assignment, *a.id.as_uuid())
}

pub(crate) fn load_assignment(
    r: &dyn Reader,
    actor: Actor,
    id: AssignmentId,
) -> Result<(Assignment, Engagement)> {
    let a = r
        .assignment(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Assignment, id))?;
    auth::hide_foreign(r, actor, a.practice_id, EntityKind::Assignment, id)?;
    let e = fetch(r, a.engagement_id)?;
    Ok((a, e))
}

impl Coaching {
    /// Creates an Open assignment (the engagement's coach or the owner).
    pub fn create_assignment(
        &self,
        actor: Actor,
        engagement: EngagementId,
        input: AssignmentInput,
    ) -> Result<Assignment> {
        let name = validate::name("name", input.name.as_deref().unwrap_or_default())?;
        validate::optional_date("due_date", input.due_date.flatten())?;
        let description =
            validate::optional_text("description", input.description.flatten().as_deref())?;
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::manage(tx.r(), actor, &e)?;
            let a = Assignment {
                id: AssignmentId::new(),
                practice_id: e.practice_id,
                engagement_id: e.id,
                name,
                description,
                due_date: input.due_date.flatten(),
                status: AssignmentStatus::Open,
                created_by: actor,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_assignment(&a)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::AssignmentCreated,
                target(&a),
                Some(a.name.clone()),
            )?;
            Ok(a)
        })
    }

    /// Edits an assignment (the engagement's coach or the owner).
    pub fn update_assignment(
        &self,
        actor: Actor,
        id: AssignmentId,
        input: AssignmentInput,
    ) -> Result<Assignment> {
        let name = input
            .name
            .as_deref()
            .map(|n| validate::name("name", n))
            .transpose()?;
        validate::optional_date("due_date", input.due_date.flatten())?;
        let description = input
            .description
            .as_ref()
            .map(|d| validate::optional_text("description", d.as_deref()))
            .transpose()?;
        self.write(|tx| {
            let (mut a, e) = load_assignment(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            if let Some(n) = name {
                a.name = n;
            }
            if let Some(d) = description {
                a.description = d;
            }
            if let Some(d) = input.due_date {
                a.due_date = d;
            }
            a.updated_at = tx.now;
            tx.w.save_assignment(&a)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::AssignmentUpdated,
                target(&a),
                Some(a.name.clone()),
            )?;
            Ok(a)
        })
    }

    /// Marks an assignment Completed or Open again (the coach, or the client with a portal in
    /// an Active engagement).
    pub fn set_assignment_status(
        &self,
        actor: Actor,
        id: AssignmentId,
        status: AssignmentStatus,
    ) -> Result<Assignment> {
        self.write(|tx| {
            let (mut a, e) = load_assignment(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            if a.status == status {
                return Ok(a);
            }
            a.status = status;
            a.updated_at = tx.now;
            tx.w.save_assignment(&a)?;
            let action = match status {
                AssignmentStatus::Completed => Action::AssignmentCompleted,
                AssignmentStatus::Open => Action::AssignmentReopened,
            };
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                action,
                target(&a),
                Some(a.name.clone()),
            )?;
            Ok(a)
        })
    }

    /// Deletes an assignment with its attachments and comments (the coach or the owner). The
    /// library files it pointed at stay in the library.
    pub fn delete_assignment(&self, actor: Actor, id: AssignmentId) -> Result<()> {
        self.write(|tx| {
            let (a, e) = load_assignment(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            tx.w.delete_assignment(id)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::AssignmentDeleted,
                target(&a),
                Some(a.name.clone()),
            )
        })
    }

    /// Attaches a library file or an uploaded one to an assignment, with an optional message
    /// shown to the client next to it (the coach or the owner).
    pub fn add_assignment_file(
        &self,
        actor: Actor,
        assignment: AssignmentId,
        source: AssignmentFileSource,
        message: Option<&str>,
    ) -> Result<AssignmentFile> {
        let message = validate::optional_text("message", message)?;
        let limit = self.max_file_bytes();
        self.write(|tx| {
            let (a, e) = load_assignment(tx.r(), actor, assignment)?;
            auth::manage(tx.r(), actor, &e)?;
            let resource = match source {
                AssignmentFileSource::Library(id) => {
                    let res = load_resource(tx.r(), actor, id)?;
                    if res.place != ResourcePlace::Library || res.practice_id != e.practice_id {
                        return Err(Error::denied("the file is not in this practice's library"));
                    }
                    if res.kind == ResourceKind::Folder {
                        return Err(Error::invalid(
                            "resource",
                            "attach a file or a link, not a folder",
                        ));
                    }
                    res
                }
                AssignmentFileSource::Upload(new) => {
                    if matches!(new, NewResource::Folder { .. }) {
                        return Err(Error::invalid(
                            "resource",
                            "attach a file or a link, not a folder",
                        ));
                    }
                    let place = ResourcePlace::Engagement(e.id);
                    let (res, bytes) = build(tx, limit, e.practice_id, place, None, new, actor)?;
                    tx.w.save_resource(&res, bytes.as_deref())?;
                    res
                }
            };
            let f = AssignmentFile {
                id: AssignmentFileId::new(),
                assignment_id: a.id,
                resource_id: resource.id,
                message,
                added_by: actor,
                added_at: tx.now,
            };
            tx.w.save_assignment_file(&f)?;
            let t = TargetRef::new(EntityKind::AssignmentFile, *f.id.as_uuid());
            let detail = format!("{} → {}", resource.name, a.name);
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::AssignmentFileAdded,
                t,
                Some(detail),
            )?;
            Ok(f)
        })
    }

    /// Detaches a file from an assignment (the coach or the owner).
    pub fn remove_assignment_file(&self, actor: Actor, file: AssignmentFileId) -> Result<()> {
        self.write(|tx| {
            let f = tx
                .r()
                .assignment_file(file)?
                .ok_or_else(|| Error::not_found(EntityKind::AssignmentFile, file))?;
            let a = tx
                .r()
                .assignment(f.assignment_id)?
                .ok_or_else(|| Error::not_found(EntityKind::AssignmentFile, file))?;
            // Outside the practice, the file does not exist (and its assignment is not named).
            auth::hide_foreign(
                tx.r(),
                actor,
                a.practice_id,
                EntityKind::AssignmentFile,
                file,
            )?;
            let e = fetch(tx.r(), a.engagement_id)?;
            auth::manage(tx.r(), actor, &e)?;
            tx.w.delete_assignment_file(file)?;
            let t = TargetRef::new(EntityKind::AssignmentFile, *file.as_uuid());
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::AssignmentFileRemoved,
                t,
                Some(a.name),
            )
        })
    }

    /// An engagement's assignments with their files (its coaches, or its client with a portal).
    pub fn assignments(
        &self,
        actor: Actor,
        engagement: EngagementId,
    ) -> Result<Vec<AssignmentWithFiles>> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            auth::view_contents(r, actor, &e)?;
            let files = r.assignment_files(engagement)?;
            Ok(r.assignments(engagement)?
                .into_iter()
                .map(|assignment| AssignmentWithFiles {
                    files: files
                        .iter()
                        .filter(|f| f.assignment_id == assignment.id)
                        .cloned()
                        .collect(),
                    assignment,
                })
                .collect())
        })
    }
}
