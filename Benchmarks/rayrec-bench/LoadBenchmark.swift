import Archive
import Foundation
import Glibc
import SeriesStore

/// `load ARCHIVE [--repeat N]`: building the series store, with decoding overlapped on its own
/// thread and without, alternating in one process so both see the same machine; best and median
/// wall time of each, and the CPU time of the process.
func loadBenchmark(_ args: [String]) {
  guard let path = args.first else {
    print("usage: rayrec-bench load ARCHIVE [--repeat N]")
    exit(64)
  }
  let passes = max(1, args.firstIndex(of: "--repeat").flatMap { Int(args[$0 + 1]) } ?? 5)
  do {
    let reader = try ArchiveReader(path: path)
    var times: [Bool: [Double]] = [true: [], false: []]
    var samples = 0
    for _ in 0..<passes {
      for overlap in [true, false] {
        var options = SeriesStoreOptions()
        options.overlapDecoding = overlap
        let start = now()
        let store = try SeriesStore(reader: reader, options: options)
        times[overlap, default: []].append(now() - start)
        samples = store.sampleCount
      }
    }
    func figures(_ values: [Double]) -> String {
      let sorted = values.sorted()
      return String(format: "best %.3f s, median %.3f s", sorted[0], sorted[sorted.count / 2])
    }
    print("load.samples: \(samples) samples")
    print("load.overlapped: \(figures(times[true] ?? []))")
    print("load.one_thread: \(figures(times[false] ?? []))")
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    print("load.cpu: \(String(format: "%.3f", cpu)) s user for all \(2 * passes) loads")
  } catch {
    print("rayrec-bench load: \(error)")
    exit(1)
  }
}
