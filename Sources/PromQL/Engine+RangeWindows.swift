/// The windows range functions read: views into a range query's cached selections, or a
/// subquery's points.
extension Evaluation {
  /// The series of a range argument and its window `(start, end]`, with the range in seconds.
  func window(_ expr: Expr, at time: Int64) throws(EvaluationError) -> (
    series: [SeriesWindow], start: Int64, end: Int64, seconds: Double
  ) {
    switch expr {
    case .paren(let paren): return try window(paren.expr, at: time)
    case .matrixSelector(let matrix):
      let end = try selectorTime(at: matrix.selector.at, offset: matrix.selector.offset, time: time)
      let range = try milliseconds(matrix.range)
      return (try rangeWindows(matrix, at: time), end &- range, end, Double(range) / 1000)
    case .subquery(let subquery):
      let end = try selectorTime(at: subquery.at, offset: subquery.offset, time: time)
      let range = try milliseconds(subquery.range)
      return (
        try subqueryMatrix(subquery, at: time).map(SeriesWindow.init), end &- range, end, Double(range) / 1000
      )
    default:
      throw EvaluationError("expected a range vector")
    }
  }

  /// Tells apart windows of one selector for ``WindowMemo``: its offset (ms), or `Int64.min`
  /// for a window pinned by `@`.
  func windowOffset(_ expr: Expr) throws(EvaluationError) -> Int64 {
    switch expr {
    case .paren(let paren): return try windowOffset(paren.expr)
    case .matrixSelector(let matrix):
      if matrix.selector.at != nil { return .min }
      guard let offset = matrix.selector.offset else { return 0 }
      return try milliseconds(offset)
    default: return 0
    }
  }

  /// The samples of a range selector at `time`, without staleness markers; over a range query
  /// they are views into the cached selection, not copies.
  func rangeWindows(_ matrix: MatrixSelector, at time: Int64) throws(EvaluationError) -> [SeriesWindow] {
    let selector = matrix.selector
    try requireClassicSelector(selector)
    let end = try selectorTime(at: selector.at, offset: selector.offset, time: time)
    let start = end &- (try milliseconds(matrix.range)) &+ engine.leftEdgeExclusion
    var result: [SeriesWindow] = []
    guard let cache else {
      for series in engine.storage.select(matchers: selector.matchers, start: start, end: end) {
        if let fresh = SelectionCache.withoutStaleMarkers(series) { result.append(SeriesWindow(fresh)) }
      }
      try checkSamples(windows: result)
      return result
    }
    for series in cache.coveringWithoutStaleMarkers(matchers: selector.matchers, start: start, end: end) {
      let lower = InMemoryStorage.firstIndex(in: series.timestamps) { $0 >= start }
      let upper = InMemoryStorage.firstIndex(in: series.timestamps) { $0 > end }
      guard lower < upper else { continue }
      result.append(
        SeriesWindow(
          labels: series.labels, timestamps: series.timestamps[lower..<upper],
          values: series.values[lower..<upper]))
    }
    try checkSamples(windows: result)
    return result
  }
}
