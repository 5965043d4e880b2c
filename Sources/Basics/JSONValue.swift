/// A JSON document, read by ``JSONParser`` (so a mistake is reported as `line:column: message`;
/// Foundation only says "around character N") and written compact or pretty.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  /// Members in document order; lookups take the last of duplicate keys, as JavaScript does.
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let b): hasher.combine(b)
    case .number(let n): hasher.combine(n)
    case .string(let s): hasher.combine(s)
    case .array(let a): hasher.combine(a)
    case .object(let members):
      for (key, value) in members {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }

  /// The member `key` of an object (the last one when repeated); nil otherwise.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.0 == key }?.1
  }

  /// The string, or nil.
  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number, or nil.
  public var number: Double? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// The boolean, or nil.
  public var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The elements of an array, or nil.
  public var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// A number as an `Int` when it is integral and in range, else nil.
  public var int: Int? {
    guard let n = number, n.rounded() == n, abs(n) < 9e15 else { return nil }
    return Int(n)
  }

  /// Text for a value that dashboards write either as a string or a number (`"interval": 30`).
  public var text: String? {
    switch self {
    case .string(let s): return s
    case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .bool(let b): return b ? "true" : "false"
    default: return nil
    }
  }

  /// Strings of a value that is a string or an array of strings (a variable's `current.value`).
  public var strings: [String]? {
    if let t = text { return [t] }
    if let a = array { return a.compactMap(\.text) }
    return nil
  }

  /// Serialises as compact JSON (keys in document order).
  public var jsonText: String {
    var out = ""
    write(into: &out)
    return out
  }

  func write(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n) where !n.isFinite: out += "null"
    case .number(let n):
      out += n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .string(let s): out += JSONString.quote(s)
    case .array(let a):
      out += "["
      for (i, v) in a.enumerated() {
        if i > 0 { out += "," }
        v.write(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, (k, v)) in members.enumerated() {
        if i > 0 { out += "," }
        out += JSONString.quote(k) + ":"
        v.write(into: &out)
      }
      out += "}"
    }
  }

}
