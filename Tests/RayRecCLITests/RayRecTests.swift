import Glibc
import Testing

@testable import RayRecCLI

/// The tool end to end, through `run(_:console:)` with captured output.
@Suite(.timeLimit(.minutes(5))) struct RayRecTests {
  static func run(_ args: [String]) -> (Int32, String, String) {
    var console = Console(passthrough: false)
    let code = RayRecCLI.run(args, console: &console)
    return (code, console.outText, console.errText)
  }

  @Test func versionPrintsTheVersion() {
    #expect(Self.run(["--version"]) == (0, "rayrec \(rayrecVersion)\n", ""))
  }

  @Test func helpListsSubcommandsOnStandardOutput() {
    let (code, out, err) = Self.run(["--help"])
    #expect(code == 0)
    #expect(out.hasPrefix("OVERVIEW: "))
    #expect(out.contains("SUBCOMMANDS:\n"))
    for name in ["record", "import", "info", "cat", "verify", "repair", "export", "check"] {
      #expect(out.contains("\n  \(name) "), "\(name)")
    }
    #expect(err.isEmpty)
  }

  @Test func helpWorksForEverySubcommand() {
    for path in [["check"], ["check", "metrics"]] {
      let (code, out, _) = Self.run(path + ["--help"])
      #expect(code == 0)
      #expect(out.contains("USAGE: rayrec \(path.joined(separator: " "))"))
      let (code2, out2, _) = Self.run(["help"] + path)
      #expect(code2 == 0 && out2 == out)
    }
  }

  @Test func usageErrorsExit64WithAHintOnStandardError() {
    let (code, out, err) = Self.run(["check", "metrics", "--format", "xml", "-"])
    #expect(code == 64)
    #expect(out.isEmpty)
    #expect(err.hasPrefix("Error: unknown format 'xml'"))
    let (code2, _, err2) = Self.run(["frobnicate"])
    #expect(code2 == 64)
    #expect(err2.contains("See 'rayrec --help'"))
  }
}
