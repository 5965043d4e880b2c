import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(5)), .recording("recordings/ray-2.60-workload.rayrec"))
struct DashboardExpectationsTests {
  @Test(arguments: try Dashboard.load("dashboards/ray-overview.json").panels)
  func panelShowsData(_ panel: Panel) throws {
    try expectData(panel)
  }

  @Test func anEmptyPanelNamesTheMissingMetric() throws {
    let panel = Panel(
      title: "GPU", targets: [PanelTarget(refId: "A", expr: "avg(ray_node_gpus_utilization)")])
    try withKnownIssue {
      _ = try expectData(panel)
    } matching: { issue in
      issue.comments.contains {
        $0.rawValue.contains("panel \"GPU\" shows no data")
          && $0.rawValue.contains("reason: metric ray_node_gpus_utilization is not in the recording")
      }
    }
  }
}
