import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func slotsMatchByPositionLookAheadAndLowestEqualKey() {
  let previous = Array("a 1\nb 1\nc 1\nd 1\ne 1\nf 1\nb 2\n".utf8)
  // Duplicate keys: the table resolves "b" to the lowest index, 1.
  let slots = previous.withUnsafeBufferPointer { SampleSlots.parse($0) }
  previous.withUnsafeBufferPointer { body in
    var matcher = SlotMatcher(body: body, slots: slots)
    func match(_ key: String) -> Int? {
      Array(key.utf8).withUnsafeBufferPointer { matcher.match($0) }
    }
    #expect(match("a") == 0)  // position
    #expect(match("c") == 2)  // look-ahead (b dropped)
    #expect(match("new") == nil)
    #expect(match("f") == 5)  // look-ahead limit is 3: d, e, f
    #expect(match("b") == 6)  // position (the later duplicate comes next)
    #expect(match("a") == 0)  // the table: lowest index with an equal key
    #expect(match("b") == 1)  // position again, after a
    #expect(match("b") == 1)  // the table: the lowest of the duplicates, not 6
  }
}
