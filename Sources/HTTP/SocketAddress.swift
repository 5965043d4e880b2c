import CSystem
public import Glibc

/// An IPv4 address and port, the only family rayrec serves and scrapes.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
  /// The address in network byte order, as `sockaddr_in.sin_addr.s_addr` holds it.
  public var addressBits: UInt32
  /// The port in host byte order.
  public var port: UInt16

  /// Parses a dotted-quad address (`127.0.0.2`) or `localhost`; nil for anything else.
  public init?(host: String, port: UInt16) {
    let name = host == "localhost" ? "127.0.0.1" : host
    var parsed = in_addr()
    guard inet_pton(AF_INET, name, &parsed) == 1 else { return nil }
    self.addressBits = parsed.s_addr
    self.port = port
  }

  /// Wraps a kernel address.
  public init(_ address: sockaddr_in) {
    self.addressBits = address.sin_addr.s_addr
    self.port = UInt16(bigEndian: address.sin_port)
  }

  /// `127.0.0.1`, without the port.
  public var host: String {
    let bytes = UInt32(bigEndian: addressBits)
    return "\(bytes >> 24).\((bytes >> 16) & 0xff).\((bytes >> 8) & 0xff).\(bytes & 0xff)"
  }

  /// `127.0.0.1:8080`.
  public var description: String { "\(host):\(port)" }

  /// The kernel form of this address.
  public var sockaddr: sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = addressBits
    return address
  }

  /// Resolves a host name to its first IPv4 address with `getaddrinfo`.
  ///
  /// This blocks (it may read files or ask DNS): call it on a thread of your own, never on the
  /// cooperative pool. Numeric addresses and `localhost` never reach `getaddrinfo`.
  public static func resolve(host: String, port: UInt16) throws(HTTPError) -> SocketAddress {
    if let numeric = SocketAddress(host: host, port: port) { return numeric }
    var hints = addrinfo()
    hints.ai_family = AF_INET
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, nil, &hints, &list)
    defer { if let list { freeaddrinfo(list) } }
    guard status == 0, let first = list, let raw = first.pointee.ai_addr else {
      let text = status == 0 ? "no IPv4 address" : String(cString: gai_strerror(status))
      throw HTTPError(kind: .badURL, operation: "resolve \(host)", message: text)
    }
    var address = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
    address.sin_port = port.bigEndian
    return SocketAddress(address)
  }
}
