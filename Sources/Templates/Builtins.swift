/// The predefined functions of Go's `text/template` (all but `call`).
enum Builtins {
  private static func function(
    _ parameters: [TemplateParameterType], variadic: TemplateParameterType? = nil,
    _ body: @escaping TemplateFunction.Body
  ) -> TemplateFunction {
    TemplateFunction(parameters: parameters, variadic: variadic, body: body)
  }

  static let table: [String: TemplateFunction] = [
    // and/or short-circuit in the executor; these bodies are never called.
    "and": function([.any], variadic: .any) { $0.last ?? .null },
    "or": function([.any], variadic: .any) { $0.last ?? .null },
    "not": function([.any]) { .bool(!$0[0].isTruthy) },
    "len": function([.any]) { args throws(TemplateFunctionError) in try length(args[0]) },
    "index": function([.any], variadic: .any) { args throws(TemplateFunctionError) in
      try indexValue(args[0], Array(args.dropFirst()))
    },
    "slice": function([.any], variadic: .any) { args throws(TemplateFunctionError) in
      try sliceValue(args[0], Array(args.dropFirst()))
    },
    "print": function([], variadic: .any) { .string(GoFormat.sprint($0)) },
    "println": function([], variadic: .any) { .string(GoFormat.sprintln($0)) },
    "printf": function([.string], variadic: .any) { args in
      guard case .string(let format) = args[0] else { return .null }
      return .string(GoFormat.sprintf(format, Array(args.dropFirst())))
    },
    "html": function([], variadic: .any) { .string(GoEscape.html(evalArgs($0))) },
    "js": function([], variadic: .any) { .string(GoEscape.javaScript(evalArgs($0))) },
    "urlquery": function([], variadic: .any) { .string(GoEscape.queryEscape(evalArgs($0))) },
    "eq": function([.any], variadic: .any) { args throws(TemplateFunctionError) in
      .bool(try equal(args[0], Array(args.dropFirst())))
    },
    "ne": function([.any, .any]) { args throws(TemplateFunctionError) in
      .bool(!(try equal(args[0], [args[1]])))
    },
    "lt": function([.any, .any]) { args throws(TemplateFunctionError) in .bool(try less(args[0], args[1])) },
    "le": function([.any, .any]) { args throws(TemplateFunctionError) in
      .bool(try lessOrEqual(args[0], args[1]))
    },
    "gt": function([.any, .any]) { args throws(TemplateFunctionError) in
      .bool(!(try lessOrEqual(args[0], args[1])))
    },
    "ge": function([.any, .any]) { args throws(TemplateFunctionError) in .bool(!(try less(args[0], args[1])))
    },
  ]

  /// The string form `html`, `js` and `urlquery` escape: a lone string as is, otherwise `fmt.Sprint`
  /// with nil shown as `<no value>`.
  static func evalArgs(_ args: [TemplateValue]) -> String {
    if args.count == 1, case .string(let text) = args[0] { return text }
    return GoFormat.sprint(args.map { $0 == .null ? .string("<no value>") : $0 })
  }

  private static func length(_ item: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
    switch item {
    case .string(let text): return .int(text.utf8.count)
    case .list(let items): return .int(items.count)
    case .map(let entries): return .int(entries.count)
    case .stringMap(let entries): return .int(entries.count)
    case .null: throw TemplateFunctionError("len of nil pointer")
    default: throw TemplateFunctionError("len of type \(item.goTypeName)")
    }
  }

  private static func indexArgument(_ index: TemplateValue, limit: Int) throws(TemplateFunctionError) -> Int {
    switch index {
    case .int(let value):
      if value < 0 || value > limit { throw TemplateFunctionError("index out of range: \(value)") }
      return value
    case .null: throw TemplateFunctionError("cannot index slice/array with nil")
    default: throw TemplateFunctionError("cannot index slice/array with type \(index.goTypeName)")
    }
  }

  private static func indexValue(_ item: TemplateValue, _ indexes: [TemplateValue])
    throws(TemplateFunctionError)
    -> TemplateValue
  {
    if item == .null { throw TemplateFunctionError("index of untyped nil") }
    var item = item
    for index in indexes {
      switch item {
      case .list(let items):
        let position = try indexArgument(index, limit: items.count)
        if position == items.count { throw TemplateFunctionError("index out of range: \(position)") }
        item = items[position]
      case .string(let text):
        let bytes = Array(text.utf8)
        let position = try indexArgument(index, limit: bytes.count)
        if position == bytes.count { throw TemplateFunctionError("index out of range: \(position)") }
        item = .int(Int(bytes[position]))
      case .map(let entries):
        guard case .string(let key) = index else {
          throw TemplateFunctionError("value has type \(index.goTypeName); should be string")
        }
        item = entries[key] ?? .null
      case .stringMap(let entries):
        guard case .string(let key) = index else {
          throw TemplateFunctionError("value has type \(index.goTypeName); should be string")
        }
        item = .string(entries[key] ?? "")
      case .null:
        throw TemplateFunctionError("index of nil pointer")
      default:
        throw TemplateFunctionError("can't index item of type \(item.goTypeName)")
      }
    }
    return item
  }

  private static func sliceValue(_ item: TemplateValue, _ indexes: [TemplateValue])
    throws(TemplateFunctionError)
    -> TemplateValue
  {
    if item == .null { throw TemplateFunctionError("slice of untyped nil") }
    if indexes.count > 3 { throw TemplateFunctionError("too many slice indexes: \(indexes.count)") }
    let count: Int
    switch item {
    case .string(let text):
      if indexes.count == 3 { throw TemplateFunctionError("cannot 3-index slice a string") }
      count = text.utf8.count
    case .list(let items): count = items.count
    default: throw TemplateFunctionError("can't slice item of type \(item.goTypeName)")
    }
    var bounds = [0, count, count]
    for (position, index) in indexes.enumerated() {
      bounds[position] = try indexArgument(index, limit: count)
    }
    if bounds[0] > bounds[1] {
      throw TemplateFunctionError("invalid slice index: \(bounds[0]) > \(bounds[1])")
    }
    if indexes.count == 3 && bounds[1] > bounds[2] {
      throw TemplateFunctionError("invalid slice index: \(bounds[1]) > \(bounds[2])")
    }
    switch item {
    case .string(let text):
      return .string(String(decoding: Array(text.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
    case .list(let items):
      return .list(Array(items[bounds[0]..<bounds[1]]))
    default:
      return .null
    }
  }

  /// Go's basic kinds for comparison; nil for anything else.
  private enum BasicKind { case bool, int, float, string }

  private static func basicKind(_ value: TemplateValue) -> BasicKind? {
    switch value {
    case .bool: .bool
    case .int: .int
    case .float: .float
    case .string: .string
    default: nil
    }
  }

  static func equal(_ first: TemplateValue, _ others: [TemplateValue]) throws(TemplateFunctionError) -> Bool {
    if others.isEmpty { throw TemplateFunctionError("missing argument for comparison") }
    let firstKind = basicKind(first)
    for other in others {
      let otherKind = basicKind(other)
      let truth: Bool
      if firstKind != otherKind {
        if first != .null && other != .null {
          throw TemplateFunctionError("incompatible types for comparison")
        }
        truth = first == other
      } else if firstKind != nil {
        truth = first == other
      } else {
        switch first {
        case .list, .map, .stringMap:
          throw TemplateFunctionError("non-comparable type \(first.goTypeName)")
        default:
          if first.goTypeName != other.goTypeName && first != .null && other != .null {
            throw TemplateFunctionError("non-comparable types \(first.goTypeName), \(other.goTypeName)")
          }
          truth = first == other
        }
      }
      if truth { return true }
    }
    return false
  }

  static func lessOrEqual(_ first: TemplateValue, _ second: TemplateValue) throws(TemplateFunctionError)
    -> Bool
  {
    if try less(first, second) { return true }
    return try equal(first, [second])
  }

  static func less(_ first: TemplateValue, _ second: TemplateValue) throws(TemplateFunctionError) -> Bool {
    guard let firstKind = basicKind(first), let secondKind = basicKind(second) else {
      throw TemplateFunctionError("invalid type for comparison")
    }
    if firstKind != secondKind { throw TemplateFunctionError("incompatible types for comparison") }
    switch (first, second) {
    case (.int(let lhs), .int(let rhs)): return lhs < rhs
    case (.float(let lhs), .float(let rhs)): return lhs < rhs
    case (.string(let lhs), .string(let rhs)): return goLess(lhs, rhs)
    default: throw TemplateFunctionError("invalid type for comparison")
    }
  }
}
