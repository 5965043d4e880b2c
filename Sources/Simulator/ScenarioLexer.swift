/// One word of a scenario line and the 1-based column it starts at.
struct Token: Sendable, Hashable {
  var text: String
  var column: Int
}

/// Splits scenario lines into tokens.
///
/// Words are separated by blanks; a `"quoted string"` or a `{label="set"}` is kept whole even
/// when it holds blanks, and `#` outside quotes starts a comment that runs to the end of the line.
enum ScenarioLexer {
  /// Tokens of one line, or the column of an unterminated quote or brace.
  static func tokens(_ line: Substring) -> Result<[Token], UnterminatedAt> {
    var tokens: [Token] = []
    var current = ""
    var start = 0
    var column = 0
    var inQuote = false
    var braceDepth = 0
    var escaped = false
    var quoteAt = 0
    var braceAt = 0
    for ch in line.unicodeScalars {
      column += 1
      if inQuote {
        current.unicodeScalars.append(ch)
        if escaped {
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          inQuote = false
        }
        continue
      }
      if ch == "#" && braceDepth == 0 { break }
      if (ch == " " || ch == "\t" || ch == "\r") && braceDepth == 0 {
        if !current.isEmpty {
          tokens.append(Token(text: current, column: start))
          current = ""
        }
        continue
      }
      if current.isEmpty { start = column }
      current.unicodeScalars.append(ch)
      if ch == "\"" {
        inQuote = true
        quoteAt = column
      } else if ch == "{" {
        if braceDepth == 0 { braceAt = column }
        braceDepth += 1
      } else if ch == "}" && braceDepth > 0 {
        braceDepth -= 1
      }
    }
    if inQuote || braceDepth > 0 {
      return .failure(
        UnterminatedAt(column: inQuote ? quoteAt : braceAt, what: inQuote ? "quoted string" : "'{'"))
    }
    if !current.isEmpty { tokens.append(Token(text: current, column: start)) }
    return .success(tokens)
  }

  struct UnterminatedAt: Error, Hashable {
    var column: Int
    var what: String
  }
}
