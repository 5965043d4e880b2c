import PromQL
import YAML

extension RuleFile {
  /// Reads a rule file's text as `promtool check rules` does: the YAML strictly (unknown fields
  /// are errors), then every group and rule validated; all problems are reported at once.
  public static func parse(_ text: String, path: String, options: RuleFileOptions = RuleFileOptions())
    throws(RuleFileError) -> RuleFile
  {
    let documents: [YAMLNode]
    do {
      documents = try YAMLParser.parseDocuments(text, file: path)
    } catch {
      throw RuleFileError(path: path, messages: ["yaml: line \(error.mark.line): \(error.message)"])
    }
    var reader = RuleFileReader(options: options)
    var groups: [RuleGroup] = []
    do {
      for document in documents where !document.isNull {
        groups += try reader.groups(in: document)
      }
    } catch {
      throw RuleFileError(path: path, messages: [error.message])
    }
    if let failure = reader.decoder.failure { throw RuleFileError(path: path, messages: [failure]) }
    let problems = RuleFileValidator(options: options).problems(in: groups, parsed: &reader.parsedRules)
    if !problems.isEmpty { throw RuleFileError(path: path, messages: problems) }
    return RuleFile(
      path: path,
      groups: groups.enumerated().map { index, group in
        var group = group
        group.rules = reader.parsedRules[index].compactMap(\.rule)
        return group
      })
  }
}

/// What the YAML said of one rule, kept for validation before it becomes a ``Rule``.
struct RuleDraft {
  var record: YAMLNode?
  var alert: YAMLNode?
  var expr: YAMLNode?
  var holdDuration: Int64 = 0
  var keepFiringFor: Int64 = 0
  var labels: [(key: String, value: String)] = []
  var annotations: [(key: String, value: String)] = []
  var mark: YAMLMark
  /// The rule, once it validated.
  var rule: Rule?

  var recordName: String { record?.scalar?.text ?? "" }
  var alertName: String { alert?.scalar?.text ?? "" }
}

/// Reads groups and rules from YAML nodes into drafts.
struct RuleFileReader {
  var options: RuleFileOptions
  var decoder = StrictDecoder()
  /// Per group read so far, its rule drafts.
  var parsedRules: [[RuleDraft]] = []

  init(options: RuleFileOptions) {
    self.options = options
    decoder.ignoresUnknownFields = options.ignoreUnknownFields
    decoder.legacyDurationErrors = options.prometheus2
  }

  mutating func groups(in document: YAMLNode) throws(DurationFailure) -> [RuleGroup] {
    let top = decoder.fields(document, type: "rulefmt.RuleGroups", known: ["groups"])
    var groups: [RuleGroup] = []
    for node in decoder.items(top["groups"], type: "[]rulefmt.RuleGroup") {
      var known: Set<String> = ["name", "interval", "limit", "rules"]
      if !options.prometheus2 { known.formUnion(["query_offset", "labels"]) }
      let fields = decoder.fields(node, type: "rulefmt.RuleGroup", known: known)
      var drafts: [RuleDraft] = []
      for ruleNode in decoder.items(fields["rules"], type: "[]rulefmt.RuleNode") {
        drafts.append(try draft(ruleNode))
      }
      parsedRules.append(drafts)
      groups.append(
        RuleGroup(
          name: decoder.string(fields["name"]),
          interval: try fields["interval"].map { node throws(DurationFailure) in try decoder.duration(node) },
          queryOffset: try fields["query_offset"].map { node throws(DurationFailure) in
            try decoder.duration(node)
          },
          limit: decoder.int(fields["limit"]),
          labels: decoder.stringMap(fields["labels"]).map { ($0.key, $0.value) },
          rules: [], mark: node.mark))
    }
    return groups
  }

  mutating func draft(_ node: YAMLNode) throws(DurationFailure) -> RuleDraft {
    let fields = decoder.fields(
      node, type: "rulefmt.RuleNode",
      known: ["record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"])
    var draft = RuleDraft(mark: node.mark)
    for key in ["record", "alert", "expr"] {
      guard let value = fields[key] else { continue }
      if value.scalar == nil && !value.isNull { decoder.mismatch(value, into: "string") }
    }
    draft.record = fields["record"]
    draft.alert = fields["alert"]
    draft.expr = fields["expr"]
    draft.holdDuration = try decoder.duration(fields["for"])
    draft.keepFiringFor = try decoder.duration(fields["keep_firing_for"])
    draft.labels = decoder.stringMap(fields["labels"])
    draft.annotations = decoder.stringMap(fields["annotations"])
    return draft
  }
}
