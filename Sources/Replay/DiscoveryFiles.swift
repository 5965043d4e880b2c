public import Archive
import Basics
public import HTTP

/// The service-discovery files a replay keeps up to date, so an unmodified Prometheus finds the
/// replayed targets under their original labels.
public enum DiscoveryFiles {
  /// A served target: where it listens and what it was.
  public typealias Served = (address: SocketAddress, target: ArchiveTarget)

  /// One file_sd target group: an address to scrape and the labels Prometheus attaches.
  public typealias Group = (address: String, labels: [(String, String)])

  /// Prometheus file_sd JSON: one group per target, whose labels set `instance` back to the
  /// original address and carry the recorded job and extra labels.
  public static func fileSD(_ served: [Served]) -> String {
    fileSD(
      groups: served.map { item in
        var labels: [(String, String)] = [("instance", item.target.instance), ("job", item.target.job)]
        for label in item.target.labels where label.name != "instance" && label.name != "job" {
          labels.append((label.name, label.value))
        }
        return (item.address.description, labels)
      })
  }

  /// Prometheus file_sd JSON of `groups`, one line each (replay's and simulate's discovery files).
  public static func fileSD(groups: [Group]) -> String {
    var out = "["
    for (index, group) in groups.enumerated() {
      out += index == 0 ? "\n" : ",\n"
      out += "  {\"targets\": [\(JSONString.quote(group.address))], \"labels\": {"
      out += group.labels.map { "\(JSONString.quote($0.0)): \(JSONString.quote($0.1))" }.joined(
        separator: ", ")
      out += "}}"
    }
    return out + (groups.isEmpty ? "]\n" : "\n]\n")
  }

  /// Ray's own discovery file (`/tmp/ray/prom_metrics_service_discovery.json`): one group, job
  /// `ray`, every served address.
  public static func raySD(_ served: [Served]) -> String {
    let targets = served.map { JSONString.quote($0.address.description) }.joined(separator: ", ")
    return "[{\"labels\": {\"job\": \"ray\"}, \"targets\": [\(targets)]}]\n"
  }

  /// Replaces `path` atomically (a fresh, exclusively created sibling, then rename), so a reader
  /// never sees half a file and a symlink planted beside it is never followed.
  public static func write(_ text: String, to path: String) throws(ReplayError) {
    do throws(FileError) {
      try AtomicFile.replace(path, with: Array(text.utf8))
    } catch {
      throw .io(path: error.path, message: "\(error.operation): \(error.message)")
    }
  }

}
