import Synchronization

/// Counts the requests a test server answered, by path, so a test waits for events (two scrapes
/// happened) instead of sleeping and hoping the machine kept up.
public final class ServedRequests: Sendable {
  /// Nothing counted yet.
  public init() {}

  private let counts = Mutex<[String: Int]>([:])

  /// Notes one request for `path`.
  public func note(_ path: String) { counts.withLock { $0[path, default: 0] += 1 } }

  /// Requests answered for `path` so far.
  public func count(_ path: String) -> Int { counts.withLock { $0[path] ?? 0 } }

  /// Waits until `path` was requested `n` times; false after `limit` (a bound, not a timing claim).
  public func wait(for path: String, count n: Int, limit: Duration = .seconds(30)) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: limit)
    while count(path) < n {
      guard ContinuousClock.now < deadline else { return false }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return true
  }
}
