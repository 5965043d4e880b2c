import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(5)), .recording("recordings/ray-2.60-workload.rayrec"))
struct WindowExpectationsTests {
  @Test func everyTargetStaysUp() throws { try expectAlways("up", .equal(1, tolerance: 0)) }

  @Test func objectStoreStaysBounded() throws {
    try expectAlways("sum(ray_object_store_memory)", lessThan: 2e9)
  }

  @Test func workerFailuresEventuallyShowUp() throws {
    try expectEventually(
      "increase(ray_node_manager_unexpected_worker_failure_total[1m]) > 3", within: .minutes(3))
  }

  @Test func noTargetEverGoesDown() throws { try expectNever("up == 0") }

  @Test func aWindowCanBeTheLastMinute() throws {
    try expectAlways("sum(ray_tasks{State=\"FINISHED\"})", greaterThan: 100, during: .last(.minutes(1)))
  }

  @Test func aViolationNamesTheTimeTheSeriesAndASparkline() throws {
    try withKnownIssue {
      try expectAlways("sum(ray_tasks{State=\"FINISHED\"})", lessThan: 100)
    } matching: { issue in
      issue.comments.contains { comment in
        let text = comment.rawValue
        return text.contains("expectAlways: expected < 100 throughout, but")
          && text.contains("query: sum(ray_tasks{State=\"FINISHED\"})")
          && text.contains("window: the whole recording (")
          && text.contains("first: ") && text.contains("into the recording") && text.contains("series: {}")
          && text.unicodeScalars.contains { (0x2581...0x2588).contains($0.value) }
      }
    }
  }

  @Test func anEmptyQueryIsNotVacuouslyTrue() throws {
    try withKnownIssue {
      try expectAlways("ray_node_gpus_utilization", lessThan: 100)
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("expectAlways: the query returned no series") }
    }
  }

  @Test func neverReportsTheFirstHit() throws {
    try withKnownIssue {
      try expectNever("up == 1")
    } matching: { issue in
      issue.comments.contains { $0.rawValue.hasPrefix("expectNever: the query returned something at") }
    }
  }

  @Test func eventuallyShowsWhatItSaw() throws {
    try withKnownIssue {
      _ = try expectEventually("sum(up)", .greaterThan(3))
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("expectEventually: no point was > 3") }
    }
  }
}
