import Foundation
import PromQL
import Testing

/// Parses every `eval` expression of the Prometheus test scripts in `../shared/conformance`.
@Suite(.timeLimit(.minutes(5)))
struct ConformanceTests {
  /// `<package root>/../shared/conformance`; from a worktree under `wt/`, one level further up.
  static let sharedDirectory: URL = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let candidates = [
      root.deletingLastPathComponent().appendingPathComponent("shared/conformance"),
      root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "shared/conformance"),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
  }()

  static var available: Bool {
    FileManager.default.fileExists(atPath: sharedDirectory.appendingPathComponent("promqltest").path)
  }

  struct Eval {
    var file: String
    var line: Int
    var expression: String
    var expectsFailure: Bool
  }

  /// The expression of every `eval` command, and whether the script expects it to fail.
  static func evals(in directory: String) throws -> [Eval] {
    let folder = sharedDirectory.appendingPathComponent(directory)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".test") }.sorted()
    var result: [Eval] = []
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      for (number, line) in lines.enumerated() where line.hasPrefix("eval") {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > 1 else { continue }
        // instant: eval instant at <t> <expr>; range: eval range from <s> to <e> step <st> <expr>
        let skip = words[1] == "instant" ? 3 : 7
        guard words.count > skip else { continue }
        var rest = Substring(line)
        for _ in 0..<skip + 1 {
          rest = rest.drop(while: { $0 != " " }).drop(while: { $0 == " " })
        }
        var fails = words[0] == "eval_fail"
        var next = number + 1
        while next < lines.count, !lines[next].isEmpty, !lines[next].hasPrefix("#") {
          if lines[next].hasPrefix("expect fail") { fails = true }
          next += 1
        }
        result.append(Eval(file: file, line: number + 1, expression: String(rest), expectsFailure: fails))
      }
    }
    return result
  }

  func check(_ directory: String, options: ParserOptions) throws {
    let evals = try Self.evals(in: directory)
    #expect(evals.count > 500)
    var parsed = 0
    var failedAsExpected = 0
    for eval in evals {
      do {
        let expr = try Parser.parse(eval.expression, options: options)
        parsed += 1
        // Canonical text must parse back to the same text.
        let printed = expr.description
        let reparsed = try Parser.parse(printed, options: options)
        #expect(reparsed.description == printed, "\(eval.file):\(eval.line): \(eval.expression)")
      } catch {
        if eval.expectsFailure {
          failedAsExpected += 1
        } else {
          Issue.record("\(eval.file):\(eval.line): \(eval.expression): \(error)")
        }
      }
    }
    print(
      "\(directory): \(evals.count) eval expressions, \(parsed) parse, \(failedAsExpected) fail as expected")
  }

  @Test(.enabled(if: available))
  func everyPrometheus3EvalExpressionParses() throws {
    try check("promqltest", options: .all)
  }

  @Test(.enabled(if: available))
  func everyPrometheus2EvalExpressionParses() throws {
    try check("promqltest-v2.42", options: .all)
  }
}
