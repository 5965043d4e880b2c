import Exposition
import Foundation
import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct Ray260AgentRendererTests {
  static let samples: URL? = PyFloatRealScrapeTests.scrapes

  /// Families our ray-2.60 profile shares with a real Ray 2.60 node have the same HELP, TYPE and
  /// label names (compared with the last scrape of each real endpoint).
  @Test(.enabled(if: samples != nil))
  func familiesMatchARealRayNode() throws {
    let root = try #require(Self.samples)
    let sim = Simulation(scenario: try Scenarios.load("actor-crash-loop.scn"))
    var compared = 0
    for (port, endpoint) in [("8080", "agent"), ("44217", "autoscaler"), ("44227", "dashboard")] {
      let dir = root.appendingPathComponent("127.0.0.1:\(port)")
      let last = try #require(
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".prom") }.max())
      let real = try MetricFamily.parse(
        Array(try Data(contentsOf: dir.appendingPathComponent(last))), format: .text)
      let target = try #require(sim.targets.firstIndex { $0.node == "head" && $0.endpoint == endpoint })
      let body = try #require(sim.response(for: target, at: 600_000, accept: nil).answer?.body)
      for family in try MetricFamily.parse(body, format: .text) {
        guard let twin = real.first(where: { $0.name == family.name }) else { continue }
        compared += 1
        #expect(family.type == twin.type, "\(family.name)")
        if family.name != "ray_component_cpu_percentage" || endpoint == "agent" {
          #expect(family.help == twin.help, "\(family.name)")
        }
        if let mine = family.samples.first, let theirs = twin.samples.first(where: { $0.name == mine.name }) {
          #expect(Set(mine.labels.map(\.name)) == Set(theirs.labels.map(\.name)), "\(mine.name)")
        }
      }
    }
    #expect(compared > 40)
  }
}
