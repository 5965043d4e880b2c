import Testing

@testable import Exposition

/// Text 0.0.4 as Prometheus's scrape parser reads it. The cases mirror the behaviour checked
/// against a real Prometheus 2.42 scrape (shared/conformance/EXPOSITION-EDGE-CASES.md).
@Suite(.timeLimit(.minutes(5))) struct ExpositionParserTests {
  static func samples(_ text: String, _ format: ExpositionFormat = .text) throws -> [Sample] {
    var parser = ExpositionParser(bytes: [UInt8](text), format: format)
    var out: [Sample] = []
    while let entry = try parser.next() {
      if entry == .sample { out.append(parser.sample()) }
    }
    return out
  }

  static func failure(_ text: String, _ format: ExpositionFormat = .text) -> ExpositionError? {
    var parser = ExpositionParser(bytes: [UInt8](text), format: format)
    do {
      while try parser.next() != nil {}
      return nil
    } catch { return error }
  }

  @Test(arguments: [
    ("\n\nv 1\n\n", "v", 1.0),
    ("ac:rate5m 1\n", "ac:rate5m", 1),
    ("ab{} 1\n", "ab", 1),
    ("w 1\n# EOF\n", "w", 1),
    ("#TYPE k counter\nk 1\n", "k", 1),
    ("q infinity\n", "q", .infinity),
    ("b{x=\"1\" y=\"2\"} 1\n", "b", 1),
    ("u 1", "u", 1),
    ("c {x=\"1\"} 1\n", "c", 1),
    ("# \tTYPE j counter\nj 1\n", "j", 1),
    ("d\t{x=\"1\"}\t1\t1000\n", "d", 1),
    ("f{x=\"1\",} 1\n", "f", 1),
    ("# TYPE m untyped\nm 1\n", "m", 1),
    ("ad +1.5e3\n", "ad", 1500),
    ("{\"y.z\",a=\"b\"} 1\n", "y.z", 1),
    ("x{a=\"1\"}2\n", "x", 2),
    ("   \nz 3\n", "z", 3),
  ])
  func acceptsWhatAPrometheusScrapeAccepts(text: String, name: String, value: Double) throws {
    let samples = try Self.samples(text)
    #expect(samples.count == 1)
    #expect(samples.first?.name == name)
    #expect(samples.first?.value == value)
  }

  @Test(arguments: [
    ("s{a=\"1\",a=\"2\"} 1\n", 1, 9, "duplicate label name"),
    ("ae_total 1 # {t=\"1\"} 1\n", 1, 12, "invalid timestamp"),
    ("i 1 1700000000000.5\n", 1, 5, "invalid timestamp"),
    ("z 0x10\n", 1, 3, "invalid value"),
    ("   e 1\n", 1, 1, "invalid metric name"),
    ("h 1 -5\n", 1, 5, "invalid timestamp"),
    ("t{a='1'} 1\n", 1, 5, "expected quoted label value"),
    ("# TYPE n unknown\nn 1\n", 1, 10, "invalid metric type"),
    ("a{,b=\"1\"} 1\n", 1, 3, "expected label name"),
    ("a 1 2 3\n", 1, 7, "expected end of line after timestamp"),
    ("a{b=\"c} 1\n", 1, 5, "unterminated quoted string"),
    ("a\n", 1, 2, "expected value"),
    ("{a=\"b\"} 1\n", 1, 1, "metric name not set"),
    ("{\"x\",\"y\"} 1\n", 1, 6, "metric name already set"),
    ("a 1e999\n", 1, 3, "value out of range"),
    ("ok 1\nbad 1 x\n", 2, 7, "invalid timestamp"),
  ])
  func rejectsWhatAPrometheusScrapeRejects(text: String, line: Int, column: Int, message: String) {
    let error = Self.failure(text)
    #expect(error?.line == line)
    #expect(error?.column == column)
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  @Test func escapesInLabelValuesFollowPrometheus() throws {
    let samples = try Self.samples("a{l=\"x\\qy\",m=\"q\\\"\\\\\\n\"} 1\n")
    #expect(samples[0].labels == [Label("l", "x\\qy"), Label("m", "q\"\\\n")])
  }

  @Test func aRawNewlineInsideALabelValueIsKeptAndCountsAsALine() throws {
    var parser = ExpositionParser(bytes: [UInt8]("a{l=\"x\ny\"} 1\nb 2\n"), format: .text)
    #expect(try parser.next() == .sample)
    #expect(parser.labelValue(0) == "x\ny")
    #expect(try parser.next() == .sample)
    #expect(parser.currentLine == 3)
  }

  @Test func helpTextUnescapesOnlyBackslashAndNewline() throws {
    var parser = ExpositionParser(bytes: [UInt8]("# HELP l a\\\\b\\nc\\\"d\n"), format: .text)
    #expect(try parser.next() == .help)
    #expect(parser.metricName() == "l")
    #expect(parser.helpText() == "a\\b\nc\\\"d")
  }

  @Test func helpWithoutTextIsEmpty() throws {
    var parser = ExpositionParser(bytes: [UInt8]("# HELP nohelp1\n"), format: .text)
    #expect(try parser.next() == .help)
    #expect(parser.helpText() == "")
  }

  @Test func typeLinesSetTheType() throws {
    var parser = ExpositionParser(bytes: [UInt8]("# TYPE x histogram\n# TYPE y untyped\n"), format: .text)
    #expect(try parser.next() == .type)
    #expect(parser.metricType == .histogram)
    #expect(try parser.next() == .type)
    #expect(parser.metricType == .unknown)
  }

  @Test func timestampsAreMillisecondsInText() throws {
    let samples = try Self.samples("g 1 1700000000000\n")
    #expect(samples[0].timestamp == 1_700_000_000_000)
  }

  @Test func timestampsAreSecondsInOpenMetrics() throws {
    let samples = try Self.samples("a 1 100.5\nb 1 1.5e3\nc 1 -1.25\n# EOF\n", .openMetrics)
    #expect(samples.map(\.timestamp) == [100_500, 1_500_000, -1250])
  }

  @Test func exemplarsAreReadInOpenMetrics() throws {
    let samples = try Self.samples(
      "# TYPE a counter\na_total 0 123 # {a=\"b\"} 0.5 7\n# EOF\n", .openMetrics)
    #expect(samples[0].exemplar == Exemplar(labels: [Label("a", "b")], value: 0.5, timestamp: 7000))
    #expect(samples[0].value == 0)
  }

  @Test func theParserReusesItsLabelBufferAndKeepsValueText() throws {
    var parser = ExpositionParser(bytes: [UInt8]("a{x=\"1\",y=\"2\"} 5.50\nb 2\n"), format: .text)
    #expect(try parser.next() == .sample)
    #expect(parser.labels.count == 2)
    #expect(parser.string(parser.valueText) == "5.50")
    #expect(try parser.next() == .sample)
    #expect(parser.labels.isEmpty)
  }

  // MARK: Bad input never traps

  @Test func invalidUTF8InALabelValueIsAnErrorWithAPosition() {
    var bytes = [UInt8]("ok 1\na{l=\"x")
    bytes += [0xC3, 0x28]
    bytes += [UInt8]("\"} 1\n")
    var parser = ExpositionParser(bytes: bytes, format: .text)
    #expect(throws: ExpositionError.self) { while try parser.next() != nil {} }
    var again = ExpositionParser(bytes: bytes, format: .text)
    do {
      while try again.next() != nil {}
    } catch {
      #expect(error.line == 2)
      #expect(error.column == 7)
      #expect(error.message == "invalid UTF-8 label value")
    }
  }

  @Test func aTenMegabyteLineIsAnErrorNotATrap() {
    var bytes = [UInt8]("ok 1\nx{a=\"")
    bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 10_000_000)
    var parser = ExpositionParser(bytes: bytes, format: .text)
    do {
      while try parser.next() != nil {}
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "unterminated quoted string")
      #expect(error.line == 2)
    }
    var long = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
    long += [UInt8](" 1\n")
    var ok = ExpositionParser(bytes: long, format: .text)
    #expect(throws: Never.self) { while try ok.next() != nil {} }
  }

  @Test func aNULByteIsAnErrorWithAPosition() {
    let error = Self.failure("a 1\nb\u{0} 1\n")
    #expect(error?.line == 2)
    #expect(error?.column == 2)
  }

  @Test func aNULByteInsideALabelValueIsKeptAsPrometheusDoes() throws {
    let samples = try Self.samples("a{l=\"x\u{0}y\"} 1\n")
    #expect(samples[0].labels[0].value == "x\u{0}y")
  }

  @Test func unterminatedQuotesAreAnErrorInBothFormats() {
    #expect(Self.failure("a{b=\"c\n")?.message == "unterminated quoted string")
    #expect(Self.failure("a{b=\"c\n# EOF\n", .openMetrics)?.message == "unterminated quoted string")
    #expect(
      Self.failure("# TYPE \"abc gauge\n# EOF\n", .openMetrics)?.message == "unterminated quoted string")
  }

  @Test func randomBytesNeverTrap() {
    var rng = SplitMix(seed: 7)
    let alphabet = [UInt8]("ab_:{}=\",# \t\n\\01.eE+-InfNaTYPEHELPUNIT\u{0}") + [0xC3, 0xFF, 0x80]
    for _ in 0..<3_000 {
      let count = Int(rng.next() % 64)
      let bytes = (0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      for format in ExpositionFormat.allCases {
        var parser = ExpositionParser(bytes: bytes, format: format)
        for _ in 0..<200 {
          guard let entry = try? parser.next() else { break }
          if entry == .sample { _ = parser.sample() }
        }
      }
    }
  }
}

extension ExpositionParserTests {
  /// Found by the fuzzer: `\q` is kept verbatim, so `"x\\q"` and `"x\q"` name the same label.
  @Test func quotedLabelNamesSpelledTwoWaysAreDuplicates() {
    let error = Self.failure("a{\"x\\\\q\"=\"1\",\"x\\q\"=\"2\"} 1\n")
    #expect(error?.message == "duplicate label name \"x\\q\"")
  }

  @Test func quotedNamesMustBeValidUTF8AndNotEmpty() {
    var bytes = [UInt8]("{\"a")
    bytes += [0xFD]
    bytes += [UInt8]("\"} 1\n")
    var parser = ExpositionParser(bytes: bytes, format: .text)
    #expect(throws: ExpositionError.self) { while try parser.next() != nil {} }
    #expect(Self.failure("a{\"\"=\"1\"} 1\n")?.message == "empty quoted name")
  }
}
