#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Go's `net.SplitHostPort`, `net.JoinHostPort` and `net.ParseIP` as far as `stripPort` and
/// `stripDomain` need them.
enum HostPort {
  /// Splits `host:port`; nil where Go returns an error.
  static func split(_ hostPort: String) -> (host: String, port: String)? {
    let bytes = Array(hostPort.utf8)
    guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return nil }
    var host: [UInt8]
    var openFrom = 0
    var closeFrom = 0
    if bytes.first == UInt8(ascii: "[") {
      guard let end = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
      guard end + 1 == colon else { return nil }
      host = Array(bytes[1..<end])
      (openFrom, closeFrom) = (1, end + 1)
    } else {
      host = Array(bytes[..<colon])
      if host.contains(UInt8(ascii: ":")) { return nil }
    }
    if bytes[openFrom...].contains(UInt8(ascii: "[")) { return nil }
    if bytes[closeFrom...].contains(UInt8(ascii: "]")) { return nil }
    return (String(decoding: host, as: UTF8.self), String(decoding: bytes[(colon + 1)...], as: UTF8.self))
  }

  static func join(host: String, port: String) -> String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// Whether Go's `net.ParseIP` accepts the text (dotted IPv4 without leading zeros, or IPv6).
  static func isIP(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count == 4 && !text.contains(":") {
      return parts.allSatisfy { part in
        guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
          let value = Int(part), value <= 255
        else { return false }
        return part.count == 1 || !part.hasPrefix("0")
      }
    }
    guard text.contains(":") else { return false }
    var buffer = [UInt8](repeating: 0, count: 16)
    return inet_pton(AF_INET6, text, &buffer) == 1
  }

  /// Prometheus's `stripPort`.
  static func stripPort(_ hostPort: String) -> String {
    split(hostPort)?.host ?? hostPort
  }

  /// Prometheus's `stripDomain`: keeps the first DNS label and any port; IP addresses unchanged.
  static func stripDomain(_ hostPort: String) -> String {
    let (host, port) = split(hostPort) ?? (hostPort, "")
    if isIP(host) { return hostPort }
    let first = String(host.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
    return port.isEmpty ? first : join(host: first, port: port)
  }
}
