/// Frames a reader skipped because they did not decode (a damaged record, or a delta frame
/// coded against one), so a reader of the data can go on with the rest, as `cat` and `repair`
/// do, and say what it skipped.
public struct DamagedFrames: Sendable, Equatable {
  /// One skipped frame.
  public struct Entry: Sendable, Equatable, CustomStringConvertible {
    /// Position in ``ArchiveReader/frames`` (file order).
    public var position: Int
    /// The target whose frame it was.
    public var instance: String
    /// Why it did not decode (names the byte offset).
    public var error: ArchiveError

    public var description: String { "frame \(position) (\(instance)): \(error.underlying)" }
  }

  /// How many frames were skipped.
  public private(set) var count = 0
  /// The first few skipped, in file order (a warning names these, not thousands).
  public private(set) var first: [Entry] = []
  /// How many entries ``first`` keeps.
  public static let shown = 3

  /// None skipped.
  public init() {}

  /// Notes one skipped frame.
  mutating func record(_ entry: Entry) {
    count += 1
    if first.count < Self.shown { first.append(entry) }
  }

  /// What a command prints on standard error when frames of `path` were skipped; nil if none.
  public func warning(path: String) -> String? {
    guard count > 0 else { return nil }
    let more = count > first.count ? "; and \(count - first.count) more" : ""
    return
      "\(path): warning: \(count) damaged frame\(count == 1 ? "" : "s") skipped (\(first.map(\.description).joined(separator: "; "))\(more)); the rest was read; 'rayrec repair' writes a copy without them"
  }
}

extension FrameCursor {
  /// The next frame that decodes, with its layout, skipping (and noting in `damaged`) those that
  /// do not; nil at the end.
  public mutating func nextIntact(skipping damaged: inout DamagedFrames) -> (
    frame: Frame, layout: FrameLayout
  )? {
    while position < reader.frames.count {
      let current = position
      do {
        return try nextWithLayout()
      } catch {
        let target = reader.frames[current].targetID
        let instance = reader.targets.first { $0.id == target }?.instance ?? "target \(target)"
        damaged.record(.init(position: current, instance: instance, error: error))
      }
    }
    return nil
  }
}
