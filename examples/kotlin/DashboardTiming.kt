// Times one dashboard call (the practice overview) from Kotlin through the uniffi bindings,
// on a file it fills itself; prints the ids so the Rust example can time the same call:
//   cargo run --release --example dashboard_timing -- FILE OWNER_ID PRACTICE_ID
import dev.coaching.*
import java.io.File
import java.time.Duration
import java.time.Instant

fun main(args: Array<String>) {
    val path = args.getOrElse(0) { "kotlin-timing.db" }
    val engagements = args.getOrElse(1) { "500" }.toInt()
    File(path).delete()
    val lib = CoachingLibrary.open(path)
    val owner = lib.createPractice("Timing", "UTC", planSolo(), "Owner", null)
    val me = Actor.Coach(owner.id)
    val base = Instant.parse("2026-01-05T09:00:00Z")
    for (i in 0 until engagements) {
        val c = lib.addClient(me, owner.practiceId, "Client $i", null, false)
        val e = lib.createEngagement(me, owner.practiceId, NewEngagement(coachId = owner.id, clientId = c.id, programName = "Program", planned = 16u))
        lib.setStatus(me, e.id, EngagementStatus.ACTIVE, null)
        val start = base.plus(Duration.ofMinutes(11L * i))
        for (s in lib.bookSeries(me, e.id, start, start.plus(Duration.ofMinutes(10)), null, Location.Other("office"), 1u, SeriesEnd.Count(8u))) {
            if (s.start.isBefore(Instant.parse("2026-02-01T00:00:00Z"))) lib.completeSession(me, s.id)
        }
    }
    val runs = 200
    val times = DoubleArray(runs)
    var rows = 0
    for (r in 0 until runs) {
        val t = System.nanoTime()
        rows = lib.overviewForPractice(me, owner.practiceId).size
        times[r] = (System.nanoTime() - t) / 1000.0
    }
    times.sort()
    println("kotlin overviewForPractice: $rows rows, median ${"%.0f".format(times[runs / 2])} us over $runs runs")
    println("${owner.id} ${owner.practiceId}")
    lib.destroy()
}
