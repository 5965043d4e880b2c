import Basics

/// GNU-style parsing: `--name value`, `--name=value`, bundled short flags `-abc`, `--` to end
/// options, repeated options collected in order.
public enum ArgumentParser {
  /// Finds the command the arguments name and parses its options and positionals.
  public static func parse(
    _ arguments: [String], root: CommandSpec
  ) -> Result<(CommandSpec, ParsedArguments), UsageError> {
    var command = root
    var path: [String] = []
    var rest = arguments[...]
    while !command.subcommands.isEmpty, let next = rest.first, !next.hasPrefix("-") {
      guard let sub = command.subcommands.first(where: { $0.name == next }) else {
        let hint = Suggestion.hint(next, among: command.subcommands.map(\.name))
        return .failure(UsageError(message: "unknown command '\(next)'\(hint)", path: path))
      }
      command = sub
      path.append(next)
      rest = rest.dropFirst()
    }
    var parsed = ParsedArguments(path: path)
    var onlyPositionals = false
    while let arg = rest.popFirst() {
      if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
        parsed.positionals.append(arg)
        continue
      }
      if arg == "--" {
        onlyPositionals = true
        continue
      }
      if arg == "--help" || arg == "-h" {
        parsed.flags.insert("help")
        continue
      }
      if arg.hasPrefix("--") {
        let body = arg.dropFirst(2)
        let (name, inline) = split(body)
        guard let spec = command.options.first(where: { $0.name == name }) else {
          let hint = Suggestion.hint(name, among: command.options.map(\.name) + ["help"], prefix: "--")
          return .failure(
            UsageError(message: "unknown option '--\(name)'\(hint)\(dashHint(arg, command))", path: path))
        }
        if let error = apply(spec, inline: inline, rest: &rest, into: &parsed, path: path) {
          return .failure(error)
        }
        continue
      }
      // `-Inf`, `-x`, `-1`: when the first letter is no short option of the command, the
      // argument cannot be one, so it fills the next positional if there is room for it.
      if let first = arg.dropFirst().first, !command.options.contains(where: { $0.short == first }),
        command.positionals.contains(where: \.variadic)
          || parsed.positionals.count < command.positionals.count
      {
        parsed.positionals.append(arg)
        continue
      }
      // Bundled short options: -abc, or -o VALUE / -oVALUE for the last one.
      var letters = arg.dropFirst()
      while let letter = letters.popFirst() {
        guard let spec = command.options.first(where: { $0.short == letter }) else {
          return .failure(
            UsageError(message: "unknown option '-\(letter)'\(dashHint(arg, command))", path: path))
        }
        let inline: String? = spec.valueName != nil && !letters.isEmpty ? String(letters) : nil
        if inline != nil { letters = "" }
        if let error = apply(spec, inline: inline, rest: &rest, into: &parsed, path: path) {
          return .failure(error)
        }
      }
    }
    // A group without its subcommand (a bare `rayrec`) is answered with its help.
    if parsed.flag("help") || command.action == nil { return .success((command, parsed)) }
    let required = command.positionals.filter { !$0.optional }.count
    let variadic = command.positionals.contains { $0.variadic }
    if parsed.positionals.count < required {
      let missing = command.positionals[parsed.positionals.count]
      return .failure(UsageError(message: "missing argument <\(missing.name)>", path: path))
    }
    if !variadic && parsed.positionals.count > command.positionals.count {
      let extra = parsed.positionals[command.positionals.count]
      return .failure(UsageError(message: "unexpected argument '\(extra)'", path: path))
    }
    return .success((command, parsed))
  }

  /// For commands that take arguments: how to pass one that starts with `-`.
  private static func dashHint(_ arg: String, _ command: CommandSpec) -> String {
    command.positionals.isEmpty ? "" : " (to pass '\(arg)' as an argument, put '--' before it)"
  }

  private static func split(_ body: Substring) -> (String, String?) {
    guard let eq = body.firstIndex(of: "=") else { return (String(body), nil) }
    return (String(body[..<eq]), String(body[body.index(after: eq)...]))
  }

  private static func apply(
    _ spec: OptionSpec, inline: String?, rest: inout ArraySlice<String>, into parsed: inout ParsedArguments,
    path: [String]
  ) -> UsageError? {
    guard spec.valueName != nil else {
      if inline != nil { return UsageError(message: "option '--\(spec.name)' takes no value", path: path) }
      parsed.flags.insert(spec.name)
      return nil
    }
    if spec.optionalValue && inline == nil {
      parsed.flags.insert(spec.name)
      return nil
    }
    let value: String
    if let inline {
      value = inline
    } else if let next = rest.popFirst() {
      value = next
    } else {
      return UsageError(message: "option '--\(spec.name)' needs a value", path: path)
    }
    if !spec.repeatable, parsed.values[spec.name] != nil {
      return UsageError(message: "option '--\(spec.name)' given more than once", path: path)
    }
    parsed.values[spec.name, default: []].append(value)
    return nil
  }
}
