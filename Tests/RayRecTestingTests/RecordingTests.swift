import Foundation
import PromQL
import RayRecTesting
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(5))) struct RecordingTests {
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

/// Issue 15, point 16: one load per path, labels applied at query time.
@Suite(.timeLimit(.minutes(1))) struct SharedLoadTests {
  static let path = "recordings/actor-crash-loop.rayrec"

  @Test func suitesWithDifferentLabelsShareOneLoad() throws {
    let a = try Recording.archive(Self.path, labels: ["env": "a"])
    let b = try Recording.archive(Self.path, labels: ["env": "b"])
    let plain = try Recording.archive(Self.path)
    let stores = try [a, b, plain].map { try #require($0.backend as? ArchiveBackend).store }
    #expect(stores[0] === stores[1] && stores[1] === stores[2])
    try expectValue("count(up{env=\"a\"})", equals: 4, in: a)
    try expectValue("count(up{env=~\"a|b\"})", equals: 4, in: b)
    #expect(try a.backend.instantQuery("up{env=\"b\"}", at: a.endMs) == .vector([]))
    #expect(try plain.backend.instantQuery("up{env=\"a\"}", at: a.endMs) == .vector([]))
  }

  @Test func labelsAtQueryTimeAnswerAsLabelsAtLoadTime() throws {
    let shared = try Recording.archive(Self.path, labels: ["env": "ci", "ray_io_cluster_zone": "z1"])
    let built = try ArchiveBackend(path: Self.path, labels: ["env": "ci", "ray_io_cluster_zone": "z1"])
    for query in [
      "sum by (env, instance) (rate(ray_node_manager_unexpected_worker_failure_total[1m]))",
      "count by (ray_io_cluster_zone) (up{env=\"ci\"})", "up{env!=\"ci\"}",
    ] {
      let got = try shared.backend.rangeQuery(query, start: shared.startMs, end: shared.endMs, step: 60_000)
      let want = try built.rangeQuery(query, start: built.startMs, end: built.endMs, step: 60_000)
      #expect(got == want, "\(query)")
    }
  }

  @Test func aLabelThatCollidesIsBuiltAsPrometheusWould() throws {
    let recording = try Recording.archive(Self.path, labels: ["job": "ci"])
    #expect((recording.backend as? ArchiveBackend)?.labels == ["job": "ci"])
    try expectValue("count(up{job=\"ci\"})", equals: 4, in: recording)
  }
}
