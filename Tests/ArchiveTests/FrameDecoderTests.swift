import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func aDeltaFrameWithoutItsBaseIsUndecodableNotGarbage() throws {
  let encoder = try FrameEncoder(options: ArchiveWriterOptions())
  let first = try encoder.encode(sampleFrame(target: 0, time: 0, step: 0))
  let second = try encoder.encode(sampleFrame(target: 0, time: 1, step: 1))
  let decoder = try FrameDecoder()
  let decodedFirst = try decoder.decode(payload: first.payload[...], offset: 100, previous: nil)
  #expect(decodedFirst.frame == sampleFrame(target: 0, time: 0, step: 0))
  #expect(
    try decoder.decode(payload: second.payload[...], offset: 200, previous: decodedFirst.state).frame
      == sampleFrame(target: 0, time: 1, step: 1))
  #expect(throws: ArchiveError.self) {
    try decoder.decode(payload: second.payload[...], offset: 200, previous: nil)
  }
  var wrongBase = decodedFirst.state
  wrongBase.sequence = 5
  #expect(throws: ArchiveError.self) {
    try decoder.decode(payload: second.payload[...], offset: 200, previous: wrongBase)
  }
}
