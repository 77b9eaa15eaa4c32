//! Engagements: one client enrolled in one program with one coach.

pub mod status;

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use status::{transition, Status, Transition};

use crate::ids::{ClientId, CoachId, EngagementId, PracticeId, ProgramId};
use crate::progress::{Planned, Progress, SessionTally};

/// One engagement, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    /// This engagement's id.
    pub id: EngagementId,
    /// The practice the engagement belongs to.
    pub practice_id: PracticeId,
    /// The coach assigned to it; `None`: not yet assigned (required for activation).
    pub coach_id: Option<CoachId>,
    /// The client enrolled; `None`: not yet chosen (required for activation; changeable only while
    /// Draft).
    pub client_id: Option<ClientId>,
    /// The program it was created from, if any (ad-hoc engagements have none).
    pub program_id: Option<ProgramId>,
    /// The program name shown on the overview; `None` (or blank): not set (required for
    /// activation).
    pub program_name: Option<String>,
    /// Planned total; `amount == 0` means not yet planned.
    pub planned: Planned,
    /// Default session length in minutes.
    pub session_minutes: u32,
    /// Whether a no-show uses up a session (copied from the program; true by default).
    pub no_show_counts: bool,
    /// A client cancelling less than this many minutes before a session's start uses it up
    /// (LateCancelled); `None`: no late cancellations.
    pub late_cancel_window_minutes: Option<u32>,
    /// Shown as "TBD" when absent.
    pub start_date: Option<NaiveDate>,
    /// Shown as "TBD" when absent.
    pub end_date: Option<NaiveDate>,
    /// The lifecycle status: Draft, Active, Inactive or Completed (see [`status`]).
    pub status: Status,
    /// Why a coach completed it early, if they said.
    pub completion_reason: Option<String>,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last edited or changed status (UTC).
    pub updated_at: DateTime<Utc>,
}

impl Engagement {
    /// `start – end` as the overview prints it, `TBD` for a missing date.
    pub fn dates_text(&self) -> String {
        format!(
            "{} – {}",
            date_or_tbd(self.start_date),
            date_or_tbd(self.end_date)
        )
    }

    /// The fields activation needs that are not set, by their stable names.
    pub fn missing_for_activation(&self) -> Vec<String> {
        let mut missing = Vec::new();
        if self.coach_id.is_none() {
            missing.push("coach".to_string());
        }
        if self.client_id.is_none() {
            missing.push("client".to_string());
        }
        if self
            .program_name
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
        {
            missing.push("program_name".to_string());
        }
        if self.planned.amount < 1 {
            missing.push("planned".to_string());
        }
        missing
    }
}

/// The display phase, derived from status and progress, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Draft, or Active/Inactive with nothing used yet.
    NotStarted,
    /// Active or Inactive with at least one session counted towards progress.
    InProgress,
    /// The engagement is Completed.
    Completed,
}

impl Phase {
    /// Every value, in declaration order.
    pub const ALL: &'static [Phase] = &[Phase::NotStarted, Phase::InProgress, Phase::Completed];
    /// Not Started: Draft, or Active/Inactive with nothing used yet. In Progress:
    /// Active/Inactive with at least one session counted towards progress. Completed.
    pub fn derive(status: Status, progress: &Progress) -> Phase {
        match status {
            Status::Completed => Phase::Completed,
            Status::Draft => Phase::NotStarted,
            Status::Active | Status::Inactive if progress.used > 0 => Phase::InProgress,
            Status::Active | Status::Inactive => Phase::NotStarted,
        }
    }

    /// Stable snake_case name: `not_started`, `in_progress` or `completed` (the `Display` form is
    /// the label: "Not Started").
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::NotStarted => "not_started",
            Phase::InProgress => "in_progress",
            Phase::Completed => "completed",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::NotStarted => "Not Started",
            Phase::InProgress => "In Progress",
            Phase::Completed => "Completed",
        })
    }
}

/// One line of the engagement overview: what a client page or a coach's list shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementOverview {
    /// The engagement as stored (for a client, without the coach's completion reason).
    pub engagement: Engagement,
    /// The assigned coach's name; `None`: no coach assigned.
    pub coach_name: Option<String>,
    /// The client's name; `None`: no client chosen yet.
    pub client_name: Option<String>,
    /// Used against planned, from the engagement's session tally.
    pub progress: Progress,
    /// The display phase derived from status and progress.
    pub phase: Phase,
}

impl EngagementOverview {
    /// Builds the line from the stored engagement, the names and its session tally.
    pub fn new(
        engagement: Engagement,
        coach_name: Option<String>,
        client_name: Option<String>,
        tally: &SessionTally,
    ) -> Self {
        let progress = Progress::from_tally(tally, engagement.planned, engagement.no_show_counts);
        let phase = Phase::derive(engagement.status, &progress);
        EngagementOverview {
            engagement,
            coach_name,
            client_name,
            progress,
            phase,
        }
    }

    /// The line as the engagement's client sees it: without the coach-side information (the
    /// reason the coach gave for completing it).
    pub fn for_client(mut self) -> Self {
        self.engagement.completion_reason = None;
        self
    }
}

/// Formats an optional date as the overview shows it: the date, or `TBD`.
pub fn date_or_tbd(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "TBD".to_string(), |d| d.to_string())
}
