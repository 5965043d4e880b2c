public import Archive
import HTTP
public import Simulator

/// Records a simulated cluster in virtual time: no sockets, no waiting. Each target is "scraped"
/// at the times a live recorder would scrape it, with the same `Accept` header, so every frame
/// holds what a live scrape of `rayrec simulate` at that moment returns (status, content type,
/// body byte for byte); faults become the frames the live recorder would write.
public struct ScenarioRecorder: Sendable {
  public let simulation: Simulation
  public var timeoutMs: Int64
  /// The `Accept` header; nil sends Prometheus's, as `rayrec record` does.
  public var accept: String?
  public var recorderVersion: String
  /// Prometheus's per-scrape limits, applied as the live recorder applies them.
  public var limits = ScrapeLimits()
  /// `body_size_limit`, as ``RecordingOptions/maxBodyBytes``.
  public var maxBodyBytes = 64 * 1024 * 1024
  /// The most bytes a failed scrape keeps of its body, as ``RecordingOptions/failedBodyBytes``.
  public var failedBodyBytes = 64 * 1024

  public init(simulation: Simulation, timeoutMs: Int64? = nil, accept: String? = nil, recorderVersion: String)
  {
    self.simulation = simulation
    self.timeoutMs = timeoutMs ?? min(simulation.scenario.intervalMs, 10_000)
    self.accept = accept
    self.recorderVersion = recorderVersion
  }

  /// Record only the endpoints of this shard; nil for all. An endpoint's address is its node's
  /// address and the endpoint's port as the scenario gives them (``SimulatedTarget/instance``),
  /// which is also what `rayrec simulate --sd-file` lists, so a live recording of the simulation
  /// with the same shard takes the same endpoints (unless `--port-offset` or `--map` moves them).
  public var shard: Shard?

  /// The simulated endpoints recorded: the ``shard``'s, or all.
  public var recordedTargets: [SimulatedTarget] {
    guard let shard else { return simulation.targets }
    return simulation.targets.filter { shard.contains(address: $0.instance) }
  }

  /// The archive targets, one per recorded endpoint; an endpoint's id is its position in the
  /// simulation plus one, sharded or not.
  public var archiveTargets: [ArchiveTarget] {
    recordedTargets.map { target in
      ArchiveTarget(
        id: UInt32(target.index + 1), url: target.url, job: target.job,
        labels: target.labels.sorted { $0.key < $1.key }.map { ArchiveTarget.Label($0.key, $0.value) },
        intervalMs: simulation.scenario.intervalMs, timeoutMs: timeoutMs)
    }
  }

  /// How long a recording asked for `requested` runs: the scenario has a duration of its own
  /// and nothing happens after it, so a longer request is cut to it (`capped`).
  public func duration(requested: Int64?) -> (ms: Int64, capped: Bool) {
    let own = simulation.scenario.durationMs
    guard let requested else { return (own, false) }
    return requested > own ? (own, true) : (max(0, requested), false)
  }

  /// Writes every scrape up to `durationMs` (default, and at most: the scenario's duration).
  ///
  /// When `stop` is set (SIGINT/SIGTERM) it stops between two frames and closes the archive
  /// with what was written; ``RecordingStatus/elapsedMs`` then says how far it came and
  /// ``RecordingStatus/remainingMs`` what was left.
  /// - Throws: ``RecorderError/noTargets(_:)`` before writing anything when the ``shard`` holds
  ///   no endpoint: a scenario's endpoints are fixed, so it would record nothing.
  public func record(to path: String, durationMs: Int64? = nil, stop: StopFlag? = nil) throws
    -> RecordingStatus
  {
    let scenario = simulation.scenario
    let end = duration(requested: durationMs).ms
    let targets = archiveTargets
    if targets.isEmpty, let shard {
      throw RecorderError.noTargets(shard.emptyReason(addresses: simulation.targets.map(\.instance)))
    }
    // `target` is the endpoint's index in the simulation, `position` its index in `targets`.
    var schedule: [(time: Int64, target: Int, position: Int)] = []
    for (position, archived) in targets.enumerated() {
      let target = Int(archived.id) - 1
      var t = simulation.scrapeOffset(for: target)
      while t < end {
        schedule.append((t, target, position))
        t += scenario.intervalMs
      }
    }
    schedule.sort { ($0.time, $0.target) < ($1.time, $1.target) }
    let header = ArchiveHeader(
      createdMs: scenario.startUnixMs, recorderVersion: recorderVersion, targets: targets)
    let writer = try ArchiveWriter(path: path, header: header)
    var status = RecordingStatus()
    var health = TargetHealth()
    for target in targets { health.know(target) }
    let acceptHeader = accept ?? HTTPClientRequest.prometheusAccept
    let checks = targets.map { ScrapeCheck(limits: limits, target: $0) }
    var reached = end
    for (t, target, position) in schedule {
      if stop?.isStopped == true {
        reached = t
        break
      }
      let response = simulation.response(for: target, at: t, accept: acceptHeader)
      let frame = frame(
        response, target: UInt32(target + 1), at: scenario.startUnixMs + t, check: checks[position])
      try writer.append(frame)
      status.frames += 1
      if frame.outcome.isFailure { status.failedFrames += 1 }
      status.rawBytes += frame.body.count
      health.note(frame)
    }
    health.apply(to: &status)
    status.elapsedMs = reached
    status.remainingMs = end - reached
    try writer.close()
    status.storedBytes = writer.bytesWritten
    return status
  }

  /// The frame the live recorder writes for this answer.
  func frame(
    _ response: SimulatedResponse, target: UInt32, at timeMs: Int64, check: ScrapeCheck = ScrapeCheck()
  ) -> Frame {
    let micros = min(response.durationMs, timeoutMs) * 1000
    func failed(
      _ kind: FailureKind, _ message: String, _ answer: SimulatedResponse.Answer? = nil, _ bytes: Int = 0
    )
      -> Frame
    {
      Frame(
        targetID: target, timeMs: timeMs, durationMicros: micros, outcome: .failed(kind, message: message),
        contentType: answer?.contentType ?? "",
        headers: answer.map { [Frame.HeaderField("Content-Type", $0.contentType)] } ?? [],
        body: answer.map { Array($0.body.prefix(min(bytes, failedBodyBytes))) } ?? [])
    }
    if response.durationMs > timeoutMs {
      return failed(.timeout, "read: timed out after \(timeoutMs) ms")
    }
    switch response.outcome {
    case .refused: return failed(.refused, "connect: Connection refused")
    case .hang: return failed(.timeout, "read: timed out after \(timeoutMs) ms")
    case .reset(let answer, let after):
      return failed(.reset, "read: Connection reset by peer after \(after) body bytes", answer, after)
    case .truncated(let answer, let declared):
      return failed(
        .reset, "connection closed after \(answer.body.count) of \(declared) body bytes", answer,
        answer.body.count)
    case .answer(let answer) where answer.body.count > maxBodyBytes:
      return failed(
        .bodyTooLarge,
        "read response from \(ScrapeCheck.instance(simulation.targets[Int(target) - 1].url)): body size limit exceeded: the body is"
          + " more than \(maxBodyBytes) bytes (after \(maxBodyBytes) body bytes); the first"
          + " \(min(maxBodyBytes, failedBodyBytes)) kept", answer, min(maxBodyBytes, failedBodyBytes))
    case .answer(let answer):
      var frame = Frame(
        targetID: target, timeMs: timeMs, durationMicros: micros, outcome: .response(status: answer.status),
        contentType: answer.contentType, headers: [Frame.HeaderField("Content-Type", answer.contentType)],
        body: answer.body)
      if (200..<300).contains(answer.status),
        let problem = check.failure(body: answer.body, contentType: answer.contentType)
      {
        frame.outcome = .failed(.malformed, message: problem)
      }
      return frame
    }
  }
}
