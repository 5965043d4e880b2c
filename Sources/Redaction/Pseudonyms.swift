import Digest

/// What a replaced token was.
public enum TokenKind: String, Sendable, CaseIterable, Comparable {
  /// An IPv4 address (replaced by one in 10.0.0.0/8).
  case ip
  /// A Ray id: node, worker, actor, task, job ids written as long hex strings.
  case id
  /// A Ray session name (`session_2026-11-25_13-36-27_024730_6596`).
  case session
  /// A host name (values of host labels, hosts of target URLs).
  case host
  /// A label value or pattern match the user named.
  case value

  public static func < (a: TokenKind, b: TokenKind) -> Bool { a.rawValue < b.rawValue }
}

/// Stable pseudonyms from a keyed hash: the same key gives the same pseudonym for the same
/// token in every recording, so redacted recordings still match each other. A pseudonym keeps
/// its token's shape (an IP stays an IP, an id keeps its length and alphabet) and no two tokens
/// share one, so distinct series stay distinct.
struct Pseudonyms {
  let key: [UInt8]
  /// Per kind, original to pseudonym.
  private(set) var mapping: [TokenKind: [String: String]] = [:]
  private var taken: Set<String> = []

  init(key: [UInt8]) { self.key = key }

  /// The pseudonym of `original`.
  mutating func replace(_ original: String, as kind: TokenKind) -> String {
    if let known = mapping[kind]?[original] { return known }
    var attempt = 0
    var made = original
    repeat {
      let stream = SHA256.hmac(key: key, Array("\(kind.rawValue)\u{0}\(original)\u{0}\(attempt)".utf8))
      made = Self.shape(original, kind, stream)
      attempt += 1
    } while (made == original || taken.contains(made)) && attempt < 64
    taken.insert(made)
    mapping[kind, default: [:]][original] = made
    return made
  }

  /// `original`'s shape filled from `stream` (extended by hashing when a token is long).
  static func shape(_ original: String, _ kind: TokenKind, _ seed: [UInt8]) -> String {
    var stream = seed
    var index = 0
    func next() -> UInt8 {
      if index == stream.count { stream += SHA256.hash(stream) }
      index += 1
      return stream[index - 1]
    }
    if kind == .ip { return "10.\(next()).\(next()).\(next() % 254 + 1)" }
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in original.utf8 {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        out.append(kind == .id ? hex[Int(next() % 16)] : UInt8(ascii: "0") + next() % 10)
      case UInt8(ascii: "a")...UInt8(ascii: "z"):
        let letters: UInt8 = kind == .id ? 6 : 26
        out.append(kind == .id ? hex[Int(next() % 16)] : UInt8(ascii: "a") + next() % letters)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        out.append(
          kind == .id ? UInt8(ascii: "A") + next() % 6 : UInt8(ascii: "A") + next() % 26)
      default: out.append(byte)
      }
    }
    // A session keeps its prefix.
    if kind == .session { out.replaceSubrange(0..<min(8, out.count), with: Array("session_".utf8).prefix(8)) }
    return String(decoding: out, as: UTF8.self)
  }
}
