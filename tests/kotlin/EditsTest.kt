// From Kotlin: a batch (committed, and rolled back by a throwing body), the host's clock, the
// upload limit, update_program, and the edits only the core tested before: reassign,
// reschedule, set a session's location, move a note, comments, update a goal and a milestone.
import dev.coaching.*
import java.time.Duration
import java.time.Instant

var passedEdits = 0
var failedEdits = 0

fun ok(cond: Boolean, what: String) {
    if (cond) passedEdits++ else { failedEdits++; System.err.println("FAIL: $what") }
}

inline fun <reified T : Throwable> throws(what: String, block: () -> Unit): T? {
    try {
        block()
    } catch (e: Throwable) {
        if (e is T) { passedEdits++; return e }
        failedEdits++; System.err.println("FAIL: $what threw $e"); return null
    }
    failedEdits++; System.err.println("FAIL: $what did not throw"); return null
}

class Stop : Exception("stop")

fun main() {
    val t0 = Instant.parse("2026-03-02T08:00:00Z")
    val clock = ManualClock(t0)
    val lib = CoachingLibrary.inMemoryWithClock(clock)
    ok(lib.now() == t0, "the library reads the host's clock")

    val owner = lib.createPractice("Bright Path", "Europe/London", planTeam(3u), "Olivia", null)
    val me = Actor.Coach(owner.id)
    val pid = owner.practiceId
    val sam = lib.addCoach(me, pid, "Sam Second", null)
    val carla = lib.addClient(me, pid, "Carla", null, true)
    val carlaA = Actor.Client(carla.id)
    val program = lib.createProgram(me, pid, NewProgram(name = "Leadership", unit = ProgressUnit.SESSIONS, planned = 4u))
    val e = lib.createEngagement(me, pid, NewEngagement(programId = program.id, coachId = owner.id, clientId = carla.id))
    lib.setStatus(me, e.id, EngagementStatus.ACTIVE, null)

    // update_program and the upload limit.
    val renamed = lib.updateProgram(me, program.id, ProgramChanges(name = "Leadership II", planned = 6u, lateCancelWindowMinutes = 1440u))
    ok(renamed.name == "Leadership II" && renamed.planned == 6u && renamed.lateCancelWindowMinutes == 1440u, "update program")
    ok(lib.updateProgram(me, program.id, ProgramChanges(clearLateCancelWindow = true)).lateCancelWindowMinutes == null, "clear window")
    lib.setMaxFileBytes(1234uL)
    ok(lib.maxFileBytes() == 1234uL, "max file bytes")

    // A batch commits together; a throwing body rolls everything back and its exception comes out.
    val before = lib.clients(me, pid).size
    lib.batch(object : BatchBody {
        override fun run() {
            lib.addClient(me, pid, "Batch One", null, false)
            throws<CoachingException.Validation>("refused inside a batch") { lib.addClient(me, pid, "   ", null, false) }
            lib.addClient(me, pid, "Batch Two", null, false)
        }
    })
    ok(lib.clients(me, pid).size == before + 2, "batch committed")
    throws<CoachingException.Validation>("a library error rolls the batch back") {
        lib.batch(object : BatchBody {
            override fun run() {
                lib.addClient(me, pid, "Rolled back", null, false)
                lib.addClient(me, pid, "", null, false)
            }
        })
    }
    ok(lib.clients(me, pid).size == before + 2, "batch rolled back")

    // The clock: a session is held only once it has started.
    val phone = Location.Phone("+44 20 7946 0000")
    val s = lib.bookSession(me, e.id, t0.plus(Duration.ofHours(1)), null, null, phone)
    throws<CoachingException.Validation>("not started yet") { lib.completeSession(me, s.id) }
    clock.advance(2 * 3600)
    ok(lib.now() == t0.plus(Duration.ofHours(2)), "advance")
    ok(lib.completeSession(me, s.id).status == SessionStatus.COMPLETED, "complete after advancing")
    clock.set(t0)
    ok(clock.now() == t0 && lib.now() == t0, "set")

    // Reschedule, location, reassign.
    val up = lib.bookSession(me, e.id, t0.plus(Duration.ofDays(1)), null, null, phone)
    val moved = lib.rescheduleSession(me, up.id, t0.plus(Duration.ofDays(2)), null)
    ok(moved.id == up.id && moved.start == t0.plus(Duration.ofDays(2)) && moved.minutes == 60L, "reschedule")
    val zoom = lib.setSessionLocation(me, up.id, Location.Zoom("https://zoom.us/j/123456789"))
    ok(zoom.location == Location.Zoom("https://zoom.us/j/123456789"), "location")
    throws<CoachingException.Validation>("a non-Zoom link") { lib.setSessionLocation(me, up.id, Location.Zoom("https://evil.example/j/1")) }
    ok(lib.reassign(me, e.id, sam.id).coachId == sam.id, "reassign")
    ok(lib.session(me, up.id).coachId == sam.id, "the upcoming session moved with it")
    throws<CoachingException.PermissionDenied>("Sam moves it back") { lib.reassign(Actor.Coach(sam.id), e.id, owner.id) }

    // Notes and comments.
    val notes = (0..2).map { lib.createNote(me, e.id, "Note $it", "<p>x</p>", null) }
    val order = lib.moveNote(me, notes[2].id, 0u)
    ok(order.map { it.id } == listOf(notes[2].id, notes[0].id, notes[1].id), "move note")
    lib.setNoteShared(me, notes[0].id, true)
    val c1 = lib.addComment(me, CommentTarget.Note(notes[0].id), "<p>Well done <script>x</script></p>")
    ok(!c1.bodyHtml.contains("<script"), "comment sanitised")
    val c2 = lib.addComment(carlaA, CommentTarget.Note(notes[0].id), "<p>Thanks</p>")
    ok(lib.comments(carlaA, CommentTarget.Note(notes[0].id)).map { it.id } == listOf(c1.id, c2.id), "comments")
    throws<CoachingException.PermissionDenied>("comments of a private note") { lib.comments(carlaA, CommentTarget.Note(notes[1].id)) }

    // Goals and milestones.
    val g = lib.createGoal(carlaA, e.id, "Run 5k", null, CalendarDate(2026, 6u, 1u))
    val g2 = lib.updateGoal(me, g.id, ItemChanges(name = "Run 10k", description = "by summer", clearDueDate = true))
    ok(g2.name == "Run 10k" && g2.description == "by summer" && g2.dueDate == null, "update goal")
    val m = lib.addMilestone(carlaA, g.id, "First 2k", CalendarDate(2026, 4u, 1u))
    val m2 = lib.updateMilestone(carlaA, m.id, ItemChanges(name = "First 3k", dueDate = CalendarDate(2026, 4u, 15u)))
    ok(m2.name == "First 3k" && m2.dueDate == CalendarDate(2026, 4u, 15u), "update milestone")
    throws<CoachingException.Validation>("a far due date") { lib.updateMilestone(carlaA, m.id, ItemChanges(dueDate = CalendarDate(9999, 1u, 1u))) }

    // Goal horizons: set at creation (or not: the parameter defaults to null), moved,
    // cleared, kept by other edits, and filtered.
    ok(g2.horizon == null, "no horizon by default")
    val long = lib.createGoal(me, e.id, "Change careers", null, null, GoalHorizon.LONG)
    ok(long.horizon == GoalHorizon.LONG, "create with a horizon")
    ok(lib.updateGoal(carlaA, g.id, ItemChanges(horizon = GoalHorizon.SHORT)).horizon == GoalHorizon.SHORT, "set a horizon")
    ok(lib.updateGoal(me, g.id, ItemChanges(name = "Run a half")).horizon == GoalHorizon.SHORT, "other edits keep it")
    ok(lib.goalsByHorizon(carlaA, e.id, GoalHorizon.LONG).map { it.name } == listOf("Change careers"), "filter by horizon")
    ok(lib.updateGoal(me, long.id, ItemChanges(clearHorizon = true)).horizon == null, "clear a horizon")
    ok(lib.goalsByHorizon(me, e.id, null).map { it.name } == listOf("Change careers"), "the goals without one")
    ok(lib.goalsByHorizon(me, e.id, GoalHorizon.MID).isEmpty(), "none mid-term")

    // The client journal: private until shared, only the author changes an entry, the coach
    // never reads a private one.
    val mine = lib.createJournalEntry(carlaA, e.id, "Tuesday", "<p>tired<script>x()</script></p>", false)
    ok(!mine.shared && mine.bodyHtml == "<p>tired</p>" && mine.clientId == carla.id, "a private journal entry")
    val open = lib.createJournalEntry(carlaA, e.id, "For Olivia", "", true)
    ok(lib.journal(carlaA, e.id).map { it.title } == listOf("For Olivia", "Tuesday"), "the client reads all, newest first")
    ok(lib.journal(me, e.id).map { it.id } == listOf(open.id), "the coach reads the shared one")
    throws<CoachingException.PermissionDenied>("the coach reads a private entry") { lib.journalEntry(me, mine.id) }
    throws<CoachingException.PermissionDenied>("the coach writes in the journal") { lib.createJournalEntry(me, e.id, "Mine", "", false) }
    throws<CoachingException.PermissionDenied>("the coach edits an entry") { lib.updateJournalEntry(me, open.id, "Changed", null) }
    throws<CoachingException.Validation>("an empty title") { lib.createJournalEntry(carlaA, e.id, " ", "", false) }
    ok(lib.updateJournalEntry(carlaA, mine.id, null, "<p>rested</p>").bodyText == "rested", "the author edits")
    ok(lib.setJournalEntryShared(carlaA, mine.id, true).shared, "the author shares")
    ok(lib.journalEntry(me, mine.id).bodyText == "rested", "the coach reads it once shared")
    lib.setJournalEntryShared(carlaA, mine.id, false)
    throws<CoachingException.PermissionDenied>("unshared again") { lib.journalEntry(me, mine.id) }
    lib.deleteJournalEntry(carlaA, mine.id)
    throws<CoachingException.NotFound>("deleted") { lib.journalEntry(carlaA, mine.id) }

    // Custom fields: typed values in their text form, a required field blocking activation.
    val tier = lib.defineField(me, pid, FieldEntity.ENGAGEMENT, "Tier", FieldKind.CHOICE, listOf("Bronze", "Gold"), true)
    val budget = lib.defineField(me, pid, FieldEntity.ENGAGEMENT, "Budget", FieldKind.NUMBER, listOf(), false)
    ok(lib.fields(Actor.Coach(sam.id), pid, FieldEntity.ENGAGEMENT).map { it.label } == listOf("Tier", "Budget"), "fields in order")
    val fe = lib.createEngagement(me, pid, NewEngagement(programId = program.id, coachId = owner.id, clientId = carla.id))
    throws<CoachingException.MissingFields>("a required field is empty") { lib.setStatus(me, fe.id, EngagementStatus.ACTIVE, null) }
    ok(lib.setFieldValue(me, FieldEntity.ENGAGEMENT, fe.id, budget.id, "1200") == "1200", "a number in its text form")
    throws<CoachingException.Validation>("not a choice") { lib.setFieldValue(me, FieldEntity.ENGAGEMENT, fe.id, tier.id, "Silver") }
    lib.setFieldValue(me, FieldEntity.ENGAGEMENT, fe.id, tier.id, "Gold")
    ok(lib.fieldValues(me, FieldEntity.ENGAGEMENT, fe.id).map { it.value } == listOf("Gold", "1200"), "values in field order")
    lib.setStatus(me, fe.id, EngagementStatus.ACTIVE, null)
    ok(lib.updateField(me, tier.id, FieldChanges(choices = listOf("Bronze"))).choices == listOf("Bronze"), "a choice removed")
    ok(lib.fieldValues(me, FieldEntity.ENGAGEMENT, fe.id)[0].value == null, "its values cleared")
    throws<CoachingException.PermissionDenied>("another coach defines") { lib.defineField(Actor.Coach(sam.id), pid, FieldEntity.CLIENT, "X", FieldKind.TEXT, listOf(), false) }
    lib.deleteField(me, tier.id)
    lib.deleteField(me, budget.id)
    lib.setStatus(me, fe.id, EngagementStatus.COMPLETED, null)

    // Forms: a template of ordered questions sent into the engagement, answered in text form,
    // submitted once, reopened by the coach; drafts are the client's.
    val intake = lib.createFormTemplate(Actor.Coach(sam.id), pid, "Intake", "Before we start", listOf(
        Question(prompt = "Your goal", kind = QuestionKind.SHORT_TEXT, required = true),
        Question(prompt = "Areas", kind = QuestionKind.MULTIPLE_CHOICE, choices = listOf("Health", "Work")),
        Question(prompt = "Energy", kind = QuestionKind.SCALE, required = true, scaleMax = 5u),
    ))
    ok(intake.questions.map { it.kind } == listOf(QuestionKind.SHORT_TEXT, QuestionKind.MULTIPLE_CHOICE, QuestionKind.SCALE), "a template's questions in order")
    throws<CoachingException.Validation>("a scale of 1 to 1") { lib.createFormTemplate(me, pid, "Bad", null, listOf(Question(prompt = "X", kind = QuestionKind.SCALE, scaleMax = 1u))) }
    throws<CoachingException.PermissionDenied>("a client makes a template") { lib.createFormTemplate(carlaA, pid, "Mine", null, intake.questions) }
    val sent = lib.sendForm(me, e.id, intake.id, CalendarDate(2026, 3u, 20u))
    ok(sent.status == FormStatus.OPEN && sent.dueDate == CalendarDate(2026, 3u, 20u) && sent.answers.isEmpty(), "a form sent")
    val drafted = lib.saveFormAnswers(carlaA, sent.id, listOf(FormAnswer(0u, "Run a 10k"), FormAnswer(1u, "Work\nHealth")))
    ok(drafted.answers.map { it.value } == listOf("Run a 10k", "Health\nWork"), "a draft, choices in the question's order")
    ok(lib.form(me, sent.id).answers.isEmpty(), "the coach sees no draft")
    throws<CoachingException.MissingFields>("a required answer missing") { lib.submitForm(carlaA, sent.id) }
    throws<CoachingException.Validation>("off the scale") { lib.saveFormAnswers(carlaA, sent.id, listOf(FormAnswer(2u, "9"))) }
    throws<CoachingException.PermissionDenied>("the coach answers") { lib.saveFormAnswers(me, sent.id, listOf()) }
    lib.saveFormAnswers(carlaA, sent.id, listOf(FormAnswer(0u, "Run a 10k"), FormAnswer(2u, "4")))
    ok(lib.submitForm(carlaA, sent.id).status == FormStatus.SUBMITTED, "submitted")
    ok(lib.forms(me, e.id).single().answers.map { it.value } == listOf("Run a 10k", "4"), "the coach reads the answers")
    throws<CoachingException.Conflict>("a submitted form is read-only") { lib.saveFormAnswers(carlaA, sent.id, listOf()) }
    ok(lib.reopenForm(me, sent.id).status == FormStatus.OPEN, "reopened")
    val v2 = lib.updateFormTemplate(me, intake.id, "Intake v2", null, null)
    ok(v2.name == "Intake v2" && lib.form(carlaA, sent.id).name == "Intake", "the sent form keeps its copy")
    val formItem = lib.addProgramItem(me, program.id, ProgramItemKind.Form(intake.id, 7u))
    ok(formItem.item == ProgramItemKind.Form(intake.id, 7u), "a program sends a form")
    ok(lib.formTemplates(me, pid).map { it.name } == listOf("Intake v2"), "the library's templates")
    lib.deleteFormTemplate(me, intake.id)
    throws<CoachingException.NotFound>("a deleted template") { lib.formTemplate(me, intake.id) }
    ok(lib.form(carlaA, sent.id).templateId == null, "the form outlives its template")
    ok(lib.programItems(me, program.id).none { it.item is ProgramItemKind.Form }, "its program items go with it")
    lib.deleteForm(me, sent.id)
    throws<CoachingException.NotFound>("a withdrawn form") { lib.form(carlaA, sent.id) }

    // Archive and erasure: an archived client leaves the directory and comes back; the owner
    // erases one for good.
    val dora = lib.addClient(me, pid, "Dora Quill", "dora@example.com", true)
    ok(lib.setClientArchived(Actor.Coach(sam.id), dora.id, true).archived, "another coach archives")
    ok(lib.clients(me, pid).none { it.id == dora.id }, "out of the directory")
    ok(lib.archivedClients(me, pid).map { it.name } == listOf("Dora Quill"), "listed as archived")
    ok(!lib.setClientArchived(me, dora.id, false).archived, "restored")
    throws<CoachingException.Conflict>("a client with an Active engagement") { lib.setClientArchived(me, carla.id, true) }
    throws<CoachingException.PermissionDenied>("another coach erases") { lib.eraseClient(Actor.Coach(sam.id), dora.id) }
    val erased = lib.eraseClient(me, dora.id)
    ok(erased.erased && erased.name == "Erased client" && erased.email == null && !erased.hasPortal, "erased")
    throws<CoachingException.Conflict>("an erasure is never undone") { lib.setClientArchived(me, dora.id, false) }

    // Overview pages: filtered, sorted, paged, with the total.
    val draft = lib.createEngagement(me, pid, NewEngagement(programId = program.id, coachId = sam.id))
    val all = lib.overviewPage(me, pid, OverviewQuery())
    ok(all.total == all.lines.size.toULong() && all.lines.map { it.id }.contains(draft.id), "overview page")
    val newest = lib.overviewPage(me, pid, OverviewQuery(sort = OverviewSort.CREATED, descending = true, limit = 1u))
    ok(newest.lines.map { it.id } == listOf(draft.id) && newest.total == all.total, "newest first, one per page")
    val sams = lib.overviewPage(Actor.Coach(sam.id), pid, OverviewQuery(statuses = listOf(EngagementStatus.DRAFT)))
    ok(sams.lines.map { it.id } == listOf(draft.id) && sams.total == 1uL, "another coach pages their own")
    val past = lib.overviewPage(me, pid, OverviewQuery(offset = 100u))
    ok(past.lines.isEmpty() && past.total == all.total, "a page past the end keeps the total")
    throws<CoachingException.Validation>("limit 0") { lib.overviewPage(me, pid, OverviewQuery(limit = 0u)) }
    throws<CoachingException.PermissionDenied>("another coach names the owner") { lib.overviewPage(Actor.Coach(sam.id), pid, OverviewQuery(coachId = owner.id)) }
    throws<CoachingException.PermissionDenied>("a client pages nothing") { lib.overviewPage(carlaA, pid, OverviewQuery()) }

    // Offline sync, the server's half: a device's request runs once; sent again, nothing runs twice.
    val noteId = java.util.UUID.randomUUID().toString()
    val syncRequest = ("{\"protocol\":1,\"library_version\":\"kt\",\"practice_id\":\"$pid\",\"cursor\":null,\"ops\":[" +
        "{\"op_id\":\"${java.util.UUID.randomUUID()}\",\"op\":{\"op\":\"create_note\",\"id\":\"$noteId\"," +
        "\"engagement_id\":\"${e.id}\",\"title\":\"From the train\",\"body_html\":\"\"}}]}").toByteArray()
    val answer = String(lib.handleSync(me, syncRequest))
    ok(answer.contains("\"outcome\":\"applied\",\"replayed\":false") && lib.note(me, noteId).title == "From the train", "an offline note applied")
    ok(String(lib.handleSync(me, syncRequest)).contains("\"replayed\":true"), "sent again, replayed")
    throws<CoachingException.Validation>("bytes that are no request") { lib.handleSync(me, "nope".toByteArray()) }

    lib.destroy()
    bookingTest()
    syncTest()
    println("$passedEdits passed, $failedEdits failed")
    if (failedEdits > 0) kotlin.system.exitProcess(1)
}
