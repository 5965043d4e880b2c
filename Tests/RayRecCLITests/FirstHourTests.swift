import Foundation
import Testing

@testable import RayRecCLI

/// Issue 15, points 14 and 15: what a newcomer types first.
@Suite(.timeLimit(.minutes(1))) struct FirstHourTests {
  static let recording =
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path + "/recordings/seed-healthy.rayrec"

  @Test func aBareRayrecPrintsTheHelp() {
    let (code, out, err) = RayRecTests.run([])
    #expect(code == 0)
    #expect(out.hasPrefix("OVERVIEW: "))
    #expect(out.contains("SUBCOMMANDS:"))
    #expect(err.isEmpty)
    let (checkCode, checkOut, _) = RayRecTests.run(["check"])
    #expect(checkCode == 0)
    #expect(checkOut.contains("dashboard"))
  }

  @Test(arguments: [
    (["recrod"], "Error: unknown command 'recrod'; did you mean 'record'?"),
    (["check", "dashbaord"], "Error: unknown command 'dashbaord'; did you mean 'dashboard'?"),
    (["record", "--duraton", "1m"], "Error: unknown option '--duraton'; did you mean '--duration'?"),
  ])
  func typosGetADidYouMean(_ args: [String], _ message: String) {
    let (code, _, err) = RayRecTests.run(args)
    #expect(code == 64)
    #expect(err.hasPrefix(message + "\n"), "\(err)")
  }

  @Test func aNegativeNumberIsAnExpression() {
    let (code, out, err) = RayRecTests.run(["query", Self.recording, "-Inf"])
    #expect(code == 0, "\(err)")
    #expect(out.hasPrefix("scalar: -Inf @ "))
  }

  @Test func aNegatedSelectorIsAnExpression() {
    let (code, out, err) = RayRecTests.run(["query", Self.recording, "-x", "--time", "end"])
    #expect(code == 0, "\(err)")
    #expect(out.hasPrefix("(empty result at "))
    let (dashed, dashedOut, _) = RayRecTests.run(["query", Self.recording, "--", "-up"])
    #expect(dashed == 0)
    #expect(dashedOut.contains("}  -1\n"))
  }

  @Test func catPastTheEndSaysSo() {
    let (code, out, err) = RayRecTests.run([
      "cat", Self.recording, "--target", "127.0.0.1:8080", "--at", "+1h",
    ])
    #expect(code == 0)
    #expect(!out.isEmpty)
    #expect(
      err.hasPrefix("note: --at +1h is 2026-11-25T13:00:00.212Z, past the end of the recording ("), "\(err)")
    #expect(err.contains("showing the last frame of 127.0.0.1:8080"))
    #expect(RayRecTests.run(["cat", Self.recording, "--target", "127.0.0.1:8080"]).2.isEmpty)
  }
}
