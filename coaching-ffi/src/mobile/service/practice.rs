//! Practices, coaches, clients and programs. Mirrors `coaching-core/src/service/practice.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    /// Signs a practice up; returns the practice's owner (a `Coach`) — read the practice with
    /// `practice(owner, owner.practiceId)`.
    pub fn create_practice(
        &self, name: String, time_zone: String, plan: Plan, owner_name: String,
        owner_email: Option<String>,
    ) -> R<Coach> {
        let (_, owner) = self.inner.create_practice(core::NewPractice {
            name,
            time_zone,
            plan: plan.into(),
            owner_name,
            owner_email,
        })?;
        Ok(owner.into())
    }

    pub fn practice(&self, actor: Actor, practice_id: String) -> R<Practice> {
        Ok(self
            .inner
            .practice(actor.core()?, id(&practice_id)?)?
            .into())
    }

    pub fn change_plan(&self, actor: Actor, practice_id: String, plan: Plan) -> R<Practice> {
        Ok(self
            .inner
            .change_plan(actor.core()?, id(&practice_id)?, plan.into())?
            .into())
    }

    pub fn add_coach(
        &self, actor: Actor, practice_id: String, name: String, email: Option<String>,
    ) -> R<Coach> {
        Ok(self
            .inner
            .add_coach(
                actor.core()?,
                id(&practice_id)?,
                core::NewCoach { name, email },
            )?
            .into())
    }

    pub fn coaches(&self, actor: Actor, practice_id: String) -> R<Vec<Coach>> {
        Ok(list(self.inner.coaches(actor.core()?, id(&practice_id)?)?))
    }

    pub fn add_client(
        &self, actor: Actor, practice_id: String, name: String, email: Option<String>,
        has_portal: bool,
    ) -> R<Client> {
        Ok(self
            .inner
            .add_client(
                actor.core()?,
                id(&practice_id)?,
                core::NewClient {
                    name,
                    email,
                    has_portal,
                },
            )?
            .into())
    }

    pub fn update_client(
        &self, actor: Actor, client_id: String, changes: ClientChanges,
    ) -> R<Client> {
        let u = core::ClientUpdate {
            name: changes.name,
            email: tri(changes.email, changes.clear_email),
            has_portal: changes.has_portal,
        };
        Ok(self
            .inner
            .update_client(actor.core()?, id(&client_id)?, u)?
            .into())
    }

    pub fn client(&self, actor: Actor, client_id: String) -> R<Client> {
        Ok(self.inner.client(actor.core()?, id(&client_id)?)?.into())
    }

    pub fn clients(&self, actor: Actor, practice_id: String) -> R<Vec<Client>> {
        Ok(list(self.inner.clients(actor.core()?, id(&practice_id)?)?))
    }

    pub fn create_program(
        &self, actor: Actor, practice_id: String, program: NewProgram,
    ) -> R<Program> {
        let new = core::NewProgram {
            name: program.name,
            planned: core::Planned {
                unit: program.unit.into(),
                amount: program.planned,
            },
            session_minutes: program.session_minutes,
            no_show_counts: program.no_show_counts,
            late_cancel_window_minutes: program.late_cancel_window_minutes,
        };
        Ok(self
            .inner
            .create_program(actor.core()?, id(&practice_id)?, new)?
            .into())
    }

    /// Edits a program (any coach of the practice); engagements keep what they copied.
    pub fn update_program(
        &self, actor: Actor, program_id: String, changes: ProgramChanges,
    ) -> R<Program> {
        let planned = match (changes.planned, changes.unit) {
            (Some(amount), Some(unit)) => Some(core::Planned {
                unit: unit.into(),
                amount,
            }),
            (Some(amount), None) => Some(core::Planned::sessions(amount)),
            (None, _) => None,
        };
        let update = core::ProgramUpdate {
            name: changes.name,
            planned,
            session_minutes: changes.session_minutes,
            no_show_counts: changes.no_show_counts,
            late_cancel_window_minutes: if changes.clear_late_cancel_window {
                Some(None)
            } else {
                changes.late_cancel_window_minutes.map(Some)
            },
        };
        Ok(self
            .inner
            .update_program(actor.core()?, id(&program_id)?, update)?
            .into())
    }

    pub fn program(&self, actor: Actor, program_id: String) -> R<Program> {
        Ok(self.inner.program(actor.core()?, id(&program_id)?)?.into())
    }

    pub fn programs(&self, actor: Actor, practice_id: String) -> R<Vec<Program>> {
        Ok(list(self.inner.programs(actor.core()?, id(&practice_id)?)?))
    }
}
