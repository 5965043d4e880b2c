import Foundation
import Testing

@testable import RayRecCLI

/// `rayrec redact` at the command line: a key file, a mapping for the owner, `--check`.
@Suite(.timeLimit(.minutes(3))) struct RedactCommandTests {
  static let recording = UnfinishedArchiveCommandTests.root + "/recordings/ray-2.60-workload.rayrec"

  @Test func redactsWithAKeyFileAndWritesTheMapping() throws {
    let key = ArchiveCommandsTests.temp("key")
    let out = ArchiveCommandsTests.temp("r.rayrec")
    let mapping = ArchiveCommandsTests.temp("map.json")
    try Data("secret\n".utf8).write(to: URL(fileURLWithPath: key))
    defer { for path in [key, out, mapping] { try? FileManager.default.removeItem(atPath: path) } }
    let (code, text, err) = RayRecTests.run([
      "redact", Self.recording, "-o", out, "--key-file", key, "--mapping", mapping,
    ])
    #expect(code == 0, "\(err)")
    #expect(text.contains("frames; replaced "), "\(text)")
    #expect(err.isEmpty)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: mapping)))
        as? [String: [String: String]])
    let ip = try #require(object["ip"]?["127.0.0.1"])
    #expect(ip.hasPrefix("10."))
    let (_, info, _) = RayRecTests.run(["info", out])
    #expect(info.contains("\(ip):42867"), "\(info)")
    #expect(!info.contains("127.0.0.1"))
  }

  @Test func checkListsWhatWouldBeReplacedAndExitsOne() {
    let (code, out, err) = RayRecTests.run(["redact", Self.recording, "--check", "--rule", "session"])
    #expect(code == 1)
    // Checking needs no key, so it does not warn about a random one.
    #expect(err.isEmpty, "\(err)")
    #expect(out.contains("would replace"), "\(out)")
    #expect(out.contains("  session: 'session_2026-11-25_13-36-27_024730_6596'"), "\(out)")
    #expect(!out.contains("  ip:"))
  }

  @Test func badRulesAreUsageErrorsAndOutputsAreNotOverwritten() throws {
    #expect(RayRecTests.run(["redact", Self.recording, "--check", "--rule", "passwords"]).0 == 64)
    #expect(RayRecTests.run(["redact", Self.recording, "--check", "--regex", "(unclosed"]).0 == 64)
    #expect(RayRecTests.run(["redact", Self.recording]).0 == 64)
    let existing = ArchiveCommandsTests.temp("exists.rayrec")
    try Data("keep".utf8).write(to: URL(fileURLWithPath: existing))
    defer { try? FileManager.default.removeItem(atPath: existing) }
    let (code, _, err) = RayRecTests.run(["redact", Self.recording, "-o", existing])
    #expect(code == 1)
    #expect(err.contains("already exists"))
  }

  @Test func aConfigFileAddsRulesAndNamesItsBadLines() throws {
    let config = ArchiveCommandsTests.temp("redact.conf")
    try Data("# ours\nlabel-value State\nbogus x\n".utf8).write(to: URL(fileURLWithPath: config))
    defer { try? FileManager.default.removeItem(atPath: config) }
    let (code, _, err) = RayRecTests.run(["redact", Self.recording, "--check", "--config", config])
    #expect(code == 1)
    #expect(err.contains("\(config):3: unknown option 'bogus'"), "\(err)")
  }
}
