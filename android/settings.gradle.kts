// The Android library module that wraps libcoaching: scripts/build-android.sh fills
// coaching/src/main/jniLibs/<abi>/libcoaching.so and coaching/src/main/kotlin/dev/coaching/
// coaching.kt, then `gradle -p android :coaching:assembleRelease` writes the AAR.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "coaching-android"
include(":coaching")
