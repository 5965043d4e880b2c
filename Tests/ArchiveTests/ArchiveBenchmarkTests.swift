import Foundation
import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func benchmarkFiguresAreComputedOnASmallTree() throws {
  try withTemporaryDirectory { dir in
    let target = dir + "/dump/127.0.0.1:9000"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    for step in 0..<10 {
      try exposition(step: step).write(to: "\(target)/\(1000 + step * 5000).prom")
    }
    let figures = try ArchiveBenchmark.run(dump: dir + "/dump", archivePath: dir + "/b.rayrec", seeks: 20)
    #expect(figures.report.frames == 10)
    #expect(figures.bytesPerSample > 0)
    #expect(figures.report.samples == 10 * 20 + 3)
  }
}
