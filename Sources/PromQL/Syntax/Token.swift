/// The kinds of token the PromQL lexer produces.
///
/// The grouping (operators, aggregators, keywords, preprocessors) follows Prometheus, because parse
/// error messages describe a token differently per group (`<op:*>`, `<aggr:sum>`, `<by>`).
enum TokenKind: UInt8, Sendable {
  case eof, error, comment, identifier, metricIdentifier, number, duration, string
  case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket, comma, assign, colon
  // Operators.
  case add, sub, mul, div, mod, pow, eqlc, neq, lte, lss, gte, gtr, trimUpper, trimLower
  case eqlRegex, neqRegex, land, lor, lunless, atan2, at
  // Aggregators.
  case avg, bottomk, count, countValues, group, max, min, quantile, stddev, stdvar, sum, topk
  case limitk, limitRatio
  // Keywords.
  case bool, by, groupLeft, groupRight, fill, fillLeft, fillRight, ignoring, offset, smoothed
  case anchored, on, without
  // Preprocessors.
  case start, end, step, range, maxOf, minOf

  var isOperator: Bool { rawValue >= TokenKind.add.rawValue && rawValue <= TokenKind.at.rawValue }
  var isAggregator: Bool {
    rawValue >= TokenKind.avg.rawValue && rawValue <= TokenKind.limitRatio.rawValue
  }
  var isKeyword: Bool { rawValue >= TokenKind.bool.rawValue && rawValue <= TokenKind.without.rawValue }
  var isPreprocessor: Bool {
    rawValue >= TokenKind.start.rawValue && rawValue <= TokenKind.minOf.rawValue
  }

  /// Whether the grammar accepts this token as the name of a metric (`sum`, `by`, `offset`, ...).
  var isMetricIdentifier: Bool {
    switch self {
    case .identifier, .metricIdentifier, .land, .lor, .lunless, .by, .without, .offset, .fill, .fillLeft,
      .fillRight, .start, .end, .step, .range, .anchored, .smoothed, .maxOf, .minOf:
      return true
    default:
      return isAggregator
    }
  }

  /// Whether the grammar accepts this token as a label name in `by (...)`, `on (...)` and friends.
  var isMaybeLabel: Bool {
    switch self {
    case .bool, .groupLeft, .groupRight, .ignoring, .on, .atan2: return true
    case .without: return false
    default: return isMetricIdentifier
    }
  }

  /// The canonical spelling for tokens that have one.
  var canonicalText: String? { TokenKind.spellings[self] }

  static let spellings: [TokenKind: String] = [
    .leftParen: "(", .rightParen: ")", .leftBrace: "{", .rightBrace: "}", .leftBracket: "[",
    .rightBracket: "]", .comma: ",", .assign: "=", .colon: ":",
    .add: "+", .sub: "-", .mul: "*", .div: "/", .mod: "%", .pow: "^", .eqlc: "==", .neq: "!=",
    .lte: "<=", .lss: "<", .gte: ">=", .gtr: ">", .trimUpper: "</", .trimLower: ">/", .eqlRegex: "=~",
    .neqRegex: "!~", .land: "and", .lor: "or", .lunless: "unless", .atan2: "atan2", .at: "@",
    .avg: "avg", .bottomk: "bottomk", .count: "count", .countValues: "count_values", .group: "group",
    .max: "max", .min: "min", .quantile: "quantile", .stddev: "stddev", .stdvar: "stdvar", .sum: "sum",
    .topk: "topk", .limitk: "limitk", .limitRatio: "limit_ratio",
    .bool: "bool", .by: "by", .groupLeft: "group_left", .groupRight: "group_right", .fill: "fill",
    .fillLeft: "fill_left", .fillRight: "fill_right", .ignoring: "ignoring", .offset: "offset",
    .smoothed: "smoothed", .anchored: "anchored", .on: "on", .without: "without",
    .start: "start", .end: "end", .step: "step", .range: "range", .maxOf: "max_of", .minOf: "min_of",
  ]

  /// Words the lexer turns into keyword tokens (compared in lower case).
  static let keywords: [String: TokenKind] = {
    var map: [String: TokenKind] = [:]
    for (kind, text) in spellings
    where kind.isOperator || kind.isAggregator || kind.isKeyword
      || kind.isPreprocessor
    {
      if let first = text.utf8.first, UInt8(ascii: "a") <= first, first <= UInt8(ascii: "z") {
        map[text] = kind
      }
    }
    map["inf"] = .number
    map["nan"] = .number
    return map
  }()
}

/// One token: its kind and the byte range it covers in the query.
struct Token: Sendable, Equatable {
  var kind: TokenKind
  var start: Int
  var end: Int
  /// For `.error` tokens: what went wrong.
  var message: String = ""

  var range: PositionRange { PositionRange(start: start, end: end) }
}
