import CSystem
import Glibc

/// The `epoll` readiness flags as plain bit masks (Glibc imports them as enum cases).
enum Epoll {
  static let input = EPOLLIN.rawValue
  static let output = EPOLLOUT.rawValue
  static let readHangUp = EPOLLRDHUP.rawValue
  static let error = EPOLLERR.rawValue
  static let hangUp = EPOLLHUP.rawValue
}
