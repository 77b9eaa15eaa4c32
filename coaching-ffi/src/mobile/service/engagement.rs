//! Engagements: creation, edits, status, reassignment, deletion, overviews, the log.
//! Mirrors `coaching-core/src/service/engagement.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    pub fn create_engagement(
        &self, actor: Actor, practice_id: String, engagement: NewEngagement,
    ) -> R<Engagement> {
        let a = actor.core()?;
        let planned = match (engagement.planned, engagement.planned_unit) {
            (Some(amount), unit) => Some(core::Planned {
                unit: unit.map_or(core::ProgressUnit::Sessions, Into::into),
                amount,
            }),
            (None, _) => None,
        };
        let new = core::NewEngagement {
            program_id: opt_id(engagement.program_id)?,
            coach_id: opt_id(engagement.coach_id)?,
            client_id: opt_id(engagement.client_id)?,
            program_name: engagement.program_name,
            planned,
            start_date: opt_date(engagement.start_date)?,
            end_date: opt_date(engagement.end_date)?,
        };
        let e = self.inner.create_engagement(a, id(&practice_id)?, new)?;
        self.overview(a, e.id)
    }

    pub fn update_engagement(
        &self, actor: Actor, engagement_id: String, changes: EngagementChanges,
    ) -> R<Engagement> {
        let a = actor.core()?;
        let e = id(&engagement_id)?;
        let u = core::EngagementUpdate {
            client_id: opt_id(changes.client_id)?,
            program_name: tri(changes.program_name, changes.clear_program_name),
            start_date: tri_date(changes.start_date, changes.clear_start_date)?,
            end_date: tri_date(changes.end_date, changes.clear_end_date)?,
            session_minutes: changes.session_minutes,
            no_show_counts: changes.no_show_counts,
            late_cancel_window_minutes: tri(
                changes.late_cancel_window_minutes,
                changes.clear_late_cancel_window,
            ),
        };
        self.inner.update_engagement(a, e, u)?;
        self.overview(a, e)
    }

    pub fn set_planned(
        &self, actor: Actor, engagement_id: String, unit: ProgressUnit, amount: u32,
    ) -> R<Engagement> {
        let (a, e) = (actor.core()?, id(&engagement_id)?);
        self.inner.set_planned(
            a,
            e,
            core::Planned {
                unit: unit.into(),
                amount,
            },
        )?;
        self.overview(a, e)
    }

    pub fn set_status(
        &self, actor: Actor, engagement_id: String, status: EngagementStatus,
        reason: Option<String>,
    ) -> R<Engagement> {
        let (a, e) = (actor.core()?, id(&engagement_id)?);
        self.inner
            .set_status(a, e, status.into(), reason.as_deref())?;
        self.overview(a, e)
    }

    pub fn reassign(&self, actor: Actor, engagement_id: String, coach_id: String) -> R<Engagement> {
        let (a, e) = (actor.core()?, id(&engagement_id)?);
        self.inner.reassign(a, e, id(&coach_id)?)?;
        self.overview(a, e)
    }

    pub fn delete_engagement(&self, actor: Actor, engagement_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_engagement(actor.core()?, id(&engagement_id)?)?)
    }

    pub fn overview_for_coach(&self, actor: Actor, coach_id: String) -> R<Vec<Engagement>> {
        Ok(list(
            self.inner
                .overview_for_coach(actor.core()?, id(&coach_id)?)?,
        ))
    }

    pub fn overview_for_client(&self, actor: Actor, client_id: String) -> R<Vec<Engagement>> {
        Ok(list(
            self.inner
                .overview_for_client(actor.core()?, id(&client_id)?)?,
        ))
    }

    pub fn overview_for_practice(&self, actor: Actor, practice_id: String) -> R<Vec<Engagement>> {
        Ok(list(
            self.inner
                .overview_for_practice(actor.core()?, id(&practice_id)?)?,
        ))
    }

    /// One page of the practice's overview, filtered, sorted and paged in one query.
    pub fn overview_page(
        &self, actor: Actor, practice_id: String, query: OverviewQuery,
    ) -> R<OverviewPage> {
        let q = core::OverviewQuery {
            statuses: query.statuses.into_iter().map(Into::into).collect(),
            coach: query.coach_id.as_deref().map(id).transpose()?,
            program: query.program_id.as_deref().map(id).transpose()?,
            sort: query.sort.map(Into::into).unwrap_or_default(),
            descending: query.descending,
            limit: query.limit,
            offset: query.offset,
        };
        let page = self.inner.overview_page(actor.core()?, id(&practice_id)?, q)?;
        Ok(OverviewPage {
            lines: list(page.lines),
            total: page.total,
        })
    }

    pub fn activity(
        &self, actor: Actor, engagement_id: String, offset: u32, limit: u32,
    ) -> R<Vec<LogEntry>> {
        Ok(list(self.inner.activity(
            actor.core()?,
            id(&engagement_id)?,
            page(offset, limit),
        )?))
    }

    pub fn practice_activity(
        &self, actor: Actor, practice_id: String, offset: u32, limit: u32,
    ) -> R<Vec<LogEntry>> {
        Ok(list(self.inner.practice_activity(
            actor.core()?,
            id(&practice_id)?,
            page(offset, limit),
        )?))
    }

    pub fn engagement(&self, actor: Actor, engagement_id: String) -> R<Engagement> {
        self.overview(actor.core()?, id(&engagement_id)?)
    }
}
