import Dashboards
import Foundation
import PromQL
import Rules

extension ReportWriter {
  static let stripRow = 18.0
  /// Targets and alert instances listed at most; the rest are counted.
  static let maxStripRows = 200

  static let outcomeColors: [RecordingSummary.Outcome: String] = [
    .up: "#73BF69", .refused: "#F2495C", .timeout: "#FF9830", .http5xx: "#B877D9", .malformed: "#FADE2A",
    .other: "#8e8e8e",
  ]

  /// The recording: file, range, frames, and a strip per target of how each scrape ended.
  func header(_ page: inout Page) {
    let r = input.recording
    page.block("<h1>\(HTML.escape(title))</h1>", x: Self.margin, width: contentWidth, height: 34)
    var facts = "\(HTML.escape(r.path)) · \(Self.dateTime(r.startMs)) to \(Self.dateTime(r.endMs)) UTC"
    facts += " · \(r.targets.count) targets · \(r.frames) frames · \(r.failedFrames) failed scrapes"
    if input.from != r.startMs || input.to != r.endMs {
      facts += " · panels from \(Self.dateTime(input.from)) to \(Self.dateTime(input.to))"
    }
    if !input.variables.isEmpty { facts += " · " + HTML.escape(input.variables.joined(separator: ", ")) }
    if !r.closedCleanly { facts += " · <b>the archive was not closed cleanly</b>" }
    page.block("<span class=\"muted\">\(facts)</span>", x: Self.margin, width: contentWidth, height: 22)
    var key = ""
    for outcome in RecordingSummary.Outcome.allCases {
      key += "<span class=\"key\"><i style=\"background:\(Self.outcomeColors[outcome] ?? "#888")\"></i>"
      key += outcome.title + "</span>"
    }
    page.block(key, x: Self.margin, width: contentWidth, height: 20)
    let stripWidth = contentWidth - Self.nameColumn - Self.countColumn
    for target in r.targets.prefix(Self.maxStripRows) {
      var line =
        "<span class=\"strip-name\" title=\"\(HTML.escape(target.job))\">\(HTML.escape(target.name))</span>"
      line += strip(target, width: stripWidth, from: r.startMs, to: r.endMs)
      var counts: [String] = []
      for outcome in RecordingSummary.Outcome.allCases {
        let n = target.count(outcome)
        if n > 0 { counts.append("\(n) \(outcome.title)") }
      }
      line += "<span class=\"strip-count\">\(counts.joined(separator: " · "))</span>"
      page.block(line, x: Self.margin, width: contentWidth, height: Self.stripRow, classes: "block strip-row")
    }
    if r.targets.count > Self.maxStripRows {
      page.block(
        "<span class=\"muted\">+ \(r.targets.count - Self.maxStripRows) more targets</span>", x: Self.margin,
        width: contentWidth, height: Self.stripRow)
    }
  }

  /// One SVG row: a rectangle per run of pixels with the same (worst) outcome.
  func strip(_ target: RecordingSummary.Target, width: Double, from: Int64, to: Int64) -> String {
    let columns = max(1, Int(width))
    var worst = [Int](repeating: -1, count: columns)
    let span = Double(max(1, to - from))
    for (t, outcome) in zip(target.times, target.outcomes) {
      let c = min(columns - 1, max(0, Int(Double(t - from) / span * Double(columns - 1))))
      if worst[c] < 0 || outcome.severity > (RecordingSummary.Outcome(rawValue: worst[c])?.severity ?? 0) {
        worst[c] = outcome.rawValue
      }
    }
    // A pixel with no scrape continues the one before it (scrapes are sparser than pixels).
    var last = -1
    for c in worst.indices {
      if worst[c] < 0 { worst[c] = last } else { last = worst[c] }
    }
    var out = "<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(columns)\" height=\"12\">"
    var c = 0
    while c < columns {
      var e = c
      while e < columns && worst[e] == worst[c] { e += 1 }
      if worst[c] >= 0, let outcome = RecordingSummary.Outcome(rawValue: worst[c]) {
        out +=
          "<rect x=\"\(c)\" y=\"0\" width=\"\(e - c)\" height=\"12\" fill=\"\(Self.outcomeColors[outcome] ?? "#888")\"/>"
      }
      c = e
    }
    return out + "</svg>"
  }

  /// The alert timeline: per alert instance, its pending and firing spans on the panels' axis.
  func alerts(_ timeline: RuleTimeline, _ page: inout Page) {
    page.y += 10
    var head = "<h2>Alerts</h2><span class=\"muted\">\(timeline.episodes.count) episodes"
    if !timeline.silentAlerts.isEmpty {
      head += " · never pending: " + HTML.escape(timeline.silentAlerts.prefix(20).joined(separator: ", "))
      if timeline.silentAlerts.count > 20 { head += " and \(timeline.silentAlerts.count - 20) more" }
    }
    if timeline.failureCount > 0 { head += " · \(timeline.failureCount) evaluation errors" }
    head += "</span>"
    page.block(head, x: Self.margin, width: contentWidth, height: 36, classes: "block dash-head")
    var instances: [(key: String, episodes: [RuleTimeline.Episode])] = []
    var index: [String: Int] = [:]
    for episode in timeline.episodes {
      let labels = episode.labels.filter { $0.name != "alertname" }.map { "\($0.name)=\"\($0.value)\"" }
      let key = episode.alert + (labels.isEmpty ? "" : "{" + labels.joined(separator: ", ") + "}")
      if let i = index[key] {
        instances[i].episodes.append(episode)
      } else {
        index[key] = instances.count
        instances.append((key, [episode]))
      }
    }
    let stripWidth = contentWidth - Self.nameColumn - Self.countColumn
    let range = Double(max(1, input.to - input.from))
    func x(_ t: Int64) -> Double { max(0, min(stripWidth, Double(t - input.from) / range * stripWidth)) }
    for instance in instances.prefix(Self.maxStripRows) {
      var line =
        "<span class=\"strip-name\" title=\"\(HTML.escape(instance.key))\">\(HTML.escape(instance.key))</span>"
      line +=
        "<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(stripWidth))\" height=\"12\">"
      line += "<rect class=\"track\" x=\"0\" y=\"0\" width=\"\(Int(stripWidth))\" height=\"12\"/>"
      var firing = 0
      for e in instance.episodes {
        let end = e.endedAt ?? input.to
        let pendingEnd = e.firedAt ?? end
        line += span(x(e.pendingAt), x(pendingEnd), "#FF9830")
        if let fired = e.firedAt {
          firing += 1
          line += span(x(fired), x(end), "#F2495C")
        }
      }
      line += "</svg><span class=\"strip-count\">\(instance.episodes.count) pending, \(firing) fired</span>"
      page.block(line, x: Self.margin, width: contentWidth, height: Self.stripRow, classes: "block strip-row")
    }
    if instances.count > Self.maxStripRows {
      page.block(
        "<span class=\"muted\">+ \(instances.count - Self.maxStripRows) more alert instances</span>",
        x: Self.margin, width: contentWidth, height: Self.stripRow)
    }
    // The time axis shared with the panels (same range).
    var axis = "<span class=\"strip-name\"></span><svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\""
    axis += " width=\"\(Int(stripWidth))\" height=\"14\">"
    let (ticks, step) = Axis.timeTicks(from: input.from, to: input.to, count: max(2, Int(stripWidth / 90)))
    for t in ticks {
      axis += "<text class=\"axis\" x=\"\(HTML.coordinate(x(t)))\" y=\"11\" text-anchor=\"middle\">"
      axis += Axis.timeLabel(t, stepMs: step) + "</text>"
    }
    axis += "</svg><span class=\"strip-count\"><i class=\"sw\" style=\"background:#FF9830\"></i>pending "
    axis += "<i class=\"sw\" style=\"background:#F2495C\"></i>firing</span>"
    page.block(axis, x: Self.margin, width: contentWidth, height: Self.stripRow, classes: "block strip-row")
  }

  func span(_ a: Double, _ b: Double, _ color: String) -> String {
    "<rect x=\"\(HTML.coordinate(a))\" y=\"1\" width=\"\(HTML.coordinate(max(1, b - a)))\" height=\"10\" fill=\"\(color)\"/>"
  }

  /// `2025-01-02 03:04:05` (UTC).
  static func dateTime(_ ms: Int64) -> String {
    let date = Date(timeIntervalSince1970: Double(ms) / 1000)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func two(_ n: Int?) -> String {
      let v = n ?? 0
      return v < 10 ? "0\(v)" : "\(v)"
    }
    return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
  }
}
