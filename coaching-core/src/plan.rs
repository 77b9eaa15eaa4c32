//! Plans: what a practice's subscription allows. A plan is data, not code.

use serde::{Deserialize, Serialize};

use crate::error::{Error, LimitKind, Result};

/// The limits of a practice. Hosts may define their own besides the presets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// A name for display (`free`, `solo`, `team`, or the host's own).
    pub name: String,
    /// The most engagements that may be Active at once; `None` is unlimited.
    pub max_active_engagements: Option<u32>,
    /// The most coaches the practice may have, owner included; `None` is unlimited.
    pub max_coaches: Option<u32>,
    /// Whether an engagement may be moved from one coach to another.
    pub can_reassign: bool,
}

impl Plan {
    /// Free: one Active engagement, one coach, no reassignment.
    pub fn free() -> Self {
        Plan {
            name: "free".into(),
            max_active_engagements: Some(1),
            max_coaches: Some(1),
            can_reassign: false,
        }
    }

    /// Solo: unlimited Active engagements, one coach.
    pub fn solo() -> Self {
        Plan {
            name: "solo".into(),
            max_active_engagements: None,
            max_coaches: Some(1),
            can_reassign: false,
        }
    }

    /// Team: unlimited Active engagements, up to `max_coaches` coaches, reassignment allowed.
    pub fn team(max_coaches: u32) -> Self {
        Plan {
            name: "team".into(),
            max_active_engagements: None,
            max_coaches: Some(max_coaches),
            can_reassign: true,
        }
    }

    /// Checks a plan defined by a host.
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid("plan.name", "must not be empty"));
        }
        if self.max_coaches == Some(0) {
            return Err(Error::invalid(
                "plan.max_coaches",
                "a practice needs at least its owner",
            ));
        }
        Ok(())
    }

    /// Refuses one more Active engagement when `current` are already Active.
    /// A downgraded practice may be over its cap: nothing is deactivated, but nothing more
    /// is activated until the count is under the cap.
    pub fn check_activation(&self, current: u32) -> Result<()> {
        check(
            LimitKind::ActiveEngagements,
            self.max_active_engagements,
            current,
        )
    }

    /// Refuses one more coach when the practice has `current`.
    pub fn check_new_coach(&self, current: u32) -> Result<()> {
        check(LimitKind::Coaches, self.max_coaches, current)
    }
}

fn check(kind: LimitKind, limit: Option<u32>, current: u32) -> Result<()> {
    match limit {
        Some(limit) if current >= limit => Err(Error::PlanLimitReached {
            kind,
            limit,
            current,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_allows_one_active() {
        assert!(Plan::free().check_activation(0).is_ok());
        assert_eq!(
            Plan::free().check_activation(1),
            Err(Error::PlanLimitReached {
                kind: LimitKind::ActiveEngagements,
                limit: 1,
                current: 1
            })
        );
    }

    #[test]
    fn over_the_cap_after_a_downgrade_still_refuses() {
        assert!(matches!(
            Plan::free().check_activation(3),
            Err(Error::PlanLimitReached { current: 3, .. })
        ));
    }

    #[test]
    fn solo_and_team_are_unlimited() {
        assert!(Plan::solo().check_activation(10_000).is_ok());
        assert!(Plan::team(5).check_activation(10_000).is_ok());
        assert!(Plan::team(5).check_new_coach(4).is_ok());
        assert!(Plan::team(5).check_new_coach(5).is_err());
    }
}
