/// An incremental decoder for `Transfer-Encoding: chunked` (RFC 9112 §7.1).
///
/// Feed it bytes as they arrive; it consumes whole syntactic pieces and leaves a partial size
/// line or CRLF for the next call, so the caller keeps the unconsumed tail.
struct ChunkedDecoder {
  private enum State: Equatable {
    case sizeLine
    case data(remaining: Int)
    case dataEnd
    case trailer
    case done
  }

  /// Why chunked framing was rejected.
  struct Failure: Error, Equatable {
    var message: String
    /// The body would exceed the caller's limit (as opposed to broken framing).
    var isTooLarge = false
  }

  private var state = State.sizeLine
  /// Longest accepted size line (size plus extensions) or trailer line.
  static let maxLineLength = 4096

  /// True once the last chunk and the trailer section have been read.
  var isComplete: Bool { state == .done }

  /// Decodes from `bytes` into `body`; returns how many bytes were consumed.
  ///
  /// - Parameter limit: the most body bytes allowed in total; exceeding it throws `tooLarge`.
  mutating func decode(
    _ bytes: UnsafeRawBufferPointer, into body: inout [UInt8], limit: Int
  ) throws(Failure) -> Int {
    var position = 0
    let count = bytes.count
    while position < count {
      switch state {
      case .done:
        return position
      case .sizeLine, .trailer:
        guard let newline = Self.indexOfNewline(in: bytes, from: position) else {
          if count - position > Self.maxLineLength { throw Failure(message: "chunk line too long") }
          return position
        }
        var lineEnd = newline
        if lineEnd > position, bytes[lineEnd - 1] == 0x0d { lineEnd -= 1 }
        if state == .trailer {
          if lineEnd == position { state = .done }
        } else {
          let size = try Self.parseSize(bytes, from: position, to: lineEnd)
          if size == 0 {
            state = .trailer
          } else {
            guard body.count <= limit - size else {
              throw Failure(message: "body larger than \(limit) bytes", isTooLarge: true)
            }
            state = .data(remaining: size)
          }
        }
        position = newline + 1
      case .data(let remaining):
        let take = min(remaining, count - position)
        body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<position + take]))
        position += take
        state = take == remaining ? .dataEnd : .data(remaining: remaining - take)
      case .dataEnd:
        if bytes[position] == 0x0a {
          position += 1
          state = .sizeLine
        } else if bytes[position] == 0x0d {
          guard position + 1 < count else { return position }
          guard bytes[position + 1] == 0x0a else { throw Failure(message: "missing CRLF after chunk") }
          position += 2
          state = .sizeLine
        } else {
          throw Failure(message: "missing CRLF after chunk data")
        }
      }
    }
    return position
  }

  private static func indexOfNewline(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      if bytes[index] == 0x0a { return index }
      index += 1
    }
    return nil
  }

  /// Parses the hex size before any `;extension`.
  private static func parseSize(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int
  ) throws(Failure) -> Int {
    var value = 0
    var digits = 0
    var index = start
    while index < end {
      let byte = bytes[index]
      let digit: Int
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte) - 0x30
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte) - 0x57
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte) - 0x37
      case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
        index = end
        continue
      default:
        throw Failure(message: "bad chunk size")
      }
      guard digits < 15 else { throw Failure(message: "chunk size too large") }
      value = value << 4 | digit
      digits += 1
      index += 1
    }
    guard digits > 0 else { throw Failure(message: "missing chunk size") }
    return value
  }
}
