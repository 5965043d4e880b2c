import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(1))) struct ArgumentParserTests {
  static let leaf = CommandSpec(
    name: "leaf", abstract: "A leaf.",
    options: [
      .option("output", short: "o", value: "FILE", help: "out"),
      .option("label", value: "K=V", repeatable: true, help: "labels"),
      .flag("json", help: "json"),
      .flag("verbose", short: "v", help: "verbose"),
      .flag("quiet", short: "q", help: "quiet"),
    ],
    positionals: [PositionalSpec("input", help: "in"), PositionalSpec("more", help: "more", optional: true)],
    action: { _, _ in 0 })
  static let root = CommandSpec(
    name: "rayrec", abstract: "root",
    subcommands: [
      CommandSpec(name: "group", abstract: "g", subcommands: [leaf])
    ])

  static func parse(_ args: [String]) -> Result<ParsedArguments, UsageError> {
    ArgumentParser.parse(args, root: root).map { $0.1 }
  }

  @Test func longOptionsTakeTheirValueAfterASpaceOrAnEqualsSign() throws {
    let a = try Self.parse(["group", "leaf", "--output", "x", "in"]).get()
    let b = try Self.parse(["group", "leaf", "--output=x", "in"]).get()
    #expect(a.value("output") == "x")
    #expect(b.value("output") == "x")
    #expect(a.positionals == ["in"])
    #expect(a.path == ["group", "leaf"])
  }

  @Test func shortFlagsBundleAndTheLastMayTakeAValue() throws {
    let a = try Self.parse(["group", "leaf", "-vqo", "out.rayrec", "in"]).get()
    #expect(a.flag("verbose") && a.flag("quiet"))
    #expect(a.value("output") == "out.rayrec")
    let b = try Self.parse(["group", "leaf", "-ofile", "in"]).get()
    #expect(b.value("output") == "file")
  }

  @Test func repeatedOptionsCollectInOrder() throws {
    let a = try Self.parse(["group", "leaf", "--label", "a=1", "in", "--label=b=2"]).get()
    #expect(a.all("label") == ["a=1", "b=2"])
  }

  @Test func doubleDashEndsOptions() throws {
    let a = try Self.parse(["group", "leaf", "--", "--json", "-v"]).get()
    #expect(a.positionals == ["--json", "-v"])
    #expect(!a.flag("json"))
  }

  @Test func aLoneDashIsAPositional() throws {
    #expect(try Self.parse(["group", "leaf", "-"]).get().positionals == ["-"])
  }

  @Test(arguments: [
    (["group", "nope"], "unknown command 'nope'"),
    (
      ["group", "leaf", "--bogus", "x"],
      "unknown option '--bogus' (to pass '--bogus' as an argument, put '--' before it)"
    ),
    (
      ["group", "leaf", "a", "b", "-z"],
      "unknown option '-z' (to pass '-z' as an argument, put '--' before it)"
    ),
    (["group", "leaf", "x", "--output"], "option '--output' needs a value"),
    (["group", "leaf", "--json=1", "x"], "option '--json' takes no value"),
    (["group", "leaf", "-o", "a", "-o", "b", "x"], "option '--output' given more than once"),
    (["group", "leaf"], "missing argument <input>"),
    (["group", "leaf", "a", "b", "c"], "unexpected argument 'c'"),
    // Issue 15, point 15: "did you mean".
    (["group", "laef"], "unknown command 'laef'; did you mean 'leaf'?"),
    (
      ["group", "leaf", "--outptu", "x", "in"],
      "unknown option '--outptu'; did you mean '--output'? (to pass '--outptu' as an argument, put '--' before it)"
    ),
    (
      ["group", "leaf", "--verb", "in"],
      "unknown option '--verb'; did you mean '--verbose'? (to pass '--verb' as an argument, put '--' before it)"
    ),
  ])
  func mistakesAreUsageErrors(args: [String], message: String) {
    guard case .failure(let error) = Self.parse(args) else {
      Issue.record("expected a usage error")
      return
    }
    #expect(error.message == message)
  }

  /// Issue 15, point 14: `rayrec query ARCH -Inf` and `'-x'` are expressions, not options.
  @Test(arguments: ["-Inf", "-x", "-1", "-(a)"])
  func anArgumentThatCannotBeAnOptionIsAPositional(_ arg: String) throws {
    #expect(try Self.parse(["group", "leaf", "in", arg]).get().positionals == ["in", arg])
    #expect(try Self.parse(["group", "leaf", arg, "--json"]).get().positionals == [arg])
  }

  @Test func aKnownShortOptionStillWins() throws {
    let parsed = try Self.parse(["group", "leaf", "in", "-v"]).get()
    #expect(parsed.flag("verbose"))
    #expect(parsed.positionals == ["in"])
  }

  /// Issue 15, point 15: a group without a subcommand is answered with its help.
  @Test func aGroupWithoutASubcommandParsesToItsHelp() throws {
    guard case .success(let (command, _)) = ArgumentParser.parse(["group"], root: Self.root) else {
      Issue.record("expected the group")
      return
    }
    #expect(command.name == "group")
  }

  @Test func helpIsAcceptedWithoutRequiredArguments() throws {
    #expect(try Self.parse(["group", "leaf", "--help"]).get().flag("help"))
  }
}
