import Basics
import Foundation
import PromQL
import Rules

/// `/api/v1/rules` and `/api/v1/alerts`: the rules' state as of the end of the recording (or the
/// `time` parameter, a rayrec extension).
extension PrometheusAPI {
  func rules(_ call: Call) -> Outcome {
    do throws(APIError) {
      let type = call.form.value("type").lowercased()
      guard type.isEmpty || type == "alert" || type == "record" else {
        throw .invalidParameter("type", "not supported value \(GoQuote.quote(type))")
      }
      let time = try ruleTime(call)
      let names = Set(call.form.values("rule_name[]"))
      let groupNames = Set(call.form.values("rule_group[]"))
      var out = JSONWriter()
      out.beginObject()
      out.key("groups")
      out.beginArray()
      if let evaluator = recording.rules(asOf: time) {
        let asOf = time ?? recording.endMs
        for (groupIndex, loaded) in evaluator.groups.enumerated()
        where groupNames.isEmpty || groupNames.contains(loaded.group.name) {
          let interval = evaluator.interval(ofGroup: groupIndex)
          let last = (asOf &- recording.shift) / interval * interval &+ recording.shift
          out.beginObject()
          out.key("name")
          out.string(loaded.group.name)
          out.key("file")
          out.string(loaded.file)
          out.key("rules")
          out.beginArray()
          for (ruleIndex, rule) in loaded.group.rules.enumerated()
          where names.isEmpty || names.contains(rule.name) {
            if rule.isAlerting ? type == "record" : type == "alert" { continue }
            writeRule(rule, group: groupIndex, index: ruleIndex, evaluator, lastEvaluation: last, &out)
          }
          out.endArray()
          out.key("interval")
          out.double(Double(interval) / 1000)
          out.key("limit")
          out.int(loaded.group.limit)
          out.key("evaluationTime")
          out.int(0)
          out.key("lastEvaluation")
          out.string(APITime.format(last))
          out.endObject()
        }
      }
      out.endArray()
      out.endObject()
      return .data(out.bytes)
    } catch {
      return .failure(error)
    }
  }

  func alerts(_ call: Call) -> Outcome {
    do throws(APIError) {
      let time = try ruleTime(call)
      var out = JSONWriter()
      out.beginObject()
      out.key("alerts")
      out.beginArray()
      if let evaluator = recording.rules(asOf: time) {
        for (groupIndex, loaded) in evaluator.groups.enumerated() {
          for ruleIndex in loaded.group.rules.indices where loaded.group.rules[ruleIndex].isAlerting {
            for alert in evaluator.activeAlerts(group: groupIndex, rule: ruleIndex) {
              writeAlert(alert, &out)
            }
          }
        }
      }
      out.endArray()
      out.endObject()
      return .data(out.bytes)
    } catch {
      return .failure(error)
    }
  }

  private func ruleTime(_ call: Call) throws(APIError) -> Int64? {
    call.form.value("time").isEmpty ? nil : try APITime.parameter(call.form, "time", default: recording.endMs)
  }

  private func writeRule(
    _ rule: Rule, group: Int, index: Int, _ evaluator: RuleEvaluator, lastEvaluation: Int64,
    _ out: inout JSONWriter
  ) {
    let lastError = evaluator.lastError(group: group, rule: index)
    let health = lastError == nil ? "ok" : "err"
    let labels = Labels(rule.labels).map { ($0.name, $0.value) }
    out.beginObject()
    if rule.isAlerting {
      let active = evaluator.activeAlerts(group: group, rule: index)
      out.key("state")
      out.string((active.map(\.state).max() ?? .inactive).rawValue)
    }
    out.key("name")
    out.string(rule.name)
    out.key("query")
    out.string(rule.expr.description)
    if rule.isAlerting {
      out.key("duration")
      out.double(Double(rule.holdDuration) / 1000)
      out.key("keepFiringFor")
      out.double(Double(rule.keepFiringFor) / 1000)
      out.key("labels")
      out.stringMap(labels)
      out.key("annotations")
      out.stringMap(Labels(rule.annotations).map { ($0.name, $0.value) })
      out.key("alerts")
      out.beginArray()
      for alert in evaluator.activeAlerts(group: group, rule: index) { writeAlert(alert, &out) }
      out.endArray()
    } else if !labels.isEmpty {
      out.key("labels")
      out.stringMap(labels)
    }
    out.key("health")
    out.string(health)
    if let lastError {
      out.key("lastError")
      out.string(lastError)
    }
    out.key("evaluationTime")
    out.int(0)
    out.key("lastEvaluation")
    out.string(APITime.format(lastEvaluation))
    out.key("type")
    out.string(rule.isAlerting ? "alerting" : "recording")
    out.endObject()
  }

  private func writeAlert(_ alert: AlertInstance, _ out: inout JSONWriter) {
    out.beginObject()
    out.key("labels")
    out.stringMap(alert.labels.map { ($0.name, $0.value) })
    out.key("annotations")
    out.stringMap(alert.annotations.map { ($0.name, $0.value) })
    out.key("state")
    out.string(alert.state.rawValue)
    out.key("activeAt")
    out.string(APITime.format(alert.activeAt &+ recording.shift))
    if let since = alert.keepFiringSince {
      out.key("keepFiringSince")
      out.string(APITime.format(since &+ recording.shift))
    }
    out.key("value")
    out.string(PrometheusAPI.goExponent(alert.value))
    out.endObject()
  }

  /// Go's `strconv.FormatFloat(v, 'e', -1, 64)`: the shortest exponent form, `1e+00`.
  static func goExponent(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    for precision in 0...16 {
      let text = String(format: "%.\(precision)e", value)
      if Double(text) == value { return text }
    }
    return String(format: "%.17e", value)
  }
}
