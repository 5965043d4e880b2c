import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct DecimalTokenTests {
  static func token(_ text: String) -> DecimalToken? {
    Array(text.utf8).withUnsafeBufferPointer { DecimalToken($0) }
  }

  static func render(_ mantissa: Int64, like text: String) -> String {
    let bytes = Array(text.utf8)
    guard let shape = token(text) else { return "" }
    var out: [UInt8] = []
    bytes.withUnsafeBufferPointer {
      DecimalToken.render(
        mantissa: mantissa, fractionDigits: shape.fractionDigits,
        suffix: UnsafeBufferPointer(rebasing: $0[shape.suffix]), into: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }

  @Test func tokensSplitIntoMantissaFractionAndSuffix() throws {
    let counter = try #require(Self.token("2212.0"))
    #expect(counter.mantissa == 22120)
    #expect(counter.fractionDigits == 1)
    #expect(counter.unit == 10)
    let scientific = try #require(Self.token("-1.41381632e+08"))
    #expect(scientific.mantissa == -141_381_632)
    #expect(scientific.fractionDigits == 8)
    #expect(scientific.suffix == 11..<15)
    #expect(scientific.unit == 1)
    #expect(Self.token("NaN") == nil)
    #expect(Self.token("+Inf") == nil)
    #expect(Self.token("1.") == nil)
    #expect(Self.token(".5") == nil)
    #expect(Self.token("1234567890123456789") == nil)
  }

  @Test func renderingKeepsTheShape() {
    #expect(Self.render(22500, like: "2212.0") == "2250.0")
    #expect(Self.render(12, like: "0.0012") == "0.0012")
    #expect(Self.render(-5, like: "0.25") == "-0.05")
    #expect(Self.render(141_385_728, like: "1.41381632e+08") == "1.41385728e+08")
    #expect(Self.render(0, like: "7") == "0")
    #expect(Self.render(.min, like: "1.5") != "")
  }
}

extension DecimalToken: Equatable {
  static func == (left: DecimalToken, right: DecimalToken) -> Bool {
    left.mantissa == right.mantissa && left.fractionDigits == right.fractionDigits
      && left.suffix == right.suffix
  }
}
