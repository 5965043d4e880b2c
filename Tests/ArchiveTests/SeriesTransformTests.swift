import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct SeriesTransformTests {
  static func roundTrip(_ texts: [String]) throws -> [TransformedBody] {
    var reference: ValueReference?
    var encoded: [TransformedBody] = []
    for text in texts {
      let body = Array(text.utf8)
      let slots = body.withUnsafeBufferPointer { SampleSlots.parse($0) }
      let transformed = SeriesTransform.encode(body: body, slots: slots, reference: reference)
      #expect(SeriesTransform.skeletonMatches(transformed.skeleton, body: slots))
      let decoded = try SeriesTransform.decode(
        skeleton: transformed.skeleton, tags: transformed.tags[...], literals: transformed.literals[...],
        deltas: transformed.deltas.bytes[...], reference: reference)
      #expect(decoded.body == body, "\(text)")
      #expect(decoded.lastDeltas == transformed.lastDeltas)
      reference = ValueReference(body: body, slots: slots, lastDeltas: transformed.lastDeltas)
      encoded.append(transformed)
    }
    return encoded
  }

  @Test func valuesAreCodedAgainstTheSameSeriesInThePreviousFrame() throws {
    let encoded = try Self.roundTrip([
      "# TYPE a counter\na_total{x=\"1\"} 10.0\na_total{x=\"2\"} 5.0\nb 1.5e+07\nc 0.25\n",
      "# TYPE a counter\na_total{x=\"1\"} 12.0\na_total{x=\"2\"} 5.0\nb 1.7e+07\nc +Inf\n",
      "# TYPE a counter\na_total{x=\"1\"} 14.0\nnew 1\na_total{x=\"2\"} 5.0\nb 1.7e+07\nc +Inf\n",
    ])
    typealias Tag = SeriesTransform.Tag
    #expect(encoded[0].tags == [Tag.literal, .literal, .literal, .literal].map(\.rawValue))
    #expect(encoded[1].tags == [Tag.delta, .same, .delta, .literal].map(\.rawValue))
    #expect(encoded[2].tags == [Tag.repeatDelta, .literal, .same, .same, .same].map(\.rawValue))
    #expect(encoded[1].literals == Array("+Inf\n".utf8))
    // 12.0 - 10.0 is stored in units of 10^-1 * 10 (one zero fraction digit): 2 -> zigzag 4.
    #expect(encoded[1].deltas.bytes.first == 4)
    #expect(
      encoded[1].skeleton == Array("# TYPE a counter\na_total{x=\"1\"} \na_total{x=\"2\"} \nb \nc \n".utf8))
  }

  @Test func numbersThatChangeTheirDigitCountAreReshapedNotLiteral() throws {
    let encoded = try Self.roundTrip([
      "a 9.3659136e+07\nb 46.637056\nc 2.0\nd 0.1\ne 1e+05\n",
      "a 9.367552e+07\nb 46.65344\nc 2.5\nd 0.125\ne 1.5e+06\n",
    ])
    typealias Tag = SeriesTransform.Tag
    #expect(encoded[1].tags == [Tag.reshape, .reshape, .reshape, .reshape, .literal].map(\.rawValue))
    #expect(encoded[1].literals == Array("1.5e+06\n".utf8))
    // a: 6 fraction digits, +16384 at the finer scale (7 digits): varint 6, zigzag 32768.
    #expect(Array(encoded[1].deltas.bytes.prefix(4)) == [6, 0x80, 0x80, 0x02])
  }

  @Test func awkwardBodiesRoundTrip() throws {
    _ = try Self.roundTrip([
      "",
      "\n\n",
      "no_newline 1",
      "no_newline 2",
      "crlf 1\r\nx{a=\"\\\"}\\\\\"} 2\r\n",
      "crlf 2\r\nx{a=\"\\\"}\\\\\"} 3\r\n",
      "ts 1 1700000000000\nts 2 1700000000001\nsp  double\nnegative -1.0\nzero -0.0\n",
      "ts 1 1700000000000\nts 3 1700000000001\nsp  triple\nnegative -3.0\nzero 0.0\n",
      "lead 007\nexp 1e+300\nbig 123456789012345678901234.5\nnan NaN\ninf +Inf\n",
      "lead 008\nexp 2e+300\nbig 123456789012345678901234.6\nnan NaN\ninf -Inf\n",
      "broken{a=\"1\" 2\nname_only\n{} 1\n",
      "broken{a=\"1\" 3\nname_only\n{} 2\n",
      "dup 1\ndup 2\ndup 3\n",
      "dup 2\ndup 2\ndup 4\n",
    ])
  }

  @Test func decodingRejectsStreamsThatDoNotFit() {
    let skeleton = Array("a \nb \n".utf8)
    #expect(throws: SeriesTransform.Failure.self) {
      try SeriesTransform.decode(
        skeleton: skeleton, tags: [1][...], literals: ArraySlice<UInt8>(),
        deltas: ArraySlice<UInt8>(), reference: nil)
    }
    #expect(throws: SeriesTransform.Failure.self) {
      try SeriesTransform.decode(
        skeleton: skeleton, tags: [0, 0][...], literals: ArraySlice<UInt8>(),
        deltas: ArraySlice<UInt8>(), reference: nil)
    }
    #expect(throws: SeriesTransform.Failure.self) {
      try SeriesTransform.decode(
        skeleton: skeleton, tags: [1, 9][...], literals: Array("1\n".utf8)[...],
        deltas: ArraySlice<UInt8>(), reference: nil)
    }
    #expect(throws: SeriesTransform.Failure.self) {
      try SeriesTransform.decode(
        skeleton: skeleton, tags: [1, 1][...], literals: Array("1\n".utf8)[...],
        deltas: ArraySlice<UInt8>(), reference: nil)
    }
  }
}
