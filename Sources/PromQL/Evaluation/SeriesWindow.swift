/// The samples of one series inside a range selector's window: views into the selected arrays,
/// so a range query does not copy a window at every step.
struct SeriesWindow {
  var labels: Labels
  /// Sample times, Unix milliseconds, ascending. Indices are those of the underlying array.
  var timestamps: ArraySlice<Int64>
  /// Sample values, never a staleness marker.
  var values: ArraySlice<Double>
  /// The planned node (its slot in the query's ``Selections``) and the series' position in it,
  /// when the window is a view into one; nil for windows made for one step (subqueries).
  var origin: (slot: Int, series: Int)? = nil
}

extension SeriesWindow {
  /// The whole of `series`.
  init(_ series: Series) {
    self.init(labels: series.labels, timestamps: series.timestamps[...], values: series.values[...])
  }
}
