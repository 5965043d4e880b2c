import Foundation
import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct ArchiveImporterTests {
  @Test func aSmallDumpTreeImportsInTimeOrderWithHeadersAndFailures() throws {
    try withTemporaryDirectory { dir in
      let dump = dir + "/dump"
      let a = dump + "/127.0.0.1:8080"
      let b = dump + "/127.0.0.1:44217"
      for path in [a, b, dump + "/not-a-target"] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      }
      try Array("m 1.0\n".utf8).write(to: a + "/1000.prom")
      try Array("HTTP/1.0 200 OK\r\nDate: x\r\nContent-Type: text/plain; version=0.0.4\r\n\r\n".utf8)
        .write(to: a + "/1000.headers")
      try Array("m 2.0\n".utf8).write(to: a + "/6000.prom")
      try Array("connection refused\n".utf8).write(to: a + "/11000.error")
      try Array("HTTP/1.1 503 Service Unavailable\nContent-Type: text/html\n".utf8).write(
        to: b + "/3000.headers")
      try Array("<busy>".utf8).write(to: b + "/3000.prom")
      try Array("read timed out after 10s".utf8).write(to: b + "/8000.error")
      try Array("ignored".utf8).write(to: b + "/notes.txt")

      let archive = dir + "/out.rayrec"
      let report = try ArchiveImporter(job: "ray", labels: [.init("ray_io_cluster", "c")])
        .importDump(from: dump, to: archive)
      #expect(report.frames == 5)
      #expect(report.failedFrames == 3)
      #expect(report.samples == 3)  // "m 1.0", "m 2.0", "<busy>"
      let reader = try ArchiveReader(path: archive)
      #expect(
        reader.targets.map(\.url) == ["http://127.0.0.1:44217/metrics", "http://127.0.0.1:8080/metrics"])
      #expect(reader.targets.allSatisfy { $0.job == "ray" && $0.labels == [.init("ray_io_cluster", "c")] })
      #expect(reader.targets[1].intervalMs == 5000)
      #expect(reader.header.createdMs == 1000)
      let frames = try reader.allFrames()
      #expect(frames.map(\.timeMs) == [1000, 3000, 6000, 8000, 11000])
      #expect(frames[0].outcome == .response(status: 200))
      #expect(frames[0].contentType == "text/plain; version=0.0.4")
      #expect(frames[0].headers == [.init("Date", "x"), .init("Content-Type", "text/plain; version=0.0.4")])
      #expect(frames[0].body == Array("m 1.0\n".utf8))
      #expect(frames[1].outcome == .response(status: 503))
      #expect(frames[1].body == Array("<busy>".utf8))
      #expect(frames[2].outcome == .response(status: 200))
      #expect(frames[2].contentType == "")
      #expect(frames[3].outcome == .failed(.timeout, message: "read timed out after 10s"))
      #expect(frames[4].outcome == .failed(.refused, message: "connection refused"))
    }
  }

  @Test func anEmptyTreeIsAClearError() throws {
    try withTemporaryDirectory { dir in
      #expect(throws: ArchiveError.invalidArgument("\(dir): no <host>:<port> directories with scrapes")) {
        try ArchiveImporter().importDump(from: dir, to: dir + "/x.rayrec")
      }
      #expect(throws: ArchiveError.self) {
        try ArchiveImporter().importDump(from: dir + "/missing", to: dir + "/y")
      }
    }
  }

  @Test func samplesAreLinesThatAreNeitherBlankNorComments() {
    #expect(ArchiveImporter.countSamples(Array("# HELP x\n\nx 1\ny 2".utf8)) == 2)
    #expect(ArchiveImporter.countSamples([]) == 0)
  }

  @Test(.enabled(if: sampleScrapesExist))
  func importingTheRaySamplesKeepsEveryBodyByteForByte() throws {
    try withTemporaryDirectory { dir in
      let archive = dir + "/ray.rayrec"
      let report = try ArchiveImporter().importDump(from: sampleScrapes, to: archive)
      print(
        "ray-2.60 samples: \(report.frames) frames, \(report.samples) samples, \(report.rawBytes) raw bytes, "
          + "\(report.storedBytes) stored bytes, bytes/sample \(report.bytesPerSample), "
          + "import MB/s \(report.megabytesPerSecond) (debug build unless -c release)")
      #expect(report.bytesPerSample < 1.0)
      let reader = try ArchiveReader(path: archive)
      #expect(reader.closedCleanly)
      var cursor = reader.makeCursor()
      var checked = 0
      while let frame = try cursor.next() {
        let target = try #require(reader.target(id: frame.targetID))
        let base = "\(sampleScrapes)/\(target.instance)/\(frame.timeMs)"
        let expected = try [UInt8](Data(contentsOf: URL(fileURLWithPath: base + ".prom")))
        #expect(frame.body == expected, "\(base).prom")
        #expect(frame.outcome == .response(status: 200))
        #expect(frame.contentType == "text/plain; version=0.0.4; charset=utf-8")
        checked += 1
      }
      #expect(checked == report.frames)
    }
  }
}
