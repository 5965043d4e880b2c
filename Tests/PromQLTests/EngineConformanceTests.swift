import Foundation
import PromQL
import PromQLScript
import Testing

/// Runs Prometheus's test scripts through `PromQLScript` (what `rayrec promql-test` runs). Every
/// eval must pass or be skipped for native histograms or a named unsupported feature; the pass
/// counts must not drop.
@Suite(.timeLimit(.minutes(5)))
struct EngineConformanceTests {
  @Test(.enabled(if: ConformanceTests.available))
  func evalsMatchPrometheus3() throws {
    let tally = try run("promqltest", prometheus2: false)
    #expect(tally.passed >= 1242 && tally.failed == 0)
    #expect((tally.passRate ?? 0) >= 90)
  }

  @Test(.enabled(if: ConformanceTests.available))
  func evalsMatchPrometheus2WithLeftClosedWindows() throws {
    let tally = try run("promqltest-v2.42", prometheus2: true)
    #expect(tally.passed == 566 && tally.failed == 0 && tally.skipped == 0)
  }

  func run(_ directory: String, prometheus2: Bool) throws -> EvalTally {
    let folder = ConformanceTests.sharedDirectory.appendingPathComponent(directory)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".test")
    }.sorted()
    var total = EvalTally()
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let results = ScriptRunner(prometheus2: prometheus2).run(try Script.parse(text, file: file))
      for result in results {
        guard case .failed(let detail) = result.outcome else { continue }
        Issue.record(Comment(rawValue: "\(result.location): \(result.expression)\n\(detail)"))
      }
      total = total + EvalTally(results)
    }
    print("\(directory): \(total.summary)")
    return total
  }
}
