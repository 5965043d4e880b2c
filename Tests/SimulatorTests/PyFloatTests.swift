import Foundation
import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct PyFloatTests {
  /// Expected texts computed with CPython 3.11 and prometheus_client's `floatToGoString`.
  static let cases: [(Double, String)] = [
    (0.0, "0.0"), (1.0, "1.0"), (-1.0, "-1.0"), (576717816.0, "5.76717816e+08"),
    (25276514304.0, "2.5276514304e+10"), (244287.01669335712, "244287.01669335712"), (1e-05, "1e-05"),
    (1.5e+16, "1.5e+16"), (1e+16, "1e+16"), (1234567.5, "1.2345675e+06"), (1000000.0, "1e+06"),
    (999999.0, "999999.0"), (0.1, "0.1"), (28.1, "28.1"), (-0.0, "-0.0"),
    (1795607041.1852484, "1.7956070411852484e+09"), (123456789012345.0, "1.23456789012345e+14"),
    (1234567890123456.0, "1.234567890123456e+15"), (1.2345678901234568e+16, "1.2345678901234568e+16"),
    (-1234567.0, "-1234567.0"), (0.0001, "0.0001"), (2576752640.0, "2.57675264e+09"),
    (9500000000000000.0, "9.5e+15"), (Double.leastNonzeroMagnitude, "5e-324"), (.infinity, "+Inf"),
    (-.infinity, "-Inf"),
  ]

  @Test(arguments: cases)
  func formatsLikeRaysPythonExporter(value: Double, expected: String) {
    var out: [UInt8] = []
    PyFloat.append(value, to: &out)
    #expect(out.text == expected)
  }

  @Test func appendsAfterExistingBytes() {
    var out = Array("x ".utf8)
    PyFloat.append(42, to: &out)
    PyFloat.append(1e7, to: &out)
    #expect(out.text == "x 42.01e+07")
  }

  @Test func formatsNaN() {
    var out: [UInt8] = []
    PyFloat.append(.nan, to: &out)
    #expect(out.text == "NaN")
  }
}

@Suite(.timeLimit(.minutes(5)))
struct PyFloatRealScrapeTests {
  /// The team's reference scrapes, looked for in `shared/` beside the package or further up;
  /// absent on a fresh clone, where the test is skipped.
  static let scrapes: URL? = {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    for _ in 0..<4 {
      dir = dir.deletingLastPathComponent()
      let candidate = dir.appendingPathComponent("shared/samples/ray-2.60/scrapes")
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
    }
    return nil
  }()

  /// Every value text in a few real Ray 2.60 scrapes comes out of ``PyFloat`` byte for byte.
  @Test(.enabled(if: scrapes != nil))
  func reproducesEveryValueOfRealScrapes() throws {
    let root = try #require(Self.scrapes)
    var checked = 0
    for target in try FileManager.default.contentsOfDirectory(atPath: root.path) {
      let dir = root.appendingPathComponent(target)
      let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
        $0.hasSuffix(".prom")
      }
      for file in files.sorted().suffix(2) {
        let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
          guard let space = line.lastIndex(of: " ") else { continue }
          let valueText = String(line[line.index(after: space)...])
          guard let value = Double(valueText) else { continue }
          var out: [UInt8] = []
          PyFloat.append(value, to: &out)
          #expect(out.text == valueText, "\(target)/\(file)")
          checked += 1
        }
      }
    }
    #expect(checked > 1000)
  }
}
