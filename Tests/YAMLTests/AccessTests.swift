import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct AccessTests {
  private func node(_ yaml: String) throws -> YAMLNode {
    try #require(try YAMLParser.parse("v: " + yaml + "\n", file: "t.yml")?["v"])
  }

  @Test(arguments: [
    ("x", "!!str"), ("'1'", "!!str"), ("\"true\"", "!!str"), ("|\n  1", "!!str"),
    ("1", "!!int"), ("-12", "!!int"), ("+7", "!!int"), ("0x1F", "!!int"), ("0o17", "!!int"), ("017", "!!int"),
    ("0b101", "!!int"), ("1_000", "!!int"), ("9223372036854775807", "!!int"),
    ("18446744073709551615", "!!int"), ("18446744073709551616", "!!float"),
    ("1.5", "!!float"), ("1e3", "!!float"), ("-.5", "!!float"), (".5", "!!float"), ("1.", "!!float"),
    (".inf", "!!float"), ("-.Inf", "!!float"), ("+.INF", "!!float"), (".nan", "!!float"), ("08", "!!float"),
    ("1e400", "!!str"), ("0x", "!!str"), ("1.2.3", "!!str"), ("5m", "!!str"), ("1h30m", "!!str"),
    ("true", "!!bool"), ("False", "!!bool"), ("TRUE", "!!bool"), ("yes", "!!str"), ("on", "!!str"),
    ("tRue", "!!str"), ("~", "!!null"), ("null", "!!null"), ("Null", "!!null"), ("NULL", "!!null"),
    ("", "!!null"), ("'null'", "!!str"), ("nULL", "!!str"),
    ("2001-12-14", "!!timestamp"), ("2001-12-14T21:59:43.10-05:00", "!!timestamp"),
    ("2001-12-14 21:59:43.10", "!!timestamp"), ("2001-13-14", "!!str"),
    ("{a: 1}", "!!map"), ("[1]", "!!seq"), ("!!str 1", "!!str"), ("!!int '1'", "!!int"), ("!foo x", "!foo"),
    ("! 1", "!!str"), ("!<tag:yaml.org,2002:float> 1", "!!float"),
  ])
  func kindNamesFollowGoYAML(yaml: String, kind: String) throws {
    #expect(try node(yaml).kindName == kind, "\(yaml)")
  }

  @Test(arguments: [
    ("1", 1), ("-12", -12), ("+7", 7), ("0x1F", 31), ("0X1f", 31), ("0o17", 15), ("017", 15), ("0b101", 5),
    ("-0x10", -16), ("1_000", 1000), ("1e3", 1000), ("9223372036854775807", Int.max),
    ("-9223372036854775808", Int.min), ("0", 0), ("-0", 0),
  ])
  func integersResolve(yaml: String, value: Int) throws {
    #expect(try node(yaml).asInt() == value, "\(yaml)")
  }

  @Test(arguments: ["'1'", "\"1\"", "1.5", "x", "18446744073709551615", "true", "", "0x", "_1", "|\n  1"])
  func nonIntegersDoNotResolveAsInt(yaml: String) throws {
    #expect(try node(yaml).asInt() == nil, "\(yaml)")
  }

  @Test(arguments: [
    ("1.5", 1.5), ("-2", -2), ("1e3", 1000), ("6.02e+23", 6.02e23), (".5", 0.5), ("0x10", 16),
    (".inf", .infinity), ("-.Inf", -.infinity), ("+.inf", .infinity), ("1_000.5", 1000.5),
  ])
  func numbersResolveAsDouble(yaml: String, value: Double) throws {
    #expect(try node(yaml).asDouble() == value, "\(yaml)")
  }

  @Test func nanResolvesAsDouble() throws {
    #expect(try node(".nan").asDouble()?.isNaN == true)
    #expect(try node("'.nan'").asDouble() == nil)
    #expect(try node("inf").asDouble() == nil)
  }

  @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false)])
  func booleansResolve(yaml: String, value: Bool) throws {
    #expect(try node(yaml).asBool() == value)
  }

  @Test(arguments: ["'true'", "yes", "on", "1", "t", "\"false\""])
  func otherTextIsNotBoolean(yaml: String) throws {
    #expect(try node(yaml).asBool() == nil)
  }

  @Test func nullIsOnlyPlainNullText() throws {
    for yaml in ["~", "null", "Null", "NULL", "", "!!null ~"] { #expect(try node(yaml).isNull, "\(yaml)") }
    for yaml in ["'~'", "\"null\"", "none", "[]", "!!str", "|\n"] {
      #expect(try !node(yaml).isNull, "\(yaml)")
    }
  }

  @Test func accessorsPickTheContent() throws {
    let root = try #require(try YAMLParser.parse("m: {a: 1}\ns: [x]\nv: t\n", file: "t.yml"))
    #expect(root["m"]?.pairs?.count == 1)
    #expect(root["m"]?.items == nil)
    #expect(root["s"]?.items?.count == 1)
    #expect(root["s"]?.scalar == nil)
    #expect(root["v"]?.scalar == YAMLScalar(text: "t", style: .plain))
    #expect(root["missing"] == nil)
    #expect(root["s"]?["x"] == nil)
    #expect(root.pairs?.map { $0.key.scalar?.text } == ["m", "s", "v"])
  }
}
