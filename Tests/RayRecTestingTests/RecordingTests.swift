import RayRecTesting
import Testing

@Suite struct RecordingTests {
  @Test func aRecordingIsLoadedOncePerPathAndLabels() throws {
    let a = try Recording.archive("recordings/ray-2.60-workload.rayrec")
    let b = try Recording.archive("recordings/ray-2.60-workload.rayrec")
    #expect(a === b)
    #expect(a.endMs - a.startMs > 170_000)
  }

  @Test func withoutARecordingAssertionsSaySo() {
    #expect(throws: RecordingError.self) { try expectNever("up == 0") }
  }

  @Test func aMissingArchiveFailsTheLoad() {
    #expect(throws: (any Error).self) { try Recording.archive("/nonexistent/x.rayrec") }
  }

  @Test(.recording("recordings/ray-2.60-workload.rayrec"))
  func theTraitProvidesTheRecording() throws {
    #expect(Recording.current != nil)
    try expectValue("count(up)", equals: 3)
  }

  @Test func anExplicitRecordingNeedsNoTrait() throws {
    let recording = try Recording.archive("recordings/ray-2.60-workload.rayrec")
    try expectValue("count(up)", equals: 3, in: recording)
  }
}
