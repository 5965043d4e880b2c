import Archive
import Foundation
import HTTP
import Testing

@testable import Replay

/// Recorded start of the test archives.
let t0: Int64 = 1_795_608_000_000

/// A text 0.0.4 body whose values depend on `step`.
func body(_ step: Int, target: Int = 0) -> [UInt8] {
  Array(
    """
    # HELP ray_tasks Tasks.
    # TYPE ray_tasks gauge
    ray_tasks{State="RUNNING",target="\(target)"} \(step)
    # TYPE ray_done_total counter
    ray_done_total \(step * 10)

    """.utf8)
}

func okFrame(_ target: UInt32, _ timeMs: Int64, _ step: Int) -> Frame {
  Frame(
    targetID: target, timeMs: timeMs, outcome: .response(status: 200),
    contentType: "text/plain; version=0.0.4; charset=utf-8", body: body(step, target: Int(target)))
}

/// Writes `frames` of `targets` (default: two, 5 s apart) into an archive and opens it.
func makeArchive(targets: [ArchiveTarget]? = nil, frames: [Frame]) throws -> ArchiveReader {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("rayrec-replay-\(UUID().uuidString).rayrec").path
  defer { try? FileManager.default.removeItem(atPath: path) }
  let targets =
    targets
    ?? (0..<2).map {
      ArchiveTarget(
        id: UInt32($0), url: "http://10.0.0.\($0 + 1):8080/metrics", job: "ray",
        labels: [.init("ray_io_cluster", "c1")], intervalMs: 5000, timeoutMs: 4000)
    }
  let writer = try ArchiveWriter(
    path: path, header: ArchiveHeader(createdMs: t0, recorderVersion: "test", targets: targets))
  for frame in frames { try writer.append(frame) }
  try writer.close()
  return try ArchiveReader(path: path)
}

/// Every target on 127.0.0.1, a free port each.
func anyPortPlan(_ reader: ArchiveReader) throws -> PortPlan {
  let any = try #require(SocketAddress(host: "127.0.0.1", port: 0))
  return PortPlan(
    entries: reader.targets.map { PortPlan.Entry(targetID: $0.id, original: $0.instance, address: any) })
}

/// Starts a replay on free ports; the caller stops it.
func startReplay(_ reader: ArchiveReader, _ configure: (inout ReplayOptions) -> Void = { _ in }) async throws
  -> Replayer
{
  var options = ReplayOptions()
  configure(&options)
  let replayer = try Replayer(reader: reader, plan: try anyPortPlan(reader), options: options)
  try await replayer.start()
  return replayer
}

/// A replay frozen at `timeMs`: the clock crawls (1 recorded ms per wall second).
func frozenReplay(_ reader: ArchiveReader, at timeMs: Int64) async throws -> Replayer {
  try await startReplay(reader) { options in
    options.fromMs = timeMs
    options.speed = ReplaySpeed(factor: 0.001) ?? .normal
  }
}

/// Waits (bounded) until `condition` holds.
func eventually(_ condition: () -> Bool) async -> Bool {
  for _ in 0..<200 {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(10))
  }
  return condition()
}

/// One request to a replayed address.
func fetch(
  _ client: HTTPClient, _ address: SocketAddress, path: String = "/metrics", method: String = "GET",
  gzip: Bool = false, timeout: Duration = .seconds(5)
) async -> ScrapeResult {
  var request = HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: address.port, target: path))
  request.method = method
  request.acceptGzip = gzip
  request.timeout = timeout
  return await client.scrape(request)
}
