/// One PromQL function: the signature the parser checks calls against and what evaluating a call
/// does, side by side, so that a new function is one entry in ``FunctionDefinition/prometheus3``.
struct FunctionDefinition: Sendable {
  /// What a call evaluates to at one time.
  typealias Implementation = @Sendable (Evaluation, Call, Int64) throws(EvaluationError) -> Value

  /// The name, argument and result types, and the feature flags.
  let signature: PromQLFunction
  /// The evaluator's part.
  let implementation: Implementation

  var name: String { signature.name }

  init(
    _ name: String, _ args: [ValueType], _ ret: ValueType, variadic: Int = 0, experimental: Bool = false,
    nativeHistogramsOnly: Bool = false, _ implementation: @escaping Implementation
  ) {
    signature = PromQLFunction(
      name: name, argumentTypes: args, returnType: ret, variadic: variadic, experimental: experimental,
      nativeHistogramsOnly: nativeHistogramsOnly)
    self.implementation = implementation
  }

  /// Every function, Prometheus 2's `holt_winters` included, by name.
  static let byName: [String: FunctionDefinition] = Dictionary(
    uniqueKeysWithValues: (prometheus3 + [holtWinters]).map { ($0.name, $0) })

  // MARK: - Implementations several functions share

  /// A function of each sample's value, the metric name dropped.
  static func math(_ transform: @escaping @Sendable (Double) -> Double) -> Implementation {
    { evaluation, call, time throws(EvaluationError) in
      .vector(try evaluation.vector(call.args[0], at: time).map { evaluation.mapped($0, transform) })
    }
  }

  /// A function of range windows: `operation` computes one series' value from its window.
  static func overTime(
    keepsName: Bool = false, parameters: RangeFunction.Parameters? = nil,
    _ operation: RangeFunction.Operation?
  ) -> Implementation {
    let function = RangeFunction(keepsName: keepsName, parameters: parameters, operation: operation)
    return { evaluation, call, time throws(EvaluationError) in
      .vector(try evaluation.evaluateRangeFunction(call, at: time, function))
    }
  }

  /// A date component of each sample's value (seconds), or of the evaluation time without an
  /// argument.
  static func date(_ name: String) -> Implementation {
    { evaluation, call, time throws(EvaluationError) in
      let samples =
        call.args.isEmpty
        ? [VectorSample(labels: .empty, value: Double(time) / 1000, timestamp: time)]
        : try evaluation.vector(call.args[0], at: time)
      return .vector(samples.map { evaluation.mapped($0) { Evaluation.dateComponent(name, seconds: $0) } })
    }
  }

  /// For the functions of native histograms, which rayrec does not store.
  static let unsupported: Implementation = { _, call, _ throws(EvaluationError) in
    throw EvaluationError("function \(call.function.name)() is not supported by this evaluator")
  }
}
