import Basics

/// A number constant with the interpretations Go's `parse.NumberNode` records.
struct NumberLiteral: Sendable {
  var text: String
  var isInt = false
  var isFloat = false
  var int: Int64 = 0
  var float: Double = 0
  var isComplex = false
}

/// A declared variable in a pipeline (`$x :=`).
struct VariableDecl: Sendable {
  var pos: Int
  var name: String
}

/// A pipeline: optional declarations, then commands joined by `|`.
struct Pipe: Sendable {
  var pos: Int
  var line: Int
  var isAssign = false
  var decls: [VariableDecl] = []
  var commands: [Command] = []
}

/// One command of a pipeline: an operand, or a function/method and its arguments.
struct Command: Sendable {
  var pos: Int
  var args: [Arg] = []
}

/// An operand.
indirect enum Arg: Sendable {
  case field(pos: Int, path: [String])
  case variable(pos: Int, path: [String])
  case identifier(pos: Int, name: String)
  case dot(pos: Int)
  case nilValue(pos: Int)
  case bool(pos: Int, value: Bool)
  case number(pos: Int, value: NumberLiteral)
  case string(pos: Int, quoted: String, text: String)
  case pipe(Pipe)
  case chain(pos: Int, base: Arg, fields: [String])

  var pos: Int {
    switch self {
    case .field(let pos, _), .variable(let pos, _), .identifier(let pos, _), .dot(let pos),
      .nilValue(let pos),
      .bool(let pos, _), .number(let pos, _), .string(let pos, _, _), .chain(let pos, _, _):
      pos
    case .pipe(let pipe): pipe.pos
    }
  }
}

/// The kind of a control structure with a pipeline, a body and an optional else branch.
enum BranchKind: Sendable {
  case ifBranch, rangeBranch, withBranch

  var keyword: String {
    switch self {
    case .ifBranch: "if"
    case .rangeBranch: "range"
    case .withBranch: "with"
    }
  }
}

/// `{{if}}`, `{{range}}` or `{{with}}`.
struct Branch: Sendable {
  var kind: BranchKind
  var pos: Int
  var pipe: Pipe
  var list: [Node]
  var elseList: [Node]?
}

/// A node of a parsed template body.
indirect enum Node: Sendable {
  case text(pos: Int, text: String)
  case action(pos: Int, pipe: Pipe)
  case branch(Branch)
  case template(pos: Int, name: String, pipe: Pipe?)
  case breakLoop(pos: Int)
  case continueLoop(pos: Int)
}

// MARK: - Go's Node.String() forms, used as the `<...>` context of execution errors.

extension Pipe: CustomStringConvertible {
  var description: String {
    var result = ""
    if !decls.isEmpty {
      result = decls.map(\.name).joined(separator: ", ") + (isAssign ? " = " : " := ")
    }
    return result + commands.map(\.description).joined(separator: " | ")
  }
}

extension Command: CustomStringConvertible {
  var description: String {
    args.map { arg in
      if case .pipe(let pipe) = arg { return "(\(pipe))" }
      return arg.description
    }.joined(separator: " ")
  }
}

extension Arg: CustomStringConvertible {
  var description: String {
    switch self {
    case .field(_, let path): return path.map { "." + $0 }.joined()
    case .variable(_, let path): return path.joined(separator: ".")
    case .identifier(_, let name): return name
    case .dot: return "."
    case .nilValue: return "nil"
    case .bool(_, let value): return value ? "true" : "false"
    case .number(_, let value): return value.text
    case .string(_, let quoted, _): return quoted
    case .pipe(let pipe): return pipe.description
    case .chain(_, let base, let fields):
      let head: String
      if case .pipe(let pipe) = base { head = "(\(pipe))" } else { head = base.description }
      return head + fields.map { "." + $0 }.joined()
    }
  }
}

extension Node: CustomStringConvertible {
  var description: String {
    switch self {
    case .text(_, let text): return text
    case .action(_, let pipe): return "{{\(pipe)}}"
    case .branch(let branch):
      var result = "{{\(branch.kind.keyword) \(branch.pipe)}}" + branch.list.map(\.description).joined()
      if let elseList = branch.elseList {
        result += "{{else}}" + elseList.map(\.description).joined()
      }
      return result + "{{end}}"
    case .template(_, let name, let pipe):
      if let pipe { return "{{template \(GoQuote.quote(name)) \(pipe)}}" }
      return "{{template \(GoQuote.quote(name))}}"
    case .breakLoop: return "{{break}}"
    case .continueLoop: return "{{continue}}"
    }
  }

  var pos: Int {
    switch self {
    case .text(let pos, _), .action(let pos, _), .template(let pos, _, _), .breakLoop(let pos),
      .continueLoop(let pos):
      pos
    case .branch(let branch): branch.pos
    }
  }
}
