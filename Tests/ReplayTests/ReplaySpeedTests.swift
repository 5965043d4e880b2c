import Testing

@testable import Replay

@Suite(.timeLimit(.minutes(5))) struct ReplaySpeedTests {
  @Test func speedsParseWithOrWithoutTheX() {
    #expect(ReplaySpeed("10x")?.factor == 10)
    #expect(ReplaySpeed("0.5x")?.factor == 0.5)
    #expect(ReplaySpeed("1")?.factor == 1)
    #expect(ReplaySpeed("100X")?.factor == 100)
    #expect(ReplaySpeed(".25x")?.factor == 0.25)
  }

  @Test func nonsenseAndNonPositiveSpeedsAreRejected() {
    for text in ["", "x", "0x", "-2x", "fast", "1e400x", "nanx", "inf", "10xx"] {
      #expect(ReplaySpeed(text) == nil, "\(text)")
    }
  }

  @Test func speedsPrintAsFactors() {
    #expect(ReplaySpeed("10x")?.description == "10x")
    #expect(ReplaySpeed("0.5")?.description == "0.5x")
  }
}
