import Basics
import Exposition
import Foundation
import PromQL
import Rules
import SeriesStore

/// `/api/v1/status/*`, `/api/v1/targets` and friends: what a Prometheus that had scraped the
/// recorded targets would report.
extension PrometheusAPI {
  func buildInfo() -> Outcome {
    var out = JSONWriter()
    out.stringMap([
      ("version", configuration.version), ("revision", "rayrec-\(configuration.rayrecVersion)"),
      ("branch", "rayrec"), ("buildUser", "rayrec"), ("buildDate", "20260101-00:00:00"),
      ("goVersion", "swift (rayrec \(configuration.rayrecVersion))"),
    ])
    return .data(out.bytes)
  }

  /// A Prometheus configuration that would scrape the recorded targets.
  func config() -> Outcome {
    var yaml = "global:\n  scrape_interval: 15s\n  scrape_timeout: 10s\n  evaluation_interval: "
    yaml += PromDuration.format(nanoseconds: recording.options.ruleOptions.defaultInterval * 1_000_000) + "\n"
    if !recording.ruleFiles.isEmpty {
      yaml += "rule_files:\n"
      for file in recording.ruleFiles { yaml += "- \(file.path)\n" }
    }
    yaml += "scrape_configs:\n"
    var jobs: [String: [TargetStatus]] = [:]
    for target in recording.targets { jobs[target.job, default: []].append(target) }
    for job in jobs.keys.sorted() {
      guard let targets = jobs[job], let first = targets.first else { continue }
      yaml += "- job_name: \(job)\n"
      yaml += "  scrape_interval: \(PromDuration.format(nanoseconds: first.intervalMs * 1_000_000))\n"
      yaml += "  scrape_timeout: \(PromDuration.format(nanoseconds: first.timeoutMs * 1_000_000))\n"
      yaml += "  metrics_path: \(first.metricsPath)\n  scheme: \(first.scheme)\n  static_configs:\n"
      for target in targets { yaml += "  - targets:\n    - \(target.address)\n" }
    }
    var out = JSONWriter()
    out.stringMap([("yaml", yaml)])
    return .data(out.bytes)
  }

  func flags() -> Outcome {
    var out = JSONWriter()
    out.stringMap([
      ("query.lookback-delta", "5m"),
      ("query.max-concurrency", String(configuration.maxConcurrency)),
      ("query.max-samples", String(configuration.maxSamples)),
      (
        "query.timeout",
        PromDuration.format(nanoseconds: Int64(configuration.queryTimeout.components.seconds) * 1_000_000_000)
      ),
      ("storage.tsdb.retention.time", "0s"),
      ("web.listen-address", configuration.listenAddress),
    ])
    return .data(out.bytes)
  }

  func runtimeInfo() -> Outcome {
    var out = JSONWriter()
    out.beginObject()
    out.key("startTime")
    out.string(APITime.format(configuration.startedAtMs))
    out.key("CWD")
    out.string(FileManager.default.currentDirectoryPath)
    out.key("reloadConfigSuccess")
    out.bool(true)
    out.key("lastConfigTime")
    out.string(APITime.format(configuration.startedAtMs))
    out.key("corruptionCount")
    out.int(0)
    out.key("goroutineCount")
    out.int(configuration.maxConcurrency + 2)
    out.key("GOMAXPROCS")
    out.int(ProcessInfo.processInfo.activeProcessorCount)
    out.key("GOGC")
    out.string("")
    out.key("GODEBUG")
    out.string("")
    out.key("storageRetention")
    out.string("unlimited (a recording)")
    out.endObject()
    return .data(out.bytes)
  }

  func walReplay() -> Outcome {
    var out = JSONWriter()
    out.beginObject()
    for key in ["min", "max", "current"] {
      out.key(key)
      out.int(0)
    }
    out.endObject()
    return .data(out.bytes)
  }

  /// The recording's cardinality, in the shape of Prometheus's head statistics.
  func tsdbStatus() -> Outcome {
    var byName: [String: Int] = [:]
    var valuesByLabel: [String: Set<String>] = [:]
    var bytesByLabel: [String: Int] = [:]
    var byPair: [String: Int] = [:]
    var pairs = Set<String>()
    var chunks = 0
    for series in recording.series {
      byName[series.labels.metricName ?? "", default: 0] += 1
      chunks += (series.timestamps.count + 119) / 120
      for label in series.labels {
        let pair = label.name + "=" + label.value
        if valuesByLabel[label.name, default: []].insert(label.value).inserted {
          bytesByLabel[label.name, default: 0] += label.value.utf8.count
        }
        byPair[pair, default: 0] += 1
        pairs.insert(pair)
      }
    }
    func top(_ counts: [String: Int], _ out: inout JSONWriter) {
      out.beginArray()
      let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : goLess($0.key, $1.key) }
      for (name, value) in sorted.prefix(10) {
        out.beginObject()
        out.key("name")
        out.string(name)
        out.key("value")
        out.int(value)
        out.endObject()
      }
      out.endArray()
    }
    var out = JSONWriter()
    out.beginObject()
    out.key("headStats")
    out.beginObject()
    out.key("numSeries")
    out.int(recording.series.count)
    out.key("numLabelPairs")
    out.int(pairs.count)
    out.key("chunkCount")
    out.int(chunks)
    out.key("minTime")
    out.int(recording.startMs)
    out.key("maxTime")
    out.int(recording.endMs)
    out.endObject()
    out.key("seriesCountByMetricName")
    top(byName, &out)
    out.key("labelValueCountByLabelName")
    top(valuesByLabel.mapValues(\.count), &out)
    out.key("memoryInBytesByLabelName")
    top(bytesByLabel, &out)
    out.key("seriesCountByLabelValuePair")
    top(byPair, &out)
    out.endObject()
    return .data(out.bytes)
  }

  func targets(_ call: Call) -> Outcome {
    let state = call.form.value("state").lowercased()
    let pool = call.form.value("scrapePool")
    var out = JSONWriter()
    out.beginObject()
    out.key("activeTargets")
    out.beginArray()
    if state.isEmpty || state == "active" || state == "any" {
      for target in recording.targets where pool.isEmpty || target.job == pool {
        let interval = PromDuration.format(nanoseconds: target.intervalMs * 1_000_000)
        let timeout = PromDuration.format(nanoseconds: target.timeoutMs * 1_000_000)
        out.beginObject()
        out.key("discoveredLabels")
        out.stringMap([
          ("__address__", target.address), ("__metrics_path__", target.metricsPath),
          ("__scheme__", target.scheme), ("__scrape_interval__", interval), ("__scrape_timeout__", timeout),
          ("job", target.job),
        ])
        out.key("labels")
        out.stringMap(target.labels)
        out.key("scrapePool")
        out.string(target.job)
        out.key("scrapeUrl")
        out.string(target.url)
        out.key("globalUrl")
        out.string(target.url)
        out.key("lastError")
        out.string(target.lastError)
        out.key("lastScrape")
        out.string(target.lastScrapeMs.map(APITime.format) ?? "0001-01-01T00:00:00Z")
        out.key("lastScrapeDuration")
        out.raw(String(target.lastDurationSeconds).utf8)
        out.key("health")
        out.string(target.lastScrapeMs == nil ? "unknown" : target.lastError.isEmpty ? "up" : "down")
        out.key("scrapeInterval")
        out.string(interval)
        out.key("scrapeTimeout")
        out.string(timeout)
        out.endObject()
      }
    }
    out.endArray()
    out.key("droppedTargets")
    out.beginArray()
    out.endArray()
    out.endObject()
    return .data(out.bytes)
  }

  func scrapePools(_ call: Call) -> Outcome {
    var out = JSONWriter()
    out.beginObject()
    out.key("scrapePools")
    out.stringArray(Array(Set(recording.targets.map(\.job))).sorted(by: goLess))
    out.endObject()
    return .data(out.bytes)
  }

  func targetMetadata(_ call: Call) -> Outcome {
    let metric = call.form.value("metric")
    var out = JSONWriter()
    out.beginArray()
    for target in recording.targets {
      for entry in target.metadata where metric.isEmpty || entry.metric == metric {
        out.beginObject()
        out.key("target")
        out.stringMap(target.labels)
        if metric.isEmpty {
          out.key("metric")
          out.string(entry.metric)
        }
        out.key("type")
        out.string(entry.type.rawValue)
        out.key("help")
        out.string(entry.help)
        out.key("unit")
        out.string(entry.unit)
        out.endObject()
      }
    }
    out.endArray()
    return .data(out.bytes)
  }

  func alertmanagers() -> Outcome {
    .data(Array(#"{"activeAlertmanagers":[],"droppedAlertmanagers":[]}"#.utf8))
  }
}
