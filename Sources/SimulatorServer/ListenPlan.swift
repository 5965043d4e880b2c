import Glibc
public import HTTP
public import Simulator

/// Where a simulation's endpoints listen: on loopback unless the user asks for more.
///
/// A scenario names each node's address, and one that says `0.0.0.0` (or a real network address)
/// must not make a test tool listen on every interface. So only loopback addresses (127.0.0.0/8)
/// are taken as written. Any other node is served on loopback at the same ports: 127.0.0.1, or the
/// next loopback address where one of its ports is already taken (as replay places clashing
/// hosts), and ``moved`` records it so the caller can warn. A `bind` address (the user's choice)
/// serves every endpoint there instead, whatever it is; an explicit map places one endpoint
/// anywhere.
public struct ListenPlan: Sendable, Equatable {
  /// A node address of the scenario that is not loopback, and the loopback address used instead.
  public struct Moved: Sendable, Equatable {
    /// The address the scenario gave (`0.0.0.0`, `10.0.0.5`, a host name).
    public var host: String
    /// Where its endpoints are served instead, without the port (`127.0.0.1`).
    public var servedOn: String
    /// The scenario's nodes at `host`.
    public var nodes: [String]
  }

  /// Why no plan can be made; `option` names the setting at fault (`bind`, `port-offset`).
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The option to change, without dashes.
    public var option: String
    /// What is wrong.
    public var message: String
    /// `--option: message`.
    public var description: String { "--\(option): \(message)" }
  }

  /// Where each target listens, in ``Simulation/targets`` order.
  public var addresses: [SocketAddress]
  /// The non-loopback scenario addresses that were served on loopback instead, in scenario order.
  public var moved: [Moved]

  /// Plans every target.
  ///
  /// - Parameters:
  ///   - bind: serve every endpoint not in `maps` on this address (any address, even `0.0.0.0`).
  ///   - portOffset: added to every port not in `maps`.
  ///   - maps: explicit places by `host:port` instance, taken as given.
  public init(
    targets: [SimulatedTarget], bind: String? = nil, portOffset: Int = 0, maps: [String: SocketAddress] = [:]
  ) throws(Failure) {
    var bindAddress: SocketAddress?
    if let bind {
      guard let address = SocketAddress(host: bind, port: 0) else {
        throw Failure(option: "bind", message: "'\(bind)' is not an IPv4 address")
      }
      bindAddress = address
    }
    var planned = [SocketAddress?](repeating: nil, count: targets.count)
    var used = Set<SocketAddress>()
    var elsewhere: [String: [Int]] = [:]
    var hosts: [String] = []
    for (index, target) in targets.enumerated() {
      if let mapped = maps[target.instance] {
        planned[index] = mapped
        used.insert(mapped)
        continue
      }
      let shifted = target.port + portOffset
      guard (1...65535).contains(shifted) else {
        throw Failure(option: "port-offset", message: "\(target.instance) would move to port \(shifted)")
      }
      let port = UInt16(shifted)
      if var address = bindAddress {
        address.port = port
        planned[index] = address
      } else if let own = SocketAddress(host: target.host, port: port), Self.isLoopback(own) {
        planned[index] = own
        used.insert(own)
      } else {
        if elsewhere[target.host] == nil { hosts.append(target.host) }
        elsewhere[target.host, default: []].append(index)
      }
    }
    // After every loopback node has its place, so a moved node never takes one from it.
    var moved: [Moved] = []
    for host in hosts {
      let indices = elsewhere[host] ?? []
      let ports = indices.map { UInt16(targets[$0].port + portOffset) }
      var last: UInt32 = 1
      while ports.contains(where: { used.contains(Self.loopback(last, port: $0)) }) {
        last += 1
        guard last < 255 else {
          throw Failure(
            option: "bind",
            message:
              "\(host) is not a loopback address and no loopback address has its ports free; serve it with --map or --bind"
          )
        }
      }
      for (index, port) in zip(indices, ports) {
        let address = Self.loopback(last, port: port)
        planned[index] = address
        used.insert(address)
      }
      var nodes: [String] = []
      for index in indices where !nodes.contains(targets[index].node) { nodes.append(targets[index].node) }
      moved.append(Moved(host: host, servedOn: Self.loopback(last, port: 0).host, nodes: nodes))
    }
    self.addresses = planned.compactMap { $0 }
    self.moved = moved
  }

  static func isLoopback(_ address: SocketAddress) -> Bool {
    UInt32(bigEndian: address.addressBits) >> 24 == 127
  }

  /// `127.0.0.last:port`.
  static func loopback(_ last: UInt32, port: UInt16) -> SocketAddress {
    var raw = sockaddr_in()
    raw.sin_addr.s_addr = (UInt32(127) << 24 | last).bigEndian
    raw.sin_port = port.bigEndian
    return SocketAddress(raw)
  }
}
