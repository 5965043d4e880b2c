import PromQL

extension ScrapeIngester {
  /// Hands out the samples added since the last drain, by series index (series without new
  /// samples left out), and forgets them; the series themselves are kept.
  mutating func drain() -> [(index: Int, series: PromQL.Series)] {
    var out: [(index: Int, series: PromQL.Series)] = []
    for index in builders.indices where !builders[index].timestamps.isEmpty {
      let series = PromQL.Series(
        labels: builders[index].labels, timestamps: builders[index].timestamps,
        values: builders[index].values)
      builders[index].timestamps = []
      builders[index].values = []
      out.append((index, series))
    }
    return out
  }
}
