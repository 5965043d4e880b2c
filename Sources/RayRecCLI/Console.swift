import Basics
import Glibc

/// Where a command prints: standard output and error, or buffers in tests.
public struct Console: Sendable {
  public var out: [UInt8] = []
  public var err: [UInt8] = []
  /// Write straight through to the process's descriptors (the tool), or keep (tests).
  public var passthrough: Bool
  /// Whether standard output is a terminal (progress lines are shown only then).
  public var isTerminal: Bool

  public init(passthrough: Bool) {
    self.passthrough = passthrough
    self.isTerminal = passthrough && isatty(1) == 1
  }

  public mutating func print(_ text: String) { write(Array((text + "\n").utf8), fd: 1) }
  public mutating func error(_ text: String) { write(Array((text + "\n").utf8), fd: 2) }
  public mutating func write(bytes: [UInt8]) { write(bytes, fd: 1) }

  private mutating func write(_ bytes: [UInt8], fd: Int32) {
    guard passthrough else {
      if fd == 1 { out += bytes } else { err += bytes }
      return
    }
    // A closed pipe or full disk on the console has nobody left to tell.
    _ = FileIO.writeAll(fd, bytes)
  }

  public var outText: String { String(decoding: out, as: UTF8.self) }
  public var errText: String { String(decoding: err, as: UTF8.self) }
}
