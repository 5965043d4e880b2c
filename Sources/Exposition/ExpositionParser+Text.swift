import Basics

/// Prometheus text format 0.0.4, with the leniency of Prometheus's own scrape parser.
extension ExpositionParser {
  mutating func nextText(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) -> ExpositionEntry? {
    let end = p.count
    while position < end {
      let start = position
      while position < end, ByteClass.isBlank(p[position]) { position += 1 }
      guard position < end else { return nil }
      let c = p[position]
      if c == 0x0A {
        newline(at: position)
        position += 1
        continue
      }
      position = start
      beginEntry()
      while ByteClass.isBlank(p[position]) { position += 1 }
      if c == UInt8(ascii: "#") { return try textComment(p) }
      if position != start {
        // Prometheus keeps leading blanks in the series name, which then fails validation.
        throw error("invalid metric name: leading whitespace before the metric name", at: start)
      }
      if ByteClass.isNameStart(c) || c == UInt8(ascii: "{") {
        try textSample(p)
        return .sample
      }
      throw error("expected a metric name or comment, got \(describeByte(p, position))", at: position)
    }
    return nil
  }

  private mutating func textComment(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError)
    -> ExpositionEntry
  {
    let end = p.count
    position += 1  // '#'
    let afterHash = position
    var i = position
    while i < end, ByteClass.isBlank(p[i]) { i += 1 }
    let keyword: ExpositionEntry?
    if i > afterHash, i + 4 < end, matches(p, i, "HELP") && ByteClass.isBlank(p[i + 4]) {
      keyword = .help
    } else if i > afterHash, i + 4 < end, matches(p, i, "TYPE") && ByteClass.isBlank(p[i + 4]) {
      keyword = .type
    } else {
      keyword = nil
    }
    guard let keyword else {
      let lineEnd = findLineEnd(p, from: afterHash)
      text = afterHash..<lineEnd
      finishLine(p, lineEnd)
      return .comment
    }
    position = i + 4
    while position < end, ByteClass.isBlank(p[position]) { position += 1 }
    try metadataName(p, keyword: keyword == .help ? "HELP" : "TYPE")
    let lineEnd = findLineEnd(p, from: position)
    // Prometheus drops exactly one separator character after the name.
    let textStart = position < lineEnd ? position + 1 : lineEnd
    text = textStart..<lineEnd
    if keyword == .help {
      if let bad = UTF8Check.firstInvalid(p, text) { throw error("invalid UTF-8 in HELP text", at: bad) }
    } else {
      let word = String(decoding: UnsafeBufferPointer(rebasing: p[text]), as: UTF8.self)
      guard let type = MetricType(word: word, format: .text) else {
        throw error("invalid metric type \(GoQuote.token(p, text))", at: textStart)
      }
      metricType = type
    }
    finishLine(p, lineEnd)
    return keyword
  }

  /// Reads the family name of a metadata line: a metric name or a quoted UTF-8 name.
  mutating func metadataName(_ p: UnsafeBufferPointer<UInt8>, keyword: String) throws(ExpositionError) {
    let end = p.count
    if position < end, p[position] == UInt8(ascii: "\"") {
      let (range, _) = try quoted(p, allowNewline: false)
      try checkQuotedName(p, range)
      name = range
      nameQuoted = true
      return
    }
    let start = position
    guard position < end, ByteClass.isNameStart(p[position]) else {
      throw error("expected metric name after \(keyword), got \(describeByte(p, position))", at: position)
    }
    while position < end, ByteClass.isNameContinue(p[position]) { position += 1 }
    name = start..<position
  }

  private mutating func textSample(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) {
    let end = p.count
    var hasName = false
    if p[position] != UInt8(ascii: "{") {
      let start = position
      while position < end, ByteClass.isNameContinue(p[position]) { position += 1 }
      name = start..<position
      hasName = true
    }
    skipBlanks(p)
    if position < end, p[position] == UInt8(ascii: "{") {
      position += 1
      try textLabels(p, hasName: &hasName)
      skipBlanks(p)
    }
    if !hasName { throw entryError("metric name not set") }
    let valueStart = position
    while position < end {
      let b = p[position]
      if b == 0x20 || b == 0x09 || b == 0x0A || b == UInt8(ascii: "{") { break }
      position += 1
    }
    guard position > valueStart else {
      throw error("expected value after metric, got \(describeByte(p, position))", at: position)
    }
    try parseValue(p, valueStart..<position)
    skipBlanks(p)
    if position < end, p[position] != 0x0A {
      let tsStart = position
      while position < end, !ByteClass.isBlank(p[position]), p[position] != 0x0A { position += 1 }
      guard let ts = FloatText.parseInteger(p, tsStart..<position) else {
        throw error(
          "invalid timestamp \(GoQuote.token(p, tsStart..<position)): expected integer milliseconds",
          at: tsStart)
      }
      timestamp = ts
      skipBlanks(p)
      if position < end, p[position] != 0x0A {
        throw error("expected end of line after timestamp, got \(describeByte(p, position))", at: position)
      }
    }
    try checkDuplicateLabels(p)
    finishLine(p, position)
  }

  /// Labels between `{` and `}`: blanks anywhere, optional commas, a quoted string followed by
  /// `,` or `}` names the metric.
  private mutating func textLabels(_ p: UnsafeBufferPointer<UInt8>, hasName: inout Bool)
    throws(ExpositionError)
  {
    let end = p.count
    skipBlanks(p)
    while true {
      guard position < end else { throw error("unexpected end of input in label set", at: position) }
      let c = p[position]
      if c == UInt8(ascii: "}") {
        position += 1
        return
      }
      var labelName: Range<Int>
      var quotedName = false
      if c == UInt8(ascii: "\"") {
        let (range, _) = try quoted(p, allowNewline: true)
        try checkQuotedName(p, range)
        labelName = range
        quotedName = true
        skipBlanks(p)
        if position < end, p[position] == UInt8(ascii: ",") || p[position] == UInt8(ascii: "}") {
          if hasName { throw error("metric name already set", at: range.lowerBound - 1) }
          name = range
          nameQuoted = true
          hasName = true
          if p[position] == UInt8(ascii: ",") { position += 1 }
          skipBlanks(p)
          continue
        }
      } else if ByteClass.isLabelStart(c) {
        let start = position
        while position < end, ByteClass.isLabelContinue(p[position]) { position += 1 }
        labelName = start..<position
      } else {
        throw error("expected label name, got \(describeByte(p, position))", at: position)
      }
      skipBlanks(p)
      guard position < end, p[position] == UInt8(ascii: "=") else {
        throw error("expected \"=\" after label name, got \(describeByte(p, position))", at: position)
      }
      position += 1
      skipBlanks(p)
      guard position < end, p[position] == UInt8(ascii: "\"") else {
        throw error("expected quoted label value, got \(describeByte(p, position))", at: position)
      }
      let (value, escaped) = try quoted(p, allowNewline: true)
      if let bad = UTF8Check.firstInvalid(p, value) { throw error("invalid UTF-8 label value", at: bad) }
      labels.append(LabelSpan(name: labelName, value: value, nameQuoted: quotedName, escaped: escaped))
      skipBlanks(p)
      if position < end, p[position] == UInt8(ascii: ",") {
        position += 1
        skipBlanks(p)
      }
    }
  }

  // MARK: Shared helpers

  /// Reads a double-quoted string at `position`; returns the range between the quotes.
  mutating func quoted(
    _ p: UnsafeBufferPointer<UInt8>, allowNewline: Bool
  ) throws(ExpositionError) -> (Range<Int>, Bool) {
    let end = p.count
    let open = position
    let openLine = line
    let openLineStart = lineStart
    position += 1
    let start = position
    var escaped = false
    while position < end {
      let b = p[position]
      if b == UInt8(ascii: "\"") {
        let range = start..<position
        position += 1
        return (range, escaped)
      }
      if b == UInt8(ascii: "\\") {
        escaped = true
        position += 1
        if position < end, p[position] == 0x0A {
          guard allowNewline else { break }
          newline(at: position)
        }
      } else if b == 0x0A {
        guard allowNewline else { break }
        newline(at: position)
      }
      position += 1
    }
    return try unterminated(open, openLine, openLineStart)
  }

  private func unterminated(_ open: Int, _ openLine: Int, _ openLineStart: Int) throws(ExpositionError) -> (
    Range<Int>, Bool
  ) {
    throw ExpositionError(
      line: openLine, column: open - openLineStart + 1, offset: open, message: "unterminated quoted string")
  }

  /// Quoted (UTF-8) names must be valid UTF-8 and not empty, as Prometheus requires of names.
  func checkQuotedName(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(ExpositionError) {
    if range.isEmpty { throw error("empty quoted name", at: range.lowerBound - 1) }
    if let bad = UTF8Check.firstInvalid(p, range) { throw error("invalid UTF-8 in quoted name", at: bad) }
  }

  mutating func parseValue(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(ExpositionError) {
    valueText = range
    switch FloatText.parse(p, range) {
    case .success(let v): value = v
    case .failure(.range):
      throw error(
        "value out of range: \(GoQuote.token(p, range))",
        at: range.lowerBound)
    case .failure(.syntax):
      throw error(
        "invalid value \(GoQuote.token(p, range))",
        at: range.lowerBound)
    }
  }

  /// Duplicate label names make Prometheus reject the whole scrape.
  mutating func checkDuplicateLabels(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) {
    let n = labels.count
    guard n > 1 else { return }
    if labels.contains(where: \.nameQuoted) {
      // Quoted names may spell one name two ways (escapes), so compare them decoded.
      var seen = Set<String>()
      for i in 0..<n where !seen.insert(labelName(i)).inserted {
        throw error("duplicate label name \"\(labelName(i))\"", at: labels[i].name.lowerBound)
      }
      return
    }
    if n > 16 {
      // Pairwise comparison is quadratic: a line with 40,000 labels took 8 s to check.
      var seen = Set<[UInt8]>(minimumCapacity: n)
      for i in 0..<n where !seen.insert(Array(p[labels[i].name])).inserted {
        throw error("duplicate label name \"\(labelName(i))\"", at: labels[i].name.lowerBound)
      }
      return
    }
    for i in 1..<n {
      let a = labels[i].name
      for j in 0..<i {
        let b = labels[j].name
        guard a.count == b.count, p[a.lowerBound] == p[b.lowerBound] else { continue }
        if memcmpEqual(p, a, b) {
          throw error("duplicate label name \"\(labelName(i))\"", at: a.lowerBound)
        }
      }
    }
  }

  func memcmpEqual(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
    guard a.count == b.count else { return false }
    var i = a.lowerBound
    var j = b.lowerBound
    while i < a.upperBound {
      if p[i] != p[j] { return false }
      i += 1
      j += 1
    }
    return true
  }

  func matches(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard at + n <= p.count else { return false }
    let w = word.utf8Start
    for k in 0..<n where p[at + k] != w[k] { return false }
    return true
  }

  mutating func skipBlanks(_ p: UnsafeBufferPointer<UInt8>) {
    while position < p.count, ByteClass.isBlank(p[position]) { position += 1 }
  }

  func findLineEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    var i = from
    while i < p.count, p[i] != 0x0A { i += 1 }
    return i
  }

  /// Moves past the newline that ends the current line (if any).
  mutating func finishLine(_ p: UnsafeBufferPointer<UInt8>, _ lineEnd: Int) {
    position = lineEnd
    if position < p.count {
      newline(at: position)
      position += 1
    }
  }
}
