public import PromQL

/// A series' labels as the repeated `labels` field of a `TimeSeries` (keys included), encoded
/// once per series and copied into every request that carries it.
public struct EncodedLabels: Sendable, Hashable {
  /// The encoded fields.
  public let bytes: [UInt8]

  /// Encodes `labels` in the order given (the caller keeps them sorted by name).
  public init(_ labels: some Sequence<Label>) {
    var writer = ProtobufWriter()
    for label in labels {
      writer.message(1) { pair in
        pair.string(1, label.name)
        pair.string(2, label.value)
      }
    }
    bytes = writer.bytes
  }
}
