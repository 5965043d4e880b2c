import Archive
import Exposition
import Testing

@testable import SeriesStore

@Suite(.timeLimit(.minutes(5))) struct TargetLabelsTests {
  static let target = ArchiveTarget(
    id: 1, url: "http://127.0.0.1:8080/metrics", job: "ray",
    labels: [ArchiveTarget.Label("ray_io_cluster", "prod")])

  @Test func targetLabelsAreJobInstanceAndExtras() {
    let labels = TargetLabels(Self.target).labels
    #expect(
      labels == [
        Exposition.Label("instance", "127.0.0.1:8080"), Exposition.Label("job", "ray"),
        Exposition.Label("ray_io_cluster", "prod"),
      ])
  }

  @Test func collidingScrapedLabelsBecomeExported() {
    let applied = TargetLabels(Self.target).apply(to: [
      Exposition.Label("job", "inner"), Exposition.Label("x", "1"),
    ])
    #expect(applied.contains(Exposition.Label("exported_job", "inner")))
    #expect(applied.contains(Exposition.Label("job", "ray")))
    #expect(applied.contains(Exposition.Label("x", "1")))
  }

  @Test func emptyLabelValuesAreDropped() {
    let applied = TargetLabels(Self.target).apply(to: [Exposition.Label("WorkerId", "")])
    #expect(!applied.contains { $0.name == "WorkerId" })
  }

  @Test func userLabelsOverrideRecordedOnes() {
    let labels = TargetLabels(Self.target, extra: [Exposition.Label("ray_io_cluster", "ci")]).labels
    #expect(labels.contains(Exposition.Label("ray_io_cluster", "ci")))
  }
}
