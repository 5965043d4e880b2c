/// How much work one scenario file may ask for.
///
/// A scenario is a few kilobytes, but `0+1x999999` expands to a million values and a few
/// `nodes` lines to thousands of targets: without totals, an 8.8 KB file took 3.1 GB and a
/// 2,000-series one aborted the process. The parser checks these while it reads, before it
/// allocates, and reports the line that goes over with the figures. Each bound is far above the
/// shipped scenarios (the largest, `large-100-nodes.scn`, records 73,440 scrapes).
public enum ScenarioLimits {
  /// Values in one `series` line.
  public static let maxValuesPerSeries = 1_000_000
  /// Values across all `series` lines: 16 bytes each in memory, so at most 160 MB.
  public static let maxSeriesValues = 10_000_000
  /// Nodes across all `node` and `nodes` lines.
  public static let maxNodes = 4096
  /// Scrapes of a recording of the whole scenario: targets × duration / interval (a week of
  /// 100 nodes scraped every second is 62 million).
  public static let maxScrapes: Int64 = 100_000_000
  /// Model steps: nodes × duration / resolution (a week of 4,096 nodes at 1 s is 2.5 billion).
  public static let maxModelSteps: Int64 = 10_000_000_000

  /// `12,345,678`: the figures in limit messages, readable at a glance.
  static func grouped(_ n: Int64) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }

  static func grouped(_ n: Int) -> String { grouped(Int64(n)) }
}
