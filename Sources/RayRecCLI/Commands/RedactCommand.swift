import Archive
import Basics
import Foundation
import Redaction

/// `rayrec redact`: a recording with what must not leave the cluster replaced by stable
/// pseudonyms.
enum RedactCommand {
  static let spec = CommandSpec(
    name: "redact",
    abstract: "Replace IPs, host names, Ray ids and session names with stable pseudonyms.",
    discussion: """
      Replaces, consistently across every frame, in label values, target URLs and labels and
      response headers: IPv4 addresses (by addresses in 10.0.0.0/8), Ray ids (hex runs of 16 or
      more: node, worker, actor, task ids; and JobId values), session names, host names (values of
      host labels, hosts of target URLs), the values of --label-value labels and the matches of
      --regex patterns. A pseudonym keeps its token's length and alphabet; it comes from a keyed
      hash, so two recordings redacted with the same --key-file still match. Every other byte is
      kept. --rule KIND limits the built-in kinds to those named (ip, id, session, host).
      --config FILE reads more options, one per line ('label-value NAME', 'regex RE',
      'rule KIND'; '#' comments). --check writes nothing and exits 1 when anything would be
      replaced. --mapping FILE writes original-to-pseudonym JSON for the owner to reverse it.
      """,
    options: [
      .option("output", short: "o", value: "FILE", help: "The redacted archive (required unless --check)."),
      .option(
        "rule", value: "KIND", repeatable: true, help: "Only these built-in kinds: ip, id, session, host."),
      .option("label-value", value: "NAME", repeatable: true, help: "Replace every value of this label."),
      .option("regex", value: "RE", repeatable: true, help: "Replace matches in label values."),
      .option("config", value: "FILE", help: "More rules, one option per line."),
      .option(
        "key-file", value: "FILE", help: "The pseudonym key (default $RAYREC_REDACT_KEY, else random)."),
      .option("mapping", value: "FILE", help: "Write the original-to-pseudonym mapping as JSON."),
      .flag("check", help: "Write nothing; exit 1 when anything would be replaced."),
      .force,
    ],
    positionals: [PositionalSpec("archive", help: "The recording.")],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let check = args.flag("check")
    let output = args.value("output")
    guard check || output != nil else { throw UsageError(message: "missing --output FILE", path: args.path) }
    let rules = try self.rules(args)
    // Checking replaces nothing: any key finds the same tokens.
    let key = check ? [0] : try self.key(args, &console)
    let force = args.flag("force")
    if let output { try OutputFile.refuseExisting(output, force: force) }
    if let mapping = args.value("mapping") { try OutputFile.refuseExisting(mapping, force: force) }
    let reader = try ArchiveCommands.read(args.positionals[0], &console)
    let report: ArchiveRedaction.Report
    do {
      if let output, !check {
        report = try OutputFile(output, force: force).produce {
          try ArchiveRedaction.redact(reader, to: $0, rules: rules, key: key)
        }
      } else {
        report = try ArchiveRedaction.redact(reader, to: nil, rules: rules, key: key)
      }
    } catch let error as RedactionError {
      throw DataError("\(reader.path): \(error)")
    }
    if let warning = report.damaged.warning(path: reader.path) { console.error(warning) }
    let counts = TokenKind.allCases.compactMap { kind in
      report.counts[kind].map { "\($0) \(kind.rawValue)" }
    }
    let distinct = report.mapping.values.map(\.count).reduce(0, +)
    let summary = counts.isEmpty ? "nothing" : counts.joined(separator: ", ") + " (\(distinct) distinct)"
    if let mapping = args.value("mapping") {
      var object: [String: JSONValue] = [:]
      for (kind, pairs) in report.mapping { object[kind.rawValue] = JSONValue(pairs) }
      let text = JSONValue(object).prettyText() + "\n"
      try OutputFile(mapping, force: force).produce { temporary in
        let sink = try FileSink.create(temporary)
        try sink.write(Array(text.utf8))
        try sink.close()
      }
    }
    if check {
      console.print("\(reader.path): \(report.frames) frames; would replace \(summary)")
      for kind in TokenKind.allCases {
        guard let pairs = report.mapping[kind], !pairs.isEmpty else { continue }
        let shown = pairs.keys.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        console.print("  \(kind.rawValue): \(shown)\(pairs.count > 3 ? ", +\(pairs.count - 3) more" : "")")
      }
      return report.found ? 1 : 0
    }
    console.print("\(output ?? ""): \(report.frames) frames; replaced \(summary)")
    return 0
  }

  /// The rules from the options and the --config file.
  static func rules(_ args: ParsedArguments) throws -> RedactionRules {
    var kinds = args.all("rule")
    var labels = args.all("label-value")
    var patterns = args.all("regex")
    if let path = args.value("config") {
      let text = String(decoding: try FileInput.read(path), as: UTF8.self)
      for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty, !line.hasPrefix("#") else { continue }
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
          throw DataError("\(path):\(index + 1): want 'OPTION VALUE', got '\(line)'")
        }
        switch parts[0] {
        case "rule": kinds.append(parts[1])
        case "label-value": labels.append(parts[1])
        case "regex": patterns.append(parts[1])
        default:
          throw DataError("\(path):\(index + 1): unknown option '\(parts[0])' (rule, label-value or regex)")
        }
      }
    }
    var rules = RedactionRules()
    if !kinds.isEmpty {
      rules.kinds = []
      for name in kinds {
        guard let kind = TokenKind(rawValue: name), kind != .value else {
          throw UsageError(message: "--rule: want ip, id, session or host, got '\(name)'", path: args.path)
        }
        rules.kinds.insert(kind)
      }
    }
    rules.labelValues = Set(labels)
    rules.patterns = patterns
    for pattern in patterns where (try? Regex(pattern)) == nil {
      throw UsageError(message: "--regex: '\(pattern)' is not a valid regular expression", path: args.path)
    }
    return rules
  }

  /// The key: --key-file, $RAYREC_REDACT_KEY, or 32 random bytes (said on standard error).
  static func key(_ args: ParsedArguments, _ console: inout Console) throws -> [UInt8] {
    if let path = args.value("key-file") {
      var bytes = try FileInput.read(path)
      while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
      guard !bytes.isEmpty else { throw DataError("\(path): the key file is empty") }
      return bytes
    }
    if let text = ProcessInfo.processInfo.environment["RAYREC_REDACT_KEY"], !text.isEmpty {
      return Array(text.utf8)
    }
    console.error("note: no --key-file or RAYREC_REDACT_KEY: a random key, so the pseudonyms will not repeat")
    return (0..<32).map { _ in UInt8.random(in: 0...255) }
  }
}
