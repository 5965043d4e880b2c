/// The query timeout and sample budget (``Engine/deadline``, ``Engine/maxSamples``).
extension EvaluationError {
  /// Prometheus's text when a query's deadline passes during evaluation.
  public static let queryTimeout = EvaluationError("query timed out in expression evaluation")
  /// Prometheus's text when a query would exceed `--query.max-samples`.
  public static let tooManySamples = EvaluationError(
    "query processing would load too many samples into memory in query execution")
}

extension Engine {
  /// This engine with the deadline of a query that starts now: the sooner of ``deadline`` and
  /// now plus ``timeout``.
  func startingQuery() -> Engine {
    guard let timeout else { return self }
    var engine = self
    let own = ContinuousClock.now.advanced(by: timeout)
    engine.deadline = deadline.map { min($0, own) } ?? own
    return engine
  }
}

extension Evaluation {
  /// Throws ``EvaluationError/queryTimeout`` once the engine's deadline has passed.
  @inline(__always)
  func checkDeadline() throws(EvaluationError) {
    if let deadline = engine.deadline, ContinuousClock.now >= deadline { throw .queryTimeout }
  }

  /// Throws ``EvaluationError/tooManySamples`` when `count` samples exceed the budget.
  @inline(__always)
  func checkSamples(_ count: Int) throws(EvaluationError) {
    if let limit = engine.maxSamples, count > limit { throw .tooManySamples }
  }

  /// The budget check for the windows of one range selector.
  func checkSamples(windows: [SeriesWindow]) throws(EvaluationError) {
    guard let limit = engine.maxSamples else { return }
    var total = 0
    for window in windows {
      total &+= window.timestamps.count
      if total > limit { throw .tooManySamples }
    }
  }
}
