// dev.coaching: the uniffi Kotlin bindings of coaching-ffi and libcoaching.so per ABI.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "dev.coaching"
    compileSdk = 35
    defaultConfig {
        minSdk = 24
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].jniLibs.srcDirs("src/main/jniLibs")
    sourceSets["main"].java.srcDirs("src/main/kotlin")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions {
        jvmTarget = "17"
    }
}

dependencies {
    // uniffi's Kotlin calls the library through JNA; on Android, JNA's AAR (with its own
    // libjnidispatch.so per ABI).
    implementation("net.java.dev.jna:jna:5.15.0@aar")
}
