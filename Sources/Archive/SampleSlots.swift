import Glibc

/// Where the value token of one sample line sits in an exposition body.
///
/// A sample line is `key SP value [SP rest]` where `key` is the metric name with its optional
/// `{...}` label set (quotes and escapes respected). The value token runs from the byte after
/// that space to the next space or the end of the line. Comment lines, blank lines and lines
/// that do not have this shape have no slot and travel verbatim in the skeleton.
struct SampleSlot {
  /// First byte of the line (the key starts here).
  var keyStart: Int32
  /// Index of the space after the key; the value starts at `keyEnd + 1`.
  var keyEnd: Int32
  /// One past the last byte of the value token.
  var valueEnd: Int32

  var valueStart: Int { Int(keyEnd) + 1 }
}

enum SampleSlots {
  /// Finds every sample slot of `body`.
  ///
  /// The same function runs on a body and on its skeleton (the body with every value token
  /// removed): the key of each line is identical in both and the slot decision depends only on
  /// bytes up to the key's end, so both yield the same slots (with empty values in the skeleton).
  static func parse(_ body: UnsafeBufferPointer<UInt8>) -> [SampleSlot] {
    var slots: [SampleSlot] = []
    guard let base = body.baseAddress, body.count < Int(Int32.max) else { return slots }
    let count = body.count
    slots.reserveCapacity(count / 128)
    var index = 0
    while index < count {
      let lineStart = index
      let lineEnd: Int
      if let newline = memchr(base + index, 0x0A, count - index) {
        lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
      } else {
        lineEnd = count
      }
      index = lineEnd + 1
      if lineStart == lineEnd || base[lineStart] == UInt8(ascii: "#") { continue }
      guard let keyEnd = findKeyEnd(base, from: lineStart, to: lineEnd), keyEnd < lineEnd,
        base[keyEnd] == UInt8(ascii: " ")
      else { continue }
      var valueEnd = keyEnd + 1
      while valueEnd < lineEnd && base[valueEnd] != UInt8(ascii: " ") { valueEnd += 1 }
      slots.append(
        SampleSlot(keyStart: Int32(lineStart), keyEnd: Int32(keyEnd), valueEnd: Int32(valueEnd)))
    }
    return slots
  }

  /// Index just past the key (name and label set), or nil when a label set never closes.
  private static func findKeyEnd(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int
  ) -> Int? {
    var index = start
    while index < end {
      let byte = base[index]
      if byte == UInt8(ascii: " ") { return index }
      if byte == UInt8(ascii: "{") { break }
      index += 1
    }
    if index == end { return end }
    index += 1
    // Outside quotes only `"` and `}` matter; inside, jump from quote to quote with memchr and
    // treat a quote preceded by an odd run of backslashes as escaped.
    while index < end {
      let byte = base[index]
      if byte == UInt8(ascii: "}") { return index + 1 }
      if byte != UInt8(ascii: "\"") {
        index += 1
        continue
      }
      let open = index
      var search = index + 1
      while true {
        guard search < end, let found = memchr(base + search, 0x22, end - search) else { return nil }
        let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        var backslashes = 0
        while quote - backslashes - 1 > open && base[quote - backslashes - 1] == UInt8(ascii: "\\") {
          backslashes += 1
        }
        if backslashes % 2 == 0 {
          index = quote + 1
          break
        }
        search = quote + 1
      }
    }
    return nil
  }
}
