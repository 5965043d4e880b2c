/// `node`, `nodes`, `actor`, `task` and `series` lines.
extension ScenarioParser {
  var nodeOptionNames: [String] {
    ["head", "absent", "cpus", "memory", "object-store"] + (profile?.endpoints.map(\.name) ?? [])
  }

  /// `node NAME ADDRESS [head] [absent] [cpus=N] [memory=SIZE] [object-store=SIZE] [ENDPOINT=PORT]`
  mutating func nodeLine(_ word: Token, _ args: [Token]) throws(ScenarioError) {
    try need(args, 2, after: word, "node NAME ADDRESS [options]")
    try addNode(name: args[0], address: args[1], options: args[2...], step: 0)
  }

  /// `nodes PREFIX COUNT ADDRESS[+] [options, ENDPOINT=PORT[+]]`: PREFIX1 ... PREFIXCOUNT; a
  /// trailing `+` on the address or a port makes it count up from node to node.
  mutating func nodesLine(_ word: Token, _ args: [Token]) throws(ScenarioError) {
    try need(args, 3, after: word, "nodes PREFIX COUNT ADDRESS[+] [options]")
    guard let count = ScenarioValues.count(args[1].text), (1...4096).contains(count) else {
      throw fail(args[1].column, "node count must be between 1 and 4096")
    }
    for i in 0..<count {
      let name = Token(text: args[0].text + String(i + 1), column: args[0].column)
      try addNode(name: name, address: args[2], options: args[3...], step: i)
    }
  }

  private mutating func addNode(name: Token, address: Token, options rest: ArraySlice<Token>, step: Int)
    throws(ScenarioError)
  {
    guard let profile else { throw fail(name.column - 5, "declare 'profile' before the nodes") }
    guard isIdentifier(name.text) else {
      throw fail(
        name.column, "node name \(ScenarioParser.quote(name.text)) must be letters, digits, '_' or '-'")
    }
    guard nodes.count < ScenarioLimits.maxNodes else {
      throw fail(
        name.column, "too many nodes (limit \(ScenarioLimits.grouped(ScenarioLimits.maxNodes)) per scenario)")
    }
    guard !nodes.contains(where: { $0.name == name.text }) else {
      throw fail(name.column, "node \(ScenarioParser.quote(name.text)) declared twice")
    }
    let counting = address.text.hasSuffix("+")
    let addressText = counting ? String(address.text.dropLast()) : address.text
    guard var octets = ScenarioValues.ipv4(addressText) else {
      throw fail(address.column, "bad IPv4 address \(ScenarioParser.quote(address.text))")
    }
    if counting {
      let value = (octets[0] << 24 | octets[1] << 16 | octets[2] << 8 | octets[3]) + step
      guard value <= 0xFFFF_FFFF else {
        throw fail(address.column, "address range runs past 255.255.255.255")
      }
      octets = [value >> 24 & 255, value >> 16 & 255, value >> 8 & 255, value & 255]
    }
    var node = NodeSpec(
      name: name.text, address: octets.map(String.init).joined(separator: "."), isHead: nodes.isEmpty)
    let opts = try options(rest, allowed: nodeOptionNames)
    for (key, value, token) in opts {
      switch key {
      case "head":
        guard value.isEmpty else { throw fail(token.column, "'head' takes no value") }
        guard nodes.isEmpty else {
          throw fail(
            token.column,
            "the head node must be declared first (\(ScenarioParser.quote(nodes[0].name)) is the head)")
        }
      case "absent":
        guard value.isEmpty else { throw fail(token.column, "'absent' takes no value") }
        node.presentAtStart = false
      case "cpus":
        guard let n = ScenarioValues.count(value), (1...1024).contains(n) else {
          throw fail(token.column + 5, "cpus must be an integer from 1 to 1024")
        }
        node.cpus = n
      case "memory", "object-store":
        guard let s = ScenarioValues.size(value), s >= 1_048_576 else {
          throw fail(
            token.column + key.count + 1,
            "bad size \(ScenarioParser.quote(value)) (for example 8GiB, 512MiB, 1e9)")
        }
        if key == "memory" { node.memoryBytes = s } else { node.objectStoreBytes = s }
      default:
        let up = value.hasSuffix("+")
        guard let p = ScenarioValues.count(up ? String(value.dropLast()) : value), (1...65535).contains(p)
        else { throw fail(token.column + key.count + 1, "bad port \(ScenarioParser.quote(value))") }
        let port = p + (up ? step : 0)
        guard port <= 65535 else { throw fail(token.column + key.count + 1, "port range runs past 65535") }
        node.ports[key] = port
      }
    }
    if node.isHead && !node.presentAtStart {
      throw fail(name.column, "the head node must be present at the start")
    }
    for endpoint in profile.endpoints where node.ports[endpoint.name] == nil {
      node.ports[endpoint.name] = endpoint.port
    }
    let mine = servedPorts(node, profile)
    if let dup = mine.first(where: { p in mine.filter { $0 == p }.count > 1 }) {
      throw fail(address.column, "node \(ScenarioParser.quote(node.name)) uses port \(dup) for two endpoints")
    }
    for other in nodes where other.address == node.address {
      if let port = servedPorts(other, profile).first(where: mine.contains) {
        throw fail(
          address.column,
          "\(node.address):\(port) is already used by node \(ScenarioParser.quote(other.name)); give each node its own address or ports"
        )
      }
    }
    nodes.append(node)
  }

  func servedPorts(_ node: NodeSpec, _ profile: Profile) -> [Int] {
    profile.endpoints.filter { !$0.headOnly || node.isHead }.compactMap { node.ports[$0.name] }
  }

  func isIdentifier(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 64
      && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
  }

  /// `actor NAME on NODE [count=N] [task-time=DUR] [calls=RATE]`
  mutating func actorLine(_ word: Token, _ args: [Token]) throws(ScenarioError) {
    try need(args, 3, after: word, "actor NAME on NODE [count=N] [task-time=DUR] [calls=RATE]")
    guard isIdentifier(args[0].text) else {
      throw fail(
        args[0].column, "actor name \(ScenarioParser.quote(args[0].text)) must be letters, digits, '_' or '-'"
      )
    }
    guard !actors.contains(where: { $0.name == args[0].text }) else {
      throw fail(args[0].column, "actor \(ScenarioParser.quote(args[0].text)) declared twice")
    }
    guard args[1].text == "on" else { throw fail(args[1].column, "expected 'on NODE'") }
    var actor = ActorSpec(name: args[0].text, node: try nodeIndex(args[2]))
    for (key, value, token) in try options(args[3...], allowed: ["count", "task-time", "calls"]) {
      let col = token.column + key.count + 1
      switch key {
      case "count":
        guard let n = ScenarioValues.count(value), (1...256).contains(n) else {
          throw fail(col, "count must be an integer from 1 to 256")
        }
        actor.count = n
      case "task-time":
        guard let d = ScenarioValues.duration(value), d > 0 else {
          throw fail(col, "bad duration \(ScenarioParser.quote(value))")
        }
        actor.taskSeconds = Double(d) / 1000
      default:
        guard let r = ScenarioValues.rate(value) else {
          throw fail(col, "bad rate \(ScenarioParser.quote(value)) (for example 5/s)")
        }
        actor.callsPerSecond = r
      }
    }
    actors.append(actor)
  }

  /// `task NAME rate=RATE [duration=DUR] [failures=PCT]`
  mutating func taskLine(_ word: Token, _ args: [Token]) throws(ScenarioError) {
    try need(args, 1, after: word, "task NAME rate=RATE [duration=DUR] [failures=PCT]")
    guard isIdentifier(args[0].text) else {
      throw fail(
        args[0].column, "task name \(ScenarioParser.quote(args[0].text)) must be letters, digits, '_' or '-'")
    }
    guard !tasks.contains(where: { $0.name == args[0].text }) else {
      throw fail(args[0].column, "task \(ScenarioParser.quote(args[0].text)) declared twice")
    }
    var task = TaskSpec(name: args[0].text, rate: 0)
    for (key, value, token) in try options(args[1...], allowed: ["rate", "duration", "failures"]) {
      let col = token.column + key.count + 1
      switch key {
      case "rate":
        guard let r = ScenarioValues.rate(value) else {
          throw fail(col, "bad rate \(ScenarioParser.quote(value)) (for example 20/s)")
        }
        task.rate = r
      case "duration":
        guard let d = ScenarioValues.duration(value), d > 0 else {
          throw fail(col, "bad duration \(ScenarioParser.quote(value))")
        }
        task.durationSeconds = Double(d) / 1000
      default:
        guard let f = ScenarioValues.fraction(value), f <= 1 else {
          throw fail(col, "failures must be a fraction from 0% to 100%")
        }
        task.failureRatio = f
      }
    }
    tasks.append(task)
  }

  /// `series [counter|gauge] NODE.ENDPOINT METRIC{labels} VALUES...` in promtool's notation.
  mutating func seriesLine(_ word: Token, _ args: [Token]) throws(ScenarioError) {
    var rest = args[...]
    var isCounter = false
    if let kind = rest.first, kind.text == "counter" || kind.text == "gauge" {
      isCounter = kind.text == "counter"
      rest = rest.dropFirst()
    }
    try need(Array(rest), 3, after: word, "series [counter|gauge] NODE.ENDPOINT METRIC{labels} VALUES...")
    let (node, endpoint) = try target(rest[rest.startIndex])
    guard let endpoint else {
      throw fail(rest[rest.startIndex].column, "a series needs NODE.ENDPOINT, not just a node")
    }
    let selector = rest[rest.startIndex + 1]
    let (name, labels) = try SeriesNotation.selector(selector, parser: self)
    if isCounter && !name.hasSuffix("_total") {
      throw fail(selector.column, "a counter's name must end in _total")
    }
    if let other = series.first(where: { $0.name == name && $0.isCounter != isCounter }) {
      throw fail(
        selector.column, "\(ScenarioParser.quote(name)) is already a \(other.isCounter ? "counter" : "gauge")"
      )
    }
    var values: [Double?] = []
    for item in rest.dropFirst(2) {
      // Counted before expanding: the limits are there so that nothing this large is allocated.
      let total = values.count + SeriesNotation.valueCount(item.text)
      guard total <= ScenarioLimits.maxValuesPerSeries else {
        throw fail(
          item.column,
          "too many values: this series would hold \(ScenarioLimits.grouped(total)) "
            + "(limit \(ScenarioLimits.grouped(ScenarioLimits.maxValuesPerSeries)) per series)")
      }
      guard seriesValues + total <= ScenarioLimits.maxSeriesValues else {
        throw fail(
          item.column,
          "too many values: the series lines would hold \(ScenarioLimits.grouped(seriesValues + total)) "
            + "(limit \(ScenarioLimits.grouped(ScenarioLimits.maxSeriesValues)) per scenario)")
      }
      values += try SeriesNotation.expand(item, parser: self)
    }
    seriesValues += values.count
    series.append(
      SeriesSpec(
        node: node, endpoint: endpoint, name: name, labels: labels, isCounter: isCounter, values: values))
  }

  /// `NODE` or `NODE.ENDPOINT`, checked against the profile.
  func target(_ token: Token) throws(ScenarioError) -> (Int, String?) {
    let parts = token.text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let node = try nodeIndex(Token(text: String(parts[0]), column: token.column))
    guard parts.count == 2 else { return (node, nil) }
    let endpoint = String(parts[1])
    let column = token.column + parts[0].count + 1
    guard let spec = profile?.endpoints.first(where: { $0.name == endpoint }) else {
      let names = profile?.endpoints.map(\.name).joined(separator: ", ") ?? ""
      throw fail(column, "unknown endpoint \(ScenarioParser.quote(endpoint)) (this profile has: \(names))")
    }
    if spec.headOnly && !nodes[node].isHead {
      throw fail(
        column,
        "\(ScenarioParser.quote(endpoint)) runs only on the head node, not on \(ScenarioParser.quote(nodes[node].name))"
      )
    }
    return (node, endpoint)
  }
}
