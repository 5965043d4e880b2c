import Testing

@testable import Recorder

@Suite(.timeLimit(.minutes(5))) struct ScrapeTargetTests {
  @Test(arguments: [
    ("127.0.0.1:8080", "127.0.0.1:8080", "http://127.0.0.1:8080/metrics", "rayrec"),
    ("http://127.0.0.1:44217/metrics", "127.0.0.1:44217", "http://127.0.0.1:44217/metrics", "rayrec"),
    ("ray=localhost:8265", "localhost:8265", "http://localhost:8265/metrics", "ray"),
    ("gcs=http://10.0.0.2:8126/custom", "10.0.0.2:8126", "http://10.0.0.2:8126/custom", "gcs"),
  ])
  func parsesTargetArguments(argument: String, address: String, url: String, job: String) throws {
    let t = try ScrapeTarget.parse(argument, defaultJob: "rayrec")
    #expect(t.address == address)
    #expect(t.url == url)
    #expect(t.job == job)
  }

  @Test(arguments: ["", "localhost", "http://host:0/", "host:99999", "https://x:1", "=host:1"])
  func rejectsBadTargets(argument: String) {
    #expect(throws: RecorderError.self) { try ScrapeTarget.parse(argument, defaultJob: "j") }
  }
}
