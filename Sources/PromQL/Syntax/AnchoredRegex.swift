import Foundation

/// A fully anchored regex with fast paths for the shapes label matchers usually have.
struct AnchoredRegex: Sendable {
  enum Shape: Sendable {
    case literal([UInt8])
    case alternation(Set<[UInt8]>)
    case any
    case nonEmpty
    case prefix([UInt8])
    case suffix([UInt8])
    case contains([UInt8])
    case general(CompiledRegex)
  }

  let shape: Shape

  init(_ pattern: String) throws(LabelMatcherError) {
    if let shape = AnchoredRegex.fastShape(pattern) {
      self.shape = shape
      return
    }
    // RE2 spells named groups `(?P<name>...)`; ICU only knows `(?<name>...)`.
    let translated = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
    do {
      // Compile the pattern alone too: wrapped, an unbalanced `(` or `)` could pair up with ours.
      _ = try NSRegularExpression(pattern: translated, options: [.dotMatchesLineSeparators])
      let regex = try NSRegularExpression(
        pattern: "\\A(?:" + translated + ")\\z", options: [.dotMatchesLineSeparators])
      shape = .general(CompiledRegex(regex))
    } catch {
      throw LabelMatcherError(pattern: pattern)
    }
  }

  func matches(_ candidate: String) -> Bool {
    switch shape {
    case .literal(let bytes): return candidate.utf8.elementsEqual(bytes)
    case .alternation(let options): return options.contains(Array(candidate.utf8))
    case .any: return true
    case .nonEmpty: return !candidate.isEmpty
    case .prefix(let bytes): return candidate.utf8.starts(with: bytes)
    case .suffix(let bytes): return candidate.utf8.reversed().starts(with: bytes.reversed())
    case .contains(let bytes): return AnchoredRegex.contains(Array(candidate.utf8), bytes)
    case .general(let compiled): return compiled.matches(candidate)
    }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    if needle.count > haystack.count { return false }
    for start in 0...(haystack.count - needle.count)
    where haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle) {
      return true
    }
    return false
  }

  /// Recognizes literal, `a|b|c`, `.*`, `.+`, `lit.*`, `.*lit` and `.*lit.*`.
  static func fastShape(_ pattern: String) -> Shape? {
    let bytes = Array(pattern.utf8)
    let dotStar: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: "*")]
    if bytes == dotStar { return .any }
    if bytes == [UInt8(ascii: "."), UInt8(ascii: "+")] { return .nonEmpty }
    if let literal = literal(bytes[...]) { return .literal(literal) }
    let startsAny = bytes.starts(with: dotStar)
    let endsAny =
      bytes.count >= 2 && bytes.suffix(2).elementsEqual(dotStar) && !escapedAt(bytes, bytes.count - 2)
    if startsAny, endsAny, bytes.count >= 4, let middle = literal(bytes[2..<bytes.count - 2]) {
      return .contains(middle)
    }
    if startsAny, let rest = literal(bytes[2...]) { return .suffix(rest) }
    if endsAny, let head = literal(bytes[..<(bytes.count - 2)]) { return .prefix(head) }
    if bytes.contains(UInt8(ascii: "|")) {
      var options = Set<[UInt8]>()
      for part in bytes.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false) {
        guard let value = literal(part) else { return nil }
        options.insert(value)
      }
      return .alternation(options)
    }
    return nil
  }

  /// Whether the byte at `index` is preceded by an odd number of backslashes.
  static func escapedAt(_ bytes: [UInt8], _ index: Int) -> Bool {
    var count = 0
    var position = index - 1
    while position >= 0, bytes[position] == UInt8(ascii: "\\") {
      count += 1
      position -= 1
    }
    return count % 2 == 1
  }

  /// The literal text a pattern stands for, if it has no unescaped metacharacters.
  static func literal(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\\") {
        guard index < bytes.endIndex else { return nil }
        let escaped = bytes[index]
        // Only punctuation escapes are literal; `\d`, `\w`, `\b`... are classes or assertions.
        guard escaped < 0x80, !isAlphaNumeric(escaped) else { return nil }
        out.append(escaped)
        index += 1
        continue
      }
      switch byte {
      case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "("),
        UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
        UInt8(ascii: "}"), UInt8(ascii: "^"), UInt8(ascii: "$"):
        return nil
      default:
        out.append(byte)
      }
    }
    return out
  }
}

/// A compiled `NSRegularExpression`, which Foundation documents as safe to share between threads.
final class CompiledRegex: @unchecked Sendable {
  let regex: NSRegularExpression

  init(_ regex: NSRegularExpression) {
    self.regex = regex
  }

  func matches(_ candidate: String) -> Bool {
    let range = NSRange(location: 0, length: candidate.utf16.count)
    return regex.firstMatch(in: candidate, options: [], range: range) != nil
  }
}
