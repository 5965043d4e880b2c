import Exposition

extension ExpositionParser {
  /// Feeds the current sample's series (name and labels, as written) to `hasher`: the raw bytes
  /// identify a series within one target without building its label strings.
  func combineSeries(into hasher: inout Hasher) {
    bytes.withUnsafeBufferPointer { p in
      hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[name])))
      for label in labels {
        hasher.combine(0xFF as UInt8)
        hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[label.name])))
        hasher.combine(0xFE as UInt8)
        hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[label.value])))
      }
    }
  }
}
