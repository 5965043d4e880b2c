import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct PromQLFunctionTests {
  @Test func tableHasTheFloatFunctions() throws {
    for name in [
      "abs", "absent", "absent_over_time", "avg_over_time", "ceil", "changes", "clamp", "clamp_max",
      "clamp_min",
      "count_over_time", "days_in_month", "day_of_month", "day_of_week", "day_of_year", "delta", "deriv",
      "exp",
      "floor", "histogram_quantile", "double_exponential_smoothing", "hour", "idelta", "increase", "irate",
      "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "max_over_time",
      "min_over_time",
      "minute", "month", "predict_linear", "present_over_time", "quantile_over_time", "rate", "resets",
      "round",
      "scalar", "sgn", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt", "stddev_over_time",
      "stdvar_over_time", "sum_over_time", "time", "timestamp", "vector", "year", "acos", "acosh", "asin",
      "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "pi",
      "mad_over_time",
    ] {
      #expect(PromQLFunction.all[name] != nil, "\(name)")
    }
    #expect(PromQLFunction.all["histogram_sum"]?.nativeHistogramsOnly == true)
    #expect(PromQLFunction.all["rate"]?.argumentTypes == [.matrix])
    #expect(PromQLFunction.all["holt_winters"] == nil)
  }
}
