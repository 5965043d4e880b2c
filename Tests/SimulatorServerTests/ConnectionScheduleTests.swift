import Foundation
import HTTP
import Simulator
import Synchronization
import Testing

@testable import SimulatorServer

/// The server itself opens and closes an endpoint's listener when the scenario's refused spans
/// begin and end: nothing outside it has to poll.
@Suite(.timeLimit(.minutes(2)), .serialized) struct ConnectionScheduleTests {
  static let scenario = """
    scenario "down for a while"
    cluster test
    profile ray-2.60
    seed 3
    start 2026-11-25T12:00:00Z
    duration 2m
    interval 5s
    node head 127.0.0.1 head cpus=2 agent=23381 autoscaler=23382 dashboard=23383
    node w1 127.0.0.1 cpus=2 agent=23384
    at 3s fault w1.agent down for 3s
    at 20s node w1 leave
    """

  @Test func theNextChangeIsTheNextEdgeOfAnEventOrTheTickItTakesEffectAt() throws {
    let simulation = Simulation(scenario: try Scenario.parse(Self.scenario, file: "test.scn"))
    #expect(simulation.nextConnectionChange(after: 0) == 3_000)
    #expect(simulation.nextConnectionChange(after: 3_000) == 6_000)
    #expect(simulation.nextConnectionChange(after: 6_000) == 20_000)
    #expect(simulation.nextConnectionChange(after: 20_000) == nil)
  }

  @Test func aDownEndpointRefusesDuringItsSpanAndServesAfterWithoutAnyoneCallingSync() async throws {
    let simulation = Simulation(scenario: try Scenario.parse(Self.scenario, file: "test.scn"))
    let worker = try #require(simulation.targets.firstIndex { $0.port == 23384 })
    // Ten times real time: the span is 300 ms to 600 ms of wall time after the start.
    let server = try SimulatorServer(simulation: simulation, speed: 10)
    try await server.start()
    let client = try HTTPClient()
    let url = try HTTPURL(parsing: "http://127.0.0.1:23384/metrics")
    // Refused means no listener (ECONNREFUSED), not a connection reset by the handler.
    func answers() async -> (answered: Bool, refused: Bool, atMs: Int64) {
      let result = await client.scrape(HTTPClientRequest(url: url, timeout: .seconds(2)))
      return (result.response != nil, result.error?.kind == .connectionRefused, server.virtualTimeMs)
    }
    var observed: [(answered: Bool, refused: Bool, atMs: Int64)] = []
    for _ in 0..<400 {
      let answer = await answers()
      observed.append(answer)
      let at = answer.atMs
      if at > 9_000 { break }
      try await Task.sleep(for: .milliseconds(10))
    }
    await client.shutdown()
    await server.stop()
    let refused = observed.filter(\.refused)
    #expect(!refused.isEmpty, "the endpoint never refused: \(observed.count) requests")
    // A refusal is only seen inside the span; answers before and after it.
    #expect(refused.allSatisfy { $0.atMs >= 3_000 && $0.atMs <= 7_000 }, "\(refused.map(\.atMs))")
    #expect(observed.contains { $0.answered && $0.atMs > 6_500 }, "no answer after the span")
    #expect(server.hits(target: worker) > 0)
  }
}

/// Bodies are compressed once while they stay the same, as a replay compresses once per frame.
@Suite(.timeLimit(.minutes(1))) struct SimulatorGzipTests {
  @Test func aBodyThatDidNotChangeIsNotCompressedAgain() throws {
    let simulation = Simulation(
      scenario: try Scenario.parse(ConnectionScheduleTests.scenario, file: "test.scn"))
    let handler = SimulationHandler(
      simulation: simulation, clock: { 0 }, speed: 1, state: SimulatorServer.SharedState())
    let body = Array(String(repeating: "ray_metric{x=\"1\"} 1\n", count: 500).utf8)
    let first = handler.compressed(body, target: 0)
    #expect(handler.gzipped.withLock { $0[0]?.body } == body)
    #expect(handler.compressed(body, target: 0) == first)
    #expect(try Gzip.decompress(first) == body)
    let changed = body + Array("ray_other 2\n".utf8)
    #expect(try Gzip.decompress(handler.compressed(changed, target: 0)) == changed)
    #expect(handler.gzipped.withLock { $0[0]?.body } == changed)
  }
}
