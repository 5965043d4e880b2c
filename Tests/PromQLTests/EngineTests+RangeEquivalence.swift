import Testing

@testable import PromQL

/// A range query reads windows as views into the selections its plan fetched once, folds windows
/// on from step to step and memoizes label changes; an instant query plans a single step. Both
/// must give the same answers at every step, and so must an evaluation without any plan, which
/// reads the storage afresh for every selector at every step.
extension EngineTests {
  static let rangeStorage: InMemoryStorage = {
    var series: [Series] = []
    for (index, instance) in ["a", "b", "c"].enumerated() {
      var timestamps: [Int64] = []
      var values: [Double] = []
      var counter = 0.0
      for step in 0..<120 {
        timestamps.append(Int64(step) * 15_000 + Int64(index) * 1_000)
        counter += Double((step * 7 + index * 3) % 11)
        if step == 70 + index { counter = 3 }  // a counter reset
        // Instance "b" goes away for a while, with a staleness marker, then comes back.
        values.append(instance == "b" && (40..<60).contains(step) ? StaleMarker.value : counter)
      }
      series.append(
        Series(
          labels: Labels(["__name__": "requests_total", "instance": instance, "job": "api"]),
          timestamps: timestamps, values: values))
      series.append(
        Series(
          labels: Labels(["__name__": "temperature", "instance": instance, "job": "api"]),
          timestamps: timestamps, values: timestamps.map { Double(($0 / 1_000 * 37 + Int64(index)) % 23) }))
    }
    series.append(
      Series(
        labels: Labels(["__name__": "capacity", "job": "api"]), timestamps: [0, 900_000], values: [100, 120]))
    series.append(
      Series(
        labels: Labels(["__name__": "zero", "job": "api"]), timestamps: [0, 600_000, 1_200_000],
        values: [-0.0, .nan, -.infinity]))
    return InMemoryStorage(series)
  }()

  static let rangeExpressions = [
    "requests_total", "-temperature", "rate(requests_total[1m])", "increase(requests_total[5m])",
    "irate(requests_total[1m])", "idelta(temperature[2m])", "deriv(temperature[3m])",
    "predict_linear(temperature[3m], 60)", "changes(temperature[5m])", "resets(requests_total[10m])",
    "max_over_time(temperature[14d])", "min_over_time(temperature[2m])", "avg_over_time(temperature[5m])",
    "sum_over_time(temperature[5m])", "count_over_time(requests_total[5m])",
    "quantile_over_time(0.9, temperature[5m])", "stddev_over_time(temperature[5m])",
    "last_over_time(requests_total[1m])", "double_exponential_smoothing(temperature[5m], 0.5, 0.5)",
    "ts_of_max_over_time(temperature[5m])", "mad_over_time(temperature[5m])",
    "absent_over_time(requests_total{instance=\"b\"}[1m])", "sum by (job) (rate(requests_total[1m]))",
    "sum without (instance) (temperature)", "topk(2, temperature)", "count_values(\"v\", temperature)",
    "temperature / on (job) group_left capacity", "temperature * ignoring (instance) group_left capacity",
    "temperature > on (instance) requests_total", "temperature and requests_total",
    "requests_total unless on (instance) temperature > 10", "temperature or capacity",
    "clamp_min(sum by (instance) (temperature), 5)", "max_over_time(temperature[5m:1m])",
    "rate(requests_total[5m] offset 2m)", "count by (job) (requests_total)", "min(temperature)",
    "max without (job) (requests_total)", "group by (instance) (requests_total offset 3m)",
    "sum(requests_total @ 600)", "sum by (instance) ((temperature))", "min(zero)", "max(zero)", "sum(zero)",
    "sum by (job) (temperature) / on (job) sum by (job) (capacity)",
    "label_replace(temperature, \"i\", \"$1\", \"instance\", \"(.*)\")",
    "max_over_time(temperature[2m]) - max_over_time(temperature[14d])",
    "sum_over_time(temperature[14d]) - sum_over_time(temperature[14d] offset 2m)",
    "min_over_time(temperature[14d] @ 600)",
    "max_over_time(max_over_time(temperature[5m])[40m:1m])", "sum by (instance) (-requests_total)",
    // The plan's extents: offsets, `@`, nested subqueries, extended selectors, duration expressions.
    "max_over_time(rate(requests_total[2m])[10m:1m] offset 3m)",
    "min_over_time(sum by (job) (temperature)[20m:2m] @ 1500)",
    "sum_over_time(max_over_time(temperature[1m:15s])[5m:30s])", "rate(requests_total[1m] @ 120)",
    "temperature offset 1m - temperature", "sum(temperature offset 10m) - sum(temperature)",
    "rate(requests_total[2m] anchored)", "increase(requests_total[2m] smoothed)", "temperature smoothed",
    "timestamp(requests_total)", "info(temperature)",
    "absent(nonexistent)", "count(requests_total > 5) - count(requests_total offset 20m)",
    "sum_over_time(temperature[30m] offset -5m)", "last_over_time(requests_total[10m:45s] @ 900)",
  ]

  /// Expressions whose value depends on the query's start, end or step: an instant query at one of
  /// a range query's steps is a different query, but an evaluation without a plan is the same one.
  static let queryTimeExpressions = [
    "min_over_time(sum by (job) (temperature)[20m:2m] @ end())", "rate(requests_total[1m] @ start())",
    "max_over_time(temperature[step() * 4])", "temperature @ end() offset 10m",
    "max_over_time(rate(requests_total[1m] @ start())[5m:step()])",
  ]

  @Test(arguments: rangeExpressions + queryTimeExpressions)
  func rangeQueriesAgreeWithEvaluationsWithoutAPlan(_ text: String) throws {
    for compat2 in [false, true] {
      var engine = Engine(storage: Self.rangeStorage)
      engine.prometheus2Semantics = compat2
      let expr = try Parser.parse(text, options: .all)
      let (start, end, step): (Int64, Int64, Int64) = (60_000, 1_800_000, 45_000)
      let unplanned = Evaluation(engine: engine, queryStart: start, queryEnd: end, step: step)
      var expected: [Labels: [(Int64, Double)]] = [:]
      var time = start
      while time <= end {
        switch try unplanned.evaluate(expr, at: time) {
        case .vector(let samples):
          for sample in try Evaluation.removingFlaggedNames(samples) {
            expected[sample.labels, default: []].append((time, sample.value))
          }
        case .scalar(let value): expected[.empty, default: []].append((time, value))
        default: Issue.record("unexpected result type")
        }
        time += step
      }
      let result = try engine.rangeQuery(expr, start: start, end: end, step: step)
      #expect(result.count == expected.count, "\(text) compat2=\(compat2)")
      for series in result {
        let points = expected[series.labels] ?? []
        #expect(series.timestamps == points.map(\.0), "\(text) \(series.labels)")
        #expect(
          series.values.map(\.bitPattern) == points.map(\.1.bitPattern), "\(text) \(series.labels)")
      }
    }
  }

  @Test(arguments: rangeExpressions)
  func rangeQueriesAgreeWithInstantQueriesAtEveryStep(_ text: String) throws {
    // Prometheus 3, Prometheus 2, and Prometheus 3 with delayed name removal.
    for (compat2, delayed) in [(false, false), (true, false), (false, true)] {
      var engine = Engine(storage: Self.rangeStorage)
      engine.prometheus2Semantics = compat2
      engine.delayedNameRemoval = delayed
      var options = ParserOptions()
      options.experimentalFunctions = true
      options.extendedRangeSelectors = true
      options.durationExpressions = true
      let expr = try Parser.parse(text, options: options)
      let (start, end, step): (Int64, Int64, Int64) = (60_000, 1_800_000, 45_000)
      var expected: [Labels: [(Int64, Double)]] = [:]
      var time = start
      while time <= end {
        switch try engine.instantQuery(expr, at: time) {
        case .vector(let samples):
          for sample in samples { expected[sample.labels, default: []].append((time, sample.value)) }
        case .scalar(let value): expected[.empty, default: []].append((time, value))
        default: Issue.record("unexpected result type")
        }
        time += step
      }
      let result = try engine.rangeQuery(expr, start: start, end: end, step: step)
      #expect(result.count == expected.count, "\(text) compat2=\(compat2) delayed=\(delayed)")
      for series in result {
        let points = expected[series.labels] ?? []
        #expect(series.timestamps == points.map(\.0), "\(text) \(series.labels)")
        #expect(
          series.values.map(\.bitPattern) == points.map(\.1.bitPattern), "\(text) \(series.labels)")
      }
    }
  }
}
