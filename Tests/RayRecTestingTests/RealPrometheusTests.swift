import Foundation
import PromAPI
import RayRecTesting
import SeriesStore
import Testing

/// The DSL against a real Prometheus holding the workload recording (backfilled by
/// scripts/e2e-dsl-prometheus, which sets `RAYREC_PROMETHEUS_URL`), beside `rayrec serve` as
/// that Prometheus sees the data: no staleness markers (backfill writes none), Prometheus 2
/// semantics (Debian's 2.42). Skipped when the variable is unset.
@Suite(
  .timeLimit(.minutes(5)),
  .enabled(
    if: ProcessInfo.processInfo.environment["RAYREC_PROMETHEUS_URL"] != nil,
    "needs a Prometheus with the recording backfilled: run scripts/e2e-dsl-prometheus"))
struct RealPrometheusTests {
  /// `rayrec serve --no-staleness --compat 2` and the real Prometheus, over the same span.
  static func backends() throws -> (served: ServedWorkload, real: Recording) {
    var options = ServedRecording.Options()
    options.prometheus2 = true
    options.store.staleness = false
    let served = try ServedWorkload(options: options)
    let url = ProcessInfo.processInfo.environment["RAYREC_PROMETHEUS_URL"] ?? ""
    let backend = served.overHTTP.backend
    let real = Recording(
      backend: try PrometheusBackend(
        url: url, startMs: backend.startMs, endMs: backend.endMs,
        scrapeInterval: .milliseconds(backend.scrapeIntervalMs)))
    return (served, real)
  }

  /// A verdict's first line: which expectation failed and how. The details may differ: a real
  /// Prometheus lists series from its block index, so explanations can name more label values,
  /// and an error listing duplicate series (`[{...}, {...}]`) names them in its map's order.
  static func headlines(_ verdicts: [String]) -> [String] {
    verdicts.map { verdict in
      let first = verdict.split(separator: "\n").first ?? ""
      return String(first.components(separatedBy: " [{").first ?? "")
    }
  }

  @Test func theAssertionsGiveTheSameVerdictsAsAgainstRayrecServe() async throws {
    let (served, real) = try Self.backends()
    let expected = try OverHTTPTests.verdicts(over: served.overHTTP, OverHTTPTests.workloadAssertions)
    let got = try OverHTTPTests.verdicts(over: real, OverHTTPTests.workloadAssertions)
    await served.stop()
    #expect(Self.headlines(got) == Self.headlines(expected))
    #expect(expected.count >= 6)
  }

  @Test func everyPanelHasTheSameStatusAsAgainstRayrecServe() async throws {
    let (served, real) = try Self.backends()
    let panels = try Dashboard.load(ServedWorkload.dashboard).panels + OverHTTPTests.brokenPanels
    func statuses(_ recording: Recording) throws -> [String] {
      var results: [String] = []
      _ = try OverHTTPTests.verdicts(over: recording) {
        for panel in panels {
          results += try expectData(panel).map { "\($0.status.rawValue) \($0.displayName)" }
        }
      }
      return results
    }
    let expected = try statuses(served.overHTTP)
    let got = try statuses(real)
    await served.stop()
    #expect(got == expected)
    #expect(expected.count >= panels.count)
  }
}
