/// Why a dashboard could not be read: the file, and where in it when the JSON is malformed.
public struct DashboardError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file (or `<memory>`).
  public var path: String
  /// What is wrong, with `line:col:` in front for JSON syntax errors.
  public var message: String

  /// Creates the value from its parts.
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  /// `FILE: message` (for syntax errors `FILE:LINE:COL: message`).
  public var description: String {
    message.first?.isNumber == true ? "\(path):\(message)" : "\(path): \(message)"
  }
}
