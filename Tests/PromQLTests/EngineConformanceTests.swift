import Foundation
import PromQL
import Testing

/// Runs the evals of Prometheus's test scripts against the evaluator. Evals that need what the
/// evaluator does not do (native histograms, `limit_ratio`, `info`, anchored/smoothed selectors,
/// delayed name removal, start timestamps) are skipped; everything else must match.
struct EngineConformanceTests {
  @Test(.enabled(if: ConformanceTests.available))
  func evalsMatchPrometheus3() throws {
    try run("promqltest", prometheus2: false, minimum: 1230)
  }

  @Test(.enabled(if: ConformanceTests.available))
  func evalsMatchPrometheus2WithLeftClosedWindows() throws {
    try run("promqltest-v2.42", prometheus2: true, minimum: 560)
  }

  func run(_ directory: String, prometheus2: Bool, minimum: Int) throws {
    let folder = ConformanceTests.sharedDirectory.appendingPathComponent(directory)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".test")
    }.sorted()
    var passed = 0
    var skipped = 0
    var failures: [String] = []
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let outcome = PromQLTestScript(file: file, text: text, prometheus2: prometheus2).run()
      print("\(file): \(outcome.passed) passed, \(outcome.failed.count) failed, \(outcome.skipped) skipped")
      passed += outcome.passed
      skipped += outcome.skipped
      failures += outcome.failed
    }
    print("\(directory) total: \(passed) passed, \(failures.count) failed, \(skipped) skipped")
    for failure in failures { Issue.record(Comment(rawValue: failure)) }
    #expect(passed >= minimum)
  }
}
