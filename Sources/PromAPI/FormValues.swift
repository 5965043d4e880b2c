/// The parameters of a request: URL query, then a form body (`application/x-www-form-urlencoded`),
/// as Go's `Request.ParseForm` reads them.
struct FormValues: Sendable {
  private(set) var pairs: [(name: String, value: String)] = []

  /// Parses `query` and, for POST/PUT/PATCH with a form content type, `body`. Body values come
  /// first, so ``value(_:)`` prefers them, as Go's `FormValue` does.
  init(query: Substring?, body: [UInt8], contentType: String?) {
    let isForm = contentType.map {
      $0.lowercased().split(separator: ";").first?.trimmingSpaces == "application/x-www-form-urlencoded"
    }
    if isForm == true, !body.isEmpty {
      pairs += FormValues.parse(String(decoding: body, as: UTF8.self)[...])
    }
    if let query { pairs += FormValues.parse(query) }
  }

  init(_ pairs: [(name: String, value: String)]) { self.pairs = pairs }

  /// The first value of `name`, `""` when absent (Go's `FormValue`).
  func value(_ name: String) -> String { pairs.first { $0.name == name }?.value ?? "" }

  /// Whether `name` was given at all.
  func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }

  /// Every value of `name`, in order (e.g. `match[]`).
  func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

  static func parse(_ text: Substring) -> [(name: String, value: String)] {
    var out: [(name: String, value: String)] = []
    for part in text.split(separator: "&", omittingEmptySubsequences: true) {
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      // Go drops pairs whose escapes do not decode; so do we.
      guard let name = decode(pieces[0]) else { continue }
      let value = pieces.count > 1 ? decode(pieces[1]) : ""
      guard let value else { continue }
      out.append((name, value))
    }
    return out
  }

  /// Percent-decoding with `+` as a space; nil for a malformed escape.
  static func decode(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
    func hexValue(_ byte: UInt8) -> UInt8? {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
      default: nil
      }
    }
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
      case UInt8(ascii: "%"):
        guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
          return nil
        }
        bytes.append(high << 4 | low)
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

extension Substring {
  var trimmingSpaces: Substring {
    var text = self
    while text.first == " " || text.first == "\t" { text.removeFirst() }
    while text.last == " " || text.last == "\t" { text.removeLast() }
    return text
  }
}
