import Basics

/// Prometheus `file_sd` JSON, which is also the format of Ray's discovery file
/// (`/tmp/ray/prom_metrics_service_discovery.json`):
/// `[{"targets": ["host:port", ...], "labels": {"job": "ray", ...}}, ...]`.
public enum FileDiscovery {
  /// Ray's discovery file under a session directory root (default `/tmp/ray`).
  public static func rayDiscoveryPath(root: String = "/tmp/ray") -> String {
    root + "/prom_metrics_service_discovery.json"
  }

  /// Reads the targets of a file_sd JSON document.
  ///
  /// Labels starting with `__` are Prometheus meta labels: `__metrics_path__` and `__scheme__`
  /// shape the URL, the rest are dropped, as relabelling would by default. `job` comes from the
  /// group's labels, else `defaultJob`.
  public static func targets(
    json: [UInt8], path: String, defaultJob: String
  ) throws(RecorderError) -> [ScrapeTarget] {
    let document: JSONValue
    do {
      document = try JSONParser.parse(json)
    } catch {
      throw .discovery(path: path, message: "invalid JSON at \(error)")
    }
    guard let groups = document.array else {
      throw .discovery(path: path, message: "expected a JSON array of target groups")
    }
    var out: [ScrapeTarget] = []
    var seen = Set<String>()
    for (i, group) in groups.enumerated() {
      guard case .object = group else {
        throw .discovery(path: path, message: "group \(i): expected an object")
      }
      guard let list = group["targets"]?.array, case let addresses = list.compactMap(\.string),
        addresses.count == list.count
      else {
        throw .discovery(path: path, message: "group \(i): expected \"targets\": [\"host:port\", ...]")
      }
      var labels: [String: String] = [:]
      if let raw = group["labels"], raw != .null {
        guard case .object(let members) = raw, members.allSatisfy({ $0.1.string != nil }) else {
          throw .discovery(path: path, message: "group \(i): \"labels\" must map strings to strings")
        }
        for (name, value) in members { labels[name] = value.string }
      }
      let job = labels.removeValue(forKey: "job") ?? defaultJob
      let metricsPath = labels["__metrics_path__"] ?? "/metrics"
      if let scheme = labels["__scheme__"], scheme != "http" {
        throw .discovery(path: path, message: "group \(i): scheme \(scheme) is not supported")
      }
      labels = labels.filter { !$0.key.hasPrefix("__") }
      for address in addresses {
        var target = try ScrapeTarget.parse(address, defaultJob: job)
        target.url = "http://\(target.address)\(metricsPath)"
        target.labels = labels
        if seen.insert(target.url).inserted { out.append(target) }
      }
    }
    return out
  }
}
