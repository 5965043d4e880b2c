import Basics

extension ReplayStatus {
  /// The live line `rayrec replay` draws: the recorded (virtual) time and how far into the window
  /// it is, the pass when looping, targets serving, requests answered.
  public func line(loops: Bool) -> String {
    let into = DurationText.format(max(0, virtualTimeMs - fromMs))
    let length = DurationText.format(max(0, toMs - fromMs))
    let percent = Int((progress * 100).rounded(.down))
    let serving = targets.filter { $0.state == "serving" }.count
    let hits = targets.reduce(0) { $0 + $1.hits }
    let pass = loops ? " | pass \(loop + 1)" : ""
    let step = mode == "step" ? "step mode | " : ""
    return
      "\(step)recorded \(RFC3339.format(virtualTimeMs / 1000 * 1000)) (+\(into) of \(length), \(percent)%)\(pass) | targets \(serving)/\(targets.count) serving | \(hits) requests"
  }
}
