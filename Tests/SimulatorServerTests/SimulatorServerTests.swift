import Archive
import Foundation
import HTTP
import Recorder
import Simulator
import Testing

@testable import SimulatorServer

/// A live scrape of the simulated cluster and a virtual-time recording agree byte for byte.
@Suite(.timeLimit(.minutes(5)), .serialized) struct SimulatorServerTests {
  static let scenario = """
    scenario "two nodes"
    cluster test
    profile ray-2.60
    seed 7
    start 2026-11-25T12:00:00Z
    duration 2m
    interval 5s
    node head 127.0.0.1 head cpus=4 agent=23080 autoscaler=23217 dashboard=23227
    node w1 127.0.0.2 cpus=4 agent=23080
    actor A on w1 task-time=50ms calls=5/s
    task t rate=5/s duration=1s
    at 30s fault w1.agent http 500 for 20s
    """

  @Test func aLiveScrapeEqualsTheVirtualTimeFrame() async throws {
    let simulation = Simulation(scenario: try Scenario.parse(Self.scenario, file: "test.scn"))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-sim-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = try ScenarioRecorder(simulation: simulation, recorderVersion: "t").record(to: path)
    let reader = try ArchiveReader(path: path)
    let client = try HTTPClient()
    // Frames at times inside and outside the fault, for every endpoint.
    for summary in reader.frames.filter({ [2, 7, 13].contains($0.sequence) }) {
      let virtual = summary.timeMs - simulation.scenario.startUnixMs
      let server = try SimulatorServer(simulation: simulation, clock: { virtual })
      try await server.start()
      let target = simulation.targets[Int(summary.targetID) - 1]
      let url = try HTTPURL(parsing: "http://\(target.host):\(target.port)\(target.path)")
      let result = await client.scrape(HTTPClientRequest(url: url, timeout: .seconds(5)))
      await server.stop()
      let frame = try reader.frame(atPosition: try #require(reader.frames.firstIndex(of: summary)))
      let response = try #require(result.response, "\(String(describing: result.error))")
      #expect(response.body == frame.body, "\(target.url) at +\(virtual) ms")
      #expect(response.contentType == frame.contentType)
      switch frame.outcome {
      case .response(let status): #expect(response.status == status)
      case .failed(let kind, _): Issue.record("unexpected failed frame \(kind)")
      }
    }
    await client.shutdown()
  }

  @Test func twoEndpointsOnOneAddressAndPortAreRefused() throws {
    let simulation = Simulation(scenario: try Scenario.parse(Self.scenario, file: "test.scn"))
    #expect(throws: HTTPError.self) { try SimulatorServer(simulation: simulation, bind: "127.0.0.1") }
  }
}
