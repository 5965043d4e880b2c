import Exposition

/// The dashboard agent of one Ray 2.60 node (`--metrics-export-port`): the agent's own Python
/// process metrics, then what it re-exports for the raylet, core workers, the node reporter and,
/// on the head node, the GCS.
struct Ray260AgentRenderer: TargetRenderer {
  let node: Int
  let spec: NodeSpec
  let context: RenderContext
  let labels: RayLabels
  let heads: Ray260Families
  let isHead: Bool
  let actors: [Int]
  // Pre-rendered prefixes, grouped by family.
  var gc: [[UInt8]] = []
  var gcCollections: [[UInt8]] = []
  var gcUncollectable: [[UInt8]] = []
  var pythonInfo: [UInt8] = []
  var targetInfo: [UInt8] = []
  var process: [[UInt8]] = []
  var grpc: [[UInt8]] = []
  var grpcNew: [[UInt8]] = []
  var grpcSucceeded: [[UInt8]] = []
  var processesStarted: [UInt8] = []
  var gcsActorsCount: [[UInt8]] = []
  var storeAvailable: [UInt8] = []
  var storeUsed: [UInt8] = []
  /// SPILLED, MMAP_SHM UNSEALED, MMAP_DISK SEALED, MMAP_SHM SEALED, MMAP_DISK UNSEALED.
  var storeMemory: [[UInt8]] = []
  var localObjects: [UInt8] = []
  var spillBytes: [[UInt8]] = []
  var spillRequests: [[UInt8]] = []
  var resources: [[UInt8]] = []
  var unschedulable: [[UInt8]] = []
  var schedulerTasks: [[UInt8]] = []
  var gcsJobsRunning: [UInt8] = []
  var gcsJobsFinished: [UInt8] = []
  var gcsActiveNodes: [[UInt8]] = []
  var gcsHealth: HistogramPrefixes?
  var gcsFailures: [UInt8] = []
  var gcsActors: [[UInt8]] = []
  var gcsPlacementGroups: [[UInt8]] = []
  var reporter: [[UInt8]] = []
  var components: [[UInt8]] = []
  var placement: HistogramPrefixes?
  var tasks: [[UInt8]] = []
  var executorActors: [[UInt8]] = []
  var workerFailures: [[UInt8]] = []
  /// Per worker slot: the WorkerId the prefix was made for, and the prefix.
  var workerHeap: [(id: String, prefix: [UInt8])] = []
  var actorHeap: [(id: String, prefix: [UInt8])] = []

  static let storeLocations: [(String, String)] = [
    ("SPILLED", ""), ("MMAP_SHM", "UNSEALED"), ("MMAP_DISK", "SEALED"), ("MMAP_SHM", "SEALED"),
    ("MMAP_DISK", "UNSEALED"),
  ]
  static let grpcMethods = [
    "NodeManagerService.grpc_server.RequestWorkerLease", "NodeManagerService.grpc_server.ReturnWorkerLease",
    "NodeManagerService.grpc_server.GetResourceLoad", "NodeManagerService.grpc_server.GetNodeStats",
  ]
  static let grpcWeights: [Double] = [0.3, 0.3, 0.3, 0.1]
  static let schedulerStates = [
    "SpilledWaiting", "SpilledUnschedulable", "Executing", "Received", "Cancelled", "Waiting", "Dispatched",
  ]
  static let unschedulableReasons = [
    "WaitingForPlasmaMemory", "WaitingForWorkers", "Infeasible", "WaitingForResources",
    "WaitingForRemoteResources",
  ]
  static let reporterNames = [
    "ray_node_mem_shared_bytes", "ray_node_mem_used_host", "ray_node_mem_total_host",
    "ray_node_cgroup_mem_used",
    "ray_node_cgroup_mem_total", "ray_node_cpu_utilization", "ray_node_cpu_count", "ray_node_mem_used",
    "ray_node_mem_available", "ray_node_mem_total", "ray_node_disk_io_read", "ray_node_disk_io_write",
    "ray_node_disk_io_read_speed", "ray_node_disk_io_write_speed", "ray_node_disk_usage",
    "ray_node_disk_free",
    "ray_node_disk_utilization_percentage", "ray_node_network_sent", "ray_node_network_received",
    "ray_node_network_send_speed", "ray_node_network_receive_speed",
  ]
  /// Per-process components the reporter lists, before the actor ones.
  let componentNames: [(String, String)]

  init(node: Int, context c: RenderContext, families: Ray260Families) {
    self.node = node
    spec = c.scenario.nodes[node]
    context = c
    labels = RayLabels(sessionName: c.sessionName)
    heads = families
    isHead = spec.isHead
    actors = c.scenario.actors.indices.filter { c.scenario.actors[$0].node == node }
    let pid = { (k: Int) in String(1000 + Int(Noise.hash(c.seed, 12, node, k) % 60_000)) }
    var names: [(String, String)] = []
    if isHead { names.append(("gcs", pid(1))) }
    names += [
      ("raylet", pid(2)), ("agent", pid(3)), ("ray::DashboardAgent", ""), ("ray::RuntimeEnvAgent", ""),
      ("ray::IDLE", ""),
    ]
    names += c.scenario.tasks.map { ("ray::" + $0.name, "") }
    names += actors.map { ("ray::" + c.scenario.actors[$0].name, "") }
    componentNames = names
    buildPrefixes()
  }

  private mutating func buildPrefixes() {
    let address = spec.address
    let raylet = labels.component("raylet", address)
    gc = (0..<3).map { SeriesPrefix.make("python_gc_objects_collected_total", [("generation", String($0))]) }
    gcCollections = (0..<3).map {
      SeriesPrefix.make("python_gc_collections_total", [("generation", String($0))])
    }
    gcUncollectable = (0..<3).map {
      SeriesPrefix.make("python_gc_objects_uncollectable_total", [("generation", String($0))])
    }
    pythonInfo = SeriesPrefix.make(
      "python_info",
      [
        ("implementation", "CPython"), ("major", "3"), ("minor", "11"), ("patchlevel", "7"),
        ("version", "3.11.7"),
      ])
    let h = Noise.hex(context.seed, 14, node, 0, count: 32)
    let uuid = [
      h.prefix(8), h.dropFirst(8).prefix(4), "4" + h.dropFirst(13).prefix(3), "9" + h.dropFirst(17).prefix(3),
      h.dropFirst(20).prefix(12),
    ].joined(separator: "-")
    targetInfo = SeriesPrefix.make(
      "target_info",
      [
        ("service_instance_id", uuid), ("service_name", "ray-dashboard-agent"),
        ("telemetry_sdk_language", "python"),
        ("telemetry_sdk_name", "opentelemetry"), ("telemetry_sdk_version", "1.45.2"),
      ])
    process = [
      "process_virtual_memory_bytes", "process_resident_memory_bytes", "process_start_time_seconds",
      "process_cpu_seconds_total", "process_open_fds", "process_max_fds",
    ].map { SeriesPrefix.make($0, []) }
    grpcNew = Self.grpcMethods.map {
      SeriesPrefix.make("ray_grpc_server_req_new_total", raylet + [("Method", $0)])
    }
    grpcSucceeded = Self.grpcMethods.map {
      SeriesPrefix.make("ray_grpc_server_req_succeeded_total", raylet + [("Method", $0)])
    }
    processesStarted = SeriesPrefix.make("ray_internal_num_processes_started", raylet)
    grpc = Self.grpcMethods.map {
      SeriesPrefix.make("ray_grpc_server_req_finished_total", raylet + [("Method", $0)])
    }
    storeAvailable = SeriesPrefix.make("ray_object_store_available_memory", raylet)
    storeUsed = SeriesPrefix.make("ray_object_store_used_memory", raylet)
    storeMemory = Self.storeLocations.map {
      SeriesPrefix.make("ray_object_store_memory", raylet + [("Location", $0.0), ("ObjectState", $0.1)])
    }
    localObjects = SeriesPrefix.make("ray_object_store_num_local_objects", raylet)
    spillBytes = ["Pinned", "PendingSpill", "Spilled", "Restored"].map {
      SeriesPrefix.make("ray_spill_manager_objects_bytes", raylet + [("State", $0)])
    }
    spillRequests = ["Spilled", "Restored"].map {
      SeriesPrefix.make("ray_spill_manager_request_total", raylet + [("Type", $0)])
    }
    resources = [
      ("memory", "AVAILABLE"), ("memory", "USED"), ("object_store_memory", "USED"),
      ("CPU", "AVAILABLE"), ("CPU", "USED"), ("object_store_memory", "AVAILABLE"),
    ].map {
      SeriesPrefix.make("ray_resources", raylet + [("Name", $0.0), ("State", $0.1)])
    }
    unschedulable = Self.unschedulableReasons.map {
      SeriesPrefix.make("ray_scheduler_unscheduleable_tasks", raylet + [("Reason", $0)])
    }
    schedulerTasks = Self.schedulerStates.map {
      SeriesPrefix.make("ray_scheduler_tasks", raylet + [("State", $0)])
    }
    if isHead { buildGCSPrefixes() }
    let reporterLabels = labels.reporter(spec)
    reporter = Self.reporterNames.map { SeriesPrefix.make($0, reporterLabels) }
    components = [
      "ray_component_cpu_percentage", "ray_component_rss_bytes", "ray_component_shared_bytes",
      "ray_component_uss_bytes",
    ]
    .flatMap { family in
      componentNames.map { SeriesPrefix.make(family, labels.process(spec, $0.0, pid: $0.1)) }
    }
    placement = HistogramPrefixes(
      "ray_scheduler_placement_time_ms", raylet + [("WorkloadType", "Task")], bounds: Buckets.placementMs)
    let owner = labels.component("core_worker", address, worker: nil)
    tasks = context.scenario.tasks.flatMap { task in
      [
        ("PENDING_NODE_ASSIGNMENT", "owner"), ("RUNNING", "executor"), ("FINISHED", "owner"),
        ("FAILED", "owner"),
      ]
      .map { state, source in
        SeriesPrefix.make(
          "ray_tasks",
          owner + [
            ("IsRetry", "0"), ("JobId", "01000000"), ("Name", task.name), ("Source", source),
            ("State", state),
          ])
      }
    }
    executorActors = actors.flatMap { a in
      ["ALIVE_IDLE", "ALIVE_RUNNING_TASKS"].map {
        SeriesPrefix.make(
          "ray_actors",
          owner + [
            ("JobId", "01000000"), ("Name", context.scenario.actors[a].name), ("Source", "executor"),
            ("State", $0),
          ])
      }
    }
    workerFailures = actors.map {
      SeriesPrefix.make(
        "ray_node_manager_unexpected_worker_failure_total",
        raylet + [
          ("Name", context.scenario.actors[$0].name + ".__init__"),
          ("Type", "Raylet.UnexpectedActorFailure.Total"),
        ])
    }
  }

  private mutating func buildGCSPrefixes() {
    let gcs = labels.component("gcs_server", spec.address)
    gcsJobsRunning = SeriesPrefix.make("ray_running_jobs", gcs)
    gcsJobsFinished = SeriesPrefix.make("ray_finished_jobs_total", gcs)
    gcsActiveNodes = context.nodeIds.map {
      SeriesPrefix.make("ray_cluster_active_nodes", labels.common + [("node_type", "node_" + $0)])
    }
    gcsHealth = HistogramPrefixes("ray_health_check_rpc_latency_ms", gcs, bounds: Buckets.healthCheckMs)
    gcsFailures = SeriesPrefix.make("ray_unintentional_worker_failures_total", gcs)
    let gcsNoWorker = labels.component("gcs_server", spec.address, worker: nil)
    gcsActors = context.scenario.actors.flatMap { actor in
      ["ALIVE", "RESTARTING"].map {
        SeriesPrefix.make(
          "ray_actors", gcsNoWorker + [("JobId", ""), ("Name", actor.name), ("Source", "gcs"), ("State", $0)])
      }
    }
    gcsActorsCount = ["Created", "Destroyed", "Unresolved", "Pending"].map {
      SeriesPrefix.make("ray_gcs_actors_count", gcs + [("State", $0)])
    }
    gcsPlacementGroups = ["REMOVED", "PREPARED", "CREATED", "PENDING"].map {
      SeriesPrefix.make("ray_placement_groups", gcs + [("Source", "gcs"), ("State", $0)])
    }
  }

  /// The prefix of a `WORKER_HEAP` series for a worker id, re-rendered only when the id changes.
  static func heapPrefix(
    _ cache: inout [(id: String, prefix: [UInt8])], _ slot: Int, _ id: String, _ labels: RayLabels,
    _ address: String
  ) -> [UInt8] {
    while cache.count <= slot { cache.append(("", [])) }
    if cache[slot].id != id {
      cache[slot] = (
        id,
        SeriesPrefix.make(
          "ray_object_store_memory",
          labels.component("core_worker", address, worker: id) + [
            ("Location", "WORKER_HEAP"),
            ("ObjectState", ""),
          ])
      )
    }
    return cache[slot].prefix
  }

  func workerId(_ kind: Int, _ slot: Int, _ generation: Int, _ incarnation: Int) -> String {
    Noise.hex(
      context.seed, 13 &+ kind, node &* 1_000_003 &+ slot, generation &* 1009 &+ incarnation, count: 56)
  }
}
