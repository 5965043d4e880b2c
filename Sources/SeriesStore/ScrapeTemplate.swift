import Archive
import Exposition
import Glibc

/// What a target's last parsed body taught the ingester, so that a later body with the same
/// skeleton is read token by token instead of being parsed again.
///
/// Equal skeletons (and content types) mean equal text outside the value tokens: the same lines,
/// series, label sets, explicit timestamps and comments in the same order. A parse of such a
/// body would find the same samples; only the values can differ, and only a sample whose value
/// text is exactly one value token can change. Everything else (a value written inside the
/// skeleton, a token that is not a sample's whole value) must stay unchanged, or the body is
/// parsed again.
struct ScrapeTemplate {
  /// The body the values below were read from, and its layout.
  var body: [UInt8]
  var layout: FrameLayout
  var contentType: String
  /// Per sample in scrape order: its series, explicit timestamp and value.
  var series: [Int]
  var explicitTimes: [Int64?]
  var values: [Double]
  /// Per sample, whether it is the first of its series in the scrape (later ones are dropped).
  var firstOfSeries: [Bool]
  /// Per value slot, the sample whose whole value text its token is, or -1: a change to such a
  /// token means the text must be parsed again.
  var sampleOfSlot: [Int32]
  /// Series of the scrape that carry no explicit timestamp.
  var current: Set<Int>
  /// Per line, what the parse found (text 0.0.4 bodies whose samples each sit on one line).
  var lines: ScrapeLines?

  /// A template for a body that parsed into `samples` (series, explicit timestamp, value and
  /// the byte range of the value text, in order).
  init(
    body: [UInt8], layout: FrameLayout, contentType: String,
    samples: [(index: Int, time: Int64?, value: Double, text: Range<Int>)], current: Set<Int>,
    notes: LineRead? = nil
  ) {
    self.body = body
    self.layout = layout
    self.contentType = contentType
    self.current = current
    series = samples.map(\.index)
    explicitTimes = samples.map(\.time)
    values = samples.map(\.value)
    var seen: Set<Int> = []
    seen.reserveCapacity(samples.count)
    firstOfSeries = samples.map { seen.insert($0.index).inserted }
    var mapping = [Int32](repeating: -1, count: layout.slotCount)
    var slot = 0
    // Samples and slots both run in line order: one merge pass pairs them.
    for (position, sample) in samples.enumerated() {
      while slot < layout.slotCount && layout.valueRange(slot).lowerBound < sample.text.lowerBound {
        slot += 1
      }
      guard slot < layout.slotCount else { break }
      if layout.valueRange(slot) == sample.text {
        mapping[slot] = Int32(position)
        slot += 1
      }
    }
    sampleOfSlot = mapping
    if let notes, notes.sampleLines.count == samples.count {
      lines = ScrapeLines(
        body: body, layout: layout, sampleLines: notes.sampleLines, sampleTexts: samples.map(\.text),
        kinds: notes.kinds, typeLines: notes.typeLines)
    }
  }

  /// Reads `body` (laid out as `layout`, which has this template's skeleton) into ``values``;
  /// false, with nothing changed, when the body needs a full parse.
  mutating func read(body newBody: [UInt8], layout newLayout: FrameLayout) -> Bool {
    guard newLayout.slotCount == layout.slotCount else { return false }
    var updates: [(sample: Int32, value: Double)] = []
    let fits = newBody.withUnsafeBufferPointer { new in
      body.withUnsafeBufferPointer { old in
        for slot in 0..<layout.slotCount {
          let newRange = newLayout.valueRange(slot)
          let oldRange = layout.valueRange(slot)
          if Self.equal(new, newRange, old, oldRange) { continue }
          let sample = sampleOfSlot[slot]
          guard sample >= 0, let value = ExpositionParser.sampleValue(new, newRange) else { return false }
          updates.append((sample, value))
        }
        return true
      }
    }
    guard fits else { return false }
    for update in updates { values[Int(update.sample)] = update.value }
    body = newBody
    layout = newLayout
    return true
  }

  private static func equal(
    _ a: UnsafeBufferPointer<UInt8>, _ ra: Range<Int>, _ b: UnsafeBufferPointer<UInt8>, _ rb: Range<Int>
  ) -> Bool {
    guard ra.count == rb.count else { return false }
    guard let pa = a.baseAddress, let pb = b.baseAddress else { return ra.isEmpty }
    return memcmp(pa + ra.lowerBound, pb + rb.lowerBound, ra.count) == 0
  }
}
