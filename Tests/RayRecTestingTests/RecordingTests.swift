import Foundation
import RayRecTesting
import Synchronization
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

/// Issue 15, point 2: a suite over a torn archive fails unless it opts in.
@Suite(.timeLimit(.minutes(1))) struct UnfinishedRecordingTests {
  static func tornCopy() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("rayrec-torn-\(UUID().uuidString).rayrec").path
    let bytes = try Data(contentsOf: URL(fileURLWithPath: "recordings/seed-healthy.rayrec")).prefix(5000)
    try bytes.write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func aTornArchiveFailsTheSuite() async throws {
    let path = try Self.tornCopy()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let trait = RecordingTrait.recording(path)
    var ran = false
    do {
      try await trait.provideScope(for: try #require(Test.current), testCase: nil) {}
      ran = true
      Issue.record("the suite ran over a torn archive")
    } catch let error as RecordingError {
      #expect(error.description.hasPrefix("\(path): warning: the archive was not closed cleanly"))
      #expect(
        error.description.hasSuffix("or pass allowUnfinished: true to .recording(...) to test it as it is"))
    }
    #expect(!ran)
  }

  @Test func optingInRunsItWithAWarning() async throws {
    let path = try Self.tornCopy()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let trait = RecordingTrait.recording(path, allowUnfinished: true)
    let ran = Mutex(false)
    try await trait.provideScope(for: try #require(Test.current), testCase: nil) {
      ran.withLock { $0 = true }
    }
    #expect(ran.withLock { $0 })
  }
}
