// swift-tools-version:5.9
// The Swift package of coaching: the uniffi Swift bindings (module Coaching) over the
// CoachingFFI XCFramework (libcoaching.a for iOS devices and simulators, with the C header
// and modulemap). Both are built on a Mac by scripts/build-xcframework.sh, which writes
// apple/CoachingFFI.xcframework and apple/Sources/Coaching/Coaching.swift.
import PackageDescription

let package = Package(
    name: "Coaching",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Coaching", targets: ["Coaching"]),
    ],
    targets: [
        .binaryTarget(name: "CoachingFFI", path: "apple/CoachingFFI.xcframework"),
        .target(name: "Coaching", dependencies: ["CoachingFFI"], path: "apple/Sources/Coaching"),
    ]
)
