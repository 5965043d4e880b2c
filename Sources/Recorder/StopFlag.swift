import Synchronization

/// Set from a signal handler or a test to end a recording after its in-flight scrapes.
public final class StopFlag: Sendable {
  private let stopped = Atomic<Bool>(false)
  public init() {}
  public func stop() { stopped.store(true, ordering: .releasing) }
  public var isStopped: Bool { stopped.load(ordering: .acquiring) }
}
