import Foundation
import PromQL

@testable import Dashboards

/// Small in-memory data and dashboards for the Dashboards tests.
enum Fixtures {
  static let start: Int64 = 1_700_000_000_000
  static let end: Int64 = start + 180_000

  /// `ray_tasks` for two states, `up` for two instances, sampled every 5s for 3 minutes.
  static let storage: InMemoryStorage = {
    let times = Array(stride(from: start, through: end, by: 5_000))
    func series(_ labels: [String: String], _ value: (Int) -> Double) -> Series {
      Series(labels: Labels(labels), timestamps: times, values: times.indices.map(value))
    }
    return InMemoryStorage([
      series(["__name__": "ray_tasks", "State": "RUNNING", "SessionName": "s1", "instance": "a:1"]) {
        Double($0 % 4)
      },
      series(["__name__": "ray_tasks", "State": "FINISHED", "SessionName": "s1", "instance": "a:1"]) {
        Double($0)
      },
      series(["__name__": "up", "instance": "a:1", "job": "ray"]) { _ in 1 },
      series(["__name__": "up", "instance": "b:2", "job": "ray"]) { _ in 1 },
      series(["__name__": "requests_total", "instance": "a:1", "route": "/api"]) { Double($0 * 10) },
    ])
  }()

  static var engine: Engine { Engine(storage: storage) }

  static func evaluator() -> DashboardEvaluator { DashboardEvaluator(engine: engine, from: start, to: end) }

  /// The directory of shared reference material, when present: `<package>/../shared`, or one
  /// level further up for worktrees.
  static var shared: String? {
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    for candidate in [
      package.appendingPathComponent("../shared"), package.appendingPathComponent("../../shared"),
    ] {
      let path = candidate.standardizedFileURL.path
      if FileManager.default.fileExists(atPath: path + "/samples/ray-2.60/grafana") { return path }
    }
    return nil
  }

  static var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }
}
