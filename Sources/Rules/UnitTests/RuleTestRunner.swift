import Archive
import Foundation
import PromQL
import PromQLScript
import SeriesStore

/// Runs `promtool test rules` files: each test group's input series loaded lazily, the rule
/// files' groups evaluated at every evaluation interval from time 0 to the group's last eval time,
/// firing alerts compared at each `alert_rule_test` time, then each `promql_expr_test` queried.
/// Failures are worded and indented as promtool words them.
public struct RuleTestRunner: Sendable {
  /// How tests run.
  public struct Options: Sendable {
    /// Prometheus 2.42 semantics: its test-file fields, its engine, `interval` defaulting to 0.
    public var prometheus2 = false
    /// Only test groups whose name matches (promtool's `--run`).
    public var run: String?
    /// Accept unknown fields in rule files.
    public var ignoreUnknownFields = false
    /// After each failing alert test, a readable diff of the expected and the firing alerts.
    public var diff = false
    /// How long one query (a rule's or a `promql_expr_test`'s) may evaluate; nil: no limit.
    public var queryTimeout: Duration? = nil
    /// How many samples one query may hold; nil: no limit.
    public var maxSamples: Int? = nil
    /// Defaults: today's promtool.
    public init() {}
  }

  /// The outcome of one test file.
  public struct FileResult: Sendable {
    /// The test file.
    public var path: String
    /// Warnings (`  WARNING: no file match pattern ...`), printed before the verdict.
    public var warnings: [String] = []
    /// Every failure message, in order; empty when the file passed.
    public var errors: [String] = []
    /// Each test group run: its name (`unnamed#N` when it has none) and its failures.
    public var groups: [(name: String, errors: [String])] = []
    /// Whether everything passed.
    public var passed: Bool { errors.isEmpty }
  }

  /// How tests run.
  public var options: Options

  /// A runner.
  public init(options: Options = Options()) { self.options = options }

  /// Runs one test file.
  public func run(path: String) -> FileResult {
    var result = FileResult(path: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      result.errors = [
        exists ? "read \(path): cannot read the file" : "open \(path): no such file or directory"
      ]
      return result
    }
    guard let text = String(validating: Array(data), as: UTF8.self) else {
      result.errors = ["\(path): yaml: invalid UTF-8"]
      return result
    }
    let file: RuleTestFile
    do {
      file = try RuleTestFile.parse(text, path: path, prometheus2: options.prometheus2)
    } catch {
      result.errors = error.messages
      return result
    }
    let folder = (path as NSString).deletingLastPathComponent
    var ruleFiles: [String] = []
    for pattern in file.ruleFiles {
      let resolved = pattern.isEmpty || pattern.hasPrefix("/") ? pattern : joinPath(folder, pattern)
      let matches = FileGlob.matches(resolved)
      if matches.isEmpty { result.warnings.append("  WARNING: no file match pattern \(resolved)") }
      ruleFiles += matches
    }
    var seenOrder: Set<String> = []
    for name in file.groupEvalOrder where !seenOrder.insert(name).inserted {
      result.errors = ["group name repeated in evaluation order: \(name)"]
      return result
    }
    let pattern = options.run.flatMap { try? Regex($0) }
    for (index, group) in file.tests.enumerated() {
      if let pattern, (try? pattern.firstMatch(in: group.name)) == nil { continue }
      let errors = GroupRun(file: file, group: group, ruleFiles: ruleFiles, folder: folder, options: options)
        .run()
      result.groups.append((group.name.isEmpty ? "unnamed#\(index)" : group.name, errors))
      result.errors += errors
    }
    return result
  }

  private func joinPath(_ folder: String, _ name: String) -> String {
    let joined = folder.isEmpty ? name : folder + "/" + name
    return (joined as NSString).standardizingPath
  }
}
