import Basics
import Exposition
import PromQL
import SeriesStore

/// `/api/v1/series`, `/api/v1/labels`, `/api/v1/label/<name>/values`, `/api/v1/metadata`,
/// `/api/v1/query_exemplars`, `/api/v1/format_query`: answered from the samples (Prometheus
/// answers the first three from its block index, so over a window it can list more).
extension PrometheusAPI {
  func series(_ call: Call) -> Outcome {
    do throws(APIError) {
      guard call.form.has("match[]") else { throw APIError(.badData, "no match[] parameter provided") }
      let start = try APITime.parameter(call.form, "start", default: APITime.minMs)
      let end = try APITime.parameter(call.form, "end", default: APITime.maxMs)
      let matcherSets: [[LabelMatcher]]
      do throws(APIError) {
        matcherSets = try matchers(call.form)
      } catch {
        throw APIError.invalidParameter("match[]", error.message)
      }
      let limit = try self.limit(call.form)
      var found = recording.series(matching: matcherSets, start: start, end: end)
      var warnings: [String] = []
      if let limit, found.count > limit {
        found.removeLast(found.count - limit)
        warnings.append("results truncated due to limit")
      }
      var out = JSONWriter(capacity: found.count * 128)
      out.beginArray()
      for labels in found { out.stringMap(labels.map { ($0.name, $0.value) }) }
      out.endArray()
      return .data(out.bytes, warnings: warnings)
    } catch {
      return .failure(error)
    }
  }

  func labelNames(_ call: Call) -> Outcome {
    do throws(APIError) {
      let start = try APITime.parameter(call.form, "start", default: APITime.minMs)
      let end = try APITime.parameter(call.form, "end", default: APITime.maxMs)
      let matcherSets = try matchers(call.form)
      var names = Set<String>()
      for labels in recording.series(matching: matcherSets, start: start, end: end) {
        for label in labels { names.insert(label.name) }
      }
      return strings(names.sorted(by: goLess), limit: try limit(call.form))
    } catch {
      return .failure(error)
    }
  }

  func labelValues(_ call: Call) -> Outcome {
    do throws(APIError) {
      guard PrometheusAPI.isLegacyLabelName(call.name) else {
        throw APIError(.badData, "invalid label name: \(GoQuote.quote(call.name))")
      }
      let start = try APITime.parameter(call.form, "start", default: APITime.minMs)
      let end = try APITime.parameter(call.form, "end", default: APITime.maxMs)
      let matcherSets = try matchers(call.form)
      var values = Set<String>()
      for labels in recording.series(matching: matcherSets, start: start, end: end) {
        if let value = labels[call.name], !value.isEmpty { values.insert(value) }
      }
      return strings(values.sorted(by: goLess), limit: try limit(call.form))
    } catch {
      return .failure(error)
    }
  }

  func metadata(_ call: Call) -> Outcome {
    do throws(APIError) {
      let limit = try self.limit(call.form, message: "limit must be a number")
      let perMetric = try self.limit(
        call.form, name: "limit_per_metric", message: "limit_per_metric must be a number")
      let metric = call.form.value("metric")
      var out = JSONWriter()
      out.beginObject()
      var count = 0
      for name in recording.metadata.keys.sorted() where metric.isEmpty || name == metric {
        if let limit, count >= limit { break }
        count += 1
        out.key(name)
        out.beginArray()
        for (index, entry) in (recording.metadata[name] ?? []).enumerated() {
          if let perMetric, index >= perMetric { break }
          out.stringMap([("type", entry.type.rawValue), ("help", entry.help), ("unit", entry.unit)])
        }
        out.endArray()
      }
      out.endObject()
      return .data(out.bytes)
    } catch {
      return .failure(error)
    }
  }

  /// Exemplars are not recorded (the text formats the recorder asks for carry none in Ray's
  /// output): an empty list, after Prometheus's parameter checks.
  func queryExemplars(_ call: Call) -> Outcome {
    do throws(APIError) {
      let start = try APITime.parameter(call.form, "start", default: APITime.minMs)
      let end = try APITime.parameter(call.form, "end", default: APITime.maxMs)
      guard end >= start else { throw APIError(.badData, "end timestamp must not be before start timestamp") }
      let expr: Expr
      do {
        expr = try Parser.parse(call.form.value("query"), options: parserOptions)
      } catch {
        throw APIError(.badData, error.description)
      }
      // Prometheus answers 204 when the expression has no selector at all.
      guard PrometheusAPI.hasSelector(expr) else { return .noContent }
      return .data(Array("[]".utf8))
    } catch {
      return .failure(error)
    }
  }

  func formatQuery(_ call: Call) -> Outcome {
    do {
      let expr = try Parser.parse(call.form.value("query"), options: parserOptions)
      var out = JSONWriter()
      out.string(expr.description)
      return .data(out.bytes)
    } catch {
      return .failure(.invalidParameter("query", error.description))
    }
  }

  /// The `match[]` selectors; each must have a matcher that does not match the empty string.
  func matchers(_ form: FormValues) throws(APIError) -> [[LabelMatcher]] {
    var sets: [[LabelMatcher]] = []
    for text in form.values("match[]") {
      do {
        sets.append(try Parser.parseMetricSelector(text))
      } catch {
        throw APIError(.badData, error.description)
      }
    }
    for set in sets where set.allSatisfy({ $0.matches("") }) {
      throw APIError(.badData, "match[] must contain at least one non-empty matcher")
    }
    return sets
  }

  /// The `limit` parameter (newer Prometheus versions): nil when absent or 0.
  func limit(
    _ form: FormValues, name: String = "limit", message: String? = nil
  ) throws(APIError) -> Int? {
    let text = form.value(name)
    if text.isEmpty { return nil }
    guard let value = Int(text) else {
      throw message.map { APIError(.badData, $0) }
        ?? .invalidParameter(name, "cannot parse \(GoQuote.quote(text)) to a valid limit")
    }
    return value <= 0 ? nil : value
  }

  func strings(_ values: [String], limit: Int?) -> Outcome {
    var values = values
    var warnings: [String] = []
    if let limit, values.count > limit {
      values.removeLast(values.count - limit)
      warnings.append("results truncated due to limit")
    }
    var out = JSONWriter(capacity: values.count * 24)
    out.stringArray(values)
    return .data(out.bytes, warnings: warnings)
  }

  /// Go's string order: bytes.
  func goLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  /// `[a-zA-Z_][a-zA-Z0-9_]*`.
  static func isLegacyLabelName(_ name: String) -> Bool {
    guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
    return name.utf8.allSatisfy { byte in
      (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        || byte == 0x5F
    }
  }

  static func hasSelector(_ expr: Expr) -> Bool {
    switch expr {
    case .vectorSelector, .matrixSelector: return true
    default: return expr.children.contains(where: hasSelector)
    }
  }
}
