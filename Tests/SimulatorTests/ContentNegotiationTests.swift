import Exposition
import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct ContentNegotiationTests {
  @Test(
    arguments: [
      (nil, ExpositionFormat.text),
      ("", .text),
      ("*/*", .text),
      ("text/plain;version=0.0.4", .text),
      ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", .text),
      ("application/openmetrics-text; version=1.0.0; charset=utf-8", .openMetrics),
      (
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1", .openMetrics
      ),
      // Like prometheus_client, q-values are not weighed: a listed OpenMetrics type wins.
      ("text/plain;q=1.0, Application/OpenMetrics-Text;q=0.1", .openMetrics),
    ] as [(String?, ExpositionFormat)])
  func choosesTheFormatLikeRay(accept: String?, expected: ExpositionFormat) {
    #expect(ContentNegotiation.format(accept: accept) == expected)
  }

  @Test func sendsRaysContentTypes() {
    #expect(ContentNegotiation.contentType(.text) == "text/plain; version=0.0.4; charset=utf-8")
    #expect(
      ContentNegotiation.contentType(.openMetrics)
        == "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores")
  }
}
