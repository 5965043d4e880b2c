/// An instant vector selector: `name{label="value"} @ 100 offset 5m`.
public struct VectorSelector: Hashable, Sendable {
  /// The metric name written before the braces, or "" when there is none.
  public var name: String
  /// All matchers; when `name` is set, the last one is `__name__="name"`.
  public var matchers: [LabelMatcher]
  /// `offset`; nil when absent or zero.
  public var offset: DurationValue?
  /// `@` modifier.
  public var at: AtModifier?
  /// `anchored` (experimental extended range selectors).
  public var anchored: Bool = false
  /// `smoothed` (experimental extended range selectors).
  public var smoothed: Bool = false
  /// The byte range in the query.
  public var position: PositionRange

  /// Creates the value from its parts.
  public init(
    name: String, matchers: [LabelMatcher], offset: DurationValue? = nil, at: AtModifier? = nil,
    position: PositionRange
  ) {
    self.name = name
    self.matchers = matchers
    self.offset = offset
    self.at = at
    self.position = position
  }
}

/// A range vector selector: `name{...}[5m]`; offset and `@` live on `selector`.
public struct MatrixSelector: Hashable, Sendable {
  /// The selector with its matchers and modifiers.
  public var selector: VectorSelector
  /// How far back the window reaches.
  public var range: DurationValue
  /// Byte offset just past the selector and its modifiers.
  public var end: Int

  /// Creates the value from its parts.
  public init(selector: VectorSelector, range: DurationValue, end: Int) {
    self.selector = selector
    self.range = range
    self.end = end
  }
}

/// A subquery: `expr[30m:1m] offset 5m`.
public struct SubqueryExpr: Hashable, Sendable {
  /// The operand.
  public var expr: Expr
  /// How far back the window reaches.
  public var range: DurationValue
  /// The resolution; nil means the engine's default step.
  public var step: DurationValue?
  /// `offset`; nil when absent or zero.
  public var offset: DurationValue?
  /// `@` modifier.
  public var at: AtModifier?
  /// Byte offset just past the subquery and its modifiers.
  public var end: Int

  /// Creates the value from its parts.
  public init(
    expr: Expr, range: DurationValue, step: DurationValue?, offset: DurationValue? = nil,
    at: AtModifier? = nil, end: Int
  ) {
    self.expr = expr
    self.range = range
    self.step = step
    self.offset = offset
    self.at = at
    self.end = end
  }
}

/// A duration in a range, step or offset: a fixed value or an expression such as `step()*2`.
public enum DurationValue: Hashable, Sendable {
  /// A fixed duration in nanoseconds (Prometheus rounds literals to whole nanoseconds).
  case fixed(nanoseconds: Int64)
  /// A duration expression evaluated at query time.
  case expression(DurationExpr)
}

/// The `@` modifier.
public enum AtModifier: Hashable, Sendable {
  /// `@ <unix seconds>`, kept in milliseconds.
  case timestamp(milliseconds: Int64)
  /// `@ start()`.
  case start
  /// `@ end()`.
  case end
}
