/// What encoding or decoding the next frame of one target needs from its previous frame.
struct ChainState {
  /// Sequence number of the previous frame.
  var sequence: UInt64
  /// Plain part A of the previous frame: the zstd prefix for the next part A.
  var partA: [UInt8]
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
