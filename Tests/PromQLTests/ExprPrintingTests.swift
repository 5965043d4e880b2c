import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ExprPrintingTests {
  /// Queries and the canonical text Prometheus prints for them.
  static let prometheusCanonical: [(String, String)] = [
    (#"sum by() (task:errors:rate10s{job="s"})"#, #"sum(task:errors:rate10s{job="s"})"#),
    (#"sum by(code) (task:errors:rate10s{job="s"})"#, #"sum by (code) (task:errors:rate10s{job="s"})"#),
    (#"sum without() (task:errors:rate10s{job="s"})"#, #"sum without () (task:errors:rate10s{job="s"})"#),
    (
      #"sum without(instance) (task:errors:rate10s{job="s"})"#,
      #"sum without (instance) (task:errors:rate10s{job="s"})"#
    ),
    (
      #"sum by("foo.bar") (task:errors:rate10s{job="s"})"#,
      #"sum by ("foo.bar") (task:errors:rate10s{job="s"})"#
    ),
    (
      #"sum without("foo.bar") (task:errors:rate10s{job="s"})"#,
      #"sum without ("foo.bar") (task:errors:rate10s{job="s"})"#
    ),
    (#"topk(5, task:errors:rate10s{job="s"})"#, #"topk(5, task:errors:rate10s{job="s"})"#),
    (
      #"count_values("value", task:errors:rate10s{job="s"})"#,
      #"count_values("value", task:errors:rate10s{job="s"})"#
    ),
    ("a - on() c", "a - on () c"),
    ("a - on(b) c", "a - on (b) c"),
    ("a - on(b) group_left(x) c", "a - on (b) group_left (x) c"),
    ("a - on(b) group_left(x, y) c", "a - on (b) group_left (x, y) c"),
    ("a - on(b) group_left c", "a - on (b) group_left () c"),
    ("a - on(b) group_left() (c)", "a - on (b) group_left () (c)"),
    ("a - ignoring(b) c", "a - ignoring (b) c"),
    ("a - ignoring() c", "a - c"),
    ("a - ignoring() group_left(__metric__) c", "a - ignoring () group_left (__metric__) c"),
    ("a - ignoring() group_left c", "a - ignoring () group_left () c"),
    ("a + fill(-23) b", "a + fill (-23) b"),
    ("a + fill_left(-23) b", "a + fill_left (-23) b"),
    ("a + fill_right(42) b", "a + fill_right (42) b"),
    ("a + fill_left(-23) fill_right(42) b", "a + fill_left (-23) fill_right (42) b"),
    ("a + fill_left(5) fill_right(5) b", "a + fill (5) b"),
    ("a + on(b) group_left fill(-23) c", "a + on (b) group_left () fill (-23) c"),
    ("up > bool 0", "up > bool 0"),
    ("a offset 1m", "a offset 1m"),
    ("a offset -7m", "a offset -7m"),
    (#"a{c="d"}[5m] offset 1m"#, #"a{c="d"}[5m] offset 1m"#),
    ("a[5m] offset 1m", "a[5m] offset 1m"),
    ("a[12m] offset -3m", "a[12m] offset -3m"),
    ("a[1h:5m] offset 1m", "a[1h:5m] offset 1m"),
    ("a anchored", "a anchored"),
    ("a[5m] anchored", "a[5m] anchored"),
    (#"a{b="c"}[5m] anchored"#, #"a{b="c"}[5m] anchored"#),
    (#"a{b="c"}[5m] anchored offset 1m"#, #"a{b="c"}[5m] anchored offset 1m"#),
    (#"a{b="c"}[5m] anchored @ start() offset 1m"#, #"a{b="c"}[5m] anchored @ start() offset 1m"#),
    ("a smoothed", "a smoothed"),
    ("a[5m] smoothed", "a[5m] smoothed"),
    (#"a{b="c"}[5m] smoothed"#, #"a{b="c"}[5m] smoothed"#),
    (#"a{b="c"}[5m] smoothed offset 1m"#, #"a{b="c"}[5m] smoothed offset 1m"#),
    (#"a{b="c"}[5m] smoothed @ start() offset 1m"#, #"a{b="c"}[5m] smoothed @ start() offset 1m"#),
    (#"{__name__="a"}"#, #"{__name__="a"}"#),
    (#"a{b!="c"}[1m]"#, #"a{b!="c"}[1m]"#),
    (#"a{b=~"c"}[1m]"#, #"a{b=~"c"}[1m]"#),
    (#"a{b!~"c"}[1m]"#, #"a{b!~"c"}[1m]"#),
    ("a @ 10", "a @ 10.000"),
    ("a[1m] @ 10", "a[1m] @ 10.000"),
    ("a @ start()", "a @ start()"),
    ("a @ end()", "a @ end()"),
    ("a[1m] @ start()", "a[1m] @ start()"),
    ("a[1m] @ end()", "a[1m] @ end()"),
    (#"{__name__="",a="x"}"#, #"{__name__="",a="x"}"#),
    (#"{"a.b"="c"}"#, #"{"a.b"="c"}"#),
    (#"{"0"="1"}"#, #"{"0"="1"}"#),
    (#"{"_0"="1"}"#, #"{_0="1"}"#),
    (#"{""="0"}"#, #"{""="0"}"#),
    (#"{``="0"}"#, #"{""="0"}"#),
    ("1048576", "1048576"),
    ("foo[step()]", "foo[step()]"),
    ("foo[-step()]", "foo[-step()]"),
    ("foo[(step())]", "foo[(step())]"),
    ("foo[-(step())]", "foo[-(step())]"),
    ("foo offset step()", "foo offset step()"),
    ("foo offset -step()", "foo offset -step()"),
    ("foo offset (step())", "foo offset (step())"),
    ("foo offset -(step())", "foo offset -(step())"),
    ("foo offset +(5)", "foo offset (5)"),
    ("foo offset -(5)", "foo offset -(5)"),
    ("foo offset (5)", "foo offset (5)"),
    ("foo offset (5m)", "foo offset (5m)"),
    ("foo[(5s)]", "foo[(5s)]"),
    ("foo[(5m):(1m)]", "foo[(5m):(1m)]"),
    ("foo offset +min_of(10s, 20s)", "foo offset min_of(10s, 20s)"),
    ("foo offset -min_of(10s, 20s)", "foo offset -min_of(10s, 20s)"),
    ("foo offset -min_of(10s, +max_of(step() ^ 2, 2))", "foo offset -min_of(10s, max_of(step() ^ 2, 2))"),
    ("foo[200-min_of(-step()^+step(),1)]", "foo[200 - min_of(-step() ^ step(), 1)]"),
    (
      "foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]",
      "foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]"
    ),
    ("foo[range()]", "foo[range()]"),
    ("foo[-range()]", "foo[-range()]"),
    ("foo offset range()", "foo offset range()"),
    ("foo offset -range()", "foo offset -range()"),
    ("foo[max_of(range(), 5s)]", "foo[max_of(range(), 5s)]"),
    ("predict_linear(foo[1h], 3000)", "predict_linear(foo[1h], 3000)"),
    (#"sum by("üüü") (foo)"#, #"sum by ("üüü") (foo)"#),
    (#"sum without("äää") (foo)"#, #"sum without ("äää") (foo)"#),
    (#"count by("ööö", job) (foo)"#, #"count by ("ööö", job) (foo)"#),
  ]

  @Test(arguments: Self.prometheusCanonical)
  func printsWhatPrometheusPrints(query: String, printed: String) throws {
    #expect(try Parser.parse(query, options: .all).description == printed)
  }

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
