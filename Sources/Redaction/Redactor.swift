public import Archive
import Exposition

/// Replaces, consistently across every frame, what ``RedactionRules`` name in label values,
/// target URLs and labels and response headers, keeping every other byte as recorded.
public struct Redactor {
  let rules: RedactionRules
  let patterns: [Regex<AnyRegexOutput>]
  var pseudonyms: Pseudonyms
  /// Label value (raw bytes, by label name class) to its redacted form: values repeat in every
  /// scrape, so each distinct one is scanned once.
  private var memo: [MemoKey: (value: [UInt8], counts: [TokenKind: Int])] = [:]
  /// Each label name's role, decided once (a body repeats the same few names thousands of times).
  private var roles: [[UInt8]: Role] = [:]
  /// How many tokens were replaced, per kind (each occurrence).
  public private(set) var counts: [TokenKind: Int] = [:]

  struct MemoKey: Hashable {
    var role: Role
    var value: [UInt8]
  }

  /// What a label's name says about its whole value.
  enum Role: Hashable { case plain, host, job, whole }

  /// A redactor with `rules` and the pseudonym key.
  public init(rules: RedactionRules, key: [UInt8]) throws(RedactionError) {
    self.rules = rules
    patterns = try rules.compiled()
    pseudonyms = Pseudonyms(key: key)
  }

  /// Every replacement made so far, per kind: original to pseudonym.
  public var mapping: [TokenKind: [String: String]] { pseudonyms.mapping }

  /// `frame` with its body's label values and its headers redacted.
  public mutating func redact(_ frame: Frame) -> Frame {
    var out = frame
    out.body = redactBody(frame.body, contentType: frame.contentType)
    out.headers = frame.headers.map { .init($0.name, redactText($0.value, role: .plain)) }
    return out
  }

  /// `target` with the host of its URL and its label values redacted.
  public mutating func redact(_ target: ArchiveTarget) -> ArchiveTarget {
    var out = target
    out.url = redactURL(target.url)
    out.labels = target.labels.map { .init($0.name, redactText($0.value, role: role(of: $0.name))) }
    return out
  }

  /// The body with each sample's label values redacted, every other byte kept.
  mutating func redactBody(_ body: [UInt8], contentType: String) -> [UInt8] {
    var parser = ExpositionParser(
      bytes: body, format: ExpositionFormat(contentType: contentType), strict: false)
    var out: [UInt8] = []
    var copied = 0
    while let entry = try? parser.next() {
      guard entry == .sample else { continue }
      for label in parser.labels {
        let name = Array(body[label.name])
        let role: Role
        if let known = roles[name] {
          role = known
        } else {
          role = self.role(of: String(decoding: name, as: UTF8.self))
          roles[name] = role
        }
        let value = Array(body[label.value])
        let redacted = redactValue(value, role: role)
        guard redacted != value else { continue }
        if out.isEmpty { out.reserveCapacity(body.count) }
        out.append(contentsOf: body[copied..<label.value.lowerBound])
        out.append(contentsOf: redacted)
        copied = label.value.upperBound
      }
    }
    guard copied > 0 else { return body }
    out.append(contentsOf: body[copied...])
    return out
  }

  func role(of name: String) -> Role {
    if rules.labelValues.contains(name) { return .whole }
    if rules.kinds.contains(.host) && rules.hostLabels.contains(name) { return .host }
    if rules.kinds.contains(.id) && rules.jobLabels.contains(name) { return .job }
    return .plain
  }

  mutating func redactValue(_ value: [UInt8], role: Role) -> [UInt8] {
    let key = MemoKey(role: role, value: value)
    if let known = memo[key] {
      counts.merge(known.counts, uniquingKeysWith: +)
      return known.value
    }
    let before = counts
    let text = String(decoding: value, as: UTF8.self)
    let redacted = Array(redactText(text, role: role).utf8)
    memo[key] = (redacted, counts.merging(before) { $0 - $1 })
    return redacted
  }

  /// One value: replaced whole for its role, else searched for tokens.
  mutating func redactText(_ text: String, role: Role) -> String {
    guard !text.isEmpty else { return text }
    switch role {
    case .whole: return replace(text, .value)
    case .host: return TokenScanner.isIPv4(text) ? replace(text, .ip) : replace(text, .host)
    case .job: return replace(text, .id)
    case .plain: break
    }
    var result = text
    for pattern in patterns {
      var rebuilt = ""
      var rest = result[...]
      while let match = rest.firstMatch(of: pattern), !match.range.isEmpty {
        rebuilt += rest[..<match.range.lowerBound]
        rebuilt += replace(String(rest[match.range]), .value)
        rest = rest[match.range.upperBound...]
      }
      result = rebuilt + rest
    }
    return TokenScanner.replacingTokens(in: result, kinds: rules.kinds) { token, kind in replace(token, kind)
    }
  }

  /// A URL with its host redacted (an IP stays an IP), port and path kept.
  mutating func redactURL(_ url: String) -> String {
    guard let scheme = url.firstRange(of: "://") else { return redactText(url, role: .plain) }
    let rest = url[scheme.upperBound...]
    let hostEnd = rest.firstIndex { $0 == ":" || $0 == "/" } ?? rest.endIndex
    let host = String(rest[..<hostEnd])
    guard !host.isEmpty else { return url }
    let replaced =
      TokenScanner.isIPv4(host)
      ? (rules.kinds.contains(.ip) && host != "0.0.0.0" ? replace(host, .ip) : host)
      : (rules.kinds.contains(.host) && host != "localhost" ? replace(host, .host) : host)
    return String(url[..<scheme.upperBound]) + replaced + redactText(String(rest[hostEnd...]), role: .plain)
  }

  mutating func replace(_ token: String, _ kind: TokenKind) -> String {
    counts[kind, default: 0] += 1
    return pseudonyms.replace(token, as: kind)
  }
}
