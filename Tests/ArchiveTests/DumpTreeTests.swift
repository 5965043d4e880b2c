import Testing

@testable import Archive

@Test(
  .timeLimit(.minutes(5)),
  arguments: [
    ("dial tcp 127.0.0.1:8080: connect: connection refused", FailureKind.refused),
    ("context deadline exceeded (Client.Timeout exceeded)", .timeout),
    ("timed out", .timeout),
    ("read: connection reset by peer", .reset),
    ("body too large: 10485760 bytes", .bodyTooLarge),
    ("parse error at line 3", .malformed),
    ("something else", .other),
  ])
func errorTextsMapToFailureKinds(text: String, kind: FailureKind) {
  #expect(DumpTree.Scrape.kind(of: text) == kind)
}
