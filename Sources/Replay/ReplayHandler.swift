import Archive
import HTTP
import Synchronization

/// Answers requests: the status endpoint, or the frame in effect for the target whose port was
/// hit (any path; Ray's endpoints answer on any path too).
struct ReplayHandler: HTTPHandler {
  let state: ReplayState

  func handle(_ request: HTTPRequest, context: HTTPRequestContext) -> HTTPReply {
    if state.statusListener.withLock({ $0 }) == context.listener {
      // The status endpoint is `/` (and `/status`), read-only, as other servers answer.
      guard request.path == "/" || request.path == "/status" else {
        return .response(.text("not found: the status is at /\n", status: 404))
      }
      guard request.method == "GET" || request.method == "HEAD" else {
        return .response(
          HTTPResponse(
            status: 405, headers: ["Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD"],
            body: Array("method not allowed\n".utf8)))
      }
      return .response(
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: state.statusJSON()))
    }
    guard let slot = state.slot(for: context.localAddress) else {
      return .response(.text("no replayed target on \(context.localAddress)\n", status: 404))
    }
    slot.hits.add(1, ordering: .relaxed)
    let gzip = request.acceptsGzip
    if gzip && !slot.wantsGzip.load(ordering: .relaxed) { slot.wantsGzip.store(true, ordering: .relaxed) }
    if state.step {
      guard let served = state.stepFrame(slot) else { return .close(reset: false) }
      return served.reply(gzip: gzip)
    }
    guard let served = slot.current.withLock({ $0 }) else { return .close(reset: false) }
    return served.reply(gzip: gzip)
  }
}

extension ReplayState {
  /// Step mode: the next frame of `slot` (the last one again once done, unless looping).
  ///
  /// Decodes on the event-loop thread: one frame's worth of work (the reader keeps the previous
  /// frame of the target), acceptable for the deterministic tests step mode is for.
  func stepFrame(_ slot: TargetSlot) -> ServedFrame? {
    let count = slot.positions.count
    guard count > 0 else { return nil }
    let (index, pass, completes) = slot.stepCount.withLock { served -> (Int, Int, Bool) in
      let index = clock.loops ? served % count : min(served, count - 1)
      let pass = clock.loops ? served / count : 0
      served += 1
      return (index, pass, served == count)
    }
    guard let frame = try? reader.frame(atPosition: slot.positions[index]) else { return nil }
    let made = served(frame, pass: Int64(pass))
    slot.current.withLock { $0 = made }
    if completes && !clock.loops {
      if stepDone.add(1, ordering: .acquiringAndReleasing).newValue
        >= slots.filter({ !$0.positions.isEmpty }).count
      {
        finished.store(true, ordering: .releasing)
      }
    }
    return made
  }
}
