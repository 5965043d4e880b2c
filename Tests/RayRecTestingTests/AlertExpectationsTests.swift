import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(5)), .recording("recordings/ray-2.60-workload.rayrec"))
struct AlertExpectationsTests {
  static let failures = "sum(increase(ray_node_manager_unexpected_worker_failure_total[1m])) > 0"

  @Test func workerFailureAlertFires() throws {
    let firing = try expectAlertFires(Self.failures, for: .seconds(30), at: .afterStart(.minutes(2)))
    #expect(firing.count == 1)
  }

  @Test func nothingFiresBeforeTheWorkload() throws {
    try expectAlertSilent(Self.failures, for: .seconds(30), at: .afterStart(.seconds(10)))
  }

  @Test func aForLongerThanTheRecordingNeverFires() throws {
    try withKnownIssue {
      _ = try expectAlertFires(Self.failures, for: .minutes(10), at: .end)
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("expectAlertFires: the alert is not firing at end") }
    }
  }
}
