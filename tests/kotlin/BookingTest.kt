// From Kotlin: self-booking on a library of its own clock — a coach's hours and a day off,
// program and engagement rules, free slots, a client booking a listed slot, and each refusal
// as its typed exception with its figures. Called by EditsTest's main (one JVM, one jar).
import dev.coaching.*
import java.time.Duration
import java.time.Instant

fun bookingTest() {
    val t0 = Instant.parse("2026-03-02T09:00:00Z") // Monday, 09:00 in London (GMT)
    val lib = CoachingLibrary.inMemoryWithClock(ManualClock(t0))
    val owner = lib.createPractice("Bright Path", "Europe/London", planTeam(3u), "Olivia", null)
    val me = Actor.Coach(owner.id)
    val pid = owner.practiceId
    val carla = lib.addClient(me, pid, "Carla", null, true)
    val carlaA = Actor.Client(carla.id)
    val program = lib.createProgram(me, pid, NewProgram(name = "Two", unit = ProgressUnit.SESSIONS, planned = 2u))
    val e = lib.createEngagement(me, pid, NewEngagement(programId = program.id, coachId = owner.id, clientId = carla.id))
    lib.setStatus(me, e.id, EngagementStatus.ACTIVE, null)
    val office = Location.Other("office")

    ok(lib.availability(me, owner.id) == null, "nothing published yet")
    val weekly = (1..5).map { WeeklyHours(it.toUByte(), (9 * 60).toUShort(), (12 * 60).toUShort()) }
    val a = lib.setWeeklyHours(me, owner.id, null, weekly)
    ok(a.timeZone == "Europe/London" && a.weekly.size == 5, "weekly hours in the practice's zone")
    val off = lib.setDateHours(me, owner.id, CalendarDate(2026, 3u, 4u), emptyList())
    ok(off.overrides.size == 1 && off.overrides[0].hours.isEmpty(), "Wednesday off")

    val rules = BookingRules(minNoticeMinutes = 1440u, maxHorizonDays = 7u, slotStepMinutes = 60u)
    ok(lib.setProgramBookingRules(me, program.id, rules) == rules, "program rules set")
    val eff = lib.bookingRules(carlaA, e.id)
    ok(eff.source == RulesSource.PROGRAM && eff.rules == rules, "the engagement follows its program")

    val slots = lib.freeSlots(carlaA, e.id, t0, t0.plus(Duration.ofDays(7)))
    ok(slots.size == 9, "Tuesday, Thursday, Friday at 09, 10, 11 (got ${slots.size})")
    ok(slots[0] == Instant.parse("2026-03-03T09:00:00Z"), "first slot Tuesday 09:00")
    val s = lib.bookSession(carlaA, e.id, slots[0], null, null, office)
    ok(s.start == slots[0], "a listed slot books")
    ok(lib.rescheduleSlots(carlaA, s.id, t0, t0.plus(Duration.ofDays(7))).contains(slots[0]), "its own time is among the reschedule slots")

    val notice = throws<CoachingException.NoticeTooShort>("inside the notice") {
        lib.bookSession(carlaA, e.id, t0.plus(Duration.ofHours(2)), null, null, office)
    }
    ok(notice?.noticeMinutes == 1440u && notice.minutesAhead == 120L, "notice figures")
    val horizon = throws<CoachingException.BeyondHorizon>("past the horizon") {
        lib.bookSession(carlaA, e.id, t0.plus(Duration.ofDays(9)), null, null, office)
    }
    ok(horizon?.horizonDays == 7u && horizon.daysAhead == 9u, "horizon figures")
    val wednesday = Instant.parse("2026-03-04T10:00:00Z")
    val outside = throws<CoachingException.OutsideAvailability>("on the day off") {
        lib.bookSession(carlaA, e.id, wednesday, null, null, office)
    }
    ok(outside?.start == wednesday, "outside-hours start")
    lib.bookSession(carlaA, e.id, slots[1], null, null, office)
    val used = throws<CoachingException.AllocationUsedUp>("a third of two") {
        lib.bookSession(carlaA, e.id, slots[4], null, null, office)
    }
    ok(used?.unit == ProgressUnit.SESSIONS && used.planned == 2u && used.used == 0u && used.scheduled == 2u, "allocation figures")
    throws<CoachingException.AllocationUsedUp>("no slots left to list") { lib.freeSlots(carlaA, e.id, t0, t0.plus(Duration.ofDays(1))) }
    lib.bookSession(me, e.id, wednesday, null, null, office) // the coach is not held to them

    val own = lib.setEngagementBookingRules(me, e.id, BookingRules(minNoticeMinutes = 0u, slotStepMinutes = 15u))
    ok(own.source == RulesSource.ENGAGEMENT && own.rules.slotStepMinutes == 15u.toUInt(), "the engagement's own rules")
    ok(lib.setEngagementBookingRules(me, e.id, null).source == RulesSource.PROGRAM, "back to the program's")
    ok(lib.programBookingRules(me, program.id) == rules, "program rules read")
    ok(lib.setProgramBookingRules(me, program.id, null) == null, "program rules removed")
    ok(lib.clearDateHours(me, owner.id, CalendarDate(2026, 3u, 4u)).overrides.isEmpty(), "day off cleared")
    throws<CoachingException.Validation>("a weekday 8") { lib.setWeeklyHours(me, owner.id, null, listOf(WeeklyHours(8u, 0u, 60u))) }
    throws<CoachingException.Validation>("a step of 1 minute") { lib.setEngagementBookingRules(me, e.id, BookingRules(minNoticeMinutes = 0u, slotStepMinutes = 1u)) }
    throws<CoachingException.PermissionDenied>("a client editing the hours") { lib.setWeeklyHours(carlaA, owner.id, null, weekly) }
    lib.destroy()
}
