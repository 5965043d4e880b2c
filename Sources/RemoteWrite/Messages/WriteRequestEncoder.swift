/// Builds a ``WriteRequest``'s protobuf bytes series by series, straight from sample arrays:
/// no per-sample values are made, and each embedded message's length is computed, not measured,
/// so every byte is written once.
public struct WriteRequestEncoder: Sendable {
  private var writer: ProtobufWriter
  /// Samples appended so far.
  public private(set) var sampleCount = 0

  /// An empty request; `capacity` reserves room for the bytes to come.
  public init(capacity: Int = 0) { writer = ProtobufWriter(capacity: capacity) }

  /// The request's bytes so far.
  public var bytes: [UInt8] { writer.bytes }

  /// Appends one `TimeSeries` (field 1) with these labels and samples (in time order).
  public mutating func append(
    labels: EncodedLabels, timestamps: ArraySlice<Int64>, values: ArraySlice<Double>
  ) {
    precondition(timestamps.count == values.count, "one value per timestamp")
    var seriesSize = labels.bytes.count
    for (timestamp, value) in zip(timestamps, values) {
      let size = Self.sampleSize(timestamp, value)
      seriesSize += 1 + ProtobufWriter.varintSize(UInt64(size)) + size
    }
    writer.key(1, .lengthDelimited)
    writer.varint(UInt64(seriesSize))
    writer.raw(labels.bytes)
    for (timestamp, value) in zip(timestamps, values) {
      writer.key(2, .lengthDelimited)
      writer.varint(UInt64(Self.sampleSize(timestamp, value)))
      writer.double(1, value)
      writer.int64(2, timestamp)
    }
    sampleCount += timestamps.count
  }

  /// Appends one `MetricMetadata` (field 3).
  public mutating func append(metadata: MetricMetadata) {
    writer.message(3) { entry in
      entry.int64(1, Int64(metadata.type.rawValue))
      entry.string(2, metadata.familyName)
      entry.string(4, metadata.help)
      entry.string(5, metadata.unit)
    }
  }

  /// The encoded size of a `Sample`: each field only when not at its default.
  @inline(__always)
  static func sampleSize(_ timestamp: Int64, _ value: Double) -> Int {
    (value.bitPattern == 0 ? 0 : 9)
      + (timestamp == 0 ? 0 : 1 + ProtobufWriter.varintSize(UInt64(bitPattern: timestamp)))
  }
}
