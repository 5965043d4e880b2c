/// `rayrec merge`: several archives into one. Targets found in only one input go side by side;
/// the same target (URL, job and labels) in several inputs, e.g. a recording cut in slices or
/// the shards of several recorders, is joined in time order, and refused when the inputs
/// overlap in time for it.
public enum ArchiveMerge {
  /// The outcome of ``merge(_:to:options:)``.
  public struct Report: Sendable, Equatable {
    /// Frames written.
    public var framesWritten = 0
    /// Targets in the new archive.
    public var targets = 0
    /// Targets that came from more than one input.
    public var joinedTargets = 0
    /// Per input path, frames that did not decode and were left out.
    public var damaged: [String: DamagedFrames] = [:]
  }

  /// A target of the merged archive and where its frames come from.
  struct Source {
    var target: ArchiveTarget
    /// (input index, that input's target id) pairs.
    var members: [(input: Int, id: UInt32)] = []
  }

  /// What identifies one endpoint across archives.
  struct Identity: Hashable {
    var url: String
    var job: String
    var labels: [ArchiveTarget.Label]
  }

  /// Writes the merge of `inputs` at `path`, frames in time order (ties in input order). The
  /// header's recorder text is the inputs' distinct ones joined by ` + `.
  /// - Throws: ``ArchiveError/overlap(target:first:firstRange:second:secondRange:)`` before
  ///   writing anything when a joined target's inputs overlap in time; otherwise only when the
  ///   new archive cannot be written.
  @discardableResult
  public static func merge(
    _ inputs: [ArchiveReader], to path: String, options: ArchiveWriterOptions = ArchiveWriterOptions()
  ) throws(ArchiveError) -> Report {
    let (sources, mapping) = plan(inputs)
    try checkOverlaps(sources, inputs)
    var report = Report()
    report.targets = sources.count
    report.joinedTargets = sources.filter { Set($0.members.map(\.input)).count > 1 }.count
    // Inputs written differently (the shards of several recorders say which shard they are)
    // are all named, so the merged archive does not pass for its first input alone.
    var writers: [String] = []
    for text in inputs.map(\.header.recorderVersion) where !writers.contains(text) { writers.append(text) }
    let header = ArchiveHeader(
      createdMs: inputs.map(\.header.createdMs).min() ?? 0,
      recorderVersion: writers.joined(separator: " + "), targets: sources.map(\.target))
    let writer = try ArchiveWriter(path: path, header: header, options: options)
    var cursors = inputs.map { $0.makeCursor() }
    var damaged = Array(repeating: DamagedFrames(), count: inputs.count)
    var pending: [Frame?] = inputs.indices.map { cursors[$0].nextIntact(skipping: &damaged[$0])?.frame }
    while true {
      var next: Int?
      for index in pending.indices {
        guard let frame = pending[index] else { continue }
        if let best = next, let current = pending[best], current.timeMs <= frame.timeMs { continue }
        next = index
      }
      guard let index = next, var frame = pending[index] else { break }
      frame.targetID = mapping[index][frame.targetID] ?? frame.targetID
      try writer.append(frame)
      report.framesWritten += 1
      pending[index] = cursors[index].nextIntact(skipping: &damaged[index])?.frame
    }
    try writer.close()
    for (index, input) in inputs.enumerated() where damaged[index].count > 0 {
      report.damaged[input.path] = damaged[index]
    }
    return report
  }

  /// The merged targets (ids from 0, in order of first appearance) and, per input, its target
  /// ids' new ids.
  static func plan(_ inputs: [ArchiveReader]) -> ([Source], [[UInt32: UInt32]]) {
    var sources: [Source] = []
    var byIdentity: [Identity: Int] = [:]
    var mapping: [[UInt32: UInt32]] = []
    for (index, input) in inputs.enumerated() {
      var ids: [UInt32: UInt32] = [:]
      for target in input.targets {
        let identity = Identity(url: target.url, job: target.job, labels: target.labels)
        let slot: Int
        if let known = byIdentity[identity] {
          slot = known
        } else {
          slot = sources.count
          byIdentity[identity] = slot
          var renumbered = target
          renumbered.id = UInt32(slot)
          sources.append(Source(target: renumbered))
        }
        sources[slot].members.append((index, target.id))
        ids[target.id] = UInt32(slot)
      }
      mapping.append(ids)
    }
    return (sources, mapping)
  }

  /// Refuses a target whose frames in two inputs overlap in time.
  static func checkOverlaps(_ sources: [Source], _ inputs: [ArchiveReader]) throws(ArchiveError) {
    for source in sources where source.members.count > 1 {
      let spans: [(input: Int, range: ClosedRange<Int64>)] = source.members.compactMap { member in
        let times = inputs[member.input].summaries(target: member.id).map(\.timeMs)
        guard let first = times.min(), let last = times.max() else { return nil }
        return (member.input, first...last)
      }.sorted { $0.range.lowerBound < $1.range.lowerBound }
      for (earlier, later) in zip(spans, spans.dropFirst())
      where later.range.lowerBound <= earlier.range.upperBound {
        throw .overlap(
          target: source.target.url, first: inputs[earlier.input].path, firstRange: earlier.range,
          second: inputs[later.input].path, secondRange: later.range)
      }
    }
  }
}
