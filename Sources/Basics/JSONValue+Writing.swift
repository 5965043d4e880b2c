/// Building documents in code: literals for constants, typed initialisers for values.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
  public init(nilLiteral: ()) { self = .null }

  /// A string.
  public init(_ value: String) { self = .string(value) }
  /// A whole number (exact up to 2^53, as every JSON reader takes numbers).
  public init(_ value: some BinaryInteger) { self = .number(Double(value)) }
  /// A number; NaN and infinities, which JSON cannot hold, become `null`.
  public init(_ value: Double) { self = value.isFinite ? .number(value) : .null }
  /// A boolean.
  public init(_ value: Bool) { self = .bool(value) }
  /// An array.
  public init(_ values: [JSONValue]) { self = .array(values) }
  /// An array of strings.
  public init(_ values: [String]) { self = .array(values.map(JSONValue.string)) }
  /// An array of numbers (non-finite ones as `null`).
  public init(_ values: [Double]) { self = .array(values.map { JSONValue($0) }) }
  /// An object of string members (a label set), keys sorted.
  public init(_ members: [String: String]) {
    self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
  }
  /// An object, keys sorted (a dictionary has no order of its own).
  public init(_ members: [String: JSONValue]) {
    self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
  }
  /// The value, or `null`.
  public init(_ value: JSONValue?) { self = value ?? .null }

  /// Serialises for people: two-space indentation, `"key": value`, one member or element a
  /// line, keys sorted when `sortedKeys` (the order `--json` outputs keep, so diffs are stable);
  /// no final newline.
  public func prettyText(sortedKeys: Bool = true) -> String {
    var out = ""
    writePretty(into: &out, indent: 0, sortedKeys: sortedKeys)
    return out
  }

  private func writePretty(into out: inout String, indent: Int, sortedKeys: Bool) {
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .array(let elements) where !elements.isEmpty:
      out += "[\n"
      for (i, element) in elements.enumerated() {
        out += inner
        element.writePretty(into: &out, indent: indent + 1, sortedKeys: sortedKeys)
        out += i + 1 < elements.count ? ",\n" : "\n"
      }
      out += String(repeating: "  ", count: indent) + "]"
    case .object(let members) where !members.isEmpty:
      let ordered =
        sortedKeys ? members.enumerated().sorted { ($0.1.0, $0.0) < ($1.1.0, $1.0) }.map(\.1) : members
      out += "{\n"
      for (i, (key, value)) in ordered.enumerated() {
        out += inner + JSONString.quote(key) + ": "
        value.writePretty(into: &out, indent: indent + 1, sortedKeys: sortedKeys)
        out += i + 1 < ordered.count ? ",\n" : "\n"
      }
      out += String(repeating: "  ", count: indent) + "}"
    default:
      write(into: &out)
    }
  }
}
