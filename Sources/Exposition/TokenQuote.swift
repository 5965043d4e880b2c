/// Tokens from the input as error messages quote them.
///
/// A message names the token it rejects, but a token may be megabytes long (one value of 50 MB
/// once made a 50 MB message), so long ones are cut: `"abc"... (52428800 bytes)`, the shape
/// PromQL's messages use too.
public enum TokenQuote {
  /// How many characters of a token a message shows.
  public static let limit = 100

  /// `"text"` when it has at most ``limit`` characters, else its first ``limit`` characters in
  /// quotes, `...` and its length in bytes. `mark` is the quote character.
  public static func quote(_ text: some StringProtocol, mark: Character = "\"") -> String {
    var count = 0
    for index in text.unicodeScalars.indices {
      count += 1
      if count > limit {
        return "\(mark)\(String(text[..<index]))\(mark)... (\(text.utf8.count) bytes)"
      }
    }
    return "\(mark)\(text)\(mark)"
  }

  /// The same for the bytes of `range`, decoding only the part shown.
  public static func quote(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    // A character is at most 4 bytes: this prefix holds `limit` characters when there are that many.
    let shown = range.lowerBound..<min(range.upperBound, range.lowerBound + 4 * limit + 4)
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[shown]), as: UTF8.self)
    guard shown.count < range.count else { return quote(text) }
    let cut = text.unicodeScalars.prefix(limit)
    return "\"\(String(String.UnicodeScalarView(cut)))\"... (\(range.count) bytes)"
  }
}
