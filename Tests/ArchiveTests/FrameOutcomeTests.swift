import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func failuresAreFailedScrapesAndNon2xxResponses() {
  #expect(!FrameOutcome.response(status: 200).isFailure)
  #expect(!FrameOutcome.response(status: 204).isFailure)
  #expect(FrameOutcome.response(status: 503).isFailure)
  #expect(FrameOutcome.failed(.timeout, message: "").isFailure)
  #expect(
    FailureKind.allCases.map(\.description) == [
      "refused", "timeout", "reset", "httpError", "bodyTooLarge", "malformed", "other",
    ])
}
