/// A min-heap of deadlines for one event loop; cancelled timers are skipped lazily when popped.
struct TimerHeap {
  private struct Entry {
    var deadline: UInt64
    var id: UInt64
  }

  private var heap: [Entry] = []
  private var actions: [UInt64: () -> Void] = [:]
  private var nextID: UInt64 = 1

  /// The earliest live deadline, if any.
  mutating func nextDeadline() -> UInt64? {
    while let top = heap.first, actions[top.id] == nil { popTop() }
    return heap.first?.deadline
  }

  /// Adds a timer; returns its id for ``cancel(_:)``.
  mutating func schedule(at deadline: UInt64, _ action: @escaping () -> Void) -> UInt64 {
    let id = nextID
    nextID &+= 1
    actions[id] = action
    heap.append(Entry(deadline: deadline, id: id))
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].deadline < heap[parent].deadline else { break }
      heap.swapAt(child, parent)
      child = parent
    }
    return id
  }

  /// Cancels a timer; unknown or fired ids are ignored.
  mutating func cancel(_ id: UInt64) { actions[id] = nil }

  /// Removes and returns the actions of every timer due at `now`.
  mutating func popExpired(now: UInt64) -> [() -> Void] {
    var due: [() -> Void] = []
    while let top = heap.first, top.deadline <= now {
      popTop()
      if let action = actions.removeValue(forKey: top.id) { due.append(action) }
    }
    return due
  }

  private mutating func popTop() {
    let last = heap.removeLast()
    guard !heap.isEmpty else { return }
    heap[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
      if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
      if smallest == parent { return }
      heap.swapAt(parent, smallest)
      parent = smallest
    }
  }
}
