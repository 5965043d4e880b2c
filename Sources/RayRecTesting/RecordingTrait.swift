public import Testing

/// A scoped trait that makes a recording (or a live Prometheus) the data of every test it
/// covers: `@Suite(.recording("recordings/x.rayrec", labels: ["ray_io_cluster": "ci"]))`.
///
/// Seam for replay: a trait that runs `rayrec replay` for a suite would start the replay and a
/// Prometheus scraping it in `provideScope`, wrap a ``PrometheusBackend`` pointing at that
/// Prometheus in a ``Recording``, run the tests inside `Recording.$current.withValue`, and stop
/// both afterwards; the assertions need no change.
public struct RecordingTrait: TestTrait, SuiteTrait, TestScoping {
  /// Where the data comes from.
  public enum Source: Sendable, Hashable {
    /// A `.rayrec` archive, evaluated in-process.
    case archive(path: String, labels: [String: String], near: String)
    /// A Prometheus HTTP API (`http://127.0.0.1:9090`), looking back `window` from now.
    case prometheus(url: String, window: Duration, scrapeInterval: Duration)
  }

  /// The source.
  public var source: Source
  /// Run the tests even over an archive that was not closed cleanly (a torn or partial copy) or
  /// has damaged frames (skipped); they then get a warning instead of failing.
  public var allowsUnfinished = false

  /// Creates the trait.
  public init(source: Source, allowsUnfinished: Bool = false) {
    self.source = source
    self.allowsUnfinished = allowsUnfinished
  }

  /// Applies to every test in a suite.
  public var isRecursive: Bool { true }

  /// Loads the recording (cached per path) and runs the test with it as ``Recording/current``.
  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @concurrent @Sendable () async throws -> Void
  ) async throws {
    let recording: Recording
    switch source {
    case .archive(let path, let labels, let near):
      let (found, tried) = Recording.search(path, near: near)
      guard let located = found else {
        throw RecordingError(
          "recording \(path) not found; looked for it at:\n" + tried.map { "  \($0)" }.joined(separator: "\n")
            + "\n(a relative path is taken from the working directory, then from each directory above the test file)"
        )
      }
      do {
        recording = try Recording.archive(located, labels: labels)
      } catch {
        // Archive errors name the file already.
        let text = "\(error)"
        throw RecordingError(text.hasPrefix(located) ? text : "\(located): \(text)")
      }
      let backend = recording.backend as? ArchiveBackend
      for warning in [backend?.unfinishedWarning, backend?.damagedWarning].compactMap({ $0 }) {
        guard allowsUnfinished else {
          throw RecordingError(
            warning + "; or pass allowUnfinished: true to .recording(...) to test it as it is")
        }
        Issue.record(Comment(rawValue: warning), severity: .warning)
      }
    case .prometheus(let url, let window, let scrape):
      recording = Recording(
        backend: try PrometheusBackend(url: url, window: window, scrapeInterval: scrape))
    }
    // A `.rules(...)` trait listed before this one waits for the recording.
    let scoped = try RulesTrait.pending.map { try recording.withRules($0) } ?? recording
    try await Recording.$current.withValue(scoped) { try await function() }
  }
}

extension Trait where Self == RecordingTrait {
  /// Tests run over the recording at `path` (relative paths are looked up from the working
  /// directory, then upwards from the test file), with `labels` added to every target.
  ///
  /// An archive that was not closed cleanly (the recorder was killed, or the file is a partial
  /// copy), or one with damaged frames, fails the tests with what it holds, unless
  /// `allowUnfinished` is true.
  public static func recording(
    _ path: String, labels: [String: String] = [:], allowUnfinished: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Self {
    RecordingTrait(
      source: .archive(path: path, labels: labels, near: sourceLocation.filePath),
      allowsUnfinished: allowUnfinished)
  }

  /// Tests run against a live Prometheus (for example one scraping `rayrec replay`), over the
  /// last `window` before each test starts.
  public static func prometheus(
    url: String, window: Duration = .minutes(15), scrapeInterval: Duration = .seconds(15)
  ) -> Self {
    RecordingTrait(source: .prometheus(url: url, window: window, scrapeInterval: scrapeInterval))
  }
}
