import Foundation
import Glibc
import Synchronization
import Testing

@testable import Basics

@Suite(.timeLimit(.minutes(1))) struct FileIOTests {
  @Test func aWholeFileIsReadBack() throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/data"
      let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      #expect(try FileIO.readAll(path) == bytes)
    }
  }

  @Test func aMissingFileNamesItselfAndTheStepThatFailed() throws {
    let error = try #require(throws: FileError.self) { try FileIO.readAll("/nonexistent/rayrec-file") }
    #expect(error.path == "/nonexistent/rayrec-file")
    #expect(error.operation == "open")
    #expect(error.errno == ENOENT)
    #expect(error.description == "/nonexistent/rayrec-file: open failed: No such file or directory (errno 2)")
  }

  @Test func everyByteIsWrittenThroughAPipeSmallerThanTheData() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let (readEnd, writeEnd) = (fds[0], fds[1])
    let bytes = [UInt8](repeating: 7, count: 1 << 20)
    let received = Mutex<Int?>(nil)
    let reader = Thread {
      var total = 0
      var chunk = [UInt8](repeating: 0, count: 65_536)
      while true {
        let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        total += n
      }
      close(readEnd)
      received.withLock { $0 = total }
    }
    reader.start()
    #expect(FileIO.writeAll(writeEnd, bytes) == nil)
    close(writeEnd)
    for _ in 0..<500 where received.withLock({ $0 }) == nil { usleep(10_000) }
    #expect(received.withLock { $0 } == bytes.count)
  }

  @Test func aWriteToAClosedDescriptorReportsItsErrno() {
    #expect(FileIO.writeAll(-1, [1, 2, 3]) == EBADF)
  }
}
