import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct ArraySharedBufferTests {
  @Test func copiesShareABufferUntilOneIsWritten() {
    let a = [1, 2, 3]
    var b = a
    #expect(a.sharesBuffer(with: b))
    #expect(!a.sharesBuffer(with: [1, 2, 3]))
    b[0] = 9
    #expect(!a.sharesBuffer(with: b))
  }
}
