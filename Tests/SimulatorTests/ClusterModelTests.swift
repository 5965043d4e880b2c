import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct ClusterModelTests {
  static let text = """
    profile ray-2.60
    duration 10m
    node head 127.0.0.1 cpus=4 object-store=1GiB
    node w1 127.0.0.2 cpus=2 object-store=1GiB
    node late 127.0.0.3 absent
    actor A on w1 count=3
    task t rate=100/s duration=1s
    at 1m actor A crash-loop every 20s for 1m
    at 2m node w1 leave for 1m
    at 4m node late join
    at 5m object-store head fill 200% over 30s
    """

  func model() throws -> ClusterModel {
    ClusterModel(scenario: try Scenario.parse(Self.text, file: "m.scn"))
  }

  @Test func membershipFollowsTheTimeline() throws {
    let m = try model()
    #expect(m.isAlive(node: 1, at: 119_999) && !m.isAlive(node: 1, at: 120_000))
    #expect(!m.isAlive(node: 1, at: 179_999) && m.isAlive(node: 1, at: 180_000))
    #expect(!m.isAlive(node: 2, at: 0) && m.isAlive(node: 2, at: 240_000))
  }

  @Test func crashesAreCountedOncePerWindow() throws {
    let m = try model()
    #expect(m.crashes(actor: 0, from: 0, to: 59_999) == 0)
    #expect(m.crashes(actor: 0, from: 59_999, to: 60_000) == 1)
    #expect(m.crashes(actor: 0, from: 0, to: 600_000) == 3)  // 1m, 1m20s, 1m40s
    #expect(m.crashes(actor: 0, from: 60_000, to: 100_000) == 2)
  }

  @Test func integrationKeepsInvariants() throws {
    let m = try model()
    var s = m.initialState()
    var restartsSeen = 0.0
    for _ in 0..<600 {
      m.step(&s)
      for (n, node) in s.nodes.enumerated() where node.alive {
        let cap = m.scenario.nodes[n].objectStoreBytes
        #expect(node.objectStoreUsed >= 0 && node.objectStoreUsed <= cap)
        let running = node.tasks.reduce(0) { $0 + $1.running }
        #expect(running <= Double(m.scenario.nodes[n].cpus))
      }
      restartsSeen = max(restartsSeen, s.actors[0].restartsTotal)
    }
    #expect(restartsSeen == 9)
    #expect(s.nodes[0].spilledBytes > 0)
    #expect(s.nodes[1].incarnation == 1 && s.nodes[2].incarnation == 1)
    #expect(s.actors[0].restarts == 0)  // its node restarted after the crash loop
  }
}
