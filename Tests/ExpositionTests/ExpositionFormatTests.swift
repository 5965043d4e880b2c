import Testing

@testable import Exposition

@Suite(.timeLimit(.minutes(5))) struct ExpositionFormatTests {
  @Test(arguments: [
    ("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.text),
    ("application/openmetrics-text; version=1.0.0; charset=utf-8", .openMetrics),
    ("Application/OpenMetrics-Text", .openMetrics),
    ("application/json", .text),
    ("", .text),
  ])
  func contentTypePicksTheFormat(contentType: String, expected: ExpositionFormat) {
    #expect(ExpositionFormat(contentType: contentType) == expected)
  }

  @Test func aMissingContentTypeMeansText() {
    #expect(ExpositionFormat(contentType: nil) == .text)
  }

  @Test func sniffingFindsTheEOFMarker() {
    #expect(ExpositionFormat(sniffing: [UInt8]("a 1\n# EOF\n")) == .openMetrics)
    #expect(ExpositionFormat(sniffing: [UInt8]("a 1\n# EOF")) == .openMetrics)
    #expect(ExpositionFormat(sniffing: [UInt8]("a 1\n")) == .text)
    #expect(ExpositionFormat(sniffing: [UInt8]("a 1 # EOF\n")) == .text)
  }
}
