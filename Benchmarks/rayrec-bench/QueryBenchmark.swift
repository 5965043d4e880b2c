import Archive
import Foundation
import PromQL
import SeriesStore

/// Loads a recording into a series store and runs every query of a file as a range query over the
/// whole recording: load time, query time, peak memory.
func queryBenchmark(_ args: [String]) {
  guard args.count >= 2 else {
    print("usage: rayrec-bench queries ARCHIVE QUERYFILE [--step MS] [--compat 2] [--verbose] [--repeat N]")
    exit(64)
  }
  let step = args.firstIndex(of: "--step").flatMap { Int64(args[$0 + 1]) } ?? 15_000
  let compat2 = args.contains("--compat") && args.last == "2"
  do {
    let loadStart = now()
    var options = compat2 ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
    options.staleness = true
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
    let queryStart = now()
    let verbose = args.contains("--verbose")
    let repeats = args.firstIndex(of: "--repeat").flatMap { Int(args[$0 + 1]) } ?? 1
    for query in Array(repeating: queries, count: repeats).joined() {
      let started = now()
      defer { if verbose { print(String(format: "  %8.2f ms  %@", (now() - started) * 1000, query)) } }
      do {
        let result = try engine.rangeQuery(
          Parser.parse(query, options: parserOptions), start: store.startMs, end: store.endMs, step: step)
        series += result.count
        points += result.reduce(0) { $0 + $1.timestamps.count }
      } catch {
        failed += 1
        FileHandle.standardError.write(Data("query failed: \(query): \(error)\n".utf8))
      }
    }
    let queried = (now() - queryStart) / Double(repeats)
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print("queries.count: \(queries.count) queries")
    print("queries.failed: \(failed) queries")
    print("queries.result_series: \(series) series")
    print("queries.result_points: \(points) points")
    print("queries.store_series: \(store.series.count) series")
    print("queries.store_samples: \(store.sampleCount) samples")
    print("queries.load_time: \(String(format: "%.3f", loaded)) s")
    print("queries.query_time: \(String(format: "%.3f", queried)) s")
    print("queries.peak_rss: \(usage.ru_maxrss / 1024) MB")
  } catch {
    print("queries: \(error)")
    exit(1)
  }
}
