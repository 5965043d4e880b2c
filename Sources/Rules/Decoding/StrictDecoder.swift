import Basics
import PromQL
import YAML

/// A duration that did not parse: go-yaml stops there with the duration's own message.
struct DurationFailure: Error {
  var message: String
}

/// Reads YAML nodes into typed values the way go-yaml's strict mode does (`UnmarshalStrict` in
/// promtool, `KnownFields(true)` in the rule loader): unknown fields and type mismatches are
/// collected as `line N: ...` errors, and the whole decode fails with all of them at once.
struct StrictDecoder {
  /// The collected `line N: message` errors, in document order.
  private(set) var errors: [(line: Int, message: String)] = []
  /// Accept unknown fields instead of reporting them (promtool's `--ignore-unknown-fields`).
  var ignoresUnknownFields = false
  /// go-yaml v2's strict mode (promtool's test files): a key that overrides one brought by a `<<`
  /// merge is reported as already set.
  var mergeOverridesAreErrors = false
  /// Prometheus 2's duration parser words every error `not a valid duration string: "..."`.
  var legacyDurationErrors = false

  /// The error go-yaml reports for everything collected, or nil when nothing was.
  var failure: String? {
    guard !errors.isEmpty else { return nil }
    return "yaml: unmarshal errors:\n"
      + errors.map { "  line \($0.line): \($0.message)" }.joined(separator: "\n")
  }

  mutating func fail(_ node: YAMLNode, _ message: String) {
    errors.append((node.mark.line, message))
  }

  /// go-yaml's `cannot unmarshal !!str `value` into TYPE`, the value shown for scalars only.
  mutating func mismatch(_ node: YAMLNode, into type: String) {
    var shown = ""
    if let scalar = node.scalar {
      let text = scalar.text
      shown = text.count > 10 ? " `\(text.prefix(7))...`" : " `\(text)`"
    }
    fail(node, "cannot unmarshal \(node.kindName)\(shown) into \(type)")
  }

  /// The fields of a mapping node typed `type`, each known field once; unknown ones are errors.
  /// A null node is an empty mapping.
  mutating func fields(_ node: YAMLNode, type: String, known: Set<String>) -> [String: YAMLNode] {
    if node.isNull { return [:] }
    guard let pairs = node.pairs else {
      mismatch(node, into: type)
      return [:]
    }
    if mergeOverridesAreErrors {
      for key in node.mergeOverrides {
        fail(key, "field \(key.scalar?.text ?? "") already set in type \(type)")
      }
    }
    var result: [String: YAMLNode] = [:]
    for pair in pairs {
      guard let key = pair.key.scalar?.text else {
        mismatch(pair.key, into: "string")
        continue
      }
      guard known.contains(key) else {
        if !ignoresUnknownFields { fail(pair.key, "field \(key) not found in type \(type)") }
        continue
      }
      result[key] = pair.value
    }
    return result
  }

  /// A string field: any scalar's text (go-yaml decodes `1` into a string as "1"); null is "".
  mutating func string(_ node: YAMLNode?) -> String {
    guard let node, !node.isNull else { return "" }
    guard let scalar = node.scalar else {
      mismatch(node, into: "string")
      return ""
    }
    return scalar.text
  }

  /// A `map[string]string` in source order; null values read as "".
  mutating func stringMap(_ node: YAMLNode?) -> [(key: String, value: String)] {
    guard let node, !node.isNull else { return [] }
    guard let pairs = node.pairs else {
      mismatch(node, into: "map[string]string")
      return []
    }
    if mergeOverridesAreErrors {
      for key in node.mergeOverrides {
        fail(key, "key \(GoQuote.quote(key.scalar?.text ?? "")) already set in map")
      }
    }
    var result: [(key: String, value: String)] = []
    for pair in pairs {
      guard let key = pair.key.scalar?.text else {
        mismatch(pair.key, into: "string")
        continue
      }
      result.append((key, string(pair.value)))
    }
    return result
  }

  /// A sequence's items; null is empty.
  mutating func items(_ node: YAMLNode?, type: String) -> [YAMLNode] {
    guard let node, !node.isNull else { return [] }
    guard let items = node.items else {
      mismatch(node, into: type)
      return []
    }
    return items
  }

  /// A `[]string`.
  mutating func strings(_ node: YAMLNode?) -> [String] {
    items(node, type: "[]string").map { string($0) }
  }

  /// A float64 field, resolved as go-yaml resolves plain scalars (`.inf`, `-.inf`, `.nan`, ints).
  mutating func double(_ node: YAMLNode?) -> Double {
    guard let node, !node.isNull else { return 0 }
    guard let value = node.asDouble() else {
      mismatch(node, into: "float64")
      return 0
    }
    return value
  }

  /// An int field.
  mutating func int(_ node: YAMLNode?) -> Int {
    guard let node, !node.isNull else { return 0 }
    guard let value = node.asInt() else {
      mismatch(node, into: "int")
      return 0
    }
    return value
  }

  /// A Prometheus duration field (`model.Duration`): its parse error ends the decode, as a custom
  /// unmarshaler's error does in go-yaml.
  mutating func duration(_ node: YAMLNode?) throws(DurationFailure) -> Int64 {
    guard let node, !node.isNull else { return 0 }
    guard let scalar = node.scalar else {
      mismatch(node, into: "string")
      return 0
    }
    switch PromDuration.parse(scalar.text) {
    case .success(let nanoseconds): return nanoseconds / 1_000_000
    case .failure(let error):
      if legacyDurationErrors {
        throw DurationFailure(message: "not a valid duration string: \(GoQuote.quote(scalar.text))")
      }
      throw DurationFailure(message: error.message)
    }
  }

  /// A bool field.
  mutating func bool(_ node: YAMLNode?) -> Bool {
    guard let node, !node.isNull else { return false }
    guard let value = node.asBool() else {
      mismatch(node, into: "bool")
      return false
    }
    return value
  }
}
