import CSnappy

/// Snappy's block format (not its framing format): what remote write bodies are compressed with.
public enum Snappy {
  /// Why bytes did not decompress.
  public struct Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// `snappy: ...`.
    public var description: String { "snappy: \(message)" }
  }

  /// `input` compressed as one snappy block.
  public static func compress(_ input: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: snappy_max_compressed_length(input.count))
    var length = output.count
    let status = input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        source.withMemoryRebound(to: CChar.self) { source in
          target.withMemoryRebound(to: CChar.self) { target in
            snappy_compress(source.baseAddress, source.count, target.baseAddress, &length)
          }
        }
      }
    }
    // The buffer has snappy's own worst-case size, so compression cannot run out of room.
    precondition(status == SNAPPY_OK, "snappy_compress failed with a buffer of its maximum size")
    output.removeSubrange(length...)
    return output
  }

  /// The bytes of one snappy block; a block that says it holds more than `limit` bytes is refused
  /// before anything is allocated (a small body could claim gigabytes).
  public static func decompress(_ input: [UInt8], limit: Int = 64 << 20) throws(Snappy.Error) -> [UInt8] {
    var length = 0
    let known = input.withUnsafeBufferPointer { source in
      source.withMemoryRebound(to: CChar.self) {
        snappy_uncompressed_length($0.baseAddress, $0.count, &length)
      }
    }
    guard known == SNAPPY_OK else { throw Error(message: "not a snappy block (no valid length header)") }
    guard length <= limit else {
      throw Error(message: "the block says it holds \(length) bytes, over the limit of \(limit)")
    }
    var output = [UInt8](repeating: 0, count: length)
    let status = input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        source.withMemoryRebound(to: CChar.self) { source in
          target.withMemoryRebound(to: CChar.self) { target in
            snappy_uncompress(source.baseAddress, source.count, target.baseAddress, &length)
          }
        }
      }
    }
    guard status == SNAPPY_OK, length == output.count else {
      throw Error(message: "corrupt snappy block (\(input.count) bytes)")
    }
    return output
  }
}
