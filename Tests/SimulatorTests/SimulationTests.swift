import Exposition
import Foundation
import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct SimulationTests {
  /// Targets and times to check per scenario: all targets every 30s, or a sample for big clusters.
  static func plan(_ sim: Simulation) -> [(Int, [Int64])] {
    let big = sim.targets.count > 20
    let targets =
      big ? Array(sim.targets.indices.prefix(4)) + [sim.targets.count - 1] : Array(sim.targets.indices)
    return targets.map { t in
      let times = Array(sim.scrapeTimes(for: t))
      let step = big ? 60 : 6
      return (t, stride(from: 0, to: times.count, by: step).map { times[$0] })
    }
  }

  @Test(arguments: Scenarios.files)
  func everyShippedScenarioIsInternallyConsistent(file: String) throws {
    let sim = Simulation(scenario: try Scenarios.load(file))
    var checked = 0
    for (target, times) in Self.plan(sim) {
      var checker = ConsistencyChecker(sim, target: target)
      for t in times { checker.check(at: t) }
      checked += checker.checked
    }
    #expect(checked > 50)
  }

  @Test(arguments: Scenarios.files)
  func openMetricsAnswersParseStrictly(file: String) throws {
    let sim = Simulation(scenario: try Scenarios.load(file))
    let accept = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"
    var checked = 0
    for (target, times) in Self.plan(sim) {
      for t in times.prefix(8) {
        guard case .answer(let a) = sim.response(for: target, at: t, accept: accept).outcome, a.status == 200
        else {
          continue
        }
        let node = sim.scenario.nodes.firstIndex { $0.name == sim.targets[target].node } ?? 0
        if sim.model.fault(node: node, endpoint: sim.targets[target].endpoint, at: t) == .malformed {
          continue
        }
        checked += 1
        #expect(a.contentType.hasPrefix("application/openmetrics-text; version=1.0.0"))
        #expect(a.body.text.hasSuffix("# EOF\n"))
        do {
          let families = try MetricFamily.parse(a.body, format: .openMetrics, strict: true)
          for f in families where f.type == .counter { #expect(!f.name.hasSuffix("_total")) }
        } catch {
          Issue.record("\(file) \(sim.targets[target].url) at \(t): \(error)")
        }
      }
    }
    #expect(checked > 10)
  }

  @Test func responsesDependOnlyOnTheTime() throws {
    let scenario = try Scenarios.load("node-loss.scn")
    let sequential = Simulation(scenario: scenario)
    let random = Simulation(scenario: scenario)
    let times: [Int64] = stride(from: 0, to: scenario.durationMs, by: 37_000).map { $0 }
    var expected: [[UInt8]] = []
    for t in times {
      for target in sequential.targets.indices {
        expected.append(sequential.response(for: target, at: t, accept: nil).answer?.body ?? [])
      }
    }
    var order = Array(times.indices)
    var g = SplitMix(seed: 3)
    order.shuffle(using: &g)
    for i in order {
      for target in random.targets.indices.reversed() {
        let body = random.response(for: target, at: times[i], accept: nil).answer?.body ?? []
        #expect(body == expected[i * random.targets.count + target], "t=\(times[i]) target \(target)")
      }
    }
  }

  @Test func concurrentCallersGetTheSameBytes() async throws {
    let scenario = try Scenarios.load("actor-crash-loop.scn")
    let shared = Simulation(scenario: scenario)
    let reference = Simulation(scenario: scenario)
    let times: [Int64] = (0..<24).map { Int64($0) * 71_000 }
    await withTaskGroup(of: Void.self) { group in
      for (i, t) in times.enumerated() {
        group.addTask {
          let target = i % shared.targets.count
          let body = shared.response(for: target, at: t, accept: nil).answer?.body
          #expect(body == reference.response(for: target, at: t, accept: nil).answer?.body)
        }
      }
    }
  }

  @Test func seedProfileServesTheArticlesLayout() throws {
    let sim = Simulation(scenario: try Scenarios.load("seed-healthy.scn"))
    #expect(sim.targets.map(\.instance).prefix(3) == ["127.0.0.1:8265", "127.0.0.1:8080", "127.0.0.1:8126"])
    #expect(sim.targets.map(\.instance).suffix(2) == ["127.0.0.2:8265", "127.0.0.3:8265"])
    #expect(sim.targets.allSatisfy { $0.labels["ray_io_cluster"] == "seed-demo" })
    let raylet = sim.response(for: 3, at: 60_000, accept: nil).answer?.body.text ?? ""
    #expect(raylet.contains("# TYPE ray_actor_restarts_total counter\n"))
    #expect(raylet.contains(#"ray_actor_restarts_total{actor_name="Trainer",component="raylet",node_id=""#))
    #expect(raylet.contains(#"ray_node_ip="127.0.0.2",ray_node_port="8265"} 0\#n"#))
    #expect(raylet.contains("# TYPE ray_actor_task_execution_time_s gauge\n"))
    #expect(raylet.contains("# TYPE ray_object_store_memory_usage_bytes gauge\n"))
    let gcs = sim.response(for: 2, at: 60_000, accept: nil).answer?.body.text ?? ""
    #expect(
      gcs.contains("ray_gcs_server_heartbeat_latency_ms{") && gcs.contains("ray_scheduler_queue_length{"))
  }

  @Test func crashLoopRestartsCountUpAndWorkersChurn() throws {
    let sim = Simulation(scenario: try Scenarios.load("actor-crash-loop.scn"))
    let w1 = try #require(sim.targets.firstIndex { $0.node == "w1" })
    func failures(_ t: Int64) throws -> Double {
      let body = try #require(sim.response(for: w1, at: t, accept: nil).answer?.body)
      let families = try MetricFamily.parse(body, format: .text)
      let f = try #require(families.first { $0.name == "ray_node_manager_unexpected_worker_failure_total" })
      return f.samples.first?.value ?? -1
    }
    #expect(try failures(290_000) == 0)
    #expect(try failures(600_000) == 2 * 16)  // two replicas, crashes at 5m, 5m20s, ..., 10m
    #expect(try failures(1_500_000) == 2 * 45)
    let before = sim.response(for: w1, at: 330_000, accept: nil).answer?.body.text ?? ""
    let after = sim.response(for: w1, at: 365_000, accept: nil).answer?.body.text ?? ""
    let ids = { (text: String) in
      Set(
        text.split(separator: "\n").filter { $0.contains("WORKER_HEAP") }.compactMap { line -> Substring? in
          guard let r = line.range(of: "WorkerId=\"") else { return nil }
          return line[r.upperBound...].prefix(56)
        })
    }
    // The crashed replicas' workers are gone and their replacements have new ids.
    #expect(!ids(before).subtracting(ids(after)).isEmpty)
    #expect(!ids(after).subtracting(ids(before)).isEmpty)
  }

  @Test func nodeLossRefusesThenRestartsCounters() throws {
    let sim = Simulation(scenario: try Scenarios.load("node-loss.scn"))
    let w2 = try #require(sim.targets.firstIndex { $0.node == "w2" })
    #expect(sim.targets[w2].instance == "127.0.0.3:8080")
    #expect(sim.response(for: w2, at: 700_000, accept: nil).outcome == .refused)
    func grpc(_ t: Int64) throws -> Double {
      let body = try #require(sim.response(for: w2, at: t, accept: nil).answer?.body)
      let f = try #require(
        try MetricFamily.parse(body, format: .text).first { $0.name == "ray_grpc_server_req_finished_total" })
      return f.samples[0].value
    }
    #expect(try grpc(1_110_000) < grpc(590_000))
    let head = sim.response(for: 0, at: 700_000, accept: nil).answer?.body.text ?? ""
    #expect(head.split(separator: "\n").filter { $0.hasPrefix("ray_cluster_active_nodes{") }.count == 3)
  }

  @Test func faultsFollowTheTimeline() throws {
    let sim = Simulation(scenario: try Scenarios.load("scrape-faults.scn"))
    func target(_ node: String, _ endpoint: String) -> Int {
      sim.targets.firstIndex { $0.node == node && $0.endpoint == endpoint } ?? -1
    }
    let w1 = target("w1", "agent")
    #expect(sim.response(for: w1, at: 150_000, accept: nil).outcome == .refused)
    #expect(sim.response(for: w1, at: 270_000, accept: nil).outcome == .hang)
    #expect(sim.response(for: target("head", "autoscaler"), at: 390_000, accept: nil).durationMs == 4000)
    #expect(sim.response(for: 0, at: 510_000, accept: nil).answer?.status == 500)
    guard case .reset(let a, let n) = sim.response(for: w1, at: 630_000, accept: nil).outcome else {
      Issue.record("expected a reset")
      return
    }
    #expect(n == 4096 && a.body.count > 4096)
    guard
      case .truncated(let cut, let declared) = sim.response(
        for: target("head", "dashboard"), at: 750_000, accept: nil
      ).outcome
    else {
      Issue.record("expected a truncated body")
      return
    }
    #expect(cut.body.count == declared / 2)
    let bad = try #require(sim.response(for: w1, at: 870_000, accept: nil).answer)
    #expect(bad.status == 200)
    #expect(throws: ExpositionError.self) { try MetricFamily.parse(bad.body, format: .text) }
    #expect(sim.response(for: w1, at: 930_000, accept: nil).answer?.status == 200)
  }

  @Test func openMetricsDeclaresUnitsLikeTheAutoscaler() throws {
    let sim = Simulation(scenario: try Scenarios.load("node-loss.scn"))
    let autoscaler = try #require(sim.targets.firstIndex { $0.endpoint == "autoscaler" })
    let om =
      sim.response(for: autoscaler, at: 0, accept: "application/openmetrics-text").answer?.body.text ?? ""
    #expect(om.contains("# TYPE autoscaler_started_nodes counter\n# UNIT autoscaler_started_nodes nodes\n"))
    #expect(om.contains("autoscaler_started_nodes_total{SessionName="))
    let text = sim.response(for: autoscaler, at: 0, accept: nil).answer?.body.text ?? ""
    #expect(!text.contains("# UNIT") && text.contains("# TYPE autoscaler_started_nodes_created gauge\n"))
  }

  @Test func extraSeriesFollowPromtoolNotation() throws {
    let sim = Simulation(scenario: try Scenarios.load("scrape-faults.scn"))
    let w1 = try #require(sim.targets.firstIndex { $0.node == "w1" })
    let body = sim.response(for: w1, at: 25_000, accept: nil).answer?.body.text ?? ""
    #expect(
      body.contains("# TYPE app_requests_total counter\napp_requests_total{route=\"/predict\"} 125.0\n"))
  }

  @Test func scrapeTimesAreSpreadAndStable() throws {
    let scenario = try Scenarios.load("seed-healthy.scn")
    let sim = Simulation(scenario: scenario)
    for t in sim.targets.indices {
      let times = Array(sim.scrapeTimes(for: t))
      #expect(times.count == Int(scenario.durationMs / scenario.intervalMs))
      #expect((0..<scenario.intervalMs).contains(times[0]))
      #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 == scenario.intervalMs })
      #expect(Simulation(scenario: scenario).scrapeOffset(for: t) == times[0])
    }
    #expect(Set(sim.targets.indices.map(sim.scrapeOffset(for:))).count > 1)
  }
}

/// A seeded generator, so shuffles in tests are reproducible.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Noise.mix(state)
  }
}
