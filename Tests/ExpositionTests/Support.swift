import Foundation

/// `../shared` beside the package root, where the team keeps upstream test data; absent on a
/// fresh clone, so tests that read it are skipped there.
enum Shared {
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared")
  static var available: Bool { FileManager.default.fileExists(atPath: root.path) }
  static func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

extension Array where Element == UInt8 {
  init(_ text: String) { self = Array(text.utf8) }
}
