import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func predictableHeadersAreStoredAsPredictionsAndComeBackExactly() throws {
  let headers: [Frame.HeaderField] = [
    .init("Date", "Wed, 25 Nov 2026 11:44:06 GMT"), .init("Content-Length", "12"),
    .init("Date", "Wed,  25 Nov 2026 11:44:06 GMT"), .init("Content-Length", "012"), .init("X", ""),
  ]
  let meta = FrameMeta(contentType: "text/plain", message: "", headers: headers)
  var writer = ByteWriter()
  meta.encode(into: &writer, bodyLength: 12, timeMs: 1_795_607_045_900)
  var reader = ByteReader(writer.bytes[...], base: 0, context: "meta")
  let decoded = try FrameMeta.decode(from: &reader, bodyLength: 12, timeMs: 1_795_607_045_900)
  #expect(decoded.headers == headers)
  #expect(reader.isAtEnd)
  // The first two values take one kind byte (+1 offset byte for the date) instead of their text.
  #expect(writer.bytes.count < 100)
}
