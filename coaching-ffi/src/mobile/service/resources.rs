//! Resources, program items and the client to-dos. Mirrors
//! `coaching-core/src/service/resources.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use std::time::SystemTime;

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    pub fn add_to_library(
        &self, actor: Actor, practice_id: String, parent_id: Option<String>,
        resource: ResourceInput,
    ) -> R<Resource> {
        Ok(self
            .inner
            .add_to_library(
                actor.core()?,
                id(&practice_id)?,
                opt_id(parent_id)?,
                resource.into(),
            )?
            .into())
    }

    pub fn library(
        &self, actor: Actor, practice_id: String, parent_id: Option<String>,
    ) -> R<Vec<Resource>> {
        Ok(list(self.inner.library(
            actor.core()?,
            id(&practice_id)?,
            opt_id(parent_id)?,
        )?))
    }

    pub fn add_to_client_library(
        &self, actor: Actor, parent_id: Option<String>, resource: ResourceInput,
    ) -> R<Resource> {
        Ok(self
            .inner
            .add_to_client_library(actor.core()?, opt_id(parent_id)?, resource.into())?
            .into())
    }

    pub fn client_library(&self, actor: Actor, parent_id: Option<String>) -> R<Vec<Resource>> {
        Ok(list(
            self.inner
                .client_library(actor.core()?, opt_id(parent_id)?)?,
        ))
    }

    pub fn share_resource(
        &self, actor: Actor, engagement_id: String, resource_id: String,
    ) -> R<()> {
        Ok(self
            .inner
            .share_resource(actor.core()?, id(&engagement_id)?, id(&resource_id)?)?)
    }

    pub fn unshare_resource(
        &self, actor: Actor, engagement_id: String, resource_id: String,
    ) -> R<()> {
        Ok(self
            .inner
            .unshare_resource(actor.core()?, id(&engagement_id)?, id(&resource_id)?)?)
    }

    pub fn upload_to_engagement(
        &self, actor: Actor, engagement_id: String, resource: ResourceInput,
    ) -> R<Resource> {
        Ok(self
            .inner
            .upload_to_engagement(actor.core()?, id(&engagement_id)?, resource.into())?
            .into())
    }

    pub fn share_with_coach(&self, actor: Actor, resource_id: String) -> R<Resource> {
        Ok(self
            .inner
            .share_with_coach(actor.core()?, id(&resource_id)?)?
            .into())
    }

    pub fn engagement_resources(
        &self, actor: Actor, engagement_id: String,
    ) -> R<Vec<EngagementResource>> {
        Ok(list(self.inner.engagement_resources(
            actor.core()?,
            id(&engagement_id)?,
        )?))
    }

    pub fn engagement_folder(
        &self, actor: Actor, engagement_id: String, folder_id: String,
    ) -> R<Vec<Resource>> {
        Ok(list(self.inner.engagement_folder(
            actor.core()?,
            id(&engagement_id)?,
            id(&folder_id)?,
        )?))
    }

    pub fn download(
        &self, actor: Actor, resource_id: String, engagement_id: Option<String>,
    ) -> R<Download> {
        let (r, data) =
            self.inner
                .download(actor.core()?, id(&resource_id)?, opt_id(engagement_id)?)?;
        Ok(Download {
            resource: r.into(),
            data,
        })
    }

    pub fn delete_resource(&self, actor: Actor, resource_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_resource(actor.core()?, id(&resource_id)?)?)
    }

    pub fn add_program_item(
        &self, actor: Actor, program_id: String, item: ProgramItemKind,
    ) -> R<ProgramItem> {
        let item = match item {
            ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => core::ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            },
            ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => core::ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            },
            ProgramItemKind::Resource { resource_id } => core::ProgramItemKind::Resource {
                resource_id: id(&resource_id)?,
            },
            ProgramItemKind::Form {
                template_id,
                due_after_days,
            } => core::ProgramItemKind::Form {
                template_id: id(&template_id)?,
                due_after_days,
            },
        };
        Ok(self
            .inner
            .add_program_item(actor.core()?, id(&program_id)?, item)?
            .into())
    }

    pub fn remove_program_item(&self, actor: Actor, program_id: String, item_id: String) -> R<()> {
        Ok(self
            .inner
            .remove_program_item(actor.core()?, id(&program_id)?, id(&item_id)?)?)
    }

    pub fn program_items(&self, actor: Actor, program_id: String) -> R<Vec<ProgramItem>> {
        Ok(list(
            self.inner.program_items(actor.core()?, id(&program_id)?)?,
        ))
    }

    pub fn client_todos(
        &self, actor: Actor, coach_id: String, offset: u32, limit: u32,
    ) -> R<Vec<Todo>> {
        Ok(list(self.inner.client_todos(
            actor.core()?,
            id(&coach_id)?,
            page(offset, limit),
        )?))
    }

    /// What is due in `[from, to)`, as reminders per person (see the core's `due`).
    pub fn due(
        &self, actor: Actor, practice_id: String, from: SystemTime, to: SystemTime,
    ) -> R<Vec<Reminder>> {
        Ok(list(self.inner.due(
            actor.core()?,
            id(&practice_id)?,
            instant(from),
            instant(to),
        )?))
    }
}
