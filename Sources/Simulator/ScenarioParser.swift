import Basics
import Exposition

/// Reads the scenario language, line by line, into a ``Scenario``.
///
/// Names must be declared before they are used (`node` before `actor ... on`, `at ... node`),
/// so every reference is checked where it is written and the first problem is the one reported.
struct ScenarioParser {
  let file: String
  var line = 0
  var title = ""
  var cluster = ""
  var profile: Profile?
  var seed: UInt64?
  var start: Int64?
  var duration: Int64?
  var interval: Int64?
  var resolution: Int64?
  var nodes: [NodeSpec] = []
  var actors: [ActorSpec] = []
  var tasks: [TaskSpec] = []
  var series: [SeriesSpec] = []
  var events: [Event] = []
  var seen: [String: Int] = [:]
  /// Values in the `series` lines so far (bounded by ``ScenarioLimits/maxSeriesValues``).
  var seriesValues = 0
  /// Where `duration` was given: the totals it implies are reported there.
  var durationPlace = (line: 1, column: 1)

  init(file: String) { self.file = file }

  func fail(_ column: Int, _ message: String) -> ScenarioError {
    ScenarioError(file: file, line: line, column: column, message: message)
  }

  /// A word of the file quoted for a message: `'word'`, or its start and length when it is long.
  static func quote(_ text: some StringProtocol) -> String { GoQuote.token(text, mark: "'") }

  mutating func parse(_ text: String) throws(ScenarioError) -> Scenario {
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      line = index + 1
      let tokens: [Token]
      switch ScenarioLexer.tokens(raw) {
      case .success(let t): tokens = t
      case .failure(let u): throw fail(u.column, "unterminated \(u.what)")
      }
      guard let first = tokens.first else { continue }
      try directive(first, Array(tokens.dropFirst()))
    }
    // A missing directive belongs to no line; point at the top, where it would go.
    line = 1
    guard let profile else { throw fail(1, "missing 'profile' (seed or ray-2.60)") }
    guard let duration else { throw fail(1, "missing 'duration' (for example: duration 10m)") }
    guard !nodes.isEmpty else { throw fail(1, "no nodes: declare at least one with 'node NAME ADDRESS'") }
    var scenario = Scenario(profile: profile, durationMs: duration, nodes: nodes)
    scenario.title = title
    scenario.cluster = cluster
    if let seed { scenario.seed = seed }
    if let start { scenario.startUnixMs = start }
    if let interval { scenario.intervalMs = interval }
    if let resolution { scenario.resolutionMs = resolution }
    if !scenario.nodes.contains(where: \.isHead) { scenario.nodes[0].isHead = true }
    try checkWork(scenario)
    scenario.actors = actors
    scenario.tasks = tasks
    scenario.series = series
    scenario.events = events
    return scenario
  }

  mutating func directive(_ word: Token, _ args: [Token]) throws(ScenarioError) {
    let once = ["scenario", "cluster", "profile", "seed", "start", "duration", "interval", "resolution"]
    if once.contains(word.text) {
      if let previous = seen[word.text] {
        throw fail(word.column, "\(ScenarioParser.quote(word.text)) given twice (first on line \(previous))")
      }
      seen[word.text] = line
      guard args.count == 1 else {
        throw fail(
          args.count > 1 ? args[1].column : word.column + word.text.count,
          args.count > 1
            ? "unexpected \(ScenarioParser.quote(args[1].text))"
            : "\(ScenarioParser.quote(word.text)) needs a value")
      }
    }
    switch word.text {
    case "scenario":
      let t = args[0].text
      guard t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") else {
        throw fail(args[0].column, "the title must be a \"quoted string\"")
      }
      title = String(t.dropFirst().dropLast())
    case "cluster":
      guard isIdentifier(args[0].text) else {
        throw fail(args[0].column, "cluster name must be letters, digits, '_' or '-'")
      }
      cluster = args[0].text
    case "profile":
      guard let p = Profile(rawValue: args[0].text) else {
        throw fail(
          args[0].column, "unknown profile \(ScenarioParser.quote(args[0].text)) (expected seed or ray-2.60)")
      }
      guard nodes.isEmpty else { throw fail(word.column, "'profile' must come before the nodes") }
      profile = p
    case "seed":
      guard let s = UInt64(args[0].text) else {
        throw fail(args[0].column, "seed must be a non-negative integer")
      }
      seed = s
    case "start":
      guard let s = ScenarioValues.startTime(args[0].text) else {
        throw fail(
          args[0].column,
          "bad start time \(ScenarioParser.quote(args[0].text)) (RFC 3339 UTC or unix seconds)")
      }
      start = s
    case "duration":
      duration = try positiveDuration(args[0])
      durationPlace = (line, args[0].column)
    case "interval":
      let i = try positiveDuration(args[0])
      interval = i
      if let r = resolution, i % r != 0 {
        throw fail(args[0].column, "interval must be a multiple of the resolution")
      }
    case "resolution":
      let r = try positiveDuration(args[0])
      guard r >= 100, 1000 % r == 0 || r % 1000 == 0 else {
        throw fail(args[0].column, "resolution must be at least 100ms and divide or be a multiple of 1s")
      }
      resolution = r
    case "node": try nodeLine(word, args)
    case "nodes": try nodesLine(word, args)
    case "actor": try actorLine(word, args)
    case "task": try taskLine(word, args)
    case "series": try seriesLine(word, args)
    case "at": try eventLine(word, args)
    default:
      let directives = [
        "scenario", "cluster", "profile", "seed", "start", "duration", "interval", "resolution", "node",
        "nodes",
        "actor", "task", "series", "at",
      ]
      let guess = Self.didYouMean(word.text, directives)
      throw fail(
        word.column,
        "unknown directive \(ScenarioParser.quote(word.text))"
          + (guess.isEmpty ? "" : " (\(guess.dropLast()))"))
    }
  }

  func positiveDuration(_ token: Token) throws(ScenarioError) -> Int64 {
    guard let d = ScenarioValues.duration(token.text) else {
      throw fail(
        token.column, "bad duration \(ScenarioParser.quote(token.text)) (for example 90s, 1m30s, 500ms, 2h)")
    }
    guard d > 0 else { throw fail(token.column, "duration must be greater than zero") }
    return d
  }

  /// Splits `key=value` options, in the order written (so the leftmost problem is reported);
  /// a bare word is a flag with an empty value.
  func options(_ tokens: ArraySlice<Token>, allowed: [String]) throws(ScenarioError)
    -> [(key: String, value: String, token: Token)]
  {
    var result: [(key: String, value: String, token: Token)] = []
    for t in tokens {
      let parts = t.text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = String(parts[0])
      guard allowed.contains(key) else {
        throw fail(
          t.column,
          "unknown option \(ScenarioParser.quote(key)) (\(Self.didYouMean(key, allowed))expected one of: \(allowed.joined(separator: ", ")))"
        )
      }
      guard !result.contains(where: { $0.key == key }) else {
        throw fail(t.column, "option \(ScenarioParser.quote(key)) given twice")
      }
      result.append((key, parts.count > 1 ? String(parts[1]) : "", t))
    }
    return result
  }

  func nodeIndex(_ token: Token) throws(ScenarioError) -> Int {
    guard let i = nodes.firstIndex(where: { $0.name == token.text }) else {
      throw fail(
        token.column, "unknown node \(ScenarioParser.quote(token.text)) (declare it with 'node' first)")
    }
    return i
  }

  func need(_ args: [Token], _ count: Int, after word: Token, _ usage: String) throws(ScenarioError) {
    guard args.count >= count else {
      let column = args.last.map { $0.column + $0.text.count } ?? word.column + word.text.count
      throw fail(column, "incomplete line; expected: \(usage)")
    }
  }
}
