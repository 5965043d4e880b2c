import Testing

@testable import RayRecCLI

/// `rayrec serve`'s arguments: mistakes are usage errors before anything is loaded.
@Suite(.timeLimit(.minutes(1))) struct ServeCommandTests {
  @Test(arguments: [
    (["serve"], "missing argument <archive>"),
    (["serve", "x.rayrec", "--listen", "9090"], "--listen wants HOST:PORT, got '9090'"),
    (["serve", "x.rayrec", "--compat", "4"], "--compat is 2 or 3"),
    (["serve", "x.rayrec", "--max-concurrency", "0"], "--max-concurrency wants 1 to 1024, got '0'"),
    (["serve", "x.rayrec,incident"], "'x.rayrec,incident': labels after the path are NAME=VALUE"),
  ])
  func mistakesAreUsageErrors(_ args: [String], _ message: String) {
    let (code, out, err) = RayRecTests.run(args)
    #expect(code == 64)
    #expect(out.isEmpty)
    #expect(err.hasPrefix("Error: \(message)\n"), "\(err)")
  }

  @Test func aMissingRecordingIsADataError() {
    let (code, _, err) = RayRecTests.run(["serve", "/nonexistent/x.rayrec", "--listen", "127.0.0.1:0"])
    #expect(code == 1)
    #expect(err.contains("/nonexistent/x.rayrec"))
  }

  @Test func helpDescribesTheCommand() {
    let (code, out, _) = RayRecTests.run(["serve", "--help"])
    #expect(code == 0)
    #expect(out.contains("--time-shift"))
    #expect(out.contains("--rules"))
  }
}
