import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Go's `filepath.Glob`: the paths a pattern matches, sorted; a pattern without meta characters
/// matches itself when the file exists.
enum FileGlob {
  static func matches(_ pattern: String) -> [String] {
    if !pattern.contains(where: { "*?[".contains($0) }) {
      return FileManager.default.fileExists(atPath: pattern) ? [pattern] : []
    }
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    for index in 0..<Int(result.gl_pathc) {
      if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
    }
    return paths.sorted()
  }
}
