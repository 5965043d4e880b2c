import Basics
import Testing

@testable import PromQL

/// Error messages name the token they reject, cut short when it is long (a 50 MB token once made a
/// 50 MB message); short tokens read exactly as in Prometheus.
@Suite(.timeLimit(.minutes(1)))
struct LongTokenMessageTests {
  static let long = String(repeating: "a", count: 5 * 1024 * 1024)
  static let shown = "\"" + String(repeating: "a", count: 100) + "\"... (5242880 bytes)"

  static func message(_ query: String) throws -> String {
    try #require(throws: PromQLError.self) { try Parser.parse(query) }.message
  }

  @Test func anUnknownFunctionOfFiveMegabytesIsQuotedCutShort() throws {
    #expect(try Self.message(Self.long + "(x)") == "unknown function with name \(Self.shown)")
  }

  @Test func anUnexpectedIdentifierOfFiveMegabytesIsQuotedCutShort() throws {
    let message = try Self.message("x " + Self.long)
    #expect(message.hasPrefix("unexpected identifier \(Self.shown)"))
    #expect(message.utf8.count < 300)
  }

  @Test func shortTokensAreQuotedWhole() throws {
    #expect(try Self.message("nosuch(x)") == "unknown function with name \"nosuch\"")
    #expect(
      GoQuote.token(String(repeating: "b", count: 100)) == "\"" + String(repeating: "b", count: 100) + "\"")
    #expect(GoQuote.token(String(repeating: "é", count: 101)).hasSuffix("\"... (202 bytes)"))
  }
}
