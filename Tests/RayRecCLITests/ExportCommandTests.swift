import Foundation
import Testing

@testable import Exposition
@testable import RayRecCLI

@Suite(.timeLimit(.minutes(5))) struct ExportCommandTests {
  static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static func exported() throws -> (String, [String]) {
    let (dir, _) = try ArchiveCommandsTests.makeDump()
    let archive = ArchiveCommandsTests.temp("e.rayrec")
    let out = ArchiveCommandsTests.temp("e.om")
    _ = RayRecTests.run(["import", dir, "-o", archive, "--job", "ray"])
    let (code, _, err) = RayRecTests.run([
      "export", archive, "--format", "openmetrics", "-o", out, "--label", "ray_io_cluster=ci",
    ])
    #expect(code == 0, "\(err)")
    return (out, [dir, archive, out])
  }

  @Test func exportIsOpenMetricsWithTimestampsAndTargetLabels() throws {
    let (out, cleanup) = try Self.exported()
    defer { for p in cleanup { try? FileManager.default.removeItem(atPath: p) } }
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
    let families = try MetricFamily.parse(bytes, format: .openMetrics, strict: false)
    let samples = families.flatMap(\.samples)
    #expect(samples.allSatisfy { $0.timestamp != nil })
    #expect(samples.allSatisfy { $0[label: "job"] == "ray" && $0[label: "ray_io_cluster"] == "ci" })
    let ups = samples.filter { $0.name == "up" }
    #expect(ups.count == 24)
    #expect(ups.filter { $0.value == 0 }.count == 2)
    #expect(samples.contains { $0.name == "ray_tasks" && $0[label: "q"] == "a\\\"b" })
    #expect(samples.filter { $0.name == "ray_tasks_total" }.count == 22)
  }

  @Test func fromAndToKeepTheFramesOfTheWindow() throws {
    let (dir, _) = try ArchiveCommandsTests.makeDump()
    let archive = ArchiveCommandsTests.temp("w.rayrec")
    let out = ArchiveCommandsTests.temp("w.om")
    defer { for p in [dir, archive, out] { try? FileManager.default.removeItem(atPath: p) } }
    _ = RayRecTests.run(["import", dir, "-o", archive, "--job", "ray"])
    // Scrapes every 5 s from the start: +10s up to (not including) +30s holds 4 of each target's.
    let (code, printed, err) = RayRecTests.run([
      "export", archive, "--from", "+10s", "--to", "+30s", "-o", out,
    ])
    #expect(code == 0, "\(err)")
    #expect(printed.hasPrefix("\(out): 8 frames, "), "\(printed)")
    let families = try MetricFamily.parse(
      Array(try Data(contentsOf: URL(fileURLWithPath: out))), format: .openMetrics, strict: false)
    let times = Set(families.flatMap(\.samples).compactMap(\.timestamp))
    #expect(times.count == 8)
    let (backwards, _, message) = RayRecTests.run(["export", archive, "--from", "+30s", "--to", "+10s"])
    #expect(backwards == 64)
    #expect(message.hasPrefix("Error: --to must be after --from"))
  }

  /// The real backfill tool accepts what we export (skipped where Prometheus is not installed).
  @Test(.enabled(if: promtool != nil)) func promtoolBackfillAcceptsTheExport() throws {
    let (out, cleanup) = try Self.exported()
    let data = ArchiveCommandsTests.temp("tsdb")
    defer { for p in cleanup + [data] { try? FileManager.default.removeItem(atPath: p) } }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.promtool!)
    process.arguments = ["tsdb", "create-blocks-from", "openmetrics", out, data]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(text)")
    // 22 healthy scrapes x 3 samples + 24 scrapes x 3 scrape series.
    #expect(text.contains(" \(22 * 3 + 24 * 3) "), "\(text)")
  }
}
