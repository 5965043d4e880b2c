import Foundation

/// A Go (RE2) regular expression run on ICU's engine. The pattern is rewritten so ICU means what
/// RE2 means: `\d \w \s` and POSIX classes are ASCII-only, `$` is end of text unless `(?m)`,
/// `(?P<name>` becomes `(?<name>`, and Perl-only syntax RE2 rejects (backreferences, lookaround,
/// atomic groups) is an error worded as Go words it.
struct GoRegexp {
  let expression: NSRegularExpression
  /// Capture group names by group number (index 0 is the whole match, unnamed groups are "").
  let groupNames: [String]

  static func compile(_ pattern: String) throws(TemplateFunctionError) -> GoRegexp {
    let (translated, names) = try translate(pattern)
    do {
      let expression = try NSRegularExpression(pattern: translated, options: [.useUnixLineSeparators])
      return GoRegexp(expression: expression, groupNames: names)
    } catch {
      throw syntaxError("invalid regexp", pattern)
    }
  }

  private static func syntaxError(_ code: String, _ fragment: String) -> TemplateFunctionError {
    TemplateFunctionError("error parsing regexp: \(code): `\(fragment)`")
  }

  private static let asciiClasses: [Character: String] = [
    "d": "0-9", "w": "0-9A-Za-z_", "s": "\\t\\n\\f\\r ",
  ]

  private static let posixClasses: [String: String] = [
    "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7F", "blank": "\\t ",
    "cntrl": "\\x00-\\x1F\\x7F",
    "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~", "punct": "!-/:-@\\[-`{-~",
    "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
  ]

  private static func translate(_ pattern: String) throws(TemplateFunctionError) -> (String, [String]) {
    let chars = Array(pattern)
    var out = ""
    var names = [""]
    var index = 0
    var depth = 0
    let multiline = pattern.range(of: #"\(\?[imsU]*m"#, options: .regularExpression) != nil
    while index < chars.count {
      let character = chars[index]
      switch character {
      case "\\":
        guard index + 1 < chars.count else {
          throw syntaxError("trailing backslash at end of expression", "")
        }
        let escaped = chars[index + 1]
        if let ascii = asciiClasses[Character(escaped.lowercased())], "dwsDWS".contains(escaped) {
          out += escaped.isUppercase ? "[^\(ascii)]" : "[\(ascii)]"
        } else if escaped == "Q" {
          // Literal text up to \E.
          var end = index + 2
          while end < chars.count && !(chars[end] == "\\" && end + 1 < chars.count && chars[end + 1] == "E") {
            end += 1
          }
          out += NSRegularExpression.escapedPattern(for: String(chars[min(index + 2, end)..<end]))
          index = min(end + 2, chars.count)
          continue
        } else if escaped.isNumber && escaped != "0" || !(escaped.isASCII)
          || escaped.isLetter
            && !"aftnrvbBAzpPx".contains(escaped)
        {
          throw syntaxError("invalid escape sequence", "\\\(escaped)")
        } else {
          out += "\\" + String(escaped)
        }
        index += 2
        continue
      case "[":
        index = try translateClass(chars, from: index, into: &out, pattern: pattern)
        continue
      case "(":
        let rest = String(chars[index...])
        if rest.hasPrefix("(?P<")
          || rest.hasPrefix("(?<") && !rest.hasPrefix("(?<=") && !rest.hasPrefix("(?<!")
        {
          let start = index + (rest.hasPrefix("(?P<") ? 4 : 3)
          guard let close = chars[start...].firstIndex(of: ">") else {
            throw syntaxError("invalid named capture", String(chars[index...]))
          }
          let name = String(chars[start..<close])
          guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
            throw syntaxError("invalid named capture", String(chars[index...close]))
          }
          names.append(name)
          out += "(?<\(name)>"
          index = close + 1
          depth += 1
          continue
        }
        if rest.hasPrefix("(?") {
          let flags = rest.dropFirst(2).prefix { "imsU-".contains($0) }
          let after = rest.dropFirst(2 + flags.count).first
          guard after == ")" || after == ":", !flags.contains("U") else {
            throw syntaxError("invalid or unsupported Perl syntax", String(rest.prefix(3 + flags.count)))
          }
          if after == ":" { depth += 1 }
          out += "(?" + flags + String(after ?? ")")
          index += 3 + flags.count
          continue
        }
        names.append("")
        depth += 1
        out += "("
      case ")":
        if depth == 0 { throw syntaxError("unexpected )", pattern) }
        depth -= 1
        out += ")"
      case "$":
        out += multiline ? "$" : "\\z"
      case "{":
        let rest = String(chars[index...])
        if let match = rest.range(of: #"^\{[0-9]+(,[0-9]*)?\}"#, options: .regularExpression) {
          let counts = rest[match].dropFirst().dropLast().split(separator: ",").compactMap { Int($0) }
          if counts.contains(where: { $0 > 1000 }) || counts.count == 2 && counts[0] > counts[1] {
            throw syntaxError("invalid repeat count", String(rest[match]))
          }
          out += rest[match]
          index += rest[match].count
          continue
        }
        out += "\\{"
      case "}":
        out += "\\}"
      case "*", "+", "?":
        if index + 1 < chars.count,
          "*+".contains(chars[index + 1])
            || character != "?" && chars[index + 1] == "?"
              && index + 2 < chars.count && "*+?".contains(chars[index + 2])
        {
          throw syntaxError(
            "invalid nested repetition operator", String(chars[index...min(index + 1, chars.count - 1)]))
        }
        out.append(character)
      default:
        out.append(character)
      }
      index += 1
    }
    if depth > 0 { throw syntaxError("missing closing )", pattern) }
    return (out, names)
  }

  /// Rewrites a bracketed class; returns the index after its closing `]`.
  private static func translateClass(
    _ chars: [Character], from start: Int, into out: inout String, pattern: String
  )
    throws(TemplateFunctionError) -> Int
  {
    var index = start + 1
    var body = ""
    if index < chars.count && chars[index] == "^" {
      body += "^"
      index += 1
    }
    var first = true
    while index < chars.count {
      let character = chars[index]
      if character == "]" && !first {
        out += "[" + body + "]"
        return index + 1
      }
      first = false
      if character == "[" && index + 1 < chars.count && chars[index + 1] == ":" {
        let rest = String(chars[index...])
        if let end = rest.range(of: ":]") {
          var name = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])
          let negated = name.hasPrefix("^")
          if negated { name.removeFirst() }
          guard let members = posixClasses[name] else {
            throw syntaxError("invalid character class range", String(rest[..<end.upperBound]))
          }
          body += negated ? "[^\(members)]" : members
          index += rest.distance(from: rest.startIndex, to: end.upperBound)
          continue
        }
      }
      if character == "\\" && index + 1 < chars.count {
        let escaped = chars[index + 1]
        if let ascii = asciiClasses[Character(escaped.lowercased())], "dwsDWS".contains(escaped) {
          body += escaped.isUppercase ? "[^\(ascii)]" : ascii
        } else {
          body += "\\" + String(escaped)
        }
        index += 2
        continue
      }
      // ICU gives `[`, `&` and a few others set-operator meaning inside classes; RE2 does not.
      body += "[&~".contains(character) ? "\\" + String(character) : String(character)
      index += 1
    }
    throw syntaxError("missing closing ]", String(chars[start...]))
  }

  func matches(_ text: String) -> Bool {
    let string = text as NSString
    return expression.firstMatch(in: text, options: [], range: NSRange(location: 0, length: string.length))
      != nil
  }

  /// Go's `Regexp.ReplaceAllString`: `$1`, `${1}`, `$name` expand; an empty match right after a
  /// previous match is not replaced.
  func replaceAll(_ text: String, with template: String) -> String {
    let string = text as NSString
    let end = string.length
    var result = ""
    var lastMatchEnd = 0
    var searchPos = 0
    while searchPos <= end {
      let range = NSRange(location: searchPos, length: end - searchPos)
      guard
        let match = expression.firstMatch(
          in: text, options: [.withTransparentBounds, .withoutAnchoringBounds], range: range)
      else { break }
      let matchStart = match.range.location
      let matchEnd = match.range.location + match.range.length
      result += string.substring(
        with: NSRange(location: lastMatchEnd, length: max(0, matchStart - lastMatchEnd)))
      if matchEnd > lastMatchEnd || matchStart == 0 {
        result += expand(template, match: match, in: string)
      }
      lastMatchEnd = matchEnd
      // Advance past this match, and always by at least one character.
      let width = searchPos < end ? ((0xD800...0xDBFF).contains(string.character(at: searchPos)) ? 2 : 1) : 0
      if searchPos + width > matchEnd {
        searchPos += width
      } else if searchPos + 1 > matchEnd {
        searchPos += 1
      } else {
        searchPos = matchEnd
      }
    }
    result += string.substring(from: min(lastMatchEnd, end))
    return result
  }

  private func expand(_ template: String, match: NSTextCheckingResult, in string: NSString) -> String {
    let chars = Array(template.unicodeScalars)
    var result = String.UnicodeScalarView()
    var index = 0
    func group(_ number: Int) -> String {
      guard number < match.numberOfRanges else { return "" }
      let range = match.range(at: number)
      return range.location == NSNotFound ? "" : string.substring(with: range)
    }
    while index < chars.count {
      guard chars[index] == "$", index + 1 < chars.count else {
        result.append(chars[index])
        index += 1
        continue
      }
      if chars[index + 1] == "$" {
        result.append("$")
        index += 2
        continue
      }
      var nameStart = index + 1
      var braced = false
      if chars[nameStart] == "{" {
        braced = true
        nameStart += 1
      }
      var nameEnd = nameStart
      while nameEnd < chars.count,
        chars[nameEnd] == "_" || chars[nameEnd].properties.isAlphabetic
          || chars[nameEnd].properties.numericType == .decimal
      {
        nameEnd += 1
      }
      let name = String(String.UnicodeScalarView(chars[nameStart..<nameEnd]))
      if name.isEmpty || braced && (nameEnd >= chars.count || chars[nameEnd] != "}") {
        // Malformed: the `$` is literal text.
        result.append("$")
        index += 1
        continue
      }
      index = braced ? nameEnd + 1 : nameEnd
      if name.allSatisfy({ $0.isASCII && $0.isNumber }) {
        if let number = Int(name.prefix(9)), name.count < 9 {
          result.append(contentsOf: group(number).unicodeScalars)
        }
      } else if let number = groupNames.firstIndex(of: name) {
        result.append(contentsOf: group(number).unicodeScalars)
      }
    }
    return String(result)
  }
}
