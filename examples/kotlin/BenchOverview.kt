// Times the practice overview (5,000 engagements) from Kotlin on the benchmark file.
import dev.coaching.*
import java.io.File

fun main(args: Array<String>) {
    val path = args.getOrElse(0) { "target/bench/practice-seed42.db" }
    val (practice, owner) = File(path.removeSuffix(".db") + ".ids").readLines()
    val lib = CoachingLibrary.open(path)
    val me = Actor.Coach(owner)
    val times = mutableListOf<Double>()
    var rows = 0
    for (i in 0 until 33) {
        val t = System.nanoTime()
        rows = lib.overviewForPractice(me, practice).size
        if (i >= 3) times.add((System.nanoTime() - t) / 1e6)
    }
    times.sort()
    println("Kotlin overviewForPractice: $rows rows, median ${"%.2f".format(times[times.size / 2])} ms over ${times.size} runs")
    lib.destroy()
}
