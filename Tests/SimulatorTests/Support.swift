import Foundation
import Simulator

/// The package's `scenarios/` directory, found from this file's path.
enum Scenarios {
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios")

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".scn") }.sorted()
  }

  static func load(_ name: String) throws -> Scenario {
    try Scenario.load(path: directory.appendingPathComponent(name).path)
  }
}

extension Array where Element == UInt8 {
  var text: String { String(decoding: self, as: UTF8.self) }
}
