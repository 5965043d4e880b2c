public import Dashboards

/// Places panels on Grafana's 24-column grid: each at its `gridPos` column, floated up as far as
/// the panels above it allow (Grafana's vertical compaction); copies of a repeated panel side by
/// side; a header above each row. Pixel sizes are Grafana's: 30 px grid rows with 8 px gaps.
public struct GridLayout: Sendable {
  /// A placed panel: the index of its result and its box relative to the dashboard's top.
  public struct Placement: Hashable, Sendable {
    public var index: Int
    public var rect: Rect
  }

  /// A row header and its box.
  public struct RowHeader: Hashable, Sendable {
    public var title: String
    public var rect: Rect
  }

  public static let rowUnit = 38.0
  public static let gap = 8.0
  public static let rowHeaderHeight = 32.0

  public var placements: [Placement] = []
  public var rows: [RowHeader] = []
  /// The dashboard's height in pixels.
  public var height = 0.0

  /// Lays out `results` (in dashboard order) over `width` pixels.
  public init(_ results: [PanelResult], width: Double) {
    let column = (width + Self.gap) / 24
    var y = 0.0
    var start = 0
    while start < results.count {
      let row = results[start].panel.row
      var end = start
      while end < results.count && results[end].panel.row == row { end += 1 }
      if let row {
        rows.append(
          RowHeader(title: row, rect: Rect(x: 0, y: y, width: width, height: Self.rowHeaderHeight - 4)))
        y += Self.rowHeaderHeight
      }
      let indices = Array(start..<end).sorted { a, b in
        let pa = results[a].panel
        let pb = results[b].panel
        return (pa.gridY ?? Int.max, pa.gridX ?? 0, a) < (pb.gridY ?? Int.max, pb.gridX ?? 0, b)
      }
      var skyline = [Int](repeating: 0, count: 24)
      var cursor = 0
      var copy = 0
      for (k, index) in indices.enumerated() {
        let panel = results[index].panel
        copy = k > 0 && results[indices[k - 1]].panel == panel ? copy + 1 : 0
        let w = min(24, max(1, panel.width))
        let h = min(200, max(1, panel.height))
        var x: Int
        if let gridX = panel.gridX {
          x = min(24 - w, max(0, gridX))
          if copy > 0 { x = (x + copy * w) % 24 }
        } else {
          x = cursor
        }
        if x + w > 24 { x = 0 }
        cursor = x + w
        let top = skyline[x..<(x + w)].max() ?? 0
        for c in x..<(x + w) { skyline[c] = top + h }
        placements.append(
          Placement(
            index: index,
            rect: Rect(
              x: Double(x) * column, y: y + Double(top) * Self.rowUnit, width: Double(w) * column - Self.gap,
              height: Double(h) * Self.rowUnit - Self.gap)))
      }
      y += Double(skyline.max() ?? 0) * Self.rowUnit
      start = end
    }
    height = y
  }
}
