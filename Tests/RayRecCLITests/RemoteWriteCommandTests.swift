import Foundation
import PromQL
import RemoteWrite
import TestSupport
import Testing

@testable import RayRecCLI

/// `rayrec export --remote-write`: a push into a receiver on 127.0.0.1, and every way the
/// command line can be wrong.
@Suite(.timeLimit(.minutes(3))) struct RemoteWriteCommandTests {
  /// The test dump (two targets, a refused scrape, a 500) as an archive; removed by the caller.
  static func archive() throws -> (path: String, cleanup: [String]) {
    let (dir, _) = try ArchiveCommandsTests.makeDump()
    let archive = ArchiveCommandsTests.temp("rw.rayrec")
    let (code, _, err) = RayRecTests.run(["import", dir, "-o", archive, "--job", "ray"])
    #expect(code == 0, "\(err)")
    return (archive, [dir, archive])
  }

  /// The command run on a thread of its own: a push blocks its caller until it is done, which
  /// must not be one of the few threads of the cooperative pool the push itself runs on.
  static func run(_ args: [String]) async -> (Int32, String, String) {
    await withCheckedContinuation { continuation in
      Thread { continuation.resume(returning: RayRecTests.run(args)) }.start()
    }
  }

  @Test func aPushDeliversTheSeriesQueryReadsAndSaysSo() async throws {
    let (archive, cleanup) = try Self.archive()
    defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
    let receiver = try RemoteWriteReceiver()
    let (code, out, err) = await Self.run([
      "export", archive, "--remote-write", receiver.url, "--label", "ray_io_cluster=ci", "--compat", "2",
    ])
    await receiver.stop()
    #expect(code == 0, "\(err)")
    #expect(out.hasPrefix("http://127.0.0.1:\(receiver.port)/api/v1/write: "), "\(out)")
    let samples = receiver.acknowledgedSamples
    // Two targets: up, the four other scrape series, and the recorded families.
    let ups = samples.filter { $0.key.hasPrefix("__name__=up,") }
    #expect(ups.count == 2)
    #expect(ups.values.allSatisfy { $0.count == 12 })
    #expect(samples.keys.allSatisfy { $0.contains("job=ray") && $0.contains("ray_io_cluster=ci") })
    #expect(samples.keys.contains { $0.hasPrefix("__name__=scrape_series_added,") })
    // The refused scrape of :8080 marks its series stale; the markers are sent.
    let running = try #require(samples.first { $0.key.contains("State=RUNNING") && $0.key.contains("8080") })
    #expect(running.value.contains { StaleMarker.isStale($0.value) })
    let total = samples.values.reduce(0) { $0 + $1.count }
    #expect(out.contains(": \(total) of \(total) samples"), "\(out)")
    let metadata = receiver.received.first?.request?.metadata ?? []
    #expect(metadata.contains(MetricMetadata(type: .gauge, familyName: "ray_tasks", help: "Tasks by state.")))
  }

  @Test func jsonGivesThePushsFiguresForScripts() async throws {
    let (archive, cleanup) = try Self.archive()
    defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
    let receiver = try RemoteWriteReceiver()
    let (code, out, err) = await Self.run(["export", archive, "--remote-write", receiver.url, "--json"])
    await receiver.stop()
    #expect(code == 0, "\(err)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    let sent = receiver.acknowledgedSamples.values.reduce(0) { $0 + $1.count }
    #expect(object["samples"] as? Int == sent)
    #expect(object["samples_delivered"] as? Int == sent)
    #expect(object["requests"] as? Int == receiver.received.count)
    #expect(object["body_bytes"] as? Int == receiver.received.reduce(0) { $0 + $1.body.count })
    #expect(object["dry_run"] as? Bool == false)
    #expect(object["failure"] is NSNull)
  }

  @Test func aRejectedPushExitsOneWithTheReceiversMessage() async throws {
    let (archive, cleanup) = try Self.archive()
    defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
    let receiver = try RemoteWriteReceiver { index, _ in
      index == 0 ? .status(204) : .status(400, body: "out of bounds")
    }
    let (code, _, err) = await Self.run(["export", archive, "--remote-write", receiver.url])
    await receiver.stop()
    #expect(code == 1)
    #expect(
      err.contains(
        "remote write to \(receiver.url) failed: server returned HTTP status 400 Bad Request: out of bounds"),
      "\(err)")
    #expect(err.contains("not delivered: "), "\(err)")
  }

  @Test func aReceiverThatIsDownExitsOneOnceTheRetriesAreSpent() async throws {
    let (archive, cleanup) = try Self.archive()
    defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
    let gone = try RemoteWriteReceiver()
    await gone.stop()
    let (code, _, err) = await Self.run([
      "export", archive, "--remote-write", gone.url, "--max-retries", "1", "--min-backoff", "1ms",
    ])
    #expect(code == 1)
    #expect(err.contains("Connection refused (gave up after 2 attempts)"), "\(err)")
  }

  @Test func aDryRunSendsNothingAndSaysWhatWouldGo() async throws {
    let (archive, cleanup) = try Self.archive()
    let token = ArchiveCommandsTests.temp("token")
    try Data("s3cret\n".utf8).write(to: URL(fileURLWithPath: token))
    defer { for path in cleanup + [token] { try? FileManager.default.removeItem(atPath: path) } }
    let receiver = try RemoteWriteReceiver()
    let (code, out, err) = await Self.run([
      "export", archive, "--remote-write", receiver.url, "--dry-run", "--bearer-token-file", token,
      "--tenant", "team-a",
    ])
    await receiver.stop()
    #expect(code == 0, "\(err)")
    #expect(receiver.received.isEmpty)
    #expect(out.hasPrefix("dry run: nothing was sent\nPOST \(receiver.url)\nUser-Agent: rayrec/"), "\(out)")
    for line in [
      "Content-Encoding: snappy", "Content-Type: application/x-protobuf",
      "X-Prometheus-Remote-Write-Version: 0.1.0",
      "X-Scope-OrgID: team-a", "Authorization: Bearer <hidden>",
    ] {
      #expect(out.contains("\n\(line)\n"), "\(line): \(out)")
    }
    #expect(!out.contains("s3cret"))
    #expect(out.contains(" requests (1 of metadata), at most 2000 samples each, on 4 shards: "), "\(out)")
  }

  @Test(
    arguments: [
      (
        ["--remote-write", "https://mimir/api/v1/push"],
        "--remote-write: invalid URL 'https://mimir/api/v1/push': https is not supported"
      ),
      (
        ["--remote-write", "localhost:9090"], "--remote-write: invalid URL 'localhost:9090': expected http://"
      ),
      (["--remote-write", "http://h/w", "--header", "X-A"], "--header wants NAME:VALUE, got 'X-A'"),
      (
        ["--remote-write", "http://h/w", "--header", "Bad Name: v"],
        "--header: header name 'Bad Name' is not a valid HTTP field name"
      ),
      (
        ["--remote-write", "http://h/w", "--header", "Content-Type: text/plain"],
        "--header: header Content-Type is set by rayrec"
      ),
      (
        ["--remote-write", "http://h/w", "--basic-auth", "alice"],
        "--basic-auth wants USER:PASSWORD_FILE, got 'alice'"
      ),
      (
        ["--remote-write", "http://h/w", "--basic-auth", "a:f", "--bearer-token-file", "f"],
        "give one of --bearer-token-file and --basic-auth"
      ),
      (
        ["--remote-write", "http://h/w", "--shards", "0"], "--shards: '0' is not a whole number from 1 to 200"
      ),
      (
        ["--remote-write", "http://h/w", "--batch-size", "many"], "--batch-size: 'many' is not a whole number"
      ),
      (["--remote-write", "http://h/w", "--timeout", "soon"], "--timeout: invalid duration 'soon'"),
      (
        ["--remote-write", "http://h/w", "--min-backoff", "10s"],
        "--min-backoff must not be longer than --max-backoff"
      ),
      (["--remote-write", "http://h/w", "-o", "x.om"], "--output does not go with --remote-write"),
      (["--remote-write", "http://h/w", "--from", "yesterday"], "--from: invalid time 'yesterday'"),
      (["--header", "X-A: 1"], "--header needs --remote-write URL"),
      (["--dry-run"], "--dry-run needs --remote-write URL"),
    ] as [([String], String)])
  func aMistakeOnTheCommandLineIsAUsageError(_ args: [String], _ message: String) {
    let (code, out, err) = RayRecTests.run(["export", "/nonexistent.rayrec"] + args)
    #expect(code == 64, "\(err)")
    #expect(out.isEmpty)
    #expect(err.hasPrefix("Error: \(message)"), "\(err)")
  }

  @Test func anUnreadableTokenFileIsADataErrorNamingTheFile() {
    let (code, _, err) = RayRecTests.run([
      "export", "/nonexistent.rayrec", "--remote-write", "http://127.0.0.1:9/api/v1/write",
      "--bearer-token-file", "/nonexistent/token",
    ])
    #expect(code == 1)
    #expect(err == "--bearer-token-file /nonexistent/token: No such file or directory\n")
  }

  @Test func anEmptyPasswordFileIsRefusedBeforeTheArchiveIsRead() throws {
    let empty = ArchiveCommandsTests.temp("token")
    try Data("\n".utf8).write(to: URL(fileURLWithPath: empty))
    defer { try? FileManager.default.removeItem(atPath: empty) }
    let (code, _, err) = RayRecTests.run([
      "export", "/nonexistent.rayrec", "--remote-write", "http://127.0.0.1:9/api/v1/write",
      "--bearer-token-file", empty,
    ])
    #expect(code == 1)
    #expect(err == "remote write: the bearer token is empty\n")
  }
}
