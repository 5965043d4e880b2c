import Basics

/// OpenMetrics 1.0 text: single spaces, no blank lines, no free comments, `# EOF` at the end.
extension ExpositionParser {
  mutating func nextOpenMetrics(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) -> ExpositionEntry? {
    let end = p.count
    if sawEOF {
      if position < end { throw error("unexpected data after # EOF", at: position) }
      return nil
    }
    guard position < end else {
      throw error("data does not end with # EOF", at: position)
    }
    beginEntry()
    let c = p[position]
    if c == 0x0A { throw error("blank lines are not allowed in OpenMetrics", at: position) }
    if c == UInt8(ascii: "#") {
      if let entry = try omComment(p) { return entry }
      do { try validator?.finish() } catch { throw entryError(error.message) }
      return nil
    }
    if ByteClass.isNameStart(c) || c == UInt8(ascii: "{") {
      try omSample(p)
      if let validator {
        do { try validator.sample(sample()) } catch { throw entryError(error.message) }
      }
      return .sample
    }
    throw error("expected a metric name or metadata line, got \(describeByte(p, position))", at: position)
  }

  /// Returns nil for `# EOF`.
  private mutating func omComment(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) -> ExpositionEntry?
  {
    let end = p.count
    let lineEnd = findLineEnd(p, from: position)
    if lineEnd - position == 5, matches(p, position, "# EOF") {
      sawEOF = true
      position = lineEnd
      if position < end {
        newline(at: position)
        position += 1
      }
      if position < end { throw error("unexpected data after # EOF", at: position) }
      return nil
    }
    let entry: ExpositionEntry
    if matches(p, position, "# HELP ") {
      entry = .help
    } else if matches(p, position, "# TYPE ") {
      entry = .type
    } else if matches(p, position, "# UNIT ") {
      entry = .unit
    } else {
      throw error(
        "invalid comment: only # HELP, # TYPE, # UNIT and # EOF are allowed in OpenMetrics", at: position)
    }
    let keyword = entry == .help ? "HELP" : entry == .type ? "TYPE" : "UNIT"
    position += 7
    try metadataName(p, keyword: keyword)
    guard position < lineEnd, p[position] == 0x20 else {
      throw error(
        "expected a space and text after \(keyword) metric name, got \(describeByte(p, position))",
        at: position)
    }
    text = (position + 1)..<lineEnd
    if let bad = UTF8Check.firstInvalid(p, text) { throw error("invalid UTF-8 in \(keyword) text", at: bad) }
    if entry == .type {
      let word = String(decoding: UnsafeBufferPointer(rebasing: p[text]), as: UTF8.self)
      guard let type = MetricType(word: word, format: .openMetrics) else {
        throw error("invalid metric type \(GoQuote.token(p, text))", at: text.lowerBound)
      }
      metricType = type
    }
    let nameString = metricName()
    let textString =
      entry == .help ? helpText() : String(decoding: UnsafeBufferPointer(rebasing: p[text]), as: UTF8.self)
    do {
      try validator?.metadata(entry, name: nameString, text: textString, type: metricType)
    } catch { throw entryError(error.message) }
    finishLine(p, lineEnd)
    return entry
  }

  private mutating func omSample(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) {
    let end = p.count
    var hasName = false
    if p[position] != UInt8(ascii: "{") {
      let start = position
      while position < end, ByteClass.isNameContinue(p[position]) { position += 1 }
      name = start..<position
      hasName = true
    }
    if position < end, p[position] == UInt8(ascii: "{") {
      position += 1
      // Swapped out so the label buffer keeps its capacity without aliasing `self`.
      var spans: [LabelSpan] = []
      swap(&spans, &labels)
      defer { swap(&spans, &labels) }
      try omLabels(p, into: &spans, hasName: &hasName, allowName: true)
    }
    if !hasName { throw entryError("metric name not set") }
    try checkDuplicateLabels(p)
    guard position < end, p[position] == 0x20 else {
      throw error("expected a single space before the value, got \(describeByte(p, position))", at: position)
    }
    position += 1
    let valueStart = position
    while position < end, p[position] != 0x20, p[position] != 0x0A { position += 1 }
    guard position > valueStart else {
      throw error("expected a value, got \(describeByte(p, position))", at: position)
    }
    try parseValue(p, valueStart..<position)
    if position < end, p[position] == 0x20 {
      position += 1
      if position < end, p[position] != UInt8(ascii: "#") {
        timestamp = try omTimestamp(p)
        if position < end, p[position] == 0x20 { position += 1 } else { return finishSample(p) }
      }
      guard position < end, p[position] == UInt8(ascii: "#") else {
        throw error("expected \"#\" to start an exemplar, got \(describeByte(p, position))", at: position)
      }
      try omExemplar(p)
    }
    finishSample(p)
  }

  private mutating func finishSample(_ p: UnsafeBufferPointer<UInt8>) {
    finishLine(p, position)
  }

  private mutating func omExemplar(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) {
    let end = p.count
    guard position + 2 < end, p[position + 1] == 0x20, p[position + 2] == UInt8(ascii: "{") else {
      throw error("expected \" {\" after exemplar \"#\"", at: position)
    }
    let labelStart = position + 3
    position += 3
    var exemplarLabels: [LabelSpan] = []
    var unusedName = false
    try omLabels(p, into: &exemplarLabels, hasName: &unusedName, allowName: false)
    var length = 0
    for l in exemplarLabels {
      // The limit counts characters of the decoded value, so `\\` is one.
      let value =
        l.escaped
        ? Escaping.unescapeLabelValue(bytes, l.value).unicodeScalars.count : UTF8Check.scalarCount(p, l.value)
      length += UTF8Check.scalarCount(p, l.name) + value
    }
    if length > 128 {
      throw error("exemplar labels are \(length) characters long, over the limit of 128", at: labelStart)
    }
    guard position < end, p[position] == 0x20 else {
      throw error(
        "expected a space before the exemplar value, got \(describeByte(p, position))", at: position)
    }
    position += 1
    let valueStart = position
    while position < end, p[position] != 0x20, p[position] != 0x0A { position += 1 }
    guard position > valueStart else {
      throw error("expected an exemplar value, got \(describeByte(p, position))", at: position)
    }
    let sampleValue = value
    let sampleValueText = valueText
    try parseValue(p, valueStart..<position)
    let exemplarValue = value
    value = sampleValue
    valueText = sampleValueText
    var exemplarTimestamp: Int64?
    if position < end, p[position] == 0x20 {
      position += 1
      exemplarTimestamp = try omTimestamp(p)
      if position < end, p[position] != 0x0A {
        throw error(
          "expected end of line after exemplar timestamp, got \(describeByte(p, position))", at: position)
      }
    }
    exemplar = ExemplarSpans(labels: exemplarLabels, value: exemplarValue, timestamp: exemplarTimestamp)
  }

  /// An OpenMetrics timestamp: seconds, possibly fractional; stored as milliseconds rounded
  /// toward zero, as Prometheus does.
  private mutating func omTimestamp(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) -> Int64 {
    let end = p.count
    let start = position
    while position < end, p[position] != 0x20, p[position] != 0x0A { position += 1 }
    let range = start..<position
    guard !range.isEmpty else {
      throw error("expected a timestamp, got \(describeByte(p, start))", at: start)
    }
    if let ms = Self.decimalMilliseconds(p, range) { return ms }
    guard case .success(let seconds) = FloatText.parse(p, range), seconds.isFinite else {
      throw error("invalid timestamp \(GoQuote.token(p, range))", at: start)
    }
    let ms = (seconds * 1000).rounded(.towardZero)
    if ms >= 9.2e18 { return .max }
    if ms <= -9.2e18 { return .min }
    return Int64(ms)
  }

  /// Exact milliseconds for `[-]digits[.digits]`, without going through binary floating point.
  static func decimalMilliseconds(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
    var i = range.lowerBound
    var negative = false
    if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
      negative = p[i] == UInt8(ascii: "-")
      i += 1
    }
    var whole: Int64 = 0
    var digits = 0
    var overflow = false
    while i < range.upperBound, ByteClass.isDigit(p[i]) {
      let (m, o1) = whole.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(p[i] - 0x30))
      overflow = overflow || o1 || o2
      whole = s
      digits += 1
      i += 1
    }
    guard digits > 0 else { return nil }
    var fraction: Int64 = 0
    if i < range.upperBound {
      guard p[i] == UInt8(ascii: ".") else { return nil }
      i += 1
      var scale: Int64 = 100
      var fractionDigits = 0
      while i < range.upperBound, ByteClass.isDigit(p[i]) {
        fraction += Int64(p[i] - 0x30) * scale
        scale /= 10
        fractionDigits += 1
        i += 1
      }
      guard i == range.upperBound, fractionDigits > 0 else { return nil }
    }
    let (ms, o) = whole.multipliedReportingOverflow(by: 1000)
    if overflow || o { return negative ? .min : .max }
    return negative ? -(ms + fraction) : ms + fraction
  }

  /// Strict OpenMetrics labels: `name="value"` pairs separated by single commas, no blanks, no
  /// trailing comma, no raw newlines.
  private mutating func omLabels(
    _ p: UnsafeBufferPointer<UInt8>, into out: inout [LabelSpan], hasName: inout Bool, allowName: Bool
  ) throws(ExpositionError) {
    let end = p.count
    if position < end, p[position] == UInt8(ascii: "}") {
      position += 1
      return
    }
    while true {
      guard position < end else { throw error("unexpected end of input in label set", at: position) }
      let c = p[position]
      var labelName: Range<Int>
      var quotedName = false
      if c == UInt8(ascii: "\""), allowName {
        let (range, _) = try quoted(p, allowNewline: false)
        try checkQuotedName(p, range)
        labelName = range
        quotedName = true
        if position < end, p[position] == UInt8(ascii: ",") || p[position] == UInt8(ascii: "}") {
          if hasName { throw error("metric name already set", at: range.lowerBound - 1) }
          name = range
          nameQuoted = true
          hasName = true
          if try endOfLabel(p) { return }
          continue
        }
      } else if ByteClass.isLabelStart(c) {
        let start = position
        while position < end, ByteClass.isLabelContinue(p[position]) { position += 1 }
        labelName = start..<position
      } else {
        throw error("expected label name, got \(describeByte(p, position))", at: position)
      }
      guard position < end, p[position] == UInt8(ascii: "=") else {
        throw error("expected \"=\" after label name, got \(describeByte(p, position))", at: position)
      }
      position += 1
      guard position < end, p[position] == UInt8(ascii: "\"") else {
        throw error("expected quoted label value, got \(describeByte(p, position))", at: position)
      }
      let (value, escaped) = try quoted(p, allowNewline: false)
      if let bad = UTF8Check.firstInvalid(p, value) { throw error("invalid UTF-8 label value", at: bad) }
      out.append(LabelSpan(name: labelName, value: value, nameQuoted: quotedName, escaped: escaped))
      if try endOfLabel(p) { return }
    }
  }

  /// After a label: `,` then another label, or `}`. Returns true at `}`.
  private mutating func endOfLabel(_ p: UnsafeBufferPointer<UInt8>) throws(ExpositionError) -> Bool {
    guard position < p.count else { throw error("unexpected end of input in label set", at: position) }
    switch p[position] {
    case UInt8(ascii: "}"):
      position += 1
      return true
    case UInt8(ascii: ","):
      position += 1
      if position < p.count, p[position] == UInt8(ascii: "}") {
        throw error("trailing comma in label set", at: position - 1)
      }
      return false
    default:
      throw error("expected \",\" or \"}\" after label value, got \(describeByte(p, position))", at: position)
    }
  }
}
