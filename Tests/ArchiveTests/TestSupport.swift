import Foundation

@testable import Archive

/// A fresh temporary directory, removed when `body` returns.
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("rayrec-archive-tests-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try body(path)
}

/// The shared sample scrapes: `../shared/samples/ray-2.60/scrapes` from the package root (or
/// from the directory above it, for worktrees under `wt/`).
let sampleScrapes: String = {
  var root = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { root.deleteLastPathComponent() }
  let candidates = [
    root.deletingLastPathComponent(), root.deletingLastPathComponent().deletingLastPathComponent(),
  ]
  .map { $0.appendingPathComponent("shared/samples/ray-2.60/scrapes").path }
  return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
}()

let sampleScrapesExist = FileManager.default.fileExists(atPath: sampleScrapes)

func testTargets(_ count: Int = 2) -> [ArchiveTarget] {
  (0..<count).map {
    ArchiveTarget(
      id: UInt32($0), url: "http://127.0.0.1:\(8080 + $0)/metrics", job: "test",
      labels: [.init("ray_io_cluster", "c1")], intervalMs: 5000, timeoutMs: 4000)
  }
}

/// A body of `series` samples whose values drift with `step`.
func exposition(step: Int, series: Int = 20) -> [UInt8] {
  var text = "# HELP ray_tasks Tasks.\n# TYPE ray_tasks gauge\n"
  for index in 0..<series {
    let value = index % 3 == 0 ? "\(index * 10 + step).0" : (index % 3 == 1 ? "1.5e+0\(index % 9)" : "0.0")
    text += "ray_tasks{State=\"RUNNING\",Name=\"t\(index)\",Quote=\"a \\\" } b\"} \(value)\n"
  }
  if step % 4 == 0 { text += "ray_new_series{x=\"\(step)\"} 1.0\n" }
  return Array(text.utf8)
}

func sampleFrame(target: UInt32, time: Int64, step: Int) -> Frame {
  Frame(
    targetID: target, timeMs: time, durationMicros: Int64(1000 + step),
    outcome: .response(status: 200), contentType: "text/plain; version=0.0.4; charset=utf-8",
    headers: [.init("Date", "Wed, 25 Nov 2026 11:44:0\(step % 10) GMT"), .init("Server", "test")],
    body: exposition(step: step))
}
