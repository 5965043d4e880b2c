import Archive
import Dashboards
import Foundation
import HTTP
import PromAPI
import PromQL
import RayRecTesting
import Synchronization
import Testing

/// `rayrec serve`'s API over the workload recording on a loopback port, beside the same
/// recording loaded in-process.
final class ServedWorkload: Sendable {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let path = root.appendingPathComponent("recordings/ray-2.60-workload.rayrec").path
  static let dashboard = root.appendingPathComponent("dashboards/ray-overview.json").path

  let server: APIServer
  let inProcess: Recording
  let overHTTP: Recording

  /// Serves the recording as `rayrec serve` would with `options`.
  init(options: ServedRecording.Options = ServedRecording.Options()) throws {
    inProcess = try Recording.archive(Self.path)
    let served = try ServedRecording(
      sources: [.init(reader: try ArchiveReader(path: Self.path))], options: options)
    server = try APIServer(api: PrometheusAPI(recording: served))
    let port = try server.start(try #require(SocketAddress(host: "127.0.0.1", port: 0))).port
    overHTTP = Recording(
      backend: try PrometheusBackend(
        url: "http://127.0.0.1:\(port)", startMs: served.startMs, endMs: served.endMs,
        scrapeInterval: .milliseconds(inProcess.backend.scrapeIntervalMs)))
  }

  func stop() async { await server.stop() }
}

/// Issues collected from any task.
final class Collected: Sendable {
  private let items = Mutex<[String]>([])
  func append(_ item: String) { items.withLock { $0.append(item) } }
  var all: [String] { items.withLock { $0 } }
}

/// The same DSL over HTTP as in-process: every verdict and every message agrees.
@Suite(.timeLimit(.minutes(5))) struct OverHTTPTests {
  /// The failures the DSL records while `body` runs over `recording`, in order, caught instead
  /// of recorded; the span's name (which says where the data is) is replaced by `<whole>`.
  static func verdicts(over recording: Recording, _ body: () throws -> Void) throws -> [String] {
    let seen = Collected()
    let whole = recording.backend.wholeDescription
    try withKnownIssue(isIntermittent: true) {
      try Recording.$current.withValue(recording) { try body() }
    } matching: { issue in
      let text = (issue.error.map { ["error: \($0)"] } ?? []) + issue.comments.map(\.rawValue)
      seen.append(text.joined(separator: "\n").replacingOccurrences(of: whole, with: "<whole>"))
      return true
    }
    return seen.all
  }

  /// Passing and failing expectations of every kind over the workload recording.
  static func workloadAssertions() throws {
    try expectValue("count(up)", .greaterThan(0))
    try expectValue("count(up)", equals: -1)
    try expectQuery("sum by (State) (ray_tasks)") { !$0.samples.isEmpty }
    try expectQuery("sum by (State) (ray_tasks)") { $0.samples.isEmpty }
    try expectValue("ray_no_such_metric", equals: 1)
    try expectValue(#"ray_tasks{State="NO_SUCH_STATE"}"#, equals: 1)
    try expectValue("count(up)", at: .start, .greaterThan(0))
    try expectAlways("up", .equal(1, tolerance: 0))
    try expectAlways("count(up) > 1000", .greaterThan(0))
    try expectEventually("sum(ray_tasks)", .greaterThan(0))
    try expectNever("count(up)", .lessThan(1))
    try expectNever("sum(ray_tasks)", .greaterThan(0))
    try expectValue("sum(rate(ray_tasks[1m])) + on() group_left ray_tasks", equals: 0)
  }

  @Test func theSameAssertionsGiveTheSameVerdictsInProcessAndOverHTTP() async throws {
    let served = try ServedWorkload()
    let local = try Self.verdicts(over: served.inProcess, Self.workloadAssertions)
    let remote = try Self.verdicts(over: served.overHTTP, Self.workloadAssertions)
    await served.stop()
    #expect(remote == local)
    // The comparison covers failures of each kind, explanations included.
    #expect(local.count >= 6)
    #expect(local.contains { $0.contains("expectValue: ") && $0.contains("is not == -1") })
    #expect(local.contains { $0.contains("reason: metric ray_no_such_metric is not in the recording") })
    #expect(local.contains { $0.contains(#"no series of ray_tasks match State="NO_SUCH_STATE" (State has"#) })
    #expect(local.contains { $0.contains("expectNever") })
    #expect(local.contains { $0.contains("query failed") })
  }

  /// Panels that show no data, only a fallback, or an error, each for its own reason.
  static let brokenPanels = [
    Panel(title: "GPU", targets: [PanelTarget(refId: "A", expr: "avg(ray_node_gpus_utilization)")]),
    Panel(
      title: "No such state", targets: [PanelTarget(refId: "A", expr: #"sum(ray_tasks{State="NO_SUCH"})"#)]),
    Panel(
      title: "Fallback", targets: [PanelTarget(refId: "A", expr: "sum(ray_no_such_metric) or vector(0)")]),
    Panel(title: "Many to many", targets: [PanelTarget(refId: "A", expr: "ray_tasks + on() ray_tasks")]),
  ]

  /// A panel result as text: status, reasons, and each target's query, step, error and points.
  static func digest(_ result: PanelResult) -> String {
    var lines = ["\(result.status.rawValue) \(result.displayName): \(result.reasons)"]
    for target in result.targets {
      lines.append("  \(target.refId) \(target.kind) \(target.stepMs) \(target.expr) \(target.error ?? "")")
      for series in target.series {
        // Text, so that NaN equals NaN whatever its bits.
        lines.append("    \(series.labels) \(series.timestamps) \(series.values.map { "\($0)" })")
      }
    }
    return lines.joined(separator: "\n")
  }

  @Test func everyPanelOfTheOverviewDashboardGetsTheSameResultOverHTTP() async throws {
    let served = try ServedWorkload()
    let panels = try Dashboard.load(ServedWorkload.dashboard).panels + Self.brokenPanels
    func run(_ recording: Recording) throws -> (verdicts: [String], results: [String]) {
      var results: [String] = []
      let verdicts = try Self.verdicts(over: recording) {
        for panel in panels { results += try expectData(panel).map(Self.digest) }
      }
      return (verdicts, results)
    }
    let local = try run(served.inProcess)
    let remote = try run(served.overHTTP)
    await served.stop()
    #expect(remote.results == local.results)
    #expect(remote.verdicts == local.verdicts)
    #expect(local.results.filter { $0.hasPrefix("data ") }.count >= 4)
    #expect(local.verdicts.count == Self.brokenPanels.count)
    let failures = local.verdicts.joined(separator: "\n")
    #expect(failures.contains("reason: metric ray_node_gpus_utilization is not in the recording"))
    #expect(failures.contains(#"no series of ray_tasks match State="NO_SUCH""#))
    #expect(failures.contains("panel \"Fallback\" shows fallback only"))
    #expect(failures.contains("panel \"Many to many\" shows error"))
  }

  @Test func dashboardVariablesResolveTheSameOverHTTP() async throws {
    let served = try ServedWorkload()
    let dashboard = try Dashboard.load(ServedWorkload.dashboard)
    func resolve(_ recording: Recording) -> VariableResolution {
      DashboardEvaluator(service: recording.backend.service, from: recording.startMs, to: recording.endMs)
        .resolveVariables(dashboard)
    }
    let local = resolve(served.inProcess)
    let remote = resolve(served.overHTTP)
    await served.stop()
    #expect(remote == local)
    #expect(local.problems.isEmpty)
    #expect(local.options["cluster"]?.isEmpty == false)
    #expect(local.options["session"]?.isEmpty == false)
  }

  @Test func seriesLookupsListTheSameSeriesOverHTTP() async throws {
    let served = try ServedWorkload()
    let local = served.inProcess.backend.service
    let remote = served.overHTTP.backend.service
    let anyName = try LabelMatcher(.regexMatch, name: LabelMatcher.metricNameLabel, value: ".*")
    let tasks = LabelMatcher(equal: LabelMatcher.metricNameLabel, "ray_tasks")
    let middle = (served.inProcess.startMs + served.inProcess.endMs) / 2
    let scrape = served.inProcess.backend.scrapeIntervalMs
    let lookups: [([LabelMatcher], Int64, Int64)] = [
      ([anyName], Int64.min / 4, Int64.max / 4),
      ([tasks], served.inProcess.startMs, middle),
      ([tasks], middle - scrape, middle),
      ([tasks], middle, middle),
      ([tasks], served.inProcess.endMs + 1, served.inProcess.endMs + 60_000),
    ]
    for (matchers, start, end) in lookups {
      let expected = try local.series(matching: matchers, start: start, end: end)
      #expect(try remote.series(matching: matchers, start: start, end: end) == expected)
    }
    #expect(try local.series(matching: [anyName], start: Int64.min / 4, end: Int64.max / 4).count > 10)
    #expect(try local.series(matching: [tasks], start: middle - scrape, end: middle).isEmpty == false)
    await served.stop()
  }

  /// Many suites at once on a small cooperative pool (two threads on two cores), each blocking
  /// its thread on HTTP: the bridge waits on the client's event-loop thread and the server
  /// answers on its own threads, so nothing the waits depend on needs a pool thread.
  @Test func manyTestsBlockingOnHTTPAtOnceAllFinish() async throws {
    let served = try ServedWorkload()
    let expected = try Self.verdicts(over: served.inProcess, Self.workloadAssertions)
    let callers = 4 * max(2, ProcessInfo.processInfo.activeProcessorCount)
    let all = try await withThrowingTaskGroup(of: [String].self) { group in
      for _ in 0..<callers {
        group.addTask { try Self.verdicts(over: served.overHTTP, Self.workloadAssertions) }
      }
      var all: [[String]] = []
      for try await verdicts in group { all.append(verdicts) }
      return all
    }
    await served.stop()
    #expect(all.count == callers)
    #expect(all.allSatisfy { $0 == expected })
  }
}
