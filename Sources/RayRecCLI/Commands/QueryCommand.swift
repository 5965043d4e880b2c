import Archive
import Basics
import Exposition
import Foundation
import PromAPI
import PromQL
import SeriesStore

/// `rayrec query`: PromQL over a recording, answering what Prometheus would have answered.
enum QueryCommand {
  static let spec = CommandSpec(
    name: "query",
    abstract: "Evaluate PromQL over a recording, as Prometheus would have answered it.",
    discussion: """
      The recording is read the way Prometheus ingests scrapes: job and instance labels (plus the
      recorded and --label extra labels), up and the other scrape series, staleness markers when a
      series vanishes or a scrape fails, the 5m lookback. An instant query runs at --time (default
      the end of the recording); --start/--end/--step make a range query. Times: RFC 3339, unix
      seconds, start, +90s, end, end-1m. --json prints exactly what Prometheus's /api/v1/query and
      /api/v1/query_range return. An expression that starts with '-' (-Inf, -x) is read as the
      expression, not an option; put '--' before one that could be taken for an option.
      A recording that was not closed cleanly is read with a warning on standard error.
      """,
    options: [
      .option("time", value: "TIME", help: "Instant query time (default end)."),
      .option("start", value: "TIME", help: "Range query start."),
      .option("end", value: "TIME", help: "Range query end (default end)."),
      .option("step", value: "DURATION", help: "Range query step (default 15s)."),
      .option(
        "label", value: "NAME=VALUE", repeatable: true,
        help: "An extra label on every target (e.g. ray_io_cluster=prod)."),
      StoreOptionArguments.compat,
      .flag("json", help: "Print the Prometheus HTTP API response."),
      StoreOptionArguments.noStaleness,
      RulesCommand.rulesOption,
    ] + QueryLimitOptions.options,
    positionals: [
      PositionalSpec("archive", help: "The recording."),
      PositionalSpec("expr", help: "The PromQL expression."),
    ],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let prometheus2 = try StoreOptionArguments.prometheus2(args)
    let storeOptions = try StoreOptionArguments.options(args)
    var parserOptions = ParserOptions()
    parserOptions.prometheus2Functions = prometheus2
    let exprText = args.positionals[1]
    let expr: Expr
    do {
      expr = try Parser.parse(exprText, options: parserOptions)
    } catch {
      if args.flag("json") { console.print(errorJSON(.badData, error.description)) }
      throw DataError(error.description)
    }
    // Usage errors before the recording is read.
    for (name, fallback) in [("time", "end"), ("start", "start"), ("end", "end")] {
      _ = try QueryCommand.time(args, name, fallback)
    }
    _ = try RecordCommand.duration(args, "step", default: 15_000)
    let limits = try QueryLimitOptions(args)
    let reader = try ArchiveCommands.read(args.positionals[0], &console)
    let store = try ArchiveCommands.store(reader, storeOptions, &console)
    var engine = Engine(storage: try RulesCommand.storage(args, store, prometheus2: prometheus2))
    engine.prometheus2Semantics = prometheus2
    limits.apply(to: &engine)
    func time(_ name: String, _ fallback: String) throws -> Int64 {
      try QueryCommand.time(args, name, fallback).resolve(start: store.startMs, end: store.endMs)
    }
    do {
      if args.value("start") != nil {
        let start = try time("start", "start")
        let end = try time("end", "end")
        let step = try RecordCommand.duration(args, "step", default: 15_000)
        guard step > 0 else { throw UsageError(message: "--step must be positive", path: args.path) }
        let series = try engine.rangeQuery(expr, start: start, end: end, step: step)
        if args.flag("json") {
          console.print(Value.matrix(series).prometheusAPIJSON(at: end))
        } else {
          for s in series {
            console.print(s.labels.description)
            for (t, v) in zip(s.timestamps, s.values) {
              console.print("  \(RFC3339.format(t))  \(PrometheusFloatText.apiValue(v))")
            }
          }
        }
      } else {
        let at = try time("time", "end")
        let value = try engine.instantQuery(expr, at: at)
        if args.flag("json") {
          console.print(value.prometheusAPIJSON(at: at))
        } else {
          printTable(value, at: at, &console)
        }
      }
    } catch let error as EvaluationError {
      let type: APIError.Kind = error == .queryTimeout ? .timeout : .execution
      if args.flag("json") { console.print(errorJSON(type, error.message)) }
      throw DataError("query failed: \(error.message)")
    }
    return 0
  }

  /// The time option `name` (or `fallback`), parsed; a usage error names the accepted forms.
  static func time(_ args: ParsedArguments, _ name: String, _ fallback: String) throws -> TimeArgument {
    let text = args.value(name) ?? fallback
    guard let time = TimeArgument(text) else {
      throw UsageError(message: "--\(name): invalid time '\(text)' (\(TimeArgument.forms))", path: args.path)
    }
    return time
  }

  static func printTable(_ value: Value, at: Int64, _ console: inout Console) {
    switch value {
    case .scalar(let v): console.print("scalar: \(PrometheusFloatText.apiValue(v)) @ \(RFC3339.format(at))")
    case .string(let s): console.print("string: \(s)")
    case .vector(let samples):
      if samples.isEmpty { console.print("(empty result at \(RFC3339.format(at)))") }
      for s in samples { console.print("\(s.labels.description)  \(PrometheusFloatText.apiValue(s.value))") }
    case .matrix(let series):
      for s in series {
        console.print(s.labels.description)
        for (t, v) in zip(s.timestamps, s.values) {
          console.print("  \(RFC3339.format(t))  \(PrometheusFloatText.apiValue(v))")
        }
      }
    }
  }

  /// Prometheus's error envelope, keys in its order.
  static func errorJSON(_ type: APIError.Kind, _ message: String) -> String {
    String(decoding: APIError(type, message).json, as: UTF8.self)
  }
}
