import CZlib

/// gzip (RFC 1952) through zlib, for `Content-Encoding: gzip` bodies.
public enum Gzip {
  /// Compresses `bytes` into one gzip member.
  public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    guard czlib_deflate_init_gzip(&stream, level) == Z_OK else { return [] }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, uLong(bytes.count)))
    var output = [UInt8](repeating: 0, count: bound)
    var produced = 0
    bytes.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = out.baseAddress
        stream.avail_out = uInt(out.count)
        _ = deflate(&stream, Z_FINISH)
        produced = out.count - Int(stream.avail_out)
      }
    }
    output.removeSubrange(produced...)
    return output
  }

  /// Decompresses gzip data (concatenated members too) up to `limit` output bytes.
  ///
  /// - Parameter allowTruncated: return what could be decoded from data that ends early (a body
  ///   cut off by a reset) instead of throwing.
  /// - Throws: ``HTTPError`` of kind `badResponse` for corrupt data, `bodyTooLarge` past `limit`.
  public static func decompress(
    _ bytes: [UInt8], limit: Int = Int.max, allowTruncated: Bool = false
  ) throws(HTTPError) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(min(limit, max(bytes.count * 4, 1024)))
    var stream = z_stream()
    guard czlib_inflate_init_gzip(&stream) == Z_OK else {
      throw .badResponse("gunzip", "zlib inflateInit2 failed")
    }
    defer { inflateEnd(&stream) }
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    let result: Result<Void, HTTPError> = bytes.withUnsafeBufferPointer { input in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = uInt(input.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { out in
          stream.next_out = out.baseAddress
          stream.avail_out = uInt(out.count)
          let status = inflate(&stream, Z_NO_FLUSH)
          return (status, out.count - Int(stream.avail_out))
        }
        if output.count + produced > limit {
          return .failure(
            HTTPError(kind: .bodyTooLarge, operation: "gunzip", message: "more than \(limit) bytes"))
        }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_OK:
          continue
        case Z_STREAM_END:
          // Another gzip member may follow; anything else after the end is ignored as zlib does.
          if stream.avail_in > 0, let next = stream.next_in, next[0] == 0x1f {
            inflateReset(&stream)
            continue
          }
          return .success(())
        case Z_BUF_ERROR:
          if stream.avail_in == 0 {
            if allowTruncated { return .success(()) }
            return .failure(.badResponse("gunzip", "gzip data ends early"))
          }
          if produced > 0 { continue }
          return .failure(.badResponse("gunzip", "zlib made no progress"))
        default:
          if allowTruncated { return .success(()) }
          let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
          return .failure(.badResponse("gunzip", "corrupt gzip data: \(detail)"))
        }
      }
    }
    try result.get()
    return output
  }
}
