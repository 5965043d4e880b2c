/// A response body as it arrives: de-framed bytes in, decoded bytes kept, held to a limit.
///
/// The limit counts decoded bytes (after gzip inflation, as Prometheus's `body_size_limit`
/// does) and is checked before bytes are kept, so a body never holds more than the limit and
/// the connection can be closed the moment it is passed. The array grows geometrically but is
/// never given more room than the limit, so an oversized body costs at most `limit` bytes of
/// memory, not the doubling above it.
struct BodyBuffer {
  /// Why the body was refused.
  enum Failure: Error {
    /// More than `limit` decoded bytes.
    case tooLarge
    /// The gzip data is corrupt.
    case corrupt(HTTPError)
  }

  /// The most decoded bytes accepted.
  let limit: Int
  /// The decoded bytes so far.
  private(set) var bytes: [UInt8] = []
  /// De-framed bytes taken so far (still compressed when gzip): what a `Content-Length` counts.
  private(set) var wireBytes = 0
  /// Decoded bytes seen, the refused piece that passed the limit included.
  private(set) var decodedBytes = 0
  private let inflater: GzipInflater?

  /// - Parameter gzip: inflate as the bytes arrive (`Content-Encoding: gzip`).
  init(limit: Int, gzip: Bool) throws(HTTPError) {
    self.limit = limit
    inflater = gzip ? try GzipInflater() : nil
  }

  /// True when the body was gzip-encoded and bytes arrived (an empty body is not gzip).
  var wasGzip: Bool { inflater?.sawInput ?? false }

  /// True unless a gzip member is cut off (the body would end early).
  var isComplete: Bool { inflater?.isComplete ?? true }

  /// Takes newly de-framed bytes.
  mutating func append(_ chunk: UnsafeRawBufferPointer) throws(Failure) {
    wireBytes += chunk.count
    guard let inflater else {
      guard keep(chunk) else { throw .tooLarge }
      return
    }
    var kept = true
    do {
      _ = try inflater.inflate(chunk) { piece in
        kept = keep(piece)
        return kept
      }
    } catch {
      throw .corrupt(error)
    }
    if !kept { throw .tooLarge }
  }

  /// Keeps `piece` unless that would pass the limit.
  private mutating func keep(_ piece: UnsafeRawBufferPointer) -> Bool {
    decodedBytes += piece.count
    guard piece.count <= limit - bytes.count else { return false }
    let needed = bytes.count + piece.count
    if needed > bytes.capacity {
      bytes.reserveCapacity(min(limit, max(needed, bytes.capacity * 2, 4096)))
    }
    bytes.append(contentsOf: piece)
    return true
  }

  /// The first `count` decoded bytes, for an error that keeps only a bounded prefix.
  func prefix(_ count: Int) -> [UInt8] {
    count >= bytes.count ? bytes : Array(bytes[0..<count])
  }
}
