/// Reads YAML text into `YAMLNode` trees, accepting what go-yaml (v2/v3, as Prometheus uses it)
/// accepts for rule files, unit-test files and configs.
public enum YAMLParser {
  /// Every document of a YAML stream, in order; an empty document is a null plain scalar node.
  /// - Throws: `YAMLError` with the position of the first problem.
  public static func parseDocuments(
    _ text: String, file: String, limits: YAMLLimits = .default
  ) throws(YAMLError) -> [YAMLNode] {
    try run(text, file: file, limits: limits, single: false)
  }

  /// The one document of a stream, or nil when the stream has none (it is empty or only comments).
  /// - Throws: `YAMLError`, also when the stream holds more than one document.
  public static func parse(
    _ text: String, file: String, limits: YAMLLimits = .default
  ) throws(YAMLError) -> YAMLNode? {
    try run(text, file: file, limits: limits, single: true).first
  }

  private static func run(
    _ text: String, file: String, limits: YAMLLimits, single: Bool
  ) throws(YAMLError) -> [YAMLNode] {
    do {
      var composer = Composer(bytes: try prepare(text, limits: limits), limits: limits)
      return try composer.documents(single: single)
    } catch {
      throw YAMLError(file: file, mark: error.mark.public1, message: error.message)
    }
  }

  /// The input's bytes without a leading byte-order mark, after the checks go-yaml's reader makes.
  private static func prepare(_ text: String, limits: YAMLLimits) throws(SyntaxError) -> [UInt8] {
    var bytes = Array(text.utf8)
    guard bytes.count <= limits.maxBytes else {
      throw SyntaxError(
        "input is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes", at: Mark())
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let bad = firstControlCharacter(bytes) {
      throw SyntaxError("control characters are not allowed", at: locate(bad, in: bytes))
    }
    return bytes
  }

  /// The offset of the first character YAML does not allow in a stream (C0 and C1 controls other than
  /// tab, line feed, carriage return and NEL; DEL; U+FFFE and U+FFFF).
  private static func firstControlCharacter(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let count = bytes.count
    while i < count {
      let c = bytes[i]
      if c < 0x80 {
        if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F { return i }
      } else if c == 0xC2, i + 1 < count {
        let next = bytes[i + 1]
        if next < 0xA0 && next != 0x85 { return i }
      } else if c == 0xEF, i + 2 < count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE {
        return i
      }
      i += 1
    }
    return nil
  }

  /// Line and column of a byte offset, counting breaks as the scanner does.
  private static func locate(_ offset: Int, in bytes: [UInt8]) -> Mark {
    var mark = Mark()
    var i = 0
    while i < offset && i < bytes.count {
      let c = bytes[i]
      if c == 0x0A || (c == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
        mark.line += 1
        mark.column = 0
      } else if c & 0xC0 != 0x80 && c != 0x0D {
        mark.column += 1
      }
      i += 1
    }
    mark.index = offset
    return mark
  }
}
