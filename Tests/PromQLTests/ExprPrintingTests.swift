import PromQL
import Testing

struct ExprPrintingTests {
  let zero = PositionRange(start: 0, end: 0)

  func selector(_ name: String) -> Expr {
    .vectorSelector(
      VectorSelector(name: name, matchers: [LabelMatcher(equal: "__name__", name)], position: zero))
  }

  @Test func printsBuiltTrees() {
    let rate = Expr.call(
      Call(
        function: PromQLFunction.all["rate"]!,
        args: [
          .matrixSelector(
            MatrixSelector(
              selector: VectorSelector(
                name: "x", matchers: [LabelMatcher(equal: "__name__", "x")], position: zero),
              range: .fixed(nanoseconds: 300_000_000_000), end: 0))
        ], position: zero))
    let sum = Expr.aggregate(AggregateExpr(op: .sum, expr: rate, grouping: ["job"], position: zero))
    #expect(sum.description == "sum by (job) (rate(x[5m]))")
    let matching = VectorMatching(
      cardinality: .manyToOne, matchingLabels: ["a"], on: true, include: ["b"])
    let binary = Expr.binary(
      BinaryExpr(op: .div, lhs: selector("x"), rhs: selector("y"), matching: matching))
    #expect(binary.description == "x / on (a) group_left (b) y")
  }

  @Test func printsModifiers() {
    var vector = VectorSelector(name: "x", matchers: [LabelMatcher(equal: "__name__", "x")], position: zero)
    vector.offset = .fixed(nanoseconds: -3_600_000_000_000)
    vector.at = .timestamp(milliseconds: -1500)
    #expect(Expr.vectorSelector(vector).description == "x @ -1.500 offset -1h")
    let subquery = SubqueryExpr(
      expr: selector("x"),
      range: .expression(.binary(.mul, .step(zero), .number(.init(value: 2, position: zero)))),
      step: nil, at: .end, end: 0)
    #expect(Expr.subquery(subquery).description == "x[step() * 2:] @ end()")
  }

  @Test func quotesOddLabelNamesAndStrings() {
    let aggregate = Expr.aggregate(
      AggregateExpr(op: .count, expr: selector("x"), grouping: ["a.b", "c"], without: true, position: zero))
    #expect(aggregate.description == "count without (\"a.b\", c) (x)")
    #expect(Expr.string(StringLiteral(value: "tab\there", position: zero)).description == "\"tab\\there\"")
  }
}
