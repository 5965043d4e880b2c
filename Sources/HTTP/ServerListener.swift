import CSystem
import Glibc

/// One listening socket; accepts connections on the loop thread and hands them to the core.
final class ServerListener: EventHandler {
  let socket: Socket
  let id: ListenerID
  let address: SocketAddress
  unowned let core: ServerCore
  var token: UInt64 = 0
  private var closed = false

  init(socket: Socket, id: ListenerID, address: SocketAddress, core: ServerCore) {
    self.socket = socket
    self.id = id
    self.address = address
    self.core = core
  }

  func handleEvent(_ flags: UInt32) {
    acceptPending()
  }

  /// Accepts until the queue is empty (edge-triggered); on fd exhaustion retries shortly after.
  private func acceptPending() {
    while !closed {
      do {
        guard let (client, remote) = try socket.accept() else { return }
        client.setNoDelay()
        core.adopt(client, remote: remote, listener: self)
      } catch {
        _ = core.loop.schedule(at: EventLoop.now() &+ 100_000_000) { [weak self] in
          self?.acceptPending()
        }
        return
      }
    }
  }

  func close() {
    guard !closed else { return }
    closed = true
    core.loop.deregister(socket.fd, token: token)
    socket.close()
  }

  func loopStopped() { close() }
}
