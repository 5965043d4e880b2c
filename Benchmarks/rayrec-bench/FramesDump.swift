import Archive
import Foundation

/// `frames ARCHIVE DIR`: every frame's body as its own file (`DIR/N.prom`), the per-scrape files
/// a `zstd -d` floor is timed on beside `slice` and `redact` (scripts/bench-fixtures).
func framesDump(_ args: [String]) {
  guard args.count == 2 else {
    print("usage: rayrec-bench frames ARCHIVE DIR")
    exit(64)
  }
  do {
    let reader = try ArchiveReader(path: args[0])
    try FileManager.default.createDirectory(atPath: args[1], withIntermediateDirectories: true)
    var cursor = reader.makeCursor()
    var count = 0
    var bytes = 0
    while let frame = try cursor.next() {
      try Data(frame.body).write(to: URL(fileURLWithPath: "\(args[1])/\(count).prom"))
      count += 1
      bytes += frame.body.count
    }
    print("frames: \(count)")
    print("raw_bytes: \(bytes) B")
  } catch {
    print("rayrec-bench frames: \(error)")
    exit(1)
  }
}
