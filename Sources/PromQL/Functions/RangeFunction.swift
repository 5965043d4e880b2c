/// A function of range windows (`rate`, `max_over_time`, ...): what it computes from one series'
/// window at one step, and what it needs besides. ``FunctionDefinition/overTime(keepsName:parameters:_:)``
/// puts one in the function table; ``Evaluation/evaluateRangeFunction(_:at:_:)`` runs it.
struct RangeFunction: Sendable {
  /// The scalar arguments besides the window, read once per step (quantile, horizon, factors).
  typealias Parameters = @Sendable (Evaluation, Call, Int64) throws(EvaluationError) -> (Double, Double)
  /// The value for one window; nil leaves the series out of the result.
  typealias Operation = @Sendable (Window) -> Double?

  /// Whether results keep the metric name (`last_over_time`, `first_over_time`).
  var keepsName = false
  var parameters: Parameters? = nil
  /// Nil for `absent_over_time`, which looks at the windows as a whole.
  var operation: Operation?

  /// What an operation sees of one series at one step.
  struct Window {
    /// Sample times (ms) and values inside the window, staleness markers left out.
    var times: ArraySlice<Int64>
    var values: ArraySlice<Double>
    /// The window `(start, end]` (ms) and its range in seconds.
    var start: Int64
    var end: Int64
    var seconds: Double
    /// The evaluation time (ms).
    var time: Int64
    /// What ``RangeFunction/parameters`` read, or zeros.
    var parameters: (Double, Double)
    var prometheus2: Bool
    /// Set over a range query when the window is a view into a planned node's selection.
    var selections: Selections?
    var origin: (slot: Int, series: Int)?

    /// `operation` over the values, folded on from the previous step when the window is a view
    /// into a node's selection over a range query; nil otherwise (fold the window whole).
    func runningFold(_ operation: AggregationOp) -> Double? {
      guard let selections, let origin else { return nil }
      return selections.fold(operation, values, slot: origin.slot, series: origin.series, range: end &- start)
    }
  }
}
