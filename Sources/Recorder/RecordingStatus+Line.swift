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
      "\(time) | targets \(targetsUp) up, \(down) | \(frames) frames (\(failedFrames) failed) | \(ByteSize.format(rawBytes)) raw, \(ByteSize.format(storedBytes)) stored, \(String(format: "%.0f", ratio))x"
  }
}
