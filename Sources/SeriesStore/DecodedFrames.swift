import Archive
import Dispatch
import Foundation
import Synchronization

/// An archive's intact frames in file order, decoded on a thread of their own a few frames
/// ahead of the reader.
///
/// Loading a recording is two stages of about equal weight: decoding each frame (zstd, the
/// stored transforms, the checksum) and ingesting its samples into series. Ingesting must go in
/// file order, one frame after the other (a target's scrapes build on each other), but decoding
/// the next frames does not depend on ingesting this one: with the two overlapped, a load takes
/// about as long as the longer stage, not their sum.
final class DecodedFrames: Sendable {
  typealias Item = (frame: Frame, layout: FrameLayout)

  /// How many decoded frames may wait; bounds the memory held ahead (a few bodies).
  static let capacity = 8

  private struct Queue {
    var items: [Item?] = Array(repeating: nil, count: DecodedFrames.capacity)
    var head = 0
    var count = 0
    var finished = false
    var damaged = DamagedFrames()
  }

  private let queue = Mutex(Queue())
  private let filled = DispatchSemaphore(value: 0)
  private let free = DispatchSemaphore(value: DecodedFrames.capacity)

  /// Starts decoding `reader`'s frames. The caller reads them to the end (``next()`` returning
  /// nil): the decoding thread waits for room in the queue until then.
  init(reader: ArchiveReader) {
    let thread = Thread { [self] in decode(reader) }
    thread.name = "rayrec-decode"
    thread.start()
  }

  /// The next intact frame, nil after the last one.
  func next() -> Item? {
    filled.wait()
    let item = queue.withLock { queue -> Item? in
      guard queue.count > 0 else { return nil }
      let item = queue.items[queue.head]
      queue.items[queue.head] = nil
      queue.head = (queue.head + 1) % Self.capacity
      queue.count -= 1
      return item
    }
    if item != nil { free.signal() } else { filled.signal() }
    return item
  }

  /// The frames that did not decode; complete once ``next()`` has returned nil.
  var damaged: DamagedFrames { queue.withLock { $0.damaged } }

  private func decode(_ reader: ArchiveReader) {
    var cursor = reader.makeCursor()
    var damaged = DamagedFrames()
    while let item = cursor.nextIntact(skipping: &damaged) {
      free.wait()
      queue.withLock { queue in
        queue.items[(queue.head + queue.count) % Self.capacity] = item
        queue.count += 1
      }
      filled.signal()
    }
    queue.withLock { queue in
      queue.finished = true
      queue.damaged = damaged
    }
    filled.signal()
  }
}
