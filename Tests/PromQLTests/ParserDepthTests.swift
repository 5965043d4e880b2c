import Foundation
import PromQL
import Testing

/// Deeply nested input must give an error, never a stack overflow, on small thread stacks too.
@Suite(.timeLimit(.minutes(5)))
struct ParserDepthTests {
  /// Queries nested `depth` levels deep in several ways.
  static func nested(_ depth: Int) -> [String] {
    [
      String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
      String(repeating: "-", count: depth) + "foo",
      String(repeating: "abs(", count: depth) + "foo" + String(repeating: ")", count: depth),
      String(repeating: "sum(", count: depth) + "foo" + String(repeating: ")", count: depth),
      Array(repeating: "foo", count: depth).joined(separator: " + "),
      Array(repeating: "2", count: depth).joined(separator: " ^ "),
      "foo[" + String(repeating: "(", count: depth) + "5m" + String(repeating: ")", count: depth) + "]",
      "foo[" + Array(repeating: "5m", count: depth).joined(separator: "+") + "]",
      String(repeating: "min_over_time(", count: depth) + "foo" + String(repeating: "[5m:])", count: depth),
    ]
  }

  /// Parses every deep query: 10,000 levels give an error; `reasonable` levels parse and print.
  static func exercise(reasonable: Int) -> [String] {
    var problems: [String] = []
    // A chain of subqueries is a type error at any depth, but must not build a deep tree first.
    for query in nested(10_000) + ["foo" + String(repeating: "[5m:]", count: 10_000)] {
      do {
        _ = try Parser.parse(query, options: .all)
        problems.append("parsed a 10000-deep query: \(query.prefix(20))")
      } catch {
        if !error.message.contains("nested too deeply") { problems.append(error.description) }
      }
    }
    for query in nested(reasonable) {
      do {
        let expr = try Parser.parse(query, options: .all)
        _ = try Parser.parse(expr.description, options: .all)
      } catch {
        problems.append("\(query.prefix(20)): \(error)")
      }
    }
    return problems
  }

  @Test func deepNestingIsAnErrorOnTheMainStack() {
    #expect(Self.exercise(reasonable: 100) == [])
  }

  @Test func deepNestingIsAnErrorInsideATask() async {
    let problems = await Task.detached { Self.exercise(reasonable: 20) }.value
    #expect(problems == [])
  }

  @Test func deepNestingIsAnErrorOnA512KiBThread() async {
    let problems: [String] = await withCheckedContinuation { continuation in
      let thread = Thread { continuation.resume(returning: Self.exercise(reasonable: 7)) }
      thread.stackSize = 512 * 1024
      thread.start()
    }
    #expect(problems == [])
  }
}
