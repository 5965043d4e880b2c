import Foundation
import Recorder
import Simulator

/// How long recording a scenario in virtual time takes, and how big the archive is.
func scenarioBenchmark(_ args: [String]) {
  guard let path = args.first else {
    print("usage: rayrec-bench scenario SCENARIO (e.g. scenarios/large-100-nodes.scn)")
    exit(64)
  }
  do {
    let scenario = try Scenario.load(path: path)
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("rayrec-bench-\(getpid()).rayrec")
      .path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let start = now()
    let status = try ScenarioRecorder(simulation: Simulation(scenario: scenario), recorderVersion: "bench")
      .record(to: out)
    let elapsed = now() - start
    print("scenario.targets: \(Simulation(scenario: scenario).targets.count) targets")
    print("scenario.virtual_duration: \(scenario.durationMs / 1000) s")
    print("scenario.frames: \(status.frames) frames")
    print("scenario.raw: \(status.rawBytes) bytes")
    print("scenario.archive: \(status.storedBytes) bytes")
    print("scenario.record_time: \(String(format: "%.2f", elapsed)) s")
    print("scenario.throughput: \(String(format: "%.0f", Double(status.rawBytes) / elapsed / 1e6)) MB/s")
  } catch {
    print("scenario: \(error)")
    exit(1)
  }
}
