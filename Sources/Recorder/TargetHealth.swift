import Archive

/// Which targets answer, for the status line and the closing summary of a recording: the ones
/// whose latest scrape failed, and the ones that never answered at all.
struct TargetHealth: Sendable {
  private var names: [UInt32: String] = [:]
  private var latestOK: [UInt32: Bool] = [:]
  private var everOK: Set<UInt32> = []
  /// The latest failure of each target that is down, as `kind: message`.
  private var reasons: [UInt32: String] = [:]

  /// How a target is named to the user: `host:port`, plus the path when it is not `/metrics`.
  static func displayName(_ target: ArchiveTarget) -> String {
    var rest = Substring(target.url)
    for scheme in ["http://", "https://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
    if rest.hasSuffix("/metrics") { rest = rest.dropLast("/metrics".count) }
    return String(rest)
  }

  mutating func know(_ target: ArchiveTarget) { names[target.id] = Self.displayName(target) }

  mutating func note(_ frame: Frame) {
    let ok = !frame.outcome.isFailure
    latestOK[frame.targetID] = ok
    if ok { everOK.insert(frame.targetID) }
    reasons[frame.targetID] = ok ? nil : Self.reason(frame)
  }

  /// Why a failed frame failed: the failure kind and the recorder's message, or the HTTP status.
  static func reason(_ frame: Frame) -> String {
    switch frame.outcome {
    case .failed(let kind, let message): "\(kind): \(message)"
    case .response(let status): "HTTP status \(status)"
    }
  }

  /// A target that left discovery no longer counts as up or down.
  mutating func forget(_ id: UInt32) {
    latestOK[id] = nil
    reasons[id] = nil
  }

  func apply(to status: inout RecordingStatus) {
    status.targetsUp = latestOK.values.filter { $0 }.count
    status.targetsDown = latestOK.count - status.targetsUp
    status.downTargets = latestOK.filter { !$0.value }.keys.map(name).sorted()
    status.neverAnswered = latestOK.keys.filter { !everOK.contains($0) }.map(name).sorted()
    status.downReasons = Dictionary(reasons.map { (name($0.key), $0.value) }) { first, _ in first }
  }

  private func name(_ id: UInt32) -> String { names[id] ?? "target \(id)" }
}
