/// A value seen by a template: the Swift stand-in for the Go values `text/template` works on.
///
/// Go's typing matters to templates (an `int` and a `float64` do not compare, a missing key of a
/// `map[string]string` is `""` under `missingkey=zero`), so the cases keep the Go type they model.
public indirect enum TemplateValue: Sendable, Equatable {
  /// Go's nil (an untyped nil interface, or an invalid `reflect.Value`); prints `<no value>`.
  case null
  /// A Go `bool`.
  case bool(Bool)
  /// A Go `int` (64-bit).
  case int(Int)
  /// A Go `float64`.
  case float(Double)
  /// A Go `string`.
  case string(String)
  /// A Go `[]interface {}`.
  case list([TemplateValue])
  /// A Go `map[string]interface {}`; ranges in sorted key order.
  case map([String: TemplateValue])
  /// A Go `map[string]string` (label sets); a missing key is `""` under `missingkey=zero`.
  case stringMap([String: String])
  /// A Go struct (or pointer to one): fields in declaration order, looked up by exact name.
  case record(TemplateRecord)
  /// A Go `*time.Time`, as nanoseconds since the Unix epoch, in UTC.
  case time(nanoseconds: Int64)
  /// A Go `*time.Duration`, in nanoseconds.
  case duration(nanoseconds: Int64)
}

/// A Go struct value: a type name (used in error messages, as Go's `%T` prints it) and named fields.
public struct TemplateRecord: Sendable, Equatable {
  /// One field of the struct.
  public struct Field: Sendable, Equatable {
    /// The exported field name, e.g. `Labels`.
    public var name: String
    /// The field's value.
    public var value: TemplateValue

    /// Makes a field.
    public init(name: String, value: TemplateValue) {
      self.name = name
      self.value = value
    }
  }

  /// The Go type name, e.g. `*template.sample`.
  public var typeName: String
  /// The fields in declaration order (Go prints a struct's fields in this order).
  public var fields: [Field]

  /// Makes a record from its type name and fields.
  public init(typeName: String, fields: [Field]) {
    self.typeName = typeName
    self.fields = fields
  }

  /// The value of the field called `name`, or nil when the struct has no such field.
  public subscript(name: String) -> TemplateValue? {
    fields.first { $0.name == name }?.value
  }
}

extension TemplateValue {
  /// The Go type name of the value as `%T` prints it (`<nil>` for null).
  public var goTypeName: String {
    switch self {
    case .null: "<nil>"
    case .bool: "bool"
    case .int: "int"
    case .float: "float64"
    case .string: "string"
    case .list: "[]interface {}"
    case .map: "map[string]interface {}"
    case .stringMap: "map[string]string"
    case .record(let record): record.typeName
    case .time: "*time.Time"
    case .duration: "*time.Duration"
    }
  }

  /// Go's truth rule for `if`, `with`, `and`, `or` and `not`: zero values and empty collections are
  /// false, structs and non-nil pointers are true.
  public var isTruthy: Bool {
    switch self {
    case .null: false
    case .bool(let value): value
    case .int(let value): value != 0
    case .float(let value): value != 0
    case .string(let value): !value.isEmpty
    case .list(let items): !items.isEmpty
    case .map(let entries): !entries.isEmpty
    case .stringMap(let entries): !entries.isEmpty
    case .record, .time, .duration: true
    }
  }

  /// Wraps a string-keyed string map, the Go `map[string]string` of a label set.
  public static func labels(_ labels: [String: String]) -> TemplateValue {
    .stringMap(labels)
  }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  /// A string literal is a Go string.
  public init(stringLiteral value: String) { self = .string(value) }
  /// An integer literal is a Go int.
  public init(integerLiteral value: Int) { self = .int(value) }
  /// A float literal is a Go float64.
  public init(floatLiteral value: Double) { self = .float(value) }
  /// A boolean literal is a Go bool.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An array literal is a Go `[]interface {}`.
  public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
  /// A dictionary literal is a Go `map[string]interface {}`.
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    var entries: [String: TemplateValue] = [:]
    for (key, value) in elements { entries[key] = value }
    self = .map(entries)
  }
  /// `nil` is Go's nil.
  public init(nilLiteral: ()) { self = .null }
}

/// Go compares strings byte by byte; Swift's `<` on `String` does not, so sorting uses this.
func goLess(_ lhs: String, _ rhs: String) -> Bool {
  lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// The keys of a map in Go's `fmtsort` order (bytewise).
func sortedKeys<V>(_ entries: [String: V]) -> [String] {
  entries.keys.sorted(by: goLess)
}
