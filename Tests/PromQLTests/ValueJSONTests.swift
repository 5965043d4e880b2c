import PromQL
import Testing

/// Golden text: the Prometheus HTTP API body for each kind of result.
@Suite(.timeLimit(.minutes(5)))
struct ValueJSONTests {
  @Test func scalarAndString() {
    #expect(
      Value.scalar(1.5).prometheusAPIJSON(at: 1_435_781_451_781)
        == #"{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"1.5"]}}"#)
    #expect(
      Value.string("a\"b").prometheusAPIJSON(at: 2000)
        == #"{"status":"success","data":{"resultType":"string","result":[2,"a\"b"]}}"#)
  }

  @Test func vector() {
    let value = Value.vector([
      VectorSample(labels: Labels(["__name__": "up", "job": "x"]), value: 1, timestamp: 0),
      VectorSample(labels: Labels(["job": "y"]), value: .nan, timestamp: 0),
    ])
    #expect(
      value.prometheusAPIJSON(at: 1_500)
        == #"{"status":"success","data":{"resultType":"vector","result":["#
        + #"{"metric":{"__name__":"up","job":"x"},"value":[1.500,"1"]},"#
        + #"{"metric":{"job":"y"},"value":[1.500,"NaN"]}]}}"#)
  }

  @Test func matrix() {
    let value = Value.matrix([
      Series(labels: Labels(["a": "b"]), timestamps: [0, 60_000], values: [1e21, -Double.infinity]),
      Series(labels: Labels(["c": "d"]), timestamps: [-1], values: [1e-7]),
    ])
    #expect(
      value.prometheusAPIJSON(at: 0)
        == #"{"status":"success","data":{"resultType":"matrix","result":["#
        + #"{"metric":{"a":"b"},"values":[[0,"1e+21"],[60,"-Inf"]]},"#
        + #"{"metric":{"c":"d"},"values":[[-0.001,"1e-07"]]}]}}"#)
  }

  @Test func wholeValuesAndTimesAreWrittenAsTheAPIWritesThem() {
    let value = Value.matrix([
      Series(
        labels: Labels(["a": "b"]), timestamps: [1_700_000_000_005, 1_700_000_000_050, 7, -1_500, 0, 12_345],
        values: [0, -0.0, -42, 999_999_999_999_999, 1e15, 2.5])
    ])
    #expect(
      value.prometheusAPIJSON(at: 0)
        == #"{"status":"success","data":{"resultType":"matrix","result":["#
        + #"{"metric":{"a":"b"},"values":[[1700000000.005,"0"],[1700000000.050,"-0"],[0.007,"-42"],"#
        + #"[-1.500,"999999999999999"],[0,"1000000000000000"],[12.345,"2.5"]]}]}}"#)
  }
}
