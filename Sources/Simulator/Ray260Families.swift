import Exposition

/// `# HELP`/`# TYPE` of every family the Ray 2.60 agent serves, rendered once per simulation.
struct Ray260Families: Sendable {
  let gc = FamilyHead("python_gc_objects_collected_total", .counter, "Objects collected during gc")
  let gcUncollectable = FamilyHead(
    "python_gc_objects_uncollectable_total", .counter, "Uncollectable objects found during GC")
  let pythonInfo = FamilyHead("python_info", .gauge, "Python platform information")
  let targetInfo = FamilyHead("target_info", .gauge, "Target metadata")
  let gcCollections = FamilyHead(
    "python_gc_collections_total", .counter, "Number of times this generation was collected")
  let process: [FamilyHead] = [
    FamilyHead("process_virtual_memory_bytes", .gauge, "Virtual memory size in bytes."),
    FamilyHead("process_resident_memory_bytes", .gauge, "Resident memory size in bytes."),
    FamilyHead(
      "process_start_time_seconds", .gauge, "Start time of the process since unix epoch in seconds."),
    FamilyHead("process_cpu_seconds_total", .counter, "Total user and system CPU time spent in seconds."),
    FamilyHead("process_open_fds", .gauge, "Number of open file descriptors."),
    FamilyHead("process_max_fds", .gauge, "Maximum number of open file descriptors."),
  ]
  let grpc = FamilyHead(
    "ray_grpc_server_req_finished_total", .counter, "Finished request number in grpc server")
  let grpcNew = FamilyHead("ray_grpc_server_req_new_total", .counter, "New request number in grpc server")
  let grpcSucceeded = FamilyHead(
    "ray_grpc_server_req_succeeded_total", .counter, "Succeeded request count in grpc server")
  let processesStarted = FamilyHead(
    "ray_internal_num_processes_started", .gauge,
    "The total number of worker processes the worker pool has created.")
  let gcsActorsCount = FamilyHead(
    "ray_gcs_actors_count", .gauge, "Number of actors per state {Created, Destroyed, Unresolved, Pending}")
  let storeAvailable = FamilyHead(
    "ray_object_store_available_memory", .gauge, "Amount of memory currently available in the object store.")
  let storeMemory = FamilyHead(
    "ray_object_store_memory", .gauge, "Object store memory by various sub-kinds on this node")
  let spillBytes = FamilyHead(
    "ray_spill_manager_objects_bytes", .gauge,
    "Byte size of local objects broken per state {Pinned, PendingSpill}.")
  let spillRequests = FamilyHead(
    "ray_spill_manager_request_total", .gauge, "Number of {spill, restore} requests.")
  let localObjects = FamilyHead(
    "ray_object_store_num_local_objects", .gauge, "Number of objects currently in the object store.")
  let resources = FamilyHead(
    "ray_resources", .gauge, "Logical Ray resources broken per state {AVAILABLE, USED}")
  let storeUsed = FamilyHead(
    "ray_object_store_used_memory", .gauge, "Amount of memory currently occupied in the object store.")
  let unschedulable = FamilyHead(
    "ray_scheduler_unscheduleable_tasks", .gauge,
    "Number of pending tasks (not scheduleable tasks) broken per reason {Infeasible, WaitingForResources, "
      + "WaitingForPlasmaMemory, WaitingForRemoteResources, WaitingForWorkers}.")
  let schedulerTasks = FamilyHead(
    "ray_scheduler_tasks", .gauge,
    "Number of tasks waiting for scheduling broken per state {Cancelled, Executing, Waiting, Dispatched, Received}."
  )
  let placementGroups = FamilyHead(
    "ray_placement_groups", .gauge, "Number of placement groups broken down by state.")
  let finishedJobs = FamilyHead("ray_finished_jobs_total", .counter, "Number of jobs finished.")
  let runningJobs = FamilyHead("ray_running_jobs", .gauge, "Number of jobs currently running.")
  let reporter: [FamilyHead] = zip(
    Ray260AgentRenderer.reporterNames,
    [
      "Total shared memory usage on a ray node", "Host memory usage on a ray node",
      "Total host memory on a ray node",
      "Container memory usage on a ray node", "Container memory limit on a ray node",
      "Total CPU usage on a ray node",
      "Total CPUs available on a ray node", "Memory usage on a ray node", "Memory available on a ray node",
      "Total memory on a ray node", "Total read from disk", "Total written to disk", "Disk read speed",
      "Disk write speed", "Total disk usage (bytes) on a ray node", "Total disk free (bytes) on a ray node",
      "Total disk utilization (percentage) on a ray node", "Total network sent", "Total network received",
      "Network send speed", "Network receive speed",
    ]
  ).map { FamilyHead($0.0, .gauge, $0.1) }
  let components: [FamilyHead] = [
    FamilyHead("ray_component_cpu_percentage", .gauge, "Total CPU usage of the components on a node."),
    FamilyHead("ray_component_rss_bytes", .gauge, "RSS usage of all components on the node."),
    FamilyHead(
      "ray_component_shared_bytes", .gauge,
      "SHM usage of all components of the node. It is equivalent to the top command's SHR column."),
    FamilyHead("ray_component_uss_bytes", .gauge, "USS usage of all components on the node."),
  ]
  let activeNodes = FamilyHead("ray_cluster_active_nodes", .gauge, "Active nodes on the cluster")
  let health = FamilyHead(
    "ray_health_check_rpc_latency_ms", .histogram, "Latency of rpc request for health check.")
  let placement = FamilyHead(
    "ray_scheduler_placement_time_ms", .histogram,
    "The time it takes for a workload (task, actor, placement group) to be placed. This is the time from when "
      + "the tasks dependencies are resolved to when it actually reserves resources on a node to run.")
  let tasks = FamilyHead("ray_tasks", .gauge, "Current number of tasks currently in a particular state.")
  let actors = FamilyHead(
    "ray_actors", .gauge,
    "An actor can be in one of DEPENDENCIES_UNREADY, PENDING_CREATION, ALIVE, ALIVE_IDLE, ALIVE_RUNNING_TASKS, "
      + "RESTARTING, or DEAD states. An actor is considered ALIVE_IDLE if it is not executing any tasks.")
  let workerFailures = FamilyHead(
    "ray_node_manager_unexpected_worker_failure_total", .counter,
    "Total number of workers that disconnected from the raylet with a SYSTEM_ERROR exit type. This disconnect "
      + "typically indicates that the worker process has unexpectedly failed due to either a ray system error or "
      + "a kernel kill (e.g. OOM, SIGKILL).")
  let failures = FamilyHead(
    "ray_unintentional_worker_failures_total", .counter,
    "Number of worker failures that are not intentional. For example, worker failures due to system related errors."
  )
}
