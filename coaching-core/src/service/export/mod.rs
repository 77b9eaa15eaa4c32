//! Export and import of a whole practice: one documented, versioned JSON document
//! (`docs/export-format.md`, `docs/export.schema.json`), streamed both ways.
//!
//! The document holds everything of a practice — the practice and its plan, coaches, clients,
//! the resource library and the clients' own libraries (files' bytes in base64), programs with
//! their items, the form templates, every engagement with its sessions, notes, goals,
//! milestones, assignments and their files, uploads, shares, comments, journal and forms, and the whole activity log — with ids,
//! timestamps and authors kept. Records appear in an order an importer can follow: a thing
//! before anything that refers to it.
//!
//! Export → import into an empty store → export again gives byte-identical JSON, on every
//! backend, so a practice moves between backends this way. Its change feed starts again in the
//! new store (cursors belong to their store).

mod import;

use std::io::Write;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::activity::LogEntry;
use crate::actor::Actor;
use crate::auth;
use crate::booking::{Availability, BookingRules, RulesOwner};
use crate::content::*;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::ids::{PracticeId, ResourceId};
use crate::model::{Client, Coach, Program};
use crate::session::Session;
use crate::storage::{FeedScope, OverviewFilter, Reader, SessionWindow};

use super::Coaching;

pub use import::Imported;

/// The `format` every export document carries.
pub const EXPORT_FORMAT: &str = "coaching-practice";
/// The version of the document this library writes (and the newest it reads).
pub const EXPORT_FORMAT_VERSION: u32 = 1;

/// A coach, with their published availability (absent: none published).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CoachRecord {
    #[serde(flatten)]
    pub coach: Coach,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availability>,
}

/// Whose a deleted engagement was (its history is in the log; an erasure of the client blanks
/// it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DeletedEngagementRecord {
    pub engagement_id: crate::ids::EngagementId,
    pub client_id: crate::ids::ClientId,
}

/// A custom field's definition with its values, by target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FieldRecord {
    pub field: crate::fields::FieldDefinition,
    pub values: Vec<FieldValueRecord>,
}

/// One value of a field: on which engagement or client, what, since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FieldValueRecord {
    pub target_id: uuid::Uuid,
    pub value: crate::fields::FieldValue,
    pub updated_at: DateTime<Utc>,
}

/// A program with its items by position, and its booking rules (absent: none of its own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ProgramRecord {
    pub program: Program,
    pub items: Vec<ProgramItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_rules: Option<BookingRules>,
}

/// A resource with its bytes (files only), base64.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ResourceRecord {
    pub resource: Resource,
    pub bytes: Option<String>,
}

/// A library item shared into an engagement: by whom and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ShareRecord {
    pub resource_id: ResourceId,
    pub by: Actor,
    pub at: DateTime<Utc>,
}

/// An engagement with everything in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct EngagementRecord {
    pub engagement: Engagement,
    pub sessions: Vec<Session>,
    pub notes: Vec<Note>,
    pub goals: Vec<Goal>,
    pub milestones: Vec<Milestone>,
    /// Files uploaded straight into the engagement.
    pub uploads: Vec<ResourceRecord>,
    pub shares: Vec<ShareRecord>,
    pub assignments: Vec<Assignment>,
    pub assignment_files: Vec<AssignmentFile>,
    pub comments: Vec<Comment>,
    /// The client's journal entries, private ones included (the export is the practice's
    /// backup); absent in documents written before journals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journal: Vec<JournalEntry>,
    /// The forms sent into it, with the client's answers (drafts included); absent when there
    /// are none (and in documents written before forms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<Form>,
    /// Its own booking rules (absent: it follows its program's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_rules: Option<BookingRules>,
}

/// The counts of what an export wrote or an import loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TransferCounts {
    /// Coaches, the owner included.
    pub coaches: u64,
    /// Clients.
    pub clients: u64,
    /// Programs.
    pub programs: u64,
    /// Resources: the practice library, the clients' own libraries and the files uploaded into
    /// engagements (folders and links included).
    pub resources: u64,
    /// Engagements.
    pub engagements: u64,
    /// Sessions, of every status.
    pub sessions: u64,
    /// Notes.
    pub notes: u64,
    /// Goals (their milestones are not counted).
    pub goals: u64,
    /// Assignments (their files are not counted).
    pub assignments: u64,
    /// Comments on notes, goals and assignments.
    pub comments: u64,
    /// Activity-log entries, practice-level and of every engagement.
    pub log_entries: u64,
    /// Clients' journal entries, private ones included.
    pub journal_entries: u64,
    /// Custom fields (their values are not counted).
    pub fields: u64,
    /// Form templates of the practice library.
    pub form_templates: u64,
    /// Forms sent into engagements.
    pub forms: u64,
}

fn io(e: std::io::Error) -> Error {
    Error::storage(format!("writing the export: {e}"))
}

fn json(e: serde_json::Error) -> Error {
    Error::storage(format!("writing the export: {e}"))
}

/// Writes the document's parts: `"key":` then values, arrays one element a line.
struct Out<'a> {
    w: &'a mut dyn Write,
    first_key: bool,
    first_item: bool,
}

impl Out<'_> {
    fn key(&mut self, k: &str) -> Result<()> {
        let sep = if self.first_key { "{\n" } else { ",\n" };
        self.first_key = false;
        write!(self.w, "{sep}\"{k}\": ").map_err(io)
    }
    fn value<T: Serialize + ?Sized>(&mut self, k: &str, v: &T) -> Result<()> {
        self.key(k)?;
        serde_json::to_writer(&mut *self.w, v).map_err(json)
    }
    fn open(&mut self, k: &str) -> Result<()> {
        self.key(k)?;
        self.first_item = true;
        self.w.write_all(b"[").map_err(io)
    }
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        let sep: &[u8] = if self.first_item { b"\n" } else { b",\n" };
        self.first_item = false;
        self.w.write_all(sep).map_err(io)?;
        serde_json::to_writer(&mut *self.w, v).map_err(json)
    }
    fn close(&mut self) -> Result<()> {
        let end: &[u8] = if self.first_item { b"]" } else { b"\n]" };
        self.w.write_all(end).map_err(io)
    }
}

/// A resource and (files) its bytes.
fn resource_record(r: &dyn Reader, res: Resource) -> Result<ResourceRecord> {
    let bytes = if res.kind == ResourceKind::File {
        let b = r
            .resource_bytes(res.id)?
            .ok_or_else(|| Error::storage(format!("the bytes of file {} are missing", res.id)))?;
        Some(base64::engine::general_purpose::STANDARD.encode(b))
    } else {
        None
    };
    Ok(ResourceRecord {
        resource: res,
        bytes,
    })
}

/// Every resource of `place`, each folder before what it holds (depth first, in the
/// backend's order: folders first, then by name).
fn tree(
    r: &dyn Reader,
    practice: PracticeId,
    place: ResourcePlace,
    out: &mut Out<'_>,
    counts: &mut TransferCounts,
) -> Result<()> {
    let mut stack: Vec<Option<ResourceId>> = vec![None];
    let mut order = Vec::new();
    while let Some(parent) = stack.pop() {
        let children = r.resource_children(practice, place, parent)?;
        // Children are visited in order: push folders reversed so the first is next.
        for c in children.iter().rev() {
            if c.kind == ResourceKind::Folder {
                stack.push(Some(c.id));
            }
        }
        order.push(children);
    }
    // Written breadth of each folder as found: every parent precedes its children.
    for children in order {
        for c in children {
            out.item(&resource_record(r, c)?)?;
            counts.resources += 1;
        }
    }
    Ok(())
}

impl Coaching {
    /// Writes the whole practice to `out` as one JSON document (see the module documentation
    /// and `docs/export-format.md`), streamed: memory stays flat whatever the practice's size.
    /// The owner only. Read from one consistent snapshot: writes made meanwhile are not in it.
    pub fn export_practice(
        &self,
        actor: Actor,
        practice: PracticeId,
        out: &mut dyn Write,
    ) -> Result<TransferCounts> {
        let mut counts = TransferCounts::default();
        self.read(|r| {
            let p = auth::practice(r, practice)?;
            auth::owner_of(r, actor, &p)?;
            let mut o = Out {
                w: out,
                first_key: true,
                first_item: false,
            };
            o.value("format", EXPORT_FORMAT)?;
            o.value("format_version", &EXPORT_FORMAT_VERSION)?;
            o.value("practice", &p)?;
            o.open("coaches")?;
            for c in r.coaches(practice)? {
                let availability = r.availability(c.id)?;
                o.item(&CoachRecord {
                    coach: c,
                    availability,
                })?;
                counts.coaches += 1;
            }
            o.close()?;
            o.open("clients")?;
            let clients: Vec<Client> = r.clients(practice)?;
            for c in &clients {
                o.item(c)?;
                counts.clients += 1;
            }
            o.close()?;
            o.open("resources")?;
            tree(r, practice, ResourcePlace::Library, &mut o, &mut counts)?;
            for c in &clients {
                tree(
                    r,
                    practice,
                    ResourcePlace::ClientLibrary(c.id),
                    &mut o,
                    &mut counts,
                )?;
            }
            o.close()?;
            o.open("form_templates")?;
            for t in r.form_templates(practice)? {
                o.item(&t)?;
                counts.form_templates += 1;
            }
            o.close()?;
            o.open("programs")?;
            for program in r.programs(practice)? {
                let items = r.program_items(program.id)?;
                let booking_rules = r.booking_rules(practice, RulesOwner::Program(program.id))?;
                o.item(&ProgramRecord {
                    program,
                    items,
                    booking_rules,
                })?;
                counts.programs += 1;
            }
            o.close()?;
            o.open("engagements")?;
            let engagements = r.overview(&OverviewFilter::practice(practice))?;
            for line in engagements {
                let rec = engagement_record(r, line.engagement, &mut counts)?;
                o.item(&rec)?;
                counts.engagements += 1;
            }
            o.close()?;
            o.open("fields")?;
            let mut values = r.field_values(practice, None)?;
            for entity in crate::fields::FieldEntity::ALL {
                for field in r.fields(practice, *entity)? {
                    let mut mine = Vec::new();
                    values.retain(|v| {
                        if v.field_id == field.id {
                            mine.push(FieldValueRecord {
                                target_id: v.target_id,
                                value: v.value.clone(),
                                updated_at: v.updated_at,
                            });
                            false
                        } else {
                            true
                        }
                    });
                    mine.sort_by_key(|v| v.target_id);
                    o.item(&FieldRecord { field, values: mine })?;
                    counts.fields += 1;
                }
            }
            o.close()?;
            o.open("deleted_engagements")?;
            for (engagement_id, client_id) in r.deleted_engagements(practice)? {
                o.item(&DeletedEngagementRecord { engagement_id, client_id })?;
            }
            o.close()?;
            o.open("activity_log")?;
            let mut after = 0;
            loop {
                let page = r.changes(practice, FeedScope::All, after, 1000)?;
                let Some((last, _)) = page.last() else { break };
                after = *last;
                for (_, entry) in &page {
                    o.item::<LogEntry>(entry)?;
                    counts.log_entries += 1;
                }
            }
            o.close()?;
            o.w.write_all(b"\n}\n").map_err(io)?;
            o.w.flush().map_err(io)?;
            Ok(())
        })?;
        Ok(counts)
    }
}

/// Exports a practice ([`Coaching::export_practice`]) to the file at `path`: written beside it
/// under a temporary name and moved into place once complete, so a refused or failed export
/// leaves whatever was at `path` as it was. What the bindings and the command line use.
pub fn export_to_path(
    lib: &Coaching,
    actor: Actor,
    practice: PracticeId,
    path: &std::path::Path,
) -> Result<TransferCounts> {
    let fail = |what: &str, e: std::io::Error| {
        Error::storage(format!("cannot {what} {}: {e}", path.display()))
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.partial", uuid::Uuid::now_v7().simple()));
    let file = std::fs::File::create(&tmp).map_err(|e| fail("write", e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
    let done = lib
        .export_practice(actor, practice, &mut w)
        .and_then(|counts| {
            let file = w.into_inner().map_err(|e| fail("write", e.into_error()))?;
            file.sync_all().map_err(|e| fail("write", e))?;
            std::fs::rename(&tmp, path).map_err(|e| fail("write", e))?;
            Ok(counts)
        });
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// One engagement with its contents, each list in the backend's stable order.
fn engagement_record(
    r: &dyn Reader,
    engagement: Engagement,
    counts: &mut TransferCounts,
) -> Result<EngagementRecord> {
    let e = engagement.id;
    let sessions: Vec<Session> = r
        .session_lines(&SessionWindow {
            practice: engagement.practice_id,
            coach: None,
            client: None,
            engagement: Some(e),
            from: crate::validate::first_instant(),
            to: crate::validate::after_last_instant(),
            scheduled_only: false,
        })?
        .into_iter()
        .map(|l| l.session)
        .collect();
    let notes = r.notes(e)?;
    let goals = r.goals(e)?;
    let milestones = r.milestones(e)?;
    let assignments = r.assignments(e)?;
    let assignment_files = r.assignment_files(e)?;
    let mut uploads = Vec::new();
    let mut shares = Vec::new();
    for er in r.engagement_resources(e)? {
        if er.from_library {
            shares.push(ShareRecord {
                resource_id: er.resource.id,
                by: er.shared_by,
                at: er.shared_at,
            });
        } else {
            uploads.push(resource_record(r, er.resource)?);
        }
    }
    let mut comments = Vec::new();
    let targets = notes
        .iter()
        .map(|n| CommentTarget::Note(n.id))
        .chain(goals.iter().map(|g| CommentTarget::Goal(g.id)))
        .chain(assignments.iter().map(|a| CommentTarget::Assignment(a.id)));
    for t in targets {
        comments.extend(r.comments(t)?);
    }
    // Oldest first: the order they were written in.
    let mut journal = r.journal(e, None, false)?;
    journal.reverse();
    counts.journal_entries += journal.len() as u64;
    let forms = r.forms(e)?;
    counts.forms += forms.len() as u64;
    counts.sessions += sessions.len() as u64;
    counts.notes += notes.len() as u64;
    counts.goals += goals.len() as u64;
    counts.assignments += assignments.len() as u64;
    counts.comments += comments.len() as u64;
    counts.resources += uploads.len() as u64;
    let booking_rules = r.booking_rules(engagement.practice_id, RulesOwner::Engagement(e))?;
    Ok(EngagementRecord {
        engagement,
        sessions,
        notes,
        goals,
        milestones,
        uploads,
        shares,
        assignments,
        assignment_files,
        comments,
        journal,
        forms,
        booking_rules,
    })
}
