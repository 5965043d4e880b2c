/// The samples of one series inside a range selector's window: views into the selected arrays,
/// so a range query does not copy a window at every step.
struct SeriesWindow {
  var labels: Labels
  /// Sample times, Unix milliseconds, ascending. Indices are those of the underlying array.
  var timestamps: ArraySlice<Int64>
  /// Sample values, never a staleness marker.
  var values: ArraySlice<Double>
}

extension SeriesWindow {
  /// The whole of `series`.
  init(_ series: Series) {
    self.init(labels: series.labels, timestamps: series.timestamps[...], values: series.values[...])
  }
}
