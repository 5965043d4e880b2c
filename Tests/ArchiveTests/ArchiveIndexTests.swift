import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func indexEntriesRoundTrip() throws {
  let entries = [
    FrameSummary(
      targetID: 0, sequence: 0, timeMs: 1_700_000_000_000, durationMicros: 1500, status: 200, failure: nil,
      isKeyframe: true, anchorSequence: nil, bodyBytes: 500_000, offset: 100, storedBytes: 9000),
    FrameSummary(
      targetID: 3, sequence: 7, timeMs: 1_699_999_999_000, durationMicros: 0, status: 0, failure: .timeout,
      isKeyframe: true, anchorSequence: 0, bodyBytes: 0, offset: 9100, storedBytes: 40),
  ]
  let added = [ArchiveTarget(id: 3, url: "http://x:1/metrics", job: "late")]
  let payload = try ArchiveIndex.encode(entries, addedTargets: added)
  let decoded = try ArchiveIndex.decode(payload[...], base: 0, fileSize: 10_000)
  #expect(decoded.entries == entries)
  #expect(decoded.addedTargets == added)
  #expect(throws: ArchiveError.self) { try ArchiveIndex.decode(payload[...], base: 0, fileSize: 9000) }
}
