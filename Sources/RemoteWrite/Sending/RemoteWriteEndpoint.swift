import Foundation
public import HTTP

/// Where remote write requests go and what they carry besides the protocol's own headers:
/// credentials, a tenant, the user's extra headers, the per-request timeout.
public struct RemoteWriteEndpoint: Sendable {
  /// Headers rayrec sets for every request, which a user header may not replace (Prometheus's
  /// remote write config refuses them too): the protocol's, HTTP framing, and `Authorization`,
  /// which has options of its own.
  public static let reservedHeaders = [
    "Authorization", "Connection", "Content-Encoding", "Content-Length", "Content-Type", "Host",
    "Transfer-Encoding", "User-Agent", "X-Prometheus-Remote-Write-Version",
  ]

  /// The header Mimir, Cortex and Loki read the tenant from.
  public static let tenantHeader = "X-Scope-OrgID"

  /// The receiver's URL, e.g. `http://127.0.0.1:9090/api/v1/write`.
  public let url: HTTPURL
  /// Time allowed for one request, connecting included (Prometheus's `remote_timeout`, 30s).
  public var timeout: Duration = .seconds(30)
  /// Extra headers in the order added: credentials, tenant, the user's.
  public private(set) var headers: HTTPHeaders = [:]

  /// Parses `url`: `http://host[:port]/path` (https needs TLS, which rayrec does not have).
  ///
  /// - Throws: ``RemoteWriteError`` naming what is wrong with the URL.
  public init(url text: String) throws(RemoteWriteError) {
    do {
      url = try HTTPURL(parsing: text)
    } catch {
      throw RemoteWriteError("invalid URL '\(text)': \(error.message)")
    }
  }

  /// Adds a header sent with every request.
  ///
  /// - Throws: ``RemoteWriteError`` when the name is no token, the value holds control
  ///   characters, or the header is one rayrec sets itself.
  public mutating func addHeader(name: String, value: String) throws(RemoteWriteError) {
    guard HTTPHeaders.isValidName(name) else {
      throw RemoteWriteError(
        "header name '\(name)' is not a valid HTTP field name (letters, digits, !#$%&'*+-.^_`|~)")
    }
    guard HTTPHeaders.isValidValue(value) else {
      throw RemoteWriteError("header \(name): the value holds control characters (a line break?)")
    }
    if let reserved = Self.reservedHeaders.first(where: { $0.lowercased() == name.lowercased() }) {
      let hint = reserved == "Authorization" ? " (use --bearer-token-file or --basic-auth)" : ""
      throw RemoteWriteError("header \(reserved) is set by rayrec and cannot be replaced\(hint)")
    }
    guard headers[name] == nil else {
      let hint = name.lowercased() == Self.tenantHeader.lowercased() ? " (--tenant sets it)" : ""
      throw RemoteWriteError("header \(name) is given twice\(hint)")
    }
    headers.append(name: name, value: value)
  }

  /// Sends `Authorization: Bearer TOKEN` (the token as read from a file, surrounding blanks
  /// dropped, as Prometheus's `credentials_file` is read).
  public mutating func setBearerToken(_ token: String) throws(RemoteWriteError) {
    let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else { throw RemoteWriteError("the bearer token is empty") }
    guard HTTPHeaders.isValidValue(token) else {
      throw RemoteWriteError("the bearer token holds control characters (more than one line?)")
    }
    try setAuthorization("Bearer \(token)")
  }

  /// Sends `Authorization: Basic ...` (RFC 7617); the password as read from a file, surrounding
  /// blanks dropped, as Prometheus's `password_file` is read.
  public mutating func setBasicAuth(user: String, password: String) throws(RemoteWriteError) {
    guard !user.isEmpty, !user.contains(":") else {
      throw RemoteWriteError("the basic auth user '\(user)' must be non-empty and hold no ':'")
    }
    let password = password.trimmingCharacters(in: .whitespacesAndNewlines)
    let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
    try setAuthorization("Basic \(credentials)")
  }

  /// Sends `X-Scope-OrgID: ID`, the tenant of Mimir, Cortex and Loki.
  public mutating func setTenant(_ id: String) throws(RemoteWriteError) {
    guard !id.isEmpty else { throw RemoteWriteError("the tenant ID is empty") }
    try addHeader(name: Self.tenantHeader, value: id)
  }

  private mutating func setAuthorization(_ value: String) throws(RemoteWriteError) {
    guard headers["Authorization"] == nil else {
      throw RemoteWriteError("give one of --bearer-token-file and --basic-auth")
    }
    headers.append(name: "Authorization", value: value)
  }

  /// The headers of a request besides `Host`, `User-Agent` and `Content-Length` (which the
  /// HTTP client writes): the protocol's, then ``headers``.
  public var requestHeaders: HTTPHeaders {
    var all: HTTPHeaders = [
      "Content-Encoding": "snappy", "Content-Type": "application/x-protobuf",
      "X-Prometheus-Remote-Write-Version": "0.1.0",
    ]
    for field in headers.fields { all.append(name: field.name, value: field.value) }
    return all
  }

  /// ``requestHeaders`` with credentials hidden, for printing.
  public var printableHeaders: [String] {
    requestHeaders.fields.map { field in
      guard field.name == "Authorization" else { return "\(field.name): \(field.value)" }
      let scheme = field.value.split(separator: " ").first.map(String.init) ?? ""
      return "Authorization: \(scheme) <hidden>"
    }
  }
}
