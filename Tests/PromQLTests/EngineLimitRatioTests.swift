import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct EngineLimitRatioTests {
  static let engine = Engine(
    storage: InMemoryStorage(
      (0..<40).map {
        Series(labels: Labels(["__name__": "m", "i": "\($0)"]), timestamps: [0], values: [Double($0)])
      }))

  func count(_ query: String) throws -> Int {
    guard case .vector(let samples) = try Self.engine.instantQuery(query, at: 0, options: .all) else {
      return -1
    }
    return samples.count
  }

  @Test func aRatioAndItsComplementSplitTheSeries() throws {
    let half = try count("limit_ratio(0.5, m)")
    #expect(half > 0 && half < 40)
    #expect(try count("limit_ratio(-0.5, m)") == 40 - half)
    #expect(try count("limit_ratio(0.5, m) and limit_ratio(-0.5, m)") == 0)
    #expect(try count("limit_ratio(1.1, m)") == 40)
    #expect(try count("limit_ratio(0, m)") == 0)
  }

  @Test func aNaNRatioIsAnError() {
    #expect(throws: EvaluationError("Ratio value is NaN")) {
      try Self.engine.instantQuery("limit_ratio(NaN, m)", at: 0, options: .all)
    }
  }
}
