import Foundation

/// Performance figures, one `name: value unit` line each. Always run a release build:
/// `swift run -c release rayrec-bench <benchmark> ...`.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
  usage: rayrec-bench <benchmark> [args]
    parse [--repeat N] FILE...         streaming exposition parser: MB/s and samples/s
    serve-targets N BODYFILE           serve BODYFILE on N loopback ports (prints them), until killed
    schedule ARCHIVE                   scrape start jitter and missed intervals of a recording
    queries ARCHIVE FILE [--compat 2]  range queries over a whole recording: time and peak memory
    scenario SCENARIO                  record --scenario in virtual time: time and archive size
  """

switch arguments.first {
case "parse": parseBenchmark(Array(arguments.dropFirst()))
case "serve-targets": serveTargets(Array(arguments.dropFirst()))
case "schedule": scheduleFigures(Array(arguments.dropFirst()))
case "queries": queryBenchmark(Array(arguments.dropFirst()))
case "scenario": scenarioBenchmark(Array(arguments.dropFirst()))
default:
  print(usage)
  exit(arguments.isEmpty ? 0 : 64)
}
