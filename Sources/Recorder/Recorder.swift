import Archive
import Dispatch
import Foundation
public import HTTP
import Synchronization

/// Records scrapes of live targets into an archive on a fixed schedule.
///
/// Every target is scraped concurrently at its own stable offset within the interval; a failed
/// scrape is a frame too. Discovery files are re-read every interval, so targets that join or
/// leave are followed (a target that leaves keeps its id; one that comes back gets its old id).
public struct Recorder: Sendable {
  public let options: RecordingOptions
  public let recorderVersion: String

  public init(options: RecordingOptions, recorderVersion: String) {
    self.options = options
    self.recorderVersion = recorderVersion
  }

  /// Records until `stop` is set or the duration has passed, then waits for in-flight scrapes
  /// and closes the archive cleanly.
  /// - Parameter onStatus: called about once a second with the counts so far.
  public func record(
    to path: String, client: HTTPClient, stop: StopFlag,
    onStatus: @escaping @Sendable (RecordingStatus) -> Void = { _ in }
  ) async throws -> RecordingStatus {
    let (listed, starting) = try startingTargets()
    var known = starting
    if known.isEmpty && options.discoveryFiles.isEmpty {
      // Nothing can join a fixed list later, so an empty shard of it would record nothing, ever.
      guard let shard = options.shard, !listed.isEmpty else {
        throw RecorderError.noTargets("give --target, --sd-file or --ray")
      }
      throw RecorderError.noTargets(shard.emptyReason(addresses: listed.map(\.address)))
    }
    var ids: [String: UInt32] = [:]
    var archiveTargets: [ArchiveTarget] = []
    var checks: [String: ScrapeCheck] = [:]
    for target in known {
      ids[target.url] = UInt32(ids.count + 1)
      archiveTargets.append(archiveTarget(target, id: ids[target.url]!))
      checks[target.url] = ScrapeCheck(limits: options.limits, target: archiveTargets.last)
    }
    let header = ArchiveHeader(
      createdMs: Self.nowMs(), recorderVersion: recorderVersion, targets: archiveTargets)
    let sink = try ArchiveSink(path: path, header: header)
    let started = Self.nowMs()
    let end = options.durationMs.map { started + $0 }
    let inFlight = InFlightSet()
    var schedules: [String: ScrapeSchedule] = [:]
    var next: [String: Int64] = [:]
    var nextDiscovery = started + options.intervalMs
    var lastStatus = started

    func activate(_ target: ScrapeTarget, from ms: Int64) {
      let schedule = ScrapeSchedule(intervalMs: options.intervalMs, key: target.url)
      schedules[target.url] = schedule
      next[target.url] = schedule.next(atOrAfter: ms)
    }
    for target in known { activate(target, from: started) }

    await withDiscardingTaskGroup { group in
      while !stop.isStopped {
        let now = Self.nowMs()
        if let end, now >= end { break }
        // Read without waiting: a frame slow to encode must not hold up the schedule.
        if sink.hasFailed { break }
        if !options.discoveryFiles.isEmpty, now >= nextDiscovery {
          nextDiscovery += options.intervalMs
          if let fresh = try? inShard(listedTargets(initial: false)) {
            let freshURLs = Set(fresh.map(\.url))
            for gone in known where !freshURLs.contains(gone.url) {
              next[gone.url] = nil
              if let id = ids[gone.url] { await sink.forget(id) }
            }
            for target in fresh where next[target.url] == nil {
              if ids[target.url] == nil {
                let id = UInt32(ids.count + 1)
                ids[target.url] = id
                let added = archiveTarget(target, id: id)
                checks[target.url] = ScrapeCheck(limits: options.limits, target: added)
                await sink.add(added)
              }
              activate(target, from: now)
            }
            known = fresh
          }
        }
        for target in known {
          guard let due = next[target.url], due <= now, let id = ids[target.url] else { continue }
          next[target.url] = schedules[target.url]!.next(after: max(due, now - options.intervalMs))
          let busy = !inFlight.insert(id)
          if busy {
            sink.noteSkipped()
            continue
          }
          let request = scrapeRequest(target)
          let check = checks[target.url] ?? ScrapeCheck(limits: options.limits)
          group.addTask {
            let result = await client.scrape(request)
            // Parsed and checked in one linear pass, off the cooperative pool: a target with a
            // pathological body takes its own time on a thread of its own, not the schedule's.
            let frame = await Self.offPool {
              FrameConversion.frame(targetID: id, result: result, check: check)
            }
            await sink.append(frame)
            inFlight.remove(id)
          }
        }
        if now - lastStatus >= 1000 {
          lastStatus = now
          var status = sink.latest
          status.nextScrapeMs = next.values.min() ?? 0
          status.elapsedMs = now - started
          status.remainingMs = end.map { max(0, $0 - now) }
          onStatus(status)
        }
        let discoveryDue = options.discoveryFiles.isEmpty ? Int64.max : nextDiscovery
        let wake = min(next.values.min() ?? now + 100, discoveryDue, end ?? .max, now + 100)
        let sleepMs = max(0, wake - Self.nowMs())
        if sleepMs > 0 { try? await Task.sleep(for: .milliseconds(sleepMs)) }
      }
    }
    if let failure = await sink.firstFailure() {
      // Close what is intact. The index may not fit either: then the archive reads as torn and
      // `rayrec repair` keeps every complete frame, and the write error below is the one to report.
      do { _ = try await sink.close() } catch {}
      throw RecorderError.write(path: path, message: failure.description)
    }
    var status = try await sink.close()
    status.elapsedMs = Self.nowMs() - started
    status.remainingMs = end.map { max(0, $0 - Self.nowMs()) }
    return status
  }

  private func scrapeRequest(_ target: ScrapeTarget) -> HTTPClientRequest {
    // The URL was validated when the target was parsed; a failure here is recorded as a frame.
    let url = (try? HTTPURL(parsing: target.url)) ?? HTTPURL(host: "invalid", port: 1)
    var request = HTTPClientRequest(url: url, timeout: .milliseconds(options.timeoutMs))
    request.connectTimeout = .milliseconds(min(options.timeoutMs, 5000))
    request.maxBodyBytes = options.maxBodyBytes
    request.partialBodyBytes = options.failedBodyBytes
    if let accept = options.accept { request.accept = accept }
    return request
  }

  private func archiveTarget(_ target: ScrapeTarget, id: UInt32) -> ArchiveTarget {
    var labels = target.labels
    for (k, v) in options.extraLabels { labels[k] = v }
    return ArchiveTarget(
      id: id, url: target.url, job: target.job,
      labels: labels.sorted { $0.key < $1.key }.map { ArchiveTarget.Label($0.key, $0.value) },
      intervalMs: options.intervalMs, timeoutMs: options.timeoutMs)
  }

  /// The targets listed when the recording starts (static ones plus what the discovery files
  /// list) and those of them it records: the ``RecordingOptions/shard``'s, or all.
  /// - Throws: ``RecorderError/discovery(path:message:)`` when a discovery file cannot be read.
  public func startingTargets() throws -> (listed: [ScrapeTarget], recorded: [ScrapeTarget]) {
    let listed = try listedTargets(initial: true)
    return (listed, inShard(listed))
  }

  /// The targets of the shard, as Prometheus's `hashmod` relabelling keeps them.
  private func inShard(_ targets: [ScrapeTarget]) -> [ScrapeTarget] {
    guard let shard = options.shard else { return targets }
    return targets.filter { shard.contains(address: $0.address) }
  }

  /// Static targets plus what the discovery files list now. At start an unreadable file is an
  /// error; later it keeps the previous targets, as Prometheus does.
  private func listedTargets(initial: Bool) throws -> [ScrapeTarget] {
    var targets = options.targets
    var seen = Set(targets.map(\.url))
    for path in options.discoveryFiles {
      guard let data = FileManager.default.contents(atPath: path) else {
        if initial { throw RecorderError.discovery(path: path, message: "cannot read the discovery file") }
        throw RecorderError.discovery(path: path, message: "unreadable")
      }
      for target in try FileDiscovery.targets(json: Array(data), path: path, defaultJob: options.job)
      where seen.insert(target.url).inserted {
        targets.append(target)
      }
    }
    return targets
  }

  /// Runs CPU-bound work on a global dispatch queue: the cooperative pool has one thread per core
  /// and runs the schedule loop, which must never wait behind one target's parse.
  private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
  }

  /// Wall-clock unix milliseconds, the time base of schedules and frames.
  public static func nowMs() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
  }
}

/// Targets with a scrape still running, so a slow target is never scraped twice at once.
final class InFlightSet: Sendable {
  private let ids = Mutex<Set<UInt32>>([])
  func insert(_ id: UInt32) -> Bool { ids.withLock { $0.insert(id).inserted } }
  func remove(_ id: UInt32) { _ = ids.withLock { $0.remove(id) } }
}
