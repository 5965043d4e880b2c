/// What `ExpositionParser.next()` found.
public enum ExpositionEntry: Sendable, Hashable {
  /// A sample line: read it through `name`, `labels`, `value`, `timestamp`, `exemplar`.
  case sample
  /// `# HELP`: `name` and `text` (escaped; decode with `helpText()`).
  case help
  /// `# TYPE`: `name` and `metricType`.
  case type
  /// `# UNIT` (OpenMetrics): `name` and `text`.
  case unit
  /// Any other `#` line (text 0.0.4 only): `text` is the whole line after `#`.
  case comment
}

/// Where a label sits in the input. Ranges index `ExpositionParser.bytes`.
public struct LabelSpan: Sendable, Hashable {
  /// The label name, without quotes.
  public var name: Range<Int>
  /// The label value between its quotes, still escaped when `escaped` is true.
  public var value: Range<Int>
  /// The name was written as a quoted string (UTF-8 names) and may hold escapes.
  public var nameQuoted: Bool
  /// The value holds at least one backslash escape.
  public var escaped: Bool
}

/// Where an exemplar sits in the input.
public struct ExemplarSpans: Sendable, Hashable {
  public var labels: [LabelSpan]
  public var value: Double
  public var timestamp: Int64?
}

/// A streaming pull parser for exposition text that works on bytes.
///
/// Each `next()` reads one entry and exposes it as byte ranges into `bytes` plus parsed numbers,
/// so a caller that keeps only what it needs allocates nothing per line (the label array is
/// reused). Errors carry line and column.
///
/// ```swift
/// var parser = ExpositionParser(bytes: body, format: .text)
/// while let entry = try parser.next() {
///   if entry == .sample { total += parser.value }
/// }
/// ```
public struct ExpositionParser {
  /// The input.
  public let bytes: [UInt8]
  public let format: ExpositionFormat

  var position = 0
  var line = 1
  var lineStart = 0
  var entryStart = 0
  var entryLine = 1
  var entryLineStart = 0
  var sawEOF = false
  var finished = false

  /// The metric name of a sample, or the family name of a metadata line.
  public internal(set) var name: Range<Int> = 0..<0
  /// The name was quoted (`{"my.metric"}` or `# TYPE "my.metric" gauge`).
  public internal(set) var nameQuoted = false
  /// A sample's labels, in input order.
  public internal(set) var labels: [LabelSpan] = []
  /// A sample's value.
  public internal(set) var value: Double = 0
  /// The exact text of a sample's value.
  public internal(set) var valueText: Range<Int> = 0..<0
  /// A sample's timestamp in milliseconds, when present.
  public internal(set) var timestamp: Int64?
  /// A sample's exemplar (OpenMetrics).
  public internal(set) var exemplar: ExemplarSpans?
  /// Metadata text: HELP text (escaped), UNIT, TYPE word or comment text.
  public internal(set) var text: Range<Int> = 0..<0
  /// The declared type after a `.type` entry.
  public internal(set) var metricType: MetricType = .unknown

  var validator: OpenMetricsValidator?

  /// Creates a parser.
  /// - Parameters:
  ///   - bytes: the body of a scrape.
  ///   - format: the format to read it as.
  ///   - strict: for OpenMetrics, also enforce the specification's semantic rules (family
  ///     grouping, metadata placement, counter and histogram structure, `le`/`quantile`,
  ///     info/stateset values, exemplar placement), as `rayrec check metrics` does. Prometheus
  ///     itself does not; pass false to accept what a Prometheus scrape accepts.
  public init(bytes: [UInt8], format: ExpositionFormat, strict: Bool = true) {
    self.bytes = bytes
    self.format = format
    self.labels.reserveCapacity(16)
    if format == .openMetrics && strict { validator = OpenMetricsValidator() }
  }

  /// The 1-based line of the entry last returned.
  public var currentLine: Int { entryLine }

  /// Reads the next entry; nil at the end of the input.
  public mutating func next() throws(ExpositionError) -> ExpositionEntry? {
    if finished { return nil }
    let input = bytes
    let entry = try input.withUnsafeBufferPointer { p throws(ExpositionError) -> ExpositionEntry? in
      switch format {
      case .text: return try nextText(p)
      case .openMetrics: return try nextOpenMetrics(p)
      }
    }
    if entry == nil { finished = true }
    return entry
  }

  // MARK: Errors

  func error(_ message: String, at offset: Int) -> ExpositionError {
    // Offsets past a newline inside a quoted value still count from the last line start seen.
    let column = max(1, offset - lineStart + 1)
    return ExpositionError(line: line, column: column, offset: offset, message: message)
  }

  func entryError(_ message: String) -> ExpositionError {
    ExpositionError(line: entryLine, column: 1, offset: entryStart, message: message)
  }

  mutating func beginEntry() {
    entryStart = position
    entryLine = line
    entryLineStart = lineStart
    labels.removeAll(keepingCapacity: true)
    timestamp = nil
    exemplar = nil
    nameQuoted = false
  }

  mutating func newline(at offset: Int) {
    line += 1
    lineStart = offset + 1
  }

  /// A printable rendering of the byte at `offset` for error messages.
  func describeByte(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> String {
    guard offset < p.count else { return "end of input" }
    let b = p[offset]
    switch b {
    case 0x0A: return "newline"
    case 0x09: return "tab"
    case 0x20: return "space"
    case 0x00: return "NUL byte"
    case 0x21...0x7E: return "\"\(Character(Unicode.Scalar(b)))\""
    default: return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }
  }
}
