import Archive
import Foundation
import Glibc
import HTTP
import PromQL
import RemoteWrite
import SeriesStore

/// `rayrec export --remote-write URL`: the options, and the push with its progress and summary.
enum RemoteWriteOptions {
  static let specs: [OptionSpec] = [
    .option("remote-write", value: "URL", help: "Push with Prometheus remote write 1.0 to this URL instead."),
    .option("header", value: "NAME:VALUE", repeatable: true, help: "An extra request header."),
    .option("bearer-token-file", value: "FILE", help: "Send 'Authorization: Bearer' with the token in FILE."),
    .option(
      "basic-auth", value: "USER:PASSFILE", help: "Send basic auth as USER with the password in PASSFILE."),
    .option("tenant", value: "ID", help: "The tenant (X-Scope-OrgID) for Mimir, Cortex, Loki."),
    .option("batch-size", value: "N", help: "Most samples per request (default 2000)."),
    .option("shards", value: "N", help: "Requests in flight at once, 1 to 200 (default 4)."),
    .option("timeout", value: "DURATION", help: "Time allowed for one request (default 30s)."),
    .option("max-retries", value: "N", help: "Retries of a failing request before giving up (default 10)."),
    .option(
      "min-backoff", value: "DURATION", help: "First wait before a retry; doubles each time (default 30ms)."),
    .option("max-backoff", value: "DURATION", help: "Longest wait between retries (default 5s)."),
    .flag("dry-run", help: "Print what would be sent (requests, bytes, headers) and send nothing."),
    .flag("json", help: "Print the push's figures as JSON (samples, requests, bytes, seconds)."),
    StoreOptionArguments.compat,
    StoreOptionArguments.noStaleness,
  ]

  /// Options that only mean something with `--remote-write`.
  static let remoteOnly = [
    "header", "bearer-token-file", "basic-auth", "tenant", "batch-size", "shards", "timeout", "max-retries",
    "min-backoff", "max-backoff", "dry-run", "json", "compat", "no-staleness",
  ]

  /// A usage error when a remote-write option comes without `--remote-write`.
  static func refuseWithoutURL(_ args: ParsedArguments) throws {
    if let name = remoteOnly.first(where: { args.value($0) != nil || args.flag($0) }) {
      throw UsageError(message: "--\(name) needs --remote-write URL", path: args.path)
    }
  }

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    for name in ["output", "format", "force"] where args.value(name) != nil || args.flag(name) {
      throw UsageError(message: "--\(name) does not go with --remote-write", path: args.path)
    }
    var writable = try endpoint(args)
    let options = try queueOptions(args)
    let window = try ExportCommand.timeWindow(args)
    let storeOptions = try StoreOptionArguments.options(args)
    try readCredentials(args, into: &writable)
    let endpoint = writable
    let reader = try ArchiveCommands.read(args.positionals[0], &console)
    let (from, to) = try ExportCommand.resolve(window, reader, args)
    let push = ArchivePush(reader: reader, options: storeOptions, from: from, to: to)
    if args.flag("dry-run") {
      let report = try Blocking.run {
        await RemoteWriteQueue(transport: DryRunTransport(), options: options)
          .send(metadata: push.metadata, source: push)
      }
      warnDamaged(push, reader, &console)
      if args.flag("json") {
        printJSON(push, report, endpoint, dryRun: true, &console)
      } else {
        printDryRun(push, report, endpoint, options, &console)
      }
      return 0
    }
    // Only on a terminal, and never in tests (whose consoles keep the output).
    let line = PushProgressLine(enabled: console.passthrough && isatty(2) == 1)
    let report = try Blocking.run {
      let client = try HTTPClient(version: rayrecVersion)
      let queue = RemoteWriteQueue(
        transport: HTTPTransport(client: client, endpoint: endpoint), options: options)
      let report = await queue.send(metadata: push.metadata, source: push) { line.show($0) }
      await client.shutdown()
      return report
    }
    line.clear()
    warnDamaged(push, reader, &console)
    return summarize(push, report, endpoint, json: args.flag("json"), &console)
  }

  /// The URL and the headers given on the command line (usage errors).
  static func endpoint(_ args: ParsedArguments) throws -> RemoteWriteEndpoint {
    func usage<T>(_ option: String, _ body: () throws -> T) throws -> T {
      do {
        return try body()
      } catch let error as RemoteWriteError {
        throw UsageError(message: "--\(option): \(error.message)", path: args.path)
      }
    }
    var endpoint = try usage("remote-write") {
      try RemoteWriteEndpoint(url: args.value("remote-write") ?? "")
    }
    if args.value("timeout") != nil {
      let ms = try RecordCommand.duration(args, "timeout", default: 30_000)
      guard ms > 0 else { throw UsageError(message: "--timeout must be positive", path: args.path) }
      endpoint.timeout = .milliseconds(ms)
    }
    for header in args.all("header") {
      guard let colon = header.firstIndex(of: ":") else {
        throw UsageError(message: "--header wants NAME:VALUE, got '\(header)'", path: args.path)
      }
      let name = String(header[..<colon])
      let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      try usage("header") { try endpoint.addHeader(name: name, value: value) }
    }
    if let tenant = args.value("tenant") { try usage("tenant") { try endpoint.setTenant(tenant) } }
    if args.value("bearer-token-file") != nil && args.value("basic-auth") != nil {
      throw UsageError(message: "give one of --bearer-token-file and --basic-auth", path: args.path)
    }
    if let basic = args.value("basic-auth") {
      guard let colon = basic.firstIndex(of: ":"), colon != basic.startIndex,
        basic.index(after: colon) != basic.endIndex
      else {
        throw UsageError(message: "--basic-auth wants USER:PASSWORD_FILE, got '\(basic)'", path: args.path)
      }
    }
    return endpoint
  }

  /// The token or password files, read now: a file that cannot be read is a data error (exit 1).
  static func readCredentials(_ args: ParsedArguments, into endpoint: inout RemoteWriteEndpoint) throws {
    func read(_ option: String, _ path: String) throws -> String {
      do {
        return String(decoding: try FileInput.read(path), as: UTF8.self)
      } catch {
        throw DataError("--\(option) \(error.description)")
      }
    }
    do {
      if let path = args.value("bearer-token-file") {
        try endpoint.setBearerToken(try read("bearer-token-file", path))
      }
      if let basic = args.value("basic-auth"), let colon = basic.firstIndex(of: ":") {
        let path = String(basic[basic.index(after: colon)...])
        try endpoint.setBasicAuth(user: String(basic[..<colon]), password: try read("basic-auth", path))
      }
    } catch let error as RemoteWriteError {
      throw DataError("remote write: \(error.message)")
    }
  }

  /// `--batch-size`, `--shards`, `--max-retries` and the backoffs.
  static func queueOptions(_ args: ParsedArguments) throws -> QueueOptions {
    var options = QueueOptions()
    func count(_ name: String, _ range: ClosedRange<Int>, default value: Int) throws -> Int {
      guard let text = args.value(name) else { return value }
      guard let number = Int(text), range.contains(number) else {
        throw UsageError(
          message:
            "--\(name): '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)",
          path: args.path)
      }
      return number
    }
    options.batchSize = try count("batch-size", 1...1_000_000, default: options.batchSize)
    options.shards = try count("shards", 1...200, default: options.shards)
    options.maxRetries = try count("max-retries", 0...1_000_000, default: options.maxRetries)
    let minimum = try RecordCommand.duration(args, "min-backoff", default: 30)
    let maximum = try RecordCommand.duration(args, "max-backoff", default: 5000)
    guard minimum <= maximum else {
      throw UsageError(message: "--min-backoff must not be longer than --max-backoff", path: args.path)
    }
    options.minBackoff = .milliseconds(minimum)
    options.maxBackoff = .milliseconds(maximum)
    return options
  }
}
