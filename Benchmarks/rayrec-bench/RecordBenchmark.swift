import Archive
import Foundation
import HTTP
import Recorder

/// Serves one body on N loopback ports, as N scrape targets, until the process is killed.
func serveTargets(_ args: [String]) {
  guard args.count == 2, let count = Int(args[0]), let data = FileManager.default.contents(atPath: args[1])
  else {
    print("usage: rayrec-bench serve-targets N BODYFILE")
    exit(64)
  }
  let response = HTTPResponse(
    headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: Array(data)
  ).prepared()
  do {
    let server = try HTTPServer(handler: HTTPHandlerClosure { _, _ in .response(response) })
    let addresses = (0..<count).map { _ in SocketAddress(host: "127.0.0.1", port: 0)! }
    let bound = try server.start(addresses)
    for listener in bound { print("127.0.0.1:\(listener.address.port)") }
    fflush(nil)
    while true { sleep(3600) }
  } catch {
    print("serve-targets: \(error)")
    exit(1)
  }
}

/// Scrape start jitter (how late each frame started against its target's schedule) and missed
/// intervals, read back from an archive made by `rayrec record`.
func scheduleFigures(_ args: [String]) {
  guard let path = args.first else {
    print("usage: rayrec-bench schedule ARCHIVE")
    exit(64)
  }
  do {
    let reader = try ArchiveReader(path: path)
    var delays: [Int64] = []
    var missed = 0
    var expected = 0
    for target in reader.targets {
      let schedule = ScrapeSchedule(intervalMs: target.intervalMs, key: target.url)
      let frames = reader.summaries(target: target.id)
      guard let first = frames.first, let last = frames.last else { continue }
      for frame in frames {
        // The grid point at or before the start: how late the scrape began.
        let slot = schedule.next(atOrAfter: frame.timeMs - target.intervalMs + 1)
        delays.append(frame.timeMs - slot)
      }
      let slots = Int((last.timeMs - first.timeMs + target.intervalMs / 2) / target.intervalMs) + 1
      expected += slots
      missed += max(0, slots - frames.count)
    }
    delays.sort()
    func pct(_ p: Double) -> Int64 {
      delays.isEmpty ? 0 : delays[min(delays.count - 1, Int(p / 100 * Double(delays.count - 1)))]
    }
    print("schedule.targets: \(reader.targets.count) targets")
    print("schedule.frames: \(reader.frames.count) frames")
    print("schedule.expected: \(expected) scrapes")
    print("schedule.missed: \(missed) intervals")
    print("schedule.jitter_p50: \(pct(50)) ms")
    print("schedule.jitter_p99: \(pct(99)) ms")
    print("schedule.jitter_max: \(pct(100)) ms")
  } catch {
    print("schedule: \(error)")
    exit(1)
  }
}
