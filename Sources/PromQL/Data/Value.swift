/// The result of evaluating an expression.
public enum Value: Hashable, Sendable {
  case scalar(Double)
  case string(String)
  /// An instant vector.
  case vector([VectorSample])
  /// A range vector: one series per label set, points in time order.
  case matrix([Series])

  /// The value's type.
  public var type: ValueType {
    switch self {
    case .scalar: return .scalar
    case .string: return .string
    case .vector: return .vector
    case .matrix: return .matrix
    }
  }

  public static func == (lhs: Value, rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.scalar(let a), .scalar(let b)): return a.bitPattern == b.bitPattern
    case (.string(let a), .string(let b)): return a == b
    case (.vector(let a), .vector(let b)): return a == b
    case (.matrix(let a), .matrix(let b)): return a == b
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(type)
  }
}

/// One element of an instant vector.
public struct VectorSample: Hashable, Sendable {
  /// The labels.
  public var labels: Labels
  /// The value.
  public var value: Double
  /// When the value was sampled (Unix ms); `timestamp()` reports it.
  public var timestamp: Int64
  /// With ``Engine/delayedNameRemoval``: the metric name still reads but goes when the query ends.
  public var dropName = false

  /// Creates the value from its parts.
  public init(labels: Labels, value: Double, timestamp: Int64, dropName: Bool = false) {
    self.labels = labels
    self.value = value
    self.timestamp = timestamp
    self.dropName = dropName
  }

  public static func == (lhs: VectorSample, rhs: VectorSample) -> Bool {
    lhs.labels == rhs.labels && lhs.value.bitPattern == rhs.value.bitPattern && lhs.timestamp == rhs.timestamp
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(labels)
    hasher.combine(timestamp)
  }
}

/// A query that parsed but cannot be evaluated (duplicate series in a match, bad argument...).
public struct EvaluationError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong.
  public var message: String
  /// Creates the value from its parts.
  public init(_ message: String) { self.message = message }
  /// The text form.
  public var description: String { message }
}
