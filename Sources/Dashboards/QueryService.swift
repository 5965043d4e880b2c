public import PromQL

/// What dashboard evaluation asks of the data: the two Prometheus queries and a series lookup.
///
/// The seam between the dashboard evaluator (panels, variables, no-data explanations) and where
/// the data lives: the in-process ``PromQL/Engine`` conforms, and so does a client of a
/// Prometheus HTTP API (`rayrec serve` or a real Prometheus), so the same checks run over either.
/// Calls are coarse (one per panel target, variable or explained selector), so an existential
/// costs nothing that matters.
public protocol QueryService: Sendable {
  /// `expr` at `time` (unix ms), as `/api/v1/query` evaluates it.
  func instantQuery(_ expr: Expr, at time: Int64) throws -> Value

  /// `expr` at every `step` from `start` to `end` (unix ms), as `/api/v1/query_range` does.
  func rangeQuery(_ expr: Expr, start: Int64, end: Int64, step: Int64) throws -> [Series]

  /// The label sets of the series that satisfy every matcher and have a sample from `start` to
  /// `end` (unix ms, both included), as `/api/v1/series` lists them; `start <= Int64.min / 4`
  /// and `end >= Int64.max / 4` mean no bound (far enough out to never clip a sample, near enough
  /// that window arithmetic cannot overflow).
  func series(matching matchers: [LabelMatcher], start: Int64, end: Int64) throws -> [Labels]
}

/// The in-process service: the engine itself, and its storage for lookups.
extension Engine: QueryService {
  /// The series' labels from the storage (which holds exactly the recorded samples).
  public func series(matching matchers: [LabelMatcher], start: Int64, end: Int64) -> [Labels] {
    storage.select(matchers: matchers, start: start, end: end).map(\.labels)
  }
}
