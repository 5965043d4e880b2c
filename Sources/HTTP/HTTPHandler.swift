/// What the server does with a request: the seam between the HTTP core and its users.
///
/// `handle` runs on the event-loop thread, so it must be quick and must not block; return
/// ``HTTPReply/deferred`` and answer later through ``HTTPRequestContext/responder()`` when the
/// answer takes time (or never comes, to replay a timeout).
public protocol HTTPHandler: Sendable {
  /// Answers one request.
  func handle(_ request: HTTPRequest, context: HTTPRequestContext) -> HTTPReply
}

/// A handler's answer to one request.
public enum HTTPReply: Sendable {
  /// Send this response.
  case response(HTTPResponse)
  /// Send the head and the first `bodyBytes` of the body, then reset the connection (RST), as a
  /// target that dies mid-response does.
  case resetAfter(HTTPResponse, bodyBytes: Int)
  /// Close the connection without answering; with `reset`, abortively (RST instead of FIN).
  case close(reset: Bool)
  /// No answer yet: the handler keeps the context's responder and answers later (or never).
  case deferred
}

/// Identifies one listening socket of an ``HTTPServer``.
public struct ListenerID: Hashable, Sendable, CustomStringConvertible {
  /// The server-assigned number.
  public let rawValue: Int
  /// Wraps a number.
  public init(rawValue: Int) { self.rawValue = rawValue }
  /// `listener#N`.
  public var description: String { "listener#\(rawValue)" }
}

/// A listener that is accepting connections, with the address it really bound.
public struct BoundListener: Hashable, Sendable {
  /// The identifier to close it with.
  public var id: ListenerID
  /// The bound address (the kernel's port when port 0 was asked for).
  public var address: SocketAddress
}

/// Where a request arrived, and the way to answer it later.
public struct HTTPRequestContext {
  /// The listener that accepted the connection.
  public let listener: ListenerID
  /// The local address of the connection (which of several bound IPs/ports was hit).
  public let localAddress: SocketAddress
  /// The peer's address.
  public let remoteAddress: SocketAddress
  let connection: ServerConnection
  let sequence: UInt64

  /// A responder for answering this request after returning ``HTTPReply/deferred``.
  public func responder() -> HTTPResponder {
    HTTPResponder(connection: connection, sequence: sequence)
  }
}

/// Answers a deferred request from any thread; answers to closed connections are dropped.
public struct HTTPResponder: Sendable {
  let connection: ServerConnection
  let sequence: UInt64

  /// Sends `reply` (``HTTPReply/deferred`` is ignored).
  public func respond(_ reply: HTTPReply) {
    let connection = connection
    let sequence = sequence
    connection.loop.enqueue { connection.deliver(reply, sequence: sequence) }
  }
}

/// Adapts a closure to ``HTTPHandler``.
public struct HTTPHandlerClosure: HTTPHandler {
  private let body: @Sendable (HTTPRequest, HTTPRequestContext) -> HTTPReply
  /// Wraps `body`.
  public init(_ body: @escaping @Sendable (HTTPRequest, HTTPRequestContext) -> HTTPReply) {
    self.body = body
  }
  /// Calls the closure.
  public func handle(_ request: HTTPRequest, context: HTTPRequestContext) -> HTTPReply {
    body(request, context)
  }
}
