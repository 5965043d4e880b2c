import RayRecTesting
import Testing

/// The DSL over a simulated scenario (scenarios/actor-crash-loop.scn: from 5m to 20m both
/// replicas of the actor `Flaky` on node w1 die every 20s and restart 3s later).
@Suite(.timeLimit(.minutes(5)), .recording("recordings/actor-crash-loop.rayrec", labels: ["env": "ci"]))
struct ScenarioExamplesTests {
  static let failures = "sum(increase(ray_node_manager_unexpected_worker_failure_total[1m]))"

  @Test func restartsAreCountedPerNode() throws {
    try expectValue(
      "sum by (instance) (ray_node_manager_unexpected_worker_failure_total)",
      where: ["instance": "127.0.0.2:8080"],
      equals: 90)
    try expectValue(
      "sum by (instance) (ray_node_manager_unexpected_worker_failure_total)",
      where: ["instance": "127.0.0.1:8080"],
      equals: 0)
    try expectQuery("sum by (State) (ray_actors)", at: .beforeEnd(.minutes(1))) {
      ($0["State", "ALIVE"] ?? 0) >= 1
    }
  }

  @Test func objectStoreStaysBounded() throws {
    try expectAlways("sum(ray_object_store_memory)", lessThan: 2e9)
  }

  @Test func actorsRestartDuringTheLoopOnly() throws {
    try expectNever("sum(ray_actors{State=\"RESTARTING\"}) > 0", during: .first(.minutes(4)))
    try expectEventually("sum(ray_actors{State=\"RESTARTING\"}) > 0", within: .minutes(10))
    try expectNever("sum(ray_actors{State=\"RESTARTING\"}) > 0", during: .last(.minutes(5)))
  }

  @Test func crashLoopAlertWouldFire() throws {
    try expectAlertSilent("\(Self.failures) > 3", for: .minutes(2), at: .afterStart(.minutes(5)))
    try expectAlertFires("\(Self.failures) > 3", for: .minutes(2), at: .afterStart(.minutes(10)))
    try expectAlertSilent("\(Self.failures) > 3", for: .minutes(2), at: .end)
  }

  @Test(arguments: try Dashboard.load("dashboards/ray-overview.json").panels)
  func panelShowsData(_ panel: Panel) throws { try expectData(panel) }
}
