import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct TypeCheckerTests {
  static let cases: [(String, String)] = [
    ("rate(foo)", "expected type range vector in call to function \"rate\", got instant vector"),
    ("foo[5m] + 1", "binary expression must contain only scalar and instant vector types"),
    ("sum(foo[5m])", "expected type instant vector in aggregation expression, got range vector"),
    ("topk(foo, bar)", "expected type scalar in aggregation parameter, got instant vector"),
    ("abs(\"x\")", "expected type instant vector in call to function \"abs\", got string"),
    ("label_join(foo)", "expected at least 3 argument(s) in call to \"label_join\", got 1"),
    ("round(foo, 1, 2)", "expected at most 2 argument(s) in call to \"round\", got 3"),
    ("foo and bool bar", "bool modifier can only be used on comparison operators"),
    ("1 + on(a) 2", "vector matching only allowed between instant vectors"),
    ("foo and on(a) group_left bar", "no grouping allowed for \"and\" operation"),
    ("foo[5m][5m:]", "subquery is only allowed on instant vector, got matrix instead"),
    (
      "-\"a\"",
      "unary expression only allowed on expressions of type scalar or instant vector, got \"string\""
    ),
    ("{a=~\".*\"}", "vector selector must contain at least one non-empty matcher"),
    ("foo + fill(0) 1", "filling in missing series only allowed between instant vectors"),
    ("foo and fill(0) bar", "filling in missing series not allowed for set operators"),
  ]

  @Test(arguments: Self.cases)
  func rejectsWrongTypes(query: String, message: String) {
    do {
      _ = try Parser.parse(query, options: .all)
      Issue.record("accepted \(query)")
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func normalizesVectorMatching() throws {
    guard case .binary(let scalar) = try Parser.parse("foo * 2"),
      case .binary(let set) = try Parser.parse("a or b")
    else {
      Issue.record("expected binary expressions")
      return
    }
    #expect(scalar.matching == nil)
    #expect(set.matching?.cardinality == .manyToMany)
  }

  @Test func reportsTypes() throws {
    #expect(try Parser.parse("1 + 2").type == .scalar)
    #expect(try Parser.parse("foo + 2").type == .vector)
    #expect(try Parser.parse("foo[5m]").type == .matrix)
    #expect(try Parser.parse("\"s\"").type == .string)
    #expect(try Parser.parse("scalar(foo)").type == .scalar)
  }
}
