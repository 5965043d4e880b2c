import Foundation
import Glibc

/// A pattern naming panels (`--allow-empty`): a shell glob (`*GPU*`, case-sensitive, `*` `?`
/// `[...]`), or a regular expression between slashes (`/GPU|TPU/`, searched, not anchored).
/// It matches a panel's title or its `Row / Title` name.
public struct PanelPattern: Hashable, Sendable, CustomStringConvertible {
  /// Glob or regex.
  public enum Kind: String, Hashable, Sendable { case glob, regex }
  /// The kind.
  public var kind: Kind
  /// The pattern text (without the slashes of a regex).
  public var pattern: String

  /// Parses `text`; throws for an invalid regular expression.
  public init(_ text: String) throws(PanelPatternError) {
    if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
      kind = .regex
      pattern = String(text.dropFirst().dropLast())
      do {
        _ = try NSRegularExpression(pattern: pattern)
      } catch {
        throw PanelPatternError(pattern: text)
      }
    } else {
      kind = .glob
      pattern = text
    }
  }

  /// Whether the panel's title or row-qualified name matches.
  public func matches(_ result: PanelResult) -> Bool { matches(result.title) || matches(result.displayName) }

  /// Whether `name` matches: a glob must match all of it, a regex anywhere in it.
  public func matches(_ name: String) -> Bool {
    switch kind {
    case .glob:
      return pattern.withCString { p in name.withCString { fnmatch(p, $0, 0) == 0 } }
    case .regex:
      guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
      let range = NSRange(location: 0, length: (name as NSString).length)
      return regex.firstMatch(in: name, range: range) != nil
    }
  }

  /// For a pattern that matched nothing: how patterns match, and the likely intent.
  public var hint: String {
    switch kind {
    case .glob where !pattern.hasPrefix("*") || !pattern.hasSuffix("*"):
      return
        " (a glob matches the whole title, with or without its row; for titles containing it: '*\(pattern.trimmingCharacters(in: CharacterSet(charactersIn: "*")))*')"
    case .glob, .regex:
      return " (titles are matched with and without their row, 'Row / Title')"
    }
  }

  /// `glob 'GPU*'` or `regex /GPU|TPU/`.
  public var description: String { kind == .glob ? "glob '\(pattern)'" : "regex /\(pattern)/" }
}

/// An `--allow-empty` regular expression that does not compile.
public struct PanelPatternError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The pattern as given.
  public var pattern: String
  /// The message.
  public var description: String { "invalid regular expression \(pattern)" }
}
