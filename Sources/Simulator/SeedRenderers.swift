import Exposition

/// The article's raylet on :8265, in the article's own shape: its HELP and TYPE lines, its label
/// sets (`actor_name`, `component`, `node_id`, `ray_node_ip`, `ray_node_port`), values printed as
/// plain numbers (`0`, `15728640`). Only the values move.
struct SeedRayletRenderer: TargetRenderer {
  let node: Int
  let actors: [Int]
  let restartsHead = FamilyHead("ray_actor_restarts_total", .counter, "Total number of actor restarts.")
  let executionHead = FamilyHead(
    "ray_actor_task_execution_time_s", .gauge, "Average time spent executing actor tasks in seconds.")
  let storeHead = FamilyHead(
    "ray_object_store_memory_usage_bytes", .gauge, "Memory usage of the object store in bytes.")
  let restarts: [[UInt8]]
  let execution: [[UInt8]]
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
      SeriesPrefix.make(
        "ray_actor_task_execution_time_s", [("actor_name", c.scenario.actors[$0].name)] + base)
    }
    store = SeriesPrefix.make("ray_object_store_memory_usage_bytes", base)
  }

  mutating func render(_ state: ModelState, into w: inout BodyWriter) {
    w.head(restartsHead)
    for (i, a) in actors.enumerated() { w.articleSample(restarts[i], state.actors[a].restarts) }
    w.head(executionHead)
    for (i, a) in actors.enumerated() {
      // The average over the tasks the actor's process has run (0 before the first), in µs steps.
      let h = state.actors[a].execution
      w.articleSample(execution[i], h.count > 0 ? (h.sum / h.count * 1e6).rounded() / 1e6 : 0)
    }
    w.head(storeHead)
    w.articleSample(store, state.nodes[node].objectStoreUsed)
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
    w.articleSample(active, Double(state.nodes.reduce(0) { $0 + ($1.alive ? 1 : 0) }))
    w.head(cpuHead)
    for n in state.nodes.indices where state.nodes[n].alive {
      w.articleSample(cpu[n], context.cpuPercent(n, state))
    }
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
      w.articleSample(heartbeat[n], state.nodes[n].lastHeartbeatMs)
    }
    w.head(queueHead)
    w.articleSample(
      queue, state.nodes.reduce(0) { $0 + ($1.alive ? $1.tasks.reduce(0) { $0 + $1.pending } : 0) })
  }
}
