/// The samples of a selection end to end, series `i` at `bounds[i]..<bounds[i + 1]`: plain numbers
/// to scan at every step, without retaining and releasing each series' arrays.
final class FlatSelection {
  /// Sample times of all series, each series' in ascending order.
  let times: [Int64]
  /// Sample values, at the same positions as `times`.
  let values: [Double]
  /// Where each series starts in `times`, and one past the last sample.
  let bounds: [Int]

  init(_ series: [Series]) {
    var bounds = [0]
    bounds.reserveCapacity(series.count + 1)
    for entry in series { bounds.append(bounds[bounds.count - 1] + entry.timestamps.count) }
    times = series.flatMap(\.timestamps)
    values = series.flatMap(\.values)
    self.bounds = bounds
  }
}
