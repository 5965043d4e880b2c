import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func headersRoundTripAndNewerVersionsAreRefused() throws {
  let header = ArchiveHeader(createdMs: -1, recorderVersion: "rayrec 0.1.0", targets: testTargets(3))
  #expect(try ArchiveHeader.decode(header.encode()[...], base: 8) == header)
  var newer = header
  newer.formatVersion = 2
  #expect(throws: ArchiveError.unsupportedVersion(2)) {
    try ArchiveHeader.decode(newer.encode()[...], base: 8)
  }
  #expect(throws: ArchiveError.self) { try ArchiveHeader.decode(header.encode().dropLast(), base: 8) }
}
