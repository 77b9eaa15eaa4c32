//! Authorisation: who may do what. Every operation calls one of these before it touches
//! anything.
//!
//! - The **owner** of a practice sees and manages everything in it.
//! - **Another coach** of the practice sees and manages only the engagements assigned to them.
//! - A **client** sees only their own engagements, never a Draft one, and writes only in an
//!   Active one.
//! - The **system** acts only through the library itself; hosts cannot act as it.
//! - Anyone outside a practice (unknown, or of another practice) is told that what they ask
//!   for does not exist: [`Error::NotFound`] for the object they named, exactly as for an id
//!   that exists nowhere, so no answer reveals whether another practice's id is real.
//!   Inside a practice, what an actor may not do is [`Error::PermissionDenied`].

use crate::actor::Actor;
use crate::engagement::{Engagement, Status};
use crate::error::{Error, Result};
use crate::ids::{EntityKind, PracticeId};
use crate::model::{Client, Coach, Practice};
use crate::storage::Reader;

/// Who is looking at an engagement, once allowed.
#[derive(Debug, Clone)]
pub(crate) enum Viewer {
    /// A coach who may manage the engagement (its coach, or the owner).
    Coach,
    /// The engagement's own client.
    Client(Client),
}

pub(crate) fn practice(r: &dyn Reader, id: PracticeId) -> Result<Practice> {
    r.practice(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Practice, id))
}

/// Whether `actor` belongs to `practice`: one of its coaches or clients. The system actor is
/// reserved to the library: a host naming it is outside every practice (so that it cannot
/// learn which ids exist either).
pub(crate) fn member(r: &dyn Reader, actor: Actor, practice: PracticeId) -> Result<bool> {
    Ok(match actor {
        Actor::Coach(id) => r.coach(id)?.is_some_and(|c| c.practice_id == practice),
        Actor::Client(id) => r.client(id)?.is_some_and(|c| c.practice_id == practice),
        Actor::System => false,
    })
}

/// Refuses an actor outside `practice` as if the object `kind`/`id` (of that practice) did
/// not exist.
pub(crate) fn hide_foreign(
    r: &dyn Reader,
    actor: Actor,
    practice: PracticeId,
    kind: EntityKind,
    id: impl std::fmt::Display,
) -> Result<()> {
    if member(r, actor, practice)? {
        Ok(())
    } else {
        Err(Error::not_found(kind, id))
    }
}

/// Turns the `NotFound` an outsider gets for a practice from [`coach_in`] / [`client_in`]
/// into a `NotFound` for the object they named (the membership was read once, there).
fn outsider_sees(kind: EntityKind, id: impl std::fmt::Display) -> impl FnOnce(Error) -> Error {
    move |e| match e {
        Error::NotFound {
            kind: EntityKind::Practice,
            ..
        } => Error::not_found(kind, id),
        other => other,
    }
}

/// The actor as a coach of `practice`. Outsiders get [`Error::NotFound`] for the practice.
pub(crate) fn coach_in(r: &dyn Reader, actor: Actor, practice: PracticeId) -> Result<Coach> {
    match actor {
        Actor::Coach(id) => match r.coach(id)? {
            Some(c) if c.practice_id == practice => Ok(c),
            _ => Err(Error::not_found(EntityKind::Practice, practice)),
        },
        Actor::Client(_) => {
            hide_foreign(r, actor, practice, EntityKind::Practice, practice)?;
            Err(Error::denied("only a coach may do this"))
        }
        Actor::System => Err(Error::not_found(EntityKind::Practice, practice)),
    }
}

/// The actor as the owner of `practice`.
pub(crate) fn owner_of(r: &dyn Reader, actor: Actor, practice: &Practice) -> Result<Coach> {
    let coach = coach_in(r, actor, practice.id)?;
    if coach.id != practice.owner_id {
        return Err(Error::denied("only the practice owner may do this"));
    }
    Ok(coach)
}

/// The actor as a client of `practice`. Outsiders get [`Error::NotFound`] for the practice.
pub(crate) fn client_in(r: &dyn Reader, actor: Actor, practice: PracticeId) -> Result<Client> {
    match actor {
        Actor::Client(id) => match r.client(id)? {
            Some(c) if c.practice_id == practice => Ok(c),
            _ => Err(Error::not_found(EntityKind::Practice, practice)),
        },
        _ => {
            hide_foreign(r, actor, practice, EntityKind::Practice, practice)?;
            Err(Error::denied("only a client may do this"))
        }
    }
}

/// A coach who may manage `e`: the owner, or the coach it is assigned to.
pub(crate) fn manage(r: &dyn Reader, actor: Actor, e: &Engagement) -> Result<(Practice, Coach)> {
    let practice = practice(r, e.practice_id)?;
    let coach =
        coach_in(r, actor, e.practice_id).map_err(outsider_sees(EntityKind::Engagement, e.id))?;
    if coach.id != practice.owner_id && e.coach_id != Some(coach.id) {
        return Err(Error::denied("the engagement is assigned to another coach"));
    }
    Ok((practice, coach))
}

/// Anyone who may read `e`: a coach who may manage it, or its own client once it is not Draft.
pub(crate) fn view(r: &dyn Reader, actor: Actor, e: &Engagement) -> Result<Viewer> {
    match actor {
        Actor::Client(_) => {
            let client = client_in(r, actor, e.practice_id)
                .map_err(outsider_sees(EntityKind::Engagement, e.id))?;
            if e.client_id != Some(client.id) {
                return Err(Error::denied("the engagement belongs to another client"));
            }
            if e.status == Status::Draft {
                return Err(Error::denied("the engagement has not started yet"));
            }
            Ok(Viewer::Client(client))
        }
        _ => {
            manage(r, actor, e)?;
            Ok(Viewer::Coach)
        }
    }
}

/// Anyone who may read `e`'s contents: a coach who may manage it, or its own client with a
/// portal once it is not Draft (without a portal, nothing is shared with a client).
pub(crate) fn view_contents(r: &dyn Reader, actor: Actor, e: &Engagement) -> Result<Viewer> {
    let viewer = view(r, actor, e)?;
    if let Viewer::Client(c) = &viewer {
        if !c.has_portal {
            return Err(Error::denied("the client has no portal account"));
        }
    }
    Ok(viewer)
}

/// Anyone who may write in `e`: a coach who may manage it, or its own client (with a portal)
/// while it is Active.
pub(crate) fn write_in(r: &dyn Reader, actor: Actor, e: &Engagement) -> Result<Viewer> {
    let viewer = view(r, actor, e)?;
    if let Viewer::Client(c) = &viewer {
        if e.status != Status::Active {
            // The same error a coach gets for booking in a non-Active engagement.
            return Err(Error::EngagementNotActive { status: e.status });
        }
        if !c.has_portal {
            return Err(Error::denied("the client has no portal account"));
        }
    }
    Ok(viewer)
}

/// How much of one client's engagements (and sessions) an actor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClientScope {
    /// The client themself: their engagements that are not Draft.
    Themself,
    /// The owner: all of them.
    All,
    /// Another coach: only those assigned to this coach.
    Coach(crate::ids::CoachId),
}

/// The client `client` (of `practice`) as seen by `actor`.
pub(crate) fn client_scope(
    r: &dyn Reader,
    actor: Actor,
    client: crate::ids::ClientId,
    practice: &Practice,
) -> Result<ClientScope> {
    hide_foreign(r, actor, practice.id, EntityKind::Client, client)?;
    match actor {
        Actor::Client(me) if me == client => Ok(ClientScope::Themself),
        Actor::Client(_) => Err(Error::denied("a client sees only their own engagements")),
        _ => {
            let me = coach_in(r, actor, practice.id)?;
            Ok(if me.id == practice.owner_id {
                ClientScope::All
            } else {
                ClientScope::Coach(me.id)
            })
        }
    }
}

/// The practice of `coach`, if `actor` is that coach or the owner of its practice.
pub(crate) fn coach_scope(
    r: &dyn Reader,
    actor: Actor,
    coach: crate::ids::CoachId,
) -> Result<Practice> {
    let target = r
        .coach(coach)?
        .ok_or_else(|| Error::not_found(EntityKind::Coach, coach))?;
    hide_foreign(r, actor, target.practice_id, EntityKind::Coach, coach)?;
    let practice = practice(r, target.practice_id)?;
    let me = coach_in(r, actor, practice.id)?;
    if me.id != coach && me.id != practice.owner_id {
        return Err(Error::denied(
            "a coach sees only their own engagements and sessions",
        ));
    }
    Ok(practice)
}
