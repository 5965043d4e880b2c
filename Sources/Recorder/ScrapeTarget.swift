/// One endpoint to scrape, as the user or service discovery named it.
public struct ScrapeTarget: Sendable, Hashable {
  /// `host:port`, as Prometheus's `instance` label shows it.
  public var address: String
  /// The full URL scraped (`http://host:port/metrics`).
  public var url: String
  /// The `job` label.
  public var job: String
  /// Extra target labels (from `--label`, or from the discovery file's `labels`).
  public var labels: [String: String]

  public init(address: String, url: String, job: String, labels: [String: String] = [:]) {
    self.address = address
    self.url = url
    self.job = job
    self.labels = labels
  }

  /// Parses `--target [NAME=]URL`: a URL (`http://host:port/path`) or a bare `host:port`,
  /// optionally with a job name before `=`.
  public static func parse(_ argument: String, defaultJob: String) throws(RecorderError) -> ScrapeTarget {
    var job = defaultJob
    var rest = Substring(argument)
    if let eq = rest.firstIndex(of: "="), !rest[..<eq].contains("/"), !rest[..<eq].contains(":") {
      job = String(rest[..<eq])
      rest = rest[rest.index(after: eq)...]
      guard !job.isEmpty else { throw .invalidTarget(argument, "empty job name before '='") }
    }
    var url = String(rest)
    if url.hasPrefix("https://") { throw .invalidTarget(argument, "https is not supported") }
    if !url.hasPrefix("http://") { url = "http://" + url }
    let afterScheme = url.dropFirst("http://".count)
    let hostPort = afterScheme.prefix { $0 != "/" }
    guard let colon = hostPort.lastIndex(of: ":"), let port = Int(hostPort[hostPort.index(after: colon)...]),
      (1...65535).contains(port), colon > hostPort.startIndex
    else {
      throw .invalidTarget(argument, "expected HOST:PORT, e.g. 127.0.0.1:8080 or http://host:8080/metrics")
    }
    if afterScheme.count == hostPort.count { url += "/metrics" }
    return ScrapeTarget(address: String(hostPort), url: url, job: job)
  }
}

/// What went wrong while setting up or running a recording.
public enum RecorderError: Error, Sendable, Equatable, CustomStringConvertible {
  case invalidTarget(String, String)
  case discovery(path: String, message: String)
  case noTargets(String)
  /// A `--shard` that is not `I/N` with `0 <= I < N`: the text given and what is wrong with it.
  case invalidShard(String, String)
  /// Writing the archive failed (disk full, I/O error): the recording stopped there.
  case write(path: String, message: String)

  public var description: String {
    switch self {
    case .invalidTarget(let argument, let why): "invalid target '\(argument)': \(why)"
    case .discovery(let path, let message): "\(path): \(message)"
    case .noTargets(let why): "no targets to record: \(why)"
    case .invalidShard(let text, let why): "invalid shard '\(text)': \(why)"
    case .write(let path, let message):
      "\(path): writing the archive failed, so the recording stopped: \(message); the frames written"
        + " before are kept (if the file was not closed, `rayrec repair` keeps every complete frame)"
    }
  }
}
