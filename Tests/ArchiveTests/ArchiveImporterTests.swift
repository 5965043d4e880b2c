import Foundation
import Testing

@testable import Archive

@Test(.enabled(if: sampleScrapesExist))
func importingTheRaySamplesKeepsEveryBodyByteForByte() throws {
  try withTemporaryDirectory { dir in
    let archive = dir + "/ray.rayrec"
    let report = try ArchiveImporter().importDump(from: sampleScrapes, to: archive)
    print(
      "ray-2.60 samples: \(report.frames) frames, \(report.samples) samples, \(report.rawBytes) raw bytes, "
        + "\(report.storedBytes) stored bytes, "
        + "bytes/sample \(report.bytesPerSample), MB/s \(report.megabytesPerSecond)")
    let reader = try ArchiveReader(path: archive)
    #expect(reader.closedCleanly)
    var cursor = reader.makeCursor()
    var checked = 0
    while let frame = try cursor.next() {
      let target = try #require(reader.target(id: frame.targetID))
      let file = "\(sampleScrapes)/\(target.instance)/\(frame.timeMs).prom"
      let expected = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
      #expect(frame.body == expected, "\(file)")
      checked += 1
    }
    #expect(checked == report.frames)
  }
}
