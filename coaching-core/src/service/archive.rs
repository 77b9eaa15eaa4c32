//! Archive and erasure of clients.
//!
//! - A coach **archives** a client: out of the client directory ([`Coaching::clients`]; listed
//!   by [`Coaching::archived_clients`]), everything kept, restorable. A client with an Active
//!   engagement is not archived, and an archived one is given no engagement until restored.
//! - The owner **erases** a client (a person's right to erasure), for good. Their name becomes
//!   a placeholder and their e-mail and portal go. Everything in their engagements is removed:
//!   notes, goals and milestones, assignments and their files, comments, the journal, uploads
//!   and shares; and so is their own library. Their engagements stay as shells (program, dates,
//!   status, planned) with their sessions' times and statuses, so the counts and progress hold;
//!   the completion reason, the sessions' places and cancellation reasons are blanked. Every
//!   log entry made by or about them, or in their engagements (deleted ones too), keeps its
//!   action, time and ids but loses its detail. The log's other entries and their ids are an
//!   anonymous reference: nothing left names them. An archived or erased client's engagements
//!   are not activated again, and an erased client is not edited.

use crate::activity::{Action, TargetRef};
use crate::actor::Actor;
use crate::auth;
use crate::content::ResourcePlace;
use crate::engagement::Status;
use crate::error::{Error, Result};
use crate::ids::{ClientId, EngagementId, EntityKind};
use crate::model::Client;
use crate::session::Location;
use crate::storage::{OverviewFilter, Reader, SessionWindow};
use crate::validate;

use super::Coaching;

/// The name an erased client is shown under.
pub const ERASED_CLIENT_NAME: &str = "Erased client";

fn load_client(r: &dyn Reader, actor: Actor, id: ClientId) -> Result<Client> {
    let c = r
        .client(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Client, id))?;
    auth::hide_foreign(r, actor, c.practice_id, EntityKind::Client, id)?;
    Ok(c)
}

/// Refuses to change an erased client (or give them anything back): an erasure is never
/// undone.
pub(crate) fn not_erased(c: &Client) -> Result<()> {
    if c.erased {
        return Err(Error::Conflict {
            reason: "the client was erased: an erasure is never undone".into(),
        });
    }
    Ok(())
}

/// Refuses an archived (or erased) client a new or reactivated engagement.
pub(crate) fn not_archived(c: &Client) -> Result<()> {
    if c.archived {
        return Err(Error::Conflict {
            reason: format!("client {} is archived: restore them first", c.id),
        });
    }
    Ok(())
}

/// The client's engagements, with whether one is Active.
fn engagements_of(r: &dyn Reader, c: &Client) -> Result<(Vec<EngagementId>, bool)> {
    let lines = r.overview(&OverviewFilter {
        client: Some(c.id),
        ..OverviewFilter::practice(c.practice_id)
    })?;
    let active = lines.iter().any(|l| l.engagement.status == Status::Active);
    Ok((lines.into_iter().map(|l| l.engagement.id).collect(), active))
}

impl Coaching {
    /// Archives a client (any coach of the practice), or restores an archived one. A client
    /// with an Active engagement is not archived ([`Error::Conflict`]); an erased client is
    /// never restored ([`Error::Conflict`]).
    pub fn set_client_archived(&self, actor: Actor, id: ClientId, archived: bool) -> Result<Client> {
        self.write(|tx| {
            let mut c = load_client(tx.r(), actor, id)?;
            auth::coach_in(tx.r(), actor, c.practice_id)?;
            if c.archived == archived {
                return Ok(c);
            }
            not_erased(&c)?;
            if archived && engagements_of(tx.r(), &c)?.1 {
                return Err(Error::Conflict {
                    reason: "the client has an Active engagement: complete or deactivate it first"
                        .into(),
                });
            }
            c.archived = archived;
            c.updated_at = tx.now;
            tx.w.save_client(&c)?;
            let action = if archived {
                Action::ClientArchived
            } else {
                Action::ClientRestored
            };
            let target = TargetRef::new(EntityKind::Client, *c.id.as_uuid());
            tx.log(c.practice_id, None, actor, action, target, None)?;
            Ok(c)
        })
    }

    /// The practice's archived clients, erased ones included (any coach of the practice).
    pub fn archived_clients(
        &self,
        actor: Actor,
        practice: crate::ids::PracticeId,
    ) -> Result<Vec<Client>> {
        self.read(|r| {
            auth::practice(r, practice)?;
            auth::coach_in(r, actor, practice)?;
            Ok(r.clients(practice)?.into_iter().filter(|c| c.archived).collect())
        })
    }

    /// Erases a client for good (the owner): see the module's documentation for what goes and
    /// what stays. A client with an Active engagement is not erased ([`Error::Conflict`]):
    /// complete or deactivate it first. Erasing an erased client changes nothing. Returns the
    /// anonymous row that stays.
    pub fn erase_client(&self, actor: Actor, id: ClientId) -> Result<Client> {
        self.write(|tx| {
            let mut c = load_client(tx.r(), actor, id)?;
            let practice = auth::practice(tx.r(), c.practice_id)?;
            auth::owner_of(tx.r(), actor, &practice)?;
            if c.erased {
                return Ok(c);
            }
            let (engagements, active) = engagements_of(tx.r(), &c)?;
            if active {
                return Err(Error::Conflict {
                    reason: "the client has an Active engagement: complete or deactivate it first"
                        .into(),
                });
            }
            tx.w.delete_field_values_of(c.practice_id, *c.id.as_uuid())?;
            tx.w.delete_sync_ops_of(c.practice_id, Actor::Client(c.id))?;
            for &e in &engagements {
                tx.w.delete_field_values_of(c.practice_id, *e.as_uuid())?;
                if let Some(mut eng) = tx.r().engagement(e)? {
                    if eng.completion_reason.is_some() {
                        eng.completion_reason = None;
                        eng.updated_at = tx.now;
                        tx.w.save_engagement(&eng)?;
                    }
                }
                for n in tx.r().notes(e)? {
                    tx.w.delete_note(n.id)?;
                }
                for g in tx.r().goals(e)? {
                    tx.w.delete_goal(g.id)?;
                }
                for a in tx.r().assignments(e)? {
                    tx.w.delete_assignment(a.id)?;
                }
                for j in tx.r().journal(e, None, false)? {
                    tx.w.delete_journal_entry(j.id)?;
                }
                for f in tx.r().forms(e)? {
                    tx.w.delete_form(f.id)?;
                }
                for er in tx.r().engagement_resources(e)? {
                    if er.from_library {
                        tx.w.delete_share(e, er.resource.id)?;
                    } else {
                        tx.w.delete_resource(er.resource.id)?;
                    }
                }
                let sessions = tx.r().session_lines(&SessionWindow {
                    practice: c.practice_id,
                    coach: None,
                    client: None,
                    engagement: Some(e),
                    from: validate::first_instant(),
                    to: validate::after_last_instant(),
                    scheduled_only: false,
                })?;
                for line in sessions {
                    let mut s = line.session;
                    s.location = Location::Other {
                        text: "(erased)".into(),
                    };
                    s.cancel_reason = None;
                    s.updated_at = tx.now;
                    tx.w.save_session(&s)?;
                }
            }
            for res in tx.r().resource_children(
                c.practice_id,
                ResourcePlace::ClientLibrary(c.id),
                None,
            )? {
                tx.w.delete_resource(res.id)?;
            }
            let mut history = engagements.clone();
            history.extend(tx.r().deleted_engagements_of(c.id)?);
            tx.w.erase_log_details(c.practice_id, c.id, &history)?;
            c.name = ERASED_CLIENT_NAME.into();
            c.email = None;
            c.has_portal = false;
            c.archived = true;
            c.erased = true;
            c.updated_at = tx.now;
            tx.w.save_client(&c)?;
            let target = TargetRef::new(EntityKind::Client, *c.id.as_uuid());
            tx.log(c.practice_id, None, actor, Action::ClientErased, target, None)?;
            Ok(c)
        })
    }
}
