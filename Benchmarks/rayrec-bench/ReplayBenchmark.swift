import Archive
import Foundation
import HTTP
import Replay
import Synchronization

/// A Ray-shaped text exposition of about `bytes` bytes: histograms and counters with Ray's label
/// sets, values drifting with `step`.
func rayLikeBody(bytes: Int, step: Int = 0) -> [UInt8] {
  var text = ""
  var family = 0
  while text.utf8.count < bytes {
    let name = "ray_component_\(family)"
    text += "# HELP \(name)_seconds Time spent, by component and node.\n# TYPE \(name)_seconds histogram\n"
    for node in 0..<4 {
      let labels =
        "Component=\"raylet\",NodeAddress=\"10.0.0.\(node + 1)\",SessionName=\"session_2026_11_25_12_00_00_000000_1\",Version=\"2.60.0\""
      var cumulative = 0
      for (index, bound) in ["0.005", "0.01", "0.05", "0.1", "0.5", "1.0", "5.0", "+Inf"].enumerated() {
        cumulative += (family * 7 + node * 3 + index + step) % 11
        text += "\(name)_seconds_bucket{\(labels),le=\"\(bound)\"} \(cumulative).0\n"
      }
      text += "\(name)_seconds_sum{\(labels)} \(Double(cumulative) * 0.25 + Double(step))\n"
      text += "\(name)_seconds_count{\(labels)} \(cumulative).0\n"
    }
    text += "# HELP \(name)_total Events.\n# TYPE \(name)_total counter\n"
    text += "\(name)_total{Component=\"gcs_server\"} \(family * 100 + step).0\n"
    family += 1
  }
  return Array(text.utf8)
}

/// Writes an archive of `targets` targets with `frames` frames each, 5 s apart.
func benchArchive(targets: Int, frames: Int, body: (Int, Int) -> [UInt8]) throws -> ArchiveReader {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("rayrec-bench-\(UUID().uuidString).rayrec").path
  defer { try? FileManager.default.removeItem(atPath: path) }
  let list = (0..<targets).map {
    ArchiveTarget(
      id: UInt32($0), url: "http://10.0.0.\($0 + 1):8080/metrics", job: "ray", intervalMs: 5000,
      timeoutMs: 4000)
  }
  let start: Int64 = 1_795_608_000_000
  let writer = try ArchiveWriter(
    path: path, header: ArchiveHeader(createdMs: start, recorderVersion: "bench", targets: list))
  for step in 0..<frames {
    for target in 0..<targets {
      try writer.append(
        Frame(
          targetID: UInt32(target), timeMs: start + Int64(step) * 5000 + Int64(target) * 37,
          outcome: .response(status: 200), contentType: "text/plain; version=0.0.4; charset=utf-8",
          body: body(target, step)))
    }
  }
  try writer.close()
  return try ArchiveReader(path: path)
}

/// Every target on 127.0.0.1, a free port each.
func freePortPlan(_ reader: ArchiveReader) -> PortPlan {
  let any = SocketAddress(host: "127.0.0.1", port: 0)!
  return PortPlan(
    entries: reader.targets.map { PortPlan.Entry(targetID: $0.id, original: $0.instance, address: any) })
}

/// `replay-body BYTES`: prints a Ray-shaped body.
func replayBody(_ args: [String]) {
  guard let bytes = args.first.flatMap({ Int($0) }) else {
    print("usage: rayrec-bench replay-body BYTES")
    exit(64)
  }
  FileHandle.standardOutput.write(Data(rayLikeBody(bytes: bytes)))
}

/// `replay-serve BODYFILE`: replays an archive whose one target always answers BODYFILE (the
/// clock crawls), prints its address, serves until killed.
func replayServe(_ args: [String]) {
  guard args.count == 1, let data = FileManager.default.contents(atPath: args[0]) else {
    print("usage: rayrec-bench replay-serve BODYFILE")
    exit(64)
  }
  do {
    let reader = try benchArchive(targets: 1, frames: 2) { _, _ in Array(data) }
    var options = ReplayOptions()
    options.speed = ReplaySpeed(factor: 0.000001) ?? .normal
    options.statusAddress = nil
    let replayer = try Replayer(reader: reader, plan: freePortPlan(reader), options: options)
    try startBlocking(replayer)
    print(replayer.addresses[0].address)
    fflush(nil)
    while true { sleep(3600) }
  } catch {
    print("replay-serve: \(error)")
    exit(1)
  }
}

/// `replay-switch [--speed X] [--targets N] [--frames N] [--bytes N]`: how late frame switches
/// come against their schedule (p50, p99, max).
func replaySwitch(_ args: [String]) {
  var settings = ["speed": "1000x", "targets": "3", "frames": "400", "bytes": "500000"]
  var rest = args[...]
  while let flag = rest.popFirst(), flag.hasPrefix("--"), let value = rest.popFirst() {
    settings[String(flag.dropFirst(2))] = value
  }
  guard let speed = ReplaySpeed(settings["speed"] ?? ""), let targets = Int(settings["targets"] ?? ""),
    let frames = Int(settings["frames"] ?? ""), let bytes = Int(settings["bytes"] ?? "")
  else {
    print("usage: rayrec-bench replay-switch [--speed 1000x] [--targets 3] [--frames 400] [--bytes 500000]")
    exit(64)
  }
  do {
    let bodies = (0..<8).map { rayLikeBody(bytes: bytes, step: $0) }
    let reader = try benchArchive(targets: targets, frames: frames) { target, step in
      bodies[(target + step) % bodies.count]
    }
    // What one switch costs to prepare: decode the frame and make its response.
    let clock = ContinuousClock()
    var decode = Duration.zero
    var prepare = Duration.zero
    for position in reader.frames.indices {
      let t1 = clock.now
      let frame = try reader.frame(atPosition: position)
      let t2 = clock.now
      _ = ServedFrame(frame: frame)
      decode += t2 - t1
      prepare += clock.now - t2
    }
    func perFrame(_ d: Duration) -> String {
      String(
        format: "%.3f",
        Double(d.components.attoseconds) / 1e15 / Double(reader.frames.count) + Double(d.components.seconds)
          * 1000 / Double(reader.frames.count))
    }
    print("replay.switch.decode: \(perFrame(decode)) ms per frame")
    print("replay.switch.prepare: \(perFrame(prepare)) ms per frame")
    var options = ReplayOptions()
    options.speed = speed
    options.statusAddress = nil
    let replayer = try Replayer(reader: reader, plan: freePortPlan(reader), options: options)
    try startBlocking(replayer)
    while !replayer.isFinished { usleep(10_000) }
    let lateness = replayer.switchLateness().sorted()
    let semaphore = DispatchSemaphore(value: 0)
    Task {
      await replayer.stop()
      semaphore.signal()
    }
    semaphore.wait()
    func pct(_ p: Double) -> Double {
      lateness.isEmpty
        ? 0 : Double(lateness[min(lateness.count - 1, Int(p / 100 * Double(lateness.count - 1)))]) / 1e6
    }
    let interval = 5000 / speed.factor
    print("replay.switch.speed: \(speed)")
    print("replay.switch.targets: \(targets) targets, \(bytes) bytes per body")
    print(
      "replay.switch.switches: \(lateness.count) switches (one every \(String(format: "%.2f", interval / Double(targets))) ms)"
    )
    print("replay.switch.late_p50: \(String(format: "%.3f", pct(50))) ms")
    print("replay.switch.late_p99: \(String(format: "%.3f", pct(99))) ms")
    print("replay.switch.late_max: \(String(format: "%.3f", pct(100))) ms")
  } catch {
    print("replay-switch: \(error)")
    exit(1)
  }
}

/// Starts a replay from synchronous code (this thread is not one of the cooperative pool's).
func startBlocking(_ replayer: Replayer) throws {
  let result = Mutex<ReplayError?>(nil)
  let done = DispatchSemaphore(value: 0)
  Task {
    do throws(ReplayError) {
      try await replayer.start()
    } catch {
      result.withLock { $0 = error }
    }
    done.signal()
  }
  done.wait()
  if let error = result.withLock({ $0 }) { throw error }
}
