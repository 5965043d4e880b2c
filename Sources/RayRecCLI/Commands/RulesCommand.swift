import Archive
import Exposition
import Foundation
import PromQL
import Rules
import SeriesStore

/// `rayrec rules ...`: Prometheus rule files, checked as promtool checks them and evaluated over
/// recordings as Prometheus's rule manager evaluates them.
enum RulesCommand {
  static let spec = CommandSpec(
    name: "rules", abstract: "Check rule files and evaluate them over recordings.",
    subcommands: [check, eval])

  static let check = CommandSpec(
    name: "check",
    abstract: "Check rule files, like 'promtool check rules'.",
    discussion: """
      Reads each file as Prometheus does (strict YAML: unknown fields are errors) and checks every
      group and rule: names, record/alert, expressions, labels, annotation templates. Prints
      'Checking FILE' and '  SUCCESS: N rules found', or '  FAILED:' and each problem with its
      line:column on stderr, as promtool does. Duplicate rules (same name and labels) are reported as
      a lint error that does not fail the check unless --lint-fatal (exit 3). Exit 1 when a file has
      errors. --compat 2 reads as Prometheus 2.42 does (no group labels or query_offset, legacy names).
      """,
    options: [
      .option("compat", value: "2|3", help: "Prometheus version semantics (default 3)."),
      .option("lint", value: "duplicate-rules|none", help: "Lint checks (default duplicate-rules)."),
      .flag("lint-fatal", help: "Make lint errors exit with status 3."),
    ],
    positionals: [PositionalSpec("file", help: "The rule files.", variadic: true)],
    action: { args, console in try runCheck(args, &console) })

  static func compat(_ args: ParsedArguments) throws -> Bool {
    let compat = args.value("compat") ?? "3"
    guard compat == "2" || compat == "3" else {
      throw UsageError(message: "--compat is 2 or 3", path: args.path)
    }
    return compat == "2"
  }

  static func runCheck(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let prometheus2 = try compat(args)
    let lint = args.value("lint") ?? "duplicate-rules"
    guard lint == "duplicate-rules" || lint == "none" else {
      throw UsageError(message: "--lint is duplicate-rules or none", path: args.path)
    }
    guard !args.positionals.isEmpty else { throw UsageError(message: "no rule file given", path: args.path) }
    var failed = false
    var lintFailed = false
    for path in args.positionals {
      console.print("Checking \(path)")
      do {
        let file = try loadRuleFile(path, prometheus2: prometheus2)
        if lint == "duplicate-rules", let message = file.duplicateRulesMessage {
          console.error("  FAILED:")
          console.error("lint error \(message)")
          lintFailed = true
        } else {
          console.print("  SUCCESS: \(file.ruleCount) rules found")
        }
      } catch let error as RuleFileError {
        console.error("  FAILED:")
        for line in error.lines { console.error(line) }
        failed = true
      }
      console.print("")
    }
    if failed { return 1 }
    return lintFailed && args.flag("lint-fatal") ? 3 : 0
  }

  /// Reads and parses one rule file; a missing file is a RuleFileError as promtool words it.
  static func loadRuleFile(_ path: String, prometheus2: Bool) throws -> RuleFile {
    let bytes: [UInt8]
    do {
      bytes = try FileInput.read(path)
    } catch {
      throw RuleFileError(
        path: path, messages: [error.description.replacingOccurrences(of: "\(path): ", with: "")])
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw RuleFileError(path: path, messages: ["yaml: invalid UTF-8"])
    }
    return try RuleFile.parse(text, path: path, options: RuleFileOptions(prometheus2: prometheus2))
  }

  /// The `--rules` option of commands that evaluate PromQL over a recording.
  static let rulesOption = OptionSpec.option(
    "rules", value: "FILE", repeatable: true,
    help: "Rule files evaluated over the recording first: their recording rules and ALERTS can be queried.")

  /// The storage queries read: the store, or with `--rules` the store plus everything the rules
  /// wrote when evaluated from the recording's start to its end (groups without an interval every 1m).
  static func storage(_ args: ParsedArguments, _ store: SeriesStore, prometheus2: Bool) throws -> any Storage
  {
    try storageAndTimeline(args, store, prometheus2: prometheus2).storage
  }

  /// The storage queries read, and with `--rules` the alert timeline over the whole recording,
  /// each rule's query bounded by the command's `--timeout` and `--max-samples`.
  static func storageAndTimeline(_ args: ParsedArguments, _ store: SeriesStore, prometheus2: Bool) throws
    -> (storage: any Storage, timeline: RuleTimeline?)
  {
    let files = try loadRules(args, prometheus2: prometheus2)
    if files.isEmpty { return (store, nil) }
    var options = RuleEvaluationOptions()
    options.prometheus2 = prometheus2
    let limits = try QueryLimitOptions(args)
    options.queryTimeout = limits.timeout
    options.maxSamples = limits.maxSamples
    let timeline = RuleTimeline.evaluate(
      files: files, storage: store, start: store.startMs, end: store.endMs, options: options)
    return (timeline.evaluator.storage, timeline)
  }

  /// Every `--rules` file, or a DataError listing what is wrong with them.
  static func loadRules(_ args: ParsedArguments, prometheus2: Bool) throws -> [RuleFile] {
    var files: [RuleFile] = []
    for path in args.all("rules") {
      do {
        files.append(try loadRuleFile(path, prometheus2: prometheus2))
      } catch let error as RuleFileError {
        throw DataError(error.description)
      }
    }
    return files
  }
}
