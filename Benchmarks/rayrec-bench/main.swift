import Foundation

/// Performance figures, one `name: value unit` line each. Always run a release build:
/// `swift run -c release rayrec-bench <benchmark> ...`.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
  usage: rayrec-bench <benchmark> [args]
    parse [--repeat N] FILE...         streaming exposition parser: MB/s and samples/s
    serve-targets N BODYFILE           serve BODYFILE on N loopback ports (prints them), until killed
    schedule ARCHIVE                   scrape start jitter and missed intervals of a recording
    queries ARCHIVE FILE [--compat 2] [--repeat N] [--no-staleness] [--verbose] [--dump FILE]
                                       range queries over a whole recording: time and peak memory
    scenario SCENARIO                  record --scenario in virtual time: time and archive size
    replay-body BYTES                  print a Ray-shaped exposition of about BYTES bytes
    replay-serve BODYFILE              replay an archive serving BODYFILE (prints the address), until killed
    replay-switch [--speed 1000x] [--targets N] [--frames N] [--bytes N]
                                       how late frame switches come (p50, p99, max)
    replay-fuzz [SECONDS]              random and mutated requests against a replay; it must keep serving
    frames ARCHIVE DIR                 every frame's body as DIR/N.prom (the zstd floor of bench-fixtures)
    load ARCHIVE [--repeat N]          building the series store, decoding overlapped and not
  """

switch arguments.first {
case "parse": parseBenchmark(Array(arguments.dropFirst()))
case "serve-targets": serveTargets(Array(arguments.dropFirst()))
case "schedule": scheduleFigures(Array(arguments.dropFirst()))
case "queries": queryBenchmark(Array(arguments.dropFirst()))
case "scenario": scenarioBenchmark(Array(arguments.dropFirst()))
case "replay-body": replayBody(Array(arguments.dropFirst()))
case "replay-serve": replayServe(Array(arguments.dropFirst()))
case "replay-switch": replaySwitch(Array(arguments.dropFirst()))
case "replay-fuzz": replayFuzz(Array(arguments.dropFirst()))
case "frames": framesDump(Array(arguments.dropFirst()))
case "load": loadBenchmark(Array(arguments.dropFirst()))
default:
  print(usage)
  exit(arguments.isEmpty ? 0 : 64)
}
