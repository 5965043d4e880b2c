import Foundation
import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct ArchiveReaderTests {
  /// A small archive (2 targets, 16 frames, keyframes every 3, anchors every 2) and its frames.
  static func smallArchive() throws -> (bytes: [UInt8], frames: [Frame]) {
    try withTemporaryDirectory { dir in
      let path = dir + "/small.rayrec"
      let writer = try ArchiveWriter(
        path: path, header: ArchiveHeader(createdMs: 5, recorderVersion: "t", targets: testTargets()),
        options: ArchiveWriterOptions(keyframeInterval: 3, anchorInterval: 2))
      var frames: [Frame] = []
      for step in 0..<16 {
        var frame = sampleFrame(target: UInt32(step % 2), time: Int64(step) * 100, step: step)
        if step == 9 { frame.outcome = .failed(.reset, message: "connection reset by peer") }
        frames.append(frame)
        try writer.append(frame)
      }
      try writer.close()
      return (try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), frames)
    }
  }

  @Test func aCleanArchiveOpensThroughItsIndex() throws {
    let (bytes, frames) = try Self.smallArchive()
    let reader = try ArchiveReader(bytes: bytes)
    #expect(reader.closedCleanly)
    #expect(reader.truncatedTailOffset == nil)
    #expect(reader.frames.count == frames.count)
    let stats = reader.stats
    #expect(stats.frames == 16)
    #expect(stats.failedFrames == 1)
    #expect(stats.firstTimeMs == 0)
    #expect(stats.lastTimeMs == 1500)
    #expect(stats.rawBytes == frames.reduce(0) { $0 + $1.body.count })
    #expect(stats.storedBytes == bytes.count)
  }

  /// Simulates a crash at every byte: each prefix of a cleanly written archive must open (once
  /// the header is complete), hold exactly the frames whose records are complete, decode them
  /// byte for byte, and report a torn tail when the cut falls inside a record.
  @Test func everyTruncationKeepsEveryCompleteFrame() throws {
    let (bytes, frames) = try Self.smallArchive()
    let full = try ArchiveReader(bytes: bytes)
    let recordEnds = full.frames.map { $0.offset + $0.storedBytes }
    let headerEnd = full.frames[0].offset
    for length in 0..<bytes.count {
      let prefix = Array(bytes[..<length])
      guard length >= headerEnd else {
        #expect(throws: ArchiveError.self) { try ArchiveReader(bytes: prefix) }
        continue
      }
      let reader = try ArchiveReader(bytes: prefix)
      let complete = recordEnds.filter { $0 <= length }.count
      #expect(reader.frames.count == complete, "cut at \(length)")
      #expect(!reader.closedCleanly)
      // Record boundaries: after the header, after a frame, after the index (footer missing).
      let atBoundary =
        length == headerEnd || recordEnds.contains(length) || length == bytes.count - RecordLayout.footerSize
      if atBoundary {
        #expect(reader.truncatedTailOffset == nil, "cut at \(length)")
      } else {
        #expect(reader.truncatedTailOffset != nil, "cut at \(length)")
        #expect(reader.diagnostics.contains { if case .truncatedTail = $0 { true } else { false } })
      }
      if length % 5 == 0 || atBoundary {
        #expect(try reader.allFrames() == Array(frames.prefix(complete)), "cut at \(length)")
      }
    }
  }

  @Test func notAnArchiveIsAClearError() {
    #expect(throws: ArchiveError.notAnArchive(path: "<memory>")) {
      try ArchiveReader(bytes: Array("hello, this is text".utf8))
    }
    #expect(throws: ArchiveError.truncatedTail(offset: 3)) { try ArchiveReader(bytes: [0x89, 0x52, 0x41]) }
    #expect(throws: ArchiveError.self) { try ArchiveReader(path: "/nonexistent/x.rayrec") }
  }

  /// A real `kill -9`: an exit test runs a child process that appends frames forever (flushing
  /// each); the parent kills it with SIGKILL once the file has reached a random size. Exit tests
  /// spawn a fresh process (no fork of a threaded process), which makes this reliable.
  @Test func sigkillWhileWritingLosesAtMostTheFrameBeingWritten() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-kill-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/killed.rayrec"
    let pidPath = dir + "/pid"
    let threshold = Int.random(in: 3_000...60_000)
    async let child = #expect(processExitsWith: .signal(SIGKILL)) {
      [path = path as String, pidPath = pidPath as String] in
      let writer = try ArchiveWriter(
        path: path, header: ArchiveHeader(createdMs: 0, recorderVersion: "child", targets: testTargets()),
        options: ArchiveWriterOptions(keyframeInterval: 7))
      try Array("\(getpid())".utf8).write(to: pidPath)
      // Bounded in time, so a parent that never kills cannot leave the test hanging; a count
      // bound could run out on a fast machine before a busy parent gets to look.
      let deadline = ContinuousClock.now + .seconds(300)
      var step = 0
      while ContinuousClock.now < deadline {
        try writer.append(sampleFrame(target: UInt32(step % 2), time: Int64(step), step: step))
        step += 1
      }
    }
    var killed = false
    for _ in 0..<120_000 where !killed {
      if let text = try? String(contentsOfFile: pidPath, encoding: .utf8), let pid = Int32(text),
        let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size >= threshold
      {
        kill(pid, SIGKILL)
        killed = true
      } else {
        try await Task.sleep(nanoseconds: 2_000_000)
      }
    }
    _ = await child
    #expect(killed)
    let reader = try ArchiveReader(path: path)
    #expect(!reader.closedCleanly)
    #expect(reader.frames.count > 10)
    var step = 0
    var cursor = reader.makeCursor()
    while let frame = try cursor.next() {
      #expect(frame == sampleFrame(target: UInt32(step % 2), time: Int64(step), step: step))
      step += 1
    }
    #expect(step == reader.frames.count)
    let tail = reader.truncatedTailOffset.map { "torn tail at \($0)" } ?? "no torn tail"
    print("SIGKILL at \(reader.fileSize) bytes: \(step) frames intact, \(tail)")
  }
}

extension Array where Element == UInt8 {
  func write(to path: String) throws {
    try Data(self).write(to: URL(fileURLWithPath: path))
  }
}
