import Basics

/// The node a failing execution step was at: Go reports its position and its text.
enum AtNode {
  case arg(Arg)
  case command(Command)
  case pipe(Pipe)
  case node(Node)

  var pos: Int {
    switch self {
    case .arg(let arg): arg.pos
    case .command(let command): command.pos
    case .pipe(let pipe): pipe.pos
    case .node(let node): node.pos
    }
  }

  var text: String {
    switch self {
    case .arg(let arg): arg.description
    case .command(let command): command.description
    case .pipe(let pipe): pipe.description
    case .node(let node): node.description
    }
  }
}

/// Runs a parsed template, following the evaluation rules of Go's `text/template` exec.go.
final class Executor {
  enum Flow {
    case normal, breakLoop, continueLoop
  }

  let template: Template
  let options: TemplateOptions
  var current: String
  var output = ""
  var outputBytes = 0
  var vars: [(name: String, value: TemplateValue)]
  var at: AtNode?
  var depth = 0
  var steps = 0

  init(template: Template, options: TemplateOptions, current: String, data: TemplateValue) {
    self.template = template
    self.options = options
    self.current = current
    self.vars = [("$", data)]
  }

  func run(_ root: [Node], dot: TemplateValue) throws(TemplateError) {
    _ = try walk(root, dot: dot)
  }

  // MARK: Errors

  func fail(_ message: String) throws(TemplateError) -> Never {
    guard let at else {
      throw TemplateError(kind: .execution, message: "template: \(current): \(message)")
    }
    let pos = min(at.pos, template.text.count)
    let before = template.text[..<pos]
    let line = 1 + before.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    let column = before.lastIndex(of: 10).map { pos - $0 - 1 } ?? pos
    var context = at.text
    if context.utf8.count > 20 {
      context = String(String.UnicodeScalarView(context.unicodeScalars.prefix(20))) + "..."
    }
    throw TemplateError(
      kind: .execution,
      message:
        "template: \(template.name):\(line):\(column): executing \(GoQuote.quote(current)) at <\(context)>: \(message)"
    )
  }

  private func step() throws(TemplateError) {
    steps += 1
    if steps > options.maxSteps {
      try fail("exceeded maximum number of execution steps (\(options.maxSteps))")
    }
  }

  private func write(_ text: String) throws(TemplateError) {
    outputBytes += text.utf8.count
    if outputBytes > options.maxOutputBytes {
      try fail("exceeded maximum output size (\(options.maxOutputBytes) bytes)")
    }
    output += text
  }

  // MARK: Variables

  func variable(_ name: String) throws(TemplateError) -> TemplateValue {
    guard let found = vars.last(where: { $0.name == name }) else { try fail("undefined variable: \(name)") }
    return found.value
  }

  private func setVariable(_ name: String, _ value: TemplateValue) throws(TemplateError) {
    guard let index = vars.lastIndex(where: { $0.name == name }) else {
      try fail("undefined variable: \(name)")
    }
    vars[index].value = value
  }

  private func setTopVariable(_ fromTop: Int, _ value: TemplateValue) {
    let index = vars.count - fromTop
    if vars.indices.contains(index) { vars[index].value = value }
  }

  private func pop(to mark: Int) {
    if vars.count > mark { vars.removeLast(vars.count - mark) }
  }

  // MARK: Walking

  private func walk(_ nodes: [Node], dot: TemplateValue) throws(TemplateError) -> Flow {
    for node in nodes {
      let flow = try walk(node, dot: dot)
      if flow != .normal { return flow }
    }
    return .normal
  }

  private func walk(_ node: Node, dot: TemplateValue) throws(TemplateError) -> Flow {
    try step()
    switch node {
    case .text(_, let text):
      try write(text)
    case .action(_, let pipe):
      let value = try evalPipeline(pipe, dot: dot)
      if pipe.decls.isEmpty { try write(GoFormat.printed(value)) }
    case .branch(let branch):
      if branch.kind == .rangeBranch { return try walkRange(branch, node: node, dot: dot) }
      let mark = vars.count
      defer { pop(to: mark) }
      let value = try evalPipeline(branch.pipe, dot: dot)
      if value.isTruthy {
        return try walk(branch.list, dot: branch.kind == .withBranch ? value : dot)
      } else if let elseList = branch.elseList {
        return try walk(elseList, dot: dot)
      }
    case .template(_, let name, let pipe):
      try walkTemplate(name: name, pipe: pipe, node: node, dot: dot)
    case .breakLoop:
      return .breakLoop
    case .continueLoop:
      return .continueLoop
    }
    return .normal
  }

  private func walkRange(_ branch: Branch, node: Node, dot: TemplateValue) throws(TemplateError) -> Flow {
    at = .node(node)
    let mark = vars.count
    defer { pop(to: mark) }
    let value = try evalPipeline(branch.pipe, dot: dot)
    let inner = vars.count
    let decls = branch.pipe.decls
    func iterate(_ index: TemplateValue, _ element: TemplateValue) throws(TemplateError) -> Flow {
      try step()
      if !decls.isEmpty {
        if branch.pipe.isAssign {
          try setVariable(decls[0].name, decls.count > 1 ? index : element)
        } else {
          setTopVariable(1, element)
        }
      }
      if decls.count > 1 {
        if branch.pipe.isAssign {
          try setVariable(decls[1].name, element)
        } else {
          setTopVariable(2, index)
        }
      }
      defer { pop(to: inner) }
      return try walk(branch.list, dot: element)
    }
    var iterated = false
    switch value {
    case .list(let items):
      for (offset, item) in items.enumerated() {
        iterated = true
        if try iterate(.int(offset), item) == .breakLoop { break }
      }
    case .map(let entries):
      for key in sortedKeys(entries) {
        iterated = true
        if try iterate(.string(key), entries[key] ?? .null) == .breakLoop { break }
      }
    case .stringMap(let entries):
      for key in sortedKeys(entries) {
        iterated = true
        if try iterate(.string(key), .string(entries[key] ?? "")) == .breakLoop { break }
      }
    case .int(let count):
      if decls.count > 1 { try fail("can't use \(count) to iterate over more than one variable") }
      var index = 0
      while index < count {
        iterated = true
        if try iterate(.null, .int(index)) == .breakLoop { break }
        index += 1
      }
    case .null:
      break
    default:
      try fail("range can't iterate over \(GoFormat.printed(value))")
    }
    if !iterated, let elseList = branch.elseList {
      return try walk(elseList, dot: dot)
    }
    return .normal
  }

  private func walkTemplate(name: String, pipe: Pipe?, node: Node, dot: TemplateValue) throws(TemplateError) {
    at = .node(node)
    guard let root = template.trees[name] else { try fail("template \(GoQuote.quote(name)) not defined") }
    if depth >= options.maxTemplateDepth {
      try fail("exceeded maximum template depth (\(options.maxTemplateDepth))")
    }
    let newDot = try pipe.map { pipe throws(TemplateError) in try evalPipeline(pipe, dot: dot) } ?? .null
    let saved = (vars, current)
    vars = [("$", newDot)]
    current = name
    depth += 1
    defer {
      (vars, current) = saved
      depth -= 1
    }
    _ = try walk(root, dot: newDot)
  }
}
