//! Progress arithmetic: `used / planned`, as a fraction and a percentage.
//!
//! What counts as used (decided by [`SessionTally::used`]):
//! - a Completed session;
//! - a NoShow, when the engagement's `no_show_counts` is true (the default);
//! - a late cancellation by the client (LateCancelled);
//! - never a session cancelled by the coach, nor one merely rescheduled.
//!
//! In hours mode the used amount is the summed length of the counted sessions, in minutes,
//! against the planned amount in minutes. The percentage is capped at 100 for display; the
//! count itself never is (17/16 stays 17/16).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Whether a program measures progress in sessions or in hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressUnit {
    /// Progress counts sessions: a planned total of N sessions.
    #[default]
    Sessions,
    /// Progress counts time: the summed length of the counted sessions against planned hours, both
    /// kept in minutes.
    Hours,
}

impl ProgressUnit {
    /// Every value, in declaration order.
    pub const ALL: &'static [ProgressUnit] = &[ProgressUnit::Sessions, ProgressUnit::Hours];
    /// Stable snake_case name: `sessions` or `hours`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgressUnit::Sessions => "sessions",
            ProgressUnit::Hours => "hours",
        }
    }
    /// Parses [`ProgressUnit::as_str`]'s output; `None` for any other text.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "sessions" => Some(ProgressUnit::Sessions),
            "hours" => Some(ProgressUnit::Hours),
            _ => None,
        }
    }
}

/// The planned total of an engagement or program.
///
/// `amount` is a number of sessions in sessions mode and a number of **minutes** in hours mode
/// (so that 7.5 planned hours are exact); build it with [`Planned::sessions`] or
/// [`Planned::hours`] / [`Planned::minutes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Planned {
    /// Whether `amount` counts sessions or (as minutes) hours.
    pub unit: ProgressUnit,
    /// Sessions, or minutes in hours mode; 0 on an engagement: not yet planned.
    pub amount: u32,
}

impl Planned {
    /// `n` sessions.
    pub fn sessions(n: u32) -> Self {
        Planned {
            unit: ProgressUnit::Sessions,
            amount: n,
        }
    }
    /// `h` whole hours, kept as `h × 60` minutes (saturating).
    pub fn hours(h: u32) -> Self {
        Planned {
            unit: ProgressUnit::Hours,
            amount: h.saturating_mul(60),
        }
    }
    /// `m` minutes, in hours mode (progress shown in hours).
    pub fn minutes(m: u32) -> Self {
        Planned {
            unit: ProgressUnit::Hours,
            amount: m,
        }
    }
    /// Fractional hours (7.5), to the nearest minute. Refuses what is not a finite,
    /// non-negative number of hours that fits in minutes.
    pub fn from_hours(hours: f64) -> crate::error::Result<Self> {
        if !hours.is_finite() || hours < 0.0 || hours * 60.0 > u32::MAX as f64 {
            return Err(crate::error::Error::Validation {
                field: "planned_hours".into(),
                reason: format!("{hours} is not a number of hours"),
            });
        }
        Ok(Planned::minutes((hours * 60.0).round() as u32))
    }
}

/// Counts of an engagement's sessions by what progress needs; filled by the storage backend
/// in one query, interpreted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SessionTally {
    /// Completed sessions.
    pub completed: u32,
    /// Summed length of the Completed sessions, in minutes.
    pub completed_minutes: u64,
    /// NoShow sessions (used only when the engagement's `no_show_counts`).
    pub no_show: u32,
    /// Summed length of the NoShow sessions, in minutes.
    pub no_show_minutes: u64,
    /// LateCancelled sessions (cancelled by the client inside the late-cancellation window).
    pub late_cancelled: u32,
    /// Summed length of the LateCancelled sessions, in minutes.
    pub late_cancelled_minutes: u64,
}

impl SessionTally {
    /// The used amount in `unit` under the counting rules.
    pub fn used(&self, unit: ProgressUnit, no_show_counts: bool) -> u64 {
        let ns = no_show_counts as u64;
        match unit {
            ProgressUnit::Sessions => {
                self.completed as u64 + ns * self.no_show as u64 + self.late_cancelled as u64
            }
            ProgressUnit::Hours => {
                self.completed_minutes + ns * self.no_show_minutes + self.late_cancelled_minutes
            }
        }
    }
}

/// Progress of one engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Whether `used` and `planned` count sessions or minutes.
    pub unit: ProgressUnit,
    /// Sessions, or minutes in hours mode. Never capped.
    pub used: u64,
    /// Sessions, or minutes in hours mode. 0 when not yet planned.
    pub planned: u32,
}

impl Progress {
    /// Progress of `used` against `planned`, both in `unit` (sessions, or minutes in hours mode).
    pub fn new(unit: ProgressUnit, used: u64, planned: u32) -> Self {
        Progress {
            unit,
            used,
            planned,
        }
    }

    /// From a tally, under the engagement's `no_show_counts`.
    pub fn from_tally(tally: &SessionTally, planned: Planned, no_show_counts: bool) -> Self {
        Progress::new(
            planned.unit,
            tally.used(planned.unit, no_show_counts),
            planned.amount,
        )
    }

    /// The percentage for display, 0.0 to 100.0 (capped). 0 when nothing is planned.
    pub fn percent(&self) -> f64 {
        if self.planned == 0 {
            return 0.0;
        }
        (self.used as f64 * 100.0 / self.planned as f64).min(100.0)
    }

    /// The percentage rounded down to a whole number, for progress bars (0..=100).
    pub fn percent_floor(&self) -> u8 {
        if self.planned == 0 {
            return 0;
        }
        (self.used.saturating_mul(100) / self.planned as u64).min(100) as u8
    }

    /// Whether every planned unit is used (and something was planned).
    pub fn is_complete(&self) -> bool {
        self.planned > 0 && self.used >= self.planned as u64
    }
}

impl fmt::Display for Progress {
    /// `2/16` in sessions mode, `1.5/10 h` in hours mode.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            ProgressUnit::Sessions => write!(f, "{}/{}", self.used, self.planned),
            ProgressUnit::Hours => {
                write!(
                    f,
                    "{}/{} h",
                    hours_text(self.used),
                    hours_text(self.planned as u64)
                )
            }
        }
    }
}

fn hours_text(minutes: u64) -> String {
    if minutes.is_multiple_of(60) {
        format!("{}", minutes / 60)
    } else {
        let s = format!("{:.2}", minutes as f64 / 60.0);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_of_sixteen() {
        let p = Progress::new(ProgressUnit::Sessions, 2, 16);
        assert_eq!(p.to_string(), "2/16");
        assert_eq!(p.percent(), 12.5);
        assert_eq!(p.percent_floor(), 12);
    }

    #[test]
    fn over_planned_is_shown_as_is_and_capped_at_100() {
        let p = Progress::new(ProgressUnit::Sessions, 17, 16);
        assert_eq!(p.to_string(), "17/16");
        assert_eq!(p.percent(), 100.0);
        assert_eq!(p.percent_floor(), 100);
        assert!(p.is_complete());
    }

    #[test]
    fn nothing_planned_is_zero_percent() {
        let p = Progress::new(ProgressUnit::Sessions, 0, 0);
        assert_eq!(p.percent(), 0.0);
        assert!(!p.is_complete());
    }

    #[test]
    fn fractional_hours_round_to_minutes() {
        assert_eq!(Planned::from_hours(7.5).unwrap(), Planned::minutes(450));
        assert_eq!(Planned::from_hours(0.01).unwrap(), Planned::minutes(1));
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1e12] {
            assert!(Planned::from_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hours_mode_shows_hours() {
        let p = Progress::new(ProgressUnit::Hours, 90, 600);
        assert_eq!(p.to_string(), "1.5/10 h");
        assert_eq!(p.percent(), 15.0);
    }

    #[test]
    fn counting_rules_of_a_tally() {
        let t = SessionTally {
            completed: 2,
            completed_minutes: 120,
            no_show: 1,
            no_show_minutes: 60,
            late_cancelled: 1,
            late_cancelled_minutes: 30,
        };
        assert_eq!(t.used(ProgressUnit::Sessions, true), 4);
        assert_eq!(t.used(ProgressUnit::Sessions, false), 3);
        assert_eq!(t.used(ProgressUnit::Hours, true), 210);
        assert_eq!(t.used(ProgressUnit::Hours, false), 150);
    }
}
