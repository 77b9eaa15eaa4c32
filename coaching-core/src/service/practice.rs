//! Practices, coaches, clients, programs and plans.

use crate::activity::{Action, TargetRef};
use crate::actor::Actor;
use crate::auth;
use crate::error::{Error, Result};
use crate::ids::{ClientId, CoachId, EntityKind, PracticeId, ProgramId};
use crate::model::{Client, Coach, Practice, Program};
use crate::plan::Plan;
use crate::progress::{Planned, ProgressUnit};
use crate::validate;

use super::Coaching;

/// Most planned sessions of one engagement or program.
pub const MAX_PLANNED_SESSIONS: u32 = 10_000;
/// Most planned minutes (hours mode) of one engagement or program.
pub const MAX_PLANNED_MINUTES: u32 = 1_000_000;
/// Longest session, in minutes.
pub const MAX_SESSION_MINUTES: u32 = 24 * 60;
/// Longest late-cancellation window, in minutes (30 days).
pub const MAX_LATE_CANCEL_MINUTES: u32 = 30 * 24 * 60;

/// A new practice with its owner.
#[derive(Debug, Clone)]
pub struct NewPractice {
    /// The business's name (required).
    pub name: String,
    /// IANA time zone name, e.g. `Europe/London`.
    pub time_zone: String,
    /// The plan the practice starts on (e.g. [`Plan::free`]).
    pub plan: Plan,
    /// The owner's name (required): the owner is created as the practice's first coach.
    pub owner_name: String,
    /// The owner's e-mail address; `None`: not given.
    pub owner_email: Option<String>,
}

/// A new coach.
#[derive(Debug, Clone, Default)]
pub struct NewCoach {
    /// The coach's name (required).
    pub name: String,
    /// The coach's e-mail address; `None`: not given.
    pub email: Option<String>,
}

/// A new client.
#[derive(Debug, Clone, Default)]
pub struct NewClient {
    /// The client's name (required).
    pub name: String,
    /// The client's e-mail address; `None`: not given.
    pub email: Option<String>,
    /// Whether the client has a portal account; without one nothing can be shared with them.
    pub has_portal: bool,
}

/// Changes to a client; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ClientUpdate {
    /// A new name (not empty).
    pub name: Option<String>,
    /// `Some(None)` removes the address.
    pub email: Option<Option<String>>,
    /// A new portal flag: whether the client has a portal account (without one nothing can be
    /// shared with them).
    pub has_portal: Option<bool>,
}

/// A new program.
#[derive(Debug, Clone)]
pub struct NewProgram {
    /// The program's name (required).
    pub name: String,
    /// The planned total: 1 to 10,000 sessions, or 1 to 1,000,000 minutes in hours mode.
    pub planned: Planned,
    /// Default length of one session, in minutes.
    pub session_minutes: u32,
    /// Whether a no-show uses up a session (the usual choice is true).
    pub no_show_counts: bool,
    /// A client cancelling less than this many minutes before the start uses up the session (at
    /// most 30 days); `None`: no late cancellations.
    pub late_cancel_window_minutes: Option<u32>,
}

impl NewProgram {
    /// A program of `sessions` sessions of an hour, no-shows counted, no late window.
    pub fn sessions(name: impl Into<String>, sessions: u32) -> Self {
        NewProgram {
            name: name.into(),
            planned: Planned::sessions(sessions),
            session_minutes: 60,
            no_show_counts: true,
            late_cancel_window_minutes: None,
        }
    }
}

/// Changes to a program; engagements already created from it keep their copy.
#[derive(Debug, Clone, Default)]
pub struct ProgramUpdate {
    /// A new name (not empty).
    pub name: Option<String>,
    /// A new planned total (same bounds as [`NewProgram::planned`]).
    pub planned: Option<Planned>,
    /// A new default session length, in minutes (1 to 1,440: a day).
    pub session_minutes: Option<u32>,
    /// Whether a no-show uses up a session.
    pub no_show_counts: Option<bool>,
    /// `Some(None)` removes the window.
    pub late_cancel_window_minutes: Option<Option<u32>>,
}

pub(crate) fn check_planned(p: Planned) -> Result<()> {
    let max = match p.unit {
        ProgressUnit::Sessions => MAX_PLANNED_SESSIONS,
        ProgressUnit::Hours => MAX_PLANNED_MINUTES,
    };
    if p.amount < 1 || p.amount > max {
        return Err(Error::invalid(
            "planned",
            format!(
                "must be between 1 and {max} {}",
                match p.unit {
                    ProgressUnit::Sessions => "sessions",
                    ProgressUnit::Hours => "minutes",
                }
            ),
        ));
    }
    Ok(())
}

pub(crate) fn check_session_minutes(m: u32) -> Result<()> {
    if !(1..=MAX_SESSION_MINUTES).contains(&m) {
        return Err(Error::invalid(
            "session_minutes",
            format!("must be between 1 and {MAX_SESSION_MINUTES}"),
        ));
    }
    Ok(())
}

pub(crate) fn check_late_window(w: Option<u32>) -> Result<()> {
    if w.is_some_and(|w| w > MAX_LATE_CANCEL_MINUTES) {
        return Err(Error::invalid(
            "late_cancel_window_minutes",
            format!("at most {MAX_LATE_CANCEL_MINUTES}"),
        ));
    }
    Ok(())
}

impl Coaching {
    /// Signs a practice up, with its owner as first coach. No actor: this is the host's own
    /// act. Logged as done by the owner.
    pub fn create_practice(&self, new: NewPractice) -> Result<(Practice, Coach)> {
        let name = validate::name("name", &new.name)?;
        let time_zone = validate::time_zone(&new.time_zone)?;
        new.plan.validate()?;
        let owner_name = validate::name("owner_name", &new.owner_name)?;
        let owner_email = validate::email("owner_email", new.owner_email.as_deref())?;
        self.write(|tx| {
            let practice_id = PracticeId::new();
            let owner = Coach {
                id: CoachId::new(),
                practice_id,
                name: owner_name,
                email: owner_email,
                created_at: tx.now,
            };
            let practice = Practice {
                id: practice_id,
                name,
                time_zone,
                plan: new.plan,
                owner_id: owner.id,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_practice(&practice)?;
            tx.w.save_coach(&owner)?;
            let target = TargetRef::new(EntityKind::Practice, *practice.id.as_uuid());
            tx.log(
                practice.id,
                None,
                Actor::Coach(owner.id),
                Action::PracticeCreated,
                target,
                None,
            )?;
            Ok((practice, owner))
        })
    }

    /// The practice, for any of its coaches or clients.
    pub fn practice(&self, actor: Actor, id: PracticeId) -> Result<Practice> {
        self.read(|r| {
            let p = auth::practice(r, id)?;
            match actor {
                Actor::Client(_) => auth::client_in(r, actor, id).map(|_| ())?,
                _ => auth::coach_in(r, actor, id).map(|_| ())?,
            }
            Ok(p)
        })
    }

    /// Moves the practice to another plan (owner only). A downgrade deactivates nothing: it
    /// only blocks further activations (or new coaches) until the practice is under the cap.
    pub fn change_plan(&self, actor: Actor, id: PracticeId, plan: Plan) -> Result<Practice> {
        plan.validate()?;
        self.write(|tx| {
            let mut p = auth::practice(tx.r(), id)?;
            auth::owner_of(tx.r(), actor, &p)?;
            let detail = format!("{} → {}", p.plan.name, plan.name);
            p.plan = plan;
            p.updated_at = tx.now;
            tx.w.save_practice(&p)?;
            tx.log(
                id,
                None,
                actor,
                Action::PlanChanged,
                TargetRef::new(EntityKind::Practice, *id.as_uuid()),
                Some(detail),
            )?;
            Ok(p)
        })
    }

    /// Adds a coach (owner only), within the plan's `max_coaches`.
    pub fn add_coach(&self, actor: Actor, practice: PracticeId, new: NewCoach) -> Result<Coach> {
        let name = validate::name("name", &new.name)?;
        let email = validate::email("email", new.email.as_deref())?;
        self.write(|tx| {
            let p = auth::practice(tx.r(), practice)?;
            auth::owner_of(tx.r(), actor, &p)?;
            p.plan.check_new_coach(tx.r().count_coaches(practice)?)?;
            let coach = Coach {
                id: CoachId::new(),
                practice_id: practice,
                name,
                email,
                created_at: tx.now,
            };
            tx.w.save_coach(&coach)?;
            let target = TargetRef::new(EntityKind::Coach, *coach.id.as_uuid());
            tx.log(
                practice,
                None,
                actor,
                Action::CoachAdded,
                target,
                Some(coach.name.clone()),
            )?;
            Ok(coach)
        })
    }

    /// The practice's coaches, for any of them.
    pub fn coaches(&self, actor: Actor, practice: PracticeId) -> Result<Vec<Coach>> {
        self.read(|r| {
            auth::practice(r, practice)?;
            auth::coach_in(r, actor, practice)?;
            r.coaches(practice)
        })
    }

    /// Adds a client (any coach of the practice).
    pub fn add_client(&self, actor: Actor, practice: PracticeId, new: NewClient) -> Result<Client> {
        let name = validate::name("name", &new.name)?;
        let email = validate::email("email", new.email.as_deref())?;
        self.write(|tx| {
            auth::practice(tx.r(), practice)?;
            auth::coach_in(tx.r(), actor, practice)?;
            let client = Client {
                id: ClientId::new(),
                practice_id: practice,
                name,
                email,
                has_portal: new.has_portal,
                archived: false,
                erased: false,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_client(&client)?;
            let target = TargetRef::new(EntityKind::Client, *client.id.as_uuid());
            tx.log(
                practice,
                None,
                actor,
                Action::ClientAdded,
                target,
                Some(client.name.clone()),
            )?;
            Ok(client)
        })
    }

    /// Changes a client's name, e-mail or portal flag (any coach of the practice).
    pub fn update_client(
        &self,
        actor: Actor,
        id: ClientId,
        update: ClientUpdate,
    ) -> Result<Client> {
        let name = update
            .name
            .as_deref()
            .map(|n| validate::name("name", n))
            .transpose()?;
        let email = update
            .email
            .as_ref()
            .map(|e| validate::email("email", e.as_deref()))
            .transpose()?;
        self.write(|tx| {
            let mut c = tx
                .r()
                .client(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Client, id))?;
            auth::hide_foreign(tx.r(), actor, c.practice_id, EntityKind::Client, id)?;
            auth::coach_in(tx.r(), actor, c.practice_id)?;
            super::archive::not_erased(&c)?;
            let mut changed = Vec::new();
            if let Some(n) = name {
                c.name = n;
                changed.push("name");
            }
            if let Some(e) = email {
                c.email = e;
                changed.push("email");
            }
            if let Some(p) = update.has_portal {
                c.has_portal = p;
                changed.push("has_portal");
            }
            c.updated_at = tx.now;
            tx.w.save_client(&c)?;
            let target = TargetRef::new(EntityKind::Client, *c.id.as_uuid());
            tx.log(
                c.practice_id,
                None,
                actor,
                Action::ClientUpdated,
                target,
                Some(changed.join(", ")),
            )?;
            Ok(c)
        })
    }

    /// A client, for any coach of the practice or the client themself.
    pub fn client(&self, actor: Actor, id: ClientId) -> Result<Client> {
        self.read(|r| {
            let c = r
                .client(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Client, id))?;
            auth::hide_foreign(r, actor, c.practice_id, EntityKind::Client, id)?;
            match actor {
                Actor::Client(me) if me == id => {}
                Actor::Client(_) => return Err(Error::denied("a client sees only themself")),
                _ => {
                    auth::coach_in(r, actor, c.practice_id)?;
                }
            }
            Ok(c)
        })
    }

    /// The practice's client directory, for any of its coaches: archived (and erased) clients left
    /// out ([`Coaching::archived_clients`] lists them).
    pub fn clients(&self, actor: Actor, practice: PracticeId) -> Result<Vec<Client>> {
        self.read(|r| {
            auth::practice(r, practice)?;
            auth::coach_in(r, actor, practice)?;
            Ok(r.clients(practice)?.into_iter().filter(|c| !c.archived).collect())
        })
    }

    /// Creates a program (any coach of the practice).
    pub fn create_program(
        &self,
        actor: Actor,
        practice: PracticeId,
        new: NewProgram,
    ) -> Result<Program> {
        let name = validate::name("name", &new.name)?;
        check_planned(new.planned)?;
        check_session_minutes(new.session_minutes)?;
        check_late_window(new.late_cancel_window_minutes)?;
        self.write(|tx| {
            auth::practice(tx.r(), practice)?;
            auth::coach_in(tx.r(), actor, practice)?;
            let program = Program {
                id: ProgramId::new(),
                practice_id: practice,
                name,
                planned: new.planned,
                session_minutes: new.session_minutes,
                no_show_counts: new.no_show_counts,
                late_cancel_window_minutes: new.late_cancel_window_minutes,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_program(&program)?;
            let target = TargetRef::new(EntityKind::Program, *program.id.as_uuid());
            tx.log(
                practice,
                None,
                actor,
                Action::ProgramCreated,
                target,
                Some(program.name.clone()),
            )?;
            Ok(program)
        })
    }

    /// Changes a program (any coach of the practice). Engagements already created from it keep
    /// what they copied.
    pub fn update_program(
        &self,
        actor: Actor,
        id: ProgramId,
        update: ProgramUpdate,
    ) -> Result<Program> {
        let name = update
            .name
            .as_deref()
            .map(|n| validate::name("name", n))
            .transpose()?;
        update.planned.map(check_planned).transpose()?;
        update
            .session_minutes
            .map(check_session_minutes)
            .transpose()?;
        update
            .late_cancel_window_minutes
            .map(check_late_window)
            .transpose()?;
        self.write(|tx| {
            let mut p = tx
                .r()
                .program(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Program, id))?;
            auth::hide_foreign(tx.r(), actor, p.practice_id, EntityKind::Program, id)?;
            auth::coach_in(tx.r(), actor, p.practice_id)?;
            if let Some(n) = name {
                p.name = n;
            }
            if let Some(v) = update.planned {
                p.planned = v;
            }
            if let Some(v) = update.session_minutes {
                p.session_minutes = v;
            }
            if let Some(v) = update.no_show_counts {
                p.no_show_counts = v;
            }
            if let Some(v) = update.late_cancel_window_minutes {
                p.late_cancel_window_minutes = v;
            }
            p.updated_at = tx.now;
            tx.w.save_program(&p)?;
            let target = TargetRef::new(EntityKind::Program, *p.id.as_uuid());
            tx.log(
                p.practice_id,
                None,
                actor,
                Action::ProgramUpdated,
                target,
                Some(p.name.clone()),
            )?;
            Ok(p)
        })
    }

    /// A program, for any coach of the practice.
    pub fn program(&self, actor: Actor, id: ProgramId) -> Result<Program> {
        self.read(|r| {
            let p = r
                .program(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Program, id))?;
            auth::hide_foreign(r, actor, p.practice_id, EntityKind::Program, id)?;
            auth::coach_in(r, actor, p.practice_id)?;
            Ok(p)
        })
    }

    /// The practice's programs, for any of its coaches.
    pub fn programs(&self, actor: Actor, practice: PracticeId) -> Result<Vec<Program>> {
        self.read(|r| {
            auth::practice(r, practice)?;
            auth::coach_in(r, actor, practice)?;
            r.programs(practice)
        })
    }
}
