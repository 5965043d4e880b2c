extension Array {
  /// Whether both arrays are views of one buffer. The range-query caches keep the arrays they
  /// identify this way, so a buffer cannot be freed and its address reused while they look.
  func sharesBuffer(with other: [Element]) -> Bool {
    withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
  }
}
