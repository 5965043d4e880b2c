import Archive
import Testing

@testable import Redaction

/// Label values lose what must not leave the cluster; every other byte stays.
@Suite(.timeLimit(.minutes(1)))
struct RedactorTests {
  static let key = Array("test key".utf8)
  static let body = """
    # HELP ray_tasks Tasks from 10.1.2.3.
    # TYPE ray_tasks gauge
    ray_tasks{ip="10.1.2.3",NodeAddress="192.168.7.21",SessionName="session_2026-11-25_13-36-27_024730_6596",State="RUNNING"} 5
    ray_workers{WorkerId="8aa95cbec5b9ae9c4fcf31cc02c0148ccbd476d100137785cb07cf59",JobId="01000000",Version="2.60.0"} 1.5
    node_up{host="gpu-node-7.corp.example",ip="10.1.2.3"} 1

    """

  static func redacted(_ rules: RedactionRules = RedactionRules()) throws -> (String, Redactor) {
    var redactor = try Redactor(rules: rules, key: key)
    let out = redactor.redactBody(Array(body.utf8), contentType: "text/plain; version=0.0.4")
    return (String(decoding: out, as: UTF8.self), redactor)
  }

  @Test func everyBuiltInTokenIsReplacedAndTheRestKept() throws {
    let (out, redactor) = try Self.redacted()
    for original in [
      "10.1.2.3\"", "192.168.7.21", "session_2026-11-25_13-36-27_024730_6596",
      "8aa95cbec5b9ae9c4fcf31cc02c0148ccbd476d100137785cb07cf59",
      "\"01000000\"", "gpu-node-7.corp.example",
    ] {
      #expect(!out.contains(original), "\(original) survived:\n\(out)")
    }
    // Comments, names, values, other labels: as they were.
    #expect(out.hasPrefix("# HELP ray_tasks Tasks from 10.1.2.3.\n# TYPE ray_tasks gauge\nray_tasks{ip=\""))
    #expect(out.contains("State=\"RUNNING\"} 5\n"))
    #expect(out.contains("Version=\"2.60.0\"} 1.5\n"))
    #expect(out.split(separator: "\n").count == Self.body.split(separator: "\n").count)
    #expect(redactor.counts[.ip] == 3)
  }

  @Test func aTokenHasOnePseudonymOfItsShape() throws {
    let (_, redactor) = try Self.redacted()
    let ip = try #require(redactor.mapping[.ip]?["10.1.2.3"])
    #expect(TokenScanner.isIPv4(ip) && ip.hasPrefix("10."))
    let worker = try #require(
      redactor.mapping[.id]?["8aa95cbec5b9ae9c4fcf31cc02c0148ccbd476d100137785cb07cf59"])
    #expect(worker.count == 56 && worker.allSatisfy(\.isHexDigit))
    let session = try #require(redactor.mapping[.session]?["session_2026-11-25_13-36-27_024730_6596"])
    #expect(session.hasPrefix("session_") && session.count == 39)
    #expect(session.dropFirst(8).allSatisfy { $0.isNumber || $0 == "-" || $0 == "_" })
    let host = try #require(redactor.mapping[.host]?["gpu-node-7.corp.example"])
    #expect(host.count == 23 && host.filter { $0 == "." }.count == 2 && host.contains("-"))
  }

  @Test func theSameKeyGivesTheSamePseudonymsAnotherKeyOthers() throws {
    let (first, _) = try Self.redacted()
    let (second, _) = try Self.redacted()
    #expect(first == second)
    var other = try Redactor(rules: RedactionRules(), key: Array("other".utf8))
    #expect(
      String(decoding: other.redactBody(Array(Self.body.utf8), contentType: "text/plain"), as: UTF8.self)
        != first)
  }

  @Test func userRulesReplaceNamedLabelsAndPatterns() throws {
    var rules = RedactionRules()
    rules.kinds = []
    rules.labelValues = ["State"]
    rules.patterns = ["corp\\.example"]
    let (out, _) = try Self.redacted(rules)
    #expect(!out.contains("RUNNING"))
    #expect(!out.contains("corp.example"))
    // Built-in kinds off: the IPs stay.
    #expect(out.contains("ip=\"10.1.2.3\""))
  }

  @Test func targetURLsKeepTheirPortAndPath() throws {
    var redactor = try Redactor(rules: RedactionRules(), key: Self.key)
    let target = ArchiveTarget(
      id: 0, url: "http://10.1.2.3:8080/metrics", job: "ray", labels: [.init("node", "10.1.2.3")])
    let out = redactor.redact(target)
    let ip = try #require(redactor.mapping[.ip]?["10.1.2.3"])
    #expect(out.url == "http://\(ip):8080/metrics")
    #expect(out.labels == [.init("node", ip)])
    #expect(out.job == "ray")
  }

  @Test func numbersThatAreNotAddressesOrIDsStay() {
    for text in ["1.2.3", "1.2.3.4.5", "999.1.1.1", "0123456789012345678", "abc", "0.0.0.0", "2.60.0"] {
      #expect(
        TokenScanner.replacingTokens(in: text, kinds: [.ip, .id, .session, .host]) { _, _ in "X" } == text)
    }
  }
}
