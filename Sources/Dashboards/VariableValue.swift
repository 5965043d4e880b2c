/// A variable's selection, ready to interpolate: what `$name` stands for in one evaluation.
public struct VariableValue: Hashable, Sendable {
  /// The variable's name.
  public var name: String
  /// The selected values; for `All` without an `allValue`, every option's value.
  public var values: [String]
  /// Display texts (`All` for All).
  public var texts: [String]
  /// Whether `All` is selected.
  public var isAll: Bool
  /// The custom value `All` stands for (inserted raw, as Grafana does).
  public var allValue: String?
  /// Whether the variable allows several values or All (so Prometheus queries regex-escape it).
  public var multi: Bool
  public var includeAll: Bool

  /// Creates the value from its parts.
  public init(
    name: String, values: [String], texts: [String]? = nil, isAll: Bool = false, allValue: String? = nil,
    multi: Bool = false, includeAll: Bool = false
  ) {
    self.name = name
    self.values = values
    self.texts = texts ?? values
    self.isAll = isAll
    self.allValue = allValue
    self.multi = multi
    self.includeAll = includeAll
  }

  /// A single built-in value such as `$__interval`.
  public static func single(_ name: String, _ value: String) -> VariableValue {
    VariableValue(name: name, values: [value])
  }

  /// Whether Grafana would hand the formatter an array rather than a string.
  var isArray: Bool { isAll || multi }
}
