import Exposition

/// The article's raylet on :8265: actor restarts, actor task times, object store usage.
struct SeedRayletRenderer: TargetRenderer {
  let node: Int
  let actors: [Int]
  let restartsHead = FamilyHead(
    "ray_actor_restarts_total", .counter, "Number of times an actor was restarted after a failure.")
  let executionHead = FamilyHead(
    "ray_actor_task_execution_time_s", .histogram, "Time spent executing actor tasks, in seconds.")
  let storeHead = FamilyHead(
    "ray_object_store_memory_usage_bytes", .gauge, "Bytes of object store memory in use on this node.")
  let restarts: [[UInt8]]
  let execution: [HistogramPrefixes]
  let store: [UInt8]

  init(node: Int, context c: RenderContext) {
    self.node = node
    let spec = c.scenario.nodes[node]
    let base: [(String, String)] = [
      ("component", "raylet"), ("node_id", c.nodeIds[node]), ("ray_node_ip", spec.address),
      ("ray_node_port", String(spec.ports["raylet"] ?? 8265)),
    ]
    actors = c.scenario.actors.indices.filter { c.scenario.actors[$0].node == node }
    restarts = actors.map {
      SeriesPrefix.make("ray_actor_restarts_total", [("actor_name", c.scenario.actors[$0].name)] + base)
    }
    execution = actors.map {
      HistogramPrefixes(
        "ray_actor_task_execution_time_s", [("actor_name", c.scenario.actors[$0].name)] + base,
        bounds: Buckets.executionSeconds)
    }
    store = SeriesPrefix.make("ray_object_store_memory_usage_bytes", base)
  }

  mutating func render(_ state: ModelState, into w: inout BodyWriter) {
    w.head(restartsHead)
    for (i, a) in actors.enumerated() { w.sample(restarts[i], state.actors[a].restarts) }
    w.head(executionHead)
    for (i, a) in actors.enumerated() { w.histogram(execution[i], state.actors[a].execution) }
    w.head(storeHead)
    w.sample(store, state.nodes[node].objectStoreUsed)
  }
}

/// The article's dashboard on :8080 (head node): cluster size and per-node CPU.
struct SeedDashboardRenderer: TargetRenderer {
  let context: RenderContext
  let activeHead = FamilyHead("ray_cluster_active_nodes", .gauge, "Number of alive nodes in the cluster.")
  let cpuHead = FamilyHead("ray_node_cpu_utilization", .gauge, "CPU utilisation of a node, in percent.")
  let active: [UInt8]
  let cpu: [[UInt8]]

  init(context c: RenderContext) {
    context = c
    active = SeriesPrefix.make("ray_cluster_active_nodes", [("component", "dashboard")])
    cpu = c.scenario.nodes.indices.map {
      SeriesPrefix.make(
        "ray_node_cpu_utilization",
        [
          ("component", "dashboard"), ("node_id", c.nodeIds[$0]),
          ("ray_node_ip", c.scenario.nodes[$0].address),
        ])
    }
  }

  mutating func render(_ state: ModelState, into w: inout BodyWriter) {
    w.head(activeHead)
    w.sample(active, Double(state.nodes.reduce(0) { $0 + ($1.alive ? 1 : 0) }))
    w.head(cpuHead)
    for n in state.nodes.indices where state.nodes[n].alive { w.sample(cpu[n], context.cpuPercent(n, state)) }
  }
}

/// The article's GCS on :8126 (head node): heartbeat latency per node and the scheduler queue.
struct SeedGCSRenderer: TargetRenderer {
  let heartbeatHead = FamilyHead(
    "ray_gcs_server_heartbeat_latency_ms", .gauge, "Latency of the last heartbeat from each node, in ms.")
  let queueHead = FamilyHead(
    "ray_scheduler_queue_length", .gauge, "Tasks waiting in the scheduler queue across the cluster.")
  let heartbeat: [[UInt8]]
  let queue: [UInt8]

  init(context c: RenderContext) {
    heartbeat = c.scenario.nodes.indices.map {
      SeriesPrefix.make(
        "ray_gcs_server_heartbeat_latency_ms",
        [
          ("component", "gcs_server"), ("node_id", c.nodeIds[$0]),
          ("ray_node_ip", c.scenario.nodes[$0].address),
        ])
    }
    queue = SeriesPrefix.make("ray_scheduler_queue_length", [("component", "gcs_server")])
  }

  mutating func render(_ state: ModelState, into w: inout BodyWriter) {
    w.head(heartbeatHead)
    for n in state.nodes.indices where state.nodes[n].alive {
      w.sample(heartbeat[n], state.nodes[n].lastHeartbeatMs)
    }
    w.head(queueHead)
    w.sample(queue, state.nodes.reduce(0) { $0 + ($1.alive ? $1.tasks.reduce(0) { $0 + $1.pending } : 0) })
  }
}
