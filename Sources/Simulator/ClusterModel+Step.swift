/// One tick of integration.
extension ClusterModel {
  func step(_ s: inout ModelState) {
    let from = timeMs(ofTick: s.tick)
    s.tick += 1
    let tick = s.tick
    let now = timeMs(ofTick: tick)
    for n in s.nodes.indices {
      let alive = isAlive(node: n, at: now)
      if alive && !s.nodes[n].alive { restart(node: n, in: &s) }
      s.nodes[n].alive = alive
    }
    stepGCS(&s, now: now)
    let totalCPUs = s.nodes.indices.reduce(0) { $0 + (s.nodes[$1].alive ? scenario.nodes[$1].cpus : 0) }
    for n in s.nodes.indices where s.nodes[n].alive {
      stepTasks(node: n, &s.nodes[n], tick: tick, now: now, totalCPUs: totalCPUs)
      stepObjectStore(node: n, &s.nodes[n], tick: tick, now: now)
    }
    for a in s.actors.indices {
      stepActor(a, &s, tick: tick, from: from, to: now)
    }
  }

  /// A node (re)joins: new raylet and workers, so every per-process counter starts again.
  private func restart(node n: Int, in s: inout ModelState) {
    let incarnation = s.nodes[n].incarnation + (s.tick == 0 ? 0 : 1)
    var fresh = NodeState(
      alive: true, tasks: Array(repeating: TaskCounts(), count: scenario.tasks.count),
      workerGenerations: Array(repeating: 0, count: scenario.nodes[n].cpus))
    fresh.incarnation = incarnation
    fresh.startTick = s.tick
    s.nodes[n] = fresh
    for a in scenario.actors.indices where scenario.actors[a].node == n {
      s.actors[a].restarts = 0
      s.actors[a].execution.reset()
      s.actors[a].generation += 1
      s.actors[a].restartingUntilTick = -1
    }
  }

  private func stepGCS(_ s: inout ModelState, now: Int64) {
    let target = gcsLatencyTarget(at: now)
    let previous = gcsLatencyTarget(at: now - scenario.resolutionMs)
    if s.tick == 0 || target.ms != previous.ms {
      s.gcs.latencyFrom = s.gcs.latencyMs
      s.gcs.rampStartTick = s.tick
    }
    let progress = min(1, Double(s.tick - s.gcs.rampStartTick + 1) / Double(ticks(target.rampMs)))
    s.gcs.latencyMs = s.gcs.latencyFrom + (target.ms - s.gcs.latencyFrom) * progress
    for n in s.nodes.indices where s.nodes[n].alive {
      let v = (s.gcs.latencyMs * (0.7 + 0.6 * Noise.unit(seed, 1, s.tick, n)) * 1000).rounded() / 1000
      s.nodes[n].lastHeartbeatMs = v
      for (i, bound) in Buckets.healthCheckMs.enumerated() where v <= bound {
        s.gcs.healthCheck.cumulative[i] += 1
      }
      s.gcs.healthCheck.cumulative[Buckets.healthCheckMs.count] += 1
      s.gcs.healthCheck.sum += v
    }
  }

  private func stepTasks(node n: Int, _ node: inout NodeState, tick: Int, now: Int64, totalCPUs: Int) {
    let spec = scenario.nodes[n]
    let share = totalCPUs > 0 ? Double(spec.cpus) / Double(totalCPUs) : 0
    var running = node.tasks.reduce(0) { $0 + $1.running }
    var started: Double = 0
    for t in scenario.tasks.indices {
      let task = scenario.tasks[t]
      let u = Noise.unit(seed, 2, tick, n &* 131 &+ t)
      let submitted = (taskRate(t, at: now) * dt * share + u).rounded(.down)
      node.tasks[t].pending += submitted
      let done = min(
        node.tasks[t].running, (node.tasks[t].running * dt / task.durationSeconds + u).rounded(.down))
      let failed = min(
        done, (done * task.failureRatio + Noise.unit(seed, 3, tick, n &* 131 &+ t)).rounded(.down))
      node.tasks[t].running -= done
      node.tasks[t].finished += done - failed
      node.tasks[t].failed += failed
      running -= done
    }
    // A CPU runs several tasks shorter than a tick within one tick: those finish at once and
    // only the share still in flight at the tick's end counts as running.
    var free = Double(spec.cpus) - running
    for t in scenario.tasks.indices where free > 0 {
      let task = scenario.tasks[t]
      let perSlot = max(1, dt / task.durationSeconds)
      let start = min(node.tasks[t].pending, (free * perSlot).rounded(.down))
      let u = Noise.unit(seed, 10, tick, n &* 131 &+ t)
      let stay = perSlot > 1 ? min(start, (start / perSlot + u).rounded(.down)) : start
      let quick = start - stay
      let failed = min(quick, (quick * task.failureRatio + u).rounded(.down))
      node.tasks[t].pending -= start
      node.tasks[t].running += stay
      node.tasks[t].finished += quick - failed
      node.tasks[t].failed += failed
      running += stay
      free -= (start / perSlot).rounded(.up)
      started += start
    }
    if started > 0 {
      let median = 0.4 + 2 * Double(node.tasks.reduce(0) { $0 + $1.pending }) / Double(spec.cpus)
      node.placement.observe(
        started, median: median, bounds: Buckets.placementMs, sumOfValues: (started * median).rounded())
    }
    node.grpcRequests += (40 * dt + 3 * started + Noise.unit(seed, 4, tick, n) * 10).rounded(.down)
    node.cpuCentiseconds += ((0.02 + 0.01 * Noise.unit(seed, 5, tick, n)) * dt * 100).rounded()
    // Worker processes: one per running task, idle ones reaped one at a time.
    let busy = Int(running)
    if busy > node.workerPool {
      for k in node.workerPool..<min(busy, node.workerGenerations.count) { node.workerGenerations[k] += 1 }
      node.workerPool = min(busy, node.workerGenerations.count)
      node.idleTicks = 0
    } else if busy < node.workerPool {
      node.idleTicks += 1
      if Double(node.idleTicks) * dt >= 20 {
        node.workerPool -= 1
        node.idleTicks = 0
      }
    }
  }

  private func stepObjectStore(node n: Int, _ node: inout NodeState, tick: Int, now: Int64) {
    let cap = scenario.nodes[n].objectStoreBytes
    let target = fillTarget(n, at: now)
    let inStore = min(target.fraction, 0.97) * cap
    let onDisk = max(target.fraction - 0.97, 0) * cap
    let speed = cap * max(target.fraction, 0.25) / Double(ticks(target.rampMs))
    let jitter = (Noise.unit(seed, 6, tick, n) - 0.5) * 0.002 * cap
    var used = node.objectStoreUsed
    used += max(-speed, min(speed, inStore - used)) + jitter
    used = min(cap, max(0, used)).rounded()
    node.objectStoreUsed = used
    // Spill only once the store is nearly full; restore (or delete) as pressure goes away.
    var spilled = node.spilledBytes
    if used >= 0.95 * cap || onDisk < spilled {
      spilled += max(-speed, min(speed, onDisk - spilled))
    }
    spilled = max(0, spilled).rounded()
    let delta = spilled - node.spilledBytes
    let objectSize = 64.0 * 1_048_576
    if delta > 0 {
      node.spilledBytesTotal += delta
      node.spillRequests += (delta / objectSize).rounded(.up)
    } else if delta < 0 {
      node.restoreRequests += (-delta / objectSize).rounded(.up)
    }
    node.diskWriteBytes += max(delta, 0) + (1_048_576 * dt * Noise.unit(seed, 7, tick, n)).rounded()
    node.diskReadBytes += max(-delta, 0) + (262_144 * dt * Noise.unit(seed, 8, tick, n)).rounded()
    node.spilledBytes = spilled
    node.spilledObjects = (spilled / objectSize).rounded(.up)
  }

  private func stepActor(_ a: Int, _ s: inout ModelState, tick: Int, from: Int64, to: Int64) {
    let spec = scenario.actors[a]
    guard s.nodes[spec.node].alive else { return }
    let crashes = crashes(actor: a, from: from, to: to)
    if crashes > 0 {
      let n = Double(crashes * spec.count)
      s.actors[a].restarts += n
      s.actors[a].restartsTotal += n
      s.actors[a].generation += 1
      s.actors[a].restartingUntilTick = tick + ticks(3_000)
    }
    guard tick >= s.actors[a].restartingUntilTick else { return }
    let u = Noise.unit(seed, 9, tick, a)
    let calls = (spec.callsPerSecond * Double(spec.count) * dt + u).rounded(.down)
    let sum = (calls * spec.taskSeconds * (0.9 + 0.2 * u) * 1e6).rounded() / 1e6
    s.actors[a].execution.observe(
      calls, median: spec.taskSeconds, bounds: Buckets.executionSeconds, sumOfValues: sum)
  }
}
