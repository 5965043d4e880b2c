import Foundation
import Testing

@testable import Rules

/// The promtool test corpus in `../shared/conformance/promtool-rules`, with promtool 2.42's
/// verdicts beside it: rayrec with `--compat 2` must give the same verdict per file and per group,
/// and without it must behave as today's promtool documents for the `newer/` files.
enum PromtoolCorpus {
  static let directory: URL = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let candidates = [
      root.deletingLastPathComponent().appendingPathComponent("shared/conformance/promtool-rules"),
      root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "shared/conformance/promtool-rules"),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
  }()

  static var available: Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent("verdicts.tsv").path)
  }
}

@Suite(.timeLimit(.minutes(5)), .enabled(if: PromtoolCorpus.available))
struct PromtoolCorpusTests {
  static var directory: URL { PromtoolCorpus.directory }

  /// The rows of a TSV file of the corpus, without its comment and header lines.
  static func rows(_ name: String) -> [[String]] {
    guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
      return []
    }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
      .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  }

  static func run(_ path: String, prometheus2: Bool) -> RuleTestRunner.FileResult {
    var options = RuleTestRunner.Options()
    options.prometheus2 = prometheus2
    return RuleTestRunner(options: options).run(path: directory.appendingPathComponent(path).path)
  }

  @Test func givesEveryFileThePromtool242Verdict() {
    let verdicts = Self.rows("verdicts.tsv")
    #expect(verdicts.count >= 9)
    for row in verdicts {
      let result = Self.run(row[0], prometheus2: true)
      #expect(result.passed == (row[1] == "0"), "\(row[0]): \(result.errors.first ?? "passed")")
    }
  }

  @Test func givesEveryGroupThePromtool242Verdict() {
    var byFile: [String: [(Int, Bool)]] = [:]
    for row in Self.rows("group-verdicts.tsv") where row[3] != "n/a" {
      byFile[row[0], default: []].append((Int(row[1]) ?? 0, row[3] == "pass"))
    }
    #expect(!byFile.isEmpty)
    for (path, groups) in byFile {
      let result = Self.run(path, prometheus2: true)
      // A file that fails before any group runs (strict YAML) has its verdict checked per file.
      guard !result.groups.isEmpty else { continue }
      for (number, passes) in groups {
        let group = result.groups[number - 1]
        #expect(group.errors.isEmpty == passes, "\(path) group \(number): \(group.errors.first ?? "passed")")
      }
    }
  }

  /// What today's promtool does with the newer files (native histograms aside).
  @Test(arguments: [
    ("newer/no-test-group-interval.yml", [true]),
    ("newer/rules_run.yml", [true, false]),
    ("newer/rules_run_fuzzy.yml", [true, false]),
    ("newer/rules_run_no_fuzzy.yml", [false]),
    ("newer/start-time-test.yml", [true, true, true, true]),
  ])
  func behavesAsTodaysPromtoolOnTheNewerFiles(path: String, groups: [Bool]) {
    let result = Self.run(path, prometheus2: false)
    #expect(result.groups.map(\.errors.isEmpty) == groups, "\(result.errors)")
  }

  @Test func failsRuleFilesWithUnknownFieldsUnlessAskedToIgnoreThem() {
    var options = RuleTestRunner.Options()
    let path = Self.directory.appendingPathComponent("newer/rules_run_extrafields.yml").path
    #expect(!RuleTestRunner(options: options).run(path: path).passed)
    options.ignoreUnknownFields = true
    #expect(RuleTestRunner(options: options).run(path: path).passed)
  }

  @Test func printsTheFailuresOfFailingYmlAsPromtoolDoes() throws {
    let expected = try String(
      contentsOf: Self.directory.appendingPathComponent("outputs/failing.yml.txt"), encoding: .utf8)
    guard
      let stderr = expected.components(separatedBy: "--- stderr ---\n").last?
        .components(separatedBy: "--- exit code").first
    else { return }
    let result = Self.run("failing.yml", prometheus2: true)
    #expect("  FAILED:\n" + result.errors.joined(separator: "\n") + "\n" == stderr)
  }
}
