/// `--help` text in the shape of swift-argument-parser tools.
enum Help {
  static func render(_ command: CommandSpec, path: [String]) -> String {
    let full = (["rayrec"] + path).joined(separator: " ")
    var lines: [String] = ["OVERVIEW: \(command.abstract)"]
    if !command.discussion.isEmpty { lines += ["", command.discussion] }
    lines += ["", "USAGE: \(usage(command, path: path))"]
    if !command.positionals.isEmpty {
      lines += ["", "ARGUMENTS:"]
      for p in command.positionals { lines.append(row("<\(p.name)>", p.help)) }
    }
    lines += ["", "OPTIONS:"]
    for o in command.options {
      var left = "--\(o.name)"
      if let s = o.short { left = "-\(s), " + left }
      if let v = o.valueName { left += o.optionalValue ? "[=<\(v)>]" : " <\(v)>" }
      lines.append(row(left, o.help + (o.repeatable ? " (repeatable)" : "")))
    }
    if path.isEmpty { lines.append(row("--version", "Show the version.")) }
    lines.append(row("-h, --help", "Show help information."))
    if !command.subcommands.isEmpty {
      lines += ["", "SUBCOMMANDS:"]
      for s in command.subcommands { lines.append(row(s.name, s.abstract)) }
      lines += ["", "  See '\(full) <subcommand> --help' for detailed help."]
    }
    return lines.joined(separator: "\n")
  }

  static func usage(_ command: CommandSpec, path: [String]) -> String {
    var parts = ["rayrec"] + path
    if !command.subcommands.isEmpty && command.action == nil {
      parts.append("<subcommand>")
      return parts.joined(separator: " ")
    }
    if !command.options.isEmpty { parts.append("[<options>]") }
    for p in command.positionals {
      var token = "<\(p.name)>" + (p.variadic ? " ..." : "")
      if p.optional { token = "[\(token)]" }
      parts.append(token)
    }
    return parts.joined(separator: " ")
  }

  private static func row(_ left: String, _ right: String) -> String {
    let pad = max(1, 26 - left.count)
    return "  " + left + String(repeating: " ", count: pad) + right
  }
}
