import Basics

/// How execution treats a missing map key, like Go's `Option("missingkey=...")`.
public enum MissingKeyMode: Sendable, Equatable {
  /// `missingkey=default`/`invalid`: the missing value prints `<no value>`.
  case invalid
  /// `missingkey=zero`: the element type's zero value (`""` for a `map[string]string`; still
  /// `<no value>` for a `map[string]interface {}`, as in Go).
  case zero
  /// `missingkey=error`: execution stops with `map has no entry for key "x"`.
  case error
}

/// Execution options and the limits that keep hostile templates bounded.
public struct TemplateOptions: Sendable, Equatable {
  /// Missing map key handling.
  public var missingKey: MissingKeyMode
  /// Maximum nesting of `{{template}}` calls (Go allows 100000; Swift stacks need a lower bound).
  public var maxTemplateDepth: Int
  /// Maximum number of nodes and range iterations executed, so `{{range 1000000000}}` stops.
  public var maxSteps: Int
  /// Maximum output size in bytes.
  public var maxOutputBytes: Int

  /// Makes options; the defaults are Go's defaults plus our limits.
  public init(
    missingKey: MissingKeyMode = .invalid, maxTemplateDepth: Int = 100, maxSteps: Int = 1_000_000,
    maxOutputBytes: Int = 16 << 20
  ) {
    self.missingKey = missingKey
    self.maxTemplateDepth = maxTemplateDepth
    self.maxSteps = maxSteps
    self.maxOutputBytes = maxOutputBytes
  }
}

/// A parsed Go `text/template`: the top-level template plus every `{{define}}`d and `{{block}}`
/// template of its text, with the functions it may call.
public struct Template: Sendable {
  /// The top-level template's name (used in error messages).
  public let name: String
  let trees: [String: [Node]]
  let text: [UInt8]
  let functions: [String: TemplateFunction]

  /// Parses `text` as template `name`. Identifiers must name a builtin or one of `functions`
  /// (entries of `functions` override builtins of the same name, as a Go `FuncMap` does).
  public init(name: String, text: String, functions: [String: TemplateFunction] = [:]) throws(TemplateError) {
    var parser = Parser(name: name, text: text) { name in
      functions[name] != nil || Builtins.table[name] != nil
    }
    self.name = name
    self.trees = try parser.parse()
    self.text = Array(text.utf8)
    self.functions = functions
  }

  /// The names of all templates the text defines, sorted, including the top-level one.
  public var templateNames: [String] {
    trees.keys.sorted(by: goLess)
  }

  /// Executes the top-level template with `data` as dot and `$`.
  public func execute(_ data: TemplateValue, options: TemplateOptions = TemplateOptions())
    throws(TemplateError)
    -> String
  {
    try execute(templateNamed: name, data, options: options)
  }

  /// Executes the named template (Go's `ExecuteTemplate`).
  public func execute(
    templateNamed called: String, _ data: TemplateValue, options: TemplateOptions = TemplateOptions()
  )
    throws(TemplateError) -> String
  {
    guard let root = trees[called] else {
      throw TemplateError(
        kind: .execution,
        message:
          "template: no template \(GoQuote.quote(called)) associated with template \(GoQuote.quote(name))")
    }
    let executor = Executor(template: self, options: options, current: called, data: data)
    try executor.run(root, dot: data)
    return executor.output
  }
}
