//! Self-booking: availability, booking rules, free slots. Mirrors
//! `coaching-core/src/service/booking.rs`.

use std::time::SystemTime;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    /// Publishes a coach's weekly hours (replacing the previous ones; date overrides kept) in
    /// `time_zone` (null: the one already published, else the practice's). Once published, a
    /// client books only inside them; an empty list closes self-booking. The coach themself or
    /// the owner.
    pub fn set_weekly_hours(
        &self, actor: Actor, coach_id: String, time_zone: Option<String>, weekly: Vec<WeeklyHours>,
    ) -> R<Availability> {
        let weekly = weekly.iter().map(WeeklyHours::core).collect::<R<Vec<_>>>()?;
        Ok(self
            .inner
            .set_weekly_hours(actor.core()?, id(&coach_id)?, time_zone.as_deref(), &weekly)?
            .into())
    }

    /// Replaces the hours of `date` (today or later in the coach's zone): an empty list for a
    /// day off. The coach themself or the owner.
    pub fn set_date_hours(
        &self, actor: Actor, coach_id: String, date: CalendarDate, hours: Vec<DayRange>,
    ) -> R<Availability> {
        let hours: Vec<_> = hours.iter().map(DayRange::core).collect();
        Ok(self
            .inner
            .set_date_hours(actor.core()?, id(&coach_id)?, date.core()?, &hours)?
            .into())
    }

    /// Removes a date's override: its weekday's hours apply again.
    pub fn clear_date_hours(
        &self, actor: Actor, coach_id: String, date: CalendarDate,
    ) -> R<Availability> {
        Ok(self
            .inner
            .clear_date_hours(actor.core()?, id(&coach_id)?, date.core()?)?
            .into())
    }

    /// A coach's availability; null when none is published (bookable at any time). The coach
    /// themself or the owner.
    pub fn availability(&self, actor: Actor, coach_id: String) -> R<Option<Availability>> {
        Ok(self
            .inner
            .availability(actor.core()?, id(&coach_id)?)?
            .map(Into::into))
    }

    /// Sets (or, with null, removes) a program's booking rules. Any coach of the practice.
    pub fn set_program_booking_rules(
        &self, actor: Actor, program_id: String, rules: Option<BookingRules>,
    ) -> R<Option<BookingRules>> {
        Ok(self
            .inner
            .set_program_booking_rules(
                actor.core()?,
                id(&program_id)?,
                rules.as_ref().map(BookingRules::core),
            )?
            .map(Into::into))
    }

    /// A program's own booking rules (null: the defaults). Any coach of the practice.
    pub fn program_booking_rules(
        &self, actor: Actor, program_id: String,
    ) -> R<Option<BookingRules>> {
        Ok(self
            .inner
            .program_booking_rules(actor.core()?, id(&program_id)?)?
            .map(Into::into))
    }

    /// Gives an engagement rules of its own (null: follow its program's again). Its coach or
    /// the owner. Returns the rules it now books under.
    pub fn set_engagement_booking_rules(
        &self, actor: Actor, engagement_id: String, rules: Option<BookingRules>,
    ) -> R<EffectiveRules> {
        Ok(self
            .inner
            .set_engagement_booking_rules(
                actor.core()?,
                id(&engagement_id)?,
                rules.as_ref().map(BookingRules::core),
            )?
            .into())
    }

    /// The rules an engagement books under and where they come from (whoever may see it).
    pub fn booking_rules(&self, actor: Actor, engagement_id: String) -> R<EffectiveRules> {
        Ok(self
            .inner
            .booking_rules(actor.core()?, id(&engagement_id)?)?
            .into())
    }

    /// The start times in [from, to) the engagement's client may book now, soonest first.
    /// Throws `AllocationUsedUp` when no session is left to book.
    pub fn free_slots(
        &self, actor: Actor, engagement_id: String, from: SystemTime, to: SystemTime,
    ) -> R<Vec<SystemTime>> {
        Ok(self
            .inner
            .free_slots(actor.core()?, id(&engagement_id)?, instant(from), instant(to))?
            .into_iter()
            .map(ts)
            .collect())
    }

    /// The start times in [from, to) a Scheduled session may be moved to by its client (its
    /// own length and coach, itself out of the way). Throws `NoticeTooShort` for a client once
    /// the session is inside the notice or the late-cancellation window.
    pub fn reschedule_slots(
        &self, actor: Actor, session_id: String, from: SystemTime, to: SystemTime,
    ) -> R<Vec<SystemTime>> {
        Ok(self
            .inner
            .reschedule_slots(actor.core()?, id(&session_id)?, instant(from), instant(to))?
            .into_iter()
            .map(ts)
            .collect())
    }
}
