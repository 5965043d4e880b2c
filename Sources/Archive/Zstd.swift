import CZstd

/// A zstd compression context that compresses one buffer at a time, optionally against a prefix
/// (`ZSTD_CCtx_refPrefix`): the previous frame of the same target.
final class ZstdCompressor {
  private let context: OpaquePointer
  private let level: Int32

  init(level: Int32) throws(ArchiveError) {
    guard let context = ZSTD_createCCtx() else { throw .invalidArgument("ZSTD_createCCtx failed") }
    self.context = context
    self.level = level
  }

  deinit { ZSTD_freeCCtx(context) }

  /// Compresses `source` as one zstd frame (no checksum, no content size: the record has both).
  func compress(_ source: [UInt8], prefix: [UInt8]?) throws(ArchiveError) -> [UInt8] {
    let result = source.withUnsafeBytes { source in
      guard let prefix else { return Result { () throws(ArchiveError) in try compress(source, prefix: nil) } }
      return prefix.withUnsafeBytes { prefix in
        Result { () throws(ArchiveError) in try compress(source, prefix: prefix) }
      }
    }
    return try result.get()
  }

  private func compress(
    _ source: UnsafeRawBufferPointer, prefix: UnsafeRawBufferPointer?
  ) throws(ArchiveError) -> [UInt8] {
    ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters)
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level))
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 0))
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0))
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_dictIDFlag, 0))
    // zstd sizes its tables from the source and prefix sizes; only a span larger than the
    // level's default window needs an explicit (bigger) window so the prefix stays reachable.
    let span = source.count + (prefix?.count ?? 0)
    if span > 1 << 20 {
      try check(ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, Zstd.windowLog(for: span)))
    }
    if let prefix, prefix.count > 0 {
      try check(ZSTD_CCtx_refPrefix(context, prefix.baseAddress, prefix.count))
    }
    let bound = ZSTD_compressBound(source.count)
    var output = [UInt8](repeating: 0, count: bound)
    let written = output.withUnsafeMutableBytes { out in
      ZSTD_compress2(context, out.baseAddress, out.count, source.baseAddress, source.count)
    }
    try check(written)
    output.removeSubrange(written...)
    return output
  }

  private func check(_ code: Int) throws(ArchiveError) {
    if ZSTD_isError(code) != 0 {
      throw .invalidArgument("zstd: \(String(cString: ZSTD_getErrorName(code)))")
    }
  }
}

/// A zstd decompression context; every call decodes exactly one frame of known decoded size.
final class ZstdDecompressor {
  private let context: OpaquePointer

  init() throws(ArchiveError) {
    guard let context = ZSTD_createDCtx() else { throw .invalidArgument("ZSTD_createDCtx failed") }
    self.context = context
  }

  deinit { ZSTD_freeDCtx(context) }

  /// Decodes `source` (one frame) into exactly `size` bytes, or returns the zstd error text.
  func decompress(
    _ source: UnsafeRawBufferPointer, size: Int, prefix: UnsafeRawBufferPointer?
  ) -> Result<[UInt8], ZstdFailure> {
    ZSTD_DCtx_reset(context, ZSTD_reset_session_and_parameters)
    var code = ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, Zstd.maxWindowLog)
    if ZSTD_isError(code) != 0 { return .failure(ZstdFailure(code)) }
    if let prefix, prefix.count > 0 {
      code = ZSTD_DCtx_refPrefix(context, prefix.baseAddress, prefix.count)
      if ZSTD_isError(code) != 0 { return .failure(ZstdFailure(code)) }
    }
    var output = [UInt8](repeating: 0, count: size)
    var failure: ZstdFailure?
    output.withUnsafeMutableBytes { out in
      var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
      var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
      var remaining = 1
      while remaining != 0 {
        let before = (inBuffer.pos, outBuffer.pos)
        remaining = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
        if ZSTD_isError(remaining) != 0 || (inBuffer.pos, outBuffer.pos) == before { break }
      }
      if ZSTD_isError(remaining) != 0 {
        failure = ZstdFailure(remaining)
      } else if remaining != 0 || outBuffer.pos != size || inBuffer.pos != source.count {
        failure = ZstdFailure(
          text: "frame decoded to \(outBuffer.pos) bytes (expected \(size)), consumed "
            + "\(inBuffer.pos) of \(source.count) bytes, \(remaining) still expected")
      }
    }
    if let failure { return .failure(failure) }
    return .success(output)
  }
}

/// A zstd error as text.
struct ZstdFailure: Error {
  var text: String

  init(text: String) { self.text = text }
  init(_ code: Int) { text = String(cString: ZSTD_getErrorName(code)) }
}

enum Zstd {
  /// Largest window the writer uses and the reader accepts (128 MiB).
  static let maxWindowLog: Int32 = 27

  /// Window that covers prefix plus source, at least 2^21, at most 2^27.
  static func windowLog(for span: Int) -> Int32 {
    var log: Int32 = 21
    while log < maxWindowLog && (1 << log) < span { log += 1 }
    return log
  }
}
