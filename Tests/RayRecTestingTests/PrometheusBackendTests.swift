import Foundation
import HTTP
import PromQL
import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(5))) struct PrometheusBackendTests {
  static let vector = #"""
    {"status":"success","data":{"resultType":"vector","result":[
      {"metric":{"__name__":"up","instance":"a:1"},"value":[1700000000.5,"1"]},
      {"metric":{"instance":"b:2"},"value":[1700000000.5,"NaN"]}]}}
    """#
  static let matrix = #"""
    {"status":"success","data":{"resultType":"matrix","result":[
      {"metric":{"job":"ray"},"values":[[1700000000,"1"],[1700000015,"+Inf"]]}]}}
    """#

  @Test func decodesTheAPIShapes() throws {
    guard case .vector(let samples) = try PrometheusBackend.decode(Array(Self.vector.utf8)) else {
      Issue.record("expected a vector")
      return
    }
    #expect(samples.count == 2)
    #expect(
      samples[0].labels["instance"] == "a:1" && samples[0].value == 1
        && samples[0].timestamp == 1_700_000_000_500)
    #expect(samples[1].value.isNaN)
    guard case .matrix(let series) = try PrometheusBackend.decode(Array(Self.matrix.utf8)) else {
      Issue.record("expected a matrix")
      return
    }
    #expect(
      series[0].timestamps == [1_700_000_000_000, 1_700_000_015_000] && series[0].values[1] == .infinity)
    #expect(throws: EvaluationError.self) {
      try PrometheusBackend.decode(
        Array(#"{"status":"error","errorType":"bad_data","error":"parse error"}"#.utf8))
    }
  }

  /// The same assertions against a server speaking the Prometheus HTTP API.
  @Test func assertionsRunAgainstALivePrometheusAPI() async throws {
    let handler = HTTPHandlerClosure { request, _ in
      let body = request.path == "/api/v1/query_range" ? Self.matrix : Self.vector
      return .response(
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8)))
    }
    let server = try HTTPServer(handler: handler)
    let bound = try server.start([try #require(SocketAddress(host: "127.0.0.1", port: 0))])
    let url = "http://127.0.0.1:\(bound[0].address.port)"
    let recording = Recording(backend: try PrometheusBackend(url: url, window: .minutes(5)))
    // Straight from the test's own (cooperative pool) thread: the blocking bridge needs no pool.
    var failures: [String] = []
    do {
      let result = try recording.backend.instantQuery("up", at: 1_700_000_000_500)
      if case .vector(let v) = result, v.count == 2 {} else { failures.append("instant: \(result)") }
      let series = try recording.backend.rangeQuery("up", start: 0, end: 1, step: 1)
      if series.count != 1 { failures.append("range: \(series)") }
    } catch {
      failures.append("\(error)")
    }
    #expect(failures.isEmpty)
    await server.stop()
  }

  @Test func decodesASeriesList() throws {
    let body = #"{"status":"success","data":[{"__name__":"up","job":"ray"},{"__name__":"up","job":"node"}]}"#
    let series = try PrometheusBackend.decodeSeries(Array(body.utf8))
    #expect(series.map { $0["job"] } == ["ray", "node"])
    #expect(series.allSatisfy { $0.metricName == "up" })
  }

  @Test func anHTTPSURLIsRefusedWithTheReason() {
    #expect {
      _ = try PrometheusBackend(url: "https://prometheus.example:9090", window: .minutes(1))
    } throws: { error in
      "\(error)".contains("https is not supported")
    }
  }

  @Test func anUnreachableServerIsARecordingError() {
    #expect(throws: RecordingError.self) {
      let backend = try PrometheusBackend(url: "http://127.0.0.1:1", window: .minutes(1))
      _ = try backend.instantQuery("up", at: 0)
    }
  }
}
