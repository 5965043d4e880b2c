import Foundation
import RayRecTesting
import Testing

/// Issue 15, point 13: failure messages say what the recording lacks, how close a threshold
/// came, where a recording was looked for, and what a Prometheus window is.
@Suite(.recording("recordings/ray-2.60-workload.rayrec"), .timeLimit(.minutes(1)))
struct FailureMessagesTests {
  static func expectIssue(containing parts: [String], _ body: () throws -> Void) {
    withKnownIssue {
      do { try body() } catch { Issue.record(error) }
    } matching: { issue in
      issue.comments.contains { comment in parts.allSatisfy { comment.rawValue.contains($0) } }
    }
  }

  @Test func aMisspelledMetricIsNamedAsMissing() {
    Self.expectIssue(containing: [
      "expectEventually: the query never returned anything",
      "reason: metric ray_taks is not in the recording",
    ]) { try expectEventually("sum(ray_taks)") }
    Self.expectIssue(containing: ["reason: metric ray_taks is not in the recording"]) {
      try expectValue("sum(ray_taks)", equals: 1)
    }
  }

  @Test func aThresholdNeverCrossedGivesThePeak() {
    Self.expectIssue(containing: [
      "the expression returned nothing from",
      "peak of sum(ray_tasks): ", "(never > 1000000)",
    ]) { try expectAlertFires("sum(ray_tasks) > 1e6", for: .minutes(1)) }
    Self.expectIssue(containing: ["peak of sum(ray_tasks): ", "(never > 1000000)"]) {
      try expectEventually("sum(ray_tasks) > 1e6")
    }
  }

  @Test func aMissingRecordingSaysWhereItLookedOnce() async throws {
    let trait = RecordingTrait.recording("recordings/no-such.rayrec")
    do {
      try await trait.provideScope(for: try #require(Test.current), testCase: nil) {}
      Issue.record("a missing recording loaded")
    } catch let error as RecordingError {
      let text = error.description
      #expect(text.hasPrefix("recording recordings/no-such.rayrec not found; looked for it at:\n"))
      #expect(text.contains(FileManager.default.currentDirectoryPath + "/recordings/no-such.rayrec\n"))
      #expect(text.contains("/Tests/RayRecTestingTests/recordings/no-such.rayrec\n"))
    }
  }

  @Test func aPrometheusWindowIsNotCalledTheWholeRecording() throws {
    let backend = try PrometheusBackend(url: "http://127.0.0.1:9", window: .minutes(15))
    #expect(backend.wholeDescription == "the last 15m of http://127.0.0.1:9 before the test started")
    #expect(
      try ArchiveBackend(path: "recordings/seed-healthy.rayrec").wholeDescription == "the whole recording")
  }
}
