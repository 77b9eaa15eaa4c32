//! Resources (the practice library, client libraries, engagement uploads, sharing into
//! engagements, downloads), program items, and the coach's Client To-Dos.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::activity::{Action, Audience, Page, TargetRef};
use crate::actor::Actor;
use crate::auth::{self, Viewer};
use crate::content::*;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::ids::{
    CoachId, EngagementId, EntityKind, PracticeId, ProgramId, ProgramItemId, ResourceId,
};
use crate::storage::Reader;
use crate::validate;

use super::engagement::load;
use super::notes::require_portal;
use super::{Coaching, Tx};

/// Deepest folder nesting followed when checking what a share covers.
const MAX_DEPTH: usize = 64;

fn target(r: &Resource) -> TargetRef {
    TargetRef::new(EntityKind::Resource, *r.id.as_uuid())
}

/// `parent`, if given, must be a folder of `place` in `practice`: anything else is not found.
fn check_folder(
    r: &dyn Reader,
    actor: Actor,
    parent: Option<ResourceId>,
    practice: PracticeId,
    place: ResourcePlace,
) -> Result<()> {
    if let Some(id) = parent {
        let f = load_resource(r, actor, id)?;
        if f.practice_id != practice || f.place != place || f.kind != ResourceKind::Folder {
            return Err(Error::not_found(EntityKind::Resource, id));
        }
    }
    Ok(())
}

pub(crate) fn load_resource(r: &dyn Reader, actor: Actor, id: ResourceId) -> Result<Resource> {
    let res = r
        .resource(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Resource, id))?;
    auth::hide_foreign(r, actor, res.practice_id, EntityKind::Resource, id)?;
    Ok(res)
}

/// A checked media type such as `application/pdf`.
pub(crate) fn media_type(s: &str) -> Result<String> {
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Ok("application/octet-stream".into());
    }
    let ok = t.len() <= 127
        && t.split_once('/')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/+-.;=_ ".contains(c));
    if !ok {
        return Err(Error::invalid(
            "media_type",
            "not a media type such as application/pdf",
        ));
    }
    Ok(t)
}

/// An http(s) link.
pub(crate) fn link_url(s: &str) -> Result<String> {
    let url =
        url::Url::parse(s.trim()).map_err(|e| Error::invalid("url", format!("not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::invalid("url", "a link must be http or https"));
    }
    Ok(url.to_string())
}

/// Builds (and validates) a resource to store at `place` in folder `parent`.
pub(crate) fn build(
    tx: &Tx<'_>,
    limit: u64,
    practice: PracticeId,
    place: ResourcePlace,
    parent: Option<ResourceId>,
    new: NewResource,
    actor: Actor,
) -> Result<(Resource, Option<Vec<u8>>)> {
    if let Some(p) = parent {
        let folder = load_resource(tx.r(), actor, p)?;
        if folder.practice_id != practice || folder.place != place {
            return Err(Error::denied("the folder is somewhere else"));
        }
        if folder.kind != ResourceKind::Folder {
            return Err(Error::invalid("parent", "not a folder"));
        }
    }
    let mut res = Resource {
        id: ResourceId::new(),
        practice_id: practice,
        place,
        parent_id: parent,
        kind: ResourceKind::Folder,
        name: String::new(),
        media_type: None,
        size: None,
        sha256: None,
        url: None,
        added_by: actor,
        shared_with_coach: false,
        created_at: tx.now,
        updated_at: tx.now,
    };
    let bytes = match new {
        NewResource::Folder { name } => {
            res.name = validate::name("name", &name)?;
            None
        }
        NewResource::Link { name, url } => {
            res.kind = ResourceKind::Link;
            res.name = validate::name("name", &name)?;
            res.url = Some(link_url(&url)?);
            None
        }
        NewResource::File(f) => {
            let size = f.bytes.len() as u64;
            if size > limit {
                return Err(Error::FileTooLarge { size, limit });
            }
            res.kind = ResourceKind::File;
            res.name = validate::name("name", &f.name)?;
            res.media_type = Some(media_type(&f.media_type)?);
            res.size = Some(size);
            res.sha256 = Some(hex::encode(Sha256::digest(&f.bytes)));
            Some(f.bytes)
        }
    };
    Ok((res, bytes))
}

/// Whether a library item is visible in engagement `e`: it or a folder above it is shared
/// into `e`, or it is attached to one of `e`'s assignments.
fn library_item_in(r: &dyn Reader, e: EngagementId, res: &Resource) -> Result<bool> {
    let mut current = Some(res.clone());
    for _ in 0..MAX_DEPTH {
        let Some(item) = current else { break };
        if r.is_shared_into(e, item.id)? {
            return Ok(true);
        }
        current = match item.parent_id {
            Some(p) => r.resource(p)?,
            None => None,
        };
    }
    Ok(r.assignment_files(e)?
        .iter()
        .any(|f| f.resource_id == res.id))
}

/// Whether `viewer` (already allowed into `e`) sees `res` in `e`.
fn visible_in(r: &dyn Reader, viewer: &Viewer, e: &Engagement, res: &Resource) -> Result<bool> {
    Ok(match res.place {
        ResourcePlace::Library => match viewer {
            Viewer::Coach => res.practice_id == e.practice_id,
            Viewer::Client(_) => library_item_in(r, e.id, res)?,
        },
        ResourcePlace::Engagement(id) if id == e.id => match viewer {
            // A coach sees what a client uploaded only once the client shares it.
            Viewer::Coach => !matches!(res.added_by, Actor::Client(_)) || res.shared_with_coach,
            Viewer::Client(_) => true,
        },
        _ => false,
    })
}

/// Who reads a resource's log entries: the library's coaches; a client's own library and an
/// upload its client has not shared with the coach, that client alone; anything else in an
/// engagement, its coaches and client.
fn audience(res: &Resource) -> Audience {
    match res.place {
        ResourcePlace::Library => Audience::Coaches,
        ResourcePlace::ClientLibrary(_) => Audience::Own,
        ResourcePlace::Engagement(_)
            if matches!(res.added_by, Actor::Client(_)) && !res.shared_with_coach =>
        {
            Audience::Own
        }
        ResourcePlace::Engagement(_) => Audience::Client,
    }
}

impl Coaching {
    /// Adds a folder, file or link to the practice library, at the top or in `parent` (any
    /// coach of the practice). A file over [`Coaching::max_file_bytes`] is refused
    /// ([`Error::FileTooLarge`]) and nothing is stored.
    pub fn add_to_library(
        &self,
        actor: Actor,
        practice: PracticeId,
        parent: Option<ResourceId>,
        new: NewResource,
    ) -> Result<Resource> {
        let limit = self.max_file_bytes();
        self.write(|tx| {
            auth::practice(tx.r(), practice)?;
            auth::coach_in(tx.r(), actor, practice)?;
            let (res, bytes) = build(
                tx,
                limit,
                practice,
                ResourcePlace::Library,
                parent,
                new,
                actor,
            )?;
            tx.w.save_resource(&res, bytes.as_deref())?;
            tx.log(
                practice,
                None,
                actor,
                Action::ResourceAdded,
                target(&res),
                Some(res.name.clone()),
            )?;
            Ok(res)
        })
    }

    /// The practice library's items at the top or in folder `parent` (any coach).
    pub fn library(
        &self,
        actor: Actor,
        practice: PracticeId,
        parent: Option<ResourceId>,
    ) -> Result<Vec<Resource>> {
        self.read(|r| {
            auth::practice(r, practice)?;
            auth::coach_in(r, actor, practice)?;
            check_folder(r, actor, parent, practice, ResourcePlace::Library)?;
            r.resource_children(practice, ResourcePlace::Library, parent)
        })
    }

    /// Adds a folder, file or link to a client's own library (the client, with a portal).
    /// Engagement resources never appear here.
    pub fn add_to_client_library(
        &self,
        actor: Actor,
        parent: Option<ResourceId>,
        new: NewResource,
    ) -> Result<Resource> {
        let limit = self.max_file_bytes();
        self.write(|tx| {
            let Actor::Client(id) = actor else {
                return Err(Error::denied("only a client has a client library"));
            };
            let client = tx
                .r()
                .client(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Client, id))?;
            if !client.has_portal {
                return Err(Error::denied("the client has no portal account"));
            }
            let place = ResourcePlace::ClientLibrary(id);
            let (res, bytes) = build(tx, limit, client.practice_id, place, parent, new, actor)?;
            tx.w.save_resource(&res, bytes.as_deref())?;
            tx.log_to(
                Audience::Own,
                client.practice_id,
                None,
                actor,
                Action::ResourceAdded,
                target(&res),
                Some(res.name.clone()),
            )?;
            Ok(res)
        })
    }

    /// A client's own library (the client themself).
    pub fn client_library(
        &self,
        actor: Actor,
        parent: Option<ResourceId>,
    ) -> Result<Vec<Resource>> {
        self.read(|r| {
            let Actor::Client(id) = actor else {
                return Err(Error::denied("only a client has a client library"));
            };
            let client = r
                .client(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Client, id))?;
            let place = ResourcePlace::ClientLibrary(id);
            check_folder(r, actor, parent, client.practice_id, place)?;
            r.resource_children(client.practice_id, place, parent)
        })
    }

    /// Shares a library file, link or whole folder into an engagement (its coach or the
    /// owner). The client needs a portal ([`Error::NoPortal`]).
    pub fn share_resource(
        &self,
        actor: Actor,
        engagement: EngagementId,
        resource: ResourceId,
    ) -> Result<()> {
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::manage(tx.r(), actor, &e)?;
            let res = load_resource(tx.r(), actor, resource)?;
            if res.place != ResourcePlace::Library || res.practice_id != e.practice_id {
                return Err(Error::denied(
                    "only the practice library's items can be shared into an engagement",
                ));
            }
            require_portal(tx.r(), &e)?;
            if tx.r().is_shared_into(e.id, res.id)? {
                return Ok(());
            }
            tx.w.save_share(e.id, res.id, actor, tx.now)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::ResourceShared,
                target(&res),
                Some(res.name.clone()),
            )
        })
    }

    /// Stops sharing a library item into an engagement.
    pub fn unshare_resource(
        &self,
        actor: Actor,
        engagement: EngagementId,
        resource: ResourceId,
    ) -> Result<()> {
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::manage(tx.r(), actor, &e)?;
            let res = load_resource(tx.r(), actor, resource)?;
            if !tx.r().is_shared_into(e.id, res.id)? {
                return Ok(());
            }
            tx.w.delete_share(e.id, res.id)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::ResourceUnshared,
                target(&res),
                Some(res.name.clone()),
            )
        })
    }

    /// Uploads a file or link straight into an engagement: by its coach (the client sees it),
    /// or by its client with a portal in an Active engagement (the coach sees it once the
    /// client shares it with [`Coaching::share_with_coach`]).
    pub fn upload_to_engagement(
        &self,
        actor: Actor,
        engagement: EngagementId,
        new: NewResource,
    ) -> Result<Resource> {
        if matches!(new, NewResource::Folder { .. }) {
            return Err(Error::invalid(
                "resource",
                "upload a file or a link; folders live in the library",
            ));
        }
        let limit = self.max_file_bytes();
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            let viewer = auth::write_in(tx.r(), actor, &e)?;
            if matches!(viewer, Viewer::Coach) {
                require_portal(tx.r(), &e)?;
            }
            let (res, bytes) = build(
                tx,
                limit,
                e.practice_id,
                ResourcePlace::Engagement(e.id),
                None,
                new,
                actor,
            )?;
            tx.w.save_resource(&res, bytes.as_deref())?;
            tx.log_to(
                audience(&res),
                e.practice_id,
                Some(e.id),
                actor,
                Action::ResourceAdded,
                target(&res),
                Some(res.name.clone()),
            )?;
            Ok(res)
        })
    }

    /// A client shares a file they uploaded into an engagement with the coach.
    pub fn share_with_coach(&self, actor: Actor, resource: ResourceId) -> Result<Resource> {
        self.write(|tx| {
            let mut res = load_resource(tx.r(), actor, resource)?;
            let ResourcePlace::Engagement(eid) = res.place else {
                return Err(Error::invalid(
                    "resource",
                    "only a file uploaded into an engagement is shared with the coach",
                ));
            };
            let e = load(tx.r(), actor, eid)?;
            auth::write_in(tx.r(), actor, &e)?;
            if res.added_by != actor {
                return Err(Error::denied("only the client who uploaded it shares it"));
            }
            if res.shared_with_coach {
                return Ok(res);
            }
            res.shared_with_coach = true;
            res.updated_at = tx.now;
            tx.w.save_resource(&res, None)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::ResourceSharedWithCoach,
                target(&res),
                Some(res.name.clone()),
            )?;
            Ok(res)
        })
    }

    /// An engagement's resources as its Resources page lists them: library items shared in,
    /// then uploads. Its coaches see the client's uploads once shared with them; its client
    /// (with a portal, not Draft) sees shared items, the coach's uploads and their own.
    pub fn engagement_resources(
        &self,
        actor: Actor,
        engagement: EngagementId,
    ) -> Result<Vec<EngagementResource>> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            let viewer = auth::view_contents(r, actor, &e)?;
            let mut out = Vec::new();
            for item in r.engagement_resources(engagement)? {
                if visible_in(r, &viewer, &e, &item.resource)? {
                    out.push(item);
                }
            }
            Ok(out)
        })
    }

    /// The contents of a folder shared into an engagement (or of a folder inside one).
    pub fn engagement_folder(
        &self,
        actor: Actor,
        engagement: EngagementId,
        folder: ResourceId,
    ) -> Result<Vec<Resource>> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            let viewer = auth::view_contents(r, actor, &e)?;
            let f = load_resource(r, actor, folder)?;
            if f.kind != ResourceKind::Folder {
                return Err(Error::invalid("folder", "not a folder"));
            }
            if !visible_in(r, &viewer, &e, &f)? {
                return Err(Error::denied(
                    "the folder is not shared into this engagement",
                ));
            }
            r.resource_children(f.practice_id, f.place, Some(f.id))
        })
    }

    /// A file's bytes. `engagement` names where the actor sees it: `None` for the practice
    /// library (coaches) or one's own client library; `Some` for an engagement's resources,
    /// shared folders and assignment files.
    pub fn download(
        &self,
        actor: Actor,
        resource: ResourceId,
        engagement: Option<EngagementId>,
    ) -> Result<(Resource, Vec<u8>)> {
        self.read(|r| {
            let res = load_resource(r, actor, resource)?;
            let allowed = match (res.place, engagement) {
                (ResourcePlace::Library, None) => {
                    auth::coach_in(r, actor, res.practice_id)?;
                    true
                }
                (ResourcePlace::ClientLibrary(owner), None) => actor == Actor::Client(owner),
                (_, Some(eid)) => {
                    let e = load(r, actor, eid)?;
                    let viewer = auth::view_contents(r, actor, &e)?;
                    visible_in(r, &viewer, &e, &res)?
                }
                (ResourcePlace::Engagement(_), None) => false,
            };
            if !allowed {
                return Err(Error::denied("the file is not shared with you"));
            }
            if res.kind != ResourceKind::File {
                return Err(Error::invalid(
                    "resource",
                    format!("a {} has no file to download", res.kind),
                ));
            }
            let bytes = r
                .resource_bytes(resource)?
                .ok_or_else(|| Error::not_found(EntityKind::Resource, resource))?;
            Ok((res, bytes))
        })
    }

    /// Deletes a resource (a folder with everything in it): a library item by any coach of
    /// the practice; an engagement upload by the engagement's coach or the client who
    /// uploaded it; a client-library item by its client.
    pub fn delete_resource(&self, actor: Actor, resource: ResourceId) -> Result<()> {
        self.write(|tx| {
            let res = load_resource(tx.r(), actor, resource)?;
            let engagement = match res.place {
                ResourcePlace::Library => {
                    auth::coach_in(tx.r(), actor, res.practice_id)?;
                    None
                }
                ResourcePlace::ClientLibrary(owner) => {
                    if actor != Actor::Client(owner) {
                        return Err(Error::denied("only the client deletes from their library"));
                    }
                    None
                }
                ResourcePlace::Engagement(eid) => {
                    let e = load(tx.r(), actor, eid)?;
                    match auth::write_in(tx.r(), actor, &e)? {
                        Viewer::Client(_) if res.added_by != actor => {
                            return Err(Error::denied("a client deletes only their own uploads"))
                        }
                        _ => {}
                    }
                    Some(eid)
                }
            };
            tx.w.delete_resource(resource)?;
            tx.log_to(
                audience(&res),
                res.practice_id,
                engagement,
                actor,
                Action::ResourceDeleted,
                target(&res),
                Some(res.name.clone()),
            )
        })
    }

    /// Adds a goal, assignment, resource or form template to a program (any coach of the
    /// practice). Engagements created from the program afterwards get a copy.
    pub fn add_program_item(
        &self,
        actor: Actor,
        program: ProgramId,
        item: ProgramItemKind,
    ) -> Result<ProgramItem> {
        let item = match item {
            ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => ProgramItemKind::Goal {
                name: validate::name("name", &name)?,
                description: validate::optional_text("description", description.as_deref())?,
                due_after_days: due_after_days.map(check_due_after_days).transpose()?,
            },
            ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => ProgramItemKind::Assignment {
                name: validate::name("name", &name)?,
                description: validate::optional_text("description", description.as_deref())?,
                due_after_days: due_after_days.map(check_due_after_days).transpose()?,
            },
            ProgramItemKind::Form {
                template_id,
                due_after_days,
            } => ProgramItemKind::Form {
                template_id,
                due_after_days: due_after_days.map(check_due_after_days).transpose()?,
            },
            other => other,
        };
        self.write(|tx| {
            let p = tx
                .r()
                .program(program)?
                .ok_or_else(|| Error::not_found(EntityKind::Program, program))?;
            auth::hide_foreign(tx.r(), actor, p.practice_id, EntityKind::Program, program)?;
            auth::coach_in(tx.r(), actor, p.practice_id)?;
            if let ProgramItemKind::Resource { resource_id } = &item {
                let res = load_resource(tx.r(), actor, *resource_id)?;
                if res.place != ResourcePlace::Library || res.practice_id != p.practice_id {
                    return Err(Error::denied(
                        "a program shares only its practice library's items",
                    ));
                }
            }
            if let ProgramItemKind::Form { template_id, .. } = &item {
                let t = super::forms::load_template(tx.r(), actor, *template_id)?;
                if t.practice_id != p.practice_id {
                    return Err(Error::not_found(EntityKind::FormTemplate, template_id));
                }
            }
            let it = ProgramItem {
                id: ProgramItemId::new(),
                practice_id: p.practice_id,
                program_id: p.id,
                position: tx.r().program_items(p.id)?.len() as u32,
                item,
            };
            tx.w.save_program_item(&it)?;
            let t = TargetRef::new(EntityKind::ProgramItem, *it.id.as_uuid());
            tx.log(
                p.practice_id,
                None,
                actor,
                Action::ProgramItemAdded,
                t,
                Some(p.name.clone()),
            )?;
            Ok(it)
        })
    }

    /// Removes a program item (existing engagements keep their copies).
    pub fn remove_program_item(
        &self,
        actor: Actor,
        program: ProgramId,
        item: ProgramItemId,
    ) -> Result<()> {
        self.write(|tx| {
            let p = tx
                .r()
                .program(program)?
                .ok_or_else(|| Error::not_found(EntityKind::Program, program))?;
            auth::hide_foreign(tx.r(), actor, p.practice_id, EntityKind::Program, program)?;
            auth::coach_in(tx.r(), actor, p.practice_id)?;
            if !tx.r().program_items(p.id)?.iter().any(|i| i.id == item) {
                return Err(Error::not_found(EntityKind::ProgramItem, item));
            }
            tx.w.delete_program_item(item)?;
            let t = TargetRef::new(EntityKind::ProgramItem, *item.as_uuid());
            tx.log(
                p.practice_id,
                None,
                actor,
                Action::ProgramItemRemoved,
                t,
                Some(p.name.clone()),
            )
        })
    }

    /// A program's items in order (any coach of the practice).
    pub fn program_items(&self, actor: Actor, program: ProgramId) -> Result<Vec<ProgramItem>> {
        self.read(|r| {
            let p = r
                .program(program)?
                .ok_or_else(|| Error::not_found(EntityKind::Program, program))?;
            auth::hide_foreign(r, actor, p.practice_id, EntityKind::Program, program)?;
            auth::coach_in(r, actor, p.practice_id)?;
            r.program_items(program)
        })
    }

    /// The Client To-Dos of a coach's dashboard: open goals, open milestones (of open goals)
    /// and open assignments across the coach's Active engagements, by due date (undated
    /// last), overdue marked against today in the practice's time zone, paged (the coach
    /// themself, or the owner).
    pub fn client_todos(&self, actor: Actor, coach: CoachId, page: Page) -> Result<Vec<TodoItem>> {
        page.validate()?;
        let now = self.checked_now()?;
        self.read(|r| {
            let practice = auth::coach_scope(r, actor, coach)?;
            let today = now.with_timezone(&practice.time_zone).date_naive();
            r.todos(coach, today, page)
        })
    }

    /// What is due in `[from, to)`, as reminders per person, so that a host's scheduler can
    /// send them: each Scheduled session starting in the window (a reminder to its coach and
    /// one to its client), and each open goal, milestone and assignment of an Active
    /// engagement due by the window's last day in the practice's time zone, overdue ones
    /// included (a reminder to the coach, and one to the client when they have a portal).
    /// The owner gets the whole practice, another coach their own engagements, a client
    /// their own reminders. Sorted by person, then by time.
    pub fn due(
        &self,
        actor: Actor,
        practice: PracticeId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Reminder>> {
        crate::service::session::check_window(from, to)?;
        let now = self.checked_now()?;
        self.read(|r| {
            let p = auth::practice(r, practice)?;
            let (coach, client) = match actor {
                Actor::Client(_) => (None, Some(auth::client_in(r, actor, practice)?.id)),
                _ => {
                    let me = auth::coach_in(r, actor, practice)?;
                    ((me.id != p.owner_id).then_some(me.id), None)
                }
            };
            let today = now.with_timezone(&p.time_zone).date_naive();
            let last = (to - chrono::Duration::microseconds(1))
                .with_timezone(&p.time_zone)
                .date_naive();
            let mut out = Vec::new();
            let sessions = r.session_lines(&crate::storage::SessionWindow {
                practice,
                coach,
                client,
                engagement: None,
                from,
                to,
                scheduled_only: true,
            })?;
            for l in sessions {
                let s = &l.session;
                let remind = |to: Actor, to_name: &str| Reminder {
                    to,
                    to_name: to_name.to_string(),
                    kind: DueKind::Session,
                    id: *s.id.as_uuid(),
                    engagement_id: s.engagement_id,
                    title: l.program_name.clone().unwrap_or_else(|| "Session".into()),
                    starts_at: Some(s.start),
                    due_date: None,
                    overdue: false,
                };
                out.push(remind(Actor::Coach(s.coach_id), &l.coach_name));
                out.push(remind(Actor::Client(s.client_id), &l.client_name));
            }
            for d in r.due_items(practice, coach, client, last, today)? {
                let t = &d.item;
                let kind = match t.kind {
                    TodoKind::Goal => DueKind::Goal,
                    TodoKind::Milestone => DueKind::Milestone,
                    TodoKind::Assignment => DueKind::Assignment,
                    TodoKind::Form => DueKind::Form,
                };
                let remind = |to: Actor, to_name: &str| Reminder {
                    to,
                    to_name: to_name.to_string(),
                    kind,
                    id: t.id,
                    engagement_id: t.engagement_id,
                    title: t.name.clone(),
                    starts_at: None,
                    due_date: t.due_date,
                    overdue: t.overdue,
                };
                out.push(remind(Actor::Coach(d.coach_id), &d.coach_name));
                if d.client_has_portal {
                    out.push(remind(Actor::Client(t.client_id), &t.client_name));
                }
            }
            // A client is reminded of their own things only.
            if let Actor::Client(me) = actor {
                out.retain(|x| x.to == Actor::Client(me));
            }
            let when = |x: &Reminder| {
                x.starts_at.unwrap_or_else(|| {
                    x.due_date
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                        .map_or(from, |t| t.and_utc())
                })
            };
            out.sort_by(|a, b| {
                (&a.to_name, a.to.to_string(), when(a), a.kind.as_str(), a.id).cmp(&(
                    &b.to_name,
                    b.to.to_string(),
                    when(b),
                    b.kind.as_str(),
                    b.id,
                ))
            });
            Ok(out)
        })
    }
}

fn check_due_after_days(days: u32) -> Result<u32> {
    if days > validate::MAX_DUE_AFTER_DAYS {
        return Err(Error::invalid(
            "due_after_days",
            format!("at most {} days (ten years)", validate::MAX_DUE_AFTER_DAYS),
        ));
    }
    Ok(days)
}

/// Copies a program's items into a new engagement (inside its creating transaction).
pub(crate) fn copy_program_items(
    tx: &mut Tx<'_>,
    e: &Engagement,
    program: ProgramId,
    actor: Actor,
) -> Result<()> {
    let items = tx.r().program_items(program)?;
    // Every due date must stay a date the library stores: refuse a start date that would
    // push one past the last (nothing is created).
    let due = |days: Option<u32>| -> Result<Option<chrono::NaiveDate>> {
        match (e.start_date, days) {
            (Some(start), Some(d)) => start
                .checked_add_days(chrono::Days::new(d as u64))
                .filter(|d| validate::date("due_date", *d).is_ok())
                .map(Some)
                .ok_or_else(|| {
                    Error::invalid(
                        "start_date",
                        format!(
                            "a program item due {d} days after {start} would fall after {}",
                            validate::MAX_DATE
                        ),
                    )
                }),
            _ => Ok(None),
        }
    };
    for item in items {
        match item.item {
            ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => {
                let g = Goal {
                    id: crate::ids::GoalId::new(),
                    practice_id: e.practice_id,
                    engagement_id: e.id,
                    name,
                    description,
                    due_date: due(due_after_days)?,
                    horizon: None,
                    status: GoalStatus::Active,
                    created_by: actor,
                    created_at: tx.now,
                    updated_at: tx.now,
                };
                tx.w.save_goal(&g)?;
                let t = TargetRef::new(EntityKind::Goal, *g.id.as_uuid());
                tx.log(
                    e.practice_id,
                    Some(e.id),
                    actor,
                    Action::GoalCreated,
                    t,
                    Some(g.name),
                )?;
            }
            ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => {
                let a = Assignment {
                    id: crate::ids::AssignmentId::new(),
                    practice_id: e.practice_id,
                    engagement_id: e.id,
                    name,
                    description,
                    due_date: due(due_after_days)?,
                    status: AssignmentStatus::Open,
                    created_by: actor,
                    created_at: tx.now,
                    updated_at: tx.now,
                };
                tx.w.save_assignment(&a)?;
                let t = TargetRef::new(EntityKind::Assignment, *a.id.as_uuid());
                tx.log(
                    e.practice_id,
                    Some(e.id),
                    actor,
                    Action::AssignmentCreated,
                    t,
                    Some(a.name),
                )?;
            }
            ProgramItemKind::Form {
                template_id,
                due_after_days,
            } => {
                let t = tx
                    .r()
                    .form_template(template_id)?
                    .ok_or_else(|| Error::not_found(EntityKind::FormTemplate, template_id))?;
                super::forms::send(tx, actor, e, &t, due(due_after_days)?)?;
            }
            ProgramItemKind::Resource { resource_id } => {
                tx.w.save_share(e.id, resource_id, actor, tx.now)?;
                let t = TargetRef::new(EntityKind::Resource, *resource_id.as_uuid());
                tx.log(
                    e.practice_id,
                    Some(e.id),
                    actor,
                    Action::ResourceShared,
                    t,
                    None,
                )?;
            }
        }
    }
    Ok(())
}
