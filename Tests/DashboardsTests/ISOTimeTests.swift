import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct ISOTimeTests {
  @Test func formatsLikeJavaScriptsToISOString() {
    #expect(ISOTime.format(0) == "1970-01-01T00:00:00.000Z")
    #expect(ISOTime.format(1_700_000_000_123) == "2023-11-14T22:13:20.123Z")
    #expect(ISOTime.format(-1) == "1969-12-31T23:59:59.999Z")
    #expect(ISOTime.format(951_782_400_000) == "2000-02-29T00:00:00.000Z")
  }
}
