import Exposition
import Foundation

func readFiles(_ paths: [String]) -> [[UInt8]] {
  paths.map { path in
    guard let data = FileManager.default.contents(atPath: path) else {
      FileHandle.standardError.write(Data("rayrec-bench: cannot read \(path)\n".utf8))
      exit(1)
    }
    return Array(data)
  }
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func parseBenchmark(_ args: [String]) {
  var repeatCount = 20
  var paths = args
  if let i = paths.firstIndex(of: "--repeat"), i + 1 < paths.count {
    repeatCount = Int(paths[i + 1]) ?? repeatCount
    paths.removeSubrange(i...(i + 1))
  }
  let bodies = readFiles(paths)
  let bytes = bodies.reduce(0) { $0 + $1.count }
  var samples = 0
  var checksum = 0.0
  var best = Double.infinity
  for _ in 0..<repeatCount {
    let start = now()
    samples = 0
    for body in bodies {
      var parser = ExpositionParser(bytes: body, format: ExpositionFormat(sniffing: body), strict: false)
      do {
        while let entry = try parser.next() {
          if entry == .sample {
            samples += 1
            checksum += parser.value
          }
        }
      } catch {
        print("error: \(error)")
        exit(1)
      }
    }
    best = min(best, now() - start)
  }
  print("parse.files: \(bodies.count) files")
  print("parse.bytes: \(bytes) bytes")
  print("parse.samples: \(samples) samples")
  print("parse.throughput: \(String(format: "%.1f", Double(bytes) / best / 1e6)) MB/s")
  print("parse.rate: \(String(format: "%.0f", Double(samples) / best)) samples/s")
  print("parse.time: \(String(format: "%.4f", best)) s (best of \(repeatCount))")
  if checksum.isNaN { print("parse.checksum: NaN") }
}
