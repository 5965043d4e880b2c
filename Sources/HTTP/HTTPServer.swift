import Synchronization

/// An HTTP/1.1 server on one event loop, serving any number of listening sockets.
///
/// Listeners can be opened and closed while the server runs (replay closes a port to reproduce
/// "connection refused"). The handler runs on the loop thread.
public final class HTTPServer: Sendable {
  /// Limits and timeouts.
  public struct Configuration: Sendable, Equatable {
    /// Time allowed for a request's head (and body) to arrive once it has started; 408 after it.
    public var requestTimeout: Duration = .seconds(10)
    /// Time an idle keep-alive connection stays open (also bounds a stalled response write).
    public var idleTimeout: Duration = .seconds(60)
    /// Longest request line (414 beyond it).
    public var maxRequestLine = 8 * 1024
    /// Largest request head (431 beyond it).
    public var maxHeadBytes = 64 * 1024
    /// Largest request body (413 beyond it); request bodies are read and handed to the handler.
    public var maxBodyBytes = 1024 * 1024
    /// Defaults.
    public init() {}
  }

  /// The loop the server runs on (shareable with an ``HTTPClient``).
  public let loop: EventLoop
  private let ownsLoop: Bool
  private let core: ServerCore
  private let nextListener = Atomic<Int>(1)

  /// Creates a server; it owns a new loop unless `loop` is given.
  public init(
    configuration: Configuration = Configuration(), loop: EventLoop? = nil, handler: some HTTPHandler
  ) throws(HTTPError) {
    if let loop {
      self.loop = loop
      self.ownsLoop = false
    } else {
      self.loop = try EventLoop(name: "rayrec-http-server")
      self.ownsLoop = true
    }
    self.core = ServerCore(loop: self.loop, configuration: configuration, handler: handler)
  }

  /// Opens a listener on each address and returns what was bound (real ports for port 0).
  ///
  /// On failure, listeners opened by this call are closed again.
  @discardableResult
  public func start(_ addresses: [SocketAddress]) throws(HTTPError) -> [BoundListener] {
    var bound: [BoundListener] = []
    for address in addresses {
      do {
        bound.append(try addListener(address))
      } catch {
        for listener in bound { core.loop.enqueue { [core] in core.closeListener(listener.id) } }
        throw error
      }
    }
    return bound
  }

  /// Opens one more listener; connections are accepted as soon as it returns.
  public func addListener(_ address: SocketAddress) throws(HTTPError) -> BoundListener {
    let socket = try Socket.listen(on: address)
    let actual: SocketAddress
    do {
      actual = try socket.localAddress()
    } catch {
      socket.close()
      throw error
    }
    let id = ListenerID(rawValue: nextListener.add(1, ordering: .relaxed).oldValue)
    let core = core
    let accepted = core.loop.enqueue { core.openListener(socket, id: id, address: actual) }
    guard accepted else {
      socket.close()
      throw HTTPError(kind: .system, operation: "listen \(address)", message: "server is stopped")
    }
    return BoundListener(id: id, address: actual)
  }

  /// Closes a listener: once this returns, connecting to its port is refused. Connections it
  /// accepted earlier stay open.
  public func removeListener(_ id: ListenerID) async {
    let core = core
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let accepted = core.loop.enqueue {
        core.closeListener(id)
        continuation.resume()
      }
      if !accepted { continuation.resume() }
    }
  }

  /// The listeners currently open.
  public func listeners() async -> [BoundListener] {
    let core = core
    return await withCheckedContinuation { (continuation: CheckedContinuation<[BoundListener], Never>) in
      let accepted = core.loop.enqueue { continuation.resume(returning: core.boundListeners()) }
      if !accepted { continuation.resume(returning: []) }
    }
  }

  /// Closes every listener and connection; when the server owns its loop, stops it and waits for
  /// its thread to exit.
  public func stop() async {
    let core = core
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let accepted = core.loop.enqueue {
        core.closeAll()
        continuation.resume()
      }
      if !accepted { continuation.resume() }
    }
    if ownsLoop { await loop.shutdown() }
  }
}

/// The server's loop-confined state: listeners and open connections.
final class ServerCore: @unchecked Sendable {
  let loop: EventLoop
  let configuration: HTTPServer.Configuration
  let handler: any HTTPHandler
  let parser: HTTPRequestParser
  let requestTimeoutNanos: UInt64
  let idleTimeoutNanos: UInt64
  private var listeners: [ListenerID: ServerListener] = [:]
  private var connections: [ObjectIdentifier: ServerConnection] = [:]

  init(loop: EventLoop, configuration: HTTPServer.Configuration, handler: any HTTPHandler) {
    self.loop = loop
    self.configuration = configuration
    self.handler = handler
    self.parser = HTTPRequestParser(
      limits: .init(
        requestLine: configuration.maxRequestLine, headBytes: configuration.maxHeadBytes,
        bodyBytes: configuration.maxBodyBytes))
    self.requestTimeoutNanos = configuration.requestTimeout.nanoseconds
    self.idleTimeoutNanos = configuration.idleTimeout.nanoseconds
  }

  func openListener(_ socket: Socket, id: ListenerID, address: SocketAddress) {
    let listener = ServerListener(socket: socket, id: id, address: address, core: self)
    do {
      listener.token = try loop.register(socket.fd, events: Epoll.input, handler: listener)
      listeners[id] = listener
    } catch {
      socket.close()
    }
  }

  func closeListener(_ id: ListenerID) {
    guard let listener = listeners.removeValue(forKey: id) else { return }
    listener.close()
  }

  func boundListeners() -> [BoundListener] {
    listeners.values.map { BoundListener(id: $0.id, address: $0.address) }.sorted {
      $0.id.rawValue < $1.id.rawValue
    }
  }

  func adopt(_ socket: Socket, remote: SocketAddress, listener: ServerListener) {
    let connection = ServerConnection(
      socket: socket, listener: listener.id, local: listener.address, remote: remote, core: self)
    do {
      connection.token = try loop.register(
        socket.fd, events: Epoll.input | Epoll.output | Epoll.readHangUp, handler: connection)
    } catch {
      socket.close()
      return
    }
    connections[ObjectIdentifier(connection)] = connection
    connection.drive()
  }

  func forget(_ connection: ServerConnection) {
    connections[ObjectIdentifier(connection)] = nil
  }

  func closeAll() {
    for listener in listeners.values { listener.close() }
    listeners.removeAll()
    for connection in Array(connections.values) { connection.close() }
    connections.removeAll()
  }
}

extension Duration {
  /// The duration in whole nanoseconds (negative durations count as zero).
  var nanoseconds: UInt64 {
    let (seconds, attoseconds) = components
    guard seconds >= 0 else { return 0 }
    return UInt64(seconds) &* 1_000_000_000 &+ UInt64(max(0, attoseconds) / 1_000_000_000)
  }
}
