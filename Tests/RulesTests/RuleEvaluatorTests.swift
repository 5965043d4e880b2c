import PromQL
import Testing

@testable import Rules

@Suite(.timeLimit(.minutes(1)))
struct RuleEvaluatorTests {
  /// `x` is 0 until 3m, 1 from 3m to 9m, 0 after; samples every 30s for 15m.
  static let storage: InMemoryStorage = {
    let times = (0...30).map { Int64($0) * 30_000 }
    let values = times.map { $0 >= 180_000 && $0 < 540_000 ? 1.0 : 0.0 }
    return InMemoryStorage([
      Series(labels: Labels(["__name__": "x", "job": "a"]), timestamps: times, values: values)
    ])
  }()

  static func evaluator(_ yaml: String) throws -> RuleEvaluator {
    RuleEvaluator(files: [try RuleFile.parse(yaml, path: "r.yml")], base: storage)
  }

  /// The alert's state after evaluating every minute up to and including `minute`.
  static func states(_ yaml: String, through minute: Int) throws -> [AlertState?] {
    var evaluator = try evaluator(yaml)
    var states: [AlertState?] = []
    for step in 0...minute {
      evaluator.evaluate(group: 0, at: Int64(step) * 60_000)
      states.append(evaluator.activeAlerts(group: 0, rule: 0).first?.state)
    }
    return states
  }

  @Test func movesAnAlertFromPendingToFiringAfterItsHoldAndResolvesIt() throws {
    let states = try Self.states(
      "groups:\n- name: g\n  rules:\n  - alert: X\n    expr: x > 0\n    for: 2m\n", through: 11)
    #expect(
      states == [nil, nil, nil, .pending, .pending, .firing, .firing, .firing, .firing, nil, nil, nil])
  }

  @Test func keepsFiringForKeepFiringForAfterTheConditionClears() throws {
    let states = try Self.states(
      "groups:\n- name: g\n  rules:\n  - alert: X\n    expr: x > 0\n    keep_firing_for: 2m\n", through: 13)
    #expect(Array(states[8...13]) == [.firing, .firing, .firing, nil, nil, nil])
  }

  @Test func writesAlertsSeriesAndMarksThemStaleWhenTheAlertEnds() throws {
    var evaluator = try Self.evaluator(
      "groups:\n- name: g\n  rules:\n  - alert: X\n    expr: x > 0\n    for: 1m\n")
    for minute in 0...11 { evaluator.evaluate(group: 0, at: Int64(minute) * 60_000) }
    let engine = Engine(storage: evaluator.storage)
    let pending = try engine.instantQuery(
      Parser.parse("ALERTS{alertstate=\"pending\"}"), at: 180_000)
    #expect(
      pending.vectorLabels == ["{__name__=\"ALERTS\", alertname=\"X\", alertstate=\"pending\", job=\"a\"}"])
    let firingAfter = try engine.instantQuery(Parser.parse("ALERTS"), at: 600_000)
    #expect(firingAfter.vectorLabels.isEmpty)
    let forState = try engine.instantQuery(Parser.parse("ALERTS_FOR_STATE"), at: 300_000)
    guard case .vector(let samples) = forState else {
      Issue.record("not a vector")
      return
    }
    #expect(samples.map(\.value) == [180])
  }

  @Test func letsLaterRulesReadARecordingRuleAtTheSameTimestamp() throws {
    var evaluator = try Self.evaluator(
      """
      groups:
      - name: g
        rules:
        - record: job:x:max
          expr: max by (job) (x)
        - alert: FromRecorded
          expr: job:x:max > 0
      """)
    evaluator.evaluate(group: 0, at: 180_000)
    #expect(
      evaluator.activeAlerts(group: 0, rule: 1).map(\.labels.description) == [
        "{alertname=\"FromRecorded\", job=\"a\"}"
      ])
  }

  @Test func reportsTheLimitAsPrometheusDoes() throws {
    var evaluator = try Self.evaluator(
      "groups:\n- name: g\n  limit: 1\n  rules:\n  - record: r\n    expr: x or vector(1)\n")
    let failures = evaluator.evaluate(group: 0, at: 60_000)
    #expect(failures.map(\.message) == ["exceeded limit of 1 with 2 series"])
  }

  @Test func marksARecordedSeriesStaleWhenTheRuleStopsReturningIt() throws {
    var evaluator = try Self.evaluator("groups:\n- name: g\n  rules:\n  - record: r\n    expr: x > 0\n")
    for minute in 0...10 { evaluator.evaluate(group: 0, at: Int64(minute) * 60_000) }
    let engine = Engine(storage: evaluator.storage)
    #expect(try engine.instantQuery(Parser.parse("r"), at: 480_000).vectorLabels.count == 1)
    #expect(try engine.instantQuery(Parser.parse("r"), at: 590_000).vectorLabels.isEmpty)
  }
}

extension Value {
  var vectorLabels: [String] {
    guard case .vector(let samples) = self else { return [] }
    return samples.map(\.labels.description)
  }
}
