/// An error the API answers with: Prometheus's `errorType` and message, and its HTTP status.
public struct APIError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Prometheus's error types (`web/api/v1`), with the status code each is sent with.
  public enum Kind: String, Sendable {
    case badData = "bad_data"
    case execution
    case timeout
    case canceled
    case internalError = "internal"
    case unavailable
    case notFound = "not_found"

    /// 400 bad_data, 422 execution, 503 timeout/canceled, 404 not_found, 500 otherwise (as
    /// Prometheus's `respondError`; it sends `unavailable` as 500 too).
    public var status: Int {
      switch self {
      case .badData: 400
      case .execution: 422
      case .timeout, .canceled: 503
      case .notFound: 404
      case .internalError, .unavailable: 500
      }
    }
  }

  /// The error type.
  public var kind: Kind
  /// The message, as Prometheus words it.
  public var message: String

  /// Creates the value from its parts.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// `invalid parameter "NAME": MESSAGE`, Prometheus's wrapping of a bad parameter.
  static func invalidParameter(_ name: String, _ message: String) -> APIError {
    APIError(.badData, "invalid parameter \"\(name)\": \(message)")
  }

  /// The text form.
  public var description: String { "\(kind.rawValue): \(message)" }

  /// `{"status":"error","errorType":...,"error":...}`.
  public var json: [UInt8] {
    var out = JSONWriter()
    out.beginObject()
    out.key("status")
    out.string("error")
    out.key("errorType")
    out.string(kind.rawValue)
    out.key("error")
    out.string(message)
    out.endObject()
    return out.bytes
  }
}
