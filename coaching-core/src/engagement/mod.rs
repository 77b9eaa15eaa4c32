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

/// The order of an overview page. Every order puts the engagements without the value (no
/// client or coach yet, no program, a TBD start date) last, and breaks ties by creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverviewSort {
    /// By creation (the default).
    #[default]
    Created,
    /// By the client's name.
    ClientName,
    /// By the coach's name.
    CoachName,
    /// By the program's name.
    ProgramName,
    /// By start date.
    StartDate,
    /// By status, in lifecycle order: Draft, Active, Inactive, Completed.
    Status,
}

impl OverviewSort {
    /// Every order, in declaration order.
    pub const ALL: &'static [OverviewSort] = &[
        OverviewSort::Created,
        OverviewSort::ClientName,
        OverviewSort::CoachName,
        OverviewSort::ProgramName,
        OverviewSort::StartDate,
        OverviewSort::Status,
    ];

    /// The order's stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            OverviewSort::Created => "created",
            OverviewSort::ClientName => "client_name",
            OverviewSort::CoachName => "coach_name",
            OverviewSort::ProgramName => "program_name",
            OverviewSort::StartDate => "start_date",
            OverviewSort::Status => "status",
        }
    }
}

/// The most lines one overview page holds.
pub const MAX_OVERVIEW_PAGE: u32 = 500;

/// What one page of a practice's overview holds: filters (every set one narrows the list),
/// an order and a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewQuery {
    /// Only engagements in one of these statuses; empty: every status.
    pub statuses: Vec<Status>,
    /// Only engagements assigned to this coach (a coach other than the owner may name only
    /// themself).
    pub coach: Option<CoachId>,
    /// Only engagements created from this program.
    pub program: Option<ProgramId>,
    /// The order.
    pub sort: OverviewSort,
    /// Whether the order is reversed (the lines without the value stay last).
    pub descending: bool,
    /// The most lines of the page: 1 to [`MAX_OVERVIEW_PAGE`].
    pub limit: u32,
    /// How many matching lines come before the page.
    pub offset: u32,
}

impl Default for OverviewQuery {
    fn default() -> Self {
        OverviewQuery {
            statuses: Vec::new(),
            coach: None,
            program: None,
            sort: OverviewSort::Created,
            descending: false,
            limit: 50,
            offset: 0,
        }
    }
}

impl OverviewQuery {
    /// Whether `line` passes the query's status and program filters (the coach filter is the
    /// storage filter's).
    pub fn matches(&self, line: &EngagementOverview) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&line.engagement.status))
            && self
                .program
                .is_none_or(|p| line.engagement.program_id == Some(p))
    }

    /// The query's order between two lines: the key (missing values last, whatever the
    /// direction), then creation.
    pub fn compare(&self, a: &EngagementOverview, b: &EngagementOverview) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        fn missing_last<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
            match (a, b) {
                (Some(x), Some(y)) if descending => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
        let (ea, eb) = (&a.engagement, &b.engagement);
        let d = self.descending;
        let key = match self.sort {
            OverviewSort::Created => {
                return if d {
                    eb.id.cmp(&ea.id)
                } else {
                    ea.id.cmp(&eb.id)
                };
            }
            OverviewSort::ClientName => {
                missing_last(a.client_name.as_deref(), b.client_name.as_deref(), d)
            }
            OverviewSort::CoachName => {
                missing_last(a.coach_name.as_deref(), b.coach_name.as_deref(), d)
            }
            OverviewSort::ProgramName => {
                missing_last(ea.program_name.as_deref(), eb.program_name.as_deref(), d)
            }
            OverviewSort::StartDate => missing_last(ea.start_date, eb.start_date, d),
            OverviewSort::Status => missing_last(Some(ea.status.rank()), Some(eb.status.rank()), d),
        };
        key.then(ea.id.cmp(&eb.id))
    }
}

/// One page of a practice's overview, and how many lines match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewPage {
    /// The page's lines, in the query's order.
    pub lines: Vec<EngagementOverview>,
    /// How many engagements match the filters, across every page.
    pub total: u64,
}
