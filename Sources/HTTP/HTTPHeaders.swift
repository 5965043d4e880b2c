/// Header fields in the order they were received, with case-insensitive lookup.
///
/// Names and values are kept exactly as sent so that a recording can reproduce them.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
  /// The fields in order.
  public var fields: [(name: String, value: String)]

  /// Creates headers from ordered fields.
  public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

  /// Creates headers from a literal, in its order.
  public init(dictionaryLiteral elements: (String, String)...) {
    self.fields = elements.map { (name: $0.0, value: $0.1) }
  }

  /// The first value of `name` (ASCII case-insensitive), if present.
  public subscript(_ name: String) -> String? {
    for field in fields where asciiCaseInsensitiveEqual(field.name, name) { return field.value }
    return nil
  }

  /// Every value of `name`, in order.
  public func values(for name: String) -> [String] {
    fields.filter { asciiCaseInsensitiveEqual($0.name, name) }.map(\.value)
  }

  /// Appends a field (keeps any earlier ones of the same name).
  public mutating func append(name: String, value: String) { fields.append((name, value)) }

  /// Removes every field called `name`.
  public mutating func remove(name: String) {
    fields.removeAll { asciiCaseInsensitiveEqual($0.name, name) }
  }

  /// The number of fields.
  public var count: Int { fields.count }

  /// Iterates the fields in order.
  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
    fields.makeIterator()
  }

  /// Field-by-field equality, order and case included.
  public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }

  /// Whether `name` can be a field name: one or more RFC 9110 token characters.
  public static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.allSatisfy(HeadScanner.isTokenByte)
  }

  /// Whether `value` can be sent as a field value: no control characters but tab (RFC 9110
  /// §5.5), so no CR or LF that would end the field and smuggle in another.
  public static func isValidValue(_ value: String) -> Bool {
    value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
  }

  /// True when a comma-separated field contains `token` (e.g. `Connection: keep-alive, x`).
  func containsToken(_ token: String, in name: String) -> Bool {
    for field in fields where asciiCaseInsensitiveEqual(field.name, name) {
      for part in field.value.split(separator: ",") {
        let trimmed = part.drop { $0 == " " || $0 == "\t" }
        var end = trimmed.endIndex
        while end > trimmed.startIndex, trimmed[trimmed.index(before: end)] == " " {
          end = trimmed.index(before: end)
        }
        if asciiCaseInsensitiveEqual(trimmed[..<end], token) { return true }
      }
    }
    return false
  }
}

/// ASCII case-insensitive comparison, as header names require (no Unicode folding).
func asciiCaseInsensitiveEqual(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
  var left = lhs.utf8.makeIterator()
  var right = rhs.utf8.makeIterator()
  while true {
    switch (left.next(), right.next()) {
    case (nil, nil): return true
    case (let a?, let b?):
      if a == b { continue }
      if asciiLower(a) != asciiLower(b) { return false }
    default: return false
    }
  }
}

@inline(__always)
func asciiLower(_ byte: UInt8) -> UInt8 {
  byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte
}
