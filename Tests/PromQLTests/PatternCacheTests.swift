import Foundation
import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct PatternCacheTests {
  @Test func patternsAreCompiledOnce() throws {
    let cache = PatternCache()
    var compiled = 0
    func compile() throws(EvaluationError) -> NSRegularExpression {
      compiled += 1
      do { return try NSRegularExpression(pattern: "a+") } catch { throw EvaluationError("\(error)") }
    }
    let first = try cache.regex("a+", compile)
    let second = try cache.regex("a+", compile)
    #expect(first === second)
    #expect(compiled == 1)
  }
}
