/// What encoding or decoding the next frame of one target needs from its previous frame.
struct ChainState {
  /// Sequence number of the previous frame.
  var sequence: UInt64
  /// Plain part A of the previous frame.
  var partA: [UInt8]
  /// The zstd prefix for the next part A: the part A of the previous frame's own base (when
  /// small), then `partA`. Values that change every other scrape find their pattern two frames
  /// back.
  var prefixA: [UInt8]
  /// Skeleton of the previous frame, or its body when it was not transformed: prefix for part B.
  var partB: [UInt8]
  /// Whether `partB` is a skeleton (so the next frame may say "same skeleton").
  var partBIsSkeleton: Bool
  /// The previous body and its sample slots.
  var values: ValueReference
  /// Time of the last keyframe and frames since (encoder policy only).
  var keyTimeMs: Int64
  var framesSinceKey: Int
}

extension ChainState {
  /// Largest older part A kept in `prefixA`.
  static let olderPartALimit = 1 << 16

  /// The prefix for the frame after one whose part A is `partA`, coded against `base`.
  static func prefixA(partA: [UInt8], base: ChainState?) -> [UInt8] {
    guard let older = base?.partA, older.count <= olderPartALimit, partA.count <= olderPartALimit else {
      return partA
    }
    return older + partA
  }
}
