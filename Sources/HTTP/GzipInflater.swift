import CZlib

/// Inflates a gzip body piece by piece as it arrives, so its decoded size can be held to a limit
/// while it streams: a gzip bomb is cut as soon as its output passes the limit, instead of after
/// its compressed bytes have all been buffered.
///
/// Concatenated members are decoded one after another; anything after the last member that does
/// not start another is ignored, as ``Gzip/decompress(_:limit:allowTruncated:)`` does.
/// Not thread-safe: one inflater per response, used on the loop thread.
final class GzipInflater {
  /// zlib checks that its state still points at the `z_stream` it was made for, so the stream
  /// lives at a fixed address for the inflater's lifetime.
  private let stream: UnsafeMutablePointer<z_stream>
  private var output = [UInt8](repeating: 0, count: 64 * 1024)
  /// The last member ended; the next byte decides whether another one follows.
  private var betweenMembers = false
  /// Bytes after the last member that start no new one: ignored to the end.
  private var ignoringRest = false
  /// Whether any compressed byte has been fed.
  private(set) var sawInput = false

  init() throws(HTTPError) {
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    guard czlib_inflate_init_gzip(stream) == Z_OK else {
      stream.deallocate()
      throw .badResponse("gunzip", "zlib inflateInit2 failed")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  /// True when the data fed so far ends at the end of a gzip member (a complete body).
  var isComplete: Bool { !sawInput || betweenMembers || ignoringRest }

  /// Inflates `input`, handing each decoded piece to `sink`; stops as soon as `sink` returns
  /// false (the caller's limit was passed), leaving the rest undecoded.
  ///
  /// - Returns: false when `sink` stopped it.
  /// - Throws: ``HTTPError`` of kind `badResponse` for corrupt data.
  func inflate(
    _ input: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) -> Bool
  ) throws(HTTPError) -> Bool {
    guard !input.isEmpty, !ignoringRest, let base = input.baseAddress else { return true }
    sawInput = true
    stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
    stream.pointee.avail_in = uInt(input.count)
    while true {
      if betweenMembers {
        guard stream.pointee.avail_in > 0, let next = stream.pointee.next_in else { return true }
        guard next[0] == 0x1f else {
          ignoringRest = true
          return true
        }
        inflateReset(stream)
        betweenMembers = false
      }
      let (status, produced) = output.withUnsafeMutableBufferPointer { out in
        stream.pointee.next_out = out.baseAddress
        stream.pointee.avail_out = uInt(out.count)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        return (status, out.count - Int(stream.pointee.avail_out))
      }
      if produced > 0 {
        let keepGoing = output.withUnsafeBytes { sink(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
        if !keepGoing { return false }
      }
      switch status {
      case Z_OK:
        // More output may be pending even when all input is taken: go on until zlib says so.
        if stream.pointee.avail_in == 0 && produced < output.count { return true }
      case Z_STREAM_END:
        betweenMembers = true
      case Z_BUF_ERROR:
        // No progress possible without more input.
        return true
      default:
        let detail = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
        throw .badResponse("gunzip", "corrupt gzip data: \(detail)")
      }
    }
  }
}
