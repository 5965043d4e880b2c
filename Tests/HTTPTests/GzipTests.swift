import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct GzipTests {
  @Test func roundTripsBytes() throws {
    let input = Array(String(repeating: "ray_node_cpu_utilization{instance=\"a\"} 12.5\n", count: 1000).utf8)
    let compressed = Gzip.compress(input)
    #expect(compressed.count < input.count / 10)
    #expect(Array(compressed.prefix(2)) == [0x1f, 0x8b])
    #expect(try Gzip.decompress(compressed) == input)
  }

  @Test func roundTripsAnEmptyBody() throws {
    #expect(try Gzip.decompress(Gzip.compress([])) == [])
  }

  @Test func decodesConcatenatedMembers() throws {
    let joined = Gzip.compress(Array("ab".utf8)) + Gzip.compress(Array("cd".utf8))
    #expect(try Gzip.decompress(joined) == Array("abcd".utf8))
  }

  @Test func rejectsCorruptAndTruncatedData() {
    let compressed = Gzip.compress(Array(String(repeating: "x", count: 5000).utf8))
    #expect(throws: HTTPError.self) { try Gzip.decompress(Array("not gzip".utf8)) }
    #expect(throws: HTTPError.self) { try Gzip.decompress(Array(compressed.dropLast(8))) }
  }

  @Test func decodesWhatATruncatedStreamHoldsWhenAllowed() throws {
    let input = Array(String(repeating: "abcdefgh", count: 10_000).utf8)
    let compressed = Gzip.compress(input)
    let partial = try Gzip.decompress(Array(compressed.prefix(compressed.count / 2)), allowTruncated: true)
    #expect(input.starts(with: partial))
  }

  @Test func stopsAtTheLimit() {
    let compressed = Gzip.compress([UInt8](repeating: 0, count: 1_000_000))
    let error = #expect(throws: HTTPError.self) { try Gzip.decompress(compressed, limit: 1000) }
    #expect(error?.kind == .bodyTooLarge)
  }
}
