//! The in-memory backend.
//!
//! State lives in persistent (structurally shared) maps, so a write works on an O(1) copy of
//! the current state and publishes it only if it succeeds: atomic by construction. Readers
//! take the published snapshot and never wait for a writer.

use std::sync::{Arc, Mutex, RwLock};

use imbl::{OrdMap, Vector};

use chrono::{DateTime, NaiveDate, Utc};

use super::{FeedScope, NoteSearch, OverviewFilter, Reader, SessionWindow, Storage, Writer};
use crate::activity::{Audience, LogEntry, LogScope, Page};
use crate::actor::Actor;
use crate::booking::{Availability, BookingRules, RulesOwner};
use crate::content::*;
use crate::engagement::{Engagement, EngagementOverview, Status};
use crate::error::{Error, Result};
use crate::fields::{FieldDefinition, FieldEntity, StoredFieldValue};
use crate::html::{MARK_CLOSE, MARK_OPEN};
use crate::ids::{
    AssignmentFileId, AssignmentId, CommentId, FieldId, FormId, FormTemplateId, GoalId,
    JournalEntryId, MilestoneId, NoteId, ProgramItemId, ResourceId,
};
use crate::ids::{ClientId, CoachId, EngagementId, EntityKind, PracticeId, ProgramId, SessionId};
use crate::model::{Client, Coach, Practice, Program};
use crate::progress::SessionTally;
use crate::session::{Session, SessionLine, SessionRange, SessionStatus};

#[derive(Clone, Default)]
pub(crate) struct State {
    practices: OrdMap<PracticeId, Practice>,
    coaches: OrdMap<CoachId, Coach>,
    clients: OrdMap<ClientId, Client>,
    programs: OrdMap<ProgramId, Program>,
    engagements: OrdMap<EngagementId, Engagement>,
    sessions: OrdMap<SessionId, Session>,
    notes: OrdMap<NoteId, Note>,
    fields: OrdMap<FieldId, FieldDefinition>,
    field_values: OrdMap<(FieldId, uuid::Uuid), (PracticeId, StoredFieldValue)>,
    /// Whose each deleted engagement was (for an erasure of the client).
    deleted_engagements: OrdMap<EngagementId, ClientId>,
    journal: OrdMap<JournalEntryId, JournalEntry>,
    form_templates: OrdMap<FormTemplateId, FormTemplate>,
    forms: OrdMap<FormId, Form>,
    goals: OrdMap<GoalId, Goal>,
    milestones: OrdMap<MilestoneId, Milestone>,
    assignments: OrdMap<AssignmentId, Assignment>,
    assignment_files: OrdMap<AssignmentFileId, AssignmentFile>,
    resources: OrdMap<ResourceId, Resource>,
    blobs: OrdMap<ResourceId, Arc<Vec<u8>>>,
    shares: OrdMap<(EngagementId, ResourceId), (Actor, DateTime<Utc>)>,
    comments: OrdMap<CommentId, Comment>,
    program_items: OrdMap<ProgramItemId, ProgramItem>,
    availability: OrdMap<CoachId, Availability>,
    program_rules: OrdMap<ProgramId, (PracticeId, BookingRules)>,
    engagement_rules: OrdMap<EngagementId, (PracticeId, BookingRules)>,
    log: Vector<LogEntry>,
    /// Devices' operations run by offline sync, with who sent them and their outcome.
    sync_ops: OrdMap<(PracticeId, uuid::Uuid), (Actor, String)>,
    /// Snapshots of open savepoints (structurally shared: O(1) each).
    saved: Vec<State>,
}

/// Keeps everything in memory; gone when the last handle is dropped.
#[derive(Default)]
pub struct MemoryStore {
    current: RwLock<Arc<State>>,
    writer: Mutex<()>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn snapshot(&self) -> Arc<State> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

impl Storage for MemoryStore {
    fn read(&self, f: &mut dyn FnMut(&dyn Reader) -> Result<()>) -> Result<()> {
        let snap = self.snapshot();
        f(&*snap)
    }

    fn write(&self, f: &mut dyn FnMut(&mut dyn Writer) -> Result<()>) -> Result<()> {
        let _serialised = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let mut next: State = (*self.snapshot()).clone();
        f(&mut next)?;
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        Ok(())
    }
}

impl State {
    fn remove_comments(&mut self, target: impl Fn(CommentTarget) -> bool) {
        self.remove_comments_where(|c| target(c.target));
    }

    fn remove_comments_where(&mut self, pred: impl Fn(&Comment) -> bool) {
        let gone: Vec<CommentId> = self
            .comments
            .values()
            .filter(|c| pred(c))
            .map(|c| c.id)
            .collect();
        for c in gone {
            self.comments.remove(&c);
        }
    }

    fn overview_line(&self, e: &Engagement) -> Result<EngagementOverview> {
        let coach_name = e
            .coach_id
            .and_then(|c| self.coaches.get(&c))
            .map(|c| c.name.clone());
        let client_name = e
            .client_id
            .and_then(|c| self.clients.get(&c))
            .map(|c| c.name.clone());
        let tally = self.session_tally(e.id)?;
        Ok(EngagementOverview::new(
            e.clone(),
            coach_name,
            client_name,
            &tally,
        ))
    }
}

impl Reader for State {
    fn practice(&self, id: PracticeId) -> Result<Option<Practice>> {
        Ok(self.practices.get(&id).cloned())
    }
    fn practice_ids(&self) -> Result<Vec<PracticeId>> {
        Ok(self.practices.keys().copied().collect())
    }
    fn coach(&self, id: CoachId) -> Result<Option<Coach>> {
        Ok(self.coaches.get(&id).cloned())
    }
    fn coaches(&self, practice: PracticeId) -> Result<Vec<Coach>> {
        Ok(self
            .coaches
            .values()
            .filter(|c| c.practice_id == practice)
            .cloned()
            .collect())
    }
    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        Ok(self.clients.get(&id).cloned())
    }
    fn clients(&self, practice: PracticeId) -> Result<Vec<Client>> {
        Ok(self
            .clients
            .values()
            .filter(|c| c.practice_id == practice)
            .cloned()
            .collect())
    }
    fn program(&self, id: ProgramId) -> Result<Option<Program>> {
        Ok(self.programs.get(&id).cloned())
    }
    fn programs(&self, practice: PracticeId) -> Result<Vec<Program>> {
        Ok(self
            .programs
            .values()
            .filter(|p| p.practice_id == practice)
            .cloned()
            .collect())
    }
    fn engagement(&self, id: EngagementId) -> Result<Option<Engagement>> {
        Ok(self.engagements.get(&id).cloned())
    }
    fn count_active_engagements(&self, practice: PracticeId) -> Result<u32> {
        Ok(self
            .engagements
            .values()
            .filter(|e| e.practice_id == practice && e.status == Status::Active)
            .count() as u32)
    }
    fn count_coaches(&self, practice: PracticeId) -> Result<u32> {
        Ok(self
            .coaches
            .values()
            .filter(|c| c.practice_id == practice)
            .count() as u32)
    }
    fn session_tally(&self, engagement: EngagementId) -> Result<SessionTally> {
        let mut t = SessionTally::default();
        for s in self
            .sessions
            .values()
            .filter(|s| s.engagement_id == engagement)
        {
            let minutes = s.minutes().max(0) as u64;
            match s.status {
                SessionStatus::Completed => {
                    t.completed += 1;
                    t.completed_minutes += minutes;
                }
                SessionStatus::NoShow => {
                    t.no_show += 1;
                    t.no_show_minutes += minutes;
                }
                SessionStatus::LateCancelled => {
                    t.late_cancelled += 1;
                    t.late_cancelled_minutes += minutes;
                }
                SessionStatus::Scheduled | SessionStatus::Cancelled => {}
            }
        }
        Ok(t)
    }
    fn overview(&self, filter: &OverviewFilter) -> Result<Vec<EngagementOverview>> {
        let matches = |e: &&Engagement| {
            e.practice_id == filter.practice
                && filter.coach.is_none_or(|c| e.coach_id == Some(c))
                && filter.client.is_none_or(|c| e.client_id == Some(c))
                && filter.engagement.is_none_or(|id| e.id == id)
                && (filter.include_draft || e.status != Status::Draft)
        };
        match filter.engagement {
            Some(id) => self
                .engagements
                .get(&id)
                .into_iter()
                .filter(matches)
                .map(|e| self.overview_line(e))
                .collect(),
            None => self
                .engagements
                .values()
                .filter(matches)
                .map(|e| self.overview_line(e))
                .collect(),
        }
    }
    fn activity(&self, scope: LogScope, page: Page) -> Result<Vec<LogEntry>> {
        let in_scope = |e: &&LogEntry| match scope {
            LogScope::Engagement(id) => e.engagement_id == Some(id),
            LogScope::Practice(id) => e.practice_id == id,
        };
        Ok(self
            .log
            .iter()
            .rev()
            .filter(in_scope)
            .filter(|e| e.audience != Audience::Own)
            .skip(page.offset as usize)
            .take(page.limit as usize)
            .cloned()
            .collect())
    }
    fn changes(
        &self,
        practice: PracticeId,
        scope: FeedScope,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, LogEntry)>> {
        // An entry's sequence number is its place in the log, from 1.
        let engagement = |l: &LogEntry| l.engagement_id.and_then(|id| self.engagements.get(&id));
        let admits = |l: &LogEntry| match scope {
            FeedScope::All => true,
            FeedScope::Owner => l.audience != Audience::Own,
            FeedScope::Coach(me) => match l.audience {
                Audience::Coaches => true,
                Audience::Coach | Audience::Client => {
                    engagement(l).is_some_and(|e| e.coach_id == Some(me))
                }
                Audience::Owner | Audience::Own => false,
            },
            FeedScope::Client { id, portal } => match l.audience {
                Audience::Client => {
                    engagement(l)
                        .is_some_and(|e| e.client_id == Some(id) && e.status != Status::Draft)
                        && (portal
                            || matches!(
                                l.target.kind,
                                EntityKind::Engagement | EntityKind::Session
                            ))
                }
                Audience::Own => l.actor == Actor::Client(id),
                _ => false,
            },
        };
        let skip = usize::try_from(after.max(0)).unwrap_or(usize::MAX);
        Ok(self
            .log
            .iter()
            .enumerate()
            .skip(skip)
            .filter(|(_, l)| l.practice_id == practice && admits(l))
            .take(limit as usize)
            .map(|(i, l)| (i as i64 + 1, l.clone()))
            .collect())
    }
    fn id_in_use(&self, kind: EntityKind, id: uuid::Uuid) -> Result<bool> {
        fn has<K: crate::ids::FromUuid + Ord + Clone, V: Clone>(
            m: &OrdMap<K, V>,
            u: uuid::Uuid,
        ) -> bool {
            m.contains_key(&K::from_uuid(u))
        }
        Ok(match kind {
            EntityKind::Practice => has(&self.practices, id),
            EntityKind::Coach => has(&self.coaches, id),
            EntityKind::Client => has(&self.clients, id),
            EntityKind::Program => has(&self.programs, id),
            EntityKind::Engagement => {
                has(&self.engagements, id)
                    || self
                        .log
                        .iter()
                        .any(|l| l.engagement_id.is_some_and(|e| *e.as_uuid() == id))
            }
            EntityKind::Session => has(&self.sessions, id),
            EntityKind::Note => has(&self.notes, id),
            EntityKind::Goal => has(&self.goals, id),
            EntityKind::Milestone => has(&self.milestones, id),
            EntityKind::Assignment => has(&self.assignments, id),
            EntityKind::AssignmentFile => has(&self.assignment_files, id),
            EntityKind::Resource => has(&self.resources, id),
            EntityKind::Comment => has(&self.comments, id),
            EntityKind::ProgramItem => has(&self.program_items, id),
            EntityKind::JournalEntry => has(&self.journal, id),
            EntityKind::Field => has(&self.fields, id),
            EntityKind::FormTemplate => has(&self.form_templates, id),
            EntityKind::Form => has(&self.forms, id),
        })
    }
    fn session(&self, id: SessionId) -> Result<Option<Session>> {
        Ok(self.sessions.get(&id).cloned())
    }
    fn engagement_sessions(
        &self,
        engagement: EngagementId,
        range: SessionRange,
        now: DateTime<Utc>,
        page: Page,
    ) -> Result<Vec<Session>> {
        let upcoming = |s: &Session| s.status == SessionStatus::Scheduled && s.end > now;
        let mut list: Vec<Session> = self
            .sessions
            .values()
            .filter(|s| {
                s.engagement_id == engagement && upcoming(s) == (range == SessionRange::Upcoming)
            })
            .cloned()
            .collect();
        match range {
            SessionRange::Upcoming => list.sort_by_key(|s| (s.start, s.id)),
            SessionRange::Past => list.sort_by_key(|s| std::cmp::Reverse((s.start, s.id))),
        }
        Ok(list
            .into_iter()
            .skip(page.offset as usize)
            .take(page.limit as usize)
            .collect())
    }
    fn coach_clash(
        &self,
        coach: CoachId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Option<Session>> {
        Ok(self
            .sessions
            .values()
            .filter(|s| {
                s.coach_id == coach && s.status == SessionStatus::Scheduled && Some(s.id) != exclude
            })
            .filter(|s| s.start < end && s.end > start)
            .min_by_key(|s| s.start)
            .cloned())
    }
    fn coach_busy(
        &self,
        coach: CoachId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        let mut v: Vec<_> = self
            .sessions
            .values()
            .filter(|s| {
                s.coach_id == coach
                    && s.status == SessionStatus::Scheduled
                    && Some(s.id) != exclude
                    && s.start < to
                    && s.end > from
            })
            .map(|s| (s.start, s.end))
            .collect();
        v.sort();
        Ok(v)
    }
    fn scheduled_load(&self, engagement: EngagementId) -> Result<(u32, u64)> {
        let mut out = (0u32, 0u64);
        for s in self
            .sessions
            .values()
            .filter(|s| s.engagement_id == engagement && s.status == SessionStatus::Scheduled)
        {
            out.0 += 1;
            out.1 += s.minutes().max(0) as u64;
        }
        Ok(out)
    }
    fn availability(&self, coach: CoachId) -> Result<Option<Availability>> {
        Ok(self.availability.get(&coach).cloned())
    }
    fn booking_rules(
        &self,
        practice: PracticeId,
        owner: RulesOwner,
    ) -> Result<Option<BookingRules>> {
        let found = match owner {
            RulesOwner::Program(p) => self.program_rules.get(&p),
            RulesOwner::Engagement(e) => self.engagement_rules.get(&e),
        };
        Ok(found.filter(|(p, _)| *p == practice).map(|(_, r)| *r))
    }
    fn session_lines(&self, w: &SessionWindow) -> Result<Vec<SessionLine>> {
        let mut lines = Vec::new();
        for s in self.sessions.values() {
            let keep = s.practice_id == w.practice
                && w.coach.is_none_or(|c| s.coach_id == c)
                && w.client.is_none_or(|c| s.client_id == c)
                && w.engagement.is_none_or(|e| s.engagement_id == e)
                && s.start >= w.from
                && s.start < w.to
                && (!w.scheduled_only || s.status == SessionStatus::Scheduled);
            if !keep {
                continue;
            }
            let Some(e) = self.engagements.get(&s.engagement_id) else {
                continue;
            };
            lines.push(SessionLine {
                session: s.clone(),
                coach_name: self
                    .coaches
                    .get(&s.coach_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                client_name: self
                    .clients
                    .get(&s.client_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                program_name: e.program_name.clone(),
            });
        }
        lines.sort_by_key(|l| (l.session.start, l.session.id));
        Ok(lines)
    }

    fn note(&self, id: NoteId) -> Result<Option<Note>> {
        Ok(self.notes.get(&id).cloned())
    }
    fn notes(&self, engagement: EngagementId) -> Result<Vec<Note>> {
        let mut v: Vec<Note> = self
            .notes
            .values()
            .filter(|n| n.engagement_id == engagement)
            .cloned()
            .collect();
        v.sort_by_key(|n| (n.position, n.id));
        Ok(v)
    }
    fn search_notes(&self, q: &NoteSearch) -> Result<Vec<NoteHit>> {
        let mut hits = Vec::new();
        for n in self.notes.values() {
            let Some(e) = self.engagements.get(&n.engagement_id) else {
                continue;
            };
            let keep = n.practice_id == q.practice
                && q.engagement.is_none_or(|id| n.engagement_id == id)
                && q.client.is_none_or(|c| e.client_id == Some(c))
                && q.coach.is_none_or(|c| e.coach_id == Some(c))
                && (!q.shared_only || n.shared)
                && (!q.exclude_draft || e.status != Status::Draft)
                && q.edited_from.is_none_or(|t| n.updated_at >= t)
                && q.edited_to.is_none_or(|t| n.updated_at < t);
            if !keep {
                continue;
            }
            if q.terms.is_empty() {
                hits.push(NoteHit {
                    note: n.clone(),
                    snippet_html: None,
                    rank: 0.0,
                });
                continue;
            }
            let title = words(&n.title);
            let body = words(&n.body_text);
            let count = |ws: &[String], t: &str| ws.iter().filter(|w| w.starts_with(t)).count();
            if !q
                .terms
                .iter()
                .all(|t| count(&title, t) + count(&body, t) > 0)
            {
                continue;
            }
            let rank: usize = q
                .terms
                .iter()
                .map(|t| 10 * count(&title, t) + count(&body, t))
                .sum();
            let source = if q.terms.iter().any(|t| count(&body, t) > 0) {
                &n.body_text
            } else {
                &n.title
            };
            hits.push(NoteHit {
                note: n.clone(),
                snippet_html: Some(snippet(source, &q.terms)),
                rank: rank as f64,
            });
        }
        hits.sort_by(|a, b| {
            b.rank
                .total_cmp(&a.rank)
                .then(b.note.updated_at.cmp(&a.note.updated_at))
                .then(b.note.id.cmp(&a.note.id))
        });
        Ok(hits
            .into_iter()
            .skip(q.page.offset as usize)
            .take(q.page.limit as usize)
            .collect())
    }
    fn field(&self, id: FieldId) -> Result<Option<FieldDefinition>> {
        Ok(self.fields.get(&id).cloned())
    }
    fn fields(&self, practice: PracticeId, entity: FieldEntity) -> Result<Vec<FieldDefinition>> {
        let mut out: Vec<FieldDefinition> = self
            .fields
            .values()
            .filter(|f| f.practice_id == practice && f.entity == entity)
            .cloned()
            .collect();
        out.sort_by_key(|f| (f.position, f.id));
        Ok(out)
    }
    fn field_values(
        &self,
        practice: PracticeId,
        target: Option<uuid::Uuid>,
    ) -> Result<Vec<StoredFieldValue>> {
        Ok(self
            .field_values
            .values()
            .filter(|(p, v)| *p == practice && target.is_none_or(|t| v.target_id == t))
            .map(|(_, v)| v.clone())
            .collect())
    }
    fn deleted_engagements(&self, practice: PracticeId) -> Result<Vec<(EngagementId, ClientId)>> {
        Ok(self
            .deleted_engagements
            .iter()
            .filter(|(_, c)| self.clients.get(*c).is_some_and(|c| c.practice_id == practice))
            .map(|(e, c)| (*e, *c))
            .collect())
    }
    fn log_end(&self, practice: PracticeId) -> Result<i64> {
        // An entry's sequence number is its place in the log, from 1 (as `changes` reads it).
        Ok(self
            .log
            .iter()
            .enumerate()
            .filter(|(_, l)| l.practice_id == practice)
            .map(|(i, _)| i as i64 + 1)
            .last()
            .unwrap_or(0))
    }
    fn deleted_engagements_of(&self, client: ClientId) -> Result<Vec<EngagementId>> {
        Ok(self
            .deleted_engagements
            .iter()
            .filter(|(_, c)| **c == client)
            .map(|(e, _)| *e)
            .collect())
    }
    fn journal_entry(&self, id: JournalEntryId) -> Result<Option<JournalEntry>> {
        Ok(self.journal.get(&id).cloned())
    }
    fn journal(
        &self,
        engagement: EngagementId,
        author: Option<ClientId>,
        shared_only: bool,
    ) -> Result<Vec<JournalEntry>> {
        let mut out: Vec<JournalEntry> = self
            .journal
            .values()
            .filter(|j| j.engagement_id == engagement)
            .filter(|j| author.is_none_or(|a| j.client_id == a))
            .filter(|j| !shared_only || j.shared)
            .cloned()
            .collect();
        out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        Ok(out)
    }
    fn form_template(&self, id: FormTemplateId) -> Result<Option<FormTemplate>> {
        Ok(self.form_templates.get(&id).cloned())
    }
    fn form_templates(&self, practice: PracticeId) -> Result<Vec<FormTemplate>> {
        let mut out: Vec<FormTemplate> = self
            .form_templates
            .values()
            .filter(|t| t.practice_id == practice)
            .cloned()
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(out)
    }
    fn form(&self, id: FormId) -> Result<Option<Form>> {
        Ok(self.forms.get(&id).cloned())
    }
    fn forms(&self, engagement: EngagementId) -> Result<Vec<Form>> {
        let mut out: Vec<Form> = self
            .forms
            .values()
            .filter(|f| f.engagement_id == engagement)
            .cloned()
            .collect();
        out.sort_by(|a, b| a.sent_at.cmp(&b.sent_at).then(a.id.cmp(&b.id)));
        Ok(out)
    }
    fn goal(&self, id: GoalId) -> Result<Option<Goal>> {
        Ok(self.goals.get(&id).cloned())
    }
    fn goals(&self, engagement: EngagementId) -> Result<Vec<Goal>> {
        Ok(self
            .goals
            .values()
            .filter(|g| g.engagement_id == engagement)
            .cloned()
            .collect())
    }
    fn milestone(&self, id: MilestoneId) -> Result<Option<Milestone>> {
        Ok(self.milestones.get(&id).cloned())
    }
    fn milestones(&self, engagement: EngagementId) -> Result<Vec<Milestone>> {
        let mut v: Vec<Milestone> = self
            .milestones
            .values()
            .filter(|m| m.engagement_id == engagement)
            .cloned()
            .collect();
        v.sort_by_key(|m| (m.goal_id, m.position, m.id));
        Ok(v)
    }
    fn assignment(&self, id: AssignmentId) -> Result<Option<Assignment>> {
        Ok(self.assignments.get(&id).cloned())
    }
    fn assignments(&self, engagement: EngagementId) -> Result<Vec<Assignment>> {
        Ok(self
            .assignments
            .values()
            .filter(|a| a.engagement_id == engagement)
            .cloned()
            .collect())
    }
    fn assignment_file(&self, id: AssignmentFileId) -> Result<Option<AssignmentFile>> {
        Ok(self.assignment_files.get(&id).cloned())
    }
    fn assignment_files(&self, engagement: EngagementId) -> Result<Vec<AssignmentFile>> {
        Ok(self
            .assignment_files
            .values()
            .filter(|f| {
                self.assignments
                    .get(&f.assignment_id)
                    .is_some_and(|a| a.engagement_id == engagement)
            })
            .cloned()
            .collect())
    }
    fn resource(&self, id: ResourceId) -> Result<Option<Resource>> {
        Ok(self.resources.get(&id).cloned())
    }
    fn resource_children(
        &self,
        practice: PracticeId,
        place: ResourcePlace,
        parent: Option<ResourceId>,
    ) -> Result<Vec<Resource>> {
        let mut v: Vec<Resource> = self
            .resources
            .values()
            .filter(|r| r.practice_id == practice && r.place == place && r.parent_id == parent)
            .cloned()
            .collect();
        v.sort_by(|a, b| {
            (a.kind != ResourceKind::Folder, &a.name, a.id).cmp(&(
                b.kind != ResourceKind::Folder,
                &b.name,
                b.id,
            ))
        });
        Ok(v)
    }
    fn resource_bytes(&self, id: ResourceId) -> Result<Option<Vec<u8>>> {
        Ok(self.blobs.get(&id).map(|b| b.as_ref().clone()))
    }
    fn engagement_resources(&self, engagement: EngagementId) -> Result<Vec<EngagementResource>> {
        let mut out = Vec::new();
        for ((e, r), (by, at)) in self.shares.iter() {
            if *e != engagement {
                continue;
            }
            if let Some(res) = self.resources.get(r) {
                out.push(EngagementResource {
                    resource: res.clone(),
                    from_library: true,
                    shared_by: *by,
                    shared_at: *at,
                });
            }
        }
        out.sort_by_key(|x| (x.shared_at, x.resource.id));
        let mut uploads: Vec<EngagementResource> = self
            .resources
            .values()
            .filter(|r| r.place == ResourcePlace::Engagement(engagement) && r.parent_id.is_none())
            .map(|r| EngagementResource {
                resource: r.clone(),
                from_library: false,
                shared_by: r.added_by,
                shared_at: r.created_at,
            })
            .collect();
        uploads.sort_by_key(|x| (x.shared_at, x.resource.id));
        out.extend(uploads);
        Ok(out)
    }
    fn is_shared_into(&self, engagement: EngagementId, resource: ResourceId) -> Result<bool> {
        Ok(self.shares.contains_key(&(engagement, resource)))
    }
    fn comment(&self, id: CommentId) -> Result<Option<Comment>> {
        Ok(self.comments.get(&id).cloned())
    }
    fn comments(&self, target: CommentTarget) -> Result<Vec<Comment>> {
        let mut v: Vec<Comment> = self
            .comments
            .values()
            .filter(|c| c.target == target)
            .cloned()
            .collect();
        v.sort_by_key(|c| (c.created_at, c.id));
        Ok(v)
    }
    fn program_items(&self, program: ProgramId) -> Result<Vec<ProgramItem>> {
        let mut v: Vec<ProgramItem> = self
            .program_items
            .values()
            .filter(|i| i.program_id == program)
            .cloned()
            .collect();
        v.sort_by_key(|i| (i.position, i.id));
        Ok(v)
    }
    fn todos(&self, coach: CoachId, today: NaiveDate, page: Page) -> Result<Vec<TodoItem>> {
        let mut items = self.open_items(&|e| e.coach_id == Some(coach), today);
        items.sort_by(|a, b| {
            (a.due_date.is_none(), a.due_date, &a.name, a.id).cmp(&(
                b.due_date.is_none(),
                b.due_date,
                &b.name,
                b.id,
            ))
        });
        Ok(items
            .into_iter()
            .skip(page.offset as usize)
            .take(page.limit as usize)
            .collect())
    }
    fn due_items(
        &self,
        practice: PracticeId,
        coach: Option<CoachId>,
        client: Option<ClientId>,
        until: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<DueItem>> {
        let keep = |e: &Engagement| {
            e.practice_id == practice
                && coach.is_none_or(|c| e.coach_id == Some(c))
                && client.is_none_or(|c| e.client_id == Some(c))
        };
        let mut items: Vec<DueItem> = self
            .open_items(&keep, today)
            .into_iter()
            .filter(|t| t.due_date.is_some_and(|d| d <= until))
            .filter_map(|item| {
                let e = self.engagements.get(&item.engagement_id)?;
                let coach = self.coaches.get(&e.coach_id?)?;
                let client = self.clients.get(&item.client_id)?;
                Some(DueItem {
                    coach_id: coach.id,
                    coach_name: coach.name.clone(),
                    client_has_portal: client.has_portal,
                    item,
                })
            })
            .collect();
        items.sort_by(|a, b| {
            (a.item.due_date, &a.item.name, a.item.id).cmp(&(
                b.item.due_date,
                &b.item.name,
                b.item.id,
            ))
        });
        Ok(items)
    }
}

impl State {
    /// The open goals, milestones (of open goals), assignments and forms of Active engagements that
    /// `keep` accepts.
    fn open_items(&self, keep: &dyn Fn(&Engagement) -> bool, today: NaiveDate) -> Vec<TodoItem> {
        let mut items = Vec::new();
        let active = |id: &EngagementId| {
            self.engagements
                .get(id)
                .filter(|e| e.status == Status::Active && keep(e))
        };
        let client_of = |e: &Engagement| {
            let id = e.client_id?;
            Some((id, self.clients.get(&id)?.name.clone()))
        };
        let item = |kind,
                    id: uuid::Uuid,
                    e: &Engagement,
                    name: &str,
                    goal: Option<String>,
                    due: Option<NaiveDate>| {
            client_of(e).map(|(client_id, client_name)| TodoItem {
                kind,
                id,
                engagement_id: e.id,
                client_id,
                client_name,
                name: name.to_string(),
                goal_name: goal,
                due_date: due,
                overdue: due.is_some_and(|d| d < today),
            })
        };
        for g in self
            .goals
            .values()
            .filter(|g| g.status == GoalStatus::Active)
        {
            if let Some(e) = active(&g.engagement_id) {
                items.extend(item(
                    TodoKind::Goal,
                    *g.id.as_uuid(),
                    e,
                    &g.name,
                    None,
                    g.due_date,
                ));
            }
        }
        for m in self.milestones.values().filter(|m| !m.done) {
            let Some(g) = self
                .goals
                .get(&m.goal_id)
                .filter(|g| g.status == GoalStatus::Active)
            else {
                continue;
            };
            if let Some(e) = active(&m.engagement_id) {
                items.extend(item(
                    TodoKind::Milestone,
                    *m.id.as_uuid(),
                    e,
                    &m.name,
                    Some(g.name.clone()),
                    m.due_date,
                ));
            }
        }
        for a in self
            .assignments
            .values()
            .filter(|a| a.status == AssignmentStatus::Open)
        {
            if let Some(e) = active(&a.engagement_id) {
                items.extend(item(
                    TodoKind::Assignment,
                    *a.id.as_uuid(),
                    e,
                    &a.name,
                    None,
                    a.due_date,
                ));
            }
        }
        for f in self.forms.values().filter(|f| f.status == FormStatus::Open) {
            if let Some(e) = active(&f.engagement_id) {
                items.extend(item(
                    TodoKind::Form,
                    *f.id.as_uuid(),
                    e,
                    &f.name,
                    None,
                    f.due_date,
                ));
            }
        }
        items
    }
}

/// Lower-case words of a text, as the full-text tokenizer sees them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Up to 16 words around the first match, matches marked.
fn snippet(text: &str, terms: &[String]) -> String {
    let ws: Vec<&str> = text.split_whitespace().collect();
    let hit = |w: &str| {
        let lw = w.to_lowercase();
        words(&lw)
            .iter()
            .any(|x| terms.iter().any(|t| x.starts_with(t.as_str())))
    };
    let first = ws.iter().position(|w| hit(w)).unwrap_or(0);
    let start = first.saturating_sub(4);
    let end = (start + 16).min(ws.len());
    let mut out: Vec<String> = ws[start..end]
        .iter()
        .map(|w| {
            if hit(w) {
                format!("{MARK_OPEN}{w}{MARK_CLOSE}")
            } else {
                w.to_string()
            }
        })
        .collect();
    if start > 0 {
        out.insert(0, "…".into());
    }
    if end < ws.len() {
        out.push("…".into());
    }
    crate::html::snippet_html(&out.join(" "))
}

/// Mirrors the foreign keys of the SQLite schema, so both backends refuse the same writes.
fn require<K: Ord, V>(map: &OrdMap<K, V>, key: &K, what: &str) -> Result<()> {
    if map.contains_key(key) {
        Ok(())
    } else {
        Err(Error::storage(format!(
            "FOREIGN KEY constraint failed ({what})"
        )))
    }
}

impl Writer for State {
    fn save_practice(&mut self, practice: &Practice) -> Result<()> {
        self.practices.insert(practice.id, practice.clone());
        Ok(())
    }
    fn save_coach(&mut self, coach: &Coach) -> Result<()> {
        require(&self.practices, &coach.practice_id, "coach.practice")?;
        self.coaches.insert(coach.id, coach.clone());
        Ok(())
    }
    fn save_client(&mut self, client: &Client) -> Result<()> {
        require(&self.practices, &client.practice_id, "client.practice")?;
        self.clients.insert(client.id, client.clone());
        Ok(())
    }
    fn save_program(&mut self, program: &Program) -> Result<()> {
        require(&self.practices, &program.practice_id, "program.practice")?;
        self.programs.insert(program.id, program.clone());
        Ok(())
    }
    fn save_engagement(&mut self, e: &Engagement) -> Result<()> {
        require(&self.practices, &e.practice_id, "engagement.practice")?;
        if let Some(c) = e.coach_id {
            require(&self.coaches, &c, "engagement.coach")?;
        }
        if let Some(c) = e.client_id {
            require(&self.clients, &c, "engagement.client")?;
        }
        self.engagements.insert(e.id, e.clone());
        Ok(())
    }
    fn delete_engagement(&mut self, id: EngagementId) -> Result<()> {
        if let Some(e) = self.engagements.get(&id) {
            if let Some(c) = e.client_id {
                self.deleted_engagements.insert(id, c);
            }
            let p = e.practice_id;
            self.delete_field_values_of(p, *id.as_uuid())?;
        }
        self.engagements.remove(&id);
        self.engagement_rules.remove(&id);
        let gone: Vec<SessionId> = self
            .sessions
            .values()
            .filter(|s| s.engagement_id == id)
            .map(|s| s.id)
            .collect();
        for s in gone {
            self.sessions.remove(&s);
        }
        let notes: Vec<NoteId> = self
            .notes
            .values()
            .filter(|n| n.engagement_id == id)
            .map(|n| n.id)
            .collect();
        for n in notes {
            self.delete_note(n)?;
        }
        let journal: Vec<JournalEntryId> = self
            .journal
            .values()
            .filter(|j| j.engagement_id == id)
            .map(|j| j.id)
            .collect();
        for j in journal {
            self.journal.remove(&j);
        }
        let forms: Vec<FormId> = self
            .forms
            .values()
            .filter(|f| f.engagement_id == id)
            .map(|f| f.id)
            .collect();
        for f in forms {
            self.forms.remove(&f);
        }
        let goals: Vec<GoalId> = self
            .goals
            .values()
            .filter(|g| g.engagement_id == id)
            .map(|g| g.id)
            .collect();
        for g in goals {
            self.delete_goal(g)?;
        }
        let assignments: Vec<AssignmentId> = self
            .assignments
            .values()
            .filter(|a| a.engagement_id == id)
            .map(|a| a.id)
            .collect();
        for a in assignments {
            self.delete_assignment(a)?;
        }
        let uploads: Vec<ResourceId> = self
            .resources
            .values()
            .filter(|r| r.place == ResourcePlace::Engagement(id) && r.parent_id.is_none())
            .map(|r| r.id)
            .collect();
        for r in uploads {
            self.delete_resource(r)?;
        }
        let shares: Vec<_> = self
            .shares
            .keys()
            .filter(|(e, _)| *e == id)
            .copied()
            .collect();
        for k in shares {
            self.shares.remove(&k);
        }
        self.remove_comments_where(|c| c.engagement_id == id);
        // The engagement's log entries stay: the log is append-only.
        Ok(())
    }
    fn save_availability(&mut self, a: &Availability) -> Result<()> {
        require(&self.coaches, &a.coach_id, "availability.coach")?;
        self.availability.insert(a.coach_id, a.clone());
        Ok(())
    }
    fn save_booking_rules(
        &mut self,
        practice: PracticeId,
        owner: RulesOwner,
        rules: Option<&BookingRules>,
    ) -> Result<()> {
        match (owner, rules) {
            (RulesOwner::Program(p), Some(r)) => {
                require(&self.programs, &p, "booking_rules.program")?;
                self.program_rules.insert(p, (practice, *r));
            }
            (RulesOwner::Engagement(e), Some(r)) => {
                require(&self.engagements, &e, "booking_rules.engagement")?;
                self.engagement_rules.insert(e, (practice, *r));
            }
            (RulesOwner::Program(p), None) => {
                self.program_rules.remove(&p);
            }
            (RulesOwner::Engagement(e), None) => {
                self.engagement_rules.remove(&e);
            }
        }
        Ok(())
    }
    fn save_session(&mut self, s: &Session) -> Result<()> {
        require(&self.engagements, &s.engagement_id, "session.engagement")?;
        require(&self.coaches, &s.coach_id, "session.coach")?;
        require(&self.clients, &s.client_id, "session.client")?;
        if s.end <= s.start {
            return Err(Error::storage("CHECK constraint failed: end_at > start_at"));
        }
        self.sessions.insert(s.id, s.clone());
        Ok(())
    }
    fn save_note(&mut self, n: &Note) -> Result<()> {
        require(&self.engagements, &n.engagement_id, "note.engagement")?;
        self.notes.insert(n.id, n.clone());
        Ok(())
    }
    fn delete_note(&mut self, id: NoteId) -> Result<()> {
        self.notes.remove(&id);
        self.remove_comments(|t| t == CommentTarget::Note(id));
        Ok(())
    }
    fn save_deleted_engagement(
        &mut self,
        _practice: PracticeId,
        engagement: EngagementId,
        client: ClientId,
    ) -> Result<()> {
        require(&self.clients, &client, "deleted_engagement.client")?;
        self.deleted_engagements.insert(engagement, client);
        Ok(())
    }
    fn save_field(&mut self, f: &FieldDefinition) -> Result<()> {
        require(&self.practices, &f.practice_id, "field.practice")?;
        self.fields.insert(f.id, f.clone());
        Ok(())
    }
    fn delete_field(&mut self, id: FieldId) -> Result<()> {
        self.fields.remove(&id);
        let gone: Vec<_> = self.field_values.keys().filter(|(f, _)| *f == id).cloned().collect();
        for k in gone {
            self.field_values.remove(&k);
        }
        Ok(())
    }
    fn save_field_value(&mut self, practice: PracticeId, v: &StoredFieldValue) -> Result<()> {
        require(&self.fields, &v.field_id, "field_value.field")?;
        self.field_values
            .insert((v.field_id, v.target_id), (practice, v.clone()));
        Ok(())
    }
    fn delete_field_value(&mut self, field: FieldId, target: uuid::Uuid) -> Result<()> {
        self.field_values.remove(&(field, target));
        Ok(())
    }
    fn delete_field_values_of(&mut self, practice: PracticeId, target: uuid::Uuid) -> Result<()> {
        let gone: Vec<_> = self
            .field_values
            .iter()
            .filter(|(k, (p, _))| *p == practice && k.1 == target)
            .map(|(k, _)| *k)
            .collect();
        for k in gone {
            self.field_values.remove(&k);
        }
        Ok(())
    }
    fn save_journal_entry(&mut self, j: &JournalEntry) -> Result<()> {
        require(
            &self.engagements,
            &j.engagement_id,
            "journal_entry.engagement",
        )?;
        self.journal.insert(j.id, j.clone());
        Ok(())
    }
    fn delete_journal_entry(&mut self, id: JournalEntryId) -> Result<()> {
        self.journal.remove(&id);
        Ok(())
    }
    fn save_form_template(&mut self, t: &FormTemplate) -> Result<()> {
        require(&self.practices, &t.practice_id, "form_template.practice")?;
        self.form_templates.insert(t.id, t.clone());
        Ok(())
    }
    fn delete_form_template(&mut self, id: FormTemplateId) -> Result<()> {
        self.form_templates.remove(&id);
        let items: Vec<_> = self
            .program_items
            .values()
            .filter(|i| matches!(i.item, ProgramItemKind::Form { template_id, .. } if template_id == id))
            .map(|i| i.id)
            .collect();
        for i in items {
            self.program_items.remove(&i);
        }
        let sent: Vec<FormId> = self
            .forms
            .values()
            .filter(|f| f.template_id == Some(id))
            .map(|f| f.id)
            .collect();
        for f in sent {
            if let Some(mut form) = self.forms.get(&f).cloned() {
                form.template_id = None;
                self.forms.insert(f, form);
            }
        }
        Ok(())
    }
    fn save_form(&mut self, f: &Form) -> Result<()> {
        require(&self.engagements, &f.engagement_id, "form.engagement")?;
        if let Some(t) = &f.template_id {
            require(&self.form_templates, t, "form.template")?;
        }
        self.forms.insert(f.id, f.clone());
        Ok(())
    }
    fn delete_form(&mut self, id: FormId) -> Result<()> {
        self.forms.remove(&id);
        Ok(())
    }
    fn save_goal(&mut self, g: &Goal) -> Result<()> {
        require(&self.engagements, &g.engagement_id, "goal.engagement")?;
        self.goals.insert(g.id, g.clone());
        Ok(())
    }
    fn delete_goal(&mut self, id: GoalId) -> Result<()> {
        self.goals.remove(&id);
        let gone: Vec<MilestoneId> = self
            .milestones
            .values()
            .filter(|m| m.goal_id == id)
            .map(|m| m.id)
            .collect();
        for m in gone {
            self.milestones.remove(&m);
        }
        self.remove_comments(|t| t == CommentTarget::Goal(id));
        Ok(())
    }
    fn save_milestone(&mut self, m: &Milestone) -> Result<()> {
        require(&self.goals, &m.goal_id, "milestone.goal")?;
        self.milestones.insert(m.id, m.clone());
        Ok(())
    }
    fn delete_milestone(&mut self, id: MilestoneId) -> Result<()> {
        self.milestones.remove(&id);
        Ok(())
    }
    fn save_assignment(&mut self, a: &Assignment) -> Result<()> {
        require(&self.engagements, &a.engagement_id, "assignment.engagement")?;
        self.assignments.insert(a.id, a.clone());
        Ok(())
    }
    fn delete_assignment(&mut self, id: AssignmentId) -> Result<()> {
        self.assignments.remove(&id);
        let gone: Vec<AssignmentFileId> = self
            .assignment_files
            .values()
            .filter(|f| f.assignment_id == id)
            .map(|f| f.id)
            .collect();
        for f in gone {
            self.assignment_files.remove(&f);
        }
        self.remove_comments(|t| t == CommentTarget::Assignment(id));
        Ok(())
    }
    fn save_assignment_file(&mut self, f: &AssignmentFile) -> Result<()> {
        require(
            &self.assignments,
            &f.assignment_id,
            "assignment_file.assignment",
        )?;
        require(&self.resources, &f.resource_id, "assignment_file.resource")?;
        self.assignment_files.insert(f.id, f.clone());
        Ok(())
    }
    fn delete_assignment_file(&mut self, id: AssignmentFileId) -> Result<()> {
        self.assignment_files.remove(&id);
        Ok(())
    }
    fn save_resource(&mut self, r: &Resource, bytes: Option<&[u8]>) -> Result<()> {
        require(&self.practices, &r.practice_id, "resource.practice")?;
        if let Some(p) = r.parent_id {
            require(&self.resources, &p, "resource.parent")?;
        }
        if let ResourcePlace::Engagement(e) = r.place {
            require(&self.engagements, &e, "resource.engagement")?;
        }
        self.resources.insert(r.id, r.clone());
        if let Some(b) = bytes {
            self.blobs.insert(r.id, Arc::new(b.to_vec()));
        }
        Ok(())
    }
    fn delete_resource(&mut self, id: ResourceId) -> Result<()> {
        let children: Vec<ResourceId> = self
            .resources
            .values()
            .filter(|r| r.parent_id == Some(id))
            .map(|r| r.id)
            .collect();
        for c in children {
            self.delete_resource(c)?;
        }
        self.resources.remove(&id);
        self.blobs.remove(&id);
        let shares: Vec<_> = self
            .shares
            .keys()
            .filter(|(_, r)| *r == id)
            .copied()
            .collect();
        for k in shares {
            self.shares.remove(&k);
        }
        let files: Vec<_> = self
            .assignment_files
            .values()
            .filter(|f| f.resource_id == id)
            .map(|f| f.id)
            .collect();
        for f in files {
            self.assignment_files.remove(&f);
        }
        let items: Vec<_> = self
            .program_items
            .values()
            .filter(|i| matches!(i.item, ProgramItemKind::Resource { resource_id } if resource_id == id))
            .map(|i| i.id)
            .collect();
        for i in items {
            self.program_items.remove(&i);
        }
        Ok(())
    }
    fn save_share(
        &mut self,
        engagement: EngagementId,
        resource: ResourceId,
        by: Actor,
        at: DateTime<Utc>,
    ) -> Result<()> {
        require(&self.engagements, &engagement, "share.engagement")?;
        require(&self.resources, &resource, "share.resource")?;
        self.shares.insert((engagement, resource), (by, at));
        Ok(())
    }
    fn delete_share(&mut self, engagement: EngagementId, resource: ResourceId) -> Result<()> {
        self.shares.remove(&(engagement, resource));
        Ok(())
    }
    fn save_comment(&mut self, c: &Comment) -> Result<()> {
        require(&self.engagements, &c.engagement_id, "comment.engagement")?;
        self.comments.insert(c.id, c.clone());
        Ok(())
    }
    fn delete_comment(&mut self, id: CommentId) -> Result<()> {
        self.comments.remove(&id);
        Ok(())
    }
    fn save_program_item(&mut self, i: &ProgramItem) -> Result<()> {
        require(&self.programs, &i.program_id, "program_item.program")?;
        if let ProgramItemKind::Form { template_id, .. } = &i.item {
            require(&self.form_templates, template_id, "program_item.form_template")?;
        }
        self.program_items.insert(i.id, i.clone());
        Ok(())
    }
    fn delete_program_item(&mut self, id: ProgramItemId) -> Result<()> {
        self.program_items.remove(&id);
        Ok(())
    }
    fn savepoint(&mut self) -> Result<()> {
        let mut snapshot = self.clone();
        snapshot.saved.clear();
        self.saved.push(snapshot);
        Ok(())
    }
    fn release_savepoint(&mut self) -> Result<()> {
        self.saved.pop();
        Ok(())
    }
    fn rollback_savepoint(&mut self) -> Result<()> {
        if let Some(snapshot) = self.saved.pop() {
            let saved = std::mem::take(&mut self.saved);
            *self = snapshot;
            self.saved = saved;
        }
        Ok(())
    }
    fn append_log(&mut self, entry: &LogEntry) -> Result<()> {
        // An entry may name an engagement deleted since (or before an import): the log keeps
        // the history of deleted engagements, as on the SQL backends.
        require(&self.practices, &entry.practice_id, "log.practice")?;
        self.log.push_back(entry.clone());
        Ok(())
    }
    fn sync_op(&mut self, practice: PracticeId, op_id: uuid::Uuid) -> Result<Option<(Actor, String)>> {
        Ok(self.sync_ops.get(&(practice, op_id)).cloned())
    }
    fn save_sync_op(
        &mut self,
        practice: PracticeId,
        op_id: uuid::Uuid,
        actor: Actor,
        outcome: &str,
        _at: DateTime<Utc>,
    ) -> Result<()> {
        require(&self.practices, &practice, "sync_op.practice")?;
        if self.sync_ops.contains_key(&(practice, op_id)) {
            return Err(crate::error::Error::storage("UNIQUE constraint failed: sync_ops"));
        }
        self.sync_ops.insert((practice, op_id), (actor, outcome.to_string()));
        Ok(())
    }
    fn delete_sync_ops_of(&mut self, practice: PracticeId, actor: Actor) -> Result<()> {
        let gone: Vec<_> = self
            .sync_ops
            .iter()
            .filter(|((p, _), (a, _))| *p == practice && *a == actor)
            .map(|(k, _)| *k)
            .collect();
        for k in gone {
            self.sync_ops.remove(&k);
        }
        Ok(())
    }
    fn erase_log_details(
        &mut self,
        practice: PracticeId,
        client: ClientId,
        engagements: &[EngagementId],
    ) -> Result<()> {
        let who = Actor::Client(client);
        for l in self.log.iter_mut() {
            if l.practice_id == practice
                && (l.actor == who
                    || l.target.id == *client.as_uuid()
                    || l.engagement_id.is_some_and(|e| engagements.contains(&e))
                    || engagements.iter().any(|e| l.target.id == *e.as_uuid()))
            {
                l.detail = None;
            }
        }
        Ok(())
    }
}

impl MemoryStore {
    /// Takes `other`'s contents as this store's, at once (a replica's view rebuilt: readers
    /// see the old state or the new one, never a mix).
    pub(crate) fn adopt(&self, other: &MemoryStore) {
        let _serialised = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let next = other.snapshot();
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = next;
    }

    /// A store holding exactly what a device's replica received (see [`crate::replica`]): the
    /// records are put in as the server read them for the replica's actor, without the
    /// references checks of the writes (a client's copy names coaches, templates and files it
    /// does not hold). The engagements' coach and client names, which the overview reads from
    /// the directory, come from the snapshots' own lines where the directory lacks them.
    pub(crate) fn replica_view<'a>(
        directory: Option<&crate::sync::DirectorySnapshot>,
        engagements: impl Iterator<Item = &'a crate::sync::EngagementSnapshot>,
    ) -> MemoryStore {
        let mut s = State::default();
        if let Some(d) = directory {
            s.load_directory(d);
        }
        let mut logs: Vec<Vec<LogEntry>> = Vec::new();
        for snap in engagements {
            s.load_engagement(snap, &mut logs);
        }
        s.log = merge_logs(logs);
        MemoryStore {
            current: RwLock::new(Arc::new(s)),
            writer: Mutex::new(()),
        }
    }

    /// A replica's received state with the engagements `replaced` taken out (everything in
    /// them, their log entries included) and `added` put in: the work of an answer in
    /// proportion to what it carries, not to everything the device holds.
    pub(crate) fn replica_update<'a>(
        &self,
        replaced: &std::collections::HashSet<EngagementId>,
        added: impl Iterator<Item = &'a crate::sync::EngagementSnapshot>,
    ) {
        let _serialised = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let mut s: State = (*self.snapshot()).clone();
        s.remove_engagements(replaced);
        let mut logs: Vec<Vec<LogEntry>> = Vec::new();
        for snap in added {
            s.load_engagement(snap, &mut logs);
        }
        if !logs.is_empty() || !replaced.is_empty() {
            let kept: Vec<LogEntry> = s
                .log
                .iter()
                .filter(|l| !l.engagement_id.is_some_and(|e| replaced.contains(&e)))
                .cloned()
                .collect();
            logs.insert(0, kept);
            s.log = merge_logs(logs);
        }
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(s);
    }

    /// A store with `self`'s contents as they are now (structurally shared: O(1)).
    pub(crate) fn fork(&self) -> MemoryStore {
        MemoryStore {
            current: RwLock::new(self.snapshot()),
            writer: Mutex::new(()),
        }
    }
}

impl State {
    fn load_directory(&mut self, d: &crate::sync::DirectorySnapshot) {
        let s = self;
        s.practices.insert(d.practice.id, d.practice.clone());
        for c in &d.coaches {
            s.coaches.insert(c.id, c.clone());
        }
        for c in d.clients.iter().chain(&d.archived_clients).chain(&d.me) {
            s.clients.insert(c.id, c.clone());
        }
        for p in &d.programs {
            s.programs.insert(p.id, p.clone());
        }
        for t in &d.form_templates {
            s.form_templates.insert(t.id, t.clone());
        }
    }

    /// Everything of engagements `gone` (the practice library's resources shared into them
    /// stay: other engagements may share them too).
    fn remove_engagements(&mut self, gone: &std::collections::HashSet<EngagementId>) {
        if gone.is_empty() {
            return;
        }
        fn drop_where<K: Ord + Clone, V: Clone>(m: &mut OrdMap<K, V>, pred: impl Fn(&V) -> bool) {
            let keys: Vec<K> = m.iter().filter(|(_, v)| pred(v)).map(|(k, _)| k.clone()).collect();
            for k in keys {
                m.remove(&k);
            }
        }
        let s = self;
        let assignments: std::collections::HashSet<AssignmentId> = s
            .assignments
            .values()
            .filter(|a| gone.contains(&a.engagement_id))
            .map(|a| a.id)
            .collect();
        for e in gone {
            s.engagements.remove(e);
        }
        drop_where(&mut s.sessions, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.notes, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.goals, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.milestones, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.assignments, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.assignment_files, |x| assignments.contains(&x.assignment_id));
        drop_where(&mut s.comments, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.forms, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.journal, |x| gone.contains(&x.engagement_id));
        drop_where(&mut s.resources, |x| {
            matches!(x.place, ResourcePlace::Engagement(e) if gone.contains(&e))
        });
        let shares: Vec<(EngagementId, ResourceId)> =
            s.shares.keys().filter(|(e, _)| gone.contains(e)).cloned().collect();
        for k in shares {
            s.shares.remove(&k);
        }
    }

    /// One engagement snapshot's records; its log entries, oldest first, as one more list of
    /// `logs`.
    fn load_engagement(&mut self, snap: &crate::sync::EngagementSnapshot, logs: &mut Vec<Vec<LogEntry>>) {
        let s = self;
        let e = &snap.engagement.engagement;
        if let (Some(c), Some(name)) = (e.coach_id, &snap.engagement.coach_name) {
            s.coaches.entry(c).or_insert_with(|| Coach {
                id: c,
                practice_id: e.practice_id,
                name: name.clone(),
                email: None,
                created_at: e.created_at,
            });
        }
        if let (Some(c), Some(name)) = (e.client_id, &snap.engagement.client_name) {
            s.clients.entry(c).or_insert_with(|| Client {
                id: c,
                practice_id: e.practice_id,
                name: name.clone(),
                email: None,
                has_portal: false,
                archived: false,
                erased: false,
                created_at: e.created_at,
                updated_at: e.created_at,
            });
        }
        s.engagements.insert(e.id, e.clone());
        for x in &snap.sessions {
            s.sessions.insert(x.id, x.clone());
        }
        for x in &snap.notes {
            s.notes.insert(x.id, x.clone());
        }
        for g in &snap.goals {
            s.goals.insert(g.goal.id, g.goal.clone());
            for m in &g.milestones {
                s.milestones.insert(m.id, m.clone());
            }
        }
        for a in &snap.assignments {
            s.assignments.insert(a.assignment.id, a.assignment.clone());
            for f in &a.files {
                s.assignment_files.insert(f.id, f.clone());
            }
        }
        for x in &snap.comments {
            s.comments.insert(x.id, x.clone());
        }
        for x in &snap.forms {
            // A client's copy holds no templates; a form's own copy of its questions
            // stands in for the one it names (never read: templates are the coaches').
            if let Some(t) = x.template_id {
                s.form_templates.entry(t).or_insert_with(|| FormTemplate {
                    id: t,
                    practice_id: x.practice_id,
                    name: x.name.clone(),
                    description: x.description.clone(),
                    questions: x.questions.clone(),
                    created_at: x.sent_at,
                    updated_at: x.sent_at,
                });
            }
            s.forms.insert(x.id, x.clone());
        }
        for x in &snap.journal {
            s.journal.insert(x.id, x.clone());
        }
        for r in &snap.resources {
            s.resources.insert(r.resource.id, r.resource.clone());
            if r.from_library {
                s.shares.insert((e.id, r.resource.id), (r.shared_by, r.shared_at));
            }
        }
        // Newest first in the snapshot; the log is oldest first.
        logs.push(snap.activity.iter().rev().cloned().collect());
    }
}

/// One log of several: each list keeps its own order (the server's, which clocks that
/// disagree may not have stamped in time order), interleaved by time where the lists meet.
fn merge_logs(lists: Vec<Vec<LogEntry>>) -> Vector<LogEntry> {
    use std::cmp::Reverse;
    let mut iters: Vec<std::vec::IntoIter<LogEntry>> = lists.into_iter().map(Vec::into_iter).collect();
    let mut heap = std::collections::BinaryHeap::new();
    let mut heads: Vec<Option<LogEntry>> = Vec::with_capacity(iters.len());
    for (i, it) in iters.iter_mut().enumerate() {
        let head = it.next();
        if let Some(h) = &head {
            heap.push(Reverse((h.at, i)));
        }
        heads.push(head);
    }
    let mut out = Vector::new();
    while let Some(Reverse((_, i))) = heap.pop() {
        if let Some(entry) = heads[i].take() {
            out.push_back(entry);
        }
        heads[i] = iters[i].next();
        if let Some(h) = &heads[i] {
            heap.push(Reverse((h.at, i)));
        }
    }
    out
}
