/// Writes explicit sample timestamps into an exposition body, so that Prometheus stores the
/// recorded time instead of its own scrape time.
///
/// Text 0.0.4 takes integer milliseconds, OpenMetrics seconds (`1700000000.250`). Samples that
/// already carry a timestamp keep it; comments, blank lines and exemplars are left alone.
public enum SampleTimestamps {
  /// The body with `timestampMs` appended to every sample line without a timestamp.
  public static func insert(into body: [UInt8], timestampMs: Int64, openMetrics: Bool) -> [UInt8] {
    let stamp = Array((" " + format(timestampMs, openMetrics: openMetrics)).utf8)
    var out: [UInt8] = []
    out.reserveCapacity(body.count + body.count / 4)
    var start = 0
    while start < body.count {
      var end = start
      while end < body.count && body[end] != 0x0A { end += 1 }
      let insertAt = insertionPoint(body, start, end)
      if let insertAt {
        out.append(contentsOf: body[start..<insertAt])
        out.append(contentsOf: stamp)
        out.append(contentsOf: body[insertAt..<end])
      } else {
        out.append(contentsOf: body[start..<end])
      }
      if end < body.count { out.append(0x0A) }
      start = end + 1
    }
    return out
  }

  /// `1700000000250` (text) or `1700000000.250` (OpenMetrics).
  static func format(_ ms: Int64, openMetrics: Bool) -> String {
    guard openMetrics else { return String(ms) }
    let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
    let fraction = ms - seconds * 1000
    return "\(seconds)." + String(String(fraction + 1000).dropFirst())
  }

  /// Where the timestamp goes in the line `start..<end`: right after the value, when the line is a
  /// sample with a value and no timestamp; nil otherwise.
  static func insertionPoint(_ b: [UInt8], _ start: Int, _ end: Int) -> Int? {
    func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
    var i = start
    while i < end && blank(b[i]) { i += 1 }
    guard i < end, b[i] != UInt8(ascii: "#") else { return nil }
    // The name (possibly quoted, inside braces) and the label set.
    while i < end && !blank(b[i]) && b[i] != UInt8(ascii: "{") { i += 1 }
    if i < end && b[i] == UInt8(ascii: "{") {
      var quoted = false
      i += 1
      while i < end {
        let byte = b[i]
        if quoted {
          if byte == UInt8(ascii: "\\") {
            i += 1
          } else if byte == UInt8(ascii: "\"") {
            quoted = false
          }
        } else if byte == UInt8(ascii: "\"") {
          quoted = true
        } else if byte == UInt8(ascii: "}") {
          break
        }
        i += 1
      }
      guard i < end else { return nil }
      i += 1
    }
    // Tokens after the name: the value, then maybe a timestamp, then maybe `# exemplar`.
    var tokens = 0
    var valueEnd: Int?
    while i < end {
      while i < end && blank(b[i]) { i += 1 }
      guard i < end, b[i] != UInt8(ascii: "#") else { break }
      while i < end && !blank(b[i]) { i += 1 }
      tokens += 1
      if tokens == 1 { valueEnd = i }
    }
    return tokens == 1 ? valueEnd : nil
  }
}
