import PromQL

/// `--timeout` and `--max-samples`, Prometheus's per-query limits (`--query.timeout`,
/// `--query.max-samples`) with its defaults, for every command that evaluates PromQL.
struct QueryLimitOptions {
  /// How long one query may evaluate.
  var timeout: Duration = .seconds(120)
  /// How many samples one query may hold.
  var maxSamples = 50_000_000

  /// Largest `--max-samples`: beyond it Prometheus's budget would exceed any machine's memory.
  static let maxSamplesRange = 1...1_000_000_000_000

  static let options = options(timeout: "timeout")

  /// The two options, the timeout under `timeout` (`serve` says `--query-timeout`, as its
  /// `timeout` request parameter is another thing).
  static func options(timeout: String) -> [OptionSpec] {
    [
      .option(timeout, value: "DURATION", help: "Longest one query may evaluate (default 2m)."),
      .option("max-samples", value: "N", help: "Most samples one query may hold (default 50000000)."),
    ]
  }

  /// Parses the two options (usage errors name the accepted range).
  init(_ args: ParsedArguments, timeoutOption: String = "timeout") throws {
    if args.value(timeoutOption) != nil {
      let ms = try RecordCommand.duration(args, timeoutOption, default: 120_000)
      guard ms > 0 else { throw UsageError(message: "--\(timeoutOption) must be positive", path: args.path) }
      timeout = .milliseconds(ms)
    }
    if let text = args.value("max-samples") {
      guard let n = Int(text), Self.maxSamplesRange.contains(n) else {
        throw UsageError(
          message:
            "--max-samples wants a whole number from 1 to \(Self.maxSamplesRange.upperBound), got '\(text)'",
          path: args.path)
      }
      maxSamples = n
    }
  }

  /// Sets the limits on `engine`: each query it starts gets its own timeout.
  func apply(to engine: inout Engine) {
    engine.timeout = timeout
    engine.maxSamples = maxSamples
  }
}
