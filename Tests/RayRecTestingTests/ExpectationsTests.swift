import Dashboards
import RayRecTesting
import Testing

/// The DSL over the shipped real Ray 2.60 recording (3 minutes: 1,096 tasks, 295 failed).
@Suite(.timeLimit(.minutes(5)), .recording("recordings/ray-2.60-workload.rayrec", labels: ["env": "ci"]))
struct ExpectationsTests {
  @Test func tasksAreCountedPerState() throws {
    try expectQuery("sum by (State) (ray_tasks)", at: .end) { ($0["State", "FINISHED"] ?? 0) > 500 }
  }

  @Test func failedTasksAtTheEnd() throws {
    try expectValue("sum by (State) (ray_tasks)", where: ["State": "FAILED"], equals: 295)
  }

  @Test func extraLabelsReachEverySeries() throws {
    try expectQuery("count(up{env=\"ci\", ray_io_cluster=\"e2e\"})") { $0.onlyValue == 3 }
  }

  @Test func valuesCanBeCheckedWithATolerance() throws {
    let cpu = try expectValue("avg(ray_node_cpu_utilization)", at: .beforeEnd(.seconds(30)), .between(0, 100))
    #expect(cpu != nil)
  }

  @Test func aPredicateSeesTheWholeResult() throws {
    let result = try expectQuery("sum by (Type) (ray_node_manager_unexpected_worker_failure_total)") {
      $0.count == 2 && $0.sum > 0
    }
    #expect(result?[["Type": "Raylet.UnexpectedActorFailure.Total"]] != nil)
  }

  @Test func withKnownIssueCatchesAWrongValue() throws {
    try withKnownIssue {
      _ = try expectValue("sum by (State) (ray_tasks)", where: ["State": "FAILED"], equals: 1)
    } matching: { issue in
      issue.comments.contains { comment in
        let text = comment.rawValue
        return text.contains("expectValue: 295 is not == 1")
          && text.contains("query: sum by (State) (ray_tasks)")
          && text.contains("series: {State=\"FAILED\"}") && text.contains("at: end (")
      }
    }
  }

  @Test func failuresAreReportedAtTheCallersLine() throws {
    let line = #line + 2
    try withKnownIssue {
      _ = try expectQuery("sum(up)") { $0.onlyValue == 4 }
    } matching: { issue in
      issue.sourceLocation?.line == line
        && issue.sourceLocation?.fileID.hasSuffix("ExpectationsTests.swift") == true
    }
  }

  @Test func aBadQueryIsAnIssueWithThePrometheusMessage() throws {
    try withKnownIssue {
      _ = try expectQuery("sum(up") { _ in true }
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("query failed: 1:7: parse error") }
    }
  }

  @Test func ambiguousLabelsAskForMore() throws {
    try withKnownIssue {
      _ = try expectValue("up", equals: 1)
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("3 series match; add labels to pick one") }
    }
  }
}
