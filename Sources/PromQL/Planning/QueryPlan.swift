/// What one query reads, worked out from its syntax tree before the first step is evaluated:
/// every selector node with the whole time extent it reads over the query, as Prometheus's
/// engine finds it before evaluating (`FindMinMaxTime`, `getTimeRangesForSelector` in
/// `promql/engine.go`). The evaluator fetches each extent once (``Selections``) and slices every
/// step's window out of it, so the speed of a range query comes from this plan, not from guesses
/// about which windows later steps will ask for.
///
/// A node is told apart by its value, which includes its byte range in the query: two selectors
/// written at different places are different nodes even when their text is the same. Two nodes
/// equal in every field (an expression built in code without positions) share one read whose
/// extent covers both.
struct QueryPlan {
  /// One selector node and the extent it reads.
  struct Read {
    /// The node: its matchers, offset, `@` and position.
    var selector: VectorSelector
    /// The earliest sample time any step reads (ms, inclusive).
    var start: Int64
    /// The latest sample time any step reads (ms, inclusive).
    var end: Int64
  }

  /// The reads, one per node; a node's slot is its position here.
  private(set) var reads: [Read] = []

  /// A plan that reads nothing: every selection goes to the storage as asked.
  init() {}

  /// The slot of `selector`, if the plan has it. A query has a handful of selectors, asked at
  /// every step: comparing positions first and then values (arrays compare their buffers first)
  /// beats hashing the matchers.
  func slot(of selector: VectorSelector) -> Int? {
    for (slot, read) in reads.enumerated()
    where read.selector.position == selector.position && read.selector == selector {
      return slot
    }
    return nil
  }

  /// Adds that `selector` reads `[start, end]`, widening the node's extent when it has one.
  mutating func add(_ selector: VectorSelector, start: Int64, end: Int64) {
    guard start <= end else { return }
    if let slot = slot(of: selector) {
      reads[slot].start = min(reads[slot].start, start)
      reads[slot].end = max(reads[slot].end, end)
    } else {
      reads.append(Read(selector: selector, start: start, end: end))
    }
  }
}
