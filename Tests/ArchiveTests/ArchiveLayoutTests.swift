import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func aScanSkipsADamagedStretchAndResyncsOnTheNextRecord() throws {
  let (bytes, frames) = try ArchiveReaderTests.smallArchive()
  let clean = try ArchiveReader(bytes: bytes)
  var damaged = bytes
  let victim = clean.frames[5]
  // Wipe the marker of frame 5 and drop the footer: the scan must find frame 6 again.
  damaged[victim.offset] = 0
  damaged.removeLast(RecordLayout.footerSize)
  let reader = try ArchiveReader(bytes: damaged)
  #expect(!reader.closedCleanly)
  #expect(reader.frames.count == frames.count - 1)
  #expect(reader.diagnostics.first?.offset == victim.offset)
  #expect(reader.truncatedTailOffset == nil)
}
