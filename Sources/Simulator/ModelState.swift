/// Everything the cluster model integrates, at one tick. A value type, so a checkpoint is a copy.
struct ModelState: Sendable {
  /// Number of whole ticks integrated: the state describes virtual time `tick * resolution`.
  var tick: Int = 0
  var nodes: [NodeState]
  var actors: [ActorState]
  var gcs = GCSState()
}

/// Task counts of one task kind on one node; they add up to the tasks the node ever received.
struct TaskCounts: Sendable, Hashable {
  var pending: Double = 0
  var running: Double = 0
  var finished: Double = 0
  var failed: Double = 0
}

struct NodeState: Sendable {
  var alive: Bool
  /// Bumped each time the node (re)joins: its processes are new and their counters start at 0.
  var incarnation = 0
  var startTick = 0
  var objectStoreUsed: Double = 0
  var objectStoreTarget: Double = 0.12
  var spilledBytes: Double = 0
  var spilledObjects: Double = 0
  var spilledBytesTotal: Double = 0
  var spillRequests: Double = 0
  var restoreRequests: Double = 0
  var tasks: [TaskCounts]
  /// Task worker processes kept alive (idle ones are reaped slowly), and a generation per slot so
  /// that a reaped and restarted slot gets a new `WorkerId`.
  var workerPool: Int = 0
  var workerGenerations: [Int]
  var idleTicks = 0
  var grpcRequests: Double = 0
  var diskReadBytes: Double = 0
  var diskWriteBytes: Double = 0
  /// CPU time of the agent process in hundredths of a second (kept integral: no drift).
  var cpuCentiseconds: Double = 0
  var lastHeartbeatMs: Double = 1
  /// `ray_scheduler_placement_time_ms` buckets (cumulative) and sum.
  var placement = HistogramState(bounds: Buckets.placementMs.count)
}

struct ActorState: Sendable {
  /// Restarts since the actor's node (and so its raylet) last started.
  var restarts: Double = 0
  /// Restarts since the cluster started, as the GCS counts them.
  var restartsTotal: Double = 0
  var restartingUntilTick = -1
  var generation = 0
  var execution = HistogramState(bounds: Buckets.executionSeconds.count)
}

struct GCSState: Sendable {
  var latencyMs: Double = 1.2
  var latencyFrom: Double = 1.2
  var rampStartTick = 0
  var healthCheck = HistogramState(bounds: Buckets.healthCheckMs.count)
  var finishedJobs: Double = 0
}

/// A histogram's cumulative bucket counts (the last one is `+Inf`, equal to the count) and sum.
struct HistogramState: Sendable, Hashable {
  var cumulative: [Double]
  var sum: Double = 0

  init(bounds: Int) { cumulative = Array(repeating: 0, count: bounds + 1) }

  var count: Double { cumulative[cumulative.count - 1] }

  /// Adds `n` observations spread like a log-logistic distribution around `median`.
  mutating func observe(_ n: Double, median: Double, bounds: [Double], sumOfValues: Double) {
    guard n > 0 else { return }
    for i in bounds.indices {
      let r = median / bounds[i]
      let cdf = 1 / (1 + r * r * r)
      cumulative[i] += (n * cdf).rounded()
    }
    cumulative[bounds.count] += n
    sum += sumOfValues
  }

  mutating func reset() {
    for i in cumulative.indices { cumulative[i] = 0 }
    sum = 0
  }
}

/// Bucket bounds, as the real exporters declare them.
enum Buckets {
  static let healthCheckMs: [Double] = [1, 10, 100, 1000, 10000]
  static let placementMs: [Double] = [1, 10, 100, 1000, 10000]
  static let executionSeconds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
  static let autoscalerSeconds: [Double] = [0.01, 0.1, 1, 10, 100]
}
