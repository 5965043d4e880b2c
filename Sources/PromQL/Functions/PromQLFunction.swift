/// A PromQL function's signature, as the parser checks calls against it.
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
  public static let holtWinters = PromQLFunction(
    name: "holt_winters", argumentTypes: [.matrix, .scalar, .scalar], returnType: .vector)

  /// Every function of Prometheus 3 (current main), by name.
  public static let all: [String: PromQLFunction] = {
    func f(
      _ name: String, _ args: [ValueType], _ ret: ValueType, variadic: Int = 0, experimental: Bool = false,
      nativeHistogramsOnly: Bool = false
    ) -> PromQLFunction {
      PromQLFunction(
        name: name, argumentTypes: args, returnType: ret, variadic: variadic, experimental: experimental,
        nativeHistogramsOnly: nativeHistogramsOnly)
    }
    let list = [
      f("abs", [.vector], .vector),
      f("absent", [.vector], .vector),
      f("absent_over_time", [.matrix], .vector),
      f("acos", [.vector], .vector),
      f("acosh", [.vector], .vector),
      f("asin", [.vector], .vector),
      f("asinh", [.vector], .vector),
      f("atan", [.vector], .vector),
      f("atanh", [.vector], .vector),
      f("avg_over_time", [.matrix], .vector),
      f("ceil", [.vector], .vector),
      f("changes", [.matrix], .vector),
      f("clamp", [.vector, .scalar, .scalar], .vector),
      f("clamp_max", [.vector, .scalar], .vector),
      f("clamp_min", [.vector, .scalar], .vector),
      f("cos", [.vector], .vector),
      f("cosh", [.vector], .vector),
      f("count_over_time", [.matrix], .vector),
      f("days_in_month", [.vector], .vector, variadic: 1),
      f("day_of_month", [.vector], .vector, variadic: 1),
      f("day_of_week", [.vector], .vector, variadic: 1),
      f("day_of_year", [.vector], .vector, variadic: 1),
      f("deg", [.vector], .vector),
      f("delta", [.matrix], .vector),
      f("deriv", [.matrix], .vector),
      f("double_exponential_smoothing", [.matrix, .scalar, .scalar], .vector, experimental: true),
      f("end", [], .scalar, experimental: true),
      f("exp", [.vector], .vector),
      f("first_over_time", [.matrix], .vector),
      f("floor", [.vector], .vector),
      f("histogram_avg", [.vector], .vector, nativeHistogramsOnly: true),
      f("histogram_count", [.vector], .vector, nativeHistogramsOnly: true),
      f("histogram_fraction", [.scalar, .scalar, .vector], .vector, nativeHistogramsOnly: true),
      f("histogram_quantile", [.scalar, .vector], .vector),
      f(
        "histogram_quantiles", [.vector, .string, .scalar, .scalar], .vector, variadic: 9, experimental: true,
        nativeHistogramsOnly: true),
      f("histogram_stddev", [.vector], .vector, nativeHistogramsOnly: true),
      f("histogram_stdvar", [.vector], .vector, nativeHistogramsOnly: true),
      f("histogram_sum", [.vector], .vector, nativeHistogramsOnly: true),
      f("hour", [.vector], .vector, variadic: 1),
      f("idelta", [.matrix], .vector),
      f("increase", [.matrix], .vector),
      f("info", [.vector, .vector], .vector, variadic: 1, experimental: true),
      f("irate", [.matrix], .vector),
      f("label_join", [.vector, .string, .string, .string], .vector, variadic: -1),
      f("label_replace", [.vector, .string, .string, .string, .string], .vector),
      f("last_over_time", [.matrix], .vector),
      f("ln", [.vector], .vector),
      f("log10", [.vector], .vector),
      f("log2", [.vector], .vector),
      f("mad_over_time", [.matrix], .vector, experimental: true),
      f("max_of", [.scalar, .scalar], .scalar, experimental: true),
      f("max_over_time", [.matrix], .vector),
      f("min_of", [.scalar, .scalar], .scalar, experimental: true),
      f("min_over_time", [.matrix], .vector),
      f("minute", [.vector], .vector, variadic: 1),
      f("month", [.vector], .vector, variadic: 1),
      f("pi", [], .scalar),
      f("predict_linear", [.matrix, .scalar], .vector),
      f("present_over_time", [.matrix], .vector),
      f("quantile_over_time", [.scalar, .matrix], .vector),
      f("rad", [.vector], .vector),
      f("range", [], .scalar, experimental: true),
      f("rate", [.matrix], .vector),
      f("resets", [.matrix], .vector),
      f("round", [.vector, .scalar], .vector, variadic: 1),
      f("scalar", [.vector], .scalar),
      f("sgn", [.vector], .vector),
      f("sin", [.vector], .vector),
      f("sinh", [.vector], .vector),
      f("sort", [.vector], .vector),
      f("sort_by_label", [.vector, .string], .vector, variadic: -1, experimental: true),
      f("sort_by_label_desc", [.vector, .string], .vector, variadic: -1, experimental: true),
      f("sort_desc", [.vector], .vector),
      f("sqrt", [.vector], .vector),
      f("start", [], .scalar, experimental: true),
      f("start_timestamp", [.vector], .vector, experimental: true),
      f("stddev_over_time", [.matrix], .vector),
      f("stdvar_over_time", [.matrix], .vector),
      f("step", [], .scalar, experimental: true),
      f("sum_over_time", [.matrix], .vector),
      f("tan", [.vector], .vector),
      f("tanh", [.vector], .vector),
      f("time", [], .scalar),
      f("timestamp", [.vector], .vector),
      f("ts_of_first_over_time", [.matrix], .vector, experimental: true),
      f("ts_of_last_over_time", [.matrix], .vector, experimental: true),
      f("ts_of_max_over_time", [.matrix], .vector, experimental: true),
      f("ts_of_min_over_time", [.matrix], .vector, experimental: true),
      f("vector", [.scalar], .vector),
      f("year", [.vector], .vector, variadic: 1),
    ]
    return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
  }()
}
