public import Archive
import Glibc
public import HTTP

/// Where each recorded target is served: its original port (plus an offset) on the bind address,
/// a distinct loopback address when two original hosts share a port, or an explicit `--map`.
public struct PortPlan: Sendable, Equatable, CustomStringConvertible {
  /// One target's place.
  public struct Entry: Sendable, Equatable {
    /// The archive target id.
    public var targetID: UInt32
    /// The original `host:port` (Prometheus' `instance`).
    public var original: String
    /// The address the replay listens on for it.
    public var address: SocketAddress

    /// An entry from parts.
    public init(targetID: UInt32, original: String, address: SocketAddress) {
      self.targetID = targetID
      self.original = original
      self.address = address
    }
  }

  /// An explicit `HOST:PORT=HOST:PORT`: serve the first (original) on the second.
  public struct Mapping: Sendable, Equatable {
    /// The original `host:port`.
    public var original: String
    /// The replay address.
    public var address: SocketAddress

    /// Parses `10.0.0.5:8080=127.0.0.1:18080`.
    public init(parsing text: String) throws(ReplayError) {
      guard let eq = text.firstIndex(of: "=") else {
        throw .invalidOption(option: "map", message: "want HOST:PORT=HOST:PORT, got '\(text)'")
      }
      let left = String(text[..<eq])
      let right = String(text[text.index(after: eq)...])
      guard PortPlan.split(left) != nil else {
        throw .invalidOption(option: "map", message: "'\(left)' is not HOST:PORT")
      }
      guard let (host, port) = PortPlan.split(right), let address = SocketAddress(host: host, port: port)
      else {
        throw .invalidOption(option: "map", message: "'\(right)' is not an IPv4 ADDRESS:PORT")
      }
      self.original = left
      self.address = address
    }

    /// A mapping from parts.
    public init(original: String, address: SocketAddress) {
      self.original = original
      self.address = address
    }
  }

  /// One entry per target, in target order.
  public var entries: [Entry]

  /// A plan from explicit entries.
  public init(entries: [Entry]) { self.entries = entries }

  /// Plans every target: mapped ones first, then each original host on the bind address, or on
  /// the next free loopback address (127.0.0.2, ...) when one of its ports is taken there.
  ///
  /// Port 0 (only through `--map`) means "any free port" and never clashes.
  public init(
    targets: [ArchiveTarget], bind: String = "127.0.0.1", portOffset: Int = 0, maps: [Mapping] = []
  ) throws(ReplayError) {
    guard let bindAddress = SocketAddress(host: bind, port: 0) else {
      throw .invalidOption(option: "bind", message: "'\(bind)' is not an IPv4 address")
    }
    var used: [SocketAddress: String] = [:]
    var planned: [UInt32: SocketAddress] = [:]
    func claim(_ address: SocketAddress, for original: String) throws(ReplayError) {
      if address.port != 0, let other = used[address] {
        throw .addressClash(address: address.description, first: other, second: original)
      }
      used[address] = original
    }
    for map in maps where !targets.contains(where: { $0.instance == map.original }) {
      throw .invalidOption(
        option: "map",
        message:
          "no target \(map.original) in the recording (its targets: \(targets.map(\.instance).joined(separator: ", ")))"
      )
    }
    for target in targets {
      guard let map = maps.first(where: { $0.original == target.instance }) else { continue }
      try claim(map.address, for: target.instance)
      planned[target.id] = map.address
    }
    // Each original host's ports, for the targets not mapped.
    var hosts: [String] = []
    var ports: [String: [(UInt32, String, UInt16)]] = [:]
    for target in targets where planned[target.id] == nil {
      guard let (host, port) = Self.split(target.instance) else {
        throw .invalidOption(
          option: "map", message: "target \(target.url) has no HOST:PORT; map it with --map")
      }
      let shifted = Int(port) + portOffset
      guard (1...65535).contains(shifted) else {
        throw .invalidOption(
          option: "port-offset", message: "\(target.instance) would move to port \(shifted)")
      }
      if ports[host] == nil { hosts.append(host) }
      ports[host, default: []].append((target.id, target.instance, UInt16(shifted)))
    }
    let loopback = UInt32(bigEndian: bindAddress.addressBits) >> 24 == 127
    for host in hosts {
      let list = ports[host] ?? []
      var base = bindAddress
      var next: UInt32 = 2
      while list.contains(where: { used[SocketAddress(bits: base.addressBits, port: $0.2)] != nil }) {
        guard loopback, next < 255 else {
          let clash = list.first { used[SocketAddress(bits: base.addressBits, port: $0.2)] != nil }
          let address = SocketAddress(bits: base.addressBits, port: clash?.2 ?? 0)
          throw .addressClash(
            address: address.description, first: used[address] ?? "?", second: clash?.1 ?? host)
        }
        base = SocketAddress(bits: (UInt32(127) << 24 | next).bigEndian, port: 0)
        next += 1
      }
      for (id, instance, port) in list {
        let address = SocketAddress(bits: base.addressBits, port: port)
        try claim(address, for: instance)
        planned[id] = address
      }
    }
    entries = targets.compactMap { target in
      planned[target.id].map { Entry(targetID: target.id, original: target.instance, address: $0) }
    }
  }

  /// The entry of a target.
  public func entry(for targetID: UInt32) -> Entry? { entries.first { $0.targetID == targetID } }

  /// One `ORIGINAL -> ADDRESS` line per target.
  public var description: String {
    entries.map { "\($0.original) -> \($0.address)" }.joined(separator: "\n")
  }

  /// Splits `host:port` (`[v6]:port` too) at the last colon; nil without a valid port.
  static func split(_ text: String) -> (String, UInt16)? {
    guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
      return nil
    }
    let host = String(text[..<colon])
    return host.isEmpty ? nil : (host, port)
  }
}

extension SocketAddress {
  /// An address from network-order bits and a host-order port.
  init(bits: UInt32, port: UInt16) {
    var raw = sockaddr_in()
    raw.sin_addr.s_addr = bits
    raw.sin_port = port.bigEndian
    self.init(raw)
  }
}
