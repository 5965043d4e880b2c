import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func httpDatesFormatAndParse() {
  #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
  #expect(HTTPDate.format(1_795_607_045) == "Wed, 25 Nov 2026 11:44:05 GMT")
  #expect(HTTPDate.format(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
  #expect(HTTPDate.format(-1) == "Wed, 31 Dec 1969 23:59:59 GMT")
  #expect(HTTPDate.parse("Wed, 25 Nov 2026 11:44:05 GMT") == 1_795_607_045)
  #expect(HTTPDate.parse("Wed, 25 Nov 2026 11:44:05 UTC") == nil)
  #expect(HTTPDate.parse("Wednesday, 25-Nov-26 11:44:05 GMT") == nil)
  for seconds in stride(from: Int64(-5_000_000_000), through: 5_000_000_000, by: 86_399_777) {
    #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
  }
}
