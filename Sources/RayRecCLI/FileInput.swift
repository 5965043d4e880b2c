import Basics

/// Reading whole input files (or standard input for `-`), with errno text in failures.
enum FileInput {
  static func read(_ path: String) throws(DataError) -> [UInt8] {
    do { return try FileIO.readAll(path) } catch { throw DataError("\(path): \(error.message)") }
  }
}
