import Foundation
import PromQL
import PromQLScript
import Testing

/// The engine's own cases as promqltest scripts (`Tests/PromQLTests/Scripts`), run by
/// `PromQLScript` like Prometheus's: they cover the engine without `../shared`. Scripts in
/// `prometheus2/` hold Prometheus 2.42's answers and run with its semantics.
@Suite(.timeLimit(.minutes(2)))
struct EngineScriptTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Scripts")

  static func scripts(_ subfolder: String?) -> [URL] {
    let directory = subfolder.map { folder.appendingPathComponent($0) } ?? folder
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".test") }.sorted().map { directory.appendingPathComponent($0) }
  }

  @Test(arguments: scripts(nil).map { ($0, false) } + scripts("prometheus2").map { ($0, true) })
  func everyEvalPasses(_ script: URL, prometheus2: Bool) throws {
    let text = try String(contentsOf: script, encoding: .utf8)
    let results = ScriptRunner(prometheus2: prometheus2).run(
      try Script.parse(text, file: script.lastPathComponent))
    #expect(!results.isEmpty)
    for result in results {
      guard case .passed = result.outcome else {
        Issue.record(Comment(rawValue: "\(result.location): \(result.expression): \(result.outcome)"))
        continue
      }
    }
  }

  @Test func theScriptsAreThere() {
    #expect(!Self.scripts("prometheus2").isEmpty)
  }
}
