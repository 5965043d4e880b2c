import YAML

/// A compact, unambiguous rendering of a tree for expected-tree tests: scalars as quoted text with a
/// style letter (none for plain, `s` single, `d` double, `l` literal, `f` folded), an explicit tag in
/// front, sequences as `[...]`, mappings as `{k: v, ...}`.
func render(_ node: YAMLNode) -> String {
  let tag = node.tag.map { $0 + " " } ?? ""
  switch node.content {
  case .scalar(let scalar):
    let letter: String
    switch scalar.style {
    case .plain: letter = ""
    case .singleQuoted: letter = "s"
    case .doubleQuoted: letter = "d"
    case .literal: letter = "l"
    case .folded: letter = "f"
    }
    return tag + letter + quoted(scalar.text)
  case .sequence(let items):
    return tag + "[" + items.map(render).joined(separator: ", ") + "]"
  case .mapping(let pairs):
    return tag + "{" + pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
  }
}

func quoted(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    case "\r": out += "\\r"
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    default:
      if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

/// The rendered documents of `yaml`, joined by ` --- `, or `error: <description>`.
func tree(_ yaml: String, limits: YAMLLimits = .default) -> String {
  do {
    return try YAMLParser.parseDocuments(yaml, file: "t.yml", limits: limits).map(render).joined(
      separator: " --- ")
  } catch {
    return "error: \(error.description)"
  }
}

/// The error description for `yaml`, or nil when it parses.
func failure(_ yaml: String, limits: YAMLLimits = .default) -> String? {
  do {
    _ = try YAMLParser.parseDocuments(yaml, file: "t.yml", limits: limits)
    return nil
  } catch {
    return error.description
  }
}
