import Foundation

extension Scenario {
  /// Parses scenario text. `file` names the source in error messages.
  ///
  /// A file with a problem gives exactly one error, the first one, naming `file:line:col`.
  public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
    var parser = ScenarioParser(file: file)
    return try parser.parse(text)
  }

  /// Reads and parses a scenario file.
  public static func load(path: String) throws(ScenarioError) -> Scenario {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ScenarioError(file: path, line: 1, column: 1, message: "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ScenarioError(file: path, line: 1, column: 1, message: "the file is not UTF-8 text")
    }
    return try parse(text, file: path)
  }
}
