/// How the Prometheus datasource escapes a variable's value inside a query when no format is
/// given (Grafana's `interpolateQueryExpr`, classic behaviour).
public enum PrometheusEscaping {
  /// A single-value variable: backslashes doubled, `'` escaped, nothing else.
  public static func regular(_ value: String) -> String {
    var out = ""
    for c in value.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "'": out += "\\\\'"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// A value that lands in a regex matcher: regex metacharacters escaped with a backslash that
  /// itself survives the PromQL string literal (so `.` becomes `\\.`).
  public static func specialRegex(_ value: String) -> String {
    var out = ""
    for c in value.unicodeScalars {
      switch c {
      case "\\": out += "\\\\\\\\"
      case "$", "^", "*", "{", "}", "[", "]", "+", "?", ".", "(", ")", "|":
        out += "\\\\"
        out.unicodeScalars.append(c)
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// `$var` in a Prometheus query: regular escaping for a plain variable; for multi-value or
  /// All-capable ones, each value regex-escaped and several joined as `(a|b)`.
  public static func queryValue(_ variable: VariableValue) -> String {
    guard variable.multi || variable.includeAll else {
      return variable.values.map(regular).joined(separator: ",")
    }
    guard variable.isArray else { return specialRegex(variable.values.first ?? "") }
    let escaped = variable.values.map(specialRegex)
    if escaped.count == 1 { return escaped[0] }
    return "(" + escaped.joined(separator: "|") + ")"
  }
}
