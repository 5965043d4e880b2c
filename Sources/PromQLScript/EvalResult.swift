/// What became of one eval command.
public struct EvalResult: Equatable, Sendable {
  /// Passed, failed (with a readable explanation), or skipped and why.
  public enum Outcome: Equatable, Sendable {
    case passed
    /// The explanation: the expected and actual series with their values, or the error.
    case failed(String)
    /// Needs native histograms (literals, `load_with_nhcb`, or reads a histogram series); out of scope.
    case nativeHistograms
    /// Needs a feature this engine does not implement (named in the reason).
    case unsupported(String)
  }

  public var file: String
  public var line: Int
  public var expression: String
  public var outcome: Outcome

  /// Creates the value from its parts.
  public init(file: String, line: Int, expression: String, outcome: Outcome) {
    self.file = file
    self.line = line
    self.expression = expression
    self.outcome = outcome
  }

  /// `file:line`.
  public var location: String { "\(file):\(line)" }
}

/// Counts of eval outcomes, for one script or many.
public struct EvalTally: Equatable, Sendable {
  public var passed = 0
  public var failed = 0
  public var nativeHistograms = 0
  public var unsupported = 0

  /// Creates an empty tally.
  public init() {}

  /// Counts `results`.
  public init(_ results: [EvalResult]) {
    for result in results { add(result.outcome) }
  }

  public mutating func add(_ outcome: EvalResult.Outcome) {
    switch outcome {
    case .passed: passed += 1
    case .failed: failed += 1
    case .nativeHistograms: nativeHistograms += 1
    case .unsupported: unsupported += 1
    }
  }

  public static func + (lhs: EvalTally, rhs: EvalTally) -> EvalTally {
    var sum = lhs
    sum.passed += rhs.passed
    sum.failed += rhs.failed
    sum.nativeHistograms += rhs.nativeHistograms
    sum.unsupported += rhs.unsupported
    return sum
  }

  public var skipped: Int { nativeHistograms + unsupported }
  public var total: Int { passed + failed + skipped }
  /// The evals that do not need native histograms (unsupported ones count against the rate).
  public var withoutNativeHistograms: Int { total - nativeHistograms }

  /// `passed / (total - native-histogram evals)` in percent; nil when there are none.
  public var passRate: Double? {
    withoutNativeHistograms == 0 ? nil : Double(passed) * 100 / Double(withoutNativeHistograms)
  }

  /// `N passed, M failed, K skipped`.
  public var summary: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
}
