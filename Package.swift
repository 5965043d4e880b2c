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

let package = Package(
  name: "rayrec",
  products: [
    .executable(name: "rayrec", targets: ["rayrec"]),
    .library(name: "Exposition", targets: ["Exposition"]),
    .library(name: "Simulator", targets: ["Simulator"]),
  ],
  targets: [
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .target(name: "Exposition", swiftSettings: strict),
    .target(name: "Simulator", dependencies: ["Exposition"], swiftSettings: strict),
    .target(name: "RayRecCLI", dependencies: ["Exposition"], swiftSettings: strict),
    .executableTarget(name: "rayrec", dependencies: ["RayRecCLI"], swiftSettings: strict),
    .executableTarget(
      name: "rayrec-bench", dependencies: ["Exposition"], path: "Benchmarks/rayrec-bench",
      swiftSettings: strict),
    .testTarget(name: "ExpositionTests", dependencies: ["Exposition"], swiftSettings: strict),
    .testTarget(
      name: "SimulatorTests", dependencies: ["Simulator", "Exposition"], swiftSettings: strict),
    .testTarget(name: "RayRecCLITests", dependencies: ["RayRecCLI"], swiftSettings: strict),
  ]
)
