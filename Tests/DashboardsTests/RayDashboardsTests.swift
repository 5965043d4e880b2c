import Archive
import Foundation
import PromQL
import SeriesStore
import Testing

@testable import Dashboards

/// Ray 2.60's own dashboards over the shipped real recording (reference material in ../shared).
@Suite(
  .timeLimit(.minutes(5)),
  .enabled(if: Fixtures.shared != nil, "../shared/samples/ray-2.60/grafana is absent"))
struct RayDashboardsTests {
  static func files() -> [String] {
    guard let shared = Fixtures.shared else { return [] }
    let dir = shared + "/samples/ray-2.60/grafana"
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter {
      $0.hasSuffix(".json")
    }.sorted()
      .map { dir + "/" + $0 }
  }

  @Test func noPanelErrorsAndEveryNoDataHasAReason() throws {
    let reader = try ArchiveReader(path: Fixtures.packageRoot + "/recordings/ray-2.60-workload.rayrec")
    let store = try SeriesStore(reader: reader)
    let evaluator = DashboardEvaluator(engine: Engine(storage: store), from: store.startMs, to: store.endMs)
    var panels = 0
    for file in Self.files() {
      let dashboard = try Dashboard.load(file)
      for result in evaluator.evaluate(dashboard) {
        panels += 1
        #expect(result.status != .error, "\(file): \(result.displayName): \(result.reasons)")
        if result.status == .noData { #expect(!result.reasons.isEmpty) }
      }
    }
    #expect(panels > 200)
  }

  @Test func theDefaultDashboardShowsWhatTheRecordingHas() throws {
    let reader = try ArchiveReader(path: Fixtures.packageRoot + "/recordings/ray-2.60-workload.rayrec")
    let store = try SeriesStore(reader: reader)
    let evaluator = DashboardEvaluator(engine: Engine(storage: store), from: store.startMs, to: store.endMs)
    let dashboard = try Dashboard.load(
      try #require(Self.files().first { $0.hasSuffix("default_grafana_dashboard.json") }))
    let byTitle = Dictionary(
      evaluator.evaluate(dashboard).map { ($0.title, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byTitle["All Tasks by State"]?.status == .data)
    #expect(byTitle["Object Store Memory by Location"]?.status == .data)
    #expect(
      byTitle["Node GPU Usage %"]?.reasons == ["metric ray_node_gpus_utilization is not in the recording"])
    #expect(
      byTitle["Logical GPUs Usage"]?.reasons.first
        == "no series of ray_resources match Name=\"GPU\" (Name has \"CPU\", \"memory\", \"object_store_memory\")"
    )
  }
}
