import Basics

/// A label matcher: `name="value"`, `name!="value"`, `name=~"regex"`, `name!~"regex"`.
///
/// Regexes are fully anchored like Prometheus's (`^(?s:...)$`, `.` matches newlines). Common
/// shapes (literal, `a|b|c`, `.*`, `.+`, `foo.*`, `.*foo`, `.*foo.*`) are matched without a regex
/// engine; everything else falls back to `NSRegularExpression`.
public struct LabelMatcher: Hashable, Sendable, CustomStringConvertible {
  /// The name of the label holding the metric name.
  public static let metricNameLabel = "__name__"

  /// The four matching operators.
  public enum MatchType: String, Hashable, Sendable {
    case equal = "="
    case notEqual = "!="
    case regexMatch = "=~"
    case regexNoMatch = "!~"
  }

  /// How the value is compared.
  public let type: MatchType
  /// The label name.
  public let name: String
  /// The value or regex as written.
  public let value: String
  let regex: AnchoredRegex?

  /// Creates a matcher; regex types compile `value` and throw when it is not a valid regex.
  public init(_ type: MatchType, name: String, value: String) throws(LabelMatcherError) {
    self.type = type
    self.name = name
    self.value = value
    if type == .regexMatch || type == .regexNoMatch {
      regex = try AnchoredRegex(value)
    } else {
      regex = nil
    }
  }

  /// An equality matcher, which cannot fail.
  public init(equal name: String, _ value: String) {
    self.type = .equal
    self.name = name
    self.value = value
    self.regex = nil
  }

  /// Whether a label value (`""` for an absent label) satisfies the matcher.
  public func matches(_ candidate: String) -> Bool {
    switch type {
    case .equal: return candidate == value
    case .notEqual: return candidate != value
    case .regexMatch: return regex?.matches(candidate) ?? false
    case .regexNoMatch: return !(regex?.matches(candidate) ?? false)
    }
  }

  /// `name="value"` with Go quoting; the name is quoted when it is not a legacy label name.
  public var description: String {
    let quotedName = LabelMatcher.isLegacyName(name) ? name : GoQuote.quote(name)
    return quotedName + type.rawValue + GoQuote.quote(value)
  }

  static func isLegacyName(_ name: String) -> Bool {
    guard !name.isEmpty else { return false }
    for (offset, byte) in name.utf8.enumerated() {
      if isAlpha(byte) || (offset > 0 && isDigit(byte)) { continue }
      return false
    }
    return true
  }

  public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
    lhs.type == rhs.type && lhs.name == rhs.name && lhs.value == rhs.value
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(type)
    hasher.combine(name)
    hasher.combine(value)
  }
}

/// A regex that does not compile.
public struct LabelMatcherError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The pattern as written.
  public var pattern: String
  /// The text form.
  public var description: String { "error parsing regexp: invalid or unsupported pattern: `\(pattern)`" }
}
