import PromQL
import Testing

/// Queries Prometheus rejects, with the byte offset and message Prometheus reports.
let invalidQueries: [(query: String, offset: Int, message: String)] = [
  ("", 0, "no expression found in input"),
  ("# just a comment\n\n", 0, "no expression found in input"),
  ("1+", 2, "unexpected end of input"),
  (".", 0, "unexpected character: '.'"),
  ("2.5.", 0, #"bad number or duration syntax: "2.5.""#),
  ("100..4", 0, #"bad number or duration syntax: "100..""#),
  ("0deadbeef", 0, "bad number or duration syntax: \"0de\""),
  ("1 /", 3, "unexpected end of input"),
  ("*1", 0, "unexpected <op:*>"),
  ("(1))", 4, "unexpected right parenthesis ')'"),
  ("((1)", 4, "unclosed left parenthesis"),
  ("(", 1, "unclosed left parenthesis"),
  ("1 and 1", 0, "set operator \"and\" not allowed in binary scalar expression"),
  ("1 == 1", 2, "comparisons between scalars must use BOOL modifier"),
  ("1 or 1", 0, "set operator \"or\" not allowed in binary scalar expression"),
  ("1 unless 1", 0, "set operator \"unless\" not allowed in binary scalar expression"),
  ("1 !~ 1", 2, "unexpected character after '!': '~'"),
  ("1 =~ 1", 2, "unexpected character after '=': '~'"),
  (
    #"-"string""#, 0,
    #"unary expression only allowed on expressions of type scalar or instant vector, got "string""#
  ),
  (
    "-test[5m]", 0,
    #"unary expression only allowed on expressions of type scalar or instant vector, got "range vector""#
  ),
  ("*test", 0, "unexpected <op:*>"),
  ("@@", 0, "unexpected <op:@>"),
  (
    "1 offset 1d", 0,
    "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"
  ),
  ("foo offset 1s offset 2s", 0, "offset may not be set multiple times"),
  ("a - on(b) ignoring(c) d", 10, "unexpected <ignoring>"),
  ("foo and 1", 0, "set operator \"and\" not allowed in binary scalar expression"),
  ("1 and foo", 0, "set operator \"and\" not allowed in binary scalar expression"),
  ("foo or 1", 0, "set operator \"or\" not allowed in binary scalar expression"),
  ("1 or foo", 0, "set operator \"or\" not allowed in binary scalar expression"),
  ("foo unless 1", 0, "set operator \"unless\" not allowed in binary scalar expression"),
  ("1 unless foo", 0, "set operator \"unless\" not allowed in binary scalar expression"),
  ("1 or on(bar) foo", 0, "vector matching only allowed between instant vectors"),
  ("foo == on(bar) 10", 0, "vector matching only allowed between instant vectors"),
  ("foo + group_left(baz) bar", 6, "unexpected <group_left>"),
  ("foo and on(bar) group_left(baz) bar", 0, "no grouping allowed for \"and\" operation"),
  ("foo and on(bar) group_right(baz) bar", 0, "no grouping allowed for \"and\" operation"),
  ("foo or on(bar) group_left(baz) bar", 0, "no grouping allowed for \"or\" operation"),
  ("foo or on(bar) group_right(baz) bar", 0, "no grouping allowed for \"or\" operation"),
  ("foo unless on(bar) group_left(baz) bar", 0, "no grouping allowed for \"unless\" operation"),
  ("foo unless on(bar) group_right(baz) bar", 0, "no grouping allowed for \"unless\" operation"),
  (
    #"http_requests{group="production"} + on(instance) group_left(job,instance) cpu_count{type="smp"}"#, 34,
    "label \"instance\" must not occur in ON and GROUP clause at once"
  ),
  ("foo + bool bar", 4, "bool modifier can only be used on comparison operators"),
  ("foo + bool 10", 4, "bool modifier can only be used on comparison operators"),
  ("foo and bool 10", 4, "bool modifier can only be used on comparison operators"),
  (
    #"http_requests{group="production"} + on(instance) group_left(job,instance) cpu_count{type="smp"}"#, 34,
    "label \"instance\" must not occur in ON and GROUP clause at once"
  ),
  ("foo @ +Inf", 0, "timestamp out of bounds for @ modifier: +Inf"),
  ("foo @ -Inf", 0, "timestamp out of bounds for @ modifier: -Inf"),
  ("foo @ NaN", 0, "timestamp out of bounds for @ modifier: NaN"),
  ("{", 1, "unexpected end of input inside braces"),
  ("}", 0, "unexpected character: '}'"),
  ("some{", 5, "unexpected end of input inside braces"),
  ("some}", 4, "unexpected character: '}'"),
  ("some_metric{a=b}", 14, "unexpected identifier \"b\" in label matching, expected string"),
  (#"some_metric{a:b="b"}"#, 13, "unexpected character inside braces: ':'"),
  (#"foo{a*"b"}"#, 5, "unexpected character inside braces: '*'"),
  (#"foo{a>="b"}"#, 5, "unexpected character inside braces: '>'"),
  ("foo{gibberish}", 13, #"unexpected "}" in label matching, expected label matching operator"#),
  ("foo{1}", 4, "unexpected character inside braces: '1'"),
  ("{}", 0, "vector selector must contain at least one non-empty matcher"),
  (#"{x=""}"#, 0, "vector selector must contain at least one non-empty matcher"),
  (#"{x=~".*"}"#, 0, "vector selector must contain at least one non-empty matcher"),
  (#"{x!~".+"}"#, 0, "vector selector must contain at least one non-empty matcher"),
  (#"{x!="a"}"#, 0, "vector selector must contain at least one non-empty matcher"),
  (#"foo{__name__="bar"}"#, 0, #"metric name must not be set twice: "foo" or "bar""#),
  ("foo{__name__= =}", 14, "unexpected \"=\" in label matching, expected string"),
  ("foo{,}", 4, "unexpected \",\" in label matching, expected identifier or \"}\""),
  (#"foo{__name__ == "bar"}"#, 14, "unexpected \"=\" in label matching, expected string"),
  (#"foo{__name__="bar" lol}"#, 19, #"unexpected identifier "lol" in label matching, expected "," or "}""#),
  (#"foo{"a"=}"#, 8, #"unexpected "}" in label matching, expected string"#),
  ("foo[5mm]", 4, "bad number or duration syntax: \"5mm\""),
  ("foo[5m1]", 4, "bad number or duration syntax: \"5m1\""),
  ("foo[5m:1m1]", 7, "bad number or duration syntax: \"1m1\""),
  ("foo[5y1hs]", 4, "unknown unit \"hs\" in duration \"5y1hs\""),
  ("foo[5m1h]", 4, "not a valid duration string: \"5m1h\""),
  ("foo[5m1m]", 4, "not a valid duration string: \"5m1m\""),
  ("foo[0m]", 4, "duration must be greater than 0"),
  (#"foo["5m"]"#, 4, #"unexpected character in duration expression: '"'"#),
  (
    "foo[]", 4,
    "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"
  ),
  ("foo[-1]", 4, "duration must be greater than 0"),
  ("some_metric[5m] OFFSET 1mm", 23, "bad number or duration syntax: \"1mm\""),
  (
    "some_metric[5m] OFFSET", 22,
    "unexpected end of input in offset, expected number, duration, step(), or range()"
  ),
  ("some_metric OFFSET 1m[5m]", 21, "no offset modifiers allowed before range"),
  ("some_metric[5m] @", 17, "unexpected end of input in @, expected timestamp"),
  ("some_metric @ 1234 [5m]", 19, "no @ modifiers allowed before range"),
  ("some_metric @ start() [5m]", 22, "no @ modifiers allowed before range"),
  ("some_metric @ end()[5m]", 19, "no @ modifiers allowed before range"),
  ("some_metric offset step()[5m]", 25, "no offset modifiers allowed before range"),
  ("(foo + bar)[5m]", 11, "ranges only allowed for vector selectors"),
  (#"sum by ("foo)(some_metric{})"#, 8, "unterminated quoted string"),
  ("sum without(==)(some_metric)", 12, "unexpected <op:==> in grouping opts, expected label"),
  ("sum without(,)(some_metric)", 12, #"unexpected "," in grouping opts, expected label"#),
  ("sum without(foo,,)(some_metric)", 16, #"unexpected "," in grouping opts, expected label"#),
  ("sum some_metric by (test)", 4, #"unexpected identifier "some_metric""#),
  ("sum (some_metric) by test", 21, #"unexpected identifier "test" in grouping opts, expected "(""#),
  ("sum () by (test)", 0, "no arguments for aggregate expression provided"),
  ("MIN keep_common (some_metric)", 4, "unexpected identifier \"keep_common\""),
  ("MIN (some_metric) keep_common", 18, #"unexpected identifier "keep_common""#),
  ("sum (some_metric) without (test) by (test)", 33, "unexpected <by>"),
  ("sum without (test) (some_metric) by (test)", 33, "unexpected <by>"),
  ("topk(some_metric)", 0, "wrong number of arguments for aggregate expression provided, expected 2, got 1"),
  ("topk(some_metric,)", 16, "trailing commas not allowed in function call args"),
  ("topk(some_metric, other_metric)", 5, "expected type scalar in aggregation parameter, got instant vector"),
  ("count_values(5, other_metric)", 13, "expected type string in aggregation parameter, got scalar"),
  (
    "rate(some_metric[5m]) @ 1234", 0,
    "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"
  ),
  ("floor()", 0, "expected 1 argument(s) in call to \"floor\", got 0"),
  ("floor(some_metric, other_metric)", 0, "expected 1 argument(s) in call to \"floor\", got 2"),
  ("floor(some_metric, 1)", 0, "expected 1 argument(s) in call to \"floor\", got 2"),
  ("floor(1)", 6, "expected type instant vector in call to function \"floor\", got scalar"),
  (
    "hour(some_metric, some_metric, some_metric)", 0,
    "expected at most 1 argument(s) in call to \"hour\", got 3"
  ),
  ("time(some_metric)", 0, "expected 0 argument(s) in call to \"time\", got 1"),
  ("non_existent_function_far_bar()", 0, "unknown function with name \"non_existent_function_far_bar\""),
  ("rate(some_metric)", 5, "expected type range vector in call to function \"rate\", got instant vector"),
  ("*1", 0, "unexpected <op:*>"),
  ("-=", 1, #"unexpected "=""#),
  ("++-++-+-+-<", 10, "unexpected <op:<>"),
  ("e-+=/(0)", 3, #"unexpected "=""#),
  ("a>b()", 2, #"unknown function with name "b""#),
  ("rate(avg)", 5, #"expected type range vector in call to function "rate", got instant vector"#),
  ("`\\``", 3, "unterminated raw string"),
  (#""\"#, 0, "escape sequence not terminated"),
  (#""\c""#, 0, "unknown escape sequence U+0063 'c'"),
  (#""\x.""#, 0, "illegal character U+002E '.' in escape sequence"),
  (#"foo{bar="baz"}["#, 15, "unexpected end of input in duration expression"),
  ("test[5d] OFFSET 10s [10m:5s]", 0, "subquery is only allowed on instant vector, got matrix instead"),
  (
    #"(foo + bar{nm="val"})[5m:][10m:5s]"#, 0,
    "subquery is only allowed on instant vector, got matrix instead"
  ),
  ("rate(food[1m])[1h] offset 1h", 14, "ranges only allowed for vector selectors"),
  ("rate(food[1m])[1h] @ 100", 14, "ranges only allowed for vector selectors"),
  (
    "foo[step]", 8,
    #"unexpected "]" in subquery or range selector, expected number, duration, step(), or range()"#
  ),
  ("foo[step()/0d]", 10, "division by zero"),
  ("foo[5s/0d]", 6, "division by zero"),
  ("foo offset (4d/0)", 14, "division by zero"),
  ("foo[5s%0d]", 6, "modulo by zero"),
  ("foo offset 9.5e10", 11, "duration out of range"),
  ("foo[9.5e10]", 4, "duration out of range"),
  ("sum(", 4, "unclosed left parenthesis"),
  ("sum(rate(", 9, "unclosed left parenthesis"),
  ("foo[5s x 5s]", 7, "unexpected character: 'x', expected ':'"),
  ("foo[5s s 5s]", 7, "unexpected character: 's', expected ':'"),
  ("1[5m] smoothed", 1, "ranges only allowed for vector selectors"),
  ("1[5m] anchored", 1, "ranges only allowed for vector selectors"),
  ("sum(foo bar)", 8, #"unexpected identifier "bar" in aggregation"#),
  ("foo[5m", 6, "unclosed left bracket"),
  ("foo{__name__=\"bar\"} offset 0", 0, #"metric name must not be set twice: "foo" or "bar""#),
  ("foo @ bar", 6, #"unexpected identifier "bar" in @, expected timestamp"#),
  ("foo{a=~\"(\"}", 4, "error parsing regexp: invalid or unsupported pattern: `(`"),
]

/// Valid queries and their canonical text.
let validQueries: [(query: String, printed: String)] = [
  ("1", "1"), ("+Inf", "+Inf"), ("-Inf", "-Inf"), (".5", "0.5"), ("5.", "5"), ("123.4567", "123.4567"),
  ("5e-3", "0.005"), ("5e3", "5000"), ("0xc", "12"), ("0755", "493"), ("+5.5e-3", "0.0055"),
  ("-0755", "-493"), ("1 + 1", "1 + 1"), ("1 - 1", "1 - 1"), ("1 * 1", "1 * 1"), ("1 % 1", "1 % 1"),
  ("1 / 1", "1 / 1"), ("1 == bool 1", "1 == bool 1"), ("1 != bool 1", "1 != bool 1"),
  ("1 > bool 1", "1 > bool 1"), ("1 >= bool 1", "1 >= bool 1"), ("1 < bool 1", "1 < bool 1"),
  ("1 <= bool 1", "1 <= bool 1"), ("-1^2", "-1 ^ 2"), ("-1*2", "-1 * 2"), ("-1+2", "-1 + 2"),
  ("-1^-2", "-1 ^ -2"), ("+1 + -2 * 1", "1 + -2 * 1"), ("1 + 2/(3*1)", "1 + 2 / (3 * 1)"),
  ("1 < bool 2 - 1 * 2", "1 < bool 2 - 1 * 2"), ("-some_metric", "-some_metric"),
  ("+some_metric", "+some_metric"), (" +some_metric", "+some_metric"),
  ("foo * bar", "foo * bar"), ("foo * sum", "foo * sum"), ("foo == 1", "foo == 1"),
  ("foo == bool 1", "foo == bool 1"), ("2.5 / bar", "2.5 / bar"), ("foo and bar", "foo and bar"),
  ("foo or bar", "foo or bar"), ("foo unless bar", "foo unless bar"),
  ("foo + bar or bla and blub", "foo + bar or bla and blub"),
  ("foo and bar unless baz or qux", "foo and bar unless baz or qux"),
  (
    "bar + on(foo) bla / on(baz, buz) group_right(test) blub",
    "bar + on (foo) bla / on (baz, buz) group_right (test) blub"
  ),
  ("foo * on(test,blub) bar", "foo * on (test, blub) bar"),
  ("foo * on(test,blub) group_left bar", "foo * on (test, blub) group_left () bar"),
  ("foo and on(test,blub) bar", "foo and on (test, blub) bar"), ("foo and on() bar", "foo and on () bar"),
  ("foo and ignoring(test,blub) bar", "foo and ignoring (test, blub) bar"),
  ("foo and ignoring() bar", "foo and bar"), ("foo unless on(bar) baz", "foo unless on (bar) baz"),
  ("foo / on(test,blub) group_left(bar) bar", "foo / on (test, blub) group_left (bar) bar"),
  (
    "foo - ignoring(test,blub) group_right(bar,foo) bar",
    "foo - ignoring (test, blub) group_right (bar, foo) bar"
  ),
  ("foo", "foo"), ("min", "min"), ("foo offset 5m", "foo offset 5m"), ("foo offset -7m", "foo offset -7m"),
  ("foo OFFSET 1h30m", "foo offset 1h30m"), ("foo OFFSET 1m30ms", "foo offset 1m30ms"),
  ("foo @ 1603774568", "foo @ 1603774568.000"), ("foo @ -100", "foo @ -100.000"),
  ("foo @ .3", "foo @ 0.300"), ("foo @ 3.", "foo @ 3.000"), ("foo @ 3.33", "foo @ 3.330"),
  ("foo @ 3.3333", "foo @ 3.333"), ("foo @ 3.3335", "foo @ 3.334"), ("foo @ 3e2", "foo @ 300.000"),
  ("foo @ 3e-1", "foo @ 0.300"), ("foo @ 0xA", "foo @ 10.000"), ("foo @ -3.3e1", "foo @ -33.000"),
  ("foo:bar{a=\"bc\"}", "foo:bar{a=\"bc\"}"), ("foo{NaN='bc'}", "foo{NaN=\"bc\"}"),
  ("foo{bar='}'}", "foo{bar=\"}\"}"),
  (
    "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\"}",
    "foo{a=\"b\",bar!~\"baz\",foo!=\"bar\",test=~\"test\"}"
  ),
  (
    "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\",}",
    "foo{a=\"b\",bar!~\"baz\",foo!=\"bar\",test=~\"test\"}"
  ),
  ("{__name__=~\"foo.+\",__name__=~\".*bar\"}", "{__name__=~\".*bar\",__name__=~\"foo.+\"}"),
  ("{\"foo.bar\"}", "{__name__=\"foo.bar\"}"), ("{\"a.b\"=\"c\", x=\"y\"}", "{\"a.b\"=\"c\",x=\"y\"}"),
  ("test[5s]", "test[5s]"), ("test[5m]", "test[5m]"), ("test[5m30s]", "test[5m30s]"),
  ("test[5h] OFFSET 5m", "test[5h] offset 5m"), ("test[5d] OFFSET 10s", "test[5d] offset 10s"),
  ("test[5w] offset 2w", "test[5w] offset 2w"),
  ("test{a=\"b\"}[5y] OFFSET 3d", "test{a=\"b\"}[5y] offset 3d"),
  ("test{a=\"b\"}[5m] OFFSET 3600", "test{a=\"b\"}[5m] offset 1h"), ("foo[3ms] @ 2.345", "foo[3ms] @ 2.345"),
  ("foo[4s180ms] @ 2.345", "foo[4s180ms] @ 2.345"), ("foo[4.18] @ 2.345", "foo[4s180ms] @ 2.345"),
  ("foo[4s18ms] @ 2.345", "foo[4s18ms] @ 2.345"), ("foo[100] @ 2.345", "foo[1m40s] @ 2.345"),
  ("foo[1h] @ start()", "foo[1h] @ start()"), ("foo[5m] offset 1m @ end()", "foo[5m] @ end() offset 1m"),
  ("sum by (foo)(some_metric)", "sum by (foo) (some_metric)"),
  ("avg by (foo)(some_metric)", "avg by (foo) (some_metric)"),
  ("sum without (foo) (some_metric)", "sum without (foo) (some_metric)"),
  ("sum (some_metric) without (foo)", "sum without (foo) (some_metric)"),
  ("stddev(some_metric)", "stddev(some_metric)"),
  ("stdvar by (foo)(some_metric)", "stdvar by (foo) (some_metric)"),
  ("sum by ()(some_metric)", "sum(some_metric)"),
  ("sum by (foo,bar,)(some_metric)", "sum by (foo, bar) (some_metric)"),
  ("sum by (foo,)(some_metric)", "sum by (foo) (some_metric)"),
  ("topk(5, some_metric)", "topk(5, some_metric)"),
  ("count_values(\"value\", some_metric)", "count_values(\"value\", some_metric)"),
  (
    "sum without(and, by, avg, count, alert, annotations)(some_metric)",
    "sum without (and, by, avg, count, alert, annotations) (some_metric)"
  ),
  ("sum by (\"foo.bar\") (x)", "sum by (\"foo.bar\") (x)"),
  ("time()", "time()"), ("floor(some_metric{foo!=\"bar\"})", "floor(some_metric{foo!=\"bar\"})"),
  ("rate(some_metric[5m])", "rate(some_metric[5m])"), ("round(some_metric)", "round(some_metric)"),
  ("round(some_metric, 5)", "round(some_metric, 5)"),
  ("label_join(x, \"a\", \",\", \"b\", \"c\")", "label_join(x, \"a\", \",\", \"b\", \"c\")"),
  ("\"double-quoted string \\\" with escaped quote\"", "\"double-quoted string \\\" with escaped quote\""),
  ("'single-quoted string \\' with escaped quote'", "\"single-quoted string ' with escaped quote\""),
  ("`backtick-quoted string`", "\"backtick-quoted string\""),
  (
    "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\" - \\xFF\\377\\u1234\\U00010111\\U0001011111☺\"",
    "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\" - \\ufffd\\ufffd\u{1234}\u{10111}\u{10111}11☺\""
  ),
  ("foo{bar=\"baz\"}[10m:6s]", "foo{bar=\"baz\"}[10m:6s]"),
  ("foo{bar=\"baz\"}[10m5s:1h6ms]", "foo{bar=\"baz\"}[10m5s:1h6ms]"),
  ("foo[10m:]", "foo[10m:]"),
  ("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s])", "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s])"),
  (
    "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]",
    "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]"
  ),
  (
    "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]",
    "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]"
  ),
  (
    "sum without(and, by, avg, count, alert, annotations)(some_metric) [30m:10s]",
    "sum without (and, by, avg, count, alert, annotations) (some_metric)[30m:10s]"
  ),
  ("some_metric OFFSET 1m [10m:5s]", "some_metric offset 1m[10m:5s]"),
  ("(foo + bar{nm=\"val\"})[5m:]", "(foo + bar{nm=\"val\"})[5m:]"),
  ("(foo + bar{nm=\"val\"})[5m:] offset 10m", "(foo + bar{nm=\"val\"})[5m:] offset 10m"),
  (
    "(foo + bar{nm=\"val\"} @ 1234)[5m:] @ 1603775019",
    "(foo + bar{nm=\"val\"} @ 1234.000)[5m:] @ 1603775019.000"
  ),
  ("foo # comment\n + bar", "foo + bar"), ("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"), ("(2 ^ 3) ^ 2", "(2 ^ 3) ^ 2"),
  ("foo offset -2 ^ 2", "foo offset -2s ^ 2"), ("foo[5m+1m]", "foo[5m + 1m]"),
  ("foo[step()*2]", "foo[step() * 2]"),
  ("foo offset min_of(step(), 1s) + 8", "foo offset min_of(step(), 1s) + 8"),
  ("foo[5m] anchored", "foo[5m] anchored"), ("foo + fill(0) bar", "foo + fill (0) bar"),
  ("foo + fill_left(1) fill_right(2) bar", "foo + fill_left (1) fill_right (2) bar"),
  ("fill + fill", "fill + fill"), ("sum(x) by (job)", "sum by (job) (x)"),
]

@Suite(.timeLimit(.minutes(5)))
struct ParserTests {
  @Test(arguments: invalidQueries)
  func invalidQueryGivesPrometheusError(query: String, offset: Int, message: String) {
    do {
      let expr = try Parser.parse(query, options: .all)
      Issue.record("parsed \(query.debugDescription) as \(expr)")
    } catch {
      #expect(error.message == message, "\(query.debugDescription)")
      #expect(error.position.start == offset, "\(query.debugDescription): \(error)")
    }
  }

  @Test(arguments: validQueries)
  func validQueryPrintsCanonicallyAndRoundTrips(query: String, printed: String) throws {
    let expr = try Parser.parse(query, options: .all)
    #expect(expr.description == printed)
    let again = try Parser.parse(expr.description, options: .all)
    #expect(again.description == printed)
    #expect(again.normalized == expr.normalized)
  }

  @Test func errorDescriptionHasLineAndColumn() {
    #expect(throws: PromQLError.self) { try Parser.parse("sum(rate(x[5m])) * * 2") }
    do {
      _ = try Parser.parse("foo +\n  * 2")
    } catch {
      #expect(error.description == "2:3: parse error: unexpected <op:*>")
    }
  }

  @Test func experimentalFeaturesAreOffByDefault() {
    let cases = [
      ("foo[5m+1m]", "experimental duration expression is not enabled"),
      ("foo[5m] anchored", "anchored modifier is experimental and not enabled"),
      ("foo + fill(0) bar", "binop fill modifiers are experimental and not enabled"),
      (
        "limitk(1, foo)",
        "limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions"
      ),
      ("mad_over_time(foo[5m])", "function \"mad_over_time\" is not enabled"),
      ("holt_winters(foo[5m], 0.5, 0.5)", "unknown function with name \"holt_winters\""),
    ]
    for (query, message) in cases {
      #expect(throws: PromQLError.self) { try Parser.parse(query) }
      do { _ = try Parser.parse(query) } catch { #expect(error.message == message) }
    }
  }

  @Test func prometheus2NamesNeedTheOption() throws {
    var options = ParserOptions()
    options.prometheus2Functions = true
    let expr = try Parser.parse("holt_winters(foo[5m], 0.5, 0.5)", options: options)
    #expect(expr.description == "holt_winters(foo[5m], 0.5, 0.5)")
  }

  @Test func unaryMinusBindsLooserThanPower() throws {
    guard case .unary(let unary) = try Parser.parse("-2 ^ 2") else {
      Issue.record("expected a unary expression")
      return
    }
    #expect(unary.op == .minus)
    guard
      case .number(let literal) = try Parser.parse("-2 * 3").children.first
        ?? .number(.init(value: 0, position: .init(start: 0, end: 0)))
    else {
      Issue.record("expected a number")
      return
    }
    #expect(literal.value == -2)
  }

  @Test func selectorCarriesNameMatcherLast() throws {
    guard case .vectorSelector(let selector) = try Parser.parse("up{job=\"a\"}") else {
      Issue.record("expected a selector")
      return
    }
    #expect(selector.matchers.map(\.description) == ["job=\"a\"", "__name__=\"up\""])
    #expect(selector.position == PositionRange(start: 0, end: 11))
  }

  @Test func metricSelectorsGiveTheirMatchers() throws {
    let matchers = try Parser.parseMetricSelector("up{job=~\"api|web\"}")
    #expect(matchers.map(\.description) == ["job=~\"api|web\"", "__name__=\"up\""])
    #expect(throws: PromQLError.self) { try Parser.parseMetricSelector("rate(up[5m])") }
    #expect(throws: PromQLError.self) { try Parser.parseMetricSelector("{job=~\".*\"}") }
  }
}
