import Basics

/// Builds template trees from tokens, following the grammar and error wording of Go's
/// `text/template/parse`.
struct Parser {
  /// What `itemList` stopped at.
  private enum Item {
    case node(Node)
    case end(pos: Int)
    case elseItem(pos: Int)
  }

  /// Nesting limit for control structures and parenthesised pipelines, so hostile input cannot
  /// exhaust the stack (Go's own limit is 10000; ours is lower because Swift stacks are smaller).
  static let maxDepth = 100

  private let name: String
  private let tokens: [Token]
  private let isFunction: (String) -> Bool
  private var index = 0
  private var furthest = 0
  private var vars: [String] = ["$"]
  private var rangeDepth = 0
  private var depth = 0
  private var actionLine = 0
  private(set) var trees: [String: [Node]] = [:]

  init(name: String, text: String, isFunction: @escaping (String) -> Bool) {
    self.name = name
    self.tokens = Lexer.tokenize(text)
    self.isFunction = isFunction
  }

  /// Parses the whole text: returns every template by name, the top-level one under `name`.
  mutating func parse() throws(TemplateError) -> [String: [Node]] {
    var root: [Node] = []
    while try peek().kind != .eof {
      if try peek().kind == .leftDelim {
        let mark = index
        _ = try next()
        if try nextNonSpace().kind == .define {
          try parseDefinition()
          continue
        }
        index = mark
      }
      switch try textOrAction() {
      case .node(let node): root.append(node)
      case .end: try fail("unexpected {{end}}")
      case .elseItem: try fail("unexpected {{else}}")
      }
    }
    try add(name: name, root: root)
    return trees
  }

  // MARK: Token access

  private mutating func fetch(_ position: Int) throws(TemplateError) -> Token {
    let token = tokens[min(position, tokens.count - 1)]
    furthest = max(furthest, min(position, tokens.count - 1))
    if token.kind == .error { try unexpected(token, context: "") }
    return token
  }

  private mutating func next() throws(TemplateError) -> Token {
    let token = try fetch(index)
    index = min(index + 1, tokens.count - 1 + 1)
    return token
  }

  private mutating func peek() throws(TemplateError) -> Token { try fetch(index) }

  private mutating func backup() { index -= 1 }

  private mutating func nextNonSpace() throws(TemplateError) -> Token {
    var token = try next()
    while token.kind == .space { token = try next() }
    return token
  }

  private mutating func peekNonSpace() throws(TemplateError) -> Token {
    let token = try nextNonSpace()
    backup()
    return token
  }

  // MARK: Errors

  private func fail(_ message: String) throws(TemplateError) -> Never {
    let line = tokens[min(furthest, tokens.count - 1)].line
    throw TemplateError(kind: .parse, message: "template: \(name):\(line): \(message)")
  }

  private func unexpected(_ token: Token, context: String) throws(TemplateError) -> Never {
    if token.kind == .error {
      var extra = ""
      if actionLine != 0 && actionLine != token.line {
        extra = " in action started at \(name):\(actionLine)"
        if token.text.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
      }
      throw TemplateError(kind: .parse, message: "template: \(name):\(token.line): \(token.text)\(extra)")
    }
    try fail("unexpected \(token.display) in \(context)")
  }

  private mutating func expect(_ kind: Token.Kind, context: String) throws(TemplateError) -> Token {
    let token = try nextNonSpace()
    if token.kind != kind { try unexpected(token, context: context) }
    return token
  }

  // MARK: Templates

  private static func isEmpty(_ nodes: [Node]) -> Bool {
    nodes.allSatisfy { node in
      if case .text(_, let text) = node { return text.allSatisfy { $0.isWhitespace } }
      return false
    }
  }

  private mutating func add(name: String, root: [Node]) throws(TemplateError) {
    guard let existing = trees[name], !Parser.isEmpty(existing) else {
      trees[name] = root
      return
    }
    if !Parser.isEmpty(root) { try fail("template: multiple definition of template \(GoQuote.quote(name))") }
  }

  /// Parses a body in a fresh variable scope, as Go does for `define` and `block`.
  private mutating func parseIsolatedBody(context: String) throws(TemplateError) -> [Node] {
    let (savedVars, savedRange) = (vars, rangeDepth)
    vars = ["$"]
    rangeDepth = 0
    defer { (vars, rangeDepth) = (savedVars, savedRange) }
    let (list, end) = try itemList()
    if case .elseItem = end { try fail("unexpected {{else}} in \(context)") }
    return list
  }

  private mutating func parseDefinition() throws(TemplateError) {
    let context = "define clause"
    let token = try nextNonSpace()
    guard token.kind == .string || token.kind == .rawString else { try unexpected(token, context: context) }
    let defined = try unquote(token.text)
    _ = try expect(.rightDelim, context: context)
    let body = try parseIsolatedBody(context: context)
    try add(name: defined, root: body)
  }

  private mutating func itemList() throws(TemplateError) -> (list: [Node], end: Item) {
    var list: [Node] = []
    while try peekNonSpace().kind != .eof {
      let item = try textOrAction()
      switch item {
      case .node(let node): list.append(node)
      case .end, .elseItem: return (list, item)
      }
    }
    try fail("unexpected EOF")
  }

  private mutating func textOrAction() throws(TemplateError) -> Item {
    let token = try nextNonSpace()
    switch token.kind {
    case .text:
      return .node(.text(pos: token.pos, text: token.text))
    case .leftDelim:
      let saved = actionLine
      actionLine = token.line
      defer { actionLine = saved }
      return try action()
    default:
      try unexpected(token, context: "input")
    }
  }

  private mutating func action() throws(TemplateError) -> Item {
    let token = try nextNonSpace()
    switch token.kind {
    case .block: return .node(try blockControl())
    case .breakKeyword, .continueKeyword:
      let word = token.kind == .breakKeyword ? "break" : "continue"
      let after = try nextNonSpace()
      if after.kind != .rightDelim { try unexpected(after, context: "{{\(word)}}") }
      if rangeDepth == 0 { try fail("{{\(word)}} outside {{range}}") }
      return .node(token.kind == .breakKeyword ? .breakLoop(pos: token.pos) : .continueLoop(pos: token.pos))
    case .elseKeyword:
      let following = try peekNonSpace()
      if following.kind == .ifKeyword || following.kind == .with { return .elseItem(pos: following.pos) }
      return .elseItem(pos: try expect(.rightDelim, context: "else").pos)
    case .end:
      return .end(pos: try expect(.rightDelim, context: "end").pos)
    case .ifKeyword: return .node(try control(.ifBranch))
    case .range: return .node(try control(.rangeBranch))
    case .with: return .node(try control(.withBranch))
    case .template: return .node(try templateControl())
    default:
      backup()
      let first = try peek()
      return .node(.action(pos: first.pos, pipe: try pipeline(context: "command", end: .rightDelim)))
    }
  }

  private mutating func enterNesting() throws(TemplateError) {
    if depth >= Parser.maxDepth { try fail("max expression depth exceeded") }
    depth += 1
  }

  private mutating func control(_ kind: BranchKind) throws(TemplateError) -> Node {
    try enterNesting()
    defer { depth -= 1 }
    let savedVars = vars.count
    defer { vars.removeLast(vars.count - savedVars) }
    let pipe = try pipeline(context: kind.keyword, end: .rightDelim)
    if kind == .rangeBranch { rangeDepth += 1 }
    let (list, end) = try itemList()
    if kind == .rangeBranch { rangeDepth -= 1 }
    var elseList: [Node]?
    if case .elseItem = end {
      let following = try peek()
      if kind == .ifBranch && following.kind == .ifKeyword {
        _ = try next()
        elseList = [try control(.ifBranch)]
      } else if kind == .withBranch && following.kind == .with {
        _ = try next()
        elseList = [try control(.withBranch)]
      } else {
        let (list, end) = try itemList()
        if case .elseItem = end { try fail("expected end; found {{else}}") }
        elseList = list
      }
    }
    return .branch(Branch(kind: kind, pos: pipe.pos, pipe: pipe, list: list, elseList: elseList))
  }

  private mutating func templateName(context: String) throws(TemplateError) -> Token {
    let token = try nextNonSpace()
    guard token.kind == .string || token.kind == .rawString else { try unexpected(token, context: context) }
    return token
  }

  private mutating func templateControl() throws(TemplateError) -> Node {
    let context = "template clause"
    let token = try templateName(context: context)
    let called = try unquote(token.text)
    var pipe: Pipe?
    if try nextNonSpace().kind != .rightDelim {
      backup()
      pipe = try pipeline(context: context, end: .rightDelim)
    }
    return .template(pos: token.pos, name: called, pipe: pipe)
  }

  private mutating func blockControl() throws(TemplateError) -> Node {
    let context = "block clause"
    let token = try templateName(context: context)
    let called = try unquote(token.text)
    let pipe = try pipeline(context: context, end: .rightDelim)
    let body = try parseIsolatedBody(context: context)
    try add(name: called, root: body)
    return .template(pos: token.pos, name: called, pipe: pipe)
  }

  // MARK: Pipelines

  private mutating func pipeline(context: String, end: Token.Kind) throws(TemplateError) -> Pipe {
    let first = try peekNonSpace()
    var pipe = Pipe(pos: first.pos, line: first.line)
    declarations: while true {
      let mark = index
      guard try peekNonSpace().kind == .variable else { break }
      let variable = try nextNonSpace()
      let following = try peekNonSpace()
      switch following.kind {
      case .assign, .declare:
        pipe.isAssign = following.kind == .assign
        _ = try nextNonSpace()
        pipe.decls.append(VariableDecl(pos: variable.pos, name: variable.text))
        vars.append(variable.text)
      case .char where following.text == ",":
        _ = try nextNonSpace()
        pipe.decls.append(VariableDecl(pos: variable.pos, name: variable.text))
        vars.append(variable.text)
        if context == "range" && pipe.decls.count < 2 {
          switch try peekNonSpace().kind {
          case .variable, .rightDelim, .rightParen: continue declarations
          default: try fail("range can only initialize variables")
          }
        }
        try fail("too many declarations in \(context)")
      default:
        // Not a declaration: the variable is the first operand.
        index = mark
      }
      break
    }
    while true {
      let token = try nextNonSpace()
      switch token.kind {
      case end:
        try checkPipeline(pipe, context: context)
        return pipe
      case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword, .rawString,
        .string, .variable, .leftParen:
        backup()
        pipe.commands.append(try command())
      default:
        try unexpected(token, context: context)
      }
    }
  }

  private func checkPipeline(_ pipe: Pipe, context: String) throws(TemplateError) {
    if pipe.commands.isEmpty { try fail("missing value for \(context)") }
    for (offset, command) in pipe.commands.enumerated().dropFirst() {
      switch command.args.first {
      case .bool, .dot, .nilValue, .number, .string:
        try fail("non executable command in pipeline stage \(offset + 1)")
      default: break
      }
    }
  }

  private mutating func command() throws(TemplateError) -> Command {
    var command = Command(pos: try peekNonSpace().pos)
    while true {
      _ = try peekNonSpace()
      if let operand = try operand() { command.args.append(operand) }
      let token = try next()
      switch token.kind {
      case .space: continue
      case .rightDelim, .rightParen: backup()
      case .pipe: break
      default: try unexpected(token, context: "operand")
      }
      break
    }
    if command.args.isEmpty { try fail("empty command") }
    return command
  }

  private mutating func operand() throws(TemplateError) -> Arg? {
    guard let node = try term() else { return nil }
    guard try peek().kind == .field else { return node }
    let chainPos = try peek().pos
    var fields: [String] = []
    while try peek().kind == .field { fields.append(String(try next().text.dropFirst())) }
    switch node {
    case .field(_, let path): return .field(pos: chainPos, path: path + fields)
    case .variable(_, let path): return .variable(pos: chainPos, path: path + fields)
    case .bool, .string, .number, .nilValue, .dot:
      try fail("unexpected . after term \(GoQuote.quote(node.description))")
    default: return .chain(pos: chainPos, base: node, fields: fields)
    }
  }

  private mutating func term() throws(TemplateError) -> Arg? {
    let token = try nextNonSpace()
    switch token.kind {
    case .identifier:
      if !isFunction(token.text) { try fail("function \(GoQuote.quote(token.text)) not defined") }
      return .identifier(pos: token.pos, name: token.text)
    case .dot: return .dot(pos: token.pos)
    case .nilKeyword: return .nilValue(pos: token.pos)
    case .variable:
      if !vars.contains(token.text) { try fail("undefined variable \(GoQuote.quote(token.text))") }
      return .variable(pos: token.pos, path: [token.text])
    case .field: return .field(pos: token.pos, path: [String(token.text.dropFirst())])
    case .bool: return .bool(pos: token.pos, value: token.text == "true")
    case .charConstant, .complex, .number:
      return .number(pos: token.pos, value: try parseNumber(token))
    case .leftParen:
      try enterNesting()
      defer { depth -= 1 }
      return .pipe(try pipeline(context: "parenthesized pipeline", end: .rightParen))
    case .string, .rawString:
      return .string(pos: token.pos, quoted: token.text, text: try unquote(token.text))
    default:
      backup()
      return nil
    }
  }

  // MARK: Literals

  private func unquote(_ quoted: String) throws(TemplateError) -> String {
    guard let text = goUnquote(quoted) else { try fail("invalid syntax") }
    return text
  }

  private func parseNumber(_ token: Token) throws(TemplateError) -> NumberLiteral {
    var number = NumberLiteral(text: token.text)
    if token.kind == .charConstant {
      guard let scalar = goUnquoteChar(token.text) else {
        try fail(token.text.count > 2 ? "malformed character constant: \(token.text)" : "invalid syntax")
      }
      number.isInt = true
      number.int = Int64(scalar.value)
      number.isFloat = true
      number.float = Double(scalar.value)
      return number
    }
    if token.kind == .complex || token.text.hasSuffix("i") {
      try fail("complex constants are not supported: \(GoQuote.quote(token.text))")
    }
    if let value = goParseInt(token.text) {
      number.isInt = true
      number.int = value
      number.isFloat = true
      number.float = Double(value)
      return number
    }
    guard let value = goParseNumberFloat(token.text) else {
      try fail("illegal number syntax: \(GoQuote.quote(token.text))")
    }
    if !token.text.contains(where: { ".eEpP".contains($0) }) && !token.text.lowercased().hasPrefix("0x") {
      try fail("integer overflow: \(GoQuote.quote(token.text))")
    }
    number.isFloat = true
    number.float = value
    if value.rounded(.towardZero) == value, let exact = Int64(exactly: value) {
      number.isInt = true
      number.int = exact
    }
    return number
  }
}
