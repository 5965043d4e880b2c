import Basics
import Dashboards
import Foundation

/// Writes the report: one self-contained HTML page (inline CSS and SVG, no script, nothing
/// fetched), laid out at a fixed width with every box placed absolutely, so that the boxes of
/// the plot areas are known here and listed in a comment for checks that read the rendering
/// (`<!-- rayrec-areas [...] -->`, page pixels).
public struct ReportWriter: Sendable {
  /// Where a panel drew, in page pixels: lines (the plot area), a value, or its no-data reason.
  public struct Area: Hashable, Sendable {
    public var dashboard: String
    public var panel: String
    public var status: String
    public var kind: String
    public var rect: Rect
  }

  public var input: ReportInput
  /// The page width in CSS pixels (the dashboard grid spans it less the margins).
  public var pageWidth = 1600.0
  /// The most points one panel draws, over all its lines.
  public var pointsPerPanel = 20_000
  /// Past this many bytes of page, panels are listed but not drawn.
  public var byteBudget = 48 << 20

  static let margin = 16.0
  static let nameColumn = 300.0
  static let countColumn = 300.0

  /// Creates a writer for `input`.
  public init(_ input: ReportInput) { self.input = input }

  var contentWidth: Double { pageWidth - 2 * Self.margin }

  /// The page and the areas it drew.
  public func render() -> (html: String, areas: [Area]) {
    var page = Page()
    page.out.reserveCapacity(1 << 20)
    page.y = Self.margin
    header(&page)
    if let timeline = input.timeline { alerts(timeline, &page) }
    for error in input.unreadable {
      page.block(
        "<div class=\"unreadable\">\(HTML.escape(error))</div>", x: Self.margin, width: contentWidth,
        height: 22)
    }
    for check in input.dashboards { dashboard(check, &page) }
    var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    html += "<meta name=\"color-scheme\" content=\"light dark\">"
    html +=
      "<title>\(HTML.escape(title))</title><style>\(ReportStyle.css(pageWidth: pageWidth))</style></head>\n"
    html += "<body><div class=\"page\" style=\"height:\(HTML.coordinate(page.y + Self.margin))px\">\n"
    html += page.out
    html += "</div>\n<!-- rayrec-areas " + Self.areasJSON(page.areas) + " -->\n</body></html>\n"
    return (html, page.areas)
  }

  /// The page as text.
  public func html() -> String { render().html }

  var title: String {
    let names = input.dashboards.map(\.dashboard.title).filter { !$0.isEmpty }
    let file = input.recording.path.split(separator: "/").last.map(String.init) ?? input.recording.path
    return "rayrec report: "
      + (names.isEmpty ? file : names.prefix(3).joined(separator: ", ") + " over " + file)
  }

  /// The page being built: HTML so far, the next free vertical position, the areas drawn.
  struct Page {
    var out = ""
    var y = 0.0
    var areas: [Area] = []

    /// An absolutely placed block at the current position; moves down past it.
    mutating func block(_ html: String, x: Double, width: Double, height: Double, classes: String = "block") {
      out +=
        "<div class=\"\(classes)\" style=\"\(Self.box(Rect(x: x, y: y, width: width, height: height)))\">"
      out += html + "</div>\n"
      y += height
    }

    static func box(_ r: Rect) -> String {
      "left:\(HTML.coordinate(r.x))px;top:\(HTML.coordinate(r.y))px;width:\(HTML.coordinate(r.width))px;"
        + "height:\(HTML.coordinate(r.height))px"
    }
  }

  func dashboard(_ check: DashboardCheck, _ page: inout Page) {
    page.y += 12
    let results = check.results
    let count = { (s: PanelStatus) in results.filter { $0.status == s }.count }
    var summary = "\(results.count) panels: \(count(.data)) data, \(count(.noData)) no data"
    if count(.fallbackOnly) > 0 { summary += ", \(count(.fallbackOnly)) fallback only" }
    summary += ", \(count(.error)) errors, \(count(.skipped)) skipped; \(check.failed) failed"
    var head = "<h2>\(HTML.escape(check.dashboard.title.isEmpty ? "(untitled)" : check.dashboard.title))</h2>"
    head += "<span class=\"muted\">\(HTML.escape(check.dashboard.path)) · \(HTML.escape(summary))</span>"
    page.block(head, x: Self.margin, width: contentWidth, height: 36, classes: "block dash-head")
    let layout = GridLayout(results, width: contentWidth)
    let top = page.y
    for row in layout.rows {
      let r = row.rect.offset(Self.margin, top)
      page.out += "<div class=\"row-head\" style=\"\(Page.box(r))\">\(HTML.escape(row.title))</div>\n"
    }
    for placement in layout.placements {
      let r = placement.rect.offset(Self.margin, top)
      panel(results[placement.index], check: check, rect: r, &page)
    }
    page.y = top + layout.height
  }

  static func areasJSON(_ areas: [Area]) -> String {
    // `--` may not appear inside an HTML comment; \u002d keeps the JSON the same.
    func q(_ s: String) -> String { JSONString.quote(s).replacingOccurrences(of: "-", with: "\\u002d") }
    var out = "["
    for (i, a) in areas.enumerated() {
      if i > 0 { out += ",\n" }
      out += "{\"dashboard\":\(q(a.dashboard)),\"panel\":\(q(a.panel)),\"status\":\(q(a.status)),"
      out += "\"kind\":\(q(a.kind)),\"x\":\(HTML.coordinate(a.rect.x)),\"y\":\(HTML.coordinate(a.rect.y)),"
      out += "\"w\":\(HTML.coordinate(a.rect.width)),\"h\":\(HTML.coordinate(a.rect.height))}"
    }
    return out + "]"
  }
}
