/* Self-booking through the C ABI: weekly hours and a date override, booking rules, free slots,
 * a client booking a listed slot, and each refusal with its figures. */
#include <stdlib.h>
#include "check.h"

#define T0 1772442000 /* Monday 2026-03-02 09:00:00 UTC (09:00 in London, GMT) */
#define H 3600
#define DAY 86400

int main(void) {
    CoachingClock *clock = NULL;
    OK(coaching_clock_new(T0, &clock));
    CoachingLib *lib = NULL;
    OK(coaching_open_in_memory_with_clock(clock, &lib));
    CoachingPlanInput solo = {"solo", -1, 1, false};
    CoachingPractice *p = NULL;
    CoachingCoach *o = NULL;
    OK(coaching_create_practice(lib, "P", "Europe/London", &solo, "Owner", NULL, &p, &o));
    const char *me = o->id;
    CoachingClient *c = NULL;
    OK(coaching_add_client(lib, COACH, me, p->id, "Carla", NULL, true, &c));
    CoachingEngagement *e = NULL;
    OK(coaching_create_engagement(lib, COACH, me, p->id, NULL, me, c->id, "Two", COACHING_PROGRESS_UNIT_SESSIONS, 2, NULL, NULL, &e));
    OK(coaching_set_status(lib, COACH, me, e->id, COACHING_STATUS_ACTIVE, NULL, NULL));

    /* Nothing published yet. */
    CoachingAvailability *none = (CoachingAvailability *)1;
    OK(coaching_availability(lib, COACH, me, me, &none));
    CHECK(none == NULL);

    /* Monday to Friday 09:00-12:00, and Wednesday 4 March off. */
    CoachingWeeklyHours weekly[5];
    for (int d = 0; d < 5; d++) {
        weekly[d].weekday = (uint8_t)(d + 1);
        weekly[d].start_minute = 9 * 60;
        weekly[d].end_minute = 12 * 60;
    }
    CoachingAvailability *a = NULL;
    OK(coaching_set_weekly_hours(lib, COACH, me, me, NULL, weekly, 5, &a));
    CHECK(a && a->weekly_count == 5 && a->override_count == 0);
    STREQ(a->time_zone, "Europe/London");
    coaching_availability_free(a);
    a = NULL;
    OK(coaching_set_date_hours(lib, COACH, me, me, "2026-03-04", NULL, 0, &a));
    CHECK(a && a->override_count == 1 && a->overrides[0].hour_count == 0);
    STREQ(a->overrides[0].date, "2026-03-04");
    coaching_availability_free(a);
    /* A client may not edit a coach's hours; a weekday out of range is refused. */
    a = NULL;
    EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_set_weekly_hours(lib, CLIENT, c->id, me, NULL, weekly, 5, &a));
    CHECK(a == NULL);
    CoachingWeeklyHours bad = {8, 0, 60};
    EXPECT(COACHING_RESULT_INVALID_ARGUMENT, coaching_set_weekly_hours(lib, COACH, me, me, NULL, &bad, 1, NULL));
    CoachingDayRange backwards = {600, 540};
    EXPECT(COACHING_RESULT_VALIDATION, coaching_set_date_hours(lib, COACH, me, me, "2026-03-05", &backwards, 1, NULL));

    /* Rules: 24 hours' notice, 7 days ahead at most, a slot every hour. */
    CoachingBookingRulesInput in = {24 * 60, 7, 0, 0, 60};
    CoachingBookingRules *r = NULL;
    OK(coaching_set_engagement_booking_rules(lib, COACH, me, e->id, &in, &r));
    CHECK(r && r->min_notice_minutes == 1440 && r->max_horizon_days == 7 && r->slot_step_minutes == 60);
    STREQ(r->source, "engagement");
    coaching_booking_rules_free(r);
    r = NULL;
    OK(coaching_booking_rules(lib, CLIENT, c->id, e->id, &r));
    STREQ(r->source, "engagement");
    coaching_booking_rules_free(r);

    /* Free slots over the week: Tuesday, Thursday, Friday (Monday is inside the notice,
     * Wednesday off), 09:00, 10:00 and 11:00 each. */
    CoachingSlots *slots = NULL;
    OK(coaching_free_slots(lib, CLIENT, c->id, e->id, T0, T0 + 7 * DAY, &slots));
    CHECK(slots && slots->count == 9);
    CHECK(slots->starts[0] == T0 + DAY);
    CHECK(slots->starts[3] == T0 + 3 * DAY);
    int64_t first = slots->starts[0], second = slots->starts[1];
    coaching_slots_free(slots);

    /* Each refusal, with its figures. */
    CoachingSession *s = NULL;
    EXPECT(COACHING_RESULT_NOTICE_TOO_SHORT, coaching_book_session(lib, CLIENT, c->id, e->id, T0 + 2 * H, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    CHECK(coaching_last_error_limit() == 1440 && coaching_last_error_current() == 120);
    EXPECT(COACHING_RESULT_BEYOND_HORIZON, coaching_book_session(lib, CLIENT, c->id, e->id, T0 + 9 * DAY, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    CHECK(coaching_last_error_limit() == 7 && coaching_last_error_current() == 9);
    EXPECT(COACHING_RESULT_OUTSIDE_AVAILABILITY, coaching_book_session(lib, CLIENT, c->id, e->id, T0 + 2 * DAY, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    STREQ(coaching_last_error_field(), "2026-03-04T09:00:00Z");
    CHECK(coaching_last_error_current() == T0 + 2 * DAY);
    CHECK(s == NULL);
    /* Two listed slots book; the allocation (2 sessions) is then used up. */
    OK(coaching_book_session(lib, CLIENT, c->id, e->id, first, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    /* Where that session could move: its own time is among the slots (it is out of the way). */
    slots = NULL;
    OK(coaching_reschedule_slots(lib, CLIENT, c->id, s->id, T0, T0 + 7 * DAY, &slots));
    CHECK(slots && slots->count == 9 && slots->starts[0] == first);
    coaching_slots_free(slots);
    coaching_session_free(s);
    s = NULL;
    OK(coaching_book_session(lib, CLIENT, c->id, e->id, second, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    coaching_session_free(s);
    s = NULL;
    EXPECT(COACHING_RESULT_ALLOCATION_USED_UP, coaching_book_session(lib, CLIENT, c->id, e->id, T0 + 3 * DAY, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    STREQ(coaching_last_error_field(), "sessions");
    CHECK(coaching_last_error_limit() == 2 && coaching_last_error_current() == 2);
    slots = NULL;
    EXPECT(COACHING_RESULT_ALLOCATION_USED_UP, coaching_free_slots(lib, CLIENT, c->id, e->id, T0, T0 + DAY, &slots));
    CHECK(slots == NULL);
    /* The coach may book past the allocation and outside the hours. */
    OK(coaching_book_session(lib, COACH, me, e->id, T0 + 3 * DAY + 6 * H, 0, NULL, COACHING_LOCATION_KIND_OTHER, "office", &s));
    coaching_session_free(s);

    /* Program rules: NULL removes them; without any the defaults answer. */
    CoachingProgram *prog = NULL;
    OK(coaching_create_program(lib, COACH, me, p->id, "Prog", COACHING_PROGRESS_UNIT_SESSIONS, 4, 60, true, -1, &prog));
    r = NULL;
    OK(coaching_program_booking_rules(lib, COACH, me, prog->id, &r));
    STREQ(r->source, "default");
    CHECK(r->slot_step_minutes == 30 && r->max_horizon_days == 0);
    coaching_booking_rules_free(r);
    CoachingBookingRulesInput prules = {60, 0, 15, 15, 30};
    r = NULL;
    OK(coaching_set_program_booking_rules(lib, COACH, me, prog->id, &prules, &r));
    STREQ(r->source, "program");
    CHECK(r->buffer_before_minutes == 15);
    coaching_booking_rules_free(r);
    CoachingBookingRulesInput zero_step = {0, 0, 0, 0, 0};
    EXPECT(COACHING_RESULT_VALIDATION, coaching_set_program_booking_rules(lib, COACH, me, prog->id, &zero_step, NULL));
    STREQ(coaching_last_error_field(), "slot_step_minutes");
    EXPECT(COACHING_RESULT_PERMISSION_DENIED, coaching_set_program_booking_rules(lib, CLIENT, c->id, prog->id, NULL, NULL));
    OK(coaching_set_program_booking_rules(lib, COACH, me, prog->id, NULL, NULL));
    OK(coaching_clear_date_hours(lib, COACH, me, me, "2026-03-04", NULL));
    coaching_program_free(prog);

    coaching_engagement_free(e);
    coaching_client_free(c);
    coaching_coach_free(o);
    coaching_practice_free(p);
    coaching_free(lib);
    coaching_clock_free(clock);
    return report();
}
