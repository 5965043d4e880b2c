import PromQL

extension WriteRequest {
  /// Reads a request from its protobuf bytes (after snappy). Unknown fields are skipped, as
  /// proto3 requires; exemplars and native histograms (`TimeSeries` fields 3 and 4) are too,
  /// since rayrec never sends them.
  ///
  /// - Throws: ``ProtobufError`` with the offset of the first malformed byte.
  public init(decoding bytes: [UInt8]) throws(ProtobufError) {
    self.init()
    var reader = ProtobufReader(bytes)
    while let (field, wire) = try reader.nextField() {
      switch field {
      case 1:
        try reader.expect(wire, .lengthDelimited, "WriteRequest.timeseries")
        timeseries.append(try Self.timeSeries(bytes, try reader.lengthDelimited()))
      case 3:
        try reader.expect(wire, .lengthDelimited, "WriteRequest.metadata")
        metadata.append(try Self.metadata(bytes, try reader.lengthDelimited()))
      default:
        try reader.skip(wire)
      }
    }
  }

  private static func timeSeries(_ bytes: [UInt8], _ range: Range<Int>) throws(ProtobufError) -> TimeSeries {
    var reader = ProtobufReader(bytes, range: range)
    var series = TimeSeries(labels: [], samples: [])
    while let (field, wire) = try reader.nextField() {
      switch field {
      case 1:
        try reader.expect(wire, .lengthDelimited, "TimeSeries.labels")
        var pair = ProtobufReader(bytes, range: try reader.lengthDelimited())
        var label = Label(name: "", value: "")
        while let (field, wire) = try pair.nextField() {
          switch field {
          case 1:
            try pair.expect(wire, .lengthDelimited, "Label.name")
            label.name = try pair.string()
          case 2:
            try pair.expect(wire, .lengthDelimited, "Label.value")
            label.value = try pair.string()
          default: try pair.skip(wire)
          }
        }
        series.labels.append(label)
      case 2:
        try reader.expect(wire, .lengthDelimited, "TimeSeries.samples")
        var sample = ProtobufReader(bytes, range: try reader.lengthDelimited())
        var value = TimeSeries.Sample(value: 0, timestamp: 0)
        while let (field, wire) = try sample.nextField() {
          switch field {
          case 1:
            try sample.expect(wire, .fixed64, "Sample.value")
            value.value = Double(bitPattern: try sample.fixed64())
          case 2:
            try sample.expect(wire, .varint, "Sample.timestamp")
            value.timestamp = Int64(bitPattern: try sample.varint())
          default: try sample.skip(wire)
          }
        }
        series.samples.append(value)
      default:
        try reader.skip(wire)
      }
    }
    return series
  }

  private static func metadata(_ bytes: [UInt8], _ range: Range<Int>) throws(ProtobufError) -> MetricMetadata
  {
    var reader = ProtobufReader(bytes, range: range)
    var entry = MetricMetadata(type: .unknown, familyName: "")
    while let (field, wire) = try reader.nextField() {
      switch field {
      case 1:
        try reader.expect(wire, .varint, "MetricMetadata.type")
        let start = reader.offset
        let raw = try reader.varint()
        guard raw <= UInt64(Int.max), let type = MetricMetadata.MetricType(rawValue: Int(raw)) else {
          throw ProtobufError(offset: start, "MetricMetadata.type \(raw) is not a metric type")
        }
        entry.type = type
      case 2:
        try reader.expect(wire, .lengthDelimited, "MetricMetadata.metric_family_name")
        entry.familyName = try reader.string()
      case 4:
        try reader.expect(wire, .lengthDelimited, "MetricMetadata.help")
        entry.help = try reader.string()
      case 5:
        try reader.expect(wire, .lengthDelimited, "MetricMetadata.unit")
        entry.unit = try reader.string()
      default:
        try reader.skip(wire)
      }
    }
    return entry
  }
}
