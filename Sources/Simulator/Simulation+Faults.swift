/// Turning a good answer into the fault the timeline asks for.
extension Simulation {
  static func apply(
    _ fault: FaultKind?, to answer: SimulatedResponse.Answer, durationMs: Int64, seed: UInt64
  ) -> SimulatedResponse {
    switch fault {
    case nil, .down, .hang:
      return SimulatedResponse(outcome: .answer(answer), durationMs: durationMs)
    case .slow(let ms):
      return SimulatedResponse(outcome: .answer(answer), durationMs: max(ms, durationMs))
    case .http(let status):
      let text = "\(status) \(reason(status))\n"
      let error = SimulatedResponse.Answer(
        status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
      return SimulatedResponse(outcome: .answer(error), durationMs: durationMs)
    case .reset(let n):
      return SimulatedResponse(
        outcome: .reset(answer, afterBytes: min(n, answer.body.count)), durationMs: durationMs)
    case .truncate(let fraction):
      var cut = answer
      cut.body = Array(answer.body.prefix(Int(Double(answer.body.count) * fraction)))
      return SimulatedResponse(
        outcome: .truncated(cut, declaredLength: answer.body.count), durationMs: durationMs)
    case .malformed:
      var bad = answer
      bad.body = malformed(answer.body)
      return SimulatedResponse(outcome: .answer(bad), durationMs: durationMs)
    }
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 404: "Not Found"
    default: "Error"
    }
  }

  /// The body with a broken sample line (an unclosed label set) spliced in at the line
  /// boundary nearest its middle, the kind of damage a half-written buffer leaves.
  static func malformed(_ body: [UInt8]) -> [UInt8] {
    var at = body.count / 2
    while at < body.count, body[at] != 0x0A { at += 1 }
    let splice = Array("ray_simulated_damage{Component=\"raylet\",State=\"RUNN 1.0\n".utf8)
    var out = Array(body[..<min(at + 1, body.count)])
    out += splice
    if at + 1 < body.count { out += body[(at + 1)...] }
    return out
  }
}
