import Glibc

/// The one error type of the HTTP layer: socket failures, client failure kinds and protocol errors.
///
/// A scrape failure is data for the recorder, so the error keeps what a frame needs: the kind, the
/// operation that failed, the system's text for `errno`, and the bytes received before the failure.
public struct HTTPError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong, coarse enough for a recorder to store as a fault kind.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// The peer refused the connection (`ECONNREFUSED`).
    case connectionRefused
    /// The connection did not complete within the connect timeout.
    case connectTimeout
    /// The response did not complete within the total timeout.
    case readTimeout
    /// The peer reset the connection (`ECONNRESET`/`EPIPE`) before the response completed.
    case connectionReset
    /// The peer closed the connection before the response completed.
    case closedEarly
    /// The status line or headers could not be parsed, or the body framing is invalid.
    case badResponse
    /// The body exceeded the configured limit.
    case bodyTooLarge
    /// The server answered with a redirect, which a scrape does not follow.
    case redirect
    /// The URL could not be parsed or its host could not be resolved.
    case badURL
    /// The request was cancelled by the caller.
    case cancelled
    /// Any other system call failure (socket, bind, epoll ...).
    case system
  }

  /// What went wrong.
  public var kind: Kind
  /// The operation that failed, e.g. `connect`, `bind 127.0.0.1:80`, `parse status line`.
  public var operation: String
  /// Detail: `strerror(errno)` for system failures, a parser message otherwise.
  public var message: String
  /// The `errno` value for system failures, 0 otherwise.
  public var errno: Int32
  /// What the peer sent before the failure (headers and the first body bytes), when anything;
  /// the body is cut to ``HTTPClientRequest/partialBodyBytes``.
  public var partial: HTTPClientResponse?
  /// How many (decoded) body bytes arrived before the failure; more than `partial`'s body when
  /// that was cut.
  public var receivedBodyBytes: Int

  /// Creates an error; prefer the static factories.
  public init(
    kind: Kind, operation: String, message: String, errno: Int32 = 0,
    partial: HTTPClientResponse? = nil, receivedBodyBytes: Int? = nil
  ) {
    self.kind = kind
    self.operation = operation
    self.message = message
    self.errno = errno
    self.partial = partial
    self.receivedBodyBytes = receivedBodyBytes ?? partial?.body.count ?? 0
  }

  /// An error from a failed system call, classified by `code`.
  static func system(_ operation: String, errno code: Int32) -> HTTPError {
    let kind: Kind
    switch code {
    case ECONNREFUSED: kind = .connectionRefused
    case ECONNRESET, EPIPE: kind = .connectionReset
    case ETIMEDOUT: kind = .connectTimeout
    default: kind = .system
    }
    return HTTPError(kind: kind, operation: operation, message: errnoText(code), errno: code)
  }

  /// A protocol-level error in what the peer sent.
  static func badResponse(_ operation: String, _ message: String) -> HTTPError {
    HTTPError(kind: .badResponse, operation: operation, message: message)
  }

  /// `operation: message`, e.g. `connect 127.0.0.1:9: Connection refused`.
  public var description: String {
    var text = "\(operation): \(message)"
    if partial != nil {
      text += " (after \(receivedBodyBytes) body bytes)"
    }
    return text
  }
}

/// The system's description of an `errno` value.
func errnoText(_ code: Int32) -> String {
  guard let text = strerror(code) else { return "errno \(code)" }
  return String(cString: text)
}
