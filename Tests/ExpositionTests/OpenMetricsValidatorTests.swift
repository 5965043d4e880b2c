import Foundation
import Testing

@testable import Exposition

@Suite(.timeLimit(.minutes(5))) struct OpenMetricsValidatorTests {
  static func check(_ text: String) -> String? {
    do {
      _ = try MetricFamily.parse([UInt8](text), format: .openMetrics)
      return nil
    } catch { return error.description }
  }

  @Test(arguments: [
    "# TYPE a histogram\na_bucket{le=\"1.0\"} 0\na_bucket{le=\"+Inf\"} 3\na_count 3\na_sum 2\n# EOF\n",
    "# TYPE a summary\na_count 1\na_sum 2\na{quantile=\"0.5\"} 0.7\n# EOF\n",
    "# TYPE a stateset\na{a=\"bar\"} 0\na{a=\"foo\"} 1.0\n# EOF\n",
    "# TYPE a info\na_info{v=\"1\"} 1\n# EOF\n",
    "# TYPE a_seconds gauge\n# UNIT a_seconds seconds\na_seconds 1\n# EOF\n",
    "a 1\nb 2\n# EOF",
  ])
  func acceptsValidFamilies(text: String) {
    #expect(Self.check(text) == nil)
  }

  @Test(arguments: [
    ("a 1\nb 1\na 1\n# EOF\n", "4:1: clashing name a"),
    ("# TYPE a counter\na_total -1\n# EOF\n", "2:1: counter-like sample a_total cannot be negative"),
    (
      "# TYPE a histogram\na_bucket{le=\"2\"} 0\na_bucket{le=\"1\"} 0\na_bucket{le=\"+Inf\"} 0\n# EOF\n",
      "5:1: buckets of a are out of order"
    ),
    ("# TYPE a gauge\na 1 # {x=\"y\"} 1\n# EOF\n", "2:1: exemplars are only allowed"),
    ("# TYPE a gauge\na 1\n# HELP a x\n# EOF\n", "3:1: metadata for a after its samples"),
    ("# TYPE a gauge\na 0 1\na 0 0\n# EOF\n", "3:1: timestamps went backwards"),
    ("a 1\n", "2:1: data does not end with # EOF"),
    ("a 1\n# EOF\n\n", "3:1: unexpected data after # EOF"),
  ])
  func rejectsWhatTheSpecificationForbids(text: String, expected: String) {
    let got = Self.check(text)
    #expect(got?.hasPrefix(expected) == true, "\(got ?? "accepted")")
  }

  /// The 211 parser cases of the OpenMetrics repository, judged by their `shouldParse`.
  @Test(.enabled(if: Shared.available)) func agreesWithEveryOpenMetricsConformanceCase() throws {
    let dir = Shared.path("conformance/openmetrics")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    var checked = 0
    for name in names {
      let caseDir = dir.appendingPathComponent(name)
      guard let json = FileManager.default.contents(atPath: caseDir.appendingPathComponent("test.json").path),
        let spec = try JSONSerialization.jsonObject(with: json) as? [String: Any],
        let shouldParse = spec["shouldParse"] as? Bool,
        let body = FileManager.default.contents(atPath: caseDir.appendingPathComponent("metrics").path)
      else { continue }
      var error: ExpositionError?
      do { _ = try MetricFamily.parse(Array(body), format: .openMetrics) } catch let e { error = e }
      #expect((error == nil) == shouldParse, "\(name): \(error.map(\.description) ?? "accepted")")
      checked += 1
    }
    #expect(checked == 211)
  }
}

extension OpenMetricsValidatorTests {
  /// Found by the fuzzer: the 128-character exemplar limit counts decoded characters.
  @Test func exemplarLabelLengthCountsDecodedCharacters() {
    let value = String(repeating: "\\\\", count: 127)  // 127 characters once decoded
    let text = "# TYPE a counter\na_total 1 # {a=\"\(value)\"} 1\n# EOF\n"
    #expect(Self.check(text) == nil)
    let tooLong = "# TYPE a counter\na_total 1 # {ab=\"\(value)\"} 1\n# EOF\n"
    #expect(Self.check(tooLong)?.contains("129 characters") == true)
  }
}
