/// The page's style sheet: Grafana's light and dark themes (colors, Inter-first font stack,
/// panel chrome), picked by `prefers-color-scheme`.
enum ReportStyle {
  static func css(pageWidth: Double) -> String {
    """
    :root{--bg:#f4f5f5;--panel:#fff;--border:rgba(36,41,46,.12);--text:#24292e;--muted:rgba(36,41,46,.75);\
    --grid:rgba(36,41,46,.12);--track:rgba(36,41,46,.08)}
    @media (prefers-color-scheme:dark){:root{--bg:#111217;--panel:#181b1f;--border:rgba(204,204,220,.12);\
    --text:#ccccdc;--muted:rgba(204,204,220,.65);--grid:rgba(204,204,220,.12);--track:rgba(204,204,220,.08)}}
    *{box-sizing:border-box}
    html,body{margin:0;padding:0;background:var(--bg);color:var(--text);\
    font:12px/1.4 Inter,"Helvetica Neue",Helvetica,Arial,sans-serif}
    .page{position:relative;width:\(HTML.coordinate(pageWidth))px}
    .block,.panel,.row-head{position:absolute;overflow:hidden}
    h1{font-size:20px;font-weight:500;margin:0;line-height:32px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
    h2{display:inline;font-size:16px;font-weight:500;margin:0 12px 0 0}
    .dash-head{line-height:34px;white-space:nowrap;text-overflow:ellipsis}
    .muted{color:var(--muted)}
    .unreadable{color:#F2495C}
    .key{margin-right:14px}.key i,.sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px;border-radius:2px}
    .strip-row{display:flex;align-items:center;white-space:nowrap}
    .strip-name{width:300px;overflow:hidden;text-overflow:ellipsis;padding-right:8px;color:var(--muted)}
    .strip-count{width:300px;padding-left:8px;color:var(--muted);overflow:hidden;text-overflow:ellipsis}
    .strip .track{fill:var(--track)}
    .row-head{font-size:14px;font-weight:500;line-height:28px;border-bottom:1px solid var(--border)}
    .panel{background:var(--panel);border:1px solid var(--border);border-radius:2px}
    .panel>div{position:absolute}
    .panel-head{left:0;right:0;top:0;height:28px;display:flex;align-items:center;padding:0 8px;gap:8px}
    .panel-title{flex:1;font-size:14px;font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
    .panel-time{font-size:12px;color:#5794F2;margin:0 8px;white-space:nowrap}
    .verdict{font-size:11px;padding:0 6px;border-radius:2px;line-height:16px;white-space:nowrap;color:#111217}
    .v-data{background:#73BF69}.v-no-data{background:#FF9830}.v-error{background:#F2495C}\
    .v-fallback-only{background:#FADE2A}.v-skipped{background:#8e8e8e}
    .notes{font-size:11px;color:#FF9830;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
    .reason{display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;\
    overflow:hidden;padding:4px 12px}
    .reason-head{font-size:16px;color:var(--muted);margin-bottom:4px}
    .reason-line{font-size:12px;color:var(--text);word-break:break-word}
    \(chartRules(muted: "var(--muted)", grid: "var(--grid)"))
    .strip text{fill:var(--muted);font-size:11px}
    .legend{overflow:hidden;padding-top:4px}
    .legend-item{display:flex;align-items:center;height:16px;white-space:nowrap;gap:6px}
    .legend-item i{display:inline-block;width:14px;height:4px;border-radius:1px;flex:none}
    .legend-name{flex:1;overflow:hidden;text-overflow:ellipsis}.legend-value{color:var(--muted)}
    .value-box{overflow:hidden}
    .stat{display:grid;width:100%;height:100%;align-items:center}
    .stat-cell{text-align:center;overflow:hidden;white-space:nowrap}
    .stat-name{color:var(--muted);overflow:hidden;text-overflow:ellipsis}.stat-value{font-weight:500;line-height:1.1}
    .gauge text{fill:var(--text)}.gauge .axis{fill:var(--muted);font-size:11px}
    .gauge-track{fill:none;stroke:var(--track)}.gauge-value{font-weight:500}
    .bars{display:flex;flex-direction:column;gap:4px;height:100%;justify-content:center}
    .bar-row{display:flex;align-items:center;gap:8px;white-space:nowrap}
    .bar-name{width:30%;overflow:hidden;text-overflow:ellipsis;color:var(--muted)}
    .bar-track{flex:1;height:14px;background:var(--track)}.bar-fill{display:block;height:100%}
    .bar-value{width:80px;text-align:right}
    .table{border-collapse:collapse;width:100%}
    .table th{text-align:left;font-weight:500;color:#5794F2;border-bottom:1px solid var(--border);padding:2px 6px}
    .table td{border-bottom:1px solid var(--border);padding:2px 6px;white-space:nowrap}.table .num{text-align:right}
    """
  }

  /// The rules a chart's SVG needs, with the theme's colors given (variables in the page, plain
  /// colors in a standalone file, which some viewers read without custom properties).
  static func chartRules(muted: String, grid: String) -> String {
    ".chart text{fill:\(muted);font-size:11px}.chart .grid{stroke:\(grid);stroke-width:1}\n"
      + ".chart .line{fill:none;stroke-linejoin:round}.chart .threshold{stroke-dasharray:6 4;stroke-width:1}"
  }
}
