import Archive
import Foundation
import TestSupport
import Testing

@testable import RayRecCLI

/// `record --shard I/N`: N recorders of one cluster, merged, are one recording of it.
@Suite(.timeLimit(.minutes(5)), .serialized) struct ShardedRecordingTests {
  static let root = UnfinishedArchiveCommandTests.root

  /// The test cluster's scenario in a file of its own.
  static func scenarioFile() throws -> String {
    let path = ArchiveCommandsTests.temp("sharded.scn")
    try Data(ShardedCluster.scenario.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func fourShardRecordersMergedEqualOneRecordingOfTheTwoHundredTargetCluster() throws {
    let scenario = try Self.scenarioFile()
    let whole = ArchiveCommandsTests.temp("whole.rayrec")
    let shards = (0..<4).map { ArchiveCommandsTests.temp("shard-\($0).rayrec") }
    let merged = ArchiveCommandsTests.temp("merged.rayrec")
    defer {
      for path in [scenario, whole, merged] + shards { try? FileManager.default.removeItem(atPath: path) }
    }
    let (code, _, err) = RayRecTests.run(["record", "--scenario", scenario, "-o", whole])
    #expect(code == 0, "\(err)")
    for (index, shard) in shards.enumerated() {
      let (code, _, err) = RayRecTests.run([
        "record", "--scenario", scenario, "--shard", "\(index)/4", "-o", shard,
      ])
      #expect(code == 0, "\(err)")
    }
    let (mergeCode, mergeOut, mergeErr) = RayRecTests.run(["merge"] + shards + ["-o", merged])
    #expect(mergeCode == 0, "\(mergeErr)")
    #expect(mergeOut.contains("of 200 target(s), 0 joined"), "\(mergeOut)")

    let expected = try FixtureCommandsTests.framesByTarget(whole)
    #expect(expected.count == ShardedCluster.targetCount)
    #expect(expected.values.allSatisfy { $0.count == 12 })
    #expect(expected.values.joined().contains { $0.outcome.isFailure })
    var seen: Set<String> = []
    for shard in shards {
      let urls = try Set(FixtureCommandsTests.framesByTarget(shard).keys)
      #expect(!urls.isEmpty)
      #expect(seen.isDisjoint(with: urls))
      seen.formUnion(urls)
    }
    #expect(seen == Set(expected.keys))
    // Every target's frames: times, durations, outcomes, headers and bodies, byte for byte.
    #expect(try FixtureCommandsTests.framesByTarget(merged) == expected)
    let targets = { (path: String) in
      try ArchiveReader(path: path).targets.map { [$0.url, $0.job, "\($0.labels)", "\($0.intervalMs)"] }
        .sorted {
          $0.lexicographicallyPrecedes($1)
        }
    }
    #expect(try targets(merged) == targets(whole))
  }

  @Test func infoShowsWhichShardAnArchiveHoldsAndAMergeNamesThemAll() throws {
    let scenario = Self.root + "/scenarios/seed-healthy.scn"
    let (first, second, merged) = (
      ArchiveCommandsTests.temp("s1.rayrec"), ArchiveCommandsTests.temp("s2.rayrec"),
      ArchiveCommandsTests.temp("m.rayrec")
    )
    defer { for path in [first, second, merged] { try? FileManager.default.removeItem(atPath: path) } }
    for (shard, path) in [("1/4", first), ("2/4", second)] {
      let (code, _, err) = RayRecTests.run([
        "record", "--scenario", scenario, "--duration", "1m", "--shard", shard, "-o", path,
      ])
      #expect(code == 0, "\(err)")
    }
    let (_, info, _) = RayRecTests.run(["info", first])
    #expect(info.contains("rayrec \(rayrecVersion) (scenario \(scenario), shard 1/4))"), "\(info)")
    #expect(RayRecTests.run(["merge", first, second, "-o", merged]).0 == 0)
    let (_, mergedInfo, _) = RayRecTests.run(["info", merged])
    #expect(
      mergedInfo.contains(
        "rayrec \(rayrecVersion) (scenario \(scenario), shard 1/4) + rayrec \(rayrecVersion) (scenario"
          + " \(scenario), shard 2/4))"), "\(mergedInfo)")
  }

  @Test(arguments: [
    ("4/4", "--shard: invalid shard '4/4': I must be less than N (the shards of 4 are 0/4 to 3/4)"),
    ("0/0", "--shard: invalid shard '0/0': N must be at least 1"),
    ("2", "--shard: invalid shard '2': expected I/N with whole numbers 0 <= I < N"),
    ("-1/4", "--shard: invalid shard '-1/4': expected I/N"),
  ])
  func aShardThatIsNotIBelowNIsAUsageError(_ shard: String, _ message: String) throws {
    let output = ArchiveCommandsTests.temp("bad.rayrec")
    defer { try? FileManager.default.removeItem(atPath: output) }
    for source in [
      ["--scenario", Self.root + "/scenarios/seed-healthy.scn"], ["--target", "127.0.0.1:8080"],
    ] {
      let (code, _, err) = RayRecTests.run(["record"] + source + ["--shard", shard, "-o", output])
      #expect(code == 64)
      #expect(err.hasPrefix("Error: \(message)"), "\(err)")
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }

  @Test func aShardThatTakesNoneOfAScenariosEndpointsIsAnErrorAndWritesNothing() {
    // seed-healthy's five endpoints fall in shards 1, 2, 2, 3 and 1 of 4 (Python's hashlib).
    let output = ArchiveCommandsTests.temp("none.rayrec")
    defer { try? FileManager.default.removeItem(atPath: output) }
    let (code, _, err) = RayRecTests.run([
      "record", "--scenario", Self.root + "/scenarios/seed-healthy.scn", "--shard", "0/4", "-o", output,
    ])
    #expect(code == 1)
    #expect(
      err.contains(
        "no targets to record: shard 0/4 (Prometheus's hashmod of host:port) takes none of the 5 targets"
          + " (127.0.0.1:8265 is in 1/4, 127.0.0.1:8080 is in 2/4, 127.0.0.1:8126 is in 2/4,"
          + " 127.0.0.2:8265 is in 3/4, ...)"), "\(err)")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func anEmptyShardOfADiscoveryFileIsAWarningAndTheRecordingGoesOn() throws {
    let sd = ArchiveCommandsTests.temp("sd.json")
    let output = ArchiveCommandsTests.temp("sd.rayrec")
    defer { for path in [sd, output] { try? FileManager.default.removeItem(atPath: path) } }
    try Data(#"[{"targets": ["127.0.0.1:8080", "127.0.0.2:8080"]}]"#.utf8).write(to: URL(fileURLWithPath: sd))
    let (code, _, err) = RayRecTests.run([
      "record", "--sd-file", sd, "--shard", "3/4", "--interval", "100ms", "--duration", "300ms",
      "--allow-failures", "-o", output,
    ])
    #expect(code == 0, "\(err)")
    #expect(
      err.contains(
        "\(output): warning: shard 3/4 (Prometheus's hashmod of host:port) takes none of the 2 targets"
          + " (127.0.0.1:8080 is in 2/4, 127.0.0.2:8080 is in 1/4); recording on, as Prometheus would"),
      "\(err)")
    #expect(try ArchiveReader(path: output).targets.isEmpty)
  }
}
