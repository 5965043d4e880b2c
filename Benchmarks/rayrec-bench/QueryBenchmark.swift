import Archive
import Foundation
import PromQL
import SeriesStore

/// Loads a recording into a series store and runs every query of a file as a range query over the
/// whole recording: load time, query time, peak memory.
func queryBenchmark(_ args: [String]) {
  guard args.count >= 2 else {
    print(
      "usage: rayrec-bench queries ARCHIVE QUERYFILE [--step MS] [--compat 2] [--verbose] [--repeat N] [--no-staleness]"
    )
    exit(64)
  }
  let step = args.firstIndex(of: "--step").flatMap { Int64(args[$0 + 1]) } ?? 15_000
  let compat2 = args.firstIndex(of: "--compat").map { $0 + 1 < args.count && args[$0 + 1] == "2" } ?? false
  do {
    let loadStart = now()
    var options = compat2 ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
    // Prometheus backfilled from an export has no staleness markers; --no-staleness reads the
    // same samples it does, so both engines do the same work.
    options.staleness = !args.contains("--no-staleness")
    let store = try SeriesStore(reader: ArchiveReader(path: args[0]), options: options)
    let loaded = now() - loadStart
    let queries = try String(contentsOfFile: args[1], encoding: .utf8).split(separator: "\n")
      .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    var engine = Engine(storage: store)
    engine.prometheus2Semantics = compat2
    var parserOptions = ParserOptions()
    parserOptions.prometheus2Functions = compat2
    var failed = 0
    var points = 0
    var series = 0
    var jsonBytes = 0
    // --dump FILE: each query's API body on a line of its own, for comparing with Prometheus's.
    var dump: [String] = []
    let verbose = args.contains("--verbose")
    let passes = max(1, args.firstIndex(of: "--repeat").flatMap { Int(args[$0 + 1]) } ?? 1)
    // Each pass runs every query once; the best pass is the figure least disturbed by other work.
    var bestQuery = Double.infinity
    var bestWithJSON = Double.infinity
    for pass in 0..<passes {
      var queryTime = 0.0
      var jsonTime = 0.0
      for query in queries {
        let started = now()
        do {
          let result = try engine.rangeQuery(
            Parser.parse(query, options: parserOptions), start: store.startMs, end: store.endMs, step: step)
          let evaluated = now()
          queryTime += evaluated - started
          // The body /api/v1/query_range would send, as Prometheus's HTTP figure includes it.
          let body = Value.matrix(result).prometheusAPIJSON(at: store.endMs)
          jsonTime += now() - evaluated
          if pass == 0 {
            series += result.count
            points += result.reduce(0) { $0 + $1.timestamps.count }
            jsonBytes += body.utf8.count
            dump.append(body)
          }
          if verbose { print(String(format: "  %8.2f ms  %@", (evaluated - started) * 1000, query)) }
        } catch {
          if pass == 0 {
            failed += 1
            dump.append(#"{"status":"error"}"#)
          }
          FileHandle.standardError.write(Data("query failed: \(query): \(error)\n".utf8))
        }
      }
      bestQuery = min(bestQuery, queryTime)
      bestWithJSON = min(bestWithJSON, queryTime + jsonTime)
    }
    if let i = args.firstIndex(of: "--dump"), i + 1 < args.count {
      try (dump.joined(separator: "\n") + "\n").write(toFile: args[i + 1], atomically: true, encoding: .utf8)
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print("queries.count: \(queries.count) queries")
    print("queries.failed: \(failed) queries")
    print("queries.result_series: \(series) series")
    print("queries.result_points: \(points) points")
    print("queries.store_series: \(store.series.count) series")
    print("queries.store_samples: \(store.sampleCount) samples")
    print("queries.load_time: \(String(format: "%.3f", loaded)) s")
    print("queries.passes: \(passes)")
    print("queries.query_time: \(String(format: "%.3f", bestQuery)) s (best pass, evaluation only)")
    print(
      "queries.query_json_time: \(String(format: "%.3f", bestWithJSON)) s (best pass, evaluation + API JSON)")
    print("queries.json_bytes: \(jsonBytes) bytes")
    print("queries.peak_rss: \(usage.ru_maxrss / 1024) MB")
  } catch {
    print("queries: \(error)")
    exit(1)
  }
}
