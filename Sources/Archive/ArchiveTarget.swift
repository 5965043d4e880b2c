/// One scraped endpoint, as recorded in the archive header.
public struct ArchiveTarget: Sendable, Hashable {
  /// Small number that frames use to name their target; unique within an archive.
  public var id: UInt32
  /// The URL that was scraped, e.g. `http://127.0.0.1:8080/metrics`.
  public var url: String
  /// The Prometheus `job` label the target belongs to.
  public var job: String
  /// Extra target labels (e.g. `ray_io_cluster`), in the order given.
  public var labels: [Label]
  /// Configured scrape interval in milliseconds (0 if unknown).
  public var intervalMs: Int64
  /// Configured scrape timeout in milliseconds (0 if unknown).
  public var timeoutMs: Int64

  /// A target label name and value.
  public struct Label: Sendable, Hashable {
    /// Label name.
    public var name: String
    /// Label value.
    public var value: String

    /// Makes a label.
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// Makes a target.
  public init(
    id: UInt32, url: String, job: String, labels: [Label] = [], intervalMs: Int64 = 0,
    timeoutMs: Int64 = 0
  ) {
    self.id = id
    self.url = url
    self.job = job
    self.labels = labels
    self.intervalMs = intervalMs
    self.timeoutMs = timeoutMs
  }

  /// The `host:port` part of `url` (Prometheus' `instance` label), or the whole URL if it has none.
  public var instance: String {
    var rest = Substring(url)
    if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
      rest = rest[rest.index(colon, offsetBy: 3)...]
    }
    if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
    return String(rest)
  }
}

extension ArchiveTarget {
  func encode(into writer: inout ByteWriter) {
    writer.varint(UInt64(id))
    writer.string(url)
    writer.string(job)
    writer.varint(labels.count)
    for label in labels {
      writer.string(label.name)
      writer.string(label.value)
    }
    writer.zigzag(intervalMs)
    writer.zigzag(timeoutMs)
  }

  static func decode(from reader: inout ByteReader) throws(ArchiveError) -> ArchiveTarget {
    let rawID = try reader.varint()
    guard rawID <= UInt64(UInt32.max) else { throw reader.fail("target id \(rawID) too large") }
    let url = try reader.string()
    let job = try reader.string()
    let labelCount = try reader.count(limit: reader.remaining)
    var labels: [Label] = []
    for _ in 0..<labelCount {
      let name = try reader.string()
      labels.append(Label(name, try reader.string()))
    }
    let interval = try reader.zigzag()
    let timeout = try reader.zigzag()
    return ArchiveTarget(
      id: UInt32(rawID), url: url, job: job, labels: labels, intervalMs: interval, timeoutMs: timeout)
  }
}
