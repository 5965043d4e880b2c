import Foundation

/// Regular expressions compiled over one range query: `label_replace` takes its pattern as an
/// argument evaluated at every step, and compiling it each time would dominate the call.
///
/// One query evaluates on one thread, so the cache needs no lock.
final class PatternCache {
  private var compiled: [String: NSRegularExpression] = [:]

  /// The compiled `pattern`, compiled by `compile` the first time it is asked for.
  func regex(_ pattern: String, _ compile: () throws(EvaluationError) -> NSRegularExpression)
    throws(EvaluationError) -> NSRegularExpression
  {
    if let known = compiled[pattern] { return known }
    let regex = try compile()
    compiled[pattern] = regex
    return regex
  }
}
