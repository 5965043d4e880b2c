import Glibc

/// Where a decoded frame's value tokens sit in its body, and the skeleton they were cut from
/// (docs/archive-format.md, section 5.1).
///
/// Two frames of a target whose skeletons are equal differ only in their value tokens, so a
/// reader that already understood one body (which series each token belongs to) can read the
/// next one token by token, without parsing its text again.
public struct FrameLayout: Sendable {
  /// The body with every value token removed, when the frame was stored transformed; nil for
  /// frames stored as plain bodies.
  public let skeleton: [UInt8]?
  let slots: [SampleSlot]

  init(skeleton: [UInt8]?, slots: [SampleSlot]) {
    self.skeleton = skeleton
    self.slots = slots
  }

  /// Number of value tokens (sample slots) in the body.
  public var slotCount: Int { slots.count }

  /// The byte range of the value token of slot `index` in the frame's body.
  public func valueRange(_ index: Int) -> Range<Int> {
    let slot = slots[index]
    return slot.valueStart..<Int(slot.valueEnd)
  }

  /// The byte offset in the body of the line that holds slot `index`.
  public func keyStart(_ index: Int) -> Int { Int(slots[index].keyStart) }

  /// True when `self` and `other` have equal skeletons (both present), checked by buffer
  /// identity first: frames coded "same skeleton" share their base's buffer.
  public func hasSameSkeleton(as other: FrameLayout) -> Bool {
    guard let mine = skeleton, let theirs = other.skeleton, mine.count == theirs.count else { return false }
    return mine.withUnsafeBufferPointer { left in
      theirs.withUnsafeBufferPointer { right in
        guard let a = left.baseAddress, let b = right.baseAddress else { return left.count == right.count }
        return a == b || memcmp(a, b, left.count) == 0
      }
    }
  }
}
