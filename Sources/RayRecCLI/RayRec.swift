import Glibc

/// The tool's version, printed by `--version` and recorded in archives.
public let rayrecVersion = "0.1.0"

/// The command tree. Each subcommand lives in `Commands/` and is one `CommandSpec`.
public let rootCommand = CommandSpec(
  name: "rayrec",
  abstract: "Record, replay and test the metrics of Ray clusters.",
  subcommands: [
    RecordCommand.spec,
    SimulateCommand.spec,
    ReplayCommand.spec,
    ArchiveCommands.importSpec,
    ArchiveCommands.infoSpec,
    ArchiveCommands.catSpec,
    ArchiveCommands.verifySpec,
    ArchiveCommands.repairSpec,
    FixtureCommands.sliceSpec,
    FixtureCommands.mergeSpec,
    DiffCommand.spec,
    RedactCommand.spec,
    ExportCommand.spec,
    QueryCommand.spec,
    ServeCommand.spec,
    PromQLTestCommand.spec,
    CheckCommand.spec,
    RulesCommand.spec,
    TestRulesCommand.spec,
    ReportCommand.spec,
  ])

/// Runs the command line and returns the process exit code: 0 success, 1 failure with the
/// data, 64 usage error.
public func run(_ arguments: [String], console: inout Console) -> Int32 {
  if arguments == ["--version"] || arguments == ["version"] {
    console.print("rayrec \(rayrecVersion)")
    return 0
  }
  if arguments.first == "help" {
    return run(Array(arguments.dropFirst()) + ["--help"], console: &console)
  }
  switch ArgumentParser.parse(arguments, root: rootCommand) {
  case .failure(let error):
    let command = find(error.path)
    console.error("Error: \(error.message)")
    console.error("Usage: \(Help.usage(command, path: error.path))")
    console.error("  See '\((["rayrec"] + error.path).joined(separator: " ")) --help' for more information.")
    return EX_USAGE
  case .success(let (command, parsed)):
    if parsed.flag("help") || command.action == nil {
      console.print(Help.render(command, path: parsed.path))
      return 0
    }
    do {
      return try command.action!(parsed, &console)
    } catch let error as UsageError {
      console.error("Error: \(error.message)")
      console.error(
        "  See '\((["rayrec"] + parsed.path).joined(separator: " ")) --help' for more information.")
      return EX_USAGE
    } catch {
      console.error("\(error)")
      return 1
    }
  }
}

/// Runs the command line against the process's standard output and error.
public func run(_ arguments: [String]) -> Int32 {
  signal(SIGPIPE, SIG_IGN)
  var console = Console(passthrough: true)
  return run(arguments, console: &console)
}

private func find(_ path: [String]) -> CommandSpec {
  var command = rootCommand
  for name in path {
    guard let sub = command.subcommands.first(where: { $0.name == name }) else { break }
    command = sub
  }
  return command
}
