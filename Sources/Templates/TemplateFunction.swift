/// The Go type of a function parameter, so arguments are checked and converted as `text/template`
/// does it (a constant `1` passed to a `float64` parameter becomes `1.0`; a `string` value passed to
/// an `int` parameter is `wrong type for value; expected int; got string`).
public struct TemplateParameterType: Sendable, Equatable {
  /// The shape of value the parameter accepts.
  public enum Kind: Sendable, Equatable {
    case any, string, float, int, bool, list, map, record, time, duration
  }

  /// What the parameter accepts.
  public var kind: Kind
  /// The Go type name used in error messages.
  public var goName: String

  /// Makes a parameter type.
  public init(kind: Kind, goName: String) {
    self.kind = kind
    self.goName = goName
  }

  /// `interface {}`: anything, constants take their ideal type (`1` is an int, `1.5` a float64).
  public static let any = TemplateParameterType(kind: .any, goName: "interface {}")
  /// `string`.
  public static let string = TemplateParameterType(kind: .string, goName: "string")
  /// `float64`.
  public static let float = TemplateParameterType(kind: .float, goName: "float64")
  /// `int`.
  public static let int = TemplateParameterType(kind: .int, goName: "int")
  /// `bool`.
  public static let bool = TemplateParameterType(kind: .bool, goName: "bool")

  /// A named list type, e.g. `template.queryResult`.
  public static func list(_ goName: String) -> TemplateParameterType {
    TemplateParameterType(kind: .list, goName: goName)
  }

  /// A named struct (pointer) type, e.g. `*template.sample`.
  public static func record(_ goName: String) -> TemplateParameterType {
    TemplateParameterType(kind: .record, goName: goName)
  }
}

/// A function callable from a template, like an entry of Go's `template.FuncMap`.
public struct TemplateFunction: Sendable {
  /// The body: receives the checked arguments, returns the result or throws a message.
  public typealias Body = @Sendable ([TemplateValue]) throws(TemplateFunctionError) -> TemplateValue

  /// The fixed parameters.
  public var parameters: [TemplateParameterType]
  /// The type of the trailing `...` parameter, when the function is variadic.
  public var variadic: TemplateParameterType?
  /// The implementation.
  public var body: Body

  /// Makes a function from its parameter types and body.
  public init(
    parameters: [TemplateParameterType], variadic: TemplateParameterType? = nil, body: @escaping Body
  ) {
    self.parameters = parameters
    self.variadic = variadic
    self.body = body
  }
}
