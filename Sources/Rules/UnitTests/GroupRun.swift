import Archive
import Basics
import Exposition
import Foundation
import PromQL
import PromQLScript
import SeriesStore

/// One test group of a test file, run as promtool's `testGroup.test` runs it.
struct GroupRun {
  let file: RuleTestFile
  let group: RuleTestGroup
  let ruleFiles: [String]
  let folder: String
  let options: RuleTestRunner.Options

  var start: Int64 { group.startTimestamp }

  func run() -> [String] {
    let input: any Storage
    do {
      input = try inputStorage()
    } catch {
      return [error.message]
    }
    var files: [RuleFile] = []
    var loadErrors: [String] = []
    for path in ruleFiles {
      do {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let fileOptions = RuleFileOptions(
          prometheus2: options.prometheus2, ignoreUnknownFields: options.ignoreUnknownFields)
        files.append(try RuleFile.parse(text, path: path, options: fileOptions))
      } catch let error as RuleFileError {
        loadErrors += error.lines
      } catch {
        loadErrors.append("\(path): \(error)")
      }
    }
    if !loadErrors.isEmpty { return loadErrors }
    var evaluationOptions = RuleEvaluationOptions()
    evaluationOptions.prometheus2 = options.prometheus2
    evaluationOptions.defaultInterval = file.evaluationInterval
    evaluationOptions.externalLabels = Dictionary(group.externalLabels, uniquingKeysWith: { $1 })
    evaluationOptions.externalURL = group.externalURL
    evaluationOptions.queryTimeout = options.queryTimeout
    evaluationOptions.maxSamples = options.maxSamples
    var evaluator = RuleEvaluator(files: files, base: input, options: evaluationOptions)
    evaluator.order(by: file.groupEvalOrder)
    return evaluate(&evaluator)
  }

  private func evaluate(_ evaluator: inout RuleEvaluator) -> [String] {
    for test in group.alertTests where test.alertname.isEmpty {
      let suffix = group.name.isEmpty ? "" : " (in TestGroup \(group.name))"
      return [
        "an item under alert_rule_test misses required attribute alertname at eval_time "
          + "\(PromDuration.format(nanoseconds: test.evalTime * 1_000_000))\(suffix)"
      ]
    }
    let alertTimes = Array(Set(group.alertTests.map(\.evalTime))).sorted()
    let interval = file.evaluationInterval
    let end = start &+ group.maxEvalTime
    var errors: [String] = []
    var next = 0
    var time = start
    var lastEvaluated = start
    while time <= end {
      evaluator.storage.showBase(until: time)
      var failures: [RuleFailure] = []
      for index in evaluator.groups.indices { failures += evaluator.evaluate(group: index, at: time) }
      lastEvaluated = time
      if !failures.isEmpty {
        return errors
          + failures.map {
            "    rule: \($0.name), time: \(GoDuration.string(milliseconds: $0.time)), err: \($0.message)"
          }
      }
      while next < alertTimes.count, time - start <= alertTimes[next],
        alertTimes[next] < time - start + interval
      {
        errors += checkAlerts(at: alertTimes[next], evaluator)
        next += 1
      }
      let (following, overflow) = time.addingReportingOverflow(interval)
      if overflow { break }
      time = following
    }
    evaluator.storage.showBase(until: lastEvaluated)
    for test in group.exprTests { errors += checkExpression(test, evaluator) }
    return errors
  }

  /// The test input: `input_series` as a promqltest `load` block, plus any recordings.
  private func inputStorage() throws(InputError) -> any Storage {
    let step = group.interval ?? (options.prometheus2 ? 0 : file.evaluationInterval)
    var series: [Series] = []
    for entry in group.inputSeries {
      let description: SeriesDescription
      do {
        description = try SeriesDescription.parse("\(entry.series) \(entry.values)")
      } catch {
        throw InputError(message: InputError.promqlWording(entry: entry) ?? error.message)
      }
      var timestamps: [Int64] = []
      var values: [Double] = []
      for (index, value) in description.values.enumerated() {
        guard let value else { continue }
        let time = start &+ Int64(index) &* step
        if let last = timestamps.last, last >= time { continue }
        timestamps.append(time)
        values.append(value)
      }
      series.append(Series(labels: description.labels, timestamps: timestamps, values: values))
    }
    var parts: [any Storage] = [InMemoryStorage(series)]
    for recording in group.inputRecordings { parts.append(try recordingStorage(recording)) }
    return UnionStorage(parts)
  }

  private func recordingStorage(_ recording: InputRecording) throws(InputError) -> any Storage {
    let path =
      recording.path.hasPrefix("/") || folder.isEmpty ? recording.path : folder + "/" + recording.path
    do {
      let reader = try ArchiveReader(path: path)
      var storeOptions = options.prometheus2 ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
      storeOptions.extraLabels = recording.labels.map { Exposition.Label($0.name, $0.value) }
      let store = try SeriesStore(reader: reader, options: storeOptions)
      // A test over a fixture with holes could pass for the wrong reason: it fails instead.
      if let warning = store.damagedFrames.warning(path: path) { throw InputError(message: warning) }
      let from = store.startMs &+ (recording.from ?? 0)
      let to = recording.to.map { store.startMs &+ $0 } ?? store.endMs
      return ShiftedStorage(base: store, shift: start &- from, window: from...max(from, to))
    } catch {
      throw InputError(message: "input_recording \(path): \(error)")
    }
  }
}

/// Why a test group's input could not be loaded.
struct InputError: Error {
  var message: String

  /// promqltest reads series with the PromQL lexer: where that lexer rejects the series text, use
  /// its message and position, as promtool prints them.
  static func promqlWording(entry: (series: String, values: String)) -> String? {
    do {
      _ = try Parser.parseMetricSelector(entry.series)
      return nil
    } catch {
      do {
        _ = try Parser.parse("\(entry.series) \(entry.values)")
      } catch let parseError {
        return parseError.description
      }
      return error.description
    }
  }
}
