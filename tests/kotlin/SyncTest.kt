// From Kotlin: a full offline day. One server (a library the host runs) and two devices, a
// coach's phone and a client's phone, each a Replica in a file of its own, exchanging only the
// bytes the host carries. Both work offline (book, note, goal, journal, comment), sync in turn;
// the client's booking of a time the coach took meanwhile comes back refused, typed, and leaves
// the client's phone; then both read what the server shows them. Called by EditsTest's main.
import dev.coaching.*
import java.nio.file.Files
import java.time.Duration
import java.time.Instant

fun syncTest() {
    val t0 = Instant.parse("2026-03-02T08:00:00Z")
    val clock = ManualClock(t0)
    val server = CoachingLibrary.inMemoryWithClock(clock)
    val owner = server.createPractice("Bright Path", "Europe/London", planSolo(), "Olivia", null)
    val me = Actor.Coach(owner.id)
    val pid = owner.practiceId
    val carla = server.addClient(me, pid, "Carla", null, true)
    val carlaA = Actor.Client(carla.id)
    val program = server.createProgram(me, pid, NewProgram(name = "Six", unit = ProgressUnit.SESSIONS, planned = 6u))
    val e = server.createEngagement(me, pid, NewEngagement(programId = program.id, coachId = owner.id, clientId = carla.id))
    server.setStatus(me, e.id, EngagementStatus.ACTIVE, null)
    val welcome = server.createNote(me, e.id, "Welcome", "<p>hello</p>", null)
    server.setNoteShared(me, welcome.id, true)

    val dir = Files.createTempDirectory("replicas")
    val coachPhone = Replica.openWithClock(dir.resolve("coach.db").toString(), pid, me, clock)
    val clientPhone = Replica.openWithClock(dir.resolve("carla.db").toString(), pid, carlaA, clock)
    fun sync(r: Replica, a: Actor): SyncOutcome = r.applySyncResponse(server.handleSync(a, r.syncRequest()))

    ok(!coachPhone.hasSynced() && coachPhone.engagementIds().isEmpty(), "a new replica holds nothing")
    sync(coachPhone, me)
    sync(clientPhone, carlaA)
    ok(coachPhone.engagementIds() == listOf(e.id) && clientPhone.engagementIds() == listOf(e.id), "the first sync brings the engagement")
    ok(clientPhone.view().notes(carlaA, e.id).map { it.id } == listOf(welcome.id), "the client's phone holds the shared note")

    // Offline, both.
    val tuesday10 = Instant.parse("2026-03-03T10:00:00Z")
    val booked = coachPhone.bookSession(e.id, tuesday10, null, null, Location.Phone("+44 20 7946 0000"))
    val note = coachPhone.createNote(e.id, "Prep", "<p>ask about the team<script>x()</script></p>")
    val goal = coachPhone.createGoal(e.id, "Delegate more", null, CalendarDate(2026, 6u, 1u))
    coachPhone.addMilestone(goal.id, "List the tasks", null)
    ok(note.bodyHtml == "<p>ask about the team</p>", "an offline note is sanitised as online")
    ok(coachPhone.view().sessions(me, e.id, SessionRange.UPCOMING, 0u, 50u).map { it.id } == listOf(booked.id), "the phone shows its booking at once")
    ok(coachPhone.pendingCount() == 4u, "four writes queued")
    val clash = clientPhone.bookSession(e.id, tuesday10.plus(Duration.ofMinutes(30)), null, null, Location.Phone("+44 20 7946 0001"))
    val entry = clientPhone.createJournalEntry(e.id, "Before the session", "<p>nervous</p>", true)
    clientPhone.addComment(CommentTarget.Note(welcome.id), "<p>thank you</p>")
    throws<CoachingException.Validation>("a view is read-only") { clientPhone.view().createJournalEntry(carlaA, e.id, "x", "", false) }
    throws<CoachingException.PermissionDenied>("a client writes no notes offline either") { clientPhone.createNote(e.id, "x", "") }
    ok(server.sessions(me, e.id, SessionRange.UPCOMING, 0u, 50u).isEmpty(), "nothing reached the server yet")

    // The phone restarts: its queue is in its file.
    val reopened = Replica.openWithClock(dir.resolve("coach.db").toString(), pid, me, clock)
    ok(reopened.pendingCount() == 4u && reopened.view().note(me, note.id).title == "Prep", "a restart keeps the queue and the view")
    reopened.destroy()

    // The coach syncs first: every write lands once.
    val c1 = sync(coachPhone, me)
    ok(c1.applied.size == 4 && c1.refused.isEmpty(), "the coach's four writes applied")
    ok(server.session(me, booked.id).start == tuesday10, "the session is on the server with the phone's id")
    ok(server.goals(me, e.id)[0].milestones.size == 1, "goal and milestone on the server")
    // The client syncs: the booking of a time the coach took is refused, typed; the rest lands.
    val c2 = sync(clientPhone, carlaA)
    ok(c2.applied.size == 2 && c2.refused.size == 1, "two applied, one refused (got ${c2.applied.size}, ${c2.refused.size})")
    val refusal = c2.refused.firstOrNull()
    ok(refusal?.operation == "book_session" && refusal.error is CoachingException.Conflict, "the refusal names its write and its typed error: ${refusal?.error}")
    ok(clientPhone.view().sessions(carlaA, e.id, SessionRange.UPCOMING, 0u, 50u).map { it.id } == listOf(booked.id), "the refused booking left the phone; the coach's is there")
    ok(clientPhone.pendingCount() == 0u, "nothing left queued")
    // The same answer again (a host retrying) is refused as stale or is harmless.
    sync(coachPhone, me)
    ok(coachPhone.view().journal(me, e.id).map { it.id } == listOf(entry.id), "the coach's phone holds the shared journal entry")
    ok(coachPhone.view().comments(me, CommentTarget.Note(welcome.id)).size == 1, "and the client's comment")
    ok(clientPhone.view().notes(carlaA, e.id).none { it.id == note.id }, "the coach's private note never reached the client's phone")
    ok(coachPhone.view().activity(me, e.id, 0u, 200u) == server.activity(me, e.id, 0u, 200u), "the coach's phone reads the server's log")
    ok(clientPhone.view().engagement(carlaA, e.id) == server.engagement(carlaA, e.id), "the client's phone reads the server's line")

    // A permission change: the note unshared, gone from the client's phone at its next sync.
    server.setNoteShared(me, welcome.id, false)
    sync(clientPhone, carlaA)
    ok(clientPhone.view().notes(carlaA, e.id).isEmpty(), "an unshared note leaves the client's phone")

    coachPhone.destroy()
    clientPhone.destroy()
    server.destroy()
    dir.toFile().deleteRecursively()
}
