public import Dashboards
public import PromQL

/// Dashboard checks and no-data explanations over HTTP: each expression is printed back to
/// PromQL (the printer writes what Prometheus's own `String()` would, so the server parses the
/// same tree) and sent to the query endpoints; series lookups go to `/api/v1/series`.
///
/// Lookups use `/api/v1/series` rather than queries because it is what Grafana itself asks for
/// `label_values` variables, so variable options are the ones Grafana would list against that
/// server. Against `rayrec serve` it lists exactly the series with a sample in the window, as
/// the in-process engine does; a real Prometheus answers from its block index, which can add
/// series whose samples are only near the window. That can change the wording of a no-data
/// reason, never a verdict: verdicts come from the queries.
extension PrometheusBackend: QueryService {
  public func instantQuery(_ expr: Expr, at time: Int64) throws -> Value {
    try instantQuery(expr.description, at: time)
  }

  public func rangeQuery(_ expr: Expr, start: Int64, end: Int64, step: Int64) throws -> [Series] {
    try rangeQuery(expr.description, start: start, end: end, step: step)
  }

  public func series(matching matchers: [LabelMatcher], start: Int64, end: Int64) throws -> [Labels] {
    var selector = matchers
    // The API refuses a match[] whose matchers all accept "" (`{__name__=~".*"}`); every series
    // has a name, so requiring one selects the same series.
    if selector.allSatisfy({ $0.matches("") }) {
      selector.append(try LabelMatcher(.regexMatch, name: LabelMatcher.metricNameLabel, value: ".+"))
    }
    var parameters = [("match[]", "{" + selector.map(\.description).joined(separator: ",") + "}")]
    if start > Int64.min / 4 { parameters.append(("start", PrometheusBackend.seconds(start))) }
    if end < Int64.max / 4 { parameters.append(("end", PrometheusBackend.seconds(end))) }
    return try PrometheusBackend.decodeSeries(post("/api/v1/series", parameters))
  }
}
