import Archive
import Exposition
import Glibc

/// Per line of a parsed text 0.0.4 body, what the parse found there: when a later body's
/// skeleton differs in a few lines (series came or went), only those lines are parsed again.
///
/// Text 0.0.4 lines are independent entries for a lenient parse (a `# TYPE` line only sets the
/// type of the samples after it, which is tracked), so a line whose text outside its value token
/// is unchanged yields the same sample again. Only bodies whose every sample sits on one line
/// get line records (a label value holding a raw newline disables them).
struct ScrapeLines {
  struct Line {
    /// The line's bytes in the body, without its newline.
    var start: Int32
    var end: Int32
    /// The line's value slot, or -1.
    var slot: Int32
    /// The sample whose whole value is the slot's token, or one of the roles below.
    var role: Int32
    /// For `# TYPE` lines, the type they set.
    var type: MetricType
  }

  /// A line without samples or slot (comments, HELP, blank lines).
  static let plain: Int32 = -1
  /// A `# TYPE` line.
  static let typeLine: Int32 = -2
  /// Anything else: parse the line again when it comes back.
  static let reparse: Int32 = -3

  var lines: [Line]
  /// The body the line records index (the line text outside value tokens stays that of every
  /// later body read through the same template; slot numbers stay too).
  let body: [UInt8]
  let layout: FrameLayout
  /// Per sample, the type its labels were read under (see ``ScrapeIngester``).
  var kinds: [MetricType]

  /// Line records for a body parsed into samples on lines `sampleLines` (1-based) with `kinds`,
  /// with `# TYPE` lines `typeLines`; nil when a sample spans lines.
  init?(
    body: [UInt8], layout: FrameLayout, sampleLines: [Int], sampleTexts: [Range<Int>], kinds: [MetricType],
    typeLines: [(line: Int, type: MetricType)]
  ) {
    self.kinds = kinds
    self.body = body
    self.layout = layout
    var lines: [Line] = []
    var nextSample = 0
    var nextType = 0
    var nextSlot = 0
    var start = 0
    var number = 1
    let count = body.count
    var ok = true
    body.withUnsafeBufferPointer { p in
      while start < count {
        let end = Self.lineEnd(p, from: start)
        var line = Line(start: Int32(start), end: Int32(end), slot: -1, role: Self.plain, type: .unknown)
        if nextSlot < layout.slotCount, layout.keyStart(nextSlot) == start {
          line.slot = Int32(nextSlot)
          nextSlot += 1
          line.role = Self.reparse
        }
        if nextType < typeLines.count, typeLines[nextType].line == number {
          line.role = line.slot < 0 ? Self.typeLine : Self.reparse
          line.type = typeLines[nextType].type
          nextType += 1
        }
        if nextSample < sampleLines.count, sampleLines[nextSample] == number {
          let text = sampleTexts[nextSample]
          guard text.lowerBound >= start && text.upperBound <= end else {
            ok = false
            return
          }
          let exact = line.slot >= 0 && line.role == Self.reparse && layout.valueRange(Int(line.slot)) == text
          line.role = exact ? Int32(nextSample) : Self.reparse
          nextSample += 1
          // Text 0.0.4 has one sample per line; anything else is parsed again each time.
          if nextSample < sampleLines.count && sampleLines[nextSample] == number { line.role = Self.reparse }
          while nextSample < sampleLines.count && sampleLines[nextSample] == number { nextSample += 1 }
        }
        lines.append(line)
        start = end + 1
        number += 1
      }
    }
    guard ok, nextSample == sampleLines.count else { return nil }
    self.lines = lines
  }

  /// Where the line starting at `start` ends: its newline, or the end of the bytes. (memchr: a
  /// byte loop here was most of the time spent reading bodies whose skeleton changed.)
  static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = bytes.baseAddress, start < bytes.count,
      let newline = memchr(base + start, 0x0A, bytes.count - start)
    else { return bytes.count }
    return base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
  }
}
