import Glibc

/// The files of a scrape dump tree, grouped into targets and scrapes, sorted by time.
struct DumpTree {
  struct Target {
    var address: String
    var medianGapMs: Int64
  }

  struct Scrape {
    var target: Int
    var timeMs: Int64
    var stem: String
    var hasBody: Bool
    var hasHeaders: Bool
    var hasError: Bool
  }

  var targets: [Target] = []
  var scrapes: [Scrape] = []

  static func scan(_ directory: String) throws(ArchiveError) -> DumpTree {
    var tree = DumpTree()
    for name in try listDirectory(directory).sorted() where name.contains(":") {
      let files = try listDirectory("\(directory)/\(name)")
      var byStem: [String: Scrape] = [:]
      for file in files {
        guard let dot = file.lastIndex(of: ".") else { continue }
        let stem = String(file[..<dot])
        guard let time = Int64(stem) else { continue }
        var scrape =
          byStem[stem]
          ?? Scrape(
            target: tree.targets.count, timeMs: time, stem: stem, hasBody: false, hasHeaders: false,
            hasError: false)
        switch file[file.index(after: dot)...] {
        case "prom": scrape.hasBody = true
        case "headers": scrape.hasHeaders = true
        case "error": scrape.hasError = true
        default: continue
        }
        byStem[stem] = scrape
      }
      guard !byStem.isEmpty else { continue }
      let times = byStem.values.map(\.timeMs).sorted()
      let gaps = zip(times, times.dropFirst()).map { $1 - $0 }.sorted()
      tree.targets.append(Target(address: name, medianGapMs: gaps.isEmpty ? 0 : gaps[gaps.count / 2]))
      tree.scrapes += byStem.values
    }
    tree.scrapes.sort { ($0.timeMs, $0.target) < ($1.timeMs, $1.target) }
    return tree
  }

  static func listDirectory(_ path: String) throws(ArchiveError) -> [String] {
    guard let handle = opendir(path) else { throw ArchiveWriter.ioError(path, "opendir") }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }
}

extension DumpTree.Scrape {
  func load(directory: String, address: String) throws(ArchiveError) -> Frame {
    let base = "\(directory)/\(address)/\(stem)"
    let body = hasBody ? try ArchiveReader.readFile(base + ".prom") : []
    if hasError {
      let text = String(decoding: try ArchiveReader.readFile(base + ".error"), as: UTF8.self)
      let message = String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
      return Frame(
        targetID: UInt32(target), timeMs: timeMs, outcome: .failed(Self.kind(of: message), message: message),
        body: body)
    }
    var status = 200
    var headers: [Frame.HeaderField] = []
    if hasHeaders {
      let text = String(decoding: try ArchiveReader.readFile(base + ".headers"), as: UTF8.self)
      // "\r\n" is one Character in Swift, so split on newline characters, not on "\n".
      var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      if let first = lines.first, first.hasPrefix("HTTP/") {
        let parts = first.split(separator: " ", maxSplits: 2)
        if parts.count >= 2, let code = Int(parts[1]) { status = code }
        lines.removeFirst()
      }
      for line in lines where !line.isEmpty {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        headers.append(Frame.HeaderField(String(line[..<colon]), String(value)))
      }
    }
    let contentType = headers.last { $0.name.lowercased() == "content-type" }?.value ?? ""
    return Frame(
      targetID: UInt32(target), timeMs: timeMs, outcome: .response(status: status),
      contentType: contentType, headers: headers, body: body)
  }

  /// Failure kind named by an error text.
  static func kind(of text: String) -> FailureKind {
    let lower = text.lowercased()
    if lower.contains("refused") { return .refused }
    if lower.contains("timed out") || lower.contains("timeout") { return .timeout }
    if lower.contains("reset") || lower.contains("broken pipe") { return .reset }
    if lower.contains("too large") || lower.contains("too big") { return .bodyTooLarge }
    if lower.contains("malformed") || lower.contains("parse") { return .malformed }
    return .other
  }
}
