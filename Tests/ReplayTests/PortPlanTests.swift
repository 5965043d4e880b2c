import Archive
import HTTP
import Testing

@testable import Replay

@Suite(.timeLimit(.minutes(5))) struct PortPlanTests {
  func target(_ id: UInt32, _ instance: String) -> ArchiveTarget {
    ArchiveTarget(id: id, url: "http://\(instance)/metrics", job: "ray")
  }

  func addresses(_ plan: PortPlan) -> [String] { plan.entries.map(\.address.description) }

  @Test func targetsKeepTheirOriginalPortsOnTheBindAddress() throws {
    let plan = try PortPlan(targets: [target(0, "10.0.0.1:8080"), target(1, "10.0.0.1:44217")])
    #expect(addresses(plan) == ["127.0.0.1:8080", "127.0.0.1:44217"])
    #expect(plan.description == "10.0.0.1:8080 -> 127.0.0.1:8080\n10.0.0.1:44217 -> 127.0.0.1:44217")
  }

  @Test func hostsSharingAPortGetDistinctLoopbackAddresses() throws {
    let plan = try PortPlan(targets: [
      target(0, "node-a:8080"), target(1, "node-b:8080"), target(2, "node-a:44217"), target(3, "node-c:8080"),
      target(4, "node-b:9999"),
    ])
    #expect(
      addresses(plan) == [
        "127.0.0.1:8080", "127.0.0.2:8080", "127.0.0.1:44217", "127.0.0.3:8080", "127.0.0.2:9999",
      ])
  }

  @Test func anOffsetMovesEveryPort() throws {
    let plan = try PortPlan(
      targets: [target(0, "10.0.0.1:8080"), target(1, "10.0.0.2:8080")], bind: "127.0.0.5", portOffset: 20000)
    #expect(addresses(plan) == ["127.0.0.5:28080", "127.0.0.2:28080"])
  }

  @Test func offsetsPastTheLastPortAreRefused() {
    #expect(throws: ReplayError.self) {
      try PortPlan(targets: [target(0, "h:60000")], portOffset: 6000)
    }
  }

  @Test func mapsOverrideThePlanAndAreKeptFree() throws {
    let maps = [try PortPlan.Mapping(parsing: "10.0.0.2:8080=127.0.0.1:8080")]
    let plan = try PortPlan(targets: [target(0, "10.0.0.1:8080"), target(1, "10.0.0.2:8080")], maps: maps)
    #expect(addresses(plan) == ["127.0.0.2:8080", "127.0.0.1:8080"])
  }

  @Test func twoMapsOntoOneAddressClash() throws {
    let maps = [
      try PortPlan.Mapping(parsing: "a:1=127.0.0.1:9000"),
      try PortPlan.Mapping(parsing: "b:1=127.0.0.1:9000"),
    ]
    let error = #expect(throws: ReplayError.self) {
      try PortPlan(targets: [target(0, "a:1"), target(1, "b:1")], maps: maps)
    }
    #expect(error == .addressClash(address: "127.0.0.1:9000", first: "a:1", second: "b:1"))
  }

  @Test func aNonLoopbackBindCannotDodgeAClash() {
    #expect(throws: ReplayError.self) {
      try PortPlan(targets: [target(0, "a:8080"), target(1, "b:8080")], bind: "0.0.0.0")
    }
  }

  @Test func badMapsNameTheProblem() {
    for text in ["a:1", "a=127.0.0.1:1", "a:1=host:2", "a:1=127.0.0.1"] {
      #expect(throws: ReplayError.self) { try PortPlan.Mapping(parsing: text) }
    }
  }
}
