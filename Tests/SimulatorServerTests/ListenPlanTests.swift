import HTTP
import Simulator
import Testing

@testable import SimulatorServer

/// Issue 20, §3 point 3: simulate listens on loopback unless told otherwise.
@Suite(.timeLimit(.minutes(1))) struct ListenPlanTests {
  static func targets(_ nodes: String) throws -> [SimulatedTarget] {
    let text = """
      scenario "plan"
      profile ray-2.60
      start 2026-11-25T12:00:00Z
      duration 1m
      interval 5s
      \(nodes)
      """
    return Simulation(scenario: try Scenario.parse(text, file: "plan.scn")).targets
  }

  static func hosts(_ plan: ListenPlan) -> [String] { plan.addresses.map(\.description) }

  @Test func loopbackAddressesAreKeptAsWritten() throws {
    let plan = try ListenPlan(
      targets: Self.targets("node head 127.0.0.1 head cpus=4\nnode w1 127.0.0.2 cpus=4"))
    #expect(
      Self.hosts(plan) == ["127.0.0.1:8080", "127.0.0.1:44217", "127.0.0.1:44227", "127.0.0.2:8080"])
    #expect(plan.moved.isEmpty)
  }

  @Test func everyOtherAddressMovesToLoopbackAndIsReported() throws {
    let plan = try ListenPlan(
      targets: Self.targets(
        "node head 0.0.0.0 head cpus=4\nnode w1 127.0.0.1 cpus=4\nnode w2 10.0.0.7 cpus=4\nnode w3 10.0.0.7 cpus=4 agent=8081"
      ))
    // w1 holds 127.0.0.1:8080 as written; the moved nodes take the next loopback addresses free
    // at their ports, w2 and w3 (one host) together.
    #expect(
      Self.hosts(plan) == [
        "127.0.0.2:8080", "127.0.0.2:44217", "127.0.0.2:44227", "127.0.0.1:8080", "127.0.0.3:8080",
        "127.0.0.3:8081",
      ])
    #expect(
      plan.moved == [
        .init(host: "0.0.0.0", servedOn: "127.0.0.2", nodes: ["head"]),
        .init(host: "10.0.0.7", servedOn: "127.0.0.3", nodes: ["w2", "w3"]),
      ])
  }

  @Test func bindServesEveryEndpointWhereItSaysEvenAllInterfaces() throws {
    let plan = try ListenPlan(
      targets: Self.targets("node head 0.0.0.0 head cpus=4"), bind: "0.0.0.0", portOffset: 1)
    #expect(Self.hosts(plan) == ["0.0.0.0:8081", "0.0.0.0:44218", "0.0.0.0:44228"])
    #expect(plan.moved.isEmpty)
  }

  @Test func aMapPlacesOneEndpointAndABadBindIsNamed() throws {
    let targets = try Self.targets("node head 0.0.0.0 head cpus=4")
    let mapped = try #require(SocketAddress(host: "127.0.0.9", port: 9000))
    let plan = try ListenPlan(targets: targets, maps: ["0.0.0.0:44217": mapped])
    #expect(Self.hosts(plan) == ["127.0.0.1:8080", "127.0.0.9:9000", "127.0.0.1:44227"])
    #expect(throws: ListenPlan.Failure(option: "bind", message: "'nowhere' is not an IPv4 address")) {
      try ListenPlan(targets: targets, bind: "nowhere")
    }
  }
}
