// libFuzzer entry point for the scenario reader and the simulator behind it. Compiled into the
// Simulator module by scripts/fuzz scenario (not part of the SwiftPM build), with Exposition
// linked as a library.

import Exposition

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
  let scenario: Scenario
  do {
    scenario = try Scenario.parse(text, file: "fuzz.scn")
  } catch {
    // The one error names the file and a line of it, and quotes no long token whole.
    if error.file != "fuzz.scn" || error.line < 1 || error.line > lines || error.column < 1 {
      fatalError("error outside the file: \(error) (\(lines) lines)")
    }
    if error.message.isEmpty || error.message.utf8.count > 600 { fatalError("bad message: \(error)") }
    return 0
  }
  // The limits hold for whatever was accepted.
  let values = scenario.series.reduce(0) { $0 + $1.values.count }
  if values > ScenarioLimits.maxSeriesValues || scenario.nodes.count > ScenarioLimits.maxNodes {
    fatalError("accepted \(values) values and \(scenario.nodes.count) nodes")
  }
  // Small clusters are simulated: serving a scrape must not trap, and without faults the body it
  // serves is exposition text that parses.
  guard scenario.nodes.count <= 4, scenario.durationMs / scenario.resolutionMs <= 5_000 else { return 0 }
  let simulation = Simulation(scenario: scenario)
  let faults = scenario.events.contains { if case .fault = $0.action { true } else { false } }
  for target in simulation.targets.indices.prefix(3) {
    for time in [0, scenario.durationMs / 2, scenario.durationMs] {
      for accept in [nil, "application/openmetrics-text;version=1.0.0"] {
        let response = simulation.response(for: target, at: time, accept: accept)
        guard !faults, case .answer(let answer) = response.outcome, answer.status == 200 else { continue }
        let format: ExpositionFormat = answer.contentType.contains("openmetrics") ? .openMetrics : .text
        do {
          _ = try MetricFamily.parse(answer.body, format: format, strict: false)
        } catch {
          fatalError("served body does not parse (\(format)): \(error)")
        }
      }
    }
  }
  return 0
}
