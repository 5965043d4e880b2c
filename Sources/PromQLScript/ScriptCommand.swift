public import PromQL

/// One command of a promqltest script, in file order.
public enum ScriptCommand: Equatable, Sendable {
  /// `load <interval>` or `load_with_nhcb <interval>` and its series.
  case load(LoadCommand)
  /// `clear`: drop all data.
  case clear(line: Int)
  /// `eval ...` and its expectations.
  case eval(EvalCommand)

  /// The 1-based line the command starts on.
  public var line: Int {
    switch self {
    case .load(let load): return load.line
    case .clear(let line): return line
    case .eval(let eval): return eval.line
    }
  }
}

/// `load <interval>`: the i-th value of each series is at `i * interval` ms.
public struct LoadCommand: Equatable, Sendable {
  public var line: Int
  /// Milliseconds between values.
  public var interval: Int64
  /// `load_with_nhcb`: classic histograms also become native histograms with custom buckets.
  public var withNHCB: Bool
  public var series: [SeriesDescription]
  /// Series given start timestamps by `metric@st ...` lines.
  public var startTimestampSeries: [Labels]

  /// Creates the value from its parts.
  public init(
    line: Int, interval: Int64, withNHCB: Bool = false, series: [SeriesDescription],
    startTimestampSeries: [Labels] = []
  ) {
    self.line = line
    self.interval = interval
    self.withNHCB = withNHCB
    self.series = series
    self.startTimestampSeries = startTimestampSeries
  }
}

/// What an `expect fail` (or `eval_fail`) asks of the error.
public enum FailureExpectation: Equatable, Sendable {
  /// Any error.
  case any
  /// The error message, exactly (after trimming).
  case message(String)
  /// A regular expression the message must contain a match of.
  case regex(String)
}

/// `eval instant at T expr` or `eval range from S to E step D expr`, with its expectations.
public struct EvalCommand: Equatable, Sendable {
  /// When the query is evaluated (milliseconds since the epoch).
  public enum Kind: Equatable, Sendable {
    case instant(at: Int64)
    case range(start: Int64, end: Int64, step: Int64)
  }

  public var line: Int
  public var expression: String
  public var kind: Kind
  /// Set when the query must fail.
  public var failure: FailureExpectation?
  /// `eval_ordered` or `expect ordered`: the result order must match the expected lines.
  public var ordered = false
  /// `eval_warn` or `expect warn` lines: a warning annotation is required.
  public var expectsWarning = false
  /// `eval_info` or `expect info` lines: an info annotation is required.
  public var expectsInfo = false
  /// `expect string "..."`: the query returns this string.
  public var expectedString: String?
  /// `expect range vector from S to E step D`: an instant query returning a matrix, evaluated at E.
  public var rangeVector: (start: Int64, end: Int64, step: Int64)?
  /// A scalar result line.
  public var expectedScalar: Double?
  /// Vector or matrix result lines (none: the result must be empty).
  public var expectedSeries: [SeriesDescription] = []

  /// Creates the value from its parts.
  public init(line: Int, expression: String, kind: Kind) {
    self.line = line
    self.expression = expression
    self.kind = kind
  }

  /// Whether an expected line is a native-histogram literal.
  public var expectsHistograms: Bool { expectedSeries.contains { $0.hasHistograms } }

  public static func == (lhs: EvalCommand, rhs: EvalCommand) -> Bool {
    lhs.line == rhs.line && lhs.expression == rhs.expression && lhs.kind == rhs.kind
      && lhs.failure == rhs.failure && lhs.ordered == rhs.ordered
      && lhs.expectsWarning == rhs.expectsWarning && lhs.expectsInfo == rhs.expectsInfo
      && lhs.expectedString == rhs.expectedString
      && lhs.rangeVector.map { [$0.start, $0.end, $0.step] }
        == rhs.rangeVector.map { [$0.start, $0.end, $0.step] }
      && lhs.expectedScalar?.bitPattern == rhs.expectedScalar?.bitPattern
      && lhs.expectedSeries == rhs.expectedSeries
  }
}
