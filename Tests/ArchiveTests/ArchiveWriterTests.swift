import Foundation
import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct ArchiveWriterTests {
  /// Bodies that stress the byte-exact path: odd bytes, empty, no trailing newline, CRLF,
  /// unparseable exposition, a failure frame with and without a body.
  static let oddFrames: [Frame] = [
    Frame(targetID: 0, timeMs: 1000, outcome: .response(status: 200), body: []),
    Frame(
      targetID: 0, timeMs: 2000, durationMicros: 1234, outcome: .response(status: 200),
      contentType: "text/plain", headers: [.init("X-Odd", "ä\u{0}ö")],
      body: [0, 1, 2, 255, 254, 0x0A, 0x0A, 0x23, 0x20, 0xC3]),
    Frame(
      targetID: 1, timeMs: 2100, outcome: .response(status: 200),
      body: Array("a 1\r\nb{x=\"y\"} 2.50\r\nc 3 1700000000000\r\nd".utf8)),
    Frame(targetID: 1, timeMs: 2200, outcome: .failed(.refused, message: "connection refused")),
    Frame(
      targetID: 1, timeMs: 2300, outcome: .response(status: 200),
      body: Array("a 2\r\nb{x=\"y\"} 2.51\r\nc 3 1700000000001\r\nd 1".utf8)),
    Frame(
      targetID: 0, timeMs: 3000, outcome: .response(status: 503), contentType: "text/html",
      body: Array("<h1>busy</h1>".utf8)),
    Frame(
      targetID: 0, timeMs: 4000, outcome: .failed(.malformed, message: "line 3: bad value"),
      body: Array("x{ 1\n".utf8)),
    Frame(targetID: 1, timeMs: 5000, outcome: .failed(.timeout, message: "")),
    Frame(
      targetID: 1, timeMs: 6000, outcome: .response(status: 200),
      body: Array("a -0.0\nb{x=\"y\"} 1e-05\nb{x=\"y\"} NaN\nc +Inf\n\n# EOF\n".utf8)),
  ]

  @Test func oddFramesComeBackByteForByte() throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/odd.rayrec"
      let header = ArchiveHeader(createdMs: 42, recorderVersion: "test 1", targets: testTargets())
      let writer = try ArchiveWriter(path: path, header: header)
      for frame in Self.oddFrames { try writer.append(frame) }
      try writer.close()
      let reader = try ArchiveReader(path: path)
      #expect(reader.header == header)
      #expect(reader.closedCleanly)
      #expect(reader.diagnostics.isEmpty)
      #expect(try reader.allFrames() == Self.oddFrames)
      #expect(reader.stats.failedFrames == 4)
    }
  }

  @Test(arguments: [true, false])
  func manyDriftingFramesRoundTripWithAndWithoutTheTransform(transform: Bool) throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/drift.rayrec"
      let options = ArchiveWriterOptions(keyframeInterval: 5, anchorInterval: 3, seriesTransform: transform)
      let writer = try ArchiveWriter(
        path: path, header: ArchiveHeader(createdMs: 0, recorderVersion: "t", targets: testTargets()),
        options: options)
      var frames: [Frame] = []
      for step in 0..<40 {
        let frame = sampleFrame(target: UInt32(step % 2), time: Int64(step) * 500, step: step)
        frames.append(frame)
        try writer.append(frame)
      }
      try writer.close()
      let reader = try ArchiveReader(path: path)
      #expect(try reader.allFrames() == frames)
      #expect(reader.frames.filter(\.isKeyframe).count >= 8)
      #expect(reader.frames.contains { $0.anchorSequence != nil })
    }
  }

  @Test func targetsAddedLaterAreKnownToTheReader() throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/added.rayrec"
      let writer = try ArchiveWriter(
        path: path, header: ArchiveHeader(createdMs: 0, recorderVersion: "t", targets: testTargets(1)))
      let late = ArchiveTarget(id: 7, url: "http://10.0.0.1:44217/metrics", job: "ray")
      try writer.addTarget(late)
      try writer.append(sampleFrame(target: 7, time: 10, step: 0))
      #expect(throws: ArchiveError.invalidArgument("frame for unknown target id 3")) {
        try writer.append(sampleFrame(target: 3, time: 10, step: 0))
      }
      #expect(throws: ArchiveError.invalidArgument("duplicate target id 7")) { try writer.addTarget(late) }
      try writer.sync()
      // Read once before close (scan) and once after (index).
      #expect(try ArchiveReader(path: path).target(id: 7) == late)
      try writer.close()
      try writer.close()
      #expect(throws: ArchiveError.closed) { try writer.append(sampleFrame(target: 7, time: 11, step: 1)) }
      #expect(throws: ArchiveError.closed) { try writer.sync() }
      let reader = try ArchiveReader(path: path)
      #expect(reader.closedCleanly)
      #expect(reader.target(id: 7) == late)
      #expect(reader.targets.map(\.id) == [0, 7])
    }
  }

  @Test func fileStartsWithMagicAndAGoldenHeaderRecord() throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/golden.rayrec"
      let target = ArchiveTarget(
        id: 1, url: "http://h:1/m", job: "j", labels: [.init("k", "v")], intervalMs: 5000, timeoutMs: 1000)
      let writer = try ArchiveWriter(
        path: path, header: ArchiveHeader(createdMs: 0x0102, recorderVersion: "r", targets: [target]))
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let hex = bytes.map {
        String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
      }
      .joined()
      // magic | "rrH\0" | payload length 38 | CRC32 | version 1 | created 0x0102 | "r" |
      // 1 target: id 1, url, job "j", 1 label k=v, interval 5000 (zigzag 10000), timeout 1000.
      let golden =
        "895241595245430a" + "72724800" + "26000000" + "33cf7d88" + "0100" + "0201000000000000" + "0172"
        + "01" + "01" + "0c687474703a2f2f683a312f6d" + "016a" + "01" + "016b" + "0176" + "904e" + "d00f"
      #expect(hex == golden)
      try writer.close()
    }
  }
}
