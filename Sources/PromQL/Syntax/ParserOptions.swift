/// Which optional parts of the language the parser accepts.
///
/// The default matches a stock Prometheus 3 (no feature flags). `.all` turns on everything the
/// Prometheus test suite uses (`promql-experimental-functions`, `promql-duration-expr`,
/// `promql-extended-range-selectors`, `promql-binop-fill-modifiers`).
public struct ParserOptions: Hashable, Sendable {
  /// Experimental functions and aggregations (`limitk`, `sort_by_label`, `mad_over_time`, ...).
  public var experimentalFunctions = false
  /// Duration arithmetic in ranges and offsets: `[5m+1m]`, `offset step()`.
  public var durationExpressions = false
  /// `anchored` and `smoothed` range selectors.
  public var extendedRangeSelectors = false
  /// `fill (v)`, `fill_left (v)`, `fill_right (v)` on binary operators.
  public var binopFillModifiers = false
  /// Also accept Prometheus 2 function names (`holt_winters`).
  public var prometheus2Functions = false
  /// Deepest allowed nesting of expressions. Independently of it, the parser stops with the same
  /// error when half of the thread's free stack is used, so small stacks (512 KiB threads, debug
  /// builds) get an error instead of an overflow.
  public var maxNestingDepth = 1000

  /// Creates the value from its parts.
  public init() {}

  /// Every optional feature on, including Prometheus 2 names.
  public static var all: ParserOptions {
    var options = ParserOptions()
    options.experimentalFunctions = true
    options.durationExpressions = true
    options.extendedRangeSelectors = true
    options.binopFillModifiers = true
    options.prometheus2Functions = true
    return options
  }
}
