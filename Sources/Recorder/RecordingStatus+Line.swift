import Basics
import Foundation

extension RecordingStatus {
  /// The one-line live status of a recording: how far it has come, which targets are down, what
  /// the archive holds (`rayrec record` draws it in place on a terminal).
  public var line: String {
    var time = DurationText.format(elapsedMs)
    if let remainingMs { time += " of \(DurationText.format(elapsedMs + remainingMs))" }
    var down = "\(targetsDown) down"
    if !downTargets.isEmpty {
      let shown = downTargets.prefix(3).joined(separator: ", ")
      down += " (\(shown)\(downTargets.count > 3 ? ", +\(downTargets.count - 3) more" : ""))"
    }
    return
      "\(time) | targets \(targetsUp) up, \(down) | \(frames) frames (\(failedFrames) failed) | \(Self.bytes(rawBytes)) raw, \(Self.bytes(storedBytes)) stored, \(String(format: "%.0f", ratio))x"
  }

  /// `1.5 MiB`, `512 B`.
  static func bytes(_ n: Int) -> String {
    if n >= 1 << 30 { return String(format: "%.1f GiB", Double(n) / Double(1 << 30)) }
    if n >= 1 << 20 { return String(format: "%.1f MiB", Double(n) / Double(1 << 20)) }
    if n >= 1 << 10 { return String(format: "%.1f KiB", Double(n) / Double(1 << 10)) }
    return "\(n) B"
  }
}
