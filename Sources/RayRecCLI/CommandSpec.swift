/// A command-line option: `--name VALUE`, `--name=VALUE`, or a flag `--name`.
public struct OptionSpec: Sendable {
  public var name: String
  public var short: Character?
  /// Placeholder for the value in help (`FILE`); nil for a flag.
  public var valueName: String?
  public var repeatable: Bool
  /// The value is optional and only given inline (`--ray` or `--ray=DIR`).
  public var optionalValue = false
  public var help: String

  public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
    OptionSpec(name: name, short: short, valueName: nil, repeatable: false, help: help)
  }

  /// A flag that may carry a value inline: `--name` or `--name=VALUE`.
  public static func optionalValue(_ name: String, value: String, help: String) -> OptionSpec {
    var spec = OptionSpec(name: name, short: nil, valueName: value, repeatable: false, help: help)
    spec.optionalValue = true
    return spec
  }

  /// `--force`: replace an existing output file instead of refusing.
  public static let force = OptionSpec.flag(
    "force", help: "Replace the output file if it already exists (default: refuse).")

  public static func option(
    _ name: String, short: Character? = nil, value: String, repeatable: Bool = false, help: String
  ) -> OptionSpec {
    OptionSpec(name: name, short: short, valueName: value, repeatable: repeatable, help: help)
  }
}

/// A positional argument.
public struct PositionalSpec: Sendable {
  public var name: String
  public var help: String
  public var optional: Bool
  public var variadic: Bool

  public init(_ name: String, help: String, optional: Bool = false, variadic: Bool = false) {
    self.name = name
    self.help = help
    self.optional = optional
    self.variadic = variadic
  }
}

/// A command or a group of subcommands. Adding a subcommand is one value of this type.
public struct CommandSpec: Sendable {
  public typealias Action = @Sendable (ParsedArguments, inout Console) throws -> Int32

  public var name: String
  public var abstract: String
  public var discussion: String
  public var options: [OptionSpec]
  public var positionals: [PositionalSpec]
  public var subcommands: [CommandSpec]
  public var action: Action?

  public init(
    name: String, abstract: String, discussion: String = "", options: [OptionSpec] = [],
    positionals: [PositionalSpec] = [], subcommands: [CommandSpec] = [], action: Action? = nil
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.options = options
    self.positionals = positionals
    self.subcommands = subcommands
    self.action = action
  }
}

/// What the parser made of the arguments of one command.
public struct ParsedArguments: Sendable {
  public var path: [String]
  public var values: [String: [String]] = [:]
  public var flags: Set<String> = []
  public var positionals: [String] = []

  /// The last value given for an option.
  public func value(_ name: String) -> String? { values[name]?.last }
  /// Every value given for a repeatable option.
  public func all(_ name: String) -> [String] { values[name] ?? [] }
  public func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A mistake in how the command was called (exit 64).
public struct UsageError: Error, Sendable, Equatable {
  public var message: String
  /// The command path the error belongs to (`["check", "metrics"]`), for the help hint.
  public var path: [String]
}

/// A failure with data the user gave (exit 1). `description` is printed as is.
public struct DataError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
