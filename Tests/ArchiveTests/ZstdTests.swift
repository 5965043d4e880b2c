import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func zstdRoundTripsWithAndWithoutAPrefix() throws {
  let prefix = Array(String(repeating: "ray_tasks{State=\"RUNNING\"} 1.0\n", count: 100).utf8)
  let source = prefix + Array("extra".utf8)
  let compressor = try ZstdCompressor(level: 19)
  let withPrefix = try compressor.compress(source, prefix: prefix)
  let without = try compressor.compress(source, prefix: nil)
  #expect(withPrefix.count < without.count)
  let decompressor = try ZstdDecompressor()
  let decoded = withPrefix.withUnsafeBytes { packed in
    prefix.withUnsafeBytes { decompressor.decompress(packed, size: source.count, prefix: $0) }
  }
  #expect(try decoded.get() == source)
  // Wrong size or missing prefix: an error, never a crash.
  let wrong = withPrefix.withUnsafeBytes { decompressor.decompress($0, size: source.count + 1, prefix: nil) }
  #expect(throws: ZstdFailure.self) { try wrong.get() }
  #expect(Zstd.windowLog(for: 1) == 21)
  #expect(Zstd.windowLog(for: 5_000_000) == 23)
  #expect(Zstd.windowLog(for: Int.max) == 27)
}
