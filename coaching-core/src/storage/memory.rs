//! The in-memory backend.
//!
//! State lives in persistent (structurally shared) maps, so a write works on an O(1) copy of
//! the current state and publishes it only if it succeeds: atomic by construction. Readers
//! take the published snapshot and never wait for a writer.

use std::sync::{Arc, Mutex, RwLock};

use imbl::{OrdMap, Vector};

use chrono::{DateTime, Utc};

use super::{OverviewFilter, Reader, SessionWindow, Storage, Writer};
use crate::activity::{LogEntry, LogScope, Page};
use crate::engagement::{Engagement, EngagementOverview, Status};
use crate::error::{Error, Result};
use crate::ids::{ClientId, CoachId, EngagementId, PracticeId, ProgramId, SessionId};
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
    log: Vector<LogEntry>,
}

/// Keeps everything in memory; gone when the last handle is dropped.
#[derive(Default)]
pub struct MemoryStore {
    current: RwLock<Arc<State>>,
    writer: Mutex<()>,
}

impl MemoryStore {
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
            .skip(page.offset as usize)
            .take(page.limit as usize)
            .cloned()
            .collect())
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
        self.engagements.remove(&id);
        let gone: Vec<SessionId> = self
            .sessions
            .values()
            .filter(|s| s.engagement_id == id)
            .map(|s| s.id)
            .collect();
        for s in gone {
            self.sessions.remove(&s);
        }
        self.log.retain(|e| e.engagement_id != Some(id));
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
    fn append_log(&mut self, entry: &LogEntry) -> Result<()> {
        require(&self.practices, &entry.practice_id, "log.practice")?;
        if let Some(e) = entry.engagement_id {
            require(&self.engagements, &e, "log.engagement")?;
        }
        self.log.push_back(entry.clone());
        Ok(())
    }
}
