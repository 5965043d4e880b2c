/// The label sets Ray 2.60's exporters put on their series.
struct RayLabels: Sendable {
  static let version = "2.60.0"
  let common: [(String, String)]

  init(sessionName: String) {
    common = [
      ("SessionName", sessionName), ("Version", RayLabels.version),
      ("otel_scope_name", "ray._private.telemetry.open_telemetry_metric_recorder"),
      ("otel_scope_schema_url", ""), ("otel_scope_version", ""),
    ]
  }

  /// Series recorded by a C++ component (raylet, gcs_server, core_worker).
  func component(_ name: String, _ address: String, worker: String? = "") -> [(String, String)] {
    var l = common + [("Component", name), ("NodeAddress", address)]
    if let worker { l.append(("WorkerId", worker)) }
    return l
  }

  /// Series of the dashboard agent's node reporter.
  func reporter(_ spec: NodeSpec) -> [(String, String)] {
    common + [
      ("IsHeadNode", spec.isHead ? "true" : "false"), ("RayNodeType", spec.isHead ? "head" : "worker"),
      ("ip", spec.address),
    ]
  }

  /// Per-process series of the node reporter (`Component`, `pid`).
  func process(_ spec: NodeSpec, _ component: String, pid: String) -> [(String, String)] {
    common + [("Component", component), ("ip", spec.address), ("pid", pid)]
  }
}
