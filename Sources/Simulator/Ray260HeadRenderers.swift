import Exposition

/// The autoscaler monitor on :44217 of the head node (prometheus_client layout: `_created`
/// gauges beside counters and histograms in text 0.0.4, folded into them in OpenMetrics).
struct Ray260AutoscalerRenderer: TargetRenderer {
  let context: RenderContext
  let session: [(String, String)]
  let update: HistogramPrefixes
  let updateHead = FamilyHead(
    "autoscaler_update_time_seconds", .histogram,
    "Autoscaler update time. This is the time for an autoscaler update iteration to complete.",
    unit: "seconds")
  let updateCreatedHead: FamilyHead
  let updateCreated: [UInt8]
  let pendingHead = FamilyHead(
    "autoscaler_pending_nodes", .gauge, "Number of nodes pending to be started.", unit: "nodes")
  let activeHead = FamilyHead(
    "autoscaler_active_nodes", .gauge, "Number of nodes in the cluster.", unit: "nodes")
  let failedHead = FamilyHead(
    "autoscaler_recently_failed_nodes", .gauge,
    "The number of recently failed nodes. This count could reset at undefined times.", unit: "nodes")
  let pending: [[UInt8]]
  let active: [[UInt8]]
  let counterHeads: [FamilyHead]
  let createdHeads: [FamilyHead]
  let counters: [[UInt8]]
  let created: [[UInt8]]
  let clusterHead = FamilyHead(
    "autoscaler_cluster_resources", .gauge, "Total logical resources in the cluster.", unit: "resources")
  let pendingResourcesHead = FamilyHead(
    "autoscaler_pending_resources", .gauge, "Pending logical resources in the cluster.", unit: "resources")
  let clusterResources: [[UInt8]]
  let pendingResources: [[UInt8]]
  static let resources = ["CPU", "GPU", "TPU", "memory", "object_store_memory"]
  let createdAt: Double

  init(context c: RenderContext) {
    context = c
    let session = [("SessionName", c.sessionName)]
    self.session = session
    update = HistogramPrefixes("autoscaler_update_time_seconds", session, bounds: Buckets.autoscalerSeconds)
    updateCreatedHead = FamilyHead(
      "autoscaler_update_time_seconds_created", .gauge,
      "Autoscaler update time. This is the time for an autoscaler update iteration to complete.")
    updateCreated = SeriesPrefix.make("autoscaler_update_time_seconds_created", session)
    let types = ["ray.head.default", "ray.worker.default"]
    pending = types.map { SeriesPrefix.make("autoscaler_pending_nodes", [("NodeType", $0)] + session) }
    active = types.map { SeriesPrefix.make("autoscaler_active_nodes", [("NodeType", $0)] + session) }
    let counterNames = [
      ("autoscaler_started_nodes", "Number of nodes started."),
      ("autoscaler_stopped_nodes", "Number of nodes stopped."),
    ]
    counterHeads = counterNames.map { FamilyHead($0.0 + "_total", .counter, $0.1, unit: "nodes") }
    createdHeads = counterNames.map { FamilyHead($0.0 + "_created", .gauge, $0.1) }
    counters = counterNames.map { SeriesPrefix.make($0.0 + "_total", [("SessionName", c.sessionName)]) }
    created = counterNames.map { SeriesPrefix.make($0.0 + "_created", [("SessionName", c.sessionName)]) }
    clusterResources = Self.resources.map {
      SeriesPrefix.make("autoscaler_cluster_resources", session + [("resource", $0)])
    }
    pendingResources = Self.resources.map {
      SeriesPrefix.make("autoscaler_pending_resources", session + [("resource", $0)])
    }
    createdAt = (c.startSeconds - 3.8145) * 1e4
  }

  mutating func render(_ state: ModelState, into w: inout BodyWriter) {
    let c = context
    let seconds = Double(state.tick) * c.model.dt
    let updates = (seconds / 5).rounded(.down) + 1
    var h = HistogramState(bounds: Buckets.autoscalerSeconds.count)
    h.cumulative = [0, updates, updates, updates, updates, updates]
    h.sum = (updates * 0.0162 * 1e6).rounded() / 1e6
    w.head(updateHead)
    w.histogram(update, h)
    if !w.openMetrics { w.head(updateCreatedHead) }
    w.sample(updateCreated, createdAt.rounded() / 1e4)
    let workers = c.scenario.nodes.indices.filter { !c.scenario.nodes[$0].isHead }
    let alive = workers.reduce(0.0) { $0 + (state.nodes[$1].alive ? 1 : 0) }
    let joining = workers.reduce(0.0) { sum, n in
      c.model.isAlive(node: n, at: c.model.timeMs(ofTick: state.tick) + 30_000) && !state.nodes[n].alive
        ? sum + 1 : sum
    }
    w.head(pendingHead)
    w.sample(pending[0], 0)
    w.sample(pending[1], joining)
    w.head(activeHead)
    w.sample(active[0], 1)
    w.sample(active[1], alive)
    w.head(failedHead)
    let (started, stopped) = transitions(upTo: state)
    for (i, v) in [started, stopped].enumerated() {
      w.head(counterHeads[i])
      w.sample(counters[i], v)
      if !w.openMetrics { w.head(createdHeads[i]) }
      w.sample(created[i], createdAt.rounded() / 1e4)
    }
    var cpus = 0.0
    var memory = 0.0
    var store = 0.0
    var wanted = 0.0
    for n in state.nodes.indices where state.nodes[n].alive {
      cpus += Double(c.scenario.nodes[n].cpus)
      memory += (c.scenario.nodes[n].memoryBytes * 0.7).rounded()
      store += c.scenario.nodes[n].objectStoreBytes
      wanted += c.pending(state.nodes[n]) > 0 ? 1 : 0
    }
    w.head(clusterHead)
    for (i, v) in [cpus, 0, 0, memory, store].enumerated() { w.sample(clusterResources[i], v) }
    w.head(pendingResourcesHead)
    for (i, v) in [wanted, 0, 0, 0, 0].enumerated() { w.sample(pendingResources[i], v) }
  }

  /// Worker nodes started and stopped since time 0. A node's incarnation counts its starts
  /// after time 0, so the stops are all starts (the initial one included) less the running one.
  func transitions(upTo state: ModelState) -> (Double, Double) {
    var started = 0.0
    var stopped = 0.0
    for n in state.nodes.indices where !context.scenario.nodes[n].isHead {
      let node = state.nodes[n]
      let starts = node.incarnation + (context.scenario.nodes[n].presentAtStart ? 1 : 0)
      started += Double(node.incarnation)
      stopped += Double(max(0, starts - (node.alive ? 1 : 0)))
    }
    return (started, stopped)
  }
}

/// The dashboard head on :44227: its event loop and API request metrics.
struct Ray260DashboardRenderer: TargetRenderer {
  let context: RenderContext
  static let endpoints: [(String, String, Double)] = [
    ("report_events", "POST", 0.2), ("get_version", "GET", 0.05), ("get_nodes", "GET", 0.1),
  ]
  let durationHead = FamilyHead(
    "ray_dashboard_api_requests_duration_seconds", .histogram, "Total duration in seconds per endpoint",
    unit: "seconds")
  let durationCreatedHead = FamilyHead(
    "ray_dashboard_api_requests_duration_seconds_created", .gauge, "Total duration in seconds per endpoint")
  let countHead = FamilyHead(
    "ray_dashboard_api_requests_count_requests_total", .counter, "Total requests count per endpoint",
    unit: "requests")
  let countCreatedHead = FamilyHead(
    "ray_dashboard_api_requests_count_requests_created", .gauge, "Total requests count per endpoint")
  let tasksHead = FamilyHead(
    "ray_dashboard_event_loop_tasks", .gauge, "Number of tasks currently pending in the event loop's queue.",
    unit: "tasks")
  let lagHead = FamilyHead(
    "ray_dashboard_event_loop_lag_seconds", .gauge, "Event loop lag in seconds.", unit: "seconds")
  let duration: [HistogramPrefixes]
  let durationCreated: [[UInt8]]
  let count: [[UInt8]]
  let countCreated: [[UInt8]]
  let loopTasks: [UInt8]
  let lag: [UInt8]
  static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

  init(context c: RenderContext) {
    context = c
    let base: [(String, String)] = [
      ("Component", "dashboard"), ("SessionName", c.sessionName),
      ("Version", RayLabels.version),
    ]
    let per = Self.endpoints.map { base + [("endpoint", $0.0), ("http_status", "2xx")] }
    duration = per.map {
      HistogramPrefixes("ray_dashboard_api_requests_duration_seconds", $0, bounds: Self.bounds)
    }
    durationCreated = per.map { SeriesPrefix.make("ray_dashboard_api_requests_duration_seconds_created", $0) }
    count = zip(per, Self.endpoints).map {
      SeriesPrefix.make("ray_dashboard_api_requests_count_requests_total", $0 + [("method", $1.1)])
    }
    countCreated = zip(per, Self.endpoints).map {
      SeriesPrefix.make("ray_dashboard_api_requests_count_requests_created", $0 + [("method", $1.1)])
    }
    let head = c.scenario.nodes.first(where: \.isHead)?.address ?? "127.0.0.1"
    let process = base + [("ip", head), ("pid", String(1000 + Int(c.seed % 60_000)))]
    loopTasks = SeriesPrefix.make("ray_dashboard_event_loop_tasks", process)
    lag = SeriesPrefix.make("ray_dashboard_event_loop_lag_seconds", process)
  }

  mutating func render(_ state: ModelState, into w: inout BodyWriter) {
    let c = context
    let seconds = Double(state.tick) * c.model.dt
    let created = (c.startSeconds + 2.5).rounded() + 0.5123
    w.head(durationHead)
    var histograms: [HistogramState] = []
    for (i, e) in Self.endpoints.enumerated() {
      var h = HistogramState(bounds: Self.bounds.count)
      let n = (seconds * e.2).rounded(.down)
      h.observe(n, median: 0.0017 * Double(i + 1), bounds: Self.bounds, sumOfValues: 0)
      h.sum = (n * 0.0017 * Double(i + 1) * 1e6).rounded() / 1e6
      histograms.append(h)
      w.histogram(duration[i], h)
      if w.openMetrics { w.sample(durationCreated[i], created) }
    }
    if !w.openMetrics {
      w.head(durationCreatedHead)
      for i in Self.endpoints.indices { w.sample(durationCreated[i], created) }
    }
    w.head(countHead)
    for i in Self.endpoints.indices {
      w.sample(count[i], histograms[i].count)
      if w.openMetrics { w.sample(countCreated[i], created) }
    }
    if !w.openMetrics {
      w.head(countCreatedHead)
      for i in Self.endpoints.indices { w.sample(countCreated[i], created) }
    }
    w.head(tasksHead)
    w.sample(loopTasks, 12 + (c.jitter(40, state.tick, 0) * 5).rounded(.down))
    w.head(lagHead)
    w.sample(lag, (0.0005 + 0.02 * c.jitter(41, state.tick, 0)) * 1e6.rounded() / 1e6)
  }
}
