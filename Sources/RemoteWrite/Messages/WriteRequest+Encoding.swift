extension WriteRequest {
  /// The protobuf bytes of the request, as Prometheus's encoder writes them: series, then
  /// metadata; fields at their defaults left out.
  public func encoded() -> [UInt8] {
    var encoder = WriteRequestEncoder()
    for series in timeseries {
      encoder.append(
        labels: EncodedLabels(series.labels), timestamps: series.samples.map(\.timestamp)[...],
        values: series.samples.map(\.value)[...])
    }
    for entry in metadata { encoder.append(metadata: entry) }
    return encoder.bytes
  }
}
