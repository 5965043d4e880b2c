import PromQL

extension RuleFile {
  /// `promtool check rules`'s duplicate lint: rules of this file with the same name and the same
  /// labels, each listed once, as `(name, labels)` sorted by name then labels.
  public var duplicateRules: [(name: String, labels: [(name: String, value: String)])] {
    let keyed = groups.flatMap(\.rules).map { rule in
      (name: rule.name, labels: Labels(rule.labels.map { ($0.name, $0.value) }))
    }
    .sorted { $0.name != $1.name ? $0.name < $1.name : Labels.precedes($0.labels, $1.labels) }
    var duplicates: [(name: String, labels: Labels)] = []
    for index in keyed.indices.dropFirst() {
      let previous = keyed[index - 1]
      let current = keyed[index]
      guard previous.name == current.name && previous.labels == current.labels else { continue }
      if let last = duplicates.last, last.name == current.name && last.labels == current.labels { continue }
      duplicates.append(current)
    }
    return duplicates.map { ($0.name, $0.labels.map { ($0.name, $0.value) }) }
  }

  /// The lint's message, as promtool prints it after `lint error`.
  public var duplicateRulesMessage: String? {
    let duplicates = duplicateRules
    guard !duplicates.isEmpty else { return nil }
    var message = "\(duplicates.count) duplicate rule(s) found.\n"
    for duplicate in duplicates {
      message += "Metric: \(duplicate.name)\nLabel(s):\n"
      for label in duplicate.labels { message += "\t\(label.name): \(label.value)\n" }
    }
    return message + "Might cause inconsistency while recording expressions"
  }
}
