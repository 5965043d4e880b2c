import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct StackGuardTests {
  @Test func thereIsRoomAtTheTop() {
    let guardian = StackGuard()
    #expect(guardian.hasRoom)
    #expect(guardian.budget > 0)
    #expect(guardian.levels > 10)
  }

  @Test func knowsTheStackBounds() throws {
    let bounds = try #require(StackGuard.stackBounds())
    let here = StackGuard.currentAddress()
    #expect(bounds.low < here)
    #expect(here <= bounds.low + bounds.size)
  }
}
