import PromQL
import Testing

@testable import RemoteWrite

@Suite(.timeLimit(.minutes(1))) struct WriteRequestTests {
  /// `up{job="ray"}` with a sample and a staleness marker, and the gauge's metadata.
  static let known = WriteRequest(
    timeseries: [
      TimeSeries(
        labels: [Label(name: "__name__", value: "up"), Label(name: "job", value: "ray")],
        samples: [
          .init(value: 1, timestamp: 1000), .init(value: StaleMarker.value, timestamp: 2000),
        ])
    ],
    metadata: [MetricMetadata(type: .gauge, familyName: "up", help: "1 if up")])

  /// Worked out by hand from Prometheus's `remote.proto` and `types.proto`.
  static let knownBytes: [UInt8] =
    [0x0A, 0x38]  // WriteRequest.timeseries (field 1), 56 bytes
    + [0x0A, 0x0E]  // TimeSeries.labels (field 1), 14 bytes
    + [0x0A, 0x08] + Array("__name__".utf8) + [0x12, 0x02] + Array("up".utf8)
    + [0x0A, 0x0A]  // the second label, 10 bytes
    + [0x0A, 0x03] + Array("job".utf8) + [0x12, 0x03] + Array("ray".utf8)
    + [0x12, 0x0C]  // TimeSeries.samples (field 2), 12 bytes
    + [0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F]  // value 1.0, little-endian
    + [0x10, 0xE8, 0x07]  // timestamp 1000
    + [0x12, 0x0C]
    + [0x09, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x7F]  // the staleness marker's bits
    + [0x10, 0xD0, 0x0F]  // timestamp 2000
    + [0x1A, 0x0F]  // WriteRequest.metadata (field 3), 15 bytes
    + [0x08, 0x02]  // type GAUGE
    + [0x12, 0x02] + Array("up".utf8)  // metric_family_name
    + [0x22, 0x07] + Array("1 if up".utf8)  // help (field 4); unit (5) is empty, left out

  @Test func aKnownRequestEncodesToTheBytesWorkedOutByHand() {
    #expect(Self.known.encoded() == Self.knownBytes)
  }

  @Test func theBytesDecodeToTheSameRequest() throws {
    let decoded = try WriteRequest(decoding: Self.knownBytes)
    #expect(decoded == Self.known)
    #expect(StaleMarker.isStale(decoded.timeseries[0].samples[1].value))
  }

  @Test func zeroValuesAndTimesAreLeftOutButNegativeZeroAndNegativeTimesKeepTheirBits() throws {
    let request = WriteRequest(timeseries: [
      TimeSeries(
        labels: [Label(name: "__name__", value: "x")],
        samples: [.init(value: 0, timestamp: 0), .init(value: -0.0, timestamp: -1)])
    ])
    let bytes = request.encoded()
    let expected: [UInt8] =
      [0x0A, 0x27, 0x0A, 0x0D, 0x0A, 0x08] + Array("__name__".utf8) + [0x12, 0x01] + Array("x".utf8)
      + [0x12, 0x00]  // the first sample: both fields at their defaults, an empty message
      + [0x12, 0x14, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80]  // -0.0 keeps its sign bit
      + [0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]  // -1: ten bytes
    #expect(bytes == expected)
    let decoded = try WriteRequest(decoding: bytes)
    #expect(decoded == request)
    #expect(decoded.timeseries[0].samples[1].value.sign == .minus)
  }

  @Test func theEncoderWritesTheSameBytesAsTheMessageTypes() {
    let labels = EncodedLabels(Self.known.timeseries[0].labels)
    var encoder = WriteRequestEncoder()
    encoder.append(labels: labels, timestamps: [1000, 2000], values: [1, StaleMarker.value])
    encoder.append(metadata: Self.known.metadata[0])
    #expect(encoder.bytes == Self.knownBytes)
    #expect(encoder.sampleCount == 2)
  }

  @Test(
    arguments: [
      ([0x0A, 0x05, 0x0A], "length 5 runs past the end"),
      ([0x0A], "varint runs past the end"),
      ([0x0B], "wire type 3 is not supported"),
      ([0x78] + [UInt8](repeating: 0xFF, count: 10) + [0x01], "varint longer than 64 bits"),
      ([0x0A, 0x02, 0x12, 0x05], "length 5 runs past the end"),
      ([0x0A, 0x02, 0x08, 0x01], "TimeSeries.labels has wire type 0, expected 2"),
      ([0x0A, 0x06, 0x0A, 0x04, 0x0A, 0x02, 0xC3, 0x28], "string is not valid UTF-8"),
      ([0x1A, 0x02, 0x08, 0x09], "MetricMetadata.type 9 is not a metric type"),
    ] as [([UInt8], String)])
  func malformedBytesAreRefusedWithWhatIsWrong(_ bytes: [UInt8], _ message: String) {
    let error = #expect(throws: ProtobufError.self) { try WriteRequest(decoding: bytes) }
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  @Test func unknownFieldsAreSkipped() throws {
    // Field 2 of WriteRequest is reserved (Cortex's source); field 15 a varint; then a series.
    let bytes: [UInt8] = [0x10, 0x01, 0x78, 0x2A] + [0x0A, 0x00]
    let decoded = try WriteRequest(decoding: bytes)
    #expect(decoded.timeseries.count == 1)
    #expect(decoded.timeseries[0].labels.isEmpty)
  }
}
