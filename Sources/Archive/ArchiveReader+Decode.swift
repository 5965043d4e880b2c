import Synchronization

extension ArchiveReader {
  /// The latest frame of `target` whose time is `<= timeMs`: what a scrape at that moment saw.
  ///
  /// Decodes from the nearest keyframe at or before it (at most one keyframe interval), or from
  /// the previously returned frame of that target when that is on the way.
  /// - Returns: nil when the target has no frame at or before `timeMs`.
  /// - Throws: ``ArchiveError`` when the frame (or a frame of its chain) is damaged.
  public func frame(target: UInt32, at timeMs: Int64) throws(ArchiveError) -> Frame? {
    guard let local = localIndex(target: target, atOrBefore: timeMs) else { return nil }
    return try frame(target: target, local: local)
  }

  /// Summary of the frame ``frame(target:at:)`` would return, without decoding it.
  public func summary(target: UInt32, at timeMs: Int64) -> FrameSummary? {
    guard let local = localIndex(target: target, atOrBefore: timeMs),
      let list = positionsByTarget[target]
    else { return nil }
    return frames[list[local]]
  }

  /// The frame at `position` in ``frames`` (file order).
  public func frame(atPosition position: Int) throws(ArchiveError) -> Frame {
    guard frames.indices.contains(position) else {
      throw .invalidArgument("frame position \(position) outside 0..<\(frames.count)")
    }
    let summary = frames[position]
    guard let list = positionsByTarget[summary.targetID] else {
      throw .invalidArgument("frame position \(position) has no target list")
    }
    return try frame(target: summary.targetID, local: list.partitioningIndex { $0 >= position })
  }

  /// Frames of `target` in file order.
  public func summaries(target: UInt32) -> [FrameSummary] {
    (positionsByTarget[target] ?? []).map { frames[$0] }
  }

  /// A cursor that decodes every frame in file order (for the series store, replay and export).
  public func makeCursor() -> FrameCursor { FrameCursor(reader: self) }

  /// Every frame, decoded, in file order. Convenient for small archives and tests.
  public func allFrames() throws(ArchiveError) -> [Frame] {
    var cursor = makeCursor()
    var result: [Frame] = []
    while let frame = try cursor.next() { result.append(frame) }
    return result
  }

  func localIndex(target: UInt32, atOrBefore timeMs: Int64) -> Int? {
    guard let list = positionsByTarget[target] else { return nil }
    if let order = timeOrder[target] {
      let count = order.partitioningIndex { frames[list[$0]].timeMs > timeMs }
      return count == 0 ? nil : order[count - 1]
    }
    let count = list.partitioningIndex { frames[$0].timeMs > timeMs }
    return count == 0 ? nil : count - 1
  }

  func frame(target: UInt32, local: Int) throws(ArchiveError) -> Frame {
    guard let list = positionsByTarget[target] else { throw .invalidArgument("unknown target \(target)") }
    var start = local
    while start > 0 && !frames[list[start]].isKeyframe { start -= 1 }
    return try cache.withLock { (cache: inout DecodeCache) throws(ArchiveError) -> Frame in
      if cache.decoder == nil { cache.decoder = try FrameDecoder() }
      guard let decoder = cache.decoder else { throw .invalidArgument("no decoder") }
      var state: ChainState?
      var from = start
      if let last = cache.last[target], last.local <= local, last.local >= start {
        if last.local == local { return last.frame }
        state = last.state
        from = last.local + 1
      } else if let anchor = frames[list[start]].anchorSequence {
        state = try anchorState(target: target, sequence: anchor, before: start, cache: &cache)
      }
      var result: Frame?
      for index in from...local {
        let (frame, next) = try decodeRecord(at: list[index], previous: state, decoder: decoder)
        state = next
        result = frame
        cache.last[target] = (index, frame, next)
      }
      guard let result else { throw .invalidArgument("empty decode range") }
      return result
    }
  }

  /// The chain state after decoding the full keyframe `sequence` of `target` (an anchor).
  private func anchorState(
    target: UInt32, sequence: UInt64, before local: Int, cache: inout DecodeCache
  ) throws(ArchiveError) -> ChainState {
    if let cached = cache.anchors[target], cached.sequence == sequence { return cached }
    guard let list = positionsByTarget[target],
      let anchorLocal = list[..<local].lastIndex(where: { frames[$0].sequence == sequence })
    else {
      throw .undecodable(
        offset: frames[positionsByTarget[target]?[local] ?? 0].offset,
        what: "anchor frame \(sequence) of target \(target) is missing")
    }
    guard let decoder = cache.decoder else { throw .invalidArgument("no decoder") }
    let (_, state) = try decodeRecord(at: list[anchorLocal], previous: nil, decoder: decoder)
    cache.anchors[target] = state
    return state
  }

  /// Decodes the frame record at `position` of ``frames`` against `previous`.
  func decodeRecord(
    at position: Int, previous: ChainState?, decoder: FrameDecoder
  ) throws(ArchiveError) -> (Frame, ChainState) {
    do { return try decodeRecordHere(at: position, previous: previous, decoder: decoder) } catch {
      throw error.inFile(path)
    }
  }

  private func decodeRecordHere(
    at position: Int, previous: ChainState?, decoder: FrameDecoder
  ) throws(ArchiveError) -> (Frame, ChainState) {
    let summary = frames[position]
    switch RecordLayout.probe(bytes, at: summary.offset) {
    case .record(.frame, let payload) where payload.upperBound - summary.offset == summary.storedBytes:
      let (frame, record, state) = try decoder.decode(
        payload: bytes[payload], offset: summary.offset, previous: previous)
      guard record.targetID == summary.targetID, record.sequence == summary.sequence,
        record.timeMs == summary.timeMs
      else { throw .malformed(offset: summary.offset, what: "frame record disagrees with the index") }
      return (frame, state)
    case .truncated:
      throw .truncatedTail(offset: summary.offset)
    case .corrupt(let why):
      throw .checksumMismatch(offset: summary.offset, what: "frame record (\(why))")
    default:
      throw .malformed(offset: summary.offset, what: "index entry does not point at a frame record")
    }
  }
}

extension Collection {
  /// Index of the first element for which `predicate` holds, given that it holds for a suffix.
  func partitioningIndex(where predicate: (Element) throws -> Bool) rethrows -> Int where Index == Int {
    var low = startIndex
    var high = endIndex
    while low < high {
      let middle = low + (high - low) / 2
      if try predicate(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
