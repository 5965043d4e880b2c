/// A PromQL function's signature, as the parser checks calls against it. The signatures come from
/// the function table (``FunctionDefinition``), so the parser and the evaluator know the same
/// functions.
public struct PromQLFunction: Hashable, Sendable {
  /// The name.
  public var name: String
  /// Argument types; with `variadic != 0` the last one repeats or is optional.
  public var argumentTypes: [ValueType]
  /// 0: exactly `argumentTypes`; n > 0: up to n more of the last type (or it may be left out);
  /// -1: any number of the last type.
  public var variadic: Int
  /// The type of the call's result.
  public var returnType: ValueType
  /// Gated behind `promql-experimental-functions` in Prometheus.
  public var isExperimental: Bool
  /// Meaningful only for native histograms, which rayrec does not store.
  public var nativeHistogramsOnly: Bool

  /// Creates the value from its parts.
  public init(
    name: String, argumentTypes: [ValueType], returnType: ValueType, variadic: Int = 0,
    experimental: Bool = false, nativeHistogramsOnly: Bool = false
  ) {
    self.name = name
    self.argumentTypes = argumentTypes
    self.returnType = returnType
    self.variadic = variadic
    self.isExperimental = experimental
    self.nativeHistogramsOnly = nativeHistogramsOnly
  }

  /// `holt_winters`, the Prometheus 2 name of `double_exponential_smoothing` (removed in 3.0).
  public static let holtWinters = FunctionDefinition.holtWinters.signature

  /// Every function of Prometheus 3 (current main), by name: the signatures of the function
  /// table (``FunctionDefinition``), where each sits beside its implementation.
  public static let all: [String: PromQLFunction] = Dictionary(
    uniqueKeysWithValues: FunctionDefinition.prometheus3.map { ($0.name, $0.signature) })
}
