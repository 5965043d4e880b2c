/// A strict RFC 8259 JSON parser over bytes that reports the line and column of a mistake.
public struct JSONParser {
  let bytes: [UInt8]
  var position = 0
  var depth = 0
  static let maxDepth = 512

  /// Parses a whole document; trailing non-blank bytes are an error.
  public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipBlanks()
    let value = try parser.value()
    parser.skipBlanks()
    guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
    return value
  }

  /// Parses `text`.
  public static func parse(_ text: String) throws(JSONError) -> JSONValue { try parse(Array(text.utf8)) }

  func error(_ message: String, at offset: Int? = nil) -> JSONError {
    let end = min(offset ?? position, bytes.count)
    var line = 1
    var column = 1
    for b in bytes[..<end] {
      if b == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    return JSONError(message: message, line: line, column: column, offset: end)
  }

  mutating func skipBlanks() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  func describeHere() -> String {
    guard position < bytes.count else { return "end of input" }
    let b = bytes[position]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x\(String(b, radix: 16))"
  }

  mutating func value() throws(JSONError) -> JSONValue {
    guard position < bytes.count else { throw error("expected a value, found end of input") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw error("expected a value, found \(describeHere())")
    }
  }

  mutating func literal(_ word: String) throws(JSONError) {
    let w = Array(word.utf8)
    guard position + w.count <= bytes.count, Array(bytes[position..<position + w.count]) == w else {
      throw error("invalid literal (expected '\(word)')")
    }
    position += w.count
  }

  mutating func enter() throws(JSONError) {
    depth += 1
    guard depth <= JSONParser.maxDepth else {
      throw error("nesting deeper than \(JSONParser.maxDepth) levels")
    }
  }

  mutating func object() throws(JSONError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    position += 1
    var members: [(String, JSONValue)] = []
    skipBlanks()
    if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipBlanks()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw error("expected a member name in quotes, found \(describeHere())")
      }
      let key = try string()
      skipBlanks()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
        throw error("expected ':' after member name \"\(key)\", found \(describeHere())")
      }
      position += 1
      skipBlanks()
      members.append((key, try value()))
      skipBlanks()
      guard position < bytes.count else { throw error("unterminated object: expected ',' or '}'") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      if bytes[position] == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      }
      throw error("expected ',' or '}' after object member, found \(describeHere())")
    }
  }

  mutating func array() throws(JSONError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    position += 1
    var elements: [JSONValue] = []
    skipBlanks()
    if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipBlanks()
      elements.append(try value())
      skipBlanks()
      guard position < bytes.count else { throw error("unterminated array: expected ',' or ']'") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      if bytes[position] == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      }
      throw error("expected ',' or ']' after array element, found \(describeHere())")
    }
  }

  mutating func string() throws(JSONError) -> String {
    let start = position
    position += 1
    var out: [UInt8] = []
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        position += 1
        guard let s = String(validating: out, as: UTF8.self) else {
          throw error("invalid UTF-8 in string", at: start)
        }
        return s
      }
      if b < 0x20 { throw error("control character in string (escape it)") }
      if b == UInt8(ascii: "\\") {
        position += 1
        guard position < bytes.count else { break }
        let e = bytes[position]
        position += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
            bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
          {
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default:
          position -= 1
          throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string")
        }
        continue
      }
      out.append(b)
      position += 1
    }
    throw error("unterminated string", at: start)
  }

  mutating func hex4() throws(JSONError) -> UInt32 {
    guard position + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[position]
      let d: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      v = v << 4 | d
      position += 1
    }
    return v
  }

  mutating func number() throws(JSONError) -> Double {
    let start = position
    func digits() -> Int {
      let s = position
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
      return position - s
    }
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    let intStart = position
    let n = digits()
    guard n > 0 else { throw error("invalid number: expected a digit") }
    if n > 1 && bytes[intStart] == UInt8(ascii: "0") {
      throw error("invalid number: leading zero", at: intStart)
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw error("invalid number: expected a digit after '.'") }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
      {
        position += 1
      }
      guard digits() > 0 else { throw error("invalid number: expected a digit in the exponent") }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard let value = Double(text) else { throw error("invalid number", at: start) }
    return value
  }
}
