/// The agent's body for one model state, families always in the same order.
extension Ray260AgentRenderer {
  mutating func render(_ state: ModelState, into w: inout BodyWriter) {
    let n = state.nodes[node]
    let tick = state.tick
    let c = context
    let age = Double(tick - n.startTick) * c.model.dt
    // The agent's own Python process: gc and process counters restart with the node.
    w.head(heads.gc)
    for g in 0..<3 { w.sample(gc[g], (age * [9.1, 0.8, 0.07][g] + [1800, 420, 60][g]).rounded(.down)) }
    w.head(heads.gcUncollectable)
    for g in 0..<3 { w.sample(gcUncollectable[g], 0) }
    w.head(heads.gcCollections)
    for g in 0..<3 {
      w.sample(gcCollections[g], (age * [0.9, 0.08, 0.007][g] + [310, 28, 2][g]).rounded(.down))
    }
    w.head(heads.pythonInfo)
    w.sample(pythonInfo, 1)
    let startSeconds = c.startSeconds + Double(n.startTick) * c.model.dt - 4.16
    let processValues: [Double] = [
      2_576_752_640, (1.55e8 + 4e6 * c.jitter(10, tick / 30, node)).rounded(),
      (startSeconds * 100).rounded() / 100,
      n.cpuCentiseconds / 100, 77 + (c.jitter(11, tick / 15, node) * 4).rounded(.down), 20_000,
    ]
    for i in process.indices {
      w.head(heads.process[i])
      w.sample(process[i], processValues[i])
    }
    w.head(heads.targetInfo)
    w.sample(targetInfo, 1)
    w.head(heads.grpc)
    let requests = grpc.indices.map { (n.grpcRequests * Self.grpcWeights[$0]).rounded(.down) }
    for i in grpc.indices { w.sample(grpc[i], requests[i]) }
    w.head(heads.grpcNew)
    for i in grpc.indices { w.sample(grpcNew[i], requests[i]) }
    w.head(heads.grpcSucceeded)
    for i in grpc.indices { w.sample(grpcSucceeded[i], requests[i]) }
    // Object store and spilling.
    let cap = spec.objectStoreBytes
    w.head(heads.storeAvailable)
    w.sample(storeAvailable, cap - n.objectStoreUsed)
    w.head(heads.storeMemory)
    let unsealed = min(n.objectStoreUsed, (n.objectStoreUsed * 0.002).rounded())
    let storeValues = [n.spilledBytes, unsealed, 0, n.objectStoreUsed - unsealed, 0]
    for i in storeMemory.indices { w.sample(storeMemory[i], storeValues[i]) }
    let generations = n.workerGenerations
    for slot in 0..<n.workerPool {
      let id = workerId(0, slot, generations[slot], n.incarnation)
      w.sample(Self.heapPrefix(&workerHeap, slot, id, labels, spec.address), 0)
    }
    for (i, a) in actors.enumerated() where tick >= state.actors[a].restartingUntilTick {
      for r in 0..<c.scenario.actors[a].count {
        let id = workerId(1, i &* 256 &+ r, state.actors[a].generation, n.incarnation)
        w.sample(
          Self.heapPrefix(&actorHeap, i &* 256 &+ r, id, labels, spec.address),
          (1726 * c.jitter(12, tick / 60, a)).rounded(.down))
      }
    }
    w.head(heads.spillBytes)
    let spilling = min(
      n.objectStoreUsed, n.spilledBytes > 0 && n.objectStoreUsed > 0.95 * cap ? 0.02 * cap : 0)
    for (i, v) in [n.objectStoreUsed - spilling, spilling, n.spilledBytes, 0].enumerated() {
      w.sample(spillBytes[i], v.rounded())
    }
    w.head(heads.spillRequests)
    w.sample(spillRequests[0], n.spillRequests)
    w.sample(spillRequests[1], n.restoreRequests)
    w.head(heads.localObjects)
    w.sample(localObjects, (n.objectStoreUsed / 8_388_608).rounded(.up))
    // Logical resources and scheduling.
    let running = c.running(n)
    let pending = c.pending(n)
    let cpus = Double(spec.cpus)
    let logicalMemory = (spec.memoryBytes * 0.7).rounded()
    w.head(heads.resources)
    for (i, v) in [logicalMemory, 0, n.objectStoreUsed, cpus - running, running, cap - n.objectStoreUsed]
      .enumerated()
    {
      w.sample(resources[i], v)
    }
    w.head(heads.storeUsed)
    w.sample(storeUsed, n.objectStoreUsed)
    w.head(heads.unschedulable)
    let plasmaWait = n.objectStoreUsed > 0.95 * cap ? min(pending, (pending * 0.1).rounded(.down)) : 0
    for (i, v) in [plasmaWait, 0, 0, pending - plasmaWait, 0].enumerated() { w.sample(unschedulable[i], v) }
    w.head(heads.schedulerTasks)
    for (i, v) in [0, 0, running, 0, 0, 0, 0].enumerated() { w.sample(schedulerTasks[i], v) }
    w.head(heads.processesStarted)
    let actorProcesses = actors.reduce(0.0) { sum, a in
      sum + Double(c.scenario.actors[a].count) + state.actors[a].restarts
    }
    w.sample(processesStarted, Double(n.workerGenerations.reduce(0, +)) + actorProcesses)
    if isHead { renderGCS(state, into: &w) }
    renderReporter(state, into: &w)
    w.head(heads.placement)
    if let placement { w.histogram(placement, n.placement) }
    w.head(heads.tasks)
    for t in c.scenario.tasks.indices {
      let counts = n.tasks[t]
      for (i, v) in [counts.pending, counts.running, counts.finished, counts.failed].enumerated() {
        w.sample(tasks[t * 4 + i], v)
      }
    }
    w.head(heads.actors)
    if isHead { renderGCSActors(state, into: &w) }
    for (i, a) in actors.enumerated() {
      let alive = tick >= state.actors[a].restartingUntilTick ? Double(c.scenario.actors[a].count) : 0
      let busy = min(
        alive,
        (alive * c.scenario.actors[a].callsPerSecond * c.scenario.actors[a].taskSeconds
          + c.jitter(13, tick, a)).rounded(.down))
      w.sample(executorActors[i * 2], alive - busy)
      w.sample(executorActors[i * 2 + 1], busy)
    }
    w.head(heads.workerFailures)
    for (i, a) in actors.enumerated() { w.sample(workerFailures[i], state.actors[a].restarts) }
  }

  private func renderGCS(_ state: ModelState, into w: inout BodyWriter) {
    w.head(heads.gcsActorsCount)
    var created = 0.0
    var pendingActors = 0.0
    for a in state.actors.indices {
      let spec = context.scenario.actors[a]
      let up = state.nodes[spec.node].alive && state.tick >= state.actors[a].restartingUntilTick
      if up { created += Double(spec.count) } else { pendingActors += Double(spec.count) }
    }
    for (i, v) in [created, 0, 0, pendingActors].enumerated() { w.sample(gcsActorsCount[i], v) }
    w.head(heads.placementGroups)
    for prefix in gcsPlacementGroups { w.sample(prefix, 0) }
    w.head(heads.finishedJobs)
    w.sample(gcsJobsFinished, state.gcs.finishedJobs)
    w.head(heads.runningJobs)
    w.sample(gcsJobsRunning, 1)
    w.head(heads.activeNodes)
    for i in state.nodes.indices where state.nodes[i].alive { w.sample(gcsActiveNodes[i], 1) }
    w.head(heads.health)
    if let gcsHealth { w.histogram(gcsHealth, state.gcs.healthCheck) }
    w.head(heads.failures)
    w.sample(gcsFailures, state.actors.reduce(0) { $0 + $1.restartsTotal })
  }

  /// The GCS's view of actors; on the head node it opens the `ray_actors` family.
  private func renderGCSActors(_ state: ModelState, into w: inout BodyWriter) {
    for a in state.actors.indices {
      let spec = context.scenario.actors[a]
      let up = state.nodes[spec.node].alive && state.tick >= state.actors[a].restartingUntilTick
      w.sample(gcsActors[a * 2], up ? Double(spec.count) : 0)
      w.sample(gcsActors[a * 2 + 1], up ? 0 : Double(spec.count))
    }
  }

  private func renderReporter(_ state: ModelState, into w: inout BodyWriter) {
    let n = state.nodes[node]
    let c = context
    let tick = state.tick
    let memTotal = spec.memoryBytes
    let used = c.memUsed(node, state)
    let shared = n.objectStoreUsed + 1.2e7
    let diskTotal = 1.0e11
    let diskUsed = (1.72e10 + n.spilledBytes + n.diskWriteBytes * 0.01).rounded()
    let netSent = (Double(tick) * c.model.dt * 52_000 + c.running(n) * 1e6).rounded()
    let readSpeed = (262_144 * c.jitter(20, tick, node) * 1000).rounded() / 1000
    let writeSpeed = (1_048_576 * c.jitter(21, tick, node) * 1000).rounded() / 1000
    let values: [Double] = [
      shared, used, memTotal, used, memTotal, c.cpuPercent(node, state), Double(spec.cpus), used,
      memTotal - used, memTotal, n.diskReadBytes, n.diskWriteBytes, readSpeed, writeSpeed, diskUsed,
      diskTotal - diskUsed, (diskUsed / diskTotal * 1000).rounded() / 10, netSent, (netSent * 1.3).rounded(),
      (52_000 * (0.8 + 0.4 * c.jitter(22, tick, node))).rounded(),
      (67_600 * (0.8 + 0.4 * c.jitter(23, tick, node))).rounded(),
    ]
    for i in reporter.indices {
      w.head(heads.reporter[i])
      w.sample(reporter[i], values[i])
    }
    let count = componentNames.count
    let running = c.running(n)
    for (f, head) in heads.components.enumerated() {
      w.head(head)
      for k in 0..<count {
        let name = componentNames[k].0
        let j = c.jitter(30 &+ f, tick / 5, node &* 64 &+ k)
        let v: Double
        switch f {
        case 0:
          let load =
            name.hasPrefix("ray::") && name != "ray::IDLE" && !name.hasSuffix("Agent") ? running * 90 : 0
          v = ((load / Double(max(1, count - 5)) + 2 * j) * 10).rounded() / 10
        case 1: v = (6.4e7 + 1.2e8 * j).rounded()
        case 2: v = (2.5e7 + 1e7 * j).rounded()
        default: v = (3.8e7 + 6e7 * j).rounded()
        }
        w.sample(components[f * count + k], v)
      }
    }
  }
}
