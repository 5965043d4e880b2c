/// A binary operation: `a + on (job) group_left b`, `x > bool 1`, `a and b`.
public struct BinaryExpr: Hashable, Sendable {
  /// The operator.
  public var op: BinaryOp
  /// The left-hand operand.
  public var lhs: Expr
  /// The right-hand operand.
  public var rhs: Expr
  /// `bool` on a comparison: return 0/1 instead of filtering.
  public var returnBool: Bool
  /// Vector matching; nil when either side is not an instant vector (after type checking).
  public var matching: VectorMatching?

  /// Creates the value from its parts.
  public init(op: BinaryOp, lhs: Expr, rhs: Expr, returnBool: Bool = false, matching: VectorMatching?) {
    self.op = op
    self.lhs = lhs
    self.rhs = rhs
    self.returnBool = returnBool
    self.matching = matching
  }
}

/// How the two sides of a vector/vector operation are matched.
public struct VectorMatching: Hashable, Sendable {
  /// One-to-one, many-to-one (`group_left`), one-to-many (`group_right`) or many-to-many (set operators).
  public var cardinality: MatchCardinality
  /// The labels of `on (...)` or `ignoring (...)`.
  public var matchingLabels: [String]
  /// Whether `matchingLabels` came from `on` (otherwise `ignoring`).
  public var on: Bool
  /// Extra labels of `group_left (...)` / `group_right (...)`.
  public var include: [String]
  /// `fill (v)` / `fill_left (v)`: value for missing left-hand series (experimental).
  public var fillLeft: Double?
  /// `fill (v)` / `fill_right (v)`: value for missing right-hand series (experimental).
  public var fillRight: Double?

  /// Creates the value from its parts.
  public init(
    cardinality: MatchCardinality = .oneToOne, matchingLabels: [String] = [], on: Bool = false,
    include: [String] = [], fillLeft: Double? = nil, fillRight: Double? = nil
  ) {
    self.cardinality = cardinality
    self.matchingLabels = matchingLabels
    self.on = on
    self.include = include
    self.fillLeft = fillLeft
    self.fillRight = fillRight
  }

  public static func == (lhs: VectorMatching, rhs: VectorMatching) -> Bool {
    lhs.cardinality == rhs.cardinality && lhs.matchingLabels == rhs.matchingLabels && lhs.on == rhs.on
      && lhs.include == rhs.include && lhs.fillLeft?.bitPattern == rhs.fillLeft?.bitPattern
      && lhs.fillRight?.bitPattern == rhs.fillRight?.bitPattern
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(cardinality)
    hasher.combine(matchingLabels)
    hasher.combine(on)
    hasher.combine(include)
    hasher.combine(fillLeft?.bitPattern)
    hasher.combine(fillRight?.bitPattern)
  }
}

/// The cardinality of a vector match.
public enum MatchCardinality: String, Hashable, Sendable {
  case oneToOne = "one-to-one"
  case manyToOne = "many-to-one"
  case oneToMany = "one-to-many"
  case manyToMany = "many-to-many"
}

/// The binary operators, with Prometheus's precedence (higher binds tighter).
public enum BinaryOp: String, Hashable, Sendable, CaseIterable {
  case add = "+"
  case sub = "-"
  case mul = "*"
  case div = "/"
  case mod = "%"
  case pow = "^"
  case atan2
  case eql = "=="
  case neq = "!="
  case lte = "<="
  case lss = "<"
  case gte = ">="
  case gtr = ">"
  /// `</`: trims native histogram buckets above a bound.
  case trimUpper = "</"
  /// `>/`: trims native histogram buckets below a bound.
  case trimLower = ">/"
  case and
  case or
  case unless

  /// Binding strength: `or` 1, `and`/`unless` 2, comparisons 3, `+ -` 4, `* / % atan2` 5, `^` 6.
  public var precedence: Int {
    switch self {
    case .or: return 1
    case .and, .unless: return 2
    case .eql, .neq, .lte, .lss, .gte, .gtr, .trimUpper, .trimLower: return 3
    case .add, .sub: return 4
    case .mul, .div, .mod, .atan2: return 5
    case .pow: return 6
    }
  }

  /// Only `^` associates to the right.
  public var isRightAssociative: Bool { self == .pow }

  /// `==`, `!=`, `<=`, `<`, `>=`, `>`: the operators that accept `bool`.
  public var isComparison: Bool {
    switch self {
    case .eql, .neq, .lte, .lss, .gte, .gtr: return true
    default: return false
    }
  }

  /// `and`, `or`, `unless`.
  public var isSetOperator: Bool { self == .and || self == .or || self == .unless }

  init?(token: TokenKind) {
    switch token {
    case .add: self = .add
    case .sub: self = .sub
    case .mul: self = .mul
    case .div: self = .div
    case .mod: self = .mod
    case .pow: self = .pow
    case .atan2: self = .atan2
    case .eqlc: self = .eql
    case .neq: self = .neq
    case .lte: self = .lte
    case .lss: self = .lss
    case .gte: self = .gte
    case .gtr: self = .gtr
    case .trimUpper: self = .trimUpper
    case .trimLower: self = .trimLower
    case .land: self = .and
    case .lor: self = .or
    case .lunless: self = .unless
    default: return nil
    }
  }
}
