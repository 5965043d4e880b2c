import Basics

extension Executor {
  func evalPipeline(_ pipe: Pipe, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
    at = .pipe(pipe)
    var value: TemplateValue?
    for command in pipe.commands {
      value = try evalCommand(command, dot: dot, final: value)
    }
    let result = value ?? .null
    for decl in pipe.decls {
      if pipe.isAssign {
        guard let index = vars.lastIndex(where: { $0.name == decl.name }) else {
          try fail("undefined variable: \(decl.name)")
        }
        vars[index].value = result
      } else {
        vars.append((decl.name, result))
      }
    }
    return result
  }

  private func notAFunction(_ args: [Arg], final: TemplateValue?) throws(TemplateError) {
    if args.count > 1 || final != nil, let first = args.first {
      try fail("can't give argument to non-function \(first)")
    }
  }

  private func evalCommand(_ command: Command, dot: TemplateValue, final: TemplateValue?)
    throws(TemplateError)
    -> TemplateValue
  {
    guard let first = command.args.first else { try fail("empty command") }
    switch first {
    case .field(_, let path):
      at = .arg(first)
      return try evalFieldChain(dot: dot, receiver: dot, names: path, args: command.args, final: final)
    case .chain:
      return try evalChain(first, dot: dot, args: command.args, final: final)
    case .identifier(_, let name):
      return try evalFunction(
        name, ident: first, dot: dot, callNode: .command(command), args: command.args, final: final)
    case .pipe(let pipe):
      try notAFunction(command.args, final: final)
      return try evalPipeline(pipe, dot: dot)
    case .variable:
      return try evalVariable(first, dot: dot, args: command.args, final: final)
    default:
      break
    }
    at = .arg(first)
    try notAFunction(command.args, final: final)
    switch first {
    case .bool(_, let value): return .bool(value)
    case .dot: return dot
    case .nilValue: try fail("nil is not a command")
    case .number(_, let number): return try idealConstant(number)
    case .string(_, _, let text): return .string(text)
    default: try fail("can't evaluate command \(GoQuote.quote(first.description))")
    }
  }

  private func evalChain(_ chain: Arg, dot: TemplateValue, args: [Arg], final: TemplateValue?)
    throws(TemplateError)
    -> TemplateValue
  {
    at = .arg(chain)
    guard case .chain(_, let base, let fields) = chain else { return .null }
    if case .nilValue = base { try fail("indirection through explicit nil in \(chain)") }
    let receiver = try evalArg(base, type: .any, dot: dot)
    return try evalFieldChain(dot: dot, receiver: receiver, names: fields, args: args, final: final)
  }

  private func evalVariable(_ variable: Arg, dot: TemplateValue, args: [Arg], final: TemplateValue?)
    throws(TemplateError) -> TemplateValue
  {
    at = .arg(variable)
    guard case .variable(_, let path) = variable, let name = path.first else { return .null }
    let value = try self.variable(name)
    if path.count == 1 {
      try notAFunction(args, final: final)
      return value
    }
    return try evalFieldChain(
      dot: dot, receiver: value, names: Array(path.dropFirst()), args: args, final: final)
  }

  private func evalFieldChain(
    dot: TemplateValue, receiver: TemplateValue, names: [String], args: [Arg], final: TemplateValue?
  ) throws(TemplateError) -> TemplateValue {
    var receiver = receiver
    for name in names.dropLast() {
      receiver = try evalField(name, receiver: receiver, dot: dot, args: [], final: nil)
    }
    guard let last = names.last else { return receiver }
    return try evalField(last, receiver: receiver, dot: dot, args: args, final: final)
  }

  private func evalField(
    _ name: String, receiver: TemplateValue, dot: TemplateValue, args: [Arg], final: TemplateValue?
  )
    throws(TemplateError) -> TemplateValue
  {
    let hasArgs = args.count > 1 || final != nil
    switch receiver {
    case .null:
      if options.missingKey == .error { try fail("nil data; no entry for key \(GoQuote.quote(name))") }
      return .null
    case .time, .duration:
      let node = at
      var argv: [TemplateValue] = []
      for arg in args.dropFirst() { argv.append(try evalArg(arg, type: .any, dot: dot)) }
      if let final { argv.append(final) }
      switch GoTime.method(name, on: receiver, args: argv) {
      case .success(let value)?: return value
      case .failure(let error)?:
        at = node
        try fail("error calling \(name): \(error.message)")
      case nil: break
      }
    case .record(let record):
      if let value = record[name] {
        if hasArgs { try fail("\(name) has arguments but cannot be invoked as function") }
        return value
      }
    case .map(let entries):
      if hasArgs { try fail("\(name) is not a method but has arguments") }
      if let value = entries[name] { return value }
      if options.missingKey == .error { try fail("map has no entry for key \(GoQuote.quote(name))") }
      return .null
    case .stringMap(let entries):
      if hasArgs { try fail("\(name) is not a method but has arguments") }
      if let value = entries[name] { return .string(value) }
      switch options.missingKey {
      case .error: try fail("map has no entry for key \(GoQuote.quote(name))")
      case .zero: return .string("")
      case .invalid: return .null
      }
    default:
      break
    }
    try fail("can't evaluate field \(name) in type \(receiver.goTypeName)")
  }

  private func evalFunction(
    _ name: String, ident: Arg, dot: TemplateValue, callNode: AtNode, args: [Arg], final: TemplateValue?
  ) throws(TemplateError) -> TemplateValue {
    at = .arg(ident)
    if let function = template.functions[name] {
      return try evalCall(
        function, name: name, isBuiltin: false, callNode: callNode, dot: dot, args: args, final: final)
    }
    guard let builtin = Builtins.table[name] else {
      try fail("\(GoQuote.quote(name)) is not a defined function")
    }
    return try evalCall(
      builtin, name: name, isBuiltin: true, callNode: callNode, dot: dot, args: args, final: final)
  }

  private func evalCall(
    _ function: TemplateFunction, name: String, isBuiltin: Bool, callNode: AtNode, dot: TemplateValue,
    args: [Arg],
    final: TemplateValue?
  ) throws(TemplateError) -> TemplateValue {
    let args = Array(args.dropFirst())
    let count = args.count + (final == nil ? 0 : 1)
    let fixed = function.parameters.count
    if function.variadic != nil {
      if count < fixed {
        try fail("wrong number of args for \(name): want at least \(fixed) got \(args.count)")
      }
    } else if count != fixed {
      try fail("wrong number of args for \(name): want \(fixed) got \(count)")
    }
    if isBuiltin && (name == "and" || name == "or") {
      var value = TemplateValue.null
      for arg in args {
        value = try evalArg(arg, type: .any, dot: dot)
        if value.isTruthy == (name == "or") { return value }
      }
      return final ?? value
    }
    var argv: [TemplateValue] = []
    for (index, arg) in args.enumerated() {
      let type = index < fixed ? function.parameters[index] : (function.variadic ?? .any)
      argv.append(try evalArg(arg, type: type, dot: dot))
    }
    if let final {
      let type: TemplateParameterType
      if let variadic = function.variadic, count - 1 >= fixed {
        type = variadic
      } else {
        type = function.parameters[count - 1]
      }
      argv.append(try validateType(final, type))
    }
    do {
      return try function.body(argv)
    } catch {
      at = callNode
      try fail("error calling \(name): \(error.message)")
    }
  }

  func evalArg(_ arg: Arg, type: TemplateParameterType, dot: TemplateValue) throws(TemplateError)
    -> TemplateValue
  {
    at = .arg(arg)
    switch arg {
    case .dot:
      return try validateType(dot, type)
    case .nilValue:
      if canBeNil(type) { return .null }
      try fail("cannot assign nil to \(type.goName)")
    case .field(_, let path):
      return try validateType(
        try evalFieldChain(dot: dot, receiver: dot, names: path, args: [arg], final: nil), type)
    case .variable:
      return try validateType(try evalVariable(arg, dot: dot, args: [arg], final: nil), type)
    case .pipe(let pipe):
      return try validateType(try evalPipeline(pipe, dot: dot), type)
    case .identifier(_, let name):
      return try validateType(
        try evalFunction(name, ident: arg, dot: dot, callNode: .arg(arg), args: [arg], final: nil), type)
    case .chain:
      return try validateType(try evalChain(arg, dot: dot, args: [arg], final: nil), type)
    case .bool, .number, .string:
      break
    }
    switch (type.kind, arg) {
    case (.bool, .bool(_, let value)): return .bool(value)
    case (.bool, _): try fail("expected bool; found \(arg)")
    case (.float, .number(_, let number)) where number.isFloat: return .float(number.float)
    case (.float, _): try fail("expected float; found \(arg)")
    case (.int, .number(_, let number)) where number.isInt: return .int(Int(number.int))
    case (.int, _): try fail("expected integer; found \(arg)")
    case (.string, .string(_, _, let text)): return .string(text)
    case (.string, _): try fail("expected string; found \(arg)")
    case (.any, .bool(_, let value)): return .bool(value)
    case (.any, .number(_, let number)): return try idealConstant(number)
    case (.any, .string(_, _, let text)): return .string(text)
    default: try fail("can't handle \(arg) for arg of type \(type.goName)")
    }
  }

  private func canBeNil(_ type: TemplateParameterType) -> Bool {
    switch type.kind {
    case .any, .list, .map, .record, .time, .duration: true
    case .string, .float, .int, .bool: false
    }
  }

  private func validateType(_ value: TemplateValue, _ type: TemplateParameterType) throws(TemplateError)
    -> TemplateValue
  {
    if value == .null {
      if canBeNil(type) { return .null }
      try fail("invalid value; expected \(type.goName)")
    }
    switch (type.kind, value) {
    case (.any, _), (.string, .string), (.float, .float), (.int, .int), (.bool, .bool), (.list, .list),
      (.map, .map), (.map, .stringMap), (.time, .time), (.duration, .duration):
      return value
    case (.record, .record(let record)) where record.typeName == type.goName:
      return value
    default:
      try fail("wrong type for value; expected \(type.goName); got \(value.goTypeName)")
    }
  }

  /// The type an untyped number constant takes where any type is accepted: float64 when it is
  /// written as a float, int otherwise.
  private func idealConstant(_ number: NumberLiteral) throws(TemplateError) -> TemplateValue {
    let text = number.text.lowercased()
    let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
    let isHexInt = unsigned.hasPrefix("0x") && !unsigned.contains("p")
    let isRune = text.hasPrefix("'")
    if number.isFloat && !isHexInt && !isRune && text.contains(where: { ".ep".contains($0) }) {
      return .float(number.float)
    }
    if number.isInt { return .int(Int(number.int)) }
    try fail("\(number.text) overflows int")
  }
}
