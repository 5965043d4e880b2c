import Foundation
public import PromQL

/// Works out every template variable's options and selection over a recording, in dependency
/// order, the way Grafana does when the dashboard loads.
public struct VariableResolver: Sendable {
  /// Evaluates `query_result` and looks up series for `label_values`.
  public var service: any QueryService
  /// The dashboard's time range (unix ms).
  public var from: Int64
  public var to: Int64
  /// The datasource's scrape interval, `$__interval` of variable queries.
  public var scrapeIntervalMs: Int64 = 15_000
  /// Values chosen on the command line (`--var NAME=VALUE`); `All` or `$__all` picks All.
  public var overrides: [String: [String]] = [:]
  /// Parser options for `query_result`.
  public var parserOptions = ParserOptions()

  /// Creates a resolver over `service` for the window `from...to`.
  public init(service: any QueryService, from: Int64, to: Int64) {
    self.service = service
    self.from = from
    self.to = to
  }

  /// Creates a resolver over a recording's `engine`, in-process.
  public init(engine: Engine, from: Int64, to: Int64) {
    self.init(service: engine, from: from, to: to)
  }

  /// Every variable's selection, plus a note per variable whose query failed.
  public func resolve(_ variables: [TemplateVariable]) -> VariableResolution {
    var resolution = VariableResolution()
    let byName = Dictionary(variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var visiting: Set<String> = []
    func visit(_ variable: TemplateVariable) {
      guard resolution.values[variable.name] == nil, !visiting.contains(variable.name) else { return }
      visiting.insert(variable.name)
      for name in TemplateInterpolator.referencedNames(in: variable.query)
        + TemplateInterpolator.referencedNames(
          in: variable.allValue ?? "")
      {
        if let dependency = byName[name], dependency.name != variable.name { visit(dependency) }
      }
      resolveOne(variable, into: &resolution)
      visiting.remove(variable.name)
    }
    for variable in variables { visit(variable) }
    return resolution
  }

  /// The built-ins a variable query may use: `$__range` and friends, `$__interval`.
  public func builtins() -> [VariableValue] {
    let rangeMs = to - from
    let rangeS = Int64((Double(rangeMs) / 1000).rounded())
    return [
      .single("__range", "\(rangeS)s"), .single("__range_s", "\(rangeS)"),
      .single("__range_ms", "\(rangeMs)"),
      .single("__from", "\(from)"), .single("__to", "\(to)"),
      .single("__interval", GrafanaInterval.text(scrapeIntervalMs)),
      .single("__interval_ms", "\(scrapeIntervalMs)"),
    ]
  }

  func resolveOne(_ variable: TemplateVariable, into resolution: inout VariableResolution) {
    var interpolator = TemplateInterpolator(builtins())
    for value in resolution.values.values { interpolator.set(value) }
    var options: [(text: String, value: String)] = []
    switch variable.kind {
    case .custom:
      options = VariableResolver.customOptions(variable.query)
      // Generated dashboards sometimes save only `options`/`current`; Grafana shows those.
      if options.isEmpty {
        options = (variable.options.isEmpty ? variable.current : variable.options).map { ($0, $0) }
      }
    case .constant:
      options = [(variable.query, variable.query)]
    case .textbox:
      let text = variable.current.first ?? variable.query
      options = [(text, text)]
    case .interval:
      options = variable.query.split(separator: ",").map { String($0).trimmingCharactersInSet(" ") }
        .filter { !$0.isEmpty }.map { ($0, $0) }
      if variable.auto {
        let ms = GrafanaInterval.panelInterval(
          rangeMs: to - from, maxDataPoints: variable.autoCount,
          minimumMs: GrafanaInterval.parse(variable.autoMin) ?? 10_000)
        options.insert(("auto", GrafanaInterval.text(ms)), at: 0)
      }
    case .datasource:
      let name = variable.current.first.flatMap { $0.isEmpty ? nil : $0 } ?? variable.query
      options = [(name, name)]
    case .adhoc, .other:
      resolution.values[variable.name] = VariableValue(name: variable.name, values: [""])
      return
    case .query:
      let text = interpolator.interpolate(variable.query)
      do {
        let raw = try VariableQuery(text).run(
          service: service, from: from, to: to, parserOptions: parserOptions)
        options = try VariableResolver.filter(raw, regex: variable.regex)
      } catch {
        resolution.problems[variable.name] = "variable $\(variable.name): \(text): \(error)"
      }
      options = VariableResolver.sorted(options, by: variable.sort)
    }
    resolution.options[variable.name] = options.map(\.value)
    resolution.values[variable.name] = select(variable, options: options)
  }

  func select(_ variable: TemplateVariable, options: [(text: String, value: String)]) -> VariableValue {
    let all = VariableValue(
      name: variable.name, values: options.map(\.value), texts: ["All"], isAll: true,
      allValue: variable.allValue,
      multi: variable.multi, includeAll: variable.includeAll)
    func chosen(_ values: [String]) -> VariableValue {
      let texts = values.map { v in options.first { $0.value == v }?.text ?? v }
      return VariableValue(
        name: variable.name, values: values, texts: texts, multi: variable.multi,
        includeAll: variable.includeAll)
    }
    if let override = overrides[variable.name] {
      if override.contains("$__all") || override == ["All"] { return all }
      return chosen(override)
    }
    let current = variable.current
    if variable.kind == .textbox || variable.kind == .constant { return chosen([options.first?.value ?? ""]) }
    if current.contains("$__all") && variable.includeAll { return all }
    let valid = current.compactMap { c in options.first { $0.value == c || $0.text == c }?.value }
    if !valid.isEmpty { return chosen(variable.multi ? valid : [valid[0]]) }
    // Grafana falls back to the first option, and All comes first when it exists.
    if variable.includeAll { return all }
    guard let first = options.first else { return chosen([""]) }
    return chosen([first.value])
  }

  /// `a, b, c` with `\,` for a literal comma; `text : value` pairs (Grafana 9+).
  static func customOptions(_ query: String) -> [(text: String, value: String)] {
    var items: [String] = []
    var current = ""
    var escaped = false
    for c in query {
      if escaped {
        current.append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == "," {
        items.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    items.append(current)
    return items.map { $0.trimmingCharactersInSet(" \t\n") }.filter { !$0.isEmpty }.map { item in
      if let range = item.range(of: " : ") {
        return (String(item[..<range.lowerBound]), String(item[range.upperBound...]))
      }
      return (item, item)
    }
  }

  /// Applies Grafana's `regex` option: `/pattern/flags` or a bare pattern; named groups `value`
  /// and `text` pick the parts, else the first group, else the whole match; non-matches drop out.
  static func filter(_ values: [String], regex: String?) throws -> [(text: String, value: String)] {
    guard let regex, !regex.isEmpty else { return VariableResolver.unique(values.map { ($0, $0) }) }
    var pattern = regex
    var options: NSRegularExpression.Options = []
    if regex.hasPrefix("/"), let close = regex.lastIndex(of: "/"), close != regex.startIndex {
      pattern = String(regex[regex.index(after: regex.startIndex)..<close])
      if regex[close...].contains("i") { options.insert(.caseInsensitive) }
    }
    let expression: NSRegularExpression
    do {
      expression = try NSRegularExpression(pattern: VariableResolver.icuPattern(pattern), options: options)
    } catch {
      throw EvaluationError("invalid regex \(regex)")
    }
    let hasValueGroup = pattern.contains("(?<value>")
    let hasTextGroup = pattern.contains("(?<text>")
    var out: [(text: String, value: String)] = []
    for value in values {
      let ns = value as NSString
      guard let match = expression.firstMatch(in: value, range: NSRange(location: 0, length: ns.length))
      else {
        continue
      }
      func group(_ name: String) -> String? {
        let r = match.range(withName: name)
        return r.location == NSNotFound ? nil : ns.substring(with: r)
      }
      if hasValueGroup || hasTextGroup {
        let v = hasValueGroup ? group("value") : nil
        let t = hasTextGroup ? group("text") : nil
        guard let picked = v ?? t else { continue }
        out.append((t ?? picked, picked))
      } else if match.numberOfRanges > 1, match.range(at: 1).location != NSNotFound {
        let s = ns.substring(with: match.range(at: 1))
        out.append((s, s))
      } else {
        let s = ns.substring(with: match.range)
        out.append((s, s))
      }
    }
    return unique(out)
  }

  /// JavaScript reads a `{` that does not start a `{n}`, `{n,}` or `{n,m}` quantifier (and a
  /// lone `}`) as a literal; ICU rejects them, so escape those.
  static func icuPattern(_ pattern: String) -> String {
    let chars = Array(pattern)
    var out = ""
    var i = 0
    var inClass = false
    while i < chars.count {
      let c = chars[i]
      if c == "\\", i + 1 < chars.count {
        out.append(c)
        out.append(chars[i + 1])
        i += 2
        continue
      }
      if c == "[" { inClass = true } else if c == "]" { inClass = false }
      if !inClass && c == "{" {
        var j = i + 1
        var digits = 0
        while j < chars.count, chars[j].isASCII, chars[j].isNumber {
          j += 1
          digits += 1
        }
        if digits > 0, j < chars.count, chars[j] == "," {
          j += 1
          while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
        }
        let isQuantifier = digits > 0 && j < chars.count && chars[j] == "}"
        if isQuantifier {
          out += String(chars[i...j])
          i = j + 1
          continue
        }
        out += "\\{"
        i += 1
        continue
      }
      if !inClass && c == "}" {
        out += "\\}"
        i += 1
        continue
      }
      out.append(c)
      i += 1
    }
    return out
  }

  static func unique(_ options: [(text: String, value: String)]) -> [(text: String, value: String)] {
    var seen: Set<String> = []
    return options.filter { seen.insert($0.value).inserted && !$0.value.isEmpty }
  }

  /// Grafana's `sort`: 1/2 alphabetical, 3/4 numerical (by the first number), 5/6
  /// case-insensitive, 7/8 natural; odd ascending, even descending; 0 keeps the query's order.
  static func sorted(_ options: [(text: String, value: String)], by sort: Int) -> [(
    text: String, value: String
  )] {
    guard sort > 0 else { return options }
    func number(_ s: String) -> Double {
      let digits = s.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "." }
      return Double(digits) ?? -Double.infinity
    }
    let ascending: [(text: String, value: String)]
    switch sort {
    case 3, 4: ascending = options.sorted { number($0.text) < number($1.text) }
    case 5, 6: ascending = options.sorted { $0.text.lowercased() < $1.text.lowercased() }
    case 7, 8: ascending = options.sorted { $0.text.compare($1.text, options: .numeric) == .orderedAscending }
    default: ascending = options.sorted { $0.text < $1.text }
    }
    return sort % 2 == 0 ? ascending.reversed() : ascending
  }
}

/// The outcome of resolving a dashboard's variables.
public struct VariableResolution: Hashable, Sendable {
  /// Each variable's selection.
  public var values: [String: VariableValue] = [:]
  /// Each variable's options (values), in order.
  public var options: [String: [String]] = [:]
  /// Why a variable's query failed, by variable name.
  public var problems: [String: String] = [:]

  /// Creates an empty resolution.
  public init() {}
}
