import Synchronization

/// Where the queue's spans come from: the seam between what is pushed (a recording read as it
/// goes, ``ArchivePush``, or spans made in advance, ``WriteSpanList``) and how it is sent.
public protocol WriteSpanSource: Sendable {
  /// The next span, or nil after the last. The queue asks for span k+1 while it sends span k,
  /// never twice at once.
  func nextSpan() async -> WriteSpan?
}

/// Spans made in advance, handed out in order.
public final class WriteSpanList: WriteSpanSource {
  private let spans: [WriteSpan]
  private let next = Mutex(0)

  /// A source of `spans`.
  public init(_ spans: [WriteSpan]) { self.spans = spans }

  /// The spans one by one.
  public func nextSpan() async -> WriteSpan? {
    next.withLock { index in
      guard index < spans.count else { return nil }
      index += 1
      return spans[index - 1]
    }
  }
}
