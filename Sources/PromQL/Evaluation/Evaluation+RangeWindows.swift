/// The windows range functions read: views into the query's planned selections, or a
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

  /// The samples of a range selector at `time`, without staleness markers; they are views into
  /// the node's planned selection, not copies.
  func rangeWindows(_ matrix: MatrixSelector, at time: Int64) throws(EvaluationError) -> [SeriesWindow] {
    let selector = matrix.selector
    try requireClassicSelector(selector)
    let end = try selectorTime(at: selector.at, offset: selector.offset, time: time)
    let start = end &- (try milliseconds(matrix.range)) &+ engine.leftEdgeExclusion
    let result = freshWindows(selector, from: start, through: end)
    try checkSamples(windows: result)
    return result
  }
}
