import Archive
import Dashboards
import Foundation
import PromQL
import SeriesStore
import Testing

@testable import Redaction

/// The shipped real Ray recording, redacted: nothing identifying is left anywhere in the file,
/// every dashboard query answers the same (labels mapped), and one key gives one file.
@Suite(.timeLimit(.minutes(3)))
struct ArchiveRedactionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let recording = root + "/recordings/ray-2.60-workload.rayrec"
  static let key = Array("fixture key".utf8)

  static func redactedCopy() throws -> (path: String, report: ArchiveRedaction.Report) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-\(UUID().uuidString).rayrec"
    ).path
    let report = try ArchiveRedaction.redact(
      try ArchiveReader(path: recording), to: path, rules: RedactionRules(), key: key)
    return (path, report)
  }

  /// Every decoded byte of an archive: target metadata, frame headers and bodies.
  static func everything(_ path: String) throws -> String {
    let reader = try ArchiveReader(path: path)
    var text = reader.targets.map { "\($0.url) \($0.job) \($0.labels)" }.joined(separator: "\n")
    var cursor = reader.makeCursor()
    while let frame = try cursor.next() {
      text += frame.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
      text += String(decoding: frame.body, as: UTF8.self)
    }
    return text
  }

  /// The identifying values of the original: its IPs, worker and node ids, session names.
  static func identifying(_ text: String) -> Set<String> {
    var found: Set<String> = []
    for name in ["ip", "NodeAddress", "SessionName", "WorkerId", "NodeId", "node_id"] {
      for match in text.matches(of: try! Regex("\(name)=\"([^\"]+)\"")) {
        if let value = match.output[1].substring { found.insert(String(value)) }
      }
    }
    found.insert("127.0.0.1")
    return found
  }

  @Test func noIdentifyingValueIsLeftAnywhereInTheFile() throws {
    let (path, report) = try Self.redactedCopy()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let originals = Self.identifying(try Self.everything(Self.recording))
    #expect(originals.count >= 5)
    #expect(originals.contains { $0.hasPrefix("session_") })
    let redacted = try Self.everything(path)
    for original in originals { #expect(!redacted.contains(original), "\(original) is still in the file") }
    #expect(report.frames == (try ArchiveReader(path: Self.recording)).frames.count)
    #expect(try ArchiveReader(path: path).verify().isClean)
  }

  @Test func redactingTwiceWithOneKeyGivesTheSameFile() throws {
    let (first, _) = try Self.redactedCopy()
    let (second, _) = try Self.redactedCopy()
    defer { for path in [first, second] { try? FileManager.default.removeItem(atPath: path) } }
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
  }

  @Test func everyDashboardQueryAnswersTheSameWithLabelsMapped() throws {
    let (path, _) = try Self.redactedCopy()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let shared = Self.root + "/../shared/samples/ray-2.60/grafana/default_grafana_dashboard.json"
    let dashboard = try Dashboard.load(
      FileManager.default.fileExists(atPath: shared) ? shared : Self.root + "/dashboards/ray-overview.json")
    let before = try SeriesStore(reader: try ArchiveReader(path: Self.recording))
    let after = try SeriesStore(reader: try ArchiveReader(path: path))
    var mapper = try Redactor(rules: RedactionRules(), key: Self.key)
    func evaluate(_ store: SeriesStore) -> [PanelResult] {
      DashboardEvaluator(engine: Engine(storage: store), from: store.startMs, to: store.endMs).evaluate(
        dashboard)
    }
    let original = evaluate(before)
    let redacted = evaluate(after)
    #expect(original.count == redacted.count)
    var compared = 0
    for (a, b) in zip(original, redacted) {
      for (x, y) in zip(a.targets, b.targets) {
        var expected: [String: [Double]] = [:]
        for series in x.series {
          let mapped = series.labels.map {
            "\($0.name)=\(mapper.redactText($0.value, role: mapper.role(of: $0.name)))"
          }
          expected[mapped.sorted().joined(separator: ",")] = series.values
        }
        var got: [String: [Double]] = [:]
        for series in y.series {
          got[series.labels.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: ",")] = series.values
        }
        #expect(got.keys.sorted() == expected.keys.sorted(), "\(a.title) \(x.refId)")
        for (labels, values) in expected {
          #expect(
            got[labels]?.elementsEqual(values) { $0 == $1 || ($0.isNaN && $1.isNaN) } == true,
            "\(a.title) \(labels)")
        }
        compared += x.series.count
      }
    }
    // The shipped dashboard (without ../shared) draws fewer series than Ray's Default one.
    #expect(compared >= 10)
  }
}
