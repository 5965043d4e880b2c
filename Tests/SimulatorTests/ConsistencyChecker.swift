import Exposition
import Testing

@testable import Simulator

/// Checks what a well-behaved Ray exporter guarantees, scrape after scrape of one target.
struct ConsistencyChecker {
  let simulation: Simulation
  let target: Int
  var previous: [String: Double] = [:]
  var previousTime: Int64 = -1
  /// Scrapes that were parsed and checked.
  var checked = 0

  init(_ simulation: Simulation, target: Int) {
    self.simulation = simulation
    self.target = target
  }

  var node: Int { simulation.scenario.nodes.firstIndex { $0.name == simulation.targets[target].node } ?? 0 }
  var nodeSpec: NodeSpec { simulation.scenario.nodes[node] }

  static func key(_ s: Sample) -> String {
    s.name + "{" + s.labels.sorted().map { "\($0.name)=\($0.value)" }.joined(separator: ",") + "}"
  }

  /// Whether the node was down at some moment in `(from, to]`, so its counters may restart.
  func restarted(from: Int64, to: Int64) -> Bool {
    guard from >= 0 else { return true }
    var t = from + 1
    while t <= to {
      if !simulation.model.isAlive(node: node, at: t) { return true }
      t += simulation.scenario.resolutionMs
    }
    return false
  }

  mutating func check(at t: Int64, sourceLocation: SourceLocation = #_sourceLocation) {
    let name = "\(simulation.scenario.title) target \(simulation.targets[target].url) at \(t)ms"
    let response = simulation.response(for: target, at: t, accept: nil)
    guard case .answer(let answer) = response.outcome, answer.status == 200 else { return }
    if simulation.model.fault(node: node, endpoint: simulation.targets[target].endpoint, at: t) == .malformed
    {
      return
    }
    let families: [MetricFamily]
    do {
      families = try MetricFamily.parse(answer.body, format: .text)
    } catch {
      Issue.record("\(name): \(error)", sourceLocation: sourceLocation)
      return
    }
    checked += 1
    var seen = Set<String>()
    var values: [String: Double] = [:]
    let mayReset = restarted(from: previousTime, to: t)
    for family in families {
      for sample in family.samples {
        let key = Self.key(sample)
        if !seen.insert(key).inserted {
          Issue.record("\(name): duplicate series \(key)", sourceLocation: sourceLocation)
        }
        values[key] = sample.value
        if family.type == .counter || family.type == .histogram, !mayReset, let before = previous[key],
          sample.value < before
        {
          Issue.record(
            "\(name): \(key) went down from \(before) to \(sample.value)", sourceLocation: sourceLocation)
        }
      }
      if family.type == .histogram { checkHistogram(family, name, sourceLocation) }
    }
    checkInvariants(values, name, sourceLocation)
    previous = values
    previousTime = t
  }

  func checkHistogram(_ family: MetricFamily, _ name: String, _ location: SourceLocation) {
    var groups: [String: [(Double, Double)]] = [:]
    var counts: [String: Double] = [:]
    for s in family.samples {
      let rest = s.labels.filter { $0.name != "le" }.sorted().map { "\($0.name)=\($0.value)" }.joined(
        separator: ",")
      if s.name.hasSuffix("_bucket"), let le = s[label: "le"] {
        groups[rest, default: []].append((le == "+Inf" ? .infinity : Double(le) ?? .nan, s.value))
      } else if s.name.hasSuffix("_count") {
        counts[rest] = s.value
      }
    }
    for (labels, buckets) in groups {
      let sorted = buckets.sorted { $0.0 < $1.0 }
      for i in sorted.indices.dropFirst() where sorted[i].1 < sorted[i - 1].1 {
        Issue.record("\(name): \(family.name){\(labels)} buckets not cumulative", sourceLocation: location)
      }
      if sorted.last?.0 != .infinity || sorted.last?.1 != counts[labels] {
        Issue.record(
          "\(name): \(family.name){\(labels)} +Inf bucket differs from _count", sourceLocation: location)
      }
    }
  }

  func value(_ values: [String: Double], _ prefix: String, _ labels: [String: String]) -> Double? {
    values.first { key, _ in
      key.hasPrefix(prefix + "{")
        && labels.allSatisfy {
          key.contains("\($0.key)=\($0.value),") || key.hasSuffix("\($0.key)=\($0.value)}")
        }
    }?.value
  }

  func sum(_ values: [String: Double], _ prefix: String, _ labels: [String: String]) -> Double {
    values.filter { key, _ in
      key.hasPrefix(prefix + "{")
        && labels.allSatisfy {
          key.contains("\($0.key)=\($0.value),") || key.hasSuffix("\($0.key)=\($0.value)}")
        }
    }.reduce(0) { $0 + $1.value }
  }

  func checkInvariants(_ v: [String: Double], _ name: String, _ location: SourceLocation) {
    let capacity = nodeSpec.objectStoreBytes
    if let used = value(v, "ray_object_store_memory_usage_bytes", [:]), used > capacity || used < 0 {
      Issue.record("\(name): object store usage \(used) outside [0, \(capacity)]", sourceLocation: location)
    }
    guard simulation.targets[target].endpoint == "agent" else { return }
    guard let used = value(v, "ray_object_store_used_memory", [:]),
      let available = value(v, "ray_object_store_available_memory", [:])
    else {
      Issue.record("\(name): object store gauges missing", sourceLocation: location)
      return
    }
    if used > capacity || used < 0 || used + available != capacity {
      Issue.record(
        "\(name): object store used \(used) + available \(available) != \(capacity)", sourceLocation: location
      )
    }
    let cpuUsed = value(v, "ray_resources", ["Name": "CPU", "State": "USED"]) ?? -1
    let cpuAvailable = value(v, "ray_resources", ["Name": "CPU", "State": "AVAILABLE"]) ?? -1
    let running = sum(v, "ray_tasks", ["State": "RUNNING"])
    if running != cpuUsed || cpuUsed + cpuAvailable != Double(nodeSpec.cpus) || cpuAvailable < 0 {
      Issue.record(
        "\(name): running tasks \(running), CPU used \(cpuUsed), available \(cpuAvailable), cpus \(nodeSpec.cpus)",
        sourceLocation: location)
    }
    if value(v, "ray_node_cpu_count", [:]) != Double(nodeSpec.cpus) {
      Issue.record("\(name): ray_node_cpu_count differs from the node's cpus", sourceLocation: location)
    }
    let store = sum(v, "ray_resources", ["Name": "object_store_memory"])
    if store != capacity {
      Issue.record("\(name): object_store_memory resources sum to \(store)", sourceLocation: location)
    }
    for (a, actor) in simulation.scenario.actors.enumerated() where nodeSpec.isHead {
      let states = sum(v, "ray_actors", ["Source": "gcs", "Name": actor.name])
      if states != Double(actor.count) {
        Issue.record("\(name): GCS actor states of \(actor.name) sum to \(states)", sourceLocation: location)
      }
      _ = a
    }
  }
}
