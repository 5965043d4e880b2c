import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct ChunkedDecoderTests {
  private func decodeInPieces(_ text: String, pieceSize: Int) throws(ChunkedDecoder.Failure) -> (
    [UInt8], Bool
  ) {
    var decoder = ChunkedDecoder()
    var body: [UInt8] = []
    var pending: [UInt8] = []
    for piece in Array(text.utf8).chunks(of: pieceSize) {
      pending += piece
      let result = pending.withUnsafeBytes { raw in
        Result { () throws(ChunkedDecoder.Failure) in try decoder.decode(raw, into: &body, limit: 1 << 20) }
      }
      pending.removeFirst(try result.get())
    }
    return (body, decoder.isComplete)
  }

  @Test(arguments: [1, 2, 3, 7, 1000])
  func decodesTheSameWhateverThePieceSize(_ size: Int) throws {
    let (body, complete) = try decodeInPieces(
      "4\r\nWiki\r\n5;a=b\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nT: 1\r\n\r\n", pieceSize: size)
    #expect(String(decoding: body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
    #expect(complete)
  }

  @Test(arguments: ["x\r\n", "4\r\nWikiXX", "\r\n"])
  func rejectsBrokenFraming(_ text: String) {
    #expect(throws: ChunkedDecoder.Failure.self) { try decodeInPieces(text, pieceSize: 100) }
  }

  @Test func reportsABodyOverTheLimit() {
    var decoder = ChunkedDecoder()
    var body: [UInt8] = []
    let bytes = Array("10\r\n0123456789abcdef\r\n".utf8)
    let error = bytes.withUnsafeBytes { raw in
      Result { () throws(ChunkedDecoder.Failure) in try decoder.decode(raw, into: &body, limit: 8) }
    }
    guard case .failure(let failure) = error else {
      Issue.record("expected failure")
      return
    }
    #expect(failure.isTooLarge)
  }
}

extension Array {
  fileprivate func chunks(of size: Int) -> [ArraySlice<Element>] {
    stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
  }
}
