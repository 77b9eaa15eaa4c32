// The README's workflow in Kotlin (JVM or Android), through the uniffi bindings.
import dev.coaching.*
import java.time.Duration
import java.time.Instant

fun main(args: Array<String>) {
    val lib = CoachingLibrary.open(args.getOrElse(0) { "coaching-demo-kotlin.db" })
    val owner = lib.createPractice("Bright Path Coaching", "Europe/London", planFree(), "Olivia Owner", null)
    val me = Actor.Coach(owner.id)
    val carla = lib.addClient(me, owner.practiceId, "Carla Client", null, true)
    val dan = lib.addClient(me, owner.practiceId, "Dan Client", null, false)
    val leadership = lib.createProgram(me, owner.practiceId, NewProgram(name = "Leadership", unit = ProgressUnit.SESSIONS, planned = 16u))
    val first = lib.createEngagement(me, owner.practiceId, NewEngagement(programId = leadership.id, coachId = owner.id, clientId = carla.id))
    val second = lib.createEngagement(me, owner.practiceId, NewEngagement(coachId = owner.id, clientId = dan.id, programName = "Career Transition", planned = 6u))
    lib.setStatus(me, first.id, EngagementStatus.ACTIVE, null)
    try {
        lib.setStatus(me, second.id, EngagementStatus.ACTIVE, null)
    } catch (e: CoachingException.PlanLimitReached) {
        println("Refused: ${e.current} of ${e.limit} active engagements")
    }
    val held = lib.bookSession(me, first.id, Instant.now().minus(Duration.ofDays(7)), null, null, Location.Zoom("https://zoom.us/j/123456789"))
    lib.completeSession(me, held.id)
    for (line in lib.overviewForPractice(me, owner.practiceId)) {
        println("${line.clientName} ${line.programName} ${line.startDate ?: "TBD"} ${line.progress.text} ${line.status}")
    }
    lib.destroy()
}
