/// Text from a script as its error messages quote it.
///
/// A message names what it rejects, but one line may be megabytes long; long text is cut to its
/// first 100 characters, then `...` and its length, as PromQL's messages do: `'abc'... (52428800
/// bytes)`.
enum ScriptQuote {
  static let limit = 100

  /// `'text'`, cut when long.
  static func single(_ text: some StringProtocol) -> String { quote(text, mark: "'") }

  /// `"text"`, cut when long.
  static func double(_ text: some StringProtocol) -> String { quote(text, mark: "\"") }

  /// The text as is, cut when long (for text that carries its own quotes).
  static func cut(_ text: some StringProtocol) -> String { quote(text, mark: "") }

  private static func quote(_ text: some StringProtocol, mark: String) -> String {
    var count = 0
    for index in text.unicodeScalars.indices {
      count += 1
      if count > limit {
        return mark + String(text[..<index]) + mark + "... (\(text.utf8.count) bytes)"
      }
    }
    return mark + String(text) + mark
  }
}
