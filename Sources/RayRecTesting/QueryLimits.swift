public import PromQL
public import Testing

/// Prometheus's per-query limits (`--query.timeout`, `--query.max-samples`) for the queries an
/// assertion runs in-process. Every query has them, with Prometheus's defaults, so a runaway
/// expression fails its test with Prometheus's error text instead of hanging the suite; the
/// `.queryLimits(...)` trait changes them for a suite or test.
public struct QueryLimits: Sendable, Hashable {
  /// How long one query may evaluate.
  public var timeout: Duration
  /// How many samples one query may hold.
  public var maxSamples: Int

  /// Creates the value from its parts.
  public init(timeout: Duration = .seconds(120), maxSamples: Int = 50_000_000) {
    self.timeout = timeout
    self.maxSamples = maxSamples
  }

  /// The limits of the running test: its `.queryLimits` trait's, or Prometheus's defaults
  /// (2 minutes, 50,000,000 samples).
  @TaskLocal public static var current = QueryLimits()

  /// `engine` with these limits on each query it starts.
  public func applied(to engine: Engine) -> Engine {
    var limited = engine
    limited.timeout = timeout
    limited.maxSamples = maxSamples
    return limited
  }
}

/// A scoped trait setting the ``QueryLimits`` of the tests it covers:
/// `@Suite(.recording("x.rayrec"), .queryLimits(timeout: .seconds(10)))`.
public struct QueryLimitsTrait: TestTrait, SuiteTrait, TestScoping {
  /// The limits.
  public var limits: QueryLimits

  /// Applies to every test in a suite.
  public var isRecursive: Bool { true }

  /// Runs the test with ``limits`` as ``QueryLimits/current``.
  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @concurrent @Sendable () async throws -> Void
  ) async throws {
    try await QueryLimits.$current.withValue(limits) { try await function() }
  }
}

extension Trait where Self == QueryLimitsTrait {
  /// Queries of these tests end after `timeout` or past `maxSamples` samples, with Prometheus's
  /// error (`query timed out in expression evaluation`, `query processing would load too many
  /// samples into memory in query execution`).
  public static func queryLimits(timeout: Duration = .seconds(120), maxSamples: Int = 50_000_000) -> Self {
    QueryLimitsTrait(limits: QueryLimits(timeout: timeout, maxSamples: maxSamples))
  }
}
