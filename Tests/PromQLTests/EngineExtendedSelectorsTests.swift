import PromQL
import Testing

/// `anchored` and `smoothed` selectors: no extrapolation, edges from neighbouring samples.
@Suite(.timeLimit(.minutes(5)))
struct EngineExtendedSelectorsTests {
  /// `metric 1+1x4 9+1x4` every 15s, as in Prometheus's extended_vectors.test.
  static let engine = Engine(
    storage: InMemoryStorage([
      Series(
        labels: Labels(["__name__": "metric"]), timestamps: (0..<10).map { Int64($0) * 15_000 },
        values: [1, 2, 3, 4, 5, 9, 10, 11, 12, 13]),
      Series(labels: Labels(["__name__": "reset"]), timestamps: [0, 15_000], values: [100, 10]),
    ]))

  func value(_ query: String, at seconds: Int64) throws -> Double? {
    guard case .vector(let samples) = try Self.engine.instantQuery(query, at: seconds * 1000, options: .all)
    else {
      return nil
    }
    return samples.first.map { ($0.value * 1e9).rounded() / 1e9 }
  }

  @Test func anchoredStartsFromTheLastSampleBeforeTheWindow() throws {
    #expect(try value("increase(metric[1m] anchored)", at: 5) == 0)
    #expect(try value("increase(metric[1m] anchored)", at: 65) == 4)
    #expect(try value("increase(metric[1m] anchored)", at: 80) == 7)
    #expect(try value("rate(metric[1m] anchored)", at: 80) == (7.0 / 60 * 1e9).rounded() / 1e9)
    #expect(try value("changes(metric[1m] anchored)", at: 80) == 4)
    #expect(try value("resets(reset[15s] anchored)", at: 15) == 1)
  }

  @Test func smoothedInterpolatesAtBothEdges() throws {
    #expect(try value("increase(metric[1m] smoothed)", at: 5) == 0.333333333)
    #expect(try value("increase(metric[1m] smoothed)", at: 65) == 5)
    #expect(try value("delta(metric[1m] smoothed)", at: 125) == 6)
    // Across a counter reset the counter restarts from zero.
    #expect(try value("rate(reset[10s] smoothed)", at: 12) == 0.666666667)
    #expect(try value("metric smoothed", at: 20) == 2.333333333)
    #expect(try value("metric smoothed", at: 200) == 13)
  }

  @Test func smoothedIsEmptyWhenAllDataIsOnOneSide() throws {
    #expect(try value("increase(metric[5s] smoothed)", at: 200) == nil)
  }

  @Test func rejectsModifiersTheFunctionCannotUse() {
    #expect(
      throws: EvaluationError(
        "smoothed modifier can only be used with: delta, increase, rate - not with resets")
    ) {
      try Self.engine.instantQuery("resets(metric[1m] smoothed)", at: 0, options: .all)
    }
    #expect(
      throws: EvaluationError(
        "anchored modifier can only be used with: changes, delta, increase, rate, resets - not with deriv")
    ) {
      try Self.engine.instantQuery("deriv(metric[1m] anchored)", at: 0, options: .all)
    }
  }
}
