import Archive
import Exposition
import Glibc

/// What reading a body line by line found: the same as a parse of the whole body.
struct LineRead {
  var pending: [(index: Int, time: Int64?, value: Double, text: Range<Int>)] = []
  var current: Set<Int> = []
  var sampleLines: [Int] = []
  var kinds: [MetricType] = []
  var typeLines: [(line: Int, type: MetricType)] = []
}

extension ScrapeIngester {
  /// Reads a text 0.0.4 body whose skeleton differs from the template's: a line whose text
  /// outside its value token is found in the template keeps what the template's parse found (its
  /// value read from its token), any other line is parsed alone. Nil when the body needs a full
  /// parse (a line does not parse, a value is not a number), which then decides.
  mutating func readLines(
    _ frame: Frame, _ layout: FrameLayout, _ template: ScrapeTemplate, _ lines: ScrapeLines,
    _ state: inout TargetState
  ) -> LineRead? {
    var read = LineRead()
    read.pending.reserveCapacity(template.series.count + 16)
    read.sampleLines.reserveCapacity(template.series.count + 16)
    read.kinds.reserveCapacity(template.series.count + 16)
    var finder = LineFinder(body: lines.body, layout: lines.layout, lines: lines.lines)
    var currentType = MetricType.unknown
    let body = frame.body
    let count = body.count
    var start = 0
    var number = 1
    var nextSlot = 0
    while start < count {
      let end = body.withUnsafeBufferPointer { ScrapeLines.lineEnd($0, from: start) }
      var slot = -1
      if nextSlot < layout.slotCount, layout.keyStart(nextSlot) == start {
        slot = nextSlot
        nextSlot += 1
      }
      let value = slot >= 0 ? layout.valueRange(slot) : end..<end
      var handled = false
      if let old = finder.find(body, start..<end, value: slot >= 0 ? value : nil) {
        let line = lines.lines[old]
        if line.role == ScrapeLines.plain {
          handled = true
        } else if line.role == ScrapeLines.typeLine {
          currentType = line.type
          read.typeLines.append((number, line.type))
          handled = true
        } else if line.role >= 0 {
          let sample = Int(line.role)
          let kind = self.kind(of: currentType)
          if kind == lines.kinds[sample] {
            let oldRange = template.layout.valueRange(Int(line.slot))
            let same = Self.equalBytes(body, value, template.body, oldRange)
            guard
              let parsed = same
                ? template.values[sample]
                : body.withUnsafeBufferPointer({ ExpositionParser.sampleValue($0, value) })
            else { return nil }
            let index = template.series[sample]
            let time = template.explicitTimes[sample]
            read.pending.append((index, time, parsed, value))
            if time == nil { read.current.insert(index) }
            read.sampleLines.append(number)
            read.kinds.append(kind)
            handled = true
          }
        }
      }
      if !handled {
        guard parseLine(body, start..<min(end + 1, count), number, &currentType, &read, &state) else {
          return nil
        }
      }
      start = end + 1
      number += 1
    }
    return read
  }

  /// Parses one line alone (with its newline) as text 0.0.4; false when it does not parse.
  private mutating func parseLine(
    _ body: [UInt8], _ range: Range<Int>, _ number: Int, _ currentType: inout MetricType,
    _ read: inout LineRead,
    _ state: inout TargetState
  ) -> Bool {
    var parser = ExpositionParser(bytes: Array(body[range]), format: .text, strict: false)
    do {
      while let entry = try parser.next() {
        switch entry {
        case .type:
          currentType = parser.metricType
          read.typeLines.append((number, currentType))
        case .sample:
          let index = lineSeries(&parser, currentType, &state)
          let shift = range.lowerBound
          let text = parser.valueText.lowerBound + shift..<parser.valueText.upperBound + shift
          read.pending.append((index, parser.timestamp, parser.value, text))
          if parser.timestamp == nil { read.current.insert(index) }
          read.sampleLines.append(number)
          read.kinds.append(kind(of: currentType))
        default: break
        }
      }
    } catch {
      return false
    }
    return true
  }

  static func equalBytes(_ a: [UInt8], _ ra: Range<Int>, _ b: [UInt8], _ rb: Range<Int>) -> Bool {
    guard ra.count == rb.count else { return false }
    if ra.isEmpty { return true }
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        memcmp(pa.baseAddress! + ra.lowerBound, pb.baseAddress! + rb.lowerBound, ra.count) == 0
      }
    }
  }
}

/// Finds, for a line of a new body, the line of the template's body with the same text outside
/// the value token: the line after the last one found first (series keep their order), then a
/// few lines further (lines dropped), then, once many lines missed, any line through a hash table.
struct LineFinder {
  let body: [UInt8]
  let layout: FrameLayout
  let lines: [ScrapeLines.Line]
  private var next = 0
  private var misses = 0
  private var table: [Int: [Int32]]?

  init(body: [UInt8], layout: FrameLayout, lines: [ScrapeLines.Line]) {
    self.body = body
    self.layout = layout
    self.lines = lines
  }

  /// The template line equal to `line` of `newBody` (whose value token is `value`, if it has a
  /// slot) outside the token, or nil.
  mutating func find(_ newBody: [UInt8], _ line: Range<Int>, value: Range<Int>?) -> Int? {
    var candidate = next
    while candidate < min(lines.count, next + 4) {
      if matches(candidate, newBody, line, value) {
        next = candidate + 1
        return candidate
      }
      candidate += 1
    }
    // A line not among the next few is most often a new one: parse it rather than hash every
    // template line; only when many lines miss (the order changed) is the table worth building.
    misses += 1
    if table == nil && misses < 16 { return nil }
    if table == nil {
      var built: [Int: [Int32]] = [:]
      built.reserveCapacity(lines.count)
      for index in lines.indices {
        let (head, tail) = pieces(index)
        built[Self.hash(body, head, tail), default: []].append(Int32(index))
      }
      table = built
    }
    let (head, tail) = Self.pieces(line, value)
    for found in table?[Self.hash(newBody, head, tail)] ?? [] where matches(Int(found), newBody, line, value)
    {
      next = Int(found) + 1
      return Int(found)
    }
    return nil
  }

  private func pieces(_ index: Int) -> (Range<Int>, Range<Int>) {
    let line = lines[index]
    return Self.pieces(
      Int(line.start)..<Int(line.end), line.slot >= 0 ? layout.valueRange(Int(line.slot)) : nil)
  }

  /// The line's text before and after its value token.
  private static func pieces(_ line: Range<Int>, _ value: Range<Int>?) -> (Range<Int>, Range<Int>) {
    guard let value else { return (line, line.upperBound..<line.upperBound) }
    return (line.lowerBound..<value.lowerBound, value.upperBound..<line.upperBound)
  }

  private func matches(_ index: Int, _ newBody: [UInt8], _ line: Range<Int>, _ value: Range<Int>?) -> Bool {
    let old = lines[index]
    guard (old.slot >= 0) == (value != nil) else { return false }
    let (oldHead, oldTail) = pieces(index)
    let (newHead, newTail) = Self.pieces(line, value)
    return ScrapeIngester.equalBytes(newBody, newHead, body, oldHead)
      && ScrapeIngester.equalBytes(newBody, newTail, body, oldTail)
  }

  private static func hash(_ bytes: [UInt8], _ head: Range<Int>, _ tail: Range<Int>) -> Int {
    var hasher = Hasher()
    bytes.withUnsafeBufferPointer { p in
      hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[head])))
      hasher.combine(0xFF as UInt8)
      hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[tail])))
    }
    return hasher.finalize()
  }
}
