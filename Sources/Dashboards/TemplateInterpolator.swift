/// Replaces `$var`, `${var}`, `${var:format}`, `[[var]]` and `[[var:format]]` the way Grafana's
/// template service does for a Prometheus datasource. Unknown names are left as written.
public struct TemplateInterpolator: Sendable {
  /// Variables by name (dashboard variables and built-ins such as `__interval`).
  public var variables: [String: VariableValue]

  /// Creates an interpolator over `variables`.
  public init(_ variables: [VariableValue] = []) {
    var byName: [String: VariableValue] = [:]
    for v in variables { byName[v.name] = v }
    self.variables = byName
  }

  /// Adds or replaces a variable.
  public mutating func set(_ value: VariableValue) { variables[value.name] = value }

  /// Interpolates `text`. With `format` nil, values are escaped as the Prometheus datasource
  /// does for queries (regex-escaped and `(a|b)`-joined for multi-value and All variables);
  /// pass `.glob` or `.text` for titles and legends.
  public func interpolate(_ text: String, format: VariableFormat? = nil) -> String {
    interpolate(text, format: format, depth: 0)
  }

  func interpolate(_ text: String, format: VariableFormat?, depth: Int) -> String {
    let chars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < chars.count {
      if let reference = TemplateInterpolator.reference(in: chars, at: i) {
        if let variable = variables[reference.name] {
          let chosen = reference.format.map { VariableFormat(id: $0) } ?? format
          out.append(
            contentsOf: render(variable, format: chosen, arguments: reference.arguments, depth: depth)
              .unicodeScalars)
        } else {
          out.append(contentsOf: chars[i..<reference.end])
        }
        i = reference.end
      } else {
        out.append(chars[i])
        i += 1
      }
    }
    return String(out)
  }

  func render(_ variable: VariableValue, format: VariableFormat?, arguments: [String], depth: Int) -> String {
    if variable.isAll, let allValue = variable.allValue, format != .text, format != .queryParam {
      // Grafana inserts a custom All value as written, only replacing variables inside it.
      return depth < 8 ? interpolate(allValue, format: nil, depth: depth + 1) : allValue
    }
    if format == .text {
      return variable.isAll ? "All" : variable.texts.joined(separator: " + ")
    }
    guard let format else { return PrometheusEscaping.queryValue(variable) }
    return format.apply(variable, arguments: arguments)
  }

  /// A reference found in text: the name, the format (and its `:arguments`), where it ends.
  struct Reference {
    var name: String
    var format: String?
    var arguments: [String]
    var end: Int
  }

  static func isWord(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
  }

  static func reference(in chars: [Unicode.Scalar], at start: Int) -> Reference? {
    var i = start
    if chars[i] == "$" {
      i += 1
      if i < chars.count, chars[i] == "{" {
        i += 1
        let nameStart = i
        while i < chars.count, isWord(chars[i]) { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(String.UnicodeScalarView(chars[nameStart..<i]))
        if i < chars.count, chars[i] == "." {
          // ${var.fieldPath}: skip the path (used by object-valued variables).
          while i < chars.count, chars[i] != ":", chars[i] != "}", chars[i] != "^" { i += 1 }
        }
        var format: String?
        if i < chars.count, chars[i] == ":" {
          let formatStart = i + 1
          i = formatStart
          while i < chars.count, chars[i] != "}" { i += 1 }
          guard i > formatStart else { return nil }
          format = String(String.UnicodeScalarView(chars[formatStart..<i]))
        }
        guard i < chars.count, chars[i] == "}" else { return nil }
        let (id, arguments) = split(format)
        return Reference(name: name, format: id, arguments: arguments, end: i + 1)
      }
      let nameStart = i
      while i < chars.count, isWord(chars[i]) { i += 1 }
      guard i > nameStart else { return nil }
      return Reference(
        name: String(String.UnicodeScalarView(chars[nameStart..<i])), format: nil, arguments: [], end: i)
    }
    if chars[i] == "[", i + 1 < chars.count, chars[i + 1] == "[" {
      i += 2
      let nameStart = i
      while i < chars.count, isWord(chars[i]) { i += 1 }
      guard i > nameStart else { return nil }
      let name = String(String.UnicodeScalarView(chars[nameStart..<i]))
      var format: String?
      if i < chars.count, chars[i] == ":" {
        let formatStart = i + 1
        i = formatStart
        while i < chars.count, isWord(chars[i]) { i += 1 }
        guard i > formatStart else { return nil }
        format = String(String.UnicodeScalarView(chars[formatStart..<i]))
      }
      guard i + 1 < chars.count, chars[i] == "]", chars[i + 1] == "]" else { return nil }
      return Reference(name: name, format: format, arguments: [], end: i + 2)
    }
    return nil
  }

  static func split(_ format: String?) -> (String?, [String]) {
    guard let format else { return (nil, []) }
    let parts = format.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    return (parts[0], Array(parts.dropFirst()))
  }

  /// The variable names `text` refers to, in order of appearance.
  public static func referencedNames(in text: String) -> [String] {
    let chars = Array(text.unicodeScalars)
    var names: [String] = []
    var i = 0
    while i < chars.count {
      if let reference = reference(in: chars, at: i) {
        names.append(reference.name)
        i = reference.end
      } else {
        i += 1
      }
    }
    return names
  }

  /// The name when `text` is exactly one variable reference (`$ds`, `${ds}`), else nil.
  public static func soleVariableName(_ text: String) -> String? {
    let chars = Array(text.unicodeScalars)
    guard !chars.isEmpty, let reference = reference(in: chars, at: 0), reference.end == chars.count else {
      return nil
    }
    return reference.name
  }
}
