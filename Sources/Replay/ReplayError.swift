/// What can go wrong setting up or running a replay, with what a user needs to fix it.
public enum ReplayError: Error, CustomStringConvertible, Equatable, Sendable {
  /// An option value that cannot be used (names the option).
  case invalidOption(option: String, message: String)
  /// Two targets would be served on the same address.
  case addressClash(address: String, first: String, second: String)
  /// A listener could not be opened (port busy, address not local...).
  case bind(address: String, message: String)
  /// The archive has nothing to replay in the chosen window.
  case emptyWindow(message: String)
  /// The archive could not be read.
  case archive(message: String)
  /// A discovery file could not be written.
  case io(path: String, message: String)

  public var description: String {
    switch self {
    case .invalidOption(let option, let message): "--\(option): \(message)"
    case .addressClash(let address, let first, let second):
      "targets \(first) and \(second) would both be served on \(address); give --map for one of them"
    case .bind(let address, let message): "cannot listen on \(address): \(message)"
    case .emptyWindow(let message): message
    case .archive(let message): message
    case .io(let path, let message): "\(path): \(message)"
    }
  }
}
