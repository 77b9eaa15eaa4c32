//! Import: a practice's export document loaded into a store that does not hold the practice,
//! in one transaction, streamed, every record checked as the API would check it.
//!
//! Whatever a document holds, an import cannot create what the operations would refuse: each
//! name, text, date, time zone, URL, media type and location is validated; rich text must be
//! what the sanitiser makes of it; a file's bytes must match its size and digest and the
//! upload limit; every reference (coach, client, program, engagement, goal, note, assignment,
//! resource, folder, actor) must name a record of the same practice that came before it; no
//! id may be used twice, in the document or anywhere in the store; the Active engagements may
//! not exceed the plan's cap nor the coaches its limit; an Active engagement must have what
//! activation needs; no coach may hold two Scheduled sessions at once. The first problem
//! refuses the whole document with [`Error::Validation`] naming the place in it
//! (`engagements[3].notes[0].body_html`), and nothing is written.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Read;

use base64::Engine as _;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    CoachRecord, DeletedEngagementRecord, EngagementRecord, FieldRecord, ProgramRecord, ResourceRecord, TransferCounts, EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
};
use crate::activity::{Action, Audience, LogEntry};
use crate::actor::Actor;
use crate::content::*;
use crate::engagement::{Engagement, Status};
use crate::error::{Error, Result};
use crate::html;
use crate::ids::*;
use crate::model::{Client, Practice};
use crate::service::session::MAX_SESSION_LENGTH;
use crate::session::{Session, SessionStatus};
use crate::storage::Writer;
use crate::booking::RulesOwner;
use crate::validate;

use super::super::Coaching;

/// What an import loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The practice as stored in the new store (same id, plan and timestamps as exported).
    pub practice: Practice,
    /// How many records of each kind were loaded.
    pub counts: TransferCounts,
}

/// The document's keys, in the order they must come.
const KEYS: [&str; 12] = [
    "format",
    "format_version",
    "practice",
    "coaches",
    "clients",
    "resources",
    // Optional: documents written before forms have none.
    "form_templates",
    "programs",
    "engagements",
    // Optional: documents written before custom fields have none.
    "fields",
    // Optional too: documents written before erasure have none.
    "deleted_engagements",
    "activity_log",
];

impl Coaching {
    /// Loads an export document ([`Coaching::export_practice`]) into this store, in one
    /// transaction: the practice must not be in the store yet ([`Error::Conflict`]); a
    /// document this library cannot read or would not accept (see the module documentation)
    /// is refused with [`Error::Validation`] naming the place in it, and nothing changes.
    /// Streamed: memory stays flat whatever the practice's size.
    pub fn import_practice(&self, input: &mut dyn Read) -> Result<Imported> {
        let limit = self.max_file_bytes();
        let input = std::io::BufReader::with_capacity(1 << 16, input);
        let mut input = Some(input);
        self.write(|tx| {
            let input = input
                .take()
                .ok_or_else(|| Error::storage("the import ran twice"))?;
            let mut ctx = Ctx::new(&mut *tx.w, limit);
            let mut de = serde_json::Deserializer::from_reader(input);
            let parsed = serde::Deserializer::deserialize_map(&mut de, Doc(&mut ctx));
            let parsed = parsed.and_then(|()| de.end());
            if let Some(e) = ctx.failure.take() {
                return Err(e);
            }
            parsed.map_err(|e| ctx.malformed(e))?;
            ctx.finish()
        })
    }
}

/// Everything the import has seen, to check what comes next against it.
struct Ctx<'w> {
    w: &'w mut dyn Writer,
    limit: u64,
    /// Where in the document the import is (for messages).
    place: String,
    /// The first refusal (the parser is stopped with a placeholder error).
    failure: Option<Error>,
    keys: usize,
    practice: Option<Practice>,
    coaches: HashSet<CoachId>,
    clients: HashMap<ClientId, bool>,
    programs: HashSet<ProgramId>,
    /// The form templates of the document, with their names (lower case).
    form_templates: HashMap<FormTemplateId, String>,
    /// Resources: where, what, and (files) nothing more.
    resources: HashMap<ResourceId, (ResourcePlace, ResourceKind)>,
    engagements: HashSet<EngagementId>,
    /// The erased clients of the document: nothing of theirs may follow.
    erased: HashSet<ClientId>,
    /// The labels of each entity's fields so far (lower-cased).
    field_labels: HashMap<crate::fields::FieldEntity, HashSet<String>>,
    /// Every id of the document, of every kind.
    ids: HashSet<Uuid>,
    log_ids: HashSet<LogEntryId>,
    /// Engagements that only the document's log names (deleted before the export).
    deleted: HashSet<EngagementId>,
    active: u32,
    counts: TransferCounts,
}

fn invalid(place: &str, reason: impl Into<String>) -> Error {
    Error::Validation {
        field: place.to_string(),
        reason: reason.into(),
    }
}

/// Re-places a validation error of a record's field at `place.field`.
fn at(place: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| match e {
        Error::Validation { field, reason } => invalid(&format!("{place}.{field}"), reason),
        Error::FileTooLarge { size, limit } => invalid(
            place,
            format!("the file is {size} bytes, over the limit of {limit}"),
        ),
        other => other,
    }
}

impl<'w> Ctx<'w> {
    fn new(w: &'w mut dyn Writer, limit: u64) -> Self {
        Ctx {
            w,
            limit,
            place: String::new(),
            failure: None,
            keys: 0,
            practice: None,
            coaches: HashSet::new(),
            clients: HashMap::new(),
            programs: HashSet::new(),
            form_templates: HashMap::new(),
            resources: HashMap::new(),
            engagements: HashSet::new(),
            field_labels: HashMap::new(),
            erased: HashSet::new(),
            ids: HashSet::new(),
            log_ids: HashSet::new(),
            deleted: HashSet::new(),
            active: 0,
            counts: TransferCounts::default(),
        }
    }

    /// A parse error as the caller sees it: where, and what.
    fn malformed(&self, e: serde_json::Error) -> Error {
        let place = if self.place.is_empty() {
            "document".to_string()
        } else {
            self.place.clone()
        };
        if e.classify() == serde_json::error::Category::Io {
            // The reader failed (a disk, a pipe, a host's file object): not the document's
            // fault.
            return Error::storage(format!("reading the document at {place}: {e}"));
        }
        let what = match e.classify() {
            serde_json::error::Category::Eof => "the document ends too early (truncated?)",
            serde_json::error::Category::Syntax => "not valid JSON",
            serde_json::error::Category::Data => "a value of the wrong type or shape",
            serde_json::error::Category::Io => "the document could not be read",
        };
        invalid(&place, format!("{what}: {e}"))
    }

    fn practice(&self) -> Result<&Practice> {
        self.practice
            .as_ref()
            .ok_or_else(|| invalid("practice", "missing before the records"))
    }

    fn pid(&self) -> Result<PracticeId> {
        Ok(self.practice()?.id)
    }

    /// A new id of `kind`: unused in the document and in the store.
    fn new_id(&mut self, place: &str, kind: EntityKind, id: Uuid) -> Result<()> {
        if !self.ids.insert(id) {
            return Err(invalid(
                &format!("{place}.id"),
                format!("{id} is used twice in the document"),
            ));
        }
        if self.w.id_in_use(kind, id)? {
            return Err(invalid(
                &format!("{place}.id"),
                format!("{kind} {id} already exists in this store"),
            ));
        }
        Ok(())
    }

    fn same_practice(&self, place: &str, p: PracticeId) -> Result<()> {
        if p != self.pid()? {
            return Err(invalid(
                &format!("{place}.practice_id"),
                "not the document's practice",
            ));
        }
        Ok(())
    }

    /// An actor of the practice (or the system).
    fn actor(&self, place: &str, a: &Actor) -> Result<()> {
        let ok = match a {
            Actor::Coach(c) => self.coaches.contains(c),
            Actor::Client(c) => self.clients.contains_key(c),
            Actor::System => true,
        };
        if !ok {
            return Err(invalid(place, "not a coach or client of the practice"));
        }
        Ok(())
    }

    /// One of the engagement's parties: a coach of the practice (an engagement changes coach),
    /// its own client, or the system.
    fn party(&self, place: &str, a: &Actor, e: &Engagement) -> Result<()> {
        let ok = match a {
            Actor::Coach(c) => self.coaches.contains(c),
            Actor::Client(c) => e.client_id == Some(*c),
            Actor::System => true,
        };
        if !ok {
            return Err(invalid(place, "not the engagement's client or a coach of the practice"));
        }
        Ok(())
    }

    /// A coach of the practice (what only coaches do: notes, assignments, shares).
    fn coach(&self, place: &str, a: &Actor) -> Result<()> {
        match a {
            Actor::Coach(c) if self.coaches.contains(c) => Ok(()),
            _ => Err(invalid(place, "only a coach of the practice does this")),
        }
    }

    fn times(&self, place: &str, created: &chrono::DateTime<chrono::Utc>, updated: Option<&chrono::DateTime<chrono::Utc>>) -> Result<()> {
        validate::instant(&format!("{place}.created_at"), *created)?;
        if let Some(u) = updated {
            validate::instant(&format!("{place}.updated_at"), *u)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<Imported> {
        if self.keys != KEYS.len() {
            return Err(invalid(
                KEYS[self.keys.min(KEYS.len() - 1)],
                "missing: the document ends before it",
            ));
        }
        Ok(Imported {
            practice: self.practice()?.clone(),
            counts: self.counts,
        })
    }

    // ------------------------------------------------------------ records

    fn on_practice(&mut self, p: Practice) -> Result<()> {
        let place = "practice";
        if self.w.id_in_use(EntityKind::Practice, *p.id.as_uuid())? {
            return Err(Error::Conflict {
                reason: format!("the store already holds practice {}", p.id),
            });
        }
        same(place, "name", &validate::name("name", &p.name), &p.name)?;
        p.plan.validate().map_err(at(place))?;
        self.times(place, &p.created_at, Some(&p.updated_at))?;
        self.ids.insert(*p.id.as_uuid());
        self.practice = Some(p);
        Ok(())
    }

    fn on_coach(&mut self, place: &str, rec: CoachRecord) -> Result<()> {
        let c = rec.coach;
        self.same_practice(place, c.practice_id)?;
        self.new_id(place, EntityKind::Coach, *c.id.as_uuid())?;
        same(place, "name", &validate::name("name", &c.name), &c.name)?;
        same(place, "email", &validate::email("email", c.email.as_deref()), &c.email)?;
        self.times(place, &c.created_at, None)?;
        let plan = &self.practice()?.plan;
        if let Some(max) = plan.max_coaches {
            if self.coaches.len() as u32 >= max {
                return Err(invalid(place, format!("the plan allows {max} coaches")));
            }
        }
        self.w.save_coach(&c)?;
        self.coaches.insert(c.id);
        self.counts.coaches += 1;
        if let Some(a) = rec.availability {
            let ap = format!("{place}.availability");
            if a.coach_id != c.id || a.practice_id != c.practice_id {
                return Err(invalid(&ap, "not this coach's availability"));
            }
            let weekly = crate::booking::normalise_weekly(&a.weekly).map_err(at(&ap))?;
            if weekly != a.weekly {
                return Err(invalid(&format!("{ap}.weekly"), "not in order, or ranges to merge"));
            }
            if a.overrides.len() > crate::booking::MAX_OVERRIDES
                || a.overrides.windows(2).any(|w| w[0].date >= w[1].date)
            {
                return Err(invalid(&format!("{ap}.overrides"), "not by date, or too many"));
            }
            for o in &a.overrides {
                validate::date("date", o.date).map_err(at(&ap))?;
                let hours = crate::booking::normalise("hours", &o.hours).map_err(at(&ap))?;
                if hours != o.hours {
                    return Err(invalid(&format!("{ap}.overrides"), "hours not in order, or ranges to merge"));
                }
            }
            self.times(&ap, &a.updated_at, None)?;
            self.w.save_availability(&a)?;
        }
        Ok(())
    }

    fn after_coaches(&mut self) -> Result<()> {
        let p = self.practice()?.clone();
        if !self.coaches.contains(&p.owner_id) {
            return Err(invalid("practice.owner_id", "not one of the document's coaches"));
        }
        // The practice row first: the coaches refer to it. (Saved here, once its owner is
        // known to be among them.)
        Ok(())
    }

    fn on_client(&mut self, place: &str, c: Client) -> Result<()> {
        self.same_practice(place, c.practice_id)?;
        self.new_id(place, EntityKind::Client, *c.id.as_uuid())?;
        same(place, "name", &validate::name("name", &c.name), &c.name)?;
        same(place, "email", &validate::email("email", c.email.as_deref()), &c.email)?;
        self.times(place, &c.created_at, Some(&c.updated_at))?;
        if c.erased {
            // As an erasure leaves it: nothing of the person, for good.
            if c.name != crate::service::ERASED_CLIENT_NAME || c.email.is_some() || c.has_portal || !c.archived {
                return Err(invalid(place, "an erased client keeps only the placeholder name, archived, without e-mail or portal"));
            }
            self.erased.insert(c.id);
        }
        self.w.save_client(&c)?;
        self.clients.insert(c.id, c.has_portal);
        self.counts.clients += 1;
        Ok(())
    }

    fn on_resource(&mut self, place: &str, r: ResourceRecord, engagement: Option<&Engagement>) -> Result<()> {
        let res = &r.resource;
        self.same_practice(place, res.practice_id)?;
        self.new_id(place, EntityKind::Resource, *res.id.as_uuid())?;
        let place_ok = match (res.place, engagement) {
            (ResourcePlace::Library, None) => true,
            (ResourcePlace::ClientLibrary(c), None) => {
                res.added_by == Actor::Client(c) && self.clients.contains_key(&c)
            }
            (ResourcePlace::Engagement(e), Some(eng)) => e == eng.id && res.parent_id.is_none(),
            _ => false,
        };
        if !place_ok {
            return Err(invalid(&format!("{place}.place"), "not where this record belongs"));
        }
        if let Some(parent) = res.parent_id {
            match self.resources.get(&parent) {
                Some((pl, ResourceKind::Folder)) if *pl == res.place => {}
                _ => {
                    return Err(invalid(
                        &format!("{place}.parent_id"),
                        "not a folder of the same place that came before",
                    ))
                }
            }
        }
        same(place, "name", &validate::name("name", &res.name), &res.name)?;
        match (res.place, engagement) {
            (ResourcePlace::Library, _) => self.coach(&format!("{place}.added_by"), &res.added_by)?,
            (_, Some(e)) => self.party(&format!("{place}.added_by"), &res.added_by, e)?,
            _ => self.actor(&format!("{place}.added_by"), &res.added_by)?,
        }
        if res.shared_with_coach && !matches!((res.place, res.added_by), (ResourcePlace::Engagement(_), Actor::Client(_))) {
            return Err(invalid(&format!("{place}.shared_with_coach"), "only a client's upload is shared with the coach"));
        }
        self.times(place, &res.created_at, Some(&res.updated_at))?;
        let bytes = match res.kind {
            ResourceKind::Folder | ResourceKind::Link => {
                if r.bytes.is_some() || res.media_type.is_some() || res.size.is_some() || res.sha256.is_some() {
                    return Err(invalid(place, "only a file has bytes, a media type, a size and a digest"));
                }
                if res.kind == ResourceKind::Folder {
                    if res.url.is_some() || matches!(res.place, ResourcePlace::Engagement(_)) {
                        return Err(invalid(place, "a folder has no URL and lives in a library"));
                    }
                } else {
                    let url = res.url.as_deref().unwrap_or("");
                    same(place, "url", &super::super::resources::link_url(url).map(Some), &res.url)?;
                }
                None
            }
            ResourceKind::File => {
                let encoded = r.bytes.as_deref().ok_or_else(|| invalid(&format!("{place}.bytes"), "a file needs its bytes"))?;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .map_err(|e| invalid(&format!("{place}.bytes"), format!("not base64 ({e})")))?;
                let size = bytes.len() as u64;
                if size > self.limit {
                    return Err(invalid(&format!("{place}.bytes"), format!("the file is {size} bytes, over the limit of {}", self.limit)));
                }
                if res.size != Some(size) {
                    return Err(invalid(&format!("{place}.size"), format!("the bytes are {size} long")));
                }
                if res.sha256.as_deref() != Some(hex::encode(Sha256::digest(&bytes)).as_str()) {
                    return Err(invalid(&format!("{place}.sha256"), "not the digest of the bytes"));
                }
                let mt = res.media_type.as_deref().unwrap_or("");
                same(place, "media_type", &super::super::resources::media_type(mt).map(Some), &res.media_type)?;
                if res.url.is_some() {
                    return Err(invalid(&format!("{place}.url"), "a file has no URL"));
                }
                Some(bytes)
            }
        };
        self.w.save_resource(res, bytes.as_deref())?;
        self.resources.insert(res.id, (res.place, res.kind));
        self.counts.resources += 1;
        Ok(())
    }

    fn on_program(&mut self, place: &str, rec: ProgramRecord) -> Result<()> {
        let p = &rec.program;
        self.same_practice(place, p.practice_id)?;
        self.new_id(place, EntityKind::Program, *p.id.as_uuid())?;
        same(place, "name", &validate::name("name", &p.name), &p.name)?;
        super::super::practice::check_planned(p.planned).map_err(at(place))?;
        super::super::practice::check_session_minutes(p.session_minutes).map_err(at(place))?;
        super::super::practice::check_late_window(p.late_cancel_window_minutes).map_err(at(place))?;
        self.times(place, &p.created_at, Some(&p.updated_at))?;
        self.w.save_program(p)?;
        self.programs.insert(p.id);
        if let Some(rules) = rec.booking_rules {
            rules.validated().map_err(at(&format!("{place}.booking_rules")))?;
            self.w.save_booking_rules(p.practice_id, RulesOwner::Program(p.id), Some(&rules))?;
        }
        for (i, item) in rec.items.iter().enumerate() {
            let place = format!("{place}.items[{i}]");
            self.same_practice(&place, item.practice_id)?;
            self.new_id(&place, EntityKind::ProgramItem, *item.id.as_uuid())?;
            if item.program_id != p.id || item.position != i as u32 {
                return Err(invalid(&place, "not this program's item at this position"));
            }
            match &item.item {
                ProgramItemKind::Goal { name, description, due_after_days }
                | ProgramItemKind::Assignment { name, description, due_after_days } => {
                    same(&place, "name", &validate::name("name", name), name)?;
                    same(&place, "description", &validate::optional_text("description", description.as_deref()), description)?;
                    if due_after_days.is_some_and(|d| d > validate::MAX_DUE_AFTER_DAYS) {
                        return Err(invalid(&format!("{place}.due_after_days"), "too far"));
                    }
                }
                ProgramItemKind::Resource { resource_id } => match self.resources.get(resource_id) {
                    Some((ResourcePlace::Library, _)) => {}
                    _ => return Err(invalid(&format!("{place}.resource_id"), "not a library resource of the document")),
                },
                ProgramItemKind::Form { template_id, due_after_days } => {
                    if !self.form_templates.contains_key(template_id) {
                        return Err(invalid(&format!("{place}.template_id"), "not a form template of the document"));
                    }
                    if due_after_days.is_some_and(|d| d > validate::MAX_DUE_AFTER_DAYS) {
                        return Err(invalid(&format!("{place}.due_after_days"), "too far"));
                    }
                }
            }
            self.w.save_program_item(item)?;
        }
        self.counts.programs += 1;
        Ok(())
    }

    fn on_engagement(&mut self, place: &str, rec: EngagementRecord) -> Result<()> {
        let e = &rec.engagement;
        let pid = self.pid()?;
        self.same_practice(place, e.practice_id)?;
        self.new_id(place, EntityKind::Engagement, *e.id.as_uuid())?;
        if e.coach_id.is_some_and(|c| !self.coaches.contains(&c)) {
            return Err(invalid(&format!("{place}.engagement.coach_id"), "not a coach of the practice"));
        }
        if e.client_id.is_some_and(|c| !self.clients.contains_key(&c)) {
            return Err(invalid(&format!("{place}.engagement.client_id"), "not a client of the practice"));
        }
        if e.program_id.is_some_and(|p| !self.programs.contains(&p)) {
            return Err(invalid(&format!("{place}.engagement.program_id"), "not a program of the practice"));
        }
        let ep = format!("{place}.engagement");
        same(&ep, "program_name", &validate::optional_name("program_name", e.program_name.as_deref()), &e.program_name)?;
        same(&ep, "completion_reason", &validate::optional_text("completion_reason", e.completion_reason.as_deref()), &e.completion_reason)?;
        validate::optional_date("start_date", e.start_date).map_err(at(&ep))?;
        validate::optional_date("end_date", e.end_date).map_err(at(&ep))?;
        validate::date_range(e.start_date, e.end_date).map_err(at(&ep))?;
        self.times(&ep, &e.created_at, Some(&e.updated_at))?;
        super::super::practice::check_session_minutes(e.session_minutes).map_err(at(&ep))?;
        if e.planned.amount > 0 {
            super::super::practice::check_planned(e.planned).map_err(at(&ep))?;
        }
        super::super::practice::check_late_window(e.late_cancel_window_minutes).map_err(at(&ep))?;
        if e.status != Status::Draft {
            let missing = e.missing_for_activation();
            if !missing.is_empty() {
                return Err(invalid(&format!("{ep}.status"), format!("{} without {}", e.status, missing.join(", "))));
            }
        }
        if e.status == Status::Active {
            let plan = &self.practice()?.plan;
            if let Some(max) = plan.max_active_engagements {
                if self.active >= max {
                    return Err(invalid(&format!("{ep}.status"), format!("more Active engagements than the plan allows ({max})")));
                }
            }
            self.active += 1;
        }
        self.w.save_engagement(e)?;
        if let Some(rules) = rec.booking_rules {
            rules.validated().map_err(at(&format!("{place}.booking_rules")))?;
            self.w.save_booking_rules(e.practice_id, RulesOwner::Engagement(e.id), Some(&rules))?;
        }
        self.engagements.insert(e.id);
        let eid = e.id;
        // Sessions.
        for (i, s) in rec.sessions.iter().enumerate() {
            let place = format!("{place}.sessions[{i}]");
            self.session(&place, s, e)?;
        }
        // Notes, by position.
        let mut notes: HashMap<NoteId, bool> = HashMap::new();
        for (i, n) in rec.notes.iter().enumerate() {
            let place = format!("{place}.notes[{i}]");
            self.same_practice(&place, n.practice_id)?;
            self.new_id(&place, EntityKind::Note, *n.id.as_uuid())?;
            if n.engagement_id != eid || n.position != i as u32 {
                return Err(invalid(&place, "not this engagement's note at this position"));
            }
            same(&place, "title", &validate::name("title", &n.title), &n.title)?;
            rich(&place, "body_html", &n.body_html)?;
            if n.body_text != html::plain_text(&n.body_html) {
                return Err(invalid(&format!("{place}.body_text"), "not the text of body_html"));
            }
            self.coach(&format!("{place}.created_by"), &n.created_by)?;
            self.times(&place, &n.created_at, Some(&n.updated_at))?;
            self.w.save_note(n)?;
            notes.insert(n.id, n.shared);
        }
        // The client journal.
        for (i, j) in rec.journal.iter().enumerate() {
            let place = format!("{place}.journal[{i}]");
            self.same_practice(&place, j.practice_id)?;
            self.new_id(&place, EntityKind::JournalEntry, *j.id.as_uuid())?;
            if j.engagement_id != eid || !self.clients.contains_key(&j.client_id) || self.erased.contains(&j.client_id) {
                return Err(invalid(&place, "not a journal entry of this engagement by a client of the practice"));
            }
            same(&place, "title", &validate::name("title", &j.title), &j.title)?;
            rich(&place, "body_html", &j.body_html)?;
            if j.body_text != html::plain_text(&j.body_html) {
                return Err(invalid(&format!("{place}.body_text"), "not the text of body_html"));
            }
            self.times(&place, &j.created_at, Some(&j.updated_at))?;
            self.w.save_journal_entry(j)?;
        }
        self.counts.journal_entries += rec.journal.len() as u64;
        // Forms sent into it.
        for (i, f) in rec.forms.iter().enumerate() {
            let place = format!("{place}.forms[{i}]");
            self.form(&place, f, e)?;
        }
        self.counts.forms += rec.forms.len() as u64;
        // Goals, then their milestones.
        let mut goals: HashSet<GoalId> = HashSet::new();
        for (i, g) in rec.goals.iter().enumerate() {
            let place = format!("{place}.goals[{i}]");
            self.same_practice(&place, g.practice_id)?;
            self.new_id(&place, EntityKind::Goal, *g.id.as_uuid())?;
            if g.engagement_id != eid {
                return Err(invalid(&format!("{place}.engagement_id"), "not this engagement"));
            }
            same(&place, "name", &validate::name("name", &g.name), &g.name)?;
            same(&place, "description", &validate::optional_text("description", g.description.as_deref()), &g.description)?;
            validate::optional_date("due_date", g.due_date).map_err(at(&place))?;
            self.party(&format!("{place}.created_by"), &g.created_by, e)?;
            self.times(&place, &g.created_at, Some(&g.updated_at))?;
            self.w.save_goal(g)?;
            goals.insert(g.id);
        }
        let mut positions: HashMap<GoalId, u32> = HashMap::new();
        for (i, m) in rec.milestones.iter().enumerate() {
            let place = format!("{place}.milestones[{i}]");
            self.new_id(&place, EntityKind::Milestone, *m.id.as_uuid())?;
            if m.engagement_id != eid || !goals.contains(&m.goal_id) {
                return Err(invalid(&format!("{place}.goal_id"), "not a goal of this engagement"));
            }
            let next = positions.entry(m.goal_id).or_insert(0);
            if m.position != *next {
                return Err(invalid(&format!("{place}.position"), format!("expected {next}")));
            }
            *next += 1;
            same(&place, "name", &validate::name("name", &m.name), &m.name)?;
            validate::optional_date("due_date", m.due_date).map_err(at(&place))?;
            self.times(&place, &m.created_at, Some(&m.updated_at))?;
            self.w.save_milestone(m)?;
        }
        // Uploads and shares.
        let mut here: HashSet<ResourceId> = HashSet::new();
        for (i, u) in rec.uploads.into_iter().enumerate() {
            let place = format!("{place}.uploads[{i}]");
            here.insert(u.resource.id);
            self.on_resource(&place, u, Some(e))?;
        }
        let mut shared: HashSet<ResourceId> = HashSet::new();
        for (i, s) in rec.shares.iter().enumerate() {
            let place = format!("{place}.shares[{i}]");
            if !matches!(self.resources.get(&s.resource_id), Some((ResourcePlace::Library, _))) {
                return Err(invalid(&format!("{place}.resource_id"), "not a library resource of the document"));
            }
            if !shared.insert(s.resource_id) {
                return Err(invalid(&format!("{place}.resource_id"), "shared twice"));
            }
            self.coach(&format!("{place}.by"), &s.by)?;
            validate::instant("at", s.at).map_err(at(&place))?;
            self.w.save_share(eid, s.resource_id, s.by, s.at)?;
        }
        // Assignments and their files.
        let mut assignments: HashSet<AssignmentId> = HashSet::new();
        for (i, a) in rec.assignments.iter().enumerate() {
            let place = format!("{place}.assignments[{i}]");
            self.same_practice(&place, a.practice_id)?;
            self.new_id(&place, EntityKind::Assignment, *a.id.as_uuid())?;
            if a.engagement_id != eid {
                return Err(invalid(&format!("{place}.engagement_id"), "not this engagement"));
            }
            same(&place, "name", &validate::name("name", &a.name), &a.name)?;
            same(&place, "description", &validate::optional_text("description", a.description.as_deref()), &a.description)?;
            validate::optional_date("due_date", a.due_date).map_err(at(&place))?;
            self.coach(&format!("{place}.created_by"), &a.created_by)?;
            self.times(&place, &a.created_at, Some(&a.updated_at))?;
            self.w.save_assignment(a)?;
            assignments.insert(a.id);
        }
        for (i, f) in rec.assignment_files.iter().enumerate() {
            let place = format!("{place}.assignment_files[{i}]");
            self.new_id(&place, EntityKind::AssignmentFile, *f.id.as_uuid())?;
            if !assignments.contains(&f.assignment_id) {
                return Err(invalid(&format!("{place}.assignment_id"), "not an assignment of this engagement"));
            }
            let ok = here.contains(&f.resource_id)
                || matches!(self.resources.get(&f.resource_id), Some((ResourcePlace::Library, k)) if *k != ResourceKind::Folder);
            if !ok {
                return Err(invalid(&format!("{place}.resource_id"), "not a library file or an upload of this engagement"));
            }
            same(&place, "message", &validate::optional_text("message", f.message.as_deref()), &f.message)?;
            self.coach(&format!("{place}.added_by"), &f.added_by)?;
            validate::instant("added_at", f.added_at).map_err(at(&place))?;
            self.w.save_assignment_file(f)?;
        }
        // Comments on this engagement's notes, goals and assignments.
        for (i, c) in rec.comments.iter().enumerate() {
            let place = format!("{place}.comments[{i}]");
            self.same_practice(&place, c.practice_id)?;
            self.new_id(&place, EntityKind::Comment, *c.id.as_uuid())?;
            let target_ok = c.engagement_id == eid
                && match c.target {
                    CommentTarget::Note(n) => notes.contains_key(&n),
                    CommentTarget::Goal(g) => goals.contains(&g),
                    CommentTarget::Assignment(a) => assignments.contains(&a),
                };
            if !target_ok {
                return Err(invalid(&format!("{place}.target"), "not a note, goal or assignment of this engagement"));
            }
            rich(&place, "body_html", &c.body_html)?;
            self.party(&format!("{place}.author"), &c.author, e)?;
            validate::instant("created_at", c.created_at).map_err(at(&place))?;
            self.w.save_comment(c)?;
            self.counts.comments += 1;
        }
        self.counts.engagements += 1;
        self.counts.sessions += rec.sessions.len() as u64;
        self.counts.notes += rec.notes.len() as u64;
        self.counts.goals += rec.goals.len() as u64;
        self.counts.assignments += rec.assignments.len() as u64;
        let _ = pid;
        Ok(())
    }

    fn session(&mut self, place: &str, s: &Session, e: &Engagement) -> Result<()> {
        self.same_practice(place, s.practice_id)?;
        self.new_id(place, EntityKind::Session, *s.id.as_uuid())?;
        if s.engagement_id != e.id || Some(s.client_id) != e.client_id {
            return Err(invalid(place, "not a session of this engagement's client"));
        }
        if !self.coaches.contains(&s.coach_id) {
            return Err(invalid(&format!("{place}.coach_id"), "not a coach of the practice"));
        }
        validate::instant("start", s.start).map_err(at(place))?;
        validate::instant("end", s.end).map_err(at(place))?;
        if s.end <= s.start || s.end - s.start > MAX_SESSION_LENGTH {
            return Err(invalid(&format!("{place}.end"), "after the start, at most a day later"));
        }
        let location = s.location.clone().validated().map_err(at(place))?;
        if location != s.location {
            return Err(invalid(&format!("{place}.location"), "not as the library stores it"));
        }
        same(place, "cancel_reason", &validate::optional_text("cancel_reason", s.cancel_reason.as_deref()), &s.cancel_reason)?;
        let cancelled = matches!(s.status, SessionStatus::Cancelled | SessionStatus::LateCancelled);
        if cancelled != s.cancelled_at.is_some() || (!cancelled && (s.cancelled_by.is_some() || s.cancel_reason.is_some())) {
            return Err(invalid(&format!("{place}.cancelled_at"), "set exactly for a cancelled session"));
        }
        if let Some(a) = &s.cancelled_by {
            self.party(&format!("{place}.cancelled_by"), a, e)?;
        }
        if let Some(t) = s.cancelled_at {
            validate::instant("cancelled_at", t).map_err(at(place))?;
        }
        self.party(&format!("{place}.created_by"), &s.created_by, e)?;
        self.times(place, &s.created_at, Some(&s.updated_at))?;
        if s.status == SessionStatus::Scheduled {
            if let Some(other) = self.w.coach_clash(s.coach_id, s.start, s.end, None)? {
                return Err(invalid(
                    &format!("{place}.start"),
                    format!("the coach already has session {} at that time", other.id),
                ));
            }
        }
        self.w.save_session(s)?;
        Ok(())
    }

    fn on_form_template(&mut self, place: &str, t: FormTemplate) -> Result<()> {
        self.same_practice(place, t.practice_id)?;
        self.new_id(place, EntityKind::FormTemplate, *t.id.as_uuid())?;
        same(place, "name", &validate::name("name", &t.name), &t.name)?;
        same(place, "description", &validate::optional_text("description", t.description.as_deref()), &t.description)?;
        same(place, "questions", &check_questions(t.questions.clone()), &t.questions)?;
        let lower = t.name.to_lowercase();
        if self.form_templates.values().any(|n| *n == lower) {
            return Err(invalid(&format!("{place}.name"), "another form template has this name"));
        }
        self.times(place, &t.created_at, Some(&t.updated_at))?;
        self.w.save_form_template(&t)?;
        self.form_templates.insert(t.id, lower);
        self.counts.form_templates += 1;
        Ok(())
    }

    fn form(&mut self, place: &str, f: &Form, e: &Engagement) -> Result<()> {
        self.same_practice(place, f.practice_id)?;
        self.new_id(place, EntityKind::Form, *f.id.as_uuid())?;
        if f.engagement_id != e.id {
            return Err(invalid(&format!("{place}.engagement_id"), "not this engagement"));
        }
        if f.template_id.is_some_and(|t| !self.form_templates.contains_key(&t)) {
            return Err(invalid(&format!("{place}.template_id"), "not a form template of the document"));
        }
        same(place, "name", &validate::name("name", &f.name), &f.name)?;
        same(place, "description", &validate::optional_text("description", f.description.as_deref()), &f.description)?;
        same(place, "questions", &check_questions(f.questions.clone()), &f.questions)?;
        same(place, "answers", &crate::service::forms::check_answers(&f.questions, f.answers.clone()), &f.answers)?;
        if !f.answers.is_empty() && e.client_id.is_some_and(|c| self.erased.contains(&c)) {
            return Err(invalid(&format!("{place}.answers"), "the engagement's client is erased: their answers are not kept"));
        }
        if f.status == FormStatus::Submitted {
            let missing = crate::service::forms::unanswered(f);
            if !missing.is_empty() || f.submitted_at.is_none() {
                return Err(invalid(&format!("{place}.status"), "submitted without every required answer"));
            }
        }
        validate::optional_date("due_date", f.due_date).map_err(at(place))?;
        self.coach(&format!("{place}.sent_by"), &f.sent_by)?;
        if let Some(t) = f.submitted_at {
            validate::instant("submitted_at", t).map_err(at(place))?;
        }
        self.times(place, &f.sent_at, Some(&f.updated_at))?;
        self.w.save_form(f)
    }

    fn on_deleted_engagement(&mut self, place: &str, d: DeletedEngagementRecord) -> Result<()> {
        let e = d.engagement_id;
        if self.engagements.contains(&e)
            || self.deleted.contains(&e)
            || self.ids.contains(e.as_uuid())
            || self.w.id_in_use(EntityKind::Engagement, *e.as_uuid())?
        {
            return Err(invalid(&format!("{place}.engagement_id"), "not a deleted engagement of this practice"));
        }
        if !self.clients.contains_key(&d.client_id) {
            return Err(invalid(&format!("{place}.client_id"), "not a client of the document"));
        }
        self.deleted.insert(e);
        self.w.save_deleted_engagement(self.pid()?, e, d.client_id)
    }

    fn on_field(&mut self, place: &str, rec: FieldRecord) -> Result<()> {
        use crate::fields::FieldEntity;
        let f = &rec.field;
        self.same_practice(place, f.practice_id)?;
        self.new_id(place, EntityKind::Field, *f.id.as_uuid())?;
        same(place, "label", &validate::name("label", &f.label), &f.label)?;
        same(place, "choices", &crate::service::fields::choices(f.kind, &f.choices), &f.choices)?;
        let slot = self.field_labels.entry(f.entity).or_default();
        if f.position != slot.len() as u32 {
            return Err(invalid(&format!("{place}.position"), "not the field's place in its entity's list"));
        }
        if !slot.insert(f.label.to_lowercase()) {
            return Err(invalid(&format!("{place}.label"), "another field of the entity has this label"));
        }
        self.times(place, &f.created_at, Some(&f.updated_at))?;
        self.w.save_field(f)?;
        let mut seen = HashSet::new();
        for (i, v) in rec.values.iter().enumerate() {
            let vplace = format!("{place}.values[{i}]");
            let known = match f.entity {
                FieldEntity::Engagement => self.engagements.contains(&EngagementId::from_uuid(v.target_id)),
                FieldEntity::Client => {
                    let c = ClientId::from_uuid(v.target_id);
                    self.clients.contains_key(&c) && !self.erased.contains(&c)
                }
            };
            if !known || !seen.insert(v.target_id) {
                return Err(invalid(&format!("{vplace}.target_id"), format!("not a {} of the document, or given twice", f.entity)));
            }
            same(&vplace, "value", &v.value.clone().checked(f), &v.value)?;
            validate::instant(&format!("{vplace}.updated_at"), v.updated_at)?;
            self.w.save_field_value(
                f.practice_id,
                &crate::fields::StoredFieldValue { field_id: f.id, target_id: v.target_id, value: v.value.clone(), updated_at: v.updated_at },
            )?;
        }
        self.counts.fields += 1;
        Ok(())
    }

    fn on_log(&mut self, place: &str, l: LogEntry) -> Result<()> {
        self.same_practice(place, l.practice_id)?;
        if !self.log_ids.insert(l.id) {
            return Err(invalid(&format!("{place}.id"), format!("{} is used twice in the document", l.id)));
        }
        self.actor(&format!("{place}.actor"), &l.actor)?;
        validate::instant("at", l.at).map_err(at(place))?;
        if let Some(e) = l.engagement_id {
            // An engagement of the document, or one deleted before the export (its history
            // stays) — never one that exists elsewhere.
            if !self.engagements.contains(&e) && !self.deleted.contains(&e) {
                if self.ids.contains(e.as_uuid())
                    || self.w.id_in_use(EntityKind::Engagement, *e.as_uuid())?
                {
                    return Err(invalid(&format!("{place}.engagement_id"), "not an engagement of this practice"));
                }
                self.deleted.insert(e);
            }
        }
        // The audience the library gives the action; where the target decides it (notes,
        // comments, resources), one of those it may give.
        let fixed = Audience::of(l.action, l.engagement_id.is_some());
        let allowed = match l.action {
            Action::NoteCreated | Action::NoteUpdated | Action::NoteMoved | Action::NoteDeleted
            | Action::NoteShared | Action::NoteUnshared | Action::CommentAdded
            | Action::CommentDeleted => matches!(l.audience, Audience::Coach | Audience::Client),
            Action::JournalEntryCreated | Action::JournalEntryUpdated
            | Action::JournalEntryDeleted => matches!(l.audience, Audience::Own | Audience::Client),
            Action::ResourceAdded | Action::ResourceDeleted => match l.engagement_id {
                None => matches!(l.audience, Audience::Coaches | Audience::Own),
                Some(_) => matches!(l.audience, Audience::Client | Audience::Own),
            },
            _ => l.audience == fixed,
        };
        if !allowed {
            return Err(invalid(&format!("{place}.audience"), format!("not the audience of {}", l.action)));
        }
        if l.detail.as_ref().is_some_and(|d| d.len() > 4 * validate::MAX_TEXT_CHARS) {
            return Err(invalid(&format!("{place}.detail"), "too long"));
        }
        self.w.append_log(&l)?;
        self.counts.log_entries += 1;
        Ok(())
    }
}

/// Refuses a value that the library's own validation would store differently.
fn same<T: PartialEq>(place: &str, field: &str, checked: &Result<T>, given: &T) -> Result<()> {
    match checked {
        Ok(v) if v == given => Ok(()),
        Ok(_) => Err(invalid(&format!("{place}.{field}"), "not as the library stores it (untrimmed or not normalised)")),
        Err(Error::Validation { reason, .. }) => Err(invalid(&format!("{place}.{field}"), reason.clone())),
        Err(e) => Err(e.clone()),
    }
}

/// Rich text must be what the sanitiser makes of it.
fn rich(place: &str, field: &str, body: &str) -> Result<()> {
    if body.len() > html::MAX_HTML_BYTES || html::sanitize(body) != body {
        return Err(invalid(&format!("{place}.{field}"), "not sanitised rich text"));
    }
    Ok(())
}

// ------------------------------------------------------------ the streaming parser

/// The document: a map of the keys in [`KEYS`], in order.
struct Doc<'c, 'w>(&'c mut Ctx<'w>);

fn stop<E: serde::de::Error>(ctx: &mut Ctx<'_>, e: Error) -> E {
    ctx.failure = Some(e);
    E::custom("the import was refused")
}

impl<'de> Visitor<'de> for Doc<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a practice export document (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let ctx = self.0;
        while let Some(key) = map.next_key::<String>()? {
            let mut expected = KEYS.get(ctx.keys).copied();
            // The optional keys a document may lack: skip them up to the one given.
            while matches!(expected, Some("form_templates" | "fields" | "deleted_engagements")) && Some(key.as_str()) != expected
                && KEYS[ctx.keys..].contains(&key.as_str())
            {
                ctx.keys += 1;
                expected = KEYS.get(ctx.keys).copied();
            }
            if Some(key.as_str()) != expected {
                let e = invalid(
                    &key,
                    match expected {
                        Some(k) => format!("unexpected here: the document's next key is `{k}`"),
                        None => "unexpected: the document has ended".to_string(),
                    },
                );
                return Err(stop(ctx, e));
            }
            ctx.place = key.clone();
            ctx.keys += 1;
            let done = match key.as_str() {
                "format" => {
                    let f: String = map.next_value()?;
                    if f != EXPORT_FORMAT {
                        Err(invalid("format", format!("`{f}` is not `{EXPORT_FORMAT}`")))
                    } else {
                        Ok(())
                    }
                }
                "format_version" => {
                    let v: u32 = map.next_value()?;
                    if v > EXPORT_FORMAT_VERSION {
                        Err(invalid("format_version", format!("version {v} is newer than this library reads ({EXPORT_FORMAT_VERSION})")))
                    } else if v == 0 {
                        Err(invalid("format_version", "there is no version 0"))
                    } else {
                        Ok(())
                    }
                }
                "practice" => {
                    let p: Practice = map.next_value()?;
                    ctx.on_practice(p).and_then(|()| {
                        // The practice row before anything that refers to it.
                        let p = ctx.practice()?.clone();
                        ctx.w.save_practice(&p)
                    })
                }
                "coaches" => {
                    map.next_value_seed(List::<CoachRecord, _>::new(ctx, "coaches", |c, place, v| c.on_coach(place, v)))?;
                    ctx.after_coaches()
                }
                "clients" => {
                    map.next_value_seed(List::<Client, _>::new(ctx, "clients", |c, place, v| c.on_client(place, v)))?;
                    Ok(())
                }
                "resources" => {
                    map.next_value_seed(List::<ResourceRecord, _>::new(ctx, "resources", |c, place, v| c.on_resource(place, v, None)))?;
                    Ok(())
                }
                "form_templates" => {
                    map.next_value_seed(List::<FormTemplate, _>::new(ctx, "form_templates", |c, place, v| c.on_form_template(place, v)))?;
                    Ok(())
                }
                "programs" => {
                    map.next_value_seed(List::<ProgramRecord, _>::new(ctx, "programs", |c, place, v| c.on_program(place, v)))?;
                    Ok(())
                }
                "engagements" => {
                    map.next_value_seed(List::<EngagementRecord, _>::new(ctx, "engagements", |c, place, v| c.on_engagement(place, v)))?;
                    Ok(())
                }
                "fields" => {
                    map.next_value_seed(List::<FieldRecord, _>::new(ctx, "fields", |c, place, v| c.on_field(place, v)))?;
                    Ok(())
                }
                "deleted_engagements" => {
                    map.next_value_seed(List::<DeletedEngagementRecord, _>::new(ctx, "deleted_engagements", |c, place, v| c.on_deleted_engagement(place, v)))?;
                    Ok(())
                }
                "activity_log" => {
                    map.next_value_seed(List::<LogEntry, _>::new(ctx, "activity_log", |c, place, v| c.on_log(place, v)))?;
                    Ok(())
                }
                _ => unreachable!("checked against KEYS"),
            };
            if let Err(e) = done {
                return Err(stop(ctx, e));
            }
        }
        Ok(())
    }
}

/// An array whose elements are handed to `f` one at a time as they are parsed.
struct List<'c, 'w, T, F> {
    ctx: &'c mut Ctx<'w>,
    name: &'static str,
    f: F,
    _t: std::marker::PhantomData<T>,
}

impl<'c, 'w, T, F> List<'c, 'w, T, F>
where
    F: FnMut(&mut Ctx<'w>, &str, T) -> Result<()>,
{
    fn new(ctx: &'c mut Ctx<'w>, name: &'static str, f: F) -> Self {
        List {
            ctx,
            name,
            f,
            _t: std::marker::PhantomData,
        }
    }
}

impl<'de, 'w, T, F> DeserializeSeed<'de> for List<'_, 'w, T, F>
where
    T: Deserialize<'de>,
    F: FnMut(&mut Ctx<'w>, &str, T) -> Result<()>,
{
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, 'w, T, F> Visitor<'de> for List<'_, 'w, T, F>
where
    T: Deserialize<'de>,
    F: FnMut(&mut Ctx<'w>, &str, T) -> Result<()>,
{
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "the array `{}`", self.name)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let List { ctx, name, mut f, .. } = self;
        let mut i = 0usize;
        loop {
            ctx.place.clear();
            let _ = write!(ctx.place, "{name}[{i}]");
            let Some(v) = seq.next_element::<T>()? else {
                break;
            };
            let place = ctx.place.clone();
            if let Err(e) = f(ctx, &place, v) {
                return Err(stop(ctx, e));
            }
            i += 1;
        }
        ctx.place = name.to_string();
        Ok(())
    }
}
