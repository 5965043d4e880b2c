import Basics
import PromQL
import YAML

/// The checks `rulefmt` makes after decoding, worded as it words them; also turns valid drafts
/// into rules.
struct RuleFileValidator {
  var options: RuleFileOptions

  func problems(in groups: [RuleGroup], parsed: inout [[RuleDraft]]) -> [String] {
    var problems: [String] = []
    var seen: Set<String> = []
    for (index, group) in groups.enumerated() {
      let place = "\(group.mark.line):\(group.mark.column)"
      if group.name.isEmpty { problems.append("\(place): Groupname must not be empty") }
      if seen.contains(group.name) {
        problems.append("\(place): groupname: \"\(group.name)\" is repeated in the same file")
      }
      seen.insert(group.name)
      for label in group.labels {
        if !validLabelName(label.name) || label.name == LabelMatcher.metricNameLabel {
          problems.append("invalid label name: \(label.name)")
        }
      }
      for ruleIndex in parsed[index].indices {
        let draft = parsed[index][ruleIndex]
        let (rule, ruleProblems) = validate(draft)
        parsed[index][ruleIndex].rule = rule
        let name = draft.alertName.isEmpty ? draft.recordName : draft.alertName
        for problem in ruleProblems {
          let prefix = problem.marks.map { "\($0.line):\($0.column): " }.joined()
          problems.append(
            "\(prefix)group \(GoQuote.quote(group.name)), rule \(ruleIndex + 1), \(GoQuote.quote(name)): \(problem.message)"
          )
        }
      }
    }
    return problems
  }

  private struct Problem {
    var marks: [YAMLMark]
    var message: String
  }

  private func mark(_ node: YAMLNode?) -> YAMLMark { node?.mark ?? YAMLMark(line: 0, column: 0) }

  private func validate(_ draft: RuleDraft) -> (Rule?, [Problem]) {
    var problems: [Problem] = []
    let record = draft.recordName
    let alert = draft.alertName
    let both = [mark(draft.record), mark(draft.alert)]
    if !record.isEmpty && !alert.isEmpty {
      problems.append(Problem(marks: both, message: "only one of 'record' and 'alert' must be set"))
    }
    if record.isEmpty && alert.isEmpty {
      // Prometheus 2 points at the record field only.
      let marks = options.prometheus2 ? [mark(draft.record)] : both
      problems.append(Problem(marks: marks, message: "one of 'record' or 'alert' must be set"))
    }
    let exprText = draft.expr?.scalar?.text ?? ""
    var expr: Expr?
    if exprText.isEmpty {
      problems.append(Problem(marks: [mark(draft.expr)], message: "field 'expr' must be set in rule"))
    } else {
      do {
        expr = try Parser.parse(exprText, options: parserOptions)
      } catch {
        problems.append(
          Problem(marks: [mark(draft.expr)], message: "could not parse expression: \(error.description)"))
      }
    }
    if !record.isEmpty {
      let at = [mark(draft.record)]
      if !draft.annotations.isEmpty {
        problems.append(Problem(marks: at, message: "invalid field 'annotations' in recording rule"))
      }
      if draft.holdDuration != 0 {
        problems.append(Problem(marks: at, message: "invalid field 'for' in recording rule"))
      }
      if draft.keepFiringFor != 0 {
        problems.append(Problem(marks: at, message: "invalid field 'keep_firing_for' in recording rule"))
      }
      if !validMetricName(record) {
        problems.append(Problem(marks: at, message: "invalid recording rule name: \(record)"))
      }
      if !options.prometheus2 && (record.contains("{") || record.contains("}")) {
        problems.append(
          Problem(
            marks: at, message: "braces present in the recording rule name; should it be in expr?: \(record)")
        )
      }
    }
    for label in draft.labels {
      if !validLabelName(label.key) || label.key == LabelMatcher.metricNameLabel {
        problems.append(Problem(marks: [], message: "invalid label name: \(label.key)"))
      }
    }
    for annotation in draft.annotations where !validLabelName(annotation.key) {
      problems.append(Problem(marks: [], message: "invalid annotation name: \(annotation.key)"))
    }
    if !alert.isEmpty {
      for (kind, entries) in [("label", draft.labels), ("annotation", draft.annotations)] {
        for entry in entries {
          if let error = AlertTemplating.parseError(alert: alert, text: entry.value) {
            problems.append(Problem(marks: [], message: "\(kind) \(GoQuote.quote(entry.key)): \(error)"))
          }
        }
      }
    }
    guard problems.isEmpty, let expr else { return (nil, problems) }
    let kind: Rule.Kind = record.isEmpty ? .alerting(alert: alert) : .recording(record: record)
    let rule = Rule(
      kind: kind, exprText: exprText, expr: expr, holdDuration: draft.holdDuration,
      keepFiringFor: draft.keepFiringFor, labels: draft.labels.map { ($0.key, $0.value) },
      annotations: draft.annotations.map { ($0.key, $0.value) }, mark: draft.mark)
    return (rule, [])
  }

  var parserOptions: ParserOptions {
    var parser = ParserOptions()
    parser.prometheus2Functions = options.prometheus2
    return parser
  }

  /// Legacy names under Prometheus 2; any non-empty UTF-8 name under Prometheus 3.
  func validLabelName(_ name: String) -> Bool {
    options.prometheus2 ? RuleNames.isLegacyLabelName(name) : !name.isEmpty
  }

  func validMetricName(_ name: String) -> Bool {
    options.prometheus2 ? RuleNames.isLegacyMetricName(name) : !name.isEmpty
  }
}

/// Prometheus's legacy name grammar.
enum RuleNames {
  static func isLegacyLabelName(_ name: String) -> Bool {
    guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
    return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || isDigit($0) }
  }

  static func isLegacyMetricName(_ name: String) -> Bool {
    let colon = UInt8(ascii: ":")
    guard let first = name.utf8.first, first == UInt8(ascii: "_") || first == colon || isLetter(first) else {
      return false
    }
    return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == colon || isLetter($0) || isDigit($0) }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
