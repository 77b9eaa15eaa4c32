//! The in-memory backend.
//!
//! State lives in persistent (structurally shared) maps, so a write works on an O(1) copy of
//! the current state and publishes it only if it succeeds: atomic by construction. Readers
//! take the published snapshot and never wait for a writer.

use std::sync::{Arc, Mutex, RwLock};

use imbl::{OrdMap, Vector};

use super::{OverviewFilter, Reader, Storage, Writer};
use crate::activity::{LogEntry, LogScope, Page};
use crate::engagement::{Engagement, EngagementOverview, Status};
use crate::error::{Error, Result};
use crate::ids::{ClientId, CoachId, EngagementId, PracticeId, ProgramId};
use crate::model::{Client, Coach, Practice, Program};
use crate::progress::SessionTally;

#[derive(Clone, Default)]
pub(crate) struct State {
    practices: OrdMap<PracticeId, Practice>,
    coaches: OrdMap<CoachId, Coach>,
    clients: OrdMap<ClientId, Client>,
    programs: OrdMap<ProgramId, Program>,
    engagements: OrdMap<EngagementId, Engagement>,
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
    fn session_tally(&self, _engagement: EngagementId) -> Result<SessionTally> {
        Ok(SessionTally::default())
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
        self.log.retain(|e| e.engagement_id != Some(id));
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
