// The uniffi surface, tested on the JVM: the workflow, every error mapped to its Kotlin
// exception with its fields, dates and instants round-tripping, use from two threads.
import dev.coaching.*
import java.io.File
import java.io.RandomAccessFile
import java.time.Instant
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

var passed = 0
var failed = 0

fun check(cond: Boolean, what: String) {
    if (cond) passed++ else { failed++; System.err.println("FAIL: $what") }
}

inline fun <reified T : Throwable> expect(what: String, block: () -> Unit): T? {
    try {
        block()
    } catch (e: Throwable) {
        if (e is T) { passed++; return e }
        failed++; System.err.println("FAIL: $what threw $e"); return null
    }
    failed++; System.err.println("FAIL: $what did not throw"); return null
}

const val UNKNOWN = "0192f0c4-0000-7000-8000-000000000000"

fun main(args: Array<String>) {
    val dir = File(args.getOrElse(0) { "." })
    val path = File(dir, "kotlin-test.db").path
    File(path).delete()
    val lib = CoachingLibrary.open(path)
    check(libraryVersion().isNotEmpty(), "version")

    // The workflow.
    val owner = lib.createPractice("Bright Path", "Europe/London", planFree(), "Olivia Owner", null)
    val me = Actor.Coach(owner.id)
    val practice = lib.practice(me, owner.practiceId)
    check(practice.plan == planFree() && practice.timeZone == "Europe/London", "practice")
    val carla = lib.addClient(me, practice.id, "Carla Client", "carla@example.com", true)
    val dan = lib.addClient(me, practice.id, "Dan Client", null, false)
    val program = lib.createProgram(me, practice.id, NewProgram(name = "Leadership", unit = ProgressUnit.SESSIONS, planned = 2u))
    val e = lib.createEngagement(me, practice.id, NewEngagement(programId = program.id, coachId = owner.id, clientId = carla.id, startDate = CalendarDate(2026, 3u, 2u)))
    check(e.status == EngagementStatus.DRAFT && e.phase == Phase.NOT_STARTED, "draft")
    check(e.progress.text == "0/2" && e.startDate == CalendarDate(2026, 3u, 2u) && e.endDate == null, "overview fields")
    check(lib.setStatus(me, e.id, EngagementStatus.ACTIVE, null).status == EngagementStatus.ACTIVE, "activate")

    // Every error with its fields.
    val e2 = lib.createEngagement(me, practice.id, NewEngagement(programId = program.id, coachId = owner.id, clientId = dan.id))
    val limit = expect<CoachingException.PlanLimitReached>("plan limit") { lib.setStatus(me, e2.id, EngagementStatus.ACTIVE, null) }
    check(limit?.limit == 1u && limit.current == 1u && limit.what == "active_engagements", "plan limit fields")
    val adHoc = lib.createEngagement(me, practice.id, NewEngagement())
    val missing = expect<CoachingException.MissingFields>("missing fields") { lib.setStatus(me, adHoc.id, EngagementStatus.ACTIVE, null) }
    check(missing?.fields == listOf("coach", "client", "program_name", "planned"), "missing fields list")
    val transition = expect<CoachingException.InvalidTransition>("invalid transition") { lib.setStatus(me, e.id, EngagementStatus.DRAFT, null) }
    check(transition?.from == EngagementStatus.ACTIVE && transition.to == EngagementStatus.DRAFT, "transition fields")
    val notFound = expect<CoachingException.NotFound>("not found") { lib.engagement(me, UNKNOWN) }
    check(notFound?.kind == "engagement" && notFound.id == UNKNOWN, "not found fields")
    val denied = expect<CoachingException.PermissionDenied>("permission denied") { lib.coaches(Actor.Client(carla.id), practice.id) }
    check(denied?.reason?.contains("coach") == true, "denied reason")
    val invalid = expect<CoachingException.Validation>("validation") { lib.addClient(me, practice.id, "  ", null, false) }
    check(invalid?.field == "name", "validation field")
    expect<CoachingException.Validation>("malformed id") { lib.engagement(me, "not-an-id") }
    expect<CoachingException.Validation>("impossible date") { lib.updateEngagement(me, e.id, EngagementChanges(endDate = CalendarDate(2026, 2u, 30u))) }
    val office = Location.Other("office")
    val notActive = expect<CoachingException.EngagementNotActive>("not active") { lib.bookSession(me, e2.id, Instant.parse("2030-01-01T09:00:00Z"), null, null, office) }
    check(notActive?.status == EngagementStatus.DRAFT, "not active status")
    val booked = lib.bookSession(me, e.id, Instant.parse("2030-01-01T09:00:00Z"), null, null, office)
    expect<CoachingException.Conflict>("double-booked") { lib.bookSession(me, e.id, Instant.parse("2030-01-01T09:30:00Z"), null, null, office) }
    // What is due around that session: a reminder to the coach and one to the client (who has a portal).
    val week = Instant.parse("2029-12-31T00:00:00Z") to Instant.parse("2030-01-07T00:00:00Z")
    val due = lib.due(me, practice.id, week.first, week.second)
    check(due.map { it.toName to it.kind } == listOf("Carla Client" to DueKind.SESSION, "Olivia Owner" to DueKind.SESSION), "reminders per person")
    check(due.all { it.id == booked.id && it.startsAt == booked.start && it.dueDate == null && !it.overdue }, "the session's reminders")
    check(lib.due(Actor.Client(carla.id), practice.id, week.first, week.second).map { it.to } == listOf(Actor.Client(carla.id)), "a client's own")
    expect<CoachingException.Validation>("a reversed window") { lib.due(me, practice.id, week.second, week.first) }
    // The change feed: the owner's, page by page from the beginning, is the log oldest first;
    // the client's holds only what they may read, without details.
    val fed = mutableListOf<LogEntry>()
    var cursor: String? = null
    do {
        val page = lib.changes(me, practice.id, cursor, 4u)
        fed += page.changes
        cursor = page.next
    } while (page.more)
    check(fed == lib.practiceActivity(me, practice.id, 0u, 1000u).reversed(), "the owner's feed is the log")
    check(lib.changes(me, practice.id, cursor, 10u).changes.isEmpty(), "nothing after the end")
    val theirs = lib.changes(Actor.Client(carla.id), practice.id, null, 1000u).changes
    check(theirs.map { it.action } == listOf("engagement_created", "engagement_activated", "session_booked") && theirs.all { it.detail == null && it.audience == "client" }, "the client's feed")
    expect<CoachingException.Validation>("a malformed cursor") { lib.changes(me, practice.id, "nope", 10u) }
    // Export to a file, import into a fresh store, export again: the same bytes.
    val exported = java.io.File(args[0], "practice.json")
    val again = java.io.File(args[0], "again.json")
    lib.exportPractice(me, practice.id, exported.path)
    val fresh = CoachingLibrary.inMemory()
    check(fresh.importPractice(exported.path).id == practice.id, "imported practice")
    fresh.exportPractice(me, practice.id, again.path)
    check(exported.readBytes().contentEquals(again.readBytes()), "export, import, export: the same bytes")
    check(fresh.practices().map { it.id } == listOf(practice.id), "the store's practices")
    expect<CoachingException.Conflict>("importing twice") { fresh.importPractice(exported.path) }
    again.writeText(exported.readText().replace("\"format_version\": 1", "\"format_version\": 9"))
    val newer = expect<CoachingException.Validation>("a newer format") { CoachingLibrary.inMemory().importPractice(again.path) }
    check(newer?.field == "format_version", "the place of the refusal")
    lib.cancelSession(me, booked.id, "moved")
    val st = expect<CoachingException.InvalidSessionTransition>("session transition") { lib.cancelSession(me, booked.id, null) }
    check(st?.from == SessionStatus.CANCELLED, "session transition fields")
    val note = lib.createNote(me, e2.id, "Private", "<p>x</p>", null)
    val noPortal = expect<CoachingException.NoPortal>("no portal") { lib.setNoteShared(me, note.id, true) }
    check(noPortal?.clientId == dan.id, "no portal client")
    lib.setMaxFileBytes(4uL)
    val big = expect<CoachingException.FileTooLarge>("file too large") {
        lib.addToLibrary(me, practice.id, null, ResourceInput.File("big.bin", "", byteArrayOf(1, 2, 3, 4, 5)))
    }
    check(big?.size == 5uL && big.limit == 4uL, "file size fields")

    // Instants and dates round-trip; a weekly series keeps 09:00 London across the DST change.
    val start = Instant.parse("2026-03-23T09:00:00Z")
    val series = lib.bookSeries(me, e.id, start, null, "Europe/London", Location.Zoom("https://zoom.us/j/123456789"), 1u, SeriesEnd.Count(2u))
    check(series[0].start == start && series[1].start == Instant.parse("2026-03-30T08:00:00Z"), "series instants")
    check(series.map { it.localStart } == listOf("2026-03-23 09:00", "2026-03-30 09:00"), "series wall clock")
    check(lib.session(me, series[1].id).start == series[1].start, "instant round trip")
    val updated = lib.updateEngagement(me, e.id, EngagementChanges(endDate = CalendarDate(2026, 12u, 31u)))
    check(updated.endDate == CalendarDate(2026, 12u, 31u), "date round trip")
    check(lib.updateEngagement(me, e.id, EngagementChanges(clearEndDate = true)).endDate == null, "date cleared")
    lib.completeSession(me, series[0].id)
    lib.completeSession(me, series[1].id)
    val done = lib.engagement(me, e.id)
    check(done.status == EngagementStatus.COMPLETED && done.progress.text == "2/2" && done.completionReason == "all planned sessions used", "automatic completion")
    val log = lib.activity(me, e.id, 0u, 5u)
    check(log[0].action == "engagement_completed" && log[0].actor == Actor.System, "system in the log")

    // Two threads share the handle.
    lib.changePlan(me, practice.id, planSolo())
    val made = AtomicInteger()
    val workers = (0 until 2).map { t ->
        thread {
            for (i in 0 until 20) {
                val c = lib.addClient(me, practice.id, "Client $t-$i", null, false)
                val x = lib.createEngagement(me, practice.id, NewEngagement(coachId = owner.id, clientId = c.id, programName = "X", planned = 3u))
                lib.setStatus(me, x.id, EngagementStatus.ACTIVE, null)
                made.incrementAndGet()
            }
        }
    }
    workers.forEach { it.join() }
    check(made.get() == 40, "both threads finished")
    check(lib.overviewForPractice(me, practice.id).count { it.status == EngagementStatus.ACTIVE } == 40, "40 active engagements")
    lib.destroy()

    // Opening a file from a newer version, and a file that is not a database.
    RandomAccessFile(path, "rw").use { f -> f.seek(60); f.writeInt(999) }
    val before = File(path).readBytes()
    val tooNew = expect<CoachingException.SchemaTooNew>("schema too new") { CoachingLibrary.open(path) }
    check(tooNew?.found == 999u && tooNew.supported in 1u..998u, "schema fields")
    check(File(path).readBytes().contentEquals(before), "the newer file is untouched")
    val junk = File(dir, "kotlin-junk.db")
    junk.writeText("not a database ".repeat(100))
    val notOurs = expect<CoachingException.NotCoachingFile>("not a coaching file") { CoachingLibrary.open(junk.path) }
    check(notOurs?.path == junk.path, "the error names the file")
    expect<CoachingException.Storage>("storage") { CoachingLibrary.open(dir.path) }
    // A JVM server app is a host too: a PostgreSQL URL opens the database, or fails typed.
    val refused = expect<CoachingException.Connection>("no server") {
        CoachingLibrary.open("postgresql://coaching@%2Fnonexistent%2Fsocket/postgres")
    }
    check(refused?.server == "coaching@/nonexistent/socket:5432/postgres", "the error names the server")
    val badUrl = expect<CoachingException.Validation>("bad url") { CoachingLibrary.open("postgresql://coaching@host:notaport/db") }
    check(badUrl?.field == "url", "the field is url")
    val url = System.getenv("COACHING_BINDINGS_DATABASE_URL")
    check(url != null, "COACHING_BINDINGS_DATABASE_URL is set (the test command sets it)")
    if (url != null) {
        val pg = CoachingLibrary.open(url)
        val kari = pg.createPractice("Kotlin on PostgreSQL", "Europe/Oslo", planFree(), "Kari", null)
        check(pg.practice(Actor.Coach(kari.id), kari.practiceId).name == "Kotlin on PostgreSQL", "a practice on PostgreSQL")
        pg.close()
    }

    println("$passed passed, $failed failed")
    if (failed > 0) kotlin.system.exitProcess(1)
}
