// swift-tools-version: 6.3
import PackageDescription

/// Settings every target shares: Swift 6 mode, strict imports, warnings as errors.
let strict: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .treatAllWarnings(as: .error),
]

/// The modules that load a recording (parse every scrape into series) are built optimised in
/// debug builds too: at -Onone, loading a 30-minute recording in `swift test` took ten times as
/// long as in release. SwiftPM accepts these flags for root packages and for dependencies given
/// by path, branch or revision (not by version).
let optimizedInDebug: [SwiftSetting] = strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "rayrec",
  products: [
    .executable(name: "rayrec", targets: ["rayrec"]),
    .library(name: "Exposition", targets: ["Exposition"]),
    .library(name: "Archive", targets: ["Archive"]),
    .library(name: "HTTP", targets: ["HTTP"]),
    .library(name: "PromQL", targets: ["PromQL"]),
    .library(name: "PromQLScript", targets: ["PromQLScript"]),
    .library(name: "Simulator", targets: ["Simulator"]),
    .library(name: "Dashboards", targets: ["Dashboards"]),
    .library(name: "RayRecTesting", targets: ["RayRecTesting"]),
    .library(name: "YAML", targets: ["YAML"]),
    .library(name: "Templates", targets: ["Templates"]),
    .library(name: "Rules", targets: ["Rules"]),
    .library(name: "PromAPI", targets: ["PromAPI"]),
    .library(name: "Report", targets: ["Report"]),
    .library(name: "RecordingDiff", targets: ["RecordingDiff"]),
    .library(name: "Redaction", targets: ["Redaction"]),
    .library(name: "Basics", targets: ["Basics"]),
    .library(name: "RemoteWrite", targets: ["RemoteWrite"]),
  ],
  targets: [
    /// Small things every module may use, once: durations, times, Go's quoting, JSON strings, files.
    .target(name: "Basics", swiftSettings: optimizedInDebug),
    .testTarget(name: "BasicsTests", dependencies: ["Basics"], swiftSettings: strict),
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
    .target(name: "Exposition", dependencies: ["Basics"], swiftSettings: optimizedInDebug),
    .target(
      name: "Recorder",
      dependencies: ["Basics", "Archive", "Digest", "Exposition", "HTTP", "PromQL", "Simulator"],
      swiftSettings: strict),
    .target(name: "SimulatorServer", dependencies: ["Basics", "Simulator", "HTTP"], swiftSettings: strict),
    .target(
      name: "RayRecCLI",
      dependencies: [
        "Basics", "Exposition", "Archive", "HTTP", "Recorder", "SeriesStore", "PromQL", "PromQLScript",
        "Simulator",
        "SimulatorServer", "Replay", "Dashboards", "Rules", "PromAPI", "Report", "RecordingDiff", "Redaction",
        "RemoteWrite",
      ],
      swiftSettings: strict),
    .target(name: "Archive", dependencies: ["Basics", "CZstd", "CZlib"], swiftSettings: optimizedInDebug),
    .target(
      name: "SeriesStore", dependencies: ["Archive", "Exposition", "PromQL"], swiftSettings: optimizedInDebug),
    .target(
      name: "Replay", dependencies: ["Basics", "Archive", "HTTP", "Exposition"], swiftSettings: strict),
    .target(name: "CSystem"),
    /// The hashes written here because the toolchain has none on Linux: MD5 (for Prometheus's
    /// `hashmod`, behind `record --shard`) and SHA-256/HMAC (for `redact`'s pseudonyms).
    .target(name: "Digest", swiftSettings: strict),
    .testTarget(name: "DigestTests", dependencies: ["Digest"], swiftSettings: strict),
    .target(name: "HTTP", dependencies: ["CSystem", "CZlib"], swiftSettings: strict),
    .target(name: "Simulator", dependencies: ["Basics", "Exposition"], swiftSettings: strict),
    .executableTarget(name: "rayrec", dependencies: ["RayRecCLI"], swiftSettings: strict),
    .executableTarget(
      name: "rayrec-bench",
      dependencies: [
        "Exposition", "Archive", "HTTP", "Recorder", "SeriesStore", "PromQL", "Simulator", "Replay",
      ],
      path: "Benchmarks/rayrec-bench",
      swiftSettings: strict),
    .testTarget(name: "ExpositionTests", dependencies: ["Exposition", "Basics"], swiftSettings: strict),
    /// Helpers several test targets share (test servers that count what they answered).
    .target(
      name: "TestSupport", dependencies: ["HTTP", "PromQL", "RemoteWrite"], path: "Tests/Support", swiftSettings: strict),
    .testTarget(
      name: "RecorderTests", dependencies: ["Recorder", "Archive", "HTTP", "Simulator", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "RayRecCLITests", dependencies: ["RayRecCLI", "Basics", "HTTP", "Archive", "RemoteWrite", "TestSupport"],
      exclude: ["Golden"],
      swiftSettings: strict),
    .testTarget(
      name: "SimulatorServerTests",
      dependencies: ["SimulatorServer", "Simulator", "Recorder", "Archive", "HTTP"],
      swiftSettings: strict),
    .testTarget(name: "SeriesStoreTests", dependencies: ["SeriesStore"], swiftSettings: strict),
    .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Basics"], swiftSettings: strict),
    .testTarget(name: "HTTPTests", dependencies: ["HTTP"], swiftSettings: strict),
    .target(name: "PromQL", dependencies: ["Basics"], swiftSettings: strict),
    .testTarget(
      name: "PromQLTests", dependencies: ["PromQL", "PromQLScript", "Basics"], exclude: ["Scripts"],
      swiftSettings: strict),
    .target(name: "PromQLScript", dependencies: ["PromQL"], swiftSettings: strict),
    .testTarget(name: "PromQLScriptTests", dependencies: ["PromQLScript", "PromQL"], swiftSettings: strict),
    .target(name: "Dashboards", dependencies: ["Basics", "PromQL", "SeriesStore"], swiftSettings: strict),
    .testTarget(
      name: "DashboardsTests", dependencies: ["Dashboards", "PromQL", "SeriesStore", "Archive"],
      swiftSettings: strict),
    .target(
      name: "RayRecTesting",
      dependencies: [
        "Basics", "SeriesStore", "Dashboards", "PromQL", "Archive", "Exposition", "Rules", "HTTP", "Report",
      ],
      swiftSettings: strict),
    .testTarget(
      name: "RayRecTestingTests",
      dependencies: [
        "RayRecTesting", "Dashboards", "PromQL", "HTTP", "PromAPI", "Archive", "SeriesStore",
      ],
      swiftSettings: strict),
    .testTarget(
      name: "SimulatorTests", dependencies: ["Simulator", "Exposition"], swiftSettings: strict),
    .target(name: "YAML", dependencies: ["Basics"], swiftSettings: strict),
    .testTarget(name: "YAMLTests", dependencies: ["YAML"], swiftSettings: strict),
    .target(name: "Templates", dependencies: ["Basics"], swiftSettings: strict),
    .testTarget(name: "TemplatesTests", dependencies: ["Templates"], swiftSettings: strict),
    .target(
      name: "Rules",
      dependencies: [
        "Basics", "YAML", "Templates", "PromQL", "PromQLScript", "SeriesStore", "Archive", "Exposition",
      ],
      swiftSettings: strict),
    .testTarget(
      name: "RulesTests", dependencies: ["Rules", "YAML", "PromQL", "SeriesStore", "Archive"],
      swiftSettings: strict),
    .target(
      name: "PromAPI",
      dependencies: ["Basics", "HTTP", "PromQL", "SeriesStore", "Rules", "Archive", "Exposition"],
      swiftSettings: strict),
    .testTarget(
      name: "PromAPITests", dependencies: ["PromAPI", "HTTP", "PromQL", "Archive", "Rules", "SeriesStore"],
      swiftSettings: strict),
    .target(name: "Redaction", dependencies: ["Archive", "Digest", "Exposition"], swiftSettings: strict),
    .testTarget(
      name: "RedactionTests", dependencies: ["Redaction", "Archive", "SeriesStore", "PromQL", "Dashboards"],
      swiftSettings: strict),
    .target(
      name: "RecordingDiff",
      dependencies: ["Basics", "Archive", "Exposition", "PromQL", "SeriesStore", "Dashboards"],
      swiftSettings: strict),
    .target(
      name: "Report", dependencies: ["Basics", "Dashboards", "Rules", "PromQL", "Archive"],
      swiftSettings: strict),
    .testTarget(
      name: "ReportTests", dependencies: ["Report", "Dashboards", "Rules", "PromQL", "Archive"],
      swiftSettings: strict),
    .target(
      name: "RemoteWrite",
      dependencies: ["CSnappy", "HTTP", "Archive", "Exposition", "PromQL", "SeriesStore"],
      swiftSettings: strict),
    .testTarget(
      name: "RemoteWriteTests",
      dependencies: ["RemoteWrite", "HTTP", "Archive", "Exposition", "PromQL", "SeriesStore", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "ReplayTests", dependencies: ["Replay", "Archive", "HTTP", "RayRecCLI"], swiftSettings: strict),
  ]
)
