/// `at TIME ...` lines: the timeline.
extension ScenarioParser {
  /// Trailing `for DUR`, `over DUR`, `every DUR` clauses, each allowed only where it means something.
  struct Clauses {
    var forMs: Int64?
    var overMs: Int64?
    var everyMs: Int64?
  }

  func clauses(_ tokens: ArraySlice<Token>, allowed: Set<String>) throws(ScenarioError) -> Clauses {
    var result = Clauses()
    var rest = tokens
    while let word = rest.first {
      rest = rest.dropFirst()
      guard allowed.contains(word.text) else {
        let expected = allowed.sorted().map { "'\($0) DUR'" }.joined(separator: ", ")
        throw fail(
          word.column,
          "unexpected \(ScenarioParser.quote(word.text))" + (allowed.isEmpty ? "" : " (expected \(expected))")
        )
      }
      guard let value = rest.first else {
        throw fail(word.column + word.text.count, "\(ScenarioParser.quote(word.text)) needs a duration")
      }
      rest = rest.dropFirst()
      let d = try positiveDuration(value)
      switch word.text {
      case "for":
        guard result.forMs == nil else { throw fail(word.column, "'for' given twice") }
        result.forMs = d
      case "over":
        guard result.overMs == nil else { throw fail(word.column, "'over' given twice") }
        result.overMs = d
      default:
        guard result.everyMs == nil else { throw fail(word.column, "'every' given twice") }
        result.everyMs = d
      }
    }
    return result
  }

  mutating func eventLine(_ word: Token, _ args: [Token]) throws(ScenarioError) {
    try need(args, 2, after: word, "at TIME WHAT ...")
    guard let at = ScenarioValues.duration(args[0].text) else {
      throw fail(
        args[0].column,
        "bad time \(ScenarioParser.quote(args[0].text)) (an offset from the start, such as 5m or 1h30m)")
    }
    if let duration, at >= duration {
      throw fail(args[0].column, "time \(args[0].text) is not before the end of the scenario")
    }
    if let previous = events.last, at < previous.atMs {
      throw fail(args[0].column, "events must be in time order (line \(previous.line) is later)")
    }
    let what = args[1]
    var event = Event(atMs: at, untilMs: nil, action: .nodeLeave(node: 0), line: line)
    switch what.text {
    case "actor":
      try need(args, 4, after: word, "at TIME actor NAME crash-loop every DUR [for DUR] | crash")
      guard let actor = actors.firstIndex(where: { $0.name == args[2].text }) else {
        throw fail(
          args[2].column,
          "unknown actor \(ScenarioParser.quote(args[2].text)) (declare it with 'actor' first)")
      }
      switch args[3].text {
      case "crash-loop":
        let c = try clauses(args[4...], allowed: ["every", "for"])
        guard let every = c.everyMs else {
          throw fail(args[3].column + args[3].text.count, "crash-loop needs 'every DUR'")
        }
        event.action = .crashLoop(actor: actor, everyMs: every)
        event.untilMs = c.forMs.map { at.addingReportingOverflow($0).overflow ? Int64.max : at + $0 }
      case "crash":
        _ = try clauses(args[4...], allowed: [])
        event.action = .crashLoop(actor: actor, everyMs: Int64.max / 4)
        event.untilMs = at + 1
      default:
        throw fail(
          args[3].column,
          "unknown actor event \(ScenarioParser.quote(args[3].text)) (expected crash-loop or crash)")
      }
    case "tasks":
      try need(args, 5, after: word, "at TIME tasks NAME rate RATE [for DUR]")
      guard let task = tasks.firstIndex(where: { $0.name == args[2].text }) else {
        throw fail(
          args[2].column, "unknown task \(ScenarioParser.quote(args[2].text)) (declare it with 'task' first)")
      }
      guard args[3].text == "rate" else { throw fail(args[3].column, "expected 'rate RATE'") }
      guard let r = ScenarioValues.rate(args[4].text) else {
        throw fail(args[4].column, "bad rate \(ScenarioParser.quote(args[4].text)) (for example 200/s)")
      }
      let c = try clauses(args[5...], allowed: ["for"])
      event.action = .taskRate(task: task, rate: r)
      event.untilMs = c.forMs.map { at.addingReportingOverflow($0).overflow ? Int64.max : at + $0 }
    case "object-store":
      try need(args, 5, after: word, "at TIME object-store NODE fill PCT [over DUR] [for DUR]")
      let node = try nodeIndex(args[2])
      guard args[3].text == "fill" else { throw fail(args[3].column, "expected 'fill PCT'") }
      guard let f = ScenarioValues.fraction(args[4].text), f <= 10 else {
        throw fail(
          args[4].column, "bad fill \(ScenarioParser.quote(args[4].text)) (a percentage such as 95% or 150%)")
      }
      let c = try clauses(args[5...], allowed: ["over", "for"])
      event.action = .objectStoreFill(node: node, fraction: f, rampMs: c.overMs ?? 0)
      event.untilMs = c.forMs.map { at.addingReportingOverflow($0).overflow ? Int64.max : at + $0 }
    case "node":
      try need(args, 4, after: word, "at TIME node NAME leave|join [for DUR]")
      let node = try nodeIndex(args[2])
      switch args[3].text {
      case "leave":
        guard !nodes[node].isHead else {
          throw fail(args[2].column, "the head node cannot leave (its loss ends the cluster)")
        }
        event.action = .nodeLeave(node: node)
      case "join": event.action = .nodeJoin(node: node)
      default: throw fail(args[3].column, "expected 'leave' or 'join'")
      }
      let c = try clauses(args[4...], allowed: ["for"])
      event.untilMs = c.forMs.map { at.addingReportingOverflow($0).overflow ? Int64.max : at + $0 }
    case "gcs":
      try need(args, 4, after: word, "at TIME gcs latency MS [over DUR] [for DUR]")
      guard args[2].text == "latency" else { throw fail(args[2].column, "expected 'latency DUR'") }
      guard let ms = ScenarioValues.duration(args[3].text) else {
        throw fail(
          args[3].column, "bad latency \(ScenarioParser.quote(args[3].text)) (for example 250ms or 2s)")
      }
      let c = try clauses(args[4...], allowed: ["over", "for"])
      event.action = .gcsLatency(ms: Double(ms), rampMs: c.overMs ?? 0)
      event.untilMs = c.forMs.map { at.addingReportingOverflow($0).overflow ? Int64.max : at + $0 }
    case "fault":
      try need(args, 4, after: word, "at TIME fault NODE[.ENDPOINT] KIND [ARG] [for DUR]")
      let (node, endpoint) = try target(args[2])
      let (kind, used) = try faultKind(args[3], args[4...])
      let c = try clauses(args[(4 + used)...], allowed: ["for"])
      event.action = .fault(node: node, endpoint: endpoint, kind: kind)
      event.untilMs = c.forMs.map { at.addingReportingOverflow($0).overflow ? Int64.max : at + $0 }
    default:
      throw fail(
        what.text == "" ? word.column : what.column,
        "unknown event \(ScenarioParser.quote(what.text)) ("
          + Self.didYouMean(what.text, ["actor", "tasks", "object-store", "node", "gcs", "fault"])
          + "expected actor, tasks, object-store, node, gcs or fault)")
    }
    events.append(event)
  }

  /// A fault kind and how many argument tokens it used.
  func faultKind(_ word: Token, _ rest: ArraySlice<Token>) throws(ScenarioError) -> (FaultKind, Int) {
    func argument(_ what: String) throws(ScenarioError) -> Token {
      guard let t = rest.first else {
        throw fail(word.column + word.text.count, "\(ScenarioParser.quote(word.text)) needs \(what)")
      }
      return t
    }
    switch word.text {
    case "down": return (.down, 0)
    case "hang": return (.hang, 0)
    case "malformed": return (.malformed, 0)
    case "slow":
      let t = try argument("a duration, such as 3s")
      return (.slow(ms: try positiveDuration(t)), 1)
    case "http":
      let t = try argument("a status code, such as 500")
      guard let s = ScenarioValues.count(t.text), (400...599).contains(s) else {
        throw fail(t.column, "HTTP status must be from 400 to 599")
      }
      return (.http(status: s), 1)
    case "reset":
      let t = try argument("a byte count, such as 4096")
      guard let n = ScenarioValues.count(t.text) else {
        throw fail(t.column, "bad byte count \(ScenarioParser.quote(t.text))")
      }
      return (.reset(afterBytes: n), 1)
    case "truncate":
      let t = try argument("a percentage, such as 50%")
      guard let f = ScenarioValues.fraction(t.text), f < 1 else {
        throw fail(t.column, "truncate needs a percentage below 100%")
      }
      return (.truncate(fraction: f), 1)
    default:
      throw fail(
        word.column,
        "unknown fault \(ScenarioParser.quote(word.text)) ("
          + Self.didYouMean(word.text, ["down", "hang", "slow", "http", "reset", "truncate", "malformed"])
          + "expected down, hang, slow, http, reset, truncate or malformed)")
    }
  }
}
