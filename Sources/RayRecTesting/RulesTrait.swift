import Foundation
import Rules
import Synchronization
public import Testing

/// A scoped trait that evaluates Prometheus rule files over the suite's recording:
/// `@Suite(.recording("recordings/x.rayrec"), .rules("rules/ray.yml"))`. Queries then see the
/// recording rules' series and `ALERTS`, and `expectAlert`, `expectAlertSilent` and
/// `expectAnnotation` read the alert timeline. The rules are evaluated once per recording, rule
/// files and interval, then cached.
public struct RulesTrait: TestTrait, SuiteTrait, TestScoping {
  /// The rule files (relative paths are looked up as recordings are).
  public var paths: [String]
  /// Where the suite is, for relative paths.
  public var near: String
  /// The interval of groups that name none.
  public var interval: Duration

  /// The rule files of an enclosing `.rules` trait, for a `.recording` trait listed after it.
  @TaskLocal static var pending: RulesTrait?

  /// Applies to every test in a suite.
  public var isRecursive: Bool { true }

  /// Runs the test with the recording in scope replaced by one with these rules evaluated over it.
  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @concurrent @Sendable () async throws -> Void
  ) async throws {
    try await RulesTrait.$pending.withValue(self) {
      guard let current = Recording.current else {
        try await function()
        return
      }
      let withRules = try current.withRules(self)
      try await Recording.$current.withValue(withRules) { try await function() }
    }
  }

  /// The rule files, located and read; a problem names the file and place.
  func load() throws -> [RuleFile] {
    try paths.map { path in
      let located = Recording.locate(path, near: near)
      let text: String
      do {
        text = try String(contentsOfFile: located, encoding: .utf8)
      } catch {
        throw RecordingError(
          "\(located): cannot read the rule file (looked from the working directory and up from \(near))")
      }
      do {
        return try RuleFile.parse(text, path: located)
      } catch let error as RuleFileError {
        throw RecordingError(error.description)
      }
    }
  }
}

extension Trait where Self == RulesTrait {
  /// Evaluates the rule files at `paths` over the suite's recording, groups without an interval
  /// every `interval`.
  public static func rules(
    _ paths: String..., interval: Duration = .minutes(1), sourceLocation: SourceLocation = #_sourceLocation
  ) -> Self {
    RulesTrait(paths: paths, near: sourceLocation.filePath, interval: interval)
  }
}

extension Recording {
  /// This recording with `rules` evaluated over it (cached); a recording that already has rules or
  /// is not an archive is returned as it is.
  func withRules(_ rules: RulesTrait) throws -> Recording {
    guard let archive = backend as? ArchiveBackend else { return self }
    let key =
      "rules\u{0}" + Recording.key(archive.name, archive.labels) + "\u{0}"
      + rules.paths.joined(separator: "\u{0}")
      + "\u{0}\(rules.interval.milliseconds)"
    if let hit = Recording.cache.withLock({ $0[key] }) { return hit }
    let files = try rules.load()
    return Recording.cache.withLock { entries in
      if let hit = entries[key] { return hit }
      let recording = Recording(
        backend: RulesBackend(base: archive, ruleFiles: files, interval: rules.interval.milliseconds))
      entries[key] = recording
      return recording
    }
  }
}
